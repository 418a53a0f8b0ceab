// The racers' trails over the contours: one polyline per racer (its colour and dash pattern), a
// dot at its current point, and a ring at the start. Draws `data` and nothing else (each canvas
// keeps the lines drawn so far, see render).

/** Plane → canvas pixels for view `[x0, y0, x1, y1]` on a `w × h` canvas (y up). */
export function toPixel(view, w, h, x, y) {
  const [x0, y0, x1, y1] = view;
  return [(x - x0) / (x1 - x0) * w, (y1 - y) / (y1 - y0) * h];
}

/** Canvas pixels → plane (the inverse of toPixel). */
export function toPlane(view, w, h, px, py) {
  const [x0, y0, x1, y1] = view;
  return [x0 + px / w * (x1 - x0), y1 - py / h * (y1 - y0)];
}

/** Clamp far points to a margin around the canvas (a diverged racer's trail still points away). */
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

/**
 * data: {view, start: [x, y], racers: [{trail: Float64Array [x, y, …], colour, dash, stopped}]}.
 *
 * Incremental: each racer's line is kept on a layer per canvas, and a call strokes only the
 * segments added since the last one (a trail grows to 100 000 points per racer; stroking them all
 * every frame blocked the page for hundreds of ms). The layer starts afresh when a trail is a new
 * array (a reset), the racers or the view or the canvas size change. The dots and the start ring
 * are drawn over the layer on every call.
 */
export function render(canvas, data) {
  const ctx = canvas.getContext('2d');
  const { width: w, height: h } = canvas;
  const px = (x, y) => toPixel(data.view, w, h, x, y).map((v, i) => clamp(v, -50, (i ? h : w) + 50));
  const layer = linesLayer(canvas, data, px);
  ctx.clearRect(0, 0, w, h);
  ctx.drawImage(layer, 0, 0);
  ctx.setLineDash([]);
  for (const r of data.racers) {
    const t = r.trail;
    if (t.length < 2) continue;
    const [a, b] = px(t[t.length - 2], t[t.length - 1]);
    ctx.fillStyle = r.colour;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(a, b, 7, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  if (data.start) {
    const [a, b] = px(...data.start);
    ctx.strokeStyle = '#111827';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(a, b, 10, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

/** canvas → {key, layer, lines: [{trail, points, offset}]}: what is drawn on its layer so far. */
const layers = new WeakMap();

/** The layer of `canvas` with every racer's line up to its last point (new segments stroked now). */
function linesLayer(canvas, data, px) {
  const { width: w, height: h } = canvas;
  const key = [w, h, ...data.view].join(',');
  let state = layers.get(canvas);
  if (!state || state.key !== key || state.lines.length !== data.racers.length
    || data.racers.some((r, i) => state.lines[i].trail !== r.trail)) {
    state = { key, layer: new OffscreenCanvas(w, h), lines: data.racers.map((r) => ({ trail: r.trail, points: 0, offset: 0 })) };
    layers.set(canvas, state);
  }
  const ctx = state.layer.getContext('2d');
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3;
  data.racers.forEach((r, i) => {
    const line = state.lines[i];
    const t = r.trail;
    const n = t.length / 2;
    if (n < 2 || n === line.points) return;
    // From the last drawn segment's first point: the join at its end comes out round, and the
    // dash pattern goes on where it stopped (offset: the line's length up to that point).
    const from = Math.max(0, line.points - 2);
    ctx.strokeStyle = r.colour;
    ctx.setLineDash(r.dash);
    ctx.lineDashOffset = line.offset;
    ctx.beginPath();
    let [pa, pb] = px(t[2 * from], t[2 * from + 1]);
    ctx.moveTo(pa, pb);
    let length = line.offset;
    for (let j = from + 1; j < n; j++) {
      const [a, b] = px(t[2 * j], t[2 * j + 1]);
      ctx.lineTo(a, b);
      const segment = Math.hypot(a - pa, b - pb);
      if (j === n - 1) line.offset = length; // the length up to point n − 2
      length += segment;
      [pa, pb] = [a, b];
    }
    ctx.stroke();
    line.points = n;
  });
  return state.layer;
}
