// Settings that fit the user's data: after an import, sizes the data cannot meet shrink to what
// it holds; sizes that fit stay (so a shared link replays on the same files bit for bit).

/** Share of the training records used for validation when the settings must shrink. */
export const VAL_SHARE = 0.1;

/**
 * `state` with `num_train`, `num_val`, `num_test` and `batch_size` fitted to `summary`
 * ({num_train_records, num_test_records}) and `limits` (the properties' maxima).
 */
export function fitToData(state, summary, limits = { num_train: 59999, num_val: 10000, num_test: 10000 }) {
  const next = { ...state };
  const n = summary.num_train_records;
  if (next.num_train + next.num_val > n) {
    next.num_val = Math.min(limits.num_val, Math.max(1, Math.round(n * VAL_SHARE)));
    next.num_train = Math.min(limits.num_train, Math.max(1, n - next.num_val));
  }
  if (next.num_test > summary.num_test_records) {
    next.num_test = Math.min(limits.num_test, Math.max(1, summary.num_test_records));
  }
  if (next.batch_size > next.num_train) next.batch_size = next.num_train;
  return next;
}
