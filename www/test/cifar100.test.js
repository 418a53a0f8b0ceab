// The built-in CIFAR-100 (data/cifar100/, served in chunks by www/data.js): the records the page
// loads are exactly the source's (PROVENANCE.md's raw sha256 of the 3074-byte records, rebuilt
// here from what the core holds), and exact k-NN on them (fine and coarse labels, L1 and L2)
// equals an independent brute-force computation in JS.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../data.js';
import { serveData } from './served-data.js';
import { bruteForceKnn as bruteForce } from '../../tests/knn-brute-force.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgPath = path.join(root, 'target/pkg-node/simd/classplay.js');
const skip = fs.existsSync(pkgPath) ? false : 'no target/pkg-node: run scripts/build-wasm.sh first';
const core = skip ? null : createRequire(import.meta.url)(pkgPath);
serveData();

/** data/PROVENANCE.md (from ../shared/data/PROVENANCE.md): sha256 of the decompressed files. */
const RAW_SHA256 = {
  train: '5fec12d6e68347311ca8f84c7a367c047fef0f20da69555644da4ede75748f55',
  test: 'b1a3acbb035950f9f6bfbe8745c9a6f1931e5197b60b098631b6b2dae4ed0180',
};

const load = async (label_mode, limits = { train: 2 ** 31, test: 2 ** 31 }) => {
  const pg = new core.Playground();
  assert.equal(await loadDataset(core, pg, 'cifar100', limits, 'http://page.test/', () => {}, () => false, { label_mode }), true);
  return pg;
};

test('the served CIFAR-100 holds the source records byte for byte, with fine and coarse labels', { skip }, async () => {
  const fine = await load('fine');
  const coarse = await load('coarse');
  assert.equal(fine.num_classes(), 100);
  assert.equal(coarse.num_classes(), 20);
  assert.equal(fine.class_names()[0], 'apple');
  assert.equal(coarse.class_names()[19], 'vehicles_2');
  for (const split of ['train', 'test']) {
    const n = fine.num_records(split);
    assert.equal(n, 10000);
    const hash = crypto.createHash('sha256');
    const rec = new Uint8Array(3074);
    for (let i = 0; i < n; i++) {
      rec[0] = coarse.label(split, i);
      rec[1] = fine.label(split, i);
      const rgba = fine.image_rgba(split, i);
      for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) rec[2 + c * 1024 + p] = rgba[4 * p + c];
      hash.update(rec);
    }
    assert.equal(hash.digest('hex'), RAW_SHA256[split], `${split}: the records PROVENANCE.md describes`);
  }
  // Round-robin order (PROVENANCE.md): record i has fine label i mod 100.
  for (const i of [0, 1, 99, 100, 4321]) assert.equal(fine.label('train', i), i % 100);
  fine.free();
  coarse.free();
});

const rgbOf = (pg, split, i) => pg.image_rgba(split, i).filter((_, t) => t % 4 !== 3);

for (const label_mode of ['fine', 'coarse']) {
  test(`exact k-NN on CIFAR-100 (${label_mode}) equals a brute-force computation, L1 and L2`, { skip }, async () => {
    const [numTrain, numTest] = [1000, 60];
    const pg = await load(label_mode, { train: numTrain, test: numTest });
    pg.knn_setup(numTrain, numTest, 'first', 1);
    const train = Array.from({ length: numTrain }, (_, i) => rgbOf(pg, 'train', i));
    const trainLabels = Array.from({ length: numTrain }, (_, i) => pg.label('train', i));
    const testX = Array.from({ length: numTest }, (_, i) => rgbOf(pg, 'test', i));
    for (const metric of ['l1', 'l2']) {
      for (const k of [1, 5]) {
        const ours = Array.from(pg.knn_predict(0, numTest, metric, k));
        assert.deepEqual(ours, bruteForce(train, trainLabels, testX, metric, k), `${metric} k=${k}`);
      }
    }
    pg.free();
  });
}
