// Which of the user's files make a dataset, and how: pure functions on paths and sizes only (no
// bytes), so they run in the worker and in node tests alike. The core checks the bytes later.
//
// Formats, by file name (one kind per import; the first present wins in this order):
//   cifar100  train.bin / test.bin (3074-byte records) + optional fine_label_names.txt /
//             coarse_label_names.txt
//   cifar10   data_batch_N.bin / test_batch.bin (3073-byte records) + optional batches.meta.txt
//   idx       *images*idx3* with the *labels*idx1* of the same name (raw or .gz): MNIST's names
//   images    PNG / JPEG / GIF / BMP / WebP in one sub-folder per class (ImageNet / Places
//             layout), optionally under train/ and test/ (or val/) top folders; when every image
//             lies two folders deep (Omniglot's alphabet/characterNN/NNNN_MM.png), one class per
//             inner folder, named "alphabet/characterNN" (the core draws episodes within an
//             alphabet from that prefix, src/fewshot.rs)
// Every file that is not used gets one error line naming it and why.

/** Image file extensions the browser decodes with createImageBitmap. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp', 'avif'];
/** Top folders that name a split instead of a class. */
export const SPLIT_FOLDERS = { train: 'train', training: 'train', test: 'test', testing: 'test',
  val: 'test', valid: 'test', validation: 'test' };
/** Most classes a dataset can have: the core's `MAX_CLASSES` (src/label.rs; labels are u16;
 * tests/node/builds.test.js checks the two agree). ImageNet-1k's 1,000 classes fit. */
export const MAX_CLASSES = 2048;
/** The import formats in order of precedence. */
export const FORMATS = ['cifar100', 'cifar10', 'idx', 'images'];
export const FORMAT_NAMES = { cifar100: 'CIFAR-100 binary', cifar10: 'CIFAR-10 binary batches',
  idx: 'IDX (MNIST-style)', images: 'images in class folders' };

/** Path parts of `path` ('/' or '\' separated, empty parts dropped). */
export function pathParts(path) {
  return String(path).split(/[/\\]+/).filter((p) => p !== '' && p !== '.');
}

const baseName = (path) => pathParts(path).pop() ?? '';
const extension = (name) => (name.includes('.') ? name.split('.').pop().toLowerCase() : '');

/** True for files a system leaves behind (macOS resource forks, thumbnails): skipped silently. */
export function isSystemFile(path) {
  const parts = pathParts(path);
  const name = parts[parts.length - 1] ?? '';
  return parts.includes('__MACOSX') || name.startsWith('.') || name.toLowerCase() === 'thumbs.db' ||
    name.toLowerCase() === 'desktop.ini';
}

export const isZip = (path) => extension(baseName(path)) === 'zip';

/**
 * What one file is, from its name: {type, split?, key?}. type: 'cifar100', 'cifar100-names'
 * (with `mode` fine|coarse), 'cifar10', 'cifar10-names', 'idx-images', 'idx-labels', 'image',
 * 'zip' or 'unknown'.
 */
export function fileType(path) {
  const name = baseName(path).toLowerCase();
  const bare = name.replace(/\.gz$/, '');
  if (bare === 'train.bin' || bare === 'test.bin') return { type: 'cifar100', split: bare.slice(0, -4) };
  if (bare === 'fine_label_names.txt') return { type: 'cifar100-names', mode: 'fine' };
  if (bare === 'coarse_label_names.txt') return { type: 'cifar100-names', mode: 'coarse' };
  if (/^data_batch_\d+\.bin$/.test(bare)) return { type: 'cifar10', split: 'train' };
  if (bare === 'test_batch.bin') return { type: 'cifar10', split: 'test' };
  if (bare === 'batches.meta.txt') return { type: 'cifar10-names' };
  if (/idx3/.test(bare) || /images?[-_.]?idx/.test(bare)) return { type: 'idx-images', ...idxPlace(path) };
  if (/idx1/.test(bare) || /labels?[-_.]?idx/.test(bare)) return { type: 'idx-labels', ...idxPlace(path) };
  if (isZip(name)) return { type: 'zip' };
  if (IMAGE_EXTENSIONS.includes(extension(name))) return { type: 'image' };
  return { type: 'unknown' };
}

/** The pairing key (folder + name with images/labels and idx3/idx1 made equal) and the split. */
function idxPlace(path) {
  const parts = pathParts(path.toLowerCase());
  const bare = parts.pop().replace(/\.gz$/, '');
  const key = [...parts, bare.replace(/idx[13]/, 'idx').replace(/images?|labels?/, '*')].join('/');
  const split = /^(t10k|test)/.test(bare) ? 'test' : /^train/.test(bare) ? 'train' : null;
  return { key, split };
}

/**
 * Sorts `entries` ([{path}]) into one dataset plan. Indices refer to `entries`.
 * @returns {{format: string|null, idx: {split, images, labels}[], batches: {split, entry}[],
 *   names: {fine?: number, coarse?: number, cifar10?: number}, images: {entry, split, label}[],
 *   classNames: string[], errors: {file: string, why: string}[], skipped: string[]}}
 */
export function classify(entries) {
  const plan = { format: null, idx: [], batches: [], names: {}, images: [], classNames: [], errors: [],
    skipped: [] };
  const typed = [];
  entries.forEach((e, i) => {
    if (isSystemFile(e.path)) return plan.skipped.push(e.path);
    const t = fileType(e.path);
    if (t.type === 'unknown') {
      return plan.errors.push({ file: e.path,
        why: 'unknown file type (not an image, IDX file, CIFAR batch or .zip)' });
    }
    if (t.type === 'zip') return plan.errors.push({ file: e.path, why: 'a zip inside the import (unpack it first)' });
    typed.push({ ...t, i, path: e.path });
  });
  const has = (...types) => typed.some((t) => types.includes(t.type));
  plan.format = has('cifar100') ? 'cifar100' : has('cifar10') ? 'cifar10'
    : has('idx-images', 'idx-labels') ? 'idx' : has('image') ? 'images' : null;
  const used = new Set();
  if (plan.format === 'cifar100' || plan.format === 'cifar10') {
    for (const t of typed.filter((x) => x.type === plan.format)) {
      plan.batches.push({ split: t.split, entry: t.i });
      used.add(t.i);
    }
    const byName = (a, b) => entries[a.entry].path.localeCompare(entries[b.entry].path, 'en', { numeric: true });
    plan.batches.sort((a, b) => (a.split === b.split ? byName(a, b) : a.split === 'train' ? -1 : 1));
    for (const t of typed.filter((x) => x.type === `${plan.format}-names`)) {
      plan.names[t.mode ?? 'cifar10'] = t.i;
      used.add(t.i);
    }
  } else if (plan.format === 'idx') {
    pairIdx(typed, plan, used);
  } else if (plan.format === 'images') {
    classFolders(typed.filter((t) => t.type === 'image'), plan, used);
  }
  for (const t of typed) {
    if (used.has(t.i) || plan.errors.some((e) => e.file === t.path)) continue;
    plan.errors.push({ file: t.path, why: unusedReason(t, plan.format) });
  }
  return plan;
}

function unusedReason(t, format) {
  if (t.type === 'cifar100-names') return 'a CIFAR-100 label-name file without train.bin / test.bin';
  if (t.type === 'cifar10-names') return 'a CIFAR-10 label-name file without data batches';
  return `not used: this import reads ${FORMAT_NAMES[format]} (load one kind of data at a time)`;
}

function pairIdx(typed, plan, used) {
  const images = typed.filter((t) => t.type === 'idx-images');
  const labels = new Map(typed.filter((t) => t.type === 'idx-labels').map((t) => [t.key, t]));
  for (const im of images) {
    const lab = labels.get(im.key);
    if (!lab) {
      plan.errors.push({ file: im.path, why: 'IDX images without their labels file (e.g. train-labels-idx1-ubyte beside train-images-idx3-ubyte)' });
      continue;
    }
    labels.delete(im.key);
    plan.idx.push({ split: im.split, images: im.i, labels: lab.i, path: im.path });
    used.add(im.i).add(lab.i);
  }
  for (const lab of labels.values()) {
    plan.errors.push({ file: lab.path, why: 'a label file without images (its images file is missing or named differently)' });
    used.add(lab.i);
  }
  // Files that do not say train / test (e.g. "letters-images-idx3-ubyte") are training data.
  for (const p of plan.idx) p.split ??= 'train';
  plan.idx.sort((a, b) => (a.split === b.split ? a.path.localeCompare(b.path) : a.split === 'train' ? -1 : 1));
  plan.idx.forEach((p) => delete p.path);
}

/** Images arranged `[root/][train|test/]class/…/file`: labels by sorted class-folder name. */
function classFolders(images, plan, used) {
  let parts = images.map((t) => pathParts(t.path));
  // Strip folders every image shares (the picked folder, the zip's top folder), keeping
  // split/class/file.
  while (parts.length && parts.every((p) => p.length >= 2 && p[0] === parts[0][0]) &&
    parts.some((p) => p.length >= 3) &&
    !(parts[0][0].toLowerCase() in SPLIT_FOLDERS)) {
    parts = parts.map((p) => p.slice(1));
  }
  const splitLayout = parts.some((p) => p.length >= 3) &&
    parts.every((p) => p.length >= 2 && p[0].toLowerCase() in SPLIT_FOLDERS);
  const top = splitLayout ? 1 : 0; // where the class folder is
  // Omniglot's layout, group/class/file for every image: the class is "group/class".
  const grouped = parts.length > 0 && parts.every((p) => p.length === top + 3);
  const placed = [];
  images.forEach((t, k) => {
    const p = parts[k];
    if (p.length < (splitLayout ? 3 : 2)) {
      plan.errors.push({ file: t.path, why: 'not in a class folder (put each class\'s images in a sub-folder named after it)' });
      used.add(t.i);
      return;
    }
    const split = splitLayout ? SPLIT_FOLDERS[p[0].toLowerCase()] : null;
    placed.push({ entry: t.i, split, className: grouped ? `${p[top]}/${p[top + 1]}` : p[top] });
    used.add(t.i);
  });
  const names = [...new Set(placed.map((x) => x.className))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (names.length > MAX_CLASSES) {
    plan.errors.push({ file: `${names.length} class folders`, why: `more than ${MAX_CLASSES} classes` });
    return;
  }
  plan.classNames = names;
  const label = new Map(names.map((n, i) => [n, i]));
  plan.images = placed.map((x) => ({ entry: x.entry, split: x.split, label: label.get(x.className) }));
}

/**
 * Class names from a names file's text (one per line, in label order; blank lines dropped).
 * @returns {{names: string[]} | {error: string}}
 */
export function parseNames(text) {
  const names = String(text).split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) return { error: 'no class names in it (one name per line expected)' };
  if (names.length > MAX_CLASSES) return { error: `${names.length} lines, more than ${MAX_CLASSES} classes` };
  const long = names.find((n) => n.length > 100);
  if (long) return { error: `a line longer than 100 characters ("${long.slice(0, 20)}…"): not a names file?` };
  return { names };
}
