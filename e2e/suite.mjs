// The frame every e2e file shares: one static server for dist/ and one Debian Chromium per file
// (registered as node:test before/after hooks), pages in fresh contexts with their errors
// collected in `page.problems`, screenshots into e2e/artifacts/ (gitignored).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, serve } from '../scripts/static-server.mjs';
import { launch } from './browser.mjs';

export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
export const VIEWPORT = { width: 1600, height: 1000 };

/** Registers the hooks; returns {url(), newPage(), open(hash, {initScript})}. */
export function suite() {
  let server;
  let browser;
  before(async () => {
    assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/ is missing: run `npm run build` first');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await serve();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  /** A page in a fresh context (no shared cache or storage; axe needs a page made this way).
   * Close it with page.context().close(). */
  async function newPage() {
    const context = await browser.newContext({ viewport: VIEWPORT });
    return context.newPage();
  }
  /** A fresh page at `hash`, its page errors and console errors collected in `page.problems`. */
  async function open(hash, { initScript = null } = {}) {
    const page = await newPage();
    page.problems = [];
    page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
    if (initScript) await page.addInitScript(initScript);
    await page.goto(server.url + hash);
    return page;
  }
  return { url: () => server.url, newPage, open };
}

/** A full-page screenshot into e2e/artifacts/<name>.png. */
export const screenshot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Waits until the header's status text matches `pattern` (a RegExp); returns that text. */
export async function waitForStatus(page, pattern, timeout) {
  const handle = await page.waitForFunction((source) => {
    const s = document.querySelector('[data-testid="status"]')?.textContent ?? '';
    return new RegExp(source).test(s) && s;
  }, pattern.source, { timeout, polling: 100 });
  return handle.jsonValue();
}
