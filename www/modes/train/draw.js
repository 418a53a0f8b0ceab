// The train mode's "Draw a digit" panel (issue 12, item 6): the shared pad (ui/draw-pad.js) sends
// each stroke's ink to the training worker (`draw`), which frames it like MNIST and scores it with
// the current weights; the answer is asked again as the model trains (at most REDRAW_PER_SECOND),
// when it pauses or finishes and when weights are imported. Only for 28×28 grayscale data.

import '../../ui/draw-pad.css';
import { TO_WORKER } from '../../worker/protocol.js';
import { mountDrawPad } from '../../ui/draw-pad.js';

/** While training, the drawing is re-scored at most this often. */
export const REDRAW_PER_SECOND = 3;

/** True for data a drawing can be compared with: 28×28 grayscale (MNIST or the user's own). */
export const drawable = (info) => info?.height === 28 && info?.width === 28 && info?.channels === 1;

/** hooks: {send(type, fields), requestDraw()}; `panel` is the <details> holding the pad. */
export function createTrainDraw(panel, { send }) {
  let info = null;
  let ink = null; // the last stroke's pad alpha {data, height, width}
  let busy = false; // a draw request is in flight
  let again = false; // asked again while busy
  let askedAt = -Infinity;
  const pad = mountDrawPad(panel.querySelector('.draw-pad'), {
    onchange(x) { ink = x; ask(); },
    onclear() { ink = null; again = false; },
  });

  function ask() {
    if (!ink || !drawable(info) || !panel.open) return;
    if (busy) { again = true; return; }
    busy = true;
    again = false;
    askedAt = performance.now();
    send(TO_WORKER.draw, { ink: ink.data, height: ink.height, width: ink.width });
  }
  panel.addEventListener('toggle', ask);

  return {
    /** A new run's data (its shapes decide whether drawing makes sense). */
    loaded(i) {
      info = i;
      busy = false; // a reply of the old run is dropped by the page
      const dims = `${i.height}×${i.width}×${i.channels}`;
      pad.setAvailable(drawable(i), drawable(i) ? '' : `Drawing works on 28×28 grayscale data (MNIST, or your own ` +
        `28×28 grayscale files); this dataset's images are ${dims}.`);
      ask();
    },
    /** Training moved on: re-score, at most REDRAW_PER_SECOND. */
    progress() {
      if (performance.now() - askedAt >= 1000 / REDRAW_PER_SECOND) ask();
    },
    /** Paused, done, weights imported: re-score now. */
    refresh: ask,
    /** The worker's `draw` reply. */
    onMessage(msg) {
      busy = false;
      if (!ink) return; // cleared meanwhile
      if (msg.error) pad.showError(msg.error);
      else {
        const best = msg.best;
        pad.showAnswer({ framed: msg.framed, class_names: info.class_names, kind: msg.kind, best,
          values: msg.kind === 'probability' ? msg.probs : msg.scores,
          value: msg.kind === 'probability' ? msg.probs[best] : msg.scores[best] });
      }
      if (again) ask();
    },
  };
}
