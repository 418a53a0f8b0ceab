// The playground's settings: one table of properties drives parsing, validation, serialisation
// to the URL hash and the controls (the idea of TensorFlow Playground's state.ts).
//
// The URL hash is `#key=value&key=value` with the Rust `TrainConfig` names as keys, so one grep finds
// every end. Parsing never throws: every problem becomes a message naming the key, and that key keeps
// its previous (valid) value.

import { MAX_HASH_LENGTH, TEST_RECORDS, TRAIN_RECORDS, formatValue, parseValue, quote } from '../../settings/values.js';
import { PROPS, UPDATE_RULES, UPDATE_RULE_NAMES, VIEWS, prop, visible } from '../../settings/linear.js';

export { MAX_HASH_LENGTH, PROPS, TEST_RECORDS, TRAIN_RECORDS, UPDATE_RULES, UPDATE_RULE_NAMES, VIEWS, formatValue,
  parseValue, prop, quote, visible };

const BY_NAME = new Map(PROPS.map((p) => [p.name, p]));
import { GLOBAL_KEYS, checkGlobalKey, modeOf } from '../../modes.js';


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
