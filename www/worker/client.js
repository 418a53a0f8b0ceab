// The page's side of one worker, the same in every mode: post `{type, run_id, ...}`, await a
// request's reply, drop replies nobody waits for (stale), and start a fresh worker after the core
// crashed (the runtime reports `error {crashed: true}` and ends; the new worker gets the same
// `init` again, so the page can simply carry on). Protocol: protocol.js; worker side: runtime.js.

import { message } from './protocol.js';

/** Every client whose worker is alive (for `cancelLoads`). */
const live = new Set();
/** `(client, msg)` functions shown every message of every client (`watchMessages`). */
const watchers = new Set();

/**
 * Calls `fn(client, msg)` for every message any worker sends (before the client handles it): the
 * one place the page watches data loads of every mode (www/ui/load-progress.js). Returns an
 * unsubscribe function.
 */
export function watchMessages(fn) {
  watchers.add(fn);
  return () => watchers.delete(fn);
}

/** Asks every live worker to abort its data fetches (protocol `cancel_load`). */
export function cancelLoads() {
  for (const c of live) c.post('cancel_load', c.lastRunId);
}

export class WorkerClient {
  /**
   * `makeWorker()` makes the Worker (or anything with postMessage / onmessage / onerror /
   * terminate). `name` words the failure of the worker script itself ("the few-shot worker").
   * `onMessage(msg)` gets every message that is no reply to a pending `ask` (the train mode's
   * stream); `onError(error)` a failure of the worker itself. Both may be assigned later.
   */
  constructor(makeWorker, { name = 'the worker', mode = null, onMessage = () => {}, onError = () => {} } = {}) {
    this.makeWorker = makeWorker;
    this.name = name;
    this.mode = mode;
    this.onMessage = onMessage;
    this.onError = onError;
    this.lastRunId = 0; // run_id of the latest ask
    this.pending = new Map(); // run_id -> {resolve, reject, onProgress}
    this.initMessage = null; // sent again to a fresh worker after a crash
    this.restarts = 0;
    this.spawn();
    live.add(this);
  }

  spawn() {
    const worker = this.makeWorker();
    worker.onmessage = ({ data }) => this.receive(data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      const error = new Error(`${this.name} failed: ${e.message ?? e}`);
      this.rejectAll(error);
      this.onError(error);
    };
    this.worker = worker;
  }

  /**
   * Post `{type, run_id, ...fields}` (no reply awaited); the buffers in `transfer` move to the
   * worker (detached here), everything else is copied.
   */
  post(type, run_id, fields = {}, transfer = []) {
    const msg = message(type, run_id, fields, this.mode);
    if (type === 'init') this.initMessage = msg;
    this.worker.postMessage(msg, transfer);
  }

  /**
   * A request with a new run_id: resolves with its `result` (or `ready`) message, rejects with its
   * `error`; its `progress` and `loading` messages go to `onProgress(msg)`. `transfer`: as `post`.
   */
  ask(type, fields = {}, onProgress, transfer = []) {
    this.lastRunId += 1;
    const run_id = this.lastRunId;
    return new Promise((resolve, reject) => {
      this.pending.set(run_id, { resolve, reject, onProgress });
      this.post(type, run_id, fields, transfer);
    });
  }

  receive(msg) {
    for (const fn of watchers) fn(this, msg);
    const p = this.pending.get(msg.run_id);
    if (msg.crashed) this.restart(msg);
    if (!p) return this.onMessage(msg);
    if (msg.type === 'progress' || msg.type === 'loading') return p.onProgress?.(msg);
    this.pending.delete(msg.run_id);
    if (msg.type === 'error') p.reject(Object.assign(new Error(msg.message), { crashed: msg.crashed === true }));
    else p.resolve(msg);
  }

  /** The core crashed: a fresh worker (a new core), initialised like the first; every other request
   * in flight fails with the crash's message (the old worker ran none of them). */
  restart(msg) {
    this.worker.terminate?.();
    const crashed = this.pending.get(msg.run_id);
    this.pending.delete(msg.run_id);
    this.rejectAll(Object.assign(new Error(msg.message), { crashed: true }));
    if (crashed) this.pending.set(msg.run_id, crashed); // answered by `msg` itself
    this.restarts += 1;
    this.spawn();
    if (this.initMessage) this.worker.postMessage(this.initMessage);
  }

  rejectAll(error) {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  terminate() {
    live.delete(this);
    this.worker.terminate?.();
  }
}
