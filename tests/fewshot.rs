//! Few-shot episodes on real MNIST digits and CIFAR-10 images: seeded, reproducible, far above
//! chance (1/N); the stepwise run gives the all-at-once result bit for bit.

mod common;
use classplay::fewshot::{evaluate, FewShot, FewShotConfig, FewShotResult};
use classplay::models::knn::{KNearestNeighbor, Metric};
use classplay::rng::{rng_for, shuffle, Stream};
use classplay::{Dataset, DatasetKind};

fn mnist_test(limit: usize) -> Dataset {
    let mut d = Dataset::empty(DatasetKind::Mnist);
    d.append_mnist(
        &common::mnist_file("t10k-images-idx3-ubyte.gz"),
        &common::mnist_file("t10k-labels-idx1-ubyte.gz"),
        Some(limit),
    )
    .unwrap();
    d
}

/// The all-at-once loop as first written (before the stepwise `FewShot`), kept as the reference.
fn reference(data: &Dataset, cfg: FewShotConfig) -> Vec<f32> {
    let c = data.num_classes();
    let mut by_class: Vec<Vec<u32>> = vec![Vec::new(); c];
    for (i, &l) in data.labels.iter().enumerate() {
        by_class[l as usize].push(i as u32);
    }
    let need = cfg.k_shot + cfg.num_queries;
    let eligible: Vec<usize> = (0..c).filter(|&k| by_class[k].len() >= need).collect();
    let mut rng = rng_for(cfg.seed, Stream::Split);
    let mut out = Vec::new();
    for _ in 0..cfg.num_episodes {
        let mut classes = eligible.clone();
        shuffle(&mut classes, &mut rng);
        let (mut sx, mut sy, mut qx, mut qy) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (new_label, &cls) in classes[..cfg.n_way].iter().enumerate() {
            let mut members = by_class[cls].clone();
            shuffle(&mut members, &mut rng);
            for (t, &i) in members[..need].iter().enumerate() {
                let img = data.image(i as usize);
                if t < cfg.k_shot {
                    sx.extend_from_slice(img);
                    sy.push(new_label as u16);
                } else {
                    qx.extend_from_slice(img);
                    qy.push(new_label as u16);
                }
            }
        }
        let knn = KNearestNeighbor::train(classplay::models::view2(&sx, data.dim()).unwrap(), &sy)
            .unwrap();
        let pred = knn
            .predict_labels(
                knn.compute_distances(
                    classplay::models::view2(&qx, knn.dim()).unwrap(),
                    cfg.metric,
                )
                .unwrap()
                .view(),
                1,
            )
            .unwrap();
        let correct = pred.iter().zip(&qy).filter(|(p, t)| p == t).count();
        out.push(correct as f32 / qy.len() as f32);
    }
    out
}

#[test]
fn five_way_one_shot_mnist() {
    let d = mnist_test(2000);
    let cfg = FewShotConfig {
        num_episodes: 50,
        ..FewShotConfig::default()
    };
    let r = evaluate(&d, cfg).unwrap();
    assert_eq!(r.accuracies.len(), 50);
    assert!(
        r.mean > 0.5,
        "5-way 1-shot nearest neighbour on MNIST: {} (chance 0.2)",
        r.mean
    );
    assert!(r.std > 0.0 && r.std < 0.5);
    assert_eq!(r, evaluate(&d, cfg).unwrap(), "same seed, same episodes");
    let five_shot = evaluate(&d, FewShotConfig { k_shot: 5, ..cfg }).unwrap();
    assert!(
        five_shot.mean > r.mean,
        "more shots help: {} vs {}",
        five_shot.mean,
        r.mean
    );
    assert!(evaluate(&d, FewShotConfig { n_way: 11, ..cfg }).is_err());
    assert!(evaluate(&d, FewShotConfig { k_shot: 0, ..cfg }).is_err());
}

#[test]
fn stepwise_equals_all_at_once_and_the_first_implementation() {
    let d = mnist_test(3000);
    for cfg in [
        FewShotConfig {
            num_episodes: 37,
            ..FewShotConfig::default()
        },
        FewShotConfig {
            n_way: 7,
            k_shot: 3,
            num_queries: 2,
            num_episodes: 23,
            metric: Metric::L1,
            seed: 99,
            ..FewShotConfig::default()
        },
    ] {
        let all = evaluate(&d, cfg).unwrap();
        assert_eq!(all.accuracies, reference(&d, cfg), "{cfg:?}");
        for chunk in [1, 4, 10, 1000] {
            let mut fs = FewShot::new(&d, cfg).unwrap();
            let mut ran = 0;
            while !fs.done() {
                ran += fs.run(&d, chunk).unwrap();
            }
            assert_eq!(ran, cfg.num_episodes);
            assert_eq!(fs.run(&d, chunk).unwrap(), 0, "nothing past num_episodes");
            assert_eq!(fs.result(), all, "chunks of {chunk}");
        }
        // A second stream with the same settings draws the same episodes: episode i shown in the
        // page is episode i of the run.
        let mut viewer = FewShot::new(&d, cfg).unwrap();
        for (i, &acc) in all.accuracies.iter().enumerate() {
            let e = viewer.draw(&d).unwrap();
            assert_eq!(e.accuracy, acc, "episode {i}");
            assert_eq!(e.support.len(), cfg.n_way * cfg.k_shot);
            assert_eq!(e.queries.len(), cfg.n_way * cfg.num_queries);
            let mut classes = e.classes.clone();
            classes.sort_unstable();
            classes.dedup();
            assert_eq!(classes.len(), cfg.n_way, "N distinct classes");
            for (q, (&m, &p)) in e.matched.iter().zip(&e.predicted).enumerate() {
                let m = m as usize;
                assert_eq!(p as usize, m / cfg.k_shot, "support is class by class");
                assert_eq!(d.labels[e.support[m] as usize], e.classes[p as usize]);
                let true_class = e.classes[e.query_labels[q] as usize];
                assert_eq!(d.labels[e.queries[q] as usize], true_class);
                assert!(
                    !e.support.contains(&e.queries[q]),
                    "support and queries are disjoint"
                );
            }
        }
    }
}

#[test]
fn bad_settings_name_their_key() {
    let d = mnist_test(200);
    let key = |cfg: FewShotConfig| match FewShot::new(&d, cfg) {
        Err(classplay::Error::Config { key, .. }) => key,
        other => panic!("{other:?}"),
    };
    let base = FewShotConfig::default();
    assert_eq!(key(FewShotConfig { n_way: 1, ..base }), "n_way");
    assert_eq!(key(FewShotConfig { n_way: 11, ..base }), "n_way");
    assert_eq!(key(FewShotConfig { k_shot: 0, ..base }), "k_shot");
    assert_eq!(
        key(FewShotConfig {
            num_queries: 0,
            ..base
        }),
        "num_queries"
    );
    assert_eq!(
        key(FewShotConfig {
            num_episodes: 0,
            ..base
        }),
        "num_episodes"
    );
    // 200 records: about 20 per class, so 20 + 5 is more than any class holds.
    assert_eq!(key(FewShotConfig { k_shot: 40, ..base }), "n_way");
    // The data changed under the run: refused, never an out-of-range index.
    let mut fs = FewShot::new(&d, base).unwrap();
    assert!(fs.run(&mnist_test(100), 1).is_err());
}

fn table(d: &Dataset, name: &str, min_one_shot: f32) {
    let row = |k_shot: usize, metric: Metric| -> FewShotResult {
        let cfg = FewShotConfig {
            k_shot,
            metric,
            num_episodes: 500,
            ..FewShotConfig::default()
        };
        let r = evaluate(d, cfg).unwrap();
        let ci = 1.96 * r.std / (r.accuracies.len() as f32).sqrt();
        println!(
            "# {name} 5-way {k_shot}-shot {metric:?}: {:.3} ± {ci:.3} (95 % CI, 500 episodes × 25 queries)",
            r.mean
        );
        r
    };
    for metric in [Metric::L1, Metric::L2] {
        let one = row(1, metric);
        let five = row(5, metric);
        assert!(
            one.mean > min_one_shot,
            "{name} 5-way 1-shot {metric:?}: {} (chance 0.2)",
            one.mean
        );
        assert!(five.mean > one.mean, "{name}: 5-shot beats 1-shot");
    }
}

#[test]
fn accuracy_table_mnist_test_split() {
    table(&mnist_test(10_000), "MNIST", 0.4);
}

#[test]
fn accuracy_table_cifar10_test_split() {
    let Some(bytes) = common::cifar10_batch("test_batch") else {
        return;
    };
    let mut d = Dataset::empty(DatasetKind::Cifar10);
    d.append_cifar_bin(&bytes, None).unwrap();
    // Raw-pixel nearest neighbour is weak on CIFAR-10 (0.27 with 5000 training images), but one
    // support image per class still beats guessing.
    table(&d, "CIFAR-10", 0.23);
}
