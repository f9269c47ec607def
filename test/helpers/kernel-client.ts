// A real Jupyter client for the tests: starts `cppnb kernel` on a fresh
// connection file and talks ZMQ to it (DEALER for shell/control/stdin, SUB for
// iopub, REQ for heartbeat), signing with its own Session.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as zmq from 'zeromq';
import { deserialize, serialize, Signer, type Message } from '../../kernel/wire.js';
import { packageRoot } from '../../interpreter-bridge/paths.js';
import { tempDir } from './temp-dir.js';

// n distinct free ports: all are held open until every one is known, or the
// OS could hand out the same port twice.
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        const srv = createServer();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => resolve(srv));
      }),
    ),
  );
  const ports = servers.map((srv) => (srv.address() as { port: number }).port);
  await Promise.all(servers.map((srv) => new Promise((resolve) => srv.close(resolve))));
  return ports;
}

export interface Outputs {
  reply: Message;
  iopub: Message[]; // everything on iopub with this request as parent, up to idle
}

type Channel = 'shell' | 'control' | 'stdin';

// Every client started, so a failed test still ends its kernel (see afterAll below).
const started = new Set<KernelClient>();

export const mochaHooks = {
  async afterAll(): Promise<void> {
    for (const k of started) k.close();
  },
};

export class KernelClient {
  readonly dir = tempDir('test');
  readonly key = randomBytes(16).toString('hex');
  readonly signer: Signer;
  readonly session = randomUUID();
  process: ChildProcess | null = null;
  stderr = '';
  connection: Record<string, unknown> = {};
  private sockets!: { shell: zmq.Dealer; control: zmq.Dealer; stdin: zmq.Dealer; iopub: zmq.Subscriber; hb: zmq.Request };
  // iopub messages by their parent's msg_id (a flood must not make each lookup scan them all).
  private iopubByParent = new Map<string, Message[]>();
  private iopubWaiters: (() => void)[] = [];
  private replies = new Map<string, { msg?: Message; wake?: () => void }>();
  readonly stdinRequests: Message[] = [];
  // For floods: count stream text instead of keeping it.
  keepStreams = true;
  // Milliseconds from spawning the kernel to its first kernel_info_reply.
  firstInfoMs: number | null = null;
  streamChars = 0;
  streamMessages = 0;

  private readonly scheme: string;
  // Connect iopub this long after the others, and ask kernel_info once
  // without retrying: a client slow to subscribe.
  private readonly iopubDelayMs: number;
  // Connect stdin this long after start (Infinity: never).
  private readonly stdinDelayMs: number;
  firstInfoId = '';
  private readonly transport: 'tcp' | 'ipc';

  // The kernel's command line before the connection file; cppnb by default.
  private readonly argv: string[];

  constructor(
    private readonly env: NodeJS.ProcessEnv = {},
    options: { scheme?: string; transport?: 'tcp' | 'ipc'; argv?: string[]; iopubDelayMs?: number; stdinDelayMs?: number } = {},
  ) {
    this.iopubDelayMs = options.iopubDelayMs ?? 0;
    this.stdinDelayMs = options.stdinDelayMs ?? 0;
    this.argv = options.argv ?? [process.execPath, join(packageRoot, 'bin', 'cppnb.js'), 'kernel', '-f'];
    this.scheme = options.scheme ?? 'hmac-sha256';
    this.transport = options.transport ?? 'tcp';
    this.signer = new Signer(this.scheme, this.key);
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  async start(extraArgs: string[] = []): Promise<void> {
    const ipc = this.transport === 'ipc';
    const [shell_port, iopub_port, stdin_port, control_port, hb_port] = ipc ? [1, 2, 3, 4, 5] : await freePorts(5);
    const ports = { shell_port, iopub_port, stdin_port, control_port, hb_port };
    const ip = ipc ? join(this.dir, 'kernel') : '127.0.0.1';
    this.connection = { transport: this.transport, ip, key: this.key, signature_scheme: this.scheme, kernel_name: 'cppnb', ...ports };
    const file = join(this.dir, 'connection.json');
    writeFileSync(file, JSON.stringify(this.connection), { mode: 0o600 }); // as jupyter_client writes it
    const spawnedAt = performance.now();
    this.process = spawn(this.argv[0], [...this.argv.slice(1), file, ...extraArgs], {
      env: { ...process.env, CPPNB_DATA_DIR: this.dataDir, CPPNB_TEST_TAG: this.dir, ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.process.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    started.add(this);
    const url = (p: number) => (ipc ? `ipc://${ip}-${p}` : `tcp://127.0.0.1:${p}`);
    this.sockets = {
      // shell and stdin share one identity, as jupyter_client sets them: the
      // kernel routes input_request by the execute_request's identity.
      shell: new zmq.Dealer({ linger: 0, routingId: this.session }),
      control: new zmq.Dealer({ linger: 0, routingId: `control-${this.session}` }),
      stdin: new zmq.Dealer({ linger: 0, routingId: this.session }),
      iopub: new zmq.Subscriber({ linger: 0 }),
      hb: new zmq.Request({ linger: 0, receiveTimeout: 5000 }),
    };
    this.sockets.shell.connect(url(ports.shell_port));
    this.sockets.control.connect(url(ports.control_port));
    if (this.stdinDelayMs === 0) this.sockets.stdin.connect(url(ports.stdin_port));
    else if (Number.isFinite(this.stdinDelayMs)) setTimeout(() => this.sockets.stdin.connect(url(ports.stdin_port)), this.stdinDelayMs);
    const connectIopub = () => {
      this.sockets.iopub.connect(url(ports.iopub_port));
      this.sockets.iopub.subscribe();
    };
    this.sockets.hb.connect(url(ports.hb_port));
    void this.pump('shell');
    void this.pump('control');
    void this.pumpStdin();
    void this.pumpIopub();
    if (this.iopubDelayMs > 0) {
      setTimeout(connectIopub, this.iopubDelayMs);
      this.firstInfoId = await this.send('shell', 'kernel_info_request', {});
      await this.waitReply(this.firstInfoId);
      return;
    }
    connectIopub();
    // Until kernel_info answers (and iopub is subscribed), ask again: slow joiner.
    const deadline = Date.now() + 30000;
    for (let attempt = 0; ; attempt++) {
      const id = await this.send('shell', 'kernel_info_request', {});
      const reply = await this.waitReply(id, 1000).catch(() => null);
      if (reply && this.firstInfoMs === null) this.firstInfoMs = performance.now() - spawnedAt;
      if (reply && this.iopubFor(id).length > 0) break;
      if (Date.now() > deadline) throw new Error(`kernel did not start: ${this.stderr}`);
    }
  }

  private async pump(channel: 'shell' | 'control'): Promise<void> {
    try {
      for await (const frames of this.sockets[channel]) {
        const msg = deserialize(frames, this.signer);
        const id = String(msg.parent_header.msg_id);
        const slot = this.replies.get(id) ?? {};
        slot.msg = msg;
        this.replies.set(id, slot);
        slot.wake?.();
      }
    } catch {
      // closed
    }
  }

  // Answers each input_request with the next queued answer (see answerInputWith).
  private inputAnswers: string[] = [];

  answerInputWith(...values: string[]): void {
    this.inputAnswers.push(...values);
  }

  private async pumpStdin(): Promise<void> {
    try {
      for await (const frames of this.sockets.stdin) {
        const req = deserialize(frames, this.signer);
        this.stdinRequests.push(req);
        const value = this.inputAnswers.shift();
        if (value !== undefined) {
          const reply = this.message('input_reply', { value });
          reply.parent_header = req.header;
          await this.sockets.stdin.send(serialize(reply, this.signer));
        }
      }
    } catch {
      // closed
    }
  }

  private async pumpIopub(): Promise<void> {
    try {
      for await (const frames of this.sockets.iopub) {
        const msg = deserialize(frames, this.signer);
        if (!this.keepStreams && msg.header.msg_type === 'stream') {
          this.streamChars += String(msg.content.text).length;
          this.streamMessages++;
          msg.content = { name: msg.content.name, text: '' };
        }
        const parent = String(msg.parent_header?.msg_id);
        const list = this.iopubByParent.get(parent);
        if (list) list.push(msg);
        else this.iopubByParent.set(parent, [msg]);
        this.lastIopubAt = performance.now();
        for (const w of this.iopubWaiters.splice(0)) w();
      }
    } catch {
      // closed
    }
  }

  private lastIopubAt = 0;

  // Resolves once iopub has been silent for quietMs (at most maxMs): after a
  // flood, the kernel's PUB queue must drain before a request's busy/idle can
  // get through (PUB drops past its high-water mark, as ZMQ does).
  async iopubQuiet(quietMs: number, maxMs = 60000): Promise<void> {
    const until = performance.now() + maxMs;
    while (performance.now() - this.lastIopubAt < quietMs && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
  }

  message(msgType: string, content: Record<string, unknown>): Message {
    return {
      identities: [],
      header: { msg_id: randomUUID(), session: this.session, username: 'test', date: new Date().toISOString(), msg_type: msgType, version: '5.3' },
      parent_header: {},
      metadata: {},
      content,
      buffers: [],
    };
  }

  async sendMessage(channel: Channel, msg: Message, signer: Signer = this.signer): Promise<string> {
    await this.sockets[channel].send(serialize(msg, signer));
    return msg.header.msg_id;
  }

  // Raw frames, as an attacker would send them.
  async sendFrames(channel: Channel, frames: Buffer[]): Promise<void> {
    await this.sockets[channel].send(frames);
  }

  send(channel: Channel, msgType: string, content: Record<string, unknown>): Promise<string> {
    return this.sendMessage(channel, this.message(msgType, content));
  }

  async waitReply(msgId: string, timeoutMs = 30000): Promise<Message> {
    const slot = this.replies.get(msgId) ?? {};
    this.replies.set(msgId, slot);
    if (slot.msg) return slot.msg;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no reply to ${msgId} within ${timeoutMs} ms`)), timeoutMs);
      slot.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    return slot.msg!;
  }

  hasReply(msgId: string): boolean {
    return this.replies.get(msgId)?.msg !== undefined;
  }

  // Waits until some iopub message for the request satisfies pred.
  async waitIopub(msgId: string, pred: (m: Message) => boolean, timeoutMs = 30000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.iopubFor(msgId).find(pred);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching iopub message for ${msgId}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.iopubWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  iopubFor(msgId: string): Message[] {
    return [...(this.iopubByParent.get(msgId) ?? [])];
  }

  // Waits until iopub carries `idle` for this request.
  async waitIdle(msgId: string, timeoutMs = 30000): Promise<Message[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const msgs = this.iopubFor(msgId);
      if (msgs.some((m) => m.header.msg_type === 'status' && m.content.execution_state === 'idle')) return msgs;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no idle for ${msgId}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.iopubWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async request(channel: Channel, msgType: string, content: Record<string, unknown>, timeoutMs = 60000): Promise<Outputs> {
    const id = await this.send(channel, msgType, content);
    const reply = await this.waitReply(id, timeoutMs);
    const iopub = await this.waitIdle(id, timeoutMs);
    return { reply, iopub };
  }

  execute(code: string, extra: Record<string, unknown> = {}, timeoutMs = 60000): Promise<Outputs> {
    return this.request('shell', 'execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...extra }, timeoutMs);
  }

  async heartbeat(payload = 'ping'): Promise<string> {
    await this.sockets.hb.send(payload);
    const [reply] = await this.sockets.hb.receive();
    return reply.toString();
  }

  async shutdown(): Promise<void> {
    if (!this.process || this.process.exitCode !== null) return this.close();
    const exited = new Promise<void>((resolve) => this.process!.once('exit', () => resolve()));
    await this.send('control', 'shutdown_request', { restart: false });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
    this.close();
  }

  close(): void {
    for (const s of Object.values(this.sockets ?? {})) {
      try {
        s.close();
      } catch {
        // closed
      }
    }
    if (this.process && this.process.exitCode === null) this.process.kill('SIGKILL');
  }
}

// Collected stream text of one name from a request's iopub messages.
export function streamText(iopub: Message[], name: 'stdout' | 'stderr'): string {
  return iopub
    .filter((m) => m.header.msg_type === 'stream' && m.content.name === name)
    .map((m) => String(m.content.text))
    .join('');
}

export function ofType(iopub: Message[], type: string): Message[] {
  return iopub.filter((m) => m.header.msg_type === type);
}

// Runs code in kernel k, expecting it to succeed (the reply in the failure
// message otherwise); its iopub messages.
export async function executeOk(k: KernelClient, code: string): Promise<Message[]> {
  const out = await k.execute(code);
  if (out.reply.content.status !== 'ok') throw new Error(`the cell failed: ${JSON.stringify(out.reply.content)}\n${code}`);
  return out.iopub;
}

// The text/plain of a request's execute_result, if it had one.
export function result(iopub: Message[]): string | undefined {
  const r = ofType(iopub, 'execute_result')[0];
  return r ? String((r.content.data as Record<string, string>)['text/plain']) : undefined;
}

// The content of an execute_request, for tests that send it themselves (to
// interrupt it, kill its interpreter…).
export function executeContent(code: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, ...extra };
}

// Text without its terminal colours.
export function plain(text: unknown): string {
  return String(text).replace(/\x1b\[[0-9;]*m/g, '');
}

// An error reply's traceback as one text, without colours.
export function tracebackText(content: Record<string, unknown>): string {
  return plain(((content.traceback as string[] | undefined) ?? []).join('\n'));
}
