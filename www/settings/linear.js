// The linear classifier's settings (the core's `TrainConfig` keys, CS231n's names): the table the
// train mode is built on, and whose entries the lab borrows. Types, bounds and defaults follow the
// core's settings table (src/settings.rs → www/settings/schema.json; a test compares them).

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
/** The largest f32 below 1 (momentum and the decay rates live in [0, 1)). */
const BELOW_ONE = Math.fround(1 - 2 ** -24);
const isSvm = (s) => s.loss === 'svm';
const usesRule = (...rules) => (s) => rules.includes(s.update_rule);

/** Whether property `p`'s control is shown for `state` (hyperparameters of other rules are not). */
export function visible(p, state) {
  return !p.when || p.when(state);
}

/**
 * The settings table. `type`: 'enum' (one of `values`, shown as `valueNames`), 'f32' (a float the core keeps as f32),
 * 'u32' (a whole number), 'bool' (0/1). `min`/`max` are inclusive. `default` is either a value or,
 * where the best value depends on the dataset, `{mnist, cifar10}` (docs/DEFAULTS.md: tuned natively,
 * seed 1). `rust: false` marks keys that only steer the page. `optional: true` keys are written to
 * the URL only when they differ from the default (links made before them stay the same), and `when(state)`
 * tells whether their control is shown.
 */
export const PROPS = [
  { name: 'dataset', type: 'enum', values: ['mnist', 'cifar10', 'files'], default: 'mnist',
    label: 'Dataset', valueNames: { mnist: 'MNIST', cifar10: 'CIFAR-10', files: 'Your files' } },
  // The user's files (www/import/): CIFAR-100 trains on its 100 fine or 20 coarse labels. Shown
  // only once CIFAR-100 files are loaded (`files_format`: the page's note of the import's format,
  // not a URL key).
  { name: 'label_mode', type: 'enum', values: ['fine', 'coarse'], default: 'fine', optional: true,
    when: (s) => s.dataset === 'files' && s.files_format === 'cifar100', label: 'CIFAR-100 labels (label_mode)',
    valueNames: { fine: 'fine (100 classes)', coarse: 'coarse (20 superclasses)' } },
  { name: 'subset', type: 'enum', values: ['first', 'stratified'], default: 'first', optional: true,
    label: 'Subsets (subset)', valueNames: { first: 'first records, random val', stratified: 'stratified per class' } },
  { name: 'loss', type: 'enum', values: ['softmax', 'svm'], default: 'softmax',
    label: 'Loss', valueNames: { softmax: 'softmax', svm: 'SVM' } },
  // The SVM's variants (CS231n notes, "Linear classification"): shown only for the SVM.
  { name: 'delta', type: 'f32', default: 1, min: 0, max: 1e6, optional: true, when: isSvm,
    label: 'SVM margin (delta)' },
  { name: 'squared_hinge', type: 'bool', default: false, optional: true, when: isSvm,
    label: 'Squared hinge max(0, ·)²' },
  { name: 'include_correct', type: 'bool', default: false, optional: true, when: isSvm,
    label: 'Sum over all classes, the correct one too' },
  { name: 'mean_over_classes', type: 'bool', default: false, optional: true, when: isSvm,
    label: 'Mean over classes instead of sum' },
  // Features are raw 0..255 pixels minus the mean image (CS231n's convention), hence tiny rates.
  { name: 'learning_rate', type: 'f32', default: { mnist: 1e-5, cifar10: 3e-7, files: 1e-6 }, min: 1e-12, max: 1e12,
    label: 'Learning rate' },
  { name: 'reg', type: 'f32', default: { mnist: 10, cifar10: 10000, files: 1000 }, min: 0, max: 1e12,
    label: 'Regularisation (reg)' },
  { name: 'regularization', type: 'enum', values: ['l2', 'l1', 'none'], default: 'l2', optional: true,
    label: 'Penalty (regularization)', valueNames: { l2: 'L2: reg·Σw²', l1: 'L1: reg·Σ|w|', none: 'none' } },
  // The update rule and its hyperparameters (CS231n notes, "Neural Networks 3", §"Parameter
  // updates"), each shown only for the rules that use it.
  { name: 'update_rule', type: 'enum', values: UPDATE_RULES, default: 'sgd', optional: true,
    label: 'Update rule', valueNames: UPDATE_RULE_NAMES },
  { name: 'momentum', type: 'f32', default: 0.9, min: 0, max: BELOW_ONE, optional: true,
    when: usesRule('sgd_momentum', 'nesterov'), label: 'Momentum (mu)' },
  { name: 'decay_rate', type: 'f32', default: 0.99, min: 0, max: BELOW_ONE, optional: true,
    when: usesRule('rmsprop'), label: 'Decay rate' },
  { name: 'beta1', type: 'f32', default: 0.9, min: 0, max: BELOW_ONE, optional: true,
    when: usesRule('adam'), label: 'beta1' },
  { name: 'beta2', type: 'f32', default: 0.999, min: 0, max: BELOW_ONE, optional: true,
    when: usesRule('adam'), label: 'beta2' },
  { name: 'epsilon', type: 'f32', default: 1e-8, min: 1e-12, max: 1, optional: true,
    when: usesRule('adagrad', 'rmsprop', 'adam'), label: 'epsilon' },
  { name: 'bias_correction', type: 'bool', default: true, optional: true,
    when: usesRule('adam'), label: 'Adam bias correction' },
  { name: 'batch_size', type: 'u32', default: 200, min: 1, max: 10000,
    label: 'Batch size' },
  { name: 'num_iters', type: 'u32', default: 1500, min: 1, max: 100000,
    label: 'Iterations (num_iters)' },
  // How often train / val accuracy is measured (the core's default; the CSV export's rows).
  { name: 'eval_every', type: 'u32', default: 50, min: 1, max: 100000, optional: true,
    label: 'Accuracy every … iterations (eval_every)' },
  { name: 'seed', type: 'u32', default: 1, min: 0, max: 4294967295,
    label: 'Seed' },
  // CIFAR-10: 9000 + 1000 fills exactly one 10 000-image PNG batch.
  { name: 'num_train', type: 'u32', default: { mnist: 10000, cifar10: 9000, files: 10000 }, min: 1, max: 59999,
    label: 'Training images (num_train)' },
  { name: 'num_val', type: 'u32', default: 1000, min: 1, max: 10000,
    label: 'Validation images (num_val)' },
  { name: 'num_test', type: 'u32', default: 10000, min: 1, max: 10000,
    label: 'Test images (num_test)' },
  { name: 'bias_trick', type: 'bool', default: true,
    label: 'Bias trick (append a constant 1)' },
  // Preprocessing (CS231n "Data preprocessing"): off feeds raw pixels 0..255 (lower the rate).
  { name: 'subtract_mean', type: 'bool', default: true, optional: true,
    label: 'Subtract the mean image' },
  { name: 'autoplay', type: 'bool', default: false, rust: false,
    label: 'Start training when the page opens' },
  { name: 'views', type: 'list', values: VIEWS, default: VIEWS.join(','), optional: true, rust: false,
    when: () => false, label: 'Open views' }, // opened and closed by the panels themselves
];

const BY_NAME = new Map(PROPS.map((p) => [p.name, p]));

/** The property called `name`, or undefined. */
export function prop(name) {
  return BY_NAME.get(name);
}
