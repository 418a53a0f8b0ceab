// Live progress of a few-shot run (uPlot): each episode's accuracy as a faint dot, the running
// mean with its 95 % confidence band, and the chance level 1/N as a dashed line. x spans the
// whole run so the curve grows to the right.

import { axis, ensureChart } from '../../../ui/charts.js';
import { runningSummary } from '../stats.js';

const EPISODE = 'rgba(107,114,128,0.45)';
const MEAN = '#2563eb';
const CHANCE = '#b45309';

/** uPlot data columns: x (episode 1..n), episode accuracy, running mean, upper, lower, chance. */
export function runColumns(accuracies, nWay) {
  const { mean, lower, upper } = runningSummary(accuracies);
  const x = Array.from({ length: accuracies.length }, (_, i) => i + 1);
  return [x, Array.from(accuracies), mean, upper, lower, x.map(() => 1 / nWay)];
}

/** data: {accuracies (per episode), n_way}; opts: {num_episodes}. */
export function renderRunChart(container, data, opts) {
  const plot = ensureChart(container, `fewshot-run:${opts.num_episodes}`, () => ({
    scales: { x: { time: false, range: [1, Math.max(2, opts.num_episodes)] }, y: { range: [0, 1] } },
    axes: [axis('episode'), axis('accuracy', { size: 64 })],
    series: [
      { label: 'episode' },
      { label: 'episode accuracy', stroke: EPISODE, width: 0, paths: () => null,
        points: { show: true, size: 4, fill: EPISODE, stroke: EPISODE } },
      { label: 'running mean', stroke: MEAN, width: 3, points: { show: false } },
      { label: '+95 % CI', stroke: 'rgba(37,99,235,0.35)', width: 1, points: { show: false } },
      { label: '−95 % CI', stroke: 'rgba(37,99,235,0.35)', width: 1, points: { show: false } },
      { label: 'chance 1/N', stroke: CHANCE, width: 2, dash: [8, 6], points: { show: false } },
    ],
    bands: [{ series: [3, 4], fill: 'rgba(37,99,235,0.15)' }],
    legend: { show: false },
    cursor: { show: false },
  }));
  plot.setData(runColumns(data.accuracies, data.n_way));
}
