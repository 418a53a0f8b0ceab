// The lab's settings (URL keys, the Rust TrainConfig names where they are TrainConfig fields).
// Loss keys and their checks are the train mode's (state.js); the lab runs short, small runs.
import { UPDATE_RULES, prop } from '../../settings/linear.js';

const from = (name, extra = {}) => ({ ...prop(name), ...extra });

export const PROPS = [
  from('dataset'),
  from('loss'),
  from('delta'), from('squared_hinge'), from('include_correct'), from('mean_over_classes'),
  from('regularization'),
  from('reg'),
  from('seed'),
  from('num_train', { default: 2000 }),
  from('num_val', { default: 500, max: 5000 }),
  from('num_test', { default: 2000 }),
  from('batch_size'),
  // One budget for every rule, so the curves compare like with like.
  from('num_iters', { default: 200, max: 5000, label: 'Iterations per rule (num_iters)' }),
  { name: 'rules', type: 'list', values: UPDATE_RULES, default: UPDATE_RULES.slice(), minItems: 1,
    label: 'Update rules compared' },
  { name: 'h', type: 'f32', default: 1e-5, min: 1e-12, max: 1, label: 'Gradient check step h' },
  { name: 'num_checks', type: 'u32', default: 12, min: 1, max: 200, label: 'Coordinates checked' },
  { name: 'search_iters', type: 'u32', default: 1000, min: 1, max: 5000, label: 'Random search steps' },
  { name: 'sweep_iters', type: 'u32', default: 100, min: 1, max: 2000, label: 'Iterations per sweep cell' },
];

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

/** Problems between keys (as the train mode's): returned as messages, the state fixed. */
export function checkLab(s) {
  const errors = [];
  const limit = s.dataset === 'mnist' ? 60000 : 50000;
  if (s.num_train + s.num_val > limit) {
    errors.push(`num_train + num_val = ${s.num_train + s.num_val} is more than the ${limit} training images of ${s.dataset}`);
    s.num_train = 2000;
    s.num_val = 500;
  }
  return errors;
}
