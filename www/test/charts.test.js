import test from 'node:test';
import assert from 'node:assert/strict';
import { LOG_ZERO, logRange, logTickLabels, positiveOrNull } from '../ui/charts.js';

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
