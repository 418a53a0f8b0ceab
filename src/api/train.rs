//! Train mode: a linear classifier trained by the run's update rule, its histories, accuracies,
//! templates and weights file.

use super::{js, set_up, tail, Playground, TrainConfig};
use crate::solver::Solver;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// Starts a new run: validates `cfg`, carves the validation split, computes the mean image and
    /// the initial weights. On error the previous run is kept.
    pub fn setup(&mut self, cfg: &TrainConfig) -> Result<(), JsError> {
        self.solver = Some(Solver::new(&self.train, (*cfg).into()).map_err(js)?);
        Ok(())
    }

    /// As [`Playground::setup`], with the classifier on `features` (`pixels`, `hog`, `color_hist`,
    /// `hog+color_hist`; issue 12, item 1) of the loaded training and test records, standardised
    /// on the training split ([`Solver::with_features`]). `pixels` is exactly `setup`. On error the
    /// previous run is kept.
    pub fn setup_features(&mut self, cfg: &TrainConfig, features: &str) -> Result<(), JsError> {
        let kind = crate::features::FeatureKind::parse(features).map_err(js)?;
        let s = Solver::with_features(&self.train, Some(&self.test), (*cfg).into(), kind);
        self.solver = Some(s.map_err(js)?);
        Ok(())
    }

    /// The features of the run (`pixels` when no run is set up).
    pub fn run_features(&self) -> String {
        self.solver
            .as_ref()
            .map_or("pixels", |s| s.features().as_str())
            .to_string()
    }

    pub(super) fn solver(&self) -> Result<&Solver, JsError> {
        set_up(self.solver.as_ref(), "run", "setup")
    }

    /// Runs up to `n` iterations of the run's update rule (one L-BFGS iteration each for `lbfgs`);
    /// returns how many ran (0 when finished, diverged or converged).
    pub fn train(&mut self, n: u32) -> Result<u32, JsError> {
        let s = set_up(self.solver.as_mut(), "run", "setup")?;
        s.train(&self.train, n).map_err(js)
    }

    pub fn iteration(&self) -> u32 {
        self.solver.as_ref().map_or(0, |s| s.iteration())
    }

    pub fn num_iters(&self) -> u32 {
        self.solver.as_ref().map_or(0, |s| s.config().num_iters)
    }

    /// True once a step produced a NaN / infinite loss (training stopped, weights kept).
    pub fn diverged(&self) -> bool {
        self.solver.as_ref().is_some_and(|s| s.diverged())
    }

    /// `loss_history[from..]` (total loss per iteration).
    pub fn loss_history(&self, from: u32) -> Vec<f32> {
        self.solver
            .as_ref()
            .map_or(Vec::new(), |s| tail(&s.loss_history, from))
    }

    /// Data-loss history from iteration `from`.
    pub fn data_loss_history(&self, from: u32) -> Vec<f32> {
        self.solver
            .as_ref()
            .map_or(Vec::new(), |s| tail(&s.data_loss_history, from))
    }

    /// Regularisation-loss history from iteration `from`.
    pub fn reg_loss_history(&self, from: u32) -> Vec<f32> {
        self.solver
            .as_ref()
            .map_or(Vec::new(), |s| tail(&s.reg_loss_history, from))
    }

    /// Accuracy on a fixed sample of ≤ 1000 training records.
    pub fn train_acc(&self) -> Result<f32, JsError> {
        self.solver()?.train_acc(&self.train).map_err(js)
    }

    /// Accuracy on the validation split.
    pub fn val_acc(&self) -> Result<f32, JsError> {
        self.solver()?.val_acc(&self.train).map_err(js)
    }

    /// Accuracy on every loaded test record.
    pub fn test_acc(&self) -> Result<f32, JsError> {
        if self.test.is_empty() {
            return Err(JsError::new("no test data is loaded"));
        }
        self.solver()?.check_accuracy(&self.test, None).map_err(js)
    }

    pub fn num_test(&self) -> u32 {
        self.test.len() as u32
    }

    pub fn num_train_used(&self) -> u32 {
        self.solver
            .as_ref()
            .map_or(0, |s| s.split().train.len() as u32)
    }

    pub fn num_val_used(&self) -> u32 {
        self.solver
            .as_ref()
            .map_or(0, |s| s.split().val.len() as u32)
    }

    /// Per-class templates as RGBA `(C, height, width, 4)`, min-max scaled over all classes.
    pub fn templates_rgba(&self) -> Result<Vec<u8>, JsError> {
        let s = self.solver()?;
        if s.features() != crate::features::FeatureKind::Pixels {
            return Err(JsError::new(&format!(
                "templates are w over pixels; this run sees features={}",
                s.features().as_str()
            )));
        }
        Ok(s.templates_rgba(&self.train))
    }

    /// The run's weights as a weights file (docs/WEIGHTS.md).
    pub fn export_weights(&self) -> Result<Vec<u8>, JsError> {
        let s = self.solver()?;
        if s.features() != crate::features::FeatureKind::Pixels {
            return Err(JsError::new(&format!(
                "weights files hold pixel weights; this run sees features={}",
                s.features().as_str()
            )));
        }
        let w = crate::weights::Weights::of(s, &self.train);
        Ok(crate::weights::export(&w))
    }

    /// Reads weights file `bytes` (named `file` in messages), checks it against the loaded data
    /// and installs it into the run. On error the run is unchanged.
    pub fn import_weights(&mut self, bytes: &[u8], file: &str) -> Result<(), JsError> {
        let wt = crate::weights::import(bytes, file, &self.train).map_err(js)?;
        let s = set_up(self.solver.as_mut(), "run", "setup")?;
        crate::weights::install(s, &wt).map_err(js)
    }

    /// True once L-BFGS stopped early (gradient ≈ 0, or no step lowers the loss).
    pub fn converged(&self) -> bool {
        self.solver.as_ref().is_some_and(|s| s.converged())
    }
}
