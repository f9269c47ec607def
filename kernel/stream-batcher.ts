// Coalesces a cell's stdout/stderr into few stream messages: flushed every few
// milliseconds, when a message reaches its size limit, and before any other
// output of the cell so the order the cell produced is kept. Text is kept as
// JSON string text (json-text.ts) and cut only between the pieces it came in.
import { JsonText } from './json-text.js';

const FLUSH_MS = 5;
export const MAX_STREAM_MESSAGE = 1 << 20; // bytes of JSON text per stream message
// Strings are cut into pieces this long (in UTF-16 units), so a piece's JSON
// text, at most 6 bytes per unit, stays within a message.
const STRING_PIECE = 1 << 17;

export class StreamBatcher {
  private name: 'stdout' | 'stderr' | null = null;
  private pieces: Buffer[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | null = null;

  // pieces: the message's text, JSON string text in order.
  constructor(private readonly emit: (name: 'stdout' | 'stderr', pieces: Buffer[]) => void) {}

  push(name: 'stdout' | 'stderr', text: string | JsonText): void {
    if (text instanceof JsonText) return this.add(name, text.bytes);
    for (let start = 0; start < text.length; ) {
      let end = Math.min(text.length, start + STRING_PIECE);
      // never between the two halves of a surrogate pair
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      this.add(name, JsonText.of(text.slice(start, end)).bytes);
      start = end;
    }
  }

  private add(name: 'stdout' | 'stderr', bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.name !== null && this.name !== name) this.flush();
    if (this.size > 0 && this.size + bytes.length > MAX_STREAM_MESSAGE) this.emitPending();
    this.name = name;
    this.pieces.push(bytes);
    this.size += bytes.length;
    if (this.size >= MAX_STREAM_MESSAGE) this.emitPending();
    if (this.size > 0 && this.timer === null) this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  private emitPending(): void {
    if (this.name !== null && this.size > 0) this.emit(this.name, this.pieces);
    this.pieces = [];
    this.size = 0;
  }

  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.emitPending();
    this.name = null;
  }
}
