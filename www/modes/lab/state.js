// The lab's settings (URL keys, the Rust TrainConfig names where they are TrainConfig fields).
// Loss keys and their checks are the train mode's (state.js); the lab runs short, small runs.
import { prop } from '../../settings/linear.js';
import { TRAIN_RECORDS } from '../../settings/values.js';
import { createSettings } from '../../settings/engine.js';

/** A key of the train mode's table: its label and page fields (the lab's bounds are the core's). */
const from = (name, extra = {}) => {
  const { label, valueNames, when } = prop(name);
  return { name, label, valueNames, when, ...extra };
};

/** The page table (types, bounds and defaults: src/settings.rs `LAB`, the lab's short runs). */
const TABLE = [
  from('dataset'),
  from('loss'),
  from('delta'), from('squared_hinge'), from('include_correct'), from('mean_over_classes'),
  from('regularization'),
  from('reg'),
  from('seed'),
  from('num_train'),
  from('num_val'),
  from('num_test'),
  from('batch_size'),
  // One budget for every rule, so the curves compare like with like.
  from('num_iters', { label: 'Iterations per rule (num_iters)' }),
  { name: 'rules', label: 'Update rules compared' },
  { name: 'h', label: 'Gradient check step h' },
  { name: 'num_checks', label: 'Coordinates checked' },
  { name: 'search_iters', label: 'Random search steps' },
  { name: 'sweep_iters', label: 'Iterations per sweep cell' },
  { name: 'sweep_folds', label: 'Cross-validation folds per sweep cell (1 = one validation split)' },
];

/**
 * The engine (www/settings/engine.js): `#mode=lab` + keys not at their default (dataset always);
 * `mode` may be `lab` or `gradcheck` (the lab opened on its gradient check).
 */
export const SETTINGS = createSettings({ mode: 'lab', modes: ['lab', 'gradcheck'], table: TABLE, sparse: true,
  together: (s) => checkLab(s) });
/** The merged table: page fields and the core's type, bounds, default. */
export const PROPS = SETTINGS.props;

/** The keys that change what data the worker must load. */
export function dataKey(s) {
  return `${s.dataset}:${s.num_train + s.num_val}:${s.num_test}`;
}

/** The TrainConfig of the lab's settings for one rule (`learning_rate` chosen by the caller). */
export function labConfig(s, extra = {}) {
  const keys = ['dataset', 'loss', 'delta', 'squared_hinge', 'include_correct', 'mean_over_classes',
    'regularization', 'reg', 'seed', 'num_train', 'num_val', 'num_test', 'batch_size', 'num_iters'];
  const c = Object.fromEntries(keys.map((k) => [k, s[k]]));
  c.batch_size = Math.min(c.batch_size, c.num_train);
  return { ...c, ...extra };
}

/**
 * Problems between keys (as the train mode's): returned as messages, the state fixed (num_train and
 * num_val back to the lab's defaults). The user's files are held to CIFAR-10's 50 000 images, as
 * before: the lab loads them like CIFAR-10.
 */
export function checkLab(s) {
  const errors = [];
  const limit = TRAIN_RECORDS[s.dataset] ?? TRAIN_RECORDS.cifar10;
  if (s.num_train + s.num_val > limit) {
    errors.push(`num_train + num_val = ${s.num_train + s.num_val} is more than the ${limit} training images of ${s.dataset}`);
    const d = SETTINGS.defaults(s.dataset);
    s.num_train = d.num_train;
    s.num_val = d.num_val;
  }
  return errors;
}
