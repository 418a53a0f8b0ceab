import test from 'node:test';
import assert from 'node:assert/strict';
import { logRange, logTickLabels, positiveOrNull } from '../ui/charts.js';

test('positiveOrNull leaves gaps where a log axis cannot draw (diverged or zero losses)', () => {
  assert.deepEqual(positiveOrNull([2.3, 0, -1, NaN, Infinity, 0.5]), [2.3, null, null, null, null, 0.5]);
  assert.deepEqual(positiveOrNull(new Float32Array([1.5])), [1.5]);
});

test('logTickLabels labels the powers of ten only, short', () => {
  assert.deepEqual(logTickLabels([0.1, 0.2, 0.5, 1, 3, 10, 100, 1000, 1e4, 1e5, 1e26, 1e-4]),
    ['0.1', '', '', '1', '', '10', '100', '1000', '10000', '1e5', '1e26', '1e-4']);
});

test('logRange spans whole decades, at most four, anchored at the largest loss', () => {
  assert.deepEqual(logRange(0.2, 3.8), [0.1, 10]);
  assert.deepEqual(logRange(1e-9, 3.8), [1e-3, 10], 'a reg loss starting near 0 does not add decades');
  assert.deepEqual(logRange(1.7, 310), [1, 1000]);
  assert.deepEqual(logRange(null, null), [0.1, 10]);
  assert.deepEqual(logTickLabels([0, -1]), ['', '']);
});
