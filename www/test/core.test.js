// The page's modules against the real core (target/pkg-node, built by scripts/build-wasm.sh):
// config mapping, data loading through data.js, the C17 assumption that the core hands out owned
// copies, and the f32 text encoding agreeing with the core's own.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SIMD_PROBE, buildVariant, toTrainConfig } from '../core.js';
import { loadDataset } from '../data.js';
import { defaults, trainConfig } from '../modes/train/state.js';
import { f32Bits, formatF32 } from '../f32.js';
import { readShared, sharedData } from '../../tests/shared-data.mjs';
import { serveData } from './served-data.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgPath = path.join(root, 'target/pkg-node/simd/classplay.js');
const skip = fs.existsSync(pkgPath) ? false : 'no target/pkg-node: run scripts/build-wasm.sh first';
const core = skip ? null : createRequire(import.meta.url)(pkgPath);
// The official binary batches live beside the clone (../shared/data), not in it: skipped without
// them, failing when data is required (tests/shared-data.mjs).
const officialCifar = sharedData('cifar10');

// The page fetches data/<dataset>/<file> relative to itself; here those URLs map to the files
// the build serves (served-data.js).
serveData();
const BASE = 'http://page.test/';
const load = (pg, dataset, limits) => loadDataset(core, pg, dataset, limits, BASE, () => {}, () => false);

test('the SIMD probe validates where SIMD128 exists; without it the scalar build is chosen', () => {
  assert.equal(WebAssembly.validate(SIMD_PROBE), true, 'node 20 has SIMD128');
  assert.equal(buildVariant(), 'simd');
  assert.equal(buildVariant(() => false), 'scalar');
});

test('every page setting reaches the core\'s TrainConfig, bit for bit', { skip }, () => {
  const config = { ...trainConfig(defaults()), loss: 'svm', learning_rate: Math.fround(3e-7),
    reg: Math.fround(2.5e4), batch_size: 123, num_iters: 456, seed: 4294967295, num_train: 789,
    num_val: 321, bias_trick: false };
  const cfg = toTrainConfig(core, config);
  try {
    assert.equal(cfg.loss, core.LossKind.Svm);
    for (const key of ['learning_rate', 'reg', 'batch_size', 'num_iters', 'seed', 'num_train',
      'num_val', 'bias_trick']) {
      assert.equal(cfg[key], config[key], key);
    }
    assert.equal(cfg.eval_every, new core.TrainConfig().eval_every, 'eval_every keeps the core default');
  } finally {
    cfg.free();
  }
  assert.throws(() => toTrainConfig(core, { learning_rate: 1, lerning_rate: 2 }),
    /TrainConfig has no field lerning_rate/);
});

test('MNIST through data.js: a default-settings run, and C17: arrays from the core are owned copies',
  { skip }, () => {
    const pg = new core.Playground();
    return (async () => {
      assert.equal(await load(pg, 'mnist', { train: 2200, test: 500 }), true);
      assert.equal(pg.num_records('train'), 2200);
      assert.equal(pg.num_records('test'), 500);
      const cfg = toTrainConfig(core, { ...trainConfig(defaults()), num_train: 2000, num_val: 200, num_iters: 30 });
      pg.setup(cfg);
      cfg.free();
      while (pg.train(7) > 0);
      const history = pg.loss_history(0);
      const templates = pg.templates_rgba();
      const saved = { history: Array.from(history), templates: Array.from(templates) };
      assert.equal(history.length, 30);
      // Loading 20 000 more records grows wasm memory; views on it would now be detached (C17).
      await load(pg, 'mnist', { train: 22000, test: 500 });
      assert.equal(pg.num_records('train'), 22000);
      assert.equal(history.length, 30, 'loss_history returned a copy, not a view on wasm memory');
      assert.deepEqual(Array.from(history), saved.history);
      assert.deepEqual(Array.from(templates), saved.templates);
      pg.free();
    })();
  });

test('CIFAR-10 through data.js matches the official binary batches, labels included', {
  skip: skip || officialCifar.skip,
}, async () => {
  // Eleven chunks of 1,000 (the last one partly) check that each chunk's labels are sliced at its offset.
  const pg = new core.Playground();
  await load(pg, 'cifar10', { train: 10300, test: 10 });
  assert.equal(pg.num_records('train'), 10300);
  const official = new core.Playground();
  official.clear_data(core.DatasetKind.Cifar10);
  const bin = (name) => readShared(`cifar10/${name}`);
  official.load_cifar_bin('train', bin('data_batch_1.bin'), 0);
  official.load_cifar_bin('train', bin('data_batch_2.bin'), 300);
  official.load_cifar_bin('test', bin('test_batch.bin'), 10);
  for (const i of [0, 1, 4999, 9999, 10000, 10001, 10299]) {
    assert.equal(pg.label('train', i), official.label('train', i), `label of train record ${i}`);
    assert.deepEqual(pg.image_rgba('train', i), official.image_rgba('train', i), `pixels of train record ${i}`);
  }
  for (let i = 0; i < 10; i++) assert.equal(pg.label('test', i), official.label('test', i), `test label ${i}`);
  pg.free();
  official.free();
});

test('formatF32 (URL text) agrees with the core\'s format_f32 (Rust `{}`)', { skip }, () => {
  let s = 99;
  const view = new DataView(new ArrayBuffer(4));
  for (let i = 0; i < 20000; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    view.setUint32(0, s);
    const x = view.getFloat32(0);
    if (!Number.isFinite(x)) continue;
    assert.equal(formatF32(x), core.format_f32(x), `bits 0x${f32Bits(x).toString(16)}`);
  }
  for (const x of [1e-3, 1e-7, 0.9, 0.999, 2.5e4, 5e-6, 0.1, 1e10, 3e-7]) {
    assert.equal(formatF32(x), core.format_f32(Math.fround(x)));
  }
});
