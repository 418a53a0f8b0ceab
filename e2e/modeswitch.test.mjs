// End-to-end: switching modes does not leak (issue 11, item 11). 30 round trips train → another
// mode → train through the header's tabs: the page's JS heap after a forced garbage collection
// (CDP HeapProfiler.collectGarbage, then Performance.getMetrics JSHeapUsedSize) ends within
// 5 MB of where it started (the issue measured ~0.93 MB per round trip: 28 MB over 30), the DOM
// does not grow, and training still runs to the end afterwards. Needs `npm run build` first.

import test from 'node:test';
import assert from 'node:assert/strict';
import { suite, waitForStatus } from './suite.mjs';

const frame = suite();
const ROUND_TRIPS = 30;
const BOUND_MB = 5;
const OTHERS = ['knn', 'views', 'race', 'lab', 'fewshot'];
const SETTLED = /^(idle|ready|done|paused|error: .*)$/;

async function heapMB(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { heap: m.JSHeapUsedSize / 1e6, nodes: m.Nodes, listeners: m.JSEventListeners };
}

test(`${ROUND_TRIPS} round trips train → other mode → train keep the page heap within ${BOUND_MB} MB`, async () => {
  const page = await frame.open('#num_iters=20');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await waitForStatus(page, SETTLED, 60_000);
  const go = async (name) => {
    await Promise.all([page.waitForEvent('load'), page.getByTestId(`mode-${name}`).click()]);
    await page.waitForFunction((n) => document.body.dataset.mode === n, name);
    await waitForStatus(page, SETTLED, 60_000);
  };
  // one warm-up trip: the modes' code and data are loaded (and cached) once
  await go('knn');
  await go('train');
  const start = await heapMB(cdp);
  const series = [start.heap];
  for (let i = 1; i <= ROUND_TRIPS; i++) {
    await go(OTHERS[i % OTHERS.length]);
    await go('train');
    if (i % 10 === 0) series.push((await heapMB(cdp)).heap);
  }
  const end = await heapMB(cdp);
  const growth = end.heap - start.heap;
  console.log(`page heap over ${ROUND_TRIPS} round trips (MB, every 10): ${series.map((v) => v.toFixed(2)).join(' → ')}; ` +
    `DOM nodes ${start.nodes} → ${end.nodes}, listeners ${start.listeners} → ${end.listeners}`);
  assert.ok(growth < BOUND_MB, `heap grew ${growth.toFixed(2)} MB (${start.heap.toFixed(2)} → ${end.heap.toFixed(2)})`);
  assert.ok(end.nodes <= start.nodes * 1.2 + 50, `DOM nodes ${start.nodes} → ${end.nodes}`);
  // training still works: Play runs the 20 iterations to the end
  await page.getByTestId('play').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/, 60_000), 'done');
  assert.match(await page.getByTestId('iteration').textContent(), /^20 \/ 20$/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
