// The lecture's point about nearest neighbour: training is O(1) (memorise), predicting is O(N) in
// the number of training images. Measured times against num_train, both in ms.

import { axis, ensureChart } from '../../../ui/charts.js';

/**
 * data: {points: [{num_train, train_ms, predict_ms}], rows} (rows: test images predicted per
 * measurement); opts: {}.
 */
export function renderTimeChart(container, data) {
  const plot = ensureChart(container, 'time', () => ({
    scales: { x: { time: false, range: (u, min, max) => [0, max] }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [axis('training images (N)'), axis('time (ms)', { size: 64 })],
    series: [
      { label: 'N' },
      { label: 'predict', stroke: '#b45309', width: 3, points: { show: true, size: 8, fill: '#b45309' } },
      { label: 'train', stroke: '#16a34a', width: 3, dash: [8, 5], points: { show: true, size: 8, fill: '#16a34a' } },
    ],
    legend: { show: true, live: false },
    cursor: { show: false },
  }));
  const pts = [...data.points].sort((a, b) => a.num_train - b.num_train);
  plot.setData([pts.map((p) => p.num_train), pts.map((p) => p.predict_ms), pts.map((p) => p.train_ms)]);
}
