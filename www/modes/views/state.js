// The views mode's settings (mode=views): one table of properties drives parsing, validation,
// serialisation to the URL hash and the controls, as in the other modes (www/state.js's
// parseValue / formatValue / quote, f32 via www/f32.js). Keys are the core's names
// (`GeoToy`, `curse_distance_stats` arguments), so one grep finds every end.
//
// Parsing never throws: every problem becomes a message naming the key, and that key keeps its
// previous (valid) value. `hide` and `presenter` are page-wide keys read elsewhere: they are
// known here, not used, and written back unchanged.

import { MAX_HASH_LENGTH, formatValue, parseValue, quote } from '../../settings/values.js';
import { GLOBAL_KEYS, checkGlobalKey } from '../../modes.js';
import { formatF32, parseF32 } from '../../f32.js';

export const MODE = 'views';
/** Keys other parts of the page own: accepted silently and kept in the hash as they were. */
export const PASSTHROUGH_KEYS = GLOBAL_KEYS; // lesson links (modes.js): hide, presenter, embed
/** Largest |w| or |b| accepted from the URL (lines far outside the view teach nothing). */
export const MAX_PARAM = 1e4;

/**
 * The settings table. `type`: 'enum', 'f32', 'u32', 'bool' (www/state.js) or 'f32list' (`len`
 * comma-separated f32 values; `null` = not set: the seeded start). `view` says which view a key
 * belongs to; `hidden: true` keys have no control in the settings form.
 */
export const PROPS = [
  { name: 'view', type: 'enum', values: ['geometric', 'curse'], default: 'geometric', hidden: true,
    label: 'View', valueNames: { geometric: 'Linear classifier, geometrically', curse: 'Curse of dimensionality' } },
  { name: 'layout', type: 'enum', values: ['blobs', 'xor', 'rings'], default: 'blobs', view: 'geometric',
    label: 'Toy layout', valueNames: { blobs: 'blobs', xor: 'XOR', rings: 'rings' } },
  { name: 'loss', type: 'enum', values: ['svm', 'softmax'], default: 'svm', view: 'geometric',
    label: 'Loss', valueNames: { svm: 'SVM (hinge)', softmax: 'softmax' } },
  { name: 'reg', type: 'f32', default: 0.01, min: 0, max: 100, view: 'geometric',
    label: 'Regularisation (reg)' },
  { name: 'learning_rate', type: 'f32', default: 0.1, min: 1e-6, max: 100, view: 'geometric',
    label: 'Learning rate' },
  { name: 'train_steps', type: 'u32', default: 100, min: 1, max: 10000, view: 'geometric',
    label: 'Gradient steps per “Train”' },
  { name: 'num_per_class', type: 'u32', default: 30, min: 1, max: 500, view: 'geometric',
    label: 'Points per class' },
  { name: 'seed', type: 'u32', default: 1, min: 0, max: 4294967295, label: 'Seed (points, start, queries)' },
  // (2, 3) row-major: row 0 multiplies x₁, row 1 multiplies x₂ (one column per class).
  { name: 'w', type: 'f32list', len: 6, default: null, hidden: true, view: 'geometric', label: 'w' },
  { name: 'b', type: 'f32list', len: 3, default: null, hidden: true, view: 'geometric', label: 'b' },
  { name: 'num_points', type: 'u32', default: 500, min: 2, max: 2000, view: 'curse', hidden: true,
    label: 'Random points (n)' },
  { name: 'metric', type: 'enum', values: ['l2', 'l1'], default: 'l2', view: 'curse', hidden: true,
    label: 'Distance', valueNames: { l2: 'L2 (Euclidean)', l1: 'L1 (Manhattan)' } },
  { name: 'num_queries', type: 'u32', default: 20, min: 1, max: 100, view: 'curse',
    label: 'Queries per dimension' },
  { name: 'points_per_axis', type: 'u32', default: 10, min: 2, max: 1000, view: 'curse',
    label: 'Grid points per axis' },
];

const BY_NAME = new Map(PROPS.map((p) => [p.name, p]));

/** The property called `name`, or undefined. */
export function prop(name) {
  return BY_NAME.get(name);
}

/** The default settings, a fresh object (f32 defaults rounded to f32). */
export function defaults() {
  return Object.fromEntries(PROPS.map((p) => [p.name, p.type === 'f32' ? Math.fround(p.default) : p.default]));
}

/** Parse one value: `{value}` or `{error}` naming the key. A blank list means "not set". */
export function parseViewsValue(p, text) {
  if (p.type !== 'f32list') return parseValue(p, text);
  if (text === '') return { value: null };
  const parts = text.split(',');
  if (parts.length !== p.len) {
    return { error: `${p.name}: ${quote(text)} needs ${p.len} numbers separated by commas, got ${parts.length}` };
  }
  const values = [];
  for (const part of parts) {
    const v = parseF32(part.trim());
    if (Number.isNaN(v)) return { error: `${p.name}: ${quote(part)} is not a number` };
    if (!(Math.abs(v) <= MAX_PARAM)) return { error: `${p.name}: ${quote(part)} is outside -${MAX_PARAM}..${MAX_PARAM}` };
    values.push(v);
  }
  return { value: values };
}

/** Text of one value, the inverse of parseViewsValue. */
export function formatViewsValue(p, value) {
  if (p.type !== 'f32list') return formatValue(p, value);
  return value === null ? '' : value.map(formatF32).join(',');
}

const same = (p, a, b) => (p.type === 'f32list' ? JSON.stringify(a) === JSON.stringify(b) : Object.is(a, b));

/**
 * Parse a location hash on top of `previous`. Unknown keys, malformed values and out-of-range
 * numbers are reported and ignored; `mode` must be `views`; `hide` / `presenter` are kept in
 * `passthrough` (pairs in hash order) and otherwise ignored.
 * @returns {{state: object, errors: string[], passthrough: string[][]}}
 */
export function parseHash(hash, previous = defaults()) {
  const text = String(hash ?? '').replace(/^#/, '');
  const state = { ...previous };
  const passthrough = [];
  if (text.length > MAX_HASH_LENGTH) {
    return { state, passthrough, errors: [`URL settings are ${text.length} characters long (most is ${MAX_HASH_LENGTH}); ignored`] };
  }
  let params;
  try {
    params = new URLSearchParams(text);
  } catch (e) {
    return { state, passthrough, errors: [`URL settings could not be read: ${e.message}`] };
  }
  const errors = [];
  const seen = new Set();
  for (const [key, raw] of params) {
    if (key === 'mode') {
      if (raw !== MODE) errors.push(`mode ${quote(raw)} is not ${MODE}`);
      continue;
    }
    if (PASSTHROUGH_KEYS.includes(key)) {
      passthrough.push([key, raw]);
      errors.push(...checkGlobalKey(MODE, key, raw, PROPS.map((q) => q.name))); // unknown names are reported
      continue;
    }
    const p = BY_NAME.get(key);
    if (!p) {
      errors.push(`unknown key ${quote(key)}`);
      continue;
    }
    if (seen.has(key)) errors.push(`${key} is given twice; the last one counts`);
    seen.add(key);
    const r = parseViewsValue(p, raw);
    if ('error' in r) errors.push(r.error);
    else state[key] = r.value;
  }
  // w and b go together: one without the other cannot place the lines.
  if ((state.w === null) !== (state.b === null)) {
    const reported = errors.some((e) => e.startsWith('w: ') || e.startsWith('b: '));
    if (!reported) errors.push(`${state.w === null ? 'b' : 'w'} is set without ${state.w === null ? 'w' : 'b'}: both are needed, the seeded start is used`);
    state.w = null;
    state.b = null;
  }
  return { state, errors, passthrough };
}

/** '#mode=views' + every key not at its default + the passthrough keys, commas unescaped. */
export function serialiseHash(state, passthrough = []) {
  const params = new URLSearchParams({ mode: MODE });
  const base = defaults();
  for (const p of PROPS) {
    if (same(p, state[p.name], base[p.name])) continue;
    params.set(p.name, formatViewsValue(p, state[p.name]));
  }
  for (const [k, v] of passthrough) params.append(k, v);
  return '#' + params.toString().replaceAll('%2C', ',');
}

/** A control edit: the new state, or the old one with an error naming the key. */
export function applyEdit(state, name, text) {
  const p = BY_NAME.get(name);
  if (!p) return { state, errors: [`unknown key ${quote(name)}`] };
  const r = parseViewsValue(p, text);
  if ('error' in r) return { state, errors: [r.error] };
  return { state: { ...state, [name]: r.value }, errors: [] };
}
