// The lab's and race's pure helpers and settings tables.
import test from 'node:test';
import assert from 'node:assert/strict';
import { bestCell, contrast, heatColour, logSpace, relErrorBand, sweepGrid } from '../modes/lab/bands.js';
import { PROPS as LAB, SETTINGS as LAB_SETTINGS, checkLab, labConfig } from '../modes/lab/state.js';
import { PROPS as RACE, SETTINGS as RACE_SETTINGS } from '../modes/race/state.js';
import { RACERS, RACER_IDS, RACE_LEARNING_RATE } from '../modes/race/racers.js';
import { RULE_LEARNING_RATE } from '../modes/lab/rules.js';
import { UPDATE_RULES } from '../modes/train/state.js';
import { toPixel, toPlane } from '../modes/race/trails.js';
import { contourBands } from '../modes/race/contours.js';

test('relative-error bands of the notes, each with words', () => {
  assert.equal(relErrorBand(0.5).band, 'wrong');
  assert.equal(relErrorBand(NaN).band, 'wrong');
  assert.equal(relErrorBand(1e-3).band, 'uneasy');
  assert.equal(relErrorBand(1e-5).band, 'uneasy'); // too high for a smooth piece
  assert.equal(relErrorBand(1e-5, { kink: true }).band, 'fine');
  assert.match(relErrorBand(1e-5, { kink: true }).label, /at a kink/);
  assert.equal(relErrorBand(1e-8).band, 'good');
  assert.equal(relErrorBand(0).label, 'good (< 1e-7)');
});

test('sweep grid, best cell and heat colours (readable text on every fill)', () => {
  assert.deepEqual(logSpace(1e-6, 1e-4, 3), [1e-6, 1e-5, 1e-4].map(Math.fround));
  const g = sweepGrid(1e-5, 10, 4);
  assert.equal(g.learning_rates.length, 4);
  assert.equal(g.regs[0], Math.fround(0.1));
  assert.equal(bestCell([NaN, 0.5, 0.7, 0.7]), 2);
  assert.equal(bestCell([NaN]), -1);
  for (let t = 0; t <= 1; t += 0.01) {
    const { fill, text } = heatColour(t);
    const rgb = fill.match(/\d+/g).map(Number);
    const ink = text === '#ffffff' ? [255, 255, 255] : [0, 0, 0];
    assert.ok(contrast(rgb, ink) >= 4.5, `contrast at ${t}: ${contrast(rgb, ink)}`);
  }
});

test('lab table: defaults, round trip, mode names, hostile values', () => {
  const d = LAB_SETTINGS.defaults();
  assert.equal(d.num_train, 2000);
  assert.equal(d.h, Math.fround(1e-5));
  assert.deepEqual(d.rules, UPDATE_RULES);
  assert.equal(LAB_SETTINGS.serialiseHash(d, [], 'gradcheck'), '#mode=gradcheck&dataset=mnist');
  const { state, errors } = LAB_SETTINGS.parseHash('#mode=gradcheck&loss=svm&h=0.000001&rules=adam,sgd&dataset=cifar10', d);
  assert.deepEqual(errors, []);
  assert.equal(state.reg, 10000, 'CIFAR-10\'s default reg follows the dataset');
  assert.deepEqual(state.rules, ['adam', 'sgd']);
  assert.deepEqual(LAB_SETTINGS.parseHash(LAB_SETTINGS.serialiseHash(state, [], 'lab'), d).state, state);
  const bad = LAB_SETTINGS.parseHash('#mode=race&rules=sgd,sgd&num_checks=0&x=<b>', d);
  assert.deepEqual(bad.errors, ['mode "race" is not lab or gradcheck', 'rules: "sgd,sgd" names one twice',
    'num_checks: "0" is outside 1..200', 'unknown key "x"']);
  assert.deepEqual(bad.state, d);
  const s = { ...d, num_train: 59900 };
  assert.match(checkLab(s)[0], /more than the 60000/);
  assert.equal(labConfig({ ...d, num_train: 50, batch_size: 200 }).batch_size, 50);
});

test('race table and racers: every surface has a rate per racer; blank start = the surface\'s own', () => {
  const d = RACE_SETTINGS.defaults();
  assert.ok(Number.isNaN(d.start_x));
  assert.equal(RACE_SETTINGS.serialiseHash(d, [], 'race'), '#mode=race');
  const e = RACE_SETTINGS.applyEdit(d, 'start_x', '1.5');
  assert.equal(e.state.start_x, 1.5);
  assert.ok(Number.isNaN(RACE_SETTINGS.applyEdit(e.state, 'start_x', '').state.start_x));
  for (const surface of RACE[0].values) for (const id of RACER_IDS) assert.ok(RACE_LEARNING_RATE[surface][id] > 0);
  assert.equal(RACERS.adam_no_bc.rule, 'adam');
  assert.equal(RACERS.adam_no_bc.bias_correction, false);
  for (const ds of ['mnist', 'cifar10']) for (const r of UPDATE_RULES) assert.ok(RULE_LEARNING_RATE[ds][r] > 0);
});

test('race geometry: plane ↔ pixels, contour bands ordered by value', () => {
  const view = [-2, -1, 2, 3];
  assert.deepEqual(toPixel(view, 400, 400, -2, 3), [0, 0]);
  assert.deepEqual(toPlane(view, 400, 400, 200, 200), [0, 1]);
  const b = contourBands([0, 1, 10, 100, 1000], 10);
  assert.deepEqual(b, [...b].sort((x, y) => x - y));
  assert.equal(b[0], 0);
  assert.equal(b[4], 9);
});

test('lab table: list values are written with plain commas and read back in both forms', () => {
  const d = LAB_SETTINGS.defaults();
  const s = { ...d, rules: ['adam', 'sgd'] };
  const hash = LAB_SETTINGS.serialiseHash(s, [], 'lab');
  assert.match(hash, /rules=adam,sgd/);
  assert.doesNotMatch(hash, /%2C/i);
  assert.deepEqual(LAB_SETTINGS.parseHash(hash.replace(',', '%2C'), d).state, s);
});

test('the lecture\'s questions: ≥ 8 entries, unique names, the core\'s numbers in the answers', async () => {
  const { questionEntries } = await import('../modes/lab/questions.js');
  const q = { c: 10, delta: 1, batch: 200, iterations: 200, svm_min: 0, svm_max: 41.5, softmax_min: 0.0001, softmax_max: 12,
    svm_init: 9.04, softmax_init: 2.31, svm_init_all: 10.04, svm_init_mean: 9.04 / 9, svm_init_squared: 9.5,
    svm_trained: 3.2, svm_trained_squared: 40, zero_loss_images: 80, zero_loss_at_w: 0, zero_loss_at_2w: 0,
    svm_trained_2w: 5.1, probe: 3, probe_correct_score: 10, jiggle_eps: 0.5, jiggle_svm_before: 0, jiggle_svm_after: 0,
    jiggle_softmax_before: 0.01, jiggle_softmax_after: 0.02, double_svm_after: 0, double_softmax_after: 0.0001,
    reg: 0.5, l2_peaked: 0.5, l2_spread: 0.125, l1_peaked: 0.5, l1_spread: 0.5 };
  const e = questionEntries(q);
  assert.ok(e.length >= 8);
  assert.equal(new Set(e.map((x) => x.name)).size, e.length);
  const by = Object.fromEntries(e.map((x) => [x.name, x.answer]));
  assert.match(by['include-correct'], /9\.0400 → 10\.0400 \(difference 1\.0000\)/);
  assert.match(by['double-correct'], /s_y 10\.00 → 20\.00/);
  assert.match(by.regularisation, /0\.5000 for w1, 0\.1250 for w2/);
  assert.ok(e.every((x) => !/NaN|Infinity/.test(x.answer)));
  assert.match(questionEntries({ ...q, probe: -1, jiggle_eps: NaN }).find((x) => x.name === 'jiggle').answer, /No image/);
});
