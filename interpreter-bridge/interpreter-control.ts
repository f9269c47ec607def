// What the layers above the C++ side (magics, the batch layer) may ask of the
// interpreter; CppKernel implements it.
import type { ExecuteOutcome, ExecuteSink, InspectReply } from '../kernel/language.js';

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
  inspect(code: string, cursor: number, detailLevel: number): Promise<InspectReply>;
  interrupt(): void;
  // %jsroot on|off: canvases drawn by JSROOT, or as static pictures only.
  setInteractiveCanvases(on: boolean): void;
  // What a batch job's program is built from: the cells that compiled in this
  // interpreter (oldest first), what the session had before them (flavour.ts),
  // its -std and -I arguments, and %lib libraries.
  batchSession(): { cells: string[]; prelude: string[]; compilerArgs: string[]; libraries: string[] };
}

