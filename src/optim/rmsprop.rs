//! RMSProp: AdaGrad with a leaky (exponentially decaying) cache.
//! Source: Tieleman & Hinton, "Lecture 6.5 — rmsprop", COURSERA: Neural Networks for Machine
//! Learning (2012), lecture 6e; CS231n notes, "Neural Networks 3", §"RMSprop".

use super::{check_positive, check_unit, lit, state_for};
use crate::error::Result;
use num_traits::Float;

/// RMSProp: `cache ← decay_rate·cache + (1 − decay_rate)·dw²;
/// w ← w − learning_rate · dw / (√cache + epsilon)`.
///
/// Defaults: `learning_rate` 1e-2, `decay_rate` 0.99, `epsilon` 1e-8 (CS231n `optim.py`); `cache`
/// starts at zeros.
///
/// Source: Tieleman & Hinton 2012, lecture 6e; CS231n notes, "Neural Networks 3", §"RMSprop".
#[derive(Debug, Clone, PartialEq)]
pub struct Rmsprop<F> {
    /// Step size. Default 1e-2.
    pub learning_rate: F,
    /// Leak of the squared-gradient average, in [0, 1). Default 0.99.
    pub decay_rate: F,
    /// Smoothing term, > 0. Default 1e-8.
    pub epsilon: F,
    /// Moving average of squared gradients `(D,)`, empty before the first update.
    pub cache: Vec<F>,
}

impl<F: Float> Default for Rmsprop<F> {
    fn default() -> Self {
        Rmsprop::new(lit(1e-2))
    }
}

impl<F: Float> Rmsprop<F> {
    /// RMSProp with step `learning_rate`, `decay_rate` 0.99 and `epsilon` 1e-8.
    pub fn new(learning_rate: F) -> Self {
        Rmsprop {
            learning_rate,
            decay_rate: lit(0.99),
            epsilon: lit(1e-8),
            cache: Vec::new(),
        }
    }

    /// # Errors
    /// [`crate::Error::Config`] with key `learning_rate` or `epsilon` (not finite and > 0) or
    /// `decay_rate` (outside [0, 1) or NaN).
    pub fn check(&self) -> Result<()> {
        check_positive("learning_rate", self.learning_rate)?;
        check_unit("decay_rate", self.decay_rate)?;
        check_positive("epsilon", self.epsilon)
    }

    /// One step in place on `w: (D,)` with gradient `dw: (D,)`.
    ///
    /// # Panics
    /// If `w` and `dw` differ in length, or `w` differs from the length of the `cache`.
    pub fn update(&mut self, w: &mut [F], dw: &[F]) {
        assert_eq!(w.len(), dw.len(), "rmsprop: w and dw differ in shape");
        state_for(&mut self.cache, w.len(), "cache");
        let (dr, one) = (self.decay_rate, F::one());
        for ((wi, &g), c) in w.iter_mut().zip(dw).zip(self.cache.iter_mut()) {
            *c = dr * *c + (one - dr) * g * g;
            *wi = *wi - self.learning_rate * g / (c.sqrt() + self.epsilon);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// First step: cache = 0.01·g², so the step is lr·g/(0.1·|g|) = 10·lr in the gradient's sign.
    #[test]
    fn first_step_is_ten_learning_rates() {
        let mut o = Rmsprop::new(0.01f64);
        let mut w = [1.0, 1.0];
        o.update(&mut w, &[3.0, -0.5]);
        // epsilon shifts the step by ≈ eps/(0.1·|g|) relative: 2e-7 for |g| = 0.5
        assert!(
            (w[0] - 0.9).abs() < 1e-6 && (w[1] - 1.1).abs() < 1e-6,
            "{w:?}"
        );
        assert!((w[0] - 0.9).abs() > 0.0);
        for dr in [1.0, -0.5, f64::NAN] {
            let mut o = Rmsprop::new(0.01f64);
            o.decay_rate = dr;
            assert!(matches!(
                o.check(),
                Err(crate::Error::Config {
                    key: "decay_rate",
                    ..
                })
            ));
        }
    }
}
