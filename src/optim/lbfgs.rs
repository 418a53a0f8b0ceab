//! Full-batch L-BFGS: two-loop recursion with a backtracking Armijo line search.
//!
//! Written here rather than taken from `argmin` (tried first): argmin 0.11 pulls in a second
//! `rand` (0.9) with `getrandom` 0.3, which builds for wasm32-unknown-unknown only with a global
//! `RUSTFLAGS='--cfg getrandom_backend="wasm_js"'`, plus `anyhow` and `web-time`; this file is
//! ~250 lines with no dependency and runs in f32 or f64.
//!
//! Source: Nocedal & Wright, "Numerical Optimization" (2nd ed., 2006), Algorithm 7.4 (two-loop
//! recursion), eq. 7.20 (initial Hessian scaling `γ = sᵀy / yᵀy`), Algorithm 3.1 (backtracking
//! line search) and eq. 3.4 (Armijo condition); CS231n notes, "Neural Networks 3", §"Second order
//! methods".

use super::{check_positive, lit};
use crate::error::{Error, Result};
use num_traits::Float;
use std::collections::VecDeque;

/// Why [`Lbfgs::minimize`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Termination {
    /// `max|grad| ≤ grad_tol`.
    GradTol = 0,
    /// `max_iters` iterations done.
    MaxIters = 1,
    /// No step along the search direction (nor along −grad) decreased the loss: the loss is flat
    /// to working precision here.
    LineSearch = 2,
    /// The loss or gradient at the starting point is NaN or infinite.
    NonFinite = 3,
}

/// What a run of [`Lbfgs::minimize`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct LbfgsReport<F> {
    /// Loss at the returned `w`.
    pub loss: F,
    /// `max|grad|` at the returned `w`.
    pub grad_max: F,
    /// Iterations (accepted steps).
    pub iterations: u32,
    /// Calls of the loss closure.
    pub evaluations: u32,
    /// Loss before the first step and after each accepted step (`iterations + 1` values).
    pub loss_history: Vec<F>,
    /// Why the run stopped.
    pub termination: Termination,
}

/// Limited-memory BFGS for a smooth loss of `w: (D,)`, full batch.
///
/// Defaults: `memory` (m) 10, `max_iters` 100, `grad_tol` 1e-5, Armijo `c1` 1e-4, step shrink
/// `backtrack` 0.5, `max_line_search` 40 trials per iteration.
///
/// Source: Nocedal & Wright 2006, Algorithm 7.4 / 7.5.
#[derive(Debug, Clone, PartialEq)]
pub struct Lbfgs<F> {
    /// Correction pairs `(s, y)` kept. Default 10.
    pub memory: usize,
    /// Iterations at most. Default 100.
    pub max_iters: u32,
    /// Stop when `max|grad| ≤ grad_tol`. Default 1e-5.
    pub grad_tol: F,
    /// Armijo sufficient-decrease constant, in (0, 1). Default 1e-4.
    pub c1: F,
    /// Step shrink factor of the backtracking, in (0, 1). Default 0.5.
    pub backtrack: F,
    /// Step-size trials per line search. Default 40.
    pub max_line_search: u32,
}

impl<F: Float> Default for Lbfgs<F> {
    fn default() -> Self {
        Lbfgs {
            memory: 10,
            max_iters: 100,
            grad_tol: lit(1e-5),
            c1: lit(1e-4),
            backtrack: lit(0.5),
            max_line_search: 40,
        }
    }
}

fn dot<F: Float>(a: &[F], b: &[F]) -> F {
    a.iter().zip(b).fold(F::zero(), |s, (&x, &y)| s + x * y)
}

fn max_abs<F: Float>(a: &[F]) -> F {
    a.iter().fold(F::zero(), |m, &x| m.max(x.abs()))
}

impl<F: Float> Lbfgs<F> {
    /// # Errors
    /// [`Error::Config`] naming `memory` (0), `max_iters` (0), `grad_tol` (NaN or < 0), `c1` or
    /// `backtrack` (outside (0, 1)), or `max_line_search` (0).
    pub fn check(&self) -> Result<()> {
        if self.memory == 0 {
            return Err(Error::config("memory", "must be at least 1"));
        }
        if self.max_iters == 0 {
            return Err(Error::config("max_iters", "must be at least 1"));
        }
        if self.grad_tol.is_nan() || self.grad_tol < F::zero() {
            return Err(Error::config("grad_tol", "must be a number ≥ 0"));
        }
        for (key, v) in [("c1", self.c1), ("backtrack", self.backtrack)] {
            check_positive(key, v)?;
            if v >= F::one() {
                return Err(Error::config(key, "must be in (0, 1)"));
            }
        }
        if self.max_line_search == 0 {
            return Err(Error::config("max_line_search", "must be at least 1"));
        }
        Ok(())
    }

    /// Minimises `f(w) -> (loss, grad)` from `w` in place; `w` ends at the best point found.
    ///
    /// # Shapes
    /// `w: (D,)`; `f` must return a gradient of length `D`.
    ///
    /// # Errors
    /// As [`Lbfgs::check`]; [`Error::Shape`] if `f` returns a gradient of another length.
    pub fn minimize(
        &self,
        w: &mut [F],
        mut f: impl FnMut(&[F]) -> (F, Vec<F>),
    ) -> Result<LbfgsReport<F>> {
        self.check()?;
        let n = w.len();
        let mut eval = |x: &[F], count: &mut u32| -> Result<(F, Vec<F>)> {
            *count += 1;
            let (l, g) = f(x);
            if g.len() != n {
                return Err(Error::Shape(format!(
                    "lbfgs: the loss closure returned a gradient of {} values for {n} weights",
                    g.len()
                )));
            }
            Ok((l, g))
        };
        let mut evaluations = 0;
        let (mut loss, mut grad) = eval(w, &mut evaluations)?;
        let mut report = LbfgsReport {
            loss,
            grad_max: max_abs(&grad),
            iterations: 0,
            evaluations,
            loss_history: vec![loss],
            termination: Termination::MaxIters,
        };
        if !loss.is_finite() || grad.iter().any(|g| !g.is_finite()) {
            report.termination = Termination::NonFinite;
            return Ok(report);
        }
        // correction pairs (s, y, rho = 1 / yᵀs), oldest first
        let mut pairs: VecDeque<(Vec<F>, Vec<F>, F)> = VecDeque::with_capacity(self.memory);
        let mut alpha = vec![F::zero(); self.memory];
        let mut trial = vec![F::zero(); n];
        let mut termination = Termination::MaxIters;
        let mut iterations = 0;
        while iterations < self.max_iters {
            if max_abs(&grad) <= self.grad_tol {
                termination = Termination::GradTol;
                break;
            }
            // two-loop recursion: d = −H·grad (Nocedal & Wright Algorithm 7.4)
            let mut q = grad.clone();
            for (k, (s, y, rho)) in pairs.iter().enumerate().rev() {
                let a = *rho * dot(s, &q);
                alpha[k] = a;
                for (qi, &yi) in q.iter_mut().zip(y) {
                    *qi = *qi - a * yi;
                }
            }
            let gamma = match pairs.back() {
                Some((s, y, _)) => dot(s, y) / dot(y, y),
                None => F::one(),
            };
            for qi in q.iter_mut() {
                *qi = *qi * gamma;
            }
            for (k, (s, y, rho)) in pairs.iter().enumerate() {
                let b = *rho * dot(y, &q);
                for (qi, &si) in q.iter_mut().zip(s) {
                    *qi = *qi + si * (alpha[k] - b);
                }
            }
            let mut d: Vec<F> = q.into_iter().map(|v| -v).collect();
            let mut slope = dot(&grad, &d);
            if slope.is_nan() || slope >= F::zero() {
                // not a descent direction (rounding): restart from steepest descent
                pairs.clear();
                d = grad.iter().map(|&g| -g).collect();
                slope = dot(&grad, &d);
            }
            // first step without curvature information: unit length in w
            let mut step = if pairs.is_empty() {
                F::one().min(F::one() / dot(&d, &d).sqrt())
            } else {
                F::one()
            };
            // backtracking Armijo line search (Algorithm 3.1)
            let mut accepted = None;
            for _ in 0..self.max_line_search {
                for ((t, &wi), &di) in trial.iter_mut().zip(w.iter()).zip(&d) {
                    *t = wi + step * di;
                }
                let (l, g) = eval(&trial, &mut evaluations)?;
                if l.is_finite()
                    && g.iter().all(|v| v.is_finite())
                    && l <= loss + self.c1 * step * slope
                {
                    accepted = Some((l, g));
                    break;
                }
                step = step * self.backtrack;
            }
            let Some((new_loss, new_grad)) = accepted else {
                if pairs.is_empty() {
                    termination = Termination::LineSearch;
                    break;
                }
                pairs.clear(); // retry once along −grad
                continue;
            };
            let s: Vec<F> = d.iter().map(|&di| step * di).collect();
            let y: Vec<F> = new_grad.iter().zip(&grad).map(|(&a, &b)| a - b).collect();
            w.copy_from_slice(&trial);
            loss = new_loss;
            grad = new_grad;
            iterations += 1;
            report.loss_history.push(loss);
            // keep the pair only when the curvature condition sᵀy > 0 holds (H stays positive
            // definite; with an Armijo-only search it may fail)
            let sy = dot(&s, &y);
            if sy > F::epsilon() * dot(&y, &y).max(F::min_positive_value()) {
                if pairs.len() == self.memory {
                    pairs.pop_front();
                }
                pairs.push_back((s, y, F::one() / sy));
            }
        }
        if termination == Termination::MaxIters && max_abs(&grad) <= self.grad_tol {
            termination = Termination::GradTol;
        }
        report.loss = loss;
        report.grad_max = max_abs(&grad);
        report.iterations = iterations;
        report.evaluations = evaluations;
        report.termination = termination;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a 1-D quadratic the second iteration has exact curvature and lands on the minimum.
    #[test]
    fn one_d_quadratic_in_two_steps() {
        let mut w = [3.0f64];
        let r = Lbfgs::default()
            .minimize(&mut w, |x| {
                (2.0 * (x[0] - 1.0).powi(2), vec![4.0 * (x[0] - 1.0)])
            })
            .unwrap();
        assert!((w[0] - 1.0).abs() < 1e-12, "{w:?} {r:?}");
        assert!(r.iterations <= 3, "{r:?}");
        assert_eq!(r.termination, Termination::GradTol);
    }

    #[test]
    fn settings_are_checked_and_shapes_named() {
        let o = Lbfgs::<f64> {
            memory: 0,
            ..Default::default()
        };
        assert!(matches!(
            o.check(),
            Err(Error::Config { key: "memory", .. })
        ));
        let o = Lbfgs::<f64> {
            c1: 1.0,
            ..Default::default()
        };
        assert!(matches!(o.check(), Err(Error::Config { key: "c1", .. })));
        let e = Lbfgs::<f64>::default()
            .minimize(&mut [1.0, 2.0], |_| (0.0, vec![0.0]))
            .unwrap_err();
        assert!(matches!(e, Error::Shape(_)), "{e}");
    }

    #[test]
    fn non_finite_start_is_reported() {
        let r = Lbfgs::<f32>::default()
            .minimize(&mut [1.0], |_| (f32::NAN, vec![0.0]))
            .unwrap();
        assert_eq!(r.termination, Termination::NonFinite);
    }
}
