// End-to-end: train mode on features (issue 12, item 1). CIFAR-10 with features=hog+color_hist
// and otherwise the default settings (the features' learning_rate / reg) trains far past pixels;
// the templates and the algebraic view (pixel views) are hidden; the pixels-vs-features line
// keeps each finished run's test accuracy; switching back to pixels in the control restores the
// pixel defaults. Needs `bash scripts/build-wasm.sh && npm run build` first.

import test from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';

const RUN_TIMEOUT = 120_000;
const { open } = suite();
const text = (page, testid) => page.getByTestId(testid).textContent();
const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);

test('train on CIFAR-10 hog+color_hist with default settings: test accuracy > 0.35; pixel views hidden; compare line', async () => {
  const t0 = Date.now();
  const page = await open('#dataset=cifar10&features=hog+color_hist&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done', `status ${await text(page, 'status').catch(() => '?')}`);
  const seconds = (Date.now() - t0) / 1000;
  // the link picked features without a learning rate: the features' defaults, written out
  assert.match(page.url(), /learning_rate=0\.03&reg=0\.01&/);
  assert.match(page.url(), /&features=hog\+color_hist(&|$)/);
  const feats = Number(await text(page, 'test-acc'));
  assert.ok(feats > 0.35 && feats < 1, `hog+color_hist test accuracy ${feats}`);
  assert.equal(await text(page, 'iteration'), '1500 / 1500');
  const val = Number(await text(page, 'val-acc'));
  assert.ok(val > 0.35, `val accuracy ${val}`);
  assert.ok(await page.getByTestId('templates-panel').isHidden(), 'templates are hidden on features');
  assert.ok(await page.getByTestId('algebraic-panel').isHidden(), 'the algebraic view is hidden on features');
  assert.match(await text(page, 'features-note'), /154 values per image/); // 4·4·9 HOG + 10 hue bins
  assert.match(await text(page, 'hessian-cost'), /\(154 \+ 1\)·10/);
  assert.match(await text(page, 'features-compare'), /^hog\+color_hist 0\.\d{4} \(cifar10\)/);
  const { violations } = await new AxeBuilder({ page }).include('.train-features').include('#controls').analyze();
  assert.deepEqual(violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id), []);
  await screenshot(page, 'train-features');
  console.log(`# train CIFAR-10 hog+color_hist, default settings: val ${val}, test ${feats} (${seconds.toFixed(1)} s)`);

  // Back to pixels in the control: the pixel defaults return; a short run joins the compare line.
  await page.locator('#ctl-num_iters').fill('100');
  await page.locator('#ctl-num_iters').press('Enter');
  await page.locator('#ctl-features').selectOption('pixels');
  await page.waitForFunction(() => !/features=/.test(location.hash), null, { timeout: 10_000 });
  assert.match(page.url(), /learning_rate=0\.0000003&reg=10000&/);
  await page.getByTestId('play').click();
  await page.waitForFunction(() => /pixels 0\.\d{4}/.test(
    document.querySelector('[data-testid="features-compare"]').textContent), null, { timeout: RUN_TIMEOUT });
  const compare = await text(page, 'features-compare');
  assert.ok(compare.includes(`hog+color_hist ${feats.toFixed(4)}`), compare);
  assert.ok(await page.getByTestId('templates-panel').isVisible(), 'templates are back on pixels');
  assert.ok(await page.getByTestId('features-note').isHidden());
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a bad features value in a train link is a clear message and the run stays on pixels', async () => {
  const page = await open('#dataset=mnist&features=sift&num_iters=10');
  assert.match(await waitForStatus(page, /^error: /, 30_000), /features/);
  assert.ok(await page.getByTestId('templates-panel').isVisible());
  await page.context().close();
});
