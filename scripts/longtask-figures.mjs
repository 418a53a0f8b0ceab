// The longest main-thread task of the modes that run the core on the page (race, views), at the
// default and the largest settings: a PerformanceObserver 'longtask' (> 50 ms) over a few seconds
// of play, split into page load and the mode's own work.
//
// Load vs work: the page records when the wasm core's instantiation resolves (a wrapper around
// WebAssembly.instantiateStreaming / instantiate, installed before any page script runs). Everything
// before that instant is load (module evaluation, fetching and compiling the wasm); everything after
// it is the mode's work (its first surface, grid, steps, training, charts). A task that spans the
// instant is split there: its part before counts as load, its part after as work (so the mode's
// own set-up after `await loadCore()` is never hidden in "load").
//
// After `npm run build`: node scripts/longtask-figures.mjs [case-name-substring]
import { serve } from './static-server.mjs';
import { launch } from '../e2e/browser.mjs';

const CASES = [
  ['race, defaults', 'mode=race&autoplay=1'],
  ['race, largest (100 steps/frame, noise)', 'mode=race&autoplay=1&steps_per_frame=100&max_steps=100000&noise=1'],
  ['views geometric, defaults', 'mode=views'],
  ['views geometric, largest (500/class, 10000 steps)', 'mode=views&num_per_class=500&train_steps=10000'],
  ['views curse, defaults', 'mode=views&view=curse'],
  ['views curse, largest (2000 points, 100 queries)', 'mode=views&view=curse&num_points=2000&num_queries=100'],
];

const only = process.argv[2];
const ms = (v) => (v > 0 ? `${v.toFixed(0)} ms` : '< 50 ms');

const server = await serve();
const browser = await launch();
try {
  for (const [name, hash] of CASES) {
    if (only && !name.includes(only)) continue;
    const page = await browser.newPage();
    await page.addInitScript(() => {
      window.__long = [];
      window.__coreAt = null;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      for (const fn of ['instantiateStreaming', 'instantiate']) {
        const orig = WebAssembly[fn];
        WebAssembly[fn] = function wrapped(...args) {
          return orig.apply(this, args).then((r) => {
            window.__coreAt ??= performance.now();
            return r;
          });
        };
      }
    });
    await page.goto(`${server.url}#${hash}`);
    await page.waitForTimeout(4000);
    // the geometric view trains on a button; press it if there is one
    const train = page.locator('[data-testid="geo-train"]');
    if (await train.first().isVisible()) { await train.first().click(); await page.waitForTimeout(3000); }
    const { long, coreAt, status } = await page.evaluate(() => ({
      long: window.__long, coreAt: window.__coreAt,
      status: document.querySelector('[data-testid="status"]')?.textContent,
    }));
    let load = 0;
    let work = 0;
    let workCount = 0;
    for (const { start, duration } of long) {
      const end = start + duration;
      if (coreAt === null || end <= coreAt) { load = Math.max(load, duration); continue; }
      if (start < coreAt) load = Math.max(load, coreAt - start);
      const part = end - Math.max(start, coreAt);
      if (part > 50) workCount++;
      work = Math.max(work, part);
    }
    console.log(`${name}: load longest ${ms(load)}; work longest ${ms(work)} (${workCount} work tasks > 50 ms); ` +
      `${long.length} long tasks in all; status "${status}"`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
