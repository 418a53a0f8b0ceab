// The few-shot worker: its own wasm instance (core.js picks the SIMD or scalar build), the split
// the episodes are drawn from, and the episode runs (`FewShotRun`, src/fewshot.rs). Requests are
// handled one at a time, in order; a long run or sweep works in chunks and gives up as soon as a
// newer run, sweep, setup or cancel has arrived (onmessage sees it between chunks). Protocol:
// protocol.js.

import { loadCore } from '../../core.js';
import { loadDataset } from '../../data.js';
import { withTransfer } from '../../buffers.js';
import { FILES, importFiles, importKey, loadImported, throttleProgress } from '../../import/importer.js';
import { SUPERSEDING, message } from './protocol.js';

/** Import progress replies per second at most. */
const IMPORT_PROGRESS_PER_SECOND = 10;
/** Time one chunk of episodes may take before the worker reports and looks at its messages. */
const CHUNK_MS = 50;
/** Queries per class shown in the episode view (the rest are counted, not drawn). */
export const SHOWN_QUERIES = 2;

let wasm = null; // the wasm-bindgen module namespace
let memory = null;
let pg = null; // the Playground holding the split
let loadedKey = null; // `${dataset}:${split}` in pg
let newest = 0; // req of the newest superseding request
let viewer = null; // {key, run, drawn}: the stream the episode view draws from
let queue = Promise.resolve();

const reply = (type, req, fields) => self.postMessage(...withTransfer(message(type, req, fields), memory));
const errorText = (e) => (e instanceof Error ? e.message : String(e));
const stale = (req) => newest !== req;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

self.onmessage = ({ data: msg }) => {
  if (SUPERSEDING.includes(msg.type)) newest = Math.max(newest, msg.req);
  queue = queue.then(() => handle(msg)).then(
    (fields) => reply('result', msg.req, fields ?? {}),
    (e) => {
      if (e instanceof WebAssembly.RuntimeError && wasm) { // a trap may leave it half-updated
        pg = new wasm.Playground();
        loadedKey = null;
        viewer = null;
      }
      reply('error', msg.req, { message: errorText(e) });
    });
};

async function handle(msg) {
  if (msg.type !== 'init' && !wasm) throw new Error('the wasm module is not loaded');
  switch (msg.type) {
    case 'init':
      if (!wasm) {
        ({ wasm, memory } = await loadCore());
        pg = new wasm.Playground();
      }
      return { simd: wasm.simd_compiled() };
    case 'setup':
      return setup(msg);
    case 'import':
      return importFromPage(msg);
    case 'run':
      return run(msg);
    case 'episode':
      return episode(msg.config, msg.index);
    case 'sweep':
      return sweep(msg);
    case 'cancel':
      return {};
    default:
      throw new Error(`unknown message type ${JSON.stringify(msg.type)}`);
  }
}

/** Load the split the episodes come from (unless it is there already). */
async function setup(msg) {
  const files = msg.dataset === FILES;
  // The user's files: no test share is held out (importFromPage), so the seed does not matter.
  const config = { label_mode: 'fine', seed: msg.seed ?? 0 };
  const key = files ? `${FILES}:${importKey(config)}:${msg.split}` : `${msg.dataset}:${msg.split}`;
  if (key !== loadedKey) {
    loadedKey = null;
    viewer?.run.free();
    viewer = null;
    const ok = files ? (loadImported(wasm, pg, config), true) : await loadDataset(wasm, pg, msg.dataset,
      msg.limits, msg.base, (what) => reply('loading', msg.req, { what }), () => stale(msg.req));
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
  loadedKey = null;
  viewer?.run.free();
  viewer = null;
  const progress = throttleProgress((p) => reply('loading', msg.req, p), IMPORT_PROGRESS_PER_SECOND);
  return importFiles(wasm, pg, msg.files, { label_mode: 'fine', seed: 0, ...msg.options, test_share: 0 }, progress);
}

/** A core FewShotRun for `config` (the caller frees it). Errors name the key. */
function makeRun(config) {
  if (!loadedKey) throw new Error('no data is loaded (setup first)');
  const c = config;
  return new wasm.FewShotRun(pg, c.split, c.n_way, c.k_shot, c.num_queries, c.num_episodes, c.metric, c.seed);
}

/**
 * Run every episode of `run`, in chunks of about CHUNK_MS, calling `onChunk(accuracies)` with the
 * accuracies since the last call. False when a newer request made it stale.
 */
async function runAll(run, req, onChunk) {
  let chunk = 1;
  while (!run.done()) {
    const from = run.episodes_done();
    const t0 = performance.now();
    run.run(pg, chunk);
    const ms = performance.now() - t0;
    chunk = ms < CHUNK_MS / 2 ? Math.min(chunk * 2, 4096) : ms > CHUNK_MS * 2 ? Math.max(1, chunk >> 1) : chunk;
    onChunk(run.accuracies(from));
    await nextTask(); // let a newer request's onmessage run
    if (stale(req)) return false;
  }
  return true;
}

async function run(msg) {
  const fs = makeRun(msg.config);
  try {
    const t0 = performance.now();
    const ok = await runAll(fs, msg.req, (accuracies) =>
      reply('progress', msg.req, { accuracies, done: fs.episodes_done() }));
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
      const ok = await runAll(fs, msg.req, (a) => accuracies.push(...a));
      if (!ok) return { stale: true };
      points.push({ k_shot: k, accuracies: Float32Array.from(accuracies) });
      reply('progress', msg.req, { k_shot: k, accuracies: Float32Array.from(accuracies) });
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
      e = viewer.run.next_episode(pg);
      viewer.drawn += 1;
    }
    const img = (i) => pg.image_rgba(config.split, i);
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
