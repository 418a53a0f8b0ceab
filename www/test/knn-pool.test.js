// The worker pool (www/modes/knn/pool.js) against the real core (target/pkg-node): any number of
// workers gives exactly the labels of one knn_predict call over all rows, whatever order the
// workers finish in; a cancelled prediction stops handing out chunks.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Pool } from '../modes/knn/pool.js';
import { RANKED } from '../worker/protocol.js';
import { loadDataset } from '../data.js';
import { serveData } from './served-data.js';
import { RECORD_FIELDS, adoptRecords, exportRecords, transferList } from '../modes/knn/share.js';
import { withTransfer } from '../buffers.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgPath = path.join(root, 'target/pkg-node/simd/classplay.js');
const skip = fs.existsSync(pkgPath) ? false : 'no target/pkg-node: run scripts/build-wasm.sh first';
const core = skip ? null : createRequire(import.meta.url)(pkgPath);

const asked = serveData();

/** A stand-in Worker answering `predict` from one shared Playground, after a random delay. */
function fakeWorker(pg, log, seed) {
  let s = seed;
  const delay = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % 5;
  const w = {
    onmessage: null,
    postMessage(msg) {
      setTimeout(() => {
        log.push(msg);
        const reply = msg.type === 'predict'
          ? { type: 'result', run_id: msg.run_id, labels: pg.knn_predict(msg.from, msg.to, msg.metric, msg.k),
            ranks: pg.knn_predict_ranked(msg.from, msg.to, msg.metric, msg.k, RANKED), ms: 1 }
          : { type: 'error', run_id: msg.run_id, message: `unexpected ${msg.type}` };
        w.onmessage({ data: reply });
      }, delay());
    },
  };
  return w;
}

test('1, 2, 3 and 8 workers give exactly the labels of one call, for L1 and L2', { skip }, async () => {
  const pg = new core.Playground();
  const ok = await loadDataset(core, pg, 'mnist', { train: 2000, test: 300 }, 'http://page.test/', () => {}, () => false);
  assert.equal(ok, true);
  pg.knn_setup(2000, 300, 'first', 1);
  for (const [metric, k] of [['l2', 1], ['l1', 5], ['l2', 8]]) {
    const reference = Array.from(pg.knn_predict(0, 300, metric, k));
    const referenceRanks = Array.from(pg.knn_predict_ranked(0, 300, metric, k, RANKED));
    assert.deepEqual(referenceRanks.filter((_, i) => i % RANKED === 0), reference, 'column 0 is the prediction');
    for (const size of [1, 2, 3, 8]) {
      const log = [];
      let made = 0;
      const pool = new Pool(size, () => fakeWorker(pg, log, ++made));
      let lastProgress = 0;
      const { labels, ranks } = await pool.predict(300, metric, k, (n, total) => {
        assert.ok(n > lastProgress && total === 300);
        lastProgress = n;
      });
      assert.deepEqual(Array.from(labels), reference, `${size} workers, ${metric}, k = ${k}`);
      assert.deepEqual(Array.from(ranks), referenceRanks, `ranks: ${size} workers, ${metric}, k = ${k}`);
      assert.equal(lastProgress, 300);
      if (size > 1) assert.ok(log.length > size, 'more chunks than workers');
    }
  }
  pg.free();
});

test('cancel(): the prediction rejects as cancelled and hands out no more chunks', async () => {
  const asked = [];
  const slow = () => {
    const w = {
      onmessage: null,
      postMessage(msg) {
        asked.push(msg.from);
        setTimeout(() => w.onmessage({ data: { type: 'result', run_id: msg.run_id, labels: new Uint8Array(msg.to - msg.from), ms: 0 } }), 5);
      },
    };
    return w;
  };
  const pool = new Pool(2, slow);
  const running = pool.predict(1000, 'l2', 1);
  pool.cancel();
  await assert.rejects(running, (e) => e.cancelled === true);
  assert.equal(asked.length, 2, 'only the chunks already in flight');
});

test('a worker error rejects the prediction with its message', async () => {
  const failing = () => {
    const w = {
      onmessage: null,
      postMessage(msg) { setTimeout(() => w.onmessage({ data: { type: 'error', run_id: msg.run_id, message: 'k must be 1..=5' } }), 0); },
    };
    return w;
  };
  await assert.rejects(new Pool(2, failing).predict(10, 'l2', 9), /k must be 1\.\.=5/);
});

/**
 * A stand-in k-NN worker with its own Playground, answering `setup` and `records` as
 * www/modes/knn/worker.js does (load, or `need_records`, or adopt the joined records; decode a
 * part; share.js),
 * messages cloned both ways as postMessage does (transferred buffers detach in the sender).
 */
function sharingWorker(loads) {
  const pg = new core.Playground();
  let key = null;
  const w = {
    pg,
    onmessage: null,
    postMessage(sent, transfer = []) {
      const msg = structuredClone(sent, { transfer });
      setTimeout(async () => {
        let reply;
        try {
          if (msg.type === 'setup') {
            const want = `${msg.dataset}:${msg.limits.train}:${msg.limits.test}`;
            if (want !== key && msg.records) {
              adoptRecords(pg, msg.records);
              key = msg.records.key;
            } else if (want !== key && msg.await_records) {
              reply = { need_records: true };
            } else if (want !== key) {
              loads.push(msg.dataset);
              await loadDataset(core, pg, msg.dataset, msg.limits, 'http://page.test/', () => {}, () => false);
              key = want;
            }
            if (!reply) {
              pg.knn_setup(msg.num_train, msg.num_test, 'first', 1);
              reply = { info: {}, train_ms: 0, load_ms: 0 };
            }
          } else if (msg.type === 'records') {
            key = null; // the data here is one part
            loads.push(`part ${msg.part.index} of ${msg.part.count}`);
            await loadDataset(core, pg, msg.dataset, msg.limits, 'http://page.test/', () => {}, () => false, { part: msg.part });
            reply = exportRecords(pg, `${msg.dataset}:${msg.limits.train}:${msg.limits.test}`, { shared: false });
          } else if (msg.type === 'predict') {
            reply = { labels: pg.knn_predict(msg.from, msg.to, msg.metric, msg.k), ranks: null, ms: 1 };
          }
          const [fields, list] = withTransfer({ type: 'result', run_id: msg.run_id, ...reply });
          w.onmessage({ data: structuredClone(fields, { transfer: list }) });
        } catch (e) {
          w.onmessage({ data: { type: 'error', run_id: msg.run_id, message: e.message } });
        }
      }, 0);
    },
  };
  return w;
}

test('setup: one fetch and decode for the whole pool (a part per worker); every worker predicts the labels of one that decoded itself', { skip }, async () => {
  // 2 training chunks of 10,000 records and 1 test chunk: parts of 0, 1 or 2 chunks per split.
  const fields = { dataset: 'mnist', limits: { train: 12000, test: 200 }, num_train: 12000, num_test: 200 };
  const single = [];
  const one = new Pool(1, () => sharingWorker(single));
  await one.setup(fields);
  const reference = Array.from((await one.predict(200, 'l2', 3)).labels);
  assert.deepEqual(single, ['mnist']);
  for (const size of [2, 3]) {
    const loads = [];
    const made = [];
    const pool = new Pool(size, () => { made.push(sharingWorker(loads)); return made.at(-1); });
    asked.length = 0;
    const replies = await pool.setup(fields, () => {});
    assert.equal(replies.length, size);
    assert.ok(replies.every((r) => !r.need_records && !r.stale), JSON.stringify(replies));
    assert.deepEqual(loads, Array.from({ length: size }, (_, i) => `part ${i} of ${size}`), `${size} workers: one part each`);
    const chunks = asked.filter((u) => /images|labels/.test(u) && !/manifest/.test(u));
    assert.ok(chunks.length >= 4);
    assert.equal(new Set(chunks).size, chunks.length, `${size} workers: every chunk fetched once (${chunks.join(', ')})`);
    const whole = one.clients[0].worker.pg;
    for (const w of made) {
      assert.equal(w.pg.num_records('train'), 12000);
      for (const split of ['train', 'test']) {
        const n = whole.num_records(split);
        assert.ok(Buffer.from(w.pg.records(split, 0, n)).equals(Buffer.from(whole.records(split, 0, n))), `${size} workers: ${split} records`);
        assert.deepEqual(Array.from(w.pg.record_labels(split)), Array.from(whole.record_labels(split)));
      }
    }
    assert.deepEqual(Array.from((await pool.predict(200, 'l2', 3)).labels), reference, `${size} workers`);
    // The same data again: nobody loads or asks for records.
    const before = loads.length;
    await pool.setup({ ...fields, num_train: 11000 });
    assert.equal(loads.length, before);
    for (const w of made) w.pg.free();
  }
  one.clients[0].worker.pg.free();
});

test('shared records: SharedArrayBuffer views are never in a transfer list and adopt like copies', { skip }, async () => {
  const pg = new core.Playground();
  await loadDataset(core, pg, 'mnist', { train: 300, test: 50 }, 'http://page.test/', () => {}, () => false);
  const shared = exportRecords(pg, 'k', { shared: true });
  const copied = exportRecords(pg, 'k', { shared: false });
  assert.ok(RECORD_FIELDS.every((f) => shared[f].buffer instanceof SharedArrayBuffer));
  assert.deepEqual(transferList(shared), []);
  assert.equal(withTransfer(shared)[1].length, 0);
  assert.equal(transferList(copied).length, 4);
  assert.equal(withTransfer(copied)[1].length, 4);
  for (const f of RECORD_FIELDS) assert.deepEqual(Array.from(shared[f]), Array.from(copied[f]), f);
  assert.equal(shared.train_images.length, 300 * 784);
  const other = new core.Playground();
  adoptRecords(other, shared);
  pg.knn_setup(300, 50, 'first', 1);
  other.knn_setup(300, 50, 'first', 1);
  assert.deepEqual(Array.from(other.knn_predict(0, 50, 'l1', 1)), Array.from(pg.knn_predict(0, 50, 'l1', 1)));
  assert.throws(() => adoptRecords(other, { ...copied, test_labels: undefined }), /missing test_labels/);
  pg.free();
  other.free();
});
