// Contours of a loss surface as an image: the values are banded on a log scale above the grid's
// minimum (so the flat floor of a ravine still shows its rings), each band a lighter or darker tint,
// and a dark line wherever the band changes between neighbouring pixels.

/** Band index per grid value: `levels` bands of log(1 + (v − min)/scale), scale from the spread. */
export function contourBands(values, levels = 14) {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
  }
  const spread = max - min || 1;
  const scale = spread / 2000; // log(1 + 2000) spans the bands: fine rings near the minimum
  const top = Math.log1p(spread / scale);
  return Array.from(values, (v) => (Number.isFinite(v)
    ? Math.min(levels - 1, Math.floor(Math.log1p((v - min) / scale) / top * levels)) : levels - 1));
}

const lerp = (a, b, t) => Math.round(a + (b - a) * t);

/** RGBA (height·width·4) for a band grid (height, width): low = light blue, high = warm grey. */
export function contourImage(bands, width, height, levels = 14) {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      const b = bands[i];
      const edge = (c + 1 < width && bands[i + 1] !== b) || (r + 1 < height && bands[i + width] !== b);
      const t = b / (levels - 1);
      const [red, green, blue] = edge ? [100, 116, 139] : [lerp(224, 250, t), lerp(242, 240, t), lerp(254, 228, t)];
      out.set([red, green, blue, 255], i * 4);
    }
  }
  return out;
}

/**
 * Draw the surface `data = {values (height·width), width, height}` into `canvas` (scaled to fill it).
 */
export function render(canvas, data) {
  const { values, width, height } = data;
  const img = new ImageData(contourImage(contourBands(values), width, height), width, height);
  const off = new OffscreenCanvas(width, height);
  off.getContext('2d').putImageData(img, 0, 0);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
}
