import test from 'node:test';
import assert from 'node:assert/strict';
import { CIFAR_BATCH, cifarBatchesFor, dataLimits, loadDataset, sampleImages } from '../data.js';

/** Records the calls the loader makes; `records` grows like the real Playground's splits. */
class RecordingPlayground {
  constructor() { this.calls = []; this.records = { train: 0, test: 0 }; }
  clear_data(kind) { this.calls.push(['clear_data', kind]); this.records = { train: 0, test: 0 }; }
  num_records(split) { return this.records[split]; }
  load_mnist(split, images, labels, limit) {
    this.calls.push(['load_mnist', split, new TextDecoder().decode(images), labels.length, limit]);
    this.records[split] += limit;
  }
  load_cifar_png(split, png, labels, limit) {
    this.calls.push(['load_cifar_png', split, new TextDecoder().decode(png), labels[0], labels.length, limit]);
    this.records[split] += Math.min(limit, CIFAR_BATCH);
  }
}

/** The parts of the wasm module the loader uses (the labels parser stands in for the core's). */
const core = {
  DatasetKind: { Mnist: 0, Cifar10: 1 },
  Playground: { parse_json_labels: (bytes) => new Uint8Array(JSON.parse(new TextDecoder().decode(bytes))) },
};

/** A fetch that serves `files` (name -> text) and 404s everything else. */
function serve(files) {
  const fetched = [];
  globalThis.fetch = async (url) => {
    const name = String(url).split('/').pop();
    fetched.push(String(url));
    if (!(name in files)) return new Response('no', { status: 404 });
    return new Response(files[name]);
  };
  return fetched;
}

const BASE = 'http://localhost:1234/app/index.html';
const noop = () => {};
const never = () => false;

test('dataLimits: train and val come from the train split', () => {
  assert.deepEqual(dataLimits({ num_train: 10000, num_val: 1000, num_test: 500 }), { train: 11000, test: 500 });
});

test('cifarBatchesFor takes as many 10 000-image batches as the limit needs', () => {
  assert.deepEqual(cifarBatchesFor(1), ['data_batch_1.png']);
  assert.deepEqual(cifarBatchesFor(10000), ['data_batch_1.png']);
  assert.deepEqual(cifarBatchesFor(10001), ['data_batch_1.png', 'data_batch_2.png']);
  assert.equal(cifarBatchesFor(50000).length, 5);
});

test('MNIST: both splits are fetched relative to the page and loaded with their limits', async () => {
  const fetched = serve({
    'train-images-idx3-ubyte.gz': 'TI', 'train-labels-idx1-ubyte.gz': 'TL',
    't10k-images-idx3-ubyte.gz': 'SI', 't10k-labels-idx1-ubyte.gz': 'SL',
  });
  const pg = new RecordingPlayground();
  const ok = await loadDataset(core, pg, 'mnist', { train: 11000, test: 500 }, BASE, noop, never);
  assert.equal(ok, true);
  assert.ok(fetched.every((u) => u.startsWith('http://localhost:1234/app/data/mnist/')), fetched.join());
  assert.deepEqual(pg.calls, [
    ['clear_data', 0],
    ['load_mnist', 'train', 'TI', 2, 11000],
    ['load_mnist', 'test', 'SI', 2, 500],
  ]);
});

test('CIFAR-10: batches and label slices line up; later batches load only the remainder', async () => {
  const train = Array.from({ length: 5 * CIFAR_BATCH }, (_, i) => Math.floor(i / CIFAR_BATCH));
  serve({
    'data_batch_1.png': 'B1', 'data_batch_2.png': 'B2', 'data_batch_3.png': 'B3',
    'test_batch.png': 'T', 'train_lables.json': JSON.stringify(train),
    'test_lables.json': JSON.stringify(new Array(CIFAR_BATCH).fill(7)),
  });
  const pg = new RecordingPlayground();
  const said = [];
  await loadDataset(core, pg, 'cifar10', { train: 21000, test: 100 }, BASE, (w) => said.push(w), never);
  assert.deepEqual(pg.calls, [
    ['clear_data', 1],
    ['load_cifar_png', 'train', 'B1', 0, CIFAR_BATCH, 21000],
    ['load_cifar_png', 'train', 'B2', 1, CIFAR_BATCH, 11000],
    ['load_cifar_png', 'train', 'B3', 2, CIFAR_BATCH, 1000],
    ['load_cifar_png', 'test', 'T', 7, CIFAR_BATCH, 100],
  ]);
  assert.ok(said.includes('fetching CIFAR-10 train batch 3 of 3'), said.join('; '));
});

test('a missing file is an error naming it; a stale load stops before decoding', async () => {
  serve({ 'train-images-idx3-ubyte.gz': 'TI' });
  await assert.rejects(loadDataset(core, new RecordingPlayground(), 'mnist', { train: 1, test: 1 }, BASE, noop, never),
    /could not fetch \/app\/data\/mnist\/train-labels-idx1-ubyte.gz: HTTP 404/);
  serve({ 'train-images-idx3-ubyte.gz': 'TI', 'train-labels-idx1-ubyte.gz': 'TL' });
  const pg = new RecordingPlayground();
  assert.equal(await loadDataset(core, pg, 'mnist', { train: 1, test: 1 }, BASE, noop, () => true), false);
  assert.deepEqual(pg.calls, [['clear_data', 0]]);
  await assert.rejects(loadDataset(core, pg, 'imagenet', { train: 1, test: 1 }, BASE, noop, never),
    /unknown dataset "imagenet"/);
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
