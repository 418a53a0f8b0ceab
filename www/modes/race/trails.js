// The racers' trails over the contours: one polyline per racer (its colour and dash pattern), a
// dot at its current point, and a ring at the start. Pure: draws `data` and nothing else.

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
 */
export function render(canvas, data) {
  const ctx = canvas.getContext('2d');
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  const px = (x, y) => toPixel(data.view, w, h, x, y).map((v, i) => clamp(v, -50, (i ? h : w) + 50));
  ctx.lineJoin = 'round';
  for (const r of data.racers) {
    const t = r.trail;
    if (t.length < 2) continue;
    ctx.strokeStyle = r.colour;
    ctx.lineWidth = 3;
    ctx.setLineDash(r.dash);
    ctx.beginPath();
    for (let i = 0; i < t.length; i += 2) {
      const [a, b] = px(t[i], t[i + 1]);
      if (i === 0) ctx.moveTo(a, b);
      else ctx.lineTo(a, b);
    }
    ctx.stroke();
    ctx.setLineDash([]);
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
