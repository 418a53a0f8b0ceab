// End-to-end: the page's layout (issue 11, item 3). Every mode at every width from a phone to a
// projector (390 … 1920 px): no sideways scrolling, nothing cut off (no visible box past the right
// edge, no clipping box whose content is wider than it unless it is a focusable scroll container,
// no canvas text drawn outside its canvas), chart and figure text at least 11 px and values not
// smaller than their labels. Then the newcomer's trial at 1100, 1600 and 1920 px: A long error in
// the header wraps inside the header, never under the share buttons or off the page; the status
// detail keeps room to be read; metric values and side-panel selects show their whole text; the
// side panel stays a column beside the content at 1100 px. Needs `npm run build` first.
// Screenshots go to e2e/artifacts/. No timing assertions.

import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, suite, screenshot, waitForStatus as waitStatus } from './suite.mjs';

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

// ---------------------------------------------------------------- every mode at every width

const EVERY_WIDTH = [390, 768, 1280, 1366, 1440, 1920];
const SHOT_WIDTHS = new Set([390, 1280, 1920]);
const LONG = 120_000;

/**
 * Records every canvas text draw (its box in CSS pixels relative to the canvas, its size on the
 * screen): canvas text cannot be measured from the DOM. Runs before the page's own scripts.
 */
function recordCanvasText() {
  window.__canvasText = new Map(); // canvas -> [{text, x0, x1, y0, y1, px}]
  const P = CanvasRenderingContext2D.prototype;
  const fill = P.fillText;
  P.fillText = function (text, x, y, ...rest) {
    try {
      const c = this.canvas;
      const w = this.measureText(text).width;
      const px = Number(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? 10);
      const a = this.textAlign;
      const x0 = a === 'right' || a === 'end' ? x - w : a === 'center' ? x - w / 2 : x;
      const b = this.textBaseline;
      const y0 = b === 'top' || b === 'hanging' ? y : b === 'middle' ? y - px / 2 : y - px * 0.8;
      const t = this.getTransform();
      const pts = [[x0, y0], [x0 + w, y0], [x0, y0 + px * 0.8], [x0 + w, y0 + px * 0.8]]
        .map(([u, v]) => [t.a * u + t.c * v + t.e, t.b * u + t.d * v + t.f]);
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      const scale = Math.hypot(t.a, t.b);
      const list = window.__canvasText.get(c) ?? [];
      list.push({ text: String(text), x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys), px: px * scale });
      window.__canvasText.set(c, list);
    } catch { /* recording must never break drawing */ }
    return fill.call(this, text, x, y, ...rest);
  };
  // A cleared or resized canvas starts a new drawing.
  const clear = P.clearRect;
  P.clearRect = function (x, y, w, h) {
    if (x <= 0 && y <= 0 && w >= this.canvas.width && h >= this.canvas.height) window.__canvasText.delete(this.canvas);
    return clear.call(this, x, y, w, h);
  };
  for (const prop of ['width', 'height']) {
    const d = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, prop);
    Object.defineProperty(HTMLCanvasElement.prototype, prop, { ...d,
      set(v) { window.__canvasText?.delete(this); d.set.call(this, v); } });
  }
}

/** Everything wrong with the layout now, as readable lines ([] when all fits). */
function layoutProblems() {
  const out = [];
  const W = innerWidth;
  const name = (e) => {
    const id = e.dataset?.testid ? `[data-testid=${e.dataset.testid}]` : e.id ? `#${e.id}` : '';
    const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
    return `${e.tagName.toLowerCase()}${id}${cls}`;
  };
  if (document.documentElement.scrollWidth > W) out.push(`page is ${document.documentElement.scrollWidth} px wide (viewport ${W})`);
  const visible = (e) => {
    if (!e.getClientRects().length) return false;
    const s = getComputedStyle(e);
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
  };
  const clips = (s) => s.overflowX !== 'visible';
  const all = [...document.body.querySelectorAll('*')].filter((e) => !e.closest('[hidden]') && visible(e));
  for (const e of all) {
    const s = getComputedStyle(e);
    // (1) boxes past the right edge, unless a clipping ancestor holds them (checked itself below)
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > W + 1) {
      let p = e.parentElement;
      let held = false;
      for (; p && p !== document.body; p = p.parentElement) if (clips(getComputedStyle(p))) { held = true; break; }
      const parentPast = e.parentElement && e.parentElement.getBoundingClientRect().right > W + 1;
      if (!held && !parentPast) out.push(`${name(e)} reaches ${Math.round(r.right)} px`);
    }
    // (2) clipping boxes whose content is wider than they are
    if (clips(s) && !(e instanceof SVGElement) && e.tagName !== 'CANVAS' && e.scrollWidth > e.clientWidth + 1) {
      // a deliberate scroll container: the keyboard reaches it, or something in it
      const scroller = (s.overflowX === 'auto' || s.overflowX === 'scroll') &&
        (e.tabIndex >= 0 || e.querySelector('a[href], button, input, select, textarea, [tabindex="0"]'));
      const control = /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(e.tagName);
      if (!scroller && !control) out.push(`${name(e)} cuts off its content (${e.scrollWidth} > ${e.clientWidth})`);
    }
    // (3) text at least 11 px
    const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (own && parseFloat(s.fontSize) < 11) out.push(`${name(e)} "${e.textContent.trim().slice(0, 30)}" at ${s.fontSize}`);
  }
  // (4) a figure's values are not smaller than its labels (tables: cells vs headers)
  for (const t of document.querySelectorAll('table')) {
    if (!visible(t)) continue;
    const size = (sel) => [...t.querySelectorAll(sel)].filter((x) => x.textContent.trim() && visible(x)).map((x) => parseFloat(getComputedStyle(x).fontSize));
    const th = size('thead th, th[scope="col"]');
    const td = size('td');
    if (th.length && td.length && Math.min(...td) + 0.1 < Math.min(...th)) {
      out.push(`${name(t)}: values at ${Math.min(...td)} px, smaller than its labels at ${Math.min(...th)} px`);
    }
  }
  // (5) canvas text: inside its canvas, at least 11 px on the screen
  for (const [c, list] of window.__canvasText ?? []) {
    if (!c.isConnected || !visible(c) || !c.width) continue;
    const k = c.clientWidth / c.width; // CSS px per canvas px
    for (const t of list) {
      if (!t.text.trim()) continue;
      if (t.x0 < -1 || t.x1 > c.width + 1) out.push(`${name(c)}: "${t.text}" drawn past the canvas edge (${Math.round(t.x0 * k)}..${Math.round(t.x1 * k)} of ${c.clientWidth} px)`);
      if (t.px * k < 11 - 0.01) out.push(`${name(c)}: "${t.text}" at ${(t.px * k).toFixed(1)} px`);
    }
  }
  return [...new Set(out)];
}

/** Each mode and how far it runs before its views are all on the page. */
const MODE_CASES = [
  { name: 'train-mnist', hash: '#num_iters=30&autoplay=1', ready: /^done$/ },
  { name: 'train-cifar10', hash: '#dataset=cifar10&num_iters=30&autoplay=1', ready: /^done$/, part: 'algebraic-panel',
    // from 1280 px the whole score table, "= score" column included, shows without scrolling
    wide: { from: 1280, selector: '.algebra-scroll' },
    then: async (page) => {
      await page.evaluate(() => { const d = document.querySelector('[data-testid="algebraic-panel"]'); if (d && 'open' in d) d.open = true; });
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="algebra-score"]').length === 10, null, { timeout: LONG });
    } },
  // 20 long superclass names ("large_man-made_outdoor_things") under the templates and samples,
  // and a 20-column confusion matrix (found by a newcomer: names overlapped, the page scrolled)
  { name: 'train-cifar100-coarse', hash: '#dataset=cifar100&label_mode=coarse&num_train=1000&num_val=100&num_test=500&num_iters=20&autoplay=1',
    ready: /^done$/ },
  { name: 'theme-dark', hash: '#num_iters=30&autoplay=1&theme=dark', ready: /^done$/ },
  { name: 'knn', hash: '#mode=knn&num_train=1000&num_test=100&autoplay=1', ready: /^done$/ },
  // features instead of pixels (issue 12): the pixels-vs-features panels and HOG views
  { name: 'train-cifar10-features', hash: '#dataset=cifar10&features=hog+color_hist&num_train=1000&num_val=100&num_test=500&num_iters=30&autoplay=1',
    ready: /^done$/ },
  { name: 'knn-features', hash: '#mode=knn&dataset=cifar10&features=hog&num_train=1000&num_test=100&autoplay=1', ready: /^done$/ },
  { name: 'fewshot-features', hash: '#mode=fewshot&features=hog&num_episodes=20&autoplay=1', ready: /^done$/ },
  { name: 'fewshot', hash: '#mode=fewshot&num_episodes=20&autoplay=1', ready: /^done$/ },
  { name: 'views', hash: '#mode=views', ready: /^ready$/ },
  { name: 'views-curse', hash: '#mode=views&view=curse&num_points=100', ready: /^ready$/,
    then: (page) => page.waitForFunction(() => document.querySelector('[data-testid="curse-row"][data-d="1000"] td[data-ratio]'), null, { timeout: LONG }) },
  { name: 'lab', hash: '#mode=lab&sweep_iters=20&num_iters=20&search_iters=20', ready: /^done$/ },
  { name: 'race', hash: '#mode=race&max_steps=50', ready: /^ready$/ },
  { name: 'gradcheck', hash: '#mode=gradcheck', ready: /^done$/ },
];

for (const c of MODE_CASES) {
  test(`${c.name}: nothing wider than the screen or cut off, text ≥ 11 px, at ${EVERY_WIDTH.join(', ')} px`, async () => {
    const page = await frame.open(c.hash, { initScript: recordCanvasText });
    await page.setViewportSize({ width: EVERY_WIDTH[0], height: 900 });
    assert.match(await waitStatus(page, new RegExp(`${c.ready.source}|^error: `), LONG), c.ready);
    await c.then?.(page);
    const found = [];
    for (const width of EVERY_WIDTH) {
      await page.setViewportSize({ width, height: 900 });
      // let resize observers and the charts' frames redraw
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250)))));
      for (const p of await page.evaluate(layoutProblems)) found.push(`${width} px: ${p}`);
      if (SHOT_WIDTHS.has(width)) await screenshot(page, `layout-${c.name}-${width}`);
      if (c.wide && width >= c.wide.from) {
        const over = await page.$eval(c.wide.selector, (e) => e.scrollWidth - e.clientWidth);
        if (over > 1) found.push(`${width} px: ${c.wide.selector} needs scrolling by ${over} px`);
      }
      if (c.part) {
        const part = page.getByTestId(c.part);
        await part.scrollIntoViewIfNeeded();
        await part.screenshot({ path: path.join(ARTIFACTS, `layout-${c.name}-${c.part}-${width}.png`) });
      }
    }
    assert.deepEqual(found, [], `${c.name}:\n${found.join('\n')}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}
