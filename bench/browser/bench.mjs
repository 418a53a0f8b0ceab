// The kernel benchmark in the browser (served and driven by scripts/bench-browser.mjs; read the
// results from window.__bench). The same kernels and shapes as bench/kernels.mjs (node):
//   ours-simd    our wasm build with SIMD128 (KernelBench, cargo feature `bench`)
//   ours-scalar  our wasm build without SIMD (same summation order, so the same bits)
//   naive-js     plain loops on Float32Arrays
//   tfjs-wasm    TF.js's wasm backend (its SIMD binary, single-threaded: no cross-origin
//                isolation here, so it loads as by default), at its best call pattern: both ways
//                of handing it B are timed and the faster kept; kernels run eagerly and
//                synchronously in that backend, so no read-back is timed.
// Slow engines run on a slice of the test rows (a rate, so figures stay comparable).
// Query: ?quick=1 for small shapes and fewer samples.
import initSimd, * as simd from './pkg/simd/classplay.js';
import initScalar, * as scalar from './pkg/scalar/classplay.js';

const params = new URLSearchParams(location.search);
const quick = params.get('quick') === '1';
const SAMPLES = quick ? 3 : 5;
const logEl = document.getElementById('log');
function log(msg) {
  console.log(msg);
  logEl.textContent += `\n${msg}`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median seconds per call of fn (after one warm-up call), over SAMPLES timings of ≥ minSeconds. */
function time(fn, minSeconds = 0.2) {
  fn();
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) fn();
    const dt = (performance.now() - t0) / 1000;
    if (dt >= minSeconds || reps > 1e6) break;
    reps *= 2;
  }
  const samples = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) fn();
    samples.push((performance.now() - t0) / 1000 / reps);
  }
  return median(samples);
}

// ---- naive JS references (as in bench/kernels.mjs) ----
function jsMatmul(a, bt, m, d, n, out) {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = 0;
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k];
      const row = k * n;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * bt[row + j];
    }
  }
}
function jsL1(a, b, m, d, n, out) {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += Math.abs(a[i * d + k] - b[j * d + k]);
      out[i * n + j] = s;
    }
  }
}
function jsMatmulTN(a, s, m, d, n, out) {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k];
      for (let j = 0; j < n; j++) out[k * n + j] += aik * s[i * n + j];
    }
  }
}
function transpose(b, rows, cols) {
  const t = new Float32Array(rows * cols);
  for (let j = 0; j < rows; j++) for (let k = 0; k < cols; k++) t[k * rows + j] = b[j * cols + k];
  return t;
}
function maxRelDiff(x, y) {
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
  return worst;
}
function sameBits(x, y) {
  if (x.length !== y.length) return false;
  const a = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const b = new Uint32Array(y.buffer, y.byteOffset, y.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The faster of several TF.js call patterns: [seconds, pattern name, {pattern: seconds}]. */
function tfBest(patterns) {
  let best = [Infinity, '', {}];
  for (const [name, fn] of Object.entries(patterns)) {
    const t = time(() => tf.tidy(fn));
    best[2][name] = t;
    if (t < best[0]) best = [t, name, best[2]];
  }
  return best;
}
/** ' pattern a 1.23, pattern b 4.56' in GFLOP/s, for the notes. */
const perPattern = (all, flops) => Object.entries(all).map(([k, t]) => `${k} ${(flops / t / 1e9).toFixed(2)}`).join(', ');

const rows = [];
/** ops: operations of the full shape; per engine, the rows it ran (rate = ops·rows/m / s). */
function record(kernel, shape, unit, opsPerRow, m, results, note = '') {
  const rate = (e) => (results[e] ? (opsPerRow * results[e].rows) / results[e].seconds / 1e9 : null);
  const row = {
    kernel, shape, unit,
    ours_gflops: rate('ours-simd'),
    scalar_gflops: rate('ours-scalar'),
    naive_js_gflops: rate('naive-js'),
    tfjs_wasm_gflops: rate('tfjs-wasm'),
    ours_seconds: results['ours-simd'] ? (results['ours-simd'].seconds * m) / results['ours-simd'].rows : null,
    note,
  };
  row.ratio = row.tfjs_wasm_gflops ? row.ours_gflops / row.tfjs_wasm_gflops : null;
  rows.push(row);
  log(`${kernel} ${shape}: ours ${row.ours_gflops?.toFixed(2)} ${unit}, TF.js ${row.tfjs_wasm_gflops?.toFixed(2) ?? '-'}, ratio ${row.ratio?.toFixed(2) ?? '-'} ${note}`);
}

async function main() {
  await Promise.all([initSimd({ module_or_path: new URL('./pkg/simd/classplay_bg.wasm', import.meta.url) }),
    initScalar({ module_or_path: new URL('./pkg/scalar/classplay_bg.wasm', import.meta.url) })]);
  tf.wasm.setWasmPaths(new URL('./tfjs/', location.href).href);
  await tf.setBackend('wasm');
  await tf.ready();
  const tfSimd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const tfThreads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const env = {
    userAgent: navigator.userAgent, tfjs: tf.version_core, tfjs_simd: tfSimd, tfjs_threads: tfThreads,
    ours_simd_compiled: simd.simd_compiled(), scalar_simd_compiled: scalar.simd_compiled(),
  };
  log(JSON.stringify(env));

  // ---- distance matrices ----
  const shapes = quick
    ? [['MNIST 200×784·2000×784', 200, 2000, 784]]
    : [['CIFAR 500×3072·5000×3072', 500, 5000, 3072], ['MNIST 1000×784·10000×784', 1000, 10000, 784]];
  for (const [shape, m, n, d] of shapes) {
    const ours = new simd.KernelBench(m, n, d, 1);
    const a = ours.a(), b = ours.b();
    const bt = transpose(b, n, d);
    const mSlow = Math.max(1, Math.floor(m / 20));
    // KernelBench draws a then b from one seeded stream: the same m gives the same numbers.
    const mScalar = m;
    const oursScalar = new scalar.KernelBench(mScalar, n, d, 1);
    const aSlow = a.subarray(0, mSlow * d);
    const outSlow = new Float32Array(mSlow * n);
    const ta = tf.tensor2d(a, [m, d]), tbt = tf.tensor2d(bt, [d, n]), tb = tf.tensor2d(b, [n, d]);
    const taSlow = tf.tensor2d(aSlow, [mSlow, d]);

    // Bits: the scalar build equals the SIMD build on its rows (same summation order).
    ours.l2(); oursScalar.l2();
    const l2Same = sameBits(ours.out().subarray(0, mScalar * n), oursScalar.out());
    ours.matmul();
    const diff = maxRelDiff(ours.out(), tf.matMul(ta, tbt).dataSync());
    const [tfSec, tfPattern, tfAll] = tfBest({ 'a·bt': () => { tf.matMul(ta, tbt); }, 'a·bᵀ (transposeB)': () => { tf.matMul(ta, tb, false, true); } });
    record('L2 (a·bᵀ GEMM)', shape, 'GFLOP/s', 2 * n * d, m, {
      'ours-simd': { seconds: time(() => ours.l2()), rows: m },
      'ours-scalar': { seconds: time(() => oursScalar.l2()), rows: mScalar },
      'naive-js': { seconds: time(() => jsMatmul(aSlow, bt, mSlow, d, n, outSlow)), rows: mSlow },
      'tfjs-wasm': { seconds: tfSec, rows: m },
    }, `tfjs best ${tfPattern} (${perPattern(tfAll, 2 * m * n * d)}); simd=scalar bits ${l2Same}; vs TF.js max rel diff ${diff.toExponential(1)}`);
    tbt.dispose();

    ours.l1(); oursScalar.l1();
    const l1Same = sameBits(ours.out().subarray(0, mScalar * n), oursScalar.out());
    // TF.js has no fused L1: one test row at a time, broadcast subtract, abs, sum.
    const [tfL1] = tfBest({ 'sub-abs-sum per row': () => {
      for (let i = 0; i < mSlow; i++) tf.sum(tf.abs(tf.sub(tb, tf.slice(taSlow, [i, 0], [1, d]))), 1);
    } });
    record('L1 f32', shape, 'Gop/s', 3 * n * d, m, {
      'ours-simd': { seconds: time(() => ours.l1()), rows: m },
      'ours-scalar': { seconds: time(() => oursScalar.l1()), rows: mScalar },
      'naive-js': { seconds: time(() => jsL1(aSlow, b, mSlow, d, n, outSlow)), rows: mSlow },
      'tfjs-wasm': { seconds: tfL1, rows: mSlow },
    }, `simd=scalar bits ${l1Same}`);
    record('exact u8 L2²', shape, 'Gop/s', 3 * n * d, m, { 'ours-simd': { seconds: time(() => ours.l2_u8()), rows: m } });
    record('exact u8 L1', shape, 'Gop/s', 3 * n * d, m, { 'ours-simd': { seconds: time(() => ours.l1_u8()), rows: m } });
    [ta, tb, taSlow].forEach((t) => t.dispose());
    ours.free(); oursScalar.free();
  }

  // ---- the training step's GEMMs: x (M, D), w (D, C), dscores (M, C) ----
  const steps = quick ? [[256, 3073, 10]] : [[256, 3073, 10], [200, 785, 10], [200, 3073, 10]];
  for (const [m, d, c] of steps) {
    const ours = new simd.KernelBench(m, c, d, 2);
    const oursScalar = new scalar.KernelBench(m, c, d, 2);
    const x = ours.a(), b = ours.b(), s = ours.s();
    const w = transpose(b, c, d);
    const tx = tf.tensor2d(x, [m, d]), tw = tf.tensor2d(w, [d, c]), twt = tf.tensor2d(b, [c, d]);
    const ts = tf.tensor2d(s, [m, c]), txt = tf.tensor2d(transpose(x, m, d), [d, m]);
    const out = new Float32Array(m * c), grad = new Float32Array(d * c);
    ours.matmul(); oursScalar.matmul(); ours.matmul_tn(); oursScalar.matmul_tn();
    const fSame = sameBits(ours.out(), oursScalar.out());
    const gSame = sameBits(ours.grad(), oursScalar.grad());
    const gdiff = maxRelDiff(ours.grad(), tf.matMul(tx, ts, true, false).dataSync());
    const flops = 2 * d * c;
    const [tfF, tfFp, tfFall] = tfBest({ 'x·w': () => { tf.matMul(tx, tw); }, 'x·(wᵀ)ᵀ (transposeB)': () => { tf.matMul(tx, twt, false, true); } });
    record('forward x·w', `${m}×${d}·${d}×${c}`, 'GFLOP/s', flops, m, {
      'ours-simd': { seconds: time(() => ours.matmul()), rows: m },
      'ours-scalar': { seconds: time(() => oursScalar.matmul()), rows: m },
      'naive-js': { seconds: time(() => jsMatmul(x, w, m, d, c, out)), rows: m },
      'tfjs-wasm': { seconds: tfF, rows: m },
    }, `tfjs best ${tfFp} (${perPattern(tfFall, flops * m)}); simd=scalar bits ${fSame}`);
    const [tfG, tfGp, tfGall] = tfBest({ 'xᵀ·s (transposeA)': () => { tf.matMul(tx, ts, true, false); }, 'xt·s (pre-transposed x)': () => { tf.matMul(txt, ts); } });
    record('gradient xᵀ·dscores', `${d}×${m}·${m}×${c}`, 'GFLOP/s', flops, m, {
      'ours-simd': { seconds: time(() => ours.matmul_tn()), rows: m },
      'ours-scalar': { seconds: time(() => oursScalar.matmul_tn()), rows: m },
      'naive-js': { seconds: time(() => jsMatmulTN(x, s, m, d, c, grad)), rows: m },
      'tfjs-wasm': { seconds: tfG, rows: m },
    }, `tfjs best ${tfGp} (${perPattern(tfGall, flops * m)}); simd=scalar bits ${gSame}; vs TF.js max rel diff ${gdiff.toExponential(1)}`);
    [tx, tw, twt, ts, txt].forEach((t) => t.dispose());
    ours.free(); oursScalar.free();
  }
  return { env, rows };
}

// The runs are synchronous (the page is busy for minutes): the driver polls for this result.
main().then((r) => { window.__bench = { ok: true, ...r }; }, (e) => { window.__bench = { ok: false, error: String(e?.stack ?? e) }; });
