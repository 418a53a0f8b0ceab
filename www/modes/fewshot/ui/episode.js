// One few-shot episode as a person sees it: the support set (N rows, one per class, K images
// each), then a few queries, each beside the support image it matched. A right match has a solid
// green frame and ✓, a wrong one a dashed red frame and ✗, so the mark does not rest on colour.

function image(rgba, width, height, label) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  return canvas;
}

/** The text under one query: "✓ 7 → 7" or "✗ 4 → 9" (its class → the class it matched). */
export function queryCaption(query, classes, names) {
  const right = query.predicted === query.label;
  return `${right ? '✓' : '✗'} ${names[classes[query.label]]} → ${names[classes[query.predicted]]}`;
}

/** The heading of an episode: "Episode 3: 4 of 5 queries right (0.800) · shown: 2 per class". */
export function episodeTitle(ep) {
  const shown = ep.queries.length < ep.total_queries ? ` · ${ep.queries.length} of them shown` : '';
  return `Episode ${ep.index + 1}: ${ep.correct} of ${ep.total_queries} queries right ` +
    `(${ep.accuracy.toFixed(3)})${shown}`;
}

/**
 * data: an episode from the worker ({index, n_way, k_shot, classes, support: [{record, rgba}],
 * queries: [{record, label, predicted, matched, rgba}], accuracy, correct, total_queries}) plus
 * {height, width, class_names}. Redraws from scratch.
 */
export function renderEpisode(container, data) {
  const { height, width, class_names: names, classes, k_shot: k } = data;
  container.textContent = '';
  const title = document.createElement('p');
  title.className = 'fs-episode-title';
  title.dataset.testid = 'fewshot-episode-title';
  title.textContent = episodeTitle(data);

  const support = document.createElement('div');
  support.className = 'fs-support';
  const supportHead = document.createElement('h3');
  supportHead.textContent = `Support set: ${data.n_way} classes × ${k} ${k === 1 ? 'image' : 'images'}`;
  const rows = document.createElement('div');
  rows.className = 'fs-class-rows';
  // Class rows side by side when they are short (small K), one per line when long.
  rows.style.setProperty('--row-rem', String(7.5 + 3.9 * k));
  support.append(supportHead, rows);
  classes.forEach((cls, c) => {
    const row = document.createElement('div');
    row.className = 'fs-class-row';
    row.dataset.testid = 'fewshot-support-row';
    const name = document.createElement('span');
    name.className = 'fs-class-name';
    name.textContent = names[cls];
    const list = document.createElement('div');
    list.className = 'fs-class-images';
    for (let j = 0; j < k; j++) {
      const s = data.support[c * k + j];
      const img = image(s.rgba, width, height, `support image ${j + 1} of class ${names[cls]} (record ${s.record})`);
      img.dataset.testid = 'fewshot-support';
      list.append(img);
    }
    row.append(name, list);
    rows.append(row);
  });

  const queries = document.createElement('div');
  queries.className = 'fs-queries';
  const queryHead = document.createElement('h3');
  queryHead.textContent = 'Queries and the support image each matched';
  const list = document.createElement('ul');
  list.className = 'fs-query-list';
  for (const q of data.queries) {
    const right = q.predicted === q.label;
    const item = document.createElement('li');
    item.className = `fs-query ${right ? 'right' : 'wrong'}`;
    item.dataset.testid = 'fewshot-query';
    const pair = document.createElement('div');
    pair.className = 'fs-pair';
    const matched = data.support[q.matched];
    const arrow = document.createElement('span');
    arrow.className = 'fs-arrow';
    arrow.setAttribute('aria-hidden', 'true');
    arrow.textContent = '→';
    const caption = document.createElement('span');
    caption.className = 'fs-caption';
    caption.textContent = queryCaption(q, classes, names);
    pair.append(
      image(q.rgba, width, height, `query, a ${names[classes[q.label]]} (record ${q.record})`),
      arrow,
      image(matched.rgba, width, height, `nearest support image, a ${names[classes[q.predicted]]}: ` +
        (right ? 'right' : 'wrong')));
    item.append(pair, caption);
    list.append(item);
  }
  queries.append(queryHead, list);
  container.append(title, support, queries);
}
