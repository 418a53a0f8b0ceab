import test from 'node:test';
import assert from 'node:assert/strict';
import { COMMON, MODES, RANKED, TO_MAIN, TO_WORKER, message, typesOf } from '../worker/protocol.js';

test('message() stamps run_id and refuses types outside the protocol', () => {
  assert.deepEqual(message(TO_WORKER.reset, 3, { config: { seed: 1 } }),
    { type: 'reset', run_id: 3, config: { seed: 1 } });
  assert.deepEqual(message(TO_MAIN.done, 0, { test_acc: 0.9 }), { type: 'done', run_id: 0, test_acc: 0.9 });
  assert.throws(() => message('prgress', 1), /not a protocol message: prgress/);
  assert.throws(() => message('play', undefined), /integer run_id/);
  assert.throws(() => message('play', '1'), /integer run_id/);
});

test('the train protocol has exactly the message types of docs/CONTRACT.md', () => {
  assert.deepEqual(Object.keys(TO_WORKER), ['init', 'cancel_load', 'load', 'play', 'pause', 'step', 'reset', 'import',
    'gallery', 'cell_images', 'algebraic', 'export_weights', 'import_weights', 'draw', 'speed']);
  assert.deepEqual(Object.keys(TO_MAIN),
    ['ready', 'loading', 'loaded', 'progress', 'paused', 'done', 'error', 'import_progress', 'imported',
      'gallery', 'cell_images', 'algebraic', 'weights', 'weights_imported', 'weights_import_failed', 'draw']);
  assert.deepEqual(new Set(typesOf('train', 'to_worker')), new Set(Object.keys(TO_WORKER)));
  for (const t of Object.keys(TO_MAIN)) assert.ok(typesOf('train', 'to_main').includes(t), t);
});

test('every mode speaks the one dialect: {type, run_id}, its own types checked per mode', () => {
  assert.deepEqual(Object.keys(MODES), ['train', 'knn', 'fewshot', 'lab', 'views']);
  assert.deepEqual(message('predict', 4, { from: 0, to: 8 }, 'knn'), { type: 'predict', run_id: 4, from: 0, to: 8 });
  assert.deepEqual(message('run', 3, { config: {} }, 'fewshot'), { type: 'run', run_id: 3, config: {} });
  assert.deepEqual(message('result', 2, { simd: true }, 'lab'), { type: 'result', run_id: 2, simd: true });
  assert.throws(() => message('predict', 1, {}, 'lab'), /not a lab protocol message: predict/);
  assert.throws(() => message('runn', 1, {}, 'fewshot'), /not a fewshot protocol message: runn/);
  assert.throws(() => typesOf('race', 'to_worker'), /no worker protocol for mode "race"/);
  for (const [mode, m] of Object.entries(MODES)) {
    // superseding types are the mode's own requests; every mode has the common ones
    for (const t of m.superseding) assert.ok(m.to_worker.includes(t), `${mode}: ${t}`);
    for (const t of [...COMMON.to_worker, ...COMMON.to_main]) assert.ok(typesOf(mode, 'to_worker').includes(t) || typesOf(mode, 'to_main').includes(t));
  }
  assert.deepEqual(MODES.knn.to_worker, ['setup', 'import', 'adopt', 'records', 'predict', 'neighbors', 'cv', 'timing', 'grid', 'draw', 'hog']);
  assert.deepEqual(MODES.fewshot.to_worker, ['setup', 'import', 'run', 'episode', 'sweep', 'oneshot', 'cancel']);
  assert.deepEqual(MODES.lab.to_worker, ['load', 'sanity', 'questions', 'gradcheck', 'compare', 'search', 'sweep', 'cancel']);
  assert.deepEqual(MODES.views.to_worker, ['best', 'curse']);
  assert.equal(RANKED, 5);
});
