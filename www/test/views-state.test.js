// The views mode's settings (www/modes/views/state.js): round trips, f32 lists, hostile hashes,
// and the page-wide keys (`hide`, `presenter`) that it keeps but does not use.
import test from 'node:test';
import assert from 'node:assert/strict';
import { PROPS, applyEdit, defaults, parseHash, serialiseHash } from '../modes/views/state.js';
import { MAX_HASH_LENGTH } from '../modes/train/state.js';
import { f32Bits } from '../f32.js';

test('defaults serialise to the bare mode and parse back to themselves', () => {
  assert.equal(serialiseHash(defaults()), '#mode=views');
  assert.deepEqual(parseHash('#mode=views'), { state: defaults(), errors: [], passthrough: [] });
  assert.equal(defaults().reg, Math.fround(0.01));
});

test('parse ∘ serialise is the identity on random valid settings, w and b bit for bit', () => {
  let s = 5;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  for (let i = 0; i < 1000; i++) {
    const state = {};
    for (const p of PROPS) {
      if (p.type === 'enum') state[p.name] = p.values[int(0, p.values.length - 1)];
      else if (p.type === 'u32') state[p.name] = int(p.min, Math.min(p.max, 100000));
      else if (p.type === 'f32') state[p.name] = Math.fround(p.min + rand() * (p.max - p.min));
      else state[p.name] = Array.from({ length: p.len }, () => Math.fround((rand() - 0.5) * 10 ** int(-8, 3)));
    }
    const hash = serialiseHash(state);
    const back = parseHash(hash);
    assert.deepEqual(back.errors, [], hash);
    for (const p of PROPS) {
      if (p.type === 'f32_list') assert.deepEqual(back.state[p.name].map(f32Bits), state[p.name].map(f32Bits), hash);
      else assert.equal(back.state[p.name], state[p.name], `${p.name} in ${hash}`);
    }
  }
});

test('w and b are written as shortest f32 decimals with plain commas', () => {
  const state = { ...defaults(), w: [0.1, -2, 1e-7, 3, 0.25, -0.5].map(Math.fround), b: [0, 1.5, -1].map(Math.fround) };
  assert.equal(serialiseHash(state), '#mode=views&w=0.1,-2,0.0000001,3,0.25,-0.5&b=0,1.5,-1');
});

test('hostile values name their key and keep the previous value', () => {
  const cases = [
    ['#mode=views&layout=spiral', /layout: "spiral" is not one of blobs, xor, rings/],
    ['#mode=views&reg=NaN', /reg: "NaN" is not a number/],
    ['#mode=views&reg=-1', /reg: "-1" is outside 0\.\.100/],
    ['#mode=views&learning_rate=1e400', /learning_rate: .* is too large for an f32/],
    ['#mode=views&num_points=1', /num_points: "1" is outside 2\.\.2000/],
    ['#mode=views&metric=cosine', /metric: "cosine" is not one of l2, l1/],
    ['#mode=views&w=1,2,3&b=0,0,0', /w: "1,2,3" needs 6 numbers separated by commas, got 3/],
    ['#mode=views&w=1,2,3,4,5,x&b=0,0,0', /w: "x" is not a number/],
    ['#mode=views&w=1,2,3,4,5,Infinity&b=0,0,0', /w: "Infinity" is not a number/],
    ['#mode=views&w=1,2,3,4,5,1e9&b=0,0,0', /w: "1e9" is outside -10000\.\.10000/],
    ['#mode=views&w=1,2,3,4,5,6', /w is set without b/],
    ['#mode=views&wat=1', /unknown key "wat"/],
    ['#mode=views&mode=knn', /mode "knn" is not views/],
  ];
  for (const [hash, pattern] of cases) {
    const { state, errors } = parseHash(hash);
    assert.equal(errors.length, 1, `${hash}: ${errors}`);
    assert.match(errors[0], pattern);
    for (const k of ['layout', 'reg', 'learning_rate', 'num_points', 'metric', 'w', 'b']) {
      assert.deepEqual(state[k], defaults()[k], `${hash}: ${k}`);
    }
  }
  const long = parseHash(`#mode=views&seed=${'1'.repeat(MAX_HASH_LENGTH)}`);
  assert.match(long.errors[0], /characters long/);
  assert.deepEqual(long.state, defaults());
});

test('hide and presenter are accepted and written back unchanged; an unknown hide name is reported', () => {
  assert.match(parseHash('#mode=views&hide=bogus').errors[0], /^hide: "bogus"/);
  const r = parseHash('#mode=views&hide=reg,loss&layout=xor&presenter=1');
  assert.deepEqual(r.errors, []);
  assert.equal(r.state.layout, 'xor');
  assert.equal(r.state.hide, undefined);
  assert.deepEqual(r.passthrough, [['hide', 'reg,loss'], ['presenter', '1']]);
  assert.equal(serialiseHash(r.state, r.passthrough), '#mode=views&layout=xor&hide=reg,loss&presenter=1');
});

test('an edit goes through the same parsing; a bad one leaves the state', () => {
  const s0 = defaults();
  const ok = applyEdit(s0, 'layout', 'rings');
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.state.layout, 'rings');
  const bad = applyEdit(s0, 'train_steps', '0');
  assert.match(bad.errors[0], /train_steps: "0" is outside 1\.\.10000/);
  assert.equal(bad.state, s0);
  assert.match(applyEdit(s0, 'nope', '1').errors[0], /unknown key "nope"/);
});
