// The pure parts of ui/draw-pad.js ("Draw a digit", issue 12 item 6): the headline (class first,
// then its probability / score / vote share), bar lengths, argmax and the vote counts, against
// hand-computed values.
import test from 'node:test';
import assert from 'node:assert/strict';
import { argmax, barLengths, barText, headline, voteCounts } from '../ui/draw-pad.js';

test('the headline says the class first, then its probability, score or vote share', () => {
  assert.equal(headline({ name: '7', kind: 'probability', value: 0.934 }), '7 (p = 0.93)');
  assert.equal(headline({ name: '7', kind: 'score', value: 3.2149 }), '7 (score = 3.21)');
  assert.equal(headline({ name: '1', kind: 'vote', value: 2 / 3, votes: 2, k: 3 }), '1 (p = 0.67: 2 of 3 neighbours)');
  assert.equal(headline({ name: 'cat', kind: 'probability', value: NaN }), 'cat (p = —)', 'never NaN on the page');
});

test('bars: probabilities as they are, scores min–max scaled, non-finite values empty', () => {
  assert.deepEqual(barLengths([0.25, 0.75, NaN], 'probability'), [0.25, 0.75, 0]);
  assert.deepEqual(barLengths([-2, 0, 2, Infinity], 'score'), [0, 0.5, 1, 0]);
  assert.deepEqual(barLengths([3, 3], 'score'), [1, 1]);
  assert.equal(barText(0.4, 'vote', 5), '2');
  assert.equal(barText(0.125, 'probability'), '0.13');
  assert.equal(barText(-Infinity, 'score'), '—');
});

test('argmax takes the first largest finite value; votes count labels per class', () => {
  assert.equal(argmax([1, 3, 3, 2]), 1);
  assert.equal(argmax([NaN, -1, -5]), 1);
  assert.equal(argmax([NaN]), -1);
  assert.deepEqual(voteCounts([2, 0, 2, 9], 3), [1, 0, 2]);
});
