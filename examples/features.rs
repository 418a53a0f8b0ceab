//! Pixels vs features: test accuracy of a linear SVM and of k-NN on raw pixels and on HOG /
//! hue-histogram features (src/features), natively on the real data. Prints the table of the
//! issue 12 closing note.
//!
//!     cargo run --release --example features -- [data=DIR] [num_train=10000] [tune=1]
//!
//! `data=DIR` holds `mnist/*.gz` and `cifar10/*.bin` (default `../shared/data`, then `data`).
//! Linear SVM: the train mode's defaults (`loss=svm`, SGD, `batch_size=200`, `num_iters=1500`,
//! `num_train=10000`, `num_val=1000`, bias trick); on pixels through the page's [`Solver`]
//! (mean image subtracted, `learning_rate=1e-5`, `reg=10`), on features by the same minibatch SGD
//! on standardised features with the bias column. k-NN: the k-NN mode's defaults (`k=3`, L2,
//! 5000 training / 500 test images); features by an exact f64 L2 brute force.
//! `tune=1` adds a small learning_rate × reg sweep on the validation split for CIFAR-10
//! hog+color_hist (the course's exercise reports 0.44–0.48 there).
//!
//! Figures (2026-12-04, `tune=1`; 10 000 training + 1 000 validation images, the full 10 000-image
//! test set for the SVM; k-NN 5 000 / 500):
//!
//!     | dataset | features | linear SVM val | linear SVM test | k-NN (k=3, L2) test |
//!     |---|---|---|---|---|
//!     | cifar10 | pixels | 0.289 | 0.2832 | 0.272 |
//!     | cifar10 | hog | 0.481 | 0.4865 | 0.326 |
//!     | cifar10 | color_hist | 0.234 | 0.2192 | 0.198 |
//!     | cifar10 | hog+color_hist | 0.492 | 0.5067 | 0.344 |
//!     | mnist | pixels | 0.892 | 0.8909 | 0.918 |
//!     | mnist | hog | 0.923 | 0.9189 | 0.842 |
//!     | mnist | color_hist | 0.282 | 0.2893 | 0.290 |
//!     | mnist | hog+color_hist | 0.932 | 0.9241 | 0.832 |
//!
//! CIFAR-10 hog+color_hist learning_rate × reg sweep (val / test): learning_rate 1e-4 → 0.447 /
//! 0.461, 3e-4 → 0.474 / 0.494, 1e-3 (the default here) → 0.492 / 0.507, 3e-3 → 0.490 / 0.509,
//! 1e-2 → 0.487 / 0.503, nearly flat in reg over 1e-3..1e-1 (reg 1 costs 1–2 points). The course's
//! exercise reports 0.44–0.48 with 49 000 training images. Two differences, neither measured
//! separately: the SGD here runs on standardised features, and HOG here counts the gradients
//! with `gx < 0` that the exercise's code drops (see `src/features/hog.rs`).
//! k-NN gains on CIFAR-10 (0.272 → 0.344) but loses on MNIST (0.918 → 0.832), where pixels are
//! already aligned, centred strokes and 3×3 cells of 81 HOG values discard the fine shape.

use classplay::features::{extract, standardize, FeatureKind};
use classplay::label::Label;
use classplay::loss::LossKind;
use classplay::models::knn::vote;
use classplay::models::linear::LinearClassifier;
use classplay::{Dataset, Solver, TrainConfig};

mod common;

/// Features `(N, F + 1)` of train ++ test, standardised on the first `num_train` rows, with the
/// bias column of ones appended.
fn features(
    kind: FeatureKind,
    tr: &Dataset,
    te: &Dataset,
    num_train: usize,
) -> (Vec<f32>, Vec<f32>, usize) {
    let (h, w, c) = (tr.height, tr.width, tr.channels);
    let f = kind.dim(h, w, c);
    let mut all = extract(kind, &tr.images, h, w, c).unwrap();
    all.extend(extract(kind, &te.images, h, w, c).unwrap());
    let idx: Vec<u32> = (0..num_train as u32).collect();
    standardize(&mut all, f, &idx).unwrap();
    let with_bias: Vec<f32> = all
        .chunks_exact(f)
        .flat_map(|r| r.iter().copied().chain([1.0]))
        .collect();
    let split = tr.len() * (f + 1);
    (
        with_bias[..split].to_vec(),
        with_bias[split..].to_vec(),
        f + 1,
    )
}

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn accuracy(m: &LinearClassifier<f32>, x: &[f32], y: &[Label]) -> f32 {
    let p = m.predict(m.view(x));
    p.iter().zip(y).filter(|(a, b)| a == b).count() as f32 / y.len() as f32
}

/// Minibatch SGD on `x (N, d)` rows `0..num_train`; returns (val_acc, test_acc).
#[allow(clippy::too_many_arguments)]
fn svm_on(
    x: &[f32],
    y: &[Label],
    d: usize,
    num_train: usize,
    num_val: usize,
    xt: &[f32],
    yt: &[Label],
    lr: f32,
    reg: f32,
) -> (f32, f32) {
    let c = 10;
    let mut rng = Rng(0x2545F4914F6CDD1D);
    let w0: Vec<f32> = (0..d * c)
        .map(|_| (rng.below(2001) as f32 - 1000.0) * 1e-7)
        .collect();
    let mut m = LinearClassifier::new(w0, Vec::new(), d, c);
    let (bs, iters) = (200, 1500);
    let mut xb = vec![0f32; bs * d];
    let mut yb = vec![0 as Label; bs];
    for _ in 0..iters {
        for i in 0..bs {
            let j = rng.below(num_train);
            xb[i * d..(i + 1) * d].copy_from_slice(&x[j * d..(j + 1) * d]);
            yb[i] = y[j];
        }
        let parts = m.loss(m.view(&xb), &yb, LossKind::Svm, reg);
        for (wv, g) in m.w.iter_mut().zip(&parts.dw) {
            *wv -= lr * g;
        }
    }
    let val = accuracy(
        &m,
        &x[num_train * d..(num_train + num_val) * d],
        &y[num_train..num_train + num_val],
    );
    (val, accuracy(&m, xt, yt))
}

/// Exact k-NN (L2, f64 sums, ties by lower index, CS231n's vote) on `x (N, d)`.
fn knn_on(x: &[f32], y: &[Label], xt: &[f32], yt: &[Label], d: usize, k: usize) -> f32 {
    let n = y.len();
    let mut hit = 0;
    for (q, &label) in xt.chunks_exact(d).zip(yt) {
        let mut ds: Vec<(f64, usize)> = (0..n)
            .map(|j| {
                (
                    x[j * d..(j + 1) * d]
                        .iter()
                        .zip(q)
                        .map(|(&a, &b)| ((a - b) as f64).powi(2))
                        .sum::<f64>(),
                    j,
                )
            })
            .collect();
        ds.sort_by(|a, b| a.partial_cmp(b).unwrap());
        hit += (vote(ds[..k].iter().map(|&(_, j)| y[j])) == label) as usize;
    }
    hit as f32 / yt.len() as f32
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dir = if std::path::Path::new("../shared/data/cifar10").exists() {
        "../shared/data".to_string()
    } else {
        "data".to_string()
    };
    let mut tune = false;
    let mut num_train = 10_000usize;
    for arg in std::env::args().skip(1) {
        match arg.split_once('=') {
            Some(("data", v)) => dir = v.into(),
            Some(("tune", v)) => tune = v == "1",
            Some(("num_train", v)) => num_train = v.parse()?,
            _ => return Err(format!("unknown argument {arg}").into()),
        }
    }
    let num_val = 1000;
    let kinds = [
        FeatureKind::Pixels,
        FeatureKind::Hog,
        FeatureKind::ColorHist,
        FeatureKind::HogColorHist,
    ];
    println!("| dataset | features | linear SVM val | linear SVM test | k-NN (k=3, L2) test |");
    println!("|---|---|---|---|---|");
    for name in ["cifar10", "mnist"] {
        let (tr, te) = common::load(name, &dir, num_train + num_val, Some(10_000))?;
        for kind in kinds {
            let (svm_val, svm_test) = if kind == FeatureKind::Pixels {
                let cfg = TrainConfig {
                    loss: LossKind::Svm,
                    num_train: num_train as u32,
                    num_val: num_val as u32,
                    ..TrainConfig::default()
                };
                let mut s = Solver::new(&tr, cfg)?;
                while !s.finished() {
                    s.train(&tr, 100)?;
                }
                (s.val_acc(&tr)?, s.check_accuracy(&te, None)?)
            } else {
                let (x, xt, d) = features(kind, &tr, &te, num_train);
                svm_on(
                    &x, &tr.labels, d, num_train, num_val, &xt, &te.labels, 1e-3, 1e-2,
                )
            };
            // k-NN mode defaults: 5000 training, 500 test images.
            let knn = if kind == FeatureKind::Pixels {
                let d = tr.dim();
                let x: Vec<f32> = tr.images[..5000 * d].iter().map(|&p| p as f32).collect();
                let xt: Vec<f32> = te.images[..500 * d].iter().map(|&p| p as f32).collect();
                knn_on(&x, &tr.labels[..5000], &xt, &te.labels[..500], d, 3)
            } else {
                let (h, w, c) = (tr.height, tr.width, tr.channels);
                let f = kind.dim(h, w, c);
                let mut x = extract(kind, &tr.images[..5000 * tr.dim()], h, w, c)?;
                let mut xt = extract(kind, &te.images[..500 * tr.dim()], h, w, c)?;
                let s = standardize(&mut x, f, &(0..5000).collect::<Vec<u32>>())?;
                s.apply(&mut xt);
                knn_on(&x, &tr.labels[..5000], &xt, &te.labels[..500], f, 3)
            };
            println!(
                "| {name} | {} | {svm_val:.3} | {svm_test:.4} | {knn:.3} |",
                kind.as_str()
            );
        }
        if tune && name == "cifar10" {
            let (x, xt, d) = features(FeatureKind::HogColorHist, &tr, &te, num_train);
            println!("\nCIFAR-10 hog+color_hist, linear SVM sweep (val / test):");
            for lr in [1e-4f32, 3e-4, 1e-3, 3e-3, 1e-2] {
                for reg in [1e-3f32, 1e-2, 1e-1, 1.0] {
                    let (v, t) = svm_on(
                        &x, &tr.labels, d, num_train, num_val, &xt, &te.labels, lr, reg,
                    );
                    println!("  learning_rate {lr:e} reg {reg:e}: val {v:.3} test {t:.4}");
                }
            }
        }
    }
    Ok(())
}
