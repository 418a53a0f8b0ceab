// The geometric view's two tables: the parameters (the algebraic view: one row per class,
// s_c = w_c1·x₁ + w_c2·x₂ + b_c) and one point's scores with its loss terms. Pure renderers:
// render(container, data) rebuilds a small table with textContent only.

const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toFixed(3)) : String(v));

function cell(tag, text, cls) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function swatch(colour, dash) {
  const svgNS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNS, 'svg');
  svg.setAttribute('width', '34');
  svg.setAttribute('height', '12');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(svgNS, 'line');
  for (const [k, v] of Object.entries({ x1: 1, y1: 6, x2: 33, y2: 6, stroke: colour, 'stroke-width': 4 })) line.setAttribute(k, String(v));
  if (dash.length) line.setAttribute('stroke-dasharray', dash.join(' '));
  svg.append(line);
  return svg;
}

/** data: {w: (2, 3) flattened, b: (3,), names, colours, dashes}. */
export function renderParams(table, data) {
  table.textContent = '';
  const head = document.createElement('tr');
  for (const h of ['class', 'w_c1', 'w_c2', 'b_c', '‖w_c‖']) head.append(cell('th', h));
  head.firstChild.scope = 'col';
  const thead = document.createElement('thead');
  thead.append(head);
  const body = document.createElement('tbody');
  for (let c = 0; c < 3; c++) {
    const tr = document.createElement('tr');
    const name = cell('th', '');
    name.scope = 'row';
    name.append(swatch(data.colours[c], data.dashes[c]), ` ${data.names[c]}`);
    tr.append(name, cell('td', fmt(data.w[c])), cell('td', fmt(data.w[3 + c])), cell('td', fmt(data.b[c])),
      cell('td', fmt(Math.hypot(data.w[c], data.w[3 + c]))));
    body.append(tr);
  }
  table.append(thead, body);
}

/**
 * data: {index, x: [x₁, x₂], y, scores: (3,), terms: (3,) (SVM hinges or softmax
 * probabilities), loss: 'svm'|'softmax', li, names}.
 */
export function renderPointScores(container, data) {
  container.textContent = '';
  const intro = cell('p', `Point #${data.index} at x = (${data.x[0].toFixed(2)}, ${data.x[1].toFixed(2)}), true class y = ${data.names[data.y]}`, 'point-intro');
  const table = document.createElement('table');
  table.className = 'geo-table';
  const head = document.createElement('tr');
  const termHead = data.loss === 'svm' ? 'hinge term' : 'probability p_c';
  for (const h of ['class (★ highest)', 'score s_c', termHead]) head.append(cell('th', h));
  const thead = document.createElement('thead');
  thead.append(head);
  const body = document.createElement('tbody');
  let top = 0;
  for (let c = 1; c < 3; c++) if (data.scores[c] > data.scores[top]) top = c;
  for (let c = 0; c < 3; c++) {
    const tr = document.createElement('tr');
    if (c === data.y) tr.className = 'true-class';
    const name = cell('th', data.names[c] + (c === data.y ? ' (true)' : '') + (c === top ? ' ★' : ''));
    name.scope = 'row';
    const term = data.loss === 'svm' && c === data.y ? '— (not counted)' : fmt(data.terms[c]);
    tr.append(name, cell('td', fmt(data.scores[c])), cell('td', term));
    body.append(tr);
  }
  table.append(thead, body);
  const sum = data.loss === 'svm'
    ? `Lᵢ = sum of the hinges = ${fmt(data.li)}`
    : `Lᵢ = −ln p_y = −ln ${fmt(data.terms[data.y])} = ${fmt(data.li)}`;
  const how = data.loss === 'svm'
    ? 's_c = w_c·x + b_c; hinge term = max(0, s_c − s_y + 1) for each wrong class c'
    : 's_c = w_c·x + b_c; p_c = e^{s_c} / Σ_j e^{s_j}';
  container.append(intro, table, cell('p', sum + (top === data.y ? ' · classified right' : ' · misclassified'), 'point-sum'),
    cell('p', how, 'point-how'));
}
