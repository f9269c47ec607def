// The kernel's half of the framed protocol in host/protocol.h: frames of one
// kind byte and a payload, sent in pieces (host/framing.h).

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

// A frame travels as pieces of at most PIPE_BUF bytes, each written whole
// (host/framing.h): u16 LE payload length, kind byte, flags (1: more pieces
// follow), the writer's u32 LE pid, payload.
export const PIECE_HEADER = 8;
const PIECE_MAX = 4096;
const MORE = 1;

export function encodeFrame(kind: string, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const room = PIECE_MAX - PIECE_HEADER;
  const pieces: Buffer[] = [];
  let at = 0;
  do {
    const n = Math.min(room, body.length - at);
    const head = Buffer.alloc(PIECE_HEADER);
    head.writeUInt16LE(n, 0);
    head.write(kind, 2, 'latin1');
    head[3] = at + n < body.length ? MORE : 0;
    head.writeUInt32LE(process.pid, 4);
    pieces.push(head, body.subarray(at, at + n));
    at += n;
  } while (at < body.length);
  return Buffer.concat(pieces);
}

// Splits a byte stream into frames; keeps partial pieces between chunks, and
// each writer's unfinished frame until its last piece. A hello (a new host)
// drops the unfinished frames of every other writer: they died mid-frame.
export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private readonly unfinished = new Map<number, { kind: string; parts: Buffer[] }>();

  constructor(private readonly helloKind: string | null = null) {}

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const frames: Frame[] = [];
    let buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    let at = 0;
    while (buf.length - at >= PIECE_HEADER) {
      const n = buf.readUInt16LE(at);
      if (buf.length - at - PIECE_HEADER < n) break;
      const kind = String.fromCharCode(buf[at + 2]);
      const more = (buf[at + 3] & MORE) !== 0;
      const pid = buf.readUInt32LE(at + 4);
      const part = buf.subarray(at + PIECE_HEADER, at + PIECE_HEADER + n);
      at += PIECE_HEADER + n;
      const open = this.unfinished.get(pid);
      if (more) {
        if (open) open.parts.push(part);
        else this.unfinished.set(pid, { kind, parts: [part] });
        continue;
      }
      this.unfinished.delete(pid);
      const frame = { kind: open ? open.kind : kind, payload: open ? Buffer.concat([...open.parts, part]) : part };
      // A snapshot takes over only once the host is gone: no more of the
      // dropped frames can come.
      if (frame.kind === this.helloKind) this.unfinished.clear();
      frames.push(frame);
    }
    buf = buf.subarray(at);
    this.chunks = buf.length ? [buf] : [];
    this.size = buf.length;
    return frames;
  }
}
