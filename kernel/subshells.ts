// The main shell and the subshells a client created (JEP 91, protocol 5.5):
// shell messages go to the queue their header's subshell_id names.
import { randomUUID } from 'node:crypto';
import { ShellQueue } from './shell-queue.js';
import type { Message } from './wire.js';

export class Subshells {
  readonly main: ShellQueue;
  private readonly byId = new Map<string, ShellQueue>();

  constructor(private readonly serve: (msg: Message) => Promise<void>) {
    this.main = new ShellQueue(serve);
  }

  create(): string {
    const id = randomUUID();
    this.byId.set(id, new ShellQueue(this.serve));
    return id;
  }

  // The requests that were still waiting in it, or null for an unknown id.
  delete(id: string): Message[] | null {
    const queue = this.byId.get(id);
    if (!queue) return null;
    this.byId.delete(id);
    return queue.stop();
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  // The queue of a shell message; undefined when it names no live subshell.
  of(msg: Message): ShellQueue | undefined {
    const id = msg.header.subshell_id;
    return id === undefined || id === null ? this.main : this.byId.get(String(id));
  }

  stopAll(): void {
    this.main.stop();
    for (const queue of this.byId.values()) queue.stop();
    this.byId.clear();
  }
}
