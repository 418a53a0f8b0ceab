// Pure helpers of the lab's panels: relative-error bands of a gradient check, sweep grids
// and the heat-map colour scale.

/**
 * The band of a gradient check's relative error (CS231n notes, "Neural Networks 3", §"Gradient
 * checks"): > 1e-2 probably wrong; 1e-2..1e-4 uncomfortable; < 1e-4 fine where a kink is crossed
 * (not for a smooth loss); < 1e-7 good. Returns {band, label}: the label is the words beside the
 * colour, so colour is never the only cue.
 */
export function relErrorBand(rel, kink = false) {
  if (!(rel <= 1e-2)) return { band: 'wrong', label: 'wrong (> 1e-2)' };
  if (rel >= 1e-4) return { band: 'uneasy', label: kink ? 'uneasy (at a kink)' : 'uneasy (1e-4…1e-2)' };
  if (rel >= 1e-7) return kink ? { band: 'fine', label: 'fine at a kink (< 1e-4)' } : { band: 'fine', label: 'fine only at kinks (< 1e-4)' };
  return { band: 'good', label: 'good (< 1e-7)' };
}

/** `n` values spaced evenly in log10 from `lo` to `hi` (inclusive), rounded to f32 and 2 digits. */
export function logSpace(lo, hi, n) {
  if (n === 1) return [Math.fround(lo)];
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return Array.from({ length: n }, (_, i) => Math.fround(Number((10 ** (a + (b - a) * i / (n - 1))).toPrecision(2))));
}

/** The sweep's grid around a dataset's default (learning rate, reg): factors of 10 either way. */
export function sweepGrid(learningRate, reg, n = 5) {
  return {
    learning_rates: logSpace(learningRate / 30, learningRate * 30, n),
    regs: logSpace(Math.max(reg, 1e-3) / 100, Math.max(reg, 1e-3) * 100, n),
  };
}

/** Index of the best cell (highest validation accuracy, NaN skipped, the first on ties), or -1. */
export function bestCell(valAcc) {
  let best = -1;
  valAcc.forEach((a, i) => { if (!Number.isNaN(a) && (best < 0 || a > valAcc[best])) best = i; });
  return best;
}

/** A colour for accuracy `t` in [0, 1] (light yellow → dark blue, readable text on each). */
export function heatColour(t) {
  const c = Math.max(0, Math.min(1, t));
  const stops = [[255, 247, 188], [127, 205, 187], [44, 127, 184], [12, 44, 132]];
  const x = c * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const rgb = stops[i].map((v, k) => Math.round(v + (stops[i + 1][k] - v) * f));
  const l = luminance(rgb);
  // Black or white text, whichever contrasts more with the fill (WCAG contrast ratio).
  // Pure black: between black and white one of the two always reaches 4.5.
  const text = (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
  return { fill: `rgb(${rgb.join(',')})`, text };
}

/** WCAG relative luminance of an sRGB colour [r, g, b] (0..255). */
export function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours. */
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
