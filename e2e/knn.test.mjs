// End-to-end: the k-NN mode (www/modes/knn/) in Debian's headless Chromium, as a person sees it.
// Needs `npm run build` first. Screenshots go to e2e/artifacts/. No timing assertions: the
// machine may be a loaded 2-core box.

import test from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';
import { DIST, serve } from '../scripts/static-server.mjs';

const RUN_TIMEOUT = 300_000;
const { open, newPage, url } = suite();

const text = (page, testid) => page.getByTestId(testid).textContent();

const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);


const predictions = async (page) => (await text(page, 'predictions')).split(',').map(Number);

/** The plane's pixels once the worker's grid has been drawn for the current k. */
async function planePixels(page) {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="plane"]');
    return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);
  });
}

test('autoplay on the default subset: done, a plausible accuracy, live timers, timing plot, gallery', async () => {
  const page = await open('#mode=knn&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  const acc = Number(await text(page, 'test-acc'));
  assert.ok(acc >= 0.85 && acc <= 1, `MNIST 5000/500 k-NN test accuracy ${acc}`);
  assert.match(await text(page, 'test-correct'), /^\d+ \/ 500$/);
  const top5 = Number(await text(page, 'knn-top5'));
  assert.ok(top5 >= acc && top5 <= 1, `top-5 ${top5} against top-1 ${acc}`);
  assert.match(await text(page, 'train-ms'), /\d+(\.\d)? (ms|s)$/);
  assert.match(await text(page, 'predict-ms'), /\d+(\.\d)? (ms|s)$/);
  assert.equal(await text(page, 'progress-text'), '500 / 500');
  assert.equal((await predictions(page)).length, 500);
  assert.match(page.url(), /#mode=knn&dataset=mnist&metric=l2&k=3&num_train=5000&num_test=500&subset=first&seed=1&/);
  // The timing plot: four sizes measured after the prediction.
  await page.waitForFunction(() => /at N = 5000/.test(document.querySelector('[data-testid="time-note"]').textContent),
    null, { timeout: RUN_TIMEOUT });
  assert.equal(await page.locator('[data-testid="time-chart"] canvas').count(), 1);
  // The gallery: k = 3 neighbours for each of the 4 queries, marked ✓ or ✗.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="gallery-row"]').length === 4,
    null, { timeout: RUN_TIMEOUT });
  const perRow = await page.$$eval('[data-testid="gallery-row"]', (rows) =>
    rows.map((r) => r.querySelectorAll('[data-testid="neighbour"]').length));
  assert.deepEqual(perRow, [3, 3, 3, 3]);
  const captions = await page.$$eval('[data-testid="neighbour"] span', (els) => els.map((e) => e.textContent));
  assert.ok(captions.every((c) => /^[✓✗] \S+ · \d+(\.\d)?$/.test(c)), captions.join(' | '));
  await screenshot(page, 'knn-done');
  console.log(`# k-NN default (MNIST first 5000/500, L2, k = 3): test_acc ${acc}, ` +
    `train ${await text(page, 'train-ms')}, predict ${await text(page, 'predict-ms')}, workers ${await text(page, 'workers-info')}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the gallery follows k; cross-validation over k shows the plot, the best k and its test accuracy', async () => {
  const page = await open('#mode=knn');
  await waitForStatus(page, /^(idle|error: .*)$/);
  await page.locator('#ctl-k').fill('5');
  await page.locator('#ctl-k').press('Enter');
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="gallery-row"]');
    return rows.length === 4 && [...rows].every((r) => r.querySelectorAll('[data-testid="neighbour"]').length === 5);
  }, null, { timeout: RUN_TIMEOUT });
  assert.match(page.url(), /&k=5&/);

  await page.getByTestId('cross-validate').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  const bestK = Number(await text(page, 'cv-best-k'));
  assert.ok([1, 3, 5, 8, 10, 12, 15, 20, 50, 100].includes(bestK), `best k ${bestK}`);
  const cvAcc = Number(await text(page, 'cv-best-acc'));
  assert.ok(cvAcc > 0.85 && cvAcc <= 1, `validation accuracy ${cvAcc}`);
  const cvTest = await text(page, 'cv-test-acc');
  const m = /^(0\.\d{4}) \(\d+ \/ 500\) · top-5 ([01]\.\d{4})$/.exec(cvTest);
  assert.ok(m, cvTest);
  assert.ok(Number(m[2]) >= Number(m[1]), `top-5 ≥ top-1: ${cvTest}`);
  assert.equal(await page.locator('[data-testid="cv-chart"] canvas').count(), 1);
  await screenshot(page, 'knn-cv');
  console.log(`# k-NN CV (MNIST 5000, 5 folds): best k ${bestK}, validation ${cvAcc}, test ${await text(page, 'cv-test-acc')}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('2-D toy: the decision regions change with k and with an added point', async () => {
  const page = await open('#mode=knn&k=1&toy_classes=3');
  await waitForStatus(page, /^(idle|error: .*)$/);
  await page.waitForFunction(() => /k = 1 /.test(document.querySelector('[data-testid="plane-info"]').textContent));
  await page.waitForTimeout(500); // the worker's grid arrives and is drawn
  const k1 = await planePixels(page);
  await page.evaluate(() => { location.hash = '#mode=knn&k=15&toy_classes=3'; });
  await page.waitForFunction(() => /k = 15 /.test(document.querySelector('[data-testid="plane-info"]').textContent));
  await page.waitForFunction((before) => {
    const c = document.querySelector('[data-testid="plane"]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let diff = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] !== before[i] || d[i + 1] !== before[i + 1]) diff++;
    return diff > 500;
  }, k1, { timeout: 60_000 });
  const k15 = await planePixels(page);
  let changed = 0;
  for (let i = 0; i < k1.length; i += 4) if (k1[i] !== k15[i] || k1[i + 1] !== k15[i + 1]) changed++;
  assert.ok(changed > 500, `${changed} pixels changed between k = 1 and k = 15`);
  // Keyboard: pick class 2 and add a point with the button; the point count goes up.
  const before = await text(page, 'plane-info');
  await page.locator('input[name="toy-class"][value="2"]').check();
  await page.getByTestId('toy-add').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => document.querySelector('[data-testid="plane-info"]').textContent !== b, before);
  assert.match(await text(page, 'plane-info'), /^37 points/);
  // A click on the plane adds a point there.
  await page.getByTestId('plane').click({ position: { x: 5, y: 5 } });
  await page.waitForFunction(() => /^38 points/.test(document.querySelector('[data-testid="plane-info"]').textContent));
  await screenshot(page, 'knn-toy');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a pool of workers gives exactly the predictions of one worker', async () => {
  const run = async (workers) => {
    const page = await open(`#mode=knn&metric=l1&k=5&num_train=3000&num_test=400&subset=stratified&seed=3&workers=${workers}&autoplay=1`);
    assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
    assert.match(await text(page, 'workers-info'), new RegExp(`^${workers} × `));
    const out = { labels: await predictions(page), acc: await text(page, 'test-acc') };
    await page.context().close();
    return out;
  };
  const one = await run(1);
  const three = await run(3);
  assert.equal(one.labels.length, 400);
  assert.deepEqual(three.labels, one.labels);
  assert.equal(three.acc, one.acc);
  assert.ok(Number(one.acc) > 0.8, `stratified MNIST 3000/400 L1 k = 5: ${one.acc}`);
});

test('one decode for the pool: SharedArrayBuffers when cross-origin isolated, transfers otherwise; same labels', async () => {
  const hash = '#mode=knn&metric=l2&k=3&num_train=12000&num_test=300&workers=2&autoplay=1';
  const isolated = await serve(DIST, 0, { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } });
  const run = async (base) => {
    const page = await newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(base + hash);
    assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
    const out = await page.evaluate(() => ({ isolated: crossOriginIsolated, shared: window.__knn.times().shared_memory,
      labels: window.__knn.result().labels, acc: window.__knn.result().acc }));
    assert.deepEqual(problems, []);
    await page.context().close();
    return out;
  };
  try {
    const plain = await run(url());
    const coi = await run(isolated.url);
    assert.deepEqual([plain.isolated, plain.shared], [false, false], 'transferred');
    assert.deepEqual([coi.isolated, coi.shared], [true, true], 'SharedArrayBuffers');
    assert.equal(plain.labels.length, 300);
    assert.deepEqual(coi.labels, plain.labels);
    assert.equal(coi.acc, plain.acc);
  } finally {
    await isolated.close();
  }
});

test('CIFAR-10, CS231n subset (first 5000 / 500, L2, k = 1): exactly 137 / 500 correct', async () => {
  const page = await open('#mode=knn&dataset=cifar10&subset=first&num_train=5000&num_test=500&metric=l2&k=1&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  assert.equal(await text(page, 'test-correct'), '137 / 500');
  assert.equal(await text(page, 'test-acc'), '0.2740');
  const top5 = Number(await text(page, 'knn-top5'));
  assert.ok(top5 > 0.274 && top5 <= 1, `CIFAR-10 top-5 ${top5}`);
  console.log(`# k-NN CIFAR-10 5000/500 L2 k = 1: top-1 0.2740, top-5 ${top5}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="neighbour"]').length === 4);
  const names = await page.$$eval('.gallery-query strong', (els) => els.map((e) => e.textContent));
  assert.ok(names.every((n) => /^test #\d+: (airplane|automobile|bird|cat|deer|dog|frog|horse|ship|truck)$/.test(n)), names.join());
  await screenshot(page, 'knn-cifar10');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a hostile hash is reported, never injected; the page still predicts', async () => {
  const page = await open('#mode=knn&metric=<img src=x onerror=window.__pwned=1>&k=-1&<script>=1&num_test=20&autoplay=1');
  const status = await waitForStatus(page, /^error: /, 60_000);
  assert.match(status, /metric: "<img src=x onerror=window.__pwned=1>" is not one of l2, l1/);
  assert.match(status, /k: "-1" is not a whole number in 1\.\.1000/);
  assert.match(status, /unknown key "<script>"/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img, body script, script:not([src])').count(), 0);
  assert.doesNotMatch(page.url(), /script|img|k=-1/);
  await page.waitForFunction(() => document.querySelector('[data-testid="test-correct"]').textContent === '' ||
    /\/ 20$/.test(document.querySelector('[data-testid="test-correct"]').textContent), null, { timeout: RUN_TIMEOUT });
  await page.getByTestId('predict').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  assert.match(await text(page, 'test-correct'), /^\d+ \/ 20$/);
  await screenshot(page, 'knn-hostile');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('accessibility: axe finds no violations; every control is labelled', async () => {
  const page = await open('#mode=knn&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="gallery-row"]').length === 4);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, []);
  const unlabelled = await page.$$eval('main input, main select', (els) =>
    els.filter((e) => !e.labels?.length || !e.labels[0].textContent.trim()).map((e) => e.id || e.name));
  assert.deepEqual(unlabelled, []);
  await page.context().close();
});
