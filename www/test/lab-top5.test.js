// The lab's accuracy text with top-5 (issue 5).
import test from 'node:test';
import assert from 'node:assert/strict';
import { formatAccuracy, parseAccuracy, showsTop5 } from '../modes/lab/accuracy.js';

test('top-1 alone, or with top-5 beside it; blank when not measured', () => {
  assert.equal(formatAccuracy(0.908), '0.9080');
  assert.equal(formatAccuracy(0.908, 0.99512), '0.9080 · top-5 0.9951');
  assert.equal(formatAccuracy(NaN, 0.5), '');
  assert.equal(formatAccuracy(undefined), '');
  assert.equal(formatAccuracy(0.25, undefined), '0.2500');
});

test('the text parses back; top-5 only for more than 5 classes', () => {
  assert.deepEqual(parseAccuracy('0.9080 · top-5 0.9951 (diverged)'), { top1: 0.908, top5: 0.9951 });
  const alone = parseAccuracy('0.9080');
  assert.equal(alone.top1, 0.908);
  assert.ok(Number.isNaN(alone.top5));
  assert.ok(Number.isNaN(parseAccuracy('').top1));
  assert.equal(showsTop5(10), true);
  assert.equal(showsTop5(5), false);
  assert.equal(showsTop5(2), false);
});
