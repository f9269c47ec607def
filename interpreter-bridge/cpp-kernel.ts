// The C++ language side of the kernel: cells go to a cppnb-host process.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type {
  CompleteReply,
  ExecuteOptions,
  ExecuteOutcome,
  ExecuteSink,
  InspectReply,
  IsCompleteReply,
  KernelInfo,
  LanguageKernel,
} from '../kernel/language.js';
import { errorOutcome, failure, OutcomeError } from '../kernel/outcome.js';
import type { InterpreterControl } from './interpreter-control.js';
import { findTrailingExpression, scanBrackets, type BracketScan, type TrailingExpression } from './cell-source.js';
import { statementsInFunctions } from './statement-functions.js';
import { placedAt, placeOf } from './cell-place.js';
import { completeFromSession, inspectFromSession, wordAt } from './session-words.js';
import { describeDeclaration } from './inspection.js';
import { isCompleteCpp } from './is-complete.js';
import { definedFunctions } from './defined-functions.js';
import { completeHeaderName, systemIncludeDirs } from './header-names.js';
import { Completer, type Completion } from './completer.js';
import { codePointToIndex, indexToCodePoint } from './code-points.js';
import { HostDied, HostProcess, type CellIO, type HostReply } from './host-process.js';
import { bridgeIncludeDir, hostBinary, packageRoot, precompiledHeader } from './paths.js';
import { REDEFINES_HEADER } from './protocol.js';
import { DEFAULT_STANDARD, interpreterFlags, languageFlags, type CppStandard } from './cell-flags.js';


export interface CppKernelOptions {
  std?: CppStandard;
  log?: (line: string) => void;
}

const VALUE_PRINTER = '#include <cppnb/value.hpp>';

// For code the user did not type: no output shown, stdin at end of file.
const QUIET: CellIO = { output: () => undefined, display: () => undefined, input: async () => null };

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

// Rewrites a trailing expression so the host prints its value.
function withValuePrinting(code: string, e: TrailingExpression): string {
  const { line, column } = placeOf(code, e.start);
  return code.slice(0, e.start) + printLast(code.slice(e.start, e.end), line, column) + code.slice(e.end);
}

// Names the functions the cell defines in a first line the host reads and
// removes (host/protocol.h, kRedefinesHeader).
function withRedefinitions(cell: string, code: string): string {
  const names = definedFunctions(cell);
  return names.length ? `${REDEFINES_HEADER}${names.join(' ')}\n${code}` : code;
}

// The call that prints expr's value. A #line directive and padding put expr
// back on its own line and column, so a compile error in it points into the
// cell as the user wrote it, not into this wrapper; the wrapper starts a line
// of its own, so a diagnostic of the code before expr on its line does not
// show the wrapper either. The newline after expr keeps a trailing // comment
// from swallowing the closing parens.
function printLast(expr: string, line: number, column: number): string {
  return `\ncppnb::detail::print_last(((${placedAt(line, column)}${expr}\n), cppnb::detail::no_value{}));`;
}

export class CppKernel implements LanguageKernel, InterpreterControl {
  private host: HostProcess | null = null;
  private hostReady: Promise<void> | null = null;
  private valuePrinterLoaded = false;
  private readonly std: CppStandard;
  private readonly log: (line: string) => void;
  private readonly version = packageVersion();
  // Source of the cells that compiled in the current interpreter, for completion.
  private sessionSource: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private usesPch = false;
  private timings = { user: 0, system: 0, run: 0, compile: 0 };
  // Kernel-wide settings the magics made; every new or resumed interpreter gets them.
  private readonly includeDirs: string[] = [];
  // Where a library's bare name is looked for (#pragma cling add_library_path).
  private readonly libraryDirs: string[] = [];
  private readonly envChanges = new Map<string, string | null>();
  // Libraries %lib loaded into the current interpreter (for batch jobs' programs).
  private libraries: string[] = [];
  private completer: Completer | null = null;

  constructor(options: CppKernelOptions = {}) {
    this.std = options.std ?? DEFAULT_STANDARD;
    this.log = options.log ?? ((line) => process.stderr.write(`[cppnb] ${line}\n`));
  }

  kernelInfo(): KernelInfo {
    const std = this.std.toUpperCase();
    return {
      implementation: 'cppnb',
      implementation_version: this.version,
      banner: `cppnb ${this.version} -- ${std} on clang's incremental compiler (clang::Interpreter)\n` +
        'A cell ending in an expression without a semicolon shows its value. Re-running a cell redefines what it defines.',
      help_links: [
        { text: 'C++ reference', url: 'https://en.cppreference.com/w/' },
        { text: 'cppnb', url: 'https://github.com/cppnb/cppnb' },
      ],
      language_info: {
        name: 'c++',
        version: this.std,
        mimetype: 'text/x-c++src',
        file_extension: '.cpp',
        pygments_lexer: 'c++',
        codemirror_mode: 'text/x-c++src',
      },
    };
  }

  start(): void {
    // Completion's preamble is parsed once the interpreter is up, not before.
    void this.startHost().then(() => this.semanticCompleter().warmUp(), () => undefined);
  }

  // What the interpreter and the completer compile with; %%slurm programs
  // the same but for what only an interpreter defines.
  private compilerArgs(forInterpreter = true): string[] {
    return [
      `-std=${this.std}`, ...languageFlags, ...(forInterpreter ? interpreterFlags : []),
      `-I${bridgeIncludeDir}`, ...this.includeDirs.map((d) => `-I${d}`),
    ];
  }

  private semanticCompleter(): Completer {
    if (!this.completer) {
      // The interpreter's own precompiled headers, when it runs with them: the
      // completer then parses only what the session added (~0.25 s instead of
      // ~1.1 s), and shares the header's pages with the interpreter.
      const args = this.compilerArgs();
      if (this.usesPch) args.push('-Xclang', '-fincremental-extensions', '-include-pch', precompiledHeader(this.std));
      this.completer = new Completer(args, ['#include <cppnb/common.hpp>'], this.log);
    }
    return this.completer;
  }

  // The next completion starts a completer with the arguments of that time.
  private dropCompleter(): void {
    this.completer?.stop();
    this.completer = null;
  }

  private startHost(): Promise<void> {
    this.sessionSource = [];
    this.libraries = [];
    const pch = precompiledHeader(this.std);
    const withPch = existsSync(pch) && process.env.CPPNB_NO_PCH === undefined;
    this.hostReady = this.launch(withPch ? pch : null).catch((err: Error) => {
      if (!withPch) throw err;
      // A header the compiler no longer accepts (e.g. rebuilt clang): go on without it.
      this.log(`starting without the precompiled headers: ${err.message}`);
      this.dropCompleter();
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
    });
  }

  // One request at a time reaches the host.
  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readyHost(): Promise<HostProcess> {
    if (!this.host || !this.host.alive) await this.startHost();
    await this.hostReady;
    return this.host!;
  }

  execute(code: string, _options: ExecuteOptions, sink: ExecuteSink): Promise<ExecuteOutcome> {
    return this.run(code, sink, true);
  }

  // ---- what the magics use (InterpreterControl) ---------------------------

  run(code: string, sink: ExecuteSink, printValue: boolean): Promise<ExecuteOutcome> {
    // The cell's output and stdin go to the notebook while it runs.
    const io: CellIO = {
      output: (name, text) => sink.stream(name, text),
      backlog: () => sink.backlog(),
      display: (m) => {
        if (m.kind === 'clear') sink.clearOutput(m.wait);
        else sink.display(m.data, m.metadata, m.displayId ? { display_id: m.displayId } : {}, m.kind === 'update');
      },
      input: (prompt, password, abort) => sink.input(prompt, password, abort),
    };
    return this.serialized(() => this.executeNow(code, io, printValue));
  }

  batchSession(): { cells: string[]; compilerArgs: string[]; libraries: string[] } {
    return { cells: [...this.sessionSource], compilerArgs: this.compilerArgs(false), libraries: [...this.libraries] };
  }

  lastTimings(): { user: number; system: number; run: number; compile: number } {
    return { ...this.timings };
  }

  reset(): Promise<void> {
    return this.serialized(async () => {
      this.host?.kill();
      this.host = null;
      await this.startHost();
    });
  }

  // A request that is not a cell; its failure is the magic's error.
  private async command(verb: string, arg: string): Promise<unknown> {
    const host = await this.readyHost().catch((err: Error) => {
      throw new OutcomeError('InterpreterUnavailable', err.message);
    });
    let r: HostReply;
    try {
      r = await host.command(verb, arg, QUIET);
    } catch (err) {
      if (!(err instanceof HostDied)) throw err;
      if (!err.resumed) this.startHost();
      throw new OutcomeError('InterpreterExited', 'the interpreter ended during the command; it was restarted and earlier definitions are gone');
    }
    if (r.status !== 'ok') throw new OutcomeError(r.ename ?? 'Error', r.evalue ?? '');
    return r.value;
  }

  undo(n: number): Promise<number> {
    return this.serialized(async () => {
      const steps = Number(await this.command('undo', String(n)));
      this.sessionSource.splice(Math.max(0, this.sessionSource.length - steps));
      // Without the precompiled headers the printer may have been loaded by an undone cell.
      if (!this.usesPch) this.valuePrinterLoaded = false;
      await this.applySettings();
      return steps;
    });
  }

  // The state an undo returns to predates later %cd, %env and %include.
  private async applySettings(): Promise<void> {
    await this.command('chdir', process.cwd());
    for (const [name, value] of this.envChanges) await this.setenvNow(name, value);
    for (const dir of this.includeDirs) await this.command('include', dir);
    for (const dir of this.libraryDirs) await this.command('libpath', dir);
  }

  // `#include <…>` completion, over the interpreter's include path.
  completeHeader(partial: string): string[] {
    return completeHeaderName(partial, [bridgeIncludeDir, ...this.includeDirs, ...systemIncludeDirs()]);
  }

  addIncludeDir(dir: string): Promise<void> {
    const abs = resolve(dir);
    return this.serialized(async () => {
      await this.command('include', abs);
      this.keepSetting('include', abs);
    });
  }

  loadLibrary(nameOrPath: string): Promise<void> {
    // A path as given; a bare name the host resolves as the linker's -l would
    // (host/search_paths.h), and says what it loaded.
    const lib = nameOrPath.includes('/') ? resolve(nameOrPath) : nameOrPath;
    return this.serialized(async () => {
      this.keepSetting('lib', String(await this.command('lib', lib)));
    });
  }

  // What %lib, %include and a cell's #pragma cling lines changed, kept for
  // later interpreters (after %undo, %reset) and %%slurm programs.
  private keepSetting(kind: string, path: string): void {
    const list = kind === 'lib' ? this.libraries : kind === 'include' ? this.includeDirs : kind === 'libpath' ? this.libraryDirs : null;
    if (!list || list.includes(path)) return;
    list.push(path);
    // Completion sees a new include directory from its next start.
    if (kind === 'include') this.dropCompleter();
  }

  chdir(dir: string): Promise<void> {
    return this.serialized(async () => {
      await this.command('chdir', dir);
    });
  }

  setenv(name: string, value: string | null): Promise<void> {
    return this.serialized(async () => {
      this.envChanges.set(name, value);
      await this.setenvNow(name, value);
    });
  }

  // NAME=VALUE sets, a bare NAME unsets (host/main.cpp, Host::command).
  private async setenvNow(name: string, value: string | null): Promise<void> {
    await this.command('setenv', value === null ? name : `${name}=${value}`);
  }

  variables(): Promise<{ name: string; type: string }[]> {
    return this.serialized(async () => (await this.command('who', '')) as { name: string; type: string }[]);
  }

  evaluate(expression: string): Promise<ExecuteOutcome> {
    const code = printLast(expression, 1, 0);
    return this.serialized(async () => {
      const check = this.checkCell(scanBrackets(expression));
      if (check) return check;
      return this.runOnHost(code, QUIET, true);
    });
  }

  // Errors clang would hang or crash on, reported before it sees the cell.
  private checkCell(scan: BracketScan): ExecuteOutcome | null {
    if (scan.unterminated) {
      return errorOutcome('IncompleteInput', `the cell ends inside an unterminated ${scan.unterminated}`);
    }
    if (scan.open.length > 0) {
      const o = scan.open[scan.open.length - 1];
      return errorOutcome('IncompleteInput', `'${o.char}' opened on line ${o.line} is never closed`);
    }
    const line = scan.topLevelReturns[0];
    if (line !== undefined) {
      return errorOutcome('SyntaxError', `a cell cannot 'return' at top level (line ${line}); cells are not functions`);
    }
    return null;
  }

  private async executeNow(code: string, io: CellIO, printValue: boolean): Promise<ExecuteOutcome> {
    if (code.trim() === '') return { status: 'ok' };
    const scan = scanBrackets(code);
    const check = this.checkCell(scan);
    if (check) return check;
    const trailing = printValue ? findTrailingExpression(code, scan) : null;
    const rewritten = trailing ? withValuePrinting(code, trailing) : code;
    let outcome = await this.runOnHost(withRedefinitions(code, rewritten), io, trailing !== null);
    if (outcome.status === 'error' && outcome.ename === 'CompilerCrash') {
      // Nothing of the cell ran: try once more with its statements in
      // functions, which clang compiles where it crashes on top-level ones.
      const safer = statementsInFunctions(code, trailing, printLast);
      if (safer) {
        this.log('clang crashed compiling a cell: compiling it again with its statements in functions');
        const again = await this.runOnHost(withRedefinitions(code, safer), io, trailing !== null);
        // What the rewritten cell did when it ran stands for the cell; a
        // compile error of it would speak of code the user did not write.
        if (again.status === 'ok' || !['CompileError', 'CompilerCrash'].includes(again.ename)) outcome = again;
        else if (outcome.status === 'error') {
          const why = again.ename === 'CompilerCrash' ? 'it crashed again' : `${again.ename}: ${again.evalue.split('\n')[0]}`;
          outcome = errorOutcome(outcome.ename, outcome.evalue, [...outcome.traceback, `Compiled again with its top-level statements in functions, the cell failed too (${why}).`]);
        }
      }
    }
    if (outcome.status === 'ok') this.sessionSource.push(code);
    return outcome;
  }

  private async runOnHost(code: string, io: CellIO, needsPrinter: boolean): Promise<ExecuteOutcome> {
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
      return this.outcomeOf(reply);
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
      this.startHost();
      return errorOutcome(
        err.interrupted ? 'Interrupted' : 'InterpreterExited',
        'the interpreter exited; it was restarted and earlier definitions are gone',
      );
    }
  }

  private outcomeOf(r: HostReply): ExecuteOutcome {
    if (r.status === 'ok') return { status: 'ok', data: r.data, metadata: r.metadata };
    const ename = r.ename ?? 'Error';
    const evalue = r.evalue ?? '';
    const traceback = (r.traceback ?? evalue).replace(/\n+$/, '').split('\n');
    // clang ends a diagnostic with a colour reset on a line of its own: no blank line under it.
    while (traceback.length > 1 && traceback[traceback.length - 1].replace(/\x1b\[[0-9;]*m/g, '').trim() === '') {
      traceback[traceback.length - 2] += traceback.pop()!.trim();
    }
    if (ename === 'CompileError') return { status: 'error', ename, evalue, traceback };
    // A link error's traceback says what to do about it, below the error itself.
    if (ename === 'LinkError') return failure(ename, evalue, traceback.slice(1));
    return failure(ename, evalue);
  }

  // Semantic completion from libclang over the session; the session's words
  // when it cannot answer.
  async complete(code: string, cursorPos: number): Promise<CompleteReply> {
    const cursor = codePointToIndex(code, cursorPos);
    // Nothing typed yet: nothing to complete (and no parse to pay for).
    if (code.slice(0, cursor).trim() === '') return { matches: [], cursor_start: cursorPos, cursor_end: cursorPos, metadata: {} };
    const found = await this.semanticCompleter().complete(this.sessionSource, code, cursor).catch(() => null);
    if (!found) return completeFromSession(this.sessionSource, code, cursorPos);
    const start = indexToCodePoint(code, cursor - found.typed.length);
    const best = new Map<string, Completion>();
    for (const c of [...found.completions].sort((a, b) => a.priority - b.priority || a.text.localeCompare(b.text))) {
      if (!best.has(c.text)) best.set(c.text, c);
    }
    const matches = [...best.keys()];
    return {
      matches,
      cursor_start: start,
      cursor_end: cursorPos,
      metadata: {
        _jupyter_types_experimental: [...best.values()].map((c) => ({
          start,
          end: cursorPos,
          text: c.text,
          type: c.kind,
          signature: c.signature,
        })),
      },
    };
  }

  // The declaration the identifier at the cursor refers to, from libclang; the
  // lines of the session that mention it when libclang finds none.
  async inspect(code: string, cursorPos: number, _detailLevel: number): Promise<InspectReply> {
    const { start, end } = wordAt(code, codePointToIndex(code, cursorPos));
    if (start < end) {
      const completer = this.semanticCompleter();
      let found = await completer.describe(this.sessionSource, code, start, end).catch(() => null);
      if (!found) {
        // A type alone (`std::vector`, as `?std::vector` asks) is no statement
        // clang can place: ask again with it declaring a variable.
        let qualifiedStart = start;
        while (qualifiedStart >= 2 && code.slice(qualifiedStart - 2, qualifiedStart) === '::') qualifiedStart = wordAt(code, qualifiedStart - 2).start;
        const probe = `${code.slice(qualifiedStart, end)} __cppnb_probe;`;
        found = await completer.describe(this.sessionSource, probe, start - qualifiedStart, end - qualifiedStart).catch(() => null);
        // clang recovering from a non-type may declare the probe itself: not an answer.
        if (found?.name === '__cppnb_probe') found = null;
      }
      if (found) return describeDeclaration(found);
    }
    return inspectFromSession(this.sessionSource, code, cursorPos);
  }

  isComplete(code: string): IsCompleteReply {
    return isCompleteCpp(code);
  }

  interrupt(): void {
    this.host?.interrupt();
  }

  async shutdown(restart: boolean): Promise<void> {
    this.dropCompleter();
    this.host?.kill();
    this.host = null;
    if (restart) this.startHost();
  }
}
