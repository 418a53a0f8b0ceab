// The page's modes: one entry per mode, loaded on demand. The `mode` key of the URL hash picks one
// (default `train`); each mode owns the rest of the hash, its own worker(s) and its own part of the
// page, and writes to the shared `status` element in the header. Switching mode reloads the page,
// so every mode starts from a clean slate.
//
// This file is data only (no mode's code is imported here, so a mode's state.js may import it
// without closing a loop): the router (index.js) holds the loaders. To add a mode: a folder
// www/modes/<name>/ whose index.js exports `mount(root)` (root: the empty <main> to build into),
// one line here, one loader in index.js, one test in e2e/. Its hash parser skips GLOBAL_KEYS (lesson links: `hide`, `presenter`,
// `embed`, applied by the router for every mode) and reports their problems with checkGlobalKey.
// `parts`: the names (data-key in its markup) of the mode's panels and buttons that `hide=` may
// name besides its control keys.

import { GLOBAL_KEYS, PAGE_PARTS, globalKeyErrors } from './lesson/globals.js';

export { GLOBAL_KEYS };

const LAB_PARTS = ['settings', 'sanity', 'questions', 'gradcheck', 'compare', 'search', 'sweep'];

export const MODES = {
  train: { label: 'Linear classifier',
    parts: ['buttons', 'play', 'pause', 'step', 'reset', 'data', 'settings', 'hint', 'weights', 'metrics', 'train_acc',
      'val_acc', 'test_acc', 'val_top5', 'test_top5', 'charts', 'loss_chart', 'acc_chart', 'export', 'templates',
      'confusion', 'predictions', 'algebraic', 'draw', 'samples', 'loss_history'] },
  knn: { label: 'Nearest neighbour',
    parts: ['buttons', 'settings', 'metrics', 'progress', 'time_chart', 'cross_validation', 'gallery', 'toy',
      'predictions', 'draw'] },
  race: { label: 'Race',
    parts: ['buttons', 'settings', 'surface', 'legend'] },
  lab: { label: 'Lab', parts: LAB_PARTS },
  fewshot: { label: 'Few-shot',
    parts: ['buttons', 'settings', 'caption', 'metrics', 'progress', 'run_chart', 'sweep_chart', 'episode', 'accuracies',
      'oneshot'] },
  views: { label: 'Views',
    parts: ['tabs', 'buttons', 'settings', 'metrics', 'plane', 'parameters'] },
  // The lab opened on its gradient check, which runs on load (no tab of its own).
  gradcheck: { label: 'Gradient check', tab: false, parts: LAB_PARTS },
};

/** Every name `hide=` accepts in `mode`: its control keys, its parts and the header's. */
export function hideableNames(mode, controlNames) {
  return [...controlNames, ...(MODES[mode]?.parts ?? []), ...PAGE_PARTS];
}

/** Messages for a global key's value in `mode` (whose controls are `controlNames`); [] if fine. */
export function checkGlobalKey(mode, key, raw, controlNames) {
  return globalKeyErrors(key, raw, hideableNames(mode, controlNames));
}

/** The mode named by a location hash, and an error text when it names an unknown one. */
export function modeOf(hash) {
  let name = null;
  try {
    name = new URLSearchParams(String(hash ?? '').replace(/^#/, '')).get('mode');
  } catch {
    name = null;
  }
  if (name === null || name === '') return { mode: 'train', error: null };
  if (Object.hasOwn(MODES, name)) return { mode: name, error: null };
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  return { mode: 'train', error: `unknown mode "${shown}" (one of: ${Object.keys(MODES).join(', ')})` };
}
