// Moving numbers out of wasm memory and across postMessage without the two classic faults.
//
// C17: a typed-array view on `memory.buffer` is detached (length 0) as soon as wasm memory grows,
//      which any allocating call (a training step, a dataset load) may do. The core therefore returns
//      owned copies (wasm-bindgen's Vec<f32> -> Float32Array), and the page never holds a view on
//      wasm memory (www/test/core.test.js checks the copies survive growth).
// C19: a buffer in a postMessage transfer list is detached in the sender (a SharedArrayBuffer is
//      never listed: it is shared, not moved). Transferring the wasm
//      memory's own buffer throws in Firefox and silently copies in Chrome, so only owned copies go
//      in transfer lists.

/**
 * A typed array that is safe to transfer (C19): `view` itself when it alone owns its whole buffer,
 * otherwise a copy. A view on wasm memory (`memory.buffer`) is always copied.
 */
export function ownedForTransfer(view, memory) {
  const ownsBuffer = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
  const onMemory = memory !== undefined && view.buffer === memory.buffer;
  return ownsBuffer && !onMemory ? view : view.slice();
}

/** True for a SharedArrayBuffer (which a transfer list refuses). */
export const isShared = (buffer) => typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer;

/**
 * Make every typed array among `fields` safe to transfer and return [fields, transferList].
 * Use as `postMessage(...withTransfer(msg, memory))`; the sender must not use the arrays afterwards.
 */
export function withTransfer(msg, memory) {
  const out = { ...msg };
  const transfer = [];
  for (const [k, v] of Object.entries(out)) {
    // A view on a SharedArrayBuffer is posted as it is: every receiver shares it (no transfer).
    if (ArrayBuffer.isView(v) && !isShared(v.buffer)) {
      out[k] = ownedForTransfer(v, memory);
      if (out[k].byteLength > 0) transfer.push(out[k].buffer);
    }
  }
  return [out, transfer];
}
