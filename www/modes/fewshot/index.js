// The few-shot mode (the Omniglot idea on any loaded dataset): wires the settings (state.js), the
// URL hash and the controls to the worker (worker.js through client.js) and the renderers (ui/).
// Messages only update `view`; drawing happens in requestAnimationFrame. Every user action that
// makes running work pointless raises `gen`, so an older job's replies are dropped.

import './fewshot.css';
import { renderControls } from '../../ui/controls.js';
import { frameScheduler, setText, showStatus } from '../../ui/frame.js';
import { keepGlobals } from '../../lesson/globals.js';
import { TEST_RECORDS, TRAIN_RECORDS, formatValue } from '../../settings/values.js';
import { TEMPLATE } from './view.js';
import { WorkerClient } from '../../worker/client.js';
import { OMNIGLOT_SETS, PROPS, numClasses, SWEEP_K, applyEdit, dataKey, episodeConfig, fitToFiles, parseHash, runKey, serialiseHash } from './state.js';
import { mountImportPanel } from '../../import/panel.js';
import { chance, explain, formatAccuracy, formatError, summarise } from './stats.js';
import { renderRunChart } from './ui/runchart.js';
import { renderSweepChart } from './ui/sweepchart.js';
import { renderEpisode } from './ui/episode.js';

const DATASET_NAMES = { mnist: 'MNIST', cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', omniglot: 'Omniglot', files: 'imported' };
/** Runs of Omniglot's one-shot benchmark. */
const ONESHOT_RUNS = 20;
const METRIC_NAMES = { l1: 'L1', l2: 'L2', mhd: 'MHD' };
const FEATURE_NAMES = { hog: 'HOG', color_hist: 'colour histogram', 'hog+color_hist': 'HOG + colour histogram' };
const IMPORT_HINT = 'Episodes from your own images: a folder (or .zip) with one sub-folder per ' +
  'class, IDX files or CIFAR batches. Every image of a folder without a test/ folder can be drawn ' +
  '(the split becomes train). Files stay in this browser.';

/** Records to load: the whole split the episodes come from, one record of the other. */
function loadLimits(state) {
  if (state.dataset === 'files') return null; // imported in this page: everything
  if (state.dataset === 'omniglot') { // the whole background set in the episodes' split
    const all = 2 ** 31;
    return { ...(state.split === 'test' ? { train: 1, test: all } : { train: all, test: 1 }),
      omniglot_set: state.omniglot_set };
  }
  return state.split === 'test'
    ? { train: 1, test: TEST_RECORDS[state.dataset] }
    : { train: TRAIN_RECORDS[state.dataset], test: 1 };
}

export async function mount(root) {
  root.innerHTML = TEMPLATE; // fixed markup, no user text
  const $ = (testid) => root.querySelector(`[data-testid="${testid}"]`);
  const status = document.querySelector('[data-testid="status"]');
  const statusDetail = document.querySelector('[data-testid="status-detail"]');
  const build = document.querySelector('[data-testid="build"]');
  const form = root.querySelector('#fewshot-controls');
  document.title = 'ClassPlay — few-shot learning in your browser';

  // ---- state ----------------------------------------------------------------------------------
  let settings;
  let notice = ''; // a settings problem, shown as the status until the user's next action
  let phase = 'loading'; // loading | idle | running | sweeping | done | error
  let phaseError = '';
  let detail = '';
  let gen = 0; // rises on every action that makes running work stale
  let loadedKey = null; // dataKey of the data in the worker
  let setupJob = null; // {key, promise}
  const view = {
    info: null,
    accuracies: [], // of the current run, per episode
    pixel_accuracies: [], // features ≠ pixels: the same episodes on pixels
    run_ms: null,
    episode: null, episode_index: 0,
    sweep: null, // {points: [{k_shot, accuracies}], n_way}
    oneshot: null, // {metric, errors: [] (percent, run order), done}
  };
  const dirty = { controls: true, chart: false, sweep: false, episode: false, oneshot: true }; // oneshot: the table names the metric before a run (no empty "()")

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
      renderControls(form, settings, { onEdit: edit, props: PROPS, format: formatValue });
      dirty.controls = false;
    }
    const files = settings.dataset === 'files';
    const omniglot = settings.dataset === 'omniglot';
    const features = settings.features !== 'pixels';
    const count = files ? view.info?.class_names.length : numClasses(settings);
    const classes = files
      ? `${count ?? 'imported'} classes of your files`
      : `${count} ${DATASET_NAMES[settings.dataset]} ${omniglot ? 'characters' : 'classes'}`;
    const set = OMNIGLOT_SETS[settings.omniglot_set];
    setText($('fewshot-caption'), `${explain(settings, classes, count)} ` + (omniglot
      ? `Omniglot: 1623 handwritten characters of 50 alphabets, 20 drawings each; here the set ` +
        `"background ${settings.omniglot_set}" (${set.classes} characters of ${set.alphabets}; Greek and Latin ` +
        'are in both sets, so one set at a time), 105×105 pixels, episodes ' +
        (settings.episodes === 'within' ? `within one alphabet as in the paper (n_way up to ${set.largest}).`
          : 'across alphabets.')
      : 'The idea comes from Omniglot (1623 handwritten characters, a few examples each); any loaded ' +
        `dataset works the same way, here ${files ? 'your own files' : 'MNIST or CIFAR-10'}${features ? '' : ' on raw pixels'}.`) +
      (features ? ` Features: ${FEATURE_NAMES[settings.features]}, standardised with the mean and std of every ` +
        'image of the split (no labels used); each query gets the class of its nearest support image in feature ' +
        'space, and the same episodes are also run on raw pixels, side by side.' : ''));
    const summary = summarise(view.accuracies);
    setText($('fewshot-accuracy'), formatAccuracy(summary));
    setText($('fewshot-accuracy-name'), features ? `mean accuracy, ${FEATURE_NAMES[settings.features]} ± 95 % CI`
      : 'mean accuracy ± 95 % CI');
    $('fewshot-pixel-accuracy').closest('.metric').hidden = !features;
    setText($('fewshot-pixel-accuracy'), features ? formatAccuracy(summarise(view.pixel_accuracies)) : '');
    setText($('fewshot-chance'), chance(settings.n_way).toFixed(3));
    setText($('fewshot-done'), `${view.accuracies.length} / ${settings.num_episodes}`);
    setText($('fewshot-std'), summary.n ? summary.std.toFixed(3) : '');
    $('fewshot-progress').value = view.accuracies.length / settings.num_episodes;
    if (dirty.chart) {
      renderRunChart($('fewshot-chart'), { accuracies: view.accuracies, n_way: settings.n_way },
        { num_episodes: settings.num_episodes });
      dirty.chart = false;
    }
    if (phase !== 'running') { // the whole list as text once the run stops (not 10 000 numbers a frame)
      const n = view.accuracies.length;
      const list = $('fewshot-accuracies');
      if (list.dataset.n !== String(n)) {
        list.textContent = view.accuracies.map((a) => String(Math.fround(a))).join(',');
        list.dataset.n = String(n);
      }
    }
    if (dirty.sweep && view.sweep) {
      renderSweepChart($('fewshot-sweep-chart'), view.sweep, { k_values: SWEEP_K });
      setText($('fewshot-sweep-result'), view.sweep.points
        .map((p) => `K = ${p.k_shot}: ${formatAccuracy(summarise(p.accuracies))}`).join(' · '));
      dirty.sweep = false;
    }
    if (dirty.episode && view.episode && view.info) {
      renderEpisode($('fewshot-episode'), { ...view.episode, height: view.info.height, width: view.info.width,
        class_names: view.info.class_names });
      dirty.episode = false;
    }
    $('fewshot-next').disabled = !view.info;
    if (dirty.oneshot) drawOneShot();
  }

  function drawOneShot() {
    dirty.oneshot = false;
    const o = view.oneshot;
    const errors = o?.errors ?? [];
    $('oneshot-progress').value = errors.length;
    setText($('oneshot-metric'), METRIC_NAMES[o?.metric ?? settings.metric]);
    setText($('oneshot-error'), o?.done ? formatError(errors) : '');
    setText($('oneshot-runs'), errors.map((e) => e.toFixed(2)).join(', '));
    const body = $('oneshot-table');
    body.textContent = '';
    errors.forEach((e, i) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = String(i + 1);
      const td = document.createElement('td');
      td.textContent = e.toFixed(2);
      tr.append(th, td);
      body.append(tr);
    });
  }

  // ---- jobs -----------------------------------------------------------------------------------
  const client = new WorkerClient(() => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
    { name: 'the few-shot worker', mode: 'fewshot' });
  const ready = client.ask('init').then((r) => {
    setText(build, `wasm ${r.simd ? 'SIMD128' : 'scalar'}`);
  });

  const fail = (e, myGen) => {
    if (myGen !== gen) return;
    phase = 'error';
    phaseError = e?.message ?? String(e);
    requestDraw();
  };

  /** Load the split the episodes come from, unless it is there or on its way. False when superseded. */
  async function ensureData(myGen) {
    await ready;
    const key = dataKey(settings);
    if (key === loadedKey) return myGen === gen;
    if (!setupJob || setupJob.key !== key) {
      loadedKey = null;
      view.info = null;
      const job = { key };
      job.promise = client.ask('setup', {
        dataset: settings.dataset, split: settings.split, limits: loadLimits(settings), base: document.baseURI,
        seed: settings.seed, label_mode: settings.label_mode,
      }, (msg) => {
        if (setupJob === job && msg.type === 'loading') {
          detail = msg.what;
          requestDraw();
        }
      });
      setupJob = job;
    }
    const job = setupJob;
    phase = 'loading';
    requestDraw();
    const r = await job.promise;
    if (setupJob !== job || r.stale) return false;
    if (loadedKey !== key) {
      loadedKey = key;
      view.info = r.info;
      importPanel.showData({ ...r.info, label_mode: settings.label_mode,
        [settings.split === 'train' ? 'num_train' : 'num_test']: r.info.num_records });
      detail = `${r.info.num_records} ${DATASET_NAMES[settings.dataset]} ${settings.split} images`;
    }
    return myGen === gen;
  }

  let episodeToken = 0;
  /** Show episode `index` of the current settings' run. */
  async function showEpisode(index) {
    const token = ++episodeToken;
    const myGen = gen;
    if (settings.metric === 'mhd') { // the benchmark's distance: no episodes to show
      $('fewshot-episode').textContent = 'Episodes use L1 or L2; MHD runs in the one-shot benchmark below.';
      if (phase === 'loading') phase = 'idle';
      requestDraw();
      return;
    }
    try {
      if (!(await ensureData(myGen))) return;
      const r = await client.ask('episode', { config: episodeConfig(settings), index });
      if (token !== episodeToken || myGen !== gen) return;
      view.episode = r;
      view.episode_index = index;
      dirty.episode = true;
      if (phase === 'loading') phase = 'idle';
      requestDraw();
    } catch (e) {
      fail(e, myGen);
    }
  }

  async function runEpisodes() {
    const myGen = ++gen;
    try {
      if (!(await ensureData(myGen))) return;
      phase = 'running';
      view.accuracies = [];
      view.pixel_accuracies = [];
      dirty.chart = true;
      requestDraw();
      const t0 = performance.now();
      const r = await client.ask('run', { config: episodeConfig(settings) }, (msg) => {
        if (myGen !== gen || msg.type !== 'progress') return;
        for (const a of msg.accuracies) view.accuracies.push(a);
        for (const a of msg.pixel_accuracies ?? []) view.pixel_accuracies.push(a);
        dirty.chart = true;
        requestDraw();
      });
      if (myGen !== gen || r.stale) return;
      view.run_ms = performance.now() - t0;
      phase = 'done';
      detail = `${r.done} episodes in ${Math.round(view.run_ms)} ms`;
      requestDraw();
    } catch (e) {
      fail(e, myGen);
    }
  }

  async function sweep() {
    const myGen = ++gen;
    try {
      if (!(await ensureData(myGen))) return;
      phase = 'sweeping';
      view.sweep = { points: [], n_way: settings.n_way };
      dirty.sweep = true;
      requestDraw();
      const r = await client.ask('sweep', { config: episodeConfig(settings), k_values: SWEEP_K }, (msg) => {
        if (myGen !== gen || msg.type !== 'progress') return;
        view.sweep.points.push({ k_shot: msg.k_shot, accuracies: Array.from(msg.accuracies) });
        detail = `K-sweep: K = ${msg.k_shot} done`;
        dirty.sweep = true;
        requestDraw();
      });
      if (myGen !== gen || r.stale) return;
      phase = 'done';
      detail = `K-sweep: ${SWEEP_K.length} × ${settings.num_episodes} episodes`;
      requestDraw();
    } catch (e) {
      fail(e, myGen);
    }
  }

  /** Omniglot's one-shot benchmark under the current metric, one progress message per run. */
  async function runBenchmark() {
    const myGen = ++gen;
    const metric = settings.metric;
    view.oneshot = { metric, errors: [], done: false };
    dirty.oneshot = true;
    phase = 'running';
    detail = `one-shot benchmark (${METRIC_NAMES[metric]}): fetching the runs`;
    requestDraw();
    try {
      await ready;
      const t0 = performance.now();
      const r = await client.ask('oneshot', { metric, base: document.baseURI }, (msg) => {
        if (myGen !== gen) return;
        if (msg.type === 'loading') detail = msg.what;
        if (msg.type === 'progress') {
          view.oneshot.errors[msg.run] = msg.error;
          detail = `one-shot benchmark (${METRIC_NAMES[metric]}): run ${msg.run + 1} of ${ONESHOT_RUNS}`;
          dirty.oneshot = true;
        }
        requestDraw();
      });
      if (myGen !== gen || r.stale) return;
      view.oneshot = { metric, errors: r.errors, done: true };
      dirty.oneshot = true;
      phase = 'done';
      detail = `one-shot benchmark (${METRIC_NAMES[metric]}): mean error ${formatError(r.errors)} % over ` +
        `${r.errors.length} runs in ${Math.round(performance.now() - t0)} ms`;
      requestDraw();
    } catch (e) {
      fail(e, myGen);
    }
  }

  // ---- the user's files (www/import/): the worker decodes and keeps them; dataset=files -----
  const importPanel = mountImportPanel(root.querySelector('#fewshot-import'), {
    hint: IMPORT_HINT, testShare: false, onFiles: importUserFiles,
  });

  async function importUserFiles(files, options) {
    gen += 1;
    loadedKey = null; // the worker's data is replaced whatever the outcome
    setupJob = null;
    view.info = null;
    phase = 'loading';
    detail = 'reading your files';
    requestDraw();
    let r;
    try {
      await ready;
      r = await client.ask('import', { files, options }, (msg) => {
        if (msg.type === 'loading') importPanel.progress(msg);
      });
    } catch (e) {
      r = { summary: null, errors: [{ file: '(import)', why: e.message }] };
    }
    importPanel.done(r);
    loadedKey = null;
    setupJob = null;
    notice = '';
    if (r.summary) applySettings(fitToFiles(settings, r.summary), true);
    else applySettings(settings, true); // load the data in use again
  }

  // ---- settings -------------------------------------------------------------------------------
  /** Move to `next` settings: results of other episodes are dropped, episode 1 is shown. */
  function applySettings(next, force = false) {
    const prev = settings;
    settings = next;
    history.replaceState(null, '', keepGlobals(serialiseHash(settings), location.hash));
    dirty.controls = true;
    if (force || runKey(prev) !== runKey(next)) {
      gen += 1;
      client.ask('cancel').catch(() => {});
      view.accuracies = [];
      view.pixel_accuracies = [];
      view.sweep = null;
      view.episode = null;
      $('fewshot-sweep-chart').textContent = '';
      setText($('fewshot-sweep-result'), '');
      $('fewshot-episode').textContent = '';
      dirty.chart = true;
      if (phase !== 'loading') phase = 'idle';
      showEpisode(0);
    }
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
  act('fewshot-run', runEpisodes);
  act('fewshot-sweep', sweep);
  act('fewshot-next', () => showEpisode(view.episode_index + 1));
  act('oneshot-run', runBenchmark);

  window.addEventListener('hashchange', () => {
    const { state, errors } = parseHash(location.hash, settings);
    notice = errors.join('; ');
    if (serialiseHash(state) !== serialiseHash(settings)) applySettings(state);
    else history.replaceState(null, '', keepGlobals(serialiseHash(settings), location.hash));
    dirty.controls = true;
    requestDraw();
  });

  // For tests: the accuracies of the run so far, read-only.
  window.__fewshot = { accuracies: () => view.accuracies.slice(), pixel_accuracies: () => view.pixel_accuracies.slice(),
    episode: () => view.episode?.index ?? null,
    oneshot: () => (view.oneshot ? { ...view.oneshot, errors: view.oneshot.errors.slice() } : null) };

  // ---- start ----------------------------------------------------------------------------------
  requestDraw();
  await showEpisode(0);
  if (settings.benchmark === 'oneshot') await runBenchmark();
  else if (settings.autoplay) await runEpisodes();
}
