// The neighbour gallery: per query, the test image, then its k nearest training images with label
// and distance, nearest first. Neighbours of the test image's own class are marked by a ✓ and a
// solid border (others by ✗ and a dashed one), so the mark does not rest on colour alone.

/** The text under one neighbour: "✓ 7 · 1234.5" (distance to 1 decimal, integer L1 as is). */
export function neighbourCaption(neighbour, trueLabel, names) {
  const mark = neighbour.label === trueLabel ? '✓' : '✗';
  const d = Number.isInteger(neighbour.distance) ? String(neighbour.distance) : neighbour.distance.toFixed(1);
  return `${mark} ${names[neighbour.label]} · ${d}`;
}

function image(rgba, width, height, label) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  return canvas;
}

/**
 * data: {queries: [{row, label, predicted, rgba, neighbours: [{row, label, distance, rgba}]}],
 * height, width, class_names}; opts: {metric}. Redraws from scratch.
 */
export function renderGallery(container, data, opts = {}) {
  const { queries, height, width, class_names: names } = data;
  container.textContent = '';
  const unit = opts.metric === 'l1' ? 'L1' : 'L2';
  for (const q of queries) {
    const row = document.createElement('div');
    row.className = 'gallery-row';
    row.dataset.testid = 'gallery-row';
    const query = document.createElement('figure');
    query.className = `gallery-query ${q.predicted === q.label ? 'right' : 'wrong'}`;
    const qCaption = document.createElement('figcaption');
    const verdict = q.predicted === q.label ? '✓' : '✗';
    const title = document.createElement('strong');
    title.textContent = `test #${q.row}: ${names[q.label]}`;
    const vote = document.createElement('span');
    vote.textContent = `${verdict} voted ${names[q.predicted]}`;
    qCaption.append(title, vote);
    query.append(image(q.rgba, width, height, `test image ${q.row}, a ${names[q.label]}`), qCaption);
    const list = document.createElement('ol');
    list.className = 'gallery-neighbours';
    list.setAttribute('aria-label', `the ${q.neighbours.length} nearest training images (${unit} distance)`);
    for (const n of q.neighbours) {
      const item = document.createElement('li');
      const same = n.label === q.label;
      item.className = `neighbour ${same ? 'same' : 'other'}`;
      item.dataset.testid = 'neighbour';
      const caption = document.createElement('span');
      caption.textContent = neighbourCaption(n, q.label, names);
      item.append(image(n.rgba, width, height,
        `training image ${n.row}, a ${names[n.label]}, ${unit} distance ${caption.textContent.split(' · ')[1]}` +
        (same ? ', same class' : ', other class')), caption);
      list.append(item);
    }
    row.append(query, list);
    container.append(row);
  }
}
