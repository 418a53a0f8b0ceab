// The views mode's settings (mode=views): one table of properties drives parsing, validation,
// serialisation to the URL hash and the controls, as in the other modes (www/state.js's
// parseValue / formatValue / quote, f32 via www/f32.js). Keys are the core's names
// (`GeoToy`, `curse_distance_stats` arguments), so one grep finds every end.
//
// Parsing never throws: every problem becomes a message naming the key, and that key keeps its
// previous (valid) value. `hide` and `presenter` are page-wide keys read elsewhere: they are
// known here, not used, and written back unchanged.

import { GLOBAL_KEYS } from '../../modes.js';
import { createSettings, formatAny, parseAny } from '../../settings/engine.js';

export const MODE = 'views';
/** Keys other parts of the page own: accepted silently and kept in the hash as they were. */
export const PASSTHROUGH_KEYS = GLOBAL_KEYS; // lesson links (modes.js): hide, presenter, embed

/**
 * The page table (types, bounds and defaults are the core's, src/settings.rs `VIEWS`; `w` / `b`
 * are `f32_list`s whose blank default is the seeded start). `view` says which view a key belongs
 * to; `hidden: true` keys have no control in the settings form.
 */
const TABLE = [
  { name: 'view', hidden: true,
    label: 'View', valueNames: { geometric: 'Linear classifier, geometrically', curse: 'Curse of dimensionality' } },
  { name: 'layout', view: 'geometric', label: 'Toy layout', valueNames: { blobs: 'blobs', xor: 'XOR', rings: 'rings' } },
  { name: 'loss', view: 'geometric', label: 'Loss', valueNames: { svm: 'SVM (hinge)', softmax: 'softmax' } },
  { name: 'reg', view: 'geometric', label: 'Regularisation (reg)' },
  { name: 'learning_rate', view: 'geometric', label: 'Learning rate' },
  { name: 'train_steps', view: 'geometric', label: 'Gradient steps per “Train”' },
  { name: 'num_per_class', view: 'geometric', label: 'Points per class' },
  { name: 'seed', label: 'Seed (points, start, queries)' },
  // (2, 3) row-major: row 0 multiplies x₁, row 1 multiplies x₂ (one column per class).
  { name: 'w', hidden: true, view: 'geometric', label: 'w' },
  { name: 'b', hidden: true, view: 'geometric', label: 'b' },
  { name: 'num_points', view: 'curse', hidden: true, label: 'Random points (n)' },
  { name: 'metric', view: 'curse', hidden: true,
    label: 'Distance', valueNames: { l2: 'L2 (Euclidean)', l1: 'L1 (Manhattan)' } },
  { name: 'num_queries', view: 'curse', label: 'Queries per dimension' },
  { name: 'points_per_axis', view: 'curse', label: 'Grid points per axis' },
];

/** w and b go together (from a link): one without the other cannot place the lines. */
function checkTogether(state, fallback, { link, errors }) {
  if (!link || (state.w === null) === (state.b === null)) return [];
  const reported = errors.some((e) => e.startsWith('w: ') || e.startsWith('b: '));
  const [given, missing] = state.w === null ? ['b', 'w'] : ['w', 'b'];
  state.w = null;
  state.b = null;
  return reported ? [] : [`${given} is set without ${missing}: both are needed, the seeded start is used`];
}

/**
 * The engine (www/settings/engine.js): `#mode=views` + every key not at its default + the
 * passthrough keys; a wrong `mode` is reported; a key given twice is reported (the last counts).
 */
const SETTINGS = createSettings({ mode: MODE, table: TABLE, sparse: true, modeKey: 'plain', repeated: true,
  passthrough: true, together: checkTogether });

/** The merged table: page fields and the core's type, bounds, default. */
export const PROPS = SETTINGS.props;
/** Largest |w| or |b| accepted from the URL (lines far outside the view teach nothing). */
export const MAX_PARAM = SETTINGS.prop('w').max;
/** The property called `name`, or undefined. */
export const prop = SETTINGS.prop;
/** The default settings, a fresh object (f32 defaults rounded to f32). */
export const defaults = () => SETTINGS.defaults();
/** Parse one value: `{value}` or `{error}` naming the key. A blank list means "not set". */
export const parseViewsValue = parseAny;
/** Text of one value, the inverse of parseViewsValue. */
export const formatViewsValue = formatAny;
/**
 * Parse a location hash on top of `previous`: {state, errors, passthrough} (`hide` / `presenter`
 * / `embed` pairs in hash order).
 */
export const parseHash = SETTINGS.parseHash;
/** '#mode=views' + every key not at its default + the passthrough keys, commas unescaped. */
export const serialiseHash = (state, passthrough = []) => SETTINGS.serialiseHash(state, passthrough);
/** A control edit: the new state, or the old one with an error naming the key. */
export const applyEdit = SETTINGS.applyEdit;
