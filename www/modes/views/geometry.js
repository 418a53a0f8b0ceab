// The geometry behind the geometric view's handles: class c's line is w_c·x + b_c = 0 in the
// plane, with w = (2, 3) row-major (w_c = (w[c], w[3 + c])) and b = (3,). Each line has two
// handles: a knob on the line at its "pivot" (a point of the line the page remembers), which
// moves the line parallel to itself (changes b_c only), and the tip of its normal arrow,
// pivot + ARROW·w_c, which turns and stretches w_c about the pivot (the line keeps passing
// through it, so the tip follows the pointer exactly). When the line changes another way
// (training, the URL) the pivot moves to the nearest point of the new line.
// Pure: no DOM, so the node tests check it.

/** Plane units of arrow per unit of ‖w_c‖. */
export const ARROW = 0.5;
/** Shortest ‖w_c‖ a drag can make (a zero normal has no line). */
export const MIN_NORM = 0.05;
/** Plane units a line moves per arrow-key press (×5 with Shift). */
export const KEY_STEP = 0.05;
/** Degrees the normal turns per arrow-key press (×3 with Shift). */
export const KEY_TURN = 5;
/** Factor ‖w_c‖ changes by per arrow-key press. */
export const KEY_SCALE = 1.1;

/** w_c = [w_c1, w_c2] of class `c` from w (2, 3) flattened. */
export function classW(w, c) {
  return [w[c], w[3 + c]];
}

/** A copy of w with class c's column set to `wc`. */
export function withClassW(w, c, wc) {
  const out = w.slice();
  out[c] = wc[0];
  out[3 + c] = wc[1];
  return out;
}

const dot = (a, b) => a[0] * b[0] + a[1] * b[1];

/** The point of line w_c·x + b_c = 0 nearest p (p itself when w_c = 0: no line). */
export function project(wc, bc, p) {
  const n2 = dot(wc, wc);
  if (!(n2 > 0)) return [p[0], p[1]];
  const t = (dot(wc, p) + bc) / n2;
  return [p[0] - t * wc[0], p[1] - t * wc[1]];
}

/** The tip of the normal arrow drawn from `pivot`: pivot + ARROW · w_c. */
export function tipOf(wc, pivot) {
  return [pivot[0] + ARROW * wc[0], pivot[1] + ARROW * wc[1]];
}

/** b_c that moves the line (normal w_c) to pass through point q. */
export function bThrough(wc, q) {
  return -dot(wc, q);
}

/** Keep ‖v‖ ≥ MIN_NORM (direction of v, or of `fallback` when v = 0). */
function atLeastMin(v, fallback) {
  const n = Math.hypot(v[0], v[1]);
  if (n >= MIN_NORM) return v;
  const d = n > 0 ? v : fallback;
  const m = Math.hypot(d[0], d[1]) || 1;
  return [(d[0] / m) * MIN_NORM, (d[1] / m) * MIN_NORM];
}

/**
 * The tip dragged to t: w_c = (t − pivot) / ARROW (at least MIN_NORM long) and b_c so that the
 * line still passes through the pivot.
 */
export function dragTip(wc, pivot, t) {
  const next = atLeastMin([(t[0] - pivot[0]) / ARROW, (t[1] - pivot[1]) / ARROW], wc);
  return { wc: next, bc: bThrough(next, pivot) };
}

/** The line knob dragged to q: the line passes through q (b_c changes), which is the new pivot. */
export function dragLine(wc, q) {
  return { bc: bThrough(wc, q), pivot: [q[0], q[1]] };
}

/**
 * A key press on a handle: {wc, bc, pivot} after it, or null for keys the handle ignores.
 * Line knob: ↑/→ move the line along its normal, ↓/← against it. Normal tip: ←/→ turn it
 * (counter-clockwise / clockwise), ↑/↓ lengthen / shorten w_c; the line keeps its pivot.
 */
export function keyMove(part, key, shift, wc, bc, pivot) {
  const n = Math.hypot(wc[0], wc[1]);
  if (part === 'line') {
    const sign = key === 'ArrowUp' || key === 'ArrowRight' ? 1 : key === 'ArrowDown' || key === 'ArrowLeft' ? -1 : 0;
    if (!sign || !(n > 0)) return null;
    const step = sign * KEY_STEP * (shift ? 5 : 1);
    const q = [pivot[0] + (step * wc[0]) / n, pivot[1] + (step * wc[1]) / n];
    return { wc: wc.slice(), bc: bThrough(wc, q), pivot: q };
  }
  let next;
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const r = ((key === 'ArrowLeft' ? 1 : -1) * KEY_TURN * (shift ? 3 : 1) * Math.PI) / 180;
    next = [wc[0] * Math.cos(r) - wc[1] * Math.sin(r), wc[0] * Math.sin(r) + wc[1] * Math.cos(r)];
  } else if (key === 'ArrowUp' || key === 'ArrowDown') {
    const f = key === 'ArrowUp' ? KEY_SCALE : 1 / KEY_SCALE;
    next = atLeastMin([wc[0] * f, wc[1] * f], wc);
  } else {
    return null;
  }
  return { wc: next, bc: bThrough(next, pivot), pivot: [pivot[0], pivot[1]] };
}

/**
 * Where a line's knob goes after the line changed: the point of the line nearest the old pivot,
 * unless that lies outside the view (`margin` inside its edges): then the middle of the part of
 * the line inside it, or (when the line misses the view) the point nearest the view's centre.
 */
export function settlePivot(wc, bc, pivot, view, margin = 0) {
  const p = project(wc, bc, pivot);
  const inside = (q) => q[0] >= view[0] + margin && q[0] <= view[2] - margin && q[1] >= view[1] + margin && q[1] <= view[3] - margin;
  if (inside(p)) return p;
  const shrunk = [view[0] + margin, view[1] + margin, view[2] - margin, view[3] - margin];
  const seg = clipLine(wc, bc, shrunk);
  if (seg) return [(seg[0][0] + seg[1][0]) / 2, (seg[0][1] + seg[1][1]) / 2];
  return project(wc, bc, [(view[0] + view[2]) / 2, (view[1] + view[3]) / 2]);
}

/**
 * The part of line w_c·x + b_c = 0 inside view [x0, y0, x1, y1]: [[x, y], [x, y]], or null when
 * it misses the view (or w_c = 0).
 */
export function clipLine(wc, bc, view) {
  const [x0, y0, x1, y1] = view;
  const [p, q] = wc;
  const pts = [];
  const add = (x, y) => {
    const eps = 1e-9 * Math.max(1, Math.abs(x1 - x0), Math.abs(y1 - y0));
    if (x >= x0 - eps && x <= x1 + eps && y >= y0 - eps && y <= y1 + eps &&
      !pts.some((o) => Math.abs(o[0] - x) < eps && Math.abs(o[1] - y) < eps)) pts.push([x, y]);
  };
  if (q !== 0) {
    add(x0, -(bc + p * x0) / q);
    add(x1, -(bc + p * x1) / q);
  }
  if (p !== 0) {
    add(-(bc + q * y0) / p, y0);
    add(-(bc + q * y1) / p, y1);
  }
  return pts.length >= 2 ? [pts[0], pts[1]] : null;
}

/** Plane → canvas pixels for view [x0, y0, x1, y1] on a w × h canvas (y up). */
export function toPixel(view, w, h, x, y) {
  const [x0, y0, x1, y1] = view;
  return [((x - x0) / (x1 - x0)) * w, ((y1 - y) / (y1 - y0)) * h];
}

/** Canvas pixels → plane (the inverse of toPixel). */
export function toPlane(view, w, h, px, py) {
  const [x0, y0, x1, y1] = view;
  return [x0 + (px / w) * (x1 - x0), y1 - (py / h) * (y1 - y0)];
}

/** A point clamped into the view, `margin` plane units inside its edges. */
export function clampToView(view, pt, margin = 0) {
  const [x0, y0, x1, y1] = view;
  return [Math.min(x1 - margin, Math.max(x0 + margin, pt[0])), Math.min(y1 - margin, Math.max(y0 + margin, pt[1]))];
}

/** Index of the point (x: (N, 2) flattened) nearest (px, py) within `radius` pixels, or -1. */
export function hitPoint(view, w, h, x, px, py, radius = 10) {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < x.length / 2; i++) {
    const [a, b] = toPixel(view, w, h, x[2 * i], x[2 * i + 1]);
    const d = (a - px) ** 2 + (b - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Index of the first maximum of each row of scores (N, 3). */
export function predictions(scores) {
  const out = new Uint8Array(scores.length / 3);
  for (let i = 0; i < out.length; i++) {
    let best = 0;
    for (let c = 1; c < 3; c++) if (scores[3 * i + c] > scores[3 * i + best]) best = c;
    out[i] = best;
  }
  return out;
}
