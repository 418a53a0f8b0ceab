// End-to-end: the views mode (www/modes/views/) in Debian's headless Chromium, as a person sees
// it: the geometric view of a linear classifier (drag, keys, train, click a point, XOR) and the
// curse of dimensionality. Needs `npm run build` first. Screenshots go to e2e/artifacts/. No
// timing assertions: the machine may be a loaded 2-core box.

import test from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';

const TIMEOUT = 120_000;
const { open } = suite();

const text = (page, testid) => page.getByTestId(testid).textContent();
const num = async (page, testid) => Number(await text(page, testid));

const waitForStatus = (page, pattern, timeout = TIMEOUT) => waitStatus(page, pattern, timeout);

/** The geometric view once it has drawn its first frame. */
async function openGeo(hash) {
  const page = await open(hash);
  await waitForStatus(page, /^(ready|error: .*)$/);
  await page.waitForFunction(() => document.querySelector('[data-testid="geo-loss"]')?.textContent !== '');
  return page;
}

const handle = (page, c, part) => page.locator(`[data-testid="geo-handle"][data-class="${c}"][data-part="${part}"]`);

/** The class of the first `part` knob that no other knob covers (knobs may overlap). */
async function freeKnob(page, part) {
  const c = await page.$$eval(`[data-testid="geo-handle"][data-part="${part}"]`, (els) => {
    const free = els.find((el) => {
      const r = el.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === el;
    });
    return free ? Number(free.dataset.class) : -1;
  });
  assert.ok(c >= 0, `every ${part} knob is covered`);
  return c;
}

async function audit(page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, []);
  const unlabelled = await page.$$eval('main input, main select', (els) =>
    els.filter((e) => !e.offsetParent ? false : !e.labels?.length || !e.labels[0].textContent.trim()).map((e) => e.id || e.name));
  assert.deepEqual(unlabelled, []);
}

test('geometric view: dragging a line or a normal changes the loss and the URL', async () => {
  const page = await openGeo('#mode=views');
  assert.equal(await page.getByTestId('geo-handle').count(), 6);
  const before = await text(page, 'geo-loss');
  const params0 = await page.getByTestId('geo-canvas').getAttribute('data-params');
  // Drag a line knob 60 px to the right and 40 px down.
  const c = await freeKnob(page, 'line');
  const box = await handle(page, c, 'line').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 20, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction((t) => document.querySelector('[data-testid="geo-loss"]').textContent !== t, before);
  const params1 = (await page.getByTestId('geo-canvas').getAttribute('data-params')).split(',').map(Number);
  const p0 = params0.split(',').map(Number);
  assert.deepEqual(params1.slice(0, 6), p0.slice(0, 6), 'moving a line keeps w');
  assert.notEqual(params1[6 + c], p0[6 + c], `moving class ${c}'s line changes b_${c}`);
  assert.match(page.url(), /&w=[-0-9.,e]+&b=[-0-9.,e]+/);
  // Drag a normal's tip: that class's w changes.
  const afterLine = await text(page, 'geo-loss');
  const t = await freeKnob(page, 'normal');
  const tip = await handle(page, t, 'normal').boundingBox();
  await page.mouse.move(tip.x + tip.width / 2, tip.y + tip.height / 2);
  await page.mouse.down();
  await page.mouse.move(tip.x - 40, tip.y + 50, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((t) => document.querySelector('[data-testid="geo-loss"]').textContent !== t, afterLine);
  const params2 = (await page.getByTestId('geo-canvas').getAttribute('data-params')).split(',').map(Number);
  assert.ok(params2[t] !== params1[t] || params2[3 + t] !== params1[3 + t], `w_${t} changed`);
  await screenshot(page, 'views-geo-dragged');
  // The link reproduces the picture: same parameters, same loss.
  const url = page.url();
  const loss = await text(page, 'geo-loss');
  const again = await openGeo(url.slice(url.indexOf('#')));
  assert.equal(await text(again, 'geo-loss'), loss);
  assert.equal(await again.getByTestId('geo-canvas').getAttribute('data-params'), params2.map((v) => v.toPrecision(6)).join(','));
  assert.deepEqual(page.problems, []);
  assert.deepEqual(again.problems, []);
  await again.context().close();
  await page.context().close();
});

test('geometric view: a touch drag turns a normal', async () => {
  const page = await openGeo('#mode=views');
  const t = await freeKnob(page, 'normal');
  const box = await handle(page, t, 'normal').boundingBox();
  const before = (await page.getByTestId('geo-canvas').getAttribute('data-params')).split(',').map(Number);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= 5; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + 12 * i, y: y - 10 * i }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForFunction(() => /&w=/.test(location.hash));
  const after = (await page.getByTestId('geo-canvas').getAttribute('data-params')).split(',').map(Number);
  assert.ok(after[t] > before[t] && after[3 + t] > before[3 + t], `w_${t}: ${before} → ${after}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('geometric view: handles work from the keyboard; Train lowers the loss', async () => {
  const page = await openGeo('#mode=views&loss=softmax&train_steps=200');
  const before = await text(page, 'geo-loss');
  await handle(page, 2, 'line').focus();
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction((t) => document.querySelector('[data-testid="geo-loss"]').textContent !== t, before);
  const afterKey = await text(page, 'geo-loss');
  await handle(page, 2, 'normal').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.waitForFunction((t) => document.querySelector('[data-testid="geo-loss"]').textContent !== t, afterKey);

  const loss0 = await num(page, 'geo-loss');
  await page.getByTestId('geo-train').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="geo-steps"]').textContent === '200', null, { timeout: TIMEOUT });
  await waitForStatus(page, /^ready$/);
  const loss1 = await num(page, 'geo-loss');
  assert.ok(loss1 < loss0, `loss ${loss0} → ${loss1} after 200 steps`);
  assert.equal(await num(page, 'geo-accuracy'), 1, 'blobs are separable');
  assert.match(await text(page, 'geo-correct'), /^90 \/ 90$/);
  // The parts add up.
  const parts = (await num(page, 'geo-data-loss')) + (await num(page, 'geo-reg-loss'));
  assert.ok(Math.abs(parts - loss1) < 1e-3 * loss1, `${parts} vs ${loss1}`);
  await screenshot(page, 'views-geo-trained');
  // A stronger reg: the same lines, a larger reg loss, the new value in the URL.
  const reg0 = await num(page, 'geo-reg-loss');
  await page.getByTestId('geo-reg').fill('0.5');
  await page.getByTestId('geo-reg').press('Enter');
  await page.waitForFunction((r) => Number(document.querySelector('[data-testid="geo-reg-loss"]').textContent) > r, reg0);
  assert.match(page.url(), /reg=0\.5/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('geometric view: clicking a point shows its three scores and loss terms', async () => {
  const page = await openGeo('#mode=views&loss=svm');
  // Point #5's coordinates from its option in the point list, then a click on it.
  const option = await page.locator('[data-testid="geo-point"] option[value="5"]').textContent();
  const [, x, y] = /at \((-?[\d.]+), (-?[\d.]+)\)/.exec(option).map(Number);
  const box = await page.getByTestId('geo-canvas').boundingBox();
  await page.getByTestId('geo-canvas').click({ position: { x: ((x + 2) / 4) * box.width, y: ((2 - y) / 4) * box.height } });
  await page.waitForFunction(() => /^Point #5 /.test(document.querySelector('[data-testid="geo-point-scores"]').textContent));
  const rows = await page.$$eval('[data-testid="geo-point-scores"] tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => Number.isFinite(Number(r[0]))), JSON.stringify(rows));
  assert.match(await text(page, 'geo-point-scores'), /Lᵢ = sum of the hinges = [\d.]+/);
  // Softmax: the terms are probabilities summing to 1.
  await page.getByTestId('geo-loss-kind').selectOption('softmax');
  await page.waitForFunction(() => /−ln p_y/.test(document.querySelector('[data-testid="geo-point-scores"]').textContent));
  const probs = await page.$$eval('[data-testid="geo-point-scores"] tbody tr td:last-child', (tds) => tds.map((td) => Number(td.textContent)));
  assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 0.01, probs.join(' '));
  assert.match(page.url(), /loss=softmax/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('geometric view: on XOR no linear classifier reaches 100 %, training included', async () => {
  const page = await openGeo('#mode=views&layout=xor&loss=softmax&train_steps=500&learning_rate=0.5');
  await page.getByTestId('geo-train').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="geo-steps"]').textContent === '500', null, { timeout: TIMEOUT });
  const acc = await num(page, 'geo-accuracy');
  assert.ok(acc > 0 && acc < 1, `XOR accuracy ${acc}`);
  const best = parseFloat(await text(page, 'geo-best'));
  assert.ok(best < 100 && best > 50, `best found ${best} %`);
  assert.match(await text(page, 'geo-layout-note'), /convex/);
  // Switching to blobs with the same lines: the layout select rebuilds the points.
  await page.getByTestId('geo-layout').selectOption('blobs');
  await page.waitForFunction(() => /^100\.0 %/.test(document.querySelector('[data-testid="geo-best"]').textContent));
  // New points: the steps trained on the old ones no longer count (issue 11, item 6).
  assert.equal(await text(page, 'geo-steps'), '0');
  await screenshot(page, 'views-geo-xor');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('curse of dimensionality: the ratio nearest/farthest grows with d; sliders and metric', async () => {
  const page = await open('#mode=views&view=curse&num_points=300');
  await waitForStatus(page, /^(ready|error: .*)$/);
  await page.waitForFunction(() => document.querySelector('[data-testid="curse-row"][data-d="1000"] td[data-ratio]'), null, { timeout: TIMEOUT });
  const ratios = async () => page.$$eval('[data-testid="curse-row"]', (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.d, Number(r.querySelector('td[data-ratio]')?.dataset.ratio)])));
  const r = await ratios();
  assert.ok(r[1000] > r[2], `ratio(d=1000) ${r[1000]} vs ratio(d=2) ${r[2]}`);
  assert.ok(r[1000] > 0.5 && r[2] < 0.2, JSON.stringify(r));
  for (const id of ['curse-grid-chart', 'curse-distance-chart', 'curse-minmax-chart']) {
    assert.equal(await page.locator(`[data-testid="${id}"] canvas`).count(), 1, id);
  }
  await screenshot(page, 'views-curse');
  // The n slider from the keyboard (one step = 10 points), then the metric.
  await page.getByTestId('curse-n').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /num_points=310/.test(location.hash));
  await page.getByTestId('curse-metric').selectOption('l1');
  await page.waitForFunction(() => /metric=l1/.test(location.hash));
  await page.waitForFunction(() => document.querySelector('[data-testid="curse-row"][data-d="1000"] td[data-ratio]'), null, { timeout: TIMEOUT });
  const l1 = await ratios();
  assert.ok(l1[1000] > l1[2], JSON.stringify(l1));
  assert.notEqual(l1[1000], r[1000]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a bad hash value is named in the status; the rest of the page works', async () => {
  const page = await open('#mode=views&layout=spiral&w=1,2&reg=-3&colour=red');
  const status = await waitForStatus(page, /^error: /);
  assert.match(status, /layout: "spiral" is not one of blobs, xor, rings/);
  assert.match(status, /w: "1,2" needs 6 numbers/);
  assert.match(status, /reg: "-3" is outside 0\.\.100/);
  assert.match(status, /unknown key "colour"/);
  await page.waitForFunction(() => (document.querySelector('[data-testid="geo-loss"]')?.textContent ?? '') !== '');
  assert.ok(Number.isFinite(await num(page, 'geo-loss')));
  assert.equal(await page.getByTestId('geo-layout').inputValue(), 'blobs');
  // Page-wide keys of other parts are accepted silently and kept.
  const quiet = await open('#mode=views&presenter=1&hide=reg');
  assert.equal(await waitForStatus(quiet, /^(ready|error: .*)$/), 'ready');
  assert.match(quiet.url(), /presenter=1/);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(quiet.problems, []);
  await quiet.context().close();
  await page.context().close();
});

test('accessibility: axe finds no violations on either view; every control is labelled', async () => {
  const page = await openGeo('#mode=views');
  await audit(page);
  // The tabs work from the keyboard: → moves to the curse view.
  await page.getByTestId('views-tab-geometric').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /view=curse/.test(location.hash));
  await waitForStatus(page, /^ready$/);
  await page.waitForFunction(() => document.querySelector('[data-testid="curse-row"][data-d="1000"] td[data-ratio]'), null, { timeout: TIMEOUT });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'views-tab-curse');
  await audit(page);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
