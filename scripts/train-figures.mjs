// Figures for the linear-classifier mode, measured in headless Chromium on the built site (dist/):
// time from navigation to the first training progress, to `done`, and the test accuracy reached by
// the default MNIST run (and, with `cifar10`, the default CIFAR-10 run). Prints medians; asserts
// nothing.    npm run build && node scripts/train-figures.mjs [runs] [cifar10]
import { chromium } from 'playwright-core';
import { DIST, serve } from './static-server.mjs';

const runs = Number(process.argv[2] ?? 3);
const datasets = process.argv.includes('cifar10') ? ['mnist', 'cifar10'] : ['mnist'];
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serve(DIST, 0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  for (const dataset of datasets) {
    const rows = [];
    for (let r = 0; r < runs; r++) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const t0 = Date.now();
      await page.goto(`${server.url}#dataset=${dataset}&autoplay=1`);
      const status = page.getByTestId('status');
      await page.waitForFunction(() => document.querySelector('[data-testid="status"]').textContent === 'training', null, { timeout: 120000 });
      const tTrain = Date.now() - t0;
      await page.waitForFunction(() => ['done'].includes(document.querySelector('[data-testid="status"]').textContent)
        || document.querySelector('[data-testid="status"]').textContent.startsWith('error'), null, { timeout: 600000 });
      const tDone = Date.now() - t0;
      const acc = Number(await page.getByTestId('test-acc').textContent());
      const val = Number(await page.getByTestId('val-acc').textContent());
      rows.push({ tTrain, tDone, acc, val, status: await status.textContent() });
      await page.close();
    }
    console.log(`${dataset}: ${rows.map((r) => `${r.status} test_acc ${r.acc} val ${r.val} training at ${r.tTrain} ms, done at ${r.tDone} ms`).join('\n        ')}`);
    console.log(`${dataset}: median first training ${median(rows.map((r) => r.tTrain))} ms, median done ${median(rows.map((r) => r.tDone))} ms, test accuracy ${rows[0].acc}`);
  }
} finally {
  await browser.close();
  await server.close();
}
