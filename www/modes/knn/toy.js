// The 2-D toy data of the lecture's demo: seeded clusters of points in the unit square, and the
// geometry of picking them on the canvas. Pure: no DOM.

import { rng } from './stats.js';

/** The plane shown: x and y in 0..1, y up. */
export const BOUNDS = Object.freeze({ x0: 0, y0: 0, x1: 1, y1: 1 });
/** Points per class in a fresh toy set. */
export const POINTS_PER_CLASS = 12;

/** A standard normal draw from `next` (Box–Muller). */
function normal(next) {
  const u = Math.max(next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

/**
 * `numClasses` clusters of `perClass` points, centres on a circle, spread wide enough to overlap a
 * little (so boundaries are interesting). Returns {points: [{x, y, label}]}, clamped to the plane.
 */
export function makeToy(numClasses, seed, perClass = POINTS_PER_CLASS) {
  const next = rng(seed ^ 0x2d5a);
  const points = [];
  const turn = next() * 2 * Math.PI;
  for (let c = 0; c < numClasses; c++) {
    const a = turn + (2 * Math.PI * c) / numClasses;
    const cx = 0.5 + 0.26 * Math.cos(a);
    const cy = 0.5 + 0.26 * Math.sin(a);
    for (let i = 0; i < perClass; i++) {
      const x = Math.min(0.98, Math.max(0.02, cx + 0.13 * normal(next)));
      const y = Math.min(0.98, Math.max(0.02, cy + 0.13 * normal(next)));
      points.push({ x, y, label: c });
    }
  }
  return { points };
}

/** The core's input: points `(N, 2)` as a Float32Array and labels `(N,)` as a Uint8Array. */
export function toArrays(points) {
  const xy = new Float32Array(points.length * 2);
  const labels = new Uint8Array(points.length);
  points.forEach((p, i) => {
    xy[2 * i] = p.x;
    xy[2 * i + 1] = p.y;
    labels[i] = p.label;
  });
  return { points: xy, labels };
}

/** Plane coordinates of canvas pixel (px, py) on a canvas of `size` (width = height) pixels. */
export function toPlane(px, py, size) {
  const x = BOUNDS.x0 + (px / size) * (BOUNDS.x1 - BOUNDS.x0);
  const y = BOUNDS.y1 - (py / size) * (BOUNDS.y1 - BOUNDS.y0);
  return { x: Math.min(BOUNDS.x1, Math.max(BOUNDS.x0, x)), y: Math.min(BOUNDS.y1, Math.max(BOUNDS.y0, y)) };
}

/** Canvas pixel of plane point (x, y). */
export function toCanvas(x, y, size) {
  return { px: ((x - BOUNDS.x0) / (BOUNDS.x1 - BOUNDS.x0)) * size, py: ((BOUNDS.y1 - y) / (BOUNDS.y1 - BOUNDS.y0)) * size };
}

/** Index of the point within `radius` canvas pixels of (px, py), the nearest; -1 when none. */
export function hitPoint(points, px, py, size, radius = 10) {
  let best = -1;
  let bestD = radius * radius;
  points.forEach((p, i) => {
    const c = toCanvas(p.x, p.y, size);
    const d = (c.px - px) ** 2 + (c.py - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
