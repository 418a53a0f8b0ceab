// The router: reads the mode from the URL hash (modes.js, default `train`), builds the mode tabs,
// applies lesson links, loads that mode's module and calls its `mount(root)`. It only routes:
// everything a mode shows lives in www/modes/<mode>/.

import 'uplot/dist/uPlot.min.css';
import './style.css';
import { MODES, modeOf } from './modes.js';
import { globalsDiffer, parseGlobals, withGlobals } from './lesson/globals.js';
import { applyLesson, applyTheme, lockSettings } from './lesson/apply.js';
import { installShortcuts } from './ui/shortcuts.js';
import { mountShare } from './lesson/share.js';
import { addPngButtons } from './export/figures.js';
import { mountLoadProgress } from './ui/load-progress.js';

const { mode } = modeOf(location.hash);
document.body.dataset.mode = mode;

// Lesson links (hide=…, presenter=1, embed=1) work the same in every mode; changing them reloads.
const openedWith = location.hash;
const lesson = parseGlobals(openedWith);
applyLesson(document, lesson);
mountShare(document.getElementById('share'), lesson);

// Colours (theme=auto|light|dark, a global key): applied now, on every hash change and, in auto,
// when the system switches; the picker writes the hash without reloading.
const themePicker = document.querySelector('[data-testid="theme"]');
const themeOf = () => parseGlobals(location.hash).theme;
const showTheme = () => {
  const theme = themeOf();
  applyTheme(document, theme);
  themePicker.value = theme;
};
showTheme();
window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', showTheme);
themePicker.addEventListener('change', () => {
  const hash = withGlobals(location.hash, { ...parseGlobals(location.hash), theme: themePicker.value });
  history.replaceState(null, '', hash === '#' ? location.pathname + location.search : hash);
  showTheme();
});

// Space / S / R on the training controls of every mode that marks them, ? for the help.
installShortcuts(document, {
  help: document.querySelector('[data-testid="shortcuts-help"]'),
  open: document.querySelector('[data-testid="shortcuts-button"]'),
});

mountLoadProgress(document.querySelector('[data-testid="load-progress"]'));

// Offline after the first visit: the service worker (built by Workbox, webpack.config.js)
// precaches the page's code; the data's cache is data.js's (Cache API).
if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => { /* the page works without it */ });
  });
}

// Each mode's last settings in this tab (sessionStorage): a tab goes back to the settings it was
// left with, not to the defaults (issue 11: coming back to train reset its settings).
const lastHashKey = (name) => `classplay:last-hash:${name}`;
const remember = () => {
  try {
    sessionStorage.setItem(lastHashKey(mode), location.hash);
  } catch { /* storage off: tabs open at the defaults */ }
};
const recalled = (name) => {
  try {
    const h = sessionStorage.getItem(lastHashKey(name));
    return h && modeOf(h).mode === name && !modeOf(h).error ? h : null;
  } catch {
    return null;
  }
};

const nav = document.getElementById('modes');
for (const [name, m] of Object.entries(MODES)) {
  if (m.tab === false) continue;
  const a = document.createElement('a');
  a.href = `#mode=${name}`;
  a.textContent = m.label;
  a.dataset.testid = `mode-${name}`;
  if (name === mode) a.setAttribute('aria-current', 'page');
  a.addEventListener('click', () => {
    remember();
    const h = recalled(name);
    if (h && name !== mode) a.href = h; // recalled() checked that it opens `name`
  });
  nav.append(a);
}
window.addEventListener('pagehide', remember);

window.addEventListener('hashchange', () => {
  if (modeOf(location.hash).mode !== mode || globalsDiffer(location.hash, openedWith)) location.reload();
  else showTheme();
});

/** Each mode's code, loaded on demand: a module whose `mount(root)` builds the mode into `root`. */
const LOADERS = {
  train: () => import('./modes/train/index.js'),
  knn: () => import('./modes/knn/index.js'),
  race: () => import('./modes/race/index.js'),
  lab: () => import('./modes/lab/index.js'),
  fewshot: () => import('./modes/fewshot/index.js'),
  views: () => import('./modes/views/index.js'),
  gradcheck: () => import('./modes/lab/index.js'), // the lab opened on its gradient check
};

async function start() {
  const root = document.getElementById('mode-root');
  root.hidden = false;
  const module = await LOADERS[mode]();
  const mounted = module.mount(root);
  if (mode !== 'train') addPngButtons(root, mode); // train has its own Export panel
  await mounted;
  if (lesson.presenter) lockSettings(document);
}

start().catch((e) => {
  const status = document.querySelector('[data-testid="status"]');
  status.textContent = `error: ${e?.message ?? e}`;
  status.dataset.phase = 'error';
});
