// The gradient-check panel's words agree with its rows (issue 11, item 2): the C14 kink rule, rows
// below rounding, the note per loss, and no "fine only at kinks" on a row that crossed none.
import test from 'node:test';
import assert from 'node:assert/strict';
import { GRADCHECK_COLUMNS, gradcheckHint, gradcheckNote, relErrorBand } from '../modes/lab/bands.js';

/** Rows as the core's GradCheck.rows(): [index, numeric, analytic, rel, kink, left, right, flags]. */
const rows = (...r) => Float64Array.from(r.flat());

test('C14: an analytic value between the one-sided slopes is a kink, never "wrong"', () => {
  const v = relErrorBand(1, { kink: true, between: true });
  assert.equal(relErrorBand(1e-9, { between: true }).label, 'good (< 1e-7)');
  assert.equal(v.band, 'fine');
  assert.match(v.label, /kink/);
  assert.doesNotMatch(v.label, /wrong/);
  // the same error outside the slopes is wrong, kink or not
  assert.equal(relErrorBand(1, { kink: true }).band, 'wrong');
});

test('a smooth row between 1e-7 and 1e-4 is not called "fine only at kinks"', () => {
  const v = relErrorBand(3e-7);
  assert.equal(v.band, 'uneasy');
  assert.doesNotMatch(v.label, /only at kinks/);
  assert.match(v.label, /smooth/);
});

test('rows below rounding say so and are the only ones left out', () => {
  const v = relErrorBand(1e-2, { belowRounding: true });
  assert.equal(v.band, 'good');
  assert.match(v.label, /not counted/);
  // a good row stays good whatever the rounding flag
  assert.equal(relErrorBand(1e-11, { belowRounding: true }).label, 'good (< 1e-7)');
});

test('the note names the loss\'s kinks and agrees with the rows', () => {
  assert.equal(GRADCHECK_COLUMNS, 8);
  const smooth = rows([1, 0.5, 0.5, 3e-7, 0, 0.5, 0.5, 0], [2, 0.1, 0.1, 1e-9, 0, 0.1, 0.1, 0]);
  const s = gradcheckNote(smooth, 'softmax', 'l2', 1e-9);
  assert.match(s, /No kink crossed/);
  assert.match(s, /smooth row read above 1e-7/);
  assert.doesNotMatch(s, /SVM|hinge/);
  const svm = rows([1, 0, 0.3, 1, 1, -1, 1, 1], [2, 1, 1, 1.85e-11, 0, 1, 1, 0], [3, 1e-12, 0, 1, 0, 0, 0, 2]);
  const t = gradcheckNote(svm, 'svm', 'l1', 1e-8);
  assert.match(t, /1 of 3 coordinates crossed a kink \(a hinge or a sign of w under/);
  assert.match(t, /in 1 of them the analytic value lies between the one-sided slopes/);
  assert.match(t, /1 row differ by less than the rounding floor/);
  assert.doesNotMatch(gradcheckHint('svm'), /softmax|smooth softmax/i);
  assert.match(gradcheckHint('svm'), /piecewise linear/);
  assert.match(gradcheckHint('softmax'), /Softmax is smooth/);
});
