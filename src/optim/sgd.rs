//! Vanilla stochastic gradient descent. Source: CS231n notes, "Optimization", §"Gradient descent"
//! (`w += -learning_rate * dw`).

use super::{check_positive, lit};
use crate::error::Result;
use num_traits::Float;

/// Vanilla SGD as a rule with state (none): `w ← w − learning_rate · dw`.
///
/// Default `learning_rate` 1e-2 (CS231n `optim.py`). With the full training split as the batch this
/// is the `gd` rule.
///
/// Source: CS231n notes, "Optimization", §"Gradient descent"; "Neural Networks 3", §"Vanilla update".
#[derive(Debug, Clone, PartialEq)]
pub struct Sgd<F> {
    /// Step size. Default 1e-2.
    pub learning_rate: F,
}

impl<F: Float> Default for Sgd<F> {
    fn default() -> Self {
        Sgd::new(lit(1e-2))
    }
}

impl<F: Float> Sgd<F> {
    /// SGD with step `learning_rate`.
    pub fn new(learning_rate: F) -> Self {
        Sgd { learning_rate }
    }

    /// # Errors
    /// [`crate::Error::Config`] with key `learning_rate` if it is not finite and > 0.
    pub fn check(&self) -> Result<()> {
        check_positive("learning_rate", self.learning_rate)
    }

    /// One step in place on `w: (D,)` with gradient `dw: (D,)`.
    ///
    /// # Panics
    /// If `w` and `dw` differ in length.
    pub fn update(&mut self, w: &mut [F], dw: &[F]) {
        sgd(w, dw, self.learning_rate);
    }
}

/// One SGD step in place: `w ← w − learning_rate · dw`.
///
/// # Panics
/// If `w` and `dw` differ in length.
pub fn sgd<F: Float>(w: &mut [F], dw: &[F], learning_rate: F) {
    assert_eq!(w.len(), dw.len(), "sgd: w and dw must have the same shape");
    for (wi, &g) in w.iter_mut().zip(dw) {
        *wi = *wi - learning_rate * g;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Case C13, SGD row: f(x) = ½x², x0 = 1, lr = 0.1 → 0.9, 0.81, 0.729.
    #[test]
    fn c13_sgd_trajectory() {
        let mut x = [1.0f64];
        let mut got = vec![];
        for _ in 0..3 {
            let g = [x[0]];
            sgd(&mut x, &g, 0.1);
            got.push(x[0]);
        }
        for (g, w) in got.iter().zip([0.9, 0.81, 0.729]) {
            assert!((g - w).abs() < 1e-12, "{got:?}");
        }
    }

    #[test]
    fn struct_form_equals_fn_and_checks_learning_rate() {
        let mut a = [1.0f64, -3.0];
        let mut b = a;
        Sgd::new(0.25).update(&mut a, &[2.0, 4.0]);
        sgd(&mut b, &[2.0, 4.0], 0.25);
        assert_eq!(a, b);
        assert_eq!(a, [0.5, -4.0]);
        assert!(Sgd::<f32>::default().check().is_ok());
        for lr in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(Sgd::new(lr).check().is_err(), "{lr}");
        }
    }
}
