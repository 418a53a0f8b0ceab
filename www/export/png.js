// Pictures to files: a chart (uPlot draws to a canvas; its title and legend are HTML, drawn here
// onto a new canvas around it) or a grid of template canvases with their class names, saved as PNG.
// `gridLayout` is pure (node-tested); the rest needs a DOM.

/** Pixel layout of `n` cells of `cellW × cellH` (+ a caption line) in rows of at most `columns`. */
export function gridLayout(n, { cellW, cellH, columns = 10, caption = 20, gap = 12, pad = 16, title = 32 }) {
  const cols = Math.max(1, Math.min(n, columns));
  const rows = Math.ceil(n / cols);
  const cells = Array.from({ length: n }, (_, i) => ({
    x: pad + (i % cols) * (cellW + gap),
    y: pad + title + Math.floor(i / cols) * (cellH + caption + gap),
  }));
  return {
    width: 2 * pad + cols * cellW + (cols - 1) * gap,
    height: 2 * pad + title + rows * (cellH + caption) + Math.max(0, rows - 1) * gap,
    cells,
  };
}

/** The integer zoom that makes an image of `size` pixels about `target` pixels (at least 1). */
export function zoomFor(size, target = 96) {
  return Math.max(1, Math.round(target / size));
}

const INK = '#111827';
const FONT = 'system-ui, sans-serif';

function blankCanvas(width, height) {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  return { canvas: c, ctx };
}

/**
 * The chart in `container` (a uPlot) as one canvas: `title` on top, the plot, the legend
 * (each series' colour and name) underneath. Null when no chart is drawn yet.
 */
export function chartCanvas(container, title) {
  const plot = container.querySelector('canvas');
  if (!plot || !plot.width) return null;
  const scale = plot.width / Math.max(1, plot.clientWidth || plot.width);
  const legend = [...container.querySelectorAll('.u-legend .u-series')].map((row) => {
    const marker = row.querySelector('.u-marker');
    const label = row.querySelector('.u-label')?.textContent ?? '';
    const colour = marker ? getComputedStyle(marker).borderColor : '';
    return { label, colour };
  }).filter((s) => s.label && s.colour && !/rgba\(0, 0, 0, 0\)|transparent/.test(s.colour));
  const line = Math.round(24 * scale);
  const pad = Math.round(12 * scale);
  const { canvas, ctx } = blankCanvas(plot.width + 2 * pad, plot.height + 2 * line + 3 * pad);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'middle';
  ctx.font = `bold ${Math.round(16 * scale)}px ${FONT}`;
  ctx.fillText(title, pad, pad + line / 2);
  ctx.drawImage(plot, pad, line + 2 * pad);
  ctx.font = `${Math.round(14 * scale)}px ${FONT}`;
  let x = pad;
  const y = line + 3 * pad + plot.height + line / 2;
  for (const s of legend) {
    ctx.fillStyle = s.colour;
    ctx.fillRect(x, y - 2 * scale, 22 * scale, 4 * scale);
    x += 28 * scale;
    ctx.fillStyle = INK;
    ctx.fillText(s.label, x, y);
    x += ctx.measureText(s.label).width + 20 * scale;
  }
  return canvas;
}

/** The template canvases in `container` (each with a figcaption) as one grid canvas under `title`. */
export function gridCanvas(container, title) {
  const figures = [...container.querySelectorAll('figure')].filter((f) => f.querySelector('canvas'));
  if (!figures.length) return null;
  const first = figures[0].querySelector('canvas');
  const zoom = zoomFor(Math.max(first.width, first.height));
  const cellW = first.width * zoom;
  const cellH = first.height * zoom;
  const layout = gridLayout(figures.length, { cellW, cellH });
  const { canvas, ctx } = blankCanvas(layout.width, layout.height);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'middle';
  ctx.font = `bold 16px ${FONT}`;
  ctx.fillText(title, 16, 16 + 12);
  ctx.imageSmoothingEnabled = false; // pixels stay pixels, as on the page
  ctx.font = `14px ${FONT}`;
  ctx.textAlign = 'center';
  figures.forEach((f, i) => {
    const { x, y } = layout.cells[i];
    ctx.drawImage(f.querySelector('canvas'), x, y, cellW, cellH);
    ctx.fillText(f.querySelector('figcaption')?.textContent ?? '', x + cellW / 2, y + cellH + 10);
  });
  return canvas;
}

/** Save `blob` as `name` (an <a download> click; the object URL is released afterwards). */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Save `canvas` as a PNG file. */
export function downloadPng(canvas, name) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) { reject(new Error(`could not encode ${name}`)); return; }
      download(blob, name);
      resolve();
    }, 'image/png');
  });
}
