// End-to-end: the whole experiment in the URL (issue 5) — a full non-default settings link replays
// bit for bit in a fresh browser, Copy link gives such a link, lesson links hide named controls
// (`hide=`), the presenter layout is read-only, the history exports as CSV and the charts as PNG,
// and axe finds no violations in any mode. Needs `npm run build` first. Screenshots go to
// e2e/artifacts/. No timing assertions.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';
import { MODES } from '../www/modes.js';
import { PAGE_PARTS } from '../www/lesson/globals.js';
import { CSV_COLUMNS, parseHistoryCsv } from '../www/export/csv.js';

const RUN_TIMEOUT = 240_000;
const frame = suite();
const { open } = frame;

const text = (page, testid) => page.getByTestId(testid).textContent();

const waitForStatus = (page, pattern, timeout = RUN_TIMEOUT) => waitStatus(page, pattern, timeout);

/** The loss history as the page shows it: shortest f32 texts (equal text = equal f32 bits). */
async function historyText(page) {
  const t = await text(page, 'loss-history');
  return t === '' ? [] : t.split(',');
}

async function controlValues(page) {
  return page.$$eval('#controls input, #controls select', (els) =>
    Object.fromEntries(els.map((e) => [e.name, e.type === 'checkbox' ? String(e.checked) : e.value])));
}

/** Every setting away from its default (SVM with L1, Nesterov, raw pixels, its own subset sizes and seed). */
const FULL = '#dataset=mnist&loss=svm&delta=2&include_correct=0&learning_rate=0.0000005&reg=0.25&' +
  'regularization=l1&update_rule=nesterov&momentum=0.8&batch_size=128&num_iters=80&eval_every=20&seed=42&' +
  'num_train=4000&num_val=600&num_test=1500&bias_trick=0&subtract_mean=0&autoplay=1';

async function trainedRun(hash) {
  const page = await open(hash);
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  return page;
}

test('the same full-settings URL in a fresh browser context: the same first 50 loss_history values, bit for bit', async () => {
  const a = await trainedRun(FULL);
  const first = await historyText(a);
  assert.equal(first.length, 80);
  assert.equal(await text(a, 'iteration'), '80 / 80');
  const detail = await text(a, 'status-detail');
  assert.match(detail, /^4000 training · 600 validation · 1500 test images$/);
  const controls = await controlValues(a);
  assert.equal(controls.update_rule, 'nesterov');
  assert.equal(controls.momentum, '0.8');
  assert.equal(controls.learning_rate, '0.0000005');
  assert.equal(controls.bias_trick, 'false');
  assert.equal(controls.eval_every, '20');
  assert.equal(controls.subtract_mean, 'false');
  // The page keeps every key in the address (defaults of optional keys left out).
  const url = new URL(a.url());
  const keys = new URLSearchParams(url.hash.slice(1));
  for (const k of ['loss', 'delta', 'learning_rate', 'reg', 'regularization', 'update_rule', 'momentum',
    'batch_size', 'num_iters', 'eval_every', 'seed', 'num_train', 'num_val', 'num_test', 'bias_trick', 'subtract_mean']) {
    assert.ok(keys.has(k), `${k} is in ${url.hash}`);
  }
  await a.context().close();

  const b = await trainedRun(FULL);
  const second = await historyText(b);
  assert.deepEqual(second.slice(0, 50), first.slice(0, 50));
  console.log(`# full-settings link replayed: loss_history[0..3] ${first.slice(0, 3).join(', ')} … [49] ${first[49]} in both contexts`);
  assert.deepEqual(await controlValues(b), controls);
  assert.deepEqual(b.problems, []);
  await b.context().close();

  // Each setting reaches the core: the mean-centred run of the same link is another run.
  const c = await trainedRun(FULL.replace('subtract_mean=0', 'subtract_mean=1'));
  assert.notDeepEqual((await historyText(c)).slice(0, 50), first.slice(0, 50));
  assert.doesNotMatch(c.url(), /subtract_mean/, 'an optional key at its default is left out of the link');
  await c.context().close();
});

test('Copy link: the copied address opened in a fresh context shows the same settings and loss history', async () => {
  const page = await open('#dataset=mnist&loss=softmax&learning_rate=0.000002&reg=3&num_iters=40&num_train=2000&num_val=500&num_test=1000&hide=reset');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: frame.url() });
  await waitForStatus(page, /^idle$/);
  // A change made in the page is in the link too.
  await page.locator('#ctl-seed').fill('9');
  await page.locator('#ctl-seed').press('Enter');
  await waitForStatus(page, /^idle$/);
  await page.getByTestId('play').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  await page.getByTestId('copy-link').click();
  await page.waitForFunction(() => /copied/.test(document.querySelector('[data-testid="copy-done"]').textContent));
  assert.ok(await page.getByTestId('copy-done').isVisible(), 'the confirmation is visible');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(copied, /seed=9&.*hide=reset/);
  const controls = await controlValues(page);
  const history = await historyText(page);
  await page.context().close();

  const again = await open(new URL(copied).hash);
  await waitForStatus(again, /^idle$/);
  assert.deepEqual(await controlValues(again), controls);
  await again.getByTestId('play').click();
  assert.equal(await waitForStatus(again, /^(done|error: .*)$/), 'done');
  assert.deepEqual(await historyText(again), history);
  assert.equal(await again.getByTestId('reset').isVisible(), false, 'the lesson key came along');
  assert.deepEqual(again.problems, []);
  await again.context().close();
});

/** data-keys of the settings rows that are visible / hidden (rows hidden by their rule excluded). */
async function fieldVisibility(page) {
  return page.$$eval('#controls .field', (rows) => rows.filter((r) => !r.hidden).map((r) =>
    [r.dataset.key, r.getBoundingClientRect().height > 0 && getComputedStyle(r).display !== 'none']));
}

test('hide=loss,reg hides exactly those controls; hide=reset,templates,charts hides those parts', async () => {
  const page = await open('#hide=loss,reg');
  await waitForStatus(page, /^idle$/);
  const rows = await fieldVisibility(page);
  assert.ok(rows.length >= 10, `${rows.length} rows`);
  for (const [key, visible] of rows) assert.equal(visible, !['loss', 'reg'].includes(key), key);
  assert.match(page.url(), /&hide=loss,reg$/, 'the address keeps the lesson key');
  await screenshot(page, 'lesson-hide-loss-reg');
  await page.context().close();

  const parts = await open('#hide=reset,templates,charts,export');
  await waitForStatus(parts, /^idle$/);
  for (const id of ['reset', 'templates', 'loss-chart', 'acc-chart', 'export-csv']) {
    assert.equal(await parts.getByTestId(id).isVisible(), false, id);
  }
  for (const id of ['play', 'pause', 'step', 'samples', 'ctl-loss']) {
    const loc = id.startsWith('ctl-') ? parts.locator(`#${id}`) : parts.getByTestId(id);
    assert.equal(await loc.isVisible(), true, id);
  }
  assert.deepEqual(parts.problems, []);
  await parts.context().close();
});

test('hide=bogus is reported by name in the status; the known names still hide', async () => {
  const page = await open('#hide=bogus,reg');
  const status = await waitForStatus(page, /^error: /, 60_000);
  assert.match(status, /hide: "bogus" is not a control or panel of this mode/);
  assert.equal(await page.locator('#ctl-reg').isVisible(), false);
  assert.equal(await page.locator('#ctl-learning_rate').isVisible(), true);
  for (const mode of ['knn', 'race', 'lab']) {
    const other = await open(`#mode=${mode}&hide=bogus`);
    assert.match(await waitForStatus(other, /^error: /, 60_000), /"bogus"/, mode);
    await other.context().close();
  }
  await page.context().close();
});

test('presenter=1: large type, settings shown but not editable, Play still works', async () => {
  const page = await open('#num_iters=30&presenter=1');
  await waitForStatus(page, /^idle$/);
  const controls = await page.$$eval('#controls input, #controls select, #random-seed', (els) =>
    els.map((e) => ({ name: e.name || e.id, disabled: e.disabled })));
  assert.ok(controls.length >= 10);
  assert.deepEqual(controls.filter((c) => !c.disabled), []);
  await assert.rejects(page.locator('#ctl-reg').fill('5', { timeout: 1000 }));
  assert.equal(await page.locator('#ctl-reg').inputValue(), '10');
  const px = (s) => Number.parseFloat(s);
  assert.ok(px(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)) >= 22);
  assert.equal(await page.getByTestId('mode-knn').isVisible(), false, 'no tabs');
  await page.getByTestId('play').click();
  assert.equal(await waitForStatus(page, /^(done|error: .*)$/), 'done');
  await page.waitForTimeout(500); // the last frame's panels (no timing is asserted)
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'large type, no sideways scrolling');
  await screenshot(page, 'lesson-presenter');
  assert.deepEqual(page.problems, []);
  await page.context().close();
  const race = await open('#mode=race&presenter=1');
  await waitForStatus(race, /^ready$/, 60_000);
  const raceOpen = await race.$$eval('.side input, .side select', (els) => els.filter((e) => !e.disabled).map((e) => e.name));
  assert.deepEqual(raceOpen, []);
  await screenshot(race, 'lesson-presenter-race');
  await race.context().close();
});

test('embed=1: no title, tabs or build chip; the status stays', async () => {
  const page = await open('#embed=1&hide=samples');
  await waitForStatus(page, /^idle$/);
  for (const sel of ['.topbar h1', '#modes', '.build']) assert.equal(await page.locator(sel).isVisible(), false, sel);
  assert.equal(await page.getByTestId('status').isVisible(), true);
  await screenshot(page, 'lesson-embed');
  await page.context().close();
});

/** Click `testid` and return the downloaded file: {name, bytes}. */
async function downloadOf(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
}

/** Width and height of a PNG (its IHDR), after checking the signature. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('export: the CSV rows are the loss history; the charts and templates download as PNG', async () => {
  const page = await trainedRun('#num_iters=120&num_train=3000&num_val=500&num_test=1000&seed=3&autoplay=1');
  const history = await historyText(page);
  const csv = await downloadOf(page, 'export-csv');
  assert.equal(csv.name, 'classplay-mnist-softmax-sgd-lr0.00001-reg10-seed3-history.csv');
  const lines = csv.bytes.toString('utf8').trimEnd().split('\n');
  assert.equal(lines[0], CSV_COLUMNS.join(','));
  const rows = lines.slice(1).map((l) => l.split(','));
  const withLoss = rows.filter((r) => r[1] !== '');
  assert.deepEqual(withLoss.map((r) => r[1]), history, 'loss column = loss_history, text for text');
  assert.deepEqual(withLoss.map((r) => Number(r[0])), history.map((_, i) => i));
  // Accuracy at 0, every eval_every (50) and at the end; empty elsewhere.
  const measured = rows.filter((r) => r[4] !== '').map((r) => Number(r[0]));
  assert.deepEqual(measured, [0, 50, 100, 120]);
  const cols = parseHistoryCsv(csv.bytes.toString('utf8'));
  assert.equal(cols.val_acc.at(-1).toFixed(4), await text(page, 'val-acc'));
  for (let i = 0; i < history.length; i++) {
    assert.ok(Math.abs(cols.loss[i] - cols.data_loss[i] - cols.reg_loss[i]) <= 1e-5 * cols.loss[i], `row ${i}: loss = data + reg`);
  }

  const sizes = {};
  for (const [testid, what] of [['export-png-loss', 'loss'], ['export-png-acc', 'accuracy'], ['export-png-templates', 'templates']]) {
    const file = await downloadOf(page, testid);
    assert.equal(file.name, `classplay-mnist-softmax-sgd-lr0.00001-reg10-seed3-${what}.png`);
    sizes[what] = pngSize(file.bytes);
    fs.writeFileSync(new URL(`./artifacts/export-${what}.png`, import.meta.url), file.bytes);
  }
  const chartWidth = await page.$eval('[data-testid="loss-chart"] canvas', (c) => c.width);
  assert.ok(sizes.loss.width > chartWidth && sizes.loss.height > 260, JSON.stringify(sizes.loss));
  assert.ok(sizes.accuracy.width > chartWidth, JSON.stringify(sizes.accuracy));
  // Ten 28×28 templates at 3× in one row: wider than 10·84, one row of cells and captions tall.
  assert.ok(sizes.templates.width >= 840 && sizes.templates.height >= 84 && sizes.templates.height < 250, JSON.stringify(sizes.templates));
  console.log(`# export: CSV ${rows.length} rows (${csv.bytes.length} bytes), PNG loss ${sizes.loss.width}×${sizes.loss.height}, ` +
    `accuracy ${sizes.accuracy.width}×${sizes.accuracy.height}, templates ${sizes.templates.width}×${sizes.templates.height}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // eval_every=1: an accuracy at every iteration, none lost between throttled progress messages.
  const every = await trainedRun('#num_iters=60&eval_every=1&num_train=2000&num_val=500&num_test=500&autoplay=1');
  const all = parseHistoryCsv((await downloadOf(every, 'export-csv')).bytes.toString('utf8'));
  assert.deepEqual(all.iteration, Array.from({ length: 61 }, (_, i) => i));
  assert.ok(all.train_acc.every((v) => v >= 0 && v <= 1) && all.val_acc.every((v) => v >= 0 && v <= 1));
  await every.context().close();
});

test('other modes: their charts and canvases save as PNG too', async () => {
  const race = await open('#mode=race&max_steps=30&autoplay=1');
  assert.equal(await waitForStatus(race, /^(done|error: .*)$/, 60_000), 'done');
  const r = await downloadOf(race, 'export-png-race');
  assert.equal(r.name, 'classplay-race-race.png');
  const raceSize = pngSize(r.bytes);
  const canvas = await race.$eval('[data-testid="race-trails"]', (c) => ({ width: c.width, height: c.height }));
  assert.deepEqual(raceSize, { width: canvas.width, height: canvas.height + 36 });
  fs.writeFileSync(new URL('./artifacts/export-race.png', import.meta.url), r.bytes);
  await race.context().close();
  const knn = await open('#mode=knn&num_train=1000&num_test=100&autoplay=1');
  assert.equal(await waitForStatus(knn, /^(done|error: .*)$/), 'done');
  for (const name of ['toy', 'time']) {
    await knn.waitForFunction((n) => n !== 'time' || document.querySelector('[data-testid="time-chart"] canvas'), name, { timeout: RUN_TIMEOUT });
    const file = await downloadOf(knn, `export-png-${name}`);
    assert.ok(pngSize(file.bytes).width >= 480, name);
  }
  assert.deepEqual(knn.problems, []);
  await knn.context().close();
});

test('the lesson-link dialog: tick controls and presenter, open the link, they are hidden and read-only', async () => {
  const page = await open('#seed=5');
  await waitForStatus(page, /^idle$/);
  await page.getByTestId('lesson-open').click();
  const dialog = page.getByTestId('lesson-builder');
  assert.equal(await dialog.isVisible(), true);
  await dialog.getByTestId('hide-loss').check();
  await dialog.getByTestId('hide-reg').check();
  await dialog.getByTestId('hide-templates').check();
  await dialog.getByTestId('lesson-presenter').check();
  const url = await dialog.getByTestId('lesson-url').inputValue();
  assert.match(url, /#dataset=mnist&.*seed=5&.*&hide=loss,reg,templates&presenter=1$/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
  await screenshot(page, 'lesson-builder');
  await Promise.all([page.waitForEvent('load'), dialog.getByTestId('lesson-apply').click()]);
  await waitForStatus(page, /^idle$/);
  assert.equal(page.url(), url);
  assert.equal(await page.locator('#ctl-loss').isVisible(), false);
  assert.equal(await page.getByTestId('templates').isVisible(), false);
  assert.equal(await page.locator('#ctl-seed').isDisabled(), true);
  assert.equal(await page.locator('#ctl-seed').inputValue(), '5');
  await screenshot(page, 'lesson-link-opened');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** A mode is ready for an audit once it has built its settings and left `loading`. */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('main form .field') &&
    !/^loading/.test(document.querySelector('[data-testid="status"]').textContent), null, { timeout: RUN_TIMEOUT });
}

for (const mode of Object.keys(MODES)) {
  test(`accessibility of mode ${mode}: axe finds no violations, normal and presenter; every hideable part exists`, async () => {
    for (const extra of ['', '&presenter=1']) {
      const page = await open(`#mode=${mode}${extra}`);
      await settled(page);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(summary, [], `${mode}${extra}`);
      const unlabelled = await page.$$eval('main input, main select', (els) =>
        els.filter((e) => !e.labels?.length || !e.labels[0].textContent.trim()).map((e) => e.id || e.name));
      assert.deepEqual(unlabelled, [], `${mode}${extra}`);
      if (!extra) {
        const parts = [...(MODES[mode].parts ?? []), ...PAGE_PARTS];
        const missing = await page.evaluate((names) => names.filter((n) => !document.querySelector(`[data-key="${n}"]`)), parts);
        assert.deepEqual(missing, [], `${mode}: parts without an element`);
      }
      if (mode !== 'train') await screenshot(page, `lesson-axe-${mode}${extra ? '-presenter' : ''}`);
      assert.deepEqual(page.problems, [], `${mode}${extra}`);
      await page.context().close();
    }
  });
}
