// The kernel's half of the framed protocol in host/protocol.h:
// u32 little-endian length of what follows, one kind byte, payload.

export const Request = { Execute: 'X', Command: 'C', Quit: 'Q' } as const;
// An execute request may start with this line naming the functions the cell
// defines (space-separated); the host hides their earlier definitions first.
export const REDEFINES_HEADER = '//@cppnb-redefines ';
export const Reply = { Hello: 'H', Stdout: 'O', Stderr: 'E', Done: 'R', Display: 'D', Input: 'I', Running: 'U' } as const;
// Answers to an input request, on the host's fd 5.
export const InputAnswer = { Text: 'N', Eof: 'Z', Cancel: 'C' } as const;

export interface Frame {
  kind: string;
  payload: Buffer;
}

export function encodeFrame(kind: string, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const head = Buffer.alloc(5);
  head.writeUInt32LE(body.length + 1, 0);
  head.write(kind, 4, 'latin1');
  return Buffer.concat([head, body]);
}

// Splits a byte stream into frames; keeps partial frames between chunks.
export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const frames: Frame[] = [];
    let buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    let at = 0;
    while (buf.length - at >= 4) {
      const n = buf.readUInt32LE(at);
      if (buf.length - at - 4 < n) break;
      frames.push({ kind: String.fromCharCode(buf[at + 4]), payload: buf.subarray(at + 5, at + 4 + n) });
      at += 4 + n;
    }
    buf = buf.subarray(at);
    this.chunks = buf.length ? [buf] : [];
    this.size = buf.length;
    return frames;
  }
}
