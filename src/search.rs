//! Random search and random local search on the loaded data, step by step (so a worker can
//! interleave steps with drawing), reproducible bit for bit for a fixed seed.
//!
//! Source: CS231n notes, "Optimization", §"Strategy #1: random search" (≈ 15.5 % on CIFAR-10) and
//! §"Strategy #2: random local search" (≈ 21.4 %).

use crate::config::TrainConfig;
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::models::LinearClassifier;
use crate::optim::{RandomLocalSearch, RandomSearch};
use crate::solver::{full_batch_loss, Solver};
use std::str::FromStr;

/// Which search (the `search` key: `random`, `local`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum SearchKind {
    /// Try a fresh `weight_scale · N(0, 1)` each step, keep the best.
    Random = 0,
    /// Perturb the current `w` by `step_size · N(0, 1)`, move if the loss drops.
    Local = 1,
}

impl FromStr for SearchKind {
    type Err = Error;

    /// # Errors
    /// [`Error::Config`] with key `search` for anything but `random` or `local`.
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "random" => Ok(SearchKind::Random),
            "local" => Ok(SearchKind::Local),
            _ => Err(Error::config(
                "search",
                format!("unknown {s:?}; expected random or local"),
            )),
        }
    }
}

#[derive(Debug, Clone)]
enum Inner {
    Random(RandomSearch<f32>),
    Local(RandomLocalSearch<f32>),
}

/// A random (local) search over `[w, b]` of a linear classifier, the loss being `cfg`'s total loss
/// (data loss with its variants + penalty) over the whole training split of `cfg`: each step
/// costs one forward pass over `num_train` records (keep `num_train` in the thousands).
#[derive(Debug, Clone)]
pub struct SearchRun {
    solver: Solver,
    inner: Inner,
}

impl SearchRun {
    /// Sets up the split, mean image and search of `cfg` (`seed`, `num_train`, `num_val`,
    /// `bias_trick`, `loss` and variants, `regularization`, `reg`; the optimiser keys are unused).
    /// Defaults of the notes: random search `weight_scale` 1e-4; local search `weight_scale`
    /// 1e-3, `step_size` 1e-4 (`step_size` is unused by random search).
    ///
    /// # Errors
    /// As [`Solver::new`]; [`Error::Config`] naming `weight_scale` or `step_size` if not finite
    /// and > 0.
    pub fn new(
        train: &Dataset,
        cfg: &TrainConfig,
        kind: SearchKind,
        weight_scale: f32,
        step_size: f32,
    ) -> Result<Self> {
        let solver = Solver::new(train, *cfg)?;
        let dim = solver.model.w.len() + solver.model.b.len();
        let inner = match kind {
            SearchKind::Random => Inner::Random(RandomSearch::new(dim, weight_scale, cfg.seed)?),
            SearchKind::Local => Inner::Local(RandomLocalSearch::new(
                dim,
                weight_scale,
                step_size,
                cfg.seed,
            )?),
        };
        Ok(SearchRun { solver, inner })
    }

    /// Runs `n` steps on `train` (the data of [`SearchRun::new`]); returns the best loss so far
    /// (+∞ before any step).
    pub fn step(&mut self, train: &Dataset, n: u32) -> f32 {
        let s = &self.solver;
        let (d, c, nw) = (s.model.d, s.model.c, s.model.w.len());
        let loss = |p: &[f32]| {
            let m = LinearClassifier::new(p[..nw].to_vec(), p[nw..].to_vec(), d, c);
            full_batch_loss(&m, train, &s.split().train, &s.mean, s.config(), false).loss()
        };
        match &mut self.inner {
            Inner::Random(r) => r.run(n, loss),
            Inner::Local(r) => r.run(n, loss),
        }
    }

    /// Steps done.
    pub fn iteration(&self) -> u32 {
        self.loss_history().len() as u32
    }

    /// The best loss after each step.
    pub fn loss_history(&self) -> &[f32] {
        match &self.inner {
            Inner::Random(r) => &r.loss_history,
            Inner::Local(r) => &r.loss_history,
        }
    }

    /// The best `[w, b]` so far, as a solver whose model holds it (for accuracies).
    fn best(&self) -> Solver {
        let p = match &self.inner {
            Inner::Random(r) => &r.best_w,
            Inner::Local(r) => &r.w,
        };
        let mut s = self.solver.clone();
        let nw = s.model.w.len();
        s.model.w.copy_from_slice(&p[..nw]);
        s.model.b.copy_from_slice(&p[nw..]);
        s
    }

    /// Accuracy of the best weights on the validation split.
    ///
    /// # Errors
    /// As [`Solver::predict`].
    pub fn val_acc(&self, train: &Dataset) -> Result<f32> {
        self.best().val_acc(train)
    }

    /// Accuracy of the best weights on every record of `test` (the notes' figure).
    ///
    /// # Errors
    /// As [`Solver::predict`].
    pub fn test_acc(&self, test: &Dataset) -> Result<f32> {
        self.best().check_accuracy(test, None)
    }

    /// Top-5 accuracy of the best weights on the validation split.
    ///
    /// # Errors
    /// As [`Solver::predict`].
    pub fn val_top5(&self, train: &Dataset) -> Result<f32> {
        self.best().val_top5(train)
    }

    /// Top-5 accuracy of the best weights on every record of `test`.
    ///
    /// # Errors
    /// As [`Solver::predict`].
    pub fn test_top5(&self, test: &Dataset) -> Result<f32> {
        self.best().top5_accuracy(test, None)
    }
}
