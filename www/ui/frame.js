// What every mode's page loop shares: text writes that skip unchanged text, one draw per animation
// frame however many messages ask for it, and the header's status line.

/** Write text only when it changed (no needless layout, no repeated screen-reader announcements). */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** A `requestDraw()` that runs `draw` once in the next animation frame, however often it is called. */
export function frameScheduler(draw) {
  let pending = false;
  const run = (t) => {
    pending = false;
    draw(t);
  };
  return function requestDraw() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(run);
    }
  };
}

/**
 * The header's status line: `text` in the status element, `phase` (idle | loading | training | … |
 * error) as its data-phase for the colour, and `detail` in the line beside it (full text as tooltip).
 */
export function showStatus(status, statusDetail, { text, phase, detail }) {
  setText(status, text);
  status.dataset.phase = phase;
  setText(statusDetail, detail);
  statusDetail.title = detail;
}
