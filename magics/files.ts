// %%writefile, %load and %run: cells to files and files to cells.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { failure, OK, UsageError } from '../kernel/outcome.js';
import type { Magic, MagicResult } from './magic.js';
import { parseOptions, splitArgs } from './parse.js';

function oneFile(args: string, flags: string[] = []): { file: string; flags: Set<string> } {
  const p = parseOptions(splitArgs(args), flags, []);
  if (p.positional.length !== 1) throw new UsageError(p.positional.length ? 'give exactly one file name' : 'a file name is required');
  return { file: p.positional[0], flags: p.flags };
}

function readSource(file: string): string | MagicResult {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return failure('FileNotFoundError', code === 'ENOENT' ? `No such file: '${file}'` : `cannot read '${file}': ${(err as Error).message}`);
  }
}

export const fileMagics: Magic[] = [
  {
    name: 'writefile',
    aliases: ['file'],
    line: false,
    cell: true,
    usage: '%%writefile [-a] FILE',
    help: 'Writes the cell to FILE (relative to the working directory); -a appends.',
    bodyLanguage: 'text',
    run: async (call, ctx) => {
      const { file, flags } = oneFile(call.args, ['-a', '--append']);
      const append = flags.size > 0;
      const exists = existsSync(file);
      const text = call.body.endsWith('\n') || call.body === '' ? call.body : call.body + '\n';
      try {
        if (append) appendFileSync(file, text);
        else writeFileSync(file, text);
      } catch (err) {
        return failure('OSError', `cannot write '${file}': ${(err as Error).message}`);
      }
      ctx.sink.stream('stdout', `${append ? 'Appending to' : exists ? 'Overwriting' : 'Writing'} ${file}\n`);
      return OK;
    },
  },
  {
    name: 'load',
    line: true,
    cell: false,
    usage: '%load FILE',
    help: "Replaces the cell with FILE's content (as a commented %load line and the file), to edit and run.",
    run: async (call) => {
      const { file } = oneFile(call.args);
      const text = readSource(file);
      if (typeof text !== 'string') return text;
      const payload = { source: 'set_next_input', text: `// %load ${call.args}\n${text}`, replace: true };
      return { ...OK, payload: [payload] };
    },
  },
  {
    name: 'run',
    line: true,
    cell: false,
    usage: '%run FILE.cpp',
    help: 'Runs a C++ file in the session, as if it were a cell: what it defines stays defined.',
    run: async (call, ctx) => {
      const { file } = oneFile(call.args);
      const text = readSource(file);
      if (typeof text !== 'string') return text;
      return ctx.interpreter.run(text, ctx.sink, false);
    },
  },
];
