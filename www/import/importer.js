// The worker's side of the import: unzips (fflate), sorts the files (classify.js), decodes images
// (createImageBitmap + OffscreenCanvas at their own size, the centred square area-averaged to the
// chosen size in the core), tries every file in the core, and
// keeps a recipe that loads the same data again into the Playground for each run (`dataset=files`).
// The files never leave the browser: they are read here, in the worker.

import { FORMAT_NAMES, classify, isSystemFile, isZip, parseNames } from './classify.js';
import { centreSquare, fromRgba } from './pixels.js';
import { ZipError, unzipBounded, zipBudget } from './unzip.js';
import { HEADER_BYTES, imageSize } from './image-size.js';
import { MAX_IMAGE_PIXELS } from './budgets.js';

/** The dataset key of the user's files in the URL. */
export const FILES = 'files';
/** The message of a `dataset=files` link opened before any file was picked. */
export const NO_FILES_MESSAGE = 'dataset=files: this link uses your own files, which never ' +
  'leave your browser — pick them again (files, a folder or a .zip), then it runs on them';

let recipe = null; // what the last successful import loads: {format, ..., generation}
let generation = 0;

/** True once files were imported in this worker. */
export const hasImport = () => recipe !== null;

/**
 * What the last import loads (null before one): plain objects and Uint8Arrays (decoded pixels,
 * or the files' bytes), so another worker can take it with `adoptImport` instead of decoding the
 * files again (the k-NN mode's pool). Structured-cloned when posted; this worker keeps its own.
 */
export const exportImport = () => recipe;

/** Takes `r` (another worker's `exportImport()`) as this worker's import. */
export function adoptImport(r) {
  if (!r || !Array.isArray(r.parts) || !r.parts.length) throw new Error('the imported data is missing (import the files again)');
  recipe = r;
  generation += 1;
}

/** A key that changes whenever the data a `files` run sees changes. */
export function importKey(config) {
  return `${generation}:${config.label_mode}:${recipe?.needsHoldOut ? config.seed : ''}`;
}

/**
 * An import's `progress(done, total, what)` that calls `report({done, total, what})` at most
 * `perSecond` times a second (always for the last file); `now()` gives milliseconds.
 */
export function throttleProgress(report, perSecond, now = () => performance.now()) {
  let last = -Infinity;
  return (done, total, what) => {
    const t = now();
    if (done < total && t - last < 1000 / perSecond) return;
    last = t;
    report({ done, total, what });
  };
}

const errorText = (e) => (e instanceof Error ? e.message : String(e));

/** Bytes of an entry (a File / Blob from the page, or bytes out of a zip). */
async function bytesOf(entry) {
  return entry.bytes ?? new Uint8Array(await entry.file.arrayBuffer());
}

/**
 * Expands .zip files into their entries within one budget for the whole import (unzip.js:
 * MAX_UNZIPPED_BYTES unpacked, MAX_ZIP_ENTRIES entries, declared and actual sizes both checked);
 * a zip refused or unreadable is one error, an entry that cannot be used (a `../` name, damaged)
 * one error each.
 */
async function expand(items, errors, progress) {
  const entries = [];
  const budget = zipBudget();
  for (const it of items) {
    if (!isZip(it.path)) {
      entries.push({ path: it.path, file: it.file });
      continue;
    }
    progress(`unzipping ${it.path}`);
    try {
      const r = unzipBounded(new Uint8Array(await it.file.arrayBuffer()), budget, isSystemFile);
      for (const f of r.files) entries.push({ path: f.name, bytes: f.bytes });
      errors.push(...r.errors.map((e) => ({ file: `${it.path}: ${e.file}`, why: e.why })));
    } catch (e) {
      errors.push({ file: it.path, why: e instanceof ZipError && e.budget ? `refused: ${e.message}` : `not a readable zip (${errorText(e)})` });
    }
  }
  return entries;
}

/** Largest image the import decodes, in pixels (budgets.js). */
export { MAX_IMAGE_PIXELS };

/** An image over MAX_IMAGE_PIXELS: its message is the whole reason (it was readable). */
class TooLarge extends Error {}

/**
 * Decodes one image to `(size, size, channels)` u8: decoded at its own size (EXIF orientation
 * applied, no colour conversion), drawn over white at 1:1 (so transparency turns white and no
 * pixel is resampled), its centred square read back, and that square resized by the exact area
 * average in the core (`resize_area`, src/data/resize.rs: no moiré, case C21), then made
 * grayscale or RGB (pixels.js).
 */
async function decodeImage(core, entry, size, channels) {
  // Its size from its header first: a 400 KB PNG declaring 20000×20000 is refused before decoding.
  const head = entry.bytes ? entry.bytes.subarray(0, HEADER_BYTES)
    : new Uint8Array(await entry.file.slice(0, HEADER_BYTES).arrayBuffer());
  const declared = imageSize(head);
  if (declared && declared.width * declared.height > MAX_IMAGE_PIXELS) {
    throw new TooLarge(`its ${declared.format} header says ${declared.width}×${declared.height} pixels, more than the ` +
      `${MAX_IMAGE_PIXELS} (4096×4096) the import reads; make the image smaller first`);
  }
  if (declared && (declared.width === 0 || declared.height === 0)) throw new Error(`its ${declared.format} header says 0 pixels`);
  const blob = entry.bytes ? new Blob([entry.bytes]) : entry.file;
  const bitmap = await createImageBitmap(blob, {
    colorSpaceConversion: 'none', premultiplyAlpha: 'none', imageOrientation: 'from-image',
  });
  let rgba;
  let side;
  try {
    const { width, height } = bitmap;
    if (width * height > MAX_IMAGE_PIXELS) {
      throw new TooLarge(`${width}×${height} pixels is more than the ${MAX_IMAGE_PIXELS} (4096×4096) ` +
        'the import reads at full size; make the image smaller first');
    }
    const [sx, sy, sw] = centreSquare(width, height);
    side = sw;
    const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0);
    rgba = ctx.getImageData(sx, sy, side, side).data;
  } finally {
    bitmap.close();
  }
  return fromRgba(core.resize_area(rgba, side, side, 4, size, size), channels);
}

/**
 * Imports `items` ([{path, file}]) with `options` {size, channels, test_share, label_mode, seed}:
 * every usable file goes into `pg`, every other one into `errors` with the reason. Without a
 * test split, a seeded `test_share` of each class is held out (none when it is 0).
 * `progress(done, total, what)` reports; returns {summary, errors} (summary null when nothing
 * could be used).
 */
export async function importFiles(core, pg, items, options, progress) {
  const errors = [];
  const say = (what) => progress(0, 0, what);
  const entries = await expand(items, errors, say);
  const plan = classify(entries.map((e) => ({ path: e.path })));
  errors.push(...plan.errors);
  if (!plan.format) {
    if (!errors.length) errors.push({ file: '(nothing)', why: 'no files were picked' });
    return { summary: null, errors };
  }
  const next = { format: plan.format, needsHoldOut: false, testShare: options.test_share, parts: [] };
  const total = plan.format === 'images' ? plan.images.length : plan.batches.length + plan.idx.length;
  let done = 0;
  const tick = (what) => progress(++done, total, what);
  if (plan.format === 'images') {
    await decodeImages(core, plan, entries, options, next, errors, tick);
  } else {
    for (const b of plan.batches) {
      next.parts.push({ split: b.split, bytes: await bytesOf(entries[b.entry]), file: entries[b.entry].path });
      tick(entries[b.entry].path);
    }
    for (const p of plan.idx) {
      const [im, lab] = [entries[p.images], entries[p.labels]];
      next.parts.push({ split: p.split, images: await bytesOf(im), labels: await bytesOf(lab),
        file: `${im.path} + ${lab.path}` });
      tick(im.path);
    }
    for (const [mode, i] of Object.entries(plan.names)) {
      const r = parseNames(new TextDecoder().decode(await bytesOf(entries[i])));
      if ('error' in r) errors.push({ file: entries[i].path, why: r.error });
      else next[`${mode}Names`] = { names: r.names, file: entries[i].path };
    }
  }
  // Try every part in the core, in a scratch Playground: a refused file becomes an error line,
  // the rest loads; `pg` (the data and run in use) is touched only once something loads (issue 11,
  // item 12: a failed import keeps the previous dataset and run).
  const kept = [];
  const trial = new core.Playground();
  try {
    for (const part of next.parts) {
      try {
        loadInto(core, trial, next, options, kept.concat([part]), { names: false, holdOut: false });
        kept.push(part);
      } catch (e) {
        errors.push({ file: part.file, why: errorText(e) });
      }
    }
    next.parts = kept;
    if (!kept.length) return { summary: null, errors };
    // A test share of 0 keeps every record of a split-less import for training (few-shot episodes).
    next.needsHoldOut = next.testShare > 0 && !kept.some((p) => p.split === 'test');
    for (const key of ['fineNames', 'coarseNames', 'cifar10Names']) {
      if (!next[key]) continue;
      try {
        loadInto(core, trial, next, options, kept, { names: false, holdOut: false });
        setNames(trial, next, key);
      } catch (e) {
        errors.push({ file: next[key].file, why: errorText(e) });
        delete next[key];
      }
    }
    loadInto(core, trial, next, options, kept); // the hold-out too: a failure here leaves `pg` as it was
  } finally {
    trial.free();
  }
  loadInto(core, pg, next, options, kept);
  recipe = next;
  generation += 1;
  const summary = {
    format: next.format, format_name: FORMAT_NAMES[next.format],
    height: pg.height(), width: pg.width(), channels: pg.channels(),
    num_classes: pg.num_classes(), class_names: Array.from(pg.class_names()),
    num_train_records: pg.num_records('train'), num_test_records: pg.num_records('test'),
    held_out: next.needsHoldOut, files: kept.length,
  };
  return { summary, errors };
}

async function decodeImages(core, plan, entries, options, next, errors, tick) {
  const { size, channels } = options;
  const splits = { train: { pixels: [], labels: [] }, test: { pixels: [], labels: [] } };
  for (const img of plan.images) {
    const entry = entries[img.entry];
    try {
      const px = await decodeImage(core, entry, size, channels);
      const s = splits[img.split ?? 'train'];
      s.pixels.push(px);
      s.labels.push(img.label);
    } catch (e) {
      const why = e instanceof TooLarge ? e.message : `not a readable image (${errorText(e) || 'decoding failed'})`;
      errors.push({ file: entry.path, why });
    }
    tick(entry.path);
  }
  next.size = size;
  next.channels = channels;
  next.classNames = plan.classNames;
  for (const [split, s] of Object.entries(splits)) {
    if (!s.labels.length) continue;
    const pixels = new Uint8Array(s.labels.length * size * size * channels);
    s.pixels.forEach((px, k) => pixels.set(px, k * px.length));
    next.parts.push({ split, pixels, labels: Uint16Array.from(s.labels), file: `${s.labels.length} ${split} images` });
  }
}

function setNames(pg, r, key) {
  const mode = key === 'cifar10Names' ? 'cifar10' : key.replace('Names', '');
  if (r.format === 'cifar100' && mode !== r.labelMode) return;
  pg.set_class_names(r[key].names);
}

/**
 * Loads `parts` of recipe `r` into `pg` (emptied first): the kind follows the format (and
 * `label_mode` for CIFAR-100), then the names file and the seeded hold-out of a test share.
 */
function loadInto(core, pg, r, config, parts = r.parts, { names = true, holdOut = true } = {}) {
  const K = core.DatasetKind;
  r.labelMode = config.label_mode === 'coarse' ? 'coarse' : 'fine';
  if (r.format === 'images') pg.clear_custom(r.size, r.size, r.channels, r.classNames);
  else if (r.format === 'idx') pg.clear_custom(0, 0, 0, []);
  else if (r.format === 'cifar10') pg.clear_data(K.Cifar10);
  else pg.clear_data(r.labelMode === 'coarse' ? K.Cifar100Coarse : K.Cifar100Fine);
  for (const p of parts) {
    if (r.format === 'images') pg.load_pixels(p.split, p.pixels, p.labels);
    else if (r.format === 'idx') pg.load_idx(p.split, p.images, p.labels, 0);
    else if (r.format === 'cifar10') pg.load_cifar_bin(p.split, p.bytes, 0);
    else pg.load_cifar100_bin(p.split, p.bytes, 0);
  }
  if (names) {
    for (const key of ['fineNames', 'coarseNames', 'cifar10Names']) if (r[key]) setNames(pg, r, key);
  }
  if (holdOut && r.needsHoldOut) pg.hold_out_test(r.testShare, config.seed >>> 0);
}

/**
 * Loads the imported data into `pg` for a run of `config` (`dataset=files`).
 * @throws Error with NO_FILES_MESSAGE when nothing was imported in this page.
 */
export function loadImported(core, pg, config) {
  if (!recipe) throw new Error(NO_FILES_MESSAGE);
  loadInto(core, pg, recipe, config);
}
