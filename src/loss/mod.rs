//! Data losses on class scores `(N, C)` and the regularisation penalty on weights.

pub mod softmax;
pub mod svm;

use crate::kernels::Real;
pub use softmax::{softmax_loss, softmax_probs};
pub use svm::svm_loss;

/// The data loss of a linear classifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum LossKind {
    /// Multiclass SVM (hinge), margin delta = 1.
    Svm = 0,
    /// Softmax cross-entropy.
    Softmax = 1,
}

impl LossKind {
    /// Mean data loss and `dscores (N, C)` for `scores (N, C)` and labels `y (N,)`.
    pub fn loss<F: Real>(self, scores: &[F], y: &[u8], c: usize) -> (F, Vec<F>) {
        match self {
            LossKind::Svm => svm_loss(scores, y, c, F::one()),
            LossKind::Softmax => softmax_loss(scores, y, c),
        }
    }
}

/// L2 penalty `reg · Σ w²` and its gradient `2 · reg · w` added into `dw`. This is convention A of
/// case C15 (the lecture's `R(W) = Σ W²`, strength λ = `reg`, no ½).
///
/// Source: CS231n notes, "Linear classification", §"Regularization".
pub fn l2_penalty<F: Real>(w: &[F], reg: F, dw: &mut [F]) -> F {
    let two_reg = reg + reg;
    let mut sum = F::zero();
    for (g, &wi) in dw.iter_mut().zip(w) {
        sum = sum + wi * wi;
        *g = *g + two_reg * wi;
    }
    reg * sum
}
