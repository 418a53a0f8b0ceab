import test from 'node:test';
import assert from 'node:assert/strict';
import { LOG_ZERO, decimatedIndices, logRange, logTickLabels, positiveOrNull } from '../ui/charts.js';

test('positiveOrNull leaves gaps where a log axis cannot draw (diverged losses); zeros sit at LOG_ZERO', () => {
  assert.deepEqual(positiveOrNull([2.3, 0, -1, NaN, Infinity, 0.5]), [2.3, LOG_ZERO, null, null, null, 0.5]);
  assert.deepEqual(positiveOrNull(new Float32Array([1.5])), [1.5]);
});

test('logTickLabels labels the powers of ten only, short', () => {
  assert.deepEqual(logTickLabels([0.1, 0.2, 0.5, 1, 3, 10, 100, 1000, 1e4, 1e5, 1e26, 1e-4]),
    ['0.1', '', '', '1', '', '10', '100', '1000', '10000', '1e5', '1e26', '1e-4']);
});

test('logRange spans whole decades from the smallest to the largest loss drawn', () => {
  assert.deepEqual(logRange(0.2, 3.8), [0.1, 10]);
  const [lo] = logRange(2.3e-5, 0.12); // a data loss well below the old 0.001 floor
  assert.ok(lo <= 2.3e-5 && lo > 2.3e-6, `axis reaches the data's minimum, got ${lo}`);
  assert.deepEqual(logRange(LOG_ZERO, 2.3), [1e-6, 10], 'a zero loss (drawn at LOG_ZERO) stays on the axis');
  assert.deepEqual(logRange(1.7, 310), [1, 1000]);
  assert.deepEqual(logRange(null, null), [0.1, 10]);
  assert.deepEqual(logTickLabels([0, -1]), ['', '']);
});

test('decimatedIndices: short histories whole; long ones bounded, keeping each bucket\'s extremes and the last', () => {
  assert.deepEqual(decimatedIndices([3, 2, 1], 10), [0, 1, 2]);
  // 100 values in 5 buckets of 20: a spike at 37 and a dip at 61 survive, in order
  const v = Array.from({ length: 100 }, (_, i) => 10 - i * 0.01);
  v[37] = 50;
  v[61] = 0.001;
  const idx = decimatedIndices(v, 10);
  assert.ok(idx.length <= 11, `${idx.length} points`);
  assert.ok(idx.includes(37) && idx.includes(61) && idx.includes(99) && idx.includes(0));
  assert.deepEqual(idx, [...idx].sort((a, b) => a - b), 'in iteration order');
  // each bucket: the index of its own min and max, found by a straightforward scan
  for (let b = 0; b < 5; b++) {
    const bucket = v.slice(b * 20, b * 20 + 20);
    assert.ok(idx.includes(b * 20 + bucket.indexOf(Math.min(...bucket))));
    assert.ok(idx.includes(b * 20 + bucket.indexOf(Math.max(...bucket))));
  }
  // a divergence (NaN) is kept
  const d = Array.from({ length: 1000 }, () => 1);
  d[500] = NaN;
  assert.ok(decimatedIndices(d, 20).includes(500));
  assert.ok(decimatedIndices(new Float32Array(100000).fill(1)).length <= 4001);
});
