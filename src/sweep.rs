//! The learning rate × regularisation sweep: a grid of short runs, each a fresh [`Solver`] with the
//! same seed, so every cell can run on its own (in any worker, in any order) and give the same
//! validation accuracy.
//!
//! Source: CS231n assignment 1, `softmax.ipynb` / `svm.ipynb` ("use the validation set to tune
//! hyperparameters (regularization strength and learning rate)").

use crate::config::TrainConfig;
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::solver::Solver;

/// The most cells one sweep may hold.
pub const MAX_CELLS: usize = 400;

/// The outcome of one cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepCell {
    /// Accuracy on the validation split after the run, in [0, 1] (of the weights kept before a
    /// divergence, if it diverged).
    pub val_acc: f32,
    /// Top-5 accuracy on the validation split (`k = min(5, C)`), of the same weights.
    pub val_top5: f32,
    /// The run diverged (NaN / infinite loss).
    pub diverged: bool,
    /// The last entry of `loss_history` (NaN if no iteration ran).
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

    /// Runs cell `i` on `train` to its `num_iters`, records and returns the outcome.
    ///
    /// # Errors
    /// As [`Sweep::cell_config`] and [`Solver::new`].
    pub fn run_cell(&mut self, train: &Dataset, i: usize) -> Result<SweepCell> {
        let cfg = self.cell_config(i)?;
        let mut s = Solver::new(train, cfg)?;
        s.train(train, cfg.num_iters)?;
        let cell = SweepCell {
            val_acc: s.val_acc(train)?,
            val_top5: s.val_top5(train)?,
            diverged: s.diverged(),
            final_loss: s.loss_history.last().copied().unwrap_or(f32::NAN),
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
