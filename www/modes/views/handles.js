// The geometric view's knobs: two focusable buttons per class laid over the canvas — a square on
// the class's line (at its pivot) and a round one at the tip of its normal arrow. Mouse, pen and
// touch drag them (pointer events, captured); the arrow keys move them. What a move means for
// (w, b) is geometry.js's business: this file only reports grabs, drags, releases and keys.

import { classW, clampToView, clipLine, tipOf, toPixel } from './geometry.js';

/**
 * Builds the six knobs into `box`. opts: {names: [class name], colours: [css colour],
 * onGrab(c), onDrag(c, part, clientX, clientY), onRelease(c), onKey(c, part, event) → true when
 * the key was used}. Returns the buttons (data-testid "geo-handle", data-class, data-part).
 */
export function makeHandles(box, opts) {
  const handles = [];
  for (let c = 0; c < opts.names.length; c++) {
    for (const part of ['line', 'normal']) {
      const h = document.createElement('button');
      h.type = 'button';
      h.className = `geo-handle geo-handle-${part}`;
      h.dataset.testid = 'geo-handle';
      h.dataset.class = String(c);
      h.dataset.part = part;
      h.style.setProperty('--c', opts.colours[c]);
      h.setAttribute('aria-label', part === 'line'
        ? `${opts.names[c]}: its line. Drag, or ↑ → / ↓ ← to move it along its normal (changes b${c})`
        : `${opts.names[c]}: tip of its normal w${c}. Drag, or ← → to turn it, ↑ ↓ to lengthen or shorten it`);
      h.addEventListener('pointerdown', (e) => {
        if (e.button !== 0) return;
        h.setPointerCapture(e.pointerId);
        e.preventDefault();
        h.focus();
        opts.onGrab(c);
      });
      h.addEventListener('pointermove', (e) => {
        if (h.hasPointerCapture(e.pointerId)) opts.onDrag(c, part, e.clientX, e.clientY);
      });
      const end = (e) => {
        if (!h.hasPointerCapture(e.pointerId)) return;
        h.releasePointerCapture(e.pointerId);
        opts.onRelease(c);
      };
      h.addEventListener('pointerup', end);
      h.addEventListener('pointercancel', end);
      h.addEventListener('keydown', (e) => {
        if (opts.onKey(c, part, e)) e.preventDefault();
      });
      box.append(h);
      handles.push(h);
    }
  }
  return handles;
}

/**
 * Puts each knob where data says (positions in % of the box, kept inside the view). A line
 * outside the view keeps only its line knob, dashed, at the edge: drag it back in first.
 * data: {view, w: (2, 3) flattened, b: (3,), pivots: [[x, y]] per class}.
 */
export function placeHandles(handles, data) {
  const { view, w, b, pivots } = data;
  const margin = 0.02 * (view[2] - view[0]);
  for (const h of handles) {
    const c = Number(h.dataset.class);
    const wc = classW(w, c);
    const off = !clipLine(wc, b[c], view);
    h.hidden = off && h.dataset.part === 'normal';
    h.classList.toggle('off-view', off);
    const pt = clampToView(view, h.dataset.part === 'line' ? pivots[c] : tipOf(wc, pivots[c]), margin);
    const [px, py] = toPixel(view, 100, 100, ...pt);
    h.style.left = `${px}%`;
    h.style.top = `${py}%`;
  }
}
