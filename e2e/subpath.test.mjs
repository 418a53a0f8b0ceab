// End-to-end: dist/ deployed under a sub-path (https://user.example/classplay/, docs/DEPLOY.md).
// Every asset, worker, wasm build, data chunk and the service worker must be fetched relative to
// the page: the server here answers 404 outside /classplay/, and the test fails on any request
// that leaves it. Needs `npm run build` first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../scripts/static-server.mjs';
import { launch } from './browser.mjs';
import { waitForStatus } from './suite.mjs';

const PREFIX = '/classplay/';
let server;
let browser;
before(async () => {
  server = await serve(undefined, 0, { prefix: PREFIX });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [mode, hash, done] of [
  ['train', '#num_iters=50&autoplay=1', /^(done|error: .*)$/],
  ['knn', '#mode=knn&num_train=500&num_test=50&autoplay=1', /^(done|error: .*)$/],
  ['fewshot', '#mode=fewshot&num_episodes=5&autoplay=1', /^(done|error: .*)$/],
  ['lab', '#mode=lab', /^(?!loading$)./],
  ['race', '#mode=race', /^(?!loading$)./],
  ['views', '#mode=views', /^(?!loading$)./],
]) {
  test(`${mode} works from the sub-path ${PREFIX}, every request inside it`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const outside = [];
    const failed = [];
    context.on('request', (req) => {
      const u = new URL(req.url());
      if (u.protocol.startsWith('http') && !u.pathname.startsWith(PREFIX)) outside.push(u.pathname);
    });
    context.on('response', (res) => { if (res.status() >= 400) failed.push(`${res.status()} ${new URL(res.url()).pathname}`); });
    await page.goto(server.url + hash);
    const status = await waitForStatus(page, done, 300_000);
    assert.doesNotMatch(status, /^error/);
    assert.deepEqual(outside, [], 'requests outside the sub-path');
    assert.deepEqual(failed, []);
    await context.close();
  });
}
