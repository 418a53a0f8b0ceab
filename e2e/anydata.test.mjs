// End-to-end: the user's own files in the few-shot and k-NN modes (www/import/ reused by
// www/modes/fewshot/ and www/modes/knn/). Every image is made here (e2e/images.mjs: PNGs written
// with node's zlib, seeded noise), so every figure is the same on every run. Needs
// `npm run build` first. Screenshots go to e2e/artifacts/.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';
import { writeClassFolder } from './images.mjs';

const RUN_TIMEOUT = 180_000;
const { open } = suite();

const COLOURS = [['red', [200, 40, 40]], ['green', [40, 180, 60]], ['blue', [40, 60, 200]],
  ['yellow', [220, 210, 40]], ['purple', [140, 40, 160]]];

const text = (page, testid) => page.getByTestId(testid).textContent();
const hashOf = async (page) => new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));

const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);

/** Waits for the import's summary and returns {summary, errors, progress: [value, max]}. */
async function importResult(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="import-summary"]')?.textContent !== '',
    null, { timeout: RUN_TIMEOUT, polling: 100 });
  return {
    summary: await text(page, 'import-summary'),
    errors: await page.$$eval('[data-testid="import-errors"] li', (lis) => lis.map((li) => li.textContent)),
    progress: await page.getByTestId('import-progress').evaluate((p) => [p.value, p.max, p.hidden]),
  };
}

async function axeSerious(page, selector) {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  return violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

/** A temporary folder `colours/` of `classes` class folders, `perClass` PNGs each, plus a broken one. */
function colourFolder(classes, perClass) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classplay-anydata-'));
  const root = path.join(dir, 'colours');
  const names = writeClassFolder(root, COLOURS.slice(0, classes), perClass);
  fs.writeFileSync(path.join(root, 'red', 'broken.png'), Buffer.from('not a PNG'));
  return { dir, root, names };
}

test('few-shot on an imported folder of 5 classes × 20 images: episodes of those classes', async () => {
  const { dir, root, names } = colourFolder(5, 20);
  const page = await open('#mode=fewshot&dataset=files&k_shot=2&num_episodes=40');
  try {
    // Opened without files: the link says to pick them again, naming the key.
    assert.match(await waitForStatus(page, /^error: .*/), /^error: dataset=files: .*pick them again/);
    await page.getByTestId('folder-input').setInputFiles(root);
    const { summary, errors, progress } = await importResult(page);
    // No test folder: nothing is held out, every image can be drawn (the split becomes train).
    assert.match(summary, /^Loaded images in class folders: 100 training images, 32×32 RGB, 5 classes \(blue, green, purple, red, yellow\)\.$/);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^colours\/red\/broken\.png: not a readable image/);
    assert.deepEqual(progress, [101, 101, true], 'the bar reached every file, then hid');
    assert.equal(await page.getByTestId('import-test-share').count(), 0, 'no test share in this mode');
    const hash = await hashOf(page);
    assert.deepEqual([hash.get('dataset'), hash.get('split')], ['files', 'train']);
    assert.equal(await page.locator('#ctl-dataset').inputValue(), 'files');
    assert.equal(await waitForStatus(page, /^(idle|error: .*)$/), 'idle');
    assert.match(await text(page, 'status-detail'), /^100 imported train images$/);

    // Episode 1 shows 5 rows of the folder's classes, 2 support images each.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="fewshot-support"]').length === 10);
    const rowNames = await page.$$eval('[data-testid="fewshot-support-row"] .fs-class-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual([...rowNames].sort(), names);
    assert.match(await text(page, 'fewshot-caption'), /^5-way 2-shot: each episode uses all 5 classes of your files, /);

    await page.getByTestId('fewshot-run').click();
    assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
    assert.equal(await text(page, 'fewshot-done'), '40 / 40');
    const accuracies = await page.evaluate(() => window.__fewshot.accuracies());
    assert.equal(accuracies.length, 40);
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    assert.ok(mean > 0.9, `5 colours, 2-shot nearest neighbour: mean accuracy ${mean} (chance 0.2)`);
    const captions = await page.$$eval('[data-testid="fewshot-query"] .fs-caption', (els) => els.map((e) => e.textContent));
    assert.equal(captions.length, 10);
    for (const c of captions) assert.match(c, new RegExp(`^[✓✗] (${names.join('|')}) → (${names.join('|')})$`));
    await page.waitForTimeout(100);
    await screenshot(page, 'anydata-fewshot');
    assert.deepEqual(await axeSerious(page, '.data-panel'), []);

    // More classes per episode than the folder has: the error names the key.
    await page.locator('#ctl-n_way').fill('6');
    await page.locator('#ctl-n_way').press('Enter');
    assert.match(await waitForStatus(page, /^error: .*/), /`n_way`: must be 2\.\.=5 .*got 6/);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('k-NN on an imported folder: decoded once, every pool worker predicts with it', async () => {
  const { dir, root, names } = colourFolder(3, 20);
  const page = await open('#mode=knn&dataset=files&workers=2&k=1');
  try {
    assert.match(await waitForStatus(page, /^error: .*/), /^error: dataset=files: .*pick them again/);
    await page.getByTestId('folder-input').setInputFiles(root);
    const { summary, errors, progress } = await importResult(page);
    assert.match(summary, /^Loaded images in class folders: 48 training \+ 12 test \(held out\) images, 32×32 RGB, 3 classes \(blue, green, red\)\.$/);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^colours\/red\/broken\.png: not a readable image/);
    assert.deepEqual(progress, [61, 61, true]);
    const hash = await hashOf(page);
    assert.deepEqual([hash.get('dataset'), hash.get('num_train'), hash.get('num_test')], ['files', '48', '12']);
    assert.equal(await waitForStatus(page, /^(idle|error: .*)$/), 'idle');

    await page.getByTestId('predict').click();
    assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
    assert.match(await text(page, 'workers-info'), /^2 × /);
    const acc = Number(await text(page, 'test-acc'));
    assert.ok(acc >= 0.9, `3 colours, 1-NN: test accuracy ${acc}`);
    assert.equal(await text(page, 'test-correct'), `${Math.round(acc * 12)} / 12`);
    assert.equal(await page.getByTestId('knn-top5').evaluate((e) => e.closest('.metric').hidden), true, '3 classes: no top-5');
    const two = await text(page, 'predictions');
    assert.equal(two.split(',').length, 12);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="gallery-row"]').length === 4);
    const titles = await page.$$eval('[data-testid="gallery-row"] figcaption strong', (els) => els.map((e) => e.textContent));
    for (const t of titles) assert.match(t, new RegExp(`^test #\\d+: (${names.join('|')})$`));
    await page.waitForTimeout(100);
    await screenshot(page, 'anydata-knn');
    assert.deepEqual(await axeSerious(page, '.data-panel'), []);

    // A new pool (one worker) takes the same decoded data: the same labels, row for row.
    await page.locator('#ctl-workers').fill('1');
    await page.locator('#ctl-workers').press('Enter');
    assert.equal(await waitForStatus(page, /^(idle|error: .*)$/), 'idle');
    await page.getByTestId('predict').click();
    assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
    assert.match(await text(page, 'workers-info'), /^1 × /);
    assert.equal(await text(page, 'predictions'), two);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
