// End-to-end: divergence in the train mode (issue 11 "Divergence"): learning_rate 1000 and 1e30 with
// either loss stop with a message (the iteration, what to change) and never show NaN or Infinity;
// a sane rate starts again.
import test from 'node:test';
import assert from 'node:assert/strict';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';

const LONG = 180_000;
const { open } = suite();
const waitForStatus = (page, pattern, timeout = LONG) => waitStatus(page, pattern, timeout);
const text = (page, id) => page.getByTestId(id).first().textContent();
for (const loss of ['svm', 'softmax']) {
  for (const lr of ['1000', '1e30']) {
    test(`learning_rate=${lr}, loss=${loss}: stops with a message, no NaN / Infinity shown, Reset recovers`, async () => {
      const page = await open(`#loss=${loss}&learning_rate=${lr}&num_iters=300&num_train=2000&num_val=500&num_test=500&views=confusion,predictions,algebraic&autoplay=1`);
      const status = await waitForStatus(page, /^(done|error: .*)$/);
      console.log(`# train ${loss} learning_rate=${lr}: ${status}`);
      assert.match(status, /^error: loss diverged at iteration \d+ .*lower learning_rate/);
      await page.waitForTimeout(500); // the views' replies
      const shown = await page.evaluate(() => document.querySelector('main')?.innerText ?? document.body.innerText);
      assert.doesNotMatch(shown, /NaN|Infinity|\binf\b/i);
      const history = (await text(page, 'loss-history')).split(',').filter(Boolean).map(Number);
      assert.ok(history.every(Number.isFinite), 'every loss in the history is finite');
      await screenshot(page, `diverged-${loss}-${lr}`);
      // a sane rate starts a fresh run that finishes
      await page.locator('#ctl-learning_rate').fill('0.000001');
      await page.locator('#ctl-learning_rate').press('Enter');
      await waitForStatus(page, /^idle$/);
      await page.getByTestId('play').click();
      assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
      assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /NaN|Infinity/);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }
}
