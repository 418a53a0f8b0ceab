// Fuzz targets of the zip / folder import (www/import/): `zip` runs unzipBounded (unzip.js) and
// the file sorting (classify.js) on seeded mutations of valid zips (class folders of small PNGs,
// stored and deflated, with `../` names, many entries, a small bomb); `image_size` runs the header
// reader (image-size.js) on mutated PNG / GIF / BMP / JPEG / WebP headers. Per input: no exception
// but a ZipError (a refusal with its message), under 1 s, unpacked bytes within the budget, no name
// leaving the zip. Used by www/test/zip-fuzz.test.js (seconds) and scripts/fuzz-js.mjs (minutes).

import { ZipError, leavesZip, unzipBounded, zipBudget } from '../../import/unzip.js';
import { imageSize } from '../../import/image-size.js';
import { classify, isSystemFile } from '../../import/classify.js';
import { classZip, crc32, escapingZip, manyEntriesZip, png, writeZip } from './zip-build.js';
import { rng } from './hash-targets.js';

/** The fuzz budget: small, so that a bomb reaches it quickly. */
export const FUZZ_BUDGET = { bytes: 4 * 1024 * 1024, entries: 5000 };

let seeds = null;
/** The valid (and a few refused) zips mutations start from. */
export function zipSeeds() {
  if (seeds) return seeds;
  const zeros = new Uint8Array(1 << 20);
  const data = new Uint8Array(globalThis.__zlib.deflateRawSync(zeros));
  seeds = [
    classZip({ level: 0 }), classZip({ level: 6 }), classZip({ classes: ['a', 'b', 'c'], per: 2, side: 8, top: '' }),
    escapingZip(), manyEntriesZip(300), manyEntriesZip(50, { text: true }),
    // 8 entries of 1 MiB of zeros: past the fuzz budget (declared); 4 whose headers lie (10 bytes each)
    ...[[8, false], [4, true]].map(([n, lie]) => writeZip(Array.from({ length: n }, (_, i) => ({ name: `z/${i}.png`, data,
      method: 8, crc: crc32(zeros), size: lie ? 10 : zeros.length })))),
  ];
  return seeds;
}

const SIGS = new WeakMap();

/** One mutation of `seed` (a copy), drawn from `r`. */
export function mutateZip(seed, r, all) {
  let b = seed.slice();
  let sigs = SIGS.get(seed); // where the seed's headers start ("PK\x01\x02", "PK\x03\x04", "PK\x05\x06", …)
  if (!sigs) {
    sigs = [];
    for (let i = 0; i + 4 <= b.length; i++) if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] < 8) sigs.push(i);
    SIGS.set(seed, sigs);
  }
  const n = 1 + r.int(4);
  for (let k = 0; k < n; k++) {
    const at = r.int(Math.max(1, b.length));
    switch (r.int(9)) {
      case 0: b[at] ^= 1 << r.int(8); break;
      case 1: b[at] = r.pick([0, 0xff, 0x7f, 0x80]); break;
      case 2: { // a header field: sizes, offsets, lengths, counts
        if (!sigs.length) break;
        const s = r.pick(sigs) + r.pick([8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 42]);
        const v = r.pick([0, 1, 0xffff, 0xffffffff, 0x7fffffff, r.int(2 ** 32), b.length, 65535]);
        for (let j = 0; j < 4 && s + j < b.length; j++) b[s + j] = (v >>> (8 * j)) & 255;
        break;
      }
      case 3: b = b.slice(0, at); break;
      case 4: b = concat(b, Uint8Array.from({ length: r.int(64) }, () => r.int(256))); break;
      case 5: b = concat(b.slice(0, at), r.pick(all).slice(r.int(r.pick(all).length))); break;
      case 6: b = concat(Uint8Array.from({ length: r.int(64) }, () => r.int(256)), b); break;
      case 7: for (let j = 0; j < 8 && at + j < b.length; j++) b[at + j] = r.int(256); break;
      default: { const from = r.int(b.length + 1); b = concat(b.slice(0, at), b.slice(from)); }
    }
  }
  return b;
}

const concat = (a, c) => {
  const out = new Uint8Array(a.length + c.length);
  out.set(a);
  out.set(c, a.length);
  return out;
};

/** Runs one zip through the import's unzip and file sorting: failures (empty: fine) and stats. */
export function checkZip(bytes, limitMs = 1000) {
  const failures = [];
  const fail = (why) => failures.push(`zip: ${why} (${bytes.length} bytes, starts ${Buffer.from(bytes.subarray(0, 16)).toString('hex')})`);
  const budget = zipBudget(FUZZ_BUDGET.bytes, FUZZ_BUDGET.entries);
  const t0 = performance.now();
  let unpacked = 0;
  try {
    const r = unzipBounded(bytes, budget, isSystemFile);
    for (const f of r.files) {
      unpacked += f.bytes.length;
      if (leavesZip(f.name)) fail(`a name leaving the zip came out: ${f.name}`);
      imageSize(f.bytes.subarray(0, 1024));
    }
    if (r.errors.some((e) => typeof e.why !== 'string' || !e.why)) fail('an entry error without a reason');
    classify(r.files.map((f) => ({ path: f.name })));
  } catch (e) {
    if (!(e instanceof ZipError) || !e.message) fail(`threw ${e?.stack ?? e}`);
  }
  const ms = performance.now() - t0;
  if (ms > limitMs) fail(`took ${ms.toFixed(0)} ms`);
  if (unpacked > FUZZ_BUDGET.bytes) fail(`unpacked ${unpacked} bytes, over the budget ${FUZZ_BUDGET.bytes}`);
  return { failures, unpacked, ms };
}

/** Header seeds of the image formats imageSize reads. */
function headerSeeds() {
  const gif = Uint8Array.from([...Buffer.from('GIF89a'), 4, 0, 3, 0, 0, 0, 0]);
  const bmp = new Uint8Array(54);
  Buffer.from(bmp.buffer).write('BM', 0, 'latin1');
  new DataView(bmp.buffer).setUint32(14, 40, true);
  new DataView(bmp.buffer).setInt32(18, 5, true);
  new DataView(bmp.buffer).setInt32(22, -7, true);
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xc0, 0, 11, 8, 0, 9, 0, 12, 1, 1, 0x11, 0, 0xff, 0xd9]);
  const webp = new Uint8Array(32);
  Buffer.from(webp.buffer).write('RIFF\0\0\0\0WEBPVP8X', 0, 'latin1');
  return [png(3, 2), png(20, 1, { gray: true }), gif, bmp, jpeg, webp];
}

/** Runs one header through imageSize: the size is null or two whole numbers. */
export function checkImageSize(bytes) {
  const failures = [];
  try {
    const t0 = performance.now();
    const s = imageSize(bytes);
    if (performance.now() - t0 > 1000) failures.push('image_size: over 1 s');
    if (s !== null && !(Number.isInteger(s.width) && Number.isInteger(s.height) && s.width >= 0 && s.height >= 0)) {
      failures.push(`image_size: ${JSON.stringify(s)}`);
    }
  } catch (e) {
    failures.push(`image_size: threw ${e?.stack ?? e}`);
  }
  return failures;
}

/**
 * Fuzzes the import targets for `seconds` each: {name: {execs, failures, peak_unpacked,
 * peak_array_buffers (bytes above the start, sampled after each input), slowest_ms}}.
 */
export async function fuzzImport({ seconds = 2, seed = 1, only = null, maxFailures = 20 } = {}) {
  globalThis.__zlib ??= (await import('node:zlib')).default;
  const out = {};
  if (!only || 'zip'.includes(only)) {
    const all = zipSeeds();
    const r = rng(seed);
    const failures = [];
    let execs = 0;
    let peakUnpacked = 0;
    let slowest = 0;
    const base = process.memoryUsage().arrayBuffers;
    let peakMem = 0;
    const run = (b) => {
      execs += 1;
      const c = checkZip(b);
      failures.push(...c.failures.slice(0, Math.max(0, maxFailures - failures.length)));
      peakUnpacked = Math.max(peakUnpacked, c.unpacked);
      slowest = Math.max(slowest, c.ms);
      if (execs % 16 === 0) peakMem = Math.max(peakMem, process.memoryUsage().arrayBuffers - base);
    };
    for (const s of all) run(s);
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) run(mutateZip(r.pick(all), r, all));
    out.zip = { execs, failures, peak_unpacked: peakUnpacked, peak_array_buffers: peakMem, slowest_ms: Math.round(slowest) };
  }
  if (!only || 'image_size'.includes(only)) {
    const all = headerSeeds();
    const r = rng(seed + 1);
    const failures = [];
    let execs = 0;
    const end = performance.now() + seconds * 1000;
    for (const s of all) failures.push(...checkImageSize(s));
    while (performance.now() < end) {
      execs += 1;
      const b = r.pick(all).slice();
      for (let k = 1 + r.int(3); k > 0; k--) {
        if (r() < 0.3) b[r.int(b.length)] = r.int(256);
        else if (r() < 0.5) b[r.int(b.length)] ^= 1 << r.int(8);
      }
      const cut = r() < 0.3 ? b.subarray(0, r.int(b.length + 1)) : b;
      const f = checkImageSize(cut);
      failures.push(...f.slice(0, Math.max(0, maxFailures - failures.length)));
    }
    out.image_size = { execs, failures };
  }
  return out;
}
