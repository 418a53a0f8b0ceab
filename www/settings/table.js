// Settings tables for the lab and race modes, on top of state.js's value parsing (the same f32 /
// u32 / enum / bool rules and messages as the train mode). Adds one type, 'list': a comma-separated
// subset of `values` (e.g. `racers=sgd,adam`). A table is an array of properties; a mode's hash is
// `#mode=<name>&key=value…`. Parsing never throws: every problem becomes a message naming the key,
// and that key keeps its previous value.

import { MAX_HASH_LENGTH, formatValue, parseValue, quote } from './values.js';
import { GLOBAL_KEYS, checkGlobalKey, modeOf } from '../modes.js';

/** The default of `p` (f32 rounded; `default` may be a function of the dataset). */
export function tableDefault(p, dataset) {
  const v = typeof p.default === 'object' && !Array.isArray(p.default) ? p.default[dataset] : p.default;
  if (p.type === 'f32') return Math.fround(v);
  return Array.isArray(v) ? v.slice() : v;
}

/** Every key of `props` at its default. */
export function tableDefaults(props, dataset = 'mnist') {
  const s = Object.fromEntries(props.map((p) => [p.name, tableDefault(p, dataset)]));
  if ('dataset' in s) {
    s.dataset = dataset;
    for (const p of props) s[p.name] = tableDefault(p, dataset);
  }
  return s;
}

/** Parse one value of `p` (list or any state.js type): {value} or {error}. */
export function parseAny(p, text) {
  if (p.blank && text === '') return { value: NaN }; // a blank f32 = "not set" (e.g. the surface's own start)
  if (p.type !== 'list') return parseValue(p, text);
  const items = text === '' ? [] : text.split(',');
  const bad = items.find((v) => !p.values.includes(v));
  if (bad !== undefined) return { error: `${p.name}: ${quote(bad)} is not one of ${p.values.join(', ')}` };
  if (new Set(items).size !== items.length) return { error: `${p.name}: ${quote(text)} names one twice` };
  if (items.length < (p.minItems ?? 0)) return { error: `${p.name}: needs at least ${p.minItems}` };
  return { value: items };
}

/** Text of one value (the inverse of parseAny). */
export function formatAny(p, value) {
  if (p.blank && Number.isNaN(value)) return '';
  return p.type === 'list' ? value.join(',') : formatValue(p, value);
}

const same = (p, a, b) => (p.type === 'list' ? a.join(',') === b.join(',') : Object.is(a, b));

/**
 * Parse a hash on top of `previous`. `modes` lists the mode names this table belongs to (the
 * router's key `mode` must be one of them). A `dataset` key is applied first: keys with per-dataset
 * defaults still at the old default take the new one.
 * @returns {{state, errors: string[]}}
 */
export function parseTableHash(props, hash, previous, modes) {
  const text = String(hash ?? '').replace(/^#/, '');
  if (text.length > MAX_HASH_LENGTH) {
    return { state: { ...previous }, errors: [`URL settings are ${text.length} characters long (most is ${MAX_HASH_LENGTH}); ignored`] };
  }
  let params;
  try {
    params = new URLSearchParams(text);
  } catch (e) {
    return { state: { ...previous }, errors: [`URL settings could not be read: ${e.message}`] };
  }
  const byName = new Map(props.map((p) => [p.name, p]));
  const errors = [];
  let state = { ...previous };
  if (params.has('dataset') && byName.has('dataset')) {
    const r = parseAny(byName.get('dataset'), params.get('dataset'));
    if ('value' in r) state = switchTableDataset(props, state, r.value);
  }
  for (const [key, raw] of params) {
    if (key === 'mode') {
      if (!modes.includes(raw)) errors.push(modeOf(`mode=${encodeURIComponent(raw)}`).error ?? `mode ${quote(raw)} is not ${modes.join(' or ')}`);
      continue;
    }
    if (GLOBAL_KEYS.includes(key)) { // lesson links: the router applies them
      errors.push(...checkGlobalKey(modes[0], key, raw, props.map((q) => q.name)));
      continue;
    }
    const p = byName.get(key);
    if (!p) {
      errors.push(`unknown key ${quote(key)}`);
      continue;
    }
    const r = parseAny(p, raw);
    if ('error' in r) errors.push(r.error);
    else state[key] = r.value;
  }
  return { state, errors };
}

/** `state` moved to `dataset`, keys at the old dataset's default taking the new one's. */
export function switchTableDataset(props, state, dataset) {
  const next = { ...state, dataset };
  for (const p of props) {
    if (typeof p.default === 'object' && !Array.isArray(p.default) &&
      same(p, state[p.name], tableDefault(p, state.dataset))) next[p.name] = tableDefault(p, dataset);
  }
  return next;
}

/** '#mode=<mode>' + every key not at its default (links stay short; the defaults are documented). */
export function serialiseTable(props, state, mode) {
  const params = new URLSearchParams({ mode });
  for (const p of props) {
    if (p.name !== 'dataset' && same(p, state[p.name], tableDefault(p, state.dataset))) continue;
    params.set(p.name, formatAny(p, state[p.name]));
  }
  return '#' + params.toString().replaceAll('%2C', ','); // list values keep plain commas, like knn/views
}

/** A control edit: the new state, or the old one with an error naming the key. */
export function applyTableEdit(props, state, name, text) {
  const p = props.find((q) => q.name === name);
  if (!p) return { state, errors: [`unknown key ${quote(name)}`] };
  const r = parseAny(p, text);
  if ('error' in r) return { state, errors: [r.error] };
  const next = name === 'dataset' ? switchTableDataset(props, state, r.value) : { ...state, [name]: r.value };
  return { state: next, errors: [] };
}
