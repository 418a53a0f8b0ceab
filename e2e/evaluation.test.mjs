// End-to-end: the evaluation views of the linear classifier (issue 5) after a short MNIST run —
// top-5 figures, the confusion matrix and the images behind a cell, the predictions gallery, the
// algebraic view, and weights export / import. Needs `npm run build` first.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, screenshot, ARTIFACTS, waitForStatus as waitStatus } from './suite.mjs';

const RUN_TIMEOUT = 180_000;
const { open } = suite();
const HASH = '#num_iters=200&seed=3';

const text = (page, testid) => page.getByTestId(testid).textContent();

const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);

/** The confusion matrix as the page shows it: split, counts per cell, per-class accuracy texts. */
function readMatrix(page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="confusion-matrix"]');
    const cells = [...box.querySelectorAll('[data-testid="cm-cell"]')].map((b) => ({
      row: Number(b.dataset.row), col: Number(b.dataset.col), count: Number(b.dataset.count), text: b.textContent,
    }));
    const classAcc = [...box.querySelectorAll('[data-testid="cm-class-acc"]')].map((td) => td.textContent);
    return { split: box.dataset.split, total: Number(box.dataset.total), correct: Number(box.dataset.correct), cells, classAcc };
  });
}

async function showCell(page, row, col) {
  await page.locator(`[data-testid="cm-cell"][data-row="${row}"][data-col="${col}"]`).click();
  await page.waitForFunction(([r, c]) => {
    const box = document.querySelector('[data-testid="cm-images"]');
    const cell = document.querySelector(`[data-testid="cm-cell"][data-row="${r}"][data-col="${c}"]`);
    return cell.getAttribute('aria-pressed') === 'true' && box.dataset.row === String(r) && box.dataset.col === String(c);
  }, [row, col]);
  return page.evaluate(() => ({
    title: document.querySelector('[data-testid="cm-images"] .cm-images-title').textContent,
    images: document.querySelectorAll('[data-testid="cm-images"] [data-testid="cm-image"]').length,
    count: Number(document.querySelector('[data-testid="cm-images"]').dataset.count),
  }));
}

let exported = null; // {file, testAcc} of the trained run, for the import test

test('after a short MNIST run: top-5 ≥ top-1, the matrix matches the accuracy, cells show their images', async () => {
  const page = await open(HASH);
  await waitForStatus(page, /^idle$/);
  // one step: the validation matrix of the first evaluation
  await page.getByTestId('step').click();
  await waitForStatus(page, /^paused$/);
  await page.waitForFunction(() => document.querySelector('[data-testid="confusion-matrix"]').dataset.split === 'val');
  const val = await readMatrix(page);
  assert.equal(val.total, 1000, 'the validation set');
  assert.equal((val.correct / val.total).toFixed(4), await text(page, 'val-acc'));
  await page.getByTestId('play').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  await page.waitForFunction(() => document.querySelector('[data-testid="confusion-matrix"]').dataset.split === 'test');

  const valAcc = Number(await text(page, 'val-acc'));
  const valTop5 = Number(await text(page, 'val-top5'));
  const testAcc = Number(await text(page, 'test-acc'));
  const testTop5 = Number(await text(page, 'test-top5'));
  assert.ok(valAcc > 0.8 && testAcc > 0.8, `trained: val ${valAcc}, test ${testAcc}`);
  assert.ok(valTop5 >= valAcc && valTop5 <= 1, `val top-5 ${valTop5} ≥ top-1 ${valAcc}`);
  assert.ok(testTop5 >= testAcc && testTop5 <= 1, `test top-5 ${testTop5} ≥ top-1 ${testAcc}`);

  const m = await readMatrix(page);
  assert.equal(m.cells.length, 100);
  assert.equal(m.total, 10000);
  assert.equal(m.cells.reduce((s, c) => s + c.count, 0), m.total);
  const diagonal = m.cells.filter((c) => c.row === c.col).reduce((s, c) => s + c.count, 0);
  assert.equal(diagonal, m.correct);
  assert.equal((diagonal / m.total).toFixed(4), await text(page, 'test-acc'), 'diagonal / N is the test accuracy shown');
  for (let r = 0; r < 10; r++) {
    const row = m.cells.filter((c) => c.row === r);
    const sum = row.reduce((s, c) => s + c.count, 0);
    assert.equal(m.classAcc[r], (row[r].count / sum).toFixed(3), `class ${r} accuracy`);
  }

  // the biggest off-diagonal confusion, a diagonal cell (more images than shown) and an empty one
  const off = m.cells.filter((c) => c.row !== c.col).sort((a, b) => b.count - a.count)[0];
  assert.ok(off.count > 0);
  let shown = await showCell(page, off.row, off.col);
  assert.equal(shown.count, off.count);
  assert.equal(shown.images, Math.min(off.count, 60));
  assert.match(shown.title, new RegExp(`True ${off.row}, predicted ${off.col}: ${off.count} image`));
  await screenshot(page, 'evaluation-confusion');
  const diag = m.cells.find((c) => c.row === 1 && c.col === 1);
  shown = await showCell(page, 1, 1);
  assert.equal(shown.count, diag.count);
  assert.equal(shown.images, Math.min(diag.count, 60));
  const empty = m.cells.find((c) => c.count === 0);
  if (empty) {
    shown = await showCell(page, empty.row, empty.col);
    assert.equal(shown.images, 0);
    assert.match(shown.title, /no images/);
  }
  // row-normalised: each row's shares sum to 1
  await page.getByTestId('cm-normalise').check();
  await page.waitForFunction(() => document.querySelector('[data-testid="cm-cell"]').textContent.includes('.'));
  const norm = await readMatrix(page);
  for (let r = 0; r < 10; r++) {
    const s = norm.cells.filter((c) => c.row === r).reduce((a, c) => a + Number(c.text), 0);
    assert.ok(Math.abs(s - 1) < 0.06, `row ${r} shares sum to ${s}`);
  }

  // the gallery and the algebraic view agree on the predicted class
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="gallery-item"]').length === 24);
  const items = page.getByTestId('gallery-item');
  for (const n of [0, 5]) {
    const item = items.nth(n);
    const index = await item.getAttribute('data-index');
    const pred = Number(await item.getAttribute('data-pred'));
    await item.click();
    await page.waitForFunction((i) => document.querySelector('[data-testid="algebraic-index"]').value === i &&
      document.querySelector('[data-testid="algebraic-view"] .algebra-title')?.textContent.includes(`#${i} `), index);
    const scores = await page.$$eval('[data-testid="algebra-score"]', (tds) => tds.map((td) => Number(td.dataset.value)));
    assert.equal(scores.length, 10);
    assert.equal(scores.indexOf(Math.max(...scores)), pred, `image ${index}: the table's argmax is the gallery's prediction`);
    assert.equal(Number(await page.getByTestId('algebra-table').getAttribute('data-argmax')), pred);
  }
  const before = await page.$$eval('[data-testid="gallery-item"]', (els) => els.map((e) => e.dataset.index).join());
  await page.getByTestId('gallery-next').click();
  await page.waitForFunction((b) => [...document.querySelectorAll('[data-testid="gallery-item"]')]
    .map((e) => e.dataset.index).join() !== b, before);
  assert.equal(await page.getByTestId('gallery-item').first().getAttribute('data-index'), '24');
  await screenshot(page, 'evaluation-views');
  await page.getByTestId('algebraic-panel').screenshot({ path: path.join(ARTIFACTS, 'evaluation-algebraic.png') });
  await page.getByTestId('predictions-panel').screenshot({ path: path.join(ARTIFACTS, 'evaluation-predictions.png') });

  // export the weights
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-weights').click()]);
  const file = path.join(ARTIFACTS, 'evaluation-weights.bin');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'CPWT');
  assert.equal(bytes.length, 36 + 4 * (784 + 785 * 10) + 19);
  exported = { file, testAcc: await text(page, 'test-acc'), testTop5: await text(page, 'test-top5'),
    iteration: Number((await text(page, 'iteration')).split(' / ')[0]) };
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('weights exported, page reloaded, weights imported: the same test accuracy; a bad file is named', async () => {
  assert.ok(exported, 'the first test exported weights');
  const page = await open('#num_iters=200&seed=4&views=confusion');
  await waitForStatus(page, /^idle$/);
  assert.equal(await page.getByTestId('predictions-panel').evaluate((d) => d.open), false, 'views= closes the others');

  // a truncated file: a clear message naming it, and the run still works
  const good = fs.readFileSync(exported.file);
  await page.getByTestId('import-weights').setInputFiles({ name: 'truncated.bin', mimeType: 'application/octet-stream',
    buffer: good.subarray(0, 1000) });
  const message = await waitForStatus(page, /^error: /, 30_000);
  assert.match(message, /truncated\.bin/);
  assert.match(message, /truncated at byte offset 1000: the header declares \d+ bytes/);
  assert.match(await text(page, 'weights-status'), /import refused/);
  await page.getByTestId('import-weights').setInputFiles({ name: 'not-weights.bin', mimeType: 'application/octet-stream',
    buffer: Buffer.from('PK\u0003\u0004 this is a zip, not weights, but long enough to have a header') });
  assert.match(await waitForStatus(page, /not-weights\.bin.*magic/, 30_000), /expected magic "CPWT"/);
  await page.getByTestId('step').click();
  await waitForStatus(page, /^paused$/);

  // the download's own name says the iteration it was exported at (the format has no field for it)
  const downloadName = `classplay-mnist-softmax-iter${exported.iteration}.bin`;
  await page.getByTestId('import-weights').setInputFiles({ name: downloadName, mimeType: 'application/octet-stream', buffer: good });
  await page.waitForFunction(() => /^weights imported from /.test(document.querySelector('[data-testid="weights-status"]').textContent));
  const line = `weights imported from ${downloadName} (exported at iteration ${exported.iteration})`;
  assert.ok((await text(page, 'weights-status')).startsWith(line), await text(page, 'weights-status'));
  await page.waitForFunction((l) => document.querySelector('[data-testid="status-detail"]').textContent.endsWith(l), line);
  assert.equal(await text(page, 'iteration'), '1 / 200', 'the counter still counts the iterations of this run');
  assert.equal(await text(page, 'test-acc'), exported.testAcc, 'the imported weights score the test set the same');
  assert.equal(await text(page, 'test-top5'), exported.testTop5);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="val-acc"]').textContent) > 0.8);
  assert.ok(Number(await text(page, 'train-acc')) > 0.8, 'train and val accuracy are re-measured with the imported weights');
  await page.waitForFunction(() => document.querySelector('[data-testid="confusion-matrix"]').dataset.split === 'test');
  assert.match(await page.getByTestId('confusion-matrix').locator('caption').textContent(),
    /^Test set, 10000 images, with the imported weights — accuracy/);
  const correct = await page.getByTestId('confusion-matrix').getAttribute('data-correct');
  assert.equal((Number(correct) / 10000).toFixed(4), exported.testAcc);
  assert.match(page.url(), /views=confusion(&|$)/);
  await page.getByTestId('algebraic-panel').locator('summary').click();
  await page.waitForFunction(() => /views=confusion%2Calgebraic|views=confusion,algebraic/.test(location.hash));
  await page.waitForSelector('[data-testid="algebra-table"]');
  assert.match(await page.locator('.algebra-title').textContent(), /^Test image #\d+ with the imported weights: /);
  await page.getByTestId('predictions-panel').locator('summary').click();
  await page.waitForFunction(() => /predictions with the imported weights;/.test(document.querySelector('[data-testid="gallery-status"]').textContent));
  // one more step trains on from the imported weights, and every label says so
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /predictions with the imported weights \+ 1 iteration;/.test(document.querySelector('[data-testid="gallery-status"]').textContent));
  assert.equal(await text(page, 'iteration'), '2 / 200');
  await screenshot(page, 'evaluation-imported');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
