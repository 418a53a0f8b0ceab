import test from 'node:test';
import assert from 'node:assert/strict';
import { CSV_COLUMNS, exportName, historyCsv, parseHistoryCsv } from '../export/csv.js';
import { gridLayout, zoomFor } from '../export/png.js';
import { defaults } from '../modes/train/state.js';
import { f32Bits } from '../f32.js';

const f = Math.fround;

test('historyCsv: a header row, one row per loss, accuracies where measured, f32 shortest text', () => {
  const run = {
    loss: [f(2.3025851), f(1.5), f(0.1)], data_loss: [f(2.3), f(1.4), f(0.05)], reg_loss: [f(1e-7), f(0.1), f(0.05)],
    acc: { iterations: [0, 2, 3], train_acc: [f(0.1), f(0.5), f(0.625)], val_acc: [f(0.09), f(0.45), f(0.6)] },
  };
  const csv = historyCsv(run);
  assert.equal(csv, [
    'iteration,loss,data_loss,reg_loss,train_acc,val_acc',
    '0,2.3025851,2.3,0.0000001,0.1,0.09',
    '1,1.5,1.4,0.1,,',
    '2,0.1,0.05,0.05,0.5,0.45',
    '3,,,,0.625,0.6',
    '',
  ].join('\n'));
  const back = parseHistoryCsv(csv);
  assert.deepEqual(Object.keys(back), CSV_COLUMNS);
  assert.deepEqual(back.loss.slice(0, 3).map((v) => f32Bits(v)), run.loss.map(f32Bits), 'bit for bit');
  assert.ok(Number.isNaN(back.train_acc[1]));
});

test('historyCsv: an empty run is the header; NaN and inf are written as such', () => {
  assert.equal(historyCsv({ loss: [], data_loss: [], reg_loss: [], acc: { iterations: [], train_acc: [], val_acc: [] } }),
    'iteration,loss,data_loss,reg_loss,train_acc,val_acc\n');
  const csv = historyCsv({ loss: [NaN, Infinity], data_loss: [NaN, Infinity], reg_loss: [0, 0], acc: { iterations: [], train_acc: [], val_acc: [] } });
  assert.match(csv, /\n0,NaN,NaN,0,,\n1,inf,inf,0,,\n$/);
  assert.equal(parseHistoryCsv(csv).loss[1], Infinity);
});

test('exportName: says which run, only file-safe characters', () => {
  assert.equal(exportName(defaults(), 'history', 'csv'), 'classplay-mnist-softmax-sgd-lr0.00001-reg10-seed1-history.csv');
  const s = { ...defaults('cifar10'), update_rule: 'adam', dataset: 'a/b c' };
  assert.equal(exportName(s, 'loss', 'png'), 'classplay-a_b_c-softmax-adam-lr0.0000003-reg10000-seed1-loss.png');
});

test('gridLayout: rows of at most ten cells, captions under them, everything inside the canvas', () => {
  const l = gridLayout(10, { cellW: 84, cellH: 84 });
  assert.equal(l.cells.length, 10);
  assert.equal(new Set(l.cells.map((c) => c.y)).size, 1);
  const l2 = gridLayout(12, { cellW: 96, cellH: 96 });
  assert.equal(new Set(l2.cells.map((c) => c.y)).size, 2);
  for (const c of l2.cells) {
    assert.ok(c.x >= 0 && c.x + 96 <= l2.width);
    assert.ok(c.y >= 0 && c.y + 96 + 20 <= l2.height);
  }
  assert.equal(zoomFor(28), 3);
  assert.equal(zoomFor(32), 3);
  assert.equal(zoomFor(500), 1);
});
