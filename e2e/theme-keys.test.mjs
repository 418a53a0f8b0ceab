// End-to-end: the colour theme (theme=auto|light|dark, a page-wide key) and the keyboard shortcuts
// of the training controls (Space / S / R, ? for the help) — issue 11, "a site anyone can host".
import test from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus } from './suite.mjs';

const { open } = suite();
const scheme = (page) => page.evaluate(() => document.documentElement.dataset.scheme);
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const iteration = async (page) => Number((await page.getByTestId('iteration').textContent()).split(' / ')[0].replace(/,/g, ''));
const axeViolations = async (page) => (await new AxeBuilder({ page }).analyze()).violations
  .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);

test('theme=dark: dark colours, readable (axe), the picker says so; switching to light is live and keeps the run', async () => {
  const page = await open('#num_iters=200&theme=dark');
  await waitForStatus(page, /^idle$/, 120_000);
  await page.getByTestId('play').click();
  await waitForStatus(page, /^done$/, 120_000);
  assert.equal(await scheme(page), 'dark');
  assert.equal(await page.getByTestId('theme').inputValue(), 'dark');
  assert.equal(await background(page), 'rgb(11, 16, 32)');
  assert.deepEqual(await axeViolations(page), [], 'dark train page');
  await screenshot(page, 'theme-dark-train');
  const before = await page.getByTestId('test-acc').textContent();
  await page.evaluate(() => { window.__same_page = true; });
  await page.getByTestId('theme').selectOption('light');
  assert.equal(await scheme(page), 'light');
  assert.equal(await background(page), 'rgb(243, 244, 246)');
  assert.match(page.url(), /&theme=light$/);
  assert.equal(await page.evaluate(() => window.__same_page), true, 'no reload');
  assert.equal(await page.getByTestId('test-acc').textContent(), before, 'the run is kept');
  await page.getByTestId('theme').selectOption('auto');
  assert.doesNotMatch(page.url(), /theme=/, 'the default is not written');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('theme=auto follows the system; a bad theme is refused with a message naming it', async () => {
  const page = await open('#mode=knn');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.scheme === 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.scheme === 'light');
  await page.context().close();
  for (const mode of ['train', 'knn', 'lab', 'race', 'views', 'fewshot']) {
    const bad = await open(`#mode=${mode}&theme=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E`);
    await bad.waitForFunction(() => /theme: "<img/.test(['status', 'status-detail']
      .map((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').join(' ')), null, { timeout: 60_000 });
    assert.equal(await scheme(bad), 'light', mode);
    assert.equal(await bad.evaluate(() => window.__pwned), undefined, mode);
    await bad.context().close();
  }
});

test('every mode is readable in the dark theme (axe colour contrast)', async () => {
  for (const mode of ['knn', 'lab', 'race', 'views', 'fewshot']) {
    const page = await open(`#mode=${mode}&theme=dark`);
    await page.waitForFunction(() => !/loading/.test(document.querySelector('[data-testid="status"]').textContent), null, { timeout: 120_000 });
    await page.waitForTimeout(500);
    const v = (await new AxeBuilder({ page }).withRules(['color-contrast']).analyze()).violations
      .map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`).join(' | ')}`);
    await screenshot(page, `theme-dark-${mode}`);
    assert.deepEqual(v, [], mode);
    await page.context().close();
  }
});

test('shortcuts: Space plays and pauses, S steps, R resets; not while typing; ? lists them', async () => {
  const page = await open('#num_iters=100000');
  await waitForStatus(page, /^idle$/, 120_000);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press(' ');
  await waitForStatus(page, /^training$/, 30_000);
  await page.keyboard.press(' ');
  await waitForStatus(page, /^paused$/, 30_000);
  const n = await iteration(page);
  await page.keyboard.press('s');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="iteration"]').textContent.split(' / ')[0].replace(/,/g, '')) === n + 1, n);
  // typing in a field is typing: S and Space go into the field, nothing runs
  const field = page.locator('.side input[type="text"]:visible').first();
  await field.focus();
  await page.keyboard.press('s');
  await page.keyboard.press(' ');
  assert.equal(await iteration(page), n + 1);
  await field.press('Control+a');
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('r');
  await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]').textContent.startsWith('0 '));
  await page.keyboard.press('?');
  const help = page.getByTestId('shortcuts-help');
  await help.waitFor({ state: 'visible' });
  const rows = await page.getByTestId('shortcuts-list').locator('tr').allTextContents();
  assert.deepEqual(rows, ['Spaceplay / pause', 'Sone step', 'Rreset', '?this help']);
  assert.deepEqual(await axeViolations(page), [], 'help open');
  await screenshot(page, 'shortcuts-help');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });
  for (const b of ['play', 'pause', 'step', 'reset']) assert.ok(await page.getByTestId(b).getAttribute('aria-keyshortcuts'), b);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('shortcuts in the race; a mode without training controls lists only the help', async () => {
  const page = await open('#mode=race&max_steps=400');
  await waitForStatus(page, /^ready$/, 60_000);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('s');
  await page.waitForFunction(() => document.querySelector('[data-testid="race-steps"]').textContent.startsWith('1 '));
  await page.keyboard.press('r');
  await page.waitForFunction(() => document.querySelector('[data-testid="race-steps"]').textContent.startsWith('0 '));
  await page.context().close();
  const knn = await open('#mode=knn');
  await knn.getByTestId('shortcuts-button').click();
  assert.deepEqual(await knn.getByTestId('shortcuts-list').locator('tr').allTextContents(), ['?this help']);
  await knn.context().close();
});
