// Live training charts (uPlot): the loss curve split into data and regularisation loss, and the
// train / validation accuracy. Renderers are idempotent: render(container, data, opts) creates the
// chart on the first call and only swaps the data afterwards.

import uPlot from 'uplot';
import { SCHEME_EVENT, cssColour } from '../lesson/apply.js';

const FONT = '15px system-ui, sans-serif';
const LABEL_FONT = 'bold 15px system-ui, sans-serif';
/** A colour of the page's scheme (style.css variables), read each time uPlot draws. */
const themed = (name, fallback) => () => cssColour(name, fallback);
const COLORS = {
  total: themed('--chart-total', '#1f2937'), data: themed('--chart-data', '#2563eb'), reg: themed('--chart-reg', '#ea580c'),
  train: themed('--chart-train', '#16a34a'), val: themed('--chart-val', '#9333ea'),
};

/** Live charts, redrawn in the new colours when the scheme changes (theme=…, or the system's). */
const live = new Set();
globalThis.document?.addEventListener(SCHEME_EVENT, () => {
  for (const plot of live) {
    if (plot.root?.isConnected) plot.redraw(true);
    else live.delete(plot);
  }
});

const charts = new WeakMap(); // container -> { plot, key }

/** Where a loss of exactly 0 is drawn on a log axis (log 0 is −∞): a small positive floor. */
export const LOG_ZERO = 1e-6;

/**
 * Values a log axis can show: zeros at LOG_ZERO, others that cannot be drawn as null (uPlot draws
 * gaps for null, not for NaN/Inf), so the curve of a diverged run just stops.
 */
export function positiveOrNull(values) {
  return Array.from(values, (v) => (Number.isFinite(v) && v > 0 ? v : v === 0 ? LOG_ZERO : null));
}

export function axis(label, extra = {}) {
  return { label, font: FONT, labelFont: LABEL_FONT, stroke: themed('--chart-axis', '#374151'), labelSize: 28,
    grid: { stroke: themed('--chart-grid', '#e5e7eb'), width: 1 }, ticks: { stroke: themed('--chart-tick', '#d1d5db') }, ...extra };
}

/**
 * Labels for a log axis: only the powers of ten (uPlot also splits in between, which crowds the
 * axis), written as 1e26 when long.
 */
export function logTickLabels(splits) {
  return splits.map((v) => {
    if (!(v > 0)) return '';
    const exp = Math.round(Math.log10(v));
    if (Math.abs(v - 10 ** exp) > 1e-9 * v) return '';
    return exp >= 5 || exp <= -4 ? `1e${exp}` : String(Number((10 ** exp).toPrecision(1)));
  });
}

/** Decades the log loss axis spans when there is no positive minimum to anchor it. */
export const LOG_DECADES = 4;

/**
 * The y range of the log loss axis: whole decades around [min, max], down to the smallest value
 * drawn (a data loss of 1e-5 is not pressed flat onto a 0.001 floor; zeros sit at LOG_ZERO).
 */
export function logRange(min, max) {
  if (!(max > 0)) return [0.1, 10];
  const hi = 10 ** Math.ceil(Math.log10(max));
  const lo = min > 0 ? 10 ** Math.floor(Math.log10(Math.min(min, max))) : hi / 10 ** LOG_DECADES;
  return [Math.min(lo, hi / 10), hi];
}

function chartSize(container) {
  // Taller in the presenter layout (presenter=1: large type for a projector).
  const tall = container.ownerDocument?.documentElement.dataset.presenter === '1';
  return { width: Math.max(240, container.clientWidth), height: tall ? 400 : 260 };
}

/** The uPlot chart of `container` for `key` (made on first use or when the key changes; it
 * follows the container's width). Other modes' renderers use this and `axis` too. */
export function ensureChart(container, key, makeOpts) {
  let entry = charts.get(container);
  if (!entry || entry.key !== key) {
    // The old chart goes with its observer (a kept observer would hold the destroyed plot and
    // resize it for the life of the page).
    if (entry) live.delete(entry.plot);
    entry?.observer.disconnect();
    entry?.plot.destroy();
    container.textContent = '';
    const plot = new uPlot({ ...chartSize(container), ...makeOpts() }, null, container);
    live.add(plot);
    const observer = new ResizeObserver(() => plot.setSize(chartSize(container)));
    observer.observe(container);
    entry = { plot, key, observer };
    charts.set(container, entry);
  }
  return entry.plot;
}

/** The most points a history chart draws per series; longer histories are decimated. */
export const MAX_CHART_POINTS = 4000;

/**
 * Which iterations of a history of `n` values to draw, at most about `maxPoints` (display only:
 * the page keeps the whole history for its text and exports). Up to maxPoints: all of them.
 * Beyond: the history in maxPoints / 2 equal buckets, from each the iteration of its smallest and
 * of its largest value of `values` (so spikes and the lowest losses stay visible), in order; the
 * last iteration always. Non-finite values count as largest (a divergence stays on the chart).
 */
export function decimatedIndices(values, maxPoints = MAX_CHART_POINTS) {
  const n = values.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const out = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      const v = values[i];
      if (v < values[lo]) lo = i;
      if (!(v <= values[hi])) hi = i; // NaN / ∞ win
    }
    if (lo === hi) out.push(lo);
    else out.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/**
 * Loss per iteration on a log axis (the first iterations are far above the rest, and the
 * regularisation loss starts orders of magnitude below the data loss).
 * data: {data_loss, reg_loss, loss} (equal-length arrays, index = iteration),
 * opts: {num_iters} (the x axis spans the whole run so the curve grows to the right).
 */
export function renderLossChart(container, data, opts) {
  const plot = ensureChart(container, `loss:${opts.num_iters}`, () => ({
    scales: { x: { time: false, range: [0, Math.max(1, opts.num_iters)] }, y: { distr: 3, log: 10, range: (u, min, max) => logRange(min, max) } },
    axes: [axis('iteration'), axis('loss (log scale)', { size: 64, values: (u, splits) => logTickLabels(splits) })],
    series: [
      { label: 'iteration' },
      // Total last, thin, on top: it runs just above the data loss whenever reg loss is small.
      { label: 'data loss', stroke: COLORS.data, width: 2 },
      { label: 'reg loss', stroke: COLORS.reg, width: 2 },
      { label: 'total loss', stroke: COLORS.total, width: 1 },
    ],
    legend: { live: false },
    cursor: { show: false },
  }));
  // A long run (up to 100 000 iterations) is drawn decimated: the frame's work stays bounded.
  const x = decimatedIndices(data.loss);
  const pick = (values) => positiveOrNull(x.map((i) => values[i]));
  plot.setData([x, pick(data.data_loss), pick(data.reg_loss), pick(data.loss)]);
}

/**
 * Accuracy at the evaluated iterations. data: {iterations, train_acc, val_acc}, opts: {num_iters}.
 */
export function renderAccuracyChart(container, data, opts) {
  const plot = ensureChart(container, `acc:${opts.num_iters}`, () => ({
    scales: { x: { time: false, range: [0, Math.max(1, opts.num_iters)] }, y: { range: [0, 1] } },
    axes: [axis('iteration'), axis('accuracy', { size: 64 })],
    series: [
      { label: 'iteration' },
      { label: 'train accuracy', stroke: COLORS.train, width: 2, points: { show: true, size: 5 } },
      { label: 'val accuracy', stroke: COLORS.val, width: 2, points: { show: true, size: 5 } },
    ],
    legend: { live: false },
    cursor: { show: false },
  }));
  plot.setData([data.iterations.slice(), data.train_acc.slice(), data.val_acc.slice()]);
}
