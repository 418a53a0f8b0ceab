// The longest main-thread task of the modes that run the core on the page (race, views), at the
// default and the largest settings: a PerformanceObserver 'longtask' (> 50 ms) over a few seconds
// of play, plus the longest task seen at all. After `npm run build`: node scripts/longtask-figures.mjs
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

const server = await serve();
const browser = await launch();
try {
  for (const [name, hash] of CASES) {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${server.url}#${hash}`);
    await page.waitForTimeout(4000);
    // the geometric view trains on a button; press it if there is one
    const train = page.locator('[data-testid="geo-train"]');
    if (await train.first().isVisible()) { await train.first().click(); await page.waitForTimeout(2000); }
    const long = await page.evaluate(() => window.__long);
    console.log(`${name}: ${long.length} long tasks, longest ${long.length ? Math.max(...long).toFixed(0) : '< 50'} ms`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
