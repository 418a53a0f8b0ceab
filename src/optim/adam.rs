//! Adam: momentum on the gradient (`m`) and RMSProp on its square (`v`), both bias-corrected.
//! Source: Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), Algorithm 1;
//! CS231n notes, "Neural Networks 3", §"Adam".

use super::{check_positive, check_unit, lit, state_for};
use crate::error::Result;
use num_traits::Float;

/// Adam, Kingma & Ba 2015 Algorithm 1. Each update first increments `t` (so the first update has
/// `t = 1` and the bias correction never divides by `1 − β⁰ = 0`; case C11), then
///
/// ```text
/// m ← beta1·m + (1 − beta1)·dw          v ← beta2·v + (1 − beta2)·dw²
/// m̂ = m / (1 − beta1^t)                 v̂ = v / (1 − beta2^t)      (when bias_correction)
/// w ← w − learning_rate · m̂ / (√v̂ + epsilon)
/// ```
///
/// With `bias_correction = false`, `m̂ = m` and `v̂ = v`: the first steps are too large by about
/// `√(1 − beta2)/(1 − beta1)` ≈ 0.32 → steps of ≈ 3.16·learning_rate (the lecture's "wrong first
/// steps", case C11).
///
/// Defaults: `learning_rate` 1e-3, `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-8,
/// `bias_correction` true; `m`, `v` start at zeros, `t` at 0.
///
/// Source: Kingma & Ba 2015, Algorithm 1; CS231n notes, "Neural Networks 3", §"Adam".
#[derive(Debug, Clone, PartialEq)]
pub struct Adam<F> {
    /// Step size α. Default 1e-3.
    pub learning_rate: F,
    /// Decay of the first moment, in [0, 1). Default 0.9.
    pub beta1: F,
    /// Decay of the second moment, in [0, 1). Default 0.999.
    pub beta2: F,
    /// Smoothing term, > 0. Default 1e-8.
    pub epsilon: F,
    /// Divide the moments by `1 − β^t`. Default true.
    pub bias_correction: bool,
    /// First moment `(D,)`, empty before the first update.
    pub m: Vec<F>,
    /// Second moment `(D,)`, empty before the first update.
    pub v: Vec<F>,
    /// Updates done (the `t` of the bias correction, 1 during the first update).
    pub t: u32,
}

impl<F: Float> Default for Adam<F> {
    fn default() -> Self {
        Adam::new(lit(1e-3))
    }
}

impl<F: Float> Adam<F> {
    /// Adam with step `learning_rate` and the paper's defaults for the rest.
    pub fn new(learning_rate: F) -> Self {
        Adam {
            learning_rate,
            beta1: lit(0.9),
            beta2: lit(0.999),
            epsilon: lit(1e-8),
            bias_correction: true,
            m: Vec::new(),
            v: Vec::new(),
            t: 0,
        }
    }

    /// # Errors
    /// [`crate::Error::Config`] naming `learning_rate` or `epsilon` (not finite and > 0), or `beta1`
    /// or `beta2` (outside [0, 1) or NaN: `beta = 1` would make `1 − beta^t` zero).
    pub fn check(&self) -> Result<()> {
        check_positive("learning_rate", self.learning_rate)?;
        check_unit("beta1", self.beta1)?;
        check_unit("beta2", self.beta2)?;
        check_positive("epsilon", self.epsilon)
    }

    /// One step in place on `w: (D,)` with gradient `dw: (D,)`.
    ///
    /// # Panics
    /// If `w` and `dw` differ in length, or `w` differs from the length of `m` and `v`.
    pub fn update(&mut self, w: &mut [F], dw: &[F]) {
        assert_eq!(w.len(), dw.len(), "adam: w and dw differ in shape");
        state_for(&mut self.m, w.len(), "m");
        state_for(&mut self.v, w.len(), "v");
        // increment first, then correct (case C11): t ≥ 1 here
        self.t = self.t.saturating_add(1);
        let one = F::one();
        let (b1, b2) = (self.beta1, self.beta2);
        let (c1, c2) = if self.bias_correction {
            let t = self.t.min(i32::MAX as u32) as i32;
            (one - b1.powi(t), one - b2.powi(t))
        } else {
            (one, one)
        };
        for (((wi, &g), m), v) in w
            .iter_mut()
            .zip(dw)
            .zip(self.m.iter_mut())
            .zip(self.v.iter_mut())
        {
            *m = b1 * *m + (one - b1) * g;
            *v = b2 * *v + (one - b2) * g * g;
            let m_hat = *m / c1;
            let v_hat = *v / c2;
            *wi = *wi - self.learning_rate * m_hat / (v_hat.sqrt() + self.epsilon);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Case C11 step 1 and the counter: after one update t = 1 and the step is finite.
    #[test]
    fn c11_first_step_and_counter() {
        let mut o = Adam::new(0.1f64);
        let mut x = [1.0, -2.0];
        let g = x;
        o.update(&mut x, &g);
        assert_eq!(o.t, 1);
        assert!((x[0] - 0.900000001).abs() < 1e-12, "{x:?}");
        assert!((x[1] + 1.9000000005).abs() < 1e-12, "{x:?}");
    }

    #[test]
    fn betas_at_one_are_refused() {
        let mut o = Adam::new(0.1f64);
        o.beta1 = 1.0;
        assert!(matches!(
            o.check(),
            Err(crate::Error::Config { key: "beta1", .. })
        ));
        let mut o = Adam::new(0.1f64);
        o.beta2 = f64::NAN;
        assert!(matches!(
            o.check(),
            Err(crate::Error::Config { key: "beta2", .. })
        ));
        assert!(Adam::<f32>::default().check().is_ok());
    }
}
