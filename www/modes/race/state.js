// The race mode's settings (URL keys): surface, racers, gradient noise, start point, speed. Page
// things only; types, bounds and defaults are the core's (src/settings.rs `RACE`: `racers` needs
// at least one, `start_x` / `start_y` default to blank = the surface's own start, NaN here).
import { RACERS, TUNABLE } from './racers.js';
import { createSettings } from '../../settings/engine.js';

const TABLE = [
  { name: 'surface', label: 'Loss surface',
    valueNames: { ravine: 'ravine (ill-conditioned)', saddle: 'saddle point', local_min: 'local minimum',
      rosenbrock: 'Rosenbrock banana' } },
  { name: 'racers', label: 'Racers', valueNames: Object.fromEntries(Object.entries(RACERS).map(([id, r]) => [id, r.label])) },
  // One learning rate per racer (blank: the surface's own, shown greyed in the field).
  ...TUNABLE.map((id) => ({ name: `lr_${id}`, label: `${RACERS[id].label}: learning rate${id === 'newton' ? ' (damping)' : ''}` })),
  { name: 'noise', label: 'Gradient noise (minibatch)' },
  { name: 'noise_std', label: 'Noise standard deviation' },
  // Blank start = the surface's own start (where its lesson shows); a click or these keys choose another.
  { name: 'start_x', label: 'Start x (blank: the surface\'s own)' },
  { name: 'start_y', label: 'Start y (blank: the surface\'s own)' },
  { name: 'steps_per_frame', label: 'Steps per frame' },
  { name: 'max_steps', label: 'Steps (max_steps)' },
  { name: 'seed', label: 'Seed (noise)' },
  { name: 'autoplay', label: 'Start when the page opens' },
];

/** The engine (www/settings/engine.js): `#mode=race` + keys not at their default. */
export const SETTINGS = createSettings({ mode: 'race', table: TABLE, sparse: true });
/** The merged table: page fields and the core's type, bounds, default. */
export const PROPS = SETTINGS.props;
/** The surfaces (the core's values of `surface`). */
export const SURFACES = SETTINGS.prop('surface').values;
