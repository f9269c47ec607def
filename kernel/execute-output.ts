// What a running cell's output becomes on iopub: streams batched into messages,
// displays and clear_output in order with them, input requests (or end of file
// when the client cannot answer), and the backlog that slows a cell writing
// faster than the client reads (ExecuteSink.backlog).
import type { CommFromLanguage, ExecuteSink, MimeBundle } from './language.js';
import type { JsonText } from './json-text.js';
import { StreamBatcher } from './stream-batcher.js';

// Bytes of a cell's stream output waiting for ZMQ past which the cell is made
// to wait, and below which it goes on.
const BACKLOG_HIGH = 8 << 20;
const BACKLOG_LOW = 2 << 20;

// How the output reaches the client, for one execute_request.
export interface OutputChannel {
  publish(type: string, content: Record<string, unknown>): Promise<void>;
  publishStream(name: 'stdout' | 'stderr', pieces: Buffer[]): Promise<void>;
  // A line from the client; null when it answered nothing, undefined when the
  // request could not reach it at all.
  requestInput(prompt: string, password: boolean, abort: AbortSignal): Promise<string | null | undefined>;
  comm(message: CommFromLanguage): Promise<void>;
  log(line: string): void;
}

export class ExecuteOutput {
  readonly sink: ExecuteSink;
  private readonly pending: Promise<void>[] = [];
  private readonly batcher: StreamBatcher;
  // Stream output not yet handed to ZMQ.
  private unsent = 0;
  private sent: { promise: Promise<void>; resolve: () => void } | null = null;
  private stdinNoticeShown = false;

  constructor(
    private readonly channel: OutputChannel,
    private readonly options: { silent: boolean; allowStdin: boolean },
  ) {
    this.batcher = new StreamBatcher((name, pieces) => this.sendStream(name, pieces));
    this.sink = {
      stream: (name: 'stdout' | 'stderr', text: string | JsonText) => this.batcher.push(name, text),
      backlog: () => this.backlog(),
      input: (prompt, password, abort) => this.input(prompt, password, abort),
      display: (data: MimeBundle, metadata: Record<string, unknown> = {}, transient: Record<string, unknown> = {}, update = false) => {
        this.batcher.flush();
        if (!this.options.silent) this.out(this.channel.publish(update ? 'update_display_data' : 'display_data', { data, metadata, transient }));
      },
      // Not output: sent even for a silent execution, in order with the output.
      comm: (message: CommFromLanguage) => {
        this.batcher.flush();
        this.out(this.channel.comm(message));
      },
      clearOutput: (wait: boolean) => {
        this.batcher.flush();
        if (!this.options.silent) this.out(this.channel.publish('clear_output', { wait }));
      },
    };
  }

  // Once the cell has ended: everything it wrote is on its way.
  async finish(): Promise<void> {
    this.batcher.flush();
    await Promise.all(this.pending);
  }

  private out(p: Promise<void>): void {
    this.pending.push(p.catch((err) => this.channel.log(`iopub send failed: ${String(err)}`)));
  }

  private sendStream(name: 'stdout' | 'stderr', pieces: Buffer[]): void {
    if (this.options.silent) return;
    const size = pieces.reduce((n, p) => n + p.length, 0);
    this.unsent += size;
    this.out(
      this.channel.publishStream(name, pieces).finally(() => {
        this.unsent -= size;
        if (this.sent && this.unsent <= BACKLOG_LOW) {
          this.sent.resolve();
          this.sent = null;
        }
      }),
    );
  }

  private backlog(): Promise<void> | null {
    if (this.unsent < BACKLOG_HIGH) return null;
    if (!this.sent) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.sent = { promise, resolve };
    }
    return this.sent.promise;
  }

  private async input(prompt: string, password: boolean, abort: AbortSignal): Promise<string | null> {
    if (this.options.allowStdin) {
      this.batcher.flush(); // the prompt the cell printed comes before the input box
      const value = await this.channel.requestInput(prompt, password, abort);
      if (value !== undefined) return value;
      this.batcher.push('stderr', "cppnb: the client's stdin channel is not connected: stdin is at end of file\n");
      return null;
    }
    if (!this.stdinNoticeShown) {
      this.stdinNoticeShown = true;
      this.batcher.push('stderr', 'cppnb: this client cannot answer input (allow_stdin is false): stdin is at end of file\n');
    }
    return null;
  }
}
