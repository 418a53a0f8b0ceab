// The page's modes: one entry per mode, loaded on demand. The `mode` key of the URL hash picks one
// (default `train`); each mode owns the rest of the hash, its own worker(s) and its own part of the
// page, and writes to the shared `status` element in the header. Switching mode reloads the page,
// so every mode starts from a clean slate.
//
// To add a mode: a module exporting `mount(root)` (root: the empty <main> to build into), one line
// here, one test in e2e/.

export const MODES = {
  train: { label: 'Linear classifier', load: () => import('./main.js') },
  knn: { label: 'Nearest neighbour', load: () => import('./modes/knn/index.js') },
  race: { label: 'Race', load: () => import('./modes/race/index.js') },
  lab: { label: 'Lab', load: () => import('./modes/lab/index.js') },
  fewshot: { label: 'Few-shot', load: () => import('./modes/fewshot/index.js') },
  views: { label: 'Views', load: () => import('./modes/views/index.js') },
  // The lab opened on its gradient check, which runs on load (no tab of its own).
  gradcheck: { label: 'Gradient check', load: () => import('./modes/lab/index.js'), tab: false },
};

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
