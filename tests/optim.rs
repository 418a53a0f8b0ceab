//! Update rules against trajectories computed independently (cases C11, C13 of
//! `tests/cases/CASES.md`, a copy of ../shared/cases, and hand-unrolled formulas), and L-BFGS on standard problems.

use classplay::loss::LossKind;
use classplay::models::LinearClassifier;
use classplay::optim::{
    Adagrad, Adam, Lbfgs, Nesterov, Optimizer, Rmsprop, Sgd, SgdMomentum, Termination, UpdateRule,
};
use classplay::rng::{rng_for, Stream};
use rand::RngExt;

fn assert_abs(got: &[f64], want: &[f64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= tol, "{what}: got {got:?}, want {want:?}");
    }
}

fn assert_rel(got: f64, want: f64, tol: f64, what: &str) {
    let rel = (got - want).abs() / want.abs().max(1e-300);
    assert!(rel < tol, "{what}: got {got}, want {want} (rel {rel:e})");
}

/// Runs `steps` updates of `opt` on f(x) = ½‖x‖² (grad = x) and returns x after each.
fn on_half_square(opt: &mut Optimizer<f64>, x0: &[f64], steps: usize) -> Vec<Vec<f64>> {
    let mut x = x0.to_vec();
    (0..steps)
        .map(|_| {
            let g = x.clone();
            opt.update(&mut x, &g);
            x.clone()
        })
        .collect()
}

// ---- case C13 -------------------------------------------------------------------------------

#[test]
fn c13_sgd_momentum_nesterov_trajectories() {
    let sgd = on_half_square(&mut Optimizer::Sgd(Sgd::new(0.1)), &[1.0], 3);
    let mom = on_half_square(
        &mut Optimizer::SgdMomentum(SgdMomentum::new(0.1)),
        &[1.0],
        3,
    );
    let nes = on_half_square(&mut Optimizer::Nesterov(Nesterov::new(0.1)), &[1.0], 3);
    let flat = |v: Vec<Vec<f64>>| v.into_iter().flatten().collect::<Vec<_>>();
    assert_abs(&flat(sgd), &[0.9, 0.81, 0.729], 1e-12, "sgd");
    assert_abs(&flat(mom), &[0.9, 0.72, 0.486], 1e-12, "momentum");
    assert_abs(&flat(nes), &[0.81, 0.5751, 0.327321], 1e-12, "nesterov");
}

/// PyTorch's form (buf = μ·buf + g; x −= lr·(g + μ·buf)) and the textbook form (gradient at
/// x + μv; stored = textbook x + μv) agree with our stored look-ahead form, over 20 steps on a
/// 2-D quadratic with different curvatures.
#[test]
fn c13_nesterov_equals_pytorch_form_and_textbook_lookahead() {
    let (lr, mu) = (0.05, 0.9);
    let a = [1.0, 7.0]; // f = ½ Σ a_i x_i², grad_i = a_i x_i
    let grad = |x: &[f64]| vec![a[0] * x[0], a[1] * x[1]];
    let mut ours = Nesterov::new(lr);
    let mut x = vec![1.0, -0.5];
    let (mut xp, mut buf) = (x.clone(), vec![0.0; 2]); // PyTorch
    let (mut xt, mut vt) = (x.clone(), vec![0.0; 2]); // textbook
    for step in 0..20 {
        let g = grad(&x);
        ours.update(&mut x, &g);
        let gp = grad(&xp);
        for i in 0..2 {
            buf[i] = mu * buf[i] + gp[i];
            xp[i] -= lr * (gp[i] + mu * buf[i]);
        }
        let look: Vec<f64> = (0..2).map(|i| xt[i] + mu * vt[i]).collect();
        let gt = grad(&look);
        for i in 0..2 {
            vt[i] = mu * vt[i] - lr * gt[i];
            xt[i] += vt[i];
        }
        let stored: Vec<f64> = (0..2).map(|i| xt[i] + mu * vt[i]).collect();
        assert_abs(&x, &xp, 1e-12, &format!("pytorch form, step {step}"));
        assert_abs(&x, &stored, 1e-12, &format!("textbook + μv, step {step}"));
    }
    // the textbook's own first iterates on ½x² are the case's third row
    let (mut xt, mut vt) = (1.0f64, 0.0f64);
    let mut got = vec![];
    for _ in 0..3 {
        let g = xt + 0.9 * vt;
        vt = 0.9 * vt - 0.1 * g;
        xt += vt;
        got.push(xt);
    }
    assert_abs(&got, &[0.9, 0.729, 0.51759], 1e-12, "textbook");
}

// ---- case C11 -------------------------------------------------------------------------------

#[test]
fn c11_adam_first_three_steps() {
    let got = on_half_square(&mut Optimizer::Adam(Adam::new(0.1)), &[1.0, -2.0], 3);
    assert_abs(&got[0], &[0.900000001, -1.9000000005], 1e-12, "step 1");
    assert_abs(
        &got[1],
        &[0.8004122297123382, -1.800166486621093],
        1e-12,
        "step 2",
    );
    assert_abs(
        &got[2],
        &[0.701586274504415, -1.700623392812114],
        1e-12,
        "step 3",
    );
}

#[test]
fn c11_adam_wrong_first_steps_are_what_the_case_lists() {
    // without bias correction
    let mut o = Adam::new(0.1);
    o.bias_correction = false;
    let got = on_half_square(&mut Optimizer::Adam(o), &[1.0, -2.0], 1);
    assert_abs(
        &got[0],
        &[0.6837723339831306, -1.6837722839831544],
        1e-12,
        "no bias correction",
    );
    // a counter that starts one ahead (t = 2 on step 1)
    let mut o = Adam::new(0.1);
    o.t = 1;
    let got = on_half_square(&mut Optimizer::Adam(o), &[1.0, -2.0], 1);
    assert_abs(
        &got[0],
        &[0.9255863186954071, -1.9255863181693544],
        1e-12,
        "t = 2 on step 1",
    );
}

/// The first update uses t = 1 (never 1 − β⁰ = 0): finite even with a zero gradient, in f32 and
/// f64, and the counter reads 1 afterwards.
#[test]
fn c11_adam_never_divides_by_zero_at_step_one() {
    let mut o = Adam::<f32>::default();
    let mut w = [0.5f32, 0.0, -1.0];
    o.update(&mut w, &[0.0, 1e-30, 3.0]);
    assert_eq!(o.t, 1);
    assert!(w.iter().all(|v| v.is_finite()), "{w:?}");
    assert_eq!(w[0], 0.5);
    // step 1 with bias correction is lr·g/(|g| + eps) ≈ lr·sign(g)
    assert!((w[2] - (-1.0 - 1e-3)).abs() < 1e-6, "{w:?}");
    let mut o = Adam::<f64>::new(0.1);
    let mut w = [0.0f64];
    o.update(&mut w, &[0.0]);
    assert_eq!(w, [0.0]);
}

// ---- AdaGrad and RMSProp against hand-unrolled formulas -------------------------------------

/// f(x, y) = ½(x² + 10·y²), grad = (x, 10y), from (1, −1).
fn ravine_grad(x: f64, y: f64) -> (f64, f64) {
    (x, 10.0 * y)
}

#[test]
fn adagrad_matches_hand_unrolled_trajectory() {
    let (lr, eps) = (0.3, 1e-8);
    // hand-unrolled reference
    let (mut x, mut y) = (1.0f64, -1.0f64);
    let (mut cx, mut cy) = (0.0, 0.0);
    let mut want = vec![];
    for _ in 0..6 {
        let (gx, gy) = ravine_grad(x, y);
        cx += gx * gx;
        cy += gy * gy;
        x -= lr * gx / (cx.sqrt() + eps);
        y -= lr * gy / (cy.sqrt() + eps);
        want.push((x, y));
    }
    // step 1 by hand: both coordinates move by exactly lr·g/(|g| + eps)
    assert_rel(want[0].0, 1.0 - 0.3 / (1.0 + 1e-8), 1e-15, "adagrad step 1");
    let mut o = Adagrad::new(lr);
    let mut w = [1.0, -1.0];
    for (k, &(wx, wy)) in want.iter().enumerate() {
        let (gx, gy) = ravine_grad(w[0], w[1]);
        o.update(&mut w, &[gx, gy]);
        assert_rel(w[0], wx, 1e-9, &format!("adagrad x step {}", k + 1));
        assert_rel(w[1], wy, 1e-9, &format!("adagrad y step {}", k + 1));
    }
    // AdaGrad's steps shrink: the last move is smaller than the first
    assert!((want[5].0 - want[4].0).abs() < (want[0].0 - 1.0).abs());
}

#[test]
fn rmsprop_matches_hand_unrolled_trajectory() {
    let (lr, dr, eps) = (0.01, 0.9, 1e-8);
    let (mut x, mut y) = (1.0f64, -1.0f64);
    let (mut cx, mut cy) = (0.0, 0.0);
    let mut want = vec![];
    for _ in 0..8 {
        let (gx, gy) = ravine_grad(x, y);
        cx = dr * cx + (1.0 - dr) * gx * gx;
        cy = dr * cy + (1.0 - dr) * gy * gy;
        x -= lr * gx / (cx.sqrt() + eps);
        y -= lr * gy / (cy.sqrt() + eps);
        want.push((x, y));
    }
    let mut o = Rmsprop::new(lr);
    o.decay_rate = dr;
    let mut w = [1.0, -1.0];
    for (k, &(wx, wy)) in want.iter().enumerate() {
        let (gx, gy) = ravine_grad(w[0], w[1]);
        o.update(&mut w, &[gx, gy]);
        assert_rel(w[0], wx, 1e-9, &format!("rmsprop x step {}", k + 1));
        assert_rel(w[1], wy, 1e-9, &format!("rmsprop y step {}", k + 1));
    }
    // step 1: lr·g/(√(0.1)·|g|) = lr·√10 in both coordinates, the same size despite 10× gradients
    assert_rel(1.0 - want[0].0, 0.01 * 10f64.sqrt(), 1e-6, "rmsprop step 1");
}

/// Adam beyond step 3 against the hand-unrolled Algorithm 1, on the ravine.
#[test]
fn adam_matches_hand_unrolled_trajectory_for_ten_steps() {
    let (lr, b1, b2, eps) = (0.05, 0.8, 0.99, 1e-8);
    let (mut x, mut y) = (1.0f64, -1.0f64);
    let (mut m, mut v) = ([0.0f64; 2], [0.0f64; 2]);
    let mut o = Adam::new(lr);
    o.beta1 = b1;
    o.beta2 = b2;
    let mut w = [1.0, -1.0];
    for t in 1..=10 {
        let (gx, gy) = ravine_grad(x, y);
        let g = [gx, gy];
        let mut p = [x, y];
        for i in 0..2 {
            m[i] = b1 * m[i] + (1.0 - b1) * g[i];
            v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
            let mh = m[i] / (1.0 - b1.powi(t));
            let vh = v[i] / (1.0 - b2.powi(t));
            p[i] -= lr * mh / (vh.sqrt() + eps);
        }
        (x, y) = (p[0], p[1]);
        let (gx, gy) = ravine_grad(w[0], w[1]);
        o.update(&mut w, &[gx, gy]);
        assert_rel(w[0], x, 1e-9, &format!("adam x step {t}"));
        assert_rel(w[1], y, 1e-9, &format!("adam y step {t}"));
    }
}

/// The f32 build of every rule follows its f64 build on the ravine to f32 precision.
#[test]
fn f32_rules_follow_f64_rules() {
    for rule in UpdateRule::ALL {
        if rule == UpdateRule::Lbfgs {
            continue;
        }
        let mut o64 = Optimizer::<f64>::new(rule, 0.02).unwrap();
        let mut o32 = Optimizer::<f32>::new(rule, 0.02).unwrap();
        let (mut w64, mut w32) = ([1.0f64, -1.0], [1.0f32, -1.0]);
        for _ in 0..25 {
            let (gx, gy) = ravine_grad(w64[0], w64[1]);
            o64.update(&mut w64, &[gx, gy]);
            let g32 = [w32[0], 10.0 * w32[1]];
            o32.update(&mut w32, &g32);
        }
        for i in 0..2 {
            assert!(
                (w64[i] - w32[i] as f64).abs() < 1e-5,
                "{rule}: {w64:?} vs {w32:?}"
            );
        }
    }
}

// ---- L-BFGS --------------------------------------------------------------------------------

#[test]
fn lbfgs_solves_ill_conditioned_quadratic() {
    // f = ½(x² + 1000·y²) + x·y/2, condition number ≈ 1000, minimum at 0
    let f = |w: &[f64]| {
        let (x, y) = (w[0], w[1]);
        (
            0.5 * (x * x + 1000.0 * y * y) + 0.5 * x * y,
            vec![x + 0.5 * y, 1000.0 * y + 0.5 * x],
        )
    };
    let o = Lbfgs {
        grad_tol: 1e-10,
        ..Default::default()
    };
    let mut w = [3.0, -2.0];
    let r = o.minimize(&mut w, f).unwrap();
    assert_eq!(r.termination, Termination::GradTol, "{r:?}");
    assert!(w[0].abs() < 1e-9 && w[1].abs() < 1e-9, "{w:?} {r:?}");
    assert!(r.iterations < 30, "{r:?}");
    // gradient descent at its largest stable step needs thousands of iterations for the same
    let mut g = [3.0, -2.0];
    let mut gd_iters = 0;
    while f(&g).1.iter().any(|v| v.abs() > 1e-10) {
        let d = f(&g).1;
        classplay::optim::sgd(&mut g, &d, 1.0 / 1000.0);
        gd_iters += 1;
    }
    assert!(
        gd_iters > 10 * r.iterations,
        "{gd_iters} vs {}",
        r.iterations
    );
}

fn rosenbrock(w: &[f64]) -> (f64, Vec<f64>) {
    let (x, y) = (w[0], w[1]);
    (
        (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
        vec![
            -2.0 * (1.0 - x) - 400.0 * x * (y - x * x),
            200.0 * (y - x * x),
        ],
    )
}

#[test]
fn lbfgs_solves_rosenbrock_from_the_classic_start() {
    let o = Lbfgs {
        grad_tol: 1e-9,
        max_iters: 500,
        ..Default::default()
    };
    let mut w = [-1.2, 1.0];
    let r = o.minimize(&mut w, rosenbrock).unwrap();
    assert!(
        (w[0] - 1.0).abs() < 1e-6 && (w[1] - 1.0).abs() < 1e-6,
        "{w:?} {r:?}"
    );
    assert!(r.loss < 1e-12, "{r:?}");
    assert!(r.loss_history.windows(2).all(|p| p[1] <= p[0]), "monotone");
    assert_eq!(r.loss_history.len(), r.iterations as usize + 1);
}

#[test]
fn lbfgs_in_f32_reaches_rosenbrock_minimum_to_f32_precision() {
    let mut w = [-1.2f32, 1.0];
    let o = Lbfgs::<f32> {
        grad_tol: 1e-4,
        max_iters: 500,
        ..Default::default()
    };
    let r = o
        .minimize(&mut w, |w| {
            let (l, g) = rosenbrock(&[w[0] as f64, w[1] as f64]);
            (l as f32, g.into_iter().map(|v| v as f32).collect())
        })
        .unwrap();
    assert!(
        (w[0] - 1.0).abs() < 1e-3 && (w[1] - 1.0).abs() < 2e-3,
        "{w:?} {r:?}"
    );
}

/// Softmax + L2 on a small random problem is strictly convex: L-BFGS and many GD steps must reach
/// the same minimum loss.
#[test]
fn lbfgs_matches_long_gradient_descent_on_softmax_classifier() {
    let (n, d, c, reg) = (60, 6, 4, 0.05);
    let mut rng = rng_for(21, Stream::Init);
    let y: Vec<u16> = (0..n)
        .map(|_| rng.random_range(0..c as u32) as u16)
        .collect();
    // class-dependent means so the data is partly separable
    let x: Vec<f64> = (0..n * d)
        .map(|k| rng.random_range(-1.0..1.0) + if k % d == y[k / d] as usize { 1.5 } else { 0.0 })
        .collect();
    let f = |w: &[f64]| {
        let p = LinearClassifier::new(w.to_vec(), vec![], d, c).loss(
            classplay::models::view2(&x, d).unwrap(),
            &y,
            LossKind::Softmax,
            reg,
        );
        (p.loss(), p.dw)
    };
    let w0 = vec![0.0; d * c];
    let mut w_gd = w0.clone();
    for _ in 0..20_000 {
        let (_, g) = f(&w_gd);
        classplay::optim::sgd(&mut w_gd, &g, 0.5);
    }
    let gd_loss = f(&w_gd).0;
    let mut w = w0;
    let o = Lbfgs {
        grad_tol: 1e-10,
        ..Default::default()
    };
    let r = o.minimize(&mut w, f).unwrap();
    assert!(r.iterations < 100, "{r:?}");
    assert!(
        (r.loss - gd_loss).abs() < 1e-10,
        "lbfgs {} vs gd {gd_loss}",
        r.loss
    );
    assert!(r.loss < f(&vec![0.0; d * c]).0 - 0.3, "it actually learned");
    for (a, b) in w.iter().zip(&w_gd) {
        assert!((a - b).abs() < 1e-6, "w differs: {a} vs {b}");
    }
}
