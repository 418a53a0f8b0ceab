//! Lab mode: loss sanity, gradient check, random search, learning rate × reg sweep.

use super::{js, set_up, tail, Playground, TrainConfig};
use crate::search::{SearchKind, SearchRun};
use crate::sweep::Sweep;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// Gradient check of run `cfg` at its initial weights on a seeded minibatch of 20 training
    /// records, in f64 (see [`crate::lab::grad_check`]). Does not touch the run in progress.
    pub fn grad_check(
        &self,
        cfg: &TrainConfig,
        num_checks: u32,
        h: f64,
    ) -> Result<GradCheck, JsError> {
        let r = crate::lab::grad_check(&self.train, &(*cfg).into(), num_checks as usize, h)
            .map_err(js)?;
        Ok(GradCheck(r))
    }

    /// `[measured, limit, reg_loss, expected, tolerance, sigma, measured_small, ok (0 / 1),
    /// expected_small, tolerance_small]`: the
    /// data loss of run `cfg` at its initial weights over its training split, the small-score
    /// limit (`ln C`, `(C − 1)·Δ`, …), the penalty at initialisation, the expected loss at the
    /// initial weight scale on this data, the allowed gap, the RMS score spread σ, the loss with
    /// `w` scaled down ×1000, the verdict, and the ×1000 check's expected value and allowed gap
    /// (see [`crate::lab::loss_sanity`]).
    pub fn loss_sanity(&self, cfg: &TrainConfig) -> Result<Vec<f64>, JsError> {
        let s = crate::lab::loss_sanity(&self.train, &(*cfg).into()).map_err(js)?;
        Ok(vec![
            s.measured,
            s.limit,
            s.reg_loss,
            s.expected,
            s.tolerance,
            s.sigma,
            s.measured_small,
            s.ok() as u8 as f64,
            s.expected_small,
            s.tolerance_small,
        ])
    }

    /// The lecture's questions answered for run `cfg` (see
    /// [`crate::lab::questions::lecture_questions`]): values in the order of
    /// [`Playground::lecture_question_fields`]. Does not touch the run in progress.
    pub fn lecture_questions(&self, cfg: &TrainConfig) -> Result<Vec<f64>, JsError> {
        let q =
            crate::lab::questions::lecture_questions(&self.train, &(*cfg).into()).map_err(js)?;
        Ok(q.to_vec())
    }

    /// The names of [`Playground::lecture_questions`]'s values.
    pub fn lecture_question_fields(&self) -> Result<Vec<String>, JsError> {
        Ok(crate::lab::questions::LectureQuestions::FIELDS
            .iter()
            .map(|s| s.to_string())
            .collect())
    }

    /// Starts a random search (`kind` = "random") or random local search ("local") on run
    /// `cfg`'s training split (see [`crate::search::SearchRun::new`]; notes' defaults:
    /// weight_scale 1e-4 / 1e-3, step_size 1e-4). On error the previous search is kept.
    pub fn search_setup(
        &mut self,
        cfg: &TrainConfig,
        kind: &str,
        weight_scale: f32,
        step_size: f32,
    ) -> Result<(), JsError> {
        let kind: SearchKind = kind.parse().map_err(js)?;
        self.search = Some(
            SearchRun::new(&self.train, &(*cfg).into(), kind, weight_scale, step_size)
                .map_err(js)?,
        );
        Ok(())
    }

    pub(super) fn search(&self) -> Result<&SearchRun, JsError> {
        set_up(self.search.as_ref(), "search", "search_setup")
    }

    /// Runs `n` search steps; returns the best loss so far.
    pub fn search_step(&mut self, n: u32) -> Result<f32, JsError> {
        let s = set_up(self.search.as_mut(), "search", "search_setup")?;
        Ok(s.step(&self.train, n))
    }

    /// Search steps done.
    pub fn search_iteration(&self) -> u32 {
        self.search.as_ref().map_or(0, |s| s.iteration())
    }

    /// Best loss after each search step, from step `from`.
    pub fn search_loss_history(&self, from: u32) -> Vec<f32> {
        self.search
            .as_ref()
            .map_or(Vec::new(), |s| tail(s.loss_history(), from))
    }

    /// Validation accuracy of the best weights found.
    pub fn search_val_acc(&self) -> Result<f32, JsError> {
        self.search()?.val_acc(&self.train).map_err(js)
    }

    /// Top-5 validation accuracy of the best weights found.
    pub fn search_val_top5(&self) -> Result<f32, JsError> {
        self.search()?.val_top5(&self.train).map_err(js)
    }

    /// Top-5 test accuracy of the best weights found.
    pub fn search_test_top5(&self) -> Result<f32, JsError> {
        if self.test.is_empty() {
            return Err(JsError::new("no test data is loaded"));
        }
        self.search()?.test_top5(&self.test).map_err(js)
    }

    /// Test accuracy of the best weights found (the notes' 15.5 % / 21.4 % are test accuracies).
    pub fn search_test_acc(&self) -> Result<f32, JsError> {
        if self.test.is_empty() {
            return Err(JsError::new("no test data is loaded"));
        }
        self.search()?.test_acc(&self.test).map_err(js)
    }

    /// Sets up a learning rate × reg sweep of short runs of `cfg` (each cell runs `cfg.num_iters`
    /// iterations); cell `i = i_lr · regs.length + i_reg`. On error the previous sweep is kept.
    pub fn sweep_setup(
        &mut self,
        cfg: &TrainConfig,
        learning_rates: &[f32],
        regs: &[f32],
    ) -> Result<u32, JsError> {
        let s = Sweep::new((*cfg).into(), learning_rates.to_vec(), regs.to_vec()).map_err(js)?;
        let n = s.len() as u32;
        self.sweep = Some(s);
        Ok(n)
    }

    /// Scores every cell of the sweep by `k`-fold cross-validation over the training + validation
    /// records (`k = 1`: the single validation split); see `Sweep::set_folds`.
    pub fn sweep_set_folds(&mut self, k: u32) -> Result<u32, JsError> {
        let s = set_up(self.sweep.as_mut(), "sweep", "sweep_setup")?;
        s.set_folds(&self.train, k as usize).map_err(js)?;
        Ok(s.num_folds() as u32)
    }

    /// Runs cell `i` (any order, any worker: the outcome depends on the cell only); returns
    /// `[val_acc, diverged (0 / 1), final_loss, val_top5, val_acc_std]` (means over the folds and
    /// the standard deviation of the fold accuracies, 0 for one split).
    pub fn sweep_run_cell(&mut self, i: u32) -> Result<Vec<f32>, JsError> {
        let s = set_up(self.sweep.as_mut(), "sweep", "sweep_setup")?;
        let c = s.run_cell(&self.train, i as usize).map_err(js)?;
        Ok(vec![
            c.val_acc,
            c.diverged as u8 as f32,
            c.final_loss,
            c.val_top5,
            c.val_acc_std,
        ])
    }

    /// Validation accuracy per cell run here, NaN for cells not run here or diverged.
    pub fn sweep_results(&self) -> Vec<f32> {
        self.sweep.as_ref().map_or(Vec::new(), |s| {
            s.results
                .iter()
                .map(|r| match r {
                    Some(c) if !c.diverged => c.val_acc,
                    _ => f32::NAN,
                })
                .collect()
        })
    }

    /// The best cell run here (−1 when none).
    pub fn sweep_best(&self) -> i32 {
        self.sweep
            .as_ref()
            .and_then(|s| s.best())
            .map_or(-1, |i| i as i32)
    }
}

/// The result of [`Playground::grad_check`].
#[wasm_bindgen]
pub struct GradCheck(crate::lab::GradCheckReport);

#[wasm_bindgen]
impl GradCheck {
    /// Rows checked.
    pub fn len(&self) -> u32 {
        self.0.checks.len() as u32
    }

    /// True when no row was checked (never after a successful check).
    pub fn is_empty(&self) -> bool {
        self.0.checks.is_empty()
    }

    /// `(len, 8)` flattened, per row: `[index, numeric, analytic, rel_error, crossed_kink (0 / 1),
    /// slope_left, slope_right, verdict_flags]`; `index` into `[w, b]` flattened, `w: (D', C)`
    /// row-major; `verdict_flags` bit 0: a kink by the one-sided slopes (case C14,
    /// `kink_by_slopes`), bit 1: the row is below rounding (not counted in `max_rel_error`).
    pub fn rows(&self) -> Vec<f64> {
        self.0
            .checks
            .iter()
            .flat_map(|c| {
                [
                    c.index as f64,
                    c.numeric,
                    c.analytic,
                    c.rel_error,
                    c.kink as u8 as f64,
                    c.slope_left,
                    c.slope_right,
                    (c.kink_by_slopes() as u8
                        | (crate::lab::below_rounding(c, self.0.noise_floor) as u8) << 1)
                        as f64,
                ]
            })
            .collect()
    }

    /// The worst relative error (rows whose two gradients differ by at most `noise_floor` count
    /// as 0).
    pub fn max_rel_error(&self) -> f64 {
        self.0.max_rel_error
    }

    /// The worst relative error over rows that crossed no kink.
    pub fn max_rel_error_smooth(&self) -> f64 {
        self.0.max_rel_error_smooth
    }

    /// Rounding error of the centred difference at this point.
    pub fn noise_floor(&self) -> f64 {
        self.0.noise_floor
    }
}

/// Index of the highest validation accuracy (NaN skipped, first on ties), −1 when all are NaN:
/// merges sweep cells computed by several workers.
#[wasm_bindgen]
pub fn sweep_best_cell(val_acc: &[f32]) -> i32 {
    crate::sweep::best_cell(val_acc).map_or(-1, |i| i as i32)
}
