// Renders the import's state: the progress bar, the summary of what loaded, and one line per file
// that could not be used (file name, then why). Pure: the same state gives the same elements.

/** Most lines the list of unusable files shows. */
export const MAX_ERROR_LINES = 50;

/** The summary line of a finished import. */
export function summaryText(summary) {
  if (!summary) return 'Nothing could be loaded from these files.';
  const shape = `${summary.height}×${summary.width}${summary.channels === 3 ? ' RGB' : ' grayscale'}`;
  const test = summary.held_out ? `${summary.num_test_records} test (held out)` : `${summary.num_test_records} test`;
  const counts = summary.num_test_records ? `${summary.num_train_records} training + ${test}` : `${summary.num_train_records} training`;
  return `Loaded ${summary.format_name}: ${counts} images, ` +
    `${shape}, ${summary.num_classes} classes (${summary.class_names.slice(0, 8).join(', ')}` +
    `${summary.class_names.length > 8 ? ', …' : ''}).`;
}

/**
 * `parts`: {progress, progressLabel, summary, errors} elements; `state`: {phase: 'idle'|'reading'|
 * 'done', done, total, what, summary, errors: [{file, why}]}.
 */
export function renderImportStatus(parts, state) {
  const reading = state.phase === 'reading';
  parts.progress.hidden = !reading;
  parts.progress.max = Math.max(1, state.total);
  parts.progress.value = Math.min(state.done, state.total);
  parts.progressLabel.textContent = reading ? `${state.what} (${state.done} / ${state.total})` : '';
  parts.summary.textContent = state.phase === 'done' ? summaryText(state.summary) : '';
  parts.summary.dataset.ok = String(Boolean(state.summary));
  const all = state.phase === 'done' ? state.errors : [];
  // At most MAX_ERROR_LINES lines (a zip of 10,000 unusable entries is one more line, not 10,000).
  const lines = all.length > MAX_ERROR_LINES
    ? [...all.slice(0, MAX_ERROR_LINES - 1), { file: `${all.length - MAX_ERROR_LINES + 1} more files`, why: 'not used either (the first ones above say why)' }]
    : all;
  parts.errors.replaceChildren(...lines.map((e) => {
    const li = parts.errors.ownerDocument.createElement('li');
    const name = parts.errors.ownerDocument.createElement('strong');
    name.textContent = e.file;
    li.append(name, `: ${e.why}`);
    return li;
  }));
  parts.errors.hidden = lines.length === 0;
}
