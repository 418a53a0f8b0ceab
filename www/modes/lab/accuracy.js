// How the lab writes an accuracy (issue 5): top-1 with 4 decimals, and with more than 5 classes the
// top-5 beside it ("0.9080 · top-5 0.9950"); with ≤ 5 classes top-5 is always 1, so it is left out.

/** Top-5 is shown for datasets with more than this many classes. */
export const TOP5_MIN_CLASSES = 6;

/** Whether a dataset of `numClasses` classes shows top-5. */
export const showsTop5 = (numClasses) => numClasses >= TOP5_MIN_CLASSES;

/** `top1` (4 decimals; '' when not finite), then " · top-5 x" when `top5` is finite. */
export function formatAccuracy(top1, top5 = NaN) {
  if (!Number.isFinite(top1)) return '';
  return Number.isFinite(top5) ? `${top1.toFixed(4)} · top-5 ${top5.toFixed(4)}` : top1.toFixed(4);
}

/** The numbers back from a formatted accuracy: {top1, top5} (top5 NaN when absent). */
export function parseAccuracy(text) {
  const m = /^(\d\.\d+)(?: · top-5 (\d\.\d+))?/.exec(String(text));
  return m ? { top1: Number(m[1]), top5: m[2] === undefined ? NaN : Number(m[2]) } : { top1: NaN, top5: NaN };
}
