// Entry point: reads the mode from the URL hash (modes.js), builds the mode tabs, and loads that
// mode's module. The linear-classifier page (main.js) is the default mode.

import 'uplot/dist/uPlot.min.css';
import './style.css';
import { MODES, modeOf } from './modes.js';
import { globalsDiffer, parseGlobals } from './lesson/globals.js';
import { applyLesson, lockSettings } from './lesson/apply.js';
import { mountShare } from './lesson/share.js';
import { addPngButtons } from './export/figures.js';

const { mode } = modeOf(location.hash);
document.body.dataset.mode = mode;

// Lesson links (hide=…, presenter=1, embed=1) work the same in every mode; changing them reloads.
const openedWith = location.hash;
const lesson = parseGlobals(openedWith);
applyLesson(document, lesson);
mountShare(document.getElementById('share'), lesson);

const nav = document.getElementById('modes');
for (const [name, m] of Object.entries(MODES)) {
  if (m.tab === false) continue;
  const a = document.createElement('a');
  a.href = `#mode=${name}`;
  a.textContent = m.label;
  a.dataset.testid = `mode-${name}`;
  if (name === mode) a.setAttribute('aria-current', 'page');
  nav.append(a);
}

window.addEventListener('hashchange', () => {
  if (modeOf(location.hash).mode !== mode || globalsDiffer(location.hash, openedWith)) location.reload();
});

async function start() {
  if (mode !== 'train') {
    // Each mode builds its own view; the linear-classifier layout is not in its way (no duplicate
    // data-testids on the page).
    document.getElementById('train-view').remove();
    const root = document.getElementById('mode-root');
    root.hidden = false;
    const module = await MODES[mode].load();
    const mounted = module.mount(root);
    addPngButtons(root, mode); // the mode's markup is in place once mount's first part ran
    await mounted;
  } else {
    document.getElementById('mode-root').remove();
    await MODES.train.load(); // it reports an unknown mode along with the rest of the hash
  }
  if (lesson.presenter) lockSettings(document);
}

start().catch((e) => {
  const status = document.querySelector('[data-testid="status"]');
  status.textContent = `error: ${e?.message ?? e}`;
  status.dataset.phase = 'error';
});
