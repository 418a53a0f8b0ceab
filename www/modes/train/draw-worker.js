// The training worker's side of "Draw a digit" (issue 12, item 6): frame the pad's ink like MNIST
// (core `frame_drawing`, src/data/drawing.rs) and score it with the current weights
// (`Playground.draw_linear`: scores, then their softmax). Errors propagate as exceptions (the
// worker answers `draw {error}`).

import { argmax } from '../../ui/draw-pad.js';

/** The fields of the `draw` reply for `{ink, height, width}` (protocol.js). */
export function drawAnswer(core, pg, { ink, height, width }, loss) {
  const framed = core.frame_drawing(new Uint8Array(ink), height, width);
  const both = pg.draw_linear(framed); // [scores (C), probs (C)]
  const c = both.length / 2;
  const scores = both.slice(0, c);
  const probs = both.slice(c);
  const best = Math.max(0, argmax(scores)); // first on ties, a NaN never wins (as the core's argmax)
  return { iteration: pg.iteration(), framed, scores, probs, best, kind: loss === 'softmax' ? 'probability' : 'score' };
}
