// f32 numbers as text: the shortest decimal that reads back to the same f32 (case C20).
//
// The Rust core stores hyperparameters as f32. JS numbers are f64, so `String(Math.fround(1e-7))`
// prints the widened value "1.0000000116860974e-7", and toFixed(3) turns it into "0.000" (a learning
// rate of 0). Instead we try 1..9 significant digits (9 always suffice for f32) and keep the first
// string that parses back to the identical f32, then write it without an exponent, as Rust's `{}` does
// (`format!("{}", 1e-7f32)` == "0.0000001", `format!("{}", 2.5e4f32)` == "25000").

/** Shortest round-trip string of `Math.fround(x)`, in Rust `{}` notation (no exponent). */
export function formatF32(x) {
  const f = Math.fround(x);
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return 'inf';
  if (f === -Infinity) return '-inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return toPlainDecimal(s);
  }
  throw new Error(`unreachable: ${f} has no 9-digit f32 round trip`);
}

/** Parse decimal text to the nearest f32 (NaN if the text is not a plain decimal number). */
export function parseF32(text) {
  return DECIMAL.test(text) ? Math.fround(Number(text)) : NaN;
}

/** A plain or scientific decimal number, nothing else: no hex, no "Infinity", no spaces. */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** "2.5e+4" -> "25000", "1e-7" -> "0.0000001", "1.5" -> "1.5" (mantissa digits kept exactly). */
export function toPlainDecimal(s) {
  const m = /^(-?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!m) throw new Error(`not a decimal number: ${s}`);
  const [, sign, intPart, fracPart = '', expPart = '0'] = m;
  let digits = intPart + fracPart; // all significant digits, decimal point after intPart.length
  let point = intPart.length + Number(expPart);
  // Strip leading zeros (keeping the point where it is) and trailing zeros of the fraction.
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  point -= lead;
  if (digits === '') return sign + '0';
  let out;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  if (out.includes('.')) out = out.replace(/\.?0+$/, '');
  return sign + out;
}

/** The f32 bit pattern of `x` as an unsigned 32-bit integer (for bit-exact comparisons). */
export function f32Bits(x) {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  return view.getUint32(0);
}
