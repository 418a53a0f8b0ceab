// Medians and spread over several runs of the browser benchmark (issue 13: "medians, and the
// spread over three runs"). Each argument is the --json output of one run:
//
//   for i in 1 2 3; do node scripts/bench-browser.mjs --json > run$i.jsonl; done
//   node scripts/bench-spread.mjs run1.jsonl run2.jsonl run3.jsonl
//
// Prints one row per kernel (ours, TF.js, ratio) and per job (seconds, kernel_seconds, ratio,
// iterations per second, longest task): the median over the runs and [min – max].
import fs from 'node:fs';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node scripts/bench-spread.mjs run1.jsonl run2.jsonl …');
  process.exit(2);
}
const runs = files.map((f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)));
const median = (v) => {
  const s = v.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (v, d = 2) => (v === null || v === undefined ? '-' : v.toFixed(d));
const spread = (v, d = 2) => {
  const s = v.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return s.length ? `${fmt(median(s), d)} [${fmt(Math.min(...s), d)}–${fmt(Math.max(...s), d)}]` : '-';
};
/** Rows with the same key over the runs, in the first run's order. */
function grouped(keyOf) {
  const out = new Map();
  for (const run of runs) {
    for (const r of run) {
      const k = keyOf(r);
      if (k === null) continue;
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(r);
    }
  }
  return out;
}

console.log(`${runs.length} runs; median [min–max]\n`);
console.log('| kernel | shape | ours | scalar | TF.js-wasm | ours ÷ TF.js |');
console.log('|---|---|---|---|---|---|');
for (const [, rs] of grouped((r) => (r.kernel ? `${r.kernel}|${r.shape}` : null))) {
  const col = (f) => rs.map((r) => r[f]);
  console.log(`| ${rs[0].kernel} | ${rs[0].shape} | ${spread(col('ours_gflops'))} | ${spread(col('scalar_gflops'))} | ${spread(col('tfjs_wasm_gflops'))} | ${spread(col('ratio'))} |`);
}
console.log('\n| job | seconds | kernel_seconds | ratio | it/s | longest task in training (ms) | other |');
console.log('|---|---|---|---|---|---|---|');
for (const [job, rs] of grouped((r) => r.job ?? null)) {
  const col = (f) => rs.map((r) => r[f]);
  const ratio = rs.map((r) => r.ratio ?? (r.seconds && r.kernel_seconds ? r.seconds / r.kernel_seconds : null));
  const other = job === 'dist_wasm_js_gzip'
    ? `${spread(col('kb'), 0)} KB gz all; ${spread(col('kb_fetched_default_run'), 0)} KB gz fetched by the default run`
    : rs[0].test_acc !== undefined ? `accuracy ${[...new Set(col('test_acc'))].join(', ')}` : '';
  console.log(`| ${job} | ${spread(col('seconds'))} | ${spread(col('kernel_seconds'))} | ${job.startsWith('knn_') ? spread(ratio) : '-'} | ${spread(col('it_per_sec'), 0)} | ${spread(col('longest_task_ms_training'), 0)} | ${other} |`);
}
