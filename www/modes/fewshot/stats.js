// Pure helpers of the few-shot page: the summary of episode accuracies (mean ± 95 % confidence
// interval, as few-shot papers report it) and its text. No DOM.

/** z for a two-sided 95 % normal interval. */
export const Z95 = 1.96;

/**
 * Mean, population std (as the core's FewShotResult) and the 95 % confidence interval half-width
 * of the mean, 1.96 · s / √n with the sample std s (0 for a single episode).
 * Source: Vinyals et al. 2016 and later few-shot papers report "mean ± 95 % CI" over episodes.
 */
export function summarise(accuracies) {
  const n = accuracies.length;
  if (n === 0) return { n: 0, mean: NaN, std: NaN, ci95: NaN };
  let sum = 0;
  for (const a of accuracies) sum += a;
  const mean = sum / n;
  let ss = 0;
  for (const a of accuracies) ss += (a - mean) ** 2;
  const std = Math.sqrt(ss / n);
  const ci95 = n > 1 ? (Z95 * Math.sqrt(ss / (n - 1))) / Math.sqrt(n) : 0;
  return { n, mean, std, ci95 };
}

/** "0.734 ± 0.012" (mean ± 95 % CI), '' before any episode. */
export function formatAccuracy(summary) {
  if (!summary || !(summary.n > 0)) return '';
  return `${summary.mean.toFixed(3)} ± ${summary.ci95.toFixed(3)}`;
}

/**
 * The running mean and its 95 % CI after each episode, for the progress chart: arrays of
 * length n (O(n), Welford's update). Source: Welford, Technometrics 4(3), 1962.
 */
export function runningSummary(accuracies) {
  const n = accuracies.length;
  const mean = new Array(n);
  const lower = new Array(n);
  const upper = new Array(n);
  let m = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const a = accuracies[i];
    const d = a - m;
    m += d / (i + 1);
    m2 += d * (a - m);
    const ci = i > 0 ? (Z95 * Math.sqrt(m2 / i)) / Math.sqrt(i + 1) : 0;
    mean[i] = m;
    lower[i] = m - ci;
    upper[i] = m + ci;
  }
  return { mean, lower, upper };
}

/** Chance accuracy of an N-way episode: 1/N. */
export const chance = (nWay) => 1 / nWay;

/**
 * The caption's one-line explanation of an N-way K-shot episode. `classNames` reads like
 * '10 MNIST classes'; `numClasses` (when known) is its count: N equal to it uses every class.
 */
export function explain(state, classNames, numClasses) {
  const { n_way: n, k_shot: k, num_queries: q } = state;
  const pics = (c) => (c === 1 ? 'image' : 'images');
  const picks = n === numClasses ? `uses all ${classNames}` : `picks ${n} of the ${classNames} at random`;
  return `${n}-way ${k}-shot: each episode ${picks}, shows ${k} ` +
    `labelled ${pics(k)} of each (the support set, ${n * k} in all), then labels ${q} new ` +
    `${pics(q)} per class (the queries) by the nearest support image. Guessing gets 1/${n} = ` +
    `${chance(n).toFixed(3)} right.`;
}

/** Omniglot's one-shot mean error as the page shows it (`oneshot-error`): percent, two decimals. */
export const formatError = (errors) => (errors.reduce((sum, e) => sum + e, 0) / errors.length).toFixed(2);
