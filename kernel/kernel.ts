// The Jupyter side of cppnb: one handler table for shell and control (after
// ipykernel's kernelbase.py), served separately so control is answered while a
// cell runs, busy/idle around every request.
import { Channels, logToStderr } from './channels.js';
import type { ChannelName, ConnectionInfo } from './connection.js';
import { History } from './history.js';
import { errorOutcome } from './outcome.js';
import type { CommFromLanguage, CommToLanguage, ExecuteOutcome, LanguageKernel } from './language.js';
import { RateLimitedLog } from './rate-limited-log.js';
import { ReplayGuard } from './replay-guard.js';
import { Session } from './session.js';
import { Subshells } from './subshells.js';
import { Comms } from './comms.js';
import { UsageMeter } from './process-usage.js';
import { indexToCodePoint } from './code-points.js';
import { ExecuteOutput } from './execute-output.js';
import { codeAtRequest, executeRequest, historyRequest, inspectDetail, isCompleteRequest, replyType, shutdownRequest } from './requests.js';
import { deserialize, PROTOCOL_VERSION, serialize, Signer, WireError, type Message } from './wire.js';

type Handler = (msg: Message, channel: ChannelName) => Promise<void>;

export interface KernelOptions {
  log?: (line: string) => void;
  // Channels already binding (the command binds them before loading the
  // language's modules); made here from info otherwise.
  channels?: Channels;
  historyDir?: string;
  // The history to keep (shared with whoever else reads it, e.g. %history).
  history?: History;
  onExit?: (code: number) => void;
}

// How long an input_request waits for the client's stdin socket to connect.
const STDIN_CONNECT_GRACE_MS = 3000;

export class Kernel {
  private readonly channels: Channels;
  private readonly signer: Signer;
  private readonly session = new Session();
  private readonly history: History;
  private readonly log: (line: string) => void;
  // Bad messages are logged, but a flood of them cannot flood the log.
  private readonly dropped: RateLimitedLog;
  private readonly replays = new ReplayGuard();
  // CPPNB_TRACE=1 logs every message in and out, for debugging a client.
  private readonly trace = process.env.CPPNB_TRACE !== undefined;
  private executionCount = 0;
  // The main shell and the subshells, each served by its own loop.
  private readonly shells = new Subshells((msg) => this.dispatch('shell', msg));
  // One interpreter: cells run one at a time, whichever shell sent them; a
  // cell sent on a subshell while another runs waits for it (JEP 91 allows it).
  private interpreterFree: Promise<void> = Promise.resolve();
  private readonly usage = new UsageMeter();
  private readonly comms = new Comms();
  // input_request msg_id → who waits for its input_reply
  private readonly inputWaiters = new Map<string, (value: string | null) => void>();
  private shuttingDown = false;

  private readonly handlers: Record<string, Handler> = {
    kernel_info_request: (m, c) => this.kernelInfo(m, c),
    execute_request: (m, c) => this.execute(m, c),
    complete_request: (m, c) => this.complete(m, c),
    inspect_request: (m, c) => this.inspect(m, c),
    is_complete_request: (m, c) => this.isComplete(m, c),
    history_request: (m, c) => this.historyRequest(m, c),
    comm_info_request: (m, c) => this.reply(c, m, 'comm_info_reply', { status: 'ok', comms: this.comms.info(m.content.target_name == null ? undefined : String(m.content.target_name)) }),
    comm_open: (m) => this.commOpen(m),
    comm_msg: (m) => this.commMessage(m, 'msg'),
    comm_close: (m) => this.commMessage(m, 'close'),
    interrupt_request: (m, c) => this.interrupt(m, c),
    usage_request: (m, c) => this.reply(c, m, 'usage_reply', this.usage.report()),
    create_subshell_request: (m, c) => this.reply(c, m, 'create_subshell_reply', { status: 'ok', subshell_id: this.shells.create() }),
    delete_subshell_request: (m, c) => this.deleteSubshell(m, c),
    list_subshell_request: (m, c) => this.reply(c, m, 'list_subshell_reply', { status: 'ok', subshell_id: this.shells.ids() }),
    shutdown_request: (m, c) => this.shutdown(m, c),
  };

  constructor(
    info: ConnectionInfo,
    private readonly language: LanguageKernel,
    private readonly options: KernelOptions = {},
  ) {
    this.signer = new Signer(info.signature_scheme, info.key);
    this.log = options.log ?? logToStderr;
    this.channels = options.channels ?? new Channels(info, this.log);
    this.history = options.history ?? new History(options.historyDir);
    this.dropped = new RateLimitedLog(this.log);
  }

  async start(): Promise<void> {
    await this.channels.bind();
    this.language.start();
    // Not awaited: iopub holds it until a first subscriber (see Channels),
    // and shell must be served meanwhile.
    this.publish('status', { execution_state: 'starting' }).catch((err) => this.log(`iopub send failed: ${String(err)}`));
    void this.channels.serveHeartbeat();
    void this.receive('shell', this.channels.shell, (msg) => this.enqueueShell(msg));
    void this.receive('control', this.channels.control, (msg) => this.dispatch('control', msg));
    void this.receive('stdin', this.channels.stdin, (msg) => this.onStdinReply(msg));
  }

  // Interrupt from a signal (kernelspec interrupt_mode "signal").
  interruptFromSignal(): void {
    this.language.interrupt();
  }

  async stop(code = 0): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    this.shells.stopAll();
    await this.language.shutdown(false).catch(() => undefined);
    this.channels.close();
    this.options.onExit?.(code);
  }

  // ---- transport ------------------------------------------------------------

  private async receive(
    channel: ChannelName,
    socket: AsyncIterable<Buffer[]>,
    onMessage: (msg: Message) => void | Promise<void>,
  ): Promise<void> {
    try {
      for await (const frames of socket) {
        let msg: Message;
        try {
          msg = deserialize(frames, this.signer);
        } catch (err) {
          // Never executed, never answered: an unsigned message may be an attack.
          this.dropped.note(`dropped a message on ${channel}: ${err instanceof WireError ? err.message : String(err)}`);
          continue;
        }
        if (!this.replays.fresh(msg.signature ?? '')) {
          this.dropped.note(`dropped a message on ${channel}: its signature was seen before (a replay)`);
          continue;
        }
        if (this.trace) this.log(`<- ${channel} ${msg.header.msg_type} ${msg.header.msg_id}`);
        await onMessage(msg);
      }
    } catch (err) {
      if (!this.shuttingDown) this.log(`${channel} channel stopped: ${String(err)}`);
    }
  }

  // Into the queue of the shell the message names; a subshell that does not
  // exist (deleted, or never created) answers with an error, not silence.
  private async enqueueShell(msg: Message): Promise<void> {
    const queue = this.shells.of(msg);
    if (queue) return queue.push(msg);
    const evalue = `no subshell ${String(msg.header.subshell_id).slice(0, 100)}`;
    this.dropped.note(`${msg.header.msg_type}: ${evalue}`);
    if (msg.header.msg_type.endsWith('_request')) {
      await this.replyWithStatus(msg, replyType(msg.header.msg_type), errorOutcome('SubshellNotFound', evalue));
    }
  }

  // Runs f when no other cell runs (see interpreterFree).
  private async withInterpreter<T>(f: () => Promise<T>): Promise<T> {
    const before = this.interpreterFree;
    let release!: () => void;
    this.interpreterFree = new Promise<void>((resolve) => (release = resolve));
    await before;
    try {
      return await f();
    } finally {
      release();
    }
  }

  private async dispatch(channel: ChannelName, msg: Message): Promise<void> {
    const type = msg.header.msg_type;
    // Not awaited before handling: until a first client subscribes, iopub holds
    // its messages (see Channels), and a reply on shell need not wait for that.
    // iopub's own order (busy, outputs, idle) is kept by its send queue.
    const busy = this.publish('status', { execution_state: 'busy' }, msg).catch((err) => this.log(`iopub send failed: ${String(err)}`));
    try {
      const handler = this.handlers[type];
      if (handler) await handler(msg, channel);
      else this.dropped.note(`ignored unknown message type "${String(type).slice(0, 100)}" on ${channel}`);
    } catch (err) {
      this.dropped.note(`error while handling ${String(type).slice(0, 100)}: ${(err as Error).stack ?? String(err)}`);
      // A request always gets its reply, or its client would wait for ever.
      if (type.endsWith('_request')) {
        const evalue = (err as Error).message ?? String(err);
        await this.reply(channel, msg, replyType(type), errorOutcome('KernelError', evalue)).catch(() => undefined);
      }
    } finally {
      await busy;
      await this.publish('status', { execution_state: 'idle' }, msg).catch(() => undefined);
    }
  }

  private async send(channel: ChannelName, msg: Message): Promise<void> {
    if (this.shuttingDown && channel !== 'iopub' && channel !== 'control' && channel !== 'shell') return;
    if (this.trace) this.log(`-> ${channel} ${msg.header.msg_type} (parent ${String(msg.parent_header.msg_id ?? '-')})`);
    await this.channels.send(channel, serialize(msg, this.signer));
  }

  // A reply on shell to a request that is not handled (aborted, or for a
  // subshell that does not exist), inside its own busy/idle as clients wait for.
  private async replyWithStatus(request: Message, msgType: string, content: Record<string, unknown>): Promise<void> {
    await this.publish('status', { execution_state: 'busy' }, request);
    await this.reply('shell', request, msgType, content);
    await this.publish('status', { execution_state: 'idle' }, request);
  }

  private reply(channel: ChannelName, request: Message, msgType: string, content: Record<string, unknown>): Promise<void> {
    return this.send(channel, this.session.message(msgType, content, request, { identities: request.identities }));
  }

  private publish(msgType: string, content: Record<string, unknown>, parent?: Message, metadata?: Record<string, unknown>, contentBytes?: Buffer): Promise<void> {
    const topic = Buffer.from(`kernel.${this.session.id}.${msgType}`);
    return this.send('iopub', this.session.message(msgType, content, parent, { identities: [topic], metadata, contentBytes }));
  }

  // A stream message, its content assembled from the text's JSON pieces in one copy.
  private publishStream(name: 'stdout' | 'stderr', pieces: Buffer[], parent: Message): Promise<void> {
    const contentBytes = Buffer.concat([Buffer.from(`{"name":"${name}","text":"`), ...pieces, Buffer.from('"}')]);
    return this.publish('stream', { name }, parent, undefined, contentBytes);
  }

  private onStdinReply(msg: Message): void {
    // jupyter_client sends input_reply without a parent header: with one
    // request open at a time (as in ipykernel), the oldest one is answered.
    const waiter = this.inputWaiters.get(String(msg.parent_header.msg_id)) ?? this.inputWaiters.values().next().value;
    if (msg.header.msg_type !== 'input_reply' || !waiter) {
      this.dropped.note(`ignored ${String(msg.header.msg_type).slice(0, 100)} on stdin`);
      return;
    }
    waiter(typeof msg.content.value === 'string' ? msg.content.value : '');
  }

  // input_request goes to the client that sent the execute_request (its
  // stdin socket shares the shell socket's identity, as jupyter_client sets it).
  // undefined when the request could not reach the client at all.
  private async requestInput(request: Message, prompt: string, password: boolean, abort: AbortSignal): Promise<string | null | undefined> {
    const msg = this.session.message('input_request', { prompt, password }, request, { identities: request.identities });
    const answer = new Promise<string | null>((resolve) => {
      this.inputWaiters.set(msg.header.msg_id, resolve);
      abort.addEventListener('abort', () => resolve(null), { once: true });
    });
    try {
      if (!(await this.sendInputRequest(msg, abort))) return undefined;
      return await answer;
    } finally {
      this.inputWaiters.delete(msg.header.msg_id);
    }
  }

  // A client's stdin socket may connect a little after its shell socket (ZMQ
  // reconnects every 100 ms): wait for it a while before giving up.
  private async sendInputRequest(msg: Message, abort: AbortSignal): Promise<boolean> {
    const deadline = Date.now() + STDIN_CONNECT_GRACE_MS;
    for (;;) {
      try {
        await this.send('stdin', msg);
        return true;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if ((code !== 'EHOSTUNREACH' && code !== 'EAGAIN') || abort.aborted || Date.now() > deadline) {
          this.log(`input_request not delivered: ${String(err)}`);
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }

  // ---- handlers -------------------------------------------------------------

  private async kernelInfo(msg: Message, channel: ChannelName): Promise<void> {
    const info = this.language.kernelInfo();
    await this.reply(channel, msg, 'kernel_info_reply', {
      status: 'ok',
      protocol_version: PROTOCOL_VERSION,
      implementation: info.implementation,
      implementation_version: info.implementation_version,
      language_info: info.language_info,
      banner: info.banner,
      help_links: info.help_links,
      debugger: false,
      // Protocol 5.5 (JEP 91): shells a client creates on control; see shells.
      supported_features: ['kernel subshells'],
    });
  }

  private execute(msg: Message, channel: ChannelName): Promise<void> {
    return this.withInterpreter(() => this.runCell(msg, channel));
  }

  private async runCell(msg: Message, channel: ChannelName): Promise<void> {
    const { code, silent, storeHistory, stopOnError, allowStdin, userExpressions } = executeRequest(msg);
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;

    if (!silent) await this.publish('execute_input', { code, execution_count: count }, msg);

    const output = this.outputFor(msg, { silent, allowStdin });
    let outcome: ExecuteOutcome;
    try {
      outcome = await this.language.execute(code, { silent, storeHistory, allowStdin, executionCount: count }, output.sink);
    } catch (err) {
      outcome = errorOutcome('KernelError', String(err));
    }
    await output.finish();
    if (storeHistory) this.history.add(count, code);

    if (outcome.status === 'ok') {
      if (!silent && outcome.data && Object.keys(outcome.data).length > 0) {
        await this.publish('execute_result', { execution_count: count, data: outcome.data, metadata: outcome.metadata ?? {} }, msg);
      }
      const expressions: Record<string, unknown> = {};
      for (const [name, expr] of Object.entries(userExpressions)) {
        expressions[name] =
          typeof expr === 'string'
            ? await this.evaluate(expr)
            : errorOutcome('TypeError', 'a user expression must be a string', []);
      }
      await this.reply(channel, msg, 'execute_reply', {
        status: 'ok',
        execution_count: count,
        user_expressions: expressions,
        payload: outcome.payload ?? [],
      });
      return;
    }
    const { ename, evalue, traceback } = outcome;
    // What was queued before this error is aborted; what the client sends after
    // seeing the reply is not, so take the queue before replying.
    const aborted = stopOnError ? this.takeQueuedExecutes(msg) : [];
    if (!silent) await this.publish('error', { ename, evalue, traceback }, msg);
    await this.reply(channel, msg, 'execute_reply', { status: 'error', execution_count: count, ename, evalue, traceback });
    for (const m of aborted) await this.replyWithStatus(m, 'execute_reply', { status: 'aborted', execution_count: this.executionCount });
  }

  private async evaluate(expression: string): Promise<Record<string, unknown>> {
    const r = await this.language.evaluate(expression).catch(
      (err): ExecuteOutcome => errorOutcome('KernelError', String(err), []),
    );
    if (r.status === 'ok') return { status: 'ok', data: r.data ?? {}, metadata: r.metadata ?? {} };
    return errorOutcome(r.ename, r.evalue, r.traceback);
  }

  // After an error, the execute requests already queued on the same shell are
  // not run (stop_on_error).
  private takeQueuedExecutes(failed: Message): Message[] {
    return this.shells.of(failed)?.take((m) => m.header.msg_type === 'execute_request') ?? [];
  }

  private async complete(msg: Message, channel: ChannelName): Promise<void> {
    const { code, cursor } = codeAtRequest(msg);
    const r = await this.language.complete(code, cursor);
    // Positions go back to the client in code points.
    const points = (index: number) => indexToCodePoint(code, index);
    const types = r.metadata._jupyter_types_experimental as { start: number; end: number }[] | undefined;
    const metadata = types
      ? { ...r.metadata, _jupyter_types_experimental: types.map((t) => ({ ...t, start: points(t.start), end: points(t.end) })) }
      : r.metadata;
    await this.reply(channel, msg, 'complete_reply', {
      status: 'ok', ...r, cursor_start: points(r.cursor_start), cursor_end: points(r.cursor_end), metadata,
    });
  }

  private async inspect(msg: Message, channel: ChannelName): Promise<void> {
    const { code, cursor } = codeAtRequest(msg);
    const r = await this.language.inspect(code, cursor, inspectDetail(msg));
    await this.reply(channel, msg, 'inspect_reply', { status: 'ok', ...r });
  }

  private async isComplete(msg: Message, channel: ChannelName): Promise<void> {
    const r = this.language.isComplete(isCompleteRequest(msg).code);
    await this.reply(channel, msg, 'is_complete_reply', { ...r });
  }

  private async historyRequest(msg: Message, channel: ChannelName): Promise<void> {
    const h = historyRequest(msg);
    const history =
      h.access === 'range' ? this.history.range(h.session, h.start, h.stop, h.output)
        : h.access === 'search' ? this.history.search(h.pattern, h.n, h.unique, h.output)
          : this.history.tail(h.n, h.output);
    await this.reply(channel, msg, 'history_reply', { status: 'ok', history });
  }

  // Where the code that runs for msg (a cell, a comm callback) sends its output.
  private outputFor(msg: Message, options: { silent: boolean; allowStdin: boolean }): ExecuteOutput {
    return new ExecuteOutput(
      {
        publish: (type, content) => this.publish(type, content, msg),
        publishStream: (name, pieces) => this.publishStream(name, pieces, msg),
        requestInput: (prompt, password, abort) => this.requestInput(msg, prompt, password, abort),
        comm: (message) => this.commFromLanguage(message, msg),
        log: (line) => this.log(line),
      },
      options,
    );
  }

  // A comm message the language's code sends: on iopub, its parent the request
  // whose code sent it; the comm's metadata goes in the message's metadata.
  private async commFromLanguage(m: CommFromLanguage, parent: Message): Promise<void> {
    if (m.op === 'target') {
      this.comms.addTarget(m.targetName);
      return;
    }
    if (m.op === 'open') {
      this.comms.opened(m.commId, m.targetName);
      await this.publish('comm_open', { comm_id: m.commId, target_name: m.targetName, data: m.data }, parent, m.metadata as Record<string, unknown>);
    } else if (m.op === 'msg') {
      await this.publish('comm_msg', { comm_id: m.commId, data: m.data }, parent, m.metadata as Record<string, unknown>);
    } else {
      this.comms.closed(m.commId);
      await this.publish('comm_close', { comm_id: m.commId, data: m.data }, parent, m.metadata as Record<string, unknown>);
    }
  }

  private async commOpen(msg: Message): Promise<void> {
    const commId = String(msg.content.comm_id ?? ''), targetName = String(msg.content.target_name ?? '');
    if (!this.comms.hasTarget(targetName)) {
      // A target nobody registered: close it, as ipykernel does.
      this.dropped.note(`no comm target "${targetName.slice(0, 100)}"; closing the comm`);
      await this.publish('comm_close', { comm_id: commId, data: {} }, msg);
      return;
    }
    this.comms.opened(commId, targetName);
    await this.deliverComm(msg, { event: 'open', commId, targetName, data: msg.content.data ?? {} });
  }

  private async commMessage(msg: Message, event: 'msg' | 'close'): Promise<void> {
    const commId = String(msg.content.comm_id ?? '');
    if (!this.comms.isOpen(commId)) {
      this.dropped.note(`comm_${event} for comm "${commId.slice(0, 100)}", which is not open; ignored`);
      return;
    }
    if (event === 'close') this.comms.closed(commId);
    await this.deliverComm(msg, { event, commId, targetName: '', data: msg.content.data ?? {} });
  }

  // The language's callback runs between cells; its output, and its error if
  // it fails, go to the comm message's parent, as the spec says.
  private deliverComm(msg: Message, message: CommToLanguage): Promise<void> {
    return this.withInterpreter(async () => {
      const output = this.outputFor(msg, { silent: false, allowStdin: false });
      let outcome: ExecuteOutcome;
      try {
        outcome = await this.language.deliverComm(message, output.sink);
      } catch (err) {
        outcome = errorOutcome('KernelError', String(err));
      }
      await output.finish();
      if (outcome.status === 'error') await this.publish('error', { ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback }, msg);
    });
  }

  private async deleteSubshell(msg: Message, channel: ChannelName): Promise<void> {
    const id = String(msg.content.subshell_id ?? '');
    const waiting = this.shells.delete(id);
    if (!waiting) {
      const evalue = `no subshell ${id.slice(0, 100)}`;
      await this.reply(channel, msg, 'delete_subshell_reply', errorOutcome('SubshellNotFound', evalue));
      return;
    }
    // What it had not started is not run; each request still gets its reply.
    for (const m of waiting) {
      const type = m.header.msg_type;
      if (type.endsWith('_request')) await this.replyWithStatus(m, replyType(type), { status: 'aborted' });
    }
    await this.reply(channel, msg, 'delete_subshell_reply', { status: 'ok' });
  }

  private async interrupt(msg: Message, channel: ChannelName): Promise<void> {
    this.language.interrupt();
    await this.reply(channel, msg, 'interrupt_reply', { status: 'ok' });
  }

  private async shutdown(msg: Message, channel: ChannelName): Promise<void> {
    const { restart } = shutdownRequest(msg);
    // Either way this process ends; with restart set the client's kernel
    // manager starts a new one (as with ipykernel).
    await this.language.shutdown(false).catch(() => undefined);
    await this.reply(channel, msg, 'shutdown_reply', { status: 'ok', restart });
    // Also on iopub, as ipykernel does, for clients that watch there.
    await this.publish('shutdown_reply', { status: 'ok', restart }, msg);
    // The client's kernel manager restarts the process when restart is set.
    setTimeout(() => void this.stop(0), 50);
  }
}
