// C17 (wasm memory growth detaches views) and C19 (transfer lists detach the sender's buffers).
import test from 'node:test';
import assert from 'node:assert/strict';
import { ownedForTransfer, withTransfer } from '../buffers.js';

test('C17: growing wasm memory detaches an existing view (the engine facts)', () => {
  const mem = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const f = new Float32Array(mem.buffer, 0, 4);
  const oldBuffer = mem.buffer;
  f.set([1.5, 2.5, -3.0, 0.1]);
  assert.equal(mem.grow(1), 1);
  assert.equal(f.length, 0);
  assert.equal(f.byteLength, 0);
  assert.equal(oldBuffer.byteLength, 0);
  assert.equal(f[0], undefined);
  assert.throws(() => new Float32Array(oldBuffer, 0, 4), TypeError);
  assert.deepEqual(Array.from(new Float32Array(mem.buffer, 0, 4)), [1.5, 2.5, -3, 0.10000000149011612]);
  assert.equal(mem.buffer.byteLength, 131072);
});

test('C19: transferring a buffer detaches it in the sender (the engine facts)', () => {
  const a = new Float32Array([1, 2, 3]);
  const r = structuredClone(a.buffer, { transfer: [a.buffer] });
  assert.equal(a.length, 0);
  assert.equal(a.buffer.byteLength, 0);
  assert.equal(r.byteLength, 12);
  assert.deepEqual(Array.from(new Float32Array(r)), [1, 2, 3]);
});

test('C19: V8 copies a wasm memory buffer in a transfer list instead of detaching it (Firefox throws)', () => {
  const m = new WebAssembly.Memory({ initial: 1 });
  new Uint8Array(m.buffer)[0] = 7;
  const r = structuredClone(m.buffer, { transfer: [m.buffer] }); // must not throw in node / Chromium
  assert.equal(m.buffer.byteLength, 65536, 'memory is not detached');
  assert.equal(new Uint8Array(m.buffer)[0], 7);
  assert.equal(r.byteLength, 65536, 'the receiver got a copy');
  // so the page never relies on either behaviour: withTransfer leaves memory-backed buffers out
});

test('C19: ownedForTransfer copies views on wasm memory; transferring the copy leaves memory intact', () => {
  const m = new WebAssembly.Memory({ initial: 1 });
  new Float32Array(m.buffer, 0, 3).set([1, 2, 3]);
  const view = new Float32Array(m.buffer, 0, 3);
  const copy = ownedForTransfer(view, m);
  assert.notEqual(copy.buffer, m.buffer);
  const received = structuredClone(copy.buffer, { transfer: [copy.buffer] });
  assert.equal(copy.length, 0);
  assert.equal(received.byteLength, 12);
  assert.deepEqual(Array.from(new Float32Array(received)), [1, 2, 3]);
  assert.equal(m.buffer.byteLength, 65536);
  assert.deepEqual(Array.from(view), [1, 2, 3], 'wasm memory unchanged');
});

test('ownedForTransfer passes owned arrays through and copies partial views', () => {
  const owned = new Uint8Array([1, 2, 3]);
  assert.equal(ownedForTransfer(owned), owned, 'no needless copy');
  const big = new Uint8Array([0, 1, 2, 3, 4]);
  const part = big.subarray(1, 3);
  const safe = ownedForTransfer(part);
  assert.notEqual(safe.buffer, big.buffer, 'transferring part.buffer would detach all of big');
  assert.deepEqual(Array.from(safe), [1, 2]);
});

test('withTransfer lists exactly the owned buffers of the typed-array fields', () => {
  const m = new WebAssembly.Memory({ initial: 1 });
  const onMemory = new Float32Array(m.buffer, 4, 2);
  const owned = new Float32Array([5, 6]);
  const [msg, transfer] = withTransfer({ type: 'progress', a: onMemory, b: owned, n: 3,
    empty: new Float32Array(0) }, m);
  assert.equal(msg.b, owned);
  assert.notEqual(msg.a.buffer, m.buffer);
  assert.deepEqual(transfer, [msg.a.buffer, msg.b.buffer]);
  assert.equal(msg.n, 3);
  assert.ok(!transfer.includes(m.buffer));
});
