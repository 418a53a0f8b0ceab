//! The lecture's "bad idea" optimisers: random search (try random `w`, keep the best) and random
//! local search (perturb the current `w`, keep the perturbation if the loss drops).
//!
//! Both are seeded ([`Stream::Search`] of the run's seed) and draw in a fixed order, so a fixed
//! seed and loss give the same `w` and `loss_history` bit for bit.
//!
//! Source: CS231n notes, "Optimization", §"Strategy #1: A first very bad idea solution: Random
//! search" and §"Strategy #2: Random Local Search".

use super::check_positive;
use crate::error::{Error, Result};
use crate::kernels::Real;
use crate::rng::{rng_for, Stream, Xoshiro256PlusPlus};
use rand_distr::{Distribution, StandardNormal};

fn randn_into<F: Real>(out: &mut [F], scale: F, rng: &mut Xoshiro256PlusPlus) {
    for o in out.iter_mut() {
        let z: f64 = StandardNormal.sample(rng);
        *o = scale * F::of(z);
    }
}

fn check_dim(dim: usize) -> Result<()> {
    if dim == 0 {
        return Err(Error::Shape(
            "random search needs at least one weight".into(),
        ));
    }
    Ok(())
}

/// Random search: each step draws `w = weight_scale · N(0, 1)` of shape `(D, C)` afresh and keeps
/// it if its loss is the lowest so far.
///
/// Default `weight_scale` 1e-4 (the notes' `np.random.randn(10, 3073) * 0.0001`).
///
/// Source: CS231n notes, "Optimization", §"Strategy #1".
#[derive(Debug, Clone)]
pub struct RandomSearch<F> {
    /// Scale of each candidate. Default 1e-4.
    pub weight_scale: F,
    /// The best `w: (D, C)` so far (zeros before the first step).
    pub best_w: Vec<F>,
    /// Loss of `best_w` (+∞ before the first step).
    pub best_loss: F,
    /// Best loss so far after each step.
    pub loss_history: Vec<F>,
    candidate: Vec<F>,
    rng: Xoshiro256PlusPlus,
}

impl<F: Real> RandomSearch<F> {
    /// A search over `dim` weights (`D·C` for a linear classifier) with seed `seed`.
    ///
    /// # Errors
    /// [`Error::Config`] with key `weight_scale` if it is not finite and > 0; [`Error::Shape`] for
    /// `dim` = 0.
    pub fn new(dim: usize, weight_scale: F, seed: u32) -> Result<Self> {
        check_positive("weight_scale", weight_scale)?;
        check_dim(dim)?;
        Ok(RandomSearch {
            weight_scale,
            best_w: vec![F::zero(); dim],
            best_loss: F::infinity(),
            loss_history: Vec::new(),
            candidate: vec![F::zero(); dim],
            rng: rng_for(seed, Stream::Search),
        })
    }

    /// Tries one random `w`; returns its loss (a NaN loss is never kept).
    pub fn step(&mut self, mut loss: impl FnMut(&[F]) -> F) -> F {
        randn_into(&mut self.candidate, self.weight_scale, &mut self.rng);
        let l = loss(&self.candidate);
        if l < self.best_loss {
            self.best_loss = l;
            self.best_w.copy_from_slice(&self.candidate);
        }
        self.loss_history.push(self.best_loss);
        l
    }

    /// `num_iters` steps; returns the best loss.
    pub fn run(&mut self, num_iters: u32, mut loss: impl FnMut(&[F]) -> F) -> F {
        for _ in 0..num_iters {
            self.step(&mut loss);
        }
        self.best_loss
    }
}

/// Random local search: start at `w = weight_scale · N(0, 1)`, then each step tries
/// `w_try = w + step_size · N(0, 1)` and moves there if the loss drops.
///
/// Defaults: `weight_scale` 1e-3, `step_size` 1e-4 (the notes' values).
///
/// Source: CS231n notes, "Optimization", §"Strategy #2".
#[derive(Debug, Clone)]
pub struct RandomLocalSearch<F> {
    /// Scale of each perturbation. Default 1e-4.
    pub step_size: F,
    /// The current (best) `w: (D, C)`.
    pub w: Vec<F>,
    /// Loss of `w` (+∞ before the first step).
    pub best_loss: F,
    /// Best loss so far after each step.
    pub loss_history: Vec<F>,
    candidate: Vec<F>,
    rng: Xoshiro256PlusPlus,
}

impl<F: Real> RandomLocalSearch<F> {
    /// A local search over `dim` weights from `weight_scale · N(0, 1)`, seed `seed`.
    ///
    /// # Errors
    /// [`Error::Config`] naming `weight_scale` or `step_size` if not finite and > 0;
    /// [`Error::Shape`] for `dim` = 0.
    pub fn new(dim: usize, weight_scale: F, step_size: F, seed: u32) -> Result<Self> {
        check_positive("weight_scale", weight_scale)?;
        check_positive("step_size", step_size)?;
        check_dim(dim)?;
        let mut rng = rng_for(seed, Stream::Search);
        let mut w = vec![F::zero(); dim];
        randn_into(&mut w, weight_scale, &mut rng);
        Ok(RandomLocalSearch {
            step_size,
            w,
            best_loss: F::infinity(),
            loss_history: Vec::new(),
            candidate: vec![F::zero(); dim],
            rng,
        })
    }

    /// Tries one perturbation of `w`; returns its loss (a NaN loss is never kept).
    pub fn step(&mut self, mut loss: impl FnMut(&[F]) -> F) -> F {
        randn_into(&mut self.candidate, self.step_size, &mut self.rng);
        for (c, &wi) in self.candidate.iter_mut().zip(&self.w) {
            *c = *c + wi;
        }
        let l = loss(&self.candidate);
        if l < self.best_loss {
            self.best_loss = l;
            std::mem::swap(&mut self.w, &mut self.candidate);
        }
        self.loss_history.push(self.best_loss);
        l
    }

    /// `num_iters` steps; returns the best loss.
    pub fn run(&mut self, num_iters: u32, mut loss: impl FnMut(&[F]) -> F) -> F {
        for _ in 0..num_iters {
            self.step(&mut loss);
        }
        self.best_loss
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bowl(w: &[f64]) -> f64 {
        w.iter().map(|v| (v - 0.5).powi(2)).sum()
    }

    #[test]
    fn history_is_monotone_and_seeded() {
        let mut a = RandomSearch::new(4, 1.0, 3).unwrap();
        let mut b = RandomSearch::new(4, 1.0, 3).unwrap();
        a.run(50, bowl);
        b.run(50, bowl);
        assert_eq!(a.best_w, b.best_w);
        assert!(a.loss_history.windows(2).all(|p| p[1] <= p[0]));
        assert_eq!(a.best_loss, bowl(&a.best_w));
        let mut c = RandomSearch::new(4, 1.0, 4).unwrap();
        c.run(50, bowl);
        assert_ne!(a.best_w, c.best_w);
    }

    #[test]
    fn local_search_walks_downhill() {
        let mut s = RandomLocalSearch::new(3, 1e-3, 0.05, 1).unwrap();
        let start = bowl(&s.w);
        s.run(2000, bowl);
        assert!(s.best_loss < 0.01 * start, "{} vs {start}", s.best_loss);
        assert_eq!(s.best_loss, bowl(&s.w));
        assert!(matches!(
            RandomLocalSearch::<f32>::new(3, 1e-3, 0.0, 1),
            Err(Error::Config {
                key: "step_size",
                ..
            })
        ));
    }
}
