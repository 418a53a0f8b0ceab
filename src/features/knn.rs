//! k-nearest neighbours on feature vectors (f32), for `features ≠ pixels` in the k-NN and
//! few-shot modes. The pixel path stays on the exact u8 kernels of [`crate::models::knn`].

use super::Standardizer;
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
            dists.push(distance(q, t, metric));
        }
    }
    Ok(dists)
}

/// The distance of two feature rows of equal length, accumulated in f64 in feature order:
/// `Σ (a − b)²` (L2, squared: it ranks as L2) or `Σ |a − b|` (L1).
pub fn distance(a: &[f32], b: &[f32], metric: Metric) -> f64 {
    let mut s = 0f64;
    for (&a, &b) in a.iter().zip(b) {
        let d = a as f64 - b as f64;
        s += match metric {
            Metric::L2 => d * d,
            Metric::L1 => d.abs(),
        };
    }
    s
}

/// `num_folds`-fold cross-validation of k on raw (not yet standardised) feature rows, for the
/// k-NN mode's cross-validation with `features ≠ pixels`: folds are contiguous equal parts (as
/// numpy's `array_split` and the pixel version, [`crate::models::knn::cross_validate`]); for
/// each fold the columns are standardised with the mean and std of **that fold's training part
/// only** ([`Standardizer`]), applied to both parts, so the held-out fold plays the part of
/// unseen data exactly as the test subset does after [`crate::features::standardize`] on the
/// training subset. Then every validation row takes the `k` nearest training rows by
/// [`distance`] (equal distances: the lower row first) and CS231n's [`vote`].
///
/// Returns `accuracies[k_index][fold]` (the fraction of the fold labelled right).
///
/// # Shapes
/// `x: (N, F)` flattened row-major, `y: (N,)`, `F = f`.
///
/// # Errors
/// [`Error::Shape`] for `x` not `(N, F)` or `y` not `(N,)`; [`Error::Config`] for `num_folds`
/// outside `2..=N`, an empty `k_choices`, or a `k` outside `1..=` the smallest training part.
///
/// Source: CS231n assignment 1, `knn.ipynb` ("Cross-validation") and `features.ipynb`
/// (standardise on the training rows).
pub fn cross_validate(
    x: &[f32],
    y: &[Label],
    f: usize,
    metric: Metric,
    k_choices: &[usize],
    num_folds: usize,
) -> Result<Vec<Vec<f32>>> {
    if f == 0 || x.len() % f != 0 || x.len() / f != y.len() {
        return Err(Error::Shape(format!(
            "x ({} values) must be (N, F) with F = {f} > 0 and N = {} labels",
            x.len(),
            y.len()
        )));
    }
    let n = y.len();
    if num_folds < 2 || num_folds > n {
        return Err(Error::Config {
            key: "num_folds",
            reason: format!("must be 2..={n}, got {num_folds}"),
        });
    }
    let bounds: Vec<usize> = (0..=num_folds)
        .map(|i| i * (n / num_folds) + i.min(n % num_folds))
        .collect();
    // The smallest training part: N minus the largest fold.
    let smallest = n - (n / num_folds + usize::from(n % num_folds != 0));
    let k_max = k_choices.iter().copied().max().unwrap_or(0);
    if k_choices.is_empty() || k_choices.contains(&0) || k_max > smallest {
        return Err(Error::Config {
            key: "k_choices",
            reason: format!(
                "every k must be in 1..={smallest} (the smallest training part of {num_folds} \
                 folds of {n}), got {k_choices:?}"
            ),
        });
    }
    let mut acc = vec![vec![0f32; num_folds]; k_choices.len()];
    let mut dists = Vec::new();
    let mut order: Vec<u32> = Vec::new();
    for (fold, w) in bounds.windows(2).enumerate() {
        let (lo, hi) = (w[0], w[1]);
        let train_rows: Vec<u32> = (0..lo).chain(hi..n).map(|i| i as u32).collect();
        let st = Standardizer::fit(x, f, &train_rows)?;
        let mut x_tr: Vec<f32> = [&x[..lo * f], &x[hi * f..]].concat();
        let y_tr: Vec<Label> = [&y[..lo], &y[hi..]].concat();
        let mut x_val = x[lo * f..hi * f].to_vec();
        st.apply(&mut x_tr);
        st.apply(&mut x_val);
        let mut correct = vec![0usize; k_choices.len()];
        for (q, &truth) in x_val.chunks_exact(f).zip(&y[lo..hi]) {
            dists.clear();
            dists.extend(x_tr.chunks_exact(f).map(|t| distance(q, t, metric)));
            order.clear();
            order.extend(0..dists.len() as u32);
            // Total order: distance, then row (distances are finite sums of finite terms).
            let cmp = |a: &u32, b: &u32| {
                dists[*a as usize]
                    .total_cmp(&dists[*b as usize])
                    .then(a.cmp(b))
            };
            if k_max < order.len() {
                order.select_nth_unstable_by(k_max - 1, cmp);
            }
            order[..k_max].sort_unstable_by(cmp);
            for (ki, &k) in k_choices.iter().enumerate() {
                if vote(order[..k].iter().map(|&j| y_tr[j as usize])) == truth {
                    correct[ki] += 1;
                }
            }
        }
        for (ki, c) in correct.into_iter().enumerate() {
            acc[ki][fold] = c as f32 / (hi - lo) as f32;
        }
    }
    Ok(acc)
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
