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
    /// The same as [`Lbfgs::start`] followed by [`LbfgsState::step`] until it returns false or
    /// `max_iters` iterations are done.
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
        let mut state = self.start(w, &mut f)?;
        while state.termination.is_none()
            && state.iterations < self.max_iters
            && state.step(w, &mut f)?
        {}
        let mut termination = state.termination.unwrap_or(Termination::MaxIters);
        if termination == Termination::MaxIters && state.grad_max() <= self.grad_tol {
            termination = Termination::GradTol;
        }
        Ok(LbfgsReport {
            loss: state.loss,
            grad_max: state.grad_max(),
            iterations: state.iterations,
            evaluations: state.evaluations,
            loss_history: state.loss_history,
            termination,
        })
    }

    /// Evaluates `f` at the starting point `w` and returns the state of a run that
    /// [`LbfgsState::step`] advances one iteration at a time (so a worker can interleave
    /// iterations with drawing). `max_iters` is not enforced by the state: the caller counts.
    ///
    /// # Errors
    /// As [`Lbfgs::minimize`].
    pub fn start(&self, w: &[F], f: &mut impl FnMut(&[F]) -> (F, Vec<F>)) -> Result<LbfgsState<F>> {
        self.check()?;
        let n = w.len();
        let mut evaluations = 0;
        let (loss, grad) = eval(f, w, n, &mut evaluations)?;
        let termination = (!loss.is_finite() || grad.iter().any(|g| !g.is_finite()))
            .then_some(Termination::NonFinite);
        Ok(LbfgsState {
            settings: self.clone(),
            loss,
            grad,
            pairs: VecDeque::with_capacity(self.memory),
            alpha: vec![F::zero(); self.memory],
            trial: vec![F::zero(); n],
            iterations: 0,
            evaluations,
            loss_history: vec![loss],
            termination,
        })
    }
}

fn eval<F: Float>(
    f: &mut impl FnMut(&[F]) -> (F, Vec<F>),
    x: &[F],
    n: usize,
    count: &mut u32,
) -> Result<(F, Vec<F>)> {
    *count += 1;
    let (l, g) = f(x);
    if g.len() != n {
        return Err(Error::Shape(format!(
            "lbfgs: the loss closure returned a gradient of {} values for {n} weights",
            g.len()
        )));
    }
    Ok((l, g))
}

/// An L-BFGS run between iterations (see [`Lbfgs::start`]).
#[derive(Debug, Clone)]
pub struct LbfgsState<F> {
    settings: Lbfgs<F>,
    /// Loss at the current `w`.
    pub loss: F,
    grad: Vec<F>,
    /// Correction pairs `(s, y, rho = 1 / yᵀs)`, oldest first.
    pairs: VecDeque<(Vec<F>, Vec<F>, F)>,
    alpha: Vec<F>,
    trial: Vec<F>,
    /// Iterations (accepted steps) so far.
    pub iterations: u32,
    /// Calls of the loss closure so far.
    pub evaluations: u32,
    /// Loss at the start and after each accepted step (`iterations + 1` values).
    pub loss_history: Vec<F>,
    /// Why the run stopped (`None` while it can go on; `MaxIters` is never set here).
    pub termination: Option<Termination>,
}

impl<F: Float> LbfgsState<F> {
    /// `max|grad|` at the current `w`.
    pub fn grad_max(&self) -> F {
        max_abs(&self.grad)
    }

    /// One L-BFGS iteration from `w` (which must be the `w` of the previous call, or the start):
    /// two-loop recursion, then a backtracking Armijo line search. Returns false, with
    /// [`LbfgsState::termination`] set, when the run stops instead (`GradTol`, `LineSearch`, or
    /// earlier `NonFinite`).
    ///
    /// # Errors
    /// [`Error::Shape`] if `f` returns a gradient of another length than `w`.
    pub fn step(&mut self, w: &mut [F], f: &mut impl FnMut(&[F]) -> (F, Vec<F>)) -> Result<bool> {
        if self.termination.is_some() {
            return Ok(false);
        }
        let n = w.len();
        let o = &self.settings;
        loop {
            if max_abs(&self.grad) <= o.grad_tol {
                self.termination = Some(Termination::GradTol);
                return Ok(false);
            }
            let grad = &self.grad;
            // two-loop recursion: d = −H·grad (Nocedal & Wright Algorithm 7.4)
            let mut q = grad.clone();
            for (k, (s, y, rho)) in self.pairs.iter().enumerate().rev() {
                let a = *rho * dot(s, &q);
                self.alpha[k] = a;
                for (qi, &yi) in q.iter_mut().zip(y) {
                    *qi = *qi - a * yi;
                }
            }
            let gamma = match self.pairs.back() {
                Some((s, y, _)) => dot(s, y) / dot(y, y),
                None => F::one(),
            };
            for qi in q.iter_mut() {
                *qi = *qi * gamma;
            }
            for (k, (s, y, rho)) in self.pairs.iter().enumerate() {
                let b = *rho * dot(y, &q);
                for (qi, &si) in q.iter_mut().zip(s) {
                    *qi = *qi + si * (self.alpha[k] - b);
                }
            }
            let mut d: Vec<F> = q.into_iter().map(|v| -v).collect();
            let mut slope = dot(grad, &d);
            if slope.is_nan() || slope >= F::zero() {
                // not a descent direction (rounding): restart from steepest descent
                self.pairs.clear();
                d = grad.iter().map(|&g| -g).collect();
                slope = dot(grad, &d);
            }
            // first step without curvature information: unit length in w
            let mut step = if self.pairs.is_empty() {
                F::one().min(F::one() / dot(&d, &d).sqrt())
            } else {
                F::one()
            };
            // backtracking Armijo line search (Algorithm 3.1)
            let mut accepted = None;
            for _ in 0..o.max_line_search {
                for ((t, &wi), &di) in self.trial.iter_mut().zip(w.iter()).zip(&d) {
                    *t = wi + step * di;
                }
                let (l, g) = eval(f, &self.trial, n, &mut self.evaluations)?;
                if l.is_finite()
                    && g.iter().all(|v| v.is_finite())
                    && l <= self.loss + o.c1 * step * slope
                {
                    accepted = Some((l, g));
                    break;
                }
                step = step * o.backtrack;
            }
            let Some((new_loss, new_grad)) = accepted else {
                if self.pairs.is_empty() {
                    self.termination = Some(Termination::LineSearch);
                    return Ok(false);
                }
                self.pairs.clear(); // retry once along −grad
                continue;
            };
            let s: Vec<F> = d.iter().map(|&di| step * di).collect();
            let y: Vec<F> = new_grad
                .iter()
                .zip(&self.grad)
                .map(|(&a, &b)| a - b)
                .collect();
            w.copy_from_slice(&self.trial);
            self.loss = new_loss;
            self.grad = new_grad;
            self.iterations += 1;
            self.loss_history.push(new_loss);
            // keep the pair only when the curvature condition sᵀy > 0 holds (H stays positive
            // definite; with an Armijo-only search it may fail)
            let sy = dot(&s, &y);
            if sy > F::epsilon() * dot(&y, &y).max(F::min_positive_value()) {
                if self.pairs.len() == self.settings.memory {
                    self.pairs.pop_front();
                }
                self.pairs.push_back((s, y, F::one() / sy));
            }
            return Ok(true);
        }
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
