// Builders of the files the hostile-input tests feed the import (node only: node:zlib): real
// PNGs, zips written entry by entry with any declared sizes (bombs whose headers lie), and the
// seeds of the zip fuzz target (class folders of small PNGs). Used by www/test/zip-fuzz.test.js,
// scripts/fuzz-js.mjs and e2e/hostile.test.mjs.

import zlib from 'node:zlib';
import { zipSync } from 'fflate';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309, as zip and PNG use it). */
export function crc32(bytes, crc = 0) {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG (8-bit, colour type 2 RGB or 0 gray) whose zlib data is `idat` (raw rows when not given). */
export function png(width, height, { gray = false, idat = null, fill = (x, y, c) => (x * 31 + y * 17 + c * 7) & 255 } = {}) {
  const channels = gray ? 1 : 3;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = gray ? 0 : 2;
  if (!idat) {
    const raw = Buffer.alloc(height * (1 + width * channels));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) raw[y * (1 + width * channels) + 1 + x * channels + c] = fill(x, y, c);
    }
    idat = zlib.deflateSync(raw);
  }
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]));
}

/** A real `side`×`side` gray PNG of zeros (20000: about 400 KB of file, 400 MB of pixels), built in chunks. */
export async function hugePng(side = 20000) {
  const { Readable } = await import('node:stream');
  const row = Buffer.alloc(1 + side);
  const rows = Readable.from((function* () { for (let y = 0; y < side; y++) yield row; })());
  const parts = [];
  await new Promise((ok, ko) => rows.pipe(zlib.createDeflate({ level: 9 })).on('data', (d) => parts.push(d)).on('end', ok).on('error', ko));
  return png(side, side, { gray: true, idat: Buffer.concat(parts) });
}

/**
 * A zip written entry by entry: entries [{name, data (the bytes stored), method 0|8, crc,
 * size: declared unpacked size}] (a lying header: any size). One copy of each entry's data.
 */
export function writeZip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6); // UTF-8 names
    h.writeUInt16LE(e.method, 8);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(e.size >>> 0, 22);
    h.writeUInt16LE(name.length, 26);
    locals.push(h, name, Buffer.from(e.data.buffer, e.data.byteOffset, e.data.length));
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size >>> 0, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/**
 * A zip bomb of about `zipBytes` (2 MB): entries of 64 MiB of zeros each (about 64 KB deflated),
 * 2 GiB unpacked in all. `lie`: each entry declares only 1,000 bytes unpacked.
 */
export function zipBomb({ zipBytes = 2e6, lie = false } = {}) {
  const zeros = new Uint8Array(64 * 1024 * 1024);
  const data = new Uint8Array(zlib.deflateRawSync(zeros, { level: 9 }));
  const crc = crc32(zeros);
  const n = Math.max(1, Math.round(zipBytes / data.length));
  return writeZip(Array.from({ length: n }, (_, i) => ({ name: `bomb/zeros${i}.png`, data, method: 8, crc,
    size: lie ? 1000 : zeros.length })));
}

/** A zip of class folders of small PNGs (the fuzz seeds): `classes` × `per` images of `side`². */
export function classZip({ classes = ['cat', 'dog'], per = 3, side = 4, level = 6, top = 'pets' } = {}) {
  const files = {};
  classes.forEach((c, k) => {
    for (let i = 0; i < per; i++) files[`${top ? `${top}/` : ''}${c}/${i}.png`] = png(side, side, { fill: (x, y, ch) => (k * 60 + x * 9 + y * 5 + ch * 3 + i) & 255 });
  });
  return zipSync(files, { level });
}

/** A zip of `n` tiny entries (stored): 1×1 PNGs in two class folders, or text when `text`. */
export function manyEntriesZip(n = 10_000, { text = false } = {}) {
  const one = text ? new TextEncoder().encode('x') : png(1, 1);
  const files = {};
  for (let i = 0; i < n; i++) files[`many/${i % 2 ? 'odd' : 'even'}/${i}.${text ? 'txt' : 'png'}`] = one;
  return zipSync(files, { level: 0 });
}

/** A zip whose names leave it (`../`, absolute) beside proper class folders. */
export function escapingZip() {
  const img = png(4, 4);
  return zipSync({ 'ok/a/0.png': img, 'ok/a/1.png': img, 'ok/b/0.png': img, 'ok/b/1.png': img,
    '../evil/0.png': img, '../../x/0.png': img, '/abs/0.png': img, 'ok/../../up/0.png': img, 'C:/win/0.png': img }, { level: 0 });
}
