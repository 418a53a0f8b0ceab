import test from 'node:test';
import assert from 'node:assert/strict';
import { columnsByClass } from '../ui/samples.js';

test('columnsByClass groups sample indices under their class, ignoring unknown labels', () => {
  assert.deepEqual(columnsByClass([2, 0, 2, 1, 9], 3), [[1], [3], [0, 2]]);
  assert.deepEqual(columnsByClass([], 2), [[], []]);
});
