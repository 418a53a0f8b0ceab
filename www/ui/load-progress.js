// The data-load bar of every mode, in the header (index.html `load-progress`): bytes fetched of
// the bytes a served dataset's chosen records need, summed over the page's workers, with a Cancel
// button that aborts every worker's fetches (protocol `cancel_load`). It watches the workers'
// `loading {bytes_done, bytes_total}` messages through client.js, so no mode wires it up.

import { cancelLoads, watchMessages } from '../worker/client.js';

/** "12.3 MB" (one decimal below 10 MB). */
export const megabytes = (n) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;

/** Message types that end a worker's load (its answer, or its failure). */
const ENDS = new Set(['error', 'result', 'loaded', 'imported']);

/**
 * Shows the loads in `box` (holding a <progress>, a `.load-bytes` text and a `.load-cancel`
 * button). Returns `{loads}` (client → {done, total}) for tests.
 */
export function mountLoadProgress(box, { watch = watchMessages, cancel = cancelLoads } = {}) {
  const bar = box.querySelector('progress');
  const text = box.querySelector('.load-bytes');
  const button = box.querySelector('.load-cancel');
  const loads = new Map();
  const draw = () => {
    let done = 0;
    let total = 0;
    for (const l of loads.values()) { done += l.done; total += l.total; }
    box.hidden = loads.size === 0;
    bar.max = Math.max(total, 1);
    bar.value = Math.min(done, total);
    text.textContent = `${megabytes(done)} of ${megabytes(total)}`;
    button.disabled = false;
  };
  // A worker that has fetched its share stays in the sum (done = total) until every worker has:
  // a pool of workers each fetching a part must not make the total shrink and the bar go back.
  const finish = (client) => {
    const l = loads.get(client);
    if (!l) return false;
    l.done = l.total;
    l.finished = true;
    if ([...loads.values()].every((x) => x.finished)) loads.clear();
    return true;
  };
  watch((client, msg) => {
    if (msg.type === 'loading' && Number.isFinite(msg.bytes_total)) {
      loads.set(client, { done: Math.min(msg.bytes_done, msg.bytes_total), total: msg.bytes_total, finished: false });
      if (msg.bytes_done >= msg.bytes_total) finish(client);
    } else if (ENDS.has(msg.type)) {
      if (!finish(client)) return;
    } else return;
    draw();
  });
  button.addEventListener('click', () => {
    button.disabled = true;
    cancel();
  });
  return { loads };
}
