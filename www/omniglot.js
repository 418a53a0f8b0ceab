// Omniglot (Lake et al. 2015, MIT licence: data/omniglot/LICENSE), served from data/omniglot/:
//   images_background_small1.zip / _small2.zip   alphabet/characterNN/NNNN_MM.png, 105x105 1-bit
//       PNGs (white background, black ink), 20 drawings per character; 136 and 156 characters,
//       one set at a time (URL `omniglot_set`: Greek and Latin are in both sets)
//   all_runs.zip   the one-shot benchmark: runNN/training/classNN.png, runNN/test/itemNN.png,
//       runNN/class_labels.txt (20 runs of 20-way 1-shot)
// The zips are opened here (fflate); the PNGs are decoded and the benchmark computed in the core
// (src/omniglot.rs). Used by the worker of few-shot mode only.

import { unzipSync } from 'fflate';

/** Side of an Omniglot image, pixels. */
export const SIDE = 105;
export const SETS = { small1: 'images_background_small1.zip', small2: 'images_background_small2.zip' };
export const RUNS_FILE = 'all_runs.zip';
/** Runs of the one-shot benchmark. */
export const NUM_RUNS = 20;

/** Published mean errors of the one-shot benchmark, percent (Lake et al. 2015; the repository's demo). */
export const PUBLISHED = [
  { who: 'People', error: 4.5 },
  { who: 'Bayesian Program Learning', error: 3.3 },
  { who: 'Siamese ConvNet (Koch et al.)', error: 8.0 },
  { who: 'Modified Hausdorff Distance (repository demo)', error: 38.8 },
];

const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Files `[name, bytes]` back to back: {bytes, offsets (n + 1)} for the core. */
export function pack(files) {
  const offsets = new Uint32Array(files.length + 1);
  files.forEach(([, b], i) => { offsets[i + 1] = offsets[i] + b.length; });
  const bytes = new Uint8Array(offsets[files.length]);
  files.forEach(([, b], i) => bytes.set(b, offsets[i]));
  return { bytes, offsets };
}

/**
 * The characters of one background set from its zip's bytes: {classNames ("alphabet/characterNN",
 * by name), files [[path, png]] by name, labels (Uint16Array)}.
 */
export function readBackgroundZip(zip) {
  const all = unzipSync(zip, { filter: (f) => f.name.endsWith('.png') });
  const files = Object.entries(all).sort((a, b) => byName(a[0], b[0]));
  const classOf = (path) => path.split('/').slice(-3, -1).join('/');
  const classNames = [...new Set(files.map(([p]) => classOf(p)))].sort(byName);
  const label = new Map(classNames.map((n, i) => [n, i]));
  return { classNames, files, labels: Uint16Array.from(files, ([p]) => label.get(classOf(p))) };
}

/**
 * Loader of data.js (LOADERS.omniglot): the set `limits.omniglot_set` (default small1) as a
 * 105x105 grayscale Custom dataset, up to `limits.train` / `limits.test` records in each split
 * (few-shot mode asks for all of one split and one record of the other).
 */
export async function loadOmniglot(core, pg, dir, limits, say, stale, fetchBytes) {
  const set = limits.omniglot_set ?? 'small1';
  if (!SETS[set]) throw new Error(`omniglot_set: ${JSON.stringify(set)} is not small1 or small2`);
  say(`fetching Omniglot background ${set}`);
  const zip = await fetchBytes(new URL(SETS[set], dir));
  if (stale()) return false;
  say(`decoding Omniglot background ${set}`);
  const { classNames, files, labels } = readBackgroundZip(zip);
  pg.clear_custom(SIDE, SIDE, 1, classNames);
  for (const split of ['train', 'test']) {
    const n = Math.min(files.length, limits[split]);
    const { bytes, offsets } = pack(files.slice(0, n));
    pg.load_pixels(split, core.decode_gray_pngs(bytes, offsets, SIDE, SIDE), labels.subarray(0, n));
  }
  return true;
}

/** The benchmark's runs from all_runs.zip's bytes: [{name: 'run01', files: [[local name, bytes]]}]. */
export function readRuns(zip) {
  const all = unzipSync(zip, { filter: (f) => !f.name.endsWith('/') });
  const runs = new Map();
  for (const [path, bytes] of Object.entries(all)) {
    const m = /^(run\d+)\/(.+)$/.exec(path);
    if (!m) continue;
    if (!runs.has(m[1])) runs.set(m[1], []);
    runs.get(m[1]).push([m[2], bytes]);
  }
  return [...runs.entries()].sort((a, b) => byName(a[0], b[0])).map(([name, files]) => ({ name, files }));
}

/** One run through the core: {error (percent), predicted, answers}. */
export function runOneShot(core, run, metric) {
  const { bytes, offsets } = pack(run.files);
  const r = core.oneshot_run(run.files.map(([n]) => n), bytes, offsets, metric);
  try {
    return { error: r.error_percent(), predicted: Array.from(r.predicted()), answers: Array.from(r.answers()) };
  } finally {
    r.free();
  }
}
