// The training worker's side of the evaluation views (issue 5): evaluations of the validation and
// test splits (kept so a confusion-matrix cell can list its images), the predictions gallery, the
// algebraic view and weights export / import. Every function takes the wasm Playground `pg` and
// returns the fields of the reply (protocol.js); errors from the core propagate as exceptions.

/** Top classes shown per gallery image. */
export const TOP_K = 3;
/** Pixel columns of W shown in the algebraic view (the largest |x_j|). */
export const ALGEBRA_COLS = 4;

/** The latest `Evaluation` per split, in wasm memory until replaced or cleared. */
export class Evaluations {
  constructor() {
    this.byName = {};
  }

  /** Evaluate `split` ('val' | 'test') now: {top1, top5, confusion}. */
  run(pg, split) {
    const ev = pg.evaluate(split);
    this.byName[split]?.free();
    this.byName[split] = ev;
    return { top1: ev.top1(), top5: ev.top5(), confusion: ev.confusion() };
  }

  /** Drop every kept evaluation (a new run). */
  clear() {
    for (const ev of Object.values(this.byName)) ev.free();
    this.byName = {};
  }

  /** The images of cell (row, col) of `split`'s latest confusion matrix: {count, rgba}. */
  cellImages(pg, { split, row, col, limit }) {
    const ev = this.byName[split];
    if (!ev) throw new Error(`the ${split} split has not been evaluated yet`);
    const positions = ev.cell(row, col);
    const shown = positions.slice(0, Math.max(0, Math.min(limit, positions.length)));
    return { split, row, col, count: positions.length, rgba: concatImages(pg, split, shown) };
  }
}

/** RGBA of positions `indices` of an evaluation split, one after the other. */
export function concatImages(pg, split, indices) {
  const size = pg.height() * pg.width() * 4;
  const out = new Uint8Array(indices.length * size);
  indices.forEach((i, n) => out.set(pg.eval_image_rgba(split, i), n * size));
  return out;
}

/** Top-3 classes, labels and images of test positions `indices` (= test record indices). */
export function gallery(pg, indices, loss) {
  const idx = Uint32Array.from(indices);
  return {
    iteration: pg.iteration(),
    indices: Array.from(idx),
    labels: Array.from(idx, (i) => pg.label('test', i)),
    top: pg.predict_top('test', idx, TOP_K),
    k: Math.min(TOP_K, pg.num_classes()), // the core gives min(k, C) classes per image
    kind: loss === 'softmax' ? 'probability' : 'score',
    rgba: concatImages(pg, 'test', Array.from(idx)),
  };
}

/** The algebraic view of position `index` of `split`. */
export function algebraic(pg, split, index) {
  const v = pg.algebraic_view(split, index, ALGEBRA_COLS);
  try {
    return {
      iteration: pg.iteration(), split, index, label: v.label(), x: v.x(), wx: v.wx(), b: v.b(),
      scores: v.scores(), cols: Array.from(v.cols()), w_cols: v.w_cols(),
      rgba: pg.eval_image_rgba(split, index),
    };
  } finally {
    v.free();
  }
}
