// The train mode's export bar: the loss and accuracy history as CSV, the two charts and the
// template grid as PNG. The train mode (modes/train/index.js) hands in getters for the run and the settings.

import { exportName, historyCsv } from './csv.js';
import { chartCanvas, download, downloadPng, gridCanvas } from './png.js';

const BUTTONS = [
  { testid: 'export-csv', text: 'History (CSV)', title: 'iteration, loss, data_loss, reg_loss, train_acc, val_acc' },
  { testid: 'export-png-loss', text: 'Loss chart (PNG)' },
  { testid: 'export-png-acc', text: 'Accuracy chart (PNG)' },
  { testid: 'export-png-templates', text: 'Templates (PNG)' },
];

/**
 * Build the bar after `anchor` (the charts). getRun(): the train mode's run ({loss, data_loss, reg_loss,
 * acc, info}); getSettings(): the settings the run was started with.
 */
export function mountTrainExport(anchor, { getRun, getSettings }) {
  const bar = document.createElement('div');
  bar.className = 'export-bar';
  bar.dataset.key = 'export';
  bar.dataset.keyLabel = 'Export buttons (CSV, PNG)';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'export');
  const heading = document.createElement('span');
  heading.className = 'export-label';
  heading.textContent = 'Export';
  const note = document.createElement('span');
  note.className = 'export-note';
  note.setAttribute('role', 'status');
  bar.append(heading);
  const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);
  const caption = (testid) => $(testid).closest('figure')?.querySelector('figcaption')?.textContent.trim() ?? '';
  const png = async (canvas, what) => {
    if (!canvas) { note.textContent = 'nothing drawn yet: load data first'; return; }
    await downloadPng(canvas, exportName(getSettings(), what, 'png'));
    note.textContent = '';
  };
  const actions = {
    'export-csv': () => {
      const run = getRun();
      if (!run.loss.length && !run.acc.iterations.length) { note.textContent = 'no history yet: press Play or Step'; return; }
      download(new Blob([historyCsv(run)], { type: 'text/csv' }), exportName(getSettings(), 'history', 'csv'));
      note.textContent = '';
    },
    'export-png-loss': () => png(chartCanvas($('loss-chart'), caption('loss-chart')), 'loss'),
    'export-png-acc': () => png(chartCanvas($('acc-chart'), caption('acc-chart')), 'accuracy'),
    'export-png-templates': () => png(gridCanvas($('templates'), caption('templates')), 'templates'),
  };
  for (const b of BUTTONS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = b.text;
    if (b.title) button.title = b.title;
    button.dataset.testid = b.testid;
    button.addEventListener('click', () => {
      Promise.resolve(actions[b.testid]()).catch((e) => { note.textContent = `export failed: ${e.message}`; });
    });
    bar.append(button);
  }
  bar.append(note);
  anchor.after(bar);
}
