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

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgPath = path.join(root, 'target/pkg-node/simd/classplay.js');
const skip = fs.existsSync(pkgPath) ? false : 'no target/pkg-node: run scripts/build-wasm.sh first';
const core = skip ? null : createRequire(import.meta.url)(pkgPath);

serveData();

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
