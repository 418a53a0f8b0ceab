// End-to-end: features instead of raw pixels (issue 12, item 1) in the k-NN mode: HOG + hue
// histogram beats pixels on the same CIFAR-10 subset, the page keeps both figures side by side,
// `+` survives the link, and the HOG view draws. Needs `npm run build` first.

import test from 'node:test';
import assert from 'node:assert/strict';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';

const RUN_TIMEOUT = 300_000;
const { open } = suite();
const text = (page, testid) => page.getByTestId(testid).textContent();
const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);

test('k-NN on CIFAR-10: hog+color_hist beats pixels on the same subset; compare line; HOG view', async () => {
  const page = await open('#mode=knn&dataset=cifar10&num_train=2000&num_test=200&autoplay=1');
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done', `status ${await text(page, 'status').catch(() => '?')}`);
  const pixels = Number(await text(page, 'test-acc'));
  assert.doesNotMatch(page.url(), /features=/, 'features at its default stays out of the link');
  assert.match(await text(page, 'features-compare'), /^pixels 0\.\d{4} \(cifar10, 2000\/200, k=3 l2\)$/);

  await page.evaluate(() => { location.hash = `${location.hash}&features=hog+color_hist`; });
  await page.waitForFunction(() => /features=hog\+color_hist/.test(location.hash), null, { timeout: 10_000 });
  assert.match(await text(page, 'features-note'), /feature distances/);
  await page.getByTestId('predict').click();
  await page.waitForFunction(() => /hog\+color_hist 0\.\d{4}/.test(
    document.querySelector('[data-testid="features-compare"]').textContent), null, { timeout: RUN_TIMEOUT });
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  const feats = Number(await text(page, 'test-acc'));
  assert.equal(await text(page, 'test-correct'), `${Math.round(feats * 200)} / 200`);
  assert.ok(feats > pixels, `hog+color_hist ${feats} must beat pixels ${pixels} on CIFAR-10 2000/200`);
  assert.ok(feats < 1, `accuracy ${feats}`);
  const compare = await text(page, 'features-compare');
  assert.ok(compare.includes(`pixels ${pixels.toFixed(4)}`) && compare.includes(`hog+color_hist ${feats.toFixed(4)}`), compare);

  // The HOG view: the picture, its grid and the glyphs — many distinct colours, not blank.
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="hog-view"]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
    return false;
  }, null, { timeout: RUN_TIMEOUT });
  const colours = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="hog-view"]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]},${d[i + 3]}`);
    return seen.size;
  });
  assert.ok(colours > 50, `HOG view has only ${colours} colours`);
  await screenshot(page, 'knn-features');
  console.log(`# k-NN CIFAR-10 first 2000/200, L2, k = 3: pixels ${pixels}, hog+color_hist ${feats}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a features link opens with it; an unknown value is a clear message', async () => {
  const page = await open('#mode=knn&dataset=cifar10&features=hog&num_train=500&num_test=50');
  assert.match(page.url(), /features=hog(&|$)/);
  await page.context().close();
  const bad = await open('#mode=knn&features=sift');
  assert.match(await waitForStatus(bad, /^error: /, 30_000), /features/);
  await bad.context().close();
});

test('k-NN cross-validation runs on features (it refused before), and differs from pixels', async () => {
  const cv = async (page) => {
    await page.getByTestId('cross-validate').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="cv-test-acc"]').textContent !== '' ||
      /^error/.test(document.querySelector('[data-testid="status"]').textContent), null, { timeout: RUN_TIMEOUT });
    assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done', await text(page, 'status'));
    return { k: await text(page, 'cv-best-k'), acc: await text(page, 'cv-best-acc') };
  };
  const base = '#mode=knn&dataset=mnist&num_train=500&num_test=50&k_choices=1,3,5,10';
  const pixels = await open(base);
  const onPixels = await cv(pixels);
  await pixels.context().close();
  const page = await open(`${base}&features=hog`);
  const onHog = await cv(page);
  assert.match(onHog.acc, /^0\.\d{4}$/);
  assert.match(await text(page, 'features-note'), /cross-validation \(standardised on each fold’s training part\)/);
  assert.notDeepEqual(onHog, onPixels, 'the folds are scored on HOG, not pixels');
  console.log(`# k-NN 5-fold CV, MNIST first 500, L2: pixels best k ${onPixels.k} ${onPixels.acc}, hog best k ${onHog.k} ${onHog.acc}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
