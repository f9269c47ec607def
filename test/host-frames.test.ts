// The frames between the kernel and its C++ processes (host/framing.h): sent
// as pieces that are written whole, so a host that dies mid-frame cannot make
// the reader take the next host's frames for the rest of its own.
import { expect } from 'chai';
import { encodeFrame, FrameReader, PIECE_HEADER, Reply } from '../interpreter-bridge/protocol.js';

// A frame's pieces as another process (pid) writes them.
function piecesFrom(pid: number, kind: string, payload: Buffer): Buffer[] {
  const all = encodeFrame(kind, payload);
  const pieces: Buffer[] = [];
  for (let at = 0; at < all.length;) {
    const n = all.readUInt16LE(at);
    const piece = Buffer.from(all.subarray(at, at + PIECE_HEADER + n));
    piece.writeUInt32LE(pid, 4);
    pieces.push(piece);
    at += PIECE_HEADER + n;
  }
  return pieces;
}

describe('host frames', () => {
  it('round-trips empty, small and large payloads, whatever the chunks they arrive in', () => {
    const payloads = [Buffer.alloc(0), Buffer.from('{"status":"ok"}'), Buffer.alloc(4088, 1), Buffer.alloc(4089, 2), Buffer.from('é'.repeat(50000))];
    const stream = Buffer.concat(payloads.map((p, i) => encodeFrame(i % 2 ? Reply.Stdout : Reply.Done, p)));
    for (const size of [1, 7, 4096, stream.length]) {
      const reader = new FrameReader(Reply.Hello);
      const frames = [];
      for (let at = 0; at < stream.length; at += size) frames.push(...reader.push(stream.subarray(at, at + size)));
      expect(frames.map((f) => f.kind)).to.deep.equal(payloads.map((_, i) => (i % 2 ? Reply.Stdout : Reply.Done)));
      frames.forEach((f, i) => expect(f.payload.equals(payloads[i]), `frame ${i}, chunks of ${size}`).to.equal(true));
    }
  });

  it('drops the frame a dead host left unfinished when the next host says hello', () => {
    const reader = new FrameReader(Reply.Hello);
    const cut = piecesFrom(100, Reply.Stderr, Buffer.alloc(20000, 'x'.charCodeAt(0))).slice(0, 2);
    const hello = piecesFrom(101, Reply.Hello, Buffer.from('{"pid":101,"resumed":true}'));
    const after = piecesFrom(101, Reply.Done, Buffer.from('{"status":"ok"}'));
    const frames = reader.push(Buffer.concat([...cut, ...hello, ...after]));
    expect(frames.map((f) => [f.kind, f.payload.toString()])).to.deep.equal([
      [Reply.Hello, '{"pid":101,"resumed":true}'],
      [Reply.Done, '{"status":"ok"}'],
    ]);
  });
});
