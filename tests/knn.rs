//! k-NN fidelity on real data: predictions for k ∈ {1, 3, 5} with L1 and L2 equal an independent
//! brute-force f64 reference (full sort by (distance, index), numpy-style vote) on every test row
//! of CS231n's CIFAR-10 subset (first 5000 training / first 500 test records) and of MNIST's
//! (first 10 000 / first 1 000); CS231n's printed result (k = 1, L2 → 137 / 500) is reproduced.

mod common;
use classplay::data::{cifar, idx};
use classplay::label::widen;
use classplay::models::knn::{KNearestNeighbor, Metric};
use common::{cifar10_batch, mnist_file};

/// Predictions for k = 1, 3, 5 of every test row by the f64 brute force: `[k_index][row]`.
fn reference(
    train: &[u8],
    y_train: &[u8],
    test: &[u8],
    dim: usize,
    metric: Metric,
) -> [Vec<u8>; 3] {
    let train_f: Vec<f64> = train.iter().map(|&v| v as f64).collect();
    let mut out: [Vec<u8>; 3] = Default::default();
    for q in test.chunks_exact(dim) {
        let qf: Vec<f64> = q.iter().map(|&v| v as f64).collect();
        let mut d: Vec<(f64, usize)> = train_f
            .chunks_exact(dim)
            .enumerate()
            .map(|(j, r)| {
                let s: f64 = match metric {
                    Metric::L1 => qf.iter().zip(r).map(|(a, b)| (a - b).abs()).sum(),
                    Metric::L2 => qf.iter().zip(r).map(|(a, b)| (a - b) * (a - b)).sum(),
                };
                (s, j)
            })
            .collect();
        d.sort_by(|a, b| a.partial_cmp(b).unwrap());
        for (ki, k) in [1usize, 3, 5].into_iter().enumerate() {
            let mut counts = [0usize; 10];
            d[..k]
                .iter()
                .for_each(|&(_, j)| counts[y_train[j] as usize] += 1);
            out[ki].push(
                (0..10).fold(0, |best, c| if counts[c] > counts[best] { c } else { best }) as u8,
            );
        }
    }
    out
}

fn check_all(name: &str, train: &[u8], y_train: &[u8], test: &[u8], dim: usize) {
    let knn = KNearestNeighbor::train(
        classplay::models::view2(train, dim).unwrap(),
        &widen(y_train),
    )
    .unwrap();
    for metric in [Metric::L1, Metric::L2] {
        let want = reference(train, y_train, test, dim, metric);
        let d = knn
            .compute_distances(classplay::models::view2(test, knn.dim()).unwrap(), metric)
            .unwrap();
        for (ki, k) in [1usize, 3, 5].into_iter().enumerate() {
            let got = knn.predict_labels(d.view(), k).unwrap();
            let diff = got
                .iter()
                .zip(&want[ki])
                .filter(|(a, b)| **a != u16::from(**b))
                .count();
            assert_eq!(
                diff, 0,
                "{name} {metric:?} k={k}: {diff} predictions differ from the f64 brute force"
            );
        }
    }
}

#[test]
fn cifar10_cs231n_subset_matches_brute_force_and_gives_137_of_500() {
    let Some(train) = cifar10_batch("data_batch_1") else {
        return;
    };
    let Some(test) = cifar10_batch("test_batch") else {
        return;
    };
    let tr = cifar::parse_batch(&train, "data_batch_1", Some(5000)).unwrap();
    let te = cifar::parse_batch(&test, "test_batch", Some(500)).unwrap();
    let knn = KNearestNeighbor::train(
        classplay::models::view2(&tr.pixels, 3072).unwrap(),
        &widen(&tr.labels),
    )
    .unwrap();
    let pred = knn
        .predict_labels(
            knn.compute_distances(
                classplay::models::view2(&te.pixels, knn.dim()).unwrap(),
                Metric::L2,
            )
            .unwrap()
            .view(),
            1,
        )
        .unwrap();
    let correct = pred
        .iter()
        .zip(&te.labels)
        .filter(|(p, t)| **p == u16::from(**t))
        .count();
    assert_eq!(
        correct, 137,
        "CS231n prints 137 / 500 correct => accuracy 0.274"
    );
    check_all(
        "CIFAR-10 5000/500",
        &tr.pixels,
        &tr.labels,
        &te.pixels,
        3072,
    );
}

#[test]
fn mnist_first_10000_and_1000_match_brute_force() {
    let tr = idx::parse_images(
        &mnist_file("train-images-idx3-ubyte.gz"),
        "train",
        Some(10_000),
    )
    .unwrap();
    let trl = idx::parse_labels(
        &mnist_file("train-labels-idx1-ubyte.gz"),
        "train",
        Some(10_000),
    )
    .unwrap();
    let te =
        idx::parse_images(&mnist_file("t10k-images-idx3-ubyte.gz"), "test", Some(1000)).unwrap();
    check_all("MNIST 10000/1000", &tr.pixels, &trl.labels, &te.pixels, 784);
}
