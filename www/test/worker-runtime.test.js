// The one worker runtime (www/worker/runtime.js) and client (www/worker/client.js) with fake cores:
// stale run ids, the serial queue, the chunk budget, crash recovery and train's Pause.
import test from 'node:test';
import assert from 'node:assert/strict';
import { CHUNK_MS, PROGRESS_PER_SECOND, createRuntime, nextChunk, throttle } from '../worker/runtime.js';
import { WorkerClient } from '../worker/client.js';
import { serveData } from './served-data.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A fake wasm module: `instances` counts how many cores were made. */
function fakeCore(counter = { instances: 0 }) {
  return async () => {
    counter.instances += 1;
    const instance = counter.instances;
    return { wasm: { simd_compiled: () => true, Playground: class { constructor() { this.instance = instance; } } }, memory: undefined };
  };
}

function runtime(opts) {
  const posted = [];
  const rt = createRuntime({ load: fakeCore(), post: (m) => posted.push(m), exit: () => {}, ...opts });
  return { rt, posted };
}

test('one chunk budget and one progress rate', () => {
  assert.equal(CHUNK_MS, 20);
  assert.equal(PROGRESS_PER_SECOND, 30);
  // 1 ms per unit: the chunk doubles until it takes CHUNK_MS, then stays there
  const sizes = [1];
  for (let i = 0; i < 7; i++) sizes.push(nextChunk(sizes.at(-1), sizes.at(-1), sizes.at(-1)));
  assert.deepEqual(sizes, [1, 2, 4, 8, 16, 20, 20, 20]);
  // a slow chunk shrinks by at most half at a time
  assert.equal(nextChunk(64, 64, 640), 32);
  let t = 0;
  const th = throttle(PROGRESS_PER_SECOND, () => t);
  assert.ok(th.due());
  th.mark();
  t = 1000 / PROGRESS_PER_SECOND - 1;
  assert.ok(!th.due());
  t += 1;
  assert.ok(th.due());
});

test('chunks() keeps every chunk near CHUNK_MS of work and yields between chunks', async () => {
  let clock = 0;
  let yields = 0;
  const { rt } = runtime({ mode: 'lab', handlers: {}, now: () => clock, yieldTask: async () => { yields += 1; } });
  const sizes = [];
  let left = 200;
  const finished = await rt.chunks((n) => {
    const ran = Math.min(n, left);
    left -= ran;
    clock += ran; // 1 ms per unit
    sizes.push(n);
    return ran;
  }, { onChunk: () => left > 0 });
  assert.equal(finished, true);
  assert.deepEqual(sizes.slice(0, 7), [1, 2, 4, 8, 16, 20, 20]);
  assert.ok(sizes.every((n) => n <= CHUNK_MS));
  assert.equal(yields, sizes.length - 1);
});

test('the queue is serial: jobs answer in arrival order even when an earlier one is slower', async () => {
  const { rt, posted } = runtime({
    mode: 'knn',
    handlers: {
      cv: async (msg) => { await new Promise((r) => setTimeout(r, 20)); return { which: msg.run_id }; },
      grid: (msg) => ({ which: msg.run_id }),
    },
  });
  rt.receive({ type: 'init', run_id: 1 });
  rt.receive({ type: 'cv', run_id: 2 });
  await rt.receive({ type: 'grid', run_id: 3 });
  assert.deepEqual(posted.map((m) => [m.type, m.run_id]), [['ready', 1], ['result', 2], ['result', 3]]);
  assert.deepEqual(posted[0], { type: 'ready', run_id: 1, simd: true });
});

test('a newer superseding run_id makes the older job stale; non-superseding ones do not', async () => {
  const { rt, posted } = runtime({
    mode: 'fewshot',
    handlers: {
      run: async (msg, r) => {
        let done = 0;
        const ok = await r.chunks((n) => { done += n; return n; }, {
          keepGoing: () => !r.stale(msg.run_id), onChunk: () => done < 1e6 });
        return ok ? { done } : { stale: true };
      },
      episode: () => ({ index: 0 }),
    },
  });
  rt.receive({ type: 'init', run_id: 1 });
  rt.receive({ type: 'run', run_id: 2 });
  await tick();
  await tick();
  rt.receive({ type: 'episode', run_id: 3 }); // queued behind run 2, does not stop it
  assert.equal(rt.newest, 2);
  assert.equal(rt.stale(2), false);
  await rt.receive({ type: 'run', run_id: 4, short: true });
  assert.equal(rt.stale(2), true);
  const results = posted.filter((m) => m.type === 'result');
  assert.deepEqual(results.map((m) => m.run_id), [2, 3, 4]);
  assert.deepEqual(results[0], { type: 'result', run_id: 2, stale: true });
});

test('an unknown type and a job before init are errors, and the worker stays alive', async () => {
  const { rt, posted } = runtime({ mode: 'lab', handlers: { sanity: () => ({ ok: 1 }) } });
  await rt.receive({ type: 'sanity', run_id: 1 });
  rt.receive({ type: 'init', run_id: 2 });
  await rt.receive({ type: 'sweeep', run_id: 3 }).catch(() => {});
  await rt.receive({ type: 'sanity', run_id: 4 });
  assert.deepEqual(posted.map((m) => [m.type, m.run_id]), [['error', 1], ['ready', 2], ['error', 3], ['result', 4]]);
  assert.equal(posted[0].message, 'the wasm module is not loaded');
  assert.equal(posted[2].message, 'unknown message type "sweeep"');
});

test('a trap (unreachable) reports a clear error, ends the worker, and the client starts a fresh core', async () => {
  const counter = { instances: 0 };
  const cores = [];
  // A fake Worker: the runtime in the same thread, messages passed asynchronously.
  const makeWorker = () => {
    const w = { terminated: false };
    const rt = createRuntime({
      mode: 'lab',
      load: fakeCore(counter),
      handlers: {
        sanity: (msg, r) => {
          if (msg.config.trap) throw new WebAssembly.RuntimeError('unreachable');
          return { instance: r.pg.instance };
        },
      },
      onCrash: () => { w.crashed = true; },
      post: (m) => setTimeout(() => !w.terminated && w.onmessage({ data: m }), 0),
      exit: () => { w.exited = true; },
    });
    w.postMessage = (m) => setTimeout(() => !w.terminated && rt.receive(structuredClone(m)), 0);
    w.terminate = () => { w.terminated = true; };
    cores.push(w);
    return w;
  };
  const client = new WorkerClient(makeWorker, { name: 'the lab worker', mode: 'lab' });
  assert.deepEqual(await client.ask('init'), { type: 'ready', run_id: 1, simd: true });
  assert.deepEqual((await client.ask('sanity', { config: {} })).instance, 1);
  const trapped = client.ask('sanity', { config: { trap: true } });
  const behind = client.ask('sanity', { config: {} }); // queued on the dead core: fails too
  await assert.rejects(trapped, (e) => e.crashed === true &&
    /^the wasm core crashed \(unreachable\); a fresh one was started/.test(e.message));
  await assert.rejects(behind, /the wasm core crashed/);
  assert.equal(cores.length, 2);
  assert.ok(cores[0].crashed && cores[0].exited && cores[0].terminated);
  // the page carries on: the fresh worker got init again and answers on a new core
  assert.deepEqual((await client.ask('sanity', { config: {} })).instance, 2);
  assert.equal(counter.instances, 2);
  assert.equal(client.restarts, 1);
});

test('the client drops replies nobody waits for and passes progress / loading to the request', async () => {
  const sent = [];
  const w = { postMessage: (m) => sent.push(m) };
  const client = new WorkerClient(() => w, { mode: 'fewshot' });
  const seen = [];
  const p = client.ask('run', { config: {} }, (m) => seen.push(m.type));
  w.onmessage({ data: { type: 'progress', run_id: 1, accuracies: [] } });
  w.onmessage({ data: { type: 'result', run_id: 99 } }); // stale: nobody asked
  w.onmessage({ data: { type: 'result', run_id: 1, done: 3 } });
  assert.equal((await p).done, 3);
  assert.deepEqual(seen, ['progress']);
  assert.deepEqual(sent, [{ type: 'run', run_id: 1, config: {} }]);
  await assert.rejects(client.ask('predict'), /not a fewshot protocol message: predict/);
});

/** A fake core for the train worker: one "iteration" per train() unit, loss = iteration. */
function fakeTrainCore() {
  class Playground {
    constructor() { this.it = 0; this.n = 0; this.calls = []; }
    clear_data() {} load_mnist() {} num_records() { return 100; }
    setup(cfg) { this.it = 0; this.n = cfg.num_iters; this.hist = []; }
    train(k) { const ran = Math.min(k, this.n - this.it); for (let i = 0; i < ran; i++) this.hist.push(this.it++); this.calls.push(ran); return ran; }
    iteration() { return this.it; } num_iters() { return this.n; } diverged() { return false; }
    loss_history(from) { return Float32Array.from(this.hist.slice(from)); }
    data_loss_history(from) { return this.loss_history(from); } reg_loss_history(from) { return new Float32Array(this.hist.length - from); }
    train_acc() { return this.it / 1000; } templates_rgba() { return new Uint8Array(4); }
    evaluate() { const it = this.it; return { top1: () => it / 100, top5: () => 1, confusion: () => Uint32Array.of(it), free() {} }; }
    height() { return 1; } width() { return 1; } channels() { return 1; } num_classes() { return 1; }
    class_names() { return ['0']; } num_train_used() { return 10; } num_val_used() { return 10; } num_test() { return 10; }
    label() { return 0; } image_rgba() { return new Uint8Array(4); }
  }
  class TrainConfig { constructor() { Object.assign(this, { loss: 1, num_iters: 0, num_train: 0, num_val: 0, seed: 0, eval_every: 10 }); } free() {} }
  return async () => ({ wasm: { Playground, TrainConfig, simd_compiled: () => false, LossKind: { Svm: 0, Softmax: 1 },
    DatasetKind: { Mnist: 0 }, hessian_cost: (n) => Float64Array.of(n, n * n, 4 * n * n, (2 / 3) * n ** 3) }, memory: undefined });
}

test('train: Pause posts the last progress before `paused`, and Step then runs exactly the next iteration', async () => {
  const realFetch = globalThis.fetch;
  serveData(); // the real manifest and MNIST chunks (the fake core ignores their bytes)
  try {
    const { startTrainWorker } = await import('../modes/train/worker.js');
    const posted = [];
    const rt = startTrainWorker({ load: fakeTrainCore(), post: (m) => posted.push(m), exit: () => {} });
    const config = { dataset: 'mnist', loss: 'softmax', num_iters: 1e6, num_train: 10, num_val: 10, num_test: 10, seed: 1 };
    rt.receive({ type: 'init', run_id: 0 });
    await rt.receive({ type: 'load', run_id: 1, config, base: 'http://x/' });
    assert.ok(posted.some((m) => m.type === 'loaded'));
    await rt.receive({ type: 'play', run_id: 1 });
    for (let i = 0; i < 20; i++) await tick(); // the loop trains chunk after chunk
    const shown = () => posted.filter((m) => m.type === 'progress').at(-1).iteration;
    posted.length = 0;
    await rt.receive({ type: 'pause', run_id: 1 });
    const stopped = rt.pg.iteration();
    assert.ok(stopped > 0);
    assert.deepEqual(posted.map((m) => m.type), ['progress', 'paused']);
    assert.equal(shown(), stopped, 'the counter shows the iteration the worker stopped at');
    assert.equal(posted[0].from + posted[0].loss.length, stopped, 'every loss up to there was sent');
    for (let i = 0; i < 5; i++) await tick(); // no chunk runs after a pause
    assert.equal(rt.pg.iteration(), stopped);
    posted.length = 0;
    await rt.receive({ type: 'step', run_id: 1 });
    assert.equal(rt.pg.iteration(), stopped + 1);
    assert.deepEqual(posted.map((m) => m.type), ['progress', 'paused']);
    assert.equal(shown(), stopped + 1);
    assert.equal(rt.pg.calls.at(-1), 1);
  } finally {
    globalThis.fetch = realFetch;
  }
});
