// %cd, %pwd and %env: the kernel's working directory and environment, kept
// the same in the interpreter (so fopen("data.txt") in C++ and `!ls` agree).
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { failure, OK, okWith, UsageError } from '../kernel/outcome.js';
import type { Magic } from './magic.js';
import { splitArgs } from './parse.js';

let previousDir: string | null = null;

function quoted(s: string): string {
  return JSON.stringify(s);
}

export const environmentMagics: Magic[] = [
  {
    name: 'cd',
    line: true,
    cell: false,
    usage: '%cd [DIR | -]',
    help: 'Changes the working directory of the kernel, the interpreter and shell commands; no DIR goes home, - goes back.',
    run: async (call, ctx) => {
      const words = splitArgs(call.args);
      if (words.length > 1) throw new UsageError('give one directory');
      let target = words[0] ?? homedir();
      if (target === '-') {
        if (!previousDir) return failure('UsageError', 'there is no previous directory');
        target = previousDir;
      }
      if (target.startsWith('~')) target = homedir() + target.slice(1);
      const dir = resolve(target);
      try {
        if (!statSync(dir).isDirectory()) return failure('NotADirectoryError', `not a directory: '${target}'`);
      } catch {
        return failure('FileNotFoundError', `no such directory: '${target}'`);
      }
      const from = process.cwd();
      process.chdir(dir);
      await ctx.interpreter.chdir(dir);
      previousDir = from;
      ctx.sink.stream('stdout', `${dir}\n`);
      return OK;
    },
  },
  {
    name: 'pwd',
    line: true,
    cell: false,
    usage: '%pwd',
    help: 'The working directory.',
    run: async () => okWith({ 'text/plain': quoted(process.cwd()) }),
  },
  {
    name: 'env',
    line: true,
    cell: false,
    usage: '%env [NAME | NAME=VALUE | NAME VALUE]',
    help: 'Lists the environment, shows one variable, or sets one for the kernel, the interpreter (getenv) and shell commands.',
    run: async (call, ctx) => {
      const text = call.args.trim();
      if (text === '') {
        const vars = Object.entries(process.env)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => `${k}=${v}`);
        return okWith({ 'text/plain': vars.join('\n') });
      }
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*|\s+)(.*)$/s.exec(text);
      if (!m) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) throw new UsageError(`not a variable name: ${text}`);
        const v = process.env[text];
        if (v === undefined) return failure('KeyError', `environment variable ${text} is not set`);
        return okWith({ 'text/plain': quoted(v) });
      }
      const [, name, value] = m;
      process.env[name] = value;
      await ctx.interpreter.setenv(name, value);
      ctx.sink.stream('stdout', `env: ${name}=${value}\n`);
      return OK;
    },
  },
];
