// The JS cases of tests/cases/cases.json (the repository's copy of ../shared/cases; see
// tests/cases/README.md), asserted from the JSON's own expected values: C17, C19 and C20's JS
// side. The Rust-side cases are tests/cases_json.rs; buffers.test.js and f32.test.js keep their
// hand-written versions.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ownedForTransfer } from '../buffers.js';
import { f32Bits, formatF32, parseF32 } from '../f32.js';

const { cases } = JSON.parse(fs.readFileSync(new URL('../../tests/cases/cases.json', import.meta.url), 'utf8'));
const byId = (id) => cases.find((c) => c.id === id) ?? assert.fail(`${id} not in tests/cases/cases.json`);
const fromBits = (hex) => new Float32Array(new Uint32Array([Number(hex)]).buffer)[0];

test('C17 (from cases.json): memory.grow detaches old views; a new view sees the data', () => {
  const e = byId('C17').expected;
  const mem = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const f = new Float32Array(mem.buffer, 0, 4);
  const old = mem.buffer;
  f.set([1.5, 2.5, -3.0, 0.1]);
  assert.equal(mem.grow(1), e.grow_returns);
  assert.equal(f.length, e.old_view_length);
  assert.equal(f.byteLength, e.old_view_byteLength);
  assert.equal(old.byteLength, e.old_buffer_byteLength);
  assert.equal(String(f[0]), e.old_view_index0);
  assert.throws(() => new Float32Array(old, 0, 4), globalThis[e.construct_on_old_buffer]);
  assert.deepEqual(Array.from(new Float32Array(mem.buffer, 0, 4)), e.new_view);
  assert.equal(mem.buffer.byteLength, e.new_buffer_byteLength);
  assert.notEqual(f.buffer, mem.buffer, 'the check the case requires: view.buffer !== memory.buffer');
});

test('C19 (from cases.json): transfer detaches the sender; wasm memory is copied out first', () => {
  const e = byId('C19').expected;
  const a = new Float32Array([1, 2, 3]);
  const r = structuredClone(a.buffer, { transfer: [a.buffer] });
  assert.equal(a.length, e.sender_length_after);
  assert.equal(a.buffer.byteLength, e.sender_byteLength_after);
  assert.equal(r.byteLength, e.receiver_byteLength);
  assert.deepEqual(Array.from(new Float32Array(r)), e.receiver_values);
  // V8 (node 20, Chromium): transferring a wasm memory buffer silently copies, never detaches
  const m = new WebAssembly.Memory({ initial: 1 });
  structuredClone(m.buffer, { transfer: [m.buffer] });
  assert.equal(m.buffer.byteLength, e.safe_pattern.wasm_memory_byteLength);
  // the safe pattern, as the page does it (ownedForTransfer)
  new Float32Array(m.buffer, 0, 3).set([1, 2, 3]);
  const copy = ownedForTransfer(new Float32Array(m.buffer, 0, 3), m);
  const got = structuredClone(copy.buffer, { transfer: [copy.buffer] });
  assert.equal(copy.length, e.safe_pattern.copy_length_after);
  assert.equal(got.byteLength, e.safe_pattern.receiver_byteLength);
  assert.equal(m.buffer.byteLength, e.safe_pattern.wasm_memory_byteLength);
  assert.deepEqual(Array.from(new Float32Array(m.buffer, 0, 3)), [1, 2, 3], 'wasm memory unchanged');
});

test('C20 (from cases.json): shortest round-trip text, not the widened f64 text or toFixed', () => {
  const { inputs, expected: e } = byId('C20');
  inputs.bits.forEach((hex, i) => {
    const x = fromBits(hex);
    assert.equal(x, Math.fround(inputs.values_f32[i]));
    assert.equal(String(x), e.widened_f64_js_string[i], 'what plain JS would write');
    const text = formatF32(x);
    assert.equal(text, e.shortest_roundtrip_strings_rust_display[i]);
    assert.equal(f32Bits(parseF32(text)), Number(hex), `${text} reads back bit for bit`);
  });
  for (const [v, bad] of Object.entries(e.toFixed3_bug)) {
    assert.equal(Math.fround(Number(v)).toFixed(3), bad, 'the trap');
    assert.notEqual(parseF32(formatF32(Math.fround(Number(v)))), 0);
  }
});
