import test from 'node:test';
import assert from 'node:assert/strict';
import { TO_MAIN, TO_WORKER, message } from '../protocol.js';

test('message() stamps run_id and refuses types outside the protocol', () => {
  assert.deepEqual(message(TO_WORKER.reset, 3, { config: { seed: 1 } }),
    { type: 'reset', run_id: 3, config: { seed: 1 } });
  assert.deepEqual(message(TO_MAIN.done, 0, { test_acc: 0.9 }), { type: 'done', run_id: 0, test_acc: 0.9 });
  assert.throws(() => message('prgress', 1), /not a protocol message: prgress/);
  assert.throws(() => message('play', undefined), /integer run_id/);
});

test('the protocol has exactly the message types of docs/CONTRACT.md', () => {
  assert.deepEqual(Object.keys(TO_WORKER), ['init', 'load', 'play', 'pause', 'step', 'reset', 'import',
    'gallery', 'cell_images', 'algebraic', 'export_weights', 'import_weights']);
  assert.deepEqual(Object.keys(TO_MAIN),
    ['ready', 'loading', 'loaded', 'progress', 'paused', 'done', 'error', 'import_progress', 'imported',
      'gallery', 'cell_images', 'algebraic', 'weights', 'weights_imported', 'weights_import_failed']);
});
