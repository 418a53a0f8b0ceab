// An Omniglot-layout zip (alphabet/characterNN/NNNN_MM.png under the zip's top folder) read by
// the Data panel's classifier: one class per character named "alphabet/characterNN", not one per
// alphabet. Uses the repository's copy, data/omniglot/images_background_small1.zip.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { classify } from '../import/classify.js';

const paths = (list) => list.map((path) => ({ path }));

test('Omniglot layout: one class per character, named alphabet/characterNN', () => {
  const zip = readFileSync(new URL('../../data/omniglot/images_background_small1.zip', import.meta.url));
  const entries = paths(Object.keys(unzipSync(new Uint8Array(zip), { filter: (f) => f.name.endsWith('.png') })));
  assert.equal(entries.length, 2720);
  const plan = classify(entries);
  assert.equal(plan.format, 'images');
  assert.deepEqual(plan.errors, []);
  assert.equal(plan.classNames.length, 136);
  assert.equal(plan.classNames[0], 'Balinese/character01');
  assert.ok(plan.classNames.includes('Latin/character26'));
  assert.deepEqual([...new Set(plan.classNames.map((n) => n.split('/')[0]))],
    ['Balinese', 'Early_Aramaic', 'Greek', 'Korean', 'Latin']);
  // 20 drawings of every character.
  const counts = new Map();
  for (const x of plan.images) counts.set(x.label, (counts.get(x.label) ?? 0) + 1);
  assert.deepEqual([...new Set(counts.values())], [20]);
  const first = plan.images.find((x) => entries[x.entry].path.includes('/Greek/character03/'));
  assert.equal(plan.classNames[first.label], 'Greek/character03');
});

test('the same two-level layout under train/ and test/, and plain class folders unchanged', () => {
  const split = classify(paths(['o/train/Latin/character01/a.png', 'o/train/Greek/character02/b.png',
    'o/test/Latin/character01/c.png']));
  assert.deepEqual(split.classNames, ['Greek/character02', 'Latin/character01']);
  assert.deepEqual(split.images.map((x) => [x.split, x.label]), [['train', 1], ['train', 0], ['test', 1]]);
  // One level of class folders (or mixed depths): the first folder is the class, as before.
  assert.deepEqual(classify(paths(['pets/dog/1.png', 'pets/cat/2.png'])).classNames, ['cat', 'dog']);
  assert.deepEqual(classify(paths(['a/x/1.png', 'b/2.png'])).classNames, ['a', 'b']);
});
