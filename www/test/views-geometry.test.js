// The geometric view's handle geometry (www/modes/views/geometry.js): line and normal handles
// ↔ (w, b), keys, clipping, and the curse charts' pure column builders.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ARROW, KEY_STEP, MIN_NORM, bThrough, classW, clipLine, dragLine, dragTip, hitPoint, keyMove, predictions,
  project, settlePivot, tipOf, toPixel, toPlane, withClassW,
} from '../modes/views/geometry.js';
import { DIMS, gridColumns, gridDigits, powerOfTen, ratioColumns } from '../modes/views/cursecharts.js';

const VIEW = [-2, -2, 2, 2];
const close = (a, b, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);
const onLine = (wc, bc, p) => close(wc[0] * p[0] + wc[1] * p[1] + bc, 0, 1e-9);

test('w (2, 3) columns are the classes', () => {
  const w = [1, 2, 3, 4, 5, 6];
  assert.deepEqual(classW(w, 1), [2, 5]);
  assert.deepEqual(withClassW(w, 2, [9, 8]), [1, 2, 9, 4, 5, 8]);
  assert.deepEqual(w, [1, 2, 3, 4, 5, 6]);
});

test('projection lands on the line at the nearest point', () => {
  const wc = [3, -4];
  const bc = 2;
  const p = project(wc, bc, [1, 1]);
  onLine(wc, bc, p);
  // p − (1, 1) is parallel to the normal.
  close((p[0] - 1) * wc[1] - (p[1] - 1) * wc[0], 0, 1e-12);
  assert.deepEqual(project([0, 0], 1, [0.5, 0.5]), [0.5, 0.5]);
});

test('dragging the tip: w = (t − pivot)/ARROW, the line keeps its pivot, the tip follows the pointer', () => {
  const pivot = [0.3, -0.2];
  const wc = [1, 0];
  const r = dragTip(wc, pivot, [1.3, 0.8]);
  close(r.wc[0], 1 / ARROW);
  close(r.wc[1], 1 / ARROW);
  onLine(r.wc, r.bc, pivot);
  const t = tipOf(r.wc, pivot);
  close(t[0], 1.3);
  close(t[1], 0.8);
  // Onto the pivot: the normal keeps its direction at the shortest length.
  const z = dragTip([2, 0], pivot, pivot);
  close(Math.hypot(...z.wc), MIN_NORM);
  assert.ok(z.wc[0] > 0);
});

test('dragging the line moves b only, through the pointer', () => {
  const wc = [0.6, 0.8];
  const r = dragLine(wc, [1, 1]);
  onLine(wc, r.bc, [1, 1]);
  assert.deepEqual(r.pivot, [1, 1]);
  close(bThrough(wc, [0, 0]), 0);
});

test('keys: the line moves one step along its normal; the tip turns and scales about the pivot', () => {
  const wc = [0, 2];
  const bc = -1; // y = 0.5
  const pivot = [0, 0.5];
  const up = keyMove('line', 'ArrowUp', false, wc, bc, pivot);
  onLine(up.wc, up.bc, [0, 0.5 + KEY_STEP]);
  const down = keyMove('line', 'ArrowLeft', true, wc, bc, pivot);
  onLine(down.wc, down.bc, [0, 0.5 - 5 * KEY_STEP]);
  const turn = keyMove('normal', 'ArrowLeft', false, wc, bc, pivot);
  close(Math.hypot(...turn.wc), 2);
  close(Math.atan2(turn.wc[1], turn.wc[0]) * 180 / Math.PI, 95, 1e-9);
  onLine(turn.wc, turn.bc, pivot);
  const longer = keyMove('normal', 'ArrowUp', false, wc, bc, pivot);
  close(longer.wc[1], 2.2, 1e-12);
  onLine(longer.wc, longer.bc, pivot);
  assert.equal(keyMove('line', 'Enter', false, wc, bc, pivot), null);
  assert.equal(keyMove('normal', 'a', false, wc, bc, pivot), null);
});

test('clipping a line to the view; a line that misses it gives null', () => {
  const seg = clipLine([1, 1], 0, VIEW); // x + y = 0: corner to corner
  assert.deepEqual(seg.map((p) => p.map((v) => Math.round(v * 1e9) / 1e9)).sort(), [[-2, 2], [2, -2]]);
  const vertical = clipLine([1, 0], -1, VIEW); // x = 1
  assert.deepEqual(vertical.map((p) => p[0]), [1, 1]);
  assert.equal(clipLine([1, 0], -5, VIEW), null);
  assert.equal(clipLine([0, 0], 1, VIEW), null);
});

test('a knob settles on its new line, inside the view', () => {
  const p = settlePivot([1, 0], -1, [0, 0.7], VIEW, 0.1); // x = 1
  assert.deepEqual(p, [1, 0.7]);
  const far = settlePivot([1, 0], -1, [0, 5], VIEW, 0.1); // nearest is (1, 5): outside
  assert.ok(far[1] <= 1.9 && far[1] >= -1.9);
  close(far[0], 1);
  const missing = settlePivot([1, 0], -7, [0, 0], VIEW, 0.1); // x = 7 misses the view
  assert.deepEqual(missing, [7, 0]);
});

test('pixels ↔ plane round trip, y up; picking the nearest point within a radius', () => {
  const [px, py] = toPixel(VIEW, 400, 400, 1, 1);
  assert.deepEqual([px, py], [300, 100]);
  assert.deepEqual(toPlane(VIEW, 400, 400, px, py), [1, 1]);
  const x = Float64Array.from([0, 0, 1, 1, 1.02, 1.02]);
  assert.equal(hitPoint(VIEW, 400, 400, x, 299, 101, 10), 1);
  assert.equal(hitPoint(VIEW, 400, 400, x, 303, 97, 10), 2);
  assert.equal(hitPoint(VIEW, 400, 400, x, 150, 150, 10), -1);
});

test('predictions are the first maximum of each row', () => {
  assert.deepEqual(Array.from(predictions([1, 3, 2, 5, 5, 0, -1, -2, -0.5])), [1, 0, 2]);
});

test('curse charts: k^d in digits, superscripts, columns skip rows not computed yet', () => {
  assert.equal(gridDigits(784, 10), 784);
  close(gridDigits(3, 2), 3 * Math.log10(2));
  assert.equal(powerOfTen(3072), '10³⁰⁷²');
  const [dims, digits] = gridColumns(10);
  assert.ok(dims.includes(784) && dims.includes(3072) && dims[0] === 1);
  assert.ok(dims.every((d, i) => i === 0 || d > dims[i - 1]));
  assert.deepEqual(digits.slice(0, 3), dims.slice(0, 3));
  const rows = DIMS.map(() => null);
  rows[0] = { d: 1, ratio_mean: 0.01, ratio_std: 0.02 };
  rows[1] = { d: 2, ratio_mean: 0.9, ratio_std: 0.2 };
  assert.deepEqual(ratioColumns(rows), [[1, 2], [0.01, 0.9], [0.03, 1], [0, 0.7]]);
});
