// The import's calls into the real core (target/pkg-node, built by scripts/build-wasm.sh): a
// Custom dataset from decoded pixels and from IDX files of any size, CIFAR-100 with a label mode
// and a names file, the seeded hold-out and the stratified subsets.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgPath = path.join(root, 'target/pkg-node/simd/classplay.js');
const skip = fs.existsSync(pkgPath) ? false : 'no target/pkg-node: run scripts/build-wasm.sh first';
const core = skip ? null : createRequire(import.meta.url)(pkgPath);

function idx(magic, dims, body) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return new Uint8Array(Buffer.concat([head, Buffer.from(body)]));
}

test('decoded pixels: named classes, a refused label changes nothing, seeded hold-out, test subsets', { skip }, () => {
  const pg = new core.Playground();
  pg.clear_custom(2, 2, 3, ['cat', 'dog', 'fox']);
  const n = 60;
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 3);
  const pixels = Uint8Array.from({ length: n * 12 }, (_, k) => Math.floor(k / 12));
  assert.equal(pg.load_pixels('train', pixels, labels), 60);
  assert.throws(() => pg.load_pixels('train', pixels.subarray(0, 12), Uint8Array.of(3)), /label below 3/);
  assert.equal(pg.num_records('train'), 60);
  assert.deepEqual([pg.height(), pg.width(), pg.channels(), pg.num_classes()], [2, 2, 3, 3]);
  assert.deepEqual(Array.from(pg.class_names()), ['cat', 'dog', 'fox']);
  assert.equal(pg.hold_out_test(0.2, 7), 12);
  assert.deepEqual([pg.num_records('train'), pg.num_records('test')], [48, 12]);
  assert.equal(pg.dataset_kind(), core.DatasetKind.Custom);
  // stratified test subset: 2 per class of the 12 held out; the others stay loaded
  assert.equal(pg.select_test('stratified', 6, 1), 6);
  const counts = [0, 0, 0];
  for (let i = 0; i < 6; i++) counts[pg.label('test', i)] += 1;
  assert.deepEqual(counts, [2, 2, 2]);
  assert.equal(pg.select_test('first', 12, 1), 12);
  assert.throws(() => pg.select_test('first', 13, 1), /num_test/);
  assert.throws(() => pg.select_test('random', 3, 1), /subset/);
  // a stratified training split: 5 per class
  const cfg = new core.TrainConfig();
  Object.assign(cfg, { num_train: 15, num_val: 3, batch_size: 5, num_iters: 3, subset: core.Subset.Stratified });
  pg.setup(cfg);
  assert.deepEqual([pg.num_train_used(), pg.num_val_used()], [15, 3]);
  pg.train(3);
  assert.equal(pg.loss_history(0).length, 3);
  cfg.free();
  pg.free();
});

test('IDX of 5×7 images: the first file sets the size, names are 0..max label, a 7×5 test is refused', { skip }, () => {
  const pg = new core.Playground();
  pg.clear_custom(0, 0, 0, []);
  const images = idx(2051, [4, 5, 7], Array.from({ length: 4 * 35 }, (_, k) => k % 256));
  const labels = idx(2049, [4], [0, 4, 1, 4]);
  assert.equal(pg.load_idx('train', images, labels, 0), 4);
  assert.deepEqual([pg.height(), pg.width(), pg.channels()], [5, 7, 1]);
  assert.deepEqual(Array.from(pg.class_names()), ['0', '1', '2', '3', '4']);
  const other = idx(2051, [1, 7, 5], Array(35).fill(9));
  assert.throws(() => pg.load_idx('test', other, idx(2049, [1], [0]), 0), /7×5/);
  assert.equal(pg.num_records('test'), 0);
  assert.equal(pg.load_idx('test', idx(2051, [1, 5, 7], Array(35).fill(9)), idx(2049, [1], [6]), 0), 1);
  assert.equal(pg.num_classes(), 7, 'a test label past the training ones extends both');
  assert.throws(() => pg.load_idx('train', idx(2051, [9, 5, 7], [1, 2]), labels, 0), /truncated/);
  pg.free();
});

test('CIFAR-100: coarse or fine labels by the dataset kind, names from a names file', { skip }, () => {
  const rec = (coarse, fine) => [coarse, fine, ...Array(3072).fill(fine)];
  const bytes = Uint8Array.from([...rec(3, 42), ...rec(19, 99), ...rec(0, 0)]);
  const pg = new core.Playground();
  pg.clear_data(core.DatasetKind.Cifar100Coarse);
  assert.equal(pg.load_cifar100_bin('train', bytes, 0), 3);
  assert.deepEqual([pg.label('train', 0), pg.label('train', 1), pg.num_classes()], [3, 19, 20]);
  assert.equal(pg.class_names()[19], 'vehicles_2');
  assert.throws(() => pg.set_class_names(['a', 'b']), /2 names for data with 20 classes/);
  pg.set_class_names(Array.from({ length: 20 }, (_, i) => `s${i}`));
  assert.equal(pg.class_names()[3], 's3');
  pg.clear_data(core.DatasetKind.Cifar100Fine);
  pg.load_cifar100_bin('train', bytes, 2);
  assert.deepEqual([pg.label('train', 0), pg.label('train', 1), pg.num_classes()], [42, 99, 100]);
  assert.equal(pg.class_names()[42], 'leopard');
  assert.throws(() => pg.load_cifar100_bin('test', bytes.subarray(0, 3075), 0), /3074/);
  pg.free();
});

test('an import adopted by another worker loads the same data (the k-NN pool decodes once)', { skip }, async () => {
  const { adoptImport, exportImport, importKey, loadImported } = await import('../import/importer.js');
  assert.throws(() => adoptImport(null), /import the files again/);
  assert.throws(() => adoptImport({ format: 'images', parts: [] }), /import the files again/);
  // what importFiles keeps after decoding a folder of 2×2 RGB images in three class folders
  const n = 30;
  const recipe = {
    format: 'images', size: 2, channels: 3, classNames: ['cat', 'dog', 'fox'], needsHoldOut: true, testShare: 0.2,
    parts: [{ split: 'train', file: `${n} train images`, labels: Uint8Array.from({ length: n }, (_, i) => i % 3),
      pixels: Uint8Array.from({ length: n * 12 }, (_, k) => Math.floor(k / 12)) }],
  };
  const before = importKey({ label_mode: 'fine', seed: 4 });
  adoptImport(structuredClone(recipe)); // as posted to a worker
  assert.notEqual(importKey({ label_mode: 'fine', seed: 4 }), before, 'a new import reloads');
  assert.equal(exportImport().parts[0].pixels.length, n * 12);
  const load = (seed) => {
    const pg = new core.Playground();
    loadImported(core, pg, { label_mode: 'fine', seed });
    const out = {
      names: Array.from(pg.class_names()), counts: [pg.num_records('train'), pg.num_records('test')],
      test: Array.from({ length: pg.num_records('test') }, (_, i) => pg.image_rgba('test', i)[0]),
    };
    pg.free();
    return out;
  };
  const a = load(4);
  assert.deepEqual(a.names, ['cat', 'dog', 'fox']);
  assert.deepEqual(a.counts, [24, 6]); // the test share, held out per class
  assert.deepEqual(load(4), a, 'every worker holds out the same records for the same seed');
  assert.notDeepEqual(load(5).test, a.test, 'another seed holds out other records');
});
