// The one interface every magic implements, and what a magic may use while it
// runs: the cell's output sink, the interpreter's controls, the history.
import type { ExecuteOptions, ExecuteOutcome, ExecuteSink } from '../kernel/language.js';
import type { HistoryTuple } from '../kernel/history.js';
import type { InterpreterControl } from '../interpreter-bridge/interpreter-control.js';

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

// What a magic ends with: an execute outcome (built with kernel/outcome.ts).
export type MagicResult = ExecuteOutcome;


// Every name (aliases too) a magic of that form answers to.
export function magicNames(registry: readonly Magic[], form: 'line' | 'cell'): string[] {
  return registry.filter((m) => m[form]).flatMap((m) => [m.name, ...(m.aliases ?? [])]);
}
