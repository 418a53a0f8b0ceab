// The learning rate × regularisation sweep as a heat-map: an HTML table (rows: learning rates,
// columns: reg), each cell coloured by validation accuracy with the number written in it; the
// best cell is outlined and says "best". A table keeps it readable by screen readers and testable.
import { heatColour } from '../bands.js';
import { formatF32 } from '../../../f32.js';

/**
 * data: {learning_rates, regs, cells: (len lr·len reg) of {val_acc, val_acc_std, folds, val_top5 (NaN: not shown), diverged} | null,
 * best (−1 none)}. With folds > 1 a cell shows "mean ± std" of the fold accuracies (k-fold cross-validation).
 * Accuracy colours span [lo, hi] of the finished cells so small differences still show.
 */
export function render(container, data) {
  const done = data.cells.filter((c) => c && !c.diverged).map((c) => c.val_acc);
  const lo = done.length ? Math.min(...done) : 0;
  const hi = done.length ? Math.max(...done) : 1;
  const table = document.createElement('table');
  table.className = 'lab-table heatmap';
  table.tabIndex = 0; // it may scroll sideways on a phone: keyboard users must reach it
  table.dataset.testid = 'sweep-heatmap';
  const caption = table.createCaption();
  const top5 = data.cells.some((c) => c && Number.isFinite(c.val_top5));
  const folds = data.cells.find((c) => c)?.folds ?? 1;
  caption.textContent = `validation accuracy${folds > 1 ? ` (mean ± std over ${folds} folds)` : ''}${top5 ? ' (top-1, and top-5 below it)' : ''}: rows learning_rate, columns reg`;
  const head = table.createTHead().insertRow();
  const corner = document.createElement('th');
  corner.textContent = 'lr \\ reg';
  head.append(corner);
  for (const r of data.regs) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = formatF32(r);
    head.append(th);
  }
  const body = table.createTBody();
  data.learning_rates.forEach((lr, i) => {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = formatF32(lr);
    tr.append(th);
    data.regs.forEach((_, j) => {
      const k = i * data.regs.length + j;
      const cell = data.cells[k];
      const td = tr.insertCell();
      td.className = 'heat';
      if (!cell) { td.textContent = '…'; return; }
      if (cell.diverged) { td.textContent = 'diverged'; td.classList.add('diverged'); return; }
      const { fill, text } = heatColour(hi > lo ? (cell.val_acc - lo) / (hi - lo) : 1);
      td.style.background = fill;
      td.style.color = text;
      td.textContent = cell.folds > 1 ? `${cell.val_acc.toFixed(3)} ± ${cell.val_acc_std.toFixed(3)}` : cell.val_acc.toFixed(3);
      if (k === data.best) {
        td.classList.add('best');
        td.dataset.testid = 'sweep-best-cell';
        td.textContent += ' ★ best';
      }
      if (Number.isFinite(cell.val_top5)) {
        const t5 = document.createElement('span');
        t5.className = 'top5';
        t5.textContent = `top-5 ${cell.val_top5.toFixed(3)}`;
        td.append(t5);
      }
    });
  });
  container.replaceChildren(table);
}
