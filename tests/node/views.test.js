// The views mode's wasm API (GeoToy, curse_distance_stats) in the shipped builds: the SIMD and
// scalar builds agree bit for bit, and bad arguments become JS Errors that name the key.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const simd = require(path.join(root, 'target/pkg-node/simd/classplay.js'));
const scalar = require(path.join(root, 'target/pkg-node/scalar/classplay.js'));

const bits = (a) => Array.from(new Uint32Array(Float64Array.from(a).buffer));

function geoRun(pkg) {
  const t = new pkg.GeoToy('xor', 20, 3);
  const before = t.evaluate(pkg.LossKind.Svm, 0.01);
  t.train(pkg.LossKind.Svm, 0.01, 0.1, 50);
  const after = t.evaluate(pkg.LossKind.Svm, 0.01);
  const out = { before, after, w: t.w(), b: t.b(), grid: Array.from(t.grid(16, 16, -2, -2, 2, 2)), n: t.len() };
  t.free();
  return out;
}

test('GeoToy: training lowers the loss, the same in both builds', () => {
  const a = geoRun(simd);
  const b = geoRun(scalar);
  assert.equal(a.n, 60);
  assert.ok(a.after[0] < a.before[0], `${a.before[0]} -> ${a.after[0]}`);
  assert.ok(a.after[3] < 1, 'XOR stays below 100 %');
  assert.deepEqual(bits(a.w), bits(b.w));
  assert.deepEqual(bits(a.b), bits(b.b));
  assert.deepEqual(a.grid, b.grid);
});

test('curse_distance_stats: the same in both builds, for L1 (a SIMD kernel) and L2', () => {
  for (const metric of ['l1', 'l2']) {
    const a = simd.curse_distance_stats(200, 300, 10, metric, 1);
    const b = scalar.curse_distance_stats(200, 300, 10, metric, 1);
    assert.deepEqual(bits(a), bits(b), metric);
    assert.ok(a[4] > 0.4 && a[4] < 1, `${metric} ratio ${a[4]}`);
  }
});

test('bad arguments throw Errors that name the key', () => {
  assert.throws(() => new simd.GeoToy('spiral', 10, 1), /invalid setting `layout`: unknown "spiral"/);
  assert.throws(() => new simd.GeoToy('blobs', 0, 1), /invalid setting `num_per_class`/);
  const t = new simd.GeoToy('blobs', 10, 1);
  assert.throws(() => t.set_params(new Float64Array(5), new Float64Array(3)), /w must be \(2, 3\)/);
  assert.throws(() => t.set_params(Float64Array.of(0, 0, 0, 0, 0, NaN), new Float64Array(3)), /invalid setting `w`/);
  assert.throws(() => t.train(simd.LossKind.Softmax, 0, -1, 1), /invalid setting `learning_rate`/);
  assert.throws(() => t.point_terms(30, simd.LossKind.Svm), /point 30 does not exist/);
  assert.throws(() => t.grid(0, 4, -2, -2, 2, 2), /invalid setting `grid`/);
  t.free();
  assert.throws(() => simd.curse_distance_stats(1, 10, 5, 'l2', 1), /invalid setting `num_points`/);
  assert.throws(() => simd.curse_distance_stats(10, 10, 5, 'cosine', 1), /invalid setting `metric`/);
});
