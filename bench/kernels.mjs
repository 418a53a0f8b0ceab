// Kernel benchmarks, every engine measured in the same run on the same numbers:
//   ours-simd   ClassPlay's wasm build with SIMD128      (target/pkg-bench/simd)
//   ours-scalar ClassPlay's wasm build without SIMD      (target/pkg-bench/scalar)
//   naive-js    plain JavaScript loops on Float32Arrays
//   tfjs-wasm   TensorFlow.js's wasm backend (its SIMD binary), called at its best: kernels run
//               eagerly and synchronously in that backend, so no read-back (dataSync) is timed
// Prints the median of several timings as GFLOP/s (L1: Gop/s, 3 ops per element: sub, abs, add)
// and the ratios against TF.js-wasm. These machines are noisy (±30 %): read medians and ratios.
//
//   bash scripts/build-bench.sh && cd bench && npm install && node kernels.mjs [--quick]
// (build-bench.sh: the core with the cargo feature `bench`, which adds KernelBench; the page's
// build in www/pkg leaves it out.)
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsL1, jsMatmul, jsMatmulTN } from './naive.mjs';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const simd = require(path.join(root, 'target/pkg-bench/simd/classplay.js'));
const scalar = require(path.join(root, 'target/pkg-bench/scalar/classplay.js'));
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-wasm');

const quick = process.argv.includes('--quick');
const SAMPLES = quick ? 3 : 7;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median seconds per call of fn (after one warm-up call), over SAMPLES timings. */
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


function maxRelDiff(x, y) {
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
  return worst;
}

const rows = [];
function report(name, flops, results) {
  const tfjs = results['tfjs-wasm'];
  for (const [engine, sec] of Object.entries(results)) {
    const g = flops(engine) / sec / 1e9;
    rows.push({ kernel: name, engine, gflops: g, vsTfjs: tfjs ? g / (flops('tfjs-wasm') / tfjs / 1e9) : NaN });
  }
}

async function main() {
  await tf.setBackend('wasm');
  await tf.ready();
  const tfSimd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  console.log(`node ${process.version}; TF.js ${tf.version_core} wasm backend (SIMD ${tfSimd}); ours: simd_compiled=${simd.simd_compiled()}`);

  // ---- distance matrices (issue 3) ----
  const shapes = quick
    ? [['MNIST 200×784 vs 2000×784', 200, 2000, 784]]
    : [['CIFAR 500×3072 vs 5000×3072', 500, 5000, 3072], ['MNIST 1000×784 vs 10000×784', 1000, 10000, 784]];
  for (const [label, m, n, d] of shapes) {
    const ours = new simd.KernelBench(m, n, d, 1);
    const oursScalar = new scalar.KernelBench(m, n, d, 1);
    const a = ours.a(), b = ours.b();
    const bt = new Float32Array(d * n);
    for (let j = 0; j < n; j++) for (let k = 0; k < d; k++) bt[k * n + j] = b[j * d + k];
    // Slow engines run on fewer test rows (a rate, so the figure is comparable).
    const mSlow = Math.max(1, Math.floor(m / 20));
    const aSlow = a.subarray(0, mSlow * d);
    const outSlow = new Float32Array(mSlow * n);
    const ta = tf.tensor2d(a, [m, d]);
    const tbt = tf.tensor2d(bt, [d, n]);
    const taSlow = tf.tensor2d(aSlow, [mSlow, d]);
    const tb = tf.tensor2d(b, [n, d]);

    // correctness: our L2 matmul vs TF.js on the same data
    ours.matmul();
    const tfOut = tf.matMul(ta, tbt).dataSync();
    const diff = maxRelDiff(ours.out(), tfOut);

    const l2Flops = (mm) => (e) => 2 * (e === 'naive-js' ? mSlow : mm) * n * d;
    report(`L2 (a·bᵀ matmul) ${label}`, l2Flops(m), {
      'ours-simd': time(() => ours.l2()),
      'ours-scalar': time(() => oursScalar.l2()),
      'naive-js': time(() => jsMatmul(aSlow, bt, mSlow, d, n, outSlow)),
      'tfjs-wasm': time(() => tf.tidy(() => { tf.matMul(ta, tbt); })),
    });
    const l1Ops = (e) => 3 * (e === 'ours-simd' ? m : mSlow) * n * d;
    // The scalar build runs L1 on mSlow rows (a rate, comparable).
    const oursScalarSlow = new scalar.KernelBench(mSlow, n, d, 1);
    const l1Results = {
      'ours-simd': time(() => ours.l1()),
      'ours-scalar': time(() => oursScalarSlow.l1()),
      'naive-js': time(() => jsL1(aSlow, b, mSlow, d, n, outSlow)),
      // TF.js has no fused L1: one test row at a time, broadcast subtract, abs, sum.
      'tfjs-wasm': time(() => tf.tidy(() => {
        for (let i = 0; i < mSlow; i++) tf.sum(tf.abs(tf.sub(tb, tf.slice(taSlow, [i, 0], [1, d]))), 1);
      })),
    };
    report(`L1 ${label}`, l1Ops, l1Results);
    report(`exact u8 L2² ${label}`, (e) => 3 * m * n * d, { 'ours-simd': time(() => ours.l2_u8()) });
    report(`exact u8 L1 ${label}`, (e) => 3 * m * n * d, { 'ours-simd': time(() => ours.l1_u8()) });
    console.log(`  ${label}: our matmul vs TF.js max relative difference ${diff.toExponential(2)}`);
    [ta, tbt, taSlow, tb].forEach((t) => t.dispose());
    ours.free(); oursScalar.free(); oursScalarSlow.free();
  }

  // ---- the training step's matmuls (issue 4): x (256, 3073), w (3073, 10), dscores (256, 10) ----
  {
    const [m, d, c] = [256, 3073, 10];
    const ours = new simd.KernelBench(m, c, d, 2);
    const oursScalar = new scalar.KernelBench(m, c, d, 2);
    const x = ours.a(), b = ours.b(), s = ours.s();
    const w = new Float32Array(d * c);
    for (let j = 0; j < c; j++) for (let k = 0; k < d; k++) w[k * c + j] = b[j * d + k];
    const tx = tf.tensor2d(x, [m, d]), tw = tf.tensor2d(w, [d, c]), ts = tf.tensor2d(s, [m, c]);
    const out = new Float32Array(m * c), grad = new Float32Array(d * c);
    ours.matmul_tn();
    const gdiff = maxRelDiff(ours.grad(), tf.matMul(tx, ts, true, false).dataSync());
    const flops = () => 2 * m * d * c;
    report('forward x·w 256×3073·3073×10', flops, {
      'ours-simd': time(() => ours.matmul()),
      'ours-scalar': time(() => oursScalar.matmul()),
      'naive-js': time(() => jsMatmul(x, w, m, d, c, out)),
      'tfjs-wasm': time(() => tf.tidy(() => { tf.matMul(tx, tw); })),
    });
    report('gradient xᵀ·dscores 3073×256·256×10', flops, {
      'ours-simd': time(() => ours.matmul_tn()),
      'ours-scalar': time(() => oursScalar.matmul_tn()),
      'naive-js': time(() => jsMatmulTN(x, s, m, d, c, grad)),
      'tfjs-wasm': time(() => tf.tidy(() => { tf.matMul(tx, ts, true, false); })),
    });
    console.log(`  gradient: ours vs TF.js max relative difference ${gdiff.toExponential(2)}`);
    [tx, tw, ts].forEach((t) => t.dispose());
  }

  console.log('\nkernel                                              engine        GFLOP/s   × TF.js-wasm');
  for (const r of rows) {
    console.log(`${r.kernel.padEnd(52)}${r.engine.padEnd(13)}${r.gflops.toFixed(2).padStart(8)}   ${Number.isFinite(r.vsTfjs) ? r.vsTfjs.toFixed(2) : '-'}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
