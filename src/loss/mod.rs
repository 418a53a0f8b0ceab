//! Data losses on class scores `(N, C)` and the regularisation penalty on weights.

pub mod softmax;
pub mod svm;

use crate::kernels::Real;
use crate::label::Label;
pub use softmax::{softmax_loss, softmax_probs};
pub use svm::{svm_active_set, svm_loss, svm_loss_with, SvmOptions};

use crate::error::{Error, Result};
use std::str::FromStr;

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
    pub fn loss<F: Real>(self, scores: &[F], y: &[Label], c: usize) -> (F, Vec<F>) {
        match self {
            LossKind::Svm => svm::svm_loss_flat(scores, y, c, F::one()),
            LossKind::Softmax => softmax::softmax_loss_flat(scores, y, c),
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

/// L1 penalty `reg · Σ |w|` and its subgradient `reg · sign(w)` (0 where `w = 0`) added into
/// `dw`. Returns the penalty.
///
/// # Shapes
/// `w: (D, C)` and `dw: (D, C)`, flattened.
///
/// Source: CS231n notes, "Neural Networks 2", §"Regularization" (L1 regularization).
pub fn l1_penalty<F: Real>(w: &[F], reg: F, dw: &mut [F]) -> F {
    let mut sum = F::zero();
    for (g, &wi) in dw.iter_mut().zip(w) {
        sum = sum + wi.abs();
        if wi > F::zero() {
            *g = *g + reg;
        } else if wi < F::zero() {
            *g = *g - reg;
        }
    }
    reg * sum
}

/// The weight penalty of a run: the `regularization` key (`none`, `l2`, `l1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Regularization {
    /// No penalty.
    None = 0,
    /// `reg · Σ w²` ([`l2_penalty`]).
    L2 = 1,
    /// `reg · Σ |w|` ([`l1_penalty`]).
    L1 = 2,
}

impl Regularization {
    /// The snake_case name used in the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L2 => "l2",
            Regularization::L1 => "l1",
        }
    }

    /// The penalty of `w: (D, C)` with strength `reg`; its gradient is added into `dw: (D, C)`.
    pub fn penalty<F: Real>(self, w: &[F], reg: F, dw: &mut [F]) -> F {
        match self {
            Regularization::None => F::zero(),
            Regularization::L2 => l2_penalty(w, reg, dw),
            Regularization::L1 => l1_penalty(w, reg, dw),
        }
    }
}

impl FromStr for Regularization {
    type Err = Error;

    /// # Errors
    /// [`Error::Config`] with key `regularization` for anything but `none`, `l2`, `l1`.
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "none" => Ok(Regularization::None),
            "l2" => Ok(Regularization::L2),
            "l1" => Ok(Regularization::L1),
            _ => Err(Error::config(
                "regularization",
                format!("unknown {s:?}; expected none, l2 or l1"),
            )),
        }
    }
}

/// A data loss with its variant switches (the `loss` key plus the SVM's variant keys).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DataLoss {
    /// Multiclass SVM with the lecture's variants.
    Svm(SvmOptions),
    /// Softmax cross-entropy.
    Softmax,
}

impl DataLoss {
    /// Mean data loss and `dscores: (N, C)` for `scores: (N, C)` and `y: (N,)`.
    ///
    /// # Panics
    /// If `scores.len() != N·C` or a label is `≥ C`.
    pub fn loss<F: Real>(&self, scores: &[F], y: &[Label], c: usize) -> (F, Vec<F>) {
        match self {
            DataLoss::Svm(o) => svm::svm_loss_with_flat(scores, y, c, o),
            DataLoss::Softmax => softmax::softmax_loss_flat(scores, y, c),
        }
    }

    /// # Errors
    /// As [`SvmOptions::check`].
    pub fn check(&self) -> Result<()> {
        match self {
            DataLoss::Svm(o) => o.check(),
            DataLoss::Softmax => Ok(()),
        }
    }
}

impl From<LossKind> for DataLoss {
    /// `Svm` with the default options (Δ = 1), or `Softmax`.
    fn from(k: LossKind) -> Self {
        match k {
            LossKind::Svm => DataLoss::Svm(SvmOptions::default()),
            LossKind::Softmax => DataLoss::Softmax,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l1_penalty_and_subgradient() {
        let w = [0.5f64, -2.0, 0.0];
        let mut dw = [1.0, 1.0, 1.0];
        let p = l1_penalty(&w, 0.1, &mut dw);
        assert!((p - 0.25).abs() < 1e-15);
        assert_eq!(dw, [1.1, 0.9, 1.0]);
        let mut dw = [0.0; 3];
        assert_eq!(Regularization::None.penalty(&w, 0.1, &mut dw), 0.0);
        assert_eq!(dw, [0.0; 3]);
    }

    #[test]
    fn regularization_names_round_trip() {
        for r in [Regularization::None, Regularization::L2, Regularization::L1] {
            assert_eq!(r.as_str().parse::<Regularization>().unwrap(), r);
        }
        assert!(matches!(
            "L2".parse::<Regularization>(),
            Err(Error::Config {
                key: "regularization",
                ..
            })
        ));
    }
}
