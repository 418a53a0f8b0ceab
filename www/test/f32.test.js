// C20: f32 hyperparameters in the URL are written in their shortest round-trip form.
import test from 'node:test';
import assert from 'node:assert/strict';
import { f32Bits, formatF32, parseF32, toPlainDecimal } from '../f32.js';

function fromBits(bits) {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits);
  return view.getFloat32(0);
}

// From shared/cases (C20): the bits, Rust's `{}` text, and the widened text JS would print.
const C20 = [
  [0x3a83126f, '0.001', '0.0010000000474974513'],
  [0x33d6bf95, '0.0000001', '1.0000000116860974e-7'],
  [0x3f666666, '0.9', '0.8999999761581421'],
  [0x3f7fbe77, '0.999', '0.9990000128746033'],
  [0x46c35000, '25000', '25000'],
  [0x36a7c5ac, '0.000005', '0.000004999999873689376'],
  [0x3dcccccd, '0.1', '0.10000000149011612'],
];

test('C20: the seven values encode to Rust\'s shortest strings and decode bit-exactly', () => {
  for (const [bits, expected, widened] of C20) {
    const x = fromBits(bits);
    assert.equal(String(x), widened, 'the trap this guards against');
    const text = formatF32(x);
    assert.equal(text, expected);
    assert.equal(f32Bits(parseF32(text)), bits, `${text} must read back to 0x${bits.toString(16)}`);
  }
});

test('C20: toFixed would lose small learning rates; formatF32 does not', () => {
  assert.equal(fromBits(0x33d6bf95).toFixed(3), '0.000');
  assert.notEqual(parseF32(formatF32(fromBits(0x33d6bf95))), 0);
  assert.notEqual(parseF32(formatF32(fromBits(0x36a7c5ac))), 0);
});

test('formatF32 round-trips random f32 bit patterns and is never longer than needed', () => {
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < 20000; i++) {
    const bits = next();
    const x = fromBits(bits);
    if (!Number.isFinite(x)) continue;
    const text = formatF32(x);
    assert.match(text, /^-?\d+(\.\d+)?$/, 'no exponent, as Rust prints');
    assert.equal(f32Bits(parseF32(text)), f32Bits(x), `0x${bits.toString(16)} -> ${text}`);
    const digits = text.replace(/^-?0*\.?0*/, '').replace(/\./, '').replace(/0+$/, '').length;
    if (digits > 1) {
      // One significant digit fewer must not round-trip (shortest).
      const shorter = Math.fround(Number(x.toPrecision(digits - 1)));
      assert.notEqual(shorter, Math.fround(x), `${text} is not the shortest for 0x${bits.toString(16)}`);
    }
  }
});

test('special values and exponent expansion', () => {
  assert.equal(formatF32(0), '0');
  assert.equal(formatF32(-0), '-0');
  assert.equal(formatF32(1e10), '10000000000');
  assert.equal(formatF32(-2.5), '-2.5');
  assert.equal(formatF32(Infinity), 'inf');
  assert.equal(formatF32(NaN), 'NaN');
  assert.equal(toPlainDecimal('1.25e-3'), '0.00125');
  assert.equal(toPlainDecimal('1.2e+2'), '120');
  assert.equal(toPlainDecimal('0.500'), '0.5');
});

test('parseF32 accepts plain decimals only', () => {
  assert.equal(parseF32('1e-7'), Math.fround(1e-7));
  assert.equal(parseF32('.5'), 0.5);
  for (const bad of ['', ' 1', '0x10', 'Infinity', 'NaN', '1e', '1,5', '--1', '<script>']) {
    assert.ok(Number.isNaN(parseF32(bad)), bad);
  }
  assert.equal(parseF32('1e308'), Infinity, 'too large for f32: the caller rejects it');
});
