// Figures for the closing note (not assertions): full-MNIST 1-NN in the page with the worker pool,
// and the pool's speed-up, 2 workers against 1 on the same job, in headless Chromium.
//   node e2e/knn-figures.mjs [repeats]      (needs `npm run build`; prints medians)
import { serve } from '../scripts/static-server.mjs';
import { launch } from './browser.mjs';

const repeats = Number(process.argv[2] ?? 3);
const server = await serve();
const browser = await launch();

/** One autoplay run of `hash`: {acc, correct, predict_ms, train_ms, workers} as the page measured them. */
async function run(hash) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${server.url}#mode=knn&${hash}&autoplay=1`);
  await page.waitForFunction(() => /^(done|error)/.test(document.querySelector('[data-testid="status"]').textContent),
    null, { timeout: 900_000, polling: 200 });
  const status = await page.getByTestId('status').textContent();
  if (status !== 'done') throw new Error(`${hash}: ${status}`);
  const r = await page.evaluate(() => ({ ...window.__knn.times(), ...window.__knn.result(), labels: undefined }));
  await context.close();
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

const FULL = 'dataset=mnist&subset=first&num_train=60000&num_test=10000&metric=l2&k=1';
const full = await run(FULL);
console.log(`full MNIST 1-NN (60000/10000, L2), ${full.workers} workers: predict ${fmt(full.predict_ms)}, ` +
  `train (memorise) ${full.train_ms.toFixed(1)} ms, accuracy ${full.acc.toFixed(4)} (${full.correct} / ${full.total})`);

const JOB = 'dataset=mnist&subset=first&num_train=20000&num_test=2000&metric=l2&k=1';
const times = { 1: [], 2: [] };
for (let i = 0; i < repeats; i++) {
  for (const w of [1, 2]) times[w].push((await run(`${JOB}&workers=${w}`)).predict_ms);
}
const m1 = median(times[1]);
const m2 = median(times[2]);
console.log(`pool speed-up on MNIST 20000/2000 L2 1-NN (median of ${repeats}): 1 worker ${fmt(m1)}, ` +
  `2 workers ${fmt(m2)}, speed-up ${(m1 / m2).toFixed(2)}×  [1: ${times[1].map(fmt).join(', ')}; 2: ${times[2].map(fmt).join(', ')}]`);

const one = await run(`${FULL}&workers=1`);
console.log(`full MNIST 1-NN with 1 worker: predict ${fmt(one.predict_ms)} (speed-up of ${full.workers} workers: ` +
  `${(one.predict_ms / full.predict_ms).toFixed(2)}×), accuracy ${one.acc.toFixed(4)}`);

await browser.close();
await server.close();
