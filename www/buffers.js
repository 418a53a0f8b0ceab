// Moving numbers out of wasm memory and across postMessage without the two classic faults.
//
// C17: a typed-array view on `memory.buffer` is detached (length 0) as soon as wasm memory grows,
//      which any allocating call (a training step, a dataset load) may do. Never keep a view across a
//      wasm call: derive it from `memory.buffer` at the moment of reading, and copy.
// C19: a buffer in a postMessage transfer list is detached in the sender. Transferring the wasm
//      memory's own buffer throws in Firefox and silently copies in Chrome, so only owned copies go
//      in transfer lists.

/**
 * Copy `length` elements of type `Ctor` (e.g. Float32Array) at `byteOffset` out of wasm memory.
 * The view is made from `memory.buffer` now, never cached, so it survives earlier growth (C17).
 */
export function copyFromMemory(memory, Ctor, byteOffset, length) {
  return new Ctor(memory.buffer, byteOffset, length).slice();
}

/**
 * A typed array that is safe to transfer (C19): `view` itself when it alone owns its whole buffer,
 * otherwise a copy. A view on wasm memory (`memory.buffer`) is always copied.
 */
export function ownedForTransfer(view, memory) {
  const ownsBuffer = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
  const onMemory = memory !== undefined && view.buffer === memory.buffer;
  return ownsBuffer && !onMemory ? view : view.slice();
}

/**
 * Make every typed array among `fields` safe to transfer and return [fields, transferList].
 * Use as `postMessage(...withTransfer(msg, memory))`; the sender must not use the arrays afterwards.
 */
export function withTransfer(msg, memory) {
  const out = { ...msg };
  const transfer = [];
  for (const [k, v] of Object.entries(out)) {
    if (ArrayBuffer.isView(v)) {
      out[k] = ownedForTransfer(v, memory);
      if (out[k].byteLength > 0) transfer.push(out[k].buffer);
    }
  }
  return [out, transfer];
}
