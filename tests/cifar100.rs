//! The built-in CIFAR-100 (data/cifar100/: PNG chunks + label files, the page's served layout) read
//! natively with the same parser the page uses, and exact k-NN on it — fine (100) and coarse (20)
//! labels, L1 and L2, k ∈ {1, 5} — equal to an independent brute-force f64 computation (full sort
//! by (distance, index), a tied vote to the smallest label).

use classplay::data::{Dataset, DatasetKind};
use classplay::label::Label;
use classplay::models::knn::{KNearestNeighbor, Metric};
use serde_json::Value;
use std::path::Path;

fn dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/cifar100"))
}

/// The first chunk of `split` with the `mode` labels, in a dataset of `kind`.
fn first_chunk(split: &str, mode: &str, kind: DatasetKind) -> Dataset {
    let m: Value =
        serde_json::from_slice(&std::fs::read(dir().join("manifest.json")).unwrap()).unwrap();
    let s = &m["splits"][split];
    let chunk = &s["chunks"][0];
    let png = std::fs::read(dir().join(chunk["file"].as_str().unwrap())).unwrap();
    let labels = std::fs::read(dir().join(s["labels"][mode]["file"].as_str().unwrap())).unwrap();
    let n = chunk["records"].as_u64().unwrap() as usize;
    let mut d = Dataset::empty(kind);
    d.append_cifar_png(&png, &labels[..n], None).unwrap();
    d
}

fn brute_force(
    train: &Dataset,
    n_train: usize,
    test: &Dataset,
    n_test: usize,
    metric: Metric,
    k: usize,
) -> Vec<Label> {
    (0..n_test)
        .map(|i| {
            let q = test.image(i);
            let mut d: Vec<(f64, usize)> = (0..n_train)
                .map(|j| {
                    let r = train.image(j);
                    let s = q.iter().zip(r).map(|(&a, &b)| {
                        let v = a as f64 - b as f64;
                        if metric == Metric::L1 {
                            v.abs()
                        } else {
                            v * v
                        }
                    });
                    (s.sum(), j)
                })
                .collect();
            d.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then(a.1.cmp(&b.1)));
            let mut counts = std::collections::BTreeMap::<Label, usize>::new();
            for &(_, j) in &d[..k] {
                *counts.entry(train.labels[j]).or_default() += 1;
            }
            let top = *counts.values().max().unwrap();
            *counts.iter().find(|(_, &c)| c == top).unwrap().0
        })
        .collect()
}

#[test]
fn exact_knn_on_cifar100_fine_and_coarse_equals_brute_force() {
    let (n_train, n_test) = (1000, 100);
    for (mode, kind, classes) in [
        ("fine", DatasetKind::Cifar100Fine, 100),
        ("coarse", DatasetKind::Cifar100Coarse, 20),
    ] {
        let train = first_chunk("train", mode, kind);
        let test = first_chunk("test", mode, kind);
        assert_eq!(train.num_classes(), classes);
        // Round-robin order (data/PROVENANCE.md): record i has fine label i mod 100.
        if mode == "fine" {
            assert!(train
                .labels
                .iter()
                .take(300)
                .enumerate()
                .all(|(i, &l)| usize::from(l) == i % 100));
        }
        let knn = KNearestNeighbor::train(
            classplay::models::view2(&train.images[..n_train * 3072], 3072).unwrap(),
            &train.labels[..n_train],
        )
        .unwrap();
        for metric in [Metric::L1, Metric::L2] {
            let d = knn
                .compute_distances(
                    classplay::models::view2(&test.images[..n_test * 3072], 3072).unwrap(),
                    metric,
                )
                .unwrap();
            for k in [1, 5] {
                let got = knn.predict_labels(d.view(), k).unwrap();
                let want = brute_force(&train, n_train, &test, n_test, metric, k);
                assert_eq!(got, want, "{mode} {metric:?} k = {k}");
            }
        }
    }
}
