// The linear classifier's settings (the core's `TrainConfig` keys, CS231n's names): the page table
// the train mode is built on, and whose labels the lab borrows. Page things only (label,
// valueNames, `when`, page-only flags, order): types, bounds and defaults are the core's
// (src/settings.rs → www/settings/schema.json), merged in by www/settings/engine.js.

import { createSettings } from './engine.js';
import { DATA_SETTINGS } from './data.js';

/** The update rules of the lecture, in the core's `UpdateRule` order after the default `sgd`. */
export const UPDATE_RULES = ['sgd', 'gd', 'sgd_momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'lbfgs'];
/** Display names of the update rules. */
export const UPDATE_RULE_NAMES = {
  sgd: 'SGD (minibatch)', gd: 'gradient descent (full batch)', sgd_momentum: 'SGD + momentum',
  nesterov: 'Nesterov momentum', adagrad: 'AdaGrad', rmsprop: 'RMSProp', adam: 'Adam',
  lbfgs: 'L-BFGS (full batch)',
};
/** The evaluation panels of the page (`views` lists the open ones, e.g. `views=confusion,algebraic`). */
export const VIEWS = ['confusion', 'predictions', 'algebraic'];
const isSvm = (s) => s.loss === 'svm';
const usesRule = (...rules) => (s) => rules.includes(s.update_rule);

/** Whether property `p`'s control is shown for `state` (hyperparameters of other rules are not). */
export function visible(p, state) {
  return !p.when || p.when(state);
}

/**
 * The page table. `rust: false` marks keys that only steer the page. `optional: true` keys are
 * written to the URL only when they differ from the default (links made before them stay the
 * same), and `when(state)` tells whether their control is shown. Defaults per dataset (the
 * learning rate, reg, num_train) are docs/DEFAULTS.md's, in the core's table.
 */
export const TABLE = [
  ...DATA_SETTINGS,
  { name: 'subset', optional: true,
    label: 'Subsets (subset)', valueNames: { first: 'first records, random val', stratified: 'stratified per class' } },
  { name: 'loss',
    label: 'Loss', valueNames: { softmax: 'softmax', svm: 'SVM' } },
  // The SVM's variants (CS231n notes, "Linear classification"): shown only for the SVM.
  { name: 'delta', optional: true, when: isSvm,
    label: 'SVM margin (delta)' },
  { name: 'squared_hinge', optional: true, when: isSvm,
    label: 'Squared hinge max(0, ·)²' },
  { name: 'include_correct', optional: true, when: isSvm,
    label: 'Sum over all classes, the correct one too' },
  { name: 'mean_over_classes', optional: true, when: isSvm,
    label: 'Mean over classes instead of sum' },
  // Features are raw 0..255 pixels minus the mean image (CS231n's convention), hence tiny rates.
  { name: 'learning_rate',
    label: 'Learning rate' },
  { name: 'reg',
    label: 'Regularisation (reg)' },
  { name: 'regularization', optional: true,
    label: 'Penalty (regularization)', valueNames: { l2: 'L2: reg·Σw²', l1: 'L1: reg·Σ|w|', none: 'none' } },
  // The update rule and its hyperparameters (CS231n notes, "Neural Networks 3", §"Parameter
  // updates"), each shown only for the rules that use it.
  { name: 'update_rule', optional: true,
    label: 'Update rule', valueNames: UPDATE_RULE_NAMES },
  { name: 'momentum', optional: true,
    when: usesRule('sgd_momentum', 'nesterov'), label: 'Momentum (mu)' },
  { name: 'decay_rate', optional: true,
    when: usesRule('rmsprop'), label: 'Decay rate' },
  { name: 'beta1', optional: true,
    when: usesRule('adam'), label: 'beta1' },
  { name: 'beta2', optional: true,
    when: usesRule('adam'), label: 'beta2' },
  { name: 'epsilon', optional: true,
    when: usesRule('adagrad', 'rmsprop', 'adam'), label: 'epsilon' },
  { name: 'bias_correction', optional: true,
    when: usesRule('adam'), label: 'Adam bias correction' },
  { name: 'batch_size',
    label: 'Batch size' },
  { name: 'num_iters',
    label: 'Iterations (num_iters)' },
  // How often train / val accuracy is measured (the core's default; the CSV export's rows).
  { name: 'eval_every', optional: true,
    label: 'Accuracy every … iterations (eval_every)' },
  { name: 'seed',
    label: 'Seed' },
  // CIFAR-10: 9000 + 1000 fills exactly one 10 000-image PNG batch.
  { name: 'num_train',
    label: 'Training images (num_train)' },
  { name: 'num_val',
    label: 'Validation images (num_val)' },
  { name: 'num_test',
    label: 'Test images (num_test)' },
  { name: 'bias_trick',
    label: 'Bias trick (append a constant 1)' },
  // Preprocessing (CS231n "Data preprocessing"): off feeds raw pixels 0..255 (lower the rate).
  { name: 'subtract_mean', optional: true, when: (s) => (s.features ?? 'pixels') === 'pixels', // features: standardised instead
    label: 'Subtract the mean image' },
  // What the classifier sees (issue 12): HOG / hue histogram standardised on the training split
  // instead of pixels; a blank learning_rate / reg then means the features' defaults (state.js).
  { name: 'features', optional: true,
    label: 'Features', valueNames: { pixels: 'pixels', hog: 'HOG', color_hist: 'colour histogram',
      'hog+color_hist': 'HOG + colour histogram' } },
  { name: 'autoplay', optional: true, rust: false,
    label: 'Start training when the page opens' },
  // Pacing for a room to watch (issue 12): the worker runs at most this many iterations per
  // second; the numbers are the same at any speed.
  { name: 'speed', optional: true, rust: false,
    label: 'Speed (iterations per second, 0: full)' },
  { name: 'views', optional: true, rust: false, asText: true, // a string kept in table order
    when: () => false, label: 'Open views' }, // opened and closed by the panels themselves
];

/** The train mode's table merged with the core's: every key with its type, bounds and default. */
export const LINEAR = createSettings({ mode: 'train', table: TABLE });
/** The merged settings table (page fields + the core's type, bounds, default). */
export const PROPS = LINEAR.props;

/** The property called `name`, or undefined. */
export const prop = LINEAR.prop;
