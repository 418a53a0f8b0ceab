import test from 'node:test';
import assert from 'node:assert/strict';
import { chunksFor, dataLimits, loadDataset, partOf, sampleImages } from '../data.js';

/** Records the calls the loader makes; `records` grows like the real Playground's splits. */
class RecordingPlayground {
  constructor() { this.calls = []; this.records = { train: 0, test: 0 }; }
  clear_data(kind) { this.calls.push(['clear_data', kind]); this.records = { train: 0, test: 0 }; }
  num_records(split) { return this.records[split]; }
  load_mnist(split, images, labels, limit) {
    this.calls.push(['load_mnist', split, new TextDecoder().decode(images), new TextDecoder().decode(labels), limit]);
    this.records[split] += limit;
  }
  load_cifar_png(split, png, labels, limit) {
    this.calls.push(['load_cifar_png', split, new TextDecoder().decode(png), labels[0], labels.length, limit]);
    this.records[split] += limit;
  }
}

/** The parts of the wasm module the loader uses. */
const core = { DatasetKind: { Mnist: 0, Cifar10: 1, Cifar100Fine: 2, Cifar100Coarse: 3 } };

/** A fetch that serves `files` (name -> text or bytes) and 404s everything else. */
function serve(files) {
  const fetched = [];
  globalThis.fetch = async (url, { signal } = {}) => {
    signal?.throwIfAborted();
    const name = String(url).split('/').pop();
    fetched.push(String(url));
    if (!(name in files)) return new Response('no', { status: 404 });
    return new Response(files[name]);
  };
  return fetched;
}

const file = (name, text) => ({ file: name, bytes: new TextEncoder().encode(text).length });

/** A manifest of `kind` with train chunks of `per` records (`n` chunks) and one test chunk. */
function manifest(kind, per, n, extra = {}) {
  const files = {};
  const chunk = (split, c) => {
    if (kind === 'idx') {
      const img = `${split}-images-${c}`;
      const lab = `${split}-labels-${c}`;
      files[img] = `I${split}${c}`;
      files[lab] = `L${split}${c}`;
      return { first: c * per, records: per, images: file(img, files[img]), labels: file(lab, files[lab]) };
    }
    const name = `${split}-${c}.png`;
    files[name] = `P${split}${c}`;
    return { first: c * per, records: per, ...file(name, files[name]) };
  };
  const labels = (split, records) => {
    if (kind === 'idx') return undefined;
    const name = `${split}-labels.bin`;
    files[name] = new Uint8Array(records).map((_, i) => i % 7);
    return { class: { file: name, bytes: records } };
  };
  const m = {
    format: 'classplay-chunks-1', kind, chunk_records: per,
    splits: {
      train: { records: per * n, labels: labels('train', per * n), chunks: Array.from({ length: n }, (_, c) => chunk('train', c)) },
      test: { records: per, labels: labels('test', per), chunks: [chunk('test', 0)] },
    },
    ...extra,
  };
  files['manifest.json'] = JSON.stringify(m);
  return files;
}

const BASE = 'http://localhost:1234/app/index.html';
const noop = () => {};
const never = () => false;

test('dataLimits: train and val come from the train split', () => {
  assert.deepEqual(dataLimits({ num_train: 10000, num_val: 1000, num_test: 500 }), { train: 11000, test: 500 });
});

test('chunksFor takes the chunks holding the first `limit` records, the last one partly', () => {
  const split = { chunks: [0, 1, 2].map((c) => ({ first: c * 10, records: 10, file: `c${c}`, bytes: 5 })) };
  assert.deepEqual(chunksFor(split, 1).map((c) => [c.chunk.file, c.take]), [['c0', 1]]);
  assert.deepEqual(chunksFor(split, 10).map((c) => [c.chunk.file, c.take]), [['c0', 10]]);
  assert.deepEqual(chunksFor(split, 11).map((c) => [c.chunk.file, c.take]), [['c0', 10], ['c1', 1]]);
  assert.deepEqual(chunksFor(split, 2 ** 31).map((c) => c.take), [10, 10, 10]);
});

test('MNIST: only the chunks the limits need are fetched, relative to the page, and loaded in order', async () => {
  const fetched = serve(manifest('idx', 10, 6));
  const pg = new RecordingPlayground();
  const said = [];
  const ok = await loadDataset(core, pg, 'mnist', { train: 15, test: 5 }, BASE, (w, b) => said.push([w, b]), never);
  assert.equal(ok, true);
  assert.ok(fetched.every((u) => u.startsWith('http://localhost:1234/app/data/mnist/')), fetched.join());
  assert.equal(fetched.length, 1 + 6, 'the manifest and three IDX pairs');
  assert.deepEqual(pg.calls, [
    ['clear_data', 0],
    ['load_mnist', 'train', 'Itrain0', 'Ltrain0', 10],
    ['load_mnist', 'train', 'Itrain1', 'Ltrain1', 5],
    ['load_mnist', 'test', 'Itest0', 'Ltest0', 5],
  ]);
  const bytes = said.filter(([, b]) => b).map(([, b]) => b);
  assert.equal(bytes[0].bytes_done, 0);
  assert.equal(bytes.at(-1).bytes_done, bytes.at(-1).bytes_total, 'the last report: everything fetched');
  assert.equal(bytes[0].bytes_total, 4 * 'Itrain0'.length + 2 * 'Itest0'.length, 'bytes_total is known before the first chunk arrives');
});

test('CIFAR (png chunks): each chunk gets the labels at its offset; label_mode picks CIFAR-100\'s labels', async () => {
  const files = manifest('png', 10, 3);
  serve(files);
  const pg = new RecordingPlayground();
  await loadDataset(core, pg, 'cifar10', { train: 25, test: 10 }, BASE, noop, never);
  assert.deepEqual(pg.calls, [
    ['clear_data', 1],
    ['load_cifar_png', 'train', 'Ptrain0', 0, 10, 10],
    ['load_cifar_png', 'train', 'Ptrain1', 10 % 7, 10, 10],
    ['load_cifar_png', 'train', 'Ptrain2', 20 % 7, 10, 5],
    ['load_cifar_png', 'test', 'Ptest0', 0, 10, 10],
  ]);
  const m = JSON.parse(files['manifest.json']);
  for (const s of ['train', 'test']) {
    files[`${s}-coarse.bin`] = new Uint8Array(m.splits[s].records).fill(3);
    m.splits[s].labels = { fine: m.splits[s].labels.class, coarse: { file: `${s}-coarse.bin`, bytes: m.splits[s].records } };
  }
  files['manifest.json'] = JSON.stringify(m);
  serve(files);
  const coarse = new RecordingPlayground();
  await loadDataset(core, coarse, 'cifar100', { train: 5, test: 5 }, BASE, noop, never, { label_mode: 'coarse' });
  assert.deepEqual(coarse.calls, [['clear_data', 3], ['load_cifar_png', 'train', 'Ptrain0', 3, 10, 5],
    ['load_cifar_png', 'test', 'Ptest0', 3, 10, 5]]);
  const fine = new RecordingPlayground();
  await loadDataset(core, fine, 'cifar100', { train: 5, test: 5 }, BASE, noop, never);
  assert.equal(fine.calls[0][1], 2);
});

test('a missing file is an error naming it; a stale load stops before touching the data', async () => {
  const files = manifest('idx', 10, 2);
  delete files['train-labels-1'];
  serve(files);
  await assert.rejects(loadDataset(core, new RecordingPlayground(), 'mnist', { train: 20, test: 1 }, BASE, noop, never),
    /could not fetch \/app\/data\/mnist\/train-labels-1: HTTP 404/);
  serve(manifest('idx', 10, 2));
  const pg = new RecordingPlayground();
  assert.equal(await loadDataset(core, pg, 'mnist', { train: 1, test: 1 }, BASE, noop, () => true), false);
  assert.deepEqual(pg.calls, [], 'a stale load leaves the previous data');
  await assert.rejects(loadDataset(core, pg, 'imagenet', { train: 1, test: 1 }, BASE, noop, never),
    /unknown dataset "imagenet"/);
  serve({ 'manifest.json': '{"format": "something else"}' });
  await assert.rejects(loadDataset(core, pg, 'mnist', { train: 1, test: 1 }, BASE, noop, never),
    /not a classplay-chunks-1 manifest/);
});

test('a file whose bytes differ from the manifest\'s sha256 is refused, naming it', async () => {
  const files = manifest('idx', 10, 1);
  const m = JSON.parse(files['manifest.json']);
  const sha = async (text) => Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');
  m.splits.train.chunks[0].images.sha256 = await sha(files['train-images-0']);
  m.splits.train.chunks[0].labels.sha256 = await sha('something else');
  files['manifest.json'] = JSON.stringify(m);
  serve(files);
  await assert.rejects(loadDataset(core, new RecordingPlayground(), 'mnist', { train: 1, test: 1 }, BASE, noop, never),
    /data\/mnist\/train-labels-0: the 7 bytes fetched are not the file the manifest names/);
});

test('a cancelled load rejects with the abort reason and leaves the previous data', async () => {
  serve(manifest('idx', 10, 3));
  const pg = new RecordingPlayground();
  const abort = new AbortController();
  abort.abort(new DOMException('loading cancelled', 'AbortError'));
  await assert.rejects(loadDataset(core, pg, 'mnist', { train: 30, test: 1 }, BASE, noop, never, { signal: abort.signal }),
    /loading cancelled/);
  assert.deepEqual(pg.calls, []);
});

test('sampleImages picks the first images of each class, grouped by class', () => {
  const labels = [3, 1, 3, 0, 1, 3, 2, 1];
  const pg = {
    num_classes: () => 4, num_records: () => labels.length, height: () => 1, width: () => 1,
    label: (split, i) => labels[i],
    image_rgba: (split, i) => new Uint8Array([i, i, i, 255]),
  };
  const { rgba, labels: picked } = sampleImages(pg, 2);
  assert.deepEqual(picked, [0, 1, 1, 2, 3, 3]);
  assert.deepEqual(Array.from(rgba.filter((_, k) => k % 4 === 0)), [3, 1, 4, 6, 0, 2]);
});

test('the Data panel summary names the dataset, its labels and its classes', async () => {
  const { dataSummary } = await import('../import/panel.js');
  const names = (n) => Array.from({ length: n }, (_, i) => `c${i}`);
  assert.equal(dataSummary({ dataset: 'cifar100', label_mode: 'coarse', class_names: names(20), height: 32, width: 32,
    channels: 3, num_train: 10000, num_test: 10000 }),
  'CIFAR-100 (coarse labels): 20 classes · 32×32 RGB · 10,000 training · 10,000 test images');
  assert.equal(dataSummary({ dataset: 'mnist', class_names: names(10), height: 28, width: 28, channels: 1,
    num_train: 10000, num_val: 1000, num_test: 10000 }), 'MNIST: 10 classes · 28×28 grayscale · 10,000 training + 1,000 validation · 10,000 test images');
  assert.equal(dataSummary({ dataset: 'mnist', class_names: names(10), height: 28, width: 28, channels: 1, num_test: 500 }),
    'MNIST: 10 classes · 28×28 grayscale · 500 test images');
});

test('the first failed file stops the other fetches and their progress', async () => {
  const files = manifest('idx', 10, 4);
  const asked = [];
  globalThis.fetch = async (url, { signal } = {}) => {
    const name = String(url).split('/').pop();
    asked.push(name);
    if (name === 'train-images-0') return new Response('no', { status: 500 });
    // every other file arrives later, unless its fetch was aborted by then
    await new Promise((r) => setTimeout(r, 20));
    signal?.throwIfAborted();
    return new Response(files[name]);
  };
  const said = [];
  await assert.rejects(loadDataset(core, new RecordingPlayground(), 'mnist', { train: 40, test: 10 }, BASE,
    (w, b) => said.push(b), never), /HTTP 500/);
  const after = said.length;
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(said.length, after, 'no progress after the failure');
  assert.ok(asked.length < 1 + 10, `stopped early (${asked.length} requests)`);
});

test('partOf: contiguous parts in order, joined they are the whole list, sizes within one', () => {
  for (const n of [0, 1, 2, 6, 10, 50]) {
    const chunks = Array.from({ length: n }, (_, i) => i);
    for (const count of [1, 2, 3, 7]) {
      const parts = Array.from({ length: count }, (_, i) => partOf(chunks, i, count));
      assert.deepEqual(parts.flat(), chunks, `${n} chunks in ${count} parts`);
      const sizes = parts.map((p) => p.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${n} in ${count}: ${sizes}`);
    }
  }
  assert.deepEqual(partOf([0, 1, 2, 3, 4, 5], 1, 2), [3, 4, 5]);
});
