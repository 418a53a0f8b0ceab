// The playground's settings: one table of properties drives parsing, validation, serialisation
// to the URL hash and the controls (the idea of TensorFlow Playground's state.ts).
//
// The URL hash is `#key=value&key=value` with the Rust `TrainConfig` names as keys, so one grep finds
// every end. Parsing never throws: every problem becomes a message naming the key, and that key keeps
// its previous (valid) value.

import { MAX_HASH_LENGTH, TEST_RECORDS, TRAIN_RECORDS, formatValue, parseValue, quote } from '../../settings/values.js';
import { PROPS, TABLE, UPDATE_RULES, UPDATE_RULE_NAMES, VIEWS, prop, visible } from '../../settings/linear.js';
import { createSettings } from '../../settings/engine.js';

export { MAX_HASH_LENGTH, PROPS, TEST_RECORDS, TRAIN_RECORDS, UPDATE_RULES, UPDATE_RULE_NAMES, VIEWS, formatValue,
  parseValue, prop, quote, visible };

/**
 * Checks that involve more than one key. Returns messages; offending keys are reset in `state`
 * to the values in `fallback`, then to the defaults if those fail too. With `link` (a parsed URL)
 * and `dataset=files`, the sizes wait for the files: a batch larger than num_train is fitted
 * silently, as the import does (import/fit.js), so a link opened before its files are picked
 * shows the "pick them again" message, not a complaint about a key the link did not set.
 */
function checkTogether(state, fallback, { link = false } = {}) {
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
 * The engine (www/settings/engine.js) over the linear classifier's table: no `#mode=` prefix (the
 * default mode), every key in table order except `optional` ones at their default (autoplay
 * among them); a wrong `mode` is reported; repeated keys: the last one counts.
 */
const SETTINGS = createSettings({ mode: 'train', table: TABLE, prefix: false, together: checkTogether });

/** The default settings for `dataset`, a fresh object. */
export const defaults = SETTINGS.defaults;
/** The default of property `p` for `dataset` (f32 values already rounded to f32). */
export const defaultOf = SETTINGS.defaultOf;
/** `state` moved to `dataset`: settings still at the old dataset's default take the new one's. */
export const switchDataset = SETTINGS.switchDataset;
/** The URL hash for `state`. */
export const serialiseHash = (state) => SETTINGS.serialiseHash(state);

/**
 * `learning_rate` and `reg` on standardised features (`features` ≠ pixels, any dataset): the core's
 * `features::LINEAR_LEARNING_RATE` / `LINEAR_REG` (tests/node/train-features.test.js checks they
 * agree), found by a sweep with examples/train_features.rs. The table's per-dataset defaults are
 * for pixels 0..255 minus the mean image, 10²–10⁶ times too small a step for features of unit scale.
 */
export const FEATURE_DEFAULTS = { learning_rate: Math.fround(0.03), reg: Math.fround(0.01) };
/** The keys whose default depends on `features`. */
const FEATURE_KEYS = Object.keys(FEATURE_DEFAULTS);

/** The default of `name` for `dataset` and `features` (a feature key's features default, else the table's). */
export function defaultWith(name, dataset, features) {
  if (features && features !== 'pixels' && name in FEATURE_DEFAULTS) return FEATURE_DEFAULTS[name];
  return SETTINGS.defaultOf(prop(name), dataset);
}

/** `state` whose features changed from `before`: `learning_rate` / `reg` still at the old
 * features' default take the new ones' (as switchDataset does for the dataset); `keep` names the
 * keys given explicitly (a link's values win). */
function moveFeatureDefaults(state, before, keep = new Set()) {
  if (state.features === before) return state;
  const next = { ...state };
  for (const name of FEATURE_KEYS) {
    if (!keep.has(name) && next[name] === defaultWith(name, state.dataset, before)) {
      next[name] = defaultWith(name, state.dataset, state.features);
    }
  }
  return next;
}

/** Parse a location hash on top of `previous`: {state, errors} (unknown keys, bad values
 * reported). A link that picks features without `learning_rate` / `reg` gets the features' defaults. */
export function parseHash(hash, previous = defaults()) {
  const r = SETTINGS.parseHash(hash, previous);
  let given;
  try {
    given = new Set(new URLSearchParams(String(hash ?? '').replace(/^#/, '').replaceAll('+', '%2B')).keys());
  } catch {
    given = new Set();
  }
  return { ...r, state: moveFeatureDefaults(r.state, previous.features ?? 'pixels', given) };
}

/** Apply a user's edit of one control: the new state, or an error naming the key. Choosing
 * features moves `learning_rate` / `reg` from the old features' defaults to the new ones'. */
export function applyEdit(state, name, text) {
  const r = SETTINGS.applyEdit(state, name, text);
  return name === 'features' ? { ...r, state: moveFeatureDefaults(r.state, state.features) } : r;
}

/** The part of the settings the Rust `TrainConfig` and the worker need. */
export function trainConfig(state) {
  return Object.fromEntries(PROPS.filter((p) => p.rust !== false).map((p) => [p.name, state[p.name]]));
}
