// The few-shot mode's settings table (www/modes/fewshot/state.js): round trips, cross-key checks
// and hostile hashes.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  GLOBAL_KEYS, GRAYSCALE, NUM_CLASSES, PROPS, numClasses, applyEdit, dataKey, defaults, episodeConfig, fitToFiles, parseHash, runKey, serialiseHash,
} from '../modes/fewshot/state.js';
import { MAX_HASH_LENGTH } from '../modes/train/state.js';

test('defaults serialise to the documented hash and parse back to themselves', () => {
  const hash = serialiseHash(defaults());
  assert.equal(hash, '#mode=fewshot&dataset=mnist&split=test&n_way=5&k_shot=1&num_queries=5' +
    '&num_episodes=200&metric=l2&seed=1');
  assert.deepEqual(parseHash(hash), { state: defaults(), errors: [] });
});

test('parse ∘ serialise is the identity on random valid settings', () => {
  let s = 5;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  for (let i = 0; i < 2000; i++) {
    const state = {};
    for (const p of PROPS) {
      if (p.type === 'enum') state[p.name] = p.values[int(0, p.values.length - 1)];
      else if (p.type === 'bool') state[p.name] = rand() < 0.5;
      else state[p.name] = int(p.min, p.max);
    }
    state.n_way = Math.min(state.n_way, numClasses(state) ?? Infinity); // files: known after the import
    if (GRAYSCALE[state.dataset] && state.features.includes('color_hist')) state.features = 'hog'; // no hue
    const { state: back, errors } = parseHash(serialiseHash(state));
    assert.deepEqual(errors, []);
    assert.deepEqual(back, state);
  }
});

test('n_way beyond the dataset\'s classes is reported naming the key and keeps the previous value', () => {
  const { state, errors } = parseHash('#mode=fewshot&n_way=99&k_shot=3');
  assert.deepEqual(errors, ['n_way: 99 is more than the 10 classes of mnist (2..10)']);
  assert.equal(state.n_way, 5);
  assert.equal(state.k_shot, 3, 'the other keys still apply');
  const edited = applyEdit(defaults(), 'n_way', '11');
  assert.deepEqual(edited.errors, ['n_way: 11 is more than the 10 classes of mnist (2..10)']);
  assert.equal(edited.state.n_way, 5);
  assert.deepEqual(applyEdit(defaults(), 'n_way', '10').errors, []);
  assert.equal(parseHash('#n_way=1').errors[0], 'n_way: "1" is outside 2..100');
});

test('hostile and malformed values are reported by key, quoted, and keep the previous value', () => {
  const { state, errors } = parseHash('#metric=<img src=x onerror=alert(1)>&k_shot=0&num_episodes=1e9' +
    '&split=val&seed=-1&<script>=1&__proto__=1&dataset=svhn&num_queries=101&autoplay=yes');
  assert.deepEqual(state, defaults());
  assert.deepEqual(errors, [
    'metric: "<img src=x onerror=alert(1)>" is not one of l2, l1, mhd',
    'k_shot: "0" is outside 1..50',
    'num_episodes: "1e9" is not a whole number in 1..10000',
    'split: "val" is not one of test, train',
    'seed: "-1" is not a whole number in 0..4294967295',
    'unknown key "<script>"',
    'unknown key "__proto__"',
    'dataset: "svhn" is not one of mnist, cifar10, cifar100, omniglot, files',
    'num_queries: "101" is outside 1..100',
    'autoplay: "yes" is not 0 or 1',
  ]);
  assert.equal(Object.getPrototypeOf(state), Object.prototype);
  const long = parseHash('#seed=' + '1'.repeat(MAX_HASH_LENGTH));
  assert.match(long.errors[0], /characters long/);
  assert.deepEqual(long.state, defaults());
});

test('global keys (mode, hide, presenter, embed) are left to the page; bad lesson values are reported', () => {
  assert.deepEqual(GLOBAL_KEYS, ['mode', 'hide', 'presenter', 'embed', 'theme']);
  assert.match(parseHash('#mode=fewshot&hide=bogus').errors[0], /^hide: "bogus"/);
  const { state, errors } = parseHash('#mode=fewshot&hide=seed,metric&presenter=1&k_shot=2');
  assert.deepEqual(errors, []);
  assert.equal(state.k_shot, 2);
  assert.doesNotMatch(serialiseHash(state), /hide|presenter/);
});

test('keys: data (dataset, split), episodes (every core setting), autoplay in neither', () => {
  const a = defaults();
  assert.equal(dataKey(a), 'mnist:test');
  assert.deepEqual(episodeConfig(a), { split: 'test', n_way: 5, k_shot: 1, num_queries: 5, num_episodes: 200,
    metric: 'l2', seed: 1, episodes: 'within', features: 'pixels' });
  assert.equal(runKey({ ...a, autoplay: true }), runKey(a));
  for (const [k, v] of [['seed', 2], ['metric', 'l1'], ['k_shot', 3], ['dataset', 'cifar10'], ['split', 'train'],
    ['episodes', 'across'], ['features', 'hog']]) {
    assert.notEqual(runKey({ ...a, [k]: v }), runKey(a), k);
  }
});

test('dataset=files: n_way is left to the core (the classes are known after the import); fitToFiles', () => {
  const { state, errors } = parseHash('#mode=fewshot&dataset=files&n_way=40');
  assert.deepEqual(errors, []);
  assert.equal(state.n_way, 40);
  // a folder of class folders (no test split): episodes come from the training split
  const folder = fitToFiles({ ...defaults(), split: 'test', n_way: 7 }, { num_train_records: 100, num_test_records: 0 });
  assert.deepEqual([folder.dataset, folder.split, folder.n_way], ['files', 'train', 7]);
  // files with a test split keep the chosen split
  const both = fitToFiles({ ...defaults(), split: 'test' }, { num_train_records: 100, num_test_records: 20 });
  assert.deepEqual([both.dataset, both.split], ['files', 'test']);
  assert.equal(parseHash(serialiseHash(folder).slice(1)).state.dataset, 'files');
});

test('Omniglot: its set in the data key, n_way up to its characters, new keys left out of links at their defaults', () => {
  const { state, errors } = parseHash('#mode=fewshot&dataset=omniglot&omniglot_set=small2&n_way=20&episodes=across');
  assert.deepEqual(errors, []);
  assert.equal(dataKey(state), 'omniglot:small2:test');
  assert.notEqual(runKey(state), runKey({ ...state, omniglot_set: 'small1' }));
  assert.equal(serialiseHash(state),
    '#mode=fewshot&dataset=omniglot&omniglot_set=small2&split=test&n_way=20&k_shot=1&num_queries=5&num_episodes=200&metric=l2&episodes=across&seed=1');
  // Up to n_way's bound (100) across alphabets; within one, the core names the largest alphabet.
  assert.deepEqual(parseHash('#mode=fewshot&dataset=omniglot&n_way=100').errors, []);
  const bench = parseHash('#mode=fewshot&dataset=omniglot&benchmark=oneshot&metric=mhd');
  assert.deepEqual(bench.errors, []);
  assert.equal(bench.state.benchmark, 'oneshot');
  assert.match(serialiseHash(bench.state), /metric=mhd&seed=1&benchmark=oneshot$/);
  // At their defaults the new keys stay out of a link (old links are written as before).
  assert.doesNotMatch(serialiseHash(defaults()), /omniglot_set|&episodes=|benchmark/);
});

test('features: left out of links at pixels, + survives, no colour histogram on grayscale data', () => {
  assert.doesNotMatch(serialiseHash(defaults()), /features/);
  const hog = parseHash('#mode=fewshot&features=hog');
  assert.deepEqual([hog.state.features, hog.errors], ['hog', []]);
  assert.match(serialiseHash(hog.state), /&features=hog&/);
  const both = parseHash('#mode=fewshot&dataset=cifar10&features=hog+color_hist');
  assert.deepEqual([both.state.features, both.errors], ['hog+color_hist', []]);
  assert.equal(parseHash(serialiseHash(both.state)).state.features, 'hog+color_hist');
  for (const dataset of ['mnist', 'omniglot']) {
    for (const f of ['color_hist', 'hog+color_hist']) {
      const { state, errors } = parseHash(`#mode=fewshot&dataset=${dataset}&features=${f}`);
      assert.equal(state.features, 'pixels', `${dataset} ${f}`);
      assert.equal(errors.length, 1);
      assert.match(errors[0], /^features: .*needs colour images.*grayscale.*use hog$/);
    }
  }
  // an edit to a grayscale dataset keeps hog, drops a colour histogram
  assert.equal(applyEdit({ ...defaults(), dataset: 'cifar10', features: 'hog' }, 'dataset', 'mnist').state.features, 'hog');
  const edited = applyEdit({ ...defaults(), dataset: 'cifar10', features: 'color_hist' }, 'dataset', 'mnist');
  assert.equal(edited.state.features, 'pixels');
  assert.match(edited.errors.join(), /features: color_hist needs colour images/);
  assert.match(applyEdit(defaults(), 'features', 'color_hist').errors.join(), /MNIST is grayscale/);
  // files: the core refuses a colour histogram on grayscale files (their channels are known later)
  assert.deepEqual(parseHash('#mode=fewshot&dataset=files&features=color_hist').errors, []);
});
