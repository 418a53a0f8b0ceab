//! Multiclass SVM (hinge) loss on class scores, Weston–Watkins form. Source: CS231n notes, "Linear
//! classification", §"Multiclass Support Vector Machine loss".

use crate::kernels::Real;

/// Mean multiclass SVM loss over the rows of `scores: (N, C)` with labels `y: (N,)` and margin
/// `delta` (1 in the lecture), and its gradient `dscores: (N, C)`.
///
/// Per row: `L_i = Σ_{j ≠ y_i} max(0, s_j − s_{y_i} + delta)`. The correct class is never counted
/// (case C02). Gradient: each `j ≠ y_i` with margin strictly `> 0` gets `+1/N`, and `y_i` gets
/// `−(count of such j)/N`; at a margin of exactly 0 the subgradient 0 is taken.
///
/// # Panics
/// If `scores.len() != N·C` or a label is `≥ C`.
pub fn svm_loss<F: Real>(scores: &[F], y: &[u8], c: usize, delta: F) -> (F, Vec<F>) {
    let n = y.len();
    assert_eq!(scores.len(), n * c, "svm_loss: scores must be (N, C)");
    let inv_n = F::one() / F::of(n as f64);
    let mut loss = F::zero();
    let mut dscores = vec![F::zero(); n * c];
    for (i, (row, &yi)) in scores.chunks_exact(c).zip(y).enumerate() {
        let yi = yi as usize;
        assert!(yi < c, "label {yi} out of range for {c} classes");
        let d = &mut dscores[i * c..(i + 1) * c];
        let mut violators = 0usize;
        for j in 0..c {
            if j == yi {
                continue;
            }
            let margin = row[j] - row[yi] + delta;
            if margin > F::zero() {
                loss = loss + margin;
                d[j] = inv_n;
                violators += 1;
            }
        }
        d[yi] = -F::of(violators as f64) * inv_n;
    }
    (loss * inv_n, dscores)
}
