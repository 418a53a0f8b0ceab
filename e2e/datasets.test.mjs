// End-to-end: the served datasets (issue 10) as a visitor meets them — only the chunks a link's
// records need are fetched, the header's progress bar shows the bytes and can cancel, CIFAR-100 is
// built in (k-NN on its coarse labels equals an exact brute force computed here from the PNG
// chunks with pngjs, independently of the core), and a second visit works offline (the service
// worker's precache for the code, data.js's Cache API copy for the data).
// Needs `npm run build` first. No timing assertions: the machine may be a loaded 2-core box.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { zipSync } from 'fflate';
import { DIST } from '../scripts/static-server.mjs';
import { screenshot, suite, waitForStatus } from './suite.mjs';
import { bruteForceKnn as bruteForce } from '../tests/knn-brute-force.mjs';

const TIMEOUT = 300_000;
const { newPage, url } = suite();

/** Bytes of every response under data/ in `context`, and the files. */
function countData(context) {
  const seen = { bytes: 0, files: [] };
  context.on('requestfinished', async (req) => {
    if (!new URL(req.url()).pathname.includes('/data/')) return;
    const sizes = await req.sizes().catch(() => null);
    seen.bytes += sizes?.responseBodySize ?? 0;
    seen.files.push(new URL(req.url()).pathname.split('/').slice(-2).join('/'));
  });
  return seen;
}

const manifest = (dataset) => JSON.parse(fs.readFileSync(path.join(DIST, 'data', dataset, 'manifest.json'), 'utf8'));

test('a link with 1,000 CIFAR-10 training and 1,000 test images fetches one chunk of each, under 15 MB', async () => {
  const page = await newPage();
  const seen = countData(page.context());
  await page.goto(`${url()}#dataset=cifar10&num_train=900&num_val=100&num_test=1000&num_iters=20&autoplay=1`);
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/, TIMEOUT), 'done');
  const m = manifest('cifar10');
  const expected = [m.splits.train.chunks[0].file, m.splits.test.chunks[0].file];
  for (const f of expected) assert.ok(seen.files.includes(`cifar10/${f}`), `${f} fetched (${seen.files.join(', ')})`);
  assert.equal(seen.files.filter((f) => f.endsWith('.png')).length, 2, seen.files.join(', '));
  assert.ok(seen.bytes < 15e6, `${seen.bytes} bytes fetched`);
  console.log(`# CIFAR-10 1,000 + 1,000 link: ${(seen.bytes / 1e6).toFixed(2)} MB in ${seen.files.length} files`);
  await page.context().close();
});

test('the header shows the download as a named progress bar, and Cancel stops it keeping the page usable', async () => {
  const page = await newPage();
  // Slow the chunks down (a lecture hall's Wi-Fi) so the bar can be seen and cancelled.
  await page.route('**/data/cifar100/*.png', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue().catch(() => {});
  });
  await page.goto(`${url()}#dataset=cifar100&num_train=4000&num_val=1000&num_test=2000`);
  const bar = page.getByRole('progressbar', { name: 'Data download' });
  await bar.waitFor({ state: 'visible', timeout: 60_000 });
  const box = page.getByTestId('load-progress');
  await page.waitForFunction(() => /\d+(\.\d)? MB of \d+(\.\d)? MB/.test(
    document.querySelector('[data-testid="load-progress"]').textContent), null, { timeout: 60_000 });
  const max = Number(await bar.getAttribute('max'));
  assert.ok(max > 10e6, `the bar's total is the bytes of 7 chunks (${max})`);
  await screenshot(page, 'load-progress');
  await box.getByRole('button', { name: 'Cancel' }).click();
  const status = await waitForStatus(page, /^(idle|error: .*)$/, 60_000);
  assert.equal(status, 'error: loading cancelled');
  await box.waitFor({ state: 'hidden' });
  // The page still works: back to MNIST.
  await page.unroute('**/data/cifar100/*.png');
  await page.locator('#ctl-dataset').selectOption('mnist');
  assert.equal(await waitForStatus(page, /^(idle|error: .*)$/, TIMEOUT), 'idle');
  await page.context().close();
});

/** The first `n` records of a CIFAR-100 split from the served files, decoded with pngjs. */
function cifar100(split, n, labelMode) {
  const m = manifest('cifar100').splits[split];
  const dir = path.join(DIST, 'data/cifar100');
  const png = PNG.sync.read(fs.readFileSync(path.join(dir, m.chunks[0].file)));
  const labels = fs.readFileSync(path.join(dir, m.labels[labelMode].file));
  const x = Array.from({ length: n }, (_, i) => {
    const rgb = new Uint8Array(3072);
    for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) rgb[3 * p + c] = png.data[4 * (i * 1024 + p) + c];
    return rgb;
  });
  return { x, y: Array.from(labels.subarray(0, n)) };
}

for (const [labelMode, metric, k] of [['coarse', 'l1', 1], ['fine', 'l2', 3]]) {
  test(`k-NN on the built-in CIFAR-100 (${labelMode}, ${metric}, k=${k}) equals an exact brute force`, async () => {
    const [numTrain, numTest] = [1000, 50];
    const page = await newPage();
    await page.goto(`${url()}#mode=knn&dataset=cifar100&label_mode=${labelMode}&metric=${metric}&k=${k}` +
      `&num_train=${numTrain}&num_test=${numTest}&subset=first&autoplay=1`);
    assert.equal(await waitForStatus(page, /^(done|error: .*)$/, TIMEOUT), 'done');
    const shown = (await page.getByTestId('predictions').textContent()).split(',').map(Number);
    const train = cifar100('train', numTrain, labelMode);
    const test_ = cifar100('test', numTest, labelMode);
    assert.deepEqual(shown, bruteForce(train.x, train.y, test_.x, metric, k));
    assert.match(await page.getByTestId('data-summary').textContent(),
      new RegExp(`^CIFAR-100 \\(${labelMode} labels\\): ${labelMode === 'coarse' ? 20 : 100} classes · 32×32 RGB · 1,000 training · 50 test images$`));
    await page.context().close();
  });
}

test('offline second visit: after the first load the page and its default run work with no network', async () => {
  const page = await newPage();
  await page.goto(`${url()}#autoplay=1`);
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/, TIMEOUT), 'done');
  // The service worker has precached the code and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  const context = page.context();
  await context.setOffline(true);
  const seen = countData(context);
  await page.reload();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/, TIMEOUT), 'done');
  assert.match(await page.getByTestId('test-acc').textContent(), /^0\.\d{4}$/);
  await screenshot(page, 'offline-second-visit');
  assert.ok(seen.files.every((f) => !/\.(gz|png)$/.test(f)) || seen.bytes === 0, 'no data came from the network');
  await context.close();
});

test('an import can be cancelled between files: the panel says so and the data in use loads again', async () => {
  const page = await newPage();
  await page.goto(url());
  assert.equal(await waitForStatus(page, /^(idle|error: .*)$/, TIMEOUT), 'idle');
  // 4,000 tiny images in two class folders: long enough to read that Cancel lands mid-way.
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(200);
  const one = PNG.sync.write(png);
  const files = {};
  for (let i = 0; i < 4000; i++) files[`${i % 2 ? 'cats' : 'dogs'}/${i}.png`] = one;
  await page.getByTestId('file-input').setInputFiles([{ name: 'pets.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files, { level: 0 })) }]);
  const cancel = page.getByTestId('import-cancel');
  await cancel.waitFor({ state: 'visible', timeout: 60_000 });
  await cancel.click();
  await page.waitForFunction(() => /loading cancelled/.test(document.querySelector('[data-testid="import-errors"]').textContent),
    null, { timeout: 60_000 });
  assert.equal(await waitForStatus(page, /^(idle|error: .*)$/, TIMEOUT), 'idle');
  assert.match(await page.getByTestId('data-summary').textContent(), /^MNIST: 10 classes/);
  await page.context().close();
});

test('an ImageNet-style zip of 1,000 class folders loads as 1,000 classes and k-NN runs on it', async () => {
  const page = await newPage();
  await page.goto(`${url()}#mode=knn&k=1`);
  assert.equal(await waitForStatus(page, /^(done|idle|error: .*)$/, TIMEOUT), 'idle');
  // train/n0000000i/ and val/n0000000i/ folders, one 8×8 image each, class i drawn at grey level
  // i mod 256 with a mark at position i div 256, so each class is told apart exactly.
  const files = {};
  for (let c = 0; c < 1000; c++) {
    const png = new PNG({ width: 8, height: 8 });
    for (let p = 0; p < 64; p++) {
      const v = p === Math.floor(c / 256) ? 255 : c % 256;
      png.data.set([v, v, v, 255], 4 * p);
    }
    const bytes = PNG.sync.write(png);
    const name = `n${String(c).padStart(8, '0')}`;
    files[`train/${name}/a.png`] = bytes;
    files[`val/${name}/b.png`] = bytes;
  }
  await page.getByTestId('file-input').setInputFiles([{ name: 'imagenet-tiny.zip', mimeType: 'application/zip',
    buffer: Buffer.from(zipSync(files, { level: 0 })) }]);
  await page.waitForFunction(() => /1,000 classes/.test(document.querySelector('[data-testid="data-summary"]').textContent),
    null, { timeout: TIMEOUT });
  await page.getByTestId('predict').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/, TIMEOUT), 'done');
  assert.equal(await page.getByTestId('test-acc').textContent(), '1.0000', 'each test image is its class\'s training image');
  await page.context().close();
});

test('an Omniglot-layout zip (alphabet/characterNN/*.png) imports as one class per character', async () => {
  const page = await newPage();
  await page.goto(`${url()}#mode=fewshot`);
  assert.equal(await waitForStatus(page, /^(done|idle|error: .*)$/, TIMEOUT), 'idle');
  const zip = fs.readFileSync(path.join(DIST, 'data/omniglot/images_background_small1.zip'));
  await page.getByTestId('file-input').setInputFiles([{ name: 'images_background_small1.zip', mimeType: 'application/zip', buffer: zip }]);
  await page.waitForFunction(() => /^Your files: 136 classes · /.test(document.querySelector('[data-testid="data-summary"]').textContent),
    null, { timeout: TIMEOUT });
  assert.match(await page.getByTestId('data-summary').textContent(), /136 classes · 32×32 (RGB|grayscale)/);
  await page.context().close();
});
