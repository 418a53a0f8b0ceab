// The race mode's settings (URL keys): surface, racers, gradient noise, start point, speed.
import { RACER_IDS, DEFAULT_RACERS } from './racers.js';

export const SURFACES = ['ravine', 'saddle', 'local_min', 'rosenbrock'];

export const PROPS = [
  { name: 'surface', type: 'enum', values: SURFACES, default: 'ravine', label: 'Loss surface',
    valueNames: { ravine: 'ravine (ill-conditioned)', saddle: 'saddle point', local_min: 'local minimum',
      rosenbrock: 'Rosenbrock banana' } },
  { name: 'racers', type: 'list', values: RACER_IDS, default: DEFAULT_RACERS, minItems: 1, label: 'Racers' },
  { name: 'noise', type: 'bool', default: false, label: 'Gradient noise (minibatch)' },
  { name: 'noise_std', type: 'f32', default: 0.5, min: 0, max: 1000, label: 'Noise standard deviation' },
  // NaN start = the surface's own start (where its lesson shows); a click or these keys choose another.
  { name: 'start_x', type: 'f32', default: NaN, blank: true, min: -1e6, max: 1e6, label: 'Start x (blank: the surface\'s own)' },
  { name: 'start_y', type: 'f32', default: NaN, blank: true, min: -1e6, max: 1e6, label: 'Start y (blank: the surface\'s own)' },
  { name: 'steps_per_frame', type: 'u32', default: 1, min: 1, max: 100, label: 'Steps per frame' },
  { name: 'max_steps', type: 'u32', default: 500, min: 1, max: 100000, label: 'Steps (max_steps)' },
  { name: 'seed', type: 'u32', default: 1, min: 0, max: 4294967295, label: 'Seed (noise)' },
  { name: 'autoplay', type: 'bool', default: false, label: 'Start when the page opens' },
];
