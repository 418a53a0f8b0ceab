//! The optimisation lab's checks on the loaded data: the gradient check of the run's loss (f64,
//! sampled coordinates, kink flags) and the loss at initialisation against what theory says.
//!
//! Source: CS231n notes, "Neural Networks 3", §"Gradient checks" and §"Before learning: sanity
//! checks Tips/Tricks" ("look for correct loss at chance performance"); CS231n assignment 1,
//! `grad_check_sparse`.

pub mod cv;
pub mod questions;

use crate::config::TrainConfig;
use crate::data::preprocess::gather_features;
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::gradcheck::{grad_check_sparse_active_set, SparseCheck};
use crate::label::Label;
use crate::loss::{svm_active_set, DataLoss, Regularization};
use crate::models::LinearClassifier;
use crate::rng::{randn_f32, rng_for, Stream};
use crate::solver::{Solver, WEIGHT_SCALE};

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
    let (x32, y) = s.sample_batch(train, GRADCHECK_BATCH)?;
    let x: Vec<f64> = x32.iter().map(|&v| v as f64).collect();
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

/// The small-score limit of the data loss at initialisation, when the weights are small enough
/// that every score is ≈ 0, for `c` classes: softmax `ln C` (uniform probabilities); multiclass
/// SVM every margin ≈ Δ, so `T·h(Δ)` with `T = C − 1` terms (`C` with `include_correct`),
/// `h(Δ) = Δ` (`Δ²` for the squared hinge), divided by `T` with `mean_over_classes`.
///
/// Source: CS231n notes, "Neural Networks 3", §"Before learning: sanity checks" ("look for
/// correct loss at chance performance"); lecture 3's question "what is the loss when W is small
/// so that all s ≈ 0?".
pub fn expected_initial_loss(loss: &DataLoss, c: usize) -> f64 {
    match loss {
        DataLoss::Softmax => (c as f64).ln(),
        DataLoss::Svm(o) => {
            let h = if o.squared {
                o.delta * o.delta
            } else {
                o.delta
            };
            let terms = if o.include_correct { c } else { c - 1 } as f64;
            if o.mean_over_classes {
                h
            } else {
                terms * h
            }
        }
    }
}

/// Standard normal density `φ(z)`.
pub fn normal_pdf(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// Standard normal distribution function `Φ(z) = ½·erfc(−z/√2)`, via the Chebyshev fit of
/// `erfc` in Numerical Recipes (2nd ed., §6.2, `erfcc`: relative error < 1.2e-7 everywhere).
pub fn normal_cdf(z: f64) -> f64 {
    let x = -z / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x.abs());
    let poly = -x * x - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let erfc = t * poly.exp();
    0.5 * if x >= 0.0 { erfc } else { 2.0 - erfc }
}

/// The expected data loss of one image whose scores are `s_j ~ N(0, σ²)` independent (what
/// `w (D, C)` drawn as `scale · N(0, 1)` gives an image `x`: `σ = scale · |x|`).
///
/// - Softmax, second-order Taylor expansion of `log Σ_j exp(s_j)` at `s = 0`:
///   `E[L] ≈ ln C + ½·σ²·(C − 1)/C` (the empirical variance of the `C` scores has expectation
///   `σ²(C − 1)/C`; the neglected terms are `O(σ⁴)`, under 1 % of the excess for σ ≤ 0.5).
/// - Multiclass SVM, exact: each margin `m_j = s_j − s_y + Δ` is `N(Δ, 2σ²)`; with `t = √2·σ`,
///   `E[max(0, m)] = Δ·Φ(Δ/t) + t·φ(Δ/t)` and `E[max(0, m)²] = (Δ² + t²)·Φ(Δ/t) + Δ·t·φ(Δ/t)`;
///   summed over the `C − 1` margins (the correct class adds `h(Δ)` with `include_correct`),
///   divided by the terms with `mean_over_classes`. As `σ → 0` this is
///   [`expected_initial_loss`].
///
/// Source: CS231n notes, "Linear classification" (the losses), "Neural Networks 3" §"sanity
/// checks"; the normal moments are the standard ones of a rectified (censored) normal variable.
pub fn expected_loss_at_spread(loss: &DataLoss, c: usize, sigma: f64) -> f64 {
    let cf = c as f64;
    match loss {
        DataLoss::Softmax => cf.ln() + 0.5 * sigma * sigma * (cf - 1.0) / cf,
        DataLoss::Svm(o) => {
            let d = o.delta;
            let t = std::f64::consts::SQRT_2 * sigma;
            let one = if t <= 0.0 {
                let h = d.max(0.0);
                if o.squared {
                    h * h
                } else {
                    h
                }
            } else {
                let (p, f) = (normal_cdf(d / t), normal_pdf(d / t));
                if o.squared {
                    (d * d + t * t) * p + d * t * f
                } else {
                    d * p + t * f
                }
            };
            let correct = if o.squared { d * d } else { d };
            let (sum, terms) = if o.include_correct {
                ((cf - 1.0) * one + correct, cf)
            } else {
                ((cf - 1.0) * one, cf - 1.0)
            };
            if o.mean_over_classes {
                sum / terms.max(1.0)
            } else {
                sum
            }
        }
    }
}

/// How many standard deviations of the initial-weight spread the measured loss may sit from its
/// expected value.
pub const SANITY_SIGMAS: f64 = 4.0;
/// Relative allowance (of the excess over the limit) for the softmax's second-order expansion.
pub const SANITY_MODEL_TOLERANCE: f64 = 0.05;
/// Extra draws of the initial weights that measure how much the loss at initialisation varies
/// from draw to draw.
pub const SANITY_DRAWS: usize = 12;
/// The most training images the extra draws are scored on.
pub const SANITY_DRAW_IMAGES: usize = 2000;

/// The sanity panel's figures for run `cfg`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LossSanity {
    /// Mean data loss over the training split at the initial weights (f32 kernels).
    pub measured: f64,
    /// The small-score limit, [`expected_initial_loss`] (`ln C`, `(C − 1)·Δ`, …).
    pub limit: f64,
    /// The expected loss at the run's initial weight scale on this data: the mean over the
    /// training images of [`expected_loss_at_spread`] with `σ_i = WEIGHT_SCALE · |x_i|`
    /// (features as trained: pixels 0..255 minus the mean image, the bias column included).
    pub expected: f64,
    /// The root mean square of `σ_i` (score units).
    pub sigma: f64,
    /// The mean data loss with the initial `w` scaled down ×1000 (≈ `limit`).
    pub measured_small: f64,
    /// As `expected`, for `w` ×1e-3 (σ_i/1000): `limit` up to ~1e-7, except for Δ = 0 where the
    /// loss is homogeneous in the scores (then ≈ `expected`/1000).
    pub expected_small: f64,
    /// The standard deviation of the mean loss over [`SANITY_DRAWS`] further seeded draws of the
    /// initial `w` (on at most [`SANITY_DRAW_IMAGES`] training images). Not `sd(L_i)/√N`: the
    /// images are correlated (they share one `w`, and CIFAR's images share their brightness), so
    /// one draw of `w` moves every image's loss together.
    pub draw_sd: f64,
    /// The allowed `|measured − expected|`: [`SANITY_SIGMAS`]·`draw_sd` plus
    /// [`SANITY_MODEL_TOLERANCE`]·`|expected − limit|` for the expansion, plus 1e-4·`limit` for
    /// f32 rounding.
    pub tolerance: f64,
    /// The allowed `|measured_small − expected_small|`: the same spread scaled down ×1000 (scores are
    /// linear in `w`) plus 1e-3·`limit` (the second-order terms at σ/1000 are ~1e-7). This is the
    /// sharp test: at ×1e-3 every score is ≈ 0 and theory is exact, so a loss that is off by a
    /// constant (an SVM counting `j = y`, a softmax in log2) fails here even where the draw-to-draw
    /// spread at the real scale hides it (MNIST SVM: `draw_sd` ≈ 0.3).
    pub tolerance_small: f64,
    /// The regularisation loss at the initial weights (≈ 0 for weights of scale 1e-4).
    pub reg_loss: f64,
}

impl LossSanity {
    /// `|measured − expected| / expected`.
    pub fn rel_gap(&self) -> f64 {
        (self.measured - self.expected).abs() / self.expected.abs().max(f64::MIN_POSITIVE)
    }

    /// The verdict: the measured loss is within `tolerance` of the expected one, and the loss
    /// with `w` ×1e-3 within `tolerance_small` of the small-score limit.
    pub fn ok(&self) -> bool {
        (self.measured - self.expected).abs() <= self.tolerance
            && (self.measured_small - self.expected_small).abs() <= self.tolerance_small
    }
}

/// The data loss of run `cfg` at its initial weights over its whole training split, next to its
/// small-score limit and its expected value at the initial weight scale (see [`LossSanity`]).
///
/// # Errors
/// As [`Solver::new`].
pub fn loss_sanity(train: &Dataset, cfg: &TrainConfig) -> Result<LossSanity> {
    let s = Solver::new(train, *cfg)?;
    let parts = s.full_loss(train, None, false);
    let loss = cfg.data_loss();
    let c = train.num_classes();
    let d = s.model.d;
    let idx = &s.split().train;
    // the run's w, then SANITY_DRAWS further draws from the same seeded stream
    let mut rng = rng_for(cfg.seed, Stream::Init);
    let draws: Vec<LinearClassifier<f32>> = (0..=SANITY_DRAWS)
        .map(|_| {
            let b = vec![0.0; s.model.b.len()];
            LinearClassifier::new(randn_f32(d * c, WEIGHT_SCALE, &mut rng), b, d, c)
        })
        .skip(1)
        .collect();
    let mut draw_sum = [0.0f64; SANITY_DRAWS];
    let (mut sum_e, mut sum_s2, mut sum_small, mut sum_es) = (0.0, 0.0, 0.0, 0.0);
    let mut x = Vec::new();
    let scale = WEIGHT_SCALE as f64;
    let row_loss = |scores: &[f32], r: usize, y: Label, k: f64| {
        let sr: Vec<f64> = scores[r * c..(r + 1) * c]
            .iter()
            .map(|&v| k * v as f64)
            .collect();
        loss.loss(&sr, &[y], c).0
    };
    for (ci, chunk) in idx.chunks(1000).enumerate() {
        gather_features(
            &train.images,
            train.dim(),
            chunk,
            &s.mean,
            cfg.bias_trick,
            &mut x,
        );
        let xv = crate::models::view2(&x, d)?;
        let scores = s.model.scores(xv);
        let scores = scores.as_slice().expect("standard layout");
        for (r, &i) in chunk.iter().enumerate() {
            let row = &x[r * d..(r + 1) * d];
            let s2 = scale * scale * row.iter().map(|&v| (v as f64) * (v as f64)).sum::<f64>();
            sum_s2 += s2;
            sum_e += expected_loss_at_spread(&loss, c, s2.sqrt());
            sum_es += expected_loss_at_spread(&loss, c, 1e-3 * s2.sqrt());
            sum_small += row_loss(scores, r, train.labels[i as usize], 1e-3);
        }
        if ci * 1000 < SANITY_DRAW_IMAGES {
            for (m, acc) in draws.iter().zip(draw_sum.iter_mut()) {
                let sc = m.scores(xv);
                let sc = sc.as_slice().expect("standard layout");
                for (r, &i) in chunk.iter().enumerate() {
                    *acc += row_loss(sc, r, train.labels[i as usize], 1.0);
                }
            }
        }
    }
    let n = idx.len() as f64;
    let n_draw = idx.len().min(SANITY_DRAW_IMAGES.div_ceil(1000) * 1000) as f64;
    let means: Vec<f64> = draw_sum.iter().map(|v| v / n_draw).collect();
    let mm = means.iter().sum::<f64>() / means.len() as f64;
    let draw_sd = (means.iter().map(|v| (v - mm) * (v - mm)).sum::<f64>()
        / (means.len() as f64 - 1.0))
        .sqrt();
    let limit = expected_initial_loss(&loss, c);
    let expected = sum_e / n;
    Ok(LossSanity {
        measured: parts.data_loss as f64,
        limit,
        expected,
        sigma: (sum_s2 / n).sqrt(),
        measured_small: sum_small / n,
        expected_small: sum_es / n,
        draw_sd,
        tolerance: SANITY_SIGMAS * draw_sd
            + SANITY_MODEL_TOLERANCE * (expected - limit).abs()
            + 1e-4 * limit,
        tolerance_small: SANITY_SIGMAS * draw_sd * 1e-3 + 1e-3 * limit.abs() + 1e-6,
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
        assert_eq!(expected_initial_loss(&DataLoss::Softmax, 10), 10f64.ln());
        assert_eq!(svm(|_| {}), 9.0);
        assert_eq!(svm(|o| o.include_correct = true), 10.0);
        assert_eq!(svm(|o| o.mean_over_classes = true), 1.0);
        assert_eq!(svm(|o| o.delta = 2.0), 18.0);
        assert_eq!(svm(|o| o.squared = true), 9.0);
        assert_eq!(
            svm(|o| {
                o.squared = true;
                o.delta = 2.0
            }),
            36.0
        );
        assert_eq!(svm(|o| o.delta = 0.0), 0.0);
    }

    #[test]
    fn normal_cdf_against_simpson_integration_of_the_density() {
        for &z in &[-4.0, -2.5, -1.0, -0.3, 0.0, 0.4, 1.0, 1.7, 3.0] {
            // Φ(z) = ½ + ∫_0^z φ, Simpson's rule with 20 000 panels, f64
            let n = 20_000;
            let h = z / n as f64;
            let f = |t: f64| (-0.5 * t * t).exp() / (2.0 * std::f64::consts::PI).sqrt();
            let mut acc = f(0.0) + f(z);
            for k in 1..n {
                acc += f(k as f64 * h) * if k % 2 == 1 { 4.0 } else { 2.0 };
            }
            let want = 0.5 + acc * h / 3.0;
            let got = normal_cdf(z);
            assert!((got - want).abs() < 2e-7, "Φ({z}) {got} vs {want}");
        }
    }

    /// Monte-Carlo in f64 with a plain Box–Muller from a seeded xorshift (independent of the crate's
    /// RNG): the mean loss over many draws of `C` scores `N(0, σ²)` and a label.
    fn monte_carlo(loss: &DataLoss, c: usize, sigma: f64, draws: usize) -> (f64, f64) {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut uniform = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        let (mut sum, mut sum2) = (0.0, 0.0);
        for _ in 0..draws {
            let s: Vec<f64> = (0..c)
                .map(|_| {
                    let (u, v) = (uniform(), uniform());
                    sigma * (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
                })
                .collect();
            let y = 0usize;
            let l = match loss {
                DataLoss::Softmax => {
                    let lse = s.iter().map(|v| v.exp()).sum::<f64>().ln();
                    lse - s[y]
                }
                DataLoss::Svm(o) => {
                    let mut terms = 0.0;
                    let mut total = 0.0;
                    for j in 0..c {
                        if j == y && !o.include_correct {
                            continue;
                        }
                        terms += 1.0;
                        let m = if j == y {
                            o.delta
                        } else {
                            s[j] - s[y] + o.delta
                        };
                        let h = m.max(0.0);
                        total += if o.squared { h * h } else { h };
                    }
                    if o.mean_over_classes {
                        total / terms
                    } else {
                        total
                    }
                }
            };
            sum += l;
            sum2 += l * l;
        }
        let n = draws as f64;
        let mean = sum / n;
        (mean, ((sum2 / n - mean * mean) / n).sqrt())
    }

    #[test]
    fn expected_loss_at_spread_against_monte_carlo() {
        let svm = |f: fn(&mut SvmOptions)| {
            let mut o = SvmOptions::default();
            f(&mut o);
            DataLoss::Svm(o)
        };
        let cases = [
            (svm(|_| {}), 10, 0.0),
            (svm(|_| {}), 10, 0.3),
            (svm(|_| {}), 10, 0.5),
            (svm(|_| {}), 100, 1.5),
            (svm(|o| o.squared = true), 10, 0.5),
            (svm(|o| o.delta = 0.0), 10, 0.5),
            (svm(|o| o.include_correct = true), 10, 0.5),
            (svm(|o| o.mean_over_classes = true), 10, 0.5),
            (svm(|o| o.delta = 2.0), 10, 0.8),
        ];
        for (loss, c, sigma) in cases {
            let (mc, se) = monte_carlo(&loss, c, sigma, 200_000);
            let e = expected_loss_at_spread(&loss, c, sigma);
            assert!(
                (e - mc).abs() <= 4.0 * se + 1e-6,
                "{loss:?} C={c} σ={sigma}: {e} vs Monte-Carlo {mc} ± {se}"
            );
        }
        // softmax: the second-order expansion, within 1 % of the excess over ln C for σ ≤ 0.5
        for (c, sigma) in [(10, 0.2), (10, 0.5), (100, 0.5)] {
            let (mc, se) = monte_carlo(&DataLoss::Softmax, c, sigma, 400_000);
            let e = expected_loss_at_spread(&DataLoss::Softmax, c, sigma);
            let excess = e - (c as f64).ln();
            assert!(
                (e - mc).abs() <= 4.0 * se + 0.01 * excess,
                "softmax C={c} σ={sigma}: {e} vs Monte-Carlo {mc} ± {se}"
            );
        }
    }
}
