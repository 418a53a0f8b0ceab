// The few-shot mode's settings: one table of properties drives parsing, validation, serialisation
// to the URL hash and the controls, as the k-NN table does (../knn/state.js). Keys are the core's
// names (`FewShotConfig` in src/fewshot.rs, `FewShotRun`'s arguments), so one grep finds every end.
//
// Parsing never throws: every problem becomes a message naming the key, and that key keeps its
// previous (valid) value.

import { GLOBAL_KEYS as LESSON_KEYS } from '../../modes.js';
import { DATASET, LABEL_MODE } from '../../settings/data.js';
import { createSettings } from '../../settings/engine.js';

/** Classes per dataset: n_way can be at most this (CIFAR-100: its fine labels; see numClasses). */
export const NUM_CLASSES = { mnist: 10, cifar10: 10, cifar100: 100 };
/** Characters of each Omniglot background set (URL `omniglot_set`), and its alphabets. */
export const OMNIGLOT_SETS = {
  small1: { classes: 136, alphabets: 'Balinese, Early Aramaic, Greek, Korean, Latin', largest: 40 },
  small2: { classes: 156, alphabets: 'Greek, Japanese (katakana), Latin, Sanskrit, Tagalog', largest: 47 },
};

/** Classes of the dataset `state` asks for, with its label_mode (CIFAR-100 coarse: 20
 * superclasses); undefined for the user's files (known once imported). */
export function numClasses(state) {
  if (state.dataset === 'omniglot') return OMNIGLOT_SETS[state.omniglot_set].classes;
  if (state.dataset === 'cifar100' && state.label_mode === 'coarse') return 20;
  return NUM_CLASSES[state.dataset];
}
/** The K values of the K-sweep (accuracy against K for the current N). */
export const SWEEP_K = [1, 2, 5, 10];

/**
 * The page table (types, bounds and defaults are the core's, src/settings.rs `FEWSHOT`). `page:
 * true` marks keys that only steer the page, not the episodes; `optional: true` keys are left out
 * of the link at their default.
 */
const TABLE = [
  // `files`: the user's own files (www/import/), imported in this page (their classes are only
  // known then: the core's error names n_way when it asks for more).
  { ...DATASET, valueNames: { ...DATASET.valueNames, omniglot: 'Omniglot (characters)' } },
  LABEL_MODE,
  // 136 / 156 characters; Greek and Latin are in both sets: one background set at a time.
  { name: 'omniglot_set', optional: true, when: (s) => s.dataset === 'omniglot', label: 'Omniglot characters',
    valueNames: { small1: 'background small 1 (136)', small2: 'background small 2 (156)' } },
  // The test split: 10 000 images of either dataset, the quickest to load. Omniglot: the set
  // chosen above in either split.
  { name: 'split', label: 'Episodes drawn from the split', valueNames: { test: 'test', train: 'train' },
    when: (s) => s.dataset !== 'omniglot' },
  { name: 'n_way', label: 'Classes per episode (N-way)' },
  { name: 'k_shot', label: 'Examples per class (K-shot)' },
  { name: 'num_queries', label: 'Queries per class' },
  { name: 'num_episodes', label: 'Episodes' },
  { name: 'metric', label: 'Distance: L2 (Euclidean) or L1 (Manhattan); MHD for the one-shot benchmark',
    valueNames: { l1: 'L1', l2: 'L2', mhd: 'MHD (benchmark only)' } },
  // Alphabets come from class names "alphabet/character" (Omniglot, an Omniglot-layout import).
  { name: 'episodes', optional: true, when: (s) => s.dataset === 'omniglot' || s.dataset === 'files',
    label: 'Classes of an episode', valueNames: { within: 'within one alphabet', across: 'across alphabets' } },
  // Features (issue 12): pixels (the default, left out of links) or HOG / hue histogram,
  // standardised on the whole split (src/fewshot.rs PoolFeatures); each episode is then labelled
  // on pixels too, so both accuracies come from the same episodes. No colour histogram on
  // grayscale data (checkTogether).
  { name: 'features', label: 'Features (the same episodes are also run on pixels)', optional: true,
    valueNames: { pixels: 'pixels', hog: 'HOG', color_hist: 'colour histogram', 'hog+color_hist': 'HOG + colour histogram' } },
  { name: 'seed', label: 'Seed' },
  { name: 'benchmark', page: true, optional: true, when: (s) => s.dataset === 'omniglot',
    label: 'When the page opens', valueNames: { none: '—', oneshot: 'run the one-shot benchmark' } },
  { name: 'autoplay', page: true, optional: true, label: 'Run when the page opens' },
];

/** Keys every mode accepts and leaves to the page (modes.js `mode`; lesson links' `hide`, `presenter`, `embed`). */
export const GLOBAL_KEYS = ['mode', ...LESSON_KEYS];

/** Built-in datasets whose images are grayscale (1 channel): no hue for a colour histogram. */
export const GRAYSCALE = { mnist: 'MNIST', omniglot: 'Omniglot' };
const usesColour = (features) => features === 'color_hist' || features === 'hog+color_hist';

/** Checks across keys: n_way against the dataset's classes (falls back to `fallback`'s value);
 * no colour histogram on a grayscale dataset (the core refuses one on grayscale files too). */
function checkTogether(state, fallback) {
  const errors = [];
  if (GRAYSCALE[state.dataset] && usesColour(state.features)) {
    errors.push(`features: ${state.features} needs colour images, and ${GRAYSCALE[state.dataset]} is grayscale ` +
      '(no hue): use hog');
    state.features = usesColour(fallback.features) ? 'pixels' : fallback.features;
  }
  const classes = numClasses(state);
  if (classes === undefined || state.n_way <= classes) return errors;
  errors.push(`n_way: ${state.n_way} is more than the ${classes} classes of ${state.dataset} (2..${classes})`);
  state.n_way = Math.min(fallback.n_way, classes);
  return errors;
}

/**
 * The engine (www/settings/engine.js): `#mode=fewshot` then every key in table order (autoplay
 * only when on, label_mode only when coarse); the `mode` key is the router's.
 */
const SETTINGS = createSettings({ mode: 'fewshot', table: TABLE, modeKey: 'ignore', together: checkTogether });

/** The merged table: page fields and the core's type, bounds, default. */
export const PROPS = SETTINGS.props;
/** Largest n_way any dataset could allow (checked against the dataset's classes afterwards). */
export const MAX_N_WAY = SETTINGS.prop('n_way').max;
/** The default settings, a fresh object. */
export const defaults = () => SETTINGS.defaults();
/** Parse a location hash on top of `previous`: {state, errors}. */
export const parseHash = SETTINGS.parseHash;
/** The URL hash for `state`. */
export const serialiseHash = (state) => SETTINGS.serialiseHash(state);
/** Apply a user's edit of one control: the new state, or an error naming the key. */
export const applyEdit = SETTINGS.applyEdit;

/** What the worker must load for `state`: a change means fetching data again. */
export function dataKey(state) {
  const set = state.dataset === 'omniglot' ? `:${state.omniglot_set}` : '';
  return `${state.dataset}${set}:${state.split}`;
}

/** The episode settings in the core's terms (FewShotRun's arguments). */
export function episodeConfig(state) {
  const { split, n_way, k_shot, num_queries, num_episodes, metric, seed, episodes, features } = state;
  return { split, n_way, k_shot, num_queries, num_episodes, metric, seed, episodes, features };
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
  return JSON.stringify({ d: dataKey(state), ...episodeConfig(state) });
}
