//! k-NN test accuracy on the full MNIST (60 000 / 10 000) and CIFAR-10 (50 000 / 10 000), k = 1 and
//! 3, L1 and L2, on raw pixels with exact integer distances, and the time it took.
//!
//!     cargo run --release --example knn -- [mnist|cifar10|all] [num_train] [num_test] [verify_rows]
//!
//! `verify_rows` test rows (default 100, spread over the test set) are recomputed by an independent
//! f64 brute force (full sort, numpy-style vote) and must give the same predictions.
//! Reads data/mnist and ../shared/data/cifar10 (CLASSPLAY_DATA overrides the latter's folder).

use classplay::data::{cifar, idx};
use classplay::label::widen;
use classplay::models::knn::{vote, KNearestNeighbor, Metric};
use std::time::Instant;

struct Split {
    x: Vec<u8>,
    y: Vec<u16>,
}

fn load(name: &str, num_train: Option<usize>, num_test: Option<usize>) -> (Split, Split, usize) {
    if name == "mnist" {
        let rd = |f: &str| std::fs::read(format!("data/mnist/{f}")).expect(f);
        let tr = idx::parse_images(&rd("train-images-idx3-ubyte.gz"), "train", num_train).unwrap();
        let trl = idx::parse_labels(&rd("train-labels-idx1-ubyte.gz"), "train", num_train).unwrap();
        let te = idx::parse_images(&rd("t10k-images-idx3-ubyte.gz"), "test", num_test).unwrap();
        let tel = idx::parse_labels(&rd("t10k-labels-idx1-ubyte.gz"), "test", num_test).unwrap();
        (
            Split {
                x: tr.pixels,
                y: widen(&trl.labels),
            },
            Split {
                x: te.pixels,
                y: widen(&tel.labels),
            },
            784,
        )
    } else {
        let dir = std::env::var("CLASSPLAY_DATA").unwrap_or_else(|_| "../shared/data".into());
        let mut tr = Split {
            x: vec![],
            y: vec![],
        };
        for b in 1..=5 {
            let left = num_train.unwrap_or(50_000) - tr.y.len();
            if left == 0 {
                break;
            }
            let bytes =
                std::fs::read(format!("{dir}/cifar10/data_batch_{b}.bin")).expect("CIFAR-10 batch");
            let p = cifar::parse_batch(&bytes, "batch", Some(left)).unwrap();
            tr.x.extend(p.pixels);
            tr.y.extend(widen(&p.labels));
        }
        let bytes =
            std::fs::read(format!("{dir}/cifar10/test_batch.bin")).expect("CIFAR-10 test batch");
        let te = cifar::parse_batch(&bytes, "test", num_test).unwrap();
        (
            tr,
            Split {
                x: te.pixels,
                y: widen(&te.labels),
            },
            3072,
        )
    }
}

/// Predictions for k = 1 and 3, for test rows `rows`, both metrics: `[metric][k_index][row]`.
fn predict(knn: &KNearestNeighbor, test: &[u8], dim: usize) -> [[Vec<u16>; 2]; 2] {
    let mut out: [[Vec<u16>; 2]; 2] = Default::default();
    for (mi, metric) in [Metric::L1, Metric::L2].into_iter().enumerate() {
        for chunk in test.chunks(64 * dim) {
            let d = knn
                .compute_distances(classplay::models::view2(chunk, knn.dim()).unwrap(), metric)
                .unwrap();
            for (ki, k) in [1usize, 3].into_iter().enumerate() {
                out[mi][ki].extend(knn.predict_labels(d.view(), k).unwrap());
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map(String::as_str).unwrap_or("all");
    let num_train = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .filter(|&n: &usize| n > 0);
    let num_test = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .filter(|&n: &usize| n > 0);
    let verify: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(100);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for name in ["mnist", "cifar10"] {
        if which != "all" && which != name {
            continue;
        }
        let (tr, te, dim) = load(name, num_train, num_test);
        let knn =
            KNearestNeighbor::train(classplay::models::view2(&tr.x, dim).unwrap(), &tr.y).unwrap();
        let t0 = Instant::now();
        let per = te.y.len().div_ceil(threads);
        let parts: Vec<[[Vec<u16>; 2]; 2]> = std::thread::scope(|s| {
            let hs: Vec<_> =
                te.x.chunks(per * dim)
                    .map(|c| s.spawn(|| predict(&knn, c, dim)))
                    .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let secs = t0.elapsed().as_secs_f64();
        println!("{name}: {} train / {} test, D = {dim}, {threads} threads, {secs:.1} s for both metrics", tr.y.len(), te.y.len());
        for (mi, metric) in ["L1", "L2"].iter().enumerate() {
            for (ki, k) in [1, 3].iter().enumerate() {
                let pred: Vec<u16> = parts
                    .iter()
                    .flat_map(|p| p[mi][ki].iter().copied())
                    .collect();
                let correct = pred.iter().zip(&te.y).filter(|(p, t)| p == t).count();
                println!(
                    "  k = {k}, {metric}: {correct} / {} correct = {:.2} % accuracy ({:.2} % error)",
                    te.y.len(),
                    100.0 * correct as f64 / te.y.len() as f64,
                    100.0 - 100.0 * correct as f64 / te.y.len() as f64
                );
                // independent f64 brute force on spread-out rows
                let step = (te.y.len() / verify.max(1)).max(1);
                for i in (0..te.y.len()).step_by(step).take(verify) {
                    let q = &te.x[i * dim..(i + 1) * dim];
                    let mut d: Vec<(f64, usize)> = (0..tr.y.len())
                        .map(|j| {
                            let r = &tr.x[j * dim..(j + 1) * dim];
                            let s: f64 = q
                                .iter()
                                .zip(r)
                                .map(|(&a, &b)| {
                                    let t = a as f64 - b as f64;
                                    if mi == 0 {
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
                    let want = vote(d[..*k].iter().map(|&(_, j)| tr.y[j]));
                    assert_eq!(
                        pred[i], want,
                        "{name} {metric} k={k} row {i}: differs from the f64 brute force"
                    );
                }
            }
        }
        println!("  verified against an f64 brute force on {verify} test rows per setting");
    }
}
