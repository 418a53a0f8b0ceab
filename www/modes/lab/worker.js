// The lab's worker: its own wasm Playground and data; answers one request at a time. Long jobs
// (rule comparison, searches, sweep) post `progress` between time-budgeted chunks and stop when a
// newer `cancel` arrived. Runtime (queue, chunks, crash recovery): www/worker/runtime.js;
// messages: www/worker/protocol.js (mode `lab`).
import { toTrainConfig } from '../../core.js';
import { createRuntime } from '../../worker/runtime.js';
import { dataKey, dataLimits, loadData } from '../../data.js';
import { showsTop5 } from './accuracy.js';

let loadedKey = null;

const rt = createRuntime({
  mode: 'lab',
  handlers: { load, sanity, questions, gradcheck, compare, search, sweep, cancel: () => ({}) },
  onCrash: () => { loadedKey = null; },
});
self.onmessage = ({ data }) => rt.receive(data);

const cancelled = () => Object.assign(new Error('cancelled'), { cancelled: true });
function checkCancel(run_id) {
  if (rt.stale(run_id)) throw cancelled();
}

function withConfig(config, fn) {
  const cfg = toTrainConfig(rt.core, config);
  try { return fn(cfg); } finally { cfg.free(); }
}

/** {val_top5, test_top5} from the two getters with more than 5 classes, else NaN (not shown). */
function top5(val, test) {
  const { pg } = rt;
  if (!showsTop5(pg.num_classes())) return { val_top5: NaN, test_top5: NaN };
  return { val_top5: val.call(pg), test_top5: test.call(pg) };
}

/** `work(n)` in the runtime's chunks until it does nothing (`onChunk()` after each); throws when cancelled. */
async function inChunks(run_id, work, onChunk) {
  const finished = await rt.chunks(work, { keepGoing: () => !rt.stale(run_id), onChunk: (ran) => ran > 0 && onChunk() !== false });
  if (!finished) throw cancelled();
}

/** Progress of a loss history, throttled (the rest goes with the next one or the caller's last). */
function lossSender(run_id, history, fields) {
  const due = rt.throttle();
  let sent = 0;
  return (force = false) => {
    if (!force && !due.due()) return;
    due.mark();
    const loss = history(sent);
    sent += loss.length;
    rt.post('progress', run_id, { ...fields(), loss });
  };
}

async function load(msg) {
  const { config } = msg;
  checkCancel(msg.run_id);
  const limits = dataLimits(config);
  const key = dataKey(config, limits);
  if (key !== loadedKey) {
    loadedKey = null;
    await loadData(rt.core, rt.pg, config, { limits, base: msg.base,
      say: (what, bytes) => rt.post('loading', msg.run_id, { what, ...bytes }), stale: () => rt.stale(msg.run_id),
      signal: rt.loadSignal() });
    checkCancel(msg.run_id);
    loadedKey = key;
  }
  return { num_classes: rt.pg.num_classes(), class_names: Array.from(rt.pg.class_names()) };
}

function sanity({ config, run_id }) {
  checkCancel(run_id);
  const [measured, limit, reg_loss, expected, tolerance, sigma, measured_small, ok, expected_small, tolerance_small] =
    withConfig(config, (cfg) => rt.pg.loss_sanity(cfg));
  return { measured, limit, reg_loss, expected, tolerance, sigma, measured_small, ok: ok === 1, expected_small,
    tolerance_small, num_classes: rt.pg.num_classes() };
}

/** The lecture's questions answered on the loaded data (src/lab/questions.rs). */
function questions({ config, run_id }) {
  checkCancel(run_id);
  const values = withConfig(config, (cfg) => rt.pg.lecture_questions(cfg));
  const names = rt.pg.lecture_question_fields();
  return Object.fromEntries(names.map((n, i) => [n, values[i]]));
}

function gradcheck({ config, run_id, num_checks, h }) {
  checkCancel(run_id);
  const g = withConfig(config, (cfg) => rt.pg.grad_check(cfg, num_checks, h));
  try {
    return { rows: g.rows(), max_rel_error: g.max_rel_error(), max_rel_error_smooth: g.max_rel_error_smooth(),
      noise_floor: g.noise_floor(), num_classes: rt.pg.num_classes() };
  } finally {
    g.free();
  }
}

/** Every rule from the same seed (hence the same initial w and minibatches). */
async function compare({ config, run_id, rules }) {
  checkCancel(run_id);
  const { pg } = rt;
  const results = [];
  for (const [i, { rule, learning_rate }] of rules.entries()) {
    withConfig({ ...config, update_rule: rule, learning_rate }, (cfg) => pg.setup(cfg));
    const send = lossSender(run_id, (from) => pg.loss_history(from), () => ({ index: i, iteration: pg.iteration() }));
    await inChunks(run_id, (n) => pg.train(n), send);
    send(true);
    results.push({ rule, learning_rate, val_acc: pg.val_acc(), test_acc: pg.test_acc(), ...top5(pg.val_top5, pg.test_top5),
      diverged: pg.diverged(), iterations: pg.iteration() });
    rt.post('progress', run_id, { index: i, done: results[i] });
  }
  return { results };
}

/** Random search, random local search and gradient descent on the same data and loss. */
async function search({ config, run_id, iters, gd_learning_rate }) {
  checkCancel(run_id);
  const { pg } = rt;
  const results = {};
  for (const kind of ['random', 'local']) {
    withConfig(config, (cfg) => pg.search_setup(cfg, kind, kind === 'random' ? 1e-4 : 1e-3, 1e-4));
    const send = lossSender(run_id, (from) => pg.search_loss_history(from), () => ({ kind }));
    const left = () => iters - pg.search_iteration();
    await inChunks(run_id, (n) => {
      const steps = Math.min(n, left());
      if (steps > 0) pg.search_step(steps);
      return steps;
    }, send);
    send(true);
    results[kind] = { val_acc: pg.search_val_acc(), test_acc: pg.search_test_acc(), ...top5(pg.search_val_top5, pg.search_test_top5) };
  }
  withConfig({ ...config, update_rule: 'gd', num_iters: iters, learning_rate: gd_learning_rate }, (cfg) => pg.setup(cfg));
  const send = lossSender(run_id, (from) => pg.loss_history(from), () => ({ kind: 'gd' }));
  await inChunks(run_id, (n) => pg.train(n), send);
  send(true);
  results.gd = { val_acc: pg.val_acc(), test_acc: pg.test_acc(), ...top5(pg.val_top5, pg.test_top5) };
  return { results };
}

/** The learning rate × reg sweep: one cell (a whole run) per chunk, a progress message per cell. */
async function sweep({ config, run_id, learning_rates, regs, sweep_folds = 1 }) {
  checkCancel(run_id);
  const { pg } = rt;
  const cells = withConfig(config, (cfg) => pg.sweep_setup(cfg, new Float32Array(learning_rates), new Float32Array(regs)));
  pg.sweep_set_folds(sweep_folds);
  let i = 0;
  await inChunks(run_id, () => {
    if (i >= cells) return 0;
    const [val_acc, diverged, final_loss, val_top5, val_acc_std] = pg.sweep_run_cell(i);
    rt.post('progress', run_id, { cell: i, val_acc, val_acc_std, folds: sweep_folds, diverged: diverged === 1, final_loss,
      val_top5: showsTop5(pg.num_classes()) ? val_top5 : NaN });
    i += 1;
    return 1;
  }, () => true);
  return { best: pg.sweep_best() };
}
