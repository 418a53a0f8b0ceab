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
