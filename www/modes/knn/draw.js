// The k-NN mode's "Draw a digit" panel (issue 12, item 6): the shared pad (ui/draw-pad.js) sends
// each stroke's ink to pool worker 0 (`draw`), which frames it like MNIST and finds its k nearest
// memorised training images with the mode's metric; the page shows the vote (its share of the k
// as p), the votes per class and the neighbours. Asked again when k, the metric or the subset
// change. Only for 28×28 grayscale data.

import '../../ui/draw-pad.css';
import { mountDrawPad, voteCounts } from '../../ui/draw-pad.js';

/** True for data a drawing can be compared with: 28×28 grayscale (MNIST or the user's own). */
export const drawable = (info) => info?.height === 28 && info?.width === 28 && info?.channels === 1;

/**
 * `panel`: the <details> holding the pad; hooks: {ask(fields) → Promise of the reply (worker 0,
 * null when the pool is not ready), getSettings()}.
 */
export function createKnnDraw(panel, { ask, getSettings }) {
  let info = null;
  let ink = null;
  let token = 0; // the latest request; an older reply is dropped
  const pad = mountDrawPad(panel.querySelector('.draw-pad'), {
    onchange(x) { ink = x; request(); },
    onclear() { ink = null; token += 1; },
  });

  async function request() {
    if (!ink || !drawable(info) || !panel.open) return;
    const my = ++token;
    const { metric, k, num_train } = getSettings();
    const kEff = Math.min(k, num_train);
    try {
      const r = await ask({ ink: ink.data, height: ink.height, width: ink.width, metric, k: kEff });
      if (my !== token || !r) return;
      const counts = voteCounts(r.neighbours.map((n) => n.label), info.class_names.length);
      pad.showAnswer({ framed: r.framed, class_names: info.class_names, kind: 'vote', best: r.label,
        values: counts.map((v) => v / r.neighbours.length), value: counts[r.label] / r.neighbours.length,
        votes: counts[r.label], k: r.neighbours.length,
        neighbours: r.neighbours.map((n) => ({ ...n, height: r.height, width: r.width })) });
    } catch (e) {
      if (my === token) pad.showError(e?.message ?? String(e));
    }
  }
  panel.addEventListener('toggle', request);

  return {
    /** The memorised data changed (its shapes decide whether drawing makes sense). */
    loaded(i) {
      info = i;
      const dims = `${i.height}×${i.width}×${i.channels}`;
      pad.setAvailable(drawable(i), drawable(i) ? '' : `Drawing works on 28×28 grayscale data (MNIST, or your own ` +
        `28×28 grayscale files); this dataset's images are ${dims}.`);
      request();
    },
    /** k or the metric changed. */
    refresh: request,
  };
}
