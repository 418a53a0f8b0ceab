// The playground's settings: one table of properties drives parsing, validation, serialisation
// to the URL hash and the controls (the idea of TensorFlow Playground's state.ts).
//
// The URL hash is `#key=value&key=value` with the Rust `TrainConfig` names as keys, so one grep finds
// every end. Parsing never throws: every problem becomes a message naming the key, and that key keeps
// its previous (valid) value.

import { formatF32, parseF32 } from '../../f32.js';
import { GLOBAL_KEYS, checkGlobalKey, modeOf } from '../../modes.js';

/** Training images available per dataset (train split before the validation carve-out). */
export const TRAIN_RECORDS = { mnist: 60000, cifar10: 50000 };
/** Test images available per dataset. */
export const TEST_RECORDS = { mnist: 10000, cifar10: 10000 };

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

/** Longer hashes are refused whole: no legitimate settings link comes near this. */
export const MAX_HASH_LENGTH = 2000;
/** How much of a rejected key or value is quoted back in a message. */
const QUOTE_LENGTH = 40;

/** The default of property `p` for `dataset` (f32 values already rounded to f32). */
export function defaultOf(p, dataset) {
  const v = typeof p.default === 'object' ? p.default[dataset] : p.default;
  return p.type === 'f32' ? Math.fround(v) : v;
}

/** The default settings for `dataset`, a fresh object. */
export function defaults(dataset = 'mnist') {
  return Object.fromEntries(PROPS.map((p) => [p.name, p.name === 'dataset' ? dataset : defaultOf(p, dataset)]));
}

/**
 * `state` moved to `dataset`: settings still at the old dataset's default take the new dataset's
 * default (a learning rate tuned for MNIST diverges on CIFAR-10); settings the user chose stay.
 */
export function switchDataset(state, dataset) {
  const next = { ...state, dataset };
  for (const p of PROPS) {
    if (typeof p.default === 'object' && state[p.name] === defaultOf(p, state.dataset)) {
      next[p.name] = defaultOf(p, dataset);
    }
  }
  return next;
}

/** The property called `name`, or undefined. */
export function prop(name) {
  return BY_NAME.get(name);
}

/** Shorten and quote user text for a message (it is shown with textContent, never as HTML). */
export function quote(text) {
  const s = String(text);
  return JSON.stringify(s.length > QUOTE_LENGTH ? s.slice(0, QUOTE_LENGTH) + '…' : s);
}

/**
 * Parse one value from text.
 * @returns {{value: any} | {error: string}} error names the key and the problem.
 */
export function parseValue(p, text) {
  const bad = (why) => ({ error: `${p.name}: ${quote(text)} ${why}` });
  switch (p.type) {
    case 'enum':
      return p.values.includes(text) ? { value: text } : bad(`is not one of ${p.values.join(', ')}`);
    case 'bool':
      if (text === '1' || text === 'true') return { value: true };
      if (text === '0' || text === 'false') return { value: false };
      return bad('is not 0 or 1');
    case 'u32': {
      if (!/^\d{1,10}$/.test(text)) return bad(`is not a whole number in ${p.min}..${p.max}`);
      const v = Number(text);
      return v >= p.min && v <= p.max ? { value: v } : bad(`is outside ${p.min}..${p.max}`);
    }
    case 'f32': {
      const v = parseF32(text);
      if (Number.isNaN(v)) return bad('is not a number');
      if (!Number.isFinite(v)) return bad('is too large for an f32');
      if (v < Math.fround(p.min) || v > Math.fround(p.max)) { // bounds as f32, like the value
        return bad(`is outside ${formatF32(p.min)}..${formatF32(p.max)}`);
      }
      return { value: v };
    }
    case 'list': { // a comma-separated subset of `values`, kept in table order
      const unknown = text.split(',').find((v) => v !== '' && !p.values.includes(v));
      if (unknown !== undefined) return bad(`names ${quote(unknown)}, not one of ${p.values.join(', ')}`);
      return { value: p.values.filter((v) => text.split(',').includes(v)).join(',') };
    }
    default:
      throw new Error(`unknown property type ${p.type}`);
  }
}

/** Text of one value, the inverse of parseValue. */
export function formatValue(p, value) {
  switch (p.type) {
    case 'enum': return value;
    case 'bool': return value ? '1' : '0';
    case 'u32': return String(value);
    case 'f32': return formatF32(value);
    case 'list': return value;
    default: throw new Error(`unknown property type ${p.type}`);
  }
}

/**
 * Checks that involve more than one key. Returns messages; offending keys are reset in `state`
 * to the values in `fallback`, then to the defaults if those fail too. With `link` (a parsed URL)
 * and `dataset=files`, the sizes wait for the files: a batch larger than num_train is fitted
 * silently, as the import does (import/fit.js), so a link opened before its files are picked
 * shows the "pick them again" message, not a complaint about a key the link did not set.
 */
function checkTogether(state, fallback, link = false) {
  const errors = [];
  const limit = TRAIN_RECORDS[state.dataset]; // undefined for the user's files: the core checks
  if (limit !== undefined && state.num_train + state.num_val > limit) {
    errors.push(`num_train + num_val = ${state.num_train + state.num_val} is more than the ` +
      `${limit} training images of ${state.dataset}`);
    const fix = fallback.num_train + fallback.num_val <= limit ? fallback : defaults(state.dataset);
    state.num_train = fix.num_train;
    state.num_val = fix.num_val;
  }
  if (state.batch_size > state.num_train && link && state.dataset === 'files') {
    state.batch_size = state.num_train;
  } else if (state.batch_size > state.num_train) {
    errors.push(`batch_size ${state.batch_size} is more than num_train ${state.num_train}`);
    state.batch_size = Math.min(fallback.batch_size, state.num_train);
  }
  return errors;
}

/**
 * Parse a location hash (`#a=1&b=2`, the '#' optional) on top of `previous` settings.
 * Unknown keys, malformed values and out-of-range numbers are reported and ignored.
 * @returns {{state: object, errors: string[]}}
 */
export function parseHash(hash, previous = defaults()) {
  const errors = [];
  const text = String(hash ?? '').replace(/^#/, '');
  if (text.length > MAX_HASH_LENGTH) {
    return { state: { ...previous }, errors: [`URL settings are ${text.length} characters long ` +
      `(most is ${MAX_HASH_LENGTH}); ignored`] };
  }
  let params;
  try {
    params = new URLSearchParams(text);
  } catch (e) {
    return { state: { ...previous }, errors: [`URL settings could not be read: ${e.message}`] };
  }
  // The dataset first: keys the hash leaves out take that dataset's defaults.
  const dataset = params.has('dataset') ? parseValue(BY_NAME.get('dataset'), params.get('dataset')) : {};
  const state = 'value' in dataset ? switchDataset(previous, dataset.value) : { ...previous };
  for (const [key, raw] of params) {
    if (key === 'mode') { // the router's key (modes.js); this table is the `train` mode's
      if (raw !== 'train') errors.push(modeOf(`mode=${encodeURIComponent(raw)}`).error);
      continue;
    }
    if (GLOBAL_KEYS.includes(key)) { // lesson links (hide, presenter, embed): the router applies them
      errors.push(...checkGlobalKey('train', key, raw, PROPS.map((q) => q.name)));
      continue;
    }
    const p = BY_NAME.get(key);
    if (!p) {
      errors.push(`unknown key ${quote(key)}`);
      continue;
    }
    const r = parseValue(p, raw);
    if ('error' in r) errors.push(r.error);
    else state[key] = r.value;
  }
  errors.push(...checkTogether(state, previous, true));
  return { state, errors };
}

/** The URL hash for `state` ('#' + every key in table order; autoplay and optional keys only when
 * not at their default). */
export function serialiseHash(state) {
  const params = new URLSearchParams();
  for (const p of PROPS) {
    if (p.name === 'autoplay' && !state.autoplay) continue;
    if (p.optional && state[p.name] === defaultOf(p, state.dataset)) continue;
    params.set(p.name, formatValue(p, state[p.name]));
  }
  return '#' + params.toString().replaceAll('%2C', ','); // list values keep plain commas, like knn/views
}

/** Apply a user's edit of one control: the new state, or an error naming the key. */
export function applyEdit(state, name, text) {
  const p = BY_NAME.get(name);
  if (!p) return { state, errors: [`unknown key ${quote(name)}`] };
  const r = parseValue(p, text);
  if ('error' in r) return { state, errors: [r.error] };
  const next = name === 'dataset' ? switchDataset(state, r.value) : { ...state, [name]: r.value };
  const errors = checkTogether(next, state);
  return { state: next, errors };
}

/** The part of the settings the Rust `TrainConfig` and the worker need. */
export function trainConfig(state) {
  return Object.fromEntries(PROPS.filter((p) => p.rust !== false).map((p) => [p.name, state[p.name]]));
}
