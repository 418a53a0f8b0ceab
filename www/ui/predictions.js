// The predictions gallery: test images with their top-3 classes and softmax probabilities (or SVM
// scores), correct predictions marked. Each image is a button that opens it in the algebraic view.

/** Images per page. */
export const PER_PAGE = 24;

/** A seeded 32-bit generator (mulberry32) in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Test positions for gallery page `page`: in order for `shuffle` = 0, otherwise a permutation of
 * `0..numTest` seeded by `shuffle` (the same shuffle seed gives the same pages). Pages wrap around.
 */
export function galleryIndices(numTest, page, shuffle = 0, perPage = PER_PAGE) {
  if (numTest <= 0) return [];
  const n = Math.min(perPage, numTest);
  const pages = Math.ceil(numTest / n);
  const start = (((page % pages) + pages) % pages) * n;
  const order = [];
  if (shuffle === 0) {
    for (let i = start; i < Math.min(start + n, numTest); i++) order.push(i);
    return order;
  }
  // a partial Fisher–Yates shuffle up to the page's end: O(start + n) work and memory
  const rand = mulberry32(shuffle);
  const end = Math.min(start + n, numTest);
  const swapped = new Map();
  const at = (i) => (swapped.has(i) ? swapped.get(i) : i);
  for (let i = 0; i < end; i++) {
    const j = i + Math.floor(rand() * (numTest - i));
    const vi = at(i);
    const vj = at(j);
    swapped.set(i, vj);
    swapped.set(j, vi);
    if (i >= start) order.push(vj);
  }
  return order;
}

/** Rows `[{cls, value}]` per image from the flat `(n, k, 2)` array of the core's predict_top. */
export function topRows(top, k) {
  const rows = [];
  for (let i = 0; i + 2 * k <= top.length; i += 2 * k) {
    const row = [];
    for (let j = 0; j < k; j++) row.push({ cls: top[i + 2 * j], value: top[i + 2 * j + 1] });
    rows.push(row);
  }
  return rows;
}

/** A probability as a percentage, a score with two decimals. */
export function formatValue(value, kind) {
  if (!Number.isFinite(value)) return '–';
  return kind === 'probability' ? `${(100 * value).toFixed(1)}%` : value.toFixed(2);
}

/**
 * data: {indices, labels, top (flat), kind, rgba, height, width, class_names, iteration, k,
 * selected (test position or null)}; opts: {onPick(index)}. Redraws from scratch.
 */
export function renderPredictions(container, data, opts) {
  const { indices, labels, top, kind, rgba, height, width, class_names: names, k = 3, selected } = data;
  container.textContent = '';
  const size = height * width * 4;
  const rows = topRows(top, k);
  let correct = 0;
  indices.forEach((index, n) => {
    const row = rows[n];
    const ok = row[0].cls === labels[n];
    if (ok) correct++;
    const item = document.createElement('button');
    item.type = 'button';
    item.className = `gallery-item ${ok ? 'correct' : 'wrong'}` + (selected === index ? ' selected' : '');
    item.dataset.testid = 'gallery-item';
    item.dataset.index = String(index);
    item.dataset.label = String(labels[n]);
    item.dataset.pred = String(row[0].cls);
    item.setAttribute('aria-label', `test image ${index}, true class ${names[labels[n]]}, predicted ` +
      `${names[row[0].cls]} (${ok ? 'correct' : 'wrong'}); show it in the algebraic view`);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d').putImageData(
      new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset + n * size, size), width, height), 0, 0);
    const truth = document.createElement('span');
    truth.className = 'gallery-truth';
    truth.textContent = `${ok ? '✓' : '✗'} #${index} true: ${names[labels[n]]}`;
    const list = document.createElement('ol');
    list.className = 'gallery-top';
    for (const { cls, value } of row) {
      const li = document.createElement('li');
      li.className = cls === labels[n] ? 'is-true' : '';
      const name = document.createElement('span');
      name.textContent = names[cls] ?? '?';
      const v = document.createElement('span');
      v.className = 'num';
      v.textContent = formatValue(value, kind);
      li.append(name, v);
      list.append(li);
    }
    item.append(canvas, truth, list);
    item.addEventListener('click', () => opts.onPick(index));
    container.append(item);
  });
  container.dataset.correct = String(correct);
  container.dataset.shown = String(indices.length);
}
