//! Nesterov momentum in the stored look-ahead form (the one every library implements).
//! Source: Nesterov (1983); Sutskever et al., "On the importance of initialization and momentum in
//! deep learning" (ICML 2013), eq. 3–4; CS231n notes, "Neural Networks 3", §"Nesterov Momentum".

use super::{check_positive, check_unit, lit, state_for};
use crate::error::Result;
use num_traits::Float;

/// Nesterov momentum: `v_prev = v; v ← μ·v − learning_rate·dw; w ← w − μ·v_prev + (1 + μ)·v`.
///
/// The stored `w` is the look-ahead point `x + μ·v` of the textbook form (gradient taken at
/// `x + μv`), so the gradient is always evaluated at the stored weights. It equals PyTorch's
/// `buf = μ·buf + g; w −= lr·(g + μ·buf)` (case C13).
///
/// Defaults: `learning_rate` 1e-2, `momentum` 0.9; `velocity` starts at zeros.
///
/// Source: Sutskever et al. 2013, §2.1; CS231n notes, "Neural Networks 3", §"Nesterov Momentum".
#[derive(Debug, Clone, PartialEq)]
pub struct Nesterov<F> {
    /// Step size. Default 1e-2.
    pub learning_rate: F,
    /// `μ`, in [0, 1). Default 0.9.
    pub momentum: F,
    /// `v: (D,)`, empty before the first update.
    pub velocity: Vec<F>,
}

impl<F: Float> Default for Nesterov<F> {
    fn default() -> Self {
        Nesterov::new(lit(1e-2))
    }
}

impl<F: Float> Nesterov<F> {
    /// Nesterov momentum with step `learning_rate` and `momentum` 0.9.
    pub fn new(learning_rate: F) -> Self {
        Nesterov {
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

    /// One step in place on `w: (D,)` with gradient `dw: (D,)` taken at `w`.
    ///
    /// # Panics
    /// If `w` and `dw` differ in length, or `w` differs from the length of the `velocity`.
    pub fn update(&mut self, w: &mut [F], dw: &[F]) {
        assert_eq!(w.len(), dw.len(), "nesterov: w and dw differ in shape");
        state_for(&mut self.velocity, w.len(), "velocity");
        let mu = self.momentum;
        for ((wi, &g), v) in w.iter_mut().zip(dw).zip(self.velocity.iter_mut()) {
            let v_prev = *v;
            *v = mu * *v - self.learning_rate * g;
            *wi = *wi - mu * v_prev + (F::one() + mu) * *v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Case C13, Nesterov row: x0 = 1, lr = 0.1, μ = 0.9 → 0.81, 0.5751, 0.327321.
    #[test]
    fn c13_nesterov_trajectory() {
        let mut o = Nesterov::new(0.1f64);
        let mut x = [1.0];
        let mut got = vec![];
        for _ in 0..3 {
            let g = [x[0]];
            o.update(&mut x, &g);
            got.push(x[0]);
        }
        for (g, w) in got.iter().zip([0.81, 0.5751, 0.327321]) {
            assert!((g - w).abs() < 1e-12, "{got:?}");
        }
    }
}
