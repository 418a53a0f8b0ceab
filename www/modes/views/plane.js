// The geometric view's plane: the argmax regions of the classifier (light tints), a coordinate
// grid, each class's line w_c·x + b_c = 0 (its colour and dash pattern) with its normal arrow,
// and the points (class colour and marker shape; a grey halo whose size grows with the point's
// loss; a dark ring on misclassified points). Pure: draws `data` and nothing else.

import { CLASS_STYLES } from '../../ui/plane.js';
import { classW, clipLine, tipOf, toPixel } from './geometry.js';

/** Line dash per class, so lines differ by more than colour. */
export const CLASS_DASH = [[], [14, 7], [4, 5]];
/** Darker line colours (the point colours of the k-NN toy). */
export const classColour = (c) => CLASS_STYLES[c].point;

/** RGBA pixels (gridW × gridH × 4) of the argmax grid, tinted by class. */
export function regionPixels(grid, gridW, gridH) {
  const px = new Uint8ClampedArray(gridW * gridH * 4);
  for (let i = 0; i < gridW * gridH; i++) {
    const rgb = CLASS_STYLES[grid[i]]?.region ?? NO_CLASS;
    px[4 * i] = rgb[0];
    px[4 * i + 1] = rgb[1];
    px[4 * i + 2] = rgb[2];
    px[4 * i + 3] = 255;
  }
  return px;
}

const NO_CLASS = [229, 231, 235];

function marker(ctx, shape, x, y, r) {
  ctx.beginPath();
  if (shape === 'square') ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else if (shape === 'triangle') {
    ctx.moveTo(x, y - 1.25 * r);
    ctx.lineTo(x + 1.15 * r, y + 0.85 * r);
    ctx.lineTo(x - 1.15 * r, y + 0.85 * r);
    ctx.closePath();
  } else ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
}

function arrow(ctx, [ax, ay], [bx, by], colour) {
  const len = Math.hypot(bx - ax, by - ay);
  if (len < 1) return;
  const ux = (bx - ax) / len;
  const uy = (by - ay) / len;
  const head = Math.min(16, len * 0.45);
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 3;
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(ax, ay);
  ctx.lineTo(bx - ux * head * 0.8, by - uy * head * 0.8);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(bx, by);
  ctx.lineTo(bx - ux * head - uy * head * 0.5, by - uy * head + ux * head * 0.5);
  ctx.lineTo(bx - ux * head + uy * head * 0.5, by - uy * head - ux * head * 0.5);
  ctx.closePath();
  ctx.fill();
}

/**
 * data: {view: [x0, y0, x1, y1], grid: Uint8Array (gridH, gridW) | null, gridW, gridH,
 *   x: Float64Array (N, 2), y: Uint8Array (N,), pred: Uint8Array (N,), losses: Float64Array (N,),
 *   w: (2, 3) flattened, b: (3,), pivots: [[x, y]] per class (where each arrow starts)}; opts: {selected: point index or -1, active: class being
 *   dragged or -1}.
 */
export function render(canvas, data, opts = {}) {
  const ctx = canvas.getContext('2d');
  const { width: W, height: H } = canvas;
  const { view } = data;
  const P = (x, y) => toPixel(view, W, H, x, y);
  // Canvas pixels per CSS pixel: text keeps its size on the screen when the canvas is shown
  // smaller than it is drawn (a phone), never below 11 px (issue 11, item 3).
  const k = canvas.clientWidth > 0 ? Math.max(1, W / canvas.clientWidth) : 1;
  ctx.setLineDash([]);
  if (data.grid) {
    const off = new OffscreenCanvas(data.gridW, data.gridH);
    off.getContext('2d').putImageData(new ImageData(regionPixels(data.grid, data.gridW, data.gridH), data.gridW, data.gridH), 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, 0, 0, W, H);
  } else {
    ctx.fillStyle = '#f3f4f6';
    ctx.fillRect(0, 0, W, H);
  }
  // Coordinate grid at whole numbers, axes darker, tick labels inside the edges.
  ctx.font = `${15 * k}px system-ui, sans-serif`;
  ctx.fillStyle = '#374151';
  for (let v = Math.ceil(view[0]); v <= view[2]; v++) {
    const [px] = P(v, 0);
    ctx.strokeStyle = v === 0 ? 'rgba(17,24,39,0.55)' : 'rgba(17,24,39,0.15)';
    ctx.lineWidth = v === 0 ? 1.5 : 1;
    ctx.beginPath(); ctx.moveTo(px, 0); ctx.lineTo(px, H); ctx.stroke();
    if (v > view[0] && v < view[2]) ctx.fillText(String(v), px + 4 * k, H - 6 * k);
  }
  for (let v = Math.ceil(view[1]); v <= view[3]; v++) {
    const [, py] = P(0, v);
    ctx.strokeStyle = v === 0 ? 'rgba(17,24,39,0.55)' : 'rgba(17,24,39,0.15)';
    ctx.lineWidth = v === 0 ? 1.5 : 1;
    ctx.beginPath(); ctx.moveTo(0, py); ctx.lineTo(W, py); ctx.stroke();
    if (v > view[1] && v < view[3] && v !== 0) ctx.fillText(String(v), 6 * k, py - 4 * k);
  }
  ctx.font = `italic ${17 * k}px system-ui, sans-serif`;
  ctx.fillText('x₁ →', W - 48 * k, P(0, 0)[1] - 8 * k);
  ctx.fillText('x₂ ↑', P(0, 0)[0] + 8 * k, 20 * k);

  // Points: halo ∝ loss, then the marker, a dark ring when misclassified.
  const r = Math.max(5, W / 110);
  const n = data.y.length;
  for (let i = 0; i < n; i++) {
    const L = data.losses?.[i] ?? 0;
    if (!(L > 1e-9)) continue;
    const [px, py] = P(data.x[2 * i], data.x[2 * i + 1]);
    ctx.fillStyle = 'rgba(17,24,39,0.16)';
    ctx.beginPath();
    ctx.arc(px, py, r + Math.min(3.5 * r, 5 * Math.sqrt(L) * r / 2), 0, 2 * Math.PI);
    ctx.fill();
  }
  for (let i = 0; i < n; i++) {
    const c = data.y[i];
    const [px, py] = P(data.x[2 * i], data.x[2 * i + 1]);
    const wrong = data.pred && data.pred[i] !== c;
    ctx.fillStyle = CLASS_STYLES[c].point;
    ctx.strokeStyle = wrong ? '#111827' : '#ffffff';
    ctx.lineWidth = wrong ? 3 : 1.5;
    marker(ctx, CLASS_STYLES[c].marker, px, py, r);
  }
  if (opts.selected >= 0 && opts.selected < n) {
    const [px, py] = P(data.x[2 * opts.selected], data.x[2 * opts.selected + 1]);
    ctx.strokeStyle = '#111827';
    ctx.lineWidth = 2.5;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.arc(px, py, r * 2.6, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // Lines and normals on top (the class being dragged last, thicker).
  const order = [0, 1, 2].filter((c) => c !== opts.active);
  if (opts.active >= 0) order.push(opts.active);
  for (const c of order) {
    const wc = classW(data.w, c);
    const bc = data.b[c];
    const seg = clipLine(wc, bc, view);
    const colour = classColour(c);
    if (seg) {
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = c === opts.active ? 8 : 6;
      ctx.setLineDash(CLASS_DASH[c]);
      ctx.beginPath(); ctx.moveTo(...P(...seg[0])); ctx.lineTo(...P(...seg[1])); ctx.stroke();
      ctx.strokeStyle = colour;
      ctx.lineWidth = c === opts.active ? 4.5 : 3;
      ctx.beginPath(); ctx.moveTo(...P(...seg[0])); ctx.lineTo(...P(...seg[1])); ctx.stroke();
      ctx.setLineDash([]);
    }
    arrow(ctx, P(...data.pivots[c]), P(...tipOf(wc, data.pivots[c])), colour);
  }
}
