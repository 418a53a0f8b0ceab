// End-to-end: large and resized imported images in the k-NN mode (issue 10). Every file is made
// here: a 300×300 IDX pair (90,000 values per image, past the 66,051 where the u32 distances would
// overflow: the page once stopped with "unreachable") and the 64×64 one-pixel checkerboards of
// case C21 (PNGs from e2e/images.mjs), imported at 28×28 grayscale: the exact area average of the
// core (src/data/resize.rs) must come back, within 127.5 ± 16 at every pixel, where a single
// canvas drawImage gave 98–156. Needs `npm run build` first.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, waitForStatus as waitStatus } from './suite.mjs';
import { noise, png } from './images.mjs';

const RUN_TIMEOUT = 240_000;
const { open } = suite();

const text = (page, testid) => page.getByTestId(testid).textContent();
const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);

async function importSummary(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="import-summary"]')?.textContent !== '',
    null, { timeout: RUN_TIMEOUT, polling: 100 });
  return {
    summary: await text(page, 'import-summary'),
    errors: await page.$$eval('[data-testid="import-errors"] li', (lis) => lis.map((li) => li.textContent)),
  };
}

/** IDX images `(n, side, side)` and labels: class i mod 2, class 0 dark (0..63), class 1 bright (192..255). */
function idxPair(n, side, seed) {
  const r = noise(seed);
  const d = side * side;
  const images = Buffer.alloc(16 + n * d);
  images.writeUInt32BE(2051, 0);
  images.writeUInt32BE(n, 4);
  images.writeUInt32BE(side, 8);
  images.writeUInt32BE(side, 12);
  const labels = Buffer.alloc(8 + n);
  labels.writeUInt32BE(2049, 0);
  labels.writeUInt32BE(n, 4);
  for (let i = 0; i < n; i++) {
    labels[8 + i] = i % 2;
    for (let p = 0; p < d; p++) images[16 + i * d + p] = (i % 2 ? 192 : 0) + (r() >> 2);
  }
  return { images, labels };
}

test('k-NN on a 300×300 IDX pair (90,000 values per image): predictions, no "unreachable"', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classplay-bigidx-'));
  const files = [];
  for (const [split, n, seed] of [['train', 6, 1], ['t10k', 3, 2]]) {
    const { images, labels } = idxPair(n, 300, seed);
    files.push(path.join(dir, `${split}-images-idx3-ubyte`), path.join(dir, `${split}-labels-idx1-ubyte`));
    fs.writeFileSync(files.at(-2), images);
    fs.writeFileSync(files.at(-1), labels);
  }
  const page = await open('#mode=knn&dataset=files&k=1&workers=1&metric=l2');
  try {
    await waitForStatus(page, /^error: .*/);
    await page.getByTestId('file-input').setInputFiles(files);
    const { summary, errors } = await importSummary(page);
    assert.deepEqual(errors, []);
    assert.match(summary, /6 training \+ 3 test images, 300×300 grayscale, 2 classes/);
    assert.equal(await waitForStatus(page, /^(idle|error: .*)$/), 'idle');
    for (const metric of ['l2', 'l1']) {
      if (metric === 'l1') {
        await page.locator('#ctl-metric').selectOption('l1');
        assert.equal(await waitForStatus(page, /^(idle|error: .*)$/), 'idle');
      }
      await page.getByTestId('predict').click();
      const status = await waitForStatus(page, /^(done|error: .*)$/);
      assert.equal(status, 'done', `${metric}: ${status}`);
      // test labels 0, 1, 0: dark and bright images are told apart exactly
      assert.equal(await text(page, 'predictions'), '0,1,0', metric);
      assert.equal(Number(await text(page, 'test-acc')), 1);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="gallery-row"]').length > 0);
      const captions = await page.$$eval('[data-testid="gallery-row"] figcaption', (els) => els.map((e) => e.textContent));
      assert.ok(captions.length > 1 && captions.every((c) => !/NaN|undefined/.test(c)), captions.join('\n'));
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A `side × side` RGB one-pixel checkerboard; `phase` 0: black where (x + y) is even. */
function checkerboard(side, phase) {
  const rgb = Buffer.alloc(side * side * 3);
  for (let p = 0; p < side * side; p++) rgb.fill((Math.floor(p / side) + (p % side) + phase) % 2 ? 255 : 0, 3 * p, 3 * p + 3);
  return rgb;
}

/**
 * The exact area average of `checkerboard(src, phase)` at `out × out`, computed independently of
 * the core: coordinates in units of 1/out source pixels (so every overlap is an integer and many
 * means are exact halves, which f64 division would misround), each output pixel the sum of
 * overlap-weighted values over its src × src area, rounded halves up.
 */
function areaAverage(src, out, phase) {
  const res = new Uint8Array(out * out);
  const overlap = (o, k) => Math.max(0, Math.min((o + 1) * src, (k + 1) * out) - Math.max(o * src, k * out));
  for (let oy = 0; oy < out; oy++) {
    for (let ox = 0; ox < out; ox++) {
      let sum = 0;
      for (let j = 0; j < src; j++) {
        const dy = overlap(oy, j);
        if (!dy) continue;
        for (let i = 0; i < src; i++) sum += dy * overlap(ox, i) * ((i + j + phase) % 2 ? 255 : 0);
      }
      res[oy * out + ox] = Math.floor((2 * sum + src * src) / (2 * src * src));
    }
  }
  return res;
}

test('case C21: 64×64 checkerboards imported at 28×28 grayscale are the exact area average (127.5 ± 16)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classplay-c21-'));
  const root = path.join(dir, 'checkers');
  ['even', 'odd'].forEach((name, phase) => {
    fs.mkdirSync(path.join(root, name), { recursive: true });
    for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(root, name, `${i}.png`), png(64, 64, checkerboard(64, phase)));
  });
  const want = [0, 1].map((phase) => areaAverage(64, 28, phase));
  for (const w of want) assert.ok(w.every((v) => v >= 125 && v <= 130), 'the f64 reference itself');
  const page = await open('#mode=knn&dataset=files&k=1&workers=1');
  try {
    await waitForStatus(page, /^error: .*/);
    await page.locator('#import-size').selectOption('28');
    await page.locator('#import-color').selectOption('1');
    await page.getByTestId('folder-input').setInputFiles(root);
    const { summary, errors } = await importSummary(page);
    assert.deepEqual(errors, []);
    assert.match(summary, /28×28 grayscale, 2 classes \(even, odd\)/);
    assert.equal(await waitForStatus(page, /^(idle|error: .*)$/), 'idle');
    await page.getByTestId('predict').click();
    assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="gallery-row"] canvas').length > 1);
    // Every image the gallery draws (test images and their neighbours) at its own 28×28 size.
    const images = await page.$$eval('[data-testid="gallery-row"] canvas', (cs) => cs.map((c) => ({
      width: c.width, height: c.height, rgba: Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data),
    })));
    assert.ok(images.length >= 2);
    for (const { width, height, rgba } of images) {
      assert.deepEqual([width, height], [28, 28]);
      const gray = rgba.filter((_, k) => k % 4 === 0);
      assert.ok(rgba.every((v, k) => k % 4 === 3 ? v === 255 : v === gray[Math.floor(k / 4)]), 'gray, opaque');
      const lo = Math.min(...gray);
      const hi = Math.max(...gray);
      assert.ok(lo >= 127.5 - 16 && hi <= 127.5 + 16, `C21: pixels ${lo}..${hi}`);
      assert.ok(want.some((w) => w.every((v, p) => v === gray[p])), 'equals the f64 area average of one phase');
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
