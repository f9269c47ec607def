// Draws kernelspec/logo-32x32.png and logo-64x64.png: "C++" in white on ROOT blue.
// Run once by hand (node scripts/make-logos.mjs); the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const GLYPHS = {
  C: ['01110', '10001', '10000', '10000', '10000', '10001', '01110'],
  '+': ['00000', '00100', '00100', '11111', '00100', '00100', '00000'],
};

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size) {
  const px = Buffer.alloc(size * size * 4);
  const r = size * 0.18;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // rounded square
      const dx = Math.max(r - x - 0.5, 0, x + 0.5 - (size - r));
      const dy = Math.max(r - y - 0.5, 0, y + 0.5 - (size - r));
      const inside = Math.hypot(dx, dy) <= r;
      const i = (y * size + x) * 4;
      if (inside) px.set([0x1f, 0x5f, 0xa8, 255], i);
    }
  }
  const text = 'C++';
  const scale = Math.max(1, Math.floor(size / 22));
  const w = text.length * 6 * scale - scale;
  const x0 = Math.floor((size - w) / 2);
  const y0 = Math.floor((size - 7 * scale) / 2);
  [...text].forEach((ch, n) => {
    GLYPHS[ch].forEach((row, gy) => {
      [...row].forEach((bit, gx) => {
        if (bit !== '1') return;
        for (let sy = 0; sy < scale; sy++)
          for (let sx = 0; sx < scale; sx++) {
            const x = x0 + (n * 6 + gx) * scale + sx;
            const y = y0 + gy * scale + sy;
            px.set([255, 255, 255, 255], (y * size + x) * 4);
          }
      });
    });
  });
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [32, 64]) writeFileSync(new URL(`../kernelspec/logo-${size}x${size}.png`, import.meta.url), png(size));
