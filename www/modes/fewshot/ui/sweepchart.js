// The K-sweep (uPlot): mean accuracy against K (support images per class) for the current N, with
// the 95 % confidence band and the chance level 1/N. x is K on a log scale.

import { axis, ensureChart } from '../../../ui/charts.js';
import { summarise } from '../stats.js';

const MEAN = '#16a34a';
const CHANCE = '#b45309';

/** uPlot data columns from [{k_shot, accuracies}]: x (K), mean, upper, lower, chance. */
export function sweepColumns(points, nWay) {
  const s = points.map((p) => summarise(p.accuracies));
  return [
    points.map((p) => p.k_shot),
    s.map((r) => r.mean),
    s.map((r) => r.mean + r.ci95),
    s.map((r) => r.mean - r.ci95),
    points.map(() => 1 / nWay),
  ];
}

/** data: {points: [{k_shot, accuracies}], n_way}; opts: {k_values} (the x range). */
export function renderSweepChart(container, data, opts) {
  const ks = opts.k_values;
  const plot = ensureChart(container, `fewshot-sweep:${ks.join(',')}`, () => ({
    scales: { x: { time: false, distr: 3, log: 10, range: [ks[0] * 0.8, ks.at(-1) * 1.25] }, y: { range: [0, 1] } },
    axes: [axis('K: support images per class (log scale)', { values: (u, splits) => splits.map((v) => (ks.includes(v) ? String(v) : '')) }),
      axis('mean accuracy', { size: 64 })],
    series: [
      { label: 'K' },
      { label: 'mean accuracy', stroke: MEAN, width: 3, points: { show: true, size: 9, fill: MEAN } },
      { label: '+95 % CI', stroke: 'rgba(22,163,74,0.35)', width: 1, points: { show: false } },
      { label: '−95 % CI', stroke: 'rgba(22,163,74,0.35)', width: 1, points: { show: false } },
      { label: 'chance 1/N', stroke: CHANCE, width: 2, dash: [8, 6], points: { show: false } },
    ],
    bands: [{ series: [2, 3], fill: 'rgba(22,163,74,0.15)' }],
    legend: { show: false },
    cursor: { show: false },
  }));
  plot.setData(sweepColumns(data.points, data.n_way));
}
