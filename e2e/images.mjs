// Image files made in tests: a minimal PNG writer (node's zlib) and folders of class images.
// Shared by the import e2e files; the data is seeded, so it is the same on every run.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A minimal 8-bit RGB PNG (PNG spec: IHDR, one zlib IDAT of filter-0 rows, IEND). */
export function png(width, height, rgb) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) rgb.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A seeded generator of bytes 0..255 (an LCG). */
export function noise(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s >>> 24;
  };
}

/** A 40×30 PNG of colour `rgb` ([r, g, b], 0..255) with ±48 of seeded noise per channel. */
export function colourImage(rgb, seed) {
  const r = noise(seed);
  const out = Buffer.alloc(40 * 30 * 3);
  for (let p = 0; p < 40 * 30; p++) {
    for (let ch = 0; ch < 3; ch++) out[3 * p + ch] = Math.max(0, Math.min(255, rgb[ch] + (r() * 96) / 255 - 48));
  }
  return png(40, 30, out);
}

/**
 * Writes `root/<class>/<i>.png` for each [name, rgb] of `classes`, `perClass` images each.
 * Returns the class names in sorted order (the import's labels).
 */
export function writeClassFolder(root, classes, perClass) {
  classes.forEach(([name, rgb], c) => {
    fs.mkdirSync(path.join(root, name), { recursive: true });
    for (let i = 0; i < perClass; i++) fs.writeFileSync(path.join(root, name, `${i}.png`), colourImage(rgb, 1000 * c + i));
  });
  return classes.map(([name]) => name).sort();
}
