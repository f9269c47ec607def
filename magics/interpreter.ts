// Magics that act on the interpreter itself: %%cpp, %include, %lib, %reset,
// %undo, %who and %whos.
import { OK, UsageError } from '../kernel/outcome.js';
import type { Magic } from './magic.js';
import { parseOptions, positiveInteger, splitArgs } from './parse.js';

function oneWord(args: string, what: string): string {
  const words = splitArgs(args);
  if (words.length !== 1) throw new UsageError(`give one ${what}`);
  return words[0];
}

export const interpreterMagics: Magic[] = [
  {
    name: 'cpp',
    line: false,
    cell: true,
    usage: '%%cpp [-d]',
    help: 'The cell is C++ (the default made explicit); with -d it only declares (no value is shown), as in ROOT.',
    bodyLanguage: 'c++',
    run: (call, ctx) => {
      const p = parseOptions(splitArgs(call.args), ['-d'], []);
      if (p.positional.length) throw new UsageError(`unexpected argument ${p.positional[0]}`);
      return ctx.interpreter.run(call.body, ctx.sink, !p.flags.has('-d'));
    },
  },
  {
    name: 'include',
    line: true,
    cell: false,
    usage: '%include DIR',
    help: 'Adds DIR to the directories #include searches (for the session, and after %reset).',
    run: async (call, ctx) => {
      await ctx.interpreter.addIncludeDir(oneWord(call.args, 'directory'));
      return OK;
    },
  },
  {
    name: 'lib',
    aliases: ['load_library'],
    line: true,
    cell: false,
    usage: '%lib PATH | NAME',
    help: 'Loads a shared library into the interpreter: a path, a file name the dynamic loader finds, or NAME for libNAME.so.',
    run: async (call, ctx) => {
      await ctx.interpreter.loadLibrary(oneWord(call.args, 'library'));
      return OK;
    },
  },
  {
    name: 'reset',
    line: true,
    cell: false,
    usage: '%reset [-f]',
    help: 'Starts a fresh interpreter: every definition is gone (include directories from %include stay).',
    run: async (call, ctx) => {
      parseOptions(splitArgs(call.args), ['-f'], []);
      await ctx.interpreter.reset();
      ctx.sink.stream('stdout', 'The interpreter was reset: earlier definitions are gone.\n');
      return OK;
    },
  },
  {
    name: 'undo',
    line: true,
    cell: false,
    usage: '%undo [N]',
    help: "Takes back the last N cells (default 1): the interpreter returns to its state before them, definitions and values.",
    run: async (call, ctx) => {
      const words = splitArgs(call.args);
      if (words.length > 1) throw new UsageError('give at most one number');
      const n = positiveInteger(words[0], 'N') ?? 1;
      const done = await ctx.interpreter.undo(n);
      ctx.sink.stream('stdout', done === n ? `Undid ${n} cell${n === 1 ? '' : 's'}.\n` : `Undid ${done} cell${done === 1 ? '' : 's'}: no earlier state is kept.\n`);
      return OK;
    },
  },
  {
    name: 'who',
    line: true,
    cell: false,
    usage: '%who',
    help: 'The variables the session has declared.',
    run: async (_call, ctx) => {
      const vars = await ctx.interpreter.variables();
      ctx.sink.stream('stdout', vars.length ? vars.map((v) => v.name).join('\t') + '\n' : 'Interactive namespace is empty.\n');
      return OK;
    },
  },
  {
    name: 'whos',
    line: true,
    cell: false,
    usage: '%whos',
    help: 'The variables the session has declared, with their types.',
    run: async (_call, ctx) => {
      const vars = await ctx.interpreter.variables();
      const w = Math.max(8, ...vars.map((v) => v.name.length)) + 3;
      const rows = vars.map((v) => v.name.padEnd(w) + v.type);
      const table = ['Variable'.padEnd(w) + 'Type', '-'.repeat(w + 20), ...rows].join('\n');
      ctx.sink.stream('stdout', vars.length ? table + '\n' : 'Interactive namespace is empty.\n');
      return OK;
    },
  },
];
