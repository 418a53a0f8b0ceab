// The page-wide URL keys of lesson links, the same in every mode: `hide` (names of controls and
// panels to hide: a lecturer's focused demo), `presenter=1` (read-only, large type, for a
// projector), `embed=1` (no header chrome, for an iframe in slides) and `theme=auto|light|dark`
// (colours; `auto`, the default, follows the system; applied live, without a reload). The router (index.js)
// applies them; each mode's hash parser skips them (modes.js GLOBAL_KEYS) and reports bad values
// through `globalKeyErrors`, so they show in the status line like any other URL problem.
//
// Pure functions of strings (node-tested in www/test/lesson-globals.test.js).

/** The keys every mode accepts besides its own (and besides `mode`). */
export const GLOBAL_KEYS = ['hide', 'presenter', 'embed', 'theme'];

/** The values of `theme`; the first is the default (follow the system's light / dark setting). */
export const THEMES = ['auto', 'light', 'dark'];

/** A `theme` value: {value} or {error}. */
function parseTheme(raw) {
  if (THEMES.includes(raw)) return { value: raw };
  return { error: `theme: ${quote(raw)} is not ${THEMES.slice(0, -1).join(', ')} or ${THEMES.at(-1)}` };
}

/** Parts of the shared header every mode has, hideable by name (data-key in index.html). */
export const PAGE_PARTS = ['title', 'modes', 'copy_link', 'lesson', 'build', 'theme', 'shortcuts'];

/** A hideable name: the snake_case of the URL keys. Longer or other text is refused. */
const NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** Most names in one `hide` (every control and panel of the largest mode is below this). */
export const MAX_HIDE = 80;

const quote = (s) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** 0/1 (or false/true) of a flag key: {value} or {error}. */
function parseFlag(key, raw) {
  if (raw === '1' || raw === 'true') return { value: true };
  if (raw === '0' || raw === 'false' || raw === '') return { value: false };
  return { error: `${key}: ${quote(raw)} is not 0 or 1` };
}

/** The names in a `hide` value (comma-separated, blanks ignored): {names} or {error}. */
function parseHideList(raw) {
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length > MAX_HIDE) return { error: `hide: more than ${MAX_HIDE} names` };
  const bad = names.find((n) => !NAME.test(n));
  if (bad !== undefined) return { error: `hide: ${quote(bad)} is not a control or panel name (snake_case)` };
  return { names };
}

/**
 * Problems of one global key's value for a mode whose hideable names are `known` (its control
 * keys, its panels and PAGE_PARTS). Every unknown name is quoted, never silently accepted.
 * @returns {string[]} messages naming the key
 */
export function globalKeyErrors(key, raw, known) {
  if (key === 'presenter' || key === 'embed') {
    const r = parseFlag(key, raw);
    return 'error' in r ? [r.error] : [];
  }
  if (key === 'theme') {
    const r = parseTheme(raw);
    return 'error' in r ? [r.error] : [];
  }
  if (key !== 'hide') return [`unknown key ${quote(key)}`];
  const r = parseHideList(raw);
  if ('error' in r) return [r.error];
  const unknown = r.names.filter((n) => !known.includes(n));
  if (!unknown.length) return [];
  return [`hide: ${unknown.map(quote).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not ` +
    'a control or panel of this mode (the Lesson link dialog lists them)'];
}

/**
 * The lesson settings of a hash, leniently: bad values are left out (the mode's parser reports
 * them). `hide` may be given several times; names are kept in first-seen order, once.
 * @returns {{hide: string[], presenter: boolean, embed: boolean, theme: string}}
 */
export function parseGlobals(hash) {
  const out = { hide: [], presenter: false, embed: false, theme: THEMES[0] };
  let params;
  try {
    params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  } catch {
    return out;
  }
  for (const [key, raw] of params) {
    if (key === 'hide') {
      const r = parseHideList(raw);
      if ('names' in r) for (const n of r.names) if (!out.hide.includes(n)) out.hide.push(n);
    } else if (key === 'presenter' || key === 'embed') {
      const r = parseFlag(key, raw);
      if ('value' in r) out[key] = r.value;
    } else if (key === 'theme') {
      const r = parseTheme(raw);
      if ('value' in r) out.theme = r.value;
    }
  }
  out.hide = out.hide.slice(0, MAX_HIDE);
  return out;
}

/** The hash without its global keys (the mode's own settings), '#' kept. */
export function stripGlobals(hash) {
  const text = String(hash ?? '').replace(/^#/, '');
  const kept = text.split('&').filter((pair) => pair !== '' && !GLOBAL_KEYS.includes(decodeKey(pair)));
  return '#' + kept.join('&');
}

function decodeKey(pair) {
  const key = pair.split('=')[0];
  try {
    return decodeURIComponent(key.replaceAll('+', ' '));
  } catch {
    return key;
  }
}

/** `hash` (global keys dropped) with the lesson settings `g` appended: hide, presenter, embed, theme. */
export function withGlobals(hash, g) {
  const parts = [];
  if (g.hide?.length) parts.push(`hide=${g.hide.join(',')}`); // names are [a-z0-9_]: no escaping
  if (g.presenter) parts.push('presenter=1');
  if (g.embed) parts.push('embed=1');
  if (g.theme && g.theme !== THEMES[0]) parts.push(`theme=${g.theme}`); // a value of THEMES: no escaping
  const base = stripGlobals(hash);
  if (!parts.length) return base;
  return base === '#' ? `#${parts.join('&')}` : `${base}&${parts.join('&')}`;
}

/** The new hash a mode writes, with the lesson keys of the current one (`from`) kept. */
export function keepGlobals(hash, from) {
  return withGlobals(hash, parseGlobals(from));
}

/**
 * True when two hashes ask for different lesson settings (the router reloads the page then).
 * `theme` does not count: it is applied live.
 */
export function globalsDiffer(a, b) {
  const g = (h) => JSON.stringify({ ...parseGlobals(h), theme: undefined });
  return g(a) !== g(b);
}
