// The soak (issue 11, "Long runs"): serves dist/ (build it first: `npm run build`) and drives
// Debian's headless Chromium through
//   (a) a long CIFAR-10 training run (#dataset=cifar10&num_iters=100000) for --minutes N (default
//       10), sampling every 10 s: the page's JS heap after a forced GC (CDP), the renderer
//       process's resident memory (page + its workers + their wasm memories, from /proc), the
//       page's answer time (a probe every second: a round trip into the page's main thread must
//       come back within 50 ms) and the longest main-thread task (PerformanceObserver), and the
//       iteration counter;
//   (b) 200 rapid Play / Pause / Reset clicks, then Play must train again;
//   (c) 50 mode switches through the header's tabs, then training must work again.
// Prints the series and a summary; exits 1 when the page heap or the renderer's memory grows
// beyond its bound, or training stops working.
//
//   node scripts/soak.mjs [--minutes N] [--heap-bound-mb 64] [--rss-bound-mb 400]

import fs from 'node:fs';
import { serve } from './static-server.mjs';
import { launch } from '../e2e/browser.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MINUTES = arg('minutes', 10);
/** Bounds: page JS heap at any sample (MB), growth of the renderer's memory from the first
 * sample after training started to the end of the soak (MB). */
const HEAP_BOUND_MB = arg('heap-bound-mb', 64);
const RSS_GROWTH_BOUND_MB = arg('rss-bound-mb', 400);
const LATENCY_MS = 50;

const failures = [];
const mb = (bytes) => bytes / 1e6;

/** Resident memory (MB) of the Chromium renderer processes started by this node process. */
function rendererRssMB() {
  const kids = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  let total = 0;
  const walk = (pid) => {
    for (const k of kids.get(pid) ?? []) {
      try {
        if (fs.readFileSync(`/proc/${k}/cmdline`, 'utf8').includes('--type=renderer')) {
          const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${k}/status`, 'utf8'));
          total += rss ? Number(rss[1]) * 1024 : 0;
        }
      } catch { /* gone */ }
      walk(k);
    }
  };
  walk(process.pid);
  return mb(total);
}

/** Records the longest main-thread task since the last read (before the page's scripts run). */
function watchLongTasks() {
  window.__longest = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long task API: 0 */ }
}

const server = await serve();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
const page = await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
await page.addInitScript(watchLongTasks);
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');

async function heapMB() {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return mb(metrics.find((m) => m.name === 'JSHeapUsedSize').value);
}
const statusText = () => page.evaluate(() => document.querySelector('[data-testid="status"]')?.textContent ?? '');
const iteration = async () => Number(/^(\d+)/.exec(await page.evaluate(() =>
  document.querySelector('[data-testid="iteration"]')?.textContent ?? ''))?.[1] ?? NaN);
const waitStatus = (re, timeout = 120_000) => page.waitForFunction((src) =>
  new RegExp(src).test(document.querySelector('[data-testid="status"]')?.textContent ?? ''), re.source, { timeout, polling: 100 });
/** Answer time of the page's main thread (ms): a round trip through CDP into the page and back. */
async function probe() {
  const t0 = performance.now();
  await page.evaluate(() => 0);
  return performance.now() - t0;
}
/** Play trains: the counter moves within 20 s. */
async function trainsAgain(label) {
  await waitStatus(/^(idle|paused|done|error: .*)$/);
  const before = await iteration();
  await page.getByTestId('play').click();
  try {
    await page.waitForFunction((n) => Number(/^(\d+)/.exec(document.querySelector('[data-testid="iteration"]').textContent)?.[1]) > n,
      Number.isFinite(before) ? before : 0, { timeout: 20_000, polling: 200 });
    return true;
  } catch {
    failures.push(`${label}: training does not run again (status "${await statusText()}")`);
    return false;
  }
}

// ---- (a) the long run -------------------------------------------------------------------------
await page.goto(`${server.url}#dataset=cifar10&num_iters=100000`);
await waitStatus(/^idle$/);
const series = [];
const startHeap = await heapMB();
console.log(`(a) CIFAR-10, num_iters=100000, ${MINUTES} min; page heap before Play ${startHeap.toFixed(2)} MB, renderer ${rendererRssMB().toFixed(0)} MB`);
console.log('   t (s)  iteration  page heap (MB)  renderer (MB)  max answer (ms)  longest task (ms)');
await page.getByTestId('play').click();
const t0 = Date.now();
let worstAnswer = 0;
let runs = 0;
while (Date.now() - t0 < MINUTES * 60_000) {
  let windowMax = 0;
  for (let s = 0; s < 10; s++) {
    const began = Date.now();
    windowMax = Math.max(windowMax, await probe());
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - began))));
  }
  const row = {
    t: (Date.now() - t0) / 1000,
    iteration: await iteration(),
    heap: await heapMB(),
    rss: rendererRssMB(),
    answer: windowMax,
    longest: await page.evaluate(() => { const v = window.__longest; window.__longest = 0; return v; }),
  };
  worstAnswer = Math.max(worstAnswer, row.answer);
  series.push(row);
  console.log(`${row.t.toFixed(0).padStart(8)} ${String(row.iteration).padStart(10)} ${row.heap.toFixed(2).padStart(15)} ` +
    `${row.rss.toFixed(0).padStart(14)} ${row.answer.toFixed(1).padStart(16)} ${row.longest.toFixed(0).padStart(18)}`);
  if (row.heap > HEAP_BOUND_MB) failures.push(`(a) page heap ${row.heap.toFixed(1)} MB at ${row.t.toFixed(0)} s > ${HEAP_BOUND_MB} MB`);
  const now = await statusText();
  if (/^error/.test(now)) break;
  if (now === 'done') {
    // 100 000 iterations (the page's most) took less than the soak: Reset and train again, so
    // the soak keeps a run going for its whole length
    runs += 1;
    console.log(`   run ${runs} done at ${row.t.toFixed(0)} s: Reset, Play`);
    await page.getByTestId('reset').click();
    await waitStatus(/^idle$/);
    await page.getByTestId('play').click();
  }
}
const its = series.map((r) => r.iteration);
// the counter moves between consecutive samples (a Reset starts it again from 0)
series.forEach((r, i) => {
  const prev = series[i - 1];
  if (prev && r.iteration === prev.iteration && r.iteration !== 100000) failures.push(`(a) training stalled at iteration ${r.iteration} (${r.t.toFixed(0)} s)`);
});
const status = await statusText();
if (/^error/.test(status)) failures.push(`(a) ${status}`);

// ---- (b) rapid clicks -------------------------------------------------------------------------
await page.getByTestId('pause').click().catch(() => {});
const heapB0 = await heapMB();
const buttons = ['play', 'pause', 'reset'];
for (let i = 0; i < 200; i++) {
  const b = page.getByTestId(buttons[i % 3]);
  if (await b.isEnabled()) await b.click({ timeout: 5_000 }).catch(() => {});
}
const heapB1 = await heapMB();
console.log(`(b) 200 Play/Pause/Reset clicks: page heap ${heapB0.toFixed(2)} → ${heapB1.toFixed(2)} MB, answer ${(await probe()).toFixed(1)} ms`);
await trainsAgain('(b)');

// ---- (c) mode switches ------------------------------------------------------------------------
await page.getByTestId('pause').click().catch(() => {});
const heapC0 = await heapMB();
const others = ['knn', 'views', 'race', 'lab', 'fewshot'];
for (let i = 0; i < 50; i++) {
  const to = i % 2 === 0 ? others[(i / 2) % others.length] : 'train';
  await Promise.all([page.waitForEvent('load'), page.getByTestId(`mode-${to}`).click()]);
  await waitStatus(/^(idle|ready|done|paused|error: .*)$/);
}
const heapC1 = await heapMB();
console.log(`(c) 50 mode switches: page heap ${heapC0.toFixed(2)} → ${heapC1.toFixed(2)} MB (a fresh train page: ${startHeap.toFixed(2)} MB)`);
if (heapC1 > startHeap + 5) failures.push(`(c) page heap after the switches ${heapC1.toFixed(2)} MB > ${(startHeap + 5).toFixed(2)} MB`);
await trainsAgain('(c)');
const endRss = rendererRssMB();

// ---- summary ----------------------------------------------------------------------------------
const heaps = series.map((r) => r.heap);
const rss = series.map((r) => r.rss);
const first = series[0];
console.log('summary:');
console.log(`  iterations: ${its[0]} at ${first?.t.toFixed(0)} s → ${its.at(-1)} at ${series.at(-1)?.t.toFixed(0)} s (${runs} runs of 100 000 finished before)`);
console.log(`  page heap (MB): start ${startHeap.toFixed(2)}, peak ${Math.max(...heaps).toFixed(2)}, end of run ${heaps.at(-1)?.toFixed(2)}, after (b) ${heapB1.toFixed(2)}, after (c) ${heapC1.toFixed(2)}`);
console.log(`  renderer (MB): first sample ${rss[0]?.toFixed(0)}, peak ${Math.max(...rss).toFixed(0)}, end of run ${rss.at(-1)?.toFixed(0)}, end of soak ${endRss.toFixed(0)}`);
console.log(`  answer time: max ${worstAnswer.toFixed(1)} ms (${series.filter((r) => r.answer > LATENCY_MS).length} of ${series.length} windows over ${LATENCY_MS} ms); longest task ${Math.max(...series.map((r) => r.longest)).toFixed(0)} ms`);
if (rss.length && Math.max(...rss) - rss[0] > RSS_GROWTH_BOUND_MB) failures.push(`renderer memory grew ${(Math.max(...rss) - rss[0]).toFixed(0)} MB > ${RSS_GROWTH_BOUND_MB} MB`);
failures.push(...problems);
await browser.close();
await server.close();
if (failures.length) {
  console.log(`FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('ok');
