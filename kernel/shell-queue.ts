// One shell's requests, served one at a time in the order they came: the main
// shell's, or a subshell's (JEP 91). Each queue has its own loop, so a
// subshell answers while the main shell waits for a running cell.
import type { Message } from './wire.js';

// Requests read ahead of the one being served, at most.
const QUEUE_LIMIT = 1000;

export class ShellQueue {
  private readonly waiting: Message[] = [];
  private wake: (() => void) | null = null;
  private drained: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly serve: (msg: Message) => Promise<void>) {
    void this.loop();
  }

  // Past QUEUE_LIMIT waiting requests this resolves only once half are served:
  // the caller stops reading the shell socket meanwhile, so a flooding client
  // is held back by ZMQ's high-water mark instead of growing the queue.
  async push(msg: Message): Promise<void> {
    this.waiting.push(msg);
    this.wake?.();
    if (this.waiting.length >= QUEUE_LIMIT) await new Promise<void>((resolve) => (this.drained = resolve));
  }

  // Takes the waiting requests that match out of the queue (those aborted
  // after an error).
  take(matches: (msg: Message) => boolean): Message[] {
    const taken = this.waiting.filter(matches);
    const kept = this.waiting.filter((m) => !matches(m));
    this.waiting.splice(0, this.waiting.length, ...kept);
    return taken;
  }

  // Ends the loop after the request being served; returns those still waiting.
  stop(): Message[] {
    this.stopped = true;
    this.wake?.();
    this.drained?.();
    return this.waiting.splice(0);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const msg = this.waiting.shift();
      if (this.drained && this.waiting.length < QUEUE_LIMIT / 2) {
        this.drained();
        this.drained = null;
      }
      if (!msg) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      await this.serve(msg);
    }
  }
}
