//! The lecture's questions about the losses, answered on the loaded data with the run's model:
//! min / max loss, the loss when scores are small, summing over all classes including `y`, mean
//! instead of sum, the squared hinge, `W` with `L = 0` is not unique (`2W`), jiggling the scores,
//! the correct score doubling, and L2's preference for spread weights.
//!
//! Source: CS231n notes, "Linear classification", §"Multiclass Support Vector Machine loss"
//! (its questions in lecture 3, "Loss functions and optimization": "what is the min/max
//! possible loss?", "at initialization W is small so all s ≈ 0: what is the loss?", "what if the
//! sum was over all classes (including j = y_i)?", "what if we used mean instead of sum?", "what
//! if we used the squared hinge?", "suppose we found a W such that L = 0: is this W unique?"),
//! §"Softmax classifier" ("what is the min/max possible loss L_i?", "at initialization all s ≈ 0:
//! what is the loss?") and §"SVM vs. Softmax" (jiggling scores, "the correct score 10 → 20"),
//! and §"Regularization" (`w1 = [1, 0, 0, 0]` vs `w2 = [0.25, 0.25, 0.25, 0.25]`).

use crate::config::TrainConfig;
use crate::data::Dataset;
use crate::error::Result;
use crate::label::Label;
use crate::loss::{DataLoss, SvmOptions};
use crate::models::view2;
use crate::solver::Solver;

/// Images the questions are answered on (the first of the run's training-accuracy sample).
pub const QUESTION_BATCH: usize = 200;

/// The per-image multiclass SVM loss `Σ_{j≠y} max(0, s_j − s_y + Δ)` of `scores (C,)` with the
/// lecture's variants (`opts`), in f64.
///
/// Source: CS231n notes, "Linear classification", §"Multiclass Support Vector Machine loss".
pub fn svm_row(scores: &[f64], y: Label, opts: SvmOptions) -> f64 {
    DataLoss::Svm(opts).loss(scores, &[y], scores.len()).0
}

/// The per-image softmax cross-entropy `−s_y + log Σ_j exp(s_j)` of `scores (C,)`, in f64
/// (computed stably with the row maximum subtracted).
///
/// Source: CS231n notes, "Linear classification", §"Softmax classifier".
pub fn softmax_row(scores: &[f64], y: Label) -> f64 {
    DataLoss::Softmax.loss(scores, &[y], scores.len()).0
}

/// The smallest slack `s_y − s_j − Δ` over `j ≠ y` (> 0: every margin is satisfied with room).
pub fn min_slack(scores: &[f64], y: Label, delta: f64) -> f64 {
    let y = y as usize;
    scores
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != y)
        .map(|(_, &s)| scores[y] - s - delta)
        .fold(f64::INFINITY, f64::min)
}

/// The scores jiggled: `s_y − ε` and every other `s_j + ε` (each margin grows by `2ε`).
pub fn jiggle(scores: &[f64], y: Label, eps: f64) -> Vec<f64> {
    scores
        .iter()
        .enumerate()
        .map(|(j, &s)| if j == y as usize { s - eps } else { s + eps })
        .collect()
}

/// The L2 and L1 penalties `reg·Σ w²`, `reg·Σ |w|` of the notes' two weight vectors
/// `w1 = [1, 0, 0, 0]` and `w2 = [0.25; 4]`, which give the same score `w·x = 1` on
/// `x = [1, 1, 1, 1]`: `[l2(w1), l2(w2), l1(w1), l1(w2)]`.
///
/// Source: CS231n notes, "Linear classification", §"Regularization".
pub fn spread_penalties(reg: f64) -> [f64; 4] {
    let w1 = [1.0, 0.0, 0.0, 0.0];
    let w2 = [0.25; 4];
    let l2 = |w: &[f64]| reg * w.iter().map(|v| v * v).sum::<f64>();
    let l1 = |w: &[f64]| reg * w.iter().map(|v: &f64| v.abs()).sum::<f64>();
    [l2(&w1), l2(&w2), l1(&w1), l1(&w2)]
}

/// The answers, with the numbers of the current data and model.
#[derive(Debug, Clone, PartialEq)]
pub struct LectureQuestions {
    /// Classes `C`.
    pub c: usize,
    /// The margin Δ of the run (`delta`).
    pub delta: f64,
    /// Images answered on.
    pub batch: usize,
    /// Iterations the model was trained for.
    pub iterations: u32,
    /// Min / max of the per-image SVM loss on the batch at the trained `w` (theory: 0 .. ∞).
    pub svm_min: f64,
    /// See `svm_min`.
    pub svm_max: f64,
    /// Min / max of the per-image softmax loss on the batch at the trained `w` (theory: 0 .. ∞,
    /// 0 never reached).
    pub softmax_min: f64,
    /// See `softmax_min`.
    pub softmax_max: f64,
    /// Mean SVM loss on the batch at the initial `w` (small scores; theory `(C − 1)·Δ`).
    pub svm_init: f64,
    /// Mean softmax loss on the batch at the initial `w` (theory `ln C`).
    pub softmax_init: f64,
    /// As `svm_init`, summed over all classes including `y` (`svm_init + Δ` exactly).
    pub svm_init_all: f64,
    /// As `svm_init`, the mean over the `C − 1` terms instead of the sum.
    pub svm_init_mean: f64,
    /// As `svm_init`, with the squared hinge.
    pub svm_init_squared: f64,
    /// Mean SVM loss on the batch at the trained `w`.
    pub svm_trained: f64,
    /// Mean squared-hinge loss on the batch at the trained `w`.
    pub svm_trained_squared: f64,
    /// Images of the batch with zero SVM loss at the trained `w`.
    pub zero_loss_images: usize,
    /// Their mean SVM loss at `w` (0) and at `2w` (0 too: margins only grow).
    pub zero_loss_at_w: f64,
    /// See `zero_loss_at_w`.
    pub zero_loss_at_2w: f64,
    /// Mean SVM loss of the batch at `2w` (below `svm_trained`).
    pub svm_trained_2w: f64,
    /// The image jiggled and doubled: of the images with zero SVM loss, a positive correct score
    /// and every slack > 0, the one closest to its margins (index in the batch; −1 when none: then the jiggle and doubling fields are NaN).
    pub probe: i64,
    /// Its correct score `s_y` at the trained `w`.
    pub probe_correct_score: f64,
    /// The jiggle `ε` (a quarter of its smallest slack, at most 1).
    pub jiggle_eps: f64,
    /// Its SVM loss before / after the jiggle (0 → 0).
    pub jiggle_svm_before: f64,
    /// See `jiggle_svm_before`.
    pub jiggle_svm_after: f64,
    /// Its softmax loss before / after the jiggle (changes).
    pub jiggle_softmax_before: f64,
    /// See `jiggle_softmax_before`.
    pub jiggle_softmax_after: f64,
    /// Its SVM loss with `s_y` doubled (0: it was 0 and margins only grew).
    pub double_svm_after: f64,
    /// Its softmax loss with `s_y` doubled (lower).
    pub double_softmax_after: f64,
    /// The run's `reg`.
    pub reg: f64,
    /// [`spread_penalties`] at `reg`.
    pub penalties: [f64; 4],
}

impl LectureQuestions {
    /// Field names in the order of [`LectureQuestions::to_vec`].
    pub const FIELDS: [&'static str; 33] = [
        "c",
        "delta",
        "batch",
        "iterations",
        "svm_min",
        "svm_max",
        "softmax_min",
        "softmax_max",
        "svm_init",
        "softmax_init",
        "svm_init_all",
        "svm_init_mean",
        "svm_init_squared",
        "svm_trained",
        "svm_trained_squared",
        "zero_loss_images",
        "zero_loss_at_w",
        "zero_loss_at_2w",
        "svm_trained_2w",
        "probe",
        "probe_correct_score",
        "jiggle_eps",
        "jiggle_svm_before",
        "jiggle_svm_after",
        "jiggle_softmax_before",
        "jiggle_softmax_after",
        "double_svm_after",
        "double_softmax_after",
        "reg",
        "l2_peaked",
        "l2_spread",
        "l1_peaked",
        "l1_spread",
    ];

    /// The values in the order of [`LectureQuestions::FIELDS`].
    pub fn to_vec(&self) -> Vec<f64> {
        let mut v = vec![
            self.c as f64,
            self.delta,
            self.batch as f64,
            self.iterations as f64,
            self.svm_min,
            self.svm_max,
            self.softmax_min,
            self.softmax_max,
            self.svm_init,
            self.softmax_init,
            self.svm_init_all,
            self.svm_init_mean,
            self.svm_init_squared,
            self.svm_trained,
            self.svm_trained_squared,
            self.zero_loss_images as f64,
            self.zero_loss_at_w,
            self.zero_loss_at_2w,
            self.svm_trained_2w,
            self.probe as f64,
            self.probe_correct_score,
            self.jiggle_eps,
            self.jiggle_svm_before,
            self.jiggle_svm_after,
            self.jiggle_softmax_before,
            self.jiggle_softmax_after,
            self.double_svm_after,
            self.double_softmax_after,
            self.reg,
        ];
        v.extend(self.penalties);
        v
    }
}

/// Row `i` of `s (N, c)` flattened.
fn row_of(s: &[f64], i: usize, c: usize) -> &[f64] {
    &s[i * c..(i + 1) * c]
}

/// The answers for scores at initialisation `init (N, C)` and after training `trained (N, C)`
/// (row-major, f64) with labels `y (N,)`, margin `delta`, penalty strength `reg`.
///
/// # Panics
/// If the lengths disagree or `y` is empty.
pub fn answer(
    init: &[f64],
    trained: &[f64],
    y: &[Label],
    c: usize,
    delta: f64,
    reg: f64,
    iterations: u32,
) -> LectureQuestions {
    let n = y.len();
    assert!(n > 0 && init.len() == n * c && trained.len() == n * c);
    let plain = SvmOptions {
        delta,
        ..SvmOptions::default()
    };
    let mean = |f: &dyn Fn(&[f64], Label) -> f64, s: &[f64]| {
        (0..n).map(|i| f(row_of(s, i, c), y[i])).sum::<f64>() / n as f64
    };
    let svm_with = |o: SvmOptions| move |s: &[f64], yi: Label| svm_row(s, yi, o);
    let svm_i: Vec<f64> = (0..n)
        .map(|i| svm_row(row_of(trained, i, c), y[i], plain))
        .collect();
    let soft_i: Vec<f64> = (0..n)
        .map(|i| softmax_row(row_of(trained, i, c), y[i]))
        .collect();
    let minmax = |v: &[f64]| {
        v.iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                (a.min(x), b.max(x))
            })
    };
    let zero: Vec<usize> = (0..n).filter(|&i| svm_i[i] == 0.0).collect();
    let doubled: Vec<f64> = trained.iter().map(|v| 2.0 * v).collect();
    let zero_mean = |s: &[f64]| {
        if zero.is_empty() {
            f64::NAN
        } else {
            zero.iter()
                .map(|&i| svm_row(row_of(s, i, c), y[i], plain))
                .sum::<f64>()
                / zero.len() as f64
        }
    };
    // the zero-loss image closest to its margins (largest softmax loss, so the softmax's change
    // shows in f64), with a positive correct score and room to jiggle
    let probe = zero
        .iter()
        .copied()
        .filter(|&i| {
            row_of(trained, i, c)[y[i] as usize] > 0.0
                && min_slack(row_of(trained, i, c), y[i], delta) > 0.0
        })
        .min_by(|&a, &b| {
            let sa = min_slack(row_of(trained, a, c), y[a], delta);
            let sb = min_slack(row_of(trained, b, c), y[b], delta);
            sa.total_cmp(&sb)
        });
    let (svm_min, svm_max) = minmax(&svm_i);
    let (softmax_min, softmax_max) = minmax(&soft_i);
    let mut q = LectureQuestions {
        c,
        delta,
        batch: n,
        iterations,
        svm_min,
        svm_max,
        softmax_min,
        softmax_max,
        svm_init: mean(&svm_with(plain), init),
        softmax_init: mean(&softmax_row, init),
        svm_init_all: mean(
            &svm_with(SvmOptions {
                include_correct: true,
                ..plain
            }),
            init,
        ),
        svm_init_mean: mean(
            &svm_with(SvmOptions {
                mean_over_classes: true,
                ..plain
            }),
            init,
        ),
        svm_init_squared: mean(
            &svm_with(SvmOptions {
                squared: true,
                ..plain
            }),
            init,
        ),
        svm_trained: svm_i.iter().sum::<f64>() / n as f64,
        svm_trained_squared: mean(
            &svm_with(SvmOptions {
                squared: true,
                ..plain
            }),
            trained,
        ),
        zero_loss_images: zero.len(),
        zero_loss_at_w: zero_mean(trained),
        zero_loss_at_2w: zero_mean(&doubled),
        svm_trained_2w: mean(&svm_with(plain), &doubled),
        probe: -1,
        probe_correct_score: f64::NAN,
        jiggle_eps: f64::NAN,
        jiggle_svm_before: f64::NAN,
        jiggle_svm_after: f64::NAN,
        jiggle_softmax_before: f64::NAN,
        jiggle_softmax_after: f64::NAN,
        double_svm_after: f64::NAN,
        double_softmax_after: f64::NAN,
        reg,
        penalties: spread_penalties(reg),
    };
    if let Some(i) = probe {
        let s = row_of(trained, i, c);
        let yi = y[i];
        let eps = (0.25 * min_slack(s, yi, delta)).min(1.0);
        let j = jiggle(s, yi, eps);
        let mut d = s.to_vec();
        d[yi as usize] *= 2.0;
        q.probe = i as i64;
        q.probe_correct_score = s[yi as usize];
        q.jiggle_eps = eps;
        q.jiggle_svm_before = svm_row(s, yi, plain);
        q.jiggle_svm_after = svm_row(&j, yi, plain);
        q.jiggle_softmax_before = softmax_row(s, yi);
        q.jiggle_softmax_after = softmax_row(&j, yi);
        q.double_svm_after = svm_row(&d, yi, plain);
        q.double_softmax_after = softmax_row(&d, yi);
    }
    q
}

/// The lecture's questions for run `cfg`: scores of the first [`QUESTION_BATCH`] images of its
/// training-accuracy sample at the initial `w` and after `cfg.num_iters` iterations of its
/// update rule (the run as the train mode would do it), then [`answer`]. Δ is the run's `delta`
/// (1 if it is 0: the questions are about a margin).
///
/// # Errors
/// As [`Solver::new`] and [`Solver::train`].
pub fn lecture_questions(train: &Dataset, cfg: &TrainConfig) -> Result<LectureQuestions> {
    let mut s = Solver::new(train, *cfg)?;
    let (x, y) = s.sample_batch(train, QUESTION_BATCH)?;
    let scores = |s: &Solver| -> Result<Vec<f64>> {
        let sc = s.model.scores(view2(&x, s.model.d)?);
        Ok(sc.iter().map(|&v| v as f64).collect())
    };
    let init = scores(&s)?;
    while s.train(train, 50)? > 0 {}
    let trained = scores(&s)?;
    let delta = if cfg.delta > 0.0 {
        cfg.delta as f64
    } else {
        1.0
    };
    Ok(answer(
        &init,
        &trained,
        &y,
        s.model.c,
        delta,
        cfg.reg as f64,
        s.iteration(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Direct f64 loops, written out from the notes' formulas.
    fn svm_direct(s: &[f64], y: usize, delta: f64, all: bool, mean: bool, sq: bool) -> f64 {
        let mut total = 0.0;
        let mut terms = 0.0;
        for j in 0..s.len() {
            if j == y && !all {
                continue;
            }
            terms += 1.0;
            let m = if j == y { delta } else { s[j] - s[y] + delta };
            let h = if m > 0.0 { m } else { 0.0 };
            total += if sq { h * h } else { h };
        }
        if mean {
            total / terms
        } else {
            total
        }
    }

    fn softmax_direct(s: &[f64], y: usize) -> f64 {
        let z: f64 = s.iter().map(|v| v.exp()).sum();
        -(s[y].exp() / z).ln()
    }

    fn close(a: f64, b: f64, what: &str) {
        assert!(
            (a - b).abs() <= 1e-9 * (1.0 + b.abs()),
            "{what}: {a} vs {b}"
        );
    }

    #[test]
    fn every_answer_against_a_direct_computation() {
        let c = 4;
        // init: small scores; trained: image 0 with all margins satisfied, image 1 not
        let init = [0.001, -0.002, 0.0005, 0.003, -0.001, 0.002, 0.0, -0.003];
        let trained = [10.0, 3.0, 8.5, -2.0, 1.0, 2.0, 0.5, 2.0];
        let y: [Label; 2] = [0, 1];
        let (delta, reg) = (1.0, 0.5);
        let q = answer(&init, &trained, &y, c, delta, reg, 7);
        let mean_over =
            |s: &[f64], f: &dyn Fn(&[f64], usize) -> f64| (f(&s[0..4], 0) + f(&s[4..8], 1)) / 2.0;
        let d = |a, m, sq| move |s: &[f64], yi: usize| svm_direct(s, yi, delta, a, m, sq);
        close(
            q.svm_init,
            mean_over(&init, &d(false, false, false)),
            "svm_init",
        );
        close(
            q.svm_init_all,
            mean_over(&init, &d(true, false, false)),
            "all",
        );
        close(q.svm_init_all - q.svm_init, delta, "including y adds Δ");
        close(
            q.svm_init_mean,
            mean_over(&init, &d(false, true, false)),
            "mean",
        );
        close(q.svm_init_mean, q.svm_init / 3.0, "mean = sum / (C − 1)");
        close(
            q.svm_init_squared,
            mean_over(&init, &d(false, false, true)),
            "sq",
        );
        close(
            q.softmax_init,
            mean_over(&init, &softmax_direct),
            "softmax_init",
        );
        assert!((q.svm_init - 3.0).abs() < 0.02 && (q.softmax_init - 4f64.ln()).abs() < 1e-2);
        let svm0 = svm_direct(&trained[0..4], 0, delta, false, false, false);
        let svm1 = svm_direct(&trained[4..8], 1, delta, false, false, false);
        assert_eq!(svm0, 0.0);
        close(q.svm_min, svm0.min(svm1), "svm_min");
        close(q.svm_max, svm0.max(svm1), "svm_max");
        let (p0, p1) = (
            softmax_direct(&trained[0..4], 0),
            softmax_direct(&trained[4..8], 1),
        );
        close(q.softmax_min, p0.min(p1), "softmax_min");
        close(q.softmax_max, p0.max(p1), "softmax_max");
        assert!(q.softmax_min > 0.0);
        close(q.svm_trained, (svm0 + svm1) / 2.0, "svm_trained");
        let sq = |s: &[f64], yi| svm_direct(s, yi, delta, false, false, true);
        close(
            q.svm_trained_squared,
            (sq(&trained[0..4], 0) + sq(&trained[4..8], 1)) / 2.0,
            "sq trained",
        );
        assert_eq!(q.zero_loss_images, 1);
        assert_eq!((q.zero_loss_at_w, q.zero_loss_at_2w), (0.0, 0.0));
        let t2: Vec<f64> = trained.iter().map(|v| 2.0 * v).collect();
        let svm2 = (svm_direct(&t2[0..4], 0, delta, false, false, false)
            + svm_direct(&t2[4..8], 1, delta, false, false, false))
            / 2.0;
        close(q.svm_trained_2w, svm2, "2w");
        // probe = image 0: slack min(10 − 3 − 1, 10 − 8.5 − 1, 10 + 2 − 1) = 0.5, ε = 0.125
        assert_eq!(q.probe, 0);
        close(q.jiggle_eps, 0.125, "eps");
        let j = [10.0 - 0.125, 3.125, 8.625, -1.875];
        assert_eq!(q.jiggle_svm_after, 0.0);
        close(
            q.jiggle_softmax_after,
            softmax_direct(&j, 0),
            "jiggle softmax",
        );
        close(q.jiggle_softmax_before, p0, "before");
        assert!(q.jiggle_softmax_after > q.jiggle_softmax_before);
        let dbl = [20.0, 3.0, 8.5, -2.0];
        assert_eq!(q.double_svm_after, 0.0);
        close(q.double_softmax_after, softmax_direct(&dbl, 0), "double");
        assert!(q.double_softmax_after < p0);
        assert_eq!(q.penalties, [0.5, 0.5 * 0.25, 0.5, 0.5]);
        assert_eq!(q.to_vec().len(), LectureQuestions::FIELDS.len());
        assert_eq!(q.to_vec()[8], q.svm_init);
    }

    #[test]
    fn no_probe_without_a_zero_loss_image() {
        let s = [0.0, 1.0, 0.0, 1.0];
        let q = answer(&s, &s, &[0, 0], 2, 1.0, 0.0, 0);
        assert_eq!((q.zero_loss_images, q.probe), (0, -1));
        assert!(q.jiggle_eps.is_nan() && q.zero_loss_at_w.is_nan());
    }
}
