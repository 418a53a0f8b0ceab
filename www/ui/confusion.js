// The confusion matrix (rows: true class, columns: predicted class) with per-class accuracy, as a
// table of focusable cells, and the images behind one cell. Counts or row-normalised shares; the
// colour is always the cell's share of its row, so both modes read the same way.

/**
 * The numbers behind the table, from `counts` ((C, C) row-major, [true][predicted]).
 * @returns {{c, total, correct, accuracy, rows: {sum, acc, cells: {count, share}[]}[]}}
 * `acc` is NaN for a class without records; `accuracy` is the diagonal over the total.
 */
export function confusionModel(counts, c) {
  if (counts.length !== c * c) throw new Error(`confusion matrix has ${counts.length} entries, not ${c}×${c}`);
  let total = 0;
  let correct = 0;
  const rows = [];
  for (let r = 0; r < c; r++) {
    const row = Array.from(counts.subarray ? counts.subarray(r * c, r * c + c) : counts.slice(r * c, r * c + c));
    const sum = row.reduce((a, b) => a + b, 0);
    total += sum;
    correct += row[r];
    rows.push({
      sum,
      acc: sum === 0 ? NaN : row[r] / sum,
      cells: row.map((count) => ({ count, share: sum === 0 ? 0 : count / sum })),
    });
  }
  return { c, total, correct, accuracy: total === 0 ? NaN : correct / total, rows };
}

/**
 * Background and text colour for a share of a row in [0, 1] (white → deep blue; sqrt so small
 * confusions stay visible). The lightness skips the mid band where neither dark nor white text
 * reaches a 4.5:1 contrast (WCAG AA): light cells get dark text, dark cells white.
 */
export function cellColour(share) {
  const s = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  const t = Math.sqrt(s);
  const light = t < 0.55;
  const lightness = Math.round(light ? 98 - 36 * (t / 0.55) : 48 - 18 * ((t - 0.55) / 0.45));
  return { background: `hsl(217, 85%, ${lightness}%)`, color: light ? '#111827' : '#ffffff' };
}

/** The text of one cell: a count, or a share with two decimals ('' for an exact 0 share). */
export function cellText(cell, normalise) {
  if (!normalise) return String(cell.count);
  return cell.count === 0 ? '0' : cell.share.toFixed(2);
}

const fmtAcc = (a) => (Number.isFinite(a) ? a.toFixed(3) : '–');

/**
 * data: {counts, class_names, split ('val' | 'test'), iteration, normalise, selected {row, col} | null}
 * opts: {onCell(row, col)}. The table is built once per class list and updated in place, so a
 * focused cell keeps the focus while training updates the numbers.
 */
export function renderConfusion(container, data, opts) {
  const { counts, class_names: names, split, iteration, normalise, selected } = data;
  const c = names.length;
  if (!counts) {
    container.textContent = 'The confusion matrix appears with the first accuracy evaluation.';
    delete container.dataset.shape;
    return;
  }
  const model = confusionModel(counts, c);
  const shape = names.join('\u0000');
  if (container.dataset.shape !== shape) {
    container.textContent = '';
    const table = document.createElement('table');
    table.className = 'cm-table';
    const caption = document.createElement('caption');
    table.append(caption);
    const head = table.createTHead().insertRow();
    const corner = document.createElement('th');
    corner.className = 'cm-axis';
    corner.textContent = 'true ↓ / predicted →';
    head.append(corner);
    for (const name of names) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = name;
      head.append(th);
    }
    const accHead = document.createElement('th');
    accHead.scope = 'col';
    accHead.textContent = 'accuracy';
    head.append(accHead);
    const body = table.createTBody();
    names.forEach((name, r) => {
      const tr = body.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = name;
      tr.append(th);
      for (let col = 0; col < c; col++) {
        const td = tr.insertCell();
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'cm-cell' + (r === col ? ' diagonal' : '');
        button.dataset.testid = 'cm-cell';
        button.dataset.row = String(r);
        button.dataset.col = String(col);
        button.addEventListener('click', () => opts.onCell(r, col));
        td.append(button);
      }
      const acc = tr.insertCell();
      acc.className = 'cm-acc';
      acc.dataset.testid = 'cm-class-acc';
    });
    container.append(table);
    container.dataset.shape = shape;
  }
  const table = container.querySelector('table');
  table.caption.textContent = `${split === 'test' ? 'Test' : 'Validation'} set, ${model.total} images` +
    (iteration === null || iteration === undefined ? '' : `, iteration ${iteration}`) +
    ` — accuracy ${fmtAcc(model.accuracy)} (diagonal ${model.correct} / ${model.total})`;
  container.dataset.split = split;
  container.dataset.total = String(model.total);
  container.dataset.correct = String(model.correct);
  table.querySelectorAll('tbody tr').forEach((tr, r) => {
    const row = model.rows[r];
    tr.querySelectorAll('button.cm-cell').forEach((button, col) => {
      const cell = row.cells[col];
      const pressed = String(selected?.row === r && selected?.col === col);
      if (button.getAttribute('aria-pressed') !== pressed) button.setAttribute('aria-pressed', pressed);
      const key = `${cell.count}/${row.sum}/${normalise}`;
      if (button.dataset.key === key) return; // unchanged: no style or text work while training
      button.dataset.key = key;
      button.textContent = cellText(cell, normalise);
      const { background, color } = cellColour(cell.share);
      button.style.background = background;
      button.style.color = color;
      button.dataset.count = String(cell.count);
      button.setAttribute('aria-label',
        `true ${names[r]}, predicted ${names[col]}: ${cell.count} images (${(100 * cell.share).toFixed(1)}% of the row)`);
    });
    const acc = tr.querySelector('.cm-acc');
    const accText = fmtAcc(row.acc);
    if (acc.textContent !== accText) acc.textContent = accText;
  });
}

/**
 * The images behind one cell. data: {row, col, count, rgba, height, width, class_names, limit,
 * error?}. Says "no images" for an empty cell.
 */
export function renderCellImages(container, data) {
  const { row, col, count, rgba, height, width, class_names: names, error } = data;
  container.textContent = '';
  const heading = document.createElement('p');
  heading.className = 'cm-images-title';
  const shown = rgba ? rgba.length / (height * width * 4) : 0;
  if (error) {
    heading.textContent = `Cell true ${names[row]} / predicted ${names[col]}: ${error}`;
  } else if (count === 0) {
    heading.textContent = `True ${names[row]}, predicted ${names[col]}: no images.`;
  } else {
    heading.textContent = `True ${names[row]}, predicted ${names[col]}: ${count} image${count === 1 ? '' : 's'}` +
      (shown < count ? ` (the first ${shown} shown)` : '');
  }
  container.dataset.count = String(count ?? 0);
  container.dataset.row = String(row);
  container.dataset.col = String(col);
  container.append(heading);
  const grid = document.createElement('div');
  grid.className = 'cm-images-grid';
  const size = height * width * 4;
  for (let i = 0; i < shown; i++) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.dataset.testid = 'cm-image';
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `an image of class ${names[row]} predicted as ${names[col]}`);
    canvas.getContext('2d').putImageData(
      new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset + i * size, size), width, height), 0, 0);
    grid.append(canvas);
  }
  container.append(grid);
}
