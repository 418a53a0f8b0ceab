// Messages between the lab page (index.js) and its worker (worker.js), matched by `req` (rising).
// page → worker: init {}; load {config, base}; sanity {config}; gradcheck {config, num_checks, h};
//   compare {config, rules: [{rule, learning_rate}]}; search {config, iters, gd_learning_rate};
//   sweep {config, learning_rates, regs}; cancel {} (every request with a smaller req stops).
// worker → page: result {...}; progress {...} (compare: {index, loss | done}; search: {kind, loss};
//   sweep: {cell, val_acc, diverged, final_loss, val_top5}); loading {what}; error {message}.
//   Every accuracy {val_acc, test_acc} comes with {val_top5, test_top5}: NaN with ≤ 5 classes.
export const REQUESTS = ['init', 'load', 'sanity', 'gradcheck', 'compare', 'search', 'sweep', 'cancel'];
export const REPLIES = ['result', 'progress', 'loading', 'error'];

export function message(type, req, fields = {}) {
  if (!REQUESTS.includes(type) && !REPLIES.includes(type)) throw new Error(`not a lab message: ${type}`);
  if (!Number.isInteger(req)) throw new Error(`message ${type} needs an integer req`);
  return { type, req, ...fields };
}
