// End-to-end: "Draw a digit" (issue 12, item 6) in the train and k-NN modes. A vertical stroke
// (a "1") and a circle (a "0") drawn with the mouse (Pointer Events, as a finger or pen would),
// the answer read off the page: the class first, then its probability; the stroke must be a "1";
// Clear empties it; it works while the model trains and after it is done, at 390 px, and the
// panel passes axe. Needs `npm run build` (after scripts/build-wasm.sh).

import test from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus } from './suite.mjs';

const RUN_TIMEOUT = 180_000;
const { open } = suite();

/** "7 (p = 0.93)" or "7 (p = 0.67: 2 of 3 neighbours)": the class, then its probability. */
const ANSWER = /^(\d) \(p = (0\.\d\d|1\.00)/;

/** Mouse strokes on the pad through `points` in [0, 1]² of its box (one press per stroke). */
async function drawStroke(page, points) {
  const pad = page.getByTestId('draw-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 2 });
  await page.mouse.up();
}

/** The same with touch Pointer Events (pointerType 'touch'), as a finger on a phone sends them. */
async function touchStroke(page, points) {
  const pad = page.getByTestId('draw-pad');
  await pad.scrollIntoViewIfNeeded();
  await pad.evaluate((c, pts) => {
    const r = c.getBoundingClientRect();
    const ev = (type, [x, y]) => c.dispatchEvent(new PointerEvent(type, { pointerType: 'touch', pointerId: 7,
      isPrimary: true, bubbles: true, cancelable: true, clientX: r.left + x * r.width, clientY: r.top + y * r.height }));
    ev('pointerdown', pts[0]);
    for (const p of pts.slice(1)) ev('pointermove', p);
    ev('pointerup', pts.at(-1));
  }, points);
}

const ONE = Array.from({ length: 16 }, (_, i) => [0.5, 0.15 + (0.7 * i) / 15]);
const ZERO = Array.from({ length: 41 }, (_, i) => {
  const t = (i / 40) * 2 * Math.PI;
  return [0.5 + 0.22 * Math.cos(t), 0.5 + 0.33 * Math.sin(t)];
});

/** Waits until the headline matches ANSWER and differs from `before`; returns [class, p, text]. */
async function answer(page, before = null) {
  const handle = await page.waitForFunction(([source, prev]) => {
    const t = document.querySelector('[data-testid="draw-class"]')?.textContent ?? '';
    return new RegExp(source).test(t) && t !== prev && t;
  }, [ANSWER.source, before], { timeout: 30_000, polling: 100 });
  const text = await handle.jsonValue();
  const [, cls, p] = text.match(ANSWER);
  return { cls, p: Number(p), text };
}

async function clearPad(page) {
  await page.getByTestId('draw-clear').click();
  assert.equal(await page.getByTestId('draw-class').textContent(), '');
  assert.equal(await page.locator('[data-testid="draw-scores"] li').count(), 0);
  assert.equal(await page.locator('[data-testid="draw-neighbours"] figure').count(), 0);
}

async function axeSerious(page, selector) {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  return violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

const fitsWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

test('train mode: a drawn 1 and 0 are scored by the model as it trains and when done; Clear; 390 px; axe', async () => {
  const page = await open('#mode=train');
  await waitForStatus(page, /^idle$/, RUN_TIMEOUT);
  await page.locator('[data-testid="draw-panel"] > summary').click();

  // Before training (iteration 0, W ~ 1e-4·N(0, 1)): an answer already, near-uniform.
  await drawStroke(page, ONE);
  const untrained = await answer(page);
  assert.ok(untrained.p < 0.5, `untrained: ${untrained.text}`);
  assert.equal(await page.locator('[data-testid="draw-scores"] li').count(), 10, 'one bar per class');
  // the 28×28 image the model sees has ink
  const framedInk = await page.getByTestId('draw-framed').evaluate((c) =>
    c.getContext('2d').getImageData(0, 0, 28, 28).data.filter((v, i) => i % 4 === 0 && v > 0).length);
  assert.ok(framedInk > 20 && framedInk < 200, `${framedInk} inked pixels of 784`);

  // One Step (then paused): the new weights score the drawing again.
  await page.getByTestId('step').click();
  await waitForStatus(page, /^paused$/, RUN_TIMEOUT);
  const stepped = await answer(page, untrained.text);
  // Trained to the end: the answer is asked again as the model trains and once it is done.
  await page.getByTestId('play').click();
  await waitForStatus(page, /^done$/, RUN_TIMEOUT);
  const one = await answer(page, stepped.text);
  assert.equal(one.cls, '1', `a vertical stroke: ${one.text}`);
  assert.ok(one.p > 0.5, one.text);
  assert.match(await page.locator('[data-testid="draw-scores"] li.best').textContent(), /^1/);

  await clearPad(page);
  await drawStroke(page, ZERO);
  const zero = await answer(page);
  console.log(`train: vertical stroke → ${one.text}; circle → ${zero.text}`);
  assert.equal(zero.cls, '0', `a circle: ${zero.text}`);

  // an empty drawing asks nothing and shows nothing; the panel passes axe
  await clearPad(page);
  assert.deepEqual(await axeSerious(page, '[data-testid="draw-panel"]'), []);

  // a phone: the page keeps to the screen and the pad still draws
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await fitsWidth(page), 'no sideways scrolling at 390 px');
  await drawStroke(page, ONE);
  assert.equal((await answer(page)).cls, '1');
  await screenshot(page, 'draw-train-390');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('k-NN mode: the drawn digit\'s nearest training images and their vote; Clear; 390 px; axe', async () => {
  const page = await open('#mode=knn');
  await waitForStatus(page, /^idle$/, RUN_TIMEOUT);
  await page.locator('[data-testid="draw-panel"] > summary').click();

  await drawStroke(page, ONE);
  const one = await answer(page);
  assert.equal(one.cls, '1', `a vertical stroke: ${one.text}`);
  assert.match(one.text, /of 3 neighbours/, 'k = 3 by default');
  const labels = await page.$$eval('[data-testid="draw-neighbours"] figcaption', (fs) => fs.map((f) => f.textContent));
  assert.equal(labels.length, 3, 'the k nearest training images');
  for (const l of labels) assert.match(l, /^\d · d = \d+$/);

  // k = 5 in the settings: asked again with 5 neighbours
  await page.evaluate(() => { location.hash = location.hash.replace('k=3', 'k=5'); });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="draw-neighbours"] figure').length === 5,
    null, { timeout: 30_000 });

  await clearPad(page);
  await drawStroke(page, ZERO);
  const zero = await answer(page);
  console.log(`k-NN: vertical stroke → ${one.text}; circle → ${zero.text}`);
  assert.equal(zero.cls, '0', `a circle: ${zero.text}`);
  // the bars are the votes per class: whole numbers summing to k = 5
  const counts = await page.$$eval('[data-testid="draw-scores"] .draw-bar-value', (v) => v.map((e) => Number(e.textContent)));
  assert.equal(counts.length, 10);
  assert.equal(counts.reduce((a, b) => a + b, 0), 5);
  assert.equal(counts[0], Number(zero.text.match(/: (\d) of 5/)[1]));
  assert.deepEqual(await axeSerious(page, '[data-testid="draw-panel"]'), []);

  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await fitsWidth(page), 'no sideways scrolling at 390 px');
  await clearPad(page);
  await drawStroke(page, ONE);
  assert.equal((await answer(page)).cls, '1');
  await screenshot(page, 'draw-knn-390');
  // a finger: touch Pointer Events, and the page does not scroll under it
  await clearPad(page);
  assert.equal(await page.getByTestId('draw-pad').evaluate((c) => getComputedStyle(c).touchAction), 'none');
  await touchStroke(page, ONE);
  assert.equal((await answer(page)).cls, '1');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a dataset that is not 28×28 grayscale explains why there is no pad', async () => {
  const page = await open('#mode=knn&dataset=cifar10&num_train=500&num_test=50');
  await waitForStatus(page, /^idle$/, RUN_TIMEOUT);
  await page.locator('[data-testid="draw-panel"] > summary').click();
  assert.match(await page.getByTestId('draw-note').textContent(), /28×28 grayscale.*32×32×3/);
  assert.equal(await page.getByTestId('draw-pad').isVisible(), false);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
