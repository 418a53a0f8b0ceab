// Applies a lesson link's page-wide settings (globals.js) to the page, in any mode: hides the
// elements whose data-key the link names, and switches the presenter / embed layouts.

/** The id of the style element that hides the named parts. */
const STYLE_ID = 'lesson-hide';

/**
 * The CSS rule hiding every element whose `data-key` is one of `names` (names are snake_case,
 * checked by globals.js; a style rule also hides elements a mode builds later, and a control
 * that its own `when` shows again).
 */
export function hideRule(names) {
  if (!names.length) return '';
  return `${names.map((n) => `[data-key="${n}"]`).join(',\n')} { display: none !important; }`;
}

/**
 * Hide `g.hide`, set `data-presenter` / `data-embed` on <html> (style.css does the layout; the
 * settings controls read it to render read-only).
 */
export function applyLesson(doc, g) {
  const root = doc.documentElement;
  root.dataset.presenter = g.presenter ? '1' : '0';
  root.dataset.embed = g.embed ? '1' : '0';
  let style = doc.getElementById(STYLE_ID);
  if (!style) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    doc.head.append(style);
  }
  style.textContent = hideRule(g.hide);
}

/** The event `document` receives when the colours change (charts drawn on canvas redraw). */
export const SCHEME_EVENT = 'classplay:scheme';

/**
 * Colours (`theme` = auto | light | dark): sets `data-theme` (the choice) and `data-scheme` (what
 * is shown: light or dark; `auto` follows `prefers-color-scheme`) on <html>; style.css defines
 * the colour variables per scheme. Returns the scheme; fires SCHEME_EVENT when it changed.
 */
export function applyTheme(doc, theme, prefersDark = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches) {
  const root = doc.documentElement;
  const scheme = theme === 'dark' || (theme !== 'light' && prefersDark) ? 'dark' : 'light';
  root.dataset.theme = theme;
  const changed = root.dataset.scheme !== scheme;
  root.dataset.scheme = scheme;
  root.style.colorScheme = scheme; // form controls and scrollbars follow
  if (changed) doc.dispatchEvent(new Event(SCHEME_EVENT));
  return scheme;
}

// cssColour's answers per document, keyed by scheme and name: reading a variable through
// getComputedStyle forces a style recalculation, and charts ask on every frame while training.
const colourCache = new WeakMap();

/**
 * A CSS colour variable of the page (e.g. '--ink'), for drawings on canvas. Read once per colour
 * scheme (`data-scheme`, set by applyTheme), then from a cache.
 */
export function cssColour(name, fallback = '#000', doc = globalThis.document) {
  if (!doc) return fallback;
  let cache = colourCache.get(doc);
  if (!cache) colourCache.set(doc, (cache = new Map()));
  const key = `${doc.documentElement.dataset.scheme ?? ''}|${name}`;
  let v = cache.get(key);
  if (v === undefined) {
    v = getComputedStyle(doc.documentElement).getPropertyValue(name).trim();
    if (v) cache.set(key, v); // (empty: the stylesheet is not applied yet; ask again next time)
  }
  return v || fallback;
}

/** True when the page is in the presenter layout (settings shown, not editable). */
export function isPresenter(doc = globalThis.document) {
  return doc?.documentElement?.dataset.presenter === '1';
}

/**
 * Presenter layout, after a mode has built its page: the form controls of its settings panel
 * (inputs, selects, checkbox groups) become read-only. Buttons that run things (Play, Predict)
 * stay usable: the lecturer still drives the demo.
 */
export function lockSettings(root) {
  // (not a file picker: a link of the user's own files asks to pick them again)
  for (const el of root.querySelectorAll('.side fieldset, .side input:not([type="file"]), .side select, .side textarea')) {
    el.disabled = true;
  }
}

/**
 * The hideable parts present in the page, in page order: [{name, label}] (label: the text of the
 * control's label, else the element's aria-label or heading, else the name).
 */
export function hideableParts(doc) {
  const seen = new Map();
  for (const el of doc.querySelectorAll('[data-key]')) {
    const name = el.dataset.key;
    if (seen.has(name) || !/^[a-z][a-z0-9_]*$/.test(name)) continue;
    const labelEl = el.querySelector('label, legend, figcaption, summary, h2');
    const text = (el.dataset.keyLabel ?? el.getAttribute('aria-label') ?? labelEl?.textContent ?? el.textContent ?? '')
      .replace(/\s+/g, ' ').trim();
    seen.set(name, text.length > 60 ? `${text.slice(0, 60)}…` : text || name);
  }
  return [...seen].map(([name, label]) => ({ name, label }));
}
