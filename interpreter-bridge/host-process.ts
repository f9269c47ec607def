// One running cppnb-host: spawns it, speaks the framed protocol, follows it
// through fork-snapshot handovers, and tells when it is gone for good.
import { spawn, type ChildProcess } from 'node:child_process';
import { JsonText } from '../kernel/json-text.js';
import type { Readable, Writable } from 'node:stream';
import type { MimeBundle } from '../kernel/language.js';
import { parseDisplayMessage, type DisplayMessage } from './display-message.js';
import { encodeFrame, FrameReader, InputAnswer, Reply, Request } from './protocol.js';

export interface HostReply {
  status: 'ok' | 'error';
  data?: MimeBundle;
  metadata?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string;
  handover?: boolean;
  // What a cell's #pragma cling lines changed: [kind, path] (host/cling_pragmas.h).
  settings?: [string, string][];
  // A command's answer.
  value?: unknown;
  // Where a cell's time went (µs).
  timing?: { user: number; system: number; run: number; compile: number };
}

// The host died while serving a request. When `resumed`, its snapshot took over
// with the state from before the request; otherwise every host process is gone.
export class HostDied extends Error {
  constructor(
    readonly resumed: boolean,
    readonly interrupted: boolean,
    // Before the cell's code started: clang itself crashed on the cell.
    readonly compiling = false,
  ) {
    super(resumed ? 'the interpreter died and was resumed from its snapshot' : 'the interpreter exited');
  }
}

export interface CellIO {
  // The host's own output comes as JSON text (host/output_text.h).
  output(name: 'stdout' | 'stderr', text: string | JsonText): void;
  // See ExecuteSink.backlog.
  backlog?(): Promise<void> | null;
  // display, update_display or clear_output from the cell.
  display(message: Exclude<DisplayMessage, { kind: 'result' }>): void;
  // A line for the cell's stdin; null for end of file. Aborted when the cell ends first.
  input(prompt: string, password: boolean, abort: AbortSignal): Promise<string | null>;
}

interface Pending {
  resolve: (r: HostReply) => void;
  reject: (e: Error) => void;
  io: CellIO;
  interrupted: boolean;
  // The host said the request's code runs (Reply.Running).
  running: boolean;
  escalation: NodeJS.Timeout | null;
  inputAbort: AbortController | null;
  // A rich value of the cell's last expression (it comes as a display message).
  result: { data: MimeBundle; metadata: Record<string, unknown> } | null;
}

// How long an interrupt may take to land before the host is killed and its
// snapshot takes over (the cell is then rolled back).
const INTERRUPT_GRACE_MS = 700;

export class HostProcess {
  private child: ChildProcess | null = null;
  private pid = 0;
  private groupId = 0;
  private pending: Pending | null = null;
  private expectedHandovers = 0;
  private dead = false;
  private readonly reader = new FrameReader(Reply.Hello);
  // The pipe the host replies on, and whether reading it waits for a backlog to go.
  private replies: Readable | null = null;
  private paused = false;
  private readonly logTail: string[] = [];
  private ready: Promise<void> | null = null;
  clangVersion = '';
  onDeath: (() => void) | null = null;

  constructor(
    private readonly hostPath: string,
    private readonly args: string[],
    private readonly log: (line: string) => void,
  ) {}

  get alive(): boolean {
    return !this.dead;
  }

  get currentPid(): number {
    return this.pid;
  }

  // Resolves when the host said hello; rejects with its own words if it could not start.
  start(): Promise<void> {
    if (this.ready) return this.ready;
    this.ready = new Promise<void>((resolve, reject) => {
      let child: ChildProcess;
      try {
        // detached: its own process group, so a SIGINT meant for the kernel does
        // not reach it directly, and snapshots can be killed with it.
        child = spawn(this.hostPath, this.args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe', 'pipe'], detached: true });
      } catch (err) {
        reject(new Error(`cannot start the interpreter ${this.hostPath}: ${(err as Error).message}`));
        return;
      }
      this.child = child;
      this.groupId = child.pid ?? 0;
      let helloSeen = false;
      child.on('error', (err) => {
        this.dead = true;
        reject(new Error(`cannot start the interpreter ${this.hostPath}: ${err.message}`));
      });
      (child.stdio[2] as Readable).on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line) continue;
          this.log(`host: ${line}`);
          this.logTail.push(line);
          if (this.logTail.length > 20) this.logTail.shift();
        }
      });
      const replies = child.stdio[4] as Readable;
      this.replies = replies;
      replies.on('data', (chunk: Buffer) => {
        for (const frame of this.reader.push(chunk)) {
          if (frame.kind === Reply.Hello && !helloSeen) {
            helloSeen = true;
            const hello = JSON.parse(frame.payload.toString('utf8')) as { pid: number; clang: string };
            this.pid = hello.pid;
            this.clangVersion = hello.clang;
            resolve();
          } else {
            this.onFrame(frame.kind, frame.payload);
          }
        }
      });
      // Every host process (the first, and each snapshot that took over) holds
      // this pipe: its end means none is left.
      replies.on('close', () => {
        this.dead = true;
        if (!helloSeen) {
          const why = this.logTail.length ? `: ${this.logTail.join(' | ')}` : '';
          reject(new Error(`the interpreter exited before it was ready${why}`));
        }
        const p = this.pending;
        this.pending = null;
        if (p) {
          if (p.escalation) clearTimeout(p.escalation);
          p.inputAbort?.abort();
          p.reject(new HostDied(false, p.interrupted));
        }
        this.onDeath?.();
      });
      (child.stdio[3] as Writable).on('error', () => undefined);
      this.inputPipe()?.on('error', () => undefined);
    });
    return this.ready;
  }

  private onFrame(kind: string, payload: Buffer): void {
    const p = this.pending;
    switch (kind) {
      case Reply.Stdout:
      case Reply.Stderr: {
        if (!p) break;
        p.io.output(kind === Reply.Stdout ? 'stdout' : 'stderr', new JsonText(payload));
        // The host's pipe is not read until the client has taken what is queued:
        // the cell's writes then block, and nothing piles up in the kernel.
        // (Not once interrupted: the reply that says so must get through in time.)
        const backlog = p.interrupted ? null : p.io.backlog?.();
        if (backlog && !this.paused) {
          this.paused = true;
          this.replies?.pause();
          void backlog.then(() => this.readReplies());
        }
        break;
      }
      case Reply.Display: {
        const { message, problems } = parseDisplayMessage(payload);
        for (const problem of problems) p?.io.output('stderr', problem + '\n');
        if (!message || !p) break;
        if (message.kind === 'result') p.result = { data: message.data, metadata: message.metadata };
        else p.io.display(message);
        break;
      }
      case Reply.Input: {
        const req = JSON.parse(payload.toString('utf8')) as { prompt: string; password: boolean };
        this.answerInput(p, req.prompt, req.password);
        break;
      }
      case Reply.Done: {
        this.cancelInput(p);
        const reply = JSON.parse(payload.toString('utf8')) as HostReply;
        if (p?.result && reply.status === 'ok') {
          reply.data = { ...reply.data, ...p.result.data };
          reply.metadata = p.result.metadata;
        }
        if (reply.handover) this.expectedHandovers++;
        this.pending = null;
        if (p) {
          if (p.escalation) clearTimeout(p.escalation);
          p.resolve(reply);
        }
        break;
      }
      case Reply.Hello: {
        // A snapshot took over: expected after a compile error, otherwise the
        // host died in the middle of the current request.
        const hello = JSON.parse(payload.toString('utf8')) as { pid: number };
        this.pid = hello.pid;
        if (this.expectedHandovers > 0) {
          this.expectedHandovers--;
        } else if (p) {
          this.cancelInput(p);
          this.pending = null;
          if (p.escalation) clearTimeout(p.escalation);
          p.reject(new HostDied(true, p.interrupted, !p.running));
        }
        break;
      }
      case Reply.Running:
        if (p) p.running = payload.toString('utf8') !== '0';
        break;
      default:
        this.log(`host sent an unknown frame "${kind}"`);
    }
  }

  // Reads the reply pipe again after a backlog held it.
  private readReplies(): void {
    if (!this.paused) return;
    this.paused = false;
    this.replies?.resume();
  }

  // fd 5 of the host (Node's stdio tuple type only knows fds 0-4).
  private inputPipe(): Writable | undefined {
    return (this.child?.stdio as unknown as (Writable | null)[] | undefined)?.[5] ?? undefined;
  }

  private sendInputAnswer(kind: string, text = ''): void {
    this.inputPipe()?.write(encodeFrame(kind, text));
  }

  // Exactly one answer goes back for every input request the host makes.
  private answerInput(p: Pending | null, prompt: string, password: boolean): void {
    if (!p) {
      this.sendInputAnswer(InputAnswer.Eof);
      return;
    }
    const abort = new AbortController();
    p.inputAbort = abort;
    void p.io.input(prompt, password, abort.signal).then(
      (value) => {
        if (abort.signal.aborted) return;
        p.inputAbort = null;
        if (value === null) this.sendInputAnswer(InputAnswer.Eof);
        else this.sendInputAnswer(InputAnswer.Text, value + '\n');
      },
      () => {
        if (abort.signal.aborted) return;
        p.inputAbort = null;
        this.sendInputAnswer(InputAnswer.Eof);
      },
    );
  }

  // The cell ended while its input request was open: withdraw it.
  private cancelInput(p: Pending | null): void {
    if (!p?.inputAbort) return;
    p.inputAbort.abort();
    p.inputAbort = null;
    this.sendInputAnswer(InputAnswer.Cancel);
  }

  // Runs one cell's code; output and input go through io while it runs.
  execute(code: string, io: CellIO): Promise<HostReply> {
    return this.request(Request.Execute, code, io);
  }

  // A request that is not a cell (host/main.cpp, Host::command).
  command(verb: string, arg: string, io: CellIO): Promise<HostReply> {
    return this.request(Request.Command, `${verb}\n${arg}`, io);
  }

  private request(kind: string, payload: string, io: CellIO): Promise<HostReply> {
    if (this.dead || !this.child) return Promise.reject(new HostDied(false, false));
    if (this.pending) return Promise.reject(new Error('the interpreter is busy'));
    return new Promise<HostReply>((resolve, reject) => {
      this.pending = { resolve, reject, io, interrupted: false, running: false, escalation: null, inputAbort: null, result: null };
      (this.child!.stdio[3] as Writable).write(encodeFrame(kind, payload));
    });
  }

  // SIGINT lands when the cell is in its own code; if it has not within the
  // grace period (compiling, or blocked in the kernel), the host is killed and
  // its snapshot resumes with the state from before the cell.
  interrupt(): void {
    const p = this.pending;
    if (!p || this.dead || this.pid <= 0) return;
    p.interrupted = true;
    // The host answers an interrupt at once; its reply must not wait behind
    // output the kernel is holding back for a slow client, or the grace
    // period below would run out and kill a host that did stop.
    this.readReplies();
    this.signal(this.pid, 'SIGINT');
    if (!p.escalation) {
      p.escalation = setTimeout(() => {
        if (this.pending === p) this.signal(this.pid, 'SIGKILL');
      }, INTERRUPT_GRACE_MS);
    }
  }

  private signal(pid: number, sig: NodeJS.Signals): void {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }

  // Ends every process of this host: the serving one and its snapshot.
  kill(): void {
    this.dead = true;
    try {
      (this.child?.stdio[3] as Writable | undefined)?.end(encodeFrame(Request.Quit, ''));
    } catch {
      // pipe already closed
    }
    if (this.groupId > 0) {
      try {
        process.kill(-this.groupId, 'SIGKILL');
      } catch {
        // group already empty
      }
    }
  }
}
