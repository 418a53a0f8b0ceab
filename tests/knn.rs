//! k-NN on real CIFAR-10: CS231n assignment 1's subset (first 5000 training / first 500 test
//! records) must give its printed result, k = 1 with L2 → 137 / 500 correct, and the exact integer
//! path must agree with an independent f64 brute force.

mod common;
use classplay::data::cifar;
use classplay::models::knn::{KNearestNeighbor, Metric};
use common::optional_file;

#[test]
fn cs231n_subset_k1_l2_gives_137_of_500() {
    let Some(train) = optional_file("../shared/data/cifar10/data_batch_1.bin") else {
        return;
    };
    let Some(test) = optional_file("../shared/data/cifar10/test_batch.bin") else {
        return;
    };
    let tr = cifar::parse_batch(&train, "data_batch_1", Some(5000)).unwrap();
    let te = cifar::parse_batch(&test, "test_batch", Some(500)).unwrap();
    let knn = KNearestNeighbor::train(&tr.pixels, &tr.labels, 3072).unwrap();
    let dists = knn.compute_distances(&te.pixels, Metric::L2).unwrap();
    let pred = knn.predict_labels(&dists, 1).unwrap();
    let correct = pred.iter().zip(&te.labels).filter(|(p, t)| p == t).count();
    assert_eq!(
        correct, 137,
        "CS231n prints 137 / 500 correct => accuracy 0.274"
    );

    // The exact integer distances equal an f64 brute force on the first 20 test rows; so do the
    // k = 1, 3, 5 predictions (ties by index, votes by smallest label).
    for metric in [Metric::L1, Metric::L2] {
        let d = knn
            .compute_distances(&te.pixels[..20 * 3072], metric)
            .unwrap();
        for i in 0..20 {
            let q = &te.pixels[i * 3072..(i + 1) * 3072];
            let mut refd: Vec<(f64, usize)> = (0..5000)
                .map(|j| {
                    let r = &tr.pixels[j * 3072..(j + 1) * 3072];
                    let s: f64 = q
                        .iter()
                        .zip(r)
                        .map(|(&a, &b)| {
                            let t = a as f64 - b as f64;
                            if metric == Metric::L1 {
                                t.abs()
                            } else {
                                t * t
                            }
                        })
                        .sum();
                    (s, j)
                })
                .collect();
            for j in 0..5000 {
                assert_eq!(d[i * 5000 + j] as f64, refd[j].0);
            }
            refd.sort_by(|a, b| a.partial_cmp(b).unwrap());
            for k in [1usize, 3, 5] {
                let mut counts = [0usize; 10];
                refd[..k]
                    .iter()
                    .for_each(|&(_, j)| counts[tr.labels[j] as usize] += 1);
                let want =
                    (0..10).fold(0, |best, c| if counts[c] > counts[best] { c } else { best });
                let got = knn.predict_labels(&d[i * 5000..(i + 1) * 5000], k).unwrap()[0];
                assert_eq!(got as usize, want, "{metric:?} k={k} test row {i}");
            }
        }
    }
}
