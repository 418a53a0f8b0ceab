// The one settings engine (www/settings/engine.js) on a small table: parse, serialise, edit,
// unknown / invalid / repeated keys; and every mode's page table naming exactly its schema's keys.

import test from 'node:test';
import assert from 'node:assert/strict';
import { SCHEMA, createSettings, mergeTable } from '../settings/engine.js';
import { TABLE as TRAIN_TABLE } from '../settings/linear.js';
import { PROPS as KNN, parseHash as parseKnn, serialiseHash as serialiseKnn } from '../modes/knn/state.js';
import { PROPS as FEWSHOT, parseHash as parseFewshot, serialiseHash as serialiseFewshot, defaults as fewshotDefaults } from '../modes/fewshot/state.js';
import { PROPS as VIEWS } from '../modes/views/state.js';
import { PROPS as LAB } from '../modes/lab/state.js';
import { PROPS as RACE } from '../modes/race/state.js';
import { PROPS as TRAIN, parseHash as parseTrain, serialiseHash as serialiseTrain, defaults as trainDefaults } from '../modes/train/state.js';

const schema = [
  { name: 'dataset', type: 'enum', values: ['mnist', 'cifar10', 'files'], default: 'mnist' },
  { name: 'rate', type: 'f32', min: 0, max: 10, default: { mnist: 1, cifar10: 0.5, files: 2 } },
  { name: 'n', type: 'u32', min: 1, max: 100, default: 5 },
  { name: 'on', type: 'bool', default: false },
  { name: 'picks', type: 'list', values: ['a', 'b', 'c'], min_items: 1, default: 'a,b' },
  { name: 'ks', type: 'u32_list', min: 1, max: 50, max_len: 3, default: [1, 3] },
  { name: 'start', type: 'f32', min: -5, max: 5, default: null },
  { name: 'w', type: 'f32_list', min: -1, max: 1, len: 2, default: null },
];
const table = schema.map(({ name }) => ({ name, label: name.toUpperCase() }));
const sparse = createSettings({ mode: 'lab', table, schema, sparse: true });
const full = createSettings({ mode: 'knn', table, schema, modeKey: 'ignore',
  together: (s, fallback) => (s.n > 50 && s.on ? (s.n = fallback.n, ['n > 50 with on']) : []) });

test('the engine merges the core entry into the page one (labels stay, type and default come from the core)', () => {
  assert.equal(sparse.prop('rate').label, 'RATE');
  assert.equal(sparse.prop('rate').max, 10);
  const d = sparse.defaults('cifar10');
  assert.deepEqual(d, { dataset: 'cifar10', rate: 0.5, n: 5, on: false, picks: ['a', 'b'], ks: [1, 3], start: NaN, w: null });
  assert.throws(() => mergeTable([{ name: 'x' }], schema, 't'), /page table lacks dataset.*core lacks x/);
});

test('parse and serialise: sparse (keys not at their default) and full (every key but optional ones)', () => {
  const d = sparse.defaults();
  assert.equal(sparse.serialiseHash(d), '#mode=lab&dataset=mnist');
  const { state, errors } = sparse.parseHash('#mode=lab&dataset=cifar10&n=7&picks=c,a&ks=9,2&start=1.5&w=0.5,-1', d);
  assert.deepEqual(errors, []);
  assert.equal(state.rate, 0.5); // the dataset's default: the old one was at its default
  assert.deepEqual(state.picks, ['c', 'a']); // the given order
  assert.deepEqual(state.ks, [2, 9]); // sorted
  const hash = sparse.serialiseHash(state);
  assert.equal(hash, '#mode=lab&dataset=cifar10&n=7&picks=c,a&ks=2,9&start=1.5&w=0.5,-1');
  assert.deepEqual(sparse.parseHash(hash, d).state, state);
  assert.equal(full.serialiseHash(full.defaults()), '#mode=knn&dataset=mnist&rate=1&n=5&on=0&picks=a,b&ks=1,3&start=&w=');
});

test('unknown, invalid and repeated keys: messages name the key, the key keeps its value, the last one wins', () => {
  const d = sparse.defaults();
  const r = sparse.parseHash('#mode=race&zz=1&n=0&n=abc&rate=11&picks=a,a&picks=&ks=1,1&ks=1,2,3,4&start=x&w=1&w=2,3&on=2&n=9&n=8', d);
  assert.deepEqual(r.errors, [
    'mode "race" is not lab',
    'unknown key "zz"',
    'n: "0" is outside 1..100',
    'n is given twice; the last one counts', // repeated keys are reported in every mode (issue 11)
    'n: "abc" is not a whole number in 1..100',
    'rate: "11" is outside 0..10',
    'picks: "a,a" names one twice',
    'picks is given twice; the last one counts',
    'picks: needs at least 1',
    'ks: "1,1" has 1 twice',
    'ks is given twice; the last one counts',
    'ks: "1,2,3,4" has more than 3 values',
    'start: "x" is not a number',
    'w: "1" needs 2 numbers separated by commas, got 1',
    'w is given twice; the last one counts',
    'w: "2" is outside -1..1',
    'on: "2" is not 0 or 1',
    'n is given twice; the last one counts',
    'n is given twice; the last one counts',
  ]);
  assert.equal(r.state.n, 8); // repeated: the last valid one counts
  assert.deepEqual(r.state.picks, d.picks);
  const twice = createSettings({ mode: 'views', table, schema, sparse: true, modeKey: 'plain' });
  assert.deepEqual(twice.parseHash('#n=2&n=3', twice.defaults()).errors, ['n is given twice; the last one counts']);
  const quiet = createSettings({ mode: 'views', table, schema, repeated: false, sparse: true, modeKey: 'plain' });
  assert.deepEqual(quiet.parseHash('#n=2&n=3', quiet.defaults()).errors, []);
});

test('edits go through the same parsing, the dataset switch and the cross-key checks', () => {
  const d = full.defaults();
  assert.deepEqual(full.applyEdit(d, 'nope', '1').errors, ['unknown key "nope"']);
  assert.deepEqual(full.applyEdit(d, 'n', '101'), { state: d, errors: ['n: "101" is outside 1..100'] });
  const c = full.applyEdit(d, 'dataset', 'files').state;
  assert.equal(c.rate, 2);
  const kept = full.applyEdit({ ...d, rate: 3 }, 'dataset', 'files').state;
  assert.equal(kept.rate, 3); // chosen by the user: stays
  const on = full.applyEdit(d, 'on', '1').state;
  assert.deepEqual(full.applyEdit(on, 'n', '60'), { state: { ...on, n: 5 }, errors: ['n > 50 with on'] });
  assert.ok(Number.isNaN(full.applyEdit({ ...d, start: 1 }, 'start', '').state.start));
  assert.equal(full.applyEdit(d, 'w', '').state.w, null);
});

test("every mode's page table names exactly its schema's keys, in the schema's order", () => {
  const tables = { train: TRAIN_TABLE, knn: KNN, fewshot: FEWSHOT, views: VIEWS, lab: LAB, race: RACE };
  assert.deepEqual(Object.keys(tables).sort(), Object.keys(SCHEMA).sort());
  for (const [mode, t] of Object.entries(tables)) {
    assert.deepEqual(t.map((p) => p.name), SCHEMA[mode].map((e) => e.name), mode);
  }
  // And the merged tables hold the core's values (no page value overrides one).
  for (const [mode, props] of Object.entries({ train: TRAIN, knn: KNN, fewshot: FEWSHOT, views: VIEWS, lab: LAB, race: RACE })) {
    for (const [i, e] of SCHEMA[mode].entries()) {
      for (const [k, v] of Object.entries(e)) assert.deepEqual(props[i][k], v, `${mode}.${e.name}.${k}`);
    }
  }
});

test('label_mode (the shared data settings): accepted by train, knn and fewshot, written only when coarse', () => {
  for (const [parse, serialise, defaults, mode] of [[parseTrain, serialiseTrain, trainDefaults, 'train'],
    [parseKnn, serialiseKnn, () => parseKnn('').state, 'knn'], [parseFewshot, serialiseFewshot, fewshotDefaults, 'fewshot']]) {
    const d = defaults();
    assert.equal(d.label_mode, 'fine', mode);
    assert.ok(!serialise(d).includes('label_mode'), mode);
    const { state, errors } = parse(`#mode=${mode}&label_mode=coarse`, d);
    assert.deepEqual(errors, [], mode);
    assert.equal(state.label_mode, 'coarse');
    assert.ok(serialise(state).includes('label_mode=coarse'), mode);
    assert.deepEqual(parse(`#mode=${mode}&label_mode=both`, d).errors, ['label_mode: "both" is not one of fine, coarse'], mode);
  }
  assert.equal(serialiseKnn(parseKnn('').state), '#mode=knn&dataset=mnist&metric=l2&k=3&num_train=5000&num_test=500&subset=first&seed=1&k_choices=1,3,5,8,10,12,15,20,50,100&toy_classes=3');
});
