// The lecture's questions, live: question → answer with the numbers the core computed on the
// current data and model (src/lab/questions.rs). Pure: no DOM.

const f = (v, digits = 4) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/**
 * One entry per question: {name, question, answer}. `q` is the worker's `questions` result.
 * Source of the questions: CS231n lecture 3 and the notes "Linear classification".
 */
export function questionEntries(q) {
  const C = q.c;
  const d = f(q.delta, 2);
  const it = `${q.iterations} iterations`;
  const probe = q.probe >= 0;
  return [
    { name: 'min-max', question: 'What are the min and max possible loss?',
      answer: `SVM 0 … ∞, softmax 0 … ∞ (0 never reached). On ${q.batch} images after ${it}: SVM per image ${f(q.svm_min)} … ${f(q.svm_max)}, softmax ${f(q.softmax_min)} … ${f(q.softmax_max)}.` },
    { name: 'small-scores', question: 'At initialisation all scores s ≈ 0: what is the loss?',
      answer: `SVM C − 1 = ${C - 1} (×Δ = ${d}), measured ${f(q.svm_init)}; softmax ln C = ${f(Math.log(C))}, measured ${f(q.softmax_init)}.` },
    { name: 'include-correct', question: 'What if the SVM sum was over all classes, including j = y?',
      answer: `Each image adds its own margin Δ = ${d} exactly: ${f(q.svm_init)} → ${f(q.svm_init_all)} (difference ${f(q.svm_init_all - q.svm_init)}); the gradient is unchanged.` },
    { name: 'mean-over-classes', question: 'What if we used the mean over classes instead of the sum?',
      answer: `The loss is divided by C − 1 = ${C - 1}: ${f(q.svm_init)} → ${f(q.svm_init_mean)}; the minimiser is the same (as a smaller learning rate).` },
    { name: 'squared-hinge', question: 'What if we used the squared hinge max(0, m)²?',
      answer: `A different loss: at init ${f(q.svm_init)} → ${f(q.svm_init_squared)}; after ${it} ${f(q.svm_trained)} → ${f(q.svm_trained_squared)} (large violations cost much more).` },
    { name: 'w-not-unique', question: 'We found W with L = 0. Is it unique?',
      answer: q.zero_loss_images > 0
        ? `No: ${q.zero_loss_images} of ${q.batch} images have SVM loss 0 at W; at 2W their loss is still ${f(q.zero_loss_at_2w)} (margins double). Whole batch: ${f(q.svm_trained)} at W, ${f(q.svm_trained_2w)} at 2W.`
        : `No image has SVM loss 0 yet after ${it}; at 2W the batch loss goes ${f(q.svm_trained)} → ${f(q.svm_trained_2w)}.` },
    { name: 'jiggle', question: 'If the scores of a correctly classified image change slightly, does the loss change?',
      answer: probe
        ? `Image ${q.probe}, every score moved by ε = ${f(q.jiggle_eps, 3)} against it: SVM ${f(q.jiggle_svm_before)} → ${f(q.jiggle_svm_after)} (margins still met), softmax ${f(q.jiggle_softmax_before, 6)} → ${f(q.jiggle_softmax_after, 6)} (it always changes).`
        : 'No image meets every margin yet: train longer (num_iters).' },
    { name: 'double-correct', question: 'The correct score doubles (as 10 → 20): what happens to each loss?',
      answer: probe
        ? `Image ${q.probe}, s_y ${f(q.probe_correct_score, 2)} → ${f(2 * q.probe_correct_score, 2)}: SVM ${f(q.jiggle_svm_before)} → ${f(q.double_svm_after)}, softmax ${f(q.jiggle_softmax_before, 6)} → ${f(q.double_softmax_after, 6)} (it keeps pushing).`
        : 'No image meets every margin yet: train longer (num_iters).' },
    { name: 'regularisation', question: 'x = [1, 1, 1, 1]: w1 = [1, 0, 0, 0] and w2 = [0.25, 0.25, 0.25, 0.25] give the same score 1. Which does L2 prefer?',
      answer: `w2, the spread one: reg·Σw² = ${f(q.l2_peaked)} for w1, ${f(q.l2_spread)} for w2 (reg = ${q.reg}); L1 cannot tell them apart (${f(q.l1_peaked)} vs ${f(q.l1_spread)}).` },
  ];
}
