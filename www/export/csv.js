// The training history as CSV, and the names of exported files: pure functions (node-tested in
// www/test/export.test.js). Numbers are written in their shortest f32 form (f32.js, case C20), so
// a value read back from the file is the very f32 the core computed.

import { formatF32 } from '../f32.js';

/** The CSV columns, in order (CS231n names). */
export const CSV_COLUMNS = ['iteration', 'loss', 'data_loss', 'reg_loss', 'train_acc', 'val_acc'];

const num = (v) => (v === null || v === undefined ? '' : formatF32(v));

/**
 * One row per iteration with a loss (loss_history[i] is the loss before update i) and per
 * iteration where accuracy was measured (every eval_every, and the last); a column is empty where
 * that iteration has no value (accuracies between measurements, losses after the last update).
 * history: {loss, data_loss, reg_loss (equal-length arrays), acc: {iterations, train_acc, val_acc}}.
 * @returns {string} header row then data rows, '\n' line ends (RFC 4180 allows it; no quoting needed)
 */
export function historyCsv(history) {
  const { loss, data_loss: dataLoss, reg_loss: regLoss, acc } = history;
  const measured = new Map(acc.iterations.map((it, i) => [it, i]));
  const last = Math.max(loss.length - 1, ...acc.iterations);
  const lines = [CSV_COLUMNS.join(',')];
  for (let it = 0; it <= last; it++) {
    const hasLoss = it < loss.length;
    const a = measured.get(it);
    if (!hasLoss && a === undefined) continue;
    lines.push([
      String(it),
      hasLoss ? num(loss[it]) : '', hasLoss ? num(dataLoss[it]) : '', hasLoss ? num(regLoss[it]) : '',
      a === undefined ? '' : num(acc.train_acc[a]), a === undefined ? '' : num(acc.val_acc[a]),
    ].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Parse a CSV made by historyCsv back to columns of numbers (NaN where empty), for tests and tools. */
export function parseHistoryCsv(text) {
  const [header, ...rows] = text.trimEnd().split('\n');
  const names = header.split(',');
  const cols = Object.fromEntries(names.map((n) => [n, []]));
  for (const row of rows) {
    row.split(',').forEach((cell, i) => cols[names[i]].push(cell === '' ? NaN : cell === 'inf' ? Infinity : cell === '-inf' ? -Infinity : Number(cell)));
  }
  return cols;
}

/**
 * A file name that says what run it came from:
 * `classplay-mnist-softmax-sgd-lr0.00001-reg10-seed1-history.csv`.
 * settings: the train mode's (state.js); what: 'history', 'loss', 'accuracy', 'templates'.
 */
export function exportName(settings, what, ext) {
  const parts = ['classplay', settings.dataset, settings.loss, settings.update_rule ?? 'sgd',
    `lr${formatF32(settings.learning_rate)}`, `reg${formatF32(settings.reg)}`, `seed${settings.seed}`, what];
  return `${parts.join('-').replace(/[^a-zA-Z0-9._-]/g, '_')}.${ext}`;
}
