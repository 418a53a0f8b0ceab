// The curse-of-dimensionality charts (uPlot, through ui/charts.js): (a) the grid points a cube
// needs, k^d, against d, with MNIST's and CIFAR-10's dimensions and a few famous counts marked;
// (b) nearest ÷ farthest distance against d with a ±1 std band; and the two distances
// themselves. Renderers: render(container, data, opts), the pure column builders tested in node.

import { axis, ensureChart, logTickLabels } from '../../ui/charts.js';

/** Dimensions measured in (b): 1 … 1000, about evenly spread on a log axis. */
export const DIMS = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000];
/** Rows of the numbers table. */
export const TABLE_DIMS = [1, 2, 10, 100, 1000];
/** Marked dimensions of chart (a). */
export const MARKS = [
  { d: 784, label: 'MNIST, d = 28·28 = 784', short: 'MNIST' },
  { d: 3072, label: 'CIFAR-10, d = 32·32·3 = 3072', short: 'CIFAR-10' },
];
/** Marked counts of chart (a), as log10. */
export const LEVELS = [
  { digits: Math.log10(60000), label: 'MNIST’s 60 000 training images', short: 'MNIST’s 60 000 images' },
  { digits: 80, label: 'atoms in the observable universe ≈ 10⁸⁰', short: 'atoms in the universe ≈ 10⁸⁰' },
];

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** "10" with `n` (a whole number ≥ 0) as superscript: 10⁷⁸⁴. */
export function powerOfTen(n) {
  return `10${String(n).split('').map((ch) => SUP[Number(ch)] ?? ch).join('')}`;
}

/** log10 of the grid points a cube in d dimensions needs with k points per axis: d·log10 k. */
export function gridDigits(d, k) {
  return d * Math.log10(k);
}

/** Whole dimensions 1 … 3072, about 120 evenly spread on a log axis, the marks included. */
export function gridDims() {
  const set = new Set(MARKS.map((m) => m.d));
  for (let i = 0; i <= 120; i++) set.add(Math.round(10 ** ((i / 120) * Math.log10(3072))));
  return [...set].sort((a, b) => a - b);
}

/** uPlot columns of chart (a): [d, digits]. */
export function gridColumns(k) {
  const dims = gridDims();
  return [dims, dims.map((d) => gridDigits(d, k))];
}

/**
 * uPlot columns of chart (b) from stats rows ({d, min_mean, min_std, max_mean, max_std,
 * ratio_mean, ratio_std} or null while not computed): [d, mean, mean + std, mean − std].
 */
export function ratioColumns(rows) {
  const done = rows.filter(Boolean);
  return [
    done.map((r) => r.d),
    done.map((r) => r.ratio_mean),
    done.map((r) => Math.min(1, r.ratio_mean + r.ratio_std)),
    done.map((r) => Math.max(0, r.ratio_mean - r.ratio_std)),
  ];
}

/** uPlot columns of the distances chart: [d, min, min+, min−, max, max+, max−] (positive). */
export function minMaxColumns(rows) {
  const done = rows.filter(Boolean);
  const pos = (v) => (v > 0 ? v : null);
  return [
    done.map((r) => r.d),
    done.map((r) => pos(r.min_mean)),
    done.map((r) => pos(r.min_mean + r.min_std)),
    done.map((r) => pos(r.min_mean - r.min_std)),
    done.map((r) => pos(r.max_mean)),
    done.map((r) => pos(r.max_mean + r.max_std)),
    done.map((r) => pos(r.max_mean - r.max_std)),
  ];
}

const BLUE = '#2563eb';
const ORANGE = '#c2410c';
const MARK = '#6b21a8';
const LEVEL = '#374151';
const logX = (label) => axis(label, { values: (u, splits) => logTickLabels(splits) });

/** Text size of the guide labels (CSS px) and the smallest they may shrink to on a phone. */
const GUIDE_PX = 14;
const GUIDE_MIN_PX = 12;

/**
 * The first of `texts` (longest first) that fits in `room` canvas pixels at GUIDE_PX, else the
 * last one at the size that fits (not below GUIDE_MIN_PX; the caller clamps its position to the
 * plot). Sets ctx.font; returns the text.
 */
function fitText(ctx, texts, room, dpr) {
  const font = (px) => `${px * dpr}px system-ui, sans-serif`;
  for (const t of texts) {
    ctx.font = font(GUIDE_PX);
    if (ctx.measureText(t).width <= room) return t;
  }
  const t = texts[texts.length - 1];
  const px = Math.max(GUIDE_MIN_PX, Math.floor((GUIDE_PX * room) / ctx.measureText(t).width));
  ctx.font = font(px);
  return t;
}

/** Text with a white box behind it (legible over grid and guide lines). */
function boxedText(ctx, text, x, y, align, dpr) {
  const w = ctx.measureText(text).width;
  const pad = 3 * dpr;
  const left = align === 'right' ? x - w : x;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(left - pad, y - 14 * dpr, w + 2 * pad, 19 * dpr);
  ctx.textAlign = 'left';
  ctx.fillStyle = ctx.strokeStyle;
  ctx.fillText(text, left, y);
}

/** Guides drawn on chart (a): dashed lines at the marked dimensions and counts, with labels. */
function drawGuides(u, k) {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const dpr = devicePixelRatio || 1;
  ctx.save();
  ctx.lineWidth = 1.5 * dpr;
  for (const l of LEVELS) {
    const y = u.valToPos(l.digits, 'y', true);
    if (y < top || y > top + height) continue;
    ctx.strokeStyle = LEVEL;
    ctx.setLineDash([6 * dpr, 5 * dpr]);
    ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + width, y); ctx.stroke();
    ctx.setLineDash([]);
    const text = fitText(ctx, [l.label, l.short], width - 12 * dpr, dpr);
    boxedText(ctx, text, left + 8 * dpr, y - 6 * dpr, 'left', dpr);
  }
  // The marked dimensions: labels to the left of their lines in the top rows (the y range has a
  // decade of headroom above the curve for them).
  MARKS.forEach((m, i) => {
    const x = u.valToPos(m.d, 'x', true);
    const y = u.valToPos(gridDigits(m.d, k), 'y', true);
    ctx.strokeStyle = MARK;
    ctx.setLineDash([6 * dpr, 5 * dpr]);
    ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + height); ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = MARK;
    ctx.beginPath(); ctx.arc(x, y, 5 * dpr, 0, 2 * Math.PI); ctx.fill();
    // Right-aligned to the line, kept inside the plot: the full text when it fits, else shorter.
    const count = powerOfTen(Math.round(gridDigits(m.d, k)));
    const room = x - 6 * dpr - (left + 4 * dpr);
    const text = fitText(ctx, [`${m.label}: ${count} points`, `${m.short}: ${count} points`, `${m.short}: ${count}`], room, dpr);
    const right = Math.max(x - 6 * dpr, left + 4 * dpr + ctx.measureText(text).width);
    boxedText(ctx, text, Math.min(right, left + width), top + (18 + 22 * i) * dpr, 'right', dpr);
  });
  ctx.restore();
}

/** Chart (a). data: {k}. */
export function renderGridChart(container, data) {
  const plot = ensureChart(container, `grid:${data.k}`, () => ({
    scales: { x: { time: false, distr: 3, log: 10, range: [1, 3072] }, y: { distr: 3, log: 10, range: (u, min, max) => [10 ** Math.floor(Math.log10(min)), 10 ** (Math.ceil(Math.log10(max)) + 1)] } },
    axes: [logX('dimension d (log scale)'),
      axis('grid points needed, kᵈ', { size: 78, values: (u, splits) => logTickLabels(splits).map((t, i) => (t && splits[i] >= 1 ? powerOfTen(Math.round(splits[i])) : '')) })],
    series: [{ label: 'd' }, { label: `${data.k}^d`, stroke: BLUE, width: 3, points: { show: false } }],
    legend: { show: false },
    cursor: { show: false },
    hooks: { draw: [(u) => drawGuides(u, data.k)] },
  }));
  plot.setData(gridColumns(data.k));
}

/** Chart (b). data: {rows, metric}. */
export function renderRatioChart(container, data) {
  const plot = ensureChart(container, `ratio:${data.metric}`, () => ({
    scales: { x: { time: false, distr: 3, log: 10, range: [1, 1000] }, y: { range: [0, 1] } },
    axes: [logX('dimension d (log scale)'), axis(`nearest ÷ farthest (${data.metric.toUpperCase()})`, { size: 64 })],
    series: [
      { label: 'd' },
      { label: 'mean ratio', stroke: BLUE, width: 3, points: { show: true, size: 7, fill: BLUE } },
      { label: '+1 std', stroke: 'rgba(37,99,235,0.35)', width: 1, points: { show: false } },
      { label: '−1 std', stroke: 'rgba(37,99,235,0.35)', width: 1, points: { show: false } },
    ],
    bands: [{ series: [2, 3], fill: 'rgba(37,99,235,0.18)' }],
    legend: { show: false },
    cursor: { show: false },
  }));
  plot.setData(ratioColumns(data.rows));
}

/** The distances chart. data: {rows, metric}. */
export function renderMinMaxChart(container, data) {
  const plot = ensureChart(container, `minmax:${data.metric}`, () => ({
    scales: { x: { time: false, distr: 3, log: 10, range: [1, 1000] }, y: { distr: 3, log: 10 } },
    axes: [logX('dimension d (log scale)'), axis(`${data.metric.toUpperCase()} distance (log scale)`, { size: 70, values: (u, splits) => logTickLabels(splits) })],
    series: [
      { label: 'd' },
      { label: 'nearest', stroke: BLUE, width: 3, points: { show: true, size: 6, fill: BLUE } },
      { label: 'nearest +1 std', stroke: 'rgba(37,99,235,0.3)', width: 1, points: { show: false } },
      { label: 'nearest −1 std', stroke: 'rgba(37,99,235,0.3)', width: 1, points: { show: false } },
      { label: 'farthest', stroke: ORANGE, width: 3, dash: [10, 5], points: { show: true, size: 6, fill: ORANGE } },
      { label: 'farthest +1 std', stroke: 'rgba(194,65,12,0.3)', width: 1, points: { show: false } },
      { label: 'farthest −1 std', stroke: 'rgba(194,65,12,0.3)', width: 1, points: { show: false } },
    ],
    bands: [{ series: [2, 3], fill: 'rgba(37,99,235,0.15)' }, { series: [5, 6], fill: 'rgba(194,65,12,0.15)' }],
    legend: { show: false },
    cursor: { show: false },
  }));
  plot.setData(minMaxColumns(data.rows));
}
