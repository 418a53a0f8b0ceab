//! Training end to end on real MNIST: determinism of `loss_history`, the loss falling, accuracy
//! reached with the page's default settings, the validation split, divergence handling.

mod common;
use classplay::{Dataset, DatasetKind, LossKind, Solver, TrainConfig};
use common::mnist_file;

fn mnist(limit: usize) -> (Dataset, Dataset) {
    let mut tr = Dataset::empty(DatasetKind::Mnist);
    tr.append_mnist(
        &mnist_file("train-images-idx3-ubyte.gz"),
        &mnist_file("train-labels-idx1-ubyte.gz"),
        Some(limit),
    )
    .unwrap();
    let mut te = Dataset::empty(DatasetKind::Mnist);
    te.append_mnist(
        &mnist_file("t10k-images-idx3-ubyte.gz"),
        &mnist_file("t10k-labels-idx1-ubyte.gz"),
        None,
    )
    .unwrap();
    (tr, te)
}

fn small() -> TrainConfig {
    TrainConfig {
        num_train: 2000,
        num_val: 500,
        num_iters: 60,
        batch_size: 100,
        ..TrainConfig::default()
    }
}

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn same_seed_same_loss_history_bit_for_bit() {
    let (tr, _) = mnist(2500);
    for loss in [LossKind::Softmax, LossKind::Svm] {
        let cfg = TrainConfig { loss, ..small() };
        let run = |cfg| {
            let mut s = Solver::new(&tr, cfg).unwrap();
            s.train(&tr, 1000).unwrap();
            s
        };
        let (a, b) = (run(cfg), run(cfg));
        assert_eq!(a.loss_history.len(), 60);
        assert_eq!(bits(&a.loss_history), bits(&b.loss_history));
        assert_eq!(bits(&a.model.w), bits(&b.model.w));
        let c = run(TrainConfig { seed: 2, ..cfg });
        assert_ne!(
            bits(&a.loss_history),
            bits(&c.loss_history),
            "another seed, another run"
        );
        // Stepping in chunks (as the worker does) gives the same run as one call.
        let mut d = Solver::new(&tr, cfg).unwrap();
        while d.train(&tr, 7).unwrap() > 0 {}
        assert_eq!(bits(&a.loss_history), bits(&d.loss_history));
    }
}

#[test]
fn histories_add_up_and_loss_falls() {
    let (tr, _) = mnist(2500);
    let mut s = Solver::new(&tr, small()).unwrap();
    s.train(&tr, 1000).unwrap();
    for i in 0..s.loss_history.len() {
        assert_eq!(
            s.loss_history[i],
            s.data_loss_history[i] + s.reg_loss_history[i]
        );
    }
    // At initialisation (w ≈ 0.001·N(0,1)) softmax loss ≈ ln 10.
    assert!(
        (s.data_loss_history[0] - 10f32.ln()).abs() < 0.1,
        "{}",
        s.data_loss_history[0]
    );
    let first: f32 = s.loss_history[..10].iter().sum::<f32>() / 10.0;
    let last: f32 = s.loss_history[50..].iter().sum::<f32>() / 10.0;
    assert!(last < 0.5 * first, "loss should fall: {first} → {last}");
}

#[test]
fn subtract_mean_off_feeds_raw_pixels() {
    let (tr, _) = mnist(2500);
    let on = Solver::new(&tr, small()).unwrap();
    let cfg = TrainConfig {
        subtract_mean: false,
        ..small()
    };
    let mut off = Solver::new(&tr, cfg).unwrap();
    assert!(
        on.mean.iter().any(|&m| m > 100.0),
        "MNIST's mean image has bright pixels"
    );
    assert!(off.mean.iter().all(|&m| m == 0.0));
    assert_eq!(
        bits(&on.model.w),
        bits(&off.model.w),
        "same seed, same initial w"
    );
    // Raw pixels are all ≥ 0: the same small steps move the scores further, and the first loss
    // differs from the centred run's.
    off.train(&tr, 5).unwrap();
    let mut on = on;
    on.train(&tr, 5).unwrap();
    assert_ne!(bits(&on.loss_history), bits(&off.loss_history));
    assert!(off.loss_history.iter().all(|l| l.is_finite()));
}

#[test]
fn default_mnist_run_reaches_the_accuracy_the_page_promises() {
    let (tr, te) = mnist(11_000);
    let cfg = TrainConfig::default();
    let mut s = Solver::new(&tr, cfg).unwrap();
    s.train(&tr, cfg.num_iters).unwrap();
    assert!(!s.diverged());
    let test_acc = s.check_accuracy(&te, None).unwrap();
    let val_acc = s.val_acc(&tr).unwrap();
    assert!(
        test_acc >= 0.88,
        "test accuracy {test_acc} on {} images",
        te.len()
    );
    assert!(val_acc >= 0.85, "val accuracy {val_acc}");
    // validation records are training-file records never used to train
    assert!(s.split().val.iter().all(|i| !s.split().train.contains(i)));
}

#[test]
fn divergence_stops_training_and_keeps_finite_weights() {
    let (tr, _) = mnist(2500);
    let mut s = Solver::new(
        &tr,
        TrainConfig {
            learning_rate: 1e10,
            ..small()
        },
    )
    .unwrap();
    let ran = s.train(&tr, 1000).unwrap();
    assert!(s.diverged(), "lr 1e10 must diverge");
    assert!(ran < 60);
    assert!(s.model.w.iter().all(|v| v.is_finite()));
    assert!(s.loss_history.iter().all(|v| v.is_finite()));
    assert_eq!(
        s.train(&tr, 10).unwrap(),
        0,
        "a diverged run does not go on"
    );
}

/// Issue 11 "Divergence": learning_rate 1000 and 1e30 (the table's largest), SVM and softmax:
/// training stops within a few iterations, every loss kept and every weight finite.
#[test]
fn huge_learning_rates_stop_with_finite_weights_for_both_losses() {
    let (tr, _) = mnist(2500);
    for loss in [LossKind::Svm, LossKind::Softmax] {
        for learning_rate in [1e3f32, 1e30] {
            let mut s = Solver::new(
                &tr,
                TrainConfig {
                    learning_rate,
                    loss,
                    ..small()
                },
            )
            .unwrap();
            let ran = s.train(&tr, 1000).unwrap();
            let what = format!("{loss:?} lr {learning_rate}");
            assert!(s.diverged(), "{what} must diverge");
            assert!(ran < 200, "{what}: {ran} iterations");
            assert_eq!(s.iteration() as usize, s.loss_history.len(), "{what}");
            assert!(s.model.w.iter().all(|v| v.is_finite()), "{what}");
            assert!(s.model.b.iter().all(|v| v.is_finite()), "{what}");
            assert!(s.loss_history.iter().all(|v| v.is_finite()), "{what}");
        }
    }
}

#[test]
fn bad_settings_are_refused_with_the_key() {
    let (tr, _) = mnist(2500);
    let e = Solver::new(
        &tr,
        TrainConfig {
            learning_rate: f32::NAN,
            ..small()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("learning_rate"), "{e}");
    let e = Solver::new(
        &tr,
        TrainConfig {
            num_train: 5000,
            ..small()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("exceeds the 2500"), "{e}");
    let e = Solver::new(&Dataset::empty(DatasetKind::Mnist), small()).unwrap_err();
    assert!(e.to_string().contains("no training data"), "{e}");
}

#[test]
fn templates_are_ten_distinct_min_max_scaled_images() {
    let (tr, _) = mnist(2500);
    let mut s = Solver::new(&tr, small()).unwrap();
    s.train(&tr, 1000).unwrap();
    let t = s.templates_rgba(&tr);
    assert_eq!(t.len(), 10 * 28 * 28 * 4);
    let imgs: Vec<&[u8]> = t.chunks(28 * 28 * 4).collect();
    let all_min = t.iter().step_by(4).min().unwrap();
    let all_max = t.iter().step_by(4).max().unwrap();
    assert_eq!((*all_min, *all_max), (0, 255), "global min-max scaling");
    for i in 0..10 {
        for j in i + 1..10 {
            assert_ne!(imgs[i], imgs[j], "templates {i} and {j} are identical");
        }
    }
}
