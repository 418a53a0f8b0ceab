// The k-NN mode: wires the settings (state.js), the URL hash and the controls to the worker pool
// (pool.js) and the renderers (ui/). Messages only update `view`; drawing happens in
// requestAnimationFrame. Every user action raises `gen`, so an older job stops at its next await.

import './knn.css';
import { renderControls } from '../../ui/controls.js';
import { frameScheduler, setText, showStatus } from '../../ui/frame.js';
import { TEMPLATE } from './view.js';
import { keepGlobals } from '../../lesson/globals.js';
import { Pool, poolSize } from './pool.js';
import { PROPS, applyEdit, fitToFiles, formatKnnValue, loadLimits, parseHash, serialiseHash, setupKey } from './state.js';
import { mountImportPanel } from '../../import/panel.js';
import { accuracy, formatMs, parseRows, randomRows, summariseCv, timingSizes, topAccuracy } from './stats.js';
import { RANKED } from '../../worker/protocol.js';
import { BOUNDS, hitPoint, makeToy, toArrays, toPlane } from './toy.js';
import { renderGallery } from './ui/gallery.js';
import { renderCvChart } from './ui/cvchart.js';
import { renderTimeChart } from './ui/timechart.js';
import { CLASS_STYLES, renderPlane } from '../../ui/plane.js';
import { createKnnDraw } from './draw.js';
import { renderHogView } from '../../ui/hog-view.js';

const NUM_FOLDS = 5;
const GALLERY_QUERIES = 4;
const TIMING_ROWS = 200; // test images per timing measurement (enough that predicting dominates)
const GRID = 200; // 2-D decision grid, cells per side

const IMPORT_HINT = 'Nearest neighbours on your own data: IDX files (.gz or raw), CIFAR-10 / CIFAR-100 ' +
  'binary batches, or images in one folder per class (a folder or a .zip). Read once, then copied ' +
  'to every worker. Files stay in this browser.';

const makeWorker = () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const fmtAcc = (v) => (v === null || v === undefined ? '' : v.toFixed(4));

export async function mount(root) {
  root.innerHTML = TEMPLATE; // fixed markup, no user text
  const $ = (testid) => root.querySelector(`[data-testid="${testid}"]`);
  const status = document.querySelector('[data-testid="status"]');
  const statusDetail = document.querySelector('[data-testid="status-detail"]');
  const build = document.querySelector('[data-testid="build"]');
  const form = root.querySelector('#knn-controls');
  document.title = 'ClassPlay — k-nearest neighbours in your browser';

  // ---- state ----------------------------------------------------------------------------------
  let settings;
  let notice = ''; // a settings problem, shown as the status until the user's next action
  let phase = 'loading'; // loading | training | idle | predicting | validating | done | error
  let phaseError = '';
  let detail = '';
  let gen = 0; // rises on every user action that makes running work stale
  let pool = null;
  let trainedKey = null; // setupKey of what the pool has memorised
  let setupJob = null; // the latest setup sent to the pool: {key, t0, promise}
  let info = null; // shapes and class names of the memorised data
  let testLabels = null;
  let simd = null;
  let recipe = null; // the user's imported data (www/import/), decoded once: every new worker adopts it
  const view = {
    train_ms: null, predict_ms: null, predict_live_since: null,
    load_ms: null, setup_ms: null, worker_ms: null, // for the benchmark (window.__knn.times)
    result: null, // {labels, acc, correct, total} of the settings' k and metric
    progress: [0, 0],
    timing: null, cv: null, cv_test: null,
    gallery: null, gallery_rows: [], gallery_draws: 0,
    // features value → {acc, subset} of the last prediction with it in this page (pixels vs features)
    feature_runs: new Map(),
  };
  const toy = { points: [], active: -1, grid: null, worker: null, busy: false, again: false, selected: 0 };
  const dirty = { controls: true, gallery: false, timing: false, cv: false, plane: true, classes: true };

  {
    const { state, errors } = parseHash(location.hash);
    settings = state;
    notice = errors.join('; ');
    history.replaceState(null, '', keepGlobals(serialiseHash(settings), location.hash));
  }

  // ---- drawing --------------------------------------------------------------------------------
  const requestDraw = frameScheduler(draw);

  function drawStatus() {
    const text = notice ? `error: ${notice}` : phase === 'error' ? `error: ${phaseError}` : phase;
    showStatus(status, statusDetail, { text, phase: notice ? 'error' : phase, detail });
  }

  function draw() {
    drawStatus();
    if (dirty.controls) {
      renderControls(form, settings, { onEdit: edit, props: PROPS.filter((p) => !p.hidden), format: formatKnnValue });
      $('k-choices').value = formatKnnValue(PROPS.find((p) => p.name === 'k_choices'), settings.k_choices);
      $('toy-classes').value = String(settings.toy_classes);
      $('gallery-rows').value = view.gallery_rows.join(', ');
      dirty.controls = false;
    }
    setText($('train-ms'), view.train_ms === null ? '' : formatMs(view.train_ms));
    const live = view.predict_live_since !== null ? performance.now() - view.predict_live_since : view.predict_ms;
    setText($('predict-ms'), live === null ? '' : formatMs(live));
    setText($('test-acc'), fmtAcc(view.result?.acc));
    // Top-5 only means something with more than 5 classes (else it is always 1).
    // On features the workers vote without a ranking (src/features/knn.rs), so there is no top-5.
    const showTop5 = (info?.class_names.length ?? 0) > RANKED && !(view.result && view.result.top5 === null);
    $('knn-top5').closest('.metric').hidden = !showTop5;
    setText($('knn-top5'), showTop5 ? fmtAcc(view.result?.top5) : '');
    setText($('test-correct'), view.result ? `${view.result.correct} / ${view.result.total}` : '');
    setText($('workers-info'), pool ? `${pool.size} × ${simd === false ? 'scalar' : 'SIMD'}` : '');
    const [doneRows, total] = view.progress;
    $('progress').value = total ? doneRows / total : 0;
    setText($('progress-text'), total ? `${doneRows} / ${total}` : '–');
    setText($('predictions'), view.result ? Array.from(view.result.labels).join(',') : '');
    if (view.feature_runs.size) {
      setText($('features-compare'), [...view.feature_runs].map(([f, r]) => `${f} ${fmtAcc(r.acc)} (${r.subset})`).join(' · '));
    }
    const featureNote = settings.features !== 'pixels'
      ? `features=${settings.features}: test accuracy, predictions and cross-validation (standardised on each ` +
        'fold’s training part) use feature distances; the gallery, timing and draw-a-digit still use pixels.'
      : '';
    $('features-note').hidden = !featureNote;
    setText($('features-note'), featureNote);
    if (dirty.timing && view.timing) {
      renderTimeChart($('time-chart'), view.timing);
      const last = view.timing.points.at(-1);
      setText($('time-note'), `${view.timing.rows} test images per measurement; at N = ${last.num_train}: ` +
        `train ${formatMs(last.train_ms)}, predict ${formatMs(last.predict_ms)}.`);
      dirty.timing = false;
    }
    if (dirty.cv && view.cv) {
      renderCvChart($('cv-chart'), view.cv);
      setText($('cv-best-k'), String(view.cv.best_k));
      setText($('cv-best-acc'), fmtAcc(view.cv.best_mean));
      $('use-best-k').disabled = view.cv.best_k === settings.k;
      dirty.cv = false;
    }
    setText($('cv-test-acc'), view.cv_test ? `${fmtAcc(view.cv_test.acc)} (${view.cv_test.correct} / ${view.cv_test.total})` +
      (showTop5 && Number.isFinite(view.cv_test.top5) ? ` · top-5 ${fmtAcc(view.cv_test.top5)}` : '') : '');
    if (dirty.gallery && view.gallery && info) {
      renderGallery($('gallery'), { ...view.gallery, height: info.height, width: info.width, class_names: info.class_names },
        { metric: view.gallery.metric });
      dirty.gallery = false;
    }
    if (dirty.classes) drawClassPicker();
    if (dirty.plane) {
      renderPlane($('plane'), { points: toy.points, grid: toy.grid, gridW: GRID, gridH: GRID }, { active: toy.active });
      const kEff = Math.min(settings.k, toy.points.length);
      setText($('plane-info'), `${toy.points.length} points · k = ${kEff}` +
        (kEff < settings.k ? ` (k = ${settings.k} capped at the number of points)` : '') +
        ` · ${settings.metric === 'l1' ? 'L1 (Manhattan)' : 'L2 (Euclidean)'}`);
      dirty.plane = false;
    }
    if (view.predict_live_since !== null) requestDraw(); // the live timer
  }

  // ---- jobs -----------------------------------------------------------------------------------
  const top5Of = (ranks) => (ranks ? topAccuracy(ranks, testLabels, RANKED, 5).acc : null);

  const fail = (e, myGen) => {
    if (e?.cancelled || myGen !== gen) return;
    phase = 'error';
    phaseError = e?.message ?? String(e);
    view.predict_live_since = null;
    requestDraw();
  };

  function makePool() {
    pool?.terminate();
    pool = new Pool(poolSize(settings.workers, navigator.hardwareConcurrency), makeWorker);
    trainedKey = null;
    setupJob = null;
    const made = pool;
    return pool.all('init').then((replies) => {
      if (recipe) return made.all('adopt', { recipe }).then(() => replies);
      return replies;
    }).then((replies) => {
      simd = replies[0].simd;
      setText(build, `wasm ${simd ? 'SIMD128' : 'scalar'}`);
      requestDraw();
    });
  }
  let poolReady = makePool();

  /**
   * Load the data and memorise the subset in every worker, unless that is done already. A setup
   * of the same subset already under way is joined rather than sent again (a Predict pressed while
   * loading must not make the workers fetch everything twice). False when superseded.
   */
  async function ensureTrained(myGen, force = false) {
    await poolReady;
    const key = setupKey(settings);
    if (!force && key === trainedKey) return true;
    if (!setupJob || setupJob.key !== key || (force && key === trainedKey)) {
      trainedKey = null;
      const job = { key, t0: performance.now() };
      job.promise = pool.setup({
        dataset: settings.dataset, limits: loadLimits(settings), base: document.baseURI,
        num_train: settings.num_train, num_test: settings.num_test, subset: settings.subset,
        seed: settings.seed, want_labels: true, label_mode: settings.label_mode, features: settings.features,
      }, (what) => {
        if (setupJob === job) {
          detail = what;
          requestDraw();
        }
      });
      setupJob = job;
    }
    const job = setupJob;
    phase = 'loading';
    requestDraw();
    const replies = await job.promise;
    if (setupJob !== job || replies.some((r) => r.stale)) return false;
    if (trainedKey !== key) {
      trainedKey = key;
      info = replies[0].info;
      importPanel.showData({ ...info, label_mode: settings.label_mode });
      testLabels = replies[0].test_labels;
      view.train_ms = Math.max(...replies.map((r) => r.train_ms));
      view.load_ms = replies.map((r) => r.load_ms);
      view.setup_ms = performance.now() - job.t0;
      detail = `${info.num_train} training · ${info.num_test} test images (${settings.subset === 'first' ? 'first N' : 'stratified'}),` +
        ` ready in ${formatMs(performance.now() - job.t0)}`;
      if (!view.gallery_rows.length || view.gallery_rows.some((r) => r >= info.num_test)) {
        view.gallery_rows = randomRows(info.num_test, GALLERY_QUERIES, settings.seed);
        dirty.controls = true;
      }
      refreshGallery();
      drawPanel.loaded(info);
    }
    return myGen === gen;
  }

  async function train() {
    const myGen = ++gen;
    pool?.cancel();
    try {
      if (!(await ensureTrained(myGen, true))) return;
      phase = 'idle';
    } catch (e) {
      fail(e, myGen);
    }
    requestDraw();
  }

  /** Label the test subset with the pool: accuracy, predictions; then the timing plot. */
  async function predict() {
    const myGen = ++gen;
    pool?.cancel();
    try {
      if (!(await ensureTrained(myGen))) return;
      phase = 'predicting';
      view.result = null;
      view.progress = [0, settings.num_test];
      view.predict_live_since = performance.now();
      requestDraw();
      const { labels, ranks, worker_ms } = await pool.predict(settings.num_test, settings.metric, settings.k, (n, total) => {
        if (myGen === gen) {
          view.progress = [n, total];
          requestDraw();
        }
      });
      if (myGen !== gen) return;
      view.predict_ms = performance.now() - view.predict_live_since;
      view.worker_ms = worker_ms;
      view.predict_live_since = null;
      view.result = { labels, ...accuracy(labels, testLabels), top5: top5Of(ranks) };
      view.feature_runs.set(settings.features, { acc: view.result.acc,
        subset: `${settings.dataset}, ${settings.num_train}/${settings.num_test}, k=${settings.k} ${settings.metric}` });
      phase = 'done';
      requestDraw();
      showHog(myGen);
      measureTiming(myGen);
    } catch (e) {
      fail(e, myGen);
    }
  }

  /** The HOG view of the first test image (worker 0). */
  async function showHog(myGen) {
    try {
      const r = await pool.ask(0, 'hog', { row: 0 });
      if (myGen === gen) renderHogView($('hog-view'), r);
    } catch (e) {
      // images smaller than one 8×8 cell have no HOG: the view stays blank, the reason in its title
      $('hog-view').title = e?.message ?? String(e);
    }
  }

  /** Predict time of a few test images against 1/8 … 1 of num_train (worker 0, after a prediction). */
  async function measureTiming(myGen) {
    try {
      const r = await pool.ask(0, 'timing', {
        sizes: timingSizes(settings.num_train), rows: TIMING_ROWS, metric: settings.metric, k: settings.k,
      });
      if (myGen !== gen) return;
      view.timing = r;
      dirty.timing = true;
      requestDraw();
    } catch (e) {
      fail(e, myGen);
    }
  }

  /** k-fold CV over k_choices on the training subset (worker 0), then the best k on the test subset. */
  async function crossValidate() {
    const edited = applyEdit(settings, 'k_choices', $('k-choices').value);
    if (edited.errors.length) {
      notice = edited.errors.join('; ');
      dirty.controls = true;
      requestDraw();
      return;
    }
    if (edited.state.k_choices.join() !== settings.k_choices.join()) {
      settings = edited.state;
      history.replaceState(null, '', keepGlobals(serialiseHash(settings), location.hash));
    }
    const myGen = ++gen;
    pool?.cancel();
    try {
      if (!(await ensureTrained(myGen))) return;
      phase = 'validating';
      view.cv = null;
      view.cv_test = null;
      requestDraw();
      const ks = settings.k_choices;
      const r = await pool.ask(0, 'cv', { metric: settings.metric, k_choices: ks, num_folds: NUM_FOLDS });
      if (myGen !== gen) return;
      view.cv = summariseCv(ks, r.accuracies, NUM_FOLDS);
      dirty.cv = true;
      phase = 'predicting';
      view.progress = [0, settings.num_test];
      requestDraw();
      const { labels, ranks } = await pool.predict(settings.num_test, settings.metric, view.cv.best_k, (n, total) => {
        if (myGen === gen) {
          view.progress = [n, total];
          requestDraw();
        }
      });
      if (myGen !== gen) return;
      view.cv_test = { ...accuracy(labels, testLabels), top5: top5Of(ranks) ?? NaN };
      if (view.cv.best_k === settings.k) view.result = { labels, ...view.cv_test, top5: top5Of(ranks) };
      phase = 'done';
      requestDraw();
    } catch (e) {
      fail(e, myGen);
    }
  }

  let galleryToken = 0;
  async function refreshGallery() {
    if (!trainedKey) return;
    const token = ++galleryToken;
    const key = trainedKey;
    const { metric, k } = settings;
    try {
      const r = await pool.ask(0, 'neighbors', { rows: view.gallery_rows, metric, k: Math.min(k, settings.num_train) });
      if (token !== galleryToken || key !== trainedKey) return;
      view.gallery = { queries: r.queries, metric };
      dirty.gallery = true;
      requestDraw();
    } catch (e) {
      if (token === galleryToken && key === trainedKey) {
        notice = e.message;
        requestDraw();
      }
    }
  }

  // ---- "Draw a digit" (draw.js): worker 0 answers with the memorised subset ----
  const drawPanel = createKnnDraw($('draw-panel'), {
    getSettings: () => settings,
    ask: (fields) => (trainedKey && pool ? pool.ask(0, 'draw', fields) : Promise.resolve(null)),
  });

  // ---- the 2-D toy ----------------------------------------------------------------------------
  function newToy() {
    toy.points = makeToy(settings.toy_classes, settings.seed).points;
    toy.selected = Math.min(toy.selected, settings.toy_classes - 1);
    dirty.classes = true;
    requestGrid();
  }

  /** Ask the toy worker for the decision grid; at most one request in flight, the latest wins. */
  function requestGrid() {
    dirty.plane = true;
    requestDraw();
    if (toy.busy) {
      toy.again = true;
      return;
    }
    if (toy.points.length === 0) {
      toy.grid = null;
      return;
    }
    toy.busy = true;
    toy.again = false;
    const { points, labels } = toArrays(toy.points);
    toyAsk('grid', {
      points, labels, k: Math.min(settings.k, toy.points.length), metric: settings.metric,
      width: GRID, height: GRID, ...BOUNDS,
    }).then((r) => {
      toy.grid = r.grid;
    }, (e) => {
      notice = `2-D toy: ${e.message}`;
    }).finally(() => {
      toy.busy = false;
      dirty.plane = true;
      requestDraw();
      if (toy.again) requestGrid();
    });
  }

  const toyPool = new Pool(1, makeWorker); // its own worker: the plane stays live during a long prediction
  const toyReady = toyPool.ask(0, 'init');
  const toyAsk = (type, fields) => toyReady.then(() => toyPool.ask(0, type, fields));

  function drawClassPicker() {
    const picker = $('class-picker');
    picker.textContent = '';
    for (let c = 0; c < settings.toy_classes; c++) {
      const label = document.createElement('label');
      label.className = 'class-option';
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = 'toy-class';
      input.value = String(c);
      input.checked = c === toy.selected;
      input.addEventListener('change', () => { toy.selected = c; });
      const swatch = document.createElement('span');
      swatch.className = `swatch marker-${CLASS_STYLES[c].marker}`;
      swatch.style.background = CLASS_STYLES[c].point;
      swatch.setAttribute('aria-hidden', 'true');
      label.append(input, swatch, document.createTextNode(` class ${c} (${CLASS_STYLES[c].name})`));
      picker.append(label);
    }
    dirty.classes = false;
  }

  const plane = $('plane');
  const canvasXY = (e) => {
    const r = plane.getBoundingClientRect();
    return { px: ((e.clientX - r.left) / r.width) * plane.width, py: ((e.clientY - r.top) / r.height) * plane.height };
  };
  plane.addEventListener('pointerdown', (e) => {
    const { px, py } = canvasXY(e);
    const hit = hitPoint(toy.points, px, py, plane.width);
    if (hit >= 0 && e.shiftKey) {
      toy.points.splice(hit, 1);
    } else if (hit >= 0) {
      toy.active = hit;
      plane.setPointerCapture(e.pointerId);
    } else {
      toy.points.push({ ...toPlane(px, py, plane.width), label: toy.selected });
    }
    requestGrid();
  });
  plane.addEventListener('pointermove', (e) => {
    if (toy.active < 0) return;
    const { px, py } = canvasXY(e);
    Object.assign(toy.points[toy.active], toPlane(px, py, plane.width));
    requestGrid();
  });
  const endDrag = () => {
    if (toy.active >= 0) {
      toy.active = -1;
      dirty.plane = true;
      requestDraw();
    }
  };
  plane.addEventListener('pointerup', endDrag);
  plane.addEventListener('pointercancel', endDrag);
  let added = 0;
  $('toy-add').addEventListener('click', () => {
    const r = randomRows(1000, 2, settings.seed + 7919 * ++added);
    toy.points.push({ x: 0.02 + 0.96 * r[0] / 1000, y: 0.02 + 0.96 * r[1] / 1000, label: toy.selected });
    requestGrid();
  });
  $('toy-remove').addEventListener('click', () => {
    toy.points.pop();
    requestGrid();
  });
  $('toy-new').addEventListener('click', newToy);
  $('toy-classes').addEventListener('change', (e) => edit('toy_classes', e.target.value));

  // ---- the user's files (www/import/): worker 0 decodes them, every worker adopts the result ----
  const importPanel = mountImportPanel(root.querySelector('#knn-import'), { hint: IMPORT_HINT, onFiles: importUserFiles });

  async function importUserFiles(files, options) {
    gen += 1;
    pool?.cancel();
    trainedKey = null;
    setupJob = null;
    phase = 'loading';
    detail = 'reading your files';
    requestDraw();
    let r;
    try {
      await poolReady;
      const p = pool;
      r = await p.ask(0, 'import', { files, options: { ...options, seed: settings.seed } },
        (what, msg) => importPanel.progress(msg));
      if (r.recipe) {
        recipe = r.recipe;
        // Worker 0 has it already; the others take a copy of the decoded data.
        await Promise.all(Array.from({ length: p.size - 1 }, (_, i) => p.ask(i + 1, 'adopt', { recipe })));
      }
    } catch (e) {
      r = { summary: null, errors: [{ file: '(import)', why: e.message }] };
    }
    importPanel.done(r);
    trainedKey = null; // the workers' data changed whatever the outcome
    setupJob = null;
    notice = '';
    applySettings(r.summary ? fitToFiles(settings, r.summary) : settings, true);
  }

  // ---- settings -------------------------------------------------------------------------------
  /** Move to `next` settings: retrain, re-predict or redraw what they change (`force`: retrain). */
  function applySettings(next, force = false) {
    const prev = settings;
    settings = next;
    history.replaceState(null, '', keepGlobals(serialiseHash(settings), location.hash));
    dirty.controls = true;
    if (prev.workers !== next.workers) {
      gen += 1;
      poolReady = makePool();
    }
    const retrain = force || setupKey(prev) !== setupKey(next) || prev.workers !== next.workers;
    const relabel = prev.k !== next.k || prev.metric !== next.metric;
    if (prev.seed !== next.seed) view.gallery_rows = [];
    if (retrain || relabel) {
      view.result = null;
      view.progress = [0, 0];
      view.predict_ms = null;
      view.predict_live_since = null;
    }
    if (retrain) {
      view.cv = null;
      view.cv_test = null;
      view.timing = null;
      train();
    } else if (relabel) {
      if (phase === 'predicting' || phase === 'validating') { // labels of the old k: stop them
        gen += 1;
        pool?.cancel();
        phase = 'idle';
      } else if (phase === 'done') {
        phase = 'idle';
      }
      refreshGallery();
      drawPanel.refresh();
    }
    if (relabel) requestGrid();
    if (prev.toy_classes !== next.toy_classes || prev.seed !== next.seed) newToy();
    requestDraw();
  }

  function edit(name, text) {
    const { state, errors } = applyEdit(settings, name, text);
    notice = errors.join('; ');
    dirty.controls = true;
    if (serialiseHash(state) !== serialiseHash(settings)) applySettings(state);
    drawStatus();
    requestDraw();
  }

  const act = (testid, fn) => $(testid).addEventListener('click', () => {
    notice = '';
    fn();
    drawStatus();
    requestDraw();
  });
  act('train', train);
  act('predict', predict);
  act('cross-validate', crossValidate);
  act('use-best-k', () => view.cv && edit('k', String(view.cv.best_k)));
  act('gallery-random', () => {
    view.gallery_rows = randomRows(settings.num_test, GALLERY_QUERIES, settings.seed + 1 + ++view.gallery_draws);
    dirty.controls = true;
    refreshGallery();
  });
  $('gallery-rows').addEventListener('change', (e) => {
    const r = parseRows(e.target.value, settings.num_test);
    notice = r.error ?? '';
    if (r.rows) {
      view.gallery_rows = r.rows;
      refreshGallery();
    }
    dirty.controls = true;
    requestDraw();
  });
  $('k-choices').addEventListener('change', (e) => edit('k_choices', e.target.value));

  window.addEventListener('hashchange', () => {
    const { state, errors } = parseHash(location.hash, settings);
    notice = errors.join('; ');
    if (serialiseHash(state) !== serialiseHash(settings)) applySettings(state);
    else history.replaceState(null, '', keepGlobals(serialiseHash(settings), location.hash));
    dirty.controls = true;
    requestDraw();
  });

  // For tests and the figures script: the latest result, read-only.
  window.__knn = {
    result: () => view.result && { ...view.result, labels: Array.from(view.result.labels) },
    // load_ms: each worker's fetch + decode (or adoption) of the data; setup_ms: the page's wait for
    // the whole setup; worker_ms: each worker's k-NN compute time (knn_predict_ranked) of the last
    // prediction; shared_memory: the last shared decode went through SharedArrayBuffers (pool.js).
    times: () => ({ train_ms: view.train_ms, predict_ms: view.predict_ms, workers: pool?.size,
      load_ms: view.load_ms, setup_ms: view.setup_ms, worker_ms: view.worker_ms, shared_memory: pool?.shared ?? null }),
  };

  // ---- start ----------------------------------------------------------------------------------
  newToy();
  requestDraw();
  if (settings.autoplay) await predict();
  else await train();
}
