#!/usr/bin/env node
// Bytes and seconds to the first result for the default MNIST, CIFAR-10 and CIFAR-100 links, on a
// cold visit (fresh browser profile) and a cached one (the same profile, reloaded: the service
// worker's precache for the code, the Cache API for the data). Serves dist/ (run `npm run build`
// first) on localhost, so the seconds are this machine's decode + train time plus a local network;
// the bytes are what a visitor's network would carry. Debian's Chromium, headless.
//
//   node scripts/data-figures.mjs [--runs N]     (median of N runs per cell, default 3)

import { serve } from './static-server.mjs';
import { launch } from '../e2e/browser.mjs';

const LINKS = [
  ['MNIST (default)', '#autoplay=1'],
  ['CIFAR-10 (default)', '#dataset=cifar10&autoplay=1'],
  ['CIFAR-100 (default)', '#dataset=cifar100&autoplay=1'],
];
const at = process.argv.indexOf('--runs');
const RUNS = at > 0 ? Number(process.argv[at + 1]) : 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Network bytes (not served by the service worker) of `context`'s responses: {all, data}. */
function countBytes(context) {
  const n = { all: 0, data: 0 };
  context.on('requestfinished', async (req) => {
    const res = await req.response().catch(() => null);
    if (!res || res.fromServiceWorker()) return;
    const size = Math.max(0, (await req.sizes().catch(() => null))?.responseBodySize ?? 0);
    n.all += size;
    if (new URL(req.url()).pathname.includes('/data/')) n.data += size;
  });
  return n;
}

/** Seconds from navigation to the first loss on the page, and to `done`. */
async function visit(page, url, reload) {
  const t0 = Date.now();
  if (reload) await page.reload();
  else await page.goto(url);
  await page.waitForFunction(() => /^\d/.test(document.querySelector('[data-testid="loss"]')?.textContent ?? ''),
    null, { timeout: 600_000, polling: 20 });
  const first = (Date.now() - t0) / 1000;
  await page.waitForFunction(() => /^(done|error)/.test(document.querySelector('[data-testid="status"]').textContent),
    null, { timeout: 600_000, polling: 50 });
  const status = await page.getByTestId('status').textContent();
  if (status !== 'done') throw new Error(`${url}: ${status}`);
  return { first, done: (Date.now() - t0) / 1000 };
}

const server = await serve();
const browser = await launch();
const rows = [];
for (const [name, hash] of LINKS) {
  const cells = { cold: [], cached: [] };
  for (let r = 0; r < RUNS; r++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    let bytes = countBytes(context);
    const cold = await visit(page, server.url + hash, false);
    cells.cold.push({ ...cold, ...bytes });
    // The service worker controls the page before the cached visit.
    await page.evaluate(() => navigator.serviceWorker.ready);
    bytes = countBytes(context);
    const cached = await visit(page, server.url + hash, true);
    cells.cached.push({ ...cached, ...bytes });
    await context.close();
  }
  for (const kind of ['cold', 'cached']) {
    const c = cells[kind];
    rows.push({ link: name, visit: kind, data_mb: median(c.map((x) => x.data)) / 1e6,
      all_mb: median(c.map((x) => x.all)) / 1e6, first_s: median(c.map((x) => x.first)), done_s: median(c.map((x) => x.done)) });
  }
}
await browser.close();
await server.close();
console.log(`| link | visit | data fetched (MB) | everything fetched (MB) | s to first loss | s to done |`);
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.link} | ${r.visit} | ${r.data_mb.toFixed(2)} | ${r.all_mb.toFixed(2)} | ${r.first_s.toFixed(2)} | ${r.done_s.toFixed(2)} |`);
}
console.log(`(medians of ${RUNS} runs; localhost, so seconds are decode + train time, not a network's)`);
