// One decode of the data for the whole k-NN pool (issue 13, item 3): each worker fetches and
// decodes one part of a served dataset's chunks (data.js partOf), the page joins the parts in
// order, and every worker takes the whole (`Playground.adopt_data`) instead of fetching and
// decoding all the files itself. Each part travels as one copy out of its worker's wasm memory, the
// whole as SharedArrayBuffers every worker reads when the page is cross-origin isolated, otherwise
// as ArrayBuffers the page transfers (to the last worker; earlier ones get structured clones).
// Each worker then copies the records into its own wasm memory once (wasm reads nothing outside).

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

/**
 * The parts (exportRecords of parts 0, 1, … in order) joined into the records of the whole data,
 * in SharedArrayBuffers when `shared`.
 * @throws Error when the parts are of different data.
 */
export function joinParts(parts, { shared = canShareMemory() } = {}) {
  const [first] = parts;
  if (parts.some((p) => p.key !== first.key || p.kind !== first.kind)) throw new Error('the decoded parts are of different data (press Train again)');
  const out = { kind: first.kind, key: first.key, shared };
  for (const f of RECORD_FIELDS) {
    const length = parts.reduce((a, p) => a + p[f].length, 0);
    const Type = first[f].constructor;
    const joined = new Type(shared ? new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT) : length);
    let at = 0;
    for (const p of parts) { joined.set(p[f], at); at += p[f].length; }
    out[f] = joined;
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
