// Pure helpers of the k-NN mode: stats.js, toy.js, pool chunking, and the renderers' pure parts.
import test from 'node:test';
import assert from 'node:assert/strict';
import { accuracy, formatMs, parseRows, randomRows, rng, summariseCv, timingSizes, topAccuracy } from '../modes/knn/stats.js';
import { BOUNDS, hitPoint, makeToy, toArrays, toCanvas, toPlane } from '../modes/knn/toy.js';
import { chunkRows, poolSize } from '../modes/knn/pool.js';
import { neighbourCaption } from '../modes/knn/ui/gallery.js';
import { CLASS_STYLES, TIE_RGB, gridPixels } from '../ui/plane.js';
import { cvColumns } from '../modes/knn/ui/cvchart.js';

test('accuracy counts equal labels and refuses mismatched lengths', () => {
  assert.deepEqual(accuracy(Uint8Array.of(1, 2, 3, 4), Uint8Array.of(1, 0, 3, 0)), { correct: 2, total: 4, acc: 0.5 });
  assert.throws(() => accuracy([1], [1, 2]), /1 predictions for 2 labels/);
});

test('topAccuracy: the label among the first `top` ranked classes; top-5 ≥ top-1', () => {
  const ranks = Uint8Array.from([3, 1, 2, 0, 4, 9, 8, 7, 6, 5, 0, 1, 2, 3, 4]);
  assert.deepEqual(topAccuracy(ranks, [3, 5, 4], 5, 1), { correct: 1, total: 3, acc: 1 / 3 });
  assert.deepEqual(topAccuracy(ranks, [3, 5, 4], 5, 5), { correct: 3, total: 3, acc: 1 });
  assert.deepEqual(topAccuracy(ranks, [0, 6, 9], 5, 3).correct, 0);
  assert.throws(() => topAccuracy(ranks, [1, 2], 5), /15 ranked classes for 2 labels × 5/);
});

test('summariseCv: per-k mean and population std, best k with ties to the smaller k', () => {
  // k = 1: folds .5 .7 → mean .6, std .1; k = 3: .6 .6 → mean .6 (tie: k = 1 wins); k = 5: .4 .4
  const s = summariseCv([1, 3, 5], Float32Array.of(0.5, 0.7, 0.6, 0.6, 0.4, 0.4), 2);
  assert.equal(s.best_k, 1);
  assert.ok(Math.abs(s.rows[0].mean - 0.6) < 1e-6);
  assert.ok(Math.abs(s.rows[0].std - 0.1) < 1e-6);
  assert.equal(s.rows[1].std, 0);
  assert.equal(summariseCv([1, 3], [0.5, 0.9], 1).best_k, 3);
  assert.throws(() => summariseCv([1, 3], [0.5], 1), /1 accuracies for 2 k × 1 folds/);
});

test('cvColumns: x, each fold, mean, ±1 std and the best k alone', () => {
  const cols = cvColumns(summariseCv([1, 3], [0.5, 0.7, 0.9, 0.9], 2));
  assert.equal(cols.length, 1 + 2 + 3 + 1);
  assert.deepEqual(cols[0], [1, 3]);
  assert.deepEqual(cols[1].map((v) => Math.round(v * 10)), [5, 9]);
  assert.deepEqual(cols.at(-1).map((v) => v && Math.round(v * 10)), [null, 9]);
  assert.ok(cols[4][0] > cols[3][0] && cols[5][0] < cols[3][0], 'upper above the mean, lower below');
});

test('seeded choices are reproducible, distinct and in range', () => {
  assert.equal(rng(5)(), rng(5)());
  assert.notEqual(rng(5)(), rng(6)());
  const rows = randomRows(500, 4, 1);
  assert.deepEqual(rows, randomRows(500, 4, 1));
  assert.equal(new Set(rows).size, 4);
  assert.ok(rows.every((r) => Number.isInteger(r) && r >= 0 && r < 500));
  assert.deepEqual(randomRows(2, 4, 1).sort(), [0, 1], 'fewer rows than asked when n is small');
});

test('parseRows: numbers in the test subset, errors quote the offending part', () => {
  assert.deepEqual(parseRows(' 3, 17,3 ,250', 500), { rows: [3, 17, 250] });
  assert.deepEqual(parseRows('500', 500), { error: 'gallery: "500" is not a test image number in 0..499' });
  assert.match(parseRows('<b>x</b>', 500).error, /"<b>x<\/b>" is not a test image number/);
  assert.match(parseRows('', 500).error, /at least one/);
  assert.match(parseRows('1,2,3,4,5,6,7,8,9', 500).error, /at most 8/);
});

test('timingSizes: 1/8, 1/4, 1/2, 1 of num_train, distinct and at least 1; formatMs', () => {
  assert.deepEqual(timingSizes(5000), [625, 1250, 2500, 5000]);
  assert.deepEqual(timingSizes(2), [1, 2]);
  assert.equal(formatMs(0.42), '0.4 ms');
  assert.equal(formatMs(37.4), '37 ms');
  assert.equal(formatMs(12345), '12.3 s');
  assert.equal(formatMs(NaN), '');
});

test('poolSize and chunkRows: capped pool, chunks cover every row once, in order', () => {
  assert.equal(poolSize(0, 2), 2);
  assert.equal(poolSize(0, 64), 8);
  assert.equal(poolSize(0, undefined), 1);
  assert.equal(poolSize(3, 2), 3);
  for (const [n, w] of [[1, 1], [500, 2], [10000, 8], [7, 3], [9999, 2]]) {
    const chunks = chunkRows(n, w);
    let next = 0;
    for (const [from, to] of chunks) {
      assert.equal(from, next);
      assert.ok(to > from && to - from <= 256);
      next = to;
    }
    assert.equal(next, n);
  }
  assert.ok(chunkRows(500, 2).length >= 8, 'enough chunks to balance two workers');
});

test('toy data: seeded, in the plane, classes 0..C-1; arrays for the core', () => {
  const a = makeToy(3, 1).points;
  assert.deepEqual(a, makeToy(3, 1).points);
  assert.notDeepEqual(a, makeToy(3, 2).points);
  assert.equal(a.length, 36);
  assert.deepEqual([...new Set(a.map((p) => p.label))].sort(), [0, 1, 2]);
  assert.ok(a.every((p) => p.x >= BOUNDS.x0 && p.x <= BOUNDS.x1 && p.y >= BOUNDS.y0 && p.y <= BOUNDS.y1));
  const { points, labels } = toArrays(a);
  assert.equal(points.length, 72);
  assert.equal(labels[35], 2);
  assert.equal(points[0], Math.fround(a[0].x));
});

test('toy geometry: canvas and plane map onto each other (y up); hits pick the nearest point', () => {
  const c = toCanvas(0.25, 0.75, 400);
  assert.deepEqual(c, { px: 100, py: 100 });
  assert.deepEqual(toPlane(100, 100, 400), { x: 0.25, y: 0.75 });
  assert.deepEqual(toPlane(-5, 900, 400), { x: 0, y: 0 }, 'clamped to the plane');
  const pts = [{ x: 0.25, y: 0.75, label: 0 }, { x: 0.27, y: 0.75, label: 1 }];
  assert.equal(hitPoint(pts, 109, 100, 400), 1);
  assert.equal(hitPoint(pts, 101, 100, 400), 0);
  assert.equal(hitPoint(pts, 300, 300, 400), -1);
});

test('renderer helpers: neighbour captions mark the class with ✓/✗; grid ties are neutral grey', () => {
  const names = ['zero', 'one'];
  assert.equal(neighbourCaption({ label: 1, distance: 12.345 }, 1, names), '✓ one · 12.3');
  assert.equal(neighbourCaption({ label: 0, distance: 40 }, 1, names), '✗ zero · 40');
  const px = gridPixels(Uint8Array.of(0, 255, 4), 3, 1);
  assert.deepEqual(Array.from(px.slice(0, 4)), [...CLASS_STYLES[0].region, 255]);
  assert.deepEqual(Array.from(px.slice(4, 8)), [...TIE_RGB, 255]);
  assert.deepEqual(Array.from(px.slice(8, 12)), [...CLASS_STYLES[4].region, 255]);
});
