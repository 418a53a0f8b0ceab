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
// Query: ?quick=1 for small shapes and fewer samples; ?baseline=1 adds pkg/before/ (an earlier
// SIMD build) as the engine ours-before, timed in turn with the others.
import initSimd, * as simd from './pkg/simd/classplay.js';
import initScalar, * as scalar from './pkg/scalar/classplay.js';
import { jsL1, jsMatmul, jsMatmulTN } from './naive.mjs';

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

/** Calls per timing sample of fn so that a sample lasts ≥ minSeconds (after one warm-up call). */
function calibrate(fn, minSeconds) {
  fn();
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) fn();
    if ((performance.now() - t0) / 1000 >= minSeconds || reps > 1e6) return reps;
    reps *= 2;
  }
}

/**
 * Median seconds per call of each engine's fn, over SAMPLES samples taken in turn (engine 1,
 * engine 2, …, engine 1, …), so that the machine's load drifting during the run hits every
 * engine alike and the ratios stay meaningful.
 */
function compare(fns, minSeconds = 0.2) {
  const names = Object.keys(fns);
  const reps = Object.fromEntries(names.map((e) => [e, calibrate(fns[e], minSeconds)]));
  const samples = Object.fromEntries(names.map((e) => [e, []]));
  for (let s = 0; s < SAMPLES; s++) {
    for (const e of names) {
      const t0 = performance.now();
      for (let r = 0; r < reps[e]; r++) fns[e]();
      samples[e].push((performance.now() - t0) / 1000 / reps[e]);
    }
  }
  return Object.fromEntries(names.map((e) => [e, median(samples[e])]));
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

/**
 * Times every engine (interleaved, see compare) and records a row. engines: name → {fn, rows}
 * where rows is how many of the m test rows that engine's call computes; names starting with
 * 'tfjs ' are TF.js call patterns, of which the fastest is kept as tfjs-wasm.
 */
function bench(kernel, shape, unit, opsPerRow, m, engines, note = '') {
  const secs = compare(Object.fromEntries(Object.entries(engines).map(([e, v]) => [e, v.fn])));
  const rate = (e) => (e in secs ? (opsPerRow * engines[e].rows) / secs[e] / 1e9 : null);
  const tfjs = Object.keys(secs).filter((e) => e.startsWith('tfjs '));
  const best = tfjs.reduce((b, e) => (b === null || rate(e) > rate(b) ? e : b), null);
  const row = {
    kernel, shape, unit,
    ours_gflops: rate('ours-simd'),
    scalar_gflops: rate('ours-scalar'),
    naive_js_gflops: rate('naive-js'),
    tfjs_wasm_gflops: best ? rate(best) : null,
    before_gflops: rate('ours-before'),
    tfjs_pattern: best ? best.slice(5) : null,
    tfjs_patterns: Object.fromEntries(tfjs.map((e) => [e.slice(5), rate(e)])),
    ours_seconds: 'ours-simd' in secs ? (secs['ours-simd'] * m) / engines['ours-simd'].rows : null,
    note,
  };
  row.ratio = row.tfjs_wasm_gflops ? row.ours_gflops / row.tfjs_wasm_gflops : null;
  row.before_ratio = row.tfjs_wasm_gflops && row.before_gflops ? row.before_gflops / row.tfjs_wasm_gflops : null;
  rows.push(row);
  log(`${kernel} ${shape}: ours ${row.ours_gflops?.toFixed(2)} ${unit}, TF.js ${row.tfjs_wasm_gflops?.toFixed(2) ?? '-'} (${best}), ratio ${row.ratio?.toFixed(2) ?? '-'}${row.before_gflops ? `, before ${row.before_gflops.toFixed(2)} (ratio ${row.before_ratio?.toFixed(2)})` : ''} ${note}`);
}

const rows = [];

async function main() {
  await Promise.all([initSimd({ module_or_path: new URL('./pkg/simd/classplay_bg.wasm', import.meta.url) }),
    initScalar({ module_or_path: new URL('./pkg/scalar/classplay_bg.wasm', import.meta.url) })]);
  // ?baseline=1: an earlier SIMD build (pkg/before/, e.g. main's kernels) as one more engine.
  let before = null;
  if (params.get('baseline') === '1') {
    before = await import('./pkg/before/classplay.js');
    await before.default({ module_or_path: new URL('./pkg/before/classplay_bg.wasm', import.meta.url) });
  }
  tf.wasm.setWasmPaths(new URL('./tfjs/', location.href).href);
  await tf.setBackend('wasm');
  await tf.ready();
  const env = {
    userAgent: navigator.userAgent, tfjs: tf.version_core,
    tfjs_simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    tfjs_threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
    ours_simd_compiled: simd.simd_compiled(), scalar_simd_compiled: scalar.simd_compiled(),
    baseline: before !== null, samples: SAMPLES,
  };
  log(JSON.stringify(env));

  // ---- distance matrices ----
  const shapes = quick
    ? [['MNIST 200×784·2000×784', 200, 2000, 784]]
    : [['CIFAR 500×3072·5000×3072', 500, 5000, 3072], ['MNIST 1000×784·10000×784', 1000, 10000, 784]];
  for (const [shape, m, n, d] of shapes) {
    // KernelBench draws a then b from one seeded stream: the same (m, n, d) gives the same numbers.
    const ours = new simd.KernelBench(m, n, d, 1);
    const oursScalar = new scalar.KernelBench(m, n, d, 1);
    const oursBefore = before && new before.KernelBench(m, n, d, 1);
    const a = ours.a(), b = ours.b();
    const bt = transpose(b, n, d);
    const mSlow = Math.max(1, Math.floor(m / 20));
    const aSlow = a.subarray(0, mSlow * d);
    const outSlow = new Float32Array(mSlow * n);
    const ta = tf.tensor2d(a, [m, d]), tbt = tf.tensor2d(bt, [d, n]), tb = tf.tensor2d(b, [n, d]);
    const taSlow = tf.tensor2d(aSlow, [mSlow, d]);
    const beforeEngine = (fn) => (oursBefore ? { 'ours-before': { fn, rows: m } } : {});

    // Bits: the scalar build equals the SIMD build (same summation order), and the baseline.
    ours.l2(); oursScalar.l2();
    const l2Same = sameBits(ours.out(), oursScalar.out());
    const l2Before = oursBefore ? (oursBefore.l2(), sameBits(ours.out(), oursBefore.out())) : null;
    ours.matmul();
    const diff = maxRelDiff(ours.out(), tf.matMul(ta, tbt).dataSync());
    bench('L2 (a·bᵀ GEMM)', shape, 'GFLOP/s', 2 * n * d, m, {
      'ours-simd': { fn: () => ours.l2(), rows: m },
      ...beforeEngine(() => oursBefore.l2()),
      'tfjs a·bt': { fn: () => tf.tidy(() => { tf.matMul(ta, tbt); }), rows: m },
      'tfjs a·bᵀ (transposeB)': { fn: () => tf.tidy(() => { tf.matMul(ta, tb, false, true); }), rows: m },
      'ours-scalar': { fn: () => oursScalar.l2(), rows: m },
      'naive-js': { fn: () => jsMatmul(aSlow, bt, mSlow, d, n, outSlow), rows: mSlow },
    }, `simd=scalar bits ${l2Same}${oursBefore ? `; =before bits ${l2Before}` : ''}; vs TF.js max rel diff ${diff.toExponential(1)}`);
    tbt.dispose();

    ours.l1(); oursScalar.l1();
    const l1Same = sameBits(ours.out(), oursScalar.out());
    const l1Before = oursBefore ? (oursBefore.l1(), sameBits(ours.out(), oursBefore.out())) : null;
    bench('L1 f32', shape, 'Gop/s', 3 * n * d, m, {
      'ours-simd': { fn: () => ours.l1(), rows: m },
      ...beforeEngine(() => oursBefore.l1()),
      // TF.js has no fused L1: one test row at a time, broadcast subtract, abs, sum.
      'tfjs sub-abs-sum per row': { fn: () => tf.tidy(() => {
        for (let i = 0; i < mSlow; i++) tf.sum(tf.abs(tf.sub(tb, tf.slice(taSlow, [i, 0], [1, d]))), 1);
      }), rows: mSlow },
      'ours-scalar': { fn: () => oursScalar.l1(), rows: m },
      'naive-js': { fn: () => jsL1(aSlow, b, mSlow, d, n, outSlow), rows: mSlow },
    }, `simd=scalar bits ${l1Same}${oursBefore ? `; =before bits ${l1Before}` : ''}`);
    bench('exact u8 L2²', shape, 'Gop/s', 3 * n * d, m, { 'ours-simd': { fn: () => ours.l2_u8(), rows: m } });
    bench('exact u8 L1', shape, 'Gop/s', 3 * n * d, m, { 'ours-simd': { fn: () => ours.l1_u8(), rows: m } });
    [ta, tb, taSlow].forEach((t) => t.dispose());
    ours.free(); oursScalar.free(); oursBefore?.free();
  }

  // ---- the training step's GEMMs: x (M, D), w (D, C), dscores (M, C) ----
  const steps = quick ? [[256, 3073, 10]] : [[256, 3073, 10], [200, 785, 10], [200, 3073, 10]];
  for (const [m, d, c] of steps) {
    const ours = new simd.KernelBench(m, c, d, 2);
    const oursScalar = new scalar.KernelBench(m, c, d, 2);
    const oursBefore = before && new before.KernelBench(m, c, d, 2);
    const beforeEngine = (fn) => (oursBefore ? { 'ours-before': { fn, rows: m } } : {});
    const x = ours.a(), b = ours.b(), s = ours.s();
    const w = transpose(b, c, d);
    const tx = tf.tensor2d(x, [m, d]), tw = tf.tensor2d(w, [d, c]), twt = tf.tensor2d(b, [c, d]);
    const ts = tf.tensor2d(s, [m, c]), txt = tf.tensor2d(transpose(x, m, d), [d, m]);
    const out = new Float32Array(m * c), grad = new Float32Array(d * c);
    ours.matmul(); oursScalar.matmul(); ours.matmul_tn(); oursScalar.matmul_tn();
    const fSame = sameBits(ours.out(), oursScalar.out());
    const gSame = sameBits(ours.grad(), oursScalar.grad());
    let beforeNote = '';
    if (oursBefore) {
      oursBefore.matmul(); oursBefore.matmul_tn();
      beforeNote = `; =before bits ${sameBits(ours.out(), oursBefore.out())}/${sameBits(ours.grad(), oursBefore.grad())}`;
    }
    const gdiff = maxRelDiff(ours.grad(), tf.matMul(tx, ts, true, false).dataSync());
    const flops = 2 * d * c;
    bench('forward x·w', `${m}×${d}·${d}×${c}`, 'GFLOP/s', flops, m, {
      'ours-simd': { fn: () => ours.matmul(), rows: m },
      ...beforeEngine(() => oursBefore.matmul()),
      'tfjs x·w': { fn: () => tf.tidy(() => { tf.matMul(tx, tw); }), rows: m },
      'tfjs x·(wᵀ)ᵀ (transposeB)': { fn: () => tf.tidy(() => { tf.matMul(tx, twt, false, true); }), rows: m },
      'ours-scalar': { fn: () => oursScalar.matmul(), rows: m },
      'naive-js': { fn: () => jsMatmul(x, w, m, d, c, out), rows: m },
    }, `simd=scalar bits ${fSame}${beforeNote}`);
    bench('gradient xᵀ·dscores', `${d}×${m}·${m}×${c}`, 'GFLOP/s', flops, m, {
      'ours-simd': { fn: () => ours.matmul_tn(), rows: m },
      ...beforeEngine(() => oursBefore.matmul_tn()),
      'tfjs xᵀ·s (transposeA)': { fn: () => tf.tidy(() => { tf.matMul(tx, ts, true, false); }), rows: m },
      'tfjs xt·s (x pre-transposed)': { fn: () => tf.tidy(() => { tf.matMul(txt, ts); }), rows: m },
      'ours-scalar': { fn: () => oursScalar.matmul_tn(), rows: m },
      'naive-js': { fn: () => jsMatmulTN(x, s, m, d, c, grad), rows: m },
    }, `simd=scalar bits ${gSame}${beforeNote}; vs TF.js max rel diff ${gdiff.toExponential(1)}`);
    [tx, tw, twt, ts, txt].forEach((t) => t.dispose());
    ours.free(); oursScalar.free(); oursBefore?.free();
  }
  return { env, rows };
}

// The runs are synchronous (the page is busy for minutes): the driver polls for this result.
main().then((r) => { window.__bench = { ok: true, ...r }; }, (e) => { window.__bench = { ok: false, error: String(e?.stack ?? e) }; });
