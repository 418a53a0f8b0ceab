// End-to-end: the page's layout at 1100, 1600 and 1920 px (the newcomer's trial). A long error in
// the header wraps inside the header, never under the share buttons or off the page; the status
// detail keeps room to be read; metric values and side-panel selects show their whole text; the
// side panel stays a column beside the content at 1100 px. Needs `npm run build` first.
// Screenshots go to e2e/artifacts/. No timing assertions.

import test from 'node:test';
import assert from 'node:assert/strict';
import { suite, screenshot } from './suite.mjs';

const frame = suite();
const WIDTHS = [1100, 1600, 1920];

async function openAt(hash, width) {
  const page = await frame.open(hash);
  await page.setViewportSize({ width, height: 1000 });
  return page;
}

const waitForStatus = (page, pattern) => page.waitForFunction((source) =>
  new RegExp(source).test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
pattern.source, { timeout: 60_000, polling: 100 });

/** Boxes of the elements matching `selector` (page coordinates). */
const boxes = (page, selector) => page.$$eval(selector, (els) => els.map((e) => {
  const r = e.getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
}));
const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

for (const width of WIDTHS) {
  test(`a long URL error wraps inside the header at ${width} px`, async () => {
    const page = await openAt('#hide=<script>alert(1)</script>', width);
    await waitForStatus(page, /^error: hide/);
    const status = (await boxes(page, '[data-testid="status"]'))[0];
    const header = (await boxes(page, '.topbar'))[0];
    assert.ok(status.left >= 0 && status.right <= width, `status inside the viewport: ${JSON.stringify(status)}`);
    assert.ok(status.bottom <= header.bottom, 'status inside the header');
    for (const b of await boxes(page, '.share-button, .build')) {
      assert.ok(!overlaps(status, b), `status does not cover ${JSON.stringify(b)}`);
    }
    const fits = await page.$eval('[data-testid="status"]', (e) => e.scrollWidth <= e.clientWidth);
    assert.ok(fits, 'the whole message is shown');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
    await screenshot(page, `layout-error-${width}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`metrics, status detail and selects show their whole text at ${width} px`, async () => {
    // the longest iteration text the settings allow: "0 / 100000"
    const page = await openAt('#num_iters=100000', width);
    await waitForStatus(page, /^idle$/);
    await page.waitForFunction(() => document.querySelector('[data-testid="status-detail"]').textContent.includes('test images'));
    const clipped = await page.$$eval('.metric-value', (els) =>
      els.filter((e) => e.offsetParent && e.scrollWidth > e.clientWidth).map((e) => `${e.dataset.testid}: ${e.textContent}`));
    assert.deepEqual(clipped, [], 'metric values fit their cards');
    const detail = await page.$eval('[data-testid="status-detail"]', (e) =>
      ({ width: e.getBoundingClientRect().width, clipped: e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight + 1 }));
    assert.ok(detail.width >= 200 && !detail.clipped, `status detail readable: ${JSON.stringify(detail)}`);
    // a select's chosen text (measured in its own font) plus padding and arrow fits its box
    const cut = await page.$$eval('.side select', (els) => {
      const ctx = document.createElement('canvas').getContext('2d');
      return els.filter((e) => e.offsetParent).flatMap((e) => {
        const s = getComputedStyle(e);
        ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        const need = ctx.measureText(e.selectedOptions[0]?.text ?? '').width + 30;
        return need > e.clientWidth ? [`${e.name}: needs ${Math.round(need)} px, has ${e.clientWidth}`] : [];
      });
    });
    assert.deepEqual(cut, [], 'select text is not cut off');
    const [side] = await boxes(page, '#train-view > .side');
    const [content] = await boxes(page, '#train-view > .content');
    assert.ok(side.right <= content.left, 'side panel beside the content');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
    await screenshot(page, `layout-train-${width}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}
