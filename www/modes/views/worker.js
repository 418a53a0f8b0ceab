// The views mode's worker, on the shared runtime (www/worker/runtime.js): the two computations one
// core call long that can block a page for over 50 ms — the geometric view's best accuracy from 8
// starts (~80 ms at 30 points per class, ~600 ms at 500) and the curse's distance statistics (one
// call per dimension, ~60 ms at d = 1000 with 2000 points and 100 queries). The same core calls with
// the same arguments as on the page; the page keeps everything else. Messages: protocol.js (views).
import { createRuntime } from '../../worker/runtime.js';

const rt = createRuntime({ mode: 'views', handlers: { best, curse } });
self.onmessage = ({ data }) => rt.receive(data);

const cancelled = () => Object.assign(new Error('cancelled'), { cancelled: true });

/** {layout, num_per_class, seed, restarts} → {best}: GeoToy.best_trained_accuracy (it ignores w, b). */
function best({ layout, num_per_class, seed, restarts }) {
  const toy = new rt.core.GeoToy(layout, num_per_class, seed);
  try {
    return { best: toy.best_trained_accuracy(restarts) };
  } finally {
    toy.free();
  }
}

/** {num_points, dims, num_queries, metric, seed}: progress {index, stats} per dimension, in order. */
async function curse({ run_id, num_points, dims, num_queries, metric, seed }) {
  let next = 0;
  const finished = await rt.chunks((n) => {
    let ran = 0;
    for (; ran < n && next < dims.length; ran++, next++) {
      const stats = rt.core.curse_distance_stats(num_points, dims[next], num_queries, metric, seed);
      rt.post('progress', run_id, { index: next, stats: Float64Array.from(stats) });
    }
    return ran;
  }, { keepGoing: () => !rt.stale(run_id) });
  if (!finished) throw cancelled();
  return { count: next };
}
