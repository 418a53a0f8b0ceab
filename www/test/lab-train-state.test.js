// The optimisation-lab keys of the `train` mode's settings table (state.js): update rules and their
// hyperparameters, the penalty, the SVM variants; and that they reach the core's TrainConfig.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PROPS, UPDATE_RULES, defaults, parseHash, prop, serialiseHash, trainConfig, visible } from '../modes/train/state.js';
import { DATA_KEYS, enumValue, toTrainConfig } from '../core.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgPath = path.join(root, 'target/pkg-node/simd/classplay.js');
const skip = fs.existsSync(pkgPath) ? false : 'no target/pkg-node: run scripts/build-wasm.sh first';
const core = skip ? null : createRequire(import.meta.url)(pkgPath);

test('the default hash is unchanged by the new keys (old links stay the same)', () => {
  assert.equal(serialiseHash(defaults()), '#dataset=mnist&loss=softmax&learning_rate=0.00001&reg=10' +
    '&batch_size=200&num_iters=1500&seed=1&num_train=10000&num_val=1000&num_test=10000&bias_trick=1');
});

test('update_rule and its hyperparameters round-trip under the lecture\'s names', () => {
  const hash = '#update_rule=adam&beta1=0.5&beta2=0.99&epsilon=0.0001&bias_correction=0&regularization=l1';
  const { state, errors } = parseHash(hash);
  assert.deepEqual(errors, []);
  assert.equal(state.update_rule, 'adam');
  assert.equal(state.beta1, 0.5);
  assert.equal(state.beta2, Math.fround(0.99));
  assert.equal(state.bias_correction, false);
  assert.equal(state.regularization, 'l1');
  const out = serialiseHash(state);
  assert.match(out, /&reg=10&regularization=l1&update_rule=adam&beta1=0\.5&beta2=0\.99&epsilon=0\.0001&bias_correction=0&/);
  assert.deepEqual(parseHash(out), { state, errors: [] });
});

test('only the chosen rule\'s hyperparameters are shown; SVM variants only for the SVM', () => {
  const shown = (s) => PROPS.filter((p) => visible(p, s)).map((p) => p.name);
  const extra = (s) => shown(s).filter((n) => !shown(defaults()).includes(n));
  assert.deepEqual(extra({ ...defaults(), update_rule: 'adam' }), ['beta1', 'beta2', 'epsilon', 'bias_correction']);
  assert.deepEqual(extra({ ...defaults(), update_rule: 'nesterov' }), ['momentum']);
  assert.deepEqual(extra({ ...defaults(), update_rule: 'sgd_momentum' }), ['momentum']);
  assert.deepEqual(extra({ ...defaults(), update_rule: 'rmsprop' }), ['decay_rate', 'epsilon']);
  assert.deepEqual(extra({ ...defaults(), update_rule: 'adagrad' }), ['epsilon']);
  for (const r of ['gd', 'lbfgs']) assert.deepEqual(extra({ ...defaults(), update_rule: r }), []);
  assert.deepEqual(extra({ ...defaults(), loss: 'svm' }),
    ['delta', 'squared_hinge', 'include_correct', 'mean_over_classes']);
});

test('hostile and out-of-range values of the new keys are named and not applied', () => {
  const { state, errors } = parseHash('#update_rule=%3Cimg%20src=x%3E&momentum=1&beta2=-0.1&epsilon=0' +
    '&regularization=l3&delta=NaN&bias_correction=maybe');
  assert.deepEqual(errors, [
    'update_rule: "<img src=x>" is not one of sgd, gd, sgd_momentum, nesterov, adagrad, rmsprop, adam, lbfgs',
    'momentum: "1" is outside 0..0.99999994',
    'beta2: "-0.1" is outside 0..0.99999994',
    'epsilon: "0" is outside 0.000000000001..1',
    'regularization: "l3" is not one of l2, l1, none',
    'delta: "NaN" is not a number',
    'bias_correction: "maybe" is not 0 or 1',
  ]);
  assert.deepEqual(state, defaults());
});

test('every update rule and penalty reaches the core\'s TrainConfig', { skip }, () => {
  for (const rule of UPDATE_RULES) {
    for (const reg of prop('regularization').values) {
      const config = { ...trainConfig(defaults()), update_rule: rule, regularization: reg, loss: 'svm',
        momentum: Math.fround(0.5), beta1: Math.fround(0.8), bias_correction: false, squared_hinge: true,
        delta: 2 };
      const cfg = toTrainConfig(core, config);
      try {
        assert.equal(core.update_rule_name(cfg.update_rule), rule);
        assert.equal(cfg.regularization, enumValue(core, 'regularization', reg));
        for (const key of ['momentum', 'beta1', 'bias_correction', 'squared_hinge', 'delta']) {
          assert.equal(cfg[key], config[key], key);
        }
      } finally {
        cfg.free();
      }
    }
  }
  // The page's defaults of the new keys are the core's (so the default run is the issue-1 run, bit for bit).
  const cfg = new core.TrainConfig();
  for (const p of PROPS.filter((q) => q.optional && q.rust !== false && !DATA_KEYS.includes(q.name))) {
    const expected = p.type === 'enum' ? enumValue(core, p.name, p.default) : p.default;
    assert.equal(cfg[p.name], p.type === 'f32' ? Math.fround(expected) : expected, p.name);
  }
  cfg.free();
  assert.throws(() => enumValue(core, 'update_rule', 'sgd2'), /update_rule: the core has no "sgd2"/);
});
