// Contours of a loss surface as an image: the values are banded on a log scale above the grid's
// minimum (so the flat floor of a ravine still shows its rings), each band a lighter or darker tint,
// and a dark line wherever the band changes between neighbouring pixels.
//
// A surface is ~140 000 pixels: banding them all at once took 20–30 ms of a page that has only just
// loaded (cold code), so the page draws it with `contourJob`, a few rows per frame. The pixels are
// the same as `contourImage(contourBands(values))`.

/** {min, scale, top} of the banding of `values[from..to)` merged into `acc` (min and max so far). */
function scanRange(values, from, to, acc) {
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (Number.isFinite(v)) { acc.min = Math.min(acc.min, v); acc.max = Math.max(acc.max, v); }
  }
  return acc;
}

/** The band scale from the values' min and max. */
function bandScale({ min, max }) {
  const spread = max - min || 1;
  const scale = spread / 2000; // log(1 + 2000) spans the bands: fine rings near the minimum
  return { min, scale, top: Math.log1p(spread / scale) };
}

/** Bands of `values[from..to)` into `out` (same indices). */
function bandRange(values, from, to, { min, scale, top }, levels, out) {
  for (let i = from; i < to; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? Math.min(levels - 1, Math.floor(Math.log1p((v - min) / scale) / top * levels)) : levels - 1;
  }
}

/** Band index per grid value: `levels` bands of log(1 + (v − min)/scale), scale from the spread. */
export function contourBands(values, levels = 14) {
  const s = bandScale(scanRange(values, 0, values.length, { min: Infinity, max: -Infinity }));
  const out = new Array(values.length).fill(0);
  bandRange(values, 0, values.length, s, levels, out);
  return out;
}

const lerp = (a, b, t) => Math.round(a + (b - a) * t);

/** The tint of each band (rgb, flattened), worked out once instead of per pixel. */
function bandTints(levels) {
  const tints = new Uint8ClampedArray(levels * 3);
  for (let b = 0; b < levels; b++) {
    const t = b / (levels - 1);
    tints[3 * b] = lerp(224, 250, t);
    tints[3 * b + 1] = lerp(242, 240, t);
    tints[3 * b + 2] = lerp(254, 228, t);
  }
  return tints;
}

/** RGBA of rows [r0, r1) of a band grid into `out`. */
function tintRows(bands, width, height, tints, out, r0, r1) {
  for (let r = r0; r < r1; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      const b = bands[i];
      const edge = (c + 1 < width && bands[i + 1] !== b) || (r + 1 < height && bands[i + width] !== b);
      const o = 4 * i;
      if (edge) {
        out[o] = 100; out[o + 1] = 116; out[o + 2] = 139;
      } else {
        out[o] = tints[3 * b]; out[o + 1] = tints[3 * b + 1]; out[o + 2] = tints[3 * b + 2];
      }
      out[o + 3] = 255;
    }
  }
}

/** RGBA (height·width·4) for a band grid (height, width): low = light blue, high = warm grey. */
export function contourImage(bands, width, height, levels = 14) {
  const out = new Uint8ClampedArray(width * height * 4);
  tintRows(bands, width, height, bandTints(levels), out, 0, height);
  return out;
}

/** Put RGBA pixels (width × height) onto `canvas`, scaled to fill it. */
function drawPixels(canvas, pixels, width, height) {
  const off = new OffscreenCanvas(width, height);
  off.getContext('2d').putImageData(new ImageData(pixels, width, height), 0, 0);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
}

/**
 * Draw the surface `data = {values (height·width), width, height}` into `canvas` (scaled to fill it).
 */
export function render(canvas, data) {
  const { values, width, height } = data;
  drawPixels(canvas, contourImage(contourBands(values), width, height), width, height);
}

/**
 * `render` in parts: `step(budgetMs)` scans, bands and tints rows until `budgetMs` is spent (at
 * least one row) and draws the image once every row is done; it returns true then.
 */
export function contourJob(canvas, data, levels = 14) {
  const { values, width, height } = data;
  const acc = { min: Infinity, max: -Infinity };
  const bands = new Uint8Array(width * height);
  const pixels = new Uint8ClampedArray(width * height * 4);
  const tints = bandTints(levels);
  let s = null;
  let stage = 0; // 0: min and max, 1: bands, 2: tints (a row's edges need the next row's bands)
  let row = 0;
  return function step(budgetMs) {
    const t0 = performance.now();
    while (stage < 3) {
      if (stage === 0) scanRange(values, row * width, (row + 1) * width, acc);
      else if (stage === 1) bandRange(values, row * width, (row + 1) * width, s, levels, bands);
      else tintRows(bands, width, height, tints, pixels, row, row + 1);
      row++;
      if (row === height) {
        stage++;
        row = 0;
        if (stage === 1) s = bandScale(acc);
      }
      if (performance.now() - t0 >= budgetMs) break;
    }
    if (stage < 3) return false;
    drawPixels(canvas, pixels, width, height);
    return true;
  };
}
