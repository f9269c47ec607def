// The language side the Jupyter kernel talks to: magics first, C++ for the rest.
// It wraps the C++ interpreter and answers execute, complete and is_complete
// for magic cells itself, the way IPython's input transformers do.
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
import { magicHelp } from './help.js';
import { failure, OK, OutcomeError, SHUTDOWN, UsageError } from '../kernel/outcome.js';
import { magicNames, type HistoryAccess, type Magic, type MagicCall, type MagicContext, type MagicResult } from './magic.js';
import type { InterpreterControl } from '../interpreter-bridge/interpreter-control.js';
import { planCell, type LineMagic } from './parse.js';
import { completePath } from './path-completion.js';
import { allMagics, findMagic } from './registry.js';
import { BASH, runShell } from './shell.js';

export type Interpreter = LanguageKernel & InterpreterControl;

// Magics whose argument is a file or directory name, for completion.
const PATH_ARGUMENT = /^\s*(%(?:load|run|cd|include|lib)|%%(?:writefile|file)(?:\s+-a)?)\s+(\S*)$/;

export class MagicKernel implements LanguageKernel {
  private running: AbortController | null = null;

  constructor(
    private readonly cpp: Interpreter,
    private readonly history: HistoryAccess | null = null,
    private readonly registry: readonly Magic[] = allMagics,
  ) {}

  kernelInfo(): KernelInfo {
    const info = this.cpp.kernelInfo();
    return { ...info, banner: `${info.banner}\nMagics: %lsmagic lists them, %name? explains one; !command runs a shell command.` };
  }

  start(): void {
    this.cpp.start();
  }

  async execute(code: string, options: ExecuteOptions, sink: ExecuteSink): Promise<ExecuteOutcome> {
    const plan = planCell(code);
    if (plan.kind === 'lines' && plan.magics.length === 0) return this.cpp.execute(code, options, sink);
    const abort = new AbortController();
    this.running = abort;
    const ctx: MagicContext = {
      sink,
      options,
      interpreter: this.cpp,
      history: this.history,
      interrupted: abort.signal,
      registry: this.registry,
    };
    try {
      switch (plan.kind) {
        case 'cell-magic': {
          const magic = findMagic(this.registry, plan.name, 'cell');
          if (!magic) return failure('UsageError', `Cell magic %%${plan.name} not found.`);
          return await this.call(magic, { kind: 'cell', name: plan.name, args: plan.args, body: plan.body, line: plan.line, lineText: plan.lineText }, ctx);
        }
        case 'help':
          return await this.help(plan.target, plan.magic, sink);
        case 'lines':
          return await this.runLines(plan.magics, plan.cpp, ctx);
      }
    } finally {
      this.running = null;
    }
  }

  // Line magics in order; the first error ends the cell. The C++ after them
  // runs last, and its value (if any) is the cell's.
  private async runLines(magics: LineMagic[], cpp: string, ctx: MagicContext): Promise<MagicResult> {
    let last: MagicResult = OK;
    const payload: Record<string, unknown>[] = [];
    for (const lm of magics) {
      let r: MagicResult;
      if (lm.name === '!') {
        r = lm.args ? await runShell(BASH, lm.args, ctx) : OK;
      } else {
        const magic = findMagic(this.registry, lm.name, 'line');
        if (!magic) {
          const asCell = findMagic(this.registry, lm.name, 'cell') ? ` (did you mean the cell magic %%${lm.name}?)` : '';
          return failure('UsageError', `Line magic function %${lm.name} not found.${asCell}`);
        }
        r = await this.call(magic, { kind: 'line', name: lm.name, args: lm.args, body: '', line: lm.line, lineText: lm.lineText }, ctx);
      }
      if (r.status === 'error') return r;
      payload.push(...(r.payload ?? []));
      last = r;
      if (ctx.interrupted.aborted) return failure('Interrupted', 'the cell was interrupted');
    }
    if (cpp.trim() !== '') {
      const r = await this.cpp.execute(cpp, ctx.options, ctx.sink);
      return r.status === 'ok' ? { ...r, payload: [...payload, ...(r.payload ?? [])] } : r;
    }
    return { status: 'ok', data: last.status === 'ok' ? last.data : undefined, payload };
  }

  private async call(magic: Magic, call: MagicCall, ctx: MagicContext): Promise<MagicResult> {
    try {
      return await magic.run(call, ctx);
    } catch (err) {
      if (err instanceof UsageError) return failure('UsageError', `${err.message}\nUsage: ${magic.usage}`);
      if (err instanceof OutcomeError) return failure(err.ename, err.message);
      return failure(call.kind === 'cell' ? `%%${call.name}` : `%${call.name}`, (err as Error).message);
    }
  }

  // `?name` and `name?` as in IPython: a page payload, or a notice when unknown.
  private async help(target: string, isMagic: boolean, sink: ExecuteSink): Promise<MagicResult> {
    let text: string | null = null;
    if (isMagic) {
      const magic = findMagic(this.registry, target, 'line') ?? findMagic(this.registry, target, 'cell');
      if (magic) text = magicHelp(magic);
    } else {
      const r = await this.cpp.inspect(target, target.length, 0);
      if (r.found) text = String(r.data['text/plain'] ?? '');
    }
    if (text === null) {
      sink.stream('stdout', `Object \`${isMagic ? '%' : ''}${target}\` not found.\n`);
      return OK;
    }
    return { status: 'ok', payload: [{ source: 'page', data: { 'text/plain': text }, start: 0 }] };
  }

  evaluate(expression: string): Promise<ExecuteOutcome> {
    return this.cpp.evaluate(expression);
  }

  complete(code: string, cursor: number): Promise<CompleteReply> {
    const before = code.slice(code.lastIndexOf('\n', cursor - 1) + 1, cursor);
    const reply = (matches: string[], typed: string): CompleteReply => ({
      matches,
      cursor_start: cursor - typed.length,
      cursor_end: cursor,
      metadata: {},
    });
    const name = /^\s*(%%?)(\w*)$/.exec(before);
    if (name) {
      const form = name[1] === '%%' ? 'cell' : 'line';
      const matches = magicNames(this.registry, form).filter((n) => n.startsWith(name[2])).sort().map((n) => name[1] + n);
      return Promise.resolve(reply(matches, name[1] + name[2]));
    }
    const path = PATH_ARGUMENT.exec(before);
    if (path) return Promise.resolve(reply(completePath(path[2], path[1] === '%cd' || path[1] === '%include'), path[2]));
    const quoted = /#\s*include\s*"([^"]*)$/.exec(before);
    if (quoted) return Promise.resolve(reply(completePath(quoted[1]), quoted[1]));
    const angled = /#\s*include\s*<([^>]*)$/.exec(before);
    if (angled) return Promise.resolve(reply(this.cpp.completeHeader(angled[1]), angled[1]));
    return this.cpp.complete(code, cursor);
  }

  inspect(code: string, cursor: number, detailLevel: number): Promise<InspectReply> {
    return this.cpp.inspect(code, cursor, detailLevel);
  }

  deliverComm(message: CommToLanguage, sink: ExecuteSink): Promise<ExecuteOutcome> {
    return this.cpp.deliverComm(message, sink);
  }

  isComplete(code: string): IsCompleteReply {
    const plan = planCell(code);
    switch (plan.kind) {
      case 'help':
        return { status: 'complete' };
      case 'cell-magic': {
        const magic = findMagic(this.registry, plan.name, 'cell');
        if (magic?.bodyLanguage === 'c++' && plan.body.trim() !== '') {
          const body = this.cpp.isComplete(plan.body);
          if (body.status !== 'complete') return body;
        }
        // As IPython: a cell magic's body ends with an empty line.
        return /\n[ \t]*\n[ \t]*$/.test(code)
          ? { status: 'complete' }
          : { status: 'incomplete', indent: '' };
      }
      case 'lines':
        if (plan.magics.length === 0 || plan.cpp.trim() !== '') return this.cpp.isComplete(plan.cpp);
        return /\\\s*$/.test(code) ? { status: 'incomplete', indent: '' } : { status: 'complete' };
    }
  }

  interrupt(): void {
    this.running?.abort();
    this.cpp.interrupt();
  }

  shutdown(restart: boolean): Promise<void> {
    this.running?.abort(SHUTDOWN);
    return this.cpp.shutdown(restart);
  }
}
