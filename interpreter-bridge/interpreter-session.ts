// One interpreter and what it has been told: the host process (started, with
// or without the precompiled headers; restarted when every process of it is
// gone), the one queue requests wait in, the cells that compiled in it, and
// the kernel-wide settings (%cd, %env, %include, library directories) every
// new or resumed interpreter gets again.
import { existsSync } from 'node:fs';
import type { ExecuteOutcome } from '../kernel/language.js';
import { errorOutcome, failure, OutcomeError } from '../kernel/outcome.js';
import { compilerArgs, type CppStandard } from './cell-flags.js';
import { preludeOf, unqualifiedNamespace, type Flavour } from './flavour.js';
import { HostDied, HostProcess, type CellIO, type HostReply } from './host-process.js';
import { hostBinary, precompiledHeader } from './paths.js';

const VALUE_PRINTER = '#include <cppnb/value.hpp>';

// For code the user did not type: no output shown, stdin at end of file.
export const QUIET: CellIO = { output: () => undefined, display: () => undefined, input: async () => null };

export type Timings = { user: number; system: number; run: number; compile: number };

export class InterpreterSession {
  private host: HostProcess | null = null;
  private hostReady: Promise<void> | null = null;
  private valuePrinterLoaded = false;
  private queue: Promise<unknown> = Promise.resolve();
  // Whether the interpreter runs on the precompiled headers (completion uses them too).
  usesPch = false;
  timings: Timings = { user: 0, system: 0, run: 0, compile: 0 };
  // Source of the cells that compiled in the current interpreter (completion, batch programs).
  sessionSource: string[] = [];
  // Libraries loaded into the current interpreter (for batch jobs' programs).
  libraries: string[] = [];
  // Kernel-wide settings; every new or resumed interpreter gets them.
  readonly includeDirs: string[] = [];
  // Where a library's bare name is looked for (#pragma cling add_library_path).
  readonly libraryDirs: string[] = [];
  private readonly envChanges = new Map<string, string | null>();
  // Called when what cells compile with changed (completion must start again to see it).
  onArgsChanged: () => void = () => undefined;

  constructor(
    readonly std: CppStandard,
    private readonly log: (line: string) => void,
    readonly flavour: Flavour = 'root',
  ) {}

  // What every interpreter of the session runs before the first cell.
  get prelude(): string[] {
    return preludeOf(this.flavour);
  }

  // What the interpreter and completion compile with; %%slurm programs the
  // same but for what only an interpreter defines.
  compilerArgs(forInterpreter = true): string[] {
    return compilerArgs(this.std, this.includeDirs, forInterpreter);
  }

  start(): Promise<void> {
    this.sessionSource = [];
    this.libraries = [];
    const pch = precompiledHeader(this.std);
    const withPch = existsSync(pch) && process.env.CPPNB_NO_PCH === undefined;
    this.hostReady = this.launch(withPch ? pch : null).catch((err: Error) => {
      if (!withPch) throw err;
      // A header the compiler no longer accepts (e.g. rebuilt clang): go on without it.
      this.log(`starting without the precompiled headers: ${err.message}`);
      this.onArgsChanged();
      return this.launch(null);
    });
    this.hostReady.catch((err: Error) => this.log(err.message));
    return this.hostReady;
  }

  private launch(pch: string | null): Promise<void> {
    const args = this.compilerArgs();
    if (pch) args.push('-include-pch', pch);
    const host = new HostProcess(hostBinary, args, this.log);
    this.host = host;
    // The precompiled headers include the value printer.
    this.usesPch = pch !== null;
    this.valuePrinterLoaded = pch !== null;
    return host.start().then(async () => {
      for (const dir of this.libraryDirs) await host.command('libpath', dir, QUIET);
      const unqualified = unqualifiedNamespace(this.flavour);
      if (unqualified) await host.command('fallback_namespace', unqualified, QUIET);
      if (this.prelude.length === 0) return;
      const r = await host.execute(this.prelude.join('\n'), QUIET);
      if (r.status !== 'ok') this.log(`the session's prelude failed: ${r.ename}: ${r.evalue}`);
    });
  }

  // One request at a time reaches the host.
  serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readyHost(): Promise<HostProcess> {
    if (!this.host || !this.host.alive) await this.start();
    await this.hostReady;
    return this.host!;
  }

  // A fresh interpreter (%reset, a restart): every definition is gone.
  restart(): Promise<void> {
    this.kill();
    return this.start();
  }

  kill(): void {
    this.host?.kill();
    this.host = null;
  }

  interrupt(): void {
    this.host?.interrupt();
  }

  // A request that is not a cell; its failure is the caller's error.
  async command(verb: string, arg: string): Promise<unknown> {
    const host = await this.readyHost().catch((err: Error) => {
      throw new OutcomeError('InterpreterUnavailable', err.message);
    });
    let r: HostReply;
    try {
      r = await host.command(verb, arg, QUIET);
    } catch (err) {
      if (!(err instanceof HostDied)) throw err;
      if (!err.resumed) this.start();
      throw new OutcomeError('InterpreterExited', 'the interpreter ended during the command; it was restarted and earlier definitions are gone');
    }
    if (r.status !== 'ok') throw new OutcomeError(r.ename ?? 'Error', r.evalue ?? '');
    return r.value;
  }

  // Steps back over the last n cells; the state an undo returns to predates
  // later %cd, %env and %include, which are given to it again.
  async undo(n: number): Promise<number> {
    const steps = Number(await this.command('undo', String(n)));
    this.sessionSource.splice(Math.max(0, this.sessionSource.length - steps));
    // Without the precompiled headers the printer may have been loaded by an undone cell.
    if (!this.usesPch) this.valuePrinterLoaded = false;
    await this.command('chdir', process.cwd());
    for (const [name, value] of this.envChanges) await this.setenv(name, value);
    for (const dir of this.includeDirs) await this.command('include', dir);
    for (const dir of this.libraryDirs) await this.command('libpath', dir);
    return steps;
  }

  // NAME=VALUE sets, a bare NAME unsets (host/commands.cpp).
  async setenv(name: string, value: string | null): Promise<void> {
    this.envChanges.set(name, value);
    await this.command('setenv', value === null ? name : `${name}=${value}`);
  }

  // What %lib, %include and a cell's #pragma cling lines changed, kept for
  // later interpreters (after %undo, %reset) and %%slurm programs.
  keepSetting(kind: string, path: string): void {
    const list = kind === 'lib' ? this.libraries : kind === 'include' ? this.includeDirs : kind === 'libpath' ? this.libraryDirs : null;
    if (!list || list.includes(path)) return;
    list.push(path);
    if (kind === 'include') this.onArgsChanged();
  }

  // Runs code (already rewritten for the host) as a cell; how it ended, in
  // the user's terms, whatever happened to the host.
  async runOnHost(code: string, io: CellIO, needsPrinter: boolean): Promise<ExecuteOutcome> {
    let host: HostProcess;
    try {
      host = await this.readyHost();
    } catch (err) {
      return errorOutcome('InterpreterUnavailable', (err as Error).message);
    }
    try {
      if (needsPrinter && !this.valuePrinterLoaded) {
        const r = await host.execute(VALUE_PRINTER, QUIET);
        if (r.status !== 'ok') return errorOutcome(r.ename ?? 'Error', `cannot load the value printer: ${r.evalue}`);
        this.valuePrinterLoaded = true;
      }
      const reply = await host.execute(code, io);
      if (reply.timing) this.timings = reply.timing;
      for (const [kind, path] of reply.settings ?? []) this.keepSetting(kind, path);
      return outcomeOf(reply);
    } catch (err) {
      if (!(err instanceof HostDied)) return errorOutcome('KernelError', String(err));
      if (err.resumed && err.compiling && !err.interrupted) {
        return errorOutcome('CompilerCrash', "clang crashed compiling this cell (a bug of the compiler's, not of the cell); nothing of the cell ran, and the interpreter was rolled back to its state before it, so earlier definitions are kept");
      }
      if (err.resumed) {
        return err.interrupted
          ? errorOutcome('Interrupted', 'the cell was interrupted while it could not stop by itself (compiling, or blocked in the system); the interpreter was rolled back to its state before the cell')
          : errorOutcome('InterpreterCrash', 'the interpreter crashed in this cell (in the compiler, on a thread the cell started, or beyond what it can catch); it was rolled back to its state before the cell, so earlier definitions are kept');
      }
      // Everything is gone: start over so the next cell runs.
      this.start();
      return errorOutcome(
        err.interrupted ? 'Interrupted' : 'InterpreterExited',
        'the interpreter exited; it was restarted and earlier definitions are gone',
      );
    }
  }
}

function outcomeOf(r: HostReply): ExecuteOutcome {
  if (r.status === 'ok') return { status: 'ok', data: r.data, metadata: r.metadata };
  const ename = r.ename ?? 'Error';
  const evalue = r.evalue ?? '';
  const traceback = (r.traceback ?? evalue).replace(/\n+$/, '').split('\n');
  // clang ends a diagnostic with a colour reset on a line of its own: no blank line under it.
  while (traceback.length > 1 && traceback[traceback.length - 1].replace(/\x1b\[[0-9;]*m/g, '').trim() === '') {
    traceback[traceback.length - 2] += traceback.pop()!.trim();
  }
  if (ename === 'CompileError') return errorOutcome(ename, evalue, traceback);
  // A link error's traceback says what to do about it, below the error itself.
  if (ename === 'LinkError') return failure(ename, evalue, traceback.slice(1));
  return failure(ename, evalue);
}
