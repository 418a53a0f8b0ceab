// The HOG view (issue 12, item 1): one image, scaled up, with its 8×8 cell grid and in every cell
// 9 line glyphs, one per orientation bin, each as long as that bin's share of the largest cell
// value of the image. Cells come from `Playground.hog_cells` (src/features/hog.rs):
// `(⌊W/8⌋, ⌊H/8⌋, 9)` flattened, index `(cell_col · cells_down + cell_row) · 9 + bin`; bin `b`
// covers `20b..20b+20` degrees of edge direction in image coordinates (y down): 0° a horizontal
// edge, 90° a vertical edge (after Dalal & Triggs 2005, figure 6).

export const HOG_CELL = 8;
export const HOG_BINS = 9;

/**
 * The glyphs of `cells` for a `height × width` image drawn `scale` times larger: a list of
 * `{x0, y0, x1, y1, strength}` segments through each cell's centre (canvas pixels, strength 0..1).
 * Pure, for the unit test.
 */
export function hogGlyphs(cells, height, width, scale) {
  const cellsDown = Math.floor(height / HOG_CELL);
  const cellsAcross = Math.floor(width / HOG_CELL);
  let max = 0;
  for (const v of cells) if (Number.isFinite(v) && v > max) max = v;
  const out = [];
  if (!(max > 0)) return out;
  const half = (HOG_CELL * scale) / 2;
  for (let c = 0; c < cellsAcross; c++) {
    for (let r = 0; r < cellsDown; r++) {
      const cx = (c * HOG_CELL + HOG_CELL / 2) * scale;
      const cy = (r * HOG_CELL + HOG_CELL / 2) * scale;
      for (let b = 0; b < HOG_BINS; b++) {
        const v = cells[(c * cellsDown + r) * HOG_BINS + b];
        if (!(v > 0)) continue;
        const strength = v / max;
        const theta = ((20 * b + 10) * Math.PI) / 180;
        const len = half * strength;
        const dx = Math.cos(theta) * len;
        const dy = Math.sin(theta) * len;
        out.push({ x0: cx - dx, y0: cy - dy, x1: cx + dx, y1: cy + dy, strength });
      }
    }
  }
  return out;
}

/**
 * Draws `rgba` (`height × width × 4`, from `Playground.image_rgba`) scaled to the canvas, the
 * cell grid and the glyphs of `cells` on `canvas`.
 */
export function renderHogView(canvas, { rgba, cells, height, width }) {
  const scale = Math.max(1, Math.floor(Math.min(canvas.width / width, canvas.height / height)));
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const img = new ImageData(new Uint8ClampedArray(rgba), width, height);
  const tmp = new OffscreenCanvas(width, height);
  tmp.getContext('2d').putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.globalAlpha = 0.55; // the glyphs stay readable over the picture
  ctx.drawImage(tmp, 0, 0, width * scale, height * scale);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.35)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = 0; x <= Math.floor(width / HOG_CELL); x++) {
    ctx.moveTo(x * HOG_CELL * scale + 0.5, 0);
    ctx.lineTo(x * HOG_CELL * scale + 0.5, Math.floor(height / HOG_CELL) * HOG_CELL * scale);
  }
  for (let y = 0; y <= Math.floor(height / HOG_CELL); y++) {
    ctx.moveTo(0, y * HOG_CELL * scale + 0.5);
    ctx.lineTo(Math.floor(width / HOG_CELL) * HOG_CELL * scale, y * HOG_CELL * scale + 0.5);
  }
  ctx.stroke();
  ctx.lineWidth = 2;
  for (const g of hogGlyphs(cells, height, width, scale)) {
    ctx.strokeStyle = `rgba(255, 220, 0, ${0.25 + 0.75 * g.strength})`;
    ctx.beginPath();
    ctx.moveTo(g.x0, g.y0);
    ctx.lineTo(g.x1, g.y1);
    ctx.stroke();
  }
}
