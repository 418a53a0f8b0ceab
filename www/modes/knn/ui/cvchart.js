// Cross-validation over k (CS231n's plot): every fold's accuracy as a point, the mean as a line
// with a ±1 std band, the chosen k ringed. x is k on a log scale (1 … 100 spread evenly).

import { axis, ensureChart } from '../../../ui/charts.js';

const FOLD = '#6b7280';
const MEAN = '#2563eb';
const BEST = '#b45309';

/** uPlot data columns for a CV summary (stats.js summariseCv): x, folds…, mean, upper, lower, best. */
export function cvColumns(summary) {
  const { rows, best_k: bestK } = summary;
  const numFolds = rows[0]?.folds.length ?? 0;
  return [
    rows.map((r) => r.k),
    ...Array.from({ length: numFolds }, (_, f) => rows.map((r) => r.folds[f])),
    rows.map((r) => r.mean),
    rows.map((r) => r.mean + r.std),
    rows.map((r) => r.mean - r.std),
    rows.map((r) => (r.k === bestK ? r.mean : null)),
  ];
}

/** data: a CV summary (stats.js summariseCv); opts: {}. */
export function renderCvChart(container, data) {
  const numFolds = data.rows[0]?.folds.length ?? 0;
  const plot = ensureChart(container, `cv:${numFolds}`, () => {
    const folds = Array.from({ length: numFolds }, (_, f) => ({
      label: f === 0 ? 'fold accuracy' : `fold ${f + 1}`, stroke: FOLD, width: 0,
      paths: () => null, points: { show: true, size: 7, fill: FOLD, stroke: FOLD },
    }));
    const upper = numFolds + 2;
    return {
      scales: { x: { time: false, distr: 3, log: 10 }, y: { auto: true } },
      axes: [axis('k (log scale)'), axis('validation accuracy', { size: 64 })],
      series: [
        { label: 'k' },
        ...folds,
        { label: 'mean', stroke: MEAN, width: 3, points: { show: true, size: 8, fill: MEAN } },
        { label: '+1 std', stroke: 'rgba(37,99,235,0.35)', width: 1, points: { show: false } },
        { label: '−1 std', stroke: 'rgba(37,99,235,0.35)', width: 1, points: { show: false } },
        { label: 'best k', stroke: BEST, width: 0, paths: () => null,
          points: { show: true, size: 18, width: 3, fill: 'rgba(0,0,0,0)', stroke: BEST } },
      ],
      bands: [{ series: [upper, upper + 1], fill: 'rgba(37,99,235,0.15)' }],
      legend: { show: false },
      cursor: { show: false },
    };
  });
  plot.setData(cvColumns(data));
}

