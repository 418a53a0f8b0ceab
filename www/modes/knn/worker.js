// A k-NN worker: its own wasm instance (core.js picks the SIMD or scalar build), its own copy of
// the data, and the memorised training subset (`Playground.knn_setup`). The pool (pool.js) gives
// each worker a slice of the test subset; any worker gives the same labels for the same rows.
// Requests are handled one at a time, in order. Protocol: protocol.js.

import { loadCore } from '../../core.js';
import { loadDataset } from '../../data.js';
import { withTransfer } from '../../buffers.js';
import { FILES, adoptImport, exportImport, importFiles, importKey, loadImported, throttleProgress } from '../../import/importer.js';
import { RANKED, message } from './protocol.js';

let wasm = null; // the wasm-bindgen module namespace
let memory = null;
let pg = null; // the Playground
let loadedKey = null; // which data is in pg: `${dataset}:${train}:${test}`
let setupArgs = null; // the arguments of the current knn_setup (to restore it after timing)
let newestSetup = 0; // req of the newest setup or import seen: an older load gives up between files
let queue = Promise.resolve();
/** Import progress replies per second at most. */
const IMPORT_PROGRESS_PER_SECOND = 10;

const reply = (type, req, fields) => self.postMessage(...withTransfer(message(type, req, fields), memory));
const errorText = (e) => (e instanceof Error ? e.message : String(e));

self.onmessage = ({ data: msg }) => {
  // A newer setup or import makes a load under way pointless: it gives up between files.
  if (msg.type === 'setup' || msg.type === 'import') newestSetup = Math.max(newestSetup, msg.req);
  queue = queue.then(() => handle(msg)).then(
    (fields) => reply('result', msg.req, fields ?? {}),
    (e) => {
      if (e instanceof WebAssembly.RuntimeError && wasm) { // a trap may leave it half-updated
        pg = new wasm.Playground();
        loadedKey = null;
        setupArgs = null;
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
    case 'import': {
      // Decoded once, here; the page hands `recipe` to every pool worker with `adopt`.
      loadedKey = null;
      setupArgs = null;
      const progress = throttleProgress((p) => reply('loading', msg.req, p), IMPORT_PROGRESS_PER_SECOND);
      const r = await importFiles(wasm, pg, msg.files, { label_mode: 'fine', seed: 0, ...msg.options }, progress);
      return { ...r, recipe: r.summary ? exportImport() : null };
    }
    case 'adopt':
      adoptImport(msg.recipe);
      loadedKey = null;
      setupArgs = null;
      return {};
    case 'predict': {
      // The ranked classes (top-5 accuracy); column 0 is knn_predict's label.
      const t0 = performance.now();
      const ranks = pg.knn_predict_ranked(msg.from, msg.to, msg.metric, msg.k, RANKED);
      const labels = ranks.filter((_, i) => i % RANKED === 0);
      return { labels, ranks, ms: performance.now() - t0 };
    }
    case 'neighbors':
      return { queries: msg.rows.map((row) => neighbours(row, msg.metric, msg.k)) };
    case 'cv': {
      const t0 = performance.now();
      const accuracies = pg.knn_cross_validate(msg.metric, Uint32Array.from(msg.k_choices), msg.num_folds);
      return { accuracies, ms: performance.now() - t0 };
    }
    case 'timing':
      return timing(msg);
    case 'grid': {
      const grid = wasm.knn_grid_2d(msg.points, msg.labels, msg.k, msg.metric, msg.width, msg.height,
        msg.x0, msg.y0, msg.x1, msg.y1);
      return { grid };
    }
    default:
      throw new Error(`unknown message type ${JSON.stringify(msg.type)}`);
  }
}

/** Load the data the subset needs (unless it is there already), then memorise the subset. */
async function setup(msg) {
  const files = msg.dataset === FILES;
  // The user's files: a split-less import holds out its test share with the run's seed.
  const config = { label_mode: 'fine', seed: msg.seed };
  const key = files ? `${FILES}:${importKey(config)}` : `${msg.dataset}:${msg.limits.train}:${msg.limits.test}`;
  if (key !== loadedKey) {
    loadedKey = null;
    setupArgs = null;
    const ok = files ? (loadImported(wasm, pg, config), true) : await loadDataset(wasm, pg, msg.dataset,
      msg.limits, msg.base, (what) => reply('loading', msg.req, { what }), () => newestSetup !== msg.req);
    if (!ok) return { stale: true };
    loadedKey = key;
  }
  if (newestSetup !== msg.req) return { stale: true };
  const args = [msg.num_train, msg.num_test, msg.subset, msg.seed];
  const t0 = performance.now();
  pg.knn_setup(...args);
  const train_ms = performance.now() - t0;
  setupArgs = args;
  return {
    train_ms,
    info: {
      dataset: msg.dataset,
      height: pg.height(), width: pg.width(), channels: pg.channels(),
      class_names: Array.from(pg.class_names()),
      num_train: msg.num_train, num_test: msg.num_test,
    },
    test_labels: msg.want_labels ? pg.knn_test_labels() : null,
  };
}

/** One gallery row: the test image, its label and prediction, and its k nearest training images. */
function neighbours(row, metric, k) {
  const testIdx = pg.knn_test_indices();
  const trainIdx = pg.knn_train_indices();
  const trainLabels = pg.knn_train_labels();
  const flat = pg.knn_neighbors(row, metric, k); // [train_row, distance, …], squared for L2
  const items = [];
  for (let j = 0; j < flat.length; j += 2) {
    const trainRow = flat[j];
    items.push({
      row: trainRow,
      label: trainLabels[trainRow],
      distance: metric === 'l2' ? Math.sqrt(flat[j + 1]) : flat[j + 1],
      rgba: pg.image_rgba('train', trainIdx[trainRow]),
    });
  }
  return {
    row,
    label: pg.knn_test_labels()[row],
    predicted: pg.knn_predict(row, row + 1, metric, k)[0],
    rgba: pg.image_rgba('test', testIdx[row]),
    neighbours: items,
  };
}

/**
 * The lecture's O(1) train vs O(N) predict: for each training-subset size, the time to memorise
 * it and to predict the first `rows` test rows (repeated until 30 ms have passed, for a stable
 * figure on small sizes). Restores the current subset afterwards.
 */
function timing(msg) {
  const saved = setupArgs;
  if (!saved) throw new Error('no k-NN run is set up (press Train)');
  const [, numTest, subset, seed] = saved;
  const rows = Math.min(msg.rows, numTest);
  const points = [];
  try {
    for (const size of msg.sizes) {
      let t0 = performance.now();
      pg.knn_setup(size, numTest, subset, seed);
      const train_ms = performance.now() - t0;
      const k = Math.min(msg.k, size);
      let reps = 0;
      t0 = performance.now();
      do {
        pg.knn_predict(0, rows, msg.metric, k);
        reps += 1;
      } while (performance.now() - t0 < 30 && reps < 50);
      points.push({ num_train: size, train_ms, predict_ms: (performance.now() - t0) / reps });
    }
  } finally {
    pg.knn_setup(...saved);
  }
  return { points, rows };
}
