//! The optimisation lab's checks on the loaded data: the gradient check of the run's loss (f64,
//! sampled coordinates, kink flags) and the loss at initialisation against what theory says.
//!
//! Source: CS231n notes, "Neural Networks 3", §"Gradient checks" and §"Before learning: sanity
//! checks Tips/Tricks" ("look for correct loss at chance performance"); CS231n assignment 1,
//! `grad_check_sparse`.

use crate::config::TrainConfig;
use crate::data::preprocess::gather_features;
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::gradcheck::{grad_check_sparse_active_set, SparseCheck};
use crate::label::Label;
use crate::loss::{svm_active_set, DataLoss, Regularization};
use crate::models::LinearClassifier;
use crate::solver::Solver;

/// Records of the seeded minibatch the gradient check runs on.
pub const GRADCHECK_BATCH: usize = 20;
/// The most coordinates one gradient check samples.
pub const MAX_CHECKS: usize = 1000;

/// CS231n's "good" relative error: below it a row is fine whatever the loss.
pub const GOOD_REL_ERROR: f64 = 1e-7;

/// A row whose two gradients differ by no more than the rounding of the centred difference
/// (`noise_floor`) while its `rel_error` is at least [`GOOD_REL_ERROR`]: the check cannot resolve
/// that error (both gradients ≈ 0), so it is reported as "below rounding", not counted.
pub fn below_rounding(c: &SparseCheck, noise_floor: f64) -> bool {
    c.rel_error >= GOOD_REL_ERROR && (c.numeric - c.analytic).abs() <= noise_floor
}

/// What [`grad_check`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct GradCheckReport {
    /// One row per sampled coordinate of `[w, b]` flattened (`w: (D', C)` row-major, then `b`
    /// without the bias trick).
    pub checks: Vec<SparseCheck>,
    /// The worst `rel_error` over the rows, leaving out only the rows [`below_rounding`] (their
    /// error is an artefact: where both gradients are ≈ 0, CS231n's `rel_error` with its 1e-8
    /// floor reports ≈ 1e-2 for a perfect gradient: analytic 1e-15, numeric 9e-11). Every other
    /// row's error shown in the table counts, so the headline is never below a row the table
    /// shows as counted.
    pub max_rel_error: f64,
    /// As `max_rel_error`, over the rows that crossed no kink (0 if all did).
    pub max_rel_error_smooth: f64,
    /// Rounding error of a centred difference here: `64 · ε_f64 · |f(w)| / h` (≈ 1e-8 for an SVM
    /// loss of 9 at h = 1e-5).
    pub noise_floor: f64,
}

/// Gradient check of the run `cfg` at its initial weights (the seeded `w` every rule starts from)
/// on a seeded minibatch of [`GRADCHECK_BATCH`] training records (the first records of the
/// training-accuracy sample), in f64: the loss with its variants and penalty, the centred
/// difference with step `h` at `num_checks` coordinates drawn (with replacement) from the seed.
/// A row's `kink` is exact: the hinge's active set (and, with L1, the signs of `w`) differs at
/// `w ± h`.
///
/// # Errors
/// As [`Solver::new`]; [`Error::Config`] naming `num_checks` (0 or over 1000) or `h` (not finite
/// and > 0).
pub fn grad_check(
    train: &Dataset,
    cfg: &TrainConfig,
    num_checks: usize,
    h: f64,
) -> Result<GradCheckReport> {
    if num_checks == 0 || num_checks > MAX_CHECKS {
        return Err(Error::config(
            "num_checks",
            format!("must be 1..={MAX_CHECKS}, got {num_checks}"),
        ));
    }
    if !h.is_finite() || h <= 0.0 {
        return Err(Error::config(
            "h",
            format!("must be a finite number > 0, got {h}"),
        ));
    }
    let s = Solver::new(train, *cfg)?;
    let batch: Vec<u32> = s
        .train_acc_sample()
        .iter()
        .take(GRADCHECK_BATCH)
        .copied()
        .collect();
    let mut x32 = Vec::new();
    gather_features(
        &train.images,
        train.dim(),
        &batch,
        &s.mean,
        cfg.bias_trick,
        &mut x32,
    );
    let x: Vec<f64> = x32.iter().map(|&v| v as f64).collect();
    let y: Vec<Label> = batch.iter().map(|&i| train.labels[i as usize]).collect();
    let (d, c) = (s.model.d, s.model.c);
    let with_b = !s.model.b.is_empty();
    let model = |p: &[f64]| {
        let b = if with_b { p[d * c..].to_vec() } else { vec![] };
        LinearClassifier::new(p[..d * c].to_vec(), b, d, c)
    };
    let loss = cfg.data_loss();
    let (reg_kind, reg) = (cfg.regularization, cfg.reg as f64);
    let xv = crate::models::view2(&x, d)?; // (N, d)
    let f = |p: &[f64]| model(p).loss_with(xv, &y, &loss, reg_kind, reg).loss();
    let mut p: Vec<f64> = s.model.w.iter().map(|&v| v as f64).collect();
    p.extend(s.model.b.iter().map(|&v| v as f64));
    let parts = model(&p).loss_with(xv, &y, &loss, reg_kind, reg);
    let mut analytic = parts.dw;
    analytic.extend(parts.db);
    let active = |p: &[f64]| {
        let hinge = match loss {
            DataLoss::Svm(o) => {
                let scores = model(p).scores(xv);
                svm_active_set(scores.as_slice().expect("standard layout"), &y, c, o.delta)
            }
            DataLoss::Softmax => Vec::new(),
        };
        let signs: Vec<i8> = if reg_kind == Regularization::L1 {
            p[..d * c]
                .iter()
                .map(|&v| v.partial_cmp(&0.0).map_or(0, |o| o as i8))
                .collect()
        } else {
            Vec::new()
        };
        (hinge, signs)
    };
    let noise_floor = 64.0 * f64::EPSILON * f(&p).abs() / h;
    let checks = grad_check_sparse_active_set(f, active, &p, &analytic, num_checks, h, cfg.seed);
    let worst = |smooth_only: bool| {
        checks
            .iter()
            .filter(|c| !(smooth_only && c.kink) && !below_rounding(c, noise_floor))
            .map(|c| c.rel_error)
            .fold(0.0, f64::max)
    };
    Ok(GradCheckReport {
        max_rel_error: worst(false),
        max_rel_error_smooth: worst(true),
        noise_floor,
        checks,
    })
}

/// What theory says the data loss is at initialisation, when the weights are small enough that
/// every score is ≈ 0, for `c` classes: softmax `ln C` (uniform probabilities); multiclass SVM
/// every margin ≈ Δ, so `T·h(Δ)` with `T = C − 1` terms (`C` with `include_correct`) and
/// `h(Δ) = Δ`, or `h(Δ)` alone with `mean_over_classes`.
///
/// `None` for Δ = 0 (the loss then hangs on the small scores themselves; theory only says "≈ 0")
/// and for the squared hinge: `E[(Δ + ε)²] = Δ² + Var ε`, and at the run's initial weight scale
/// the margin noise `ε = s_j − s_{y_i}` makes that second term several per cent of `Δ²` (≈ 8 %
/// on MNIST at Δ = 1), so `T·Δ²` would flag correct code.
pub fn expected_initial_loss(loss: &DataLoss, c: usize) -> Option<f64> {
    match loss {
        DataLoss::Softmax => Some((c as f64).ln()),
        DataLoss::Svm(o) => {
            if o.delta <= 0.0 || o.squared {
                return None;
            }
            let h = o.delta;
            let terms = if o.include_correct { c } else { c - 1 } as f64;
            Some(if o.mean_over_classes { h } else { terms * h })
        }
    }
}

/// The sanity panel's figures for run `cfg`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LossSanity {
    /// Mean data loss over the training split at the initial weights (f32 kernels).
    pub measured: f64,
    /// [`expected_initial_loss`], if theory gives a value.
    pub expected: Option<f64>,
    /// The regularisation loss at the initial weights (≈ 0 for weights of scale 1e-4).
    pub reg_loss: f64,
}

impl LossSanity {
    /// `|measured − expected| / expected` (`None` without a theoretical value).
    pub fn rel_gap(&self) -> Option<f64> {
        self.expected
            .map(|e| (self.measured - e).abs() / e.abs().max(f64::MIN_POSITIVE))
    }
}

/// The data loss of run `cfg` at its initial weights over its whole training split, next to
/// [`expected_initial_loss`].
///
/// # Errors
/// As [`Solver::new`].
pub fn loss_sanity(train: &Dataset, cfg: &TrainConfig) -> Result<LossSanity> {
    let s = Solver::new(train, *cfg)?;
    let parts = s.full_loss(train, None, false);
    Ok(LossSanity {
        measured: parts.data_loss as f64,
        expected: expected_initial_loss(&cfg.data_loss(), train.num_classes()),
        reg_loss: parts.reg_loss as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loss::SvmOptions;

    #[test]
    fn theory_for_every_variant() {
        let svm = |f: fn(&mut SvmOptions)| {
            let mut o = SvmOptions::default();
            f(&mut o);
            expected_initial_loss(&DataLoss::Svm(o), 10)
        };
        assert_eq!(
            expected_initial_loss(&DataLoss::Softmax, 10),
            Some(10f64.ln())
        );
        assert_eq!(svm(|_| {}), Some(9.0));
        assert_eq!(svm(|o| o.include_correct = true), Some(10.0));
        assert_eq!(svm(|o| o.mean_over_classes = true), Some(1.0));
        assert_eq!(svm(|o| o.delta = 2.0), Some(18.0));
        assert_eq!(svm(|o| o.squared = true), None);
        assert_eq!(svm(|o| o.delta = 0.0), None);
    }
}
