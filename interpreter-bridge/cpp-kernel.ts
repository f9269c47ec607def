// The C++ language side of the kernel (LanguageKernel for the protocol side,
// InterpreterControl for the magics and batch jobs), on three parts: the
// interpreter session (interpreter-session.ts), cell execution
// (cell-execution.ts) and introspection (introspection.ts).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type {
  CommToLanguage,
  CompleteReply,
  ExecuteOptions,
  ExecuteOutcome,
  ExecuteSink,
  InspectReply,
  IsCompleteReply,
  KernelInfo,
  LanguageKernel,
} from '../kernel/language.js';
import { DEFAULT_STANDARD, type CppStandard } from './cell-flags.js';
import { unqualifiedNamespace, type Flavour } from './flavour.js';
import { evaluateExpression, executeCell } from './cell-execution.js';
import type { CellIO } from './host-process.js';
import type { InterpreterControl } from './interpreter-control.js';
import { InterpreterSession, type Timings } from './interpreter-session.js';
import { Introspection } from './introspection.js';
import { isCompleteCpp } from './cells/is-complete.js';
import { packageRoot } from './paths.js';
import { CanvasDisplay } from './root-canvas.js';

export interface CppKernelOptions {
  std?: CppStandard;
  // ROOT's prompt (the default) or plain C++ (flavour.ts).
  flavour?: Flavour;
  // The kernelspec's name: JSROOT's modules are served from its directory.
  kernelspec?: string;
  log?: (line: string) => void;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

// The cell's output and stdin go to the notebook while it runs.
function cellIO(sink: ExecuteSink, canvases: CanvasDisplay): CellIO {
  return {
    output: (name, text) => sink.stream(name, text),
    backlog: () => sink.backlog(),
    display: (m) => {
      if (m.kind === 'comm') sink.comm(m.comm);
      else if (m.kind === 'clear') sink.clearOutput(m.wait);
      else sink.display(canvases.forNotebook(m.data), m.metadata, m.displayId ? { display_id: m.displayId } : {}, m.kind === 'update');
    },
    input: (prompt, password, abort) => sink.input(prompt, password, abort),
  };
}

// Any text as a C++ string literal: bytes other than plain ASCII as octal
// escapes (never more than three digits, so nothing after them is swallowed).
function cppStringLiteral(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    const plain = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c && byte !== 0x3f;
    out += plain ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return out + '"';
}

export class CppKernel implements LanguageKernel, InterpreterControl {
  private readonly std: CppStandard;
  private readonly log: (line: string) => void;
  private readonly version = packageVersion();
  private readonly session: InterpreterSession;
  private readonly introspection: Introspection;
  private readonly canvases: CanvasDisplay;

  constructor(options: CppKernelOptions = {}) {
    this.canvases = new CanvasDisplay(options.kernelspec ?? 'cppnb');
    this.std = options.std ?? DEFAULT_STANDARD;
    this.log = options.log ?? ((line) => process.stderr.write(`[cppnb] ${line}\n`));
    this.session = new InterpreterSession(this.std, this.log, options.flavour ?? 'root');
    this.introspection = new Introspection(this.session, this.log);
    // Completion must see what the interpreter compiles with, from its next start.
    this.session.onArgsChanged = () => this.introspection.stop();
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
    // The completer starts with the first request that needs it (~0.25 s on
    // top of the precompiled header): an idle kernel holds no completion memory.
    void this.session.start().catch(() => undefined);
  }

  execute(code: string, _options: ExecuteOptions, sink: ExecuteSink): Promise<ExecuteOutcome> {
    return this.run(code, sink, true);
  }

  evaluate(expression: string): Promise<ExecuteOutcome> {
    return this.session.serialized(() => evaluateExpression(this.session, expression));
  }

  complete(code: string, cursor: number): Promise<CompleteReply> {
    return this.introspection.complete(code, cursor);
  }

  inspect(code: string, cursor: number, _detailLevel: number): Promise<InspectReply> {
    return this.introspection.inspect(code, cursor);
  }

  isComplete(code: string): IsCompleteReply {
    return isCompleteCpp(code);
  }

  // The frontend's comm message, to the callbacks of include/cppnb/comm.hpp;
  // not a cell: nothing of it joins the session's source.
  deliverComm(m: CommToLanguage, sink: ExecuteSink): Promise<ExecuteOutcome> {
    const args = [m.event, m.commId, m.targetName, JSON.stringify(m.data ?? {})].map(cppStringLiteral).join(', ');
    return this.session.serialized(() => this.session.runOnHost(`cppnb::comm_deliver(${args});`, cellIO(sink, this.canvases), false));
  }

  interrupt(): void {
    this.session.interrupt();
  }

  async shutdown(restart: boolean): Promise<void> {
    this.introspection.stop();
    this.session.kill();
    if (restart) this.session.start();
  }

  // ---- what the magics and batch jobs use (InterpreterControl) -------------

  async run(code: string, sink: ExecuteSink, printValue: boolean): Promise<ExecuteOutcome> {
    const outcome = await this.session.serialized(() => executeCell(this.session, code, cellIO(sink, this.canvases), printValue, this.log));
    if (outcome.status === 'ok' && outcome.data) outcome.data = this.canvases.forNotebook(outcome.data);
    return outcome;
  }

  setInteractiveCanvases(on: boolean): void {
    this.canvases.interactive = on;
  }

  batchSession(): { cells: string[]; prelude: string[]; compilerArgs: string[]; libraries: string[] } {
    const s = this.session;
    const unqualified = unqualifiedNamespace(s.flavour);
    const prelude = [...s.prelude, ...(unqualified ? [`using namespace ${unqualified};`] : [])];
    return { cells: [...s.sessionSource], prelude, compilerArgs: s.compilerArgs(false), libraries: [...s.libraries] };
  }

  lastTimings(): Timings {
    return { ...this.session.timings };
  }

  reset(): Promise<void> {
    return this.session.serialized(() => this.session.restart());
  }

  undo(n: number): Promise<number> {
    return this.session.serialized(() => this.session.undo(n));
  }

  completeHeader(partial: string): string[] {
    return this.introspection.completeHeader(partial);
  }

  addIncludeDir(dir: string): Promise<void> {
    const abs = resolve(dir);
    return this.session.serialized(async () => {
      await this.session.command('include', abs);
      this.session.keepSetting('include', abs);
    });
  }

  loadLibrary(nameOrPath: string): Promise<void> {
    // A path as given; a bare name the host resolves as the linker's -l would
    // (host/search_paths.h), and says what it loaded.
    const lib = nameOrPath.includes('/') ? resolve(nameOrPath) : nameOrPath;
    return this.session.serialized(async () => {
      this.session.keepSetting('lib', String(await this.session.command('lib', lib)));
    });
  }

  chdir(dir: string): Promise<void> {
    return this.session.serialized(async () => {
      await this.session.command('chdir', dir);
    });
  }

  setenv(name: string, value: string | null): Promise<void> {
    return this.session.serialized(() => this.session.setenv(name, value));
  }

  variables(): Promise<{ name: string; type: string }[]> {
    return this.session.serialized(async () => (await this.session.command('who', '')) as { name: string; type: string }[]);
  }
}
