import test from 'node:test';
import assert from 'node:assert/strict';
import { frameScheduler, setText, showStatus } from '../ui/frame.js';

test('setText writes only changed text', () => {
  let writes = 0;
  let text = 'a';
  const el = { get textContent() { return text; }, set textContent(v) { writes += 1; text = v; } };
  setText(el, 'a');
  assert.equal(writes, 0);
  setText(el, 'b');
  assert.equal(writes, 1);
  assert.equal(text, 'b');
});

test('frameScheduler draws once per frame however often it is asked', () => {
  const frames = [];
  globalThis.requestAnimationFrame = (fn) => frames.push(fn);
  let draws = 0;
  const requestDraw = frameScheduler(() => { draws += 1; });
  requestDraw();
  requestDraw();
  requestDraw();
  assert.equal(frames.length, 1);
  frames.shift()(0);
  assert.equal(draws, 1);
  requestDraw(); // a request after the frame ran schedules the next one
  assert.equal(frames.length, 1);
  frames.shift()(16);
  assert.equal(draws, 2);
  delete globalThis.requestAnimationFrame;
});

test('showStatus sets the text, the phase and the detail with its tooltip', () => {
  const status = { textContent: '', dataset: {} };
  const detail = { textContent: '', title: '' };
  showStatus(status, detail, { text: 'error: bad', phase: 'error', detail: '10 images' });
  assert.deepEqual([status.textContent, status.dataset.phase, detail.textContent, detail.title],
    ['error: bad', 'error', '10 images', '10 images']);
});
