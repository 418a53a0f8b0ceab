// The training worker: owns the wasm Playground (data, weights, history) and runs SGD in short
// chunks so that pause / step / reset get through between them. Protocol: protocol.js.

import { DIVERGED_MESSAGE, PROGRESS_PER_SECOND, TO_WORKER, message } from '../../protocol.js';
import { dataLimits, loadDataset, sampleImages } from '../../data.js';
import { withTransfer } from '../../buffers.js';
import { loadCore, toTrainConfig } from '../../core.js';
import { Evaluations, algebraic, gallery } from '../../eval-views-worker.js';
import { FILES, importFiles, importKey, loadImported } from '../../import/importer.js';

/** Aim for this much training work per chunk (ms): short enough for a prompt pause. */
const CHUNK_MS = 20;
/** Sample images per class shown on the page. */
const SAMPLES_PER_CLASS = 6;

let wasm = null; // the wasm-bindgen module namespace
let memory = null; // its WebAssembly.Memory (for the transfer-safety check)
let pg = null; // the Playground
let runId = 0; // the run this worker is on (from the latest load/reset it handled)
let newestRunId = 0; // the newest run_id seen: a load for an older one gives up
let loadedKey = null; // which data is in pg: `${dataset}:${train}:${test}`
let ready = false; // setup() succeeded for runId
let running = false;
let chunkIters = 1; // iterations per train() call, adapted to CHUNK_MS
let sentUpTo = 0; // loss history entries already sent
let lastPostAt = 0;
let evalEvery = 1;
let acc = { train_acc: null, val_acc: null, acc_iteration: null };
let accSincePost = emptyAccHistory(); // every measurement since the last progress (none is skipped)
const evaluations = new Evaluations(); // the latest val / test evaluation (confusion-matrix cells)
let confusion = null; // the newest validation confusion matrix, until a progress carries it
let confusionSentAt = -Infinity;
/** While playing, the validation confusion matrix goes to the page at most this often (it is
 * measured with every accuracy evaluation; the page needs no more to look live). */
const CONFUSION_PER_SECOND = 4;
let loss = 'softmax'; // the run's loss (the gallery shows probabilities or scores)
let queue = Promise.resolve();

function post(type, fields = {}) {
  self.postMessage(...withTransfer(message(type, runId, fields), memory));
}

function errorText(e) {
  return e instanceof Error ? e.message : String(e);
}

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === TO_WORKER.load || msg.type === TO_WORKER.reset) {
    newestRunId = Math.max(newestRunId, msg.run_id);
    running = false;
  }
  if (msg.type === TO_WORKER.pause) running = false; // at once, even behind a long load
  // Handle messages one at a time, in order: a load awaits its fetches before `play` runs.
  queue = queue.then(() => handle(msg)).catch(fail);
};

function fail(e) {
  running = false;
  if (e instanceof WebAssembly.RuntimeError) {
    // A trap may leave the Playground half-updated: start over with a fresh one.
    pg = wasm ? new wasm.Playground() : null;
    loadedKey = null;
    ready = false;
  }
  post('error', { message: errorText(e) });
}

async function handle(msg) {
  switch (msg.type) {
    case TO_WORKER.init:
      return init();
    case TO_WORKER.load:
    case TO_WORKER.reset:
      return startRun(msg);
    case TO_WORKER.play:
      if (msg.run_id !== runId) return;
      if (!ready) throw new Error('no run is set up (the data did not load) — press Reset to retry');
      if (!running) {
        running = true;
        schedule(tick);
      }
      return;
    case TO_WORKER.pause:
      if (msg.run_id !== runId || !ready) return;
      running = false;
      return post('paused', { reason: 'user' });
    case TO_WORKER.import:
      return importFromPage(msg);
    case TO_WORKER.step:
      if (msg.run_id !== runId) return;
      if (!ready) throw new Error('no run is set up (the data did not load) — press Reset to retry');
      running = false;
      return step();
    case TO_WORKER.gallery:
    case TO_WORKER.cell_images:
    case TO_WORKER.algebraic:
    case TO_WORKER.export_weights:
    case TO_WORKER.import_weights:
      return view(msg);
    default:
      throw new Error(`unknown message type ${JSON.stringify(msg.type)}`);
  }
}

async function init() {
  if (wasm) return post('ready', { simd: wasm.simd_compiled() });
  ({ wasm, memory } = await loadCore());
  pg = new wasm.Playground();
  post('ready', { simd: wasm.simd_compiled() });
}

/** Load the data the config needs (unless it is there already) and set up a fresh run. */
async function startRun(msg) {
  const { config, base } = msg;
  runId = msg.run_id;
  ready = false;
  running = false;
  if (!pg) throw new Error('the wasm module is not loaded');
  const limits = dataLimits(config);
  const files = config.dataset === FILES;
  const key = files ? `${FILES}:${importKey(config)}` : `${config.dataset}:${limits.train}:${limits.test}`;
  if (key !== loadedKey) {
    loadedKey = null;
    const stale = () => newestRunId !== msg.run_id;
    const ok = files ? (loadImported(wasm, pg, config), true) : await loadDataset(wasm, pg,
      config.dataset, limits, base, (what) => post('loading', { what }), stale);
    if (!ok) return;
    loadedKey = key;
  }
  // The test records of the run (served data with subset=first is loaded as exactly those).
  if (files || config.subset === 'stratified') pg.select_test(config.subset, config.num_test, config.seed);
  if (newestRunId !== msg.run_id) return;
  const cfg = toTrainConfig(wasm, config);
  try {
    evalEvery = cfg.eval_every; // the core's default (it validates it is at least 1)
    pg.setup(cfg); // throws with the core's message if the config is invalid
  } finally {
    cfg.free(); // setup borrows the config; it lives in wasm memory until freed
  }
  ready = true;
  loss = config.loss;
  evaluations.clear();
  sentUpTo = 0;
  chunkIters = 1;
  acc = { train_acc: null, val_acc: null, acc_iteration: null };
  accSincePost = emptyAccHistory();
  post('loaded', { info: runInfo(config) });
  evaluate();
  postProgress();
}

/** Reads the user's files into the Playground (the previous data and run are dropped). */
async function importFromPage(msg) {
  if (!pg) throw new Error('the wasm module is not loaded');
  running = false;
  ready = false;
  loadedKey = null;
  let last = 0;
  const progress = (done, total, what) => {
    const now = performance.now();
    if (done < total && now - last < 1000 / PROGRESS_PER_SECOND) return;
    last = now;
    self.postMessage(message('import_progress', msg.run_id, { done, total, what }));
  };
  const { summary, errors } = await importFiles(wasm, pg, msg.files, msg.options, progress);
  self.postMessage(message('imported', msg.run_id, { summary, errors }));
}

function runInfo(config) {
  return {
    dataset: config.dataset,
    height: pg.height(),
    width: pg.width(),
    channels: pg.channels(),
    num_classes: pg.num_classes(),
    class_names: Array.from(pg.class_names()),
    num_train_used: pg.num_train_used(),
    num_val_used: pg.num_val_used(),
    num_test: pg.num_test(),
    num_iters: pg.num_iters(),
    samples: sampleImages(pg, SAMPLES_PER_CLASS),
  };
}

/** Accuracies on the fixed train sample and on the validation set, at the current iteration. */
function evaluate() {
  const val = evaluations.run(pg, 'val');
  acc = { train_acc: pg.train_acc(), val_acc: val.top1, val_top5: val.top5, acc_iteration: pg.iteration() };
  confusion = val.confusion;
  accSincePost.iterations.push(acc.acc_iteration);
  accSincePost.train_acc.push(acc.train_acc);
  accSincePost.val_acc.push(acc.val_acc);
}

function emptyAccHistory() {
  return { iterations: [], train_acc: [], val_acc: [] };
}

/** Progress with the loss since the last one; while playing (`throttled`) the newest validation
 * confusion matrix goes along at most CONFUSION_PER_SECOND times a second, otherwise always. */
function postProgress({ templates = true, throttled = false } = {}) {
  const from = sentUpTo;
  const loss = pg.loss_history(from);
  const now = performance.now();
  const withConfusion = confusion !== null && (!throttled || now - confusionSentAt >= 1000 / CONFUSION_PER_SECOND);
  const fields = {
    iteration: pg.iteration(),
    num_iters: pg.num_iters(),
    from,
    loss,
    data_loss: pg.data_loss_history(from),
    reg_loss: pg.reg_loss_history(from),
    ...acc,
    acc_history: accSincePost,
    templates: templates ? pg.templates_rgba() : null,
    confusion: withConfusion ? confusion : null, confusion_split: 'val',
  };
  accSincePost = emptyAccHistory();
  if (withConfusion) {
    confusion = null;
    confusionSentAt = now;
  }
  sentUpTo = from + loss.length;
  lastPostAt = now;
  post('progress', fields);
}

function finished() {
  return pg.iteration() >= pg.num_iters();
}

/** Report divergence and stop; the last good templates stay on the page. */
function diverge() {
  running = false;
  postProgress({ templates: false });
  post('error', { message: DIVERGED_MESSAGE });
}

function finish() {
  running = false;
  evaluate();
  postProgress();
  post('done', testFields());
}

/** The test split evaluated now: the fields of `done` and `weights_imported`. */
function testFields() {
  const test = evaluations.run(pg, 'test');
  return { test_acc: test.top1, test_top5: test.top5, test_confusion: test.confusion };
}

/** A request of the evaluation views (protocol.js); a failure is the reply's `error`, never the run's. */
function view(msg) {
  if (msg.run_id !== runId) return;
  const reply = msg.type === TO_WORKER.export_weights ? 'weights'
    : msg.type === TO_WORKER.import_weights ? 'weights_imported' : msg.type;
  try {
    if (!ready) throw new Error('no run is set up (the data did not load)');
    switch (msg.type) {
      case TO_WORKER.gallery:
        return post(reply, gallery(pg, msg.indices, loss));
      case TO_WORKER.cell_images:
        return post(reply, evaluations.cellImages(pg, msg));
      case TO_WORKER.algebraic:
        return post(reply, algebraic(pg, msg.split, msg.index));
      case TO_WORKER.export_weights:
        return post(reply, { bytes: pg.export_weights() });
      default:
        pg.import_weights(new Uint8Array(msg.bytes), msg.name);
        evaluate();
        postProgress();
        return post(reply, { name: msg.name, ...testFields() });
    }
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) throw e;
    if (msg.type === TO_WORKER.import_weights) return post('weights_import_failed', { name: msg.name, message: errorText(e) });
    const { split, row, col, index } = msg; // what the reply answers, so the page can place the error
    return post(reply, { error: errorText(e), split, row, col, index });
  }
}

/** Exactly one iteration, then everything is brought up to date. */
function step() {
  if (pg.diverged()) return diverge();
  if (finished()) return finish();
  pg.train(1);
  if (pg.diverged()) return diverge();
  if (finished()) return finish();
  evaluate();
  postProgress();
  post('paused', { reason: 'step' });
}

/**
 * One chunk of training, then yield to let messages in. A chunk ends at the next multiple of
 * eval_every, so accuracies are measured exactly there (as CS231n's solver does).
 */
function tick() {
  if (!running || !ready) return;
  try {
    const t0 = performance.now();
    const toEval = evalEvery - (pg.iteration() % evalEvery);
    const ran = pg.train(Math.min(chunkIters, toEval));
    const ms = performance.now() - t0;
    if (ran > 0) {
      // Aim the next chunk at CHUNK_MS, changing by at most a factor of two at a time.
      const next = Math.round(ran * CHUNK_MS / Math.max(ms, 0.1));
      chunkIters = Math.min(Math.max(next, Math.ceil(chunkIters / 2), 1), chunkIters * 2);
    }
    if (pg.diverged()) return diverge();
    if (ran === 0 || finished()) return finish();
    if (pg.iteration() % evalEvery === 0) evaluate();
    if (performance.now() - lastPostAt >= 1000 / PROGRESS_PER_SECOND) postProgress({ throttled: true });
    schedule(tick);
  } catch (e) {
    fail(e);
  }
}

// Yield to the event loop without setTimeout's minimum delay. At most one wake-up is in flight, so
// a Play that arrives while a tick is already scheduled does not start a second loop.
const channel = new MessageChannel();
let scheduled = null;
let wakeUpPending = false;
channel.port1.onmessage = () => {
  wakeUpPending = false;
  const fn = scheduled;
  scheduled = null;
  fn?.();
};
function schedule(fn) {
  scheduled = fn;
  if (!wakeUpPending) {
    wakeUpPending = true;
    channel.port2.postMessage(null);
  }
}
