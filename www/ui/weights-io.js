// Saving the run's weights to a file and reading one back (format: docs/WEIGHTS.md). The checks of
// the file's contents are the core's (src/weights.rs); here only what the browser must decide first.

/** Larger files are refused before they are read (CIFAR-10's weights are about 135 kB). */
export const MAX_WEIGHTS_BYTES = 64 * 1024 * 1024;

/** The download's file name: `classplay-<dataset>-<loss>-iter<iteration>.bin`. */
export function weightsFileName(dataset, loss, iteration) {
  const safe = (s) => String(s).replace(/[^a-z0-9_-]/gi, '');
  return `classplay-${safe(dataset)}-${safe(loss)}-iter${Number(iteration) | 0}.bin`;
}

/** A problem with `file` that can be told before reading it, or null. */
export function fileProblem(file) {
  if (!file) return 'no file was chosen';
  if (file.size === 0) return `${file.name}: the file is empty`;
  if (file.size > MAX_WEIGHTS_BYTES) {
    return `${file.name}: ${file.size} bytes is more than a weights file can be (${MAX_WEIGHTS_BYTES} at most)`;
  }
  return null;
}

/** Offer `bytes` as a download called `name`. */
export function downloadBytes(bytes, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The iteration a weights file was exported at, read from the download's name
 * (`…-iter1500.bin`, also `…-iter1500 (1).bin` as browsers rename copies), or null. The file
 * format (docs/WEIGHTS.md) has no field for it.
 */
export function exportedIteration(name) {
  const m = /-iter(\d{1,9})(?: \(\d+\))?\.bin$/i.exec(String(name));
  return m ? Number(m[1]) : null;
}

/** The line naming the weights in use after an import (weights panel, status detail). */
export function importedLine(name) {
  const at = exportedIteration(name);
  return `weights imported from ${name}${at === null ? '' : ` (exported at iteration ${at})`}`;
}

/**
 * Which weights a result comes from, as a phrase after "predictions" or "image #3": 'at
 * iteration 40' of this run, or, once weights were imported (`imported` = {at: the run's
 * iteration then}), 'with the imported weights' and '… + N iterations' after training on.
 */
export function weightsPhrase(iteration, imported) {
  if (!imported || iteration < imported.at) return `at iteration ${iteration}`;
  const more = iteration - imported.at;
  return `with the imported weights${more ? ` + ${more} iteration${more === 1 ? '' : 's'}` : ''}`;
}
