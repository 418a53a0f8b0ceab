// The evaluation views' pure parts (www/ui/confusion.js, predictions.js, algebraic.js,
// weights-io.js) and the worker's side (www/eval-views-worker.js) against the real core.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cellColour, cellText, confusionModel, hslRgb } from '../ui/confusion.js';
import { PER_PAGE, formatValue, galleryIndices, topRows } from '../ui/predictions.js';
import { algebraModel, argmax, subscript } from '../ui/algebraic.js';
import { MAX_WEIGHTS_BYTES, exportedIteration, fileProblem, importedLine, weightsFileName, weightsPhrase } from '../ui/weights-io.js';
import { Evaluations, algebraic, gallery } from '../modes/train/eval-views-worker.js';
import { toTrainConfig } from '../core.js';
import { defaults, trainConfig } from '../modes/train/state.js';

test('confusionModel: row sums, per-class accuracy, diagonal over total', () => {
  const m = confusionModel(new Uint32Array([3, 1, 0, 0, 0, 0, 2, 0, 4]), 3);
  assert.equal(m.total, 10);
  assert.equal(m.correct, 7);
  assert.equal(m.accuracy, 0.7);
  assert.deepEqual(m.rows.map((r) => r.sum), [4, 0, 6]);
  assert.equal(m.rows[0].acc, 0.75);
  assert.ok(Number.isNaN(m.rows[1].acc), 'a class without records has no accuracy');
  assert.deepEqual(m.rows[2].cells.map((c) => c.share), [2 / 6, 0, 4 / 6]);
  assert.equal(cellText(m.rows[0].cells[0], false), '3');
  assert.equal(cellText(m.rows[0].cells[0], true), '0.75');
  assert.equal(cellText(m.rows[1].cells[1], true), '0');
  assert.throws(() => confusionModel([1, 2, 3], 2), /3 entries, not 2×2/);
});

/** WCAG relative luminance of an hsl() colour or #rrggbb. */
function luminance(colour) {
  let rgb;
  const hsl = /^hsl\((\d+), (\d+)%, (\d+)%\)$/.exec(colour);
  if (hsl) {
    const [h, s, l] = [Number(hsl[1]), hsl[2] / 100, hsl[3] / 100];
    const f = (n) => {
      const k = (n + h / 30) % 12;
      return l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    };
    rgb = [f(0), f(8), f(4)];
  } else {
    rgb = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255);
  }
  const lin = rgb.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

test('cellColour: darker with the share, and every cell text reaches 4.5:1 contrast', () => {
  let previous = Infinity;
  for (let i = 0; i <= 1000; i++) {
    const { background, color } = cellColour(i / 1000);
    const [a, b] = [luminance(background), luminance(color)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    assert.ok(ratio >= 4.5, `share ${i / 1000}: ${background} / ${color} has contrast ${ratio.toFixed(2)}`);
    assert.ok(a <= previous + 1e-12, 'monotone');
    previous = a;
  }
  assert.deepEqual(cellColour(NaN), cellColour(0));
  assert.deepEqual(hslRgb('hsl(217, 85%, 48%)'), [18, 98, 226], 'the heatmap draws the same colours');
  assert.deepEqual(hslRgb('hsl(0, 0%, 100%)'), [255, 255, 255]);
  assert.deepEqual(cellColour(7), cellColour(1));
});

test('galleryIndices: pages in order, seeded shuffles, wrap-around, no repeats', () => {
  assert.deepEqual(galleryIndices(100, 0), Array.from({ length: PER_PAGE }, (_, i) => i));
  assert.deepEqual(galleryIndices(100, 1).slice(0, 2), [24, 25]);
  assert.deepEqual(galleryIndices(50, 2), [48, 49], 'the last page is short');
  assert.deepEqual(galleryIndices(50, 3), galleryIndices(50, 0), 'pages wrap');
  assert.deepEqual(galleryIndices(5, 0), [0, 1, 2, 3, 4]);
  assert.deepEqual(galleryIndices(0, 0), []);
  const a = galleryIndices(10000, 0, 42);
  assert.deepEqual(a, galleryIndices(10000, 0, 42), 'same seed, same page');
  assert.notDeepEqual(a, galleryIndices(10000, 0, 43));
  const all = [0, 1, 2, 3, 4].flatMap((p) => galleryIndices(120, p, 7));
  assert.deepEqual([...all].sort((x, y) => x - y), Array.from({ length: 120 }, (_, i) => i), 'a permutation');
  assert.ok(a.every((i) => Number.isInteger(i) && i >= 0 && i < 10000));
});

test('topRows and formatValue read the core\'s flat [class, value] triples', () => {
  const rows = topRows(new Float32Array([7, 0.9, 1, 0.05, 2, 0.01, 3, 0.5, 5, 0.3, 8, 0.1]), 3);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[1].map((r) => r.cls), [3, 5, 8]);
  assert.equal(formatValue(0.9731, 'probability'), '97.3%');
  assert.equal(formatValue(-1.234, 'score'), '-1.23');
  assert.equal(formatValue(NaN, 'score'), '–');
});

test('algebraModel: argmax, true class, columns numbered from 0 (numpy), bias column at index D', () => {
  const reply = { x: new Float32Array([5, -2, 0, 1]), label: 1, wx: new Float32Array([1, 2]),
    b: new Float32Array([0.5, -0.1]), scores: new Float32Array([1.5, 1.9]), cols: [0, 1],
    w_cols: new Float32Array([0.1, 0.2, 0.3, 0.4]) };
  const m = algebraModel(reply, ['cat', 'dog'], true);
  assert.equal(m.d, 3);
  assert.equal(m.argmax, 1);
  assert.deepEqual(m.xCols.map((c) => c.name), ['x₀', 'x₁']);
  assert.deepEqual(m.wNames, ['W[c, 0]', 'W[c, 1]']);
  assert.equal(m.biasName, 'b = W[c, 3]', 'D = 3 pixels x₀…x₂, the bias is column 3');
  assert.deepEqual(m.rows[1].w, [0.2, 0.4].map(Math.fround));
  assert.ok(m.rows[1].isArgmax && m.rows[1].isTrue && !m.rows[0].isArgmax);
  assert.equal(algebraModel(reply, ['cat', 'dog'], false).d, 4);
  assert.equal(subscript(785), '₇₈₅');
  assert.equal(argmax([1, 3, 3, 2]), 1, 'first maximum, as the core');
});

test('imported weights are named as such, with the iteration of their export', () => {
  const name = weightsFileName('mnist', 'softmax', 1500);
  assert.equal(exportedIteration(name), 1500);
  assert.equal(exportedIteration('classplay-mnist-softmax-iter1500 (2).bin'), 1500);
  assert.equal(exportedIteration('my-weights.bin'), null);
  assert.equal(importedLine(name), 'weights imported from classplay-mnist-softmax-iter1500.bin (exported at iteration 1500)');
  assert.equal(importedLine('w.bin'), 'weights imported from w.bin');
  assert.equal(weightsPhrase(0, null), 'at iteration 0');
  assert.equal(weightsPhrase(0, { at: 0 }), 'with the imported weights', 'not "iteration 0"');
  assert.equal(weightsPhrase(1, { at: 0 }), 'with the imported weights + 1 iteration');
  assert.equal(weightsPhrase(40, { at: 10 }), 'with the imported weights + 30 iterations');
});

test('weights file name and the checks made before reading a file', () => {
  assert.equal(weightsFileName('mnist', 'softmax', 200), 'classplay-mnist-softmax-iter200.bin');
  assert.equal(weightsFileName('../x', 'a b', 'NaN'), 'classplay-x-ab-iter0.bin');
  assert.match(fileProblem(null), /no file/);
  assert.match(fileProblem({ name: 'e.bin', size: 0 }), /^e\.bin: the file is empty$/);
  assert.match(fileProblem({ name: 'big.bin', size: MAX_WEIGHTS_BYTES + 1 }), /^big\.bin: \d+ bytes is more/);
  assert.equal(fileProblem({ name: 'w.bin', size: 31000 }), null);
});

// ---- the worker's side, on the real core and real MNIST ----
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgPath = path.join(root, 'target/pkg-node/simd/classplay.js');
const skip = fs.existsSync(pkgPath) ? false : 'no target/pkg-node: run scripts/build-wasm.sh first';
const core = skip ? null : createRequire(import.meta.url)(pkgPath);
const mnist = (name) => fs.readFileSync(path.join(root, 'data/mnist', name));

test('worker side: evaluations, cells, gallery, algebraic view, export → import', { skip }, () => {
  const pg = new core.Playground();
  pg.load_mnist('train', mnist('train-images-idx3-ubyte.gz'), mnist('train-labels-idx1-ubyte.gz'), 3000);
  pg.load_mnist('test', mnist('t10k-images-idx3-ubyte.gz'), mnist('t10k-labels-idx1-ubyte.gz'), 500);
  const config = { ...trainConfig(defaults()), num_train: 2000, num_val: 500, num_iters: 60 };
  const cfg = toTrainConfig(core, config);
  pg.setup(cfg);
  cfg.free();
  pg.train(60);
  const evals = new Evaluations();
  const val = evals.run(pg, 'val');
  assert.equal(val.top1, pg.val_acc());
  assert.ok(val.top5 >= val.top1);
  const test = evals.run(pg, 'test');
  assert.equal(test.top1, pg.test_acc());
  const m = confusionModel(test.confusion, 10);
  assert.equal(m.total, 500);
  assert.equal(Math.fround(m.correct / m.total), test.top1);
  const cell = evals.cellImages(pg, { split: 'test', row: 1, col: 1, limit: 5 });
  assert.equal(cell.count, m.rows[1].cells[1].count);
  assert.equal(cell.rgba.length, Math.min(5, cell.count) * 28 * 28 * 4);
  assert.throws(() => new Evaluations().cellImages(pg, { split: 'val', row: 0, col: 0, limit: 1 }), /not been evaluated/);

  const g = gallery(pg, [0, 1, 2], 'softmax');
  assert.deepEqual(g.labels, [0, 1, 2].map((i) => pg.label('test', i)));
  assert.equal(g.k, 3);
  const rows = topRows(g.top, g.k);
  assert.equal(rows.length, 3);
  for (const row of rows) {
    assert.ok(row[0].value >= row[1].value && row[1].value >= row[2].value);
    assert.ok(row.reduce((s, r) => s + r.value, 0) <= 1 + 1e-6, 'probabilities');
  }
  const a = algebraic(pg, 'test', 2);
  assert.equal(a.x.length, 785);
  assert.equal(a.x[784], 1);
  assert.equal(argmax(a.scores), rows[2][0].cls, 'the algebraic view predicts as the gallery');
  assert.throws(() => algebraic(pg, 'test', 500), /test image 500 does not exist/);

  const bytes = pg.export_weights();
  const before = pg.test_acc();
  const cfg2 = toTrainConfig(core, { ...config, seed: 9, loss: 'svm' });
  pg.setup(cfg2);
  cfg2.free();
  assert.notEqual(pg.test_acc(), before);
  assert.throws(() => pg.import_weights(bytes.slice(0, 40), 'cut.bin'), /cut\.bin: truncated at byte offset 40/);
  pg.import_weights(bytes, 'w.bin');
  assert.equal(pg.test_acc(), before, 'imported weights predict as the run that wrote them');
  evals.clear();
  pg.free();
});
