// Fuzz targets of the URL hash, one per mode (train, knn, fewshot, race, lab, views and the lab's
// `#mode=gradcheck` entry) plus the router's keys (`mode`, lesson links): each drives the mode's
// real parser (www/settings/engine.js with the mode's table from www/modes/<mode>/state.js) with
// seeded hostile hashes and checks, per input: no exception, under 1 s, every value of the type and
// bounds schema.json gives, a message naming each refused key, and serialise → parse giving the
// same settings back. Used by www/test/hash-fuzz.test.js (seconds) and scripts/fuzz-js.mjs (minutes).

import { SCHEMA, defaultOf, parseAny } from '../../settings/engine.js';
import { MAX_HASH_LENGTH, quote } from '../../settings/values.js';
import { GLOBAL_KEYS, MODES, modeOf } from '../../modes.js';
import { MAX_HIDE, parseGlobals, stripGlobals, withGlobals } from '../../lesson/globals.js';
import * as train from '../../modes/train/state.js';
import * as knn from '../../modes/knn/state.js';
import * as fewshot from '../../modes/fewshot/state.js';
import * as views from '../../modes/views/state.js';
import { SETTINGS as LAB } from '../../modes/lab/state.js';
import { SETTINGS as RACE } from '../../modes/race/state.js';

/** Seeded PRNG (mulberry32): the same seed, the same inputs. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (xs) => xs[next.int(xs.length)];
  return next;
}

/** Values no link should carry: markup, huge / non-finite / negative numbers, blanks, bad escapes. */
export const HOSTILE_VALUES = [
  '<img src=x onerror=window.__pwned=1>', '%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E', '"><script>alert(1)</script>',
  '1e12', '1e39', '-1e39', 'NaN', 'nan', 'Infinity', '-Infinity', '-1', '-0', '0', '4294967296', '99999999999',
  '', ' ', '%', '%zz', '%00', '%E0%A4%A', '%ff%fe', '\u0000', '\uFFFF', '\uD800', '1,1', ',,', '0x10', '1_000',
  '1e-50', '0.1.2', '+1', '１', 'true', 'null', 'undefined', '__proto__', 'constructor', 'a'.repeat(300),
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', '<b>', '%', '%zz', '', 'MODE', 'mode', 'hide', 'presenter',
  'embed', 'hide%00', 'x'.repeat(100)];

// One entry per target: the mode's settings and how its page calls them.
function engineOf({ name, asMode = name, props, parse, serialise, defaults, passthrough = false }) {
  return { name, asMode, props, parse, serialise, defaults, passthrough };
}

/** The targets: name → {props, parse(hash, previous), serialise(state, passthrough), defaults()}. */
export const MODE_TARGETS = [
  engineOf({ name: 'train', props: train.PROPS, parse: train.parseHash, serialise: train.serialiseHash,
    defaults: () => train.defaults() }),
  engineOf({ name: 'knn', props: knn.PROPS, parse: knn.parseHash, serialise: knn.serialiseHash, defaults: knn.defaults }),
  engineOf({ name: 'fewshot', props: fewshot.PROPS, parse: fewshot.parseHash, serialise: fewshot.serialiseHash,
    defaults: fewshot.defaults }),
  engineOf({ name: 'race', props: RACE.props, parse: RACE.parseHash, serialise: (s) => RACE.serialiseHash(s),
    defaults: () => RACE.defaults() }),
  engineOf({ name: 'lab', props: LAB.props, parse: LAB.parseHash, serialise: (s) => LAB.serialiseHash(s),
    defaults: () => LAB.defaults() }),
  engineOf({ name: 'gradcheck', props: LAB.props, parse: LAB.parseHash,
    serialise: (s) => LAB.serialiseHash(s, [], 'gradcheck'), defaults: () => LAB.defaults() }),
  engineOf({ name: 'views', props: views.PROPS, parse: views.parseHash, serialise: views.serialiseHash,
    defaults: views.defaults, passthrough: true }),
];

/** Why `v` is not a value of merged property `p` (schema.json's type and bounds), or null. */
export function schemaViolation(p, v) {
  const f32In = (x) => typeof x === 'number' && Number.isFinite(x) && Math.fround(x) === x &&
    x >= Math.fround(p.min) && x <= Math.fround(p.max);
  switch (p.type) {
    case 'enum': return p.values.includes(v) ? null : `${JSON.stringify(v)} is not one of its values`;
    case 'bool': return typeof v === 'boolean' ? null : `${JSON.stringify(v)} is not a boolean`;
    case 'u32': return Number.isInteger(v) && v >= p.min && v <= p.max ? null : `${v} is not a u32 in ${p.min}..${p.max}`;
    case 'f32':
      if (p.default === null && Number.isNaN(v)) return null;
      return f32In(v) ? null : `${v} is not an f32 in ${p.min}..${p.max}`;
    case 'list': {
      if (p.asText) {
        if (typeof v !== 'string') return 'not text';
        const bad = v.split(',').find((x) => x !== '' && !p.values.includes(x));
        return bad === undefined ? null : `names ${JSON.stringify(bad)}`;
      }
      if (!Array.isArray(v)) return 'not a list';
      if (v.some((x) => !p.values.includes(x))) return `has an unknown name: ${JSON.stringify(v)}`;
      if (new Set(v).size !== v.length) return 'names one twice';
      return v.length >= (p.min_items ?? 0) ? null : `fewer than ${p.min_items} names`;
    }
    case 'u32_list':
      if (!Array.isArray(v) || v.length > p.max_len || v.length === 0) return `not a list of 1..${p.max_len} values`;
      if (v.some((x, i) => !Number.isInteger(x) || x < p.min || x > p.max || (i > 0 && x <= v[i - 1]))) return `bad list ${v}`;
      return null;
    case 'f32_list':
      if (v === null) return null;
      return Array.isArray(v) && v.length === p.len && v.every(f32In) ? null : `bad list ${JSON.stringify(v)}`;
    default: return `unknown type ${p.type}`;
  }
}

/** A valid hash of target `t`: some keys set to other valid values, in random order. */
function validHash(t, r) {
  const s = t.defaults();
  const pairs = [['mode', t.asMode]];
  for (const p of t.props) {
    if (r() < 0.5) continue;
    let text;
    switch (p.type) {
      case 'enum': text = r.pick(p.values); break;
      case 'bool': text = r.pick(['0', '1', 'true', 'false']); break;
      case 'u32': text = String(r() < 0.5 ? p.min : Math.min(p.max, p.min + r.int(1000))); break;
      case 'f32': text = String(r() < 0.3 ? p.min : r() < 0.5 ? p.max : p.min + (p.max - p.min) * r()); break;
      case 'list': text = p.values.filter(() => r() < 0.5).join(',') || p.values[0]; break;
      case 'u32_list': text = String(p.min + r.int(Math.min(100, p.max - p.min + 1))); break;
      case 'f32_list': text = Array.from({ length: p.len }, () => String(p.min + (p.max - p.min) * r())).join(','); break;
      default: text = '';
    }
    pairs.push([p.name, text]);
  }
  if (r() < 0.2) pairs.push(['hide', 'settings']);
  if (r() < 0.1) pairs.push(['presenter', '1']);
  void s;
  return pairs;
}

const enc = (s) => encodeURIComponent(String(s).toWellFormed());
const join = (pairs, raw) => '#' + pairs.map(([k, v]) => (raw ? `${k}=${v}` : `${enc(k)}=${enc(v)}`)).join('&');

/** One hostile hash for target `t`, drawn from `r`. */
export function hostileHash(t, r) {
  const pairs = validHash(t, r);
  const keys = t.props.map((p) => p.name);
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) {
    switch (r.int(9)) {
      case 0: pairs.push([r.pick(keys), r.pick(HOSTILE_VALUES)]); break; // hostile value of a real key
      case 1: pairs.push([r.pick(HOSTILE_KEYS), r.pick(HOSTILE_VALUES)]); break; // hostile key
      case 2: if (pairs.length) pairs.push(pairs[r.int(pairs.length)]); break; // a repeated key
      case 3: pairs.push(['mode', r.pick([...Object.keys(MODES), ...HOSTILE_VALUES])]); break;
      case 4: pairs.push([r.pick(GLOBAL_KEYS), r.pick([...HOSTILE_VALUES, 'settings,<b>', 'a,'.repeat(200)])]); break;
      case 5: if (pairs.length) pairs.splice(r.int(pairs.length), 1); break;
      case 6: pairs.push([r.pick(keys), `${r.int(10) - 5}e${r.int(80) - 40}`]); break;
      case 7: pairs.push([r.pick(keys), '']); break;
      default: if (pairs.length) pairs[r.int(pairs.length)] = [r.pick(keys), pairs[r.int(pairs.length)][1]];
    }
  }
  let text = join(pairs, r() < 0.4); // raw: percent garbage and markup go in as is
  // Byte-level mutations of the text.
  const m = r.int(4);
  for (let i = 0; i < m; i++) {
    const at = r.int(text.length + 1);
    switch (r.int(5)) {
      case 0: text = text.slice(0, at) + r.pick(['%', '%zz', '%00', '&', '=', '&&', '#', '+', '%2', '<', '\u0000']) + text.slice(at); break;
      case 1: text = text.slice(0, at) + text.slice(at + 1 + r.int(5)); break;
      case 2: text = text.slice(0, at) + String.fromCharCode(r.int(0x10000)) + text.slice(at); break;
      case 3: text = text.slice(0, at); break;
      default: text = text.slice(0, at) + text.slice(r.int(text.length)); // splice a part again
    }
  }
  if (r() < 0.02) text += '&seed=' + '9'.repeat(100_000); // a 100 KB hash
  if (r() < 0.02) text = '#' + Array.from({ length: 5000 }, () => `${r.pick(keys)}=1`).join('&');
  return text;
}

/** The fixed hostile hashes every target starts with (before the random ones). */
export function fixedHashes(t) {
  const keys = t.props.map((p) => p.name);
  const out = [];
  for (const k of keys) {
    for (const v of ['<img src=x onerror=window.__pwned=1>', '1e12', 'NaN', 'Infinity', '-Infinity', '-1', '', '%', '%zz', '%00']) {
      out.push(`#mode=${t.asMode}&${k}=${v}`);
    }
    out.push(`#mode=${t.asMode}&${k}=1&${k}=2`);
  }
  out.push(`#mode=${t.asMode}&<img src=x onerror=window.__pwned=1>=1`, `#mode=${t.asMode}&zz=1&zz=2`, '#%', '#%zz=%00',
    `#mode=${t.asMode}&seed=${'1'.repeat(100_000)}`, '#' + 'a'.repeat(100_000), `#mode=${t.asMode}&hide=<b>,${'x,'.repeat(100)}`);
  return out;
}

/** Changes a cross-key check makes silently, by design: train fits a `dataset=files` link's batch to num_train. */
const SILENT_FITS = {
  train: (k, s) => k === 'batch_size' && s.dataset === 'files' && s.batch_size === s.num_train,
  // views: w and b go together; when one is refused (its message), the other is dropped with it
  views: (k, s, errors) => ['w', 'b'].includes(k) && s.w === null && s.b === null && errors.some((e) => /^[wb][: ]/.test(e)),
};

const sameValue = (x, y) => (Array.isArray(x) || Array.isArray(y) ? JSON.stringify(x) === JSON.stringify(y) : Object.is(x, y));

/** Keys given in `hash` with their last raw value, as URLSearchParams reads them (or null). */
function pairsOf(hash) {
  try {
    return [...new URLSearchParams(String(hash).replace(/^#/, '').replaceAll('+', '%2B'))]; // as the engine: '+' is a plus
  } catch {
    return null;
  }
}

/**
 * Runs one input through target `t`; returns a list of failures (empty: fine). `limitMs` the
 * time budget of one input.
 */
export function checkHash(t, hash, limitMs = 1000) {
  const failures = [];
  const fail = (why) => failures.push(`${t.name}: ${why} (hash ${JSON.stringify(hash.slice(0, 200))}${hash.length > 200 ? '…' : ''})`);
  const previous = t.defaults();
  const t0 = performance.now();
  let r;
  try {
    r = t.parse(hash, previous);
  } catch (e) {
    fail(`parse threw ${e?.stack ?? e}`);
    return failures;
  }
  const ms = performance.now() - t0;
  if (ms > limitMs) fail(`parse took ${ms.toFixed(0)} ms`);
  const { state, errors } = r;
  if (!Array.isArray(errors) || errors.some((e) => typeof e !== 'string')) fail('errors are not a list of strings');
  if (!state || typeof state !== 'object') return fail('no state'), failures;
  // Every value of the type and bounds of schema.json (nothing from the hash gets in unchecked).
  const names = new Set(t.props.map((p) => p.name));
  for (const p of t.props) {
    const why = schemaViolation(p, state[p.name]);
    if (why) fail(`${p.name}: ${why}`);
  }
  for (const k of Object.keys(state)) if (!names.has(k)) fail(`state has a key ${JSON.stringify(k)} not in the table`);
  if (Object.getPrototypeOf(state) !== Object.prototype) fail('state prototype changed');
  // A message naming each refused key: a given key whose value did not make it into the state.
  const text = String(hash).replace(/^#/, '');
  const pairs = text.length > MAX_HASH_LENGTH ? null : pairsOf(hash);
  if (text.length > MAX_HASH_LENGTH) {
    if (!errors.some((e) => e.includes(String(MAX_HASH_LENGTH)))) fail('an over-long hash without its message');
  } else if (pairs) {
    const last = new Map();
    const count = new Map();
    for (const [k, v] of pairs) {
      last.set(k, v);
      count.set(k, (count.get(k) ?? 0) + 1);
    }
    for (const [k, v] of last) {
      const named = errors.some((e) => e.includes(k) || e.includes(quote(k).slice(1, 30)));
      if (count.get(k) > 1 && k !== 'hide' && !named) fail(`${JSON.stringify(k)} given ${count.get(k)} times without a message`);
      if (k === 'mode') continue; // the router's: checked below
      if (GLOBAL_KEYS.includes(k)) continue; // checked by the router target
      if (!names.has(k)) {
        if (!named) fail(`unknown key ${JSON.stringify(k)} without a message`);
        continue;
      }
      const p = t.props.find((x) => x.name === k);
      const one = parseAny(p, v);
      if ('error' in one) {
        if (!named) fail(`${k}=${JSON.stringify(v)} refused without a message`);
      } else if (!sameValue(one.value, state[k]) && !named && !(SILENT_FITS[t.name]?.(k, state, errors))) {
        fail(`${k}=${JSON.stringify(v)} changed to ${JSON.stringify(state[k])} without a message`);
      }
    }
    // The first `mode` is the one the router opens (modes.js modeOf); a wrong one is reported
    // by the mode that opens instead (train, modeKey 'check').
    const opened = modeOf(hash);
    const mine = t.asMode === 'gradcheck' ? 'gradcheck' : t.name;
    if (opened.mode === mine && opened.error === null && last.has('mode') && count.get('mode') > 1 &&
      !errors.some((e) => e.includes('mode'))) fail('a second mode without a message');
    if (opened.error && t.name === 'train' && !errors.some((e) => e.includes('mode'))) fail('an unknown mode without a message');
  }
  // Serialise → parse gives the same settings, without a message.
  let again;
  let hash2;
  try {
    hash2 = t.passthrough ? t.serialise(state, r.passthrough ?? []) : t.serialise(state);
    again = t.parse(hash2, t.defaults());
  } catch (e) {
    fail(`serialise / parse again threw ${e?.stack ?? e}`);
    return failures;
  }
  if (!sameState(t, again.state, state)) fail(`round trip differs: ${hash2}`);
  const own = again.errors.filter((e) => !e.startsWith('hide:') && !e.startsWith('presenter:') && !e.startsWith('embed:'));
  if (own.length) fail(`its own hash ${hash2} gives messages: ${own.join('; ')}`);
  if (/[<>"]/.test(decodeURIComponentSafe(hash2.replace(/&hide=[^&]*/g, '')))) fail(`markup in the serialised hash ${hash2}`);
  return failures;
}

function decodeURIComponentSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function sameState(t, a, b) {
  return t.props.every((p) => {
    const [x, y] = [a[p.name], b[p.name]];
    if (Array.isArray(x) || Array.isArray(y)) return JSON.stringify(x) === JSON.stringify(y);
    return Object.is(x, y);
  });
}

/** The router's keys: mode and the lesson links (hide, presenter, embed). */
export function checkRouter(hash, limitMs = 1000) {
  const failures = [];
  const fail = (why) => failures.push(`router: ${why} (hash ${JSON.stringify(hash.slice(0, 200))})`);
  const t0 = performance.now();
  try {
    const m = modeOf(hash);
    if (!Object.hasOwn(MODES, m.mode)) fail(`mode ${m.mode}`);
    if (m.error !== null && typeof m.error !== 'string') fail('mode error not text');
    if (m.error && m.error.length > 300) fail('mode error too long');
    const g = parseGlobals(hash);
    if (g.hide.length > MAX_HIDE || g.hide.some((n) => !/^[a-z][a-z0-9_]{0,39}$/.test(n))) fail(`hide ${g.hide}`);
    if (typeof g.presenter !== 'boolean' || typeof g.embed !== 'boolean') fail('flags not boolean');
    const stripped = stripGlobals(hash);
    const back = withGlobals(stripped, g);
    if (JSON.stringify(parseGlobals(back)) !== JSON.stringify(g)) fail(`lesson keys round trip: ${back}`);
    if (JSON.stringify(parseGlobals(stripped)) !== JSON.stringify({ hide: [], presenter: false, embed: false, theme: 'auto' })) {
      fail(`stripGlobals kept lesson keys: ${stripped.slice(0, 200)}`);
    }
  } catch (e) {
    fail(`threw ${e?.stack ?? e}`);
  }
  const ms = performance.now() - t0;
  if (ms > limitMs) fail(`took ${ms.toFixed(0)} ms`);
  return failures;
}

/**
 * Fuzzes every target for `seconds` each (seed `seed`): {name: {execs, failures: string[]}}.
 * `only`: a name filter.
 */
export function fuzzHashes({ seconds = 2, seed = 1, only = null, maxFailures = 20 } = {}) {
  const out = {};
  const targets = [...MODE_TARGETS, { name: 'router' }].filter((t) => !only || t.name.includes(only));
  for (const t of targets) {
    const r = rng(seed + t.name.length * 7919);
    const failures = [];
    let execs = 0;
    const run = (h) => {
      execs += 1;
      const f = t.name === 'router' ? checkRouter(h) : checkHash(t, h);
      if (failures.length < maxFailures) failures.push(...f.slice(0, maxFailures - failures.length));
    };
    const fixed = t.name === 'router' ? MODE_TARGETS.flatMap(fixedHashes) : fixedHashes(t);
    for (const h of fixed) run(h);
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      run(t.name === 'router' ? hostileHash(r.pick(MODE_TARGETS), r) : hostileHash(t, r));
    }
    out[t.name] = { execs, failures };
  }
  return out;
}

export { defaultOf, SCHEMA };
