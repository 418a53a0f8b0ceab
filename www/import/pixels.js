// Pixel helpers of the import: RGBA from a canvas to the core's interleaved 1- or 3-channel u8,
// and the centred square crop that keeps a photo's proportions when it is resized.

/**
 * `rgba: (H·W·4)` u8 → `(H·W·channels)` u8. Grayscale is the ITU-R BT.601 luma
 * `0.299 R + 0.587 G + 0.114 B`, rounded (PIL's "L" mode); alpha is dropped (the page draws
 * images over white first).
 */
export function fromRgba(rgba, channels, out = new Uint8Array((rgba.length / 4) * channels)) {
  const n = rgba.length / 4;
  if (channels === 3) {
    for (let p = 0; p < n; p++) {
      out[3 * p] = rgba[4 * p];
      out[3 * p + 1] = rgba[4 * p + 1];
      out[3 * p + 2] = rgba[4 * p + 2];
    }
  } else if (channels === 1) {
    for (let p = 0; p < n; p++) {
      out[p] = Math.round(0.299 * rgba[4 * p] + 0.587 * rgba[4 * p + 1] + 0.114 * rgba[4 * p + 2]);
    }
  } else {
    throw new Error(`channels must be 1 or 3, got ${channels}`);
  }
  return out;
}

/** The centred square `[sx, sy, side, side]` of a `width × height` image. */
export function centreSquare(width, height) {
  const side = Math.min(width, height);
  return [Math.floor((width - side) / 2), Math.floor((height - side) / 2), side, side];
}
