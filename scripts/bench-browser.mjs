// The benchmark in the browser (npm run bench:browser): builds what it needs, serves it locally
// and drives Debian's Chromium headless (playwright-core; no network).
//
// 1. Kernels (bench/browser/): our SIMD and scalar wasm builds (with KernelBench, cargo feature
//    `bench`), naive JS and TF.js's wasm backend (its SIMD build, single-threaded as it loads by
//    default, best of its call patterns) on the same numbers in one page: medians, GFLOP/s, ratios.
// 2. Page-level jobs on the built site (dist/): seconds from navigation to the default MNIST run's
//    final accuracy (cold cache, then cached), iterations per second of the default MNIST and
//    CIFAR-10 runs, the longest main-thread task while training (PerformanceObserver 'longtask'),
//    and the wasm + JS of dist/ gzipped.
// 3. Full-dataset k-NN jobs on dist/ (the k-NN mode's worker pool, one worker per core): full
//    MNIST 1-NN L2 (60,000 × 10,000) and full CIFAR-10 1-NN L1 (50,000 × 10,000), each from
//    navigation (fresh browser context: cold cache) to the accuracy shown. Their `kernel_seconds`
//    is the bare arithmetic of the same job on the same cores in the same run: the core's k-NN
//    prediction (knn_predict_ranked: exact u8 distances + the vote) timed inside each worker,
//    summed over the workers and divided by their number — the wall time a perfectly shared pool
//    would need with no fetch, decode, setup or messages. Medians of --repeats N runs (default 1).
//
//   node scripts/bench-browser.mjs [--json] [--quick] [--no-build] [--no-jobs] [--no-kernels]
//                                  [--baseline DIR] [--only-knn] [--no-knn] [--repeats N]
//
// --baseline DIR adds an earlier SIMD build (a wasm-bindgen --target web package of the core with
// the `bench` feature, e.g. a copy of target/bench-browser/pkg/simd from another commit) as the
// engine ours-before, timed in turn with the others in the same page: before/after on one load.
//
// --json prints one JSON object per line instead of the table: {"kernel", "shape", "ours_gflops",
// "scalar_gflops", "tfjs_wasm_gflops", "ratio", …} per kernel and {"job", "seconds",
// "kernel_seconds", …} per job. These machines are noisy (±30 %): read medians and ratios.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/browser.mjs';
import { serve } from './static-server.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = new Set(process.argv.slice(2));
const baselineAt = process.argv.indexOf('--baseline');
const BASELINE = baselineAt > 0 ? path.resolve(process.argv[baselineAt + 1]) : null;
const JSON_OUT = argv.has('--json');
const QUICK = argv.has('--quick');
const BUILD = !argv.has('--no-build');
const repeatsAt = process.argv.indexOf('--repeats');
const REPEATS = repeatsAt > 0 ? Math.max(1, Number(process.argv[repeatsAt + 1]) || 1) : 1;
const ONLY_KNN = argv.has('--only-knn');
const KNN = !argv.has('--no-knn');
const SITE = path.join(ROOT, 'target/bench-browser');
const info = (msg) => process.stderr.write(`${msg}\n`);
const run = (cmd, args, env = {}) => {
  info(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, ...env } });
};

/** The benchmark's wasm (KernelBench), as scripts/build-bench.sh builds it but --target web. */
function buildKernels() {
  const env = { ...process.env };
  delete env.RUSTFLAGS; // it would silently replace the +simd128 of .cargo/config.toml
  delete env.CARGO_ENCODED_RUSTFLAGS;
  const builds = [
    ['simd', 'target/bench', {}],
    ['scalar', 'target/bench-scalar', { RUSTFLAGS: '-C target-feature=-simd128' }],
  ];
  for (const [variant, dir, extra] of builds) {
    info(`$ cargo build --release --lib --target wasm32-unknown-unknown --features bench --target-dir ${dir}`);
    execFileSync('cargo', ['build', '--release', '--lib', '--target', 'wasm32-unknown-unknown', '--features', 'bench', '--target-dir', dir],
      { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr], env: { ...env, ...extra } });
    const out = path.join(SITE, 'pkg', variant);
    fs.rmSync(out, { recursive: true, force: true });
    run('wasm-bindgen', ['--target', 'web', '--out-dir', out, '--out-name', 'classplay', path.join(dir, 'wasm32-unknown-unknown/release/classplay.wasm')]);
    const wasmOpt = path.join(ROOT, 'node_modules/.bin/wasm-opt');
    if (fs.existsSync(wasmOpt)) {
      const feats = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals',
        '--enable-reference-types', '--enable-multivalue', ...(variant === 'simd' ? ['--enable-simd'] : [])];
      const f = path.join(out, 'classplay_bg.wasm');
      run(wasmOpt, ['-O3', ...feats, f, '-o', `${f}.opt`]);
      fs.renameSync(`${f}.opt`, f);
    }
  }
}

/** target/bench-browser/: the page, our packages and TF.js's files (served locally). */
function assembleSite() {
  fs.mkdirSync(path.join(SITE, 'tfjs'), { recursive: true });
  for (const f of ['index.html', 'bench.mjs']) fs.copyFileSync(path.join(ROOT, 'bench/browser', f), path.join(SITE, f));
  fs.copyFileSync(path.join(ROOT, 'bench/naive.mjs'), path.join(SITE, 'naive.mjs')); // the naive JS references, shared with the node benchmark
  const nm = path.join(ROOT, 'bench/node_modules/@tensorflow');
  if (!fs.existsSync(nm)) throw new Error('bench/node_modules is missing: (cd bench && npm install)');
  const files = [['tfjs-core/dist/tf-core.min.js'], ['tfjs-backend-wasm/dist/tf-backend-wasm.min.js'],
    ['tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'], ['tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'],
    ['tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm']];
  for (const [f] of files) fs.copyFileSync(path.join(nm, f), path.join(SITE, 'tfjs', path.basename(f)));
  fs.rmSync(path.join(SITE, 'pkg/before'), { recursive: true, force: true });
  if (BASELINE) fs.cpSync(BASELINE, path.join(SITE, 'pkg/before'), { recursive: true });
}

const fmt = (v, d = 2) => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(d));

async function kernels(browser) {
  const server = await serve(SITE, 0);
  try {
    const page = await browser.newPage();
    page.on('console', (m) => info(`  [page] ${m.text()}`));
    page.on('pageerror', (e) => info(`  [page error] ${e}`));
    const query = new URLSearchParams({ ...(QUICK ? { quick: 1 } : {}), ...(BASELINE ? { baseline: 1 } : {}) });
    await page.goto(`${server.url}?${query}`);
    await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 0, polling: 1000 });
    const r = await page.evaluate(() => window.__bench);
    await page.close();
    if (!r.ok) throw new Error(`benchmark page failed: ${r.error}`);
    return r;
  } finally {
    await server.close();
  }
}

/** Sum of gzip -9 sizes of the files under dir whose names end in one of exts. */
function gzipped(dir, pred) {
  let raw = 0, gz = 0;
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (pred(path.relative(dir, p))) {
        const bytes = fs.readFileSync(p);
        const g = zlib.gzipSync(bytes, { level: 9 }).length;
        raw += bytes.length; gz += g;
        files.push([path.relative(dir, p), g]);
      }
    }
  };
  walk(dir);
  return { raw, gz, files };
}

/**
 * One default run in `page` of a browser context: navigation → status 'done', polling the
 * iteration counter (100 ms) for iterations per second while training, and the longest task.
 */
async function trainRun(page, url) {
  const fetched = new Set();
  page.on('response', (r) => { const u = new URL(r.url()); if (/\.(wasm|m?js)$/.test(u.pathname)) fetched.add(u.pathname.slice(1)); });
  const t0 = Date.now();
  await page.goto(url);
  const samples = [];
  for (;;) {
    const s = await page.evaluate(() => ({
      status: document.querySelector('[data-testid="status"]')?.textContent ?? '',
      iteration: Number((document.querySelector('[data-testid="iteration"]')?.textContent ?? '').match(/\d+/)?.[0] ?? NaN),
      now: performance.now(),
    }));
    samples.push(s);
    if (s.status === 'done' || s.status.startsWith('error')) break;
    if (Date.now() - t0 > 900000) throw new Error(`${url}: not done after 900 s (status "${s.status}")`);
    await page.waitForTimeout(100);
  }
  const seconds = (Date.now() - t0) / 1000;
  const last = samples.at(-1);
  if (last.status !== 'done') throw new Error(`${url}: ${last.status}`);
  const training = samples.filter((s) => s.status === 'training' && s.iteration > 0);
  const first = training[0] ?? last;
  const trainStart = (samples.find((s) => s.status === 'training') ?? last).now;
  const itPerSec = (last.iteration - first.iteration) / ((last.now - first.now) / 1000);
  const { long, acc } = await page.evaluate(() => ({
    long: window.__long ?? [],
    acc: Number(document.querySelector('[data-testid="test-acc"]')?.textContent),
  }));
  let longestTraining = 0, longestLoad = 0, over50 = 0;
  for (const { start, duration } of long) {
    if (start + duration <= trainStart) longestLoad = Math.max(longestLoad, duration);
    else { longestTraining = Math.max(longestTraining, duration); over50++; }
  }
  return { seconds, iterations: last.iteration, itPerSec, acc, longestTraining, longestLoad, over50, fetched: [...fetched] };
}

const LONGTASKS = () => {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

async function jobs(browser, kernelRows) {
  const dist = path.join(ROOT, 'dist');
  const server = await serve(dist, 0);
  const out = [];
  // The GEMM share of a default training loop (200 × (D+1) batches, C = 10), from the kernel page:
  // num_iters × (forward + gradient) at that shape. An estimate, not a measurement inside the job.
  const gemm = (d) => {
    const f = kernelRows.find((r) => r.kernel === 'forward x·w' && r.shape === `200×${d}·${d}×10`);
    const g = kernelRows.find((r) => r.kernel === 'gradient xᵀ·dscores' && r.shape === `${d}×200·200×10`);
    return f && g ? 1500 * (f.ours_seconds + g.ours_seconds) : null;
  };
  let loaded = [];
  try {
    // Cold (fresh context, empty cache), then cached (same context, second navigation).
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await ctx.addInitScript(LONGTASKS);
    for (const [job, dataset, d] of [['mnist_default_cold', 'mnist', 785], ['mnist_default_cached', 'mnist', 785]]) {
      const page = await ctx.newPage();
      const r = await trainRun(page, `${server.url}#autoplay=1`);
      if (job === 'mnist_default_cold') loaded = r.fetched;
      await page.close();
      out.push({ job, seconds: r.seconds, kernel_seconds: gemm(d), what: 'navigation → final test accuracy', test_acc: r.acc,
        it_per_sec: r.itPerSec, longest_task_ms_training: r.longestTraining, longtasks_training: r.over50, longest_task_ms_load: r.longestLoad });
    }
    const page = await ctx.newPage();
    const c = await trainRun(page, `${server.url}#dataset=cifar10&autoplay=1`);
    await page.close();
    out.push({ job: 'cifar10_default', seconds: c.seconds, kernel_seconds: gemm(3073), what: 'navigation → final test accuracy', test_acc: c.acc,
      it_per_sec: c.itPerSec, longest_task_ms_training: c.longestTraining, longtasks_training: c.over50, longest_task_ms_load: c.longestLoad });
    await ctx.close();
  } finally {
    await server.close();
  }
  const all = gzipped(dist, (f) => /\.(wasm|m?js)$/.test(f));
  // What this (SIMD) browser fetched for the default MNIST run: the page's share of dist/.
  const fetchedGz = gzipped(dist, (f) => loaded.includes(f.split(path.sep).join('/')));
  out.push({ job: 'dist_wasm_js_gzip', seconds: null, kernel_seconds: null, kb: all.gz / 1024, raw_kb: all.raw / 1024,
    files: all.files.length, kb_fetched_default_run: fetchedGz.gz / 1024, files_fetched: fetchedGz.files.length });
  return out;
}

/** The full-dataset k-NN jobs: [job, URL hash]. */
const KNN_JOBS = [
  ['knn_mnist_full_1nn_l2', 'mode=knn&dataset=mnist&subset=first&num_train=60000&num_test=10000&metric=l2&k=1'],
  ['knn_cifar10_full_1nn_l1', 'mode=knn&dataset=cifar10&subset=first&num_train=50000&num_test=10000&metric=l1&k=1'],
];

const median = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

/** One k-NN autoplay run of `hash` in a fresh context: the page's own figures (window.__knn). */
async function knnRun(browser, url) {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => info(`  [page error] ${e}`));
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => /^(done|error)/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
      null, { timeout: 1_800_000, polling: 100 });
    const seconds = (Date.now() - t0) / 1000;
    const status = await page.getByTestId('status').textContent();
    if (status !== 'done') throw new Error(`${url}: ${status}`);
    const r = await page.evaluate(() => ({ ...window.__knn.times(), acc: window.__knn.result().acc }));
    const sum = r.worker_ms.reduce((a, b) => a + b, 0);
    return { seconds, kernel_seconds: sum / r.workers / 1000, acc: r.acc, workers: r.workers,
      setup_seconds: r.setup_ms / 1000, load_seconds: r.load_ms.map((ms) => ms / 1000), predict_seconds: r.predict_ms / 1000,
      worker_seconds: r.worker_ms.map((ms) => ms / 1000) };
  } finally {
    await ctx.close();
  }
}

async function knnJobs(browser) {
  const server = await serve(path.join(ROOT, 'dist'), 0);
  const out = [];
  try {
    for (const [job, hash] of KNN_JOBS) {
      const runs = [];
      for (let i = 0; i < REPEATS; i++) {
        const r = await knnRun(browser, `${server.url}#${hash}&autoplay=1`);
        info(`  ${job} run ${i + 1}: ${r.seconds.toFixed(2)} s, kernel ${r.kernel_seconds.toFixed(2)} s ` +
          `(× ${(r.seconds / r.kernel_seconds).toFixed(2)}), setup ${r.setup_seconds.toFixed(2)} s, load ` +
          `${r.load_seconds.map((s) => s.toFixed(2)).join(' / ')} s, predict ${r.predict_seconds.toFixed(2)} s, accuracy ${r.acc}`);
        runs.push(r);
      }
      const m = (f) => median(runs.map(f));
      const seconds = m((r) => r.seconds);
      const kernel_seconds = m((r) => r.kernel_seconds);
      out.push({ job, seconds, kernel_seconds, ratio: m((r) => r.seconds / r.kernel_seconds), test_acc: runs[0].acc,
        accuracies: runs.map((r) => r.acc), workers: runs[0].workers, runs: REPEATS,
        setup_seconds: m((r) => r.setup_seconds), load_seconds_max: m((r) => Math.max(...r.load_seconds)),
        predict_seconds: m((r) => r.predict_seconds),
        what: 'navigation → accuracy (cold cache); kernel_seconds: in-worker knn_predict_ranked time / workers' });
    }
  } finally {
    await server.close();
  }
  return out;
}

async function main() {
  if (BUILD && !argv.has('--no-kernels') && !ONLY_KNN) buildKernels();
  if (!argv.has('--no-kernels') && !ONLY_KNN) assembleSite();
  if (BUILD && !argv.has('--no-jobs')) {
    if (!fs.existsSync(path.join(ROOT, 'www/pkg/simd/classplay_bg.wasm'))) run('bash', ['scripts/build-wasm.sh']);
    run('npm', ['run', 'build', '--silent']);
  }
  const browser = await launch();
  let k = { env: {}, rows: [] };
  let j = [];
  try {
    if (!argv.has('--no-kernels') && !ONLY_KNN) k = await kernels(browser);
    if (!argv.has('--no-jobs') && !ONLY_KNN) j = await jobs(browser, k.rows);
    if (!argv.has('--no-jobs') && KNN) j = j.concat(await knnJobs(browser));
  } finally {
    await browser.close();
  }
  if (JSON_OUT) {
    console.log(JSON.stringify({ env: { ...k.env, chromium: browser.version?.() } }));
    for (const r of k.rows) console.log(JSON.stringify(r));
    for (const r of j) console.log(JSON.stringify(r));
    return;
  }
  if (k.rows.length) {
    console.log(`${k.env.userAgent ?? ''}\nTF.js ${k.env.tfjs ?? '-'} wasm (SIMD ${k.env.tfjs_simd}, threads ${k.env.tfjs_threads}); ours simd_compiled=${k.env.ours_simd_compiled}, scalar build simd_compiled=${k.env.scalar_simd_compiled}`);
    const b = BASELINE !== null;
    console.log(`\n${'kernel'.padEnd(22)}${'shape'.padEnd(28)}${'ours'.padStart(8)}${'scalar'.padStart(8)}${'naive'.padStart(8)}${'TF.js'.padStart(8)}${'×TF.js'.padStart(8)}${b ? `${'before'.padStart(8)}${'×TF.js'.padStart(8)}` : ''}  notes (TF.js: best pattern; every pattern)`);
    for (const r of k.rows) {
      const pats = Object.entries(r.tfjs_patterns).map(([p, g]) => `${p} ${fmt(g)}`).join(', ');
      console.log(`${r.kernel.padEnd(22)}${r.shape.padEnd(28)}${fmt(r.ours_gflops).padStart(8)}${fmt(r.scalar_gflops).padStart(8)}${fmt(r.naive_js_gflops).padStart(8)}${fmt(r.tfjs_wasm_gflops).padStart(8)}${fmt(r.ratio).padStart(8)}${b ? `${fmt(r.before_gflops).padStart(8)}${fmt(r.before_ratio).padStart(8)}` : ''}  ${r.unit}; ${r.note}${pats ? `; TF.js ${pats}` : ''}`);
    }
  }
  if (j.length) console.log('');
  for (const r of j) {
    if (r.job.startsWith('knn_')) {
      console.log(`${r.job.padEnd(24)}${fmt(r.seconds, 2)} s navigation → accuracy ${r.test_acc}; kernel ${fmt(r.kernel_seconds, 2)} s ` +
        `(× ${fmt(r.ratio)}); setup ${fmt(r.setup_seconds, 2)} s (load ≤ ${fmt(r.load_seconds_max, 2)} s), predict ${fmt(r.predict_seconds, 2)} s; ` +
        `${r.workers} workers; median of ${r.runs}`);
    } else if (r.job === 'dist_wasm_js_gzip') {
      console.log(`${r.job.padEnd(24)}${fmt(r.kb, 0)} KB gzipped (${r.files} files, ${fmt(r.raw_kb, 0)} KB raw); fetched by the default MNIST run: ${fmt(r.kb_fetched_default_run, 0)} KB gzipped (${r.files_fetched} files)`);
    } else {
      console.log(`${r.job.padEnd(24)}${fmt(r.seconds, 1)} s to final accuracy ${r.test_acc}; ${fmt(r.it_per_sec, 0)} it/s; longest task while training ${fmt(r.longest_task_ms_training, 0)} ms (${r.longtasks_training} over 50 ms), at load ${fmt(r.longest_task_ms_load, 0)} ms; GEMM share ≈ ${fmt(r.kernel_seconds)} s`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
