// The one interface every magic implements, and what a magic may use while it
// runs: the cell's output sink, the interpreter's controls, the history.
import type { ExecuteOptions, ExecuteOutcome, ExecuteSink, InspectReply, MimeBundle } from '../kernel/language.js';
import type { HistoryTuple } from '../kernel/history.js';

// What the magics may ask of the C++ interpreter (implemented by CppKernel).
export interface InterpreterControl {
  // Runs C++ as a cell; printValue false for declarations only (%%cpp -d).
  run(code: string, sink: ExecuteSink, printValue: boolean): Promise<ExecuteOutcome>;
  // Where the last request's time went (µs): CPU while it ran, wall time
  // running it, wall time compiling it.
  lastTimings(): { user: number; system: number; run: number; compile: number };
  reset(): Promise<void>;
  // Steps the interpreter back over its last n cells; returns how many it went back.
  undo(n: number): Promise<number>;
  addIncludeDir(dir: string): Promise<void>;
  // Header names on the include path that continue `partial` (#include <… completion).
  completeHeader(partial: string): string[];
  loadLibrary(nameOrPath: string): Promise<void>;
  // Keeps the interpreter's working directory and environment with the kernel's.
  chdir(dir: string): Promise<void>;
  setenv(name: string, value: string | null): Promise<void>;
  variables(): Promise<{ name: string; type: string }[]>;
  inspect(code: string, cursorPos: number, detailLevel: number): Promise<InspectReply>;
  interrupt(): void;
  // What a batch job's program is built from: the cells that compiled in this
  // interpreter (oldest first), its -std and -I arguments, and %lib libraries.
  batchSession(): { cells: string[]; compilerArgs: string[]; libraries: string[] };
}

export interface HistoryAccess {
  session: number;
  range(session: number, start: number, stop: number | null, output?: boolean): HistoryTuple[];
  search(pattern: string, n: number | null, unique: boolean): HistoryTuple[];
}

export interface MagicContext {
  sink: ExecuteSink;
  options: ExecuteOptions;
  interpreter: InterpreterControl;
  history: HistoryAccess | null;
  // Aborted when the user interrupts the cell, or with the reason SHUTDOWN when
  // the kernel shuts down or restarts.
  interrupted: AbortSignal;
  // Every magic, for %lsmagic and %magic.
  registry: readonly Magic[];
}

export interface MagicCall {
  kind: 'line' | 'cell';
  name: string;
  // The rest of the magic's line.
  args: string;
  // A cell magic's body (the lines after its first).
  body: string;
  // Where the magic's own line is in the cell (1-based) and its text, so that
  // a magic compiling what it was given can point diagnostics into the cell.
  line: number;
  lineText: string;
}

export interface Magic {
  name: string;
  aliases?: string[];
  // Which forms exist: %name and/or %%name.
  line: boolean;
  cell: boolean;
  // One line each form, e.g. "%%writefile [-a] FILE".
  usage: string;
  help: string;
  // How the body of the cell form is written, for is_complete and completion.
  bodyLanguage?: 'c++' | 'shell' | 'text';
  // A value for the cell's execute_result, a payload, or an error.
  run(call: MagicCall, ctx: MagicContext): Promise<MagicResult>;
}

export type MagicResult = ExecuteOutcome & { payload?: Record<string, unknown>[] };

export class UsageError extends Error {}

// The abort reason of a cell whose kernel is shutting down (not interrupted by the user).
export const SHUTDOWN = 'shutdown';

// A magic that failed for a reason of its own (ename as in IPython's errors).
export class MagicError extends Error {
  constructor(
    readonly ename: string,
    message: string,
  ) {
    super(message);
  }
}

export const OK: MagicResult = { status: 'ok' };

export function okWith(data: MimeBundle): MagicResult {
  return { status: 'ok', data };
}

// `more`: lines under the error itself (what to do about it).
export function failure(ename: string, evalue: string, more: string[] = []): MagicResult {
  return { status: 'error', ename, evalue, traceback: [`\x1b[0;31m${ename}\x1b[0m: ${evalue}`, ...more] };
}


// Every name (aliases too) a magic of that form answers to.
export function magicNames(registry: readonly Magic[], form: 'line' | 'cell'): string[] {
  return registry.filter((m) => m[form]).flatMap((m) => [m.name, ...(m.aliases ?? [])]);
}
