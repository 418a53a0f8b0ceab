//! Softmax cross-entropy on class scores, computed stably with the row maximum subtracted
//! (log-sum-exp). Source: CS231n notes, "Linear classification", §"Softmax classifier" and
//! §"Practical issues: numeric stability".

use crate::kernels::Real;
use crate::label::Label;
use ndarray::{Array2, ArrayView2};

/// Class probabilities of one row of scores, `(C,)`, with the row max subtracted before `exp` so
/// no score overflows (case C01).
pub fn softmax_probs<F: Real>(scores: &[F]) -> Vec<F> {
    let m = scores.iter().fold(F::neg_infinity(), |a, &b| a.max(b));
    let e: Vec<F> = scores.iter().map(|&s| (s - m).exp()).collect();
    let z: F = e.iter().copied().sum();
    e.into_iter().map(|v| v / z).collect()
}

/// Mean softmax cross-entropy over the rows of `scores: (N, C)` with labels `y: (N,)`, and its
/// gradient `dscores: (N, C) = (p − onehot(y)) / N`.
///
/// Per row: `L_i = log Σ_j exp(s_j − m) − (s_{y_i} − m)` with `m = max_j s_j`.
///
/// # Panics
/// If `scores.len() != N·C` or a label is `≥ C`.
pub(crate) fn softmax_loss_flat<F: Real>(scores: &[F], y: &[Label], c: usize) -> (F, Vec<F>) {
    let n = y.len();
    assert_eq!(scores.len(), n * c, "softmax_loss: scores must be (N, C)");
    let inv_n = F::one() / F::of(n as f64);
    let mut loss = F::zero();
    let mut dscores = vec![F::zero(); n * c];
    for (i, (row, &yi)) in scores.chunks_exact(c).zip(y).enumerate() {
        let yi = yi as usize;
        assert!(yi < c, "label {yi} out of range for {c} classes");
        let m = row.iter().fold(F::neg_infinity(), |a, &b| a.max(b));
        let d = &mut dscores[i * c..(i + 1) * c];
        let mut z = F::zero();
        for (dj, &s) in d.iter_mut().zip(row) {
            *dj = (s - m).exp();
            z = z + *dj;
        }
        let log_z = z.ln();
        loss = loss + (log_z - (row[yi] - m));
        for dj in d.iter_mut() {
            *dj = *dj / z * inv_n;
        }
        d[yi] = d[yi] - inv_n;
    }
    (loss * inv_n, dscores)
}

/// Mean softmax cross-entropy over the rows of `scores` with labels `y`, and its gradient
/// `dscores = (p − onehot(y)) / N` (per row `L_i = log Σ_j exp(s_j − m) − (s_{y_i} − m)`, `m` the
/// row maximum).
///
/// # Shapes
/// `scores: (N, C)` (any layout; standard layout is read without a copy), `y: (N,)`; returns the
/// loss and `dscores: (N, C)`.
///
/// # Panics
/// If `y.len() != N` or a label is `≥ C`.
///
/// Source: CS231n notes, "Linear classification", §"Softmax classifier".
pub fn softmax_loss<F: Real>(scores: ArrayView2<F>, y: &[Label]) -> (F, Array2<F>) {
    let s = scores.as_standard_layout();
    let flat = s.as_slice().expect("standard layout is contiguous");
    let (loss, d) = softmax_loss_flat(flat, y, scores.ncols());
    (
        loss,
        Array2::from_shape_vec(scores.raw_dim(), d).expect("dscores is (N, C)"),
    )
}
