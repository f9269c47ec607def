// %time / %%time and %timeit / %%timeit for C++.
import { OK, UsageError } from '../kernel/outcome.js';
import type { Magic, MagicCall, MagicContext, MagicResult } from './magic.js';
import { positiveInteger, splitLeadingOptions } from './parse.js';
import { placedAt } from '../interpreter-bridge/cells/cell-place.js';

// IPython's _format_time: three significant digits in s, ms, µs or ns.
export function formatTime(seconds: number): string {
  if (seconds >= 60) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = Math.floor(seconds % 60);
    return h ? `${h}h ${m}min ${s}s` : `${m}min ${s}s`;
  }
  const units = ['s', 'ms', 'µs', 'ns'];
  let order = 3;
  if (seconds > 0) order = Math.max(0, Math.min(3, -Math.floor(Math.floor(Math.log10(seconds)) / 3)));
  return `${Number((seconds * 1000 ** order).toPrecision(3))} ${units[order]}`;
}

async function time(code: string, ctx: MagicContext): Promise<MagicResult> {
  if (code.trim() === '') throw new UsageError('give the C++ to time');
  const outcome = await ctx.interpreter.run(code, ctx.sink, true);
  const t = ctx.interpreter.lastTimings();
  const user = t.user / 1e6;
  const sys = t.system / 1e6;
  let text = `CPU times: user ${formatTime(user)}, sys: ${formatTime(sys)}, total: ${formatTime(user + sys)}\n` +
    `Wall time: ${formatTime(t.run / 1e6)}\n`;
  // As IPython: compiling is reported apart, when it is worth mentioning.
  if (t.compile >= 100_000) text = `Compiler time: ${formatTime(t.compile / 1e6)}\n` + text;
  ctx.sink.stream('stdout', text);
  return outcome;
}

// The statement runs in compiled code in a loop; setup runs once, and what it
// declares is visible to the statement. The loop lives in a function of its
// own: clang 22 crashes mangling a lambda written in a top-level statement.
let timeitFunctions = 0;

// Where a piece of the program was typed in the cell, so that its diagnostics
// point there (a #line directive and padding to the column).
export interface CellPlace {
  line: number;
  column: number;
}

function placed(code: string, at: CellPlace | undefined): string {
  return at ? `${placedAt(at.line, at.column)}${code}` : code;
}

export function timeitProgram(
  setup: string, statement: string, number: number, repeat: number,
  at: { setup?: CellPlace; statement?: CellPlace } = {},
): string {
  const fn = `__cppnb_timeit_${++timeitFunctions}`;
  return [
    '#include <cppnb/timeit.hpp>',
    `void ${fn}() {`,
    placed(setup, at.setup),
    ';',
    '::cppnb::detail::timeit([&] {',
    placed(statement, at.statement),
    ';',
    `}, ${number}, ${repeat});`,
    '}',
    `${fn}();`,
  ].join('\n');
}

// Where `text`, the end of the magic's line, starts in the cell.
function placeOnMagicLine(call: MagicCall, text: string): CellPlace {
  return { line: call.line, column: Math.max(0, call.lineText.lastIndexOf(text)) };
}

async function timeit(call: MagicCall, ctx: MagicContext): Promise<MagicResult> {
  const body = call.kind === 'line' ? null : call.body;
  const { options, rest } = splitLeadingOptions(call.args, ['-n', '-r']);
  const number = positiveInteger(options.get('-n'), '-n') ?? 0;
  const repeat = positiveInteger(options.get('-r'), '-r') ?? 7;
  const statement = body ?? rest;
  const setup = body === null ? '' : rest;
  if (statement.trim() === '') throw new UsageError('give the C++ statement to time');
  const at = body === null
    ? { statement: placeOnMagicLine(call, rest) }
    : { setup: placeOnMagicLine(call, rest), statement: { line: call.line + 1, column: 0 } };
  const outcome = await ctx.interpreter.run(timeitProgram(setup, statement, number, repeat, at), ctx.sink, false);
  return outcome.status === 'ok' ? OK : outcome;
}

export const timingMagics: Magic[] = [
  {
    name: 'time',
    line: true,
    cell: true,
    usage: '%time STATEMENT   |   %%time',
    help: 'Runs the C++ once, in the session (what it defines stays), and prints the CPU and wall time of running it.',
    bodyLanguage: 'c++',
    run: (call, ctx) => time(call.kind === 'line' ? call.args : call.body, ctx),
  },
  {
    name: 'timeit',
    line: true,
    cell: true,
    usage: '%timeit [-n N] [-r R] STATEMENT   |   %%timeit [-n N] [-r R] [SETUP]',
    help:
      'Times a C++ statement (or the cell) compiled once and run in a loop: R runs (default 7) of N loops each ' +
      '(default: the first of 1, 2, 5, 10, 20, ... that takes 0.2 s), printed as mean ± std. dev. per loop. ' +
      'What SETUP declares is visible to the statement; nothing is kept in the session.',
    bodyLanguage: 'c++',
    run: (call, ctx) => timeit(call, ctx),
  },
];
