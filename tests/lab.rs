//! The optimisation lab (issue 4) on real data: every update rule through the solver
//! (determinism, same initialisation, loss falling, L-BFGS one iteration per step), the gradient
//! check of every loss variant and penalty, the loss at initialisation against theory, random
//! search reproducible on CIFAR-10, the 2-D race's first steps, and the sweep.

mod common;
use classplay::config::Hyper;
use classplay::data::preprocess::gather_features;
use classplay::lab::{grad_check, loss_sanity};
use classplay::loss::Regularization;
use classplay::optim::UpdateRule;
use classplay::race::{Race, Surface};
use classplay::search::{SearchKind, SearchRun};
use classplay::solver::full_batch_loss;
use classplay::sweep::{best_cell, Sweep};
use classplay::{Dataset, DatasetKind, LossKind, Solver, TrainConfig};
use common::{cifar10_batch, mnist_file};

fn mnist(limit: usize) -> Dataset {
    let mut tr = Dataset::empty(DatasetKind::Mnist);
    tr.append_mnist(
        &mnist_file("train-images-idx3-ubyte.gz"),
        &mnist_file("train-labels-idx1-ubyte.gz"),
        Some(limit),
    )
    .unwrap();
    tr
}

fn small() -> TrainConfig {
    TrainConfig {
        num_train: 2000,
        num_val: 500,
        num_iters: 30,
        batch_size: 100,
        ..TrainConfig::default()
    }
}

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

/// Learning rates that train each rule on raw-pixel MNIST features (pixels 0..255 − mean).
fn tuned(rule: UpdateRule) -> TrainConfig {
    let learning_rate = match rule {
        UpdateRule::Gd | UpdateRule::Sgd | UpdateRule::Lbfgs => 1e-5,
        UpdateRule::SgdMomentum | UpdateRule::Nesterov => 1e-6,
        UpdateRule::Adagrad => 1e-3,
        UpdateRule::Rmsprop | UpdateRule::Adam => 1e-4,
    };
    TrainConfig {
        update_rule: rule,
        learning_rate,
        ..small()
    }
}

fn run(tr: &Dataset, cfg: TrainConfig) -> Solver {
    let mut s = Solver::new(tr, cfg).unwrap();
    while s.train(tr, 7).unwrap() > 0 {}
    s
}

#[test]
fn every_rule_is_deterministic_starts_from_the_same_w_and_lowers_the_loss() {
    let tr = mnist(2500);
    let w0 = Solver::new(&tr, small()).unwrap().model.w;
    for rule in UpdateRule::ALL {
        let cfg = TrainConfig {
            num_iters: if rule.is_full_batch() { 8 } else { 30 },
            ..tuned(rule)
        };
        assert_eq!(
            bits(&Solver::new(&tr, cfg).unwrap().model.w),
            bits(&w0),
            "{rule}: same seed, same initial w"
        );
        let (a, b) = (run(&tr, cfg), run(&tr, cfg));
        assert!(!a.diverged(), "{rule}");
        assert_eq!(a.loss_history.len(), cfg.num_iters as usize, "{rule}");
        assert_eq!(bits(&a.loss_history), bits(&b.loss_history), "{rule}");
        assert_eq!(bits(&a.model.w), bits(&b.model.w), "{rule}");
        for i in 0..a.loss_history.len() {
            assert_eq!(
                a.loss_history[i],
                a.data_loss_history[i] + a.reg_loss_history[i]
            );
        }
        let n = a.loss_history.len();
        let (first, last) = (a.loss_history[0], a.loss_history[n - 1]);
        assert!(last < 0.8 * first, "{rule}: loss {first} → {last}");
        if rule.is_full_batch() {
            // full batch: loss_history[0] is the loss over the whole training split at w0
            let s0 = Solver::new(&tr, cfg).unwrap();
            let p = s0.full_loss(&tr, None, false);
            assert_eq!(a.loss_history[0], p.data_loss + p.reg_loss, "{rule}");
        }
        if rule == UpdateRule::Lbfgs {
            assert!(
                a.loss_history.windows(2).all(|w| w[1] < w[0]),
                "Armijo: L-BFGS lowers the loss every iteration {:?}",
                a.loss_history
            );
        }
    }
}

#[test]
fn rules_differing_only_in_update_rule_see_the_same_first_minibatch() {
    let tr = mnist(2500);
    let first = |rule| {
        run(
            &tr,
            TrainConfig {
                num_iters: 1,
                ..tuned(rule)
            },
        )
        .loss_history[0]
    };
    let sgd = first(UpdateRule::Sgd);
    for rule in [UpdateRule::Adam, UpdateRule::Nesterov, UpdateRule::Rmsprop] {
        assert_eq!(first(rule).to_bits(), sgd.to_bits(), "{rule}");
    }
    assert_eq!(
        first(UpdateRule::Gd).to_bits(),
        first(UpdateRule::Lbfgs).to_bits()
    );
}

#[test]
fn chunked_full_batch_loss_equals_one_batch() {
    let tr = mnist(2500);
    for cfg in [
        small(),
        TrainConfig {
            loss: LossKind::Svm,
            regularization: Regularization::L1,
            bias_trick: false,
            ..small()
        },
    ] {
        let s = Solver::new(&tr, cfg).unwrap();
        let idx = &s.split().train; // 2000 records = 4 chunks
        let chunked = full_batch_loss(&s.model, &tr, idx, &s.mean, &cfg, true);
        let mut x = vec![];
        gather_features(&tr.images, tr.dim(), idx, &s.mean, cfg.bias_trick, &mut x);
        let y: Vec<u16> = idx.iter().map(|&i| tr.labels[i as usize]).collect();
        let one = s.model.loss_with(
            s.model.view(&x),
            &y,
            &cfg.data_loss(),
            cfg.regularization,
            cfg.reg,
        );
        assert!((chunked.data_loss - one.data_loss).abs() <= 1e-5 * one.data_loss);
        assert_eq!(chunked.reg_loss, one.reg_loss);
        // f32 sums in another order: compare on the scale of the gradient
        let scale = one.dw.iter().fold(0f32, |m, v| m.max(v.abs()));
        let close = |a: f32, b: f32| (a - b).abs() <= 1e-4 * scale;
        assert!(chunked.dw.iter().zip(&one.dw).all(|(&a, &b)| close(a, b)));
        assert!(chunked.db.iter().zip(&one.db).all(|(&a, &b)| close(a, b)));
        assert_eq!(chunked.db.len(), if cfg.bias_trick { 0 } else { 10 });
    }
}

#[test]
fn lbfgs_stops_when_converged_and_histories_stay_per_iteration() {
    let tr = mnist(600);
    let cfg = TrainConfig {
        update_rule: UpdateRule::Lbfgs,
        num_train: 100,
        num_val: 0,
        batch_size: 100,
        num_iters: 1000,
        ..TrainConfig::default()
    };
    let s = run(&tr, cfg);
    assert!(!s.diverged());
    assert_eq!(s.loss_history.len() as u32, s.iteration());
    // it stops once an iteration no longer lowers the f32 loss, long before 1000
    assert!(s.converged(), "ran {}", s.iteration());
    assert!(s.iteration() < 1000 && s.finished());
    // on 100 records a linear softmax classifier fits the training data
    assert!(s.train_acc(&tr).unwrap() > 0.0);
    let fit = s.check_accuracy(&tr, Some(&s.split().train)).unwrap();
    assert!(fit > 0.95, "L-BFGS fit of 100 records: {fit}");
}

#[test]
fn gradient_check_passes_for_every_loss_variant_and_penalty() {
    let tr = mnist(2500);
    let mut report = vec![];
    for reg in [0.0, 10.0] {
        for regularization in [Regularization::None, Regularization::L2, Regularization::L1] {
            for (loss, sq, inc, mean) in [
                (LossKind::Softmax, false, false, false),
                (LossKind::Svm, false, false, false),
                (LossKind::Svm, true, false, false),
                (LossKind::Svm, false, true, true),
            ] {
                for bias_trick in [true, false] {
                    let cfg = TrainConfig {
                        loss,
                        squared_hinge: sq,
                        include_correct: inc,
                        mean_over_classes: mean,
                        regularization,
                        reg,
                        bias_trick,
                        ..small()
                    };
                    let r = grad_check(&tr, &cfg, 30, 1e-5).unwrap();
                    assert_eq!(r.checks.len(), 30);
                    assert!(
                        r.max_rel_error_smooth < 1e-6,
                        "{cfg:?}: {} {:?}",
                        r.max_rel_error_smooth,
                        r.checks
                            .iter()
                            .filter(|c| c.rel_error > 1e-6)
                            .collect::<Vec<_>>()
                    );
                    report.push((loss, sq, regularization, reg, r.max_rel_error));
                    // seeded: the same check again
                    assert_eq!(grad_check(&tr, &cfg, 30, 1e-5).unwrap(), r);
                }
            }
        }
    }
    for r in report.iter().step_by(2) {
        eprintln!("gradcheck worst rel error {r:?}");
    }
    assert!(grad_check(&tr, &small(), 0, 1e-5).is_err());
    assert!(grad_check(&tr, &small(), 5, 0.0).is_err());
}

#[test]
fn loss_at_initialisation_matches_its_expected_value_at_the_weight_scale_on_mnist() {
    let tr = mnist(11_000);
    let base = TrainConfig::default();
    for (loss, delta, sq, inc, mean) in [
        (LossKind::Softmax, 1.0, false, false, false),
        (LossKind::Svm, 1.0, false, false, false),
        (LossKind::Svm, 2.0, false, false, false),
        (LossKind::Svm, 1.0, false, true, false),
        (LossKind::Svm, 1.0, false, false, true),
        (LossKind::Svm, 1.0, true, false, false),
        (LossKind::Svm, 0.0, false, false, false),
    ] {
        let cfg = TrainConfig {
            loss,
            delta,
            squared_hinge: sq,
            include_correct: inc,
            mean_over_classes: mean,
            ..base
        };
        let s = loss_sanity(&tr, &cfg).unwrap();
        eprintln!("{loss:?} Δ={delta} sq={sq} inc={inc} mean={mean}: {s:?}");
        assert!(s.ok(), "{cfg:?}: {s:?}");
        assert!(s.reg_loss < 1e-3 * s.measured.max(1e-3), "{s:?}");
        // the loss with w ×1e-3 sits at the small-score limit (Δ > 0)
        if delta > 0.0 {
            assert!(
                (s.measured_small - s.limit).abs() <= 1e-3 * s.limit,
                "{s:?}"
            );
        }
    }
}

/// The sanity figures of `tr` for softmax and SVM; the verdict is OK for both, and a loss that is
/// really off (the measured value of a deliberately wrong loss: the SVM counting the correct class,
/// or softmax in log2) is flagged.
fn sanity_figures(name: &str, tr: &Dataset, cfg: TrainConfig) {
    for loss in [LossKind::Softmax, LossKind::Svm] {
        let s = loss_sanity(tr, &TrainConfig { loss, ..cfg }).unwrap();
        eprintln!(
            "# sanity {name} {loss:?}: measured {:.4}, expected at this scale {:.4} ± {:.4} \
             (σ = {:.3}, draw sd {:.4}), small-score limit {:.4} (w ×1e-3: {:.5} ± {:.5})",
            s.measured,
            s.expected,
            s.tolerance,
            s.sigma,
            s.draw_sd,
            s.limit,
            s.measured_small,
            s.tolerance_small
        );
        assert!(s.ok(), "{name} {loss:?}: {s:?}");
        let wrong = |v: f64| match loss {
            // a softmax written with log2 instead of ln
            LossKind::Softmax => v / std::f64::consts::LN_2,
            // an SVM that forgot to skip j = y (adds Δ = 1 per image)
            LossKind::Svm => v + 1.0,
        };
        let broken = classplay::lab::LossSanity {
            measured: wrong(s.measured),
            measured_small: wrong(s.measured_small),
            ..s
        };
        assert!(
            !broken.ok(),
            "{name} {loss:?}: a wrong loss passes: {broken:?}"
        );
    }
}

#[test]
fn sanity_check_knows_its_scale_on_mnist_cifar10_and_cifar100() {
    let cfg = TrainConfig {
        num_train: 2000,
        num_val: 500,
        ..TrainConfig::default()
    };
    sanity_figures("MNIST", &mnist(2500), cfg);
    if let Some(bytes) = cifar10_batch("data_batch_1") {
        let mut tr = Dataset::empty(DatasetKind::Cifar10);
        tr.append_cifar_bin(&bytes, Some(2500)).unwrap();
        sanity_figures("CIFAR-10", &tr, cfg);
    }
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/cifar100"));
    if let Ok(m) = std::fs::read(dir.join("manifest.json")) {
        let m: serde_json::Value = serde_json::from_slice(&m).unwrap();
        let s = &m["splits"]["train"];
        let labels = std::fs::read(dir.join(s["labels"]["fine"].as_str().map_or_else(
            || s["labels"]["fine"]["file"].as_str().unwrap().to_string(),
            str::to_string,
        )))
        .unwrap();
        let mut tr = Dataset::empty(DatasetKind::Cifar100Fine);
        let mut at = 0;
        for chunk in s["chunks"].as_array().unwrap().iter().take(3) {
            let png = std::fs::read(dir.join(chunk["file"].as_str().unwrap())).unwrap();
            let n = chunk["records"].as_u64().unwrap() as usize;
            tr.append_cifar_png(&png, &labels[at..at + n], None)
                .unwrap();
            at += n;
        }
        sanity_figures("CIFAR-100", &tr, cfg);
    }
}

#[test]
fn random_search_on_cifar10_is_reproducible_bit_for_bit() {
    let Some(bytes) = cifar10_batch("data_batch_1") else {
        return;
    };
    let mut tr = Dataset::empty(DatasetKind::Cifar10);
    tr.append_cifar_bin(&bytes, Some(1500)).unwrap();
    let cfg = TrainConfig {
        loss: LossKind::Svm,
        num_train: 1000,
        num_val: 500,
        seed: 7,
        ..TrainConfig::default()
    };
    for (kind, scale, step) in [
        (SearchKind::Random, 1e-4f32, 0.0f32),
        (SearchKind::Local, 1e-3, 1e-4),
    ] {
        let go = |chunks: &[u32]| {
            let mut s = SearchRun::new(&tr, &cfg, kind, scale, step.max(1e-4)).unwrap();
            for &n in chunks {
                s.step(&tr, n);
            }
            s
        };
        let (a, b) = (go(&[30]), go(&[7, 13, 10]));
        assert_eq!(a.iteration(), 30);
        assert_eq!(bits(a.loss_history()), bits(b.loss_history()), "{kind:?}");
        assert_eq!(a.val_acc(&tr).unwrap(), b.val_acc(&tr).unwrap());
        assert!(a.loss_history().windows(2).all(|w| w[1] <= w[0]));
        let c = SearchRun::new(&tr, &TrainConfig { seed: 8, ..cfg }, kind, scale, 1e-4)
            .map(|mut s| {
                s.step(&tr, 30);
                s
            })
            .unwrap();
        assert_ne!(bits(a.loss_history()), bits(c.loss_history()));
    }
    assert!(SearchRun::new(&tr, &cfg, SearchKind::Random, 0.0, 1.0).is_err());
    assert!("grid".parse::<SearchKind>().is_err());
}

// ---- the 2-D race ----------------------------------------------------------------------------

fn h(lr: f64) -> Hyper<f64> {
    Hyper::new(lr)
}

/// First steps on the ravine from (−9, 2), computed by hand from each rule's formula (C13 style).
#[test]
fn race_first_steps_match_the_formulas() {
    let (x0, y0) = (-9.0, 2.0);
    let (gx, gy) = Surface::Ravine.grad(x0, y0); // (−0.9, 4)
    assert_eq!((gx, gy), (0.1 * x0, 2.0 * y0));
    let lr = 0.1;
    let mut race = Race::new(Surface::Ravine, 0.0, 1).unwrap();
    for rule in [
        UpdateRule::Gd,
        UpdateRule::Sgd,
        UpdateRule::SgdMomentum,
        UpdateRule::Nesterov,
        UpdateRule::Adagrad,
        UpdateRule::Rmsprop,
        UpdateRule::Adam,
    ] {
        race.add(rule, h(lr), x0, y0).unwrap();
    }
    let no_bc = race
        .add(
            UpdateRule::Adam,
            Hyper {
                bias_correction: false,
                ..h(lr)
            },
            x0,
            y0,
        )
        .unwrap();
    race.step();
    let p = race.positions();
    let at = |i: usize| (p[3 * i], p[3 * i + 1]);
    let close = |(a, b): (f64, f64), (c, d): (f64, f64)| {
        assert!(
            (a - c).abs() < 1e-12 && (b - d).abs() < 1e-12,
            "{a},{b} vs {c},{d}"
        );
    };
    let sgd = (x0 - lr * gx, y0 - lr * gy);
    close(at(0), sgd);
    close(at(1), sgd);
    close(at(2), sgd); // momentum from v = 0
    close(at(3), (x0 - 1.9 * lr * gx, y0 - 1.9 * lr * gy)); // Nesterov: (1 + μ)·v
    let ada = |g: f64| lr * g / ((g * g).sqrt() + 1e-8);
    close(at(4), (x0 - ada(gx), y0 - ada(gy)));
    let rms = |g: f64| lr * g / ((0.01 * g * g).sqrt() + 1e-8);
    close(at(5), (x0 - rms(gx), y0 - rms(gy)));
    close(at(6), (x0 - ada(gx), y0 - ada(gy))); // Adam with correction: m̂ = g, v̂ = g²
    let raw = |g: f64| lr * 0.1 * g / ((0.001 * g * g).sqrt() + 1e-8);
    close(at(no_bc), (x0 - raw(gx), y0 - raw(gy)));
    // the lecture's point: without bias correction the first step is ≈ 3.16× as long
    let len = |(a, b): (f64, f64)| ((a - x0).powi(2) + (b - y0).powi(2)).sqrt();
    let ratio = len(at(no_bc)) / len(at(6));
    assert!((ratio - 0.1 / 0.001f64.sqrt()).abs() < 1e-6, "{ratio}");
    assert_eq!(race.trail(0, 0).len(), 4);
    assert_eq!(race.trail(0, 1), vec![sgd.0, sgd.1]);
}

#[test]
fn race_noise_is_shared_seeded_and_spares_gd() {
    let mk = |seed| {
        let mut r = Race::new(Surface::Saddle, 0.5, seed).unwrap();
        for rule in [UpdateRule::Gd, UpdateRule::Sgd, UpdateRule::SgdMomentum] {
            r.add(rule, h(0.1), -1.5, 0.0).unwrap();
        }
        for _ in 0..200 {
            r.step();
        }
        r
    };
    let (a, b, c) = (mk(3), mk(3), mk(4));
    assert_eq!(a.positions(), b.positions());
    assert_ne!(a.positions(), c.positions());
    let p = a.positions();
    // gd sees the exact gradient: it stays on the ridge y = 0 and stalls at the saddle
    assert_eq!(p[1], 0.0);
    assert!(p[0].abs() < 1e-6, "{p:?}");
    // noisy SGD escapes to a minimum at y = ±1
    assert!((p[4].abs() - 1.0).abs() < 0.3, "{p:?}");
    // momentum's first step equals SGD's, noise included (shared noise sequence)
    assert_eq!(a.trail(1, 1)[..2], a.trail(2, 1)[..2]);
}

#[test]
fn race_lbfgs_solves_rosenbrock_and_divergence_stops_a_racer() {
    let mut r = Race::new(Surface::Rosenbrock, 0.0, 1).unwrap();
    let l = r.add(UpdateRule::Lbfgs, h(1.0), -1.2, 1.0).unwrap();
    let big = r.add(UpdateRule::Sgd, h(1.0), -1.2, 1.0).unwrap();
    for _ in 0..100 {
        r.step();
    }
    let p = r.positions();
    assert!(
        (p[3 * l] - 1.0).abs() < 1e-4 && (p[3 * l + 1] - 1.0).abs() < 1e-4,
        "{p:?}"
    );
    assert!(r.racers[big].stopped, "lr 1 on Rosenbrock diverges");
    assert!(r.racers[l].stopped, "converged L-BFGS stops");
    assert!(Race::new(Surface::Ravine, -1.0, 1).is_err());
    assert!(r.add(UpdateRule::Adam, h(-1.0), 0.0, 0.0).is_err());
}

#[test]
fn local_min_surface_has_two_minima_and_momentum_can_cross() {
    let s = Surface::LocalMin;
    let (fl, fg) = (s.f(0.96, 0.0), s.f(-1.04, 0.0));
    assert!(fg < fl);
    let mut r = Race::new(s, 0.0, 1).unwrap();
    r.add(UpdateRule::Gd, h(0.01), 1.8, 1.0).unwrap();
    r.add(UpdateRule::SgdMomentum, h(0.01), 1.8, 1.0).unwrap();
    for _ in 0..2000 {
        r.step();
    }
    let p = r.positions();
    assert!(p[0] > 0.5, "gd settles in the local minimum: {p:?}");
    assert!(
        p[3] < -0.5,
        "momentum carries over into the global one: {p:?}"
    );
}

// ---- the sweep -------------------------------------------------------------------------------

#[test]
fn sweep_cells_are_independent_and_the_best_is_marked() {
    let tr = mnist(2500);
    let base = TrainConfig {
        num_iters: 40,
        ..small()
    };
    let lrs = vec![1e-7, 1e-5, 1e3];
    let regs = vec![0.0, 1e4];
    let mut all = Sweep::new(base, lrs.clone(), regs.clone()).unwrap();
    let cells: Vec<_> = (0..all.len())
        .map(|i| all.run_cell(&tr, i).unwrap())
        .collect();
    // another "worker" runs the cells in reverse order: same outcomes
    let mut other = Sweep::new(base, lrs, regs).unwrap();
    for i in (0..other.len()).rev() {
        assert_eq!(other.run_cell(&tr, i).unwrap(), cells[i]);
    }
    assert!(cells[5].diverged, "lr 1e3 with reg 1e4 diverges: {cells:?}");
    let best = all.best().unwrap();
    assert_eq!(best, 2, "lr 1e-5, reg 0 wins: {cells:?}");
    let acc: Vec<f32> = cells
        .iter()
        .map(|c| if c.diverged { f32::NAN } else { c.val_acc })
        .collect();
    assert_eq!(best_cell(&acc), Some(best));
    assert!(cells[2].val_acc > 0.8, "{cells:?}");
}

#[test]
fn lecture_questions_on_mnist_answer_as_the_lecture_says() {
    use classplay::lab::questions::lecture_questions;
    let tr = mnist(2500);
    let cfg = TrainConfig {
        num_iters: 200,
        ..small()
    };
    let q = lecture_questions(&tr, &cfg).unwrap();
    eprintln!("# questions MNIST: {q:?}");
    assert!((q.svm_init - 9.0).abs() < 0.5 && (q.softmax_init - 10f64.ln()).abs() < 0.1);
    assert!((q.svm_init_all - q.svm_init - 1.0).abs() < 1e-9);
    assert!((q.svm_init_mean - q.svm_init / 9.0).abs() < 1e-9);
    assert!(q.zero_loss_images > 0, "{q:?}");
    assert_eq!((q.zero_loss_at_w, q.zero_loss_at_2w), (0.0, 0.0));
    assert!(q.probe >= 0);
    assert_eq!((q.jiggle_svm_after, q.double_svm_after), (0.0, 0.0));
    assert_ne!(q.jiggle_softmax_after, q.jiggle_softmax_before);
    assert!(q.double_softmax_after < q.jiggle_softmax_before);
    assert!(q.softmax_min > 0.0 && q.svm_min == 0.0);
}
