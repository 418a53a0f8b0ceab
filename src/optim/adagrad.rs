//! AdaGrad: per-weight step sizes shrinking with the sum of squared gradients.
//! Source: Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
//! Optimization" (JMLR 2011); CS231n notes, "Neural Networks 3", §"Per-parameter adaptive learning
//! rate methods".

use super::{check_positive, lit, state_for};
use crate::error::Result;
use num_traits::Float;

/// AdaGrad: `cache ← cache + dw²; w ← w − learning_rate · dw / (√cache + epsilon)`.
///
/// Defaults: `learning_rate` 1e-2, `epsilon` 1e-8; `cache` starts at zeros.
///
/// Source: Duchi et al. 2011 (diagonal form); CS231n notes, "Neural Networks 3", §"Adagrad".
#[derive(Debug, Clone, PartialEq)]
pub struct Adagrad<F> {
    /// Step size. Default 1e-2.
    pub learning_rate: F,
    /// Smoothing term, > 0 (no division by zero on a zero gradient). Default 1e-8.
    pub epsilon: F,
    /// Sum of squared gradients `(D,)`, empty before the first update.
    pub cache: Vec<F>,
}

impl<F: Float> Default for Adagrad<F> {
    fn default() -> Self {
        Adagrad::new(lit(1e-2))
    }
}

impl<F: Float> Adagrad<F> {
    /// AdaGrad with step `learning_rate` and `epsilon` 1e-8.
    pub fn new(learning_rate: F) -> Self {
        Adagrad {
            learning_rate,
            epsilon: lit(1e-8),
            cache: Vec::new(),
        }
    }

    /// # Errors
    /// [`crate::Error::Config`] with key `learning_rate` or `epsilon` if not finite and > 0.
    pub fn check(&self) -> Result<()> {
        check_positive("learning_rate", self.learning_rate)?;
        check_positive("epsilon", self.epsilon)
    }

    /// One step in place on `w: (D,)` with gradient `dw: (D,)`.
    ///
    /// # Panics
    /// If `w` and `dw` differ in length, or `w` differs from the length of the `cache`.
    pub fn update(&mut self, w: &mut [F], dw: &[F]) {
        assert_eq!(w.len(), dw.len(), "adagrad: w and dw differ in shape");
        state_for(&mut self.cache, w.len(), "cache");
        for ((wi, &g), c) in w.iter_mut().zip(dw).zip(self.cache.iter_mut()) {
            *c = *c + g * g;
            *wi = *wi - self.learning_rate * g / (c.sqrt() + self.epsilon);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// First step of AdaGrad is a signed step of size ≈ learning_rate whatever the gradient scale.
    #[test]
    fn first_step_is_learning_rate_sized() {
        let mut o = Adagrad::new(0.1f64);
        let mut w = [0.0, 0.0, 0.0];
        o.update(&mut w, &[1e3, -2.0, 0.0]);
        assert!(
            (w[0] + 0.1).abs() < 1e-9 && (w[1] - 0.1).abs() < 1e-9,
            "{w:?}"
        );
        assert_eq!(w[2], 0.0);
        assert_eq!(o.cache, vec![1e6, 4.0, 0.0]);
        o.epsilon = 0.0;
        assert!(matches!(
            o.check(),
            Err(crate::Error::Config { key: "epsilon", .. })
        ));
    }
}
