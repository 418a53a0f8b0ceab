// The racers of the 2-D optimiser race: one update rule each (Adam twice, with and without bias
// correction, so a student sees the difference), with a learning rate per surface: the surfaces'
// gradients differ by orders of magnitude (Rosenbrock's reach hundreds), so one rate cannot fit all.
// Tuned by hand so each surface shows its lesson within a few hundred steps.

/** id → {rule (the core's update_rule), label, colour, dash, bias_correction}. Colours are told
 * apart by the legend's names and by dash patterns too, not by colour alone. */
export const RACERS = {
  sgd: { rule: 'sgd', label: 'SGD', colour: '#dc2626', dash: [] },
  sgd_momentum: { rule: 'sgd_momentum', label: 'Momentum', colour: '#2563eb', dash: [] },
  nesterov: { rule: 'nesterov', label: 'Nesterov', colour: '#0891b2', dash: [6, 3] },
  adagrad: { rule: 'adagrad', label: 'AdaGrad', colour: '#16a34a', dash: [] },
  rmsprop: { rule: 'rmsprop', label: 'RMSProp', colour: '#9333ea', dash: [] },
  adam: { rule: 'adam', label: 'Adam', colour: '#ea580c', dash: [] },
  adam_no_bc: { rule: 'adam', label: 'Adam, no bias correction', colour: '#ca8a04', dash: [2, 3],
    bias_correction: false },
  lbfgs: { rule: 'lbfgs', label: 'L-BFGS', colour: '#111827', dash: [8, 4] },
  // Second order: the exact 2×2 Hessian (src/race.rs `add_newton`); its learning rate damps the step.
  newton: { rule: null, newton: true, label: 'Newton', colour: '#be185d', dash: [1, 3] },
};

export const RACER_IDS = Object.keys(RACERS);

/** Learning rate per surface and racer (L-BFGS chooses its own step: its rate is unused; Newton's
 * is the damping of its step, 1 = the full step). `lr_<racer>` in the URL overrides it. */
export const RACE_LEARNING_RATE = {
  ravine: { sgd: 0.3, sgd_momentum: 0.1, nesterov: 0.1, adagrad: 1, rmsprop: 0.05, adam: 0.3, adam_no_bc: 0.3, lbfgs: 1, newton: 1 },
  saddle: { sgd: 0.05, sgd_momentum: 0.02, nesterov: 0.02, adagrad: 0.3, rmsprop: 0.02, adam: 0.05, adam_no_bc: 0.05, lbfgs: 1, newton: 1 },
  local_min: { sgd: 0.02, sgd_momentum: 0.01, nesterov: 0.01, adagrad: 0.3, rmsprop: 0.02, adam: 0.05, adam_no_bc: 0.05, lbfgs: 1, newton: 1 },
  rosenbrock: { sgd: 0.001, sgd_momentum: 0.0003, nesterov: 0.0003, adagrad: 0.3, rmsprop: 0.005, adam: 0.05, adam_no_bc: 0.05, lbfgs: 1, newton: 1 },
};

// The racers selected by default (enough to see momentum overshoot and Adam's two starts) are the
// core's default of `racers` (src/settings.rs `RACE`).

/** Racers with a learning rate of their own (`lr_<id>`): all but L-BFGS. */
export const TUNABLE = RACER_IDS.filter((id) => id !== 'lbfgs');

/** Racer `id`'s learning rate on `surface` with `settings` (its `lr_<id>`, else the table's). */
export function learningRate(settings, surface, id) {
  const own = settings[`lr_${id}`];
  return Number.isFinite(own) ? own : RACE_LEARNING_RATE[surface][id];
}

/** Words for why a racer stopped, from the core's `[kind, step, f]` (kind 0: running). */
export function stopNote(label, [kind, step, f], rate) {
  if (kind === 1) {
    const loss = Number.isFinite(f) ? f.toPrecision(3) : 'not a number';
    return `${label} diverged at step ${step} (loss ${loss}), so it stays at its last point (the legend's f): its learning rate ${rate} is too large — lower it.`;
  }
  if (kind === 2) return `${label} converged (no step lowers the loss further).`;
  if (kind === 3) return `${label} stopped: the Hessian is singular here, so the Newton step H⁻¹∇f does not exist.`;
  return '';
}
