// The k-NN mode's settings table (www/modes/knn/state.js): round trips and hostile hashes.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_K_CHOICES, PROPS, applyEdit, defaults, fitToFiles, loadLimits, parseHash, serialiseHash, setupKey,
} from '../modes/knn/state.js';
import { MAX_HASH_LENGTH, TEST_RECORDS, TRAIN_RECORDS } from '../modes/train/state.js';

test('defaults serialise to the documented hash and parse back to themselves', () => {
  const hash = serialiseHash(defaults());
  assert.equal(hash, '#mode=knn&dataset=mnist&metric=l2&k=3&num_train=5000&num_test=500&subset=first' +
    '&seed=1&k_choices=1,3,5,8,10,12,15,20,50,100&toy_classes=3');
  assert.deepEqual(parseHash(hash), { state: defaults(), errors: [] });
  assert.deepEqual(defaults().k_choices, DEFAULT_K_CHOICES);
  assert.notEqual(defaults().k_choices, DEFAULT_K_CHOICES, 'a fresh copy, not the shared array');
});

test('parse ∘ serialise is the identity on random valid settings', () => {
  let s = 11;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  for (let i = 0; i < 2000; i++) {
    const state = {};
    for (const p of PROPS) {
      if (p.type === 'enum') state[p.name] = p.values[int(0, p.values.length - 1)];
      else if (p.type === 'bool') state[p.name] = rand() < 0.5;
      else if (p.type === 'u32') state[p.name] = int(p.min, p.max);
      else {
        const set = new Set(Array.from({ length: int(1, 12) }, () => int(p.min, p.max)));
        state[p.name] = [...set].sort((a, b) => a - b);
      }
    }
    state.num_train = Math.min(state.num_train, TRAIN_RECORDS[state.dataset] ?? Infinity); // files: the core checks
    state.num_test = Math.min(state.num_test, TEST_RECORDS[state.dataset] ?? Infinity);
    const { state: back, errors } = parseHash(serialiseHash(state));
    assert.deepEqual(errors, []);
    assert.deepEqual(back, state);
  }
});

test('the mode key and the debug workers key: accepted, workers only serialised when set', () => {
  const { state, errors } = parseHash('#mode=knn&workers=1&autoplay=1');
  assert.deepEqual(errors, []);
  assert.equal(state.workers, 1);
  assert.match(serialiseHash(state), /&workers=1&autoplay=1$/);
  assert.doesNotMatch(serialiseHash(defaults()), /workers|autoplay/);
});

test('hostile and malformed values are reported by key, quoted, and keep the previous value', () => {
  const { state, errors } = parseHash('#metric=<img src=x onerror=alert(1)>&k=0&num_train=1e9' +
    '&subset=all&seed=-1&k_choices=1,2,x&<script>=1&__proto__=1&dataset=svhn&workers=99&autoplay=yes');
  assert.deepEqual(state, defaults());
  assert.deepEqual(errors, [
    'metric: "<img src=x onerror=alert(1)>" is not one of l2, l1',
    'k: "0" is outside 1..1000',
    'num_train: "1e9" is not a whole number in 1..60000',
    'subset: "all" is not one of first, stratified',
    'seed: "-1" is not a whole number in 0..4294967295',
    'k_choices: "1,2,x" is not a list of whole numbers in 1..1000',
    'unknown key "<script>"',
    'unknown key "__proto__"',
    'dataset: "svhn" is not one of mnist, cifar10, cifar100, files',
    'workers: "99" is outside 0..8',
    'autoplay: "yes" is not 0 or 1',
  ]);
  assert.equal(Object.getPrototypeOf(state), Object.prototype);
});

test('k_choices: sorted, no duplicates, bounded length; long values are shortened in messages', () => {
  assert.deepEqual(parseHash('#k_choices=10,1,5').state.k_choices, [1, 5, 10]);
  assert.match(parseHash('#k_choices=1,1').errors[0], /has 1 twice/);
  assert.match(parseHash('#k_choices=1,1001').errors[0], /has 1001, outside 1\.\.1000/);
  assert.match(parseHash(`#k_choices=${Array.from({ length: 21 }, (_, i) => i + 1).join(',')}`).errors[0],
    /more than 20 values/);
  assert.match(parseHash(`#seed=${'9'.repeat(100)}`).errors[0], /^seed: "9{40}…" is not a whole number/);
});

test('subset sizes must fit the dataset; an oversized hash is refused whole', () => {
  const cifar = parseHash('#dataset=cifar10&num_train=55000');
  assert.deepEqual(cifar.errors, ['num_train 55000 is more than the 50000 images of cifar10']);
  assert.equal(cifar.state.num_train, 5000, 'fell back to the previous value');
  const long = parseHash(`#seed=1&x=${'a'.repeat(MAX_HASH_LENGTH)}`);
  assert.equal(long.errors.length, 1);
  assert.match(long.errors[0], /characters long/);
  assert.deepEqual(long.state, defaults());
});

test('applyEdit: valid edits apply, invalid ones name the key and change nothing', () => {
  const s0 = defaults();
  assert.equal(applyEdit(s0, 'k', '7').state.k, 7);
  const bad = applyEdit(s0, 'k', 'seven');
  assert.equal(bad.state, s0);
  assert.deepEqual(bad.errors, ['k: "seven" is not a whole number in 1..1000']);
  assert.deepEqual(applyEdit(s0, 'nope', '1').errors, ['unknown key "nope"']);
  const tooMany = applyEdit({ ...s0, num_train: 60000 }, 'dataset', 'cifar10');
  assert.deepEqual(tooMany.errors, ['num_train 60000 is more than the 50000 images of cifar10']);
  assert.equal(tooMany.state.num_train, 50000);
});

test('setupKey changes only with what the workers memorise; loadLimits per subset kind', () => {
  const s0 = defaults();
  assert.equal(setupKey(s0), setupKey({ ...s0, k: 9, metric: 'l1', toy_classes: 5 }));
  for (const [key, value] of [['dataset', 'cifar10'], ['num_train', 10], ['num_test', 10],
    ['subset', 'stratified'], ['seed', 2], ['label_mode', 'coarse']]) {
    assert.notEqual(setupKey(s0), setupKey({ ...s0, [key]: value }), key);
  }
  assert.deepEqual(loadLimits(s0), { train: 5000, test: 500 });
  assert.deepEqual(loadLimits({ ...s0, subset: 'stratified', dataset: 'cifar10' }), { train: 50000, test: 10000 });
});

test('dataset=files: sizes are left to the core; fitToFiles shrinks only what the files cannot meet', () => {
  const { state, errors } = parseHash('#mode=knn&dataset=files&num_train=60000&num_test=10000');
  assert.deepEqual(errors, []);
  assert.equal(state.dataset, 'files');
  assert.equal(loadLimits(state), null);
  const summary = { num_train_records: 80, num_test_records: 20 };
  const fitted = fitToFiles(defaults(), summary);
  assert.deepEqual([fitted.dataset, fitted.num_train, fitted.num_test], ['files', 80, 20]);
  const small = fitToFiles({ ...defaults(), num_train: 40, num_test: 10 }, summary);
  assert.deepEqual([small.num_train, small.num_test], [40, 10]);
  assert.equal(fitToFiles(defaults(), { num_train_records: 5, num_test_records: 0 }).num_test, 1);
  assert.equal(parseHash(serialiseHash(fitted).slice(1)).state.num_train, 80);
});
