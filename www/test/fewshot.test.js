// The few-shot mode's pure helpers (stats, chart columns, episode captions, protocol) and the
// core's stepwise FewShotRun through the node build (target/pkg-node): chunked runs equal one run,
// and the viewer's episode i is the run's episode i.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chance, explain, formatAccuracy, runningSummary, summarise } from '../modes/fewshot/stats.js';
import { runColumns } from '../modes/fewshot/ui/runchart.js';
import { sweepColumns } from '../modes/fewshot/ui/sweepchart.js';
import { episodeTitle, queryCaption } from '../modes/fewshot/ui/episode.js';
import { MODES, message } from '../worker/protocol.js';
import { loadDataset } from '../data.js';
import { serveData } from './served-data.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgPath = path.join(root, 'target/pkg-node/simd/classplay.js');
const skip = fs.existsSync(pkgPath) ? false : 'no target/pkg-node: run scripts/build-wasm.sh first';
const core = skip ? null : createRequire(import.meta.url)(pkgPath);

test('summarise: mean, population std, 95 % CI of the mean with the sample std', () => {
  const s = summarise([0.2, 0.4, 0.6, 0.8]);
  assert.equal(s.n, 4);
  assert.ok(Math.abs(s.mean - 0.5) < 1e-12);
  assert.ok(Math.abs(s.std - Math.sqrt(0.05)) < 1e-12);
  assert.ok(Math.abs(s.ci95 - (1.96 * Math.sqrt(0.2 / 3)) / 2) < 1e-12);
  assert.equal(formatAccuracy(s), '0.500 ± 0.253');
  assert.equal(summarise([0.7]).ci95, 0);
  assert.equal(formatAccuracy(summarise([])), '');
});

test('runningSummary equals summarise of every prefix (Welford)', () => {
  const a = [0.4, 1, 0.6, 0.6, 0.2, 0.8, 1, 0.4];
  const r = runningSummary(a);
  for (let i = 0; i < a.length; i++) {
    const s = summarise(a.slice(0, i + 1));
    assert.ok(Math.abs(r.mean[i] - s.mean) < 1e-12, `mean ${i}`);
    assert.ok(Math.abs(r.upper[i] - (s.mean + s.ci95)) < 1e-12, `upper ${i}`);
    assert.ok(Math.abs(r.lower[i] - (s.mean - s.ci95)) < 1e-12, `lower ${i}`);
  }
});

test('chart columns: run (x from 1, chance 1/N) and sweep (one point per K)', () => {
  const cols = runColumns([0.5, 1], 4);
  assert.equal(cols.length, 6);
  assert.deepEqual(cols[0], [1, 2]);
  assert.deepEqual(cols[1], [0.5, 1]);
  assert.deepEqual(cols[5], [0.25, 0.25]);
  const sw = sweepColumns([{ k_shot: 1, accuracies: [0.4, 0.6] }, { k_shot: 5, accuracies: [0.8, 0.8] }], 5);
  assert.deepEqual(sw[0], [1, 5]);
  assert.ok(Math.abs(sw[1][0] - 0.5) < 1e-12 && sw[1][1] === 0.8);
  assert.ok(sw[2][0] > 0.5 && sw[3][0] < 0.5 && sw[2][1] === 0.8);
  assert.deepEqual(sw[4], [0.2, 0.2]);
});

test('captions: chance, the explanation, the episode title and each query\'s mark', () => {
  assert.equal(chance(5), 0.2);
  const text = explain({ n_way: 5, k_shot: 1, num_queries: 5 }, '10 MNIST classes');
  assert.match(text, /^5-way 1-shot: each episode picks 5 of the 10 MNIST classes/);
  assert.match(text, /1 labelled image of each \(the support set, 5 in all\)/);
  assert.match(text, /1\/5 = 0\.200/);
  const all = explain({ n_way: 5, k_shot: 1, num_queries: 5 }, '5 classes of your files', 5);
  assert.match(all, /^5-way 1-shot: each episode uses all 5 classes of your files, shows 1 /);
  assert.doesNotMatch(all, /at random|5 of the 5/);
  assert.match(explain({ n_way: 5, k_shot: 1, num_queries: 5 }, '10 MNIST classes', 10), /picks 5 of the 10 MNIST classes at random/);
  const names = ['zero', 'one', 'two'];
  assert.equal(queryCaption({ label: 0, predicted: 0 }, [2, 1], names), '✓ two → two');
  assert.equal(queryCaption({ label: 0, predicted: 1 }, [2, 1], names), '✗ two → one');
  assert.equal(episodeTitle({ index: 2, correct: 4, total_queries: 5, accuracy: 0.8, queries: [1, 2, 3, 4, 5] }),
    'Episode 3: 4 of 5 queries right (0.800)');
  assert.match(episodeTitle({ index: 0, correct: 4, total_queries: 25, accuracy: 0.16, queries: [1, 2] }),
    / · 2 of them shown$/);
});

test('protocol: known types only, integer run_id', () => {
  assert.deepEqual(message('run', 3, { config: {} }, 'fewshot'), { type: 'run', run_id: 3, config: {} });
  assert.throws(() => message('runn', 1, {}, 'fewshot'), /not a fewshot protocol message: runn/);
  assert.throws(() => message('run', '1', {}, 'fewshot'), /integer run_id/);
  assert.ok(MODES.fewshot.to_worker.includes('episode') && MODES.fewshot.to_worker.includes('sweep'));
});

serveData();

test('FewShotRun in wasm: chunked = one run; viewer episode i = run episode i; keys named', { skip }, async () => {
  const pg = new core.Playground();
  assert.equal(await loadDataset(core, pg, 'mnist', { train: 1, test: 3000 }, 'http://page.test/', () => {}, () => false), true);
  const make = () => new core.FewShotRun(pg, 'test', 5, 2, 3, 40, 'l1', 7);
  const whole = make();
  assert.equal(whole.run(pg, 1000), 40);
  assert.equal(whole.run(pg, 1000), 0);
  assert.equal(whole.done(), true);
  const all = Array.from(whole.accuracies(0));
  assert.equal(all.length, 40);
  const chunked = make();
  for (const n of [1, 2, 3, 5, 8, 13, 100]) chunked.run(pg, n);
  assert.deepEqual(Array.from(chunked.accuracies(0)), all);
  assert.deepEqual(Array.from(chunked.accuracies(35)), all.slice(35));
  const viewer = make();
  for (let i = 0; i < 10; i++) {
    const e = viewer.next_episode(pg);
    assert.equal(e.accuracy(), all[i], `episode ${i}`);
    assert.equal(e.support().length, 10);
    assert.equal(e.queries().length, 15);
    e.free();
  }
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  assert.ok(mean > 0.4, `MNIST 5-way 2-shot L1: ${mean}`);
  for (const [args, key] of [[[pg, 'test', 11, 1, 5, 10, 'l2', 1], /n_way/], [[pg, 'test', 5, 0, 5, 10, 'l2', 1], /k_shot/],
    [[pg, 'test', 5, 1, 5, 10, 'l3', 1], /metric/], [[pg, 'val', 5, 1, 5, 10, 'l2', 1], /unknown split/]]) {
    assert.throws(() => new core.FewShotRun(...args), key);
  }
  for (const r of [whole, chunked, viewer]) r.free();
  pg.free();
});
