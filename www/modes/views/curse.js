// The curse of dimensionality (mode=views, view=curse): chart (a) is arithmetic on k^d; chart (b)
// asks the core (curse_distance_stats, src/curse.rs) for the nearest / farthest distances, one
// dimension after the other in the views worker (worker.js: one call takes up to ~60 ms), so the
// page stays live and the curve grows to the right as the dimensions arrive.

import { CURSE_TEMPLATE } from './text.js';
import { DIMS, TABLE_DIMS, gridDigits, powerOfTen, renderGridChart, renderMinMaxChart, renderRatioChart } from './cursecharts.js';
import { setText } from '../../ui/frame.js';

const fmt = (v) => (v >= 100 ? v.toFixed(1) : v >= 1 ? v.toFixed(3) : v.toPrecision(3));

/**
 * Builds the view into `panel`. host: {wasm, settings(), edit(name, text), notice(text),
 * phase(name), requestDraw(), ask(type, fields, onProgress)}. Returns {apply(settings, changed), draw(), busy()}.
 */
export function mountCurse(panel, host) {
  panel.innerHTML = CURSE_TEMPLATE; // fixed markup, no user text
  const $ = (id) => panel.querySelector(`[data-testid="${id}"]`);
  let rows = DIMS.map(() => null);
  let next = 0; // index into DIMS of the next dimension to compute
  let key = '';
  let started = ''; // the key whose dimensions the worker computes
  let dirty = true;

  // Sliders: the number shows while dragging; the setting (and the URL) changes on release.
  const sliders = [
    ['curse-n', 'num_points', 'curse-n-value'],
    ['curse-queries', 'num_queries', 'curse-queries-value'],
    ['curse-points-per-axis', 'points_per_axis', 'curse-k-value'],
  ];
  for (const [testid, name, out] of sliders) {
    const input = $(testid);
    input.addEventListener('input', () => setText(panel.querySelector(`#${out}`), input.value));
    input.addEventListener('change', () => host.edit(name, input.value));
  }
  $('curse-metric').addEventListener('change', (e) => host.edit('metric', e.target.value));

  function apply(s) {
    const k = [s.num_points, s.num_queries, s.metric, s.seed].join(':');
    if (k !== key) {
      key = k;
      started = '';
      rows = DIMS.map(() => null);
      next = 0;
    }
    for (const [testid, name, out] of sliders) {
      const input = $(testid);
      input.value = String(s[name]);
      setText(panel.querySelector(`#${out}`), String(s[name]));
    }
    $('curse-metric').value = s.metric;
    dirty = true;
  }

  function draw(visible) {
    if (!visible) return;
    const s = host.settings();
    if (next < DIMS.length && started !== key) {
      // Every dimension in order in the worker; a newer request (other settings) makes this stale.
      const k = started = key;
      host.ask('curse', { num_points: s.num_points, dims: DIMS, num_queries: s.num_queries, metric: s.metric, seed: s.seed }, (msg) => {
        if (started !== k || key !== k || msg.type !== 'progress') return;
        const v = msg.stats;
        rows[msg.index] = { d: DIMS[msg.index], min_mean: v[0], min_std: v[1], max_mean: v[2], max_std: v[3], ratio_mean: v[4], ratio_std: v[5] };
        next = msg.index + 1;
        dirty = true;
        host.requestDraw();
      }).catch((e) => {
        if (started !== k || key !== k) return;
        next = DIMS.length;
        dirty = true;
        host.notice(e?.message ?? String(e));
      });
      dirty = true;
    }
    if (!dirty) return;
    host.phase(next === DIMS.length ? 'ready' : 'computing');
    dirty = false;
    const k = s.points_per_axis;
    setText($('curse-grid-title'), `${k} points per axis need ${k}ᵈ in d dimensions: ${powerOfTen(Math.round(gridDigits(784, k)))} for MNIST`);
    renderGridChart($('curse-grid-chart'), { k });
    renderRatioChart($('curse-distance-chart'), { rows, metric: s.metric });
    renderMinMaxChart($('curse-minmax-chart'), { rows, metric: s.metric });
    setText($('curse-progress'), next < DIMS.length
      ? `computing: d = ${DIMS[next]} (${next} of ${DIMS.length} dimensions)`
      : `${DIMS.length} dimensions · ${s.num_points} points · ${s.num_queries} queries each · ${s.metric.toUpperCase()}`);
    renderTable($('curse-table').querySelector('tbody'));
  }

  function renderTable(body) {
    body.textContent = '';
    for (const d of TABLE_DIMS) {
      const r = rows[DIMS.indexOf(d)];
      const tr = document.createElement('tr');
      tr.dataset.testid = 'curse-row';
      tr.dataset.d = String(d);
      const cells = r
        ? [String(d), `${fmt(r.min_mean)} ± ${fmt(r.min_std)}`, `${fmt(r.max_mean)} ± ${fmt(r.max_std)}`,
          `${r.ratio_mean.toFixed(3)} ± ${r.ratio_std.toFixed(3)}`]
        : [String(d), '…', '…', '…'];
      cells.forEach((text, i) => {
        const td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) td.scope = 'row';
        td.textContent = text;
        if (i === 3 && r) td.dataset.ratio = String(r.ratio_mean);
        tr.append(td);
      });
      body.append(tr);
    }
  }

  return { apply, draw, busy: () => next < DIMS.length };
}
