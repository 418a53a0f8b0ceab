// The few-shot mode's settings: one table of properties drives parsing, validation, serialisation
// to the URL hash and the controls, as the k-NN table does (../knn/state.js). Keys are the core's
// names (`FewShotConfig` in src/fewshot.rs, `FewShotRun`'s arguments), so one grep finds every end.
//
// Parsing never throws: every problem becomes a message naming the key, and that key keeps its
// previous (valid) value.

import { MAX_HASH_LENGTH, formatValue, parseValue, quote } from '../../settings/values.js';
import { GLOBAL_KEYS as LESSON_KEYS, checkGlobalKey } from '../../modes.js';

/** Classes per dataset: n_way can be at most this. */
export const NUM_CLASSES = { mnist: 10, cifar10: 10 };
/** Largest n_way any dataset could allow (checked against the dataset's classes afterwards). */
export const MAX_N_WAY = 100;
/** The K values of the K-sweep (accuracy against K for the current N). */
export const SWEEP_K = [1, 2, 5, 10];

/**
 * The settings table (types as in ../knn/state.js). `page: true` marks keys that only steer the
 * page, not the episodes.
 */
export const PROPS = [
  // `files`: the user's own files (www/import/), imported in this page (their classes are only
  // known then: the core's error names n_way when it asks for more).
  { name: 'dataset', type: 'enum', values: ['mnist', 'cifar10', 'files'], default: 'mnist',
    label: 'Dataset', valueNames: { mnist: 'MNIST', cifar10: 'CIFAR-10', files: 'Your files' } },
  // The test split: 10 000 images of either dataset, the quickest to load.
  { name: 'split', type: 'enum', values: ['test', 'train'], default: 'test',
    label: 'Episodes drawn from the split', valueNames: { test: 'test', train: 'train' } },
  { name: 'n_way', type: 'u32', default: 5, min: 2, max: MAX_N_WAY, label: 'Classes per episode (N-way)' },
  { name: 'k_shot', type: 'u32', default: 1, min: 1, max: 50, label: 'Examples per class (K-shot)' },
  { name: 'num_queries', type: 'u32', default: 5, min: 1, max: 100, label: 'Queries per class' },
  { name: 'num_episodes', type: 'u32', default: 200, min: 1, max: 10000, label: 'Episodes' },
  { name: 'metric', type: 'enum', values: ['l2', 'l1'], default: 'l2',
    label: 'Distance: L2 (Euclidean) or L1 (Manhattan)', valueNames: { l1: 'L1', l2: 'L2' } },
  { name: 'seed', type: 'u32', default: 1, min: 0, max: 4294967295, label: 'Seed' },
  { name: 'autoplay', type: 'bool', default: false, page: true, label: 'Run when the page opens' },
];

/** Keys every mode accepts and leaves to the page (modes.js `mode`; lesson links' `hide`, `presenter`, `embed`). */
export const GLOBAL_KEYS = ['mode', ...LESSON_KEYS];

const BY_NAME = new Map(PROPS.map((p) => [p.name, p]));

/** The default settings, a fresh object. */
export function defaults() {
  return Object.fromEntries(PROPS.map((p) => [p.name, p.default]));
}

/** Checks across keys: n_way against the dataset's classes (falls back to `fallback`'s value). */
function checkTogether(state, fallback) {
  const classes = NUM_CLASSES[state.dataset];
  if (classes === undefined || state.n_way <= classes) return [];
  const error = `n_way: ${state.n_way} is more than the ${classes} classes of ${state.dataset} (2..${classes})`;
  state.n_way = Math.min(fallback.n_way, classes);
  return [error];
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
    if (LESSON_KEYS.includes(key)) { // lesson links: the router applies them, bad values are reported here
      errors.push(...checkGlobalKey('fewshot', key, raw, PROPS.map((p) => p.name)));
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
  errors.push(...checkTogether(state, previous));
  return { state, errors };
}

/** The URL hash for `state`: `#mode=fewshot` then every key in table order (autoplay only when on). */
export function serialiseHash(state) {
  const params = new URLSearchParams({ mode: 'fewshot' });
  for (const p of PROPS) {
    if (p.name === 'autoplay' && !state.autoplay) continue;
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
  const next = { ...state, [name]: r.value };
  return { state: next, errors: checkTogether(next, state) };
}

/** What the worker must load for `state`: a change means fetching data again. */
export function dataKey(state) {
  return `${state.dataset}:${state.split}`;
}

/** The episode settings in the core's terms (FewShotRun's arguments). */
export function episodeConfig(state) {
  const { split, n_way, k_shot, num_queries, num_episodes, metric, seed } = state;
  return { split, n_way, k_shot, num_queries, num_episodes, metric, seed };
}

/**
 * The settings after an import of the user's files ({num_train_records, num_test_records} of the
 * summary): `dataset=files`, and the training split when the files have no test split (a folder
 * of class folders: every image can be a support image or a query).
 */
export function fitToFiles(state, summary) {
  const next = { ...state, dataset: 'files' };
  if (summary.num_test_records === 0) next.split = 'train';
  return next;
}

/** A change here means the episodes (and so every result) change. */
export function runKey(state) {
  return JSON.stringify({ d: state.dataset, ...episodeConfig(state) });
}
