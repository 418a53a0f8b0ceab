// The lab's worker: its own wasm Playground and data; answers one request at a time. Long jobs
// (rule comparison, searches, sweep) post `progress` between short chunks and stop when a newer
// `cancel` arrived. Messages: {type, req, ...} (see protocol.js).
import { loadCore, toTrainConfig } from '../../core.js';
import { dataLimits, loadDataset } from '../../data.js';
import { message } from './protocol.js';
import { showsTop5 } from './accuracy.js';

let wasm = null;
let pg = null;
let loadedKey = null;
let cancelledBelow = 0; // requests with req < this are cancelled
let queue = Promise.resolve();
const CHUNK_MS = 30;

const post = (type, req, fields) => self.postMessage(message(type, req, fields));
const yieldNow = () => new Promise((r) => setTimeout(r, 0));

self.onmessage = ({ data: msg }) => {
  if (msg.type === 'cancel') { cancelledBelow = Math.max(cancelledBelow, msg.req); return; }
  queue = queue.then(() => handle(msg)).catch((e) => {
    if (e?.cancelled) return;
    post('error', msg.req, { message: e instanceof Error ? e.message : String(e) });
  });
};

function checkCancel(req) {
  if (req < cancelledBelow) throw Object.assign(new Error('cancelled'), { cancelled: true });
}

function withConfig(config, fn) {
  const cfg = toTrainConfig(wasm, config);
  try { return fn(cfg); } finally { cfg.free(); }
}

/** {val_top5, test_top5} from the two getters with more than 5 classes, else NaN (not shown). */
function top5(val, test) {
  if (!showsTop5(pg.num_classes())) return { val_top5: NaN, test_top5: NaN };
  return { val_top5: val.call(pg), test_top5: test.call(pg) };
}

/** Run the solver in chunks of about CHUNK_MS; `onChunk()` after each. */
async function trainAll(req, onChunk) {
  let n = 1;
  for (;;) {
    checkCancel(req);
    const t0 = performance.now();
    const ran = pg.train(n);
    const ms = performance.now() - t0;
    if (ran === 0) break;
    n = Math.max(1, Math.min(n * 2, Math.round(ran * CHUNK_MS / Math.max(ms, 0.1))));
    onChunk();
    await yieldNow();
  }
}

async function handle(msg) {
  const { req } = msg;
  if (msg.type === 'init') {
    if (!wasm) { wasm = (await loadCore()).wasm; pg = new wasm.Playground(); }
    return post('result', req, { simd: wasm.simd_compiled() });
  }
  checkCancel(req);
  const { config } = msg;
  if (msg.type === 'load') {
    const limits = dataLimits(config);
    const key = `${config.dataset}:${limits.train}:${limits.test}`;
    if (key !== loadedKey) {
      loadedKey = null;
      await loadDataset(wasm, pg, config.dataset, limits, msg.base, (what) => post('loading', req, { what }),
        () => req < cancelledBelow);
      checkCancel(req);
      loadedKey = key;
    }
    return post('result', req, { num_classes: pg.num_classes(), class_names: Array.from(pg.class_names()) });
  }
  switch (msg.type) {
    case 'sanity': {
      const [measured, expected, reg_loss] = withConfig(config, (cfg) => pg.loss_sanity(cfg));
      return post('result', req, { measured, expected, reg_loss, num_classes: pg.num_classes() });
    }
    case 'gradcheck': {
      const g = withConfig(config, (cfg) => pg.grad_check(cfg, msg.num_checks, msg.h));
      const out = { rows: g.rows(), max_rel_error: g.max_rel_error(), max_rel_error_smooth: g.max_rel_error_smooth(),
        noise_floor: g.noise_floor() };
      g.free();
      return post('result', req, out);
    }
    case 'compare': {
      // Every rule from the same seed (hence the same initial w and minibatches).
      const results = [];
      for (const [i, { rule, learning_rate }] of msg.rules.entries()) {
        withConfig({ ...config, update_rule: rule, learning_rate }, (cfg) => pg.setup(cfg));
        let sent = 0;
        const send = () => {
          const loss = pg.loss_history(sent);
          sent += loss.length;
          post('progress', req, { index: i, loss, iteration: pg.iteration() });
        };
        await trainAll(req, send);
        send();
        results.push({ rule, learning_rate, val_acc: pg.val_acc(), test_acc: pg.test_acc(), ...top5(pg.val_top5, pg.test_top5),
          diverged: pg.diverged(), iterations: pg.iteration() });
        post('progress', req, { index: i, done: results[i] });
      }
      return post('result', req, { results });
    }
    case 'search': {
      // Random search, random local search and gradient descent on the same data and loss.
      const results = {};
      for (const kind of ['random', 'local']) {
        withConfig(config, (cfg) => pg.search_setup(cfg, kind, kind === 'random' ? 1e-4 : 1e-3, 1e-4));
        let sent = 0;
        while (pg.search_iteration() < msg.iters) {
          checkCancel(req);
          pg.search_step(Math.min(5, msg.iters - pg.search_iteration()));
          const loss = pg.search_loss_history(sent);
          sent += loss.length;
          post('progress', req, { kind, loss });
          await yieldNow();
        }
        results[kind] = { val_acc: pg.search_val_acc(), test_acc: pg.search_test_acc(), ...top5(pg.search_val_top5, pg.search_test_top5) };
      }
      withConfig({ ...config, update_rule: 'gd', num_iters: msg.iters, learning_rate: msg.gd_learning_rate }, (cfg) => pg.setup(cfg));
      let sent = 0;
      await trainAll(req, () => {
        const loss = pg.loss_history(sent);
        sent += loss.length;
        post('progress', req, { kind: 'gd', loss });
      });
      const loss = pg.loss_history(sent);
      post('progress', req, { kind: 'gd', loss });
      results.gd = { val_acc: pg.val_acc(), test_acc: pg.test_acc(), ...top5(pg.val_top5, pg.test_top5) };
      return post('result', req, { results });
    }
    case 'sweep': {
      const cells = withConfig(config, (cfg) => pg.sweep_setup(cfg, new Float32Array(msg.learning_rates), new Float32Array(msg.regs)));
      for (let i = 0; i < cells; i++) {
        checkCancel(req);
        const [val_acc, diverged, final_loss, val_top5] = pg.sweep_run_cell(i);
        post('progress', req, { cell: i, val_acc, diverged: diverged === 1, final_loss,
          val_top5: showsTop5(pg.num_classes()) ? val_top5 : NaN });
        await yieldNow();
      }
      return post('result', req, { best: pg.sweep_best() });
    }
    default:
      throw new Error(`unknown lab request ${JSON.stringify(msg.type)}`);
  }
}
