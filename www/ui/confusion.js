// The confusion matrix (rows: true class, columns: predicted class) with per-class accuracy, as a
// table of focusable cells, and the images behind one cell. Counts or row-normalised shares; the
// colour is always the cell's share of its row, so both modes read the same way.

/** More classes than this (CIFAR-100): one canvas heatmap instead of C² buttons, which would
 * cost the main thread hundreds of ms per update. */
export const COMPACT_ABOVE = 20;

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

/** `[r, g, b]` 0..255 of a cellColour background (`hsl(h, s%, l%)`), for drawing on a canvas. */
export function hslRgb(colour) {
  const [h, sat, l] = /^hsl\((\d+), (\d+)%, (\d+)%\)$/.exec(colour).slice(1).map(Number);
  const [s1, l1] = [sat / 100, l / 100];
  const f = (n) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l1 - s1 * Math.min(l1, 1 - l1) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** The text of one cell: a count, or a share with two decimals ('' for an exact 0 share). */
export function cellText(cell, normalise) {
  if (!normalise) return String(cell.count);
  return cell.count === 0 ? '0' : cell.share.toFixed(2);
}

const fmtAcc = (a) => (Number.isFinite(a) ? a.toFixed(3) : '–');

/**
 * data: {counts, class_names, split ('val' | 'test'), iteration, normalise, selected {row, col} | null,
 *   when (optional: which weights, e.g. 'with the imported weights', instead of 'iteration N')}
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
  if (c > COMPACT_ABOVE) return renderHeatmap(container, data, model, opts);
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
  setTotals(container, model, split);
  // Wider than its panel (many classes, a narrow screen): say so, the scroll bar may be hidden.
  const more = container.scrollWidth > container.clientWidth + 1
    ? ` — scroll sideways for all ${c} columns and each class's accuracy` : '';
  table.caption.textContent = caption(model, split, iteration, data.when) + more;
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

function caption(model, split, iteration, when) {
  return `${split === 'test' ? 'Test' : 'Validation'} set, ${model.total} images` +
    (when ? `, ${when}` : iteration === null || iteration === undefined ? '' : `, iteration ${iteration}`) +
    ` — accuracy ${fmtAcc(model.accuracy)} (diagonal ${model.correct} / ${model.total})`;
}

function setTotals(container, model, split) {
  container.dataset.split = split;
  container.dataset.total = String(model.total);
  container.dataset.correct = String(model.correct);
}

/** Pixels per cell of the heatmap. */
const HEAT_CELL = 5;

/**
 * Many classes: the matrix as a canvas (HEAT_CELL px per cell, colour = share of the row), the
 * cell under the pointer or the keyboard cursor named beside it; click, Enter or Space shows its
 * images; the classes with the lowest accuracy are listed.
 */
function renderHeatmap(container, data, model, opts) {
  const { class_names: names, split, iteration, selected } = data;
  const c = names.length;
  const shape = `heat:${names.join('\u0000')}`;
  if (container.dataset.shape !== shape) {
    container.textContent = '';
    const cap = document.createElement('p');
    cap.className = 'cm-caption';
    const canvas = document.createElement('canvas');
    canvas.className = 'cm-heatmap';
    canvas.width = canvas.height = c * HEAT_CELL;
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `confusion matrix of ${c} classes, rows true, columns predicted: ` +
      'arrow keys move the cursor, Enter shows the images of its cell');
    canvas.dataset.testid = 'cm-heatmap';
    const cursorText = document.createElement('p');
    cursorText.className = 'cm-cursor';
    cursorText.setAttribute('aria-live', 'polite');
    const worst = document.createElement('p');
    worst.className = 'cm-worst';
    const state = { cursor: { row: 0, col: 0 } };
    const at = (e) => {
      const r = canvas.getBoundingClientRect();
      const clamp = (v) => Math.min(c - 1, Math.max(0, Math.floor(v * c)));
      return { row: clamp((e.clientY - r.top) / r.height), col: clamp((e.clientX - r.left) / r.width) };
    };
    const show = (cell) => {
      const m = container.__model;
      const n = m.rows[cell.row].cells[cell.col].count;
      cursorText.textContent = `true ${names[cell.row]}, predicted ${names[cell.col]}: ${n} images`;
    };
    canvas.addEventListener('mousemove', (e) => show(at(e)));
    canvas.addEventListener('click', (e) => { state.cursor = at(e); opts.onCell(state.cursor.row, state.cursor.col); });
    canvas.addEventListener('keydown', (e) => {
      const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (moves[e.key]) {
        const [dr, dc] = moves[e.key];
        state.cursor = { row: Math.min(c - 1, Math.max(0, state.cursor.row + dr)),
          col: Math.min(c - 1, Math.max(0, state.cursor.col + dc)) };
        show(state.cursor);
        e.preventDefault();
      } else if (e.key === 'Enter' || e.key === ' ') {
        opts.onCell(state.cursor.row, state.cursor.col);
        e.preventDefault();
      }
    });
    container.append(cap, canvas, cursorText, worst);
    container.dataset.shape = shape;
  }
  container.__model = model;
  const [cap, canvas, , worst] = container.children;
  cap.textContent = caption(model, split, iteration, data.when);
  setTotals(container, model, split);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(c * HEAT_CELL, c * HEAT_CELL);
  model.rows.forEach((row, r) => row.cells.forEach((cell, col) => {
    const [R, G, B] = hslRgb(cellColour(cell.share).background);
    for (let y = r * HEAT_CELL; y < (r + 1) * HEAT_CELL; y++) {
      for (let x = col * HEAT_CELL; x < (col + 1) * HEAT_CELL; x++) {
        const i = 4 * (y * c * HEAT_CELL + x);
        img.data[i] = R; img.data[i + 1] = G; img.data[i + 2] = B; img.data[i + 3] = 255;
      }
    }
  }));
  ctx.putImageData(img, 0, 0);
  if (selected) {
    ctx.strokeStyle = '#f59e0b';
    ctx.lineWidth = 2;
    ctx.strokeRect(selected.col * HEAT_CELL, selected.row * HEAT_CELL, HEAT_CELL, HEAT_CELL);
  }
  const ranked = model.rows.map((row, r) => [r, row.acc]).filter(([, a]) => Number.isFinite(a))
    .sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, 8);
  worst.textContent = 'Lowest per-class accuracy: ' + ranked.map(([r, a]) => `${names[r]} ${fmtAcc(a)}`).join(', ');
}
