// The few-shot worker: its own wasm instance (core.js picks the SIMD or scalar build), the split
// the episodes are drawn from, and the episode runs (`FewShotRun`, src/fewshot.rs). Requests are
// handled one at a time, in order; a long run or sweep works in chunks and gives up as soon as a
// newer run, sweep, setup or cancel has arrived (the runtime sees it between chunks). Runtime:
// www/worker/runtime.js; messages: www/worker/protocol.js (mode `fewshot`).

import { PROGRESS_PER_SECOND, createRuntime } from '../../worker/runtime.js';
import { dataKey, fetchBytes, labelMode, loadData } from '../../data.js';
import { importFiles, throttleProgress } from '../../import/importer.js';
import { RUNS_FILE, readRuns, runOneShot } from '../../omniglot.js';

/** Queries per class shown in the episode view (the rest are counted, not drawn). */
export const SHOWN_QUERIES = 2;

let loadedKey = null; // `${dataKey}:${split}` in pg
let viewer = null; // {key, run, drawn}: the stream the episode view draws from
let oneshotRuns = null; // all_runs.zip, read once: [{name, files}]
// features ≠ pixels (issue 12): {key: `${loadedKey}:${features}`, feats: FewShotFeatures}, the
// split's features standardised on the whole split, extracted once for every run, sweep and view.
let pool = null;

const forget = () => {
  loadedKey = null;
  viewer?.run.free();
  viewer = null;
  pool?.feats.free();
  pool = null;
};
const rt = createRuntime({
  mode: 'fewshot',
  handlers: { setup, import: importFromPage, run, episode: (msg) => episode(msg.config, msg.index), sweep, oneshot,
    cancel: () => ({}) },
  onCrash() {
    loadedKey = null;
    viewer = null; // its run lived in the crashed core
    pool = null;
  },
});
self.onmessage = ({ data }) => rt.receive(data);

/** Load the split the episodes come from (unless it is there already). */
async function setup(msg) {
  const { core, pg } = rt;
  // The user's files: no test share is held out (importFromPage), so the seed does not matter;
  // label_mode: CIFAR-100 files' fine or coarse labels.
  const config = { dataset: msg.dataset, label_mode: msg.label_mode, seed: msg.seed ?? 0 };
  const set = msg.dataset === 'omniglot' ? `:${msg.limits?.omniglot_set ?? 'small1'}` : '';
  const key = `${msg.dataset === 'files' ? dataKey(config) : msg.dataset}${set}:${msg.split}:${labelMode(config)}`;
  if (key !== loadedKey) {
    forget();
    const ok = await loadData(core, pg, config, { limits: msg.limits, base: msg.base,
      say: (what, bytes) => rt.post('loading', msg.run_id, { what, ...bytes }), stale: () => rt.stale(msg.run_id),
      signal: rt.loadSignal() });
    if (!ok) return { stale: true };
    loadedKey = key;
  }
  return {
    info: {
      dataset: msg.dataset, split: msg.split,
      height: pg.height(), width: pg.width(), channels: pg.channels(),
      class_names: Array.from(pg.class_names()),
      num_records: pg.num_records(msg.split),
    },
  };
}

/**
 * Reads the user's files into the Playground (the data before is dropped; a later `setup` with
 * dataset=files loads them again from what the import keeps). Nothing is held out: every record
 * of a split-less import can be drawn for an episode.
 */
async function importFromPage(msg) {
  forget();
  const post = throttleProgress((p) => rt.post('loading', msg.run_id, p), PROGRESS_PER_SECOND);
  const signal = rt.loadSignal(); // the Data panel's Cancel stops between files
  const progress = (...p) => { signal.throwIfAborted(); post(...p); };
  return importFiles(rt.core, rt.pg, msg.files,
    { label_mode: msg.label_mode ?? 'fine', seed: 0, ...msg.options, test_share: 0 }, progress);
}

/** A core FewShotRun for `config` (the caller frees it). Errors name the key. */
function makeRun(config) {
  if (!loadedKey) throw new Error('no data is loaded (setup first)');
  const c = config;
  const run = new rt.core.FewShotRun(rt.pg, c.split, c.n_way, c.k_shot, c.num_queries, c.num_episodes, c.metric,
    c.seed, c.episodes ?? 'within');
  if (!c.features || c.features === 'pixels') return run;
  try {
    const key = `${loadedKey}:${c.features}`;
    if (pool?.key !== key) {
      pool?.feats.free();
      pool = null;
      pool = { key, feats: new rt.core.FewShotFeatures(rt.pg, c.split, c.features) };
    }
    run.use_features(pool.feats);
    return run;
  } catch (e) {
    run.free();
    throw e;
  }
}

/**
 * Run every episode of `run` in the runtime's time-budgeted chunks, calling
 * `onChunk(accuracies, pixel_accuracies)` with the accuracies since the last call (pixel ones:
 * empty on pixels) at most PROGRESS_PER_SECOND times a second, and at the end. False when a
 * newer request made it stale.
 */
async function runAll(run, run_id, onChunk) {
  const due = rt.throttle();
  let from = run.episodes_done();
  const report = () => {
    due.mark();
    onChunk(run.accuracies(from), run.pixel_accuracies(from));
    from = run.episodes_done();
  };
  if (run.done()) return true;
  const finished = await rt.chunks((n) => run.run(rt.pg, n), {
    keepGoing: () => !rt.stale(run_id),
    onChunk() {
      if (run.done()) return report(), false;
      if (due.due()) report();
      return true;
    },
  });
  return finished && !rt.stale(run_id);
}

async function run(msg) {
  const fs = makeRun(msg.config);
  try {
    const t0 = performance.now();
    const ok = await runAll(fs, msg.run_id, (accuracies, pixel_accuracies) =>
      rt.post('progress', msg.run_id, { accuracies, pixel_accuracies, done: fs.episodes_done() }));
    return ok ? { done: fs.episodes_done(), ms: performance.now() - t0 } : { stale: true };
  } finally {
    fs.free();
  }
}

/** The K-sweep: the same episodes settings once per K; one progress reply per K. */
async function sweep(msg) {
  const points = [];
  for (const k of msg.k_values) {
    const fs = makeRun({ ...msg.config, k_shot: k });
    try {
      const accuracies = [];
      const ok = await runAll(fs, msg.run_id, (a) => accuracies.push(...a));
      if (!ok) return { stale: true };
      points.push({ k_shot: k, accuracies: Float32Array.from(accuracies) });
      rt.post('progress', msg.run_id, { k_shot: k, accuracies: Float32Array.from(accuracies) });
    } finally {
      fs.free();
    }
  }
  return { points };
}

/**
 * Episode `index` (0-based) of the run with `config`: the same draw as the run's episode `index`,
 * from a second stream with the same seed. Images: support (N·K, class by class), then up to
 * SHOWN_QUERIES queries per class with what each matched.
 */
function episode(config, index) {
  const key = JSON.stringify([loadedKey, config]);
  if (!viewer || viewer.key !== key || viewer.drawn > index) {
    viewer?.run.free();
    viewer = { key, run: makeRun(config), drawn: 0 };
  }
  let e = null;
  try {
    while (viewer.drawn <= index) {
      e?.free();
      e = viewer.run.next_episode(rt.pg);
      viewer.drawn += 1;
    }
    const img = (i) => rt.pg.image_rgba(config.split, i);
    const classes = Array.from(e.classes());
    const support = Array.from(e.support());
    const queries = Array.from(e.queries());
    const labels = Array.from(e.query_labels());
    const predicted = Array.from(e.predicted());
    const matched = Array.from(e.matched());
    const shown = [];
    for (let q = 0; q < queries.length; q++) {
      if (q % config.num_queries < SHOWN_QUERIES) shown.push(q);
    }
    return {
      index, n_way: config.n_way, k_shot: config.k_shot, num_queries: config.num_queries,
      accuracy: e.accuracy(),
      pixel_accuracy: e.pixel_accuracy() ?? null, // features ≠ pixels: the same episode on pixels
      correct: labels.filter((l, q) => predicted[q] === l).length,
      classes,
      support: support.map((record) => ({ record, rgba: img(record) })),
      queries: shown.map((q) => ({
        record: queries[q], label: labels[q], predicted: predicted[q], matched: matched[q],
        rgba: img(queries[q]),
      })),
      total_queries: queries.length,
    };
  } finally {
    e?.free();
  }
}

/**
 * Omniglot's one-shot benchmark (src/omniglot.rs): the 20 runs of all_runs.zip (fetched once,
 * relative to `base`), one run per chunk under `metric` (l1 | l2 | mhd); progress {run, error}
 * after each run → result {errors (percent, run order), ms}.
 */
async function oneshot(msg) {
  if (!oneshotRuns) {
    rt.post('loading', msg.run_id, { what: 'fetching the one-shot runs (all_runs.zip)' });
    const zip = await fetchBytes(new URL(`data/omniglot/${RUNS_FILE}`, msg.base));
    if (rt.stale(msg.run_id)) return { stale: true };
    oneshotRuns = readRuns(zip);
  }
  const runs = oneshotRuns;
  const errors = [];
  const t0 = performance.now();
  const finished = await rt.chunks(() => {
    if (errors.length === runs.length) return 0;
    const r = runOneShot(rt.core, runs[errors.length], msg.metric);
    errors.push(r.error);
    rt.post('progress', msg.run_id, { run: errors.length - 1, name: runs[errors.length - 1].name, error: r.error,
      predicted: r.predicted, answers: r.answers });
    return 1;
  }, { keepGoing: () => !rt.stale(msg.run_id) });
  return finished ? { errors, ms: performance.now() - t0 } : { stale: true };
}
