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

/** Keys an import may change, in the order the note lists them. */
const NOTE_KEYS = ['learning_rate', 'reg', 'num_train', 'num_val', 'num_test', 'batch_size'];

/**
 * The one-off status note after an import: which settings changed from `before` to `after` and
 * why (learning_rate / reg take the `files` defaults of docs/DEFAULTS.md when they were at the old
 * dataset's defaults; the sizes and batch_size shrink to the data). '' when nothing changed.
 * `format(name, value)` writes a value as the URL does.
 */
export function fitNote(before, after, format = (name, v) => String(v)) {
  const changed = (keys) => keys.filter((k) => before[k] !== after[k]).map((k) => `${k} ${format(k, after[k])}`);
  const parts = [];
  const defaults = changed(NOTE_KEYS.slice(0, 2));
  if (defaults.length) parts.push(`${defaults.join(', ')} (the defaults for your files)`);
  const sizes = changed(NOTE_KEYS.slice(2));
  if (sizes.length) parts.push(`${sizes.join(', ')} (fitted to the images loaded)`);
  return parts.length ? `settings for your files: ${parts.join('; ')}` : '';
}
