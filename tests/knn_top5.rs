//! Top-5 k-NN accuracy on real data: the core's class ranking (`rank_classes`) equals an
//! independent f64 brute force (full sort by (distance, index); voted classes by votes then the
//! smaller label; then every other class in the order its first image appears in the sorted list),
//! column 0 is the prediction, and top-5 ≥ top-1. Prints the figures.

mod common;
use classplay::data::{cifar, idx};
use classplay::label::widen;
use classplay::models::knn::{KNearestNeighbor, Metric};
use classplay::models::knn_rank::top1_top5;
use common::{cifar10_batch, mnist_file};

/// Every test row's training rows sorted by (f64 distance, index), for one metric.
fn sorted_neighbours(train: &[u8], q: &[u8], dim: usize, m: Metric) -> Vec<Vec<usize>> {
    q.chunks_exact(dim)
        .map(|row| {
            let mut d: Vec<(f64, usize)> = train
                .chunks_exact(dim)
                .enumerate()
                .map(|(j, r)| {
                    let s: f64 = row
                        .iter()
                        .zip(r)
                        .map(|(&a, &b)| {
                            let t = a as f64 - b as f64;
                            if m == Metric::L1 {
                                t.abs()
                            } else {
                                t * t
                            }
                        })
                        .sum();
                    (s, j)
                })
                .collect();
            d.sort_by(|a, b| a.partial_cmp(b).unwrap());
            d.into_iter().map(|(_, j)| j).collect()
        })
        .collect()
}

/// The first five classes of each row by the documented rule, from the sorted neighbours.
fn reference_ranks(sorted: &[Vec<usize>], y: &[u16], k: usize) -> Vec<u16> {
    let mut out = Vec::new();
    for order in sorted {
        let mut votes = [0usize; 10];
        order[..k].iter().for_each(|&j| votes[y[j] as usize] += 1);
        let mut rank: Vec<u16> = (0..10u16).filter(|&c| votes[c as usize] > 0).collect();
        rank.sort_by_key(|&c| (usize::MAX - votes[c as usize], c));
        for &j in order {
            if rank.len() == 5 {
                break;
            }
            if !rank.contains(&y[j]) {
                rank.push(y[j]);
            }
        }
        out.extend(&rank[..5]);
    }
    out
}

fn check(name: &str, train: &[u8], y: &[u16], test: &[u8], y_test: &[u16], dim: usize) {
    let knn = KNearestNeighbor::train(classplay::models::view2(train, dim).unwrap(), y).unwrap();
    for metric in [Metric::L1, Metric::L2] {
        let d = knn
            .compute_distances(classplay::models::view2(test, knn.dim()).unwrap(), metric)
            .unwrap();
        let sorted = sorted_neighbours(train, test, dim, metric);
        for k in [1, 3, 10] {
            let ranks = knn.rank_classes(d.view(), k, 5).unwrap();
            assert_eq!(
                ranks,
                reference_ranks(&sorted, y, k),
                "{name} {metric:?} k={k}"
            );
            let (top1, top5) = top1_top5(&ranks, y_test, 5);
            let pred = knn.predict_labels(d.view(), k).unwrap();
            let correct = pred.iter().zip(y_test).filter(|(p, t)| p == t).count();
            assert_eq!(top1, correct as f32 / y_test.len() as f32);
            assert!(
                top5 >= top1,
                "{name} {metric:?} k={k}: top-5 {top5} < top-1 {top1}"
            );
            println!("# {name} {metric:?} k={k}: top-1 {top1:.3}, top-5 {top5:.3}");
        }
    }
}

#[test]
fn cifar10_cs231n_subset_top5() {
    let Some(train) = cifar10_batch("data_batch_1") else {
        return;
    };
    let Some(test) = cifar10_batch("test_batch") else {
        return;
    };
    let tr = cifar::parse_batch(&train, "data_batch_1", Some(1000)).unwrap();
    let te = cifar::parse_batch(&test, "test_batch", Some(200)).unwrap();
    check(
        "CIFAR-10 1000/200",
        &tr.pixels,
        &widen(&tr.labels),
        &te.pixels,
        &widen(&te.labels),
        3072,
    );
}

#[test]
fn mnist_subset_top5() {
    let img = |f, s, n| {
        idx::parse_images(&mnist_file(f), s, Some(n))
            .unwrap()
            .pixels
    };
    let lab = |f, s, n| {
        idx::parse_labels(&mnist_file(f), s, Some(n))
            .unwrap()
            .labels
    };
    let x = img("train-images-idx3-ubyte.gz", "train", 3000);
    let y = lab("train-labels-idx1-ubyte.gz", "train", 3000);
    let q = img("t10k-images-idx3-ubyte.gz", "test", 300);
    let qy = lab("t10k-labels-idx1-ubyte.gz", "test", 300);
    check("MNIST 3000/300", &x, &widen(&y), &q, &widen(&qy), 784);
}
