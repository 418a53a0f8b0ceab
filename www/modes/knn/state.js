// The k-NN mode's settings: one table of properties drives parsing, validation, serialisation to
// the URL hash and the controls, as the linear-classifier table does (www/state.js, whose
// parseValue / formatValue / quote this reuses). Keys are the core's names (`knn_setup`,
// `knn_predict` arguments), so one grep finds every end.
//
// Parsing never throws: every problem becomes a message naming the key, and that key keeps its
// previous (valid) value.

import { TEST_RECORDS, TRAIN_RECORDS } from '../../settings/values.js';
import { DATA_SETTINGS } from '../../settings/data.js';
import { createSettings, formatAny } from '../../settings/engine.js';

/**
 * The page table (types, bounds and defaults are the core's, src/settings.rs `KNN`: k_choices is
 * a `u32_list`, the CS231n list of k to cross-validate over). `page: true` marks keys that only
 * steer the page (not in what the workers must load), `hidden: true` keys without a control in the
 * settings form, `optional: true` keys left out of the link at their default.
 */
const TABLE = [
  // `files`: the user's own files (www/import/), imported in this page; their sizes are checked
  // by the core (fitToFiles shrinks num_train / num_test to them after an import).
  ...DATA_SETTINGS,
  { name: 'metric', label: 'Distance: L2 (Euclidean) or L1 (Manhattan)', valueNames: { l1: 'L1', l2: 'L2' } },
  // k = 3: a real vote (k = 1 is the plain nearest neighbour), odd so two classes cannot tie.
  { name: 'k', label: 'Neighbours (k)' },
  // 5000 / 500 is the subset of CS231n's assignment: predicts in a few seconds.
  { name: 'num_train', label: 'Training images (num_train)' },
  { name: 'num_test', label: 'Test images (num_test)' },
  { name: 'subset', label: 'Subset: the first N in file order, or a stratified sample',
    valueNames: { first: 'first N', stratified: 'stratified' } },
  // Features (issue 12): pixels (the default) or HOG / hue histogram, standardised on the
  // training subset; the k-NN worker then votes on f32 feature distances (src/features/knn.rs).
  { name: 'features', label: 'Features', optional: true,
    valueNames: { pixels: 'pixels', hog: 'HOG', color_hist: 'colour histogram', 'hog+color_hist': 'HOG + colour histogram' } },
  { name: 'seed', label: 'Seed' },
  { name: 'k_choices', page: true, hidden: true, label: 'k to try' },
  { name: 'toy_classes', page: true, hidden: true, label: 'Classes' },
  { name: 'workers', page: true, optional: true, label: 'Workers (0 = one per core)' },
  { name: 'autoplay', page: true, optional: true, label: 'Predict when the page opens' },
];

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
 * The engine (www/settings/engine.js): `#mode=knn` then every key in table order (autoplay only
 * when on, workers only when ≠ 0, label_mode only when coarse); the `mode` key is the router's;
 * `hide=` names only keys with a control.
 */
const SETTINGS = createSettings({ mode: 'knn', table: TABLE, modeKey: 'ignore', hideable: (p) => !p.hidden,
  together: checkTogether });

/** The merged table: page fields and the core's type, bounds, default. */
export const PROPS = SETTINGS.props;
/** The CS231n list of k to cross-validate over (the core's default of k_choices). */
export const DEFAULT_K_CHOICES = SETTINGS.prop('k_choices').default;
/** Most k values in the cross-validation list. */
export const MAX_K_CHOICES = SETTINGS.prop('k_choices').max_len;
/** Largest k anywhere (the vote over more neighbours than this teaches nothing new). */
export const MAX_K = SETTINGS.prop('k').max;
/** Most workers in the pool (each holds its own copy of the data): the core's bound of `workers`. */
export const MAX_WORKERS = SETTINGS.prop('workers').max;
/** The default settings, a fresh object. */
export const defaults = () => SETTINGS.defaults();
/** The property called `name`, or undefined. */
export const prop = SETTINGS.prop;
/** Parse a location hash on top of `previous`: {state, errors}. */
export const parseHash = SETTINGS.parseHash;
/** The URL hash for `state`. */
export const serialiseHash = (state) => SETTINGS.serialiseHash(state);
/** Apply a user's edit of one control: the new state, or an error naming the key. */
export const applyEdit = SETTINGS.applyEdit;
/** Text of one value (the controls'). */
export const formatKnnValue = formatAny;

/** What the workers must load and memorise for `state`: changes here mean a new Train. */
export function setupKey(state) {
  const key = [state.dataset, state.label_mode, state.num_train, state.num_test, state.subset, state.seed];
  if (state.features && state.features !== 'pixels') key.push(state.features); // pixels: the key of before
  return key.join(':');
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
