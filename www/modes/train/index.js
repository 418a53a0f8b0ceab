// The page: wires the settings (state.js), the URL hash, the controls and the renderers to the
// training worker. All drawing happens in requestAnimationFrame; messages only update `run`.

import { TO_MAIN, TO_WORKER } from '../../worker/protocol.js';
import { WorkerClient } from '../../worker/client.js';
import { applyEdit, defaults, formatValue, parseHash, prop, serialiseHash, trainConfig } from './state.js';
import { formatF32 } from '../../f32.js';
import { keepGlobals } from '../../lesson/globals.js';
import { mountTrainExport } from '../../export/train.js';
import { renderControls } from '../../ui/controls.js';
import { frameScheduler, setText, showStatus } from '../../ui/frame.js';
import { renderAccuracyChart, renderLossChart } from '../../ui/charts.js';
import { renderTemplates } from '../../ui/templates.js';
import { renderSamples } from '../../ui/samples.js';
import { createEvalViews } from './eval-views.js';
import { mountImportPanel } from '../../import/panel.js';
import { fitNote, fitToData } from '../../import/fit.js';
import { importedLine } from '../../ui/weights-io.js';
import { TEMPLATE } from './markup.js';
import { createTrainDraw } from './draw.js';

/**
 * Build the train mode into `root` (the router's empty <main>) and start it: the settings from the
 * hash, the worker, the first run (and Play with autoplay=1).
 */
/** Big counts in words: 944 million, 3.78 GB, 1.9·10¹³. */
const SUP = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const sci = (v) => { const e = Math.floor(Math.log10(v)); return `${(v / 10 ** e).toFixed(1)}·10${String(e).replace(/./g, (c) => SUP[c])}`; };
const bytes = (b) => (b >= 1e12 ? `${(b / 1e12).toPrecision(3)} TB` : b >= 1e9 ? `${(b / 1e9).toPrecision(3)} GB` : `${(b / 1e6).toPrecision(3)} MB`);
const count = (n) => (n >= 1e9 ? `${(n / 1e9).toPrecision(3)} billion` : n >= 1e6 ? `${(n / 1e6).toPrecision(3)} million` : n.toLocaleString('en-US'));

/** Why Newton's method is impractical here (the core's hessian_cost for (D + 1)·C parameters). */
export function hessianCostText(info) {
  const [params, entries, f32Bytes, flops] = info.hessian_cost ?? [];
  if (!(params > 0)) return '';
  const d = info.feature_dim ?? info.height * info.width * info.channels; // F on features
  return `Newton's method on this model: ${params.toLocaleString('en-US')} parameters ((${d.toLocaleString('en-US')} + 1)·${info.num_classes}) → ` +
    `a Hessian of ${count(entries)} entries = ${bytes(f32Bytes)} in f32, and ≈ ${sci(flops)} flops to invert it at every step. ` +
    'L-BFGS keeps a few vector pairs instead.';
}

export async function mount(root) {
  root.id = 'train-view';
  root.className = 'layout';
  root.innerHTML = TEMPLATE;

  const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);
  const form = document.getElementById('controls');
  /** Draw in the next animation frame (once, however many messages ask). Defined before anything that
   * may call it; `draw` is a hoisted function declaration below. */
  const requestDraw = frameScheduler(draw);

  // ---- state ------------------------------------------------------------------------------------

  let settings = defaults();
  let runId = 0;
  let wantRunning = false; // the user asked to train (Play) and nothing has stopped it since
  let phase = 'loading'; // idle | loading | training | paused | done | error
  let phaseError = ''; // the message when phase is 'error'
  let notice = ''; // a settings problem, shown as the status until the user's next action
  let detail = ''; // a second line under the status (what is loading, data sizes)
  let filesNote = ''; // after an import: the settings it changed, added to the next `loaded` detail
  let run = emptyRun(null);
  // features → {test_acc, dataset} of the last finished run with them in this page (pixels vs features)
  const featureRuns = new Map();
  const dirty = { controls: true, charts: true, templates: true, samples: false };
  let historyShownAt = 0;
  let historyShown = { list: null, count: 0 }; // the history_text chunks the element holds

  /** The loss-history element: new chunks are appended (work per frame ∝ new iterations, not the
   * whole run); a new run or a cut history rebuilds it. */
  function showHistory() {
    const el = $('loss-history');
    const list = run.history_text;
    if (historyShown.list !== list || historyShown.count > list.length) {
      el.textContent = list.join(',');
    } else {
      for (let i = historyShown.count; i < list.length; i++) el.append(i === 0 ? list[i] : `,${list[i]}`);
    }
    historyShown = { list, count: list.length };
  }

  function emptyRun(info) {
    return {
      info, // from the worker's `loaded`: shapes, class names, sample images
      iteration: 0,
      num_iters: info?.num_iters ?? settings.num_iters,
      loss: [], data_loss: [], reg_loss: [],
      // loss values already formatted for the loss-history element, one comma-joined string per
      // progress message (a 100 000-iteration run keeps ~1 MB of text, not 100 000 strings)
      history_text: [],
      acc: { iterations: [], train_acc: [], val_acc: [] },
      train_acc: null, val_acc: null, test_acc: null,
      templates: null,
    };
  }

  // ---- the worker -------------------------------------------------------------------------------

  const worker = new WorkerClient(() => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
    { name: 'the training worker', mode: 'train' });
  const send = (type, fields) => worker.post(type, runId, fields);

  // ---- the user's files (www/import/): the worker reads them; a new run starts on `files` ----

  const importPanel = mountImportPanel(document.getElementById('import-panel'), {
    onFiles(files, options) {
      importing = true;
      send(TO_WORKER.import, { files, options: { ...options, label_mode: settings.label_mode, seed: settings.seed } });
    },
  });

  let importing = false; // an import is being read by the worker
  function imported(msg) {
    importing = false;
    importPanel.done(msg);
    // Nothing loaded: the worker kept its data and run (issue 11, item 12), so the page keeps its
    // run, charts and numbers; only after a crash (a fresh worker) is the data in use loaded again.
    if (!msg.summary) return msg.crashed ? startRun(TO_WORKER.reset) : undefined;
    const before = settings;
    const files = applyEdit(settings, 'dataset', 'files').state;
    settings = { ...fitToData(files, msg.summary, { num_train: prop('num_train').max,
      num_val: prop('num_val').max, num_test: prop('num_test').max }), files_format: msg.summary.format };
    filesNote = fitNote(before, settings, (name, v) => formatValue(prop(name), v)); // shown once, when loaded
    notice = '';
    dirty.controls = true;
    writeHash();
    startRun(TO_WORKER.reset);
  }

  worker.onMessage = (msg) => {
    if (msg.type === TO_MAIN.import_progress) return importPanel.progress(msg);
    if (msg.type === TO_MAIN.imported) return imported(msg);
    if (msg.type !== TO_MAIN.ready && msg.run_id !== runId) return; // a stale run
    switch (msg.type) {
      case TO_MAIN.ready:
        setText($('build'), msg.simd ? 'wasm SIMD128' : 'wasm scalar');
        break;
      case TO_MAIN.loading:
        phase = 'loading';
        detail = msg.what;
        break;
      case TO_MAIN.loaded:
        run = emptyRun(msg.info);
        dirty.samples = dirty.charts = dirty.templates = true;
        phase = wantRunning ? 'training' : 'idle';
        detail = `${msg.info.num_train_used} training · ${msg.info.num_val_used} validation · ` +
          `${msg.info.num_test} test images`;
        if (filesNote) detail += ` · ${filesNote}`;
        filesNote = '';
        views.loaded(msg.info);
        drawPanel.loaded(msg.info);
        setText($('hessian-cost'), hessianCostText(msg.info));
        importPanel.showData({ ...msg.info, label_mode: settings.label_mode,
          num_train: msg.info.num_train_used, num_val: msg.info.num_val_used });
        break;
      case TO_MAIN.weights_imported:
        run.test_acc = msg.test_acc;
        // Say whose weights these are: the counter stays "iterations trained in this run".
        detail = `${detail.split(' · weights imported from ')[0]} · ${importedLine(msg.name)}`;
        views.onMessage(msg);
        drawPanel.refresh();
        break;
      case TO_MAIN.progress:
        addProgress(msg);
        views.progress(msg);
        drawPanel.progress();
        break;
      case TO_MAIN.draw:
        drawPanel.onMessage(msg);
        return;
      case TO_MAIN.paused:
        wantRunning = false;
        phase = 'paused';
        views.paused();
        drawPanel.refresh();
        break;
      case TO_MAIN.done:
        wantRunning = false;
        run.test_acc = msg.test_acc;
        if (run.info && Number.isFinite(msg.test_acc)) {
          featureRuns.set(run.info.features ?? 'pixels', { test_acc: msg.test_acc, dataset: run.info.dataset });
        }
        views.done(msg);
        drawPanel.refresh();
        phase = 'done'; // a settings notice stays until the user acts (issue 11, item 14)
        break;
      case TO_MAIN.error:
        // A failed or cancelled import: the Data panel says so; the run is kept (after a crash, reloaded).
        if (importing) {
          importing = false;
          imported({ summary: null, errors: [{ file: '(import)', why: msg.message }], crashed: msg.crashed });
          break;
        }
        wantRunning = false;
        phase = 'error';
        phaseError = msg.message;
        break;
      default:
        if (!views.onMessage(msg)) console.warn('unknown message from the worker', msg);
    }
    requestDraw();
  };

  worker.onError = (e) => {
    phase = 'error';
    phaseError = e.message;
    requestDraw();
  };

  const lossText = (v) => (Number.isFinite(v) ? formatF32(v) : String(v));

  function addProgress(msg) {
    if (msg.from !== run.loss.length) {
      // A gap or overlap cannot happen within one run; keep what we have consistent anyway.
      for (const key of ['loss', 'data_loss', 'reg_loss']) run[key].length = msg.from;
      run.history_text = run.loss.length ? [run.loss.map(lossText).join(',')] : [];
    }
    for (let i = 0; i < msg.loss.length; i++) {
      run.loss.push(msg.loss[i]);
      run.data_loss.push(msg.data_loss[i]);
      run.reg_loss.push(msg.reg_loss[i]);
    }
    if (msg.loss.length) run.history_text.push(Array.from(msg.loss, lossText).join(','));
    run.iteration = msg.iteration;
    run.num_iters = msg.num_iters;
    // Every accuracy measured since the last progress (a throttled message may cover several).
    const accIters = run.acc.iterations;
    const measured = msg.acc_history;
    for (let i = 0; i < measured.iterations.length; i++) {
      const last = accIters.length ? accIters[accIters.length - 1] : -1;
      if (measured.iterations[i] < last) continue;
      if (measured.iterations[i] === last) { // re-measured at the same iteration (imported weights)
        run.acc.train_acc[accIters.length - 1] = measured.train_acc[i];
        run.acc.val_acc[accIters.length - 1] = measured.val_acc[i];
      } else {
        accIters.push(measured.iterations[i]);
        run.acc.train_acc.push(measured.train_acc[i]);
        run.acc.val_acc.push(measured.val_acc[i]);
      }
      run.train_acc = measured.train_acc[i];
      run.val_acc = measured.val_acc[i];
    }
    if (msg.templates) {
      run.templates = msg.templates;
      dirty.templates = true;
    }
    dirty.charts = true;
  }

  // ---- actions ----------------------------------------------------------------------------------

  /** A new run with the current settings (a new run_id: everything of the old run is dropped). */
  function startRun(type) {
    runId += 1;
    wantRunning = false;
    phase = 'loading';
    detail = '';
    send(type, { config: trainConfig(settings), base: document.baseURI });
    requestDraw();
  }

  function writeHash() {
    history.replaceState(null, '', keepGlobals(serialiseHash(settings), location.hash)); // lesson keys stay
  }

  // The evaluation views (eval-views.js): confusion matrix, predictions, algebraic view, weights.
  const views = createEvalViews({
    $, send, requestDraw, getSettings: () => settings,
    notify(text) { notice = text; requestDraw(); }, // drawn with the views' own text, same frame
    setViews(list) { settings = { ...settings, views: list }; writeHash(); },
  });

  // "Draw a digit" (draw.js): the pad's answer from the current weights.
  const drawPanel = createTrainDraw(document.querySelector('[data-testid="draw-panel"]'), { send });

  // The buttons. A click also clears a settings notice (the user has seen it and acted).
  const actions = {
    play() {
      wantRunning = true;
      if (phase !== 'loading') phase = 'training';
      send(TO_WORKER.play, { speed: settings.speed });
    },
    pause() {
      if (phase === 'training') send(TO_WORKER.pause);
      else wantRunning = false;
    },
    step() {
      wantRunning = false;
      send(TO_WORKER.step);
    },
    reset() {
      // The old run's numbers go at once (issue 11: they stayed on screen if the reload failed).
      run = emptyRun(run.info);
      dirty.charts = dirty.templates = true;
      startRun(TO_WORKER.reset);
    },
  };

  /** The hash of the run's own settings: pace and open panels do not make another run. */
  const runHash = (s) => serialiseHash({ ...s, views: '', speed: 0 });

  function edit(name, text) {
    const { state, errors } = applyEdit(settings, name, text);
    notice = errors.join('; ');
    dirty.controls = true; // show the accepted value again (or the corrected one)
    if (serialiseHash(state) !== serialiseHash(settings)) {
      const sameRun = runHash(state) === runHash(settings);
      const paceChanged = state.speed !== settings.speed;
      settings = state;
      writeHash();
      if (!sameRun) startRun(TO_WORKER.reset);
      else if (paceChanged) send(TO_WORKER.speed, { speed: settings.speed });
    }
    drawStatus();
    requestDraw();
  }

  for (const name of Object.keys(actions)) {
    $(name).addEventListener('click', () => {
      notice = '';
      actions[name]();
      drawStatus();
      requestDraw();
    });
  }

  window.addEventListener('hashchange', () => {
    const { state, errors } = parseHash(location.hash, settings);
    notice = errors.join('; ');
    dirty.controls = true;
    const changed = runHash(state) !== runHash(settings); // panels or pace only: same run
    const paceChanged = state.speed !== settings.speed;
    settings = state;
    if (!changed && paceChanged) send(TO_WORKER.speed, { speed: settings.speed });
    writeHash();
    views.applyViews(settings.views);
    if (changed) startRun(TO_WORKER.reset);
    requestDraw();
  });

  // ---- drawing ----------------------------------------------------------------------------------


  const fmtLoss = (v) => (v === undefined ? '' : Number.isFinite(v) ? String(Number(v.toPrecision(5))) : String(v));
  const fmtAcc = (v) => (v === null || v === undefined ? '' : v.toFixed(4));

  function statusText() {
    // The run's own error first (e.g. a dataset=files link: "pick them again"), then a settings notice.
    if (phase === 'error') return `error: ${[phaseError, notice].filter(Boolean).join('; ')}`;
    return notice ? `error: ${notice}` : phase;
  }

  /**
   * The status line. Drawn with everything else in the next frame when a worker message changed it
   * (so 'done' never shows before the final numbers), but at once for the user's own actions.
   */
  function drawStatus() {
    showStatus($('status'), $('status-detail'), { text: statusText(), phase: notice ? 'error' : phase, detail });
  }

  function draw() {
    drawStatus();
    if (dirty.controls) {
      renderControls(form, settings, { onEdit: edit, onRandomSeed: randomSeed });
      dirty.controls = false;
    }
    const info = run.info;
    setText($('iteration'), `${run.iteration} / ${run.num_iters}`);
    setText($('loss'), fmtLoss(run.loss[run.loss.length - 1]));
    setText($('train-acc'), fmtAcc(run.train_acc));
    setText($('val-acc'), fmtAcc(run.val_acc));
    setText($('test-acc'), fmtAcc(run.test_acc));
    if (dirty.charts) {
      renderLossChart($('loss-chart'), run, { num_iters: run.num_iters });
      renderAccuracyChart($('acc-chart'), run.acc, { num_iters: run.num_iters });
      dirty.charts = false;
    }
    // The full history as text is for external checks; while training (progress messages keep
    // frames coming) refresh it twice a second, and always once training stops.
    const now = performance.now();
    if (phase !== 'training' || now - historyShownAt > 500) {
      showHistory();
      historyShownAt = now;
    }
    drawFeatures(info);
    if (info && dirty.templates) {
      renderTemplates($('templates'), { ...info, rgba: run.templates });
      dirty.templates = false;
    }
    if (info && dirty.samples) {
      renderSamples($('samples'), { ...info, ...info.samples });
      document.getElementById('dataset-name').textContent = prop('dataset').valueNames[info.dataset];
      dirty.samples = false;
    }
    views.draw();
  }

  /** The pixels-vs-features panel, and the views that only make sense on pixels: a feature run's
   * `w` has one row per feature, so there are no templates to show as images and no pixel columns
   * for the algebraic view (the drawn digit is scored through its features, so it stays). */
  function drawFeatures(info) {
    const features = info?.features ?? 'pixels';
    const onPixels = features === 'pixels';
    $('templates-panel').hidden = !onPixels;
    $('algebraic-panel').hidden = !onPixels;
    const templatesPng = document.querySelector('[data-testid="export-png-templates"]');
    if (templatesPng) templatesPng.hidden = !onPixels; // no templates to export on features
    if (featureRuns.size) {
      setText($('features-compare'), [...featureRuns].map(([f, r]) => `${f} ${fmtAcc(r.test_acc)} (${r.dataset})`)
        .join(' · ') + ' — test accuracy of the last finished run with each');
    }
    const note = onPixels ? '' : `features=${features}: the classifier sees ${info.feature_dim} values per image ` +
      '(HOG: 9 orientation bins per 8×8 cell; colour histogram: 10 hue bins), standardised on the training split. ' +
      'The templates and the algebraic view show pixels, so they are hidden; Draw a digit scores the features of your drawing.';
    $('features-note').hidden = !note;
    setText($('features-note'), note);
  }

  function randomSeed() {
    edit('seed', String(crypto.getRandomValues(new Uint32Array(1))[0]));
  }

  // ---- start ------------------------------------------------------------------------------------

  {
    const { state, errors } = parseHash(location.hash);
    settings = state;
    // A link with a refused key does not autoplay: the run would not be the one the link meant.
    const held = settings.autoplay && errors.length > 0;
    notice = [...errors, ...(held ? ['autoplay is held back until you press Play'] : [])].join('; ');
    writeHash();
    views.applyViews(settings.views);
    send(TO_WORKER.init);
    mountTrainExport(document.querySelector('#train-view .charts'), { getRun: () => run, getSettings: () => settings });
    startRun(TO_WORKER.load);
    if (settings.autoplay && !held) actions.play();
  }
}
