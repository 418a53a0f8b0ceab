import test from 'node:test';
import assert from 'node:assert/strict';
import { MODES, modeOf } from '../modes.js';

test('modeOf: default, known, unknown and malformed hashes', () => {
  assert.deepEqual(modeOf(''), { mode: 'train', error: null });
  assert.deepEqual(modeOf('#seed=1'), { mode: 'train', error: null });
  for (const name of Object.keys(MODES)) assert.equal(modeOf(`#mode=${name}&k=3`).mode, name);
  const bad = modeOf('#mode=' + 'x'.repeat(100));
  assert.equal(bad.mode, 'train');
  assert.match(bad.error, /^unknown mode "x{40}…"/);
  assert.equal(modeOf('#mode=__proto__').mode, 'train', 'no prototype keys');
});
