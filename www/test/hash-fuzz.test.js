// URL-hash fuzzing of every mode (issue 11, hostile input): each mode's real settings parser and
// the router's keys get seeded hostile hashes for a few seconds (CLASSPLAY_FUZZ_SECONDS for
// longer; scripts/fuzz-js.mjs runs them for minutes). Per input: no exception, under 1 s, every
// value of its schema.json type and bounds, a message naming each refused key, and the
// serialised result parsing back to the same settings.

import test from 'node:test';
import assert from 'node:assert/strict';
import { MODE_TARGETS, checkHash, fuzzHashes } from './fuzz/hash-targets.js';
import { parseHash as parseKnn } from '../modes/knn/state.js';
import { parseHash as parseViews, serialiseHash as serialiseViews } from '../modes/views/state.js';

const SECONDS = Number(process.env.CLASSPLAY_FUZZ_SECONDS ?? 1.5);
const SEED = Number(process.env.CLASSPLAY_FUZZ_SEED ?? 1);

for (const name of [...MODE_TARGETS.map((t) => t.name), 'router']) {
  test(`hash fuzz: ${name} (${SECONDS} s, seed ${SEED})`, () => {
    const r = fuzzHashes({ seconds: SECONDS, seed: SEED, only: name })[name];
    console.log(`fuzz hash_${name} ${r.execs} execs, ${r.failures.length} failures`);
    assert.ok(r.execs > 100, `only ${r.execs} inputs ran`);
    assert.deepEqual(r.failures, []);
  });
}

test('the checks catch what they are for (a parser that lets a bad value in fails)', () => {
  const t = MODE_TARGETS.find((x) => x.name === 'race');
  const leaky = { ...t, parse: (h, prev) => ({ state: { ...prev, max_steps: 1e12 }, errors: [] }) };
  assert.ok(checkHash(leaky, '#mode=race&max_steps=1e12').some((f) => /max_steps/.test(f)));
  const silent = { ...t, parse: (h, prev) => ({ state: prev, errors: [] }) };
  assert.ok(checkHash(silent, '#mode=race&zz=1').some((f) => /unknown key/.test(f)));
  assert.ok(checkHash(silent, '#mode=race&seed=1&seed=2').some((f) => /given 2 times/.test(f)));
  const throws = { ...t, parse: () => { throw new Error('boom'); } };
  assert.ok(checkHash(throws, '#x').some((f) => /threw/.test(f)));
});

test('what the fuzzer found: a second mode and a repeated flag are reported; views writes back only the lesson keys it uses', () => {
  // the router opens the first mode; a second one was silently ignored in k-NN and few-shot
  assert.deepEqual(parseKnn('#mode=knn&k=3&mode=<img src=x>').errors, ['mode is given twice; the first one counts ("<img src=x>" is not used)']);
  assert.deepEqual(parseKnn('#mode=knn&presenter=1&presenter=0').errors, ['presenter is given twice; the last one counts']);
  // views kept refused lesson values (and every repeat) in its address
  const r = parseViews('#mode=views&presenter=<b>&embed=1&embed=0&hide=reg&hide=loss');
  assert.deepEqual(r.passthrough, [['embed', '0'], ['hide', 'reg'], ['hide', 'loss']]);
  assert.equal(serialiseViews(r.state, r.passthrough), '#mode=views&embed=0&hide=reg&hide=loss');
});
