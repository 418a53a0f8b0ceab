//! k-NN and few-shot on images with more than 66 051 values (issue 10, item 5): the u32 distance
//! kernels would overflow there (255²·D ≥ 2³²), so the core switches to exact u64 distances. Every
//! figure is checked against an independent naive computation: per-pixel sums in f64 (exact: every
//! partial sum is an integer below 2⁵³), ranking by `(distance, index)` and a vote whose tie goes
//! to the smaller label, written out here from the CS231n definitions.

use classplay::api::{FewShotRun, Playground};
use classplay::kernels::distance::MAX_EXACT_DIM;
use classplay::label::widen;
use classplay::models::knn::{KNearestNeighbor, Metric};
use classplay::models::view2;
use classplay::rng::{rng_for, Stream};
use rand::RngExt;

/// Naive distance of two rows in f64: `Σ|a − b|` or `Σ(a − b)²`.
fn naive_dist(a: &[u8], b: &[u8], metric: Metric) -> f64 {
    a.iter()
        .zip(b)
        .map(|(&p, &q)| {
            let diff = p as f64 - q as f64;
            match metric {
                Metric::L1 => diff.abs(),
                Metric::L2 => diff * diff,
            }
        })
        .sum()
}

/// Naive k nearest (by distance, then lower index) and the vote (ties to the smaller label).
fn naive_predict(
    x: &[u8],
    x_train: &[u8],
    y_train: &[u8],
    d: usize,
    metric: Metric,
    k: usize,
) -> Vec<(Vec<(usize, f64)>, u16)> {
    x.chunks_exact(d)
        .map(|row| {
            let mut order: Vec<(usize, f64)> = x_train
                .chunks_exact(d)
                .map(|t| naive_dist(row, t, metric))
                .enumerate()
                .collect();
            order.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap().then(a.0.cmp(&b.0)));
            order.truncate(k);
            let mut counts = [0usize; 256];
            for &(j, _) in &order {
                counts[y_train[j] as usize] += 1;
            }
            let top = *counts.iter().max().unwrap();
            let label = counts.iter().position(|&c| c == top).unwrap() as u16;
            (order, label)
        })
        .collect()
}

/// Images whose pairwise squared L2 distances pass 2³² (so a wrapped u32 would misrank them): class
/// 0 dark, class 1 bright, with noise; plus one pair of exact duplicates for the tie rule.
fn images(n: usize, d: usize, seed: u32) -> (Vec<u8>, Vec<u8>) {
    let mut rng = rng_for(seed, Stream::Init);
    let labels: Vec<u8> = (0..n).map(|i| (i % 2) as u8).collect();
    let mut x = Vec::with_capacity(n * d);
    for &l in &labels {
        let (lo, hi) = if l == 0 { (0u32, 90) } else { (120, 255) };
        x.extend((0..d).map(|_| rng.random_range(lo..=hi) as u8));
    }
    (x, labels)
}

#[test]
fn knn_past_the_u32_limit_equals_naive_u64() {
    for d in [MAX_EXACT_DIM + 1, 300 * 300] {
        let (mut x_train, y_train) = images(7, d, 1);
        // training rows 4 and 5 equal (labels 0 and 1): a distance tie, broken by the lower index
        let row4 = x_train[4 * d..5 * d].to_vec();
        x_train[5 * d..6 * d].copy_from_slice(&row4);
        let (mut x, _) = images(3, d, 2);
        x[..d].fill(255); // extremes: Σ(255 − 0)² passes 2³²
        x_train[..d].fill(0);
        let knn = KNearestNeighbor::train(view2(&x_train, d).unwrap(), &widen(&y_train)).unwrap();
        assert!(
            knn.compute_distances(view2(&x, d).unwrap(), Metric::L2)
                .is_err(),
            "u32 distances are refused (not wrapped) past D = {MAX_EXACT_DIM}"
        );
        for metric in [Metric::L1, Metric::L2] {
            let dists = knn
                .compute_distances_wide(view2(&x, d).unwrap(), metric)
                .unwrap();
            for i in 0..3 {
                for j in 0..7 {
                    let want =
                        naive_dist(&x[i * d..(i + 1) * d], &x_train[j * d..(j + 1) * d], metric);
                    assert_eq!(dists[[i, j]] as f64, want, "D = {d} {metric:?} ({i}, {j})");
                }
            }
            if metric == Metric::L2 {
                assert!(
                    dists.iter().any(|&v| v > u32::MAX as u64),
                    "the test must pass 2³²"
                );
            }
            for k in [1, 3, 7] {
                let want = naive_predict(&x, &x_train, &y_train, d, metric, k);
                let got = knn.predict(view2(&x, d).unwrap(), metric, k).unwrap();
                let nearest = knn.nearest_to(view2(&x, d).unwrap(), metric, k).unwrap();
                for (i, (order, label)) in want.iter().enumerate() {
                    assert_eq!(got[i], *label, "D = {d} {metric:?} k = {k} row {i}");
                    let got_nb: Vec<(usize, f64)> = nearest[i * k..(i + 1) * k]
                        .iter()
                        .map(|&(j, dist)| (j as usize, dist as f64))
                        .collect();
                    assert_eq!(&got_nb, order, "D = {d} {metric:?} k = {k} row {i}");
                }
                let ranks = knn
                    .rank_classes_of(view2(&x, d).unwrap(), metric, k, 2)
                    .unwrap();
                for i in 0..3 {
                    assert_eq!(ranks[2 * i], got[i]);
                }
            }
        }
    }
}

/// The wide path equals the u32 path bit for bit where both exist (so switching width at D = 66 051
/// cannot change a result).
#[test]
fn wide_distances_equal_u32_distances_below_the_limit() {
    let d = 3 * 32 * 32;
    let (x_train, y_train) = images(9, d, 3);
    let (x, _) = images(4, d, 4);
    let knn = KNearestNeighbor::train(view2(&x_train, d).unwrap(), &widen(&y_train)).unwrap();
    for metric in [Metric::L1, Metric::L2] {
        let narrow = knn
            .compute_distances(view2(&x, d).unwrap(), metric)
            .unwrap();
        let wide = knn
            .compute_distances_wide(view2(&x, d).unwrap(), metric)
            .unwrap();
        assert_eq!(narrow.mapv(|v| v as u64), wide);
        for k in [1, 4] {
            assert_eq!(
                knn.predict_labels(narrow.view(), k).unwrap(),
                knn.predict_labels(wide.view(), k).unwrap()
            );
        }
    }
}

/// An IDX images file `(n, rows, cols)` and its labels file, as the page would import them.
fn idx_pair(x: &[u8], labels: &[u8], rows: u32, cols: u32) -> (Vec<u8>, Vec<u8>) {
    let n = labels.len() as u32;
    let mut images = vec![0, 0, 8, 3];
    for v in [n, rows, cols] {
        images.extend(v.to_be_bytes());
    }
    images.extend_from_slice(x);
    let mut lab = vec![0, 0, 8, 1];
    lab.extend(n.to_be_bytes());
    lab.extend_from_slice(labels);
    (images, lab)
}

/// A 300×300 IDX pair (6 training + 3 test images) through the same `Playground` calls the page's
/// workers make: k-NN predictions, neighbours, top-2 and cross-validation, then few-shot episodes,
/// all without a panic and equal to the naive reference.
#[test]
fn idx_300x300_runs_knn_and_fewshot_through_the_page_api() {
    let d = 300 * 300;
    let (x_train, y_train) = images(6, d, 5);
    let (x_test, y_test) = images(3, d, 6);
    let (ti, tl) = idx_pair(&x_train, &y_train, 300, 300);
    let (si, sl) = idx_pair(&x_test, &y_test, 300, 300);
    let mut pg = Playground::new();
    assert!(pg.clear_custom(0, 0, 0, Vec::new()).is_ok()); // as www/import/importer.js does
    assert_eq!(pg.load_idx("train", &ti, &tl, 0).ok(), Some(6));
    assert_eq!(pg.load_idx("test", &si, &sl, 0).ok(), Some(3));
    assert!(pg.knn_setup(6, 3, "first", 7).is_ok());
    for (name, metric) in [("l1", Metric::L1), ("l2", Metric::L2)] {
        for k in [1u32, 3] {
            let want = naive_predict(&x_test, &x_train, &y_train, d, metric, k as usize);
            let got = pg.knn_predict(0, 3, name, k).ok().unwrap();
            assert_eq!(
                got,
                want.iter().map(|w| w.1).collect::<Vec<_>>(),
                "{name} k = {k}"
            );
            assert_eq!(got, widen(&y_test), "dark and bright images are told apart");
            let ranked = pg.knn_predict_ranked(0, 3, name, k, 2).ok().unwrap();
            assert_eq!(ranked.iter().step_by(2).copied().collect::<Vec<_>>(), got);
            let nb = pg.knn_neighbors(1, name, k).ok().unwrap();
            let want_nb: Vec<f64> = want[1].0.iter().flat_map(|&(j, v)| [j as f64, v]).collect();
            assert_eq!(nb, want_nb, "{name} k = {k}");
        }
        let cv = pg.knn_cross_validate(name, &[1, 3], 3).ok().unwrap();
        assert_eq!(cv, vec![1.0; 6], "{name}: well separated classes");
    }
    for metric in ["l1", "l2"] {
        let mut run = FewShotRun::new(&pg, "train", 2, 1, 2, 4, metric, 3, None)
            .ok()
            .unwrap();
        assert_eq!(run.run(&pg, 10).ok(), Some(4));
        assert!(run.done());
        assert_eq!(run.accuracies(0), vec![1.0; 4], "{metric}");
        let ep = run.next_episode(&pg).ok().unwrap();
        assert_eq!(ep.predicted(), ep.query_labels());
    }
}
