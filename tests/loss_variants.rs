//! SVM variants and regularisers: loss values against naive loops written here, and gradient
//! checks (full and sparse) for every variant × regulariser, with reg = 0 and reg > 0.

use classplay::gradcheck::{
    eval_numerical_gradient, grad_check_sparse, grad_check_sparse_active_set, rel_error,
};
use classplay::loss::{svm_active_set, DataLoss, Regularization, SvmOptions};
use classplay::models::LinearClassifier;
use classplay::rng::{rng_for, Stream};
use rand::RngExt;

struct Problem {
    x: Vec<f64>,
    y: Vec<u16>,
    w: Vec<f64>,
    b: Vec<f64>,
    d: usize,
    c: usize,
}

fn problem(seed: u32) -> Problem {
    let (n, d, c) = (13, 9, 5);
    let mut rng = rng_for(seed, Stream::Init);
    let x: Vec<f64> = (0..n * d).map(|_| rng.random_range(-2.0..2.0)).collect();
    let y: Vec<u16> = (0..n)
        .map(|_| rng.random_range(0..c as u32) as u16)
        .collect();
    let w: Vec<f64> = (0..d * c).map(|_| rng.random_range(-0.5..0.5)).collect();
    let b: Vec<f64> = (0..c).map(|_| rng.random_range(-0.5..0.5)).collect();
    Problem { x, y, w, b, d, c }
}

/// Every combination of the SVM switches, with Δ = 1 and Δ = 0.5.
fn svm_variants() -> Vec<SvmOptions> {
    let mut v = vec![];
    for delta in [1.0, 0.5] {
        for bits in 0..8 {
            v.push(SvmOptions {
                delta,
                squared: bits & 1 != 0,
                include_correct: bits & 2 != 0,
                mean_over_classes: bits & 4 != 0,
            });
        }
    }
    v
}

/// The SVM variant and penalty written as plain loops over samples and classes.
fn naive_svm(p: &Problem, o: &SvmOptions, r: Regularization, reg: f64) -> f64 {
    let n = p.y.len();
    let mut loss = 0.0;
    for i in 0..n {
        let s: Vec<f64> = (0..p.c)
            .map(|j| {
                p.b[j]
                    + (0..p.d)
                        .map(|k| p.x[i * p.d + k] * p.w[k * p.c + j])
                        .sum::<f64>()
            })
            .collect();
        let yi = p.y[i] as usize;
        let (mut row, mut terms) = (0.0, 0.0);
        for j in 0..p.c {
            if j == yi && !o.include_correct {
                continue;
            }
            terms += 1.0;
            let m = (s[j] - s[yi] + o.delta).max(0.0);
            row += if o.squared { m * m } else { m };
        }
        loss += if o.mean_over_classes {
            row / terms
        } else {
            row
        };
    }
    let penalty: f64 = match r {
        Regularization::None => 0.0,
        Regularization::L2 => reg * p.w.iter().map(|v| v * v).sum::<f64>(),
        Regularization::L1 => reg * p.w.iter().map(|v| v.abs()).sum::<f64>(),
    };
    loss / n as f64 + penalty
}

/// The worst relative error, where an analytic gradient of exactly 0 (e.g. a bias whose class is
/// as often a violator as the correct label) counts as matched when the centred difference is 0
/// up to rounding (< 1e-10): `rel_error`'s 1e-8 floor would turn that rounding into ≈ 1e-5.
fn worst_error(numeric: &[f64], analytic: &[f64]) -> f64 {
    assert_eq!(numeric.len(), analytic.len());
    numeric
        .iter()
        .zip(analytic)
        .map(|(&n, &a)| {
            if a == 0.0 && n.abs() < 1e-10 {
                0.0
            } else {
                rel_error(n, a)
            }
        })
        .fold(0.0, f64::max)
}

const REGS: [Regularization; 3] = [Regularization::None, Regularization::L2, Regularization::L1];

fn model(p: &Problem, w: &[f64]) -> LinearClassifier<f64> {
    LinearClassifier::new(w.to_vec(), p.b.clone(), p.d, p.c)
}

/// Distance of the nearest kink: hinge margins (SVM) and weights (L1).
fn kink_distance(p: &Problem, loss: &DataLoss, r: Regularization) -> f64 {
    let mut best = f64::INFINITY;
    if let DataLoss::Svm(o) = loss {
        let s = model(p, &p.w)
            .scores(classplay::models::view2(&p.x, p.d).unwrap())
            .into_raw_vec_and_offset()
            .0;
        for (i, row) in s.chunks(p.c).enumerate() {
            let yi = p.y[i] as usize;
            for j in (0..p.c).filter(|&j| j != yi) {
                best = best.min((row[j] - row[yi] + o.delta).abs());
            }
        }
    }
    if r == Regularization::L1 {
        best = best.min(p.w.iter().fold(f64::INFINITY, |m, v| m.min(v.abs())) * 4.0);
    }
    best
}

#[test]
fn svm_variants_equal_naive_loops() {
    for o in svm_variants() {
        for r in REGS {
            for reg in [0.0, 0.3] {
                let p = problem(3);
                let got = model(&p, &p.w).loss_with(
                    classplay::models::view2(&p.x, p.d).unwrap(),
                    &p.y,
                    &DataLoss::Svm(o),
                    r,
                    reg,
                );
                let want = naive_svm(&p, &o, r, reg);
                assert!(
                    (got.loss() - want).abs() < 1e-12,
                    "{o:?} {r:?} reg={reg}: {} vs {want}",
                    got.loss()
                );
            }
        }
    }
}

/// Summing over the correct class too adds exactly Δ per sample (Δ² squared); the mean divides
/// by the number of terms.
#[test]
fn include_correct_adds_delta_and_mean_divides() {
    let p = problem(4);
    let m = model(&p, &p.w);
    let l = |o: SvmOptions| {
        m.loss_with(
            m.view(&p.x),
            &p.y,
            &DataLoss::Svm(o),
            Regularization::None,
            0.0,
        )
        .data_loss
    };
    let base = l(SvmOptions::default());
    let incl = l(SvmOptions {
        include_correct: true,
        ..Default::default()
    });
    assert!((incl - base - 1.0).abs() < 1e-12, "{incl} − {base}");
    let sq = SvmOptions {
        squared: true,
        delta: 0.5,
        ..Default::default()
    };
    let sq_incl = SvmOptions {
        include_correct: true,
        ..sq
    };
    assert!((l(sq_incl) - l(sq) - 0.25).abs() < 1e-12);
    let mean = l(SvmOptions {
        mean_over_classes: true,
        ..Default::default()
    });
    assert!((mean * 4.0 - base).abs() < 1e-12, "C − 1 = 4 terms");
}

#[test]
fn gradient_check_every_variant_and_regulariser() {
    let mut losses: Vec<DataLoss> = svm_variants().into_iter().map(DataLoss::Svm).collect();
    losses.push(DataLoss::Softmax);
    for loss in &losses {
        // piecewise linear / quadratic pieces: a centred difference is exact up to rounding there,
        // so a larger step keeps rounding far below 1e-7; a step moves a margin by ≤ 2·h·max|x|
        let h = if matches!(loss, DataLoss::Softmax) {
            1e-5
        } else {
            1e-3
        };
        for r in REGS {
            for reg in [0.0, 0.3] {
                let mut checked = 0;
                for seed in 1..=10 {
                    let p = problem(seed);
                    if kink_distance(&p, loss, r) < 1e-2 {
                        continue;
                    }
                    let parts = model(&p, &p.w).loss_with(
                        classplay::models::view2(&p.x, p.d).unwrap(),
                        &p.y,
                        loss,
                        r,
                        reg,
                    );
                    let f = |w: &[f64]| {
                        model(&p, w)
                            .loss_with(
                                classplay::models::view2(&p.x, p.d).unwrap(),
                                &p.y,
                                loss,
                                r,
                                reg,
                            )
                            .loss()
                    };
                    let err = worst_error(&eval_numerical_gradient(f, &p.w, h), &parts.dw);
                    assert!(
                        err < 1e-7,
                        "{loss:?} {r:?} reg={reg} seed={seed}: dw rel error {err:e}"
                    );
                    let fb = |b: &[f64]| {
                        LinearClassifier::new(p.w.clone(), b.to_vec(), p.d, p.c)
                            .loss_with(
                                classplay::models::view2(&p.x, p.d).unwrap(),
                                &p.y,
                                loss,
                                r,
                                reg,
                            )
                            .loss()
                    };
                    let err_b = worst_error(&eval_numerical_gradient(fb, &p.b, h), &parts.db);
                    assert!(err_b < 1e-7, "{loss:?} {r:?} reg={reg}: db {err_b:e}");
                    checked += 1;
                }
                assert!(
                    checked >= 3,
                    "{loss:?} {r:?}: only {checked} problems away from kinks"
                );
            }
        }
    }
}

/// The sparse check the page runs: at a point chosen with kinks near, every unflagged coordinate
/// is good (< 1e-7) and the exact (active-set) detector and the second-difference one agree on
/// the SVM + L1 loss.
#[test]
fn grad_check_sparse_flags_exactly_the_kinks() {
    let o = SvmOptions::default();
    let loss = DataLoss::Svm(o);
    let r = Regularization::L1;
    let reg = 0.3;
    let h = 1e-3;
    let mut p = problem(6);
    // put some weights on the L1 kink and one margin within reach of h
    p.w[0] = 0.2 * h;
    p.w[7] = -0.5 * h;
    let s = model(&p, &p.w)
        .scores(classplay::models::view2(&p.x, p.d).unwrap())
        .into_raw_vec_and_offset()
        .0;
    let (yi, j) = (p.y[0] as usize, (p.y[0] as usize + 1) % p.c);
    // shift b_j so that margin (0, j) is 0.3·h·|x_00| away from 0, reachable through w[0, j]
    p.b[j] += -(s[j] - s[yi] + 1.0) + 0.3 * h * p.x[0].abs();
    let parts = model(&p, &p.w).loss_with(
        classplay::models::view2(&p.x, p.d).unwrap(),
        &p.y,
        &loss,
        r,
        reg,
    );
    let f = |w: &[f64]| {
        model(&p, w)
            .loss_with(
                classplay::models::view2(&p.x, p.d).unwrap(),
                &p.y,
                &loss,
                r,
                reg,
            )
            .loss()
    };
    let active = |w: &[f64]| {
        let s = model(&p, w)
            .scores(classplay::models::view2(&p.x, p.d).unwrap())
            .into_raw_vec_and_offset()
            .0;
        let signs: Vec<i8> = w.iter().map(|v| v.signum() as i8).collect();
        (svm_active_set(&s, &p.y, p.c, 1.0), signs)
    };
    let exact = grad_check_sparse_active_set(f, active, &p.w, &parts.dw, 400, h, 9);
    let heur = grad_check_sparse(f, &p.w, &parts.dw, 400, h, 9);
    let kinked: std::collections::BTreeSet<usize> =
        exact.iter().filter(|c| c.kink).map(|c| c.index).collect();
    assert!(kinked.contains(&0) && kinked.contains(&7), "{kinked:?}");
    assert!(
        kinked.contains(&j),
        "the margin kink through w[0, j]: {kinked:?}"
    );
    for (a, b) in exact.iter().zip(&heur) {
        assert_eq!(a.index, b.index);
        assert_eq!(a.kink, b.kink, "detectors disagree at {a:?} / {b:?}");
        if !a.kink {
            assert!(a.rel_error < 1e-7, "{a:?}");
        }
    }
    assert!(
        exact.iter().any(|c| c.kink && c.rel_error > 1e-4),
        "a crossed kink shows as a large error"
    );
}
