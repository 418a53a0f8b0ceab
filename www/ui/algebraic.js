// The algebraic view of a linear classifier (CS231n notes, "Linear classification", §"Interpreting
// a linear classifier"): for one image, per class `score_c = w_c·x + b_c`, as a table. With the
// bias trick, x is drawn as [x₀ … x_{D−1} | 1] and W as [W | b]: b is the extra, highlighted column at index D.
// Indices are 0-based everywhere (numpy / CS231n, as the gradient check's w[i, c]).

const SUB = '₀₁₂₃₄₅₆₇₈₉';
/** `n` in subscript digits (x₁₂₃). */
export const subscript = (n) => String(n).replace(/\d/g, (d) => SUB[d]);

/** Index of the first maximum. */
export function argmax(values) {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * The table's numbers from the worker's `algebraic` reply: {x, label, wx, b, scores, cols, w_cols}.
 * Pixel columns are numbered from 0 as in numpy (column j of the core is x_j); with the bias trick
 * the bias is column D (`biasName`).
 */
export function algebraModel(reply, names, biasTrick) {
  const c = names.length;
  const scores = Array.from(reply.scores);
  const best = argmax(scores);
  const d = biasTrick ? reply.x.length - 1 : reply.x.length;
  return {
    d,
    biasTrick,
    label: reply.label,
    argmax: best,
    xCols: reply.cols.map((j) => ({ name: `x${subscript(j)}`, value: reply.x[j] })),
    wNames: reply.cols.map((j) => `W[c, ${j}]`),
    biasName: biasTrick ? `b = W[c, ${d}]` : 'b',
    rows: names.map((name, k) => ({
      k,
      name,
      w: reply.cols.map((_, i) => reply.w_cols[i * c + k]),
      wx: reply.wx[k],
      b: reply.b[k],
      score: scores[k],
      isArgmax: k === best,
      isTrue: k === reply.label,
    })),
  };
}

const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(2) : v.toFixed(3)) : String(v));

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/**
 * data: {reply, class_names, bias_trick, height, width, predicted (the gallery's, optional),
 *   when (optional: which weights, e.g. 'with the imported weights'; default 'at iteration N')}.
 * Redraws from scratch.
 */
export function renderAlgebraic(container, data) {
  const { reply, class_names: names, bias_trick: biasTrick, height, width } = data;
  container.textContent = '';
  if (reply.error) {
    container.append(el('p', `Cannot show this image: ${reply.error}`, 'algebra-error'));
    return;
  }
  const m = algebraModel(reply, names, biasTrick);
  const head = el('div', undefined, 'algebra-head');
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${reply.split} image ${reply.index}, true class ${names[m.label]}`);
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(reply.rgba), width, height), 0, 0);
  const about = el('div');
  about.append(el('p', `${reply.split === 'test' ? 'Test' : 'Validation'} image #${reply.index} ` +
    `${data.when ?? `at iteration ${reply.iteration}`}: true class ${names[m.label]}, predicted ${names[m.argmax]} ` +
    `(${m.argmax === m.label ? 'correct' : 'wrong'}).`, 'algebra-title'));
  // x as a vector: a few pixel values (the largest |x_j|), then … and, with the bias trick, | 1
  const vec = el('p', undefined, 'algebra-x');
  vec.append(el('span', `x (pixels − mean image, D = ${m.d}${biasTrick ? ' + 1' : ''}) = [ `));
  m.xCols.forEach(({ name, value }, i) => {
    if (i > 0) vec.append(el('span', ' … '));
    vec.append(el('span', `${name} = ${fmt(value)}`, 'algebra-xj'));
  });
  vec.append(el('span', ' … '));
  const end = el('span', undefined, 'nowrap');
  if (biasTrick) end.append(el('span', '| '), el('span', '1', 'bias-col'));
  end.append(el('span', ' ]'));
  vec.append(end);
  about.append(vec);
  about.append(el('p', biasTrick
    ? 'score_c = [W | b]_c · [x | 1] = w_c·x + b_c: the bias is W\'s extra column, x\'s extra 1 picks it up.'
    : 'score_c = w_c·x + b_c (no bias trick: b is kept apart from W).', 'algebra-formula'));
  head.append(canvas, about);
  container.append(head);

  const table = el('table', undefined, 'algebra-table');
  table.dataset.testid = 'algebra-table';
  table.dataset.argmax = String(m.argmax);
  table.append(el('caption', 'Per class c: a few weights of W (row c) at the pixels shown above, then the bias ' +
    'column, and w_c·x + b_c = score. ★ marks the highest score (the prediction), ● the true class.'));
  const hr = table.createTHead().insertRow();
  const th = (text, cls, below) => {
    const h = el('th', text, cls);
    h.scope = 'col';
    if (below !== undefined) h.append(el('span', below, 'algebra-below'));
    hr.append(h);
  };
  th('class');
  m.wNames.forEach((n, i) => th(n, 'wcol', `× ${m.xCols[i].name} = ${fmt(m.xCols[i].value)}`));
  th('…', 'wcol');
  th(m.biasName, 'bias-col', biasTrick ? '× 1' : '(kept apart)');
  th('w_c·x');
  th('+ b_c');
  th('= score');
  const body = table.createTBody();
  for (const row of m.rows) {
    const tr = body.insertRow();
    tr.dataset.testid = 'algebra-row';
    tr.dataset.class = String(row.k);
    tr.className = [row.isArgmax ? 'argmax' : '', row.isTrue ? 'truth' : ''].join(' ').trim();
    const name = el('th', `${row.isArgmax ? '★ ' : ''}${row.isTrue ? '● ' : ''}${row.name}`);
    name.scope = 'row';
    tr.append(name);
    row.w.forEach((w) => tr.append(el('td', fmt(w), 'num wcol')));
    tr.append(el('td', '…', 'wcol'));
    tr.append(el('td', fmt(row.b), 'num bias-col'));
    tr.append(el('td', fmt(row.wx), 'num'));
    tr.append(el('td', `${row.b < 0 ? '−' : '+'} ${fmt(Math.abs(row.b))}`, 'num'));
    const score = el('td', fmt(row.score), 'num score');
    score.dataset.testid = 'algebra-score';
    score.dataset.value = String(row.score);
    tr.append(score);
  }
  // On a screen narrower than the table (a phone) it scrolls inside this box, which the keyboard
  // can reach (tab to it, then the arrow keys), instead of widening the page.
  const scroll = el('div', undefined, 'algebra-scroll');
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', 'score table, scrolls sideways');
  scroll.append(table);
  container.append(scroll);
}
