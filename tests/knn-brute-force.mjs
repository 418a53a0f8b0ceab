// The exact k-NN reference the JS tests compare the core with (www/test/cifar100.test.js,
// e2e/datasets.test.mjs): plain JS, integer distances (exact in doubles for u8 pixels), every
// training row sorted by (distance, index), a tied vote to the smallest label — CS231n's
// `predict_labels` with numpy's `argmax(bincount)`.

/** Labels predicted for each of `test` (u8 rows) from `train` (u8 rows) with `trainLabels`. */
export function bruteForceKnn(train, trainLabels, test, metric, k) {
  return test.map((q) => {
    const d = train.map((x, j) => {
      let s = 0;
      for (let t = 0; t < x.length; t++) {
        const v = x[t] - q[t];
        s += metric === 'l1' ? Math.abs(v) : v * v;
      }
      return [s, j];
    });
    d.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const votes = new Map();
    for (const [, j] of d.slice(0, k)) votes.set(trainLabels[j], (votes.get(trainLabels[j]) ?? 0) + 1);
    let best = -1;
    let label = Infinity;
    for (const [l, v] of votes) if (v > best || (v === best && l < label)) { best = v; label = l; }
    return label;
  });
}
