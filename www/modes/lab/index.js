// The optimisation lab (mode=lab; mode=gradcheck opens it on the gradient check and runs it on
// load): loss at initialisation vs theory, the gradient check, update rules from one start, random
// search vs gradient descent, and the learning rate × reg sweep. All work runs in the lab's worker.

import './lab.css';
import { renderControls } from '../../ui/controls.js';
import { keepGlobals } from '../../lesson/globals.js';
import { UPDATE_RULE_NAMES } from '../../settings/linear.js';
import { formatF32 } from '../../f32.js';
import { formatAny } from '../../settings/engine.js';
import { PROPS, SETTINGS, dataKey, labConfig } from './state.js';
import { RULE_LEARNING_RATE } from './rules.js';
import { bestCell, gradcheckHint, gradcheckNote, sweepGrid } from './bands.js';
import { WorkerClient } from '../../worker/client.js';
import { render as renderGradcheck } from './ui/gradcheck.js';
import { render as renderHeatmap } from './ui/heatmap.js';
import { render as renderCurves } from './ui/curves.js';
import { TEMPLATE } from './view.js';
import { questionEntries } from './questions.js';
import { formatAccuracy } from './accuracy.js';
import { setText } from '../../ui/frame.js';

const COLOURS = { gd: '#6b7280', sgd: '#dc2626', sgd_momentum: '#2563eb', nesterov: '#0891b2', adagrad: '#16a34a',
  rmsprop: '#9333ea', adam: '#ea580c', lbfgs: '#a16207', random: '#db2777', local: '#65a30d' };
const DASH = { nesterov: [6, 3], lbfgs: [8, 4], gd: [2, 3] };
const fmtAcc = (v, top5) => formatAccuracy(v, top5);

export async function mount(root, { mode = new URLSearchParams(location.hash.slice(1)).get('mode') ?? 'lab' } = {}) {
  root.innerHTML = TEMPLATE; // fixed markup, no user text
  document.title = 'ClassPlay — the optimisation lab';
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const status = document.querySelector('[data-testid="status"]');
  const statusDetail = document.querySelector('[data-testid="status-detail"]');
  const form = root.querySelector('#lab-controls');
  const MODE = mode === 'gradcheck' ? 'gradcheck' : 'lab';

  let settings;
  let notice = '';
  let phase = 'loading';
  let detail = '';
  {
    const { state, errors } = SETTINGS.parseHash(location.hash, SETTINGS.defaults());
    settings = state;
    notice = errors.join('; ');
  }
  const writeHash = () => history.replaceState(null, '', keepGlobals(SETTINGS.serialiseHash(settings, [], MODE), location.hash));
  writeHash();
  const drawStatus = () => {
    setText(status, notice ? `error: ${notice}` : phase);
    status.dataset.phase = notice || phase.startsWith('error') ? 'error' : phase === 'done' || phase === 'idle' ? 'done' : 'training';
    setText(statusDetail, detail);
  };
  drawStatus();

  // ---- the worker -----------------------------------------------------------------------------
  const worker = new WorkerClient(() => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
    { name: 'the lab worker', mode: 'lab' });
  worker.onError = (e) => { phase = `error: ${e.message}`; drawStatus(); };
  const request = (type, fields = {}, onProgress) => worker.ask(type, { ...fields, base: document.baseURI }, (msg) => {
    if (msg.type === 'loading') { detail = msg.what; drawStatus(); return; }
    onProgress?.(msg);
  });
  let jobs = 0; // running jobs
  /** Run a job with the status showing `what`; errors go to the status line. */
  async function job(what, fn) {
    jobs += 1;
    phase = what;
    drawStatus();
    try {
      await ensureData();
      await fn();
      jobs -= 1;
      if (jobs === 0) phase = 'done';
    } catch (e) {
      jobs -= 1;
      phase = `error: ${e?.message ?? e}`;
    }
    // In the same frame as the job's last results: `done` never shows beside a half-drawn table.
    requestDraw('status');
  }
  let loadedKey = null;
  async function ensureData() {
    if (loadedKey === dataKey(settings)) return;
    const info = await request('load', { config: labConfig(settings) });
    loadedKey = dataKey(settings);
    detail = `${settings.dataset === 'mnist' ? 'MNIST' : 'CIFAR-10'}: ${settings.num_train} training · ${settings.num_val} validation · ${settings.num_test} test images, ${info.num_classes} classes`;
  }

  const { simd } = await request('init');
  setText(document.querySelector('[data-testid="build"]'), simd ? 'wasm SIMD128' : 'wasm scalar');

  const lrOf = (rule) => RULE_LEARNING_RATE[settings.dataset][rule];

  // ---- (a) loss at initialisation ------------------------------------------------------------
  const runSanity = () => job('checking the loss at initialisation', async () => {
    const r = await request('sanity', { config: labConfig(settings) });
    const within = (v, e, tol) => `${v.toFixed(4)} (expected ${e.toFixed(4)} ± ${tol.toFixed(4)})`;
    setText($('sanity-measured'), r.measured.toFixed(4));
    setText($('sanity-expected'), `${r.expected.toFixed(4)} ± ${r.tolerance.toFixed(4)}`);
    setText($('sanity-sigma'), r.sigma.toFixed(3));
    setText($('sanity-theory'), settings.loss === 'softmax' ? `ln C = ln ${r.num_classes}` : `(C − 1)·Δ with the variants, C = ${r.num_classes}`);
    setText($('sanity-limit'), r.limit.toFixed(4));
    setText($('sanity-small'), within(r.measured_small, r.expected_small, r.tolerance_small));
    const verdict = $('sanity-verdict');
    setText(verdict, r.ok ? 'matches theory ✓' : 'MISMATCH ✗ — check the loss or the initial weights');
    verdict.dataset.ok = String(r.ok);
    setText($('sanity-reg'), r.reg_loss.toExponential(3));
  });

  // ---- the lecture's questions ----------------------------------------------------------------
  const runQuestions = () => job("answering the lecture's questions", async () => {
    const q = await request('questions', { config: labConfig(settings, { update_rule: 'sgd', learning_rate: lrOf('sgd') }) });
    const list = $('questions');
    list.replaceChildren(...questionEntries(q).map(({ name, question, answer }) => {
      const div = document.createElement('div');
      div.dataset.testid = `question-${name}`;
      const dt = document.createElement('dt');
      dt.textContent = question;
      const dd = document.createElement('dd');
      dd.textContent = answer;
      div.append(dt, dd);
      return div;
    }));
  });

  // ---- (b) gradient check --------------------------------------------------------------------
  const runGradcheck = () => job('checking the gradient', async () => {
    const r = await request('gradcheck', { config: labConfig(settings), num_checks: settings.num_checks, h: settings.h });
    renderGradcheck($('gradcheck-rows'), { rows: r.rows, c: r.num_classes });
    setText($('gradcheck-max-rel-error'), r.max_rel_error.toExponential(3));
    setText($('gradcheck-max-smooth'), r.max_rel_error_smooth.toExponential(3));
    setText($('gradcheck-note'), gradcheckNote(r.rows, settings.loss, settings.regularization, r.noise_floor));
    setText($('gradcheck-hint'), gradcheckHint(settings.loss));
  });

  // ---- (c) update rules from one start ---------------------------------------------------------
  const compare = { series: [], results: [] };
  const runCompare = () => job('comparing update rules', async () => {
    const rules = settings.rules.map((rule) => ({ rule, learning_rate: lrOf(rule) }));
    compare.series = rules.map(({ rule }) => ({ label: UPDATE_RULE_NAMES[rule], colour: COLOURS[rule], dash: DASH[rule], values: [] }));
    compare.results = [];
    drawCompare();
    await request('compare', { config: labConfig(settings), rules }, (m) => {
      if (m.done) compare.results[m.index] = m.done;
      else for (const v of m.loss) compare.series[m.index].values.push(v);
      requestDraw('compare');
    });
  });
  function drawCompare() {
    renderCurves($('compare-chart'), { series: compare.series }, { num_iters: settings.num_iters });
    const body = $('compare-results');
    body.replaceChildren(...settings.rules.map((rule, i) => {
      const r = compare.results[i];
      const tr = document.createElement('tr');
      tr.dataset.rule = rule;
      for (const t of [UPDATE_RULE_NAMES[rule], String(lrOf(rule)), r ? String(r.iterations) : '…',
        r ? fmtAcc(r.val_acc, r.val_top5) : '', r ? fmtAcc(r.test_acc, r.test_top5) + (r.diverged ? ' (diverged)' : '') : '']) {
        tr.insertCell().textContent = t;
      }
      return tr;
    }));
  }

  // ---- random search vs gradient descent -------------------------------------------------------
  const search = { random: [], local: [], gd: [], results: null };
  const runSearch = () => job('random search vs gradient descent', async () => {
    Object.assign(search, { random: [], local: [], gd: [], results: null });
    const r = await request('search', { config: labConfig(settings), iters: settings.search_iters, gd_learning_rate: lrOf('gd') },
      (m) => { for (const v of m.loss) search[m.kind].push(v); requestDraw('search'); });
    search.results = r.results;
    requestDraw('search');
  });
  function drawSearch() {
    renderCurves($('search-chart'), { series: [
      { label: 'random search (best so far)', colour: COLOURS.random, values: search.random },
      { label: 'random local search', colour: COLOURS.local, dash: [6, 3], values: search.local },
      { label: 'gradient descent (full batch)', colour: COLOURS.gd, values: search.gd },
    ] }, { num_iters: settings.search_iters });
    const res = search.results;
    for (const k of ['random', 'local', 'gd']) {
      setText($(`search-${k}-val`), res ? fmtAcc(res[k].val_acc, res[k].val_top5) : '');
      setText($(`search-${k}-test`), res ? fmtAcc(res[k].test_acc, res[k].test_top5) : '');
    }
  }

  // ---- (d) the sweep ---------------------------------------------------------------------------
  const sweep = { learning_rates: [], regs: [], cells: [], best: -1 };
  const runSweep = () => job('sweeping learning rate × reg', async () => {
    const grid = sweepGrid(lrOf('sgd'), settings.reg, 4);
    Object.assign(sweep, grid, { cells: new Array(grid.learning_rates.length * grid.regs.length).fill(null), best: -1 });
    requestDraw('sweep');
    await request('sweep', { config: labConfig(settings, { update_rule: 'sgd', num_iters: settings.sweep_iters }), ...grid, sweep_folds: settings.sweep_folds }, (m) => {
      sweep.cells[m.cell] = { val_acc: m.val_acc, val_acc_std: m.val_acc_std, folds: m.folds, val_top5: m.val_top5, diverged: m.diverged };
      sweep.best = bestCell(sweep.cells.map((c) => (c && !c.diverged ? c.val_acc : NaN)));
      requestDraw('sweep');
    });
  });

  // ---- drawing ---------------------------------------------------------------------------------
  const dirty = new Set();
  let pendingDraw = false;
  function requestDraw(what) {
    dirty.add(what);
    if (!pendingDraw) { pendingDraw = true; requestAnimationFrame(draw); }
  }
  function draw() {
    pendingDraw = false;
    drawStatus();
    if (dirty.has('compare')) drawCompare();
    if (dirty.has('search')) drawSearch();
    if (dirty.has('sweep')) {
      renderHeatmap($('sweep-heatmap-box'), sweep);
      const b = sweep.best;
      setText($('sweep-best'), b < 0 ? '' : `best: learning_rate ${formatF32(sweep.learning_rates[Math.floor(b / sweep.regs.length)])}, ` +
        `reg ${formatF32(sweep.regs[b % sweep.regs.length])}, validation accuracy ${fmtAcc(sweep.cells[b].val_acc, sweep.cells[b].val_top5)}` +
        (sweep.cells[b].folds > 1 ? ` (mean of ${sweep.cells[b].folds} folds, ± ${sweep.cells[b].val_acc_std.toFixed(3)})` : ''));
    }
    dirty.clear();
  }

  // ---- controls --------------------------------------------------------------------------------
  const showControls = () => renderControls(form, settings, { props: PROPS.filter((p) => p.type !== 'list'), format: formatAny, onEdit: edit });
  const picks = $('rule-picks');
  for (const rule of PROPS.find((p) => p.name === 'rules').values) {
    const label = document.createElement('label');
    label.className = 'racer-pick';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = rule;
    box.name = `rule-${rule}`;
    box.addEventListener('change', () => edit('rules', [...picks.querySelectorAll('input:checked')].map((b) => b.value).join(',')));
    label.append(box, ` ${UPDATE_RULE_NAMES[rule]}`);
    picks.append(label);
  }
  const showPicks = () => { for (const b of picks.querySelectorAll('input')) b.checked = settings.rules.includes(b.value); };
  function edit(name, text) {
    const { state, errors } = SETTINGS.applyEdit(settings, name, text);
    settings = state;
    writeHash();
    showControls();
    showPicks();
    notice = errors.join('; ');
    drawStatus();
    if (!errors.length && !['num_iters', 'rules', 'search_iters', 'sweep_iters', 'sweep_folds', 'h', 'num_checks'].includes(name)) runSanity();
    if (!errors.length && !['rules', 'search_iters', 'sweep_iters', 'sweep_folds', 'h', 'num_checks'].includes(name)) runQuestions();
  }
  window.addEventListener('hashchange', () => {
    const { state, errors } = SETTINGS.parseHash(location.hash, settings);
    settings = state;
    writeHash();
    showControls();
    showPicks();
    notice = errors.join('; ');
    runSanity();
    runQuestions();
  });
  const buttons = { 'run-sanity': runSanity, 'run-questions': runQuestions, 'run-gradcheck': runGradcheck, 'run-compare': runCompare,
    'run-search': runSearch, 'run-sweep': runSweep };
  for (const [id, fn] of Object.entries(buttons)) {
    $(id).addEventListener('click', () => { notice = ''; fn(); }); // a click: the user has seen the notice
  }
  showControls();
  showPicks();
  drawCompare();
  runSanity();
  runQuestions();
  if (MODE === 'gradcheck') {
    $('gradcheck-panel').scrollIntoView();
    runGradcheck();
  }
}
