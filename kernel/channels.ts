// The five sockets of a Jupyter kernel, bound to the connection file's ip and ports.
// zeromq v6 allows one send in flight per socket, so every send goes through a
// per-socket queue and is awaited.
import * as zmq from 'zeromq';
import { endpoint, type ChannelName, type ConnectionInfo } from './connection.js';

type Sendable = zmq.Router | zmq.Publisher | zmq.Reply;

class SendQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly socket: Sendable) {}

  send(frames: Buffer[]): Promise<void> {
    const next = this.tail.then(() => this.socket.send(frames));
    // A failed send must not block later ones; the caller still sees the error.
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export class Channels {
  readonly shell = new zmq.Router({ linger: 0 });
  readonly control = new zmq.Router({ linger: 0 });
  readonly stdin = new zmq.Router({ linger: 0 });
  readonly iopub = new zmq.Publisher({ linger: 0 });
  readonly hb = new zmq.Reply({ linger: 0 });
  private readonly queues = new Map<ChannelName, SendQueue>([
    ['shell', new SendQueue(this.shell)],
    ['control', new SendQueue(this.control)],
    ['stdin', new SendQueue(this.stdin)],
    ['iopub', new SendQueue(this.iopub)],
    ['hb', new SendQueue(this.hb)],
  ]);

  constructor(private readonly info: ConnectionInfo) {}

  async bind(): Promise<void> {
    await Promise.all([
      this.shell.bind(endpoint(this.info, 'shell')),
      this.control.bind(endpoint(this.info, 'control')),
      this.stdin.bind(endpoint(this.info, 'stdin')),
      this.iopub.bind(endpoint(this.info, 'iopub')),
      this.hb.bind(endpoint(this.info, 'hb')),
    ]);
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
