//! Few-shot episodes on features (issue 12, item 1): the same episodes as on pixels, each query
//! labelled by its nearest support image in HOG space, against an independent f64 reference
//! (standardisation and nearest neighbour written here); the pixel accuracies reported beside
//! them are the pixel run's bit for bit; colour histograms are refused on grayscale images.
//! Prints the figures pixels vs features with the page's default settings.

mod common;
mod zip;
use classplay::features::{extract, FeatureKind};
use classplay::fewshot::{evaluate, FewShot, FewShotConfig, PoolFeatures};
use classplay::models::knn::Metric;
use classplay::omniglot::decode_gray_png;
use classplay::{Dataset, DatasetKind};
use std::sync::Arc;

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

/// CIFAR-10's test batch (10 000 images), when the data is beside the clone.
fn cifar10_test() -> Option<Dataset> {
    let bytes = common::cifar10_batch("test_batch")?;
    let mut d = Dataset::empty(DatasetKind::Cifar10);
    d.append_cifar_bin(&bytes, None).unwrap();
    Some(d)
}

/// Omniglot's "background small 1" set as the page builds it (tests/fewshot_omniglot.rs).
fn omniglot_small1() -> Dataset {
    let mut files = zip::unzip(&common::repo_file(
        "data/omniglot/images_background_small1.zip",
    ));
    files.retain(|(n, _)| n.ends_with(".png"));
    files.sort();
    let class_of = |n: &str| {
        let parts: Vec<&str> = n.split('/').collect();
        format!("{}/{}", parts[1], parts[2])
    };
    let mut names: Vec<String> = files.iter().map(|(n, _)| class_of(n)).collect();
    names.dedup();
    let mut d = Dataset::custom(105, 105, 1, names.clone()).unwrap();
    let (mut pixels, mut labels) = (Vec::new(), Vec::new());
    for (n, b) in &files {
        pixels.extend(decode_gray_png(b, n).unwrap().2);
        labels.push(names.iter().position(|c| *c == class_of(n)).unwrap() as u16);
    }
    d.append_pixels(&pixels, &labels).unwrap();
    d
}

/// Reference: features of every record standardised in f64, column by column, with the mean
/// and population std of `rows` (a constant column maps to 0).
fn ref_standardise(x: &[f32], f: usize, rows: &[usize]) -> Vec<Vec<f64>> {
    let n = x.len() / f;
    let mut out = vec![vec![0f64; f]; n];
    for j in 0..f {
        let col = |i: usize| x[i * f + j] as f64;
        let mean = rows.iter().map(|&i| col(i)).sum::<f64>() / rows.len() as f64;
        let var = rows.iter().map(|&i| (col(i) - mean).powi(2)).sum::<f64>() / rows.len() as f64;
        let sd = if var.sqrt() > 1e-12 { var.sqrt() } else { 1.0 };
        for (i, row) in out.iter_mut().enumerate() {
            row[j] = (col(i) - mean) / sd;
        }
    }
    out
}

/// Reference: accuracy of one episode, each query given the class of its nearest support row
/// (the first on equal distances); support is class by class, `k_shot` each.
fn ref_episode(
    z: &[Vec<f64>],
    support: &[u32],
    queries: &[u32],
    labels: &[u16],
    k_shot: usize,
    metric: Metric,
) -> f32 {
    let mut correct = 0;
    for (&q, &truth) in queries.iter().zip(labels) {
        let mut best = (f64::INFINITY, 0);
        for (j, &s) in support.iter().enumerate() {
            let d: f64 = z[q as usize]
                .iter()
                .zip(&z[s as usize])
                .map(|(a, b)| match metric {
                    Metric::L2 => (a - b) * (a - b),
                    Metric::L1 => (a - b).abs(),
                })
                .sum();
            if d < best.0 {
                best = (d, j);
            }
        }
        if (best.1 / k_shot) as u16 == truth {
            correct += 1;
        }
    }
    correct as f32 / queries.len() as f32
}

/// Runs `cfg` on pixels and on `kind`; checks the feature run against the reference (pool
/// standardisation) and its pixel accuracies against the pixel run. Returns (pixels, features,
/// features standardised on each episode's support set instead) mean accuracies.
fn check(d: &Dataset, cfg: FewShotConfig, kind: FeatureKind) -> (f32, f32, f32) {
    let pixels = evaluate(d, cfg).unwrap();
    let pool = Arc::new(PoolFeatures::new(d, kind).unwrap());
    let mut fs = FewShot::new(d, cfg).unwrap();
    fs.use_features(Arc::clone(&pool)).unwrap();
    assert_eq!(fs.features(), Some(kind));
    fs.run(d, cfg.num_episodes).unwrap();
    assert_eq!(
        fs.pixel_accuracies(),
        &pixels.accuracies[..],
        "the same episodes on pixels"
    );

    let raw = extract(kind, &d.images, d.height, d.width, d.channels).unwrap();
    let f = kind.dim(d.height, d.width, d.channels);
    let all: Vec<usize> = (0..d.len()).collect();
    let z = ref_standardise(&raw, f, &all);
    // The episodes themselves, from a pixel stream (the draw does not depend on the features).
    let mut stream = FewShot::new(d, cfg).unwrap();
    let (mut on_support, mut viewer) = (0f64, FewShot::new(d, cfg).unwrap());
    viewer.use_features(pool).unwrap();
    for (i, &acc) in fs.accuracies().iter().enumerate() {
        let e = stream.draw(d).unwrap();
        assert_eq!(e.pixel_accuracy, None);
        let ev = viewer.draw(d).unwrap();
        assert_eq!(
            (&ev.support, &ev.queries),
            (&e.support, &e.queries),
            "episode {i}: same draw"
        );
        assert_eq!(ev.pixel_accuracy, Some(e.accuracy));
        assert_eq!(ev.accuracy, acc);
        let want = ref_episode(
            &z,
            &e.support,
            &e.queries,
            &e.query_labels,
            cfg.k_shot,
            cfg.metric,
        );
        assert_eq!(acc, want, "episode {i} of {cfg:?} on {}", kind.as_str());
        for (q, &m) in ev.matched.iter().enumerate() {
            assert_eq!(ev.predicted[q] as usize, m as usize / cfg.k_shot);
        }
        // The alternative not taken: standardise on the episode's N·K support images only.
        let rows: Vec<usize> = e.support.iter().map(|&s| s as usize).collect();
        let zs = ref_standardise(&raw, f, &rows);
        on_support += ref_episode(
            &zs,
            &e.support,
            &e.queries,
            &e.query_labels,
            cfg.k_shot,
            cfg.metric,
        ) as f64;
    }
    let mean = fs.accuracies().iter().map(|&a| a as f64).sum::<f64>() / cfg.num_episodes as f64;
    (
        pixels.mean,
        mean as f32,
        (on_support / cfg.num_episodes as f64) as f32,
    )
}

/// The page's defaults (src/settings.rs FEWSHOT): 5-way 1-shot, 5 queries, 200 episodes, L2,
/// seed 1.
fn page_defaults() -> FewShotConfig {
    FewShotConfig {
        num_episodes: 200,
        ..FewShotConfig::default()
    }
}

#[test]
fn mnist_hog_episodes_match_the_reference_and_pair_with_pixels() {
    let d = mnist_test(10_000);
    let (px, hog, sup) = check(&d, page_defaults(), FeatureKind::Hog);
    println!("# few-shot MNIST test, 5-way 1-shot, 200 episodes, L2, seed 1: pixels {px:.4}, hog {hog:.4} (hog standardised on the support set instead: {sup:.4})");
    assert!(
        hog > 0.2 && px > 0.2,
        "above chance: pixels {px}, hog {hog}"
    );
    let cfg = FewShotConfig {
        n_way: 3,
        k_shot: 2,
        num_queries: 3,
        num_episodes: 40,
        metric: Metric::L1,
        seed: 7,
        ..FewShotConfig::default()
    };
    check(&mnist_test(3000), cfg, FeatureKind::Hog);
}

#[test]
fn cifar10_every_feature_kind() {
    let Some(d) = cifar10_test() else { return };
    for kind in [
        FeatureKind::Hog,
        FeatureKind::ColorHist,
        FeatureKind::HogColorHist,
    ] {
        let (px, feats, sup) = check(&d, page_defaults(), kind);
        println!("# few-shot CIFAR-10 test, 5-way 1-shot, 200 episodes, L2, seed 1: pixels {px:.4}, {} {feats:.4} (standardised on the support set instead: {sup:.4})", kind.as_str());
        assert!(feats > 0.2, "{} above chance: {feats}", kind.as_str());
    }
}

#[test]
fn omniglot_hog_within_alphabets() {
    let d = omniglot_small1();
    let (px, hog, sup) = check(&d, page_defaults(), FeatureKind::Hog);
    println!("# few-shot Omniglot small1 (within alphabets), 5-way 1-shot, 200 episodes, L2, seed 1: pixels {px:.4}, hog {hog:.4} (hog standardised on the support set instead: {sup:.4})");
    assert!(hog > 0.2, "above chance: {hog}");
}

#[test]
fn colour_histograms_and_pixels_are_refused_with_a_message() {
    let d = mnist_test(100);
    for kind in [FeatureKind::ColorHist, FeatureKind::HogColorHist] {
        let e = PoolFeatures::new(&d, kind).unwrap_err().to_string();
        assert!(
            e.contains("features") && e.contains("grayscale") && e.contains("features=hog"),
            "{e}"
        );
    }
    assert!(PoolFeatures::new(&d, FeatureKind::Pixels)
        .unwrap_err()
        .to_string()
        .contains("features"));
    // Features of other data, or chosen after episodes ran, are refused.
    let pool = Arc::new(PoolFeatures::new(&d, FeatureKind::Hog).unwrap());
    let cfg = FewShotConfig {
        num_queries: 2,
        ..FewShotConfig::default()
    };
    let other = mnist_test(200);
    assert!(FewShot::new(&other, cfg)
        .unwrap()
        .use_features(Arc::clone(&pool))
        .is_err());
    let mut fs = FewShot::new(&d, cfg).unwrap();
    fs.run(&d, 1).unwrap();
    assert!(fs.use_features(pool).is_err());
    assert!(
        fs.pixel_accuracies().is_empty(),
        "no pixel list on the pixel path"
    );
}
