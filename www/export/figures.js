// "Save as PNG" for the pictures of any mode: every element marked `data-png="<name>"` (a uPlot
// chart's container, a canvas, or a box of stacked canvases) gets a button at the end of its
// panel (data-testid `export-png-<name>`). The router adds them after a mode has built its page.

import { chartCanvas, downloadPng } from './png.js';

/** Canvases of the same size drawn over each other (e.g. contours under trails), with a title. */
function stackedCanvas(canvases, title) {
  const [first] = canvases;
  if (!first?.width) return null;
  const top = 36;
  const out = document.createElement('canvas');
  out.width = first.width;
  out.height = first.height + top;
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#111827';
  ctx.font = 'bold 16px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillText(title, 8, top / 2);
  for (const c of canvases) ctx.drawImage(c, 0, top, first.width, first.height);
  return out;
}

/** The picture of a data-png element as one canvas, or null before anything is drawn. */
export function figureCanvas(el, title) {
  if (el.querySelector('.uplot')) return chartCanvas(el, title);
  const canvases = el instanceof HTMLCanvasElement ? [el] : [...el.querySelectorAll('canvas')];
  return stackedCanvas(canvases, title);
}

/** Add the buttons under `root`; files are named `classplay-<mode>-<name>.png`. */
export function addPngButtons(root, mode) {
  for (const el of root.querySelectorAll('[data-png]')) {
    const name = el.dataset.png;
    const panel = el.closest('figure, section') ?? el.parentElement;
    const title = () => (panel.querySelector('figcaption, h2')?.textContent ?? name).replace(/\s+/g, ' ').trim();
    const row = document.createElement('div');
    row.className = 'png-row';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Save as PNG';
    button.dataset.testid = `export-png-${name}`;
    const note = document.createElement('span');
    note.className = 'export-note';
    note.setAttribute('role', 'status');
    button.addEventListener('click', async () => {
      const canvas = figureCanvas(el, title());
      note.textContent = canvas ? '' : 'nothing drawn yet';
      if (canvas) await downloadPng(canvas, `classplay-${mode}-${name}.png`).catch((e) => { note.textContent = e.message; });
    });
    row.append(button, note);
    panel.append(row);
  }
}
