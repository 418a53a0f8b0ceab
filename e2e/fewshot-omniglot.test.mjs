// End-to-end: Omniglot in few-shot mode (www/modes/fewshot/, www/omniglot.js, src/omniglot.rs) in
// Debian's headless Chromium. Needs `npm run build` first. The one-shot benchmark's figures must
// equal the native ones (tests/omniglot.rs: per-run errors against an f64 reference, MHD mean
// 38.75 %, the repository's 38.8 %).

import test from 'node:test';
import assert from 'node:assert/strict';
import { suite, screenshot, waitForStatus } from './suite.mjs';

const RUN_TIMEOUT = 300_000;
const { open } = suite();
const text = (page, testid) => page.getByTestId(testid).textContent();

// tests/omniglot.rs prints these (the core's errors, equal to its f64 reference per run).
const NATIVE = {
  mhd: { mean: '38.75', runs: [45, 35, 40, 25, 30, 15, 60, 35, 40, 55, 15, 70, 65, 35, 15, 25, 30, 40, 70, 30] },
  l2: { mean: '81.00', runs: [65, 95, 80, 65, 70, 80, 90, 90, 85, 85, 80, 85, 80, 90, 80, 70, 100, 65, 85, 80] },
};

for (const metric of ['mhd', 'l2']) {
  test(`the one-shot benchmark link (metric=${metric}) runs all 20 runs on load, equal to the native figures`, async () => {
    const page = await open(`#mode=fewshot&dataset=omniglot&benchmark=oneshot&metric=${metric}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="oneshot-error"]')?.textContent !== '',
      null, { timeout: RUN_TIMEOUT });
    assert.equal(await text(page, 'oneshot-error'), NATIVE[metric].mean);
    const runs = (await text(page, 'oneshot-runs')).split(',').map(Number);
    assert.deepEqual(runs, NATIVE[metric].runs);
    assert.equal(await page.locator('[data-testid="oneshot-table"] tr').count(), 20);
    assert.match(await text(page, 'status'), /^done/);
    assert.deepEqual(page.problems, []);
    if (metric === 'mhd') await screenshot(page, 'fewshot-oneshot-mhd');
    await page.context().close();
  });
}

test('an Omniglot within-alphabet 20-way 1-shot run finishes; the page fits 390 px', async () => {
  const page = await open('#mode=fewshot&dataset=omniglot&n_way=20&num_episodes=20&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/, RUN_TIMEOUT), 'done');
  assert.equal(await text(page, 'fewshot-done'), '20 / 20');
  assert.match(await text(page, 'fewshot-caption'), /136 Omniglot characters/);
  assert.match(await text(page, 'fewshot-caption'), /within one alphabet/);
  // The episode's 20 classes come from one alphabet: their names share the prefix.
  const names = await page.$$eval('[data-testid="fewshot-support-row"] .fs-class-name', (els) => els.map((e) => e.textContent));
  assert.equal(names.length, 20);
  assert.deepEqual(page.problems, []);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling at 390 px');
  await screenshot(page, 'fewshot-omniglot-390');
  await page.context().close();
});
