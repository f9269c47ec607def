// The five sockets of a Jupyter kernel, bound to the connection file's ip and ports.
// zeromq v6 allows one send in flight per socket, so every send goes through a
// per-socket queue and is awaited.
import * as zmq from 'zeromq';
import { endpoint, type ChannelName, type ConnectionInfo } from './connection.js';

type Sendable = zmq.Router | zmq.XPublisher | zmq.Reply;

// How long after binding iopub waits for its first subscriber before it
// publishes anyway (to nobody): a client may use shell alone.
const FIRST_SUBSCRIBER_GRACE_MS = 3000;

// iopub never drops a message a reading client has no room for yet: a send
// waits (noDrop) while a subscriber holds IOPUB_HWM unread messages, so what the
// kernel queues for a slow client stays bounded (at most IOPUB_HWM messages of
// at most 1 MB) and a flood goes at the client's pace. A subscriber that takes
// nothing for IOPUB_STALL_MS is not reading at all (a busy client pauses for
// far less): one message is then sent without waiting (noDrop off), which ZMQ
// cannot give that subscriber; ZMQ then sets its queue aside (nothing more is
// sent to it, and it is no longer waited for) until it reads again. Such a
// client stalls the kernel once for IOPUB_STALL_MS, and every other client
// still gets everything, at its own pace. (A drop mode kept on for a while
// lost messages for reading clients too: ZMQ drops for every full subscriber,
// and a reading one is full for a moment whenever the kernel's ZMQ thread is
// not scheduled while a cell writes fast; once dropped, it too is set aside.)
const IOPUB_HWM = 32;
const IOPUB_STALL_MS = 5000;

class SendQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly socket: Sendable) {}

  protected deliver(frames: Buffer[]): Promise<void> {
    return this.socket.send(frames);
  }

  // Later sends wait for `ready` first.
  holdUntil(ready: Promise<void>): void {
    this.tail = this.tail.then(() => ready);
  }

  send(frames: Buffer[]): Promise<void> {
    const next = this.tail.then(() => this.deliver(frames));
    // A failed send must not block later ones; the caller still sees the error.
    this.tail = next.catch(() => undefined);
    return next;
  }
}

class IopubQueue extends SendQueue {
  constructor(
    private readonly iopub: zmq.XPublisher,
    private readonly log: (line: string) => void,
  ) {
    super(iopub);
  }

  // An XPUB always reports itself writable: a send to a full subscriber fails
  // at once with EAGAIN (noDrop), so waiting for room is a retry with backoff.
  protected override async deliver(frames: Buffer[]): Promise<void> {
    const started = performance.now();
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      try {
        return await this.iopub.send(frames);
      } catch (err) {
        if ((err as { code?: string }).code !== 'EAGAIN') throw err;
      }
      if (performance.now() - started >= IOPUB_STALL_MS) break;
      await new Promise((r) => setTimeout(r, pause));
    }
    this.log(`iopub: a client has read nothing for ${IOPUB_STALL_MS} ms; it gets nothing more until it reads again`);
    this.iopub.noDrop = false;
    try {
      await this.iopub.send(frames);
    } finally {
      this.iopub.noDrop = true;
    }
  }
}

// The kernel's log: stderr, which Jupyter's kernel manager shows or keeps.
export const logToStderr = (line: string): void => void process.stderr.write(`[cppnb] ${line}\n`);

export class Channels {
  readonly shell = new zmq.Router({ linger: 0 });
  readonly control = new zmq.Router({ linger: 0 });
  // mandatory: an input_request to a client whose stdin socket is not
  // connected fails (EHOSTUNREACH) instead of vanishing, so the kernel can
  // wait for it briefly, or give the cell end of file, but never hang.
  // With no client connected at all, a send would wait for one for ever:
  // sendTimeout makes it fail (EAGAIN) instead.
  readonly stdin = new zmq.Router({ linger: 0, mandatory: true, sendTimeout: 100 });
  // XPUB rather than PUB: it sees subscriptions. A SUB socket's subscription
  // reaches the kernel some milliseconds after it connects, and a PUB drops
  // what it sends before that. This kernel answers so fast that a client's
  // first request (jupyter console's first cell) could otherwise lose its
  // busy/idle and hang waiting for idle (jupyter_client issue 593).
  readonly iopub = new zmq.XPublisher({ linger: 0, noDrop: true, sendHighWaterMark: IOPUB_HWM });
  readonly hb = new zmq.Reply({ linger: 0 });
  private readonly queues = new Map<ChannelName, SendQueue>([
    ['shell', new SendQueue(this.shell)],
    ['control', new SendQueue(this.control)],
    ['stdin', new SendQueue(this.stdin)],
    ['iopub', new IopubQueue(this.iopub, (line) => this.log(line))],
    ['hb', new SendQueue(this.hb)],
  ]);

  constructor(
    private readonly info: ConnectionInfo,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  // Binds the five sockets; the same promise however often it is called (the
  // command binds them before the kernel's modules load; Kernel.start waits).
  bind(): Promise<void> {
    this.bound ??= this.bindAll();
    return this.bound;
  }

  private bound: Promise<void> | undefined;

  private async bindAll(): Promise<void> {
    await Promise.all([
      this.shell.bind(endpoint(this.info, 'shell')),
      this.control.bind(endpoint(this.info, 'control')),
      this.stdin.bind(endpoint(this.info, 'stdin')),
      this.iopub.bind(endpoint(this.info, 'iopub')),
      this.hb.bind(endpoint(this.info, 'hb')),
    ]);
    this.queues.get('iopub')!.holdUntil(this.firstSubscriber());
  }

  private firstSubscriber(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FIRST_SUBSCRIBER_GRACE_MS);
      void (async () => {
        try {
          // Subscription messages: byte 1 = subscribe, 0 = unsubscribe, then the topic.
          for await (const [event] of this.iopub) {
            if (event?.[0] === 1) {
              clearTimeout(timer);
              resolve();
            }
          }
        } catch {
          // socket closed at shutdown
        }
      })();
    });
  }

  send(channel: ChannelName, frames: Buffer[]): Promise<void> {
    return this.queues.get(channel)!.send(frames);
  }

  // Heartbeat: echo every message as it came, at once, forever.
  async serveHeartbeat(): Promise<void> {
    try {
      for await (const frames of this.hb) await this.send('hb', frames);
    } catch {
      // socket closed at shutdown
    }
  }

  close(): void {
    for (const s of [this.shell, this.control, this.stdin, this.iopub, this.hb]) {
      try {
        s.close();
      } catch {
        // already closed
      }
    }
  }
}
