import test from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_HASH_LENGTH, PROPS, TRAIN_RECORDS, applyEdit, defaults, parseHash, serialiseHash, trainConfig,
} from '../modes/train/state.js';

test('defaults serialise to the documented hash and parse back to themselves', () => {
  const hash = serialiseHash(defaults());
  assert.match(hash, /^#dataset=mnist&loss=softmax&learning_rate=0\.00001&reg=10&/);
  assert.doesNotMatch(hash, /autoplay/, 'autoplay only appears when on');
  assert.deepEqual(parseHash(hash), { state: defaults(), errors: [] });
});

test('parse ∘ serialise is the identity on random valid settings', () => {
  let s = 7;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < 2000; i++) {
    const state = {};
    for (const p of PROPS) {
      if (p.type === 'enum') state[p.name] = p.values[Math.floor(rand() * p.values.length)];
      else if (p.type === 'bool') state[p.name] = rand() < 0.5;
      else if (p.type === 'u32') state[p.name] = p.min + Math.floor(rand() * (p.max - p.min + 1));
      else if (p.type === 'list') state[p.name] = p.values.filter(() => rand() < 0.5).join(',');
      else state[p.name] = Math.fround(p.min + rand() * (p.max - p.min) * 10 ** -Math.floor(rand() * 20));
    }
    const limit = TRAIN_RECORDS[state.dataset];
    if (state.num_train + state.num_val > limit) state.num_train = limit - state.num_val;
    if (state.batch_size > state.num_train) state.batch_size = state.num_train;
    const { state: back, errors } = parseHash(serialiseHash(state));
    assert.deepEqual(errors, []);
    assert.deepEqual(back, state);
  }
});

test('a partial hash keeps the previous values of the missing keys', () => {
  const prev = { ...defaults(), reg: Math.fround(0.5) };
  const { state, errors } = parseHash('#loss=svm&autoplay=1', prev);
  assert.deepEqual(errors, []);
  assert.deepEqual(state, { ...prev, loss: 'svm', autoplay: true });
});

test('hostile hashes: every problem is named, the rest still applies, nothing throws', () => {
  const { state, errors } = parseHash('#learning_rate=NaN&<script>=1&num_iters=1e308&reg=5');
  assert.deepEqual(errors, [
    'learning_rate: "NaN" is not a number',
    'unknown key "<script>"',
    'num_iters: "1e308" is not a whole number in 1..100000',
  ]);
  assert.deepEqual(state, { ...defaults(), reg: 5 });
});

test('malformed values are rejected with the key and the reason', () => {
  const cases = {
    'learning_rate=1e308': 'learning_rate: "1e308" is too large for an f32',
    'learning_rate=-1': 'learning_rate: "-1" is outside 0.000000000001..1000000000000000000000000000000',
    'learning_rate=0x10': 'learning_rate: "0x10" is not a number',
    'learning_rate=Infinity': 'learning_rate: "Infinity" is not a number',
    'reg=': 'reg: "" is not a number',
    'num_train=-5': 'num_train: "-5" is not a whole number in 1..59999',
    'batch_size=0': 'batch_size: "0" is outside 1..10000',
    'batch_size=2.5': 'batch_size: "2.5" is not a whole number in 1..10000',
    'seed=4294967296': 'seed: "4294967296" is outside 0..4294967295',
    'seed=99999999999999999999': 'seed: "99999999999999999999" is not a whole number in 0..4294967295',
    'dataset=imagenet': 'dataset: "imagenet" is not one of mnist, cifar10, cifar100, files',
    'bias_trick=yes': 'bias_trick: "yes" is not 0 or 1',
    'loss=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E':
      'loss: "<img src=x onerror=alert(1)>" is not one of softmax, svm',
  };
  for (const [hash, message] of Object.entries(cases)) {
    const { state, errors } = parseHash(hash);
    assert.deepEqual(errors, [message], hash);
    assert.deepEqual(state, defaults(), `${hash} must leave the defaults`);
  }
});

test('the f32 bounds themselves are accepted (compared as f32, not as f64)', () => {
  for (const hash of ['learning_rate=0.000000000001', 'learning_rate=1000000000000', 'reg=0']) {
    assert.deepEqual(parseHash(hash).errors, [], hash);
  }
});

test('long text is quoted short; an over-long hash is refused whole', () => {
  const { errors } = parseHash(`#${'k'.repeat(500)}=1`);
  assert.equal(errors.length, 1);
  assert.ok(errors[0].length < 80, errors[0]);
  const huge = parseHash(`#reg=5&x=${'a'.repeat(MAX_HASH_LENGTH)}`);
  assert.deepEqual(huge.state, defaults(), 'nothing of it applies, not even reg=5');
  assert.match(huge.errors[0], /characters long .* ignored/);
});

test('num_train + num_val must fit in the dataset; the previous pair is kept', () => {
  const { state, errors } = parseHash('#dataset=cifar10&num_train=49500&num_val=1000');
  assert.deepEqual(errors, ['num_train + num_val = 50500 is more than the 50000 training images of cifar10']);
  assert.equal(state.dataset, 'cifar10');
  assert.equal(state.num_train, defaults().num_train);
  assert.equal(state.num_val, defaults().num_val);
});

test('batch_size may not exceed num_train (the core refuses it)', () => {
  const { state, errors } = parseHash('#num_train=50&batch_size=200');
  assert.deepEqual(errors, ['batch_size 200 is more than num_train 50']);
  assert.equal(state.num_train, 50);
  assert.equal(state.batch_size, 50);
});

test('dataset defaults (docs/DEFAULTS.md) follow the dataset unless set explicitly', () => {
  const cifar = parseHash('#dataset=cifar10');
  assert.deepEqual(cifar.errors, []);
  assert.deepEqual(cifar.state, defaults('cifar10'));
  assert.equal(serialiseHash(cifar.state),
    '#dataset=cifar10&loss=softmax&learning_rate=0.0000003&reg=10000&batch_size=200&num_iters=1500' +
    '&seed=1&num_train=9000&num_val=1000&num_test=10000&bias_trick=1');
  const chosen = parseHash('#dataset=cifar10&learning_rate=0.0001');
  assert.equal(chosen.state.learning_rate, Math.fround(1e-4), 'an explicit value wins');
  assert.equal(chosen.state.reg, 10000);
  // A control edit: back to MNIST takes MNIST's defaults, but keeps what the user changed.
  const edited = applyEdit({ ...defaults('cifar10'), reg: 5 }, 'dataset', 'mnist');
  assert.deepEqual(edited.state, { ...defaults('mnist'), reg: 5 });
});

test('applyEdit validates a control edit like the URL', () => {
  const start = defaults();
  assert.deepEqual(applyEdit(start, 'learning_rate', '1e-7'),
    { state: { ...start, learning_rate: Math.fround(1e-7) }, errors: [] });
  const bad = applyEdit(start, 'batch_size', 'lots');
  assert.equal(bad.state, start);
  assert.deepEqual(bad.errors, ['batch_size: "lots" is not a whole number in 1..10000']);
  // 49500 + 1000 fits MNIST's 60000 but not CIFAR-10's 50000: the pair falls back to CIFAR's defaults.
  const tooMany = applyEdit({ ...start, num_train: 49500 }, 'dataset', 'cifar10');
  assert.equal(tooMany.state.dataset, 'cifar10');
  assert.equal(tooMany.state.num_train, defaults('cifar10').num_train);
  assert.deepEqual(tooMany.errors,
    ['num_train + num_val = 50500 is more than the 50000 training images of cifar10']);
});

test('trainConfig has the Rust config names and not the page-only keys', () => {
  const cfg = trainConfig(defaults());
  assert.deepEqual(Object.keys(cfg), ['dataset', 'label_mode', 'subset', 'loss', 'delta', 'squared_hinge', 'include_correct',
    'mean_over_classes', 'learning_rate', 'reg', 'regularization', 'update_rule', 'momentum', 'decay_rate',
    'beta1', 'beta2', 'epsilon', 'bias_correction', 'batch_size', 'num_iters', 'eval_every', 'seed', 'num_train',
    'num_val', 'num_test', 'bias_trick', 'subtract_mean', 'features']); // features: a data key (core.js DATA_KEYS)
});

test('the defaults are the tuned ones of docs/DEFAULTS.md, per dataset', async () => {
  const fs = await import('node:fs');
  const doc = fs.readFileSync(new URL('../../docs/DEFAULTS.md', import.meta.url), 'utf8');
  const rows = doc.split('\n').filter((l) => /^\| [a-z_]+ \|/.test(l) && !l.startsWith('| key'));
  assert.ok(rows.length >= 10, 'the table was found');
  for (const dataset of ['mnist', 'cifar10']) {
    const documented = Object.fromEntries(rows.map((l) => {
      const [key, mnist, cifar] = l.split('|').slice(1, 4).map((c) => c.trim());
      return [key, dataset === 'mnist' ? mnist : cifar];
    }));
    const { state, errors } = parseHash(new URLSearchParams({ dataset, ...documented }).toString());
    assert.deepEqual(errors, []);
    assert.deepEqual(state, defaults(dataset), dataset);
  }
});

test('the router key `mode`: train is this table, another mode is reported, not applied', () => {
  const ok = parseHash('#mode=train&seed=5');
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.state.seed, 5);
  const bad = parseHash('#mode=%3Cscript%3E&seed=6');
  assert.equal(bad.errors.length, 1);
  assert.match(bad.errors[0], /unknown mode "<script>"/);
  assert.equal(bad.state.seed, 6);
  assert.ok(!serialiseHash(ok.state).includes('mode='), 'the default mode is not written');
});

test('views: a list of open panels, normalised to table order; unknown names are refused', () => {
  assert.equal(parseHash('#views=algebraic,confusion').state.views, 'confusion,algebraic');
  assert.equal(parseHash('#views=').state.views, '');
  assert.match(serialiseHash({ ...defaults(), views: '' }), /views=(&|$)/);
  assert.doesNotMatch(serialiseHash(defaults()), /views/, 'all open is the default, not written');
  const { state, errors } = parseHash('#views=confusion,<script>');
  assert.equal(state.views, defaults().views);
  assert.match(errors[0], /^views: .* names "<script>", not one of confusion, predictions, algebraic$/);
});

test('list keys serialise with plain commas in every mode; both comma forms parse', () => {
  const s = { ...defaults(), views: 'confusion,predictions' };
  const hash = serialiseHash(s);
  assert.match(hash, /views=confusion,predictions/);
  assert.doesNotMatch(hash, /%2C/i);
  assert.deepEqual(parseHash(hash).state, s);
  assert.deepEqual(parseHash(hash.replace('confusion,', 'confusion%2C')).state, s, '%2C still parses');
});

test('a dataset=files link without batch_size waits for the files instead of complaining', () => {
  const { state, errors } = parseHash('#dataset=files&num_train=32&num_val=4&num_test=9');
  assert.deepEqual(errors, [], 'no batch_size message before the files exist');
  assert.equal(state.batch_size, 32, 'fitted to num_train, as the import does');
  // MNIST and an edit of the control still say why
  assert.match(parseHash('#num_train=32').errors[0], /^batch_size 200 is more than num_train 32$/);
  assert.match(applyEdit(state, 'batch_size', '64').errors[0], /^batch_size 64 is more than num_train 32$/);
});
