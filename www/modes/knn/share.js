// One decode of the data for the whole k-NN pool (issue 13, item 3): worker 0 fetches and decodes
// a served dataset, the other workers take its decoded records (`Playground.adopt_data`) instead of
// fetching and decoding the same files again. The records travel as one copy out of worker 0's
// wasm memory: a SharedArrayBuffer that every worker reads when the page is cross-origin isolated,
// otherwise ArrayBuffers the page transfers (to the last worker; earlier ones get a structured
// clone). Each worker then copies them into its own wasm memory once (wasm cannot read outside it).

/** Records copied out of wasm memory per call (bounds the temporary copy inside wasm memory). */
export const RECORD_BLOCK = 4096;

/** The typed-array fields of a records message, in `Playground.adopt_data`'s argument order. */
export const RECORD_FIELDS = ['train_images', 'train_labels', 'test_images', 'test_labels'];

/** True where a SharedArrayBuffer can be posted to workers (a cross-origin isolated page). */
export const canShareMemory = () => typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;

/** A copy of `view` in a SharedArrayBuffer. */
function toShared(view) {
  const out = new view.constructor(new SharedArrayBuffer(view.byteLength));
  out.set(view);
  return out;
}

/**
 * Every loaded record of `pg` for another worker: `{kind, key, shared, train_images (N, D) u8,
 * train_labels (N,) u16, test_images (M, D), test_labels (M,)}`; `key` names the data (data.js
 * dataKey), `shared`: the arrays are views on SharedArrayBuffers (`shared = canShareMemory()`).
 */
export function exportRecords(pg, key, { shared = canShareMemory() } = {}) {
  const dim = pg.height() * pg.width() * pg.channels();
  const out = { kind: pg.dataset_kind(), key, shared };
  for (const split of ['train', 'test']) {
    const n = pg.num_records(split);
    const images = new Uint8Array(shared ? new SharedArrayBuffer(n * dim) : new ArrayBuffer(n * dim));
    for (let from = 0; from < n; from += RECORD_BLOCK) {
      const to = Math.min(n, from + RECORD_BLOCK);
      images.set(pg.records(split, from, to), from * dim);
    }
    const labels = pg.record_labels(split); // an owned copy (wasm-bindgen's Vec<u16>)
    out[`${split}_images`] = images;
    out[`${split}_labels`] = shared ? toShared(labels) : labels;
  }
  return out;
}

/** The buffers to transfer with `records` (none when they are shared). */
export const transferList = (records) => (records.shared ? [] : RECORD_FIELDS.map((f) => records[f].buffer));

/** Puts another worker's `exportRecords` into `pg` (replacing its data). */
export function adoptRecords(pg, records) {
  for (const f of RECORD_FIELDS) {
    if (!ArrayBuffer.isView(records?.[f])) throw new Error(`the shared data is missing ${f} (press Train again)`);
  }
  pg.adopt_data(records.kind, ...RECORD_FIELDS.map((f) => records[f]));
}
