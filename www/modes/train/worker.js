// The training worker: owns the wasm Playground (data, weights, history) and runs SGD in short
// chunks so that pause / step / reset get through between them. Runtime: www/worker/runtime.js;
// messages: www/worker/protocol.js (mode `train`).

import { DIVERGED_MESSAGE } from '../../worker/protocol.js';
import { createRuntime } from '../../worker/runtime.js';
import { dataKey, loadData, sampleImages } from '../../data.js';
import { toTrainConfig } from '../../core.js';
import { Evaluations, algebraic, gallery } from './eval-views-worker.js';
import { drawAnswer } from './draw-worker.js';
import { FILES, importFiles } from '../../import/importer.js';

/** Sample images per class shown on the page. */
const SAMPLES_PER_CLASS = 6;
/** While playing, the validation confusion matrix goes to the page at most this often (it is
 * measured with every accuracy evaluation; the page needs no more to look live). */
const CONFUSION_PER_SECOND = 4;
const NOT_SET_UP = 'no run is set up (the data did not load) — press Reset to retry';

let runId = 0; // the run this worker is on (from the latest load/reset it handled)
let loadedKey = null; // which data is in pg (data.js loadData)
let ready = false; // setup() succeeded for runId
let running = false;
let loop = 0; // generation of the play loop: a loop of an older Play exits
let sentUpTo = 0; // loss history entries already sent
let evalEvery = 1;
let acc = { train_acc: null, val_acc: null, acc_iteration: null };
let accSincePost = emptyAccHistory(); // every measurement since the last progress (none is skipped)
const evaluations = new Evaluations(); // the latest val / test evaluation (confusion-matrix cells)
let confusion = null; // the newest validation confusion matrix, until a progress carries it
let loss = 'softmax'; // the run's loss (the gallery shows probabilities or scores)
let pixels = true; // the run sees pixels (else features: no templates, no algebraic view)

/** The run's `features` (absent in a config of before issue 12: pixels). */
const features = (config) => config.features ?? 'pixels';

const stop = () => { running = false; };
let rt = null;
let progressThrottle = null;
let confusionThrottle = null;

/** The train worker on the runtime; `env` (load, post, exit, now) lets node tests run it. */
export function startTrainWorker(env = {}) {
  rt = createRuntime({
    mode: 'train',
    reply: false,
    handlers: {
      load: startRun, reset: startRun, play, pause, step, import: importFromPage, speed: setSpeed,
      gallery: view, cell_images: view, algebraic: view, export_weights: view, import_weights: view,
      draw: view,
    },
    // At once, even behind a long load: the play loop stops before its next chunk.
    onArrive: { load: stop, reset: stop, pause: stop },
    onCrash() {
      running = false;
      ready = false;
      loadedKey = null;
    },
    ...env,
  });
  progressThrottle = rt.throttle();
  confusionThrottle = rt.throttle(CONFUSION_PER_SECOND);
  return rt;
}
if (typeof WorkerGlobalScope !== 'undefined') {
  const runtime = startTrainWorker();
  self.onmessage = ({ data }) => runtime.receive(data);
}

const post = (type, fields) => rt.post(type, runId, fields);

/** Load the data the config needs (unless it is there already) and set up a fresh run. */
async function startRun(msg) {
  const { config, base } = msg;
  const { pg, core } = rt;
  runId = msg.run_id;
  ready = false;
  running = false;
  const key = dataKey(config);
  if (key !== loadedKey) {
    loadedKey = null;
    const ok = await loadData(core, pg, config, {
      base, say: (what, bytes) => post('loading', { what, ...bytes }), stale: () => rt.stale(msg.run_id),
      signal: rt.loadSignal() });
    if (!ok) return;
    loadedKey = key;
  }
  // The test records of the run (served data with subset=first is loaded as exactly those).
  if (config.dataset === FILES || config.subset === 'stratified') pg.select_test(config.subset, config.num_test, config.seed);
  if (rt.stale(msg.run_id)) return;
  const cfg = toTrainConfig(core, config);
  try {
    evalEvery = cfg.eval_every; // the core's default (it validates it is at least 1)
    // throws with the core's message if the config is invalid; features: computed once here for
    // every loaded record, standardised on the training split (pixels: exactly `setup`)
    if (features(config) === 'pixels') pg.setup(cfg);
    else pg.setup_features(cfg, config.features);
  } finally {
    cfg.free(); // setup borrows the config; it lives in wasm memory until freed
  }
  ready = true;
  loss = config.loss;
  pixels = features(config) === 'pixels';
  evaluations.clear();
  sentUpTo = 0;
  acc = { train_acc: null, val_acc: null, acc_iteration: null };
  accSincePost = emptyAccHistory();
  post('loaded', { info: runInfo(config) });
  evaluate();
  postProgress();
}

/**
 * Reads the user's files into the Playground. Only an import that loads drops the previous data
 * and run; a failed or cancelled one keeps them (issue 11, item 12: the importer tries the files
 * in a scratch Playground), paused if it was playing.
 */
async function importFromPage(msg) {
  const wasRunning = running && ready;
  running = false;
  const keep = () => {
    if (!wasRunning) return;
    postProgress();
    post('paused', { reason: 'user' });
  };
  const due = rt.throttle();
  const signal = rt.loadSignal(); // the Data panel's Cancel (protocol cancel_load) stops between files
  const progress = (done, total, what) => {
    signal.throwIfAborted();
    if (done < total && !due.due()) return;
    due.mark();
    rt.post('import_progress', msg.run_id, { done, total, what });
  };
  let result;
  try {
    result = await importFiles(rt.core, rt.pg, msg.files, msg.options, progress);
  } catch (e) {
    keep();
    throw e;
  }
  const { summary, errors } = result;
  if (summary) {
    ready = false;
    loadedKey = null;
  } else {
    keep();
  }
  rt.post('imported', msg.run_id, { summary, errors });
}

function runInfo(config) {
  const { pg } = rt;
  // D: the values per image the classifier sees (the pixels, or F features)
  const d = pixels ? pg.height() * pg.width() * pg.channels()
    : rt.core.feature_dim(config.features, pg.height(), pg.width(), pg.channels());
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
    features: features(config),
    feature_dim: d,
    // Newton's method for this model: (D + 1)·C parameters (the bias row or vector included)
    hessian_cost: Array.from(rt.core.hessian_cost((d + 1) * pg.num_classes())),
  };
}

/** Accuracies on the fixed train sample and on the validation set, at the current iteration. */
function evaluate() {
  const { pg } = rt;
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
  const { pg } = rt;
  const from = sentUpTo;
  const history = pg.loss_history(from);
  const withConfusion = confusion !== null && (!throttled || confusionThrottle.due());
  const fields = {
    iteration: pg.iteration(),
    num_iters: pg.num_iters(),
    from,
    loss: history,
    data_loss: pg.data_loss_history(from),
    reg_loss: pg.reg_loss_history(from),
    ...acc,
    acc_history: accSincePost,
    templates: templates && pixels ? pg.templates_rgba() : null, // features: w has no image
    confusion: withConfusion ? confusion : null, confusion_split: 'val',
  };
  accSincePost = emptyAccHistory();
  if (withConfusion) {
    confusion = null;
    confusionThrottle.mark();
  }
  sentUpTo = from + history.length;
  progressThrottle.mark();
  post('progress', fields);
}

const finished = () => rt.pg.iteration() >= rt.pg.num_iters();

/** Report divergence and stop; the last good templates stay on the page. */
function diverge() {
  running = false;
  postProgress({ templates: false });
  post('error', { message: `loss diverged at iteration ${rt.pg.iteration() + 1} ${DIVERGED_MESSAGE}` });
}

function finish() {
  running = false;
  evaluate();
  postProgress();
  post('done', testFields());
}

/** The test split evaluated now: the fields of `done` and `weights_imported`. */
function testFields() {
  const test = evaluations.run(rt.pg, 'test');
  return { test_acc: test.top1, test_top5: test.top5, test_confusion: test.confusion };
}

/** A request of the evaluation views; a failure is the reply's `error`, never the run's. */
function view(msg) {
  if (msg.run_id !== runId) return;
  const { pg } = rt;
  const reply = msg.type === 'export_weights' ? 'weights'
    : msg.type === 'import_weights' ? 'weights_imported' : msg.type;
  try {
    if (!ready) throw new Error('no run is set up (the data did not load)');
    switch (msg.type) {
      case 'gallery':
        return post(reply, gallery(pg, msg.indices, loss));
      case 'cell_images':
        return post(reply, evaluations.cellImages(pg, msg));
      case 'algebraic':
        return post(reply, algebraic(pg, msg.split, msg.index));
      case 'export_weights':
        return post(reply, { bytes: pg.export_weights() });
      case 'draw':
        return post(reply, drawAnswer(rt.core, pg, msg, loss));
      default:
        pg.import_weights(new Uint8Array(msg.bytes), msg.name);
        evaluate();
        postProgress();
        return post(reply, { name: msg.name, ...testFields() });
    }
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (msg.type === 'import_weights') return post('weights_import_failed', { name: msg.name, message });
    const { split, row, col, index } = msg; // what the reply answers, so the page can place the error
    return post(reply, { error: message, split, row, col, index });
  }
}

/** Pause: the state it stopped at goes first (counter, charts, confusion matrix and Step agree). */
function pause(msg) {
  if (msg.run_id !== runId || !ready) return;
  running = false;
  postProgress();
  post('paused', { reason: 'user' });
}

/** Exactly one iteration (the next one), then everything is brought up to date. */
function step(msg) {
  if (msg.run_id !== runId) return;
  if (!ready) throw new Error(NOT_SET_UP);
  running = false;
  const { pg } = rt;
  if (pg.diverged()) return diverge();
  if (finished()) return finish();
  pg.train(1);
  if (pg.diverged()) return diverge();
  if (finished()) return finish();
  evaluate();
  postProgress();
  post('paused', { reason: 'step' });
}

/** Iterations per second of the run that is playing (0: as fast as possible). */
let speed = 0;
/** A changed pace (the `speed` setting) for the run that is playing: from now on. */
function setSpeed(msg) {
  if (msg.run_id !== runId) return;
  const next = msg.speed > 0 ? msg.speed : 0;
  if (next === speed || !running) { speed = next; return; }
  // restart the loop with the new pace (the same iterations follow either way)
  running = false;
  play({ run_id: runId, speed: next });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Play at `speed` iterations per second: each tick runs the iterations that are due by the clock
 * (never past an eval_every boundary, so accuracies are measured there as at full speed), then
 * sleeps; pause, reset and view requests get through between ticks. The same iterations in the
 * same order as at full speed: the numbers do not depend on the pace.
 */
async function paced(generation) {
  const { pg } = rt;
  const t0 = performance.now();
  const i0 = pg.iteration();
  const going = () => running && ready && generation === loop;
  while (going()) {
    const due = i0 + Math.floor(((performance.now() - t0) * speed) / 1000) - pg.iteration();
    if (due > 0) {
      const ran = pg.train(Math.min(due, evalEvery - (pg.iteration() % evalEvery)));
      if (pg.diverged()) return diverge();
      if (ran === 0 || finished()) return finish();
      if (pg.iteration() % evalEvery === 0) evaluate();
      if (progressThrottle.due()) postProgress({ throttled: true });
    }
    await sleep(Math.max(4, Math.min(100, 1000 / speed)));
  }
}

/**
 * Train in chunks of about CHUNK_MS until done, diverged, paused or reset; the loop runs beside
 * the message queue, so view requests are answered between chunks. A chunk ends at the next
 * multiple of eval_every, so accuracies are measured exactly there (as CS231n's solver does).
 */
function play(msg) {
  if (msg.run_id !== runId) return;
  if (!ready) throw new Error(NOT_SET_UP);
  if (running) return;
  running = true;
  const generation = ++loop;
  const { pg } = rt;
  speed = msg.speed > 0 ? msg.speed : 0;
  if (speed > 0) {
    paced(generation).catch((e) => {
      running = false;
      rt.fail(e, runId);
    });
    return;
  }
  rt.chunks((n) => pg.train(Math.min(n, evalEvery - (pg.iteration() % evalEvery))), {
    keepGoing: () => running && ready && generation === loop,
    onChunk(ran) {
      if (pg.diverged()) return diverge(), false;
      if (ran === 0 || finished()) return finish(), false;
      if (pg.iteration() % evalEvery === 0) evaluate();
      if (progressThrottle.due()) postProgress({ throttled: true });
      return true;
    },
  }).catch((e) => {
    running = false;
    rt.fail(e, runId);
  });
}
