//! k-nearest neighbours on feature vectors (f32), for `features ≠ pixels` in the k-NN and
//! few-shot modes. The pixel path stays on the exact u8 kernels of [`crate::models::knn`].

use crate::error::{Error, Result};
use crate::label::Label;
use crate::models::knn::{vote, Metric};

/// Distances `dists (N_test, N_train)` between feature rows, each accumulated in f64 in feature
/// order (no reassociation, so the scalar and SIMD wasm builds agree bit
/// for bit): L2 ranks by `Σ (a − b)²`, L1 is `Σ |a − b|`.
///
/// # Shapes
/// `x_train: (N_train, F)`, `x_test: (N_test, F)` flattened row-major, `F = f > 0`.
///
/// # Errors
/// [`Error::Shape`] when a matrix is not a whole number of `F`-rows.
///
/// Source: CS231n notes, "Image classification", §"Nearest Neighbor classifier" (L1 / L2).
pub fn compute_distances(
    x_train: &[f32],
    x_test: &[f32],
    f: usize,
    metric: Metric,
) -> Result<Vec<f64>> {
    if f == 0 || x_train.len() % f != 0 || x_test.len() % f != 0 {
        return Err(Error::Shape(format!(
            "x_train ({} values) and x_test ({} values) must be (N, F) with F = {f} > 0",
            x_train.len(),
            x_test.len()
        )));
    }
    let mut dists = Vec::with_capacity((x_test.len() / f) * (x_train.len() / f));
    for q in x_test.chunks_exact(f) {
        for t in x_train.chunks_exact(f) {
            let mut s = 0f64;
            for (&a, &b) in q.iter().zip(t) {
                let d = a as f64 - b as f64;
                s += match metric {
                    Metric::L2 => d * d,
                    Metric::L1 => d.abs(),
                };
            }
            dists.push(s);
        }
    }
    Ok(dists)
}

/// Predicted labels `(N_test,)`: the `k` nearest training rows by [`compute_distances`] (equal
/// distances: the lower training index first), then CS231n's vote (most frequent label; on a tie
/// the smallest label, [`vote`]).
///
/// # Errors
/// Shapes as [`compute_distances`], `y_train` not `(N_train,)`, or `k` outside `1..=N_train`.
///
/// Source: CS231n assignment 1, `KNearestNeighbor.predict_labels`.
pub fn predict(
    x_train: &[f32],
    y_train: &[Label],
    x_test: &[f32],
    f: usize,
    metric: Metric,
    k: usize,
) -> Result<Vec<Label>> {
    let dists = compute_distances(x_train, x_test, f, metric)?;
    let n = x_train.len() / f;
    if y_train.len() != n {
        return Err(Error::Shape(format!(
            "y_train has {} labels for {n} rows",
            y_train.len()
        )));
    }
    if k == 0 || k > n {
        return Err(Error::Config {
            key: "k",
            reason: format!("must be in 1..={n} (the training rows), got {k}"),
        });
    }
    Ok(dists
        .chunks_exact(n)
        .map(|row| {
            let mut order: Vec<usize> = (0..n).collect();
            // Total order: distance, then index (distances are finite: sums of finite squares).
            order.sort_by(|&a, &b| row[a].total_cmp(&row[b]).then(a.cmp(&b)));
            vote(order[..k].iter().map(|&j| y_train[j]))
        })
        .collect())
}
