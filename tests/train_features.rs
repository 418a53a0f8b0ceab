//! Train mode on features (issue 12, item 1): [`Solver::with_features`] against independent f64
//! references — the standardisation on the training split only, one SGD step of the softmax loss
//! on the standardised features (loss and new weights), the predictions on the test records —
//! plus: `Pixels` is exactly [`Solver::new`], the cached and the computed-on-the-spot rows agree
//! bit for bit, every update rule runs, the pixel-only views refuse, and on real CIFAR-10 the
//! train mode's default settings on `hog+color_hist` beat 0.45 test accuracy.

mod common;
use classplay::evaluation::AlgebraicView;
use classplay::features::{extract, FeatureKind, LINEAR_LEARNING_RATE, LINEAR_REG};
use classplay::optim::UpdateRule;
use classplay::{Dataset, DatasetKind, LossKind, Solver, TrainConfig};

const H: usize = 16;
const W: usize = 16;

/// `n` seeded 16×16 RGB images whose label shifts their colour and stripes (learnable), C = 10.
fn synthetic(n: usize, seed: u64) -> Dataset {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 33) as u32
    };
    let mut images = Vec::with_capacity(n * H * W * 3);
    let mut labels = Vec::with_capacity(n);
    for i in 0..n {
        let label = (i % 10) as u16;
        labels.push(label);
        for r in 0..H {
            for c in 0..W {
                let stripe = if (r * (label as usize + 1) / 4 + c) % 2 == 0 {
                    60
                } else {
                    0
                };
                for ch in 0..3 {
                    let v = (label as u32 * 20 * (ch as u32 + 1)) % 180 + stripe + next() % 40;
                    images.push(v.min(255) as u8);
                }
            }
        }
    }
    Dataset {
        height: H,
        width: W,
        channels: 3,
        images,
        labels,
        ..Dataset::empty(DatasetKind::Cifar10)
    }
}

fn cfg() -> TrainConfig {
    TrainConfig {
        num_train: 40,
        num_val: 10,
        batch_size: 40,
        num_iters: 30,
        learning_rate: 0.1,
        reg: 0.01,
        seed: 3,
        ..TrainConfig::default()
    }
}

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

/// Features `(N, F)` in f64, standardised with the population mean / std of rows `train` only.
fn reference_rows(data: &Dataset, train: &[u32], kind: FeatureKind) -> (Vec<f64>, usize) {
    let f = kind.dim(H, W, 3);
    let x: Vec<f64> = extract(kind, &data.images, H, W, 3)
        .unwrap()
        .into_iter()
        .map(f64::from)
        .collect();
    let mut out = x.clone();
    for j in 0..f {
        let m = train.iter().map(|&i| x[i as usize * f + j]).sum::<f64>() / train.len() as f64;
        let var = train
            .iter()
            .map(|&i| (x[i as usize * f + j] - m).powi(2))
            .sum::<f64>()
            / train.len() as f64;
        let sd = if var.sqrt() > 1e-12 { var.sqrt() } else { 1.0 };
        for i in 0..data.len() {
            out[i * f + j] = (x[i * f + j] - m) / sd;
        }
    }
    (out, f)
}

#[test]
fn standardised_on_the_training_split_only() {
    let tr = synthetic(60, 1);
    let s = Solver::with_features(&tr, None, cfg(), FeatureKind::HogColorHist).unwrap();
    let train = s.split().train.clone();
    assert_eq!(train.len(), 40);
    let (want, f) = reference_rows(&tr, &train, FeatureKind::HogColorHist);
    let all: Vec<u32> = (0..tr.len() as u32).collect();
    let got = s.rows(&tr, &all).unwrap();
    assert_eq!(s.model.d, f + 1, "F features and the bias column");
    assert_eq!(got.len(), tr.len() * (f + 1));
    for i in 0..tr.len() {
        for j in 0..f {
            let (g, w) = (got[i * (f + 1) + j] as f64, want[i * f + j]);
            assert!(
                (g - w).abs() <= 1e-4 * (1.0 + w.abs()),
                "row {i} col {j}: {g} vs {w}"
            );
        }
        assert_eq!(got[i * (f + 1) + f], 1.0, "bias column");
    }
    // the statistics are the training split's, not those of every loaded record
    let raw = extract(FeatureKind::HogColorHist, &tr.images, H, W, 3).unwrap();
    let st = s.standardizer().expect("a feature run");
    let mean_of = |rows: &[u32], j: usize| {
        rows.iter()
            .map(|&i| raw[i as usize * f + j] as f64)
            .sum::<f64>()
            / rows.len() as f64
    };
    let all_rows: Vec<u32> = (0..tr.len() as u32).collect();
    let mut differs = 0;
    for j in 0..f {
        let (m_train, m_all) = (mean_of(&train, j), mean_of(&all_rows, j));
        assert!(
            (st.mean[j] as f64 - m_train).abs() <= 1e-5 * (1.0 + m_train.abs()),
            "mean {j}"
        );
        if (m_train - m_all).abs() > 1e-3 * (1.0 + m_all.abs()) {
            differs += 1;
        }
    }
    assert!(
        differs > f / 2,
        "the validation rows would move {differs} of {f} means"
    );
}

#[test]
fn one_sgd_step_matches_an_f64_softmax_reference() {
    let tr = synthetic(60, 2);
    for kind in [
        FeatureKind::Hog,
        FeatureKind::ColorHist,
        FeatureKind::HogColorHist,
    ] {
        let c = cfg();
        let mut s = Solver::with_features(&tr, None, c, kind).unwrap();
        let (x, f) = reference_rows(&tr, &s.split().train, kind);
        let d = f + 1;
        let k = 10;
        let w0: Vec<f64> = s.model.w.iter().map(|&v| v as f64).collect();
        assert_eq!(w0.len(), d * k);
        // batch_size = num_train: the first minibatch is the whole training split (any order)
        let batch = s.split().train.clone();
        let n = batch.len() as f64;
        let mut data_loss = 0.0;
        let mut dw = vec![0.0; d * k];
        for &i in &batch {
            let row: Vec<f64> = x[i as usize * f..(i as usize + 1) * f]
                .iter()
                .copied()
                .chain([1.0])
                .collect();
            let scores: Vec<f64> = (0..k)
                .map(|cl| (0..d).map(|j| row[j] * w0[j * k + cl]).sum())
                .collect();
            let mx = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let z: f64 = scores.iter().map(|v| (v - mx).exp()).sum();
            let y = tr.labels[i as usize] as usize;
            data_loss += -((scores[y] - mx).exp() / z).ln() / n;
            for cl in 0..k {
                let p = (scores[cl] - mx).exp() / z - if cl == y { 1.0 } else { 0.0 };
                for j in 0..d {
                    dw[j * k + cl] += row[j] * p / n;
                }
            }
        }
        let reg = c.reg as f64;
        let reg_loss = reg * w0.iter().map(|v| v * v).sum::<f64>();
        let want_w: Vec<f64> = w0
            .iter()
            .zip(&dw)
            .map(|(w, g)| w - c.learning_rate as f64 * (g + 2.0 * reg * w))
            .collect();
        assert!(s.step(&tr).unwrap());
        let got_loss = s.loss_history[0] as f64;
        assert!(
            (got_loss - (data_loss + reg_loss)).abs() < 1e-5,
            "{kind:?}: loss {got_loss} vs {}",
            data_loss + reg_loss
        );
        let got_w: Vec<f64> = s.model.w.iter().map(|&v| v as f64).collect();
        common::assert_close(&got_w, &want_w, 1e-6, &format!("{kind:?} w after one step"));
    }
}

#[test]
fn test_predictions_match_f64_scores_and_the_uncached_path() {
    let (tr, te) = (synthetic(60, 3), synthetic(30, 4));
    let mut s = Solver::with_features(&tr, Some(&te), cfg(), FeatureKind::HogColorHist).unwrap();
    s.train(&tr, 30).unwrap();
    assert_eq!(s.iteration(), 30);
    // reference: the test features standardised with the training split's statistics
    let f = FeatureKind::HogColorHist.dim(H, W, 3);
    let xt: Vec<f64> = extract(FeatureKind::HogColorHist, &te.images, H, W, 3)
        .unwrap()
        .into_iter()
        .map(f64::from)
        .collect();
    let st = s.standardizer().expect("a feature run");
    let w: Vec<f64> = s.model.w.iter().map(|&v| v as f64).collect();
    let want: Vec<u16> = (0..te.len())
        .map(|i| {
            let scores: Vec<f64> = (0..10)
                .map(|cl| {
                    (0..f)
                        .map(|j| {
                            (xt[i * f + j] - st.mean[j] as f64) / st.std[j] as f64 * w[j * 10 + cl]
                        })
                        .sum::<f64>()
                        + w[f * 10 + cl]
                })
                .collect();
            (0..10)
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                .unwrap() as u16
        })
        .collect();
    let got = s.predict(&te, None).unwrap();
    assert_eq!(got, want);
    let correct = want.iter().zip(&te.labels).filter(|(p, l)| p == l).count();
    assert_eq!(
        s.check_accuracy(&te, None).unwrap(),
        correct as f32 / te.len() as f32
    );
    assert!(correct as f32 / te.len() as f32 > 0.5, "learnable data");
    // a copy of the test data is not the cached one: its rows are computed on the spot, the same
    let copy = te.clone();
    let all: Vec<u32> = (0..te.len() as u32).collect();
    assert_eq!(
        bits(&s.scores(&copy, &all).unwrap()),
        bits(&s.scores(&te, &all).unwrap())
    );
    // and a run without the test cache gives the same training and predictions
    let mut u = Solver::with_features(&tr, None, cfg(), FeatureKind::HogColorHist).unwrap();
    u.train(&tr, 30).unwrap();
    assert_eq!(bits(&u.loss_history), bits(&s.loss_history));
    assert_eq!(u.predict(&te, None).unwrap(), got);
}

#[test]
fn pixels_is_exactly_solver_new() {
    let (tr, te) = (synthetic(60, 5), synthetic(20, 6));
    let c = TrainConfig {
        learning_rate: 1e-6,
        reg: 1.0,
        batch_size: 10,
        ..cfg()
    };
    let mut a = Solver::new(&tr, c).unwrap();
    let mut b = Solver::with_features(&tr, Some(&te), c, FeatureKind::Pixels).unwrap();
    assert_eq!(b.features(), FeatureKind::Pixels);
    assert!(b.standardizer().is_none());
    a.train(&tr, 30).unwrap();
    b.train(&tr, 30).unwrap();
    assert_eq!(bits(&a.loss_history), bits(&b.loss_history));
    assert_eq!(bits(&a.model.w), bits(&b.model.w));
    assert_eq!(a.predict(&te, None).unwrap(), b.predict(&te, None).unwrap());
    assert_eq!(a.templates_rgba(&tr), b.templates_rgba(&tr));
}

#[test]
fn every_update_rule_and_both_losses_train_on_features() {
    let tr = synthetic(60, 7);
    for loss in [LossKind::Softmax, LossKind::Svm] {
        for rule in [
            UpdateRule::Gd,
            UpdateRule::Sgd,
            UpdateRule::SgdMomentum,
            UpdateRule::Nesterov,
            UpdateRule::Adagrad,
            UpdateRule::Rmsprop,
            UpdateRule::Adam,
            UpdateRule::Lbfgs,
        ] {
            let c = TrainConfig {
                loss,
                update_rule: rule,
                learning_rate: 0.01,
                batch_size: 20,
                ..cfg()
            };
            let mut s = Solver::with_features(&tr, None, c, FeatureKind::HogColorHist).unwrap();
            s.train(&tr, 30).unwrap();
            let h = &s.loss_history;
            assert!(!s.diverged(), "{loss:?} {rule:?}");
            assert!(h.iter().all(|v| v.is_finite()), "{loss:?} {rule:?}");
            assert!(
                h.last().unwrap() < &h[0],
                "{loss:?} {rule:?}: loss {} → {}",
                h[0],
                h.last().unwrap()
            );
            let acc = s.val_acc(&tr).unwrap();
            assert!((0.0..=1.0).contains(&acc));
        }
    }
}

#[test]
fn pixel_views_refuse_a_feature_run() {
    let tr = synthetic(60, 8);
    let mut s = Solver::with_features(&tr, None, cfg(), FeatureKind::Hog).unwrap();
    assert_eq!(s.features(), FeatureKind::Hog);
    assert!(s.templates_rgba(&tr).is_empty());
    let e = AlgebraicView::new(&s, &tr, 0, 5).unwrap_err().to_string();
    assert!(e.contains("features=hog"), "{e}");
    let p = Solver::new(&tr, cfg()).unwrap();
    let wt = classplay::weights::Weights::of(&p, &tr);
    let e = classplay::weights::install(&mut s, &wt)
        .unwrap_err()
        .to_string();
    assert!(e.contains("pixel weights"), "{e}");
    // images too small for one HOG cell are refused with a message, not a panic
    let tiny = Dataset {
        height: 4,
        width: 4,
        channels: 1,
        images: vec![7; 16 * 60],
        labels: (0..60).map(|i| (i % 10) as u16).collect(),
        ..Dataset::empty(DatasetKind::Mnist)
    };
    assert!(Solver::with_features(&tiny, None, cfg(), FeatureKind::Hog).is_err());
}

/// Real CIFAR-10 (10 000 training records, the 10 000 test records) with the train mode's
/// defaults for CIFAR-10 and the features' learning_rate / reg: far above pixels' ≈ 0.35.
#[test]
fn cifar10_hog_color_hist_with_the_default_settings() {
    let (Some(b1), Some(tb)) = (
        common::cifar10_batch("data_batch_1"),
        common::cifar10_batch("test_batch"),
    ) else {
        return;
    };
    let mut tr = Dataset::empty(DatasetKind::Cifar10);
    tr.append_cifar_bin(&b1, None).unwrap();
    let mut te = Dataset::empty(DatasetKind::Cifar10);
    te.append_cifar_bin(&tb, None).unwrap();
    let c = TrainConfig {
        num_train: 9000,
        num_val: 1000,
        learning_rate: LINEAR_LEARNING_RATE,
        reg: LINEAR_REG,
        ..TrainConfig::default()
    };
    let mut s = Solver::with_features(&tr, Some(&te), c, FeatureKind::HogColorHist).unwrap();
    s.train(&tr, c.num_iters).unwrap();
    let acc = s.check_accuracy(&te, None).unwrap();
    assert!(acc > 0.45, "test accuracy {acc}");
}

/// "Draw a digit" on a feature run: the drawing's features are computed on the spot, standardised
/// with the run's statistics, and score exactly as the same image among the training records.
#[test]
fn a_drawing_is_scored_through_its_features() {
    let n = 60;
    let mut images = Vec::with_capacity(n * 28 * 28);
    for i in 0..n {
        for r in 0..28 {
            for c in 0..28 {
                let on = (r * 7 + c * (i % 10 + 1)) % 11 < 4 && (4..24).contains(&r);
                images.push(if on { 255 } else { (i * 3 % 20) as u8 });
            }
        }
    }
    let tr = Dataset {
        height: 28,
        width: 28,
        channels: 1,
        images,
        labels: (0..n).map(|i| (i % 10) as u16).collect(),
        ..Dataset::empty(DatasetKind::Mnist)
    };
    let mut s = Solver::with_features(&tr, None, cfg(), FeatureKind::HogColorHist).unwrap();
    s.train(&tr, 10).unwrap();
    assert_eq!(
        s.model.d,
        81 + 10 + 1,
        "3×3 cells of 9 bins, 10 intensity bins, bias"
    );
    for i in [0u32, 17, 59] {
        let image = tr.image(i as usize).to_vec();
        let a = classplay::draw::linear_answer(&s, &tr, &image).unwrap();
        assert_eq!(
            bits(&a.scores),
            bits(&s.scores(&tr, &[i]).unwrap()),
            "record {i}"
        );
        assert!((a.probs.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }
}
