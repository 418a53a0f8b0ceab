// End-to-end: the few-shot mode (www/modes/fewshot/) in Debian's headless Chromium, as a person
// sees it. Needs `npm run build` first. Screenshots go to e2e/artifacts/. Episodes are seeded, so
// every figure here is the same on every run; no timing assertions.

import test from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';

const RUN_TIMEOUT = 300_000;
const { open } = suite();

const text = (page, testid) => page.getByTestId(testid).textContent();

const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);

/** "0.734 ± 0.012" → {mean, ci}. */
async function accuracy(page) {
  const t = await text(page, 'fewshot-accuracy');
  const m = /^(\d\.\d{3}) ± (\d\.\d{3})$/.exec(t);
  assert.ok(m, `fewshot-accuracy reads ${JSON.stringify(t)}`);
  return { mean: Number(m[1]), ci: Number(m[2]) };
}

const supportCount = (page) => page.locator('[data-testid="fewshot-episode"] [data-testid="fewshot-support"]').count();
const episodeTitle = (page) => text(page, 'fewshot-episode-title');

test('MNIST 5-way 2-shot: accuracy above chance, live chart, the episode view and the next episode', async () => {
  const page = await open('#mode=fewshot&k_shot=2&num_episodes=60&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  const { mean, ci } = await accuracy(page);
  assert.equal(await text(page, 'fewshot-chance'), '0.200');
  assert.ok(mean > 0.2 + ci, `MNIST 5-way 2-shot: ${mean} ± ${ci} (chance 0.2)`);
  assert.equal(await text(page, 'fewshot-done'), '60 / 60');
  assert.equal(await page.locator('[data-testid="fewshot-chart"] canvas').count(), 1);
  assert.match(await text(page, 'fewshot-caption'), /^5-way 2-shot: each episode picks 5 of the 10 MNIST classes/);
  assert.match(await text(page, 'fewshot-caption'), /any loaded dataset works/);
  assert.match(page.url(), /#mode=fewshot&dataset=mnist&split=test&n_way=5&k_shot=2&num_queries=5&num_episodes=60&metric=l2&seed=1&autoplay=1$/);
  // The episode: N × K support images in N rows, queries framed right / wrong.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="fewshot-support"]').length === 10);
  assert.equal(await page.locator('[data-testid="fewshot-support-row"]').count(), 5);
  const perRow = await page.$$eval('[data-testid="fewshot-support-row"]', (rows) =>
    rows.map((r) => r.querySelectorAll('canvas').length));
  assert.deepEqual(perRow, [2, 2, 2, 2, 2]);
  const queries = await page.$$eval('[data-testid="fewshot-query"]', (els) =>
    els.map((e) => ({ right: e.classList.contains('right'), caption: e.querySelector('.fs-caption').textContent })));
  assert.equal(queries.length, 10, 'two queries per class are shown');
  for (const q of queries) {
    assert.match(q.caption, /^[✓✗] \d → \d$/);
    assert.equal(q.caption.startsWith('✓'), q.right, q.caption);
    const [, a, b] = /(\d) → (\d)/.exec(q.caption);
    assert.equal(a === b, q.right, q.caption);
  }
  // Episode i of the view is episode i of the run.
  const accuracies = await page.evaluate(() => window.__fewshot.accuracies());
  assert.equal(accuracies.length, 60);
  assert.ok((await episodeTitle(page)).startsWith(`Episode 1: `));
  assert.match(await episodeTitle(page), new RegExp(`\\(${accuracies[0].toFixed(3)}\\)`));
  await screenshot(page, 'fewshot-mnist');
  await page.getByTestId('fewshot-next').click();
  await page.waitForFunction(() => /^Episode 2: /.test(document.querySelector('[data-testid="fewshot-episode-title"]').textContent));
  assert.match(await episodeTitle(page), new RegExp(`\\(${accuracies[1].toFixed(3)}\\)`));
  assert.equal(await supportCount(page), 10);
  console.log(`# few-shot MNIST test split, 5-way 2-shot L2, 60 episodes: ${mean} ± ${ci}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the K-sweep: accuracy for K = 1, 2, 5, 10 rises with K', async () => {
  const page = await open('#mode=fewshot&num_episodes=40');
  await waitForStatus(page, /^(idle|error: .*)$/);
  await page.getByTestId('fewshot-sweep').click();
  await page.waitForFunction(() => /K = 10: /.test(document.querySelector('[data-testid="fewshot-sweep-result"]').textContent),
    null, { timeout: RUN_TIMEOUT });
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  const result = await text(page, 'fewshot-sweep-result');
  const means = [...result.matchAll(/K = (\d+): (\d\.\d{3}) ± \d\.\d{3}/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.deepEqual(means.map((m) => m[0]), [1, 2, 5, 10], result);
  assert.ok(means[3][1] > means[0][1] && means[0][1] > 0.2, result);
  assert.equal(await page.locator('[data-testid="fewshot-sweep-chart"] canvas').count(), 1);
  console.log(`# few-shot K-sweep, MNIST 5-way L2, 40 episodes each: ${result}`);
  await screenshot(page, 'fewshot-sweep');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('CIFAR-10 5-way 1-shot: above chance, CIFAR class names in the episode', async () => {
  const page = await open('#mode=fewshot&dataset=cifar10&num_episodes=200&metric=l1&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  const { mean, ci } = await accuracy(page);
  assert.ok(mean > 0.2, `CIFAR-10 5-way 1-shot L1: ${mean} ± ${ci} (chance 0.2)`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="fewshot-support"]').length === 5);
  const names = await page.$$eval('.fs-class-name', (els) => els.map((e) => e.textContent));
  assert.ok(names.every((n) => /^(airplane|automobile|bird|cat|deer|dog|frog|horse|ship|truck)$/.test(n)), names.join());
  console.log(`# few-shot CIFAR-10 test split, 5-way 1-shot L1, 200 episodes: ${mean} ± ${ci}`);
  await screenshot(page, 'fewshot-cifar10');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a bad or hostile hash is reported naming the key, never injected; the page still runs', async () => {
  const page = await open('#mode=fewshot&n_way=99&metric=<img src=x onerror=window.__pwned=1>&<script>=1&num_episodes=10&hide=seed');
  const status = await waitForStatus(page, /^error: /, 60_000);
  assert.match(status, /n_way: 99 is more than the 10 classes of mnist/);
  assert.match(status, /metric: "<img src=x onerror=window.__pwned=1>" is not one of l2, l1/);
  assert.match(status, /unknown key "<script>"/);
  assert.doesNotMatch(status, /hide/, 'a global key is not reported');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img, body script, script:not([src])').count(), 0);
  assert.doesNotMatch(page.url(), /script|img|n_way=99/);
  // The defaults stand in: 5-way 1-shot, 5 support images.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="fewshot-support"]').length === 5,
    null, { timeout: RUN_TIMEOUT });
  await page.getByTestId('fewshot-run').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  assert.equal(await text(page, 'fewshot-done'), '10 / 10');
  await screenshot(page, 'fewshot-hostile');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('changing a setting redraws the episode: N × K support images follow n_way and k_shot', async () => {
  const page = await open('#mode=fewshot');
  await waitForStatus(page, /^(idle|error: .*)$/);
  await page.locator('#ctl-n_way').fill('3');
  await page.locator('#ctl-n_way').press('Enter');
  await page.locator('#ctl-k_shot').fill('4');
  await page.locator('#ctl-k_shot').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="fewshot-support"]').length === 12);
  assert.equal(await page.locator('[data-testid="fewshot-support-row"]').count(), 3);
  assert.equal(await text(page, 'fewshot-chance'), '0.333');
  assert.match(page.url(), /&n_way=3&k_shot=4&/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('accessibility: axe finds no violations; every control is labelled', async () => {
  const page = await open('#mode=fewshot&num_episodes=20&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  await page.getByTestId('fewshot-sweep').click();
  await page.waitForFunction(() => /K = 10: /.test(document.querySelector('[data-testid="fewshot-sweep-result"]').textContent),
    null, { timeout: RUN_TIMEOUT });
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, []);
  const unlabelled = await page.$$eval('main input, main select', (els) =>
    els.filter((e) => !e.labels?.length || !e.labels[0].textContent.trim()).map((e) => e.id || e.name));
  assert.deepEqual(unlabelled, []);
  await page.context().close();
});
