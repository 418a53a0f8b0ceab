//! The learning rate × regularisation sweep: a grid of short runs, each a fresh [`Solver`] with the
//! same seed, so every cell can run on its own (in any worker, in any order) and give the same
//! validation accuracy.
//!
//! Source: CS231n assignment 1, `softmax.ipynb` / `svm.ipynb` ("use the validation set to tune
//! hyperparameters (regularization strength and learning rate)").

use crate::config::TrainConfig;
use crate::data::split::Split;
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::lab::cv::{kfold, mean_std, train_of_fold};
use crate::solver::Solver;

/// The most cells one sweep may hold.
pub const MAX_CELLS: usize = 400;

/// The outcome of one cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepCell {
    /// Accuracy on the validation split after the run, in [0, 1] (of the weights kept before a
    /// divergence, if it diverged); with k-fold cross-validation the mean over the folds.
    pub val_acc: f32,
    /// Sample standard deviation (`n − 1`) of the fold accuracies; 0 for one validation split.
    pub val_acc_std: f32,
    /// Top-5 accuracy on the validation split (`k = min(5, C)`), of the same weights (mean over
    /// the folds).
    pub val_top5: f32,
    /// The run diverged (NaN / infinite loss); with folds, any fold's run.
    pub diverged: bool,
    /// The last entry of `loss_history` (NaN if no iteration ran); with folds, the mean.
    pub final_loss: f32,
}

/// A grid `(learning_rates.len(), regs.len())` of runs of `base` with `learning_rate` and `reg`
/// replaced; cell `i = i_lr · regs.len() + i_reg` (row-major, one row per learning rate).
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The settings every cell shares (its `num_iters` is the budget of each cell).
    pub base: TrainConfig,
    /// The rows.
    pub learning_rates: Vec<f32>,
    /// The columns.
    pub regs: Vec<f32>,
    /// Outcomes recorded so far (`None` = not run here).
    pub results: Vec<Option<SweepCell>>,
    /// The k-fold splits every cell runs on (see [`Sweep::set_folds`]); empty = the one
    /// validation split of [`Solver::new`].
    pub folds: Vec<Split>,
}

impl Sweep {
    /// A sweep with every cell's settings checked.
    ///
    /// # Errors
    /// [`Error::Config`] with key `learning_rates` / `regs` for an empty list or more than
    /// [`MAX_CELLS`] cells, or the first bad setting of a cell (e.g. `learning_rate`).
    pub fn new(base: TrainConfig, learning_rates: Vec<f32>, regs: Vec<f32>) -> Result<Self> {
        if learning_rates.is_empty() {
            return Err(Error::config("learning_rates", "the list is empty"));
        }
        if regs.is_empty() {
            return Err(Error::config("regs", "the list is empty"));
        }
        let n = learning_rates.len() * regs.len();
        if n > MAX_CELLS {
            return Err(Error::config(
                "learning_rates",
                format!("{n} cells is more than {MAX_CELLS}"),
            ));
        }
        let s = Sweep {
            base,
            learning_rates,
            regs,
            results: vec![None; n],
            folds: Vec::new(),
        };
        for i in 0..n {
            s.cell_config(i)?.check()?;
        }
        Ok(s)
    }

    /// Cells in the grid.
    pub fn len(&self) -> usize {
        self.results.len()
    }

    /// True for a grid without cells (never, after [`Sweep::new`]).
    pub fn is_empty(&self) -> bool {
        self.results.is_empty()
    }

    /// The settings of cell `i`.
    ///
    /// # Errors
    /// [`Error::Config`] with key `cell` when `i ≥ len()`.
    pub fn cell_config(&self, i: usize) -> Result<TrainConfig> {
        if i >= self.len() {
            return Err(Error::config(
                "cell",
                format!("{i} is outside the {} cells", self.len()),
            ));
        }
        let nr = self.regs.len();
        Ok(TrainConfig {
            learning_rate: self.learning_rates[i / nr],
            reg: self.regs[i % nr],
            ..self.base
        })
    }

    /// Scores every cell by k-fold cross-validation: the training + validation records of
    /// [`Solver::default_split`] for `base` are pooled and carved into `k` folds from `base.seed`
    /// ([`kfold`]); fold `f` validates on fold `f` and trains on the others. `k = 1` restores the
    /// single validation split (bit for bit today's sweep). Clears recorded outcomes.
    ///
    /// Source: CS231n notes, "Image classification", §"Cross-validation".
    ///
    /// # Errors
    /// As [`Solver::default_split`]; [`Error::Config`] with key `sweep_folds` when `k` is 0, over
    /// [`crate::lab::cv::MAX_FOLDS`] or more than the pooled records.
    pub fn set_folds(&mut self, train: &Dataset, k: usize) -> Result<()> {
        let split = Solver::default_split(train, &self.base)?;
        let folds = if k == 1 {
            Vec::new()
        } else {
            let mut pooled: Vec<u32> = split.train.iter().chain(&split.val).copied().collect();
            pooled.sort_unstable();
            let f = kfold(&pooled, k, self.base.seed)?;
            (0..k)
                .map(|i| Split {
                    train: train_of_fold(&f, i),
                    val: f[i].clone(),
                })
                .collect()
        };
        self.folds = folds;
        self.results = vec![None; self.len()];
        Ok(())
    }

    /// Folds each cell runs on (1 = the single validation split).
    pub fn num_folds(&self) -> usize {
        self.folds.len().max(1)
    }

    /// Runs cell `i` on fold `f` of [`Sweep::folds`] (`f = 0` with no folds: the single
    /// validation split) without recording it; the cell's `val_acc_std` is 0.
    ///
    /// # Errors
    /// As [`Sweep::cell_config`] and [`Solver::with_split`]; [`Error::Config`] with key `fold`
    /// when `f ≥ num_folds()`.
    pub fn run_fold(&self, train: &Dataset, i: usize, f: usize) -> Result<SweepCell> {
        let cfg = self.cell_config(i)?;
        if f >= self.num_folds() {
            return Err(Error::config(
                "fold",
                format!("{f} is outside the {} folds", self.num_folds()),
            ));
        }
        let mut s = match self.folds.get(f) {
            Some(split) => Solver::with_split(train, cfg, split.clone())?,
            None => Solver::new(train, cfg)?,
        };
        s.train(train, cfg.num_iters)?;
        Ok(SweepCell {
            val_acc: s.val_acc(train)?,
            val_acc_std: 0.0,
            val_top5: s.val_top5(train)?,
            diverged: s.diverged(),
            final_loss: s.loss_history.last().copied().unwrap_or(f32::NAN),
        })
    }

    /// Runs cell `i` on `train` to its `num_iters` (on every fold, see [`Sweep::set_folds`]),
    /// records and returns the outcome: with folds, `val_acc` is the mean and `val_acc_std` the
    /// sample standard deviation of the fold accuracies ([`mean_std`], in f64).
    ///
    /// # Errors
    /// As [`Sweep::run_fold`].
    pub fn run_cell(&mut self, train: &Dataset, i: usize) -> Result<SweepCell> {
        let k = self.num_folds();
        let runs = (0..k)
            .map(|f| self.run_fold(train, i, f))
            .collect::<Result<Vec<_>>>()?;
        let cell = if k == 1 {
            runs[0]
        } else {
            let of = |g: fn(&SweepCell) -> f32| -> Vec<f64> {
                runs.iter().map(|c| g(c) as f64).collect()
            };
            let (acc, acc_std) = mean_std(&of(|c| c.val_acc));
            SweepCell {
                val_acc: acc as f32,
                val_acc_std: acc_std as f32,
                val_top5: mean_std(&of(|c| c.val_top5)).0 as f32,
                diverged: runs.iter().any(|c| c.diverged),
                final_loss: mean_std(&of(|c| c.final_loss)).0 as f32,
            }
        };
        self.results[i] = Some(cell);
        Ok(cell)
    }

    /// The best recorded cell that did not diverge (highest `val_acc`, the first on ties).
    pub fn best(&self) -> Option<usize> {
        let acc: Vec<f32> = self
            .results
            .iter()
            .map(|r| match r {
                Some(c) if !c.diverged => c.val_acc,
                _ => f32::NAN,
            })
            .collect();
        best_cell(&acc)
    }
}

/// Index of the highest value of `val_acc` (NaN = not run or diverged, skipped; the first on
/// ties), `None` if all are NaN. For merging cells computed by several workers.
pub fn best_cell(val_acc: &[f32]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &a) in val_acc.iter().enumerate() {
        let better = match best {
            None => true,
            Some(b) => a > val_acc[b],
        };
        if !a.is_nan() && better {
            best = Some(i);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_cell_skips_nan_and_takes_the_first_tie() {
        assert_eq!(best_cell(&[f32::NAN, 0.5, 0.7, 0.7, f32::NAN]), Some(2));
        assert_eq!(best_cell(&[f32::NAN]), None);
        assert_eq!(best_cell(&[]), None);
    }

    #[test]
    fn cells_are_row_major_by_learning_rate() {
        let s = Sweep::new(
            TrainConfig::default(),
            vec![1e-6, 1e-5],
            vec![0.0, 1.0, 10.0],
        )
        .unwrap();
        assert_eq!(s.len(), 6);
        let c = s.cell_config(4).unwrap();
        assert_eq!((c.learning_rate, c.reg), (1e-5, 1.0));
        assert!(s.cell_config(6).is_err());
        assert!(matches!(
            Sweep::new(TrainConfig::default(), vec![-1.0], vec![0.0]),
            Err(Error::Config {
                key: "learning_rate",
                ..
            })
        ));
        assert!(Sweep::new(TrainConfig::default(), vec![], vec![0.0]).is_err());
    }
}
