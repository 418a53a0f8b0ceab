// The gradient-check table: one row per sampled coordinate of w, numeric vs analytic gradient and
// their relative error, each row coloured by its band and labelled in words (bands.js).
import { GRADCHECK_COLUMNS, relErrorBand } from '../bands.js';

const fmt = (v) => (Number.isFinite(v) ? v.toExponential(4) : String(v));

/** data: {rows: Float64Array (n, 8) [index, numeric, analytic, rel_error, kink, slope_left, slope_right, flags], c}. */
export function render(container, data) {
  const table = document.createElement('table');
  table.className = 'lab-table gradcheck';
  table.tabIndex = 0; // it may scroll sideways on a phone: keyboard users must reach it
  table.dataset.testid = 'gradcheck-table';
  const head = table.createTHead().insertRow();
  for (const h of ['coordinate of w', 'numeric', 'analytic', 'relative error', 'verdict']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.append(th);
  }
  const body = table.createTBody();
  const { rows } = data;
  for (let i = 0; i < rows.length; i += GRADCHECK_COLUMNS) {
    const [index, numeric, analytic, rel, kink, left, right, flags] = rows.subarray(i, i + GRADCHECK_COLUMNS);
    const between = (flags & 1) === 1;
    const { band, label } = relErrorBand(rel, { kink: kink === 1, between, belowRounding: (flags & 2) === 2 });
    const tr = body.insertRow();
    tr.className = `band-${band}`;
    tr.dataset.testid = 'gradcheck-row';
    const coord = data.c ? `w[${Math.floor(index / data.c)}, ${index % data.c}]` : `#${index}`;
    const slopes = kink === 1 ? ` · one-sided slopes ${fmt(left)} / ${fmt(right)}` : '';
    const cells = [coord, fmt(numeric), fmt(analytic), fmt(rel), label + slopes];
    for (const t of cells) tr.insertCell().textContent = t;
  }
  container.replaceChildren(table);
}
