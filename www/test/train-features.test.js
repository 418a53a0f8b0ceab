// Train mode on features (issue 12, item 1): `features=` in the train table, and the features'
// own learning_rate / reg defaults — a link or an edit that picks features without naming them
// gets the features' defaults, an explicit value wins, old links stay exactly as they were.

import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FEATURE_DEFAULTS, applyEdit, defaultWith, defaults, parseHash, prop, serialiseHash, trainConfig, visible }
  from '../modes/train/state.js';
import { DATA_KEYS } from '../core.js';

const f32 = Math.fround;

test('the features defaults are the core\'s (src/features/mod.rs LINEAR_LEARNING_RATE / LINEAR_REG)', () => {
  const src = readFileSync(new URL('../../src/features/mod.rs', import.meta.url), 'utf8');
  const core = (name) => f32(Number(src.match(new RegExp(`pub const ${name}: f32 = ([0-9.e-]+);`))[1]));
  assert.equal(FEATURE_DEFAULTS.learning_rate, core('LINEAR_LEARNING_RATE'));
  assert.equal(FEATURE_DEFAULTS.reg, core('LINEAR_REG'));
  // far from every dataset's pixel default: the features need their own
  for (const dataset of ['mnist', 'cifar10', 'cifar100']) {
    assert.ok(FEATURE_DEFAULTS.learning_rate > 100 * defaults(dataset).learning_rate, dataset);
  }
});

test('a link picking features without learning_rate / reg gets the features\' defaults', () => {
  const { state, errors } = parseHash('#dataset=cifar10&features=hog+color_hist');
  assert.deepEqual(errors, []);
  assert.equal(state.features, 'hog+color_hist');
  assert.equal(state.learning_rate, FEATURE_DEFAULTS.learning_rate);
  assert.equal(state.reg, FEATURE_DEFAULTS.reg);
  assert.equal(defaultWith('learning_rate', 'cifar10', 'hog'), FEATURE_DEFAULTS.learning_rate);
  assert.equal(defaultWith('learning_rate', 'cifar10', 'pixels'), defaults('cifar10').learning_rate);
  // the page writes them out, and `+` stays a plus
  const hash = serialiseHash(state);
  assert.match(hash, /&features=hog\+color_hist/);
  assert.match(hash, /learning_rate=0\.03&/);
  assert.deepEqual(parseHash(hash).state, state);
});

test('an explicit learning_rate or reg in the link wins', () => {
  const { state, errors } = parseHash('#dataset=cifar10&features=hog&learning_rate=1e-5&reg=0');
  assert.deepEqual(errors, []);
  assert.equal(state.learning_rate, f32(1e-5));
  assert.equal(state.reg, 0);
  // the pixel default given explicitly is kept too
  const px = parseHash(`#dataset=cifar10&features=hog&learning_rate=${defaults('cifar10').learning_rate}`).state;
  assert.equal(px.learning_rate, defaults('cifar10').learning_rate);
  assert.equal(px.reg, FEATURE_DEFAULTS.reg);
});

test('choosing features in the control moves learning_rate / reg at their defaults, not a custom one', () => {
  const start = defaults('cifar10');
  const hog = applyEdit(start, 'features', 'hog');
  assert.deepEqual(hog.errors, []);
  assert.equal(hog.state.learning_rate, FEATURE_DEFAULTS.learning_rate);
  assert.equal(hog.state.reg, FEATURE_DEFAULTS.reg);
  // between two feature kinds the features' defaults stay; back to pixels, the dataset's
  const both = applyEdit(hog.state, 'features', 'hog+color_hist').state;
  assert.equal(both.learning_rate, FEATURE_DEFAULTS.learning_rate);
  const back = applyEdit(both, 'features', 'pixels').state;
  assert.deepEqual(back, start);
  // a learning rate the user chose stays
  const custom = applyEdit(applyEdit(start, 'learning_rate', '2e-6').state, 'features', 'hog').state;
  assert.equal(custom.learning_rate, f32(2e-6));
  assert.equal(custom.reg, FEATURE_DEFAULTS.reg);
  // another dataset keeps the features' defaults (they do not depend on it)
  assert.equal(applyEdit(hog.state, 'dataset', 'mnist').state.learning_rate, FEATURE_DEFAULTS.learning_rate);
});

test('old links: no features key, the same state and the same address', () => {
  for (const dataset of ['mnist', 'cifar10']) {
    const hash = serialiseHash(defaults(dataset));
    assert.doesNotMatch(hash, /features/);
    const { state, errors } = parseHash(hash);
    assert.deepEqual(errors, []);
    assert.equal(state.features, 'pixels');
    assert.deepEqual(state, defaults(dataset));
  }
  // features travels to the worker beside the TrainConfig keys, never into the TrainConfig
  assert.ok(DATA_KEYS.includes('features'));
  assert.equal(trainConfig(parseHash('#features=hog').state).features, 'hog');
});

test('a bad features value is reported and leaves pixels', () => {
  const { state, errors } = parseHash('#dataset=mnist&features=sift');
  assert.equal(state.features, 'pixels');
  assert.equal(errors.length, 1);
  assert.match(errors[0], /features/);
  assert.equal(state.learning_rate, defaults('mnist').learning_rate);
});

test('the mean-image control shows on pixels only (features are standardised instead)', () => {
  assert.equal(visible(prop('subtract_mean'), defaults()), true);
  assert.equal(visible(prop('subtract_mean'), parseHash('#features=hog').state), false);
});
