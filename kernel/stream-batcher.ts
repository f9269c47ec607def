// Coalesces a cell's stdout/stderr into few stream messages: flushed every few
// milliseconds, when a message reaches its size limit, and before any other
// output of the cell so the order the cell produced is kept.

const FLUSH_MS = 5;
export const MAX_STREAM_MESSAGE = 1 << 20; // characters per stream message

export class StreamBatcher {
  private name: 'stdout' | 'stderr' | null = null;
  private pending = '';
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly emit: (name: 'stdout' | 'stderr', text: string) => void) {}

  push(name: 'stdout' | 'stderr', text: string): void {
    if (text === '') return;
    if (this.name !== null && this.name !== name) this.flush();
    this.name = name;
    this.pending += text;
    while (this.pending.length >= MAX_STREAM_MESSAGE) {
      this.emit(name, this.pending.slice(0, MAX_STREAM_MESSAGE));
      this.pending = this.pending.slice(MAX_STREAM_MESSAGE);
    }
    if (this.pending !== '' && this.timer === null) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
    }
  }

  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.name !== null && this.pending !== '') this.emit(this.name, this.pending);
    this.pending = '';
    this.name = null;
  }
}
