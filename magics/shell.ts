// %%bash, %%sh and `!cmd` lines: shell commands in a real terminal, in the
// kernel's working directory and environment (which %cd and %env change for
// the interpreter too).
import { existsSync } from 'node:fs';
import { failure, OK } from '../kernel/outcome.js';
import type { Magic, MagicContext, MagicResult } from './magic.js';
import { runInPty } from './pty-runner.js';

export const BASH = ['/bin/bash', '/usr/bin/bash'].find((p) => existsSync(p)) ?? 'bash';

export async function runShell(shell: string, script: string, ctx: MagicContext): Promise<MagicResult> {
  let r;
  try {
    r = await runInPty(shell, script, (text) => ctx.sink.stream('stdout', text), ctx.interrupted);
  } catch (err) {
    return failure('OSError', `cannot start ${shell}: ${(err as Error).message}`);
  }
  if (r.interrupted) return failure('Interrupted', 'the command was interrupted');
  const shown = script.trim().split('\n').length > 1 ? `${script.trim().split('\n')[0]} …` : script.trim();
  if (r.signal) return failure('CalledProcessError', `Command '${shown}' died with signal ${r.signal}.`);
  if (r.exitCode !== 0) return failure('CalledProcessError', `Command '${shown}' returned non-zero exit status ${r.exitCode}.`);
  return OK;
}

export const shellMagics: Magic[] = [
  {
    name: 'bash',
    line: false,
    cell: true,
    usage: '%%bash',
    help: 'Runs the cell with bash in a terminal, streaming its output; a non-zero exit status is an error.',
    bodyLanguage: 'shell',
    run: (call, ctx) => runShell(BASH, call.body, ctx),
  },
  {
    name: 'sh',
    line: false,
    cell: true,
    usage: '%%sh',
    help: 'Runs the cell with sh in a terminal, streaming its output; a non-zero exit status is an error.',
    bodyLanguage: 'shell',
    run: (call, ctx) => runShell('/bin/sh', call.body, ctx),
  },
  {
    name: 'system',
    aliases: ['sx'],
    line: true,
    cell: false,
    usage: '%system COMMAND   (or !COMMAND)',
    help: 'Runs one shell command in a terminal, streaming its output; a non-zero exit status is an error.',
    run: (call, ctx) => runShell(BASH, call.args, ctx),
  },
];
