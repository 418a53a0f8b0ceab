// Pure helpers of the k-NN page: accuracy, cross-validation summaries, seeded choices. No DOM.

/** Fraction and count of `predicted` equal to `labels` (same length). */
export function accuracy(predicted, labels) {
  if (predicted.length !== labels.length) {
    throw new Error(`${predicted.length} predictions for ${labels.length} labels`);
  }
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct += 1;
  return { correct, total: labels.length, acc: labels.length ? correct / labels.length : 0 };
}

/**
 * Top-`top` accuracy from ranked classes `ranks: (N, width)` row-major (pool.js RANKED columns,
 * best first) and the true `labels: (N,)`: the fraction whose label is in the first `top` columns.
 */
export function topAccuracy(ranks, labels, width, top = 5) {
  if (ranks.length !== labels.length * width) {
    throw new Error(`${ranks.length} ranked classes for ${labels.length} labels × ${width}`);
  }
  let hits = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = 0; j < Math.min(top, width); j++) {
      if (ranks[i * width + j] === labels[i]) {
        hits += 1;
        break;
      }
    }
  }
  return { correct: hits, total: labels.length, acc: labels.length ? hits / labels.length : 0 };
}

/** Mean accuracies closer than this are a tie (f32 accuracies, folds of at most 60 000 images). */
export const TIE_EPS = 1e-6;

/**
 * Cross-validation summary from the core's accuracies `(len(k_choices), num_folds)` row-major:
 * per k the folds, mean and population std (as CS231n's plot), and the best k: highest mean,
 * ties to the smaller k.
 */
export function summariseCv(kChoices, accuracies, numFolds) {
  if (accuracies.length !== kChoices.length * numFolds) {
    throw new Error(`${accuracies.length} accuracies for ${kChoices.length} k × ${numFolds} folds`);
  }
  const rows = kChoices.map((k, i) => {
    const folds = Array.from(accuracies.slice(i * numFolds, (i + 1) * numFolds));
    const mean = folds.reduce((a, b) => a + b, 0) / numFolds;
    const std = Math.sqrt(folds.reduce((a, b) => a + (b - mean) ** 2, 0) / numFolds);
    return { k, folds, mean, std };
  });
  // Accuracies arrive as f32: means equal in counts may differ in the last bits, so "equal" is
  // within TIE_EPS.
  let best = rows[0];
  for (const r of rows) {
    if (r.mean > best.mean + TIE_EPS || (Math.abs(r.mean - best.mean) <= TIE_EPS && r.k < best.k)) best = r;
  }
  return { rows, best_k: best.k, best_mean: best.mean };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same numbers everywhere. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct rows of 0..n, chosen with `seed` (fewer when n is smaller), in drawn order. */
export function randomRows(n, count, seed) {
  const next = rng(seed);
  const rows = [];
  const want = Math.min(count, n);
  while (rows.length < want) {
    const r = Math.floor(next() * n);
    if (!rows.includes(r)) rows.push(r);
  }
  return rows;
}

/**
 * Parse the gallery's row list ("3, 17, 250") against a test subset of `n` rows.
 * @returns {{rows: number[]} | {error: string}}
 */
export function parseRows(text, n, most = 8) {
  const parts = String(text).split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) return { error: 'gallery: give at least one test image number' };
  if (parts.length > most) return { error: `gallery: at most ${most} test images` };
  const rows = [];
  for (const part of parts) {
    if (!/^\d{1,6}$/.test(part) || Number(part) >= n) {
      const shown = part.length > 20 ? `${part.slice(0, 20)}…` : part;
      return { error: `gallery: ${JSON.stringify(shown)} is not a test image number in 0..${n - 1}` };
    }
    if (!rows.includes(Number(part))) rows.push(Number(part));
  }
  return { rows };
}

/** Training-subset sizes to time predicting with: 1/8, 1/4, 1/2 and all of `numTrain` (distinct, ≥ 1). */
export function timingSizes(numTrain) {
  return [...new Set([8, 4, 2, 1].map((d) => Math.max(1, Math.round(numTrain / d))))];
}

/** Milliseconds as text: "0.4 ms", "37 ms", "12.3 s". */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return '';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 10000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}
