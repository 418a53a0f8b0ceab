// A k-NN worker: its own wasm instance (core.js picks the SIMD or scalar build), its own copy of
// the data, and the memorised training subset (`Playground.knn_setup`). The pool (pool.js) gives
// each worker a slice of the test subset; any worker gives the same labels for the same rows.
// A served dataset is fetched and decoded once for the pool, each worker decoding a part; every
// worker then adopts the joined records (`records`, pool.js setup, share.js).
// Runtime (queue, stale setups, crash recovery): www/worker/runtime.js; messages:
// www/worker/protocol.js (mode `knn`).

import { PROGRESS_PER_SECOND, createRuntime } from '../../worker/runtime.js';
import { RANKED } from '../../worker/protocol.js';
import { SERVED, dataKey, loadData } from '../../data.js';
import { adoptRecords, exportRecords } from './share.js';
import { adoptImport, exportImport, importFiles, throttleProgress } from '../../import/importer.js';

let loadedKey = null; // which data is in pg (data.js dataKey)
let setupArgs = null; // the arguments of the current knn_setup (to restore it after timing)
// features ≠ pixels (issue 12): {features, f, x_train (num_train, F), x_test (num_test, F), y_train},
// standardised on the training subset (Playground.knn_features); null on the pixel path.
let feats = null;
const forget = () => {
  loadedKey = null;
  setupArgs = null;
  feats = null;
};
const rt = createRuntime({
  mode: 'knn',
  handlers: {
    setup,
    // Decoded once, here; the page hands `recipe` to every pool worker with `adopt`.
    async import(msg, r) {
      forget();
      const post = throttleProgress((p) => r.post('loading', msg.run_id, p), PROGRESS_PER_SECOND);
      const signal = r.loadSignal(); // the Data panel's Cancel stops between files
      const progress = (...p) => { signal.throwIfAborted(); post(...p); };
      const res = await importFiles(r.core, r.pg, msg.files, { label_mode: msg.label_mode ?? 'fine', seed: 0, ...msg.options }, progress);
      return { ...res, recipe: res.summary ? exportImport() : null };
    },
    adopt(msg) {
      adoptImport(msg.recipe);
      forget();
      return {};
    },
    // This worker's part of a served dataset, fetched and decoded here, for every pool worker
    // (pool.js joins the parts and hands them out with `setup`); the data here is then partial.
    async records(msg, r) {
      forget();
      const config = { dataset: msg.dataset, label_mode: msg.label_mode, seed: msg.seed };
      const ok = await loadData(r.core, r.pg, config, { limits: msg.limits, base: msg.base, part: msg.part,
        say: (what, bytes) => r.post('loading', msg.run_id, { what, ...bytes }), stale: () => r.stale(msg.run_id),
        signal: r.loadSignal() });
      if (!ok) return { stale: true };
      return exportRecords(r.pg, dataKey(config, msg.limits), { shared: false }); // the page joins the parts
    },
    predict(msg, r) {
      const t0 = performance.now();
      if (feats) { // exact f32 k-NN on the features (src/features/knn.rs); no ranking, so no top-5
        const { f } = feats;
        const labels = r.core.knn_predict_features(feats.x_train, feats.y_train,
          feats.x_test.subarray(msg.from * f, msg.to * f), f, msg.metric, msg.k);
        return { labels, ranks: null, ms: performance.now() - t0 };
      }
      // The ranked classes (top-5 accuracy); column 0 is knn_predict's label.
      const ranks = r.pg.knn_predict_ranked(msg.from, msg.to, msg.metric, msg.k, RANKED);
      const labels = ranks.filter((_, i) => i % RANKED === 0);
      return { labels, ranks, ms: performance.now() - t0 };
    },
    neighbors: (msg) => ({ queries: msg.rows.map((row) => neighbours(row, msg.metric, msg.k)) }),
    cv(msg, r) {
      const t0 = performance.now();
      const ks = Uint32Array.from(msg.k_choices);
      // features ≠ pixels: the training subset's features, standardised on each fold's training
      // part only (src/features/knn.rs cross_validate), exact f32 k-NN.
      const accuracies = feats
        ? r.pg.knn_cross_validate_features(feats.features, msg.metric, ks, msg.num_folds)
        : r.pg.knn_cross_validate(msg.metric, ks, msg.num_folds);
      return { accuracies, ms: performance.now() - t0 };
    },
    // The HOG view: test-subset row `row`'s picture and HOG cells (any features setting).
    hog(msg, r) {
      const { pg } = r;
      const index = pg.knn_test_indices()[msg.row];
      return { rgba: pg.image_rgba('test', index), cells: pg.hog_cells('test', index), height: pg.height(), width: pg.width() };
    },
    timing,
    draw,
    grid: (msg, r) => ({ grid: r.core.knn_grid_2d(msg.points, msg.labels, msg.k, msg.metric, msg.width, msg.height,
      msg.x0, msg.y0, msg.x1, msg.y1) }),
  },
  onCrash: forget,
});
self.onmessage = ({ data }) => rt.receive(data);

/** Load the data the subset needs (unless it is there already), then memorise the subset. */
async function setup(msg, r) {
  const { pg } = r;
  // label_mode: CIFAR-100 files' fine or coarse labels; a split-less import holds out its test
  // share with the run's seed.
  const config = { dataset: msg.dataset, label_mode: msg.label_mode, seed: msg.seed };
  const key = dataKey(config, msg.limits);
  const tLoad = performance.now();
  if (key !== loadedKey) {
    forget();
    if (msg.records) { // the pool's decoded records (pool.js): no fetch, no decode here
      if (r.stale(msg.run_id)) return { stale: true };
      if (msg.records.key !== key) throw new Error('the shared data is not the data this setup needs (press Train again)');
      adoptRecords(pg, msg.records);
      loadedKey = key;
    } else if (msg.await_records && Object.hasOwn(SERVED, msg.dataset)) {
      return { need_records: true }; // the pool has the parts decoded, then sends the setup again
    }
  }
  if (key !== loadedKey) {
    const ok = await loadData(r.core, pg, config, { limits: msg.limits, base: msg.base,
      say: (what, bytes) => r.post('loading', msg.run_id, { what, ...bytes }), stale: () => r.stale(msg.run_id),
      signal: r.loadSignal() });
    if (!ok) return { stale: true };
    loadedKey = key;
  }
  if (r.stale(msg.run_id)) return { stale: true };
  const load_ms = performance.now() - tLoad;
  const args = [msg.num_train, msg.num_test, msg.subset, msg.seed];
  const t0 = performance.now();
  pg.knn_setup(...args);
  const train_ms = performance.now() - t0;
  setupArgs = args;
  feats = null;
  if (msg.features && msg.features !== 'pixels') {
    const x = pg.knn_features(msg.features);
    const f = r.core.feature_dim(msg.features, pg.height(), pg.width(), pg.channels());
    const split = msg.num_train * f;
    feats = { features: msg.features, f, x_train: x.subarray(0, split), x_test: x.subarray(split), y_train: pg.knn_train_labels() };
  }
  const feature_ms = performance.now() - t0 - train_ms;
  return {
    feature_ms,
    train_ms,
    load_ms,
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
  const { pg } = rt;
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

/** "Draw a digit": the pad's ink framed like MNIST (src/data/drawing.rs), its k nearest training
 * images under `metric` (exact distances, as `neighbors`) and their vote. */
function draw(msg) {
  const { pg, core } = rt;
  const framed = core.frame_drawing(new Uint8Array(msg.ink), msg.height, msg.width);
  const flat = pg.draw_knn(framed, msg.metric, msg.k); // [label, train_row, distance, …]
  const trainIdx = pg.knn_train_indices();
  const trainLabels = pg.knn_train_labels();
  const neighbours = [];
  for (let j = 1; j < flat.length; j += 2) {
    neighbours.push({
      row: flat[j],
      label: trainLabels[flat[j]],
      distance: msg.metric === 'l2' ? Math.sqrt(flat[j + 1]) : flat[j + 1],
      rgba: pg.image_rgba('train', trainIdx[flat[j]]),
    });
  }
  return { framed, label: flat[0], neighbours, height: pg.height(), width: pg.width() };
}

/**
 * The lecture's O(1) train vs O(N) predict: for each training-subset size, the time to memorise
 * it and to predict the first `rows` test rows (repeated until 30 ms have passed, for a stable
 * figure on small sizes). Restores the current subset afterwards.
 */
function timing(msg) {
  const { pg } = rt;
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
