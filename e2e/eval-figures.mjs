// Training speed with and without the evaluation views (issue 5): iterations per second of the
// default MNIST run (1500 iterations, validation of 1000 images every 50, now with top-5 and the
// confusion matrix) in headless Chromium, for each build directory given, runs interleaved so a
// busy machine slows every build alike. Prints the medians.
//   node e2e/eval-figures.mjs [runs=3] [distA=dist] [distB ...] [-- hash suffixes]
// e.g. node e2e/eval-figures.mjs 3 /tmp/base-dist dist   (the baseline: a copy of main's dist/)
import { serve, DIST } from '../scripts/static-server.mjs';
import { launch } from './browser.mjs';

const args = process.argv.slice(2);
const runs = Number(args[0] ?? 3);
const dists = args.length > 1 ? args.slice(1) : [DIST];
const variants = dists.flatMap((dir) => dir === DIST || dir.endsWith('/dist') && !dir.startsWith('/tmp')
  ? [{ dir, hash: '#autoplay=1', name: `${dir} (views open)` }, { dir, hash: '#autoplay=1&views=', name: `${dir} (views closed)` }]
  : [{ dir, hash: '#autoplay=1', name: dir }]);

const browser = await launch();
const servers = new Map();
for (const v of variants) if (!servers.has(v.dir)) servers.set(v.dir, await serve(v.dir));
const results = new Map(variants.map((v) => [v.name, []]));

async function once(v) {
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  await page.goto(servers.get(v.dir).url + v.hash);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent === 'training',
    null, { polling: 'raf', timeout: 120_000 });
  const t0 = Date.now();
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent === 'done',
    null, { polling: 50, timeout: 300_000 });
  const s = (Date.now() - t0) / 1000;
  const iters = Number((await page.getByTestId('iteration').textContent()).split('/')[0]);
  await page.context().close();
  return iters / s;
}

for (let r = 0; r < runs; r++) {
  for (const v of variants) results.get(v.name).push(await once(v));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of results) {
  console.log(`${name}: median ${median(xs).toFixed(0)} iterations/s  (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`);
}
await browser.close();
for (const s of servers.values()) await s.close();
