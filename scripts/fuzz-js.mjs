#!/usr/bin/env node
// Runs the JS fuzz targets for longer than the test suite does and prints, per target,
// executions and failures (and for the zip target the largest unpacked input, the slowest input and
// the array-buffer peak): the URL hash of every mode and the router's keys
// (www/test/fuzz/hash-targets.js), the zip import and the image-header reader
// (www/test/fuzz/zip-targets.js). Exits 1 on any failure, printing the first ones.
//
//   node scripts/fuzz-js.mjs            # 60 s per target
//   node scripts/fuzz-js.mjs 600 views  # 10 minutes, targets whose name contains "views"
//   CLASSPLAY_FUZZ_SEED=7 node scripts/fuzz-js.mjs 30
import { MODE_TARGETS, fuzzHashes } from '../www/test/fuzz/hash-targets.js';
import { fuzzImport } from '../www/test/fuzz/zip-targets.js';

const seconds = Number(process.argv[2] ?? 60);
const filter = process.argv[3] ?? '';
const seed = Number(process.env.CLASSPLAY_FUZZ_SEED ?? 1);
const names = [...MODE_TARGETS.map((t) => `hash_${t.name}`), 'hash_router', 'import_zip', 'import_image_size']
  .filter((n) => n.includes(filter));
console.log(`JS fuzzing for ${seconds} s per target (seed ${seed}): ${names.join(', ')}`);
let failed = 0;
for (const name of names) {
  const r = name.startsWith('hash_')
    ? fuzzHashes({ seconds, seed, only: name.slice(5) })[name.slice(5)]
    : (await fuzzImport({ seconds, seed, only: name.slice(7) }))[name.slice(7)];
  const extra = r.peak_unpacked === undefined ? ''
    : `, peak unpacked ${r.peak_unpacked} bytes, peak array buffers +${(r.peak_array_buffers / 2 ** 20).toFixed(1)} MiB, slowest ${r.slowest_ms} ms`;
  console.log(`fuzz ${name.padEnd(20)} ${String(r.execs).padStart(10)} execs, ${r.failures.length} failures${extra}`);
  for (const f of r.failures.slice(0, 5)) console.log(`  failure: ${f.slice(0, 400)}`);
  failed += r.failures.length;
}
process.exit(failed ? 1 : 0);
