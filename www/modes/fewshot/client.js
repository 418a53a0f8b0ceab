// A request/reply wrapper around the few-shot worker: `ask(type, fields, onProgress)` resolves
// with the `result` reply, rejects with an `error` reply's message, and passes `progress` and
// `loading` replies to onProgress. Messages: protocol.js.

import { message } from './protocol.js';

export class Client {
  /** `worker`: a Worker (or anything with postMessage / onmessage / onerror). */
  constructor(worker) {
    this.worker = worker;
    this.req = 0;
    this.pending = new Map(); // req -> {resolve, reject, onProgress}
    worker.onmessage = ({ data: msg }) => {
      const p = this.pending.get(msg.req);
      if (!p) return;
      if (msg.type === 'progress' || msg.type === 'loading') return p.onProgress?.(msg);
      this.pending.delete(msg.req);
      if (msg.type === 'error') p.reject(new Error(msg.message));
      else p.resolve(msg);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      const error = new Error(`the few-shot worker failed: ${e.message ?? e}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  ask(type, fields = {}, onProgress) {
    this.req += 1;
    const req = this.req;
    return new Promise((resolve, reject) => {
      this.pending.set(req, { resolve, reject, onProgress });
      this.worker.postMessage(message(type, req, fields));
    });
  }
}
