// End-to-end: few-shot episodes on features (issue 12, item 1). A HOG run shows its accuracy and
// the same episodes' pixel accuracy side by side, and that pixel list is, bit for bit, what the
// plain pixel link (no features key) gives; a colour histogram on MNIST is refused with a message.
// Needs `npm run build` first. Kept short (MNIST test split, 60 episodes).

import test from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';

const RUN_TIMEOUT = 120_000;
const { open } = suite();
const text = (page, testid) => page.getByTestId(testid).textContent();
const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);
const LINK = '#mode=fewshot&dataset=mnist&split=test&n_way=5&k_shot=1&num_queries=5&num_episodes=60&metric=l2&seed=1';

test('MNIST 5-way 1-shot on HOG: accuracy beside the same episodes on pixels, equal to the pixel link', async () => {
  const pixels = await open(`${LINK}&autoplay=1`);
  assert.equal(await waitForStatus(pixels, /^(done|error: .*)$/), 'done');
  assert.doesNotMatch(pixels.url(), /features=/, 'pixels, the default, stay out of the link');
  assert.equal(await pixels.getByTestId('fewshot-pixel-accuracy').isVisible(), false);
  const pixelRun = await pixels.evaluate(() => window.__fewshot.accuracies());
  const pixelText = await text(pixels, 'fewshot-accuracy');
  await pixels.context().close();

  const page = await open(`${LINK}&features=hog&autoplay=1`);
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done', await text(page, 'status'));
  assert.match(page.url(), /&features=hog&/);
  assert.equal(await text(page, 'fewshot-accuracy-name'), 'mean accuracy, HOG ± 95 % CI');
  assert.match(await text(page, 'fewshot-caption'), /Features: HOG, standardised with the mean and std of every image of the split/);
  const hog = await page.evaluate(() => window.__fewshot.accuracies());
  const paired = await page.evaluate(() => window.__fewshot.pixel_accuracies());
  assert.equal(hog.length, 60);
  assert.deepEqual(paired, pixelRun, 'the pixel accuracies beside are the pixel link\'s, episode for episode');
  assert.notDeepEqual(hog, pixelRun, 'HOG labels some queries differently');
  assert.equal(await text(page, 'fewshot-pixel-accuracy'), pixelText);
  assert.match(await text(page, 'fewshot-accuracy'), /^0\.\d{3} ± 0\.\d{3}$/);
  assert.ok(hog.every((a) => a >= 0 && a <= 1));
  const results = await new AxeBuilder({ page }).include('.fewshot .metrics').analyze();
  assert.deepEqual(results.violations.map((v) => v.id), []);
  await screenshot(page, 'fewshot-features');
  const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
  console.log(`# few-shot MNIST 5-way 1-shot, 60 episodes, seed 1: pixels ${mean(pixelRun).toFixed(4)}, hog ${mean(hog).toFixed(4)}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a colour histogram on MNIST is refused naming the key and falls back to pixels', async () => {
  const page = await open('#mode=fewshot&dataset=mnist&features=color_hist');
  assert.match(await waitForStatus(page, /^error: /, 30_000), /features: color_hist needs colour images, and MNIST is grayscale/);
  assert.doesNotMatch(page.url(), /features=/, 'the refused value falls back to pixels');
  await page.context().close();
});
