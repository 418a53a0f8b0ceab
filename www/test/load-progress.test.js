// The header's data-load bar (www/ui/load-progress.js) with fake elements and a fake message feed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mountLoadProgress } from '../ui/load-progress.js';

function fakeBox() {
  const bar = { max: 0, value: 0 };
  const text = { textContent: '' };
  const button = { disabled: false, addEventListener() {} };
  const box = { hidden: true, querySelector: (s) => (s === 'progress' ? bar : s === '.load-bytes' ? text : button) };
  let feed;
  mountLoadProgress(box, { watch: (f) => { feed = f; }, cancel() {} });
  return { box, bar, text, send: (client, msg) => feed(client, msg) };
}

test('two workers fetching parts: the total stays the sum and the bar never goes back', () => {
  const { box, bar, text, send } = fakeBox();
  send('w0', { type: 'loading', bytes_done: 1e6, bytes_total: 4.8e6 });
  send('w1', { type: 'loading', bytes_done: 2e6, bytes_total: 6.2e6 });
  assert.equal(bar.max, 11e6);
  assert.equal(bar.value, 3e6);
  let last = bar.value;
  send('w0', { type: 'loading', bytes_done: 4.8e6, bytes_total: 4.8e6 }); // w0 has its share
  assert.equal(box.hidden, false);
  assert.equal(bar.max, 11e6, 'a finished share stays in the total');
  assert.ok(bar.value >= last, `${bar.value} ≥ ${last}`);
  last = bar.value;
  send('w1', { type: 'loading', bytes_done: 5e6, bytes_total: 6.2e6 });
  assert.equal(bar.value, 9.8e6);
  assert.ok(bar.value >= last);
  assert.equal(text.textContent, '9.8 MB of 11 MB');
  send('w1', { type: 'result' }); // its load ends by its answer: every share is in, the bar goes
  assert.equal(box.hidden, true);
});

test('one worker: the bar hides when its fetch completes or it fails', () => {
  const { box, send } = fakeBox();
  send('w0', { type: 'loading', bytes_done: 1, bytes_total: 10 });
  assert.equal(box.hidden, false);
  send('w0', { type: 'loading', bytes_done: 10, bytes_total: 10 });
  assert.equal(box.hidden, true);
  send('w0', { type: 'loading', bytes_done: 1, bytes_total: 10 });
  assert.equal(box.hidden, false);
  send('w0', { type: 'error' });
  assert.equal(box.hidden, true);
  send('w9', { type: 'result' }); // an answer from a worker that was not loading changes nothing
  assert.equal(box.hidden, true);
});
