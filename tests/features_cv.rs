//! k-fold cross-validation of k on feature rows (`features::knn::cross_validate`, the k-NN
//! mode's cross-validation with `features ≠ pixels`) against an f64 brute force written here:
//! per fold, mean and std of the fold's training part, every distance, a full sort by
//! (distance, row), a vote counted over every class. Prints CV figures pixels vs features on
//! MNIST (and CIFAR-10 when the data is beside the clone).

mod common;
use classplay::features::knn::cross_validate;
use classplay::features::{extract, FeatureKind};
use classplay::models::knn::{cross_validate as cross_validate_pixels, Metric};
use classplay::rng::{rng_for, Stream};
use classplay::{Dataset, DatasetKind};
use rand::RngExt;

/// The brute force. `per_fold`: standardise on each fold's training part (the core's rule);
/// false: on all the rows (a leak of the held-out fold, kept to show the test tells them apart).
#[allow(clippy::needless_range_loop)] // the reference indexes as the formula reads
fn brute_force(
    x: &[f32],
    y: &[u16],
    f: usize,
    metric: Metric,
    ks: &[usize],
    folds: usize,
    per_fold: bool,
) -> Vec<Vec<f32>> {
    let n = y.len();
    let classes = *y.iter().max().unwrap() as usize + 1;
    let mut acc = vec![vec![0f32; folds]; ks.len()];
    for fold in 0..folds {
        // numpy's array_split: the first n % folds folds get one more row.
        let size = |i: usize| n / folds + usize::from(i < n % folds);
        let lo: usize = (0..fold).map(size).sum();
        let hi = lo + size(fold);
        let train: Vec<usize> = (0..n).filter(|&i| i < lo || i >= hi).collect();
        let fit_rows: Vec<usize> = if per_fold {
            train.clone()
        } else {
            (0..n).collect()
        };
        let mut mean = vec![0f64; f];
        let mut sd = vec![0f64; f];
        for j in 0..f {
            let m =
                fit_rows.iter().map(|&i| x[i * f + j] as f64).sum::<f64>() / fit_rows.len() as f64;
            let v = fit_rows
                .iter()
                .map(|&i| (x[i * f + j] as f64 - m).powi(2))
                .sum::<f64>()
                / fit_rows.len() as f64;
            mean[j] = m;
            sd[j] = if v.sqrt() > 1e-12 { v.sqrt() } else { 1.0 };
        }
        let z = |i: usize, j: usize| (x[i * f + j] as f64 - mean[j]) / sd[j];
        for (ki, &k) in ks.iter().enumerate() {
            let mut correct = 0;
            for q in lo..hi {
                let mut d: Vec<(f64, usize)> = train
                    .iter()
                    .enumerate()
                    .map(|(r, &t)| {
                        let s: f64 = (0..f)
                            .map(|j| match metric {
                                Metric::L2 => (z(q, j) - z(t, j)).powi(2),
                                Metric::L1 => (z(q, j) - z(t, j)).abs(),
                            })
                            .sum();
                        (s, r)
                    })
                    .collect();
                d.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then(a.1.cmp(&b.1)));
                let mut votes = vec![0usize; classes];
                for &(_, r) in &d[..k] {
                    votes[y[train[r]] as usize] += 1;
                }
                // the most votes, the smallest label on a tie
                let best = (0..classes)
                    .max_by(|&a, &b| votes[a].cmp(&votes[b]).then(b.cmp(&a)))
                    .unwrap();
                if best as u16 == y[q] {
                    correct += 1;
                }
            }
            acc[ki][fold] = correct as f32 / (hi - lo) as f32;
        }
    }
    acc
}

/// Seeded rows: three classes around different centres, features of very different scales, and
/// a few rows with one huge feature (so where the std is fitted changes the answer).
fn toy(n: usize, f: usize, seed: u32) -> (Vec<f32>, Vec<u16>) {
    let mut rng = rng_for(seed, Stream::Split);
    let mut x = Vec::with_capacity(n * f);
    let mut y = Vec::with_capacity(n);
    for i in 0..n {
        let c = rng.random_range(0..3u32) as u16;
        for j in 0..f {
            let scale = [1.0f32, 50.0, 0.01, 7.0][j % 4];
            let centre = (c as f32 - 1.0) * scale * (1.0 + j as f32 * 0.1);
            let noise: f32 = rng.random_range(-1.5f32..1.5) * scale;
            x.push(centre + noise);
        }
        if i % 11 == 3 {
            x[i * f] += 400.0;
        }
        y.push(c);
    }
    (x, y)
}

#[test]
fn matches_the_f64_brute_force() {
    let mut leaked_differs = false;
    for (n, f, folds, metric, seed) in [
        (60, 4, 5, Metric::L2, 1),
        (73, 6, 4, Metric::L1, 2),
        (50, 3, 2, Metric::L2, 3),
        (41, 5, 7, Metric::L2, 4),
    ] {
        let (x, y) = toy(n, f, seed);
        let ks = [1, 2, 3, 5, 8, 20];
        let got = cross_validate(&x, &y, f, metric, &ks, folds).unwrap();
        assert_eq!(
            got,
            brute_force(&x, &y, f, metric, &ks, folds, true),
            "n={n} f={f} folds={folds}"
        );
        leaked_differs |= got != brute_force(&x, &y, f, metric, &ks, folds, false);
    }
    assert!(
        leaked_differs,
        "the data must tell per-fold from whole-set standardisation apart"
    );
}

#[test]
fn bad_folds_and_k_are_refused() {
    let (x, y) = toy(10, 2, 5);
    assert!(cross_validate(&x, &y, 2, Metric::L2, &[1], 1).is_err());
    assert!(cross_validate(&x, &y, 2, Metric::L2, &[1], 11).is_err());
    // 3 folds of 10: the largest fold holds 4, so training parts have at least 6 rows.
    assert!(cross_validate(&x, &y, 2, Metric::L2, &[6], 3).is_ok());
    let e = cross_validate(&x, &y, 2, Metric::L2, &[7], 3)
        .unwrap_err()
        .to_string();
    assert!(e.contains("k_choices") && e.contains("1..=6"), "{e}");
    assert!(cross_validate(&x, &y, 2, Metric::L2, &[0], 3).is_err());
    assert!(cross_validate(&x, &y, 2, Metric::L2, &[], 3).is_err());
    assert!(cross_validate(&x[..19], &y, 2, Metric::L2, &[1], 3).is_err());
    assert!(cross_validate(&x, &y[..9], 2, Metric::L2, &[1], 3).is_err());
}

fn mean_of(row: &[f32]) -> f32 {
    row.iter().sum::<f32>() / row.len() as f32
}

/// The k-NN mode's cross-validation, on the first `n` training records: pixels vs features.
fn figures(d: &Dataset, name: &str, n: usize, kinds: &[FeatureKind]) {
    let ks = [1, 3, 5, 8, 10, 12, 15, 20, 50, 100];
    let px = &d.images[..n * d.dim()];
    let y = &d.labels[..n];
    let pixels = cross_validate_pixels(px, y, d.dim(), Metric::L2, &ks, 5).unwrap();
    let line = |acc: &[Vec<f32>]| {
        let means: Vec<f32> = acc.iter().map(|r| mean_of(r)).collect();
        let best = (0..ks.len())
            .max_by(|&a, &b| means[a].total_cmp(&means[b]).then(b.cmp(&a)))
            .unwrap();
        (
            format!(
                "k=1 {:.4}, k=3 {:.4}, best k={} {:.4}",
                means[0], means[1], ks[best], means[best]
            ),
            means[best],
        )
    };
    println!(
        "# k-NN 5-fold CV, {name} first {n} training images, L2: pixels {}",
        line(&pixels).0
    );
    for &kind in kinds {
        let x = extract(kind, px, d.height, d.width, d.channels).unwrap();
        let acc = cross_validate(
            &x,
            y,
            kind.dim(d.height, d.width, d.channels),
            Metric::L2,
            &ks,
            5,
        )
        .unwrap();
        let (text, best) = line(&acc);
        println!(
            "# k-NN 5-fold CV, {name} first {n} training images, L2: {} {text}",
            kind.as_str()
        );
        assert!(best > 0.2, "{} {best}", kind.as_str());
    }
}

#[test]
fn cv_figures_mnist() {
    let mut d = Dataset::empty(DatasetKind::Mnist);
    d.append_mnist(
        &common::mnist_file("train-images-idx3-ubyte.gz"),
        &common::mnist_file("train-labels-idx1-ubyte.gz"),
        Some(5000),
    )
    .unwrap();
    figures(
        &d,
        "MNIST",
        5000,
        &[FeatureKind::Hog, FeatureKind::HogColorHist],
    );
}

#[test]
fn cv_figures_cifar10() {
    let Some(bytes) = common::cifar10_batch("data_batch_1") else {
        return;
    };
    let mut d = Dataset::empty(DatasetKind::Cifar10);
    d.append_cifar_bin(&bytes, Some(5000)).unwrap();
    figures(
        &d,
        "CIFAR-10",
        5000,
        &[
            FeatureKind::Hog,
            FeatureKind::ColorHist,
            FeatureKind::HogColorHist,
        ],
    );
}
