// The k-NN mode's settings: one table of properties drives parsing, validation, serialisation to
// the URL hash and the controls, as the linear-classifier table does (www/state.js, whose
// parseValue / formatValue / quote this reuses). Keys are the core's names (`knn_setup`,
// `knn_predict` arguments), so one grep finds every end.
//
// Parsing never throws: every problem becomes a message naming the key, and that key keeps its
// previous (valid) value.

import { MAX_HASH_LENGTH, TEST_RECORDS, TRAIN_RECORDS, formatValue, parseValue, quote } from '../../settings/values.js';
import { GLOBAL_KEYS, checkGlobalKey } from '../../modes.js';

/** The CS231n list of k to cross-validate over. */
export const DEFAULT_K_CHOICES = [1, 3, 5, 8, 10, 12, 15, 20, 50, 100];
/** Most k values in the cross-validation list. */
export const MAX_K_CHOICES = 20;
/** Largest k anywhere (the vote over more neighbours than this teaches nothing new). */
export const MAX_K = 1000;
/** Most workers in the pool (each holds its own copy of the data). */
export const MAX_WORKERS = 8;

/**
 * The settings table. `type`: 'enum' (one of `values`, shown as `valueNames`), 'u32' (a whole
 * number in min..max), 'bool' (0/1), 'u32list' (comma-separated whole numbers in min..max, no
 * duplicates, at most MAX_K_CHOICES). `page: true` marks keys that only steer the page (not in
 * what the workers must load), `hidden: true` keys without a control in the settings form.
 */
export const PROPS = [
  // `files`: the user's own files (www/import/), imported in this page; their sizes are checked
  // by the core (fitToFiles shrinks num_train / num_test to them after an import).
  { name: 'dataset', type: 'enum', values: ['mnist', 'cifar10', 'files'], default: 'mnist',
    label: 'Dataset', valueNames: { mnist: 'MNIST', cifar10: 'CIFAR-10', files: 'Your files' } },
  { name: 'metric', type: 'enum', values: ['l2', 'l1'], default: 'l2',
    label: 'Distance: L2 (Euclidean) or L1 (Manhattan)', valueNames: { l1: 'L1', l2: 'L2' } },
  // k = 3: a real vote (k = 1 is the plain nearest neighbour), odd so two classes cannot tie.
  { name: 'k', type: 'u32', default: 3, min: 1, max: MAX_K, label: 'Neighbours (k)' },
  // 5000 / 500 is the subset of CS231n's assignment: predicts in a few seconds.
  { name: 'num_train', type: 'u32', default: 5000, min: 1, max: 60000,
    label: 'Training images (num_train)' },
  { name: 'num_test', type: 'u32', default: 500, min: 1, max: 10000, label: 'Test images (num_test)' },
  { name: 'subset', type: 'enum', values: ['first', 'stratified'], default: 'first',
    label: 'Subset: the first N in file order, or a stratified sample',
    valueNames: { first: 'first N', stratified: 'stratified' } },
  { name: 'seed', type: 'u32', default: 1, min: 0, max: 4294967295, label: 'Seed' },
  { name: 'k_choices', type: 'u32list', default: DEFAULT_K_CHOICES, min: 1, max: MAX_K, page: true,
    hidden: true, label: 'k to try' },
  { name: 'toy_classes', type: 'u32', default: 3, min: 2, max: 5, page: true, hidden: true,
    label: 'Classes' },
  { name: 'workers', type: 'u32', default: 0, min: 0, max: MAX_WORKERS, page: true,
    label: 'Workers (0 = one per core)' },
  { name: 'autoplay', type: 'bool', default: false, page: true,
    label: 'Predict when the page opens' },
];

const BY_NAME = new Map(PROPS.map((p) => [p.name, p]));

/** The default settings, a fresh object. */
export function defaults() {
  return Object.fromEntries(PROPS.map((p) => [p.name, Array.isArray(p.default) ? [...p.default] : p.default]));
}

/** The property called `name`, or undefined. */
export function prop(name) {
  return BY_NAME.get(name);
}

/** Parse one value from text: `{value}` or `{error}` naming the key. */
export function parseKnnValue(p, text) {
  if (p.type !== 'u32list') return parseValue(p, text);
  const bad = (why) => ({ error: `${p.name}: ${quote(text)} ${why}` });
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length > MAX_K_CHOICES) return bad(`has more than ${MAX_K_CHOICES} values`);
  const values = [];
  for (const part of parts) {
    if (!/^\d{1,10}$/.test(part)) return bad(`is not a list of whole numbers in ${p.min}..${p.max}`);
    const v = Number(part);
    if (v < p.min || v > p.max) return bad(`has ${v}, outside ${p.min}..${p.max}`);
    if (values.includes(v)) return bad(`has ${v} twice`);
    values.push(v);
  }
  return { value: values.sort((a, b) => a - b) };
}

/** Text of one value, the inverse of parseKnnValue. */
export function formatKnnValue(p, value) {
  return p.type === 'u32list' ? value.join(',') : formatValue(p, value);
}

/**
 * Checks across keys (the subset must fit in the dataset). Offending keys fall back to
 * `fallback`'s values, then to what the dataset holds.
 */
function checkTogether(state, fallback) {
  const errors = [];
  for (const [key, records] of [['num_train', TRAIN_RECORDS], ['num_test', TEST_RECORDS]]) {
    const limit = records[state.dataset];
    if (state[key] > limit) {
      errors.push(`${key} ${state[key]} is more than the ${limit} images of ${state.dataset}`);
      state[key] = Math.min(fallback[key], limit);
    }
  }
  return errors;
}

/**
 * Parse a location hash (`#a=1&b=2`, the '#' optional) on top of `previous` settings. Unknown keys,
 * malformed values and out-of-range numbers are reported and ignored.
 * @returns {{state: object, errors: string[]}}
 */
export function parseHash(hash, previous = defaults()) {
  const text = String(hash ?? '').replace(/^#/, '');
  const state = { ...previous };
  if (text.length > MAX_HASH_LENGTH) {
    return { state, errors: [`URL settings are ${text.length} characters long (most is ${MAX_HASH_LENGTH}); ignored`] };
  }
  let params;
  try {
    params = new URLSearchParams(text);
  } catch (e) {
    return { state, errors: [`URL settings could not be read: ${e.message}`] };
  }
  const errors = [];
  for (const [key, raw] of params) {
    if (key === 'mode') continue; // the router's key (modes.js): it brought us here
    if (GLOBAL_KEYS.includes(key)) { // lesson links: the router applies them
      errors.push(...checkGlobalKey('knn', key, raw, PROPS.filter((p) => !p.hidden).map((p) => p.name)));
      continue;
    }
    const p = BY_NAME.get(key);
    if (!p) {
      errors.push(`unknown key ${quote(key)}`);
      continue;
    }
    const r = parseKnnValue(p, raw);
    if ('error' in r) errors.push(r.error);
    else state[key] = r.value;
  }
  errors.push(...checkTogether(state, previous));
  return { state, errors };
}

/** The URL hash for `state`: `#mode=knn` then every key in table order (autoplay only when on). */
export function serialiseHash(state) {
  const params = new URLSearchParams({ mode: 'knn' });
  for (const p of PROPS) {
    if (p.name === 'autoplay' && !state.autoplay) continue;
    if (p.name === 'workers' && !state.workers) continue;
    params.set(p.name, formatKnnValue(p, state[p.name]));
  }
  return '#' + params.toString().replaceAll('%2C', ',');
}

/** Apply a user's edit of one control: the new state, or an error naming the key. */
export function applyEdit(state, name, text) {
  const p = BY_NAME.get(name);
  if (!p) return { state, errors: [`unknown key ${quote(name)}`] };
  const r = parseKnnValue(p, text);
  if ('error' in r) return { state, errors: [r.error] };
  const next = { ...state, [name]: r.value };
  return { state: next, errors: checkTogether(next, state) };
}

/** What the workers must load and memorise for `state`: changes here mean a new Train. */
export function setupKey(state) {
  return [state.dataset, state.num_train, state.num_test, state.subset, state.seed].join(':');
}

/**
 * Records to load for the subset: the first N need only the first N records; a stratified sample
 * is drawn from the whole split.
 */
export function loadLimits(state) {
  if (state.dataset === 'files') return null; // imported in this page: everything
  return state.subset === 'first'
    ? { train: state.num_train, test: state.num_test }
    : { train: TRAIN_RECORDS[state.dataset], test: TEST_RECORDS[state.dataset] };
}

/**
 * The settings after an import of the user's files ({num_train_records, num_test_records} of the
 * summary): `dataset=files`, and num_train / num_test shrunk to what the files hold (sizes that
 * fit stay, so a shared link replays on the same files).
 */
export function fitToFiles(state, summary) {
  return {
    ...state,
    dataset: 'files',
    num_train: Math.max(1, Math.min(state.num_train, summary.num_train_records)),
    num_test: Math.max(1, Math.min(state.num_test, summary.num_test_records)),
  };
}
