// Several loss curves on one uPlot chart (log y), one series per optimiser or search.
import { axis, ensureChart, logRange, logTickLabels, positiveOrNull } from '../../../ui/charts.js';

/** data: {series: [{label, colour, dash, values}]}, opts: {num_iters, ylabel}. */
export function render(container, data, opts) {
  const key = `curves:${opts.num_iters}:${data.series.map((s) => s.label).join('|')}`;
  const plot = ensureChart(container, key, () => ({
    scales: { x: { time: false, range: [0, Math.max(1, opts.num_iters)] },
      y: { distr: 3, log: 10, range: (u, min, max) => logRange(min, max) } },
    axes: [axis('iteration'), axis(opts.ylabel ?? 'loss (log scale)', { size: 64, values: (u, s) => logTickLabels(s) })],
    series: [{ label: 'iteration' }, ...data.series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, dash: s.dash }))],
    legend: { live: false },
    cursor: { show: false },
  }));
  const n = Math.max(0, ...data.series.map((s) => s.values.length));
  const x = Array.from({ length: n }, (_, i) => i);
  const ys = data.series.map((s) => {
    const v = positiveOrNull(s.values);
    while (v.length < n) v.push(null);
    return v;
  });
  plot.setData([x, ...ys]);
}
