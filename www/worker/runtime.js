// The one worker runtime every mode's worker runs on (train, knn and its pool, fewshot, lab): it
// loads the core (www/core.js: SIMD probe, scalar fallback) and a Playground, handles messages one
// at a time in order, drops jobs made stale by a newer message, runs long work in time-budgeted
// chunks, throttles progress, and turns a wasm trap into a clear error and a fresh core. A mode's
// worker is only its handlers:
//
//   const rt = createRuntime({ mode: 'knn', handlers: { setup, predict, … } });
//   self.onmessage = ({ data }) => rt.receive(data);
//
// Protocol (types, fields, which types supersede): protocol.js.

import { loadCore } from '../core.js';
import { withTransfer } from '../buffers.js';
import { MODES, message } from './protocol.js';

/** Work per chunk (ms): short enough that pause, cancel or a newer request gets through promptly. */
export const CHUNK_MS = 20;
/** Progress messages per second, at most (the page draws at most once a frame anyway). */
export const PROGRESS_PER_SECOND = 30;

/** The error text of a load the user cancelled. */
export const LOAD_CANCELLED = 'loading cancelled';

export const errorText = (e) => (e instanceof Error ? e.message : String(e));

/** A wasm trap (`unreachable`, out-of-bounds, …): the instance may be half-updated, never reuse it. */
export const isTrap = (e) => e instanceof WebAssembly.RuntimeError;

/** What the page shows for a trap; the worker is replaced by a fresh one (client.js). */
export const crashText = (e) =>
  `the wasm core crashed (${errorText(e)}); a fresh one was started — run again`;

/** The next chunk size: aimed at CHUNK_MS from the last one, changing by at most a factor of two. */
export function nextChunk(n, ran, ms) {
  const aimed = Math.round(ran * CHUNK_MS / Math.max(ms, 0.1));
  return Math.min(Math.max(aimed, Math.ceil(n / 2), 1), n * 2);
}

/** `{due(), mark()}`: due when the last mark is at least 1 / perSecond seconds ago. */
export function throttle(perSecond = PROGRESS_PER_SECOND, now = () => performance.now()) {
  let last = -Infinity;
  return { due: () => now() - last >= 1000 / perSecond, mark: () => { last = now(); } };
}

/**
 * Yield to the event loop so messages get in. In a worker through a MessageChannel (no setTimeout
 * clamp of 4 ms), elsewhere (node tests) setTimeout.
 */
export const yieldToMessages = (() => {
  const inWorker = typeof WorkerGlobalScope !== 'undefined' && typeof MessageChannel === 'function';
  if (!inWorker) return () => new Promise((resolve) => setTimeout(resolve, 0));
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () => new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
})();

/**
 * A worker runtime.
 * - `mode`: the protocol's mode (protocol.js MODES): message types are checked against it, and its
 *   `superseding` types make every job with a smaller run_id stale on arrival.
 * - `handlers`: `{type: (msg, rt) => fields | Promise<fields>}`; `init` is the runtime's own.
 * - `onArrive`: `{type: (msg, rt) => void}` runs as the message arrives, before earlier jobs end
 *   (e.g. train's pause stops the loop at once).
 * - `reply`: request / reply mode: a handler's return value is posted as `result` (`{}` if none).
 * - `onCrash(rt)`: forget the mode's state after a trap.
 * - `load`, `post`, `exit`, `now`, `yieldTask`: the environment (tests pass fakes).
 */
export function createRuntime({
  mode, handlers, onArrive = {}, reply = true, onCrash = () => {},
  load = loadCore,
  post = (msg, transfer) => self.postMessage(msg, transfer),
  exit = () => self.close(),
  now = () => performance.now(),
  yieldTask = yieldToMessages,
}) {
  const superseding = MODES[mode].superseding;
  let queue = Promise.resolve();
  let crashed = false;
  let loads = new AbortController(); // aborted by `cancel_load`, then replaced

  const rt = {
    core: null, // the wasm-bindgen module namespace
    memory: null, // its WebAssembly.Memory (views on it are copied, never transferred)
    pg: null, // the Playground
    newest: 0, // run_id of the newest superseding message

    /** Post `{type, run_id, ...fields}`; typed arrays among `fields` are transferred (owned copies). */
    post(type, run_id, fields = {}) {
      post(...withTransfer(message(type, run_id, fields, mode), rt.memory ?? undefined));
    },

    /** Has a newer superseding message arrived since the job `run_id`? */
    stale: (run_id) => rt.newest > run_id,

    /** The AbortSignal a handler passes to its data fetches (data.js); `cancel_load` aborts it. */
    loadSignal: () => loads.signal,

    /** Take a message from the page (`self.onmessage = ({data}) => rt.receive(data)`). */
    receive(msg) {
      if (msg.type === 'cancel_load') {
        // At once, not queued: the load it cancels is the job running now.
        loads.abort(new DOMException(LOAD_CANCELLED, 'AbortError'));
        loads = new AbortController();
        return queue;
      }
      if (superseding.includes(msg.type)) rt.newest = Math.max(rt.newest, msg.run_id);
      onArrive[msg.type]?.(msg, rt);
      queue = queue.then(() => job(msg));
      return queue;
    },

    /**
     * Report the failure `e` of job `run_id`: an `error` message; after a trap also `crashed: true`,
     * the mode's state is dropped and the worker ends (the client starts a fresh one: a new core).
     */
    fail(e, run_id) {
      if (crashed) return;
      if (e?.cancelled) return rt.post('result', run_id, { stale: true }); // a newer message won
      if (!isTrap(e)) return rt.post('error', run_id, { message: errorText(e) });
      crashed = true;
      onCrash(rt);
      rt.core = rt.pg = null;
      rt.post('error', run_id, { message: crashText(e), crashed: true });
      exit();
    },

    /**
     * Run `work(n)` (does up to n units, returns how many it did) in chunks of about CHUNK_MS,
     * yielding to messages between chunks. After each chunk `onChunk(ran)`; the loop ends when work
     * returns 0 or onChunk returns false (resolves true), or when `keepGoing()` turns false before a
     * chunk (resolves false: stopped, e.g. stale or paused).
     */
    async chunks(work, { keepGoing = () => true, onChunk = () => true } = {}) {
      let n = 1;
      for (;;) {
        if (crashed || !keepGoing()) return false;
        const t0 = now();
        const ran = work(n);
        const ms = now() - t0;
        if (ran > 0) n = nextChunk(n, ran, ms);
        if (onChunk(ran) === false || ran === 0) return true;
        await yieldTask();
      }
    },

    throttle: (perSecond = PROGRESS_PER_SECOND) => throttle(perSecond, now),
  };

  async function init() {
    if (!rt.core) {
      ({ wasm: rt.core, memory: rt.memory } = await load());
      rt.pg = new rt.core.Playground();
    }
    return { simd: rt.core.simd_compiled() };
  }

  async function job(msg) {
    if (crashed) return; // the client has started a fresh worker; nothing runs on this core
    try {
      if (msg.type === 'init') return rt.post('ready', msg.run_id, await init());
      const handler = handlers[msg.type];
      if (!handler) throw new Error(`unknown message type ${JSON.stringify(msg.type)}`);
      if (!rt.core) throw new Error('the wasm module is not loaded');
      const fields = await handler(msg, rt);
      if (reply && !crashed) rt.post('result', msg.run_id, fields ?? {});
    } catch (e) {
      rt.fail(e, msg.run_id);
    }
  }

  return rt;
}
