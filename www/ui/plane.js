// The 2-D toy plane: every cell coloured by the k-NN vote (knn_grid_2d), ties in a neutral grey,
// and the points on top, each class with its own colour and marker shape (not colour alone).

/** Per class: region tint (RGB), point colour and marker. Five classes at most. */
export const CLASS_STYLES = [
  { region: [191, 219, 254], point: '#1d4ed8', marker: 'circle', name: 'blue circles' },
  { region: [254, 215, 170], point: '#c2410c', marker: 'square', name: 'orange squares' },
  { region: [187, 247, 208], point: '#15803d', marker: 'triangle', name: 'green triangles' },
  { region: [233, 213, 255], point: '#7e22ce', marker: 'diamond', name: 'purple diamonds' },
  { region: [254, 202, 202], point: '#b91c1c', marker: 'cross', name: 'red crosses' },
];
/** A tied vote (the core's label 255). */
export const TIE_RGB = [229, 231, 235];
export const TIE = 255;

/** RGBA pixels (gridW × gridH × 4) for a grid of labels. */
export function gridPixels(grid, gridW, gridH) {
  const px = new Uint8ClampedArray(gridW * gridH * 4);
  for (let i = 0; i < gridW * gridH; i++) {
    const rgb = grid[i] === TIE ? TIE_RGB : CLASS_STYLES[grid[i]]?.region ?? TIE_RGB;
    px.set(rgb, 4 * i);
    px[4 * i + 3] = 255;
  }
  return px;
}

function marker(ctx, shape, x, y, r) {
  ctx.beginPath();
  switch (shape) {
    case 'square': ctx.rect(x - r, y - r, 2 * r, 2 * r); break;
    case 'triangle': ctx.moveTo(x, y - 1.2 * r); ctx.lineTo(x + 1.1 * r, y + 0.8 * r); ctx.lineTo(x - 1.1 * r, y + 0.8 * r); ctx.closePath(); break;
    case 'diamond': ctx.moveTo(x, y - 1.3 * r); ctx.lineTo(x + 1.1 * r, y); ctx.lineTo(x, y + 1.3 * r); ctx.lineTo(x - 1.1 * r, y); ctx.closePath(); break;
    case 'cross': {
      const a = 0.45 * r;
      ctx.moveTo(x - r, y - a); ctx.lineTo(x - a, y - a); ctx.lineTo(x - a, y - r); ctx.lineTo(x + a, y - r);
      ctx.lineTo(x + a, y - a); ctx.lineTo(x + r, y - a); ctx.lineTo(x + r, y + a); ctx.lineTo(x + a, y + a);
      ctx.lineTo(x + a, y + r); ctx.lineTo(x - a, y + r); ctx.lineTo(x - a, y + a); ctx.lineTo(x - r, y + a);
      ctx.closePath();
      break;
    }
    default: ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  ctx.fill();
  ctx.stroke();
}

/**
 * Draw onto the canvas `canvas` (size × size pixels).
 * data: {points: [{x, y, label}] (plane 0..1, y up), grid: Uint8Array|null, gridW, gridH};
 * opts: {active: index of the point being dragged or -1}.
 */
export function renderPlane(canvas, data, opts = {}) {
  const ctx = canvas.getContext('2d');
  const size = canvas.width;
  if (data.grid) {
    const off = new OffscreenCanvas(data.gridW, data.gridH);
    off.getContext('2d').putImageData(new ImageData(gridPixels(data.grid, data.gridW, data.gridH), data.gridW, data.gridH), 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, 0, 0, size, size);
  } else {
    ctx.fillStyle = 'rgb(243,244,246)';
    ctx.fillRect(0, 0, size, size);
  }
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#ffffff';
  data.points.forEach((p, i) => {
    const style = CLASS_STYLES[p.label];
    ctx.fillStyle = style.point;
    ctx.strokeStyle = i === opts.active ? '#111827' : '#ffffff';
    ctx.lineWidth = i === opts.active ? 3 : 2;
    marker(ctx, style.marker, p.x * size, (1 - p.y) * size, size / 70);
  });
}
