//! SGD + momentum: a velocity that integrates the negative gradient.
//! Source: CS231n notes, "Neural Networks 3", §"Momentum update"; Polyak (1964).

use super::{check_positive, check_unit, lit, state_for};
use crate::error::Result;
use num_traits::Float;

/// SGD + momentum: `v ← μ·v − learning_rate · dw; w ← w + v`, with `μ` = `momentum`.
///
/// Defaults: `learning_rate` 1e-2, `momentum` 0.9 (CS231n `optim.py`); `velocity` starts at zeros of
/// `w`'s shape on the first update.
///
/// Source: CS231n notes, "Neural Networks 3", §"Momentum update" (case C13).
#[derive(Debug, Clone, PartialEq)]
pub struct SgdMomentum<F> {
    /// Step size. Default 1e-2.
    pub learning_rate: F,
    /// `μ` ("rho" in the lecture), in [0, 1). Default 0.9.
    pub momentum: F,
    /// `v: (D,)`, empty before the first update.
    pub velocity: Vec<F>,
}

impl<F: Float> Default for SgdMomentum<F> {
    fn default() -> Self {
        SgdMomentum::new(lit(1e-2))
    }
}

impl<F: Float> SgdMomentum<F> {
    /// Momentum SGD with step `learning_rate` and `momentum` 0.9.
    pub fn new(learning_rate: F) -> Self {
        SgdMomentum {
            learning_rate,
            momentum: lit(0.9),
            velocity: Vec::new(),
        }
    }

    /// # Errors
    /// [`crate::Error::Config`] with key `learning_rate` (not finite or ≤ 0) or `momentum`
    /// (outside [0, 1) or NaN).
    pub fn check(&self) -> Result<()> {
        check_positive("learning_rate", self.learning_rate)?;
        check_unit("momentum", self.momentum)
    }

    /// One step in place on `w: (D,)` with gradient `dw: (D,)`.
    ///
    /// # Panics
    /// If `w` and `dw` differ in length, or `w` differs from the length of the `velocity`.
    pub fn update(&mut self, w: &mut [F], dw: &[F]) {
        assert_eq!(w.len(), dw.len(), "sgd_momentum: w and dw differ in shape");
        state_for(&mut self.velocity, w.len(), "velocity");
        for ((wi, &g), v) in w.iter_mut().zip(dw).zip(self.velocity.iter_mut()) {
            *v = self.momentum * *v - self.learning_rate * g;
            *wi = *wi + *v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Case C13, momentum row: f(x) = ½x², x0 = 1, lr = 0.1, μ = 0.9 → 0.9, 0.72, 0.486.
    #[test]
    fn c13_momentum_trajectory() {
        let mut o = SgdMomentum::new(0.1f64);
        let mut x = [1.0];
        let mut got = vec![];
        for _ in 0..3 {
            let g = [x[0]];
            o.update(&mut x, &g);
            got.push(x[0]);
        }
        for (g, w) in got.iter().zip([0.9, 0.72, 0.486]) {
            assert!((g - w).abs() < 1e-12, "{got:?}");
        }
    }

    #[test]
    fn bad_momentum_is_named() {
        for m in [1.0, 1.5, -0.1, f64::NAN] {
            let mut o = SgdMomentum::new(0.1f64);
            o.momentum = m;
            assert!(
                matches!(
                    o.check(),
                    Err(crate::Error::Config {
                        key: "momentum",
                        ..
                    })
                ),
                "{m}"
            );
        }
        assert!(SgdMomentum::<f32>::default().check().is_ok());
    }
}
