// Pure helpers of the lab's panels: relative-error bands of a gradient check, sweep grids
// and the heat-map colour scale.

/** Columns per gradient-check row from the core (`GradCheck.rows()`). */
export const GRADCHECK_COLUMNS = 8;

/**
 * The verdict on one gradient-check row (CS231n notes, "Neural Networks 3", §"Gradient checks"):
 * > 1e-2 probably wrong; 1e-2..1e-4 uncomfortable; 1e-7..1e-4 fine only where a kink is crossed
 * (too high for a smooth piece); < 1e-7 good. Two rules come first:
 * - `between` (case C14, the core's `kink_by_slopes`): the error is ≥ 1e-4 while the analytic
 *   value lies between the left and right one-sided slopes: the stencil straddles a kink and the
 *   analytic value is a valid subgradient — a kink, never "wrong", however large the error;
 * - `belowRounding`: the two gradients differ by less than the centred difference's rounding
 *   (both ≈ 0): the error cannot be resolved and is not counted in the headline.
 * Returns {band, label}: the label is the words beside the colour, so colour is never the only cue.
 */
export function relErrorBand(rel, { kink = false, between = false, belowRounding = false } = {}) {
  if (rel < 1e-7) return { band: 'good', label: 'good (< 1e-7)' };
  if (belowRounding) return { band: 'good', label: 'good: difference below rounding (not counted)' };
  if (between) return { band: 'fine', label: 'kink: analytic lies between the one-sided slopes ✓' };
  if (!(rel <= 1e-2)) return { band: 'wrong', label: kink ? 'wrong (> 1e-2), even for a kink' : 'wrong (> 1e-2)' };
  if (rel >= 1e-4) return { band: 'uneasy', label: kink ? 'uneasy (at a kink)' : 'uneasy (1e-4…1e-2)' };
  return kink
    ? { band: 'fine', label: 'fine at a kink (< 1e-4)' }
    : { band: 'uneasy', label: 'too high for a smooth piece (expect < 1e-7)' };
}

/**
 * The gradient check's note under the table, from its rows (flat, GRADCHECK_COLUMNS per row), for
 * `loss` ('svm' | 'softmax') and `regularization` ('l2' | 'l1' | …), with `noiseFloor` the
 * centred difference's rounding. Every sentence agrees with the rows' verdicts.
 */
export function gradcheckNote(rows, loss, regularization, noiseFloor) {
  const n = rows.length / GRADCHECK_COLUMNS;
  let kinks = 0; let between = 0; let rounding = 0; let smoothHigh = 0;
  for (let i = 0; i < rows.length; i += GRADCHECK_COLUMNS) {
    const kink = rows[i + 4] === 1; const flags = rows[i + 7];
    if (kink) kinks += 1;
    if (flags & 1) between += 1;
    if (flags & 2) rounding += 1;
    if (!kink && !(flags & 2) && rows[i + 3] >= 1e-7 && rows[i + 3] <= 1e-2) smoothHigh += 1;
  }
  const parts = [];
  const where = loss === 'svm'
    ? (regularization === 'l1' ? 'a hinge or a sign of w under the L1 penalty' : 'a hinge')
    : (regularization === 'l1' ? 'a sign of w under the L1 penalty; softmax itself is smooth' : 'none, this loss is smooth');
  parts.push(kinks > 0
    ? `${kinks} of ${n} coordinates crossed a kink (${where}) within ±h: there the centred difference is not the derivative` +
      (between > 0 ? `; in ${between} of them the analytic value lies between the one-sided slopes, so it is a valid subgradient.` : '.')
    : `No kink crossed within ±h (kinks here: ${where}).`);
  if (rounding > 0) parts.push(`${rounding} row${rounding > 1 ? 's' : ''} differ by less than the rounding floor ≈ ${noiseFloor.toExponential(1)} (both gradients ≈ 0): not counted in the worst error.`);
  else parts.push(`Rounding floor ≈ ${noiseFloor.toExponential(1)}.`);
  if (smoothHigh > 0) {
    parts.push(loss === 'svm'
      ? `${smoothHigh} row${smoothHigh > 1 ? 's' : ''} on a linear piece read above 1e-7: a piecewise-linear loss is differenced exactly up to rounding, so look there first.`
      : `${smoothHigh} smooth row${smoothHigh > 1 ? 's' : ''} read above 1e-7: with raw pixels (|x| up to 255) the centred difference's truncation error grows like h²·x²/6; try h = 0.000001 — truncation falls a hundredfold, a wrong gradient would not.`);
  }
  return parts.join(' ');
}

/** The static hint beside the gradient check, for `loss`. */
export function gradcheckHint(loss) {
  return loss === 'svm'
    ? 'The multiclass SVM loss is piecewise linear in w: between kinks the centred difference is exact up to rounding, so errors near 1e-11 or 0 are expected; at a kink (a margin crossing 0 within ±h) the two one-sided slopes differ and the analytic subgradient lies between them.'
    : 'Softmax is smooth: the centred difference\'s error is truncation, ≈ h²·x²/6 with raw pixels minus the mean (|x| up to 255), about 1e-6 at h = 1e-5 — just above 1e-7. Try h = 0.000001: the error falls a hundredfold, as truncation error should; a wrong gradient would not improve.';
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
