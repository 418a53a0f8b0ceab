// The one settings engine of every mode: parse a URL hash, serialise a state, apply a control's
// edit, report unknown / invalid keys. The core is the one source of each key's type, bounds and
// default (src/settings.rs → schema.json, `settings_schema()` across the wasm boundary; a node
// test compares the two); a mode's table holds only page things (label, valueNames, `when`,
// `hidden`, page-only flags, order), and createSettings merges the schema's entry into each.
//
// Parsing never throws: every problem becomes a message naming the key, and that key keeps its
// previous (valid) value. Types (schema.json): enum, bool, u32, f32 (a `null` default: blank = no
// value, NaN in the state), list (comma-separated names: an array in the given order, duplicates
// refused, `min_items`; with the page flag `asText` a string kept in table order, as the train
// mode's `views`), u32_list (sorted whole numbers, at most `max_len`), f32_list (exactly `len`
// numbers, blank = null).

import schemaJson from './schema.json' with { type: 'json' };
import { formatF32, parseF32 } from '../f32.js';
import { MAX_HASH_LENGTH, formatValue, parseValue, quote } from './values.js';
import { GLOBAL_KEYS, checkGlobalKey, modeOf } from '../modes.js';

/** The core's table of every mode (www/settings/schema.json). */
export const SCHEMA = schemaJson;

const perDataset = (d) => d !== null && typeof d === 'object' && !Array.isArray(d);

/** The default of merged property `p` for `dataset` (f32 rounded, lists copied, blank f32 = NaN). */
export function defaultOf(p, dataset) {
  const v = perDataset(p.default) ? p.default[dataset] : p.default;
  if (p.type === 'f32') return v === null ? NaN : Math.fround(v);
  if (p.type === 'list' && !p.asText) return v.split(',');
  return Array.isArray(v) ? v.slice() : v;
}

/** Whether two values of `p` are the same (lists by their items, NaN equals NaN). */
export function same(p, a, b) {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return Object.is(a, b);
}

/** Parse one value of merged property `p`: `{value}` or `{error}` naming the key. */
export function parseAny(p, text) {
  const bad = (why) => ({ error: `${p.name}: ${quote(text)} ${why}` });
  switch (p.type) {
    case 'f32':
      if (p.default === null && text === '') return { value: NaN }; // blank: no value
      return parseValue(p, text);
    case 'list': {
      if (p.asText) return parseValue(p, text);
      const items = text === '' ? [] : text.split(',');
      const unknown = items.find((v) => !p.values.includes(v));
      if (unknown !== undefined) return { error: `${p.name}: ${quote(unknown)} is not one of ${p.values.join(', ')}` };
      if (new Set(items).size !== items.length) return bad('names one twice');
      if (items.length < (p.min_items ?? 0)) return { error: `${p.name}: needs at least ${p.min_items}` };
      return { value: items };
    }
    case 'u32_list': {
      const parts = text.split(',').map((s) => s.trim());
      if (parts.length > p.max_len) return bad(`has more than ${p.max_len} values`);
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
    case 'f32_list': {
      if (text === '') return { value: null };
      const parts = text.split(',');
      if (parts.length !== p.len) {
        return { error: `${p.name}: ${quote(text)} needs ${p.len} numbers separated by commas, got ${parts.length}` };
      }
      const values = [];
      for (const part of parts) {
        const v = parseF32(part.trim());
        if (Number.isNaN(v)) return { error: `${p.name}: ${quote(part)} is not a number` };
        if (!(v >= p.min && v <= p.max)) return { error: `${p.name}: ${quote(part)} is outside ${p.min}..${p.max}` };
        values.push(v);
      }
      return { value: values };
    }
    default:
      return parseValue(p, text);
  }
}

/** Text of one value (the inverse of parseAny). */
export function formatAny(p, value) {
  switch (p.type) {
    case 'f32': return p.default === null && Number.isNaN(value) ? '' : formatF32(value);
    case 'list': return p.asText ? value : value.join(',');
    case 'u32_list': return value.join(',');
    case 'f32_list': return value === null ? '' : value.map(formatF32).join(',');
    default: return formatValue(p, value);
  }
}

/**
 * The page table `table` (page-only fields per key) merged with `schema` (the core's entries of
 * the mode): type, min, max, values, default, min_items, max_len, len come from the core only.
 * Throws when the two name different keys (a test opens every mode, so this fails there first).
 */
export function mergeTable(table, schema, mode = '') {
  const byName = new Map(schema.map((e) => [e.name, e]));
  const names = table.map((p) => p.name);
  const missing = schema.filter((e) => !names.includes(e.name)).map((e) => e.name);
  const unknown = names.filter((n) => !byName.has(n));
  if (missing.length || unknown.length) {
    throw new Error(`settings of ${mode}: page table lacks ${missing.join(', ') || '-'}; core lacks ${unknown.join(', ') || '-'}`);
  }
  return table.map((p) => ({ ...p, ...byName.get(p.name) }));
}

/**
 * One mode's settings. Options:
 * - mode: the `#mode=` value written and the name for lesson-key checks; modes: the `mode` values
 *   accepted (default [mode]).
 * - table: the page table; schema: the core's entries (default SCHEMA[mode]).
 * - prefix: write `mode=<mode>` first (default true); sparse: write only keys not at their default
 *   (dataset always), else every key but `optional` ones at their default.
 * - modeKey: 'check' (a wrong one is reported, modes.js's message first), 'plain' ("mode X is
 *   not Y"), 'ignore' (the router's business).
 * - hideable(p): whether `hide=` may name p (default every key); passthrough: global keys are
 *   kept in `passthrough` and written back by serialiseHash(state, passthrough).
 * - repeated: report a key given twice ("X is given twice; the last one counts"), the default in
 *   every mode (issue 11: a repeated key used to take the last value silently); false: silently.
 * - together(state, fallback, {link, errors}): checks across keys, returning messages and fixing
 *   `state` (link: from a URL, else from an edit).
 */
export function createSettings(opts) {
  const { mode, table, prefix = true, sparse = false, modeKey = 'check', repeated = true,
    hideable = () => true, passthrough: keepGlobals = false, together = () => [] } = opts;
  const modes = opts.modes ?? [mode];
  const props = mergeTable(table, opts.schema ?? SCHEMA[mode], mode);
  const byName = new Map(props.map((p) => [p.name, p]));
  const hasDataset = byName.has('dataset');

  const defaults = (dataset = 'mnist') => {
    const s = Object.fromEntries(props.map((p) => [p.name, defaultOf(p, dataset)]));
    if (hasDataset) s.dataset = dataset;
    return s;
  };

  /** `state` moved to `dataset`, keys at the old dataset's default taking the new one's. */
  const switchDataset = (state, dataset) => {
    const next = { ...state, dataset };
    for (const p of props) {
      if (perDataset(p.default) && same(p, state[p.name], defaultOf(p, state.dataset))) next[p.name] = defaultOf(p, dataset);
    }
    return next;
  };

  const modeError = (raw) => {
    if (modeKey === 'plain') return `mode ${quote(raw)} is not ${mode}`;
    return modeOf(`mode=${encodeURIComponent(raw)}`).error ?? `mode ${quote(raw)} is not ${modes.join(' or ')}`;
  };

  const result = (state, errors, passthrough) => (keepGlobals ? { state, errors, passthrough } : { state, errors });

  function parseHash(hash, previous = defaults()) {
    const text = String(hash ?? '').replace(/^#/, '');
    const passthrough = [];
    if (text.length > MAX_HASH_LENGTH) {
      return result({ ...previous }, [`URL settings are ${text.length} characters long (most is ${MAX_HASH_LENGTH}); ignored`], passthrough);
    }
    let params;
    try {
      params = new URLSearchParams(text.replaceAll('+', '%2B')); // `+` is a plus (features=hog+color_hist), never a space
    } catch (e) {
      return result({ ...previous }, [`URL settings could not be read: ${e.message}`], passthrough);
    }
    const errors = [];
    let state = { ...previous };
    if (hasDataset && params.has('dataset')) { // the dataset first: keys left out take its defaults
      const r = parseAny(byName.get('dataset'), params.get('dataset'));
      if ('value' in r) state = switchDataset(state, r.value);
    }
    const seen = new Set();
    for (const [key, raw] of params) {
      if (key === 'mode') {
        // the router opens the first `mode` (modes.js modeOf): a second one is reported, never ignored silently
        const wrong = modeKey !== 'ignore' && !modes.includes(raw);
        if (repeated && seen.has(key)) {
          errors.push(`${wrong ? `${modeError(raw)}: ` : ''}mode is given twice; the first one counts` +
            `${wrong || raw === mode ? '' : ` (${quote(raw)} is not used)`}`);
        } else if (wrong) errors.push(modeError(raw));
        seen.add(key);
        continue;
      }
      if (GLOBAL_KEYS.includes(key)) { // lesson links (hide, presenter, embed): the router applies them
        // `hide` may be given several times (its names add up); a flag given twice: the last one counts
        if (repeated && key !== 'hide' && seen.has(key)) errors.push(`${key} is given twice; the last one counts`);
        seen.add(key);
        const refused = checkGlobalKey(mode, key, raw, props.filter(hideable).map((p) => p.name));
        // only what is used is written back (a refused value is reported once, not kept in the address)
        if (keepGlobals && !refused.length) {
          if (key !== 'hide') passthrough.splice(0, Infinity, ...passthrough.filter(([k]) => k !== key));
          passthrough.push([key, raw]);
        }
        errors.push(...refused);
        continue;
      }
      const p = byName.get(key);
      if (!p) {
        errors.push(`unknown key ${quote(key)}`);
        continue;
      }
      if (repeated && seen.has(key)) errors.push(`${key} is given twice; the last one counts`);
      seen.add(key);
      const r = parseAny(p, raw);
      if ('error' in r) errors.push(r.error);
      else state[key] = r.value;
    }
    errors.push(...together(state, previous, { link: true, errors }));
    return result(state, errors, passthrough);
  }

  /** The hash of `state` (+ `globals`, the passthrough pairs; `asMode`: the `mode=` written). */
  function serialiseHash(state, globals = [], asMode = mode) {
    const params = new URLSearchParams(prefix ? { mode: asMode } : {});
    for (const p of props) {
      const atDefault = same(p, state[p.name], defaultOf(p, state.dataset));
      if (atDefault && (sparse ? p.name !== 'dataset' : p.optional)) continue;
      params.set(p.name, formatAny(p, state[p.name]));
    }
    for (const [k, v] of globals) params.append(k, v);
    return '#' + params.toString().replaceAll('%2C', ',').replaceAll('%2B', '+'); // list values keep plain commas; `+` stays a plus
  }

  function applyEdit(state, name, text) {
    const p = byName.get(name);
    if (!p) return { state, errors: [`unknown key ${quote(name)}`] };
    const r = parseAny(p, text);
    if ('error' in r) return { state, errors: [r.error] };
    const next = name === 'dataset' ? switchDataset(state, r.value) : { ...state, [name]: r.value };
    return { state: next, errors: together(next, state, { link: false, errors: [] }) };
  }

  return { props, defaults, prop: (name) => byName.get(name), parseHash, serialiseHash, applyEdit, switchDataset,
    defaultOf: (p, dataset) => defaultOf(p, dataset) };
}
