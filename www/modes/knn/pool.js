// The worker pool: one k-NN worker per core (capped), each with its own wasm instance and data,
// fetched and decoded once between them (each a part) and handed to all (share.js, `setup`).
// Prediction hands out small contiguous chunks of test rows from a queue, so a worker on a busy core
// takes fewer; each row's label depends only on that row, so any number of workers gives exactly
// the labels one worker gives (e2e/knn.test.mjs checks it in the page).

import { RANKED } from '../../worker/protocol.js';
import { WorkerClient } from '../../worker/client.js';
import { MAX_WORKERS } from './state.js';
import { joinParts, transferList } from './share.js';

/** Workers for `requested` (0 = one per core), capped at MAX_WORKERS. */
export function poolSize(requested, cores) {
  if (requested > 0) return Math.min(requested, MAX_WORKERS);
  return Math.max(1, Math.min(Number(cores) || 1, MAX_WORKERS));
}

/**
 * Contiguous chunks covering rows 0..n: about `perWorker` per worker (so the queue balances the
 * load), each within minRows..maxRows where n allows. Returns [[from, to], …] in order.
 */
export function chunkRows(n, workers, { perWorker = 16, minRows = 8, maxRows = 256 } = {}) {
  const size = Math.max(1, Math.min(maxRows, Math.max(minRows, Math.ceil(n / (workers * perWorker)))));
  const chunks = [];
  for (let from = 0; from < n; from += size) chunks.push([from, Math.min(n, from + size)]);
  return chunks;
}

export class Pool {
  /** `size` workers made by `makeWorker()` (a Worker or anything with postMessage/onmessage). */
  constructor(size, makeWorker) {
    // One client per worker (www/worker/client.js): run ids, replies, a fresh worker after a crash.
    this.clients = Array.from({ length: size }, () => new WorkerClient(makeWorker, { name: 'a k-NN worker', mode: 'knn' }));
    this.generation = 0; // rises on cancel(): chunks of an older prediction are no longer handed out
    this.shared = null; // the last shared decode: true in SharedArrayBuffers, false transferred / cloned
  }

  get size() {
    return this.clients.length;
  }

  /** One request to worker `i`; resolves with the reply message. */
  ask(i, type, fields = {}, onLoading) {
    // msg: {what, done?, total?}
    return this.clients[i].ask(type, fields, onLoading && ((msg) => msg.type === 'loading' && onLoading(msg.what, msg)));
  }

  /** The same request to every worker; resolves with every reply (in worker order). */
  all(type, fields = {}, onLoading) {
    return Promise.all(this.clients.map((_, i) => this.ask(i, type, fields, i === 0 ? onLoading : undefined)));
  }

  /**
   * `setup` in every worker with one fetch and decode of a served dataset between them: workers
   * lacking it answer `need_records`; then every worker decodes one part of it (`records`), the
   * parts are joined here (share.js) and go to every worker with the setup again. Resolves with
   * every setup reply (in worker order), like `all('setup', …)`; `onLoading(what)` follows worker
   * 0's load.
   */
  async setup(fields, onLoading) {
    if (this.size === 1) return [await this.ask(0, 'setup', fields, onLoading)];
    const replies = await Promise.all(this.clients.map((_, i) =>
      this.ask(i, 'setup', { ...fields, await_records: true }, i === 0 ? onLoading : undefined)));
    if (!replies.some((r) => r.need_records) || replies.some((r) => r.stale)) return replies;
    const count = this.size;
    const { dataset, label_mode, limits, base, seed } = fields;
    const parts = await Promise.all(this.clients.map((_, index) => this.ask(index, 'records',
      { dataset, label_mode, limits, base, seed, part: { index, count } }, index === 0 ? onLoading : undefined)));
    if (parts.some((p) => p.stale)) return parts.map(() => ({ stale: true }));
    onLoading?.(`handing the decoded data to ${count} workers`, {});
    const records = joinParts(parts);
    this.shared = records.shared;
    // Shared memory: every worker reads the same buffers. Otherwise the last worker takes the
    // buffers (a transfer) and the ones before it get structured clones (made as they are posted).
    return Promise.all(this.clients.map((_, i) => this.ask(i, 'setup', { ...fields, records }, undefined,
      i === count - 1 ? transferList(records) : [])));
  }

  /** Stop handing out chunks of the prediction in progress (it then rejects as cancelled). */
  cancel() {
    this.generation += 1;
  }

  /**
   * Labels of test rows 0..numTest with `metric` and `k`, spread over the pool.
   * onProgress(rowsDone, numTest) after every chunk. Resolves with {labels: Uint8Array, ranks, ms,
   * worker_ms} (ms: summed worker compute time, worker_ms: each worker's share of it; ranks:
   * (numTest, RANKED) the classes in k-NN order, for top-5, when the workers send them, else
   * null), or rejects with {cancelled: true} after cancel().
   */
  async predict(numTest, metric, k, onProgress = () => {}) {
    const generation = this.generation;
    const chunks = chunkRows(numTest, this.size);
    const labels = new Uint16Array(numTest); // the core's labels are u16 (src/label.rs)
    let ranks = new Uint16Array(numTest * RANKED);
    let ranked = true;
    let next = 0;
    let done = 0;
    let ms = 0;
    const worker_ms = this.clients.map(() => 0);
    const cancelled = Object.assign(new Error('cancelled'), { cancelled: true });
    const drain = async (i) => {
      while (next < chunks.length) {
        if (this.generation !== generation) throw cancelled;
        const [from, to] = chunks[next++];
        const r = await this.ask(i, 'predict', { from, to, metric, k });
        if (this.generation !== generation) throw cancelled;
        labels.set(r.labels, from);
        if (r.ranks) ranks.set(r.ranks, from * RANKED);
        else ranked = false;
        done += to - from;
        ms += r.ms;
        worker_ms[i] += r.ms;
        onProgress(done, numTest);
      }
    };
    await Promise.all(this.clients.map((_, i) => drain(i)));
    if (!ranked) ranks = null;
    return { labels, ranks, ms, worker_ms };
  }

  terminate() {
    for (const c of this.clients) c.terminate();
  }
}
