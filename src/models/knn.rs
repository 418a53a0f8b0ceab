//! k-nearest-neighbour classification on raw u8 pixels with exact integer distances. Source: CS231n
//! notes, "Image classification", §"k-Nearest Neighbor Classifier" and assignment 1's
//! `k_nearest_neighbor.py`.
//!
//! Tie rules (case C05), both deterministic:
//! - equal distances: the lower training index is nearer (ranking by `(distance, index)`);
//! - a tied vote: the smallest label wins (numpy's `argmax(bincount)`, as CS231n and scikit-learn).
//!
//! Width of the distances: u32 (the SIMD kernels) while `D ≤ MAX_EXACT_DIM` (66 051 values,
//! 255²·D < 2³²), u64 beyond (e.g. 300×300 images): both exact, so the ranking is the same as
//! that of the real distances for any D. [`KNearestNeighbor::predict`],
//! [`KNearestNeighbor::nearest_to`] and [`KNearestNeighbor::rank_classes_of`] pick the width.

use crate::error::{Error, Result};
use crate::kernels::distance::{
    l1_u8, l1_u8_wide, l2_squared_u8_wide, l2_squared_u8_with_norms, sq_norms_u8, sq_norms_u8_wide,
    MAX_EXACT_DIM,
};
use crate::label::Label;
use crate::models::contiguous;
use ndarray::{Array2, ArrayView2};

/// The distance of a k-NN classifier. Rankings use squared L2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Metric {
    /// Manhattan, `Σ|a − b|`.
    L1 = 0,
    /// Euclidean, ranked by `Σ(a − b)²`.
    L2 = 1,
}

/// An exact distance type of `dists`: `u32` (D ≤ [`MAX_EXACT_DIM`]) or `u64` (any D).
pub trait Distance: Copy + Ord + std::fmt::Debug + 'static {
    /// The largest value (a sentinel larger than any distance of a row).
    const MAX: Self;
    /// The distance as u64 (lossless).
    fn to_u64(self) -> u64;
}

impl Distance for u32 {
    const MAX: Self = u32::MAX;
    fn to_u64(self) -> u64 {
        self as u64
    }
}

impl Distance for u64 {
    const MAX: Self = u64::MAX;
    fn to_u64(self) -> u64 {
        self
    }
}

/// Runs `$body` with `$d` bound to the exact `dists` of `$x` in the width `D` needs (u32 up to
/// [`MAX_EXACT_DIM`], u64 beyond): the body is compiled once per width.
macro_rules! with_dists {
    ($knn:expr, $x:expr, $metric:expr, |$d:ident| $body:expr) => {
        if $knn.dim() <= MAX_EXACT_DIM {
            let $d = $knn.compute_distances($x, $metric)?;
            $body
        } else {
            let $d = $knn.compute_distances_wide($x, $metric)?;
            $body
        }
    };
}

/// A k-NN classifier: "training" memorises `x_train: (N, D)` u8 pixels and `y_train: (N,)`.
#[derive(Debug, Clone, Default)]
pub struct KNearestNeighbor {
    x_train: Vec<u8>,
    y_train: Vec<Label>,
    /// One more than the largest training label (the vote tables' size).
    num_classes: usize,
    /// `‖x_j‖²` of each training row, for the L2 expansion (D ≤ [`MAX_EXACT_DIM`], else empty).
    norms: Vec<u32>,
    /// `‖x_j‖²` exact in u64 (D > [`MAX_EXACT_DIM`], else empty).
    norms_wide: Vec<u64>,
    dim: usize,
}

impl KNearestNeighbor {
    /// Memorises the training data (O(1) work beyond the copy).
    ///
    /// # Shapes
    /// `x_train: (N, D)` u8 pixels 0..255 in standard layout, `y_train: (N,)`.
    ///
    /// # Errors
    /// [`Error::Shape`] when `x_train` has no columns, is not contiguous, or its rows are not
    /// `y_train.len()`.
    ///
    /// Source: CS231n assignment 1, `KNearestNeighbor.train`.
    pub fn train(x_train: ArrayView2<u8>, y_train: &[Label]) -> Result<Self> {
        let dim = x_train.ncols();
        if dim == 0 || x_train.nrows() != y_train.len() {
            return Err(Error::Shape(format!(
                "x_train is {:?}, expected (y_train.len() = {}, D > 0)",
                x_train.shape(),
                y_train.len()
            )));
        }
        let x = contiguous(&x_train, "x_train")?;
        let narrow = dim <= MAX_EXACT_DIM;
        Ok(KNearestNeighbor {
            x_train: x.to_vec(),
            y_train: y_train.to_vec(),
            num_classes: y_train
                .iter()
                .map(|&l| usize::from(l) + 1)
                .max()
                .unwrap_or(0),
            norms: if narrow {
                sq_norms_u8(x, dim)
            } else {
                Vec::new()
            },
            norms_wide: if narrow {
                Vec::new()
            } else {
                sq_norms_u8_wide(x, dim)
            },
            dim,
        })
    }

    /// Training row `j`, `(D,)`.
    pub fn train_row(&self, j: usize) -> &[u8] {
        &self.x_train[j * self.dim..(j + 1) * self.dim]
    }

    /// Labels of the training records, `(num_train,)`.
    pub fn num_classes(&self) -> usize {
        self.num_classes
    }

    /// The training labels `(N,)`.
    pub fn labels(&self) -> &[Label] {
        &self.y_train
    }

    /// Values per record `D`.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Number of memorised training records.
    pub fn num_train(&self) -> usize {
        self.y_train.len()
    }

    /// `x` checked against the training rows, as its row-major slice.
    fn test_slice<'a>(&self, x: &ArrayView2<'a, u8>) -> Result<&'a [u8]> {
        if x.ncols() != self.dim {
            return Err(Error::Shape(format!(
                "x is {:?}, expected (num_test, D = {})",
                x.shape(),
                self.dim
            )));
        }
        contiguous(x, "x")
    }

    /// `dists: (num_test, num_train)` between the test rows and the training rows: L1, or
    /// squared L2 (ranked without the root), exact u32. Only for `D ≤ MAX_EXACT_DIM` (66 051);
    /// [`KNearestNeighbor::compute_distances_wide`] takes any D.
    ///
    /// # Shapes
    /// `x: (num_test, D)` u8 pixels 0..255 in standard layout; returns `(num_test, num_train)`.
    ///
    /// # Errors
    /// [`Error::Shape`] when `x` has another `D` than the training rows, is not contiguous, or
    /// `D > MAX_EXACT_DIM` (a u32 distance could overflow).
    ///
    /// Source: CS231n assignment 1, `compute_distances_no_loops`.
    pub fn compute_distances(&self, x: ArrayView2<u8>, metric: Metric) -> Result<Array2<u32>> {
        let xs = self.test_slice(&x)?;
        if self.dim > MAX_EXACT_DIM {
            return Err(Error::Shape(format!(
                "u32 distances need D ≤ {MAX_EXACT_DIM} values per image, got {}: use the u64 distances",
                self.dim
            )));
        }
        let (m, n) = (x.nrows(), self.num_train());
        let mut dists = vec![0u32; m * n];
        match metric {
            Metric::L1 => l1_u8(xs, &self.x_train, m, n, self.dim, &mut dists),
            Metric::L2 => {
                l2_squared_u8_with_norms(xs, &self.x_train, &self.norms, m, n, self.dim, &mut dists)
            }
        }
        Array2::from_shape_vec((m, n), dists).map_err(|e| Error::Shape(e.to_string()))
    }

    /// [`KNearestNeighbor::compute_distances`] exact in u64 for any `D` (255²·D < 2⁶⁴): the u8
    /// kernels on blocks of 65 536 values, summed in u64 (`kernels::distance::*_u8_wide`). Equal
    /// to the u32 distances wherever those exist.
    ///
    /// # Shapes
    /// `x: (num_test, D)` u8 pixels 0..255 in standard layout; returns `(num_test, num_train)`.
    ///
    /// # Errors
    /// [`Error::Shape`] when `x` has another `D` than the training rows or is not contiguous.
    ///
    /// Source: CS231n assignment 1, `compute_distances_no_loops`.
    pub fn compute_distances_wide(&self, x: ArrayView2<u8>, metric: Metric) -> Result<Array2<u64>> {
        let xs = self.test_slice(&x)?;
        let (m, n) = (x.nrows(), self.num_train());
        let mut dists = vec![0u64; m * n];
        match metric {
            Metric::L1 => l1_u8_wide(xs, &self.x_train, m, n, self.dim, &mut dists),
            Metric::L2 => {
                let computed;
                let bb = if self.norms_wide.len() == n {
                    &self.norms_wide
                } else {
                    computed = sq_norms_u8_wide(&self.x_train, self.dim);
                    &computed
                };
                l2_squared_u8_wide(xs, &self.x_train, bb, m, n, self.dim, &mut dists)
            }
        }
        Array2::from_shape_vec((m, n), dists).map_err(|e| Error::Shape(e.to_string()))
    }

    /// Predicted labels of the test rows `x` (distances in the width D needs, then
    /// [`KNearestNeighbor::predict_labels`]).
    ///
    /// # Shapes
    /// `x: (num_test, D)`; returns `y_pred: (num_test,)`.
    ///
    /// # Errors
    /// As [`KNearestNeighbor::compute_distances_wide`] and [`KNearestNeighbor::nearest`].
    ///
    /// Source: CS231n assignment 1, `KNearestNeighbor.predict`.
    pub fn predict(&self, x: ArrayView2<u8>, metric: Metric, k: usize) -> Result<Vec<Label>> {
        with_dists!(self, x, metric, |d| self.predict_labels(d.view(), k))
    }

    /// The `k` nearest training rows of each test row of `x` with their exact distances (squared
    /// for L2), nearest first, ties by lower index.
    ///
    /// # Shapes
    /// `x: (num_test, D)`; returns `(num_test, k)` row-major pairs `(train_row, distance)`.
    ///
    /// # Errors
    /// As [`KNearestNeighbor::predict`].
    pub fn nearest_to(
        &self,
        x: ArrayView2<u8>,
        metric: Metric,
        k: usize,
    ) -> Result<Vec<(u32, u64)>> {
        with_dists!(self, x, metric, |d| {
            let nb = self.nearest(d.view(), k)?;
            Ok(nb
                .chunks_exact(k)
                .enumerate()
                .flat_map(|(i, row)| row.iter().map(move |&j| (i, j)))
                .map(|(i, j)| (j, d[[i, j as usize]].to_u64()))
                .collect())
        })
    }

    /// The first `top` classes of each test row of `x` in the ranking of
    /// [`KNearestNeighbor::rank_classes`].
    ///
    /// # Shapes
    /// `x: (num_test, D)`; returns `(num_test, top)` row-major.
    ///
    /// # Errors
    /// As [`KNearestNeighbor::predict`]; `top` outside 1..=255.
    pub fn rank_classes_of(
        &self,
        x: ArrayView2<u8>,
        metric: Metric,
        k: usize,
        top: usize,
    ) -> Result<Vec<Label>> {
        with_dists!(self, x, metric, |d| self.rank_classes(d.view(), k, top))
    }

    /// `dists` checked against the training records, as its row-major slice.
    fn dists_slice<'a, T: Distance>(&self, dists: &ArrayView2<'a, T>) -> Result<&'a [T]> {
        if dists.ncols() != self.num_train() {
            return Err(Error::Shape(format!(
                "dists is {:?}, expected (num_test, num_train = {})",
                dists.shape(),
                self.num_train()
            )));
        }
        contiguous(dists, "dists")
    }

    /// Indices of the `k` nearest training records of each row of `dists: (num_test, num_train)`,
    /// nearest first, ties by lower index.
    ///
    /// # Shapes
    /// `dists: (num_test, num_train)` (standard layout); returns `(num_test, k)` row-major.
    ///
    /// # Errors
    /// [`Error::Config`] when `k` is 0 or exceeds `num_train`; [`Error::Shape`] when `dists`
    /// has another column count than the training records or is not contiguous.
    pub fn nearest<T: Distance>(&self, dists: ArrayView2<T>, k: usize) -> Result<Vec<u32>> {
        let n = self.num_train();
        if k == 0 || k > n {
            return Err(Error::config(
                "k",
                format!("must be 1..={n} (the training records), got {k}"),
            ));
        }
        let dists = self.dists_slice(&dists)?;
        let mut out = Vec::with_capacity(dists.len() / n * k);
        let mut order: Vec<(T, u32)> = Vec::with_capacity(n);
        for row in dists.chunks_exact(n) {
            order.clear();
            order.extend(row.iter().enumerate().map(|(j, &d)| (d, j as u32)));
            // (distance, index) is a total order, so selection then sort is deterministic.
            if k < n {
                order.select_nth_unstable(k - 1);
            }
            order[..k].sort_unstable();
            out.extend(order[..k].iter().map(|&(_, j)| j));
        }
        Ok(out)
    }

    /// Majority vote of the `k` nearest neighbours for every test row; a tied vote goes to the
    /// smallest label.
    ///
    /// # Shapes
    /// `dists: (num_test, num_train)`; returns `y_pred: (num_test,)`.
    ///
    /// # Errors
    /// As [`KNearestNeighbor::nearest`].
    ///
    /// Source: CS231n assignment 1, `KNearestNeighbor.predict_labels`.
    pub fn predict_labels<T: Distance>(
        &self,
        dists: ArrayView2<T>,
        k: usize,
    ) -> Result<Vec<Label>> {
        let nearest = self.nearest(dists, k)?;
        Ok(nearest
            .chunks_exact(k)
            .map(|nb| vote(nb.iter().map(|&j| self.y_train[j as usize])))
            .collect())
    }
}

/// The most frequent label; on a tie the smallest label (never hash-map order).
pub fn vote(labels: impl IntoIterator<Item = Label>) -> Label {
    // (label, count) of each label seen, then the largest count, smallest label on a tie: the
    // same answer as counting into a table over every class and taking its first maximum.
    let mut counts: Vec<(Label, u32)> = Vec::new();
    for l in labels {
        match counts.iter_mut().find(|(c, _)| *c == l) {
            Some((_, n)) => *n += 1,
            None => counts.push((l, 1)),
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(0, |&(l, _)| l)
}

/// The most frequent label, or `None` when two or more labels share the top count (the 2-D view
/// shows such points in a neutral colour).
pub fn vote_or_tie(labels: impl IntoIterator<Item = Label>) -> Option<Label> {
    let labels: Vec<Label> = labels.into_iter().collect();
    let count = |l: Label| labels.iter().filter(|&&x| x == l).count();
    let best = vote(labels.iter().copied());
    let top = count(best);
    let tied = labels.iter().any(|&l| l != best && count(l) == top);
    (!tied).then_some(best)
}

/// k-NN labels of every cell centre of a `width × height` grid over the rectangle
/// `[x0, x1] × [y0, y1]` of the plane, for 2-D `points: (N, 2)` with `labels: (N,)`; cell
/// `(row, col)` is at index `row · width + col`, row 0 at `y1` (the top). A vote tie gives `255`.
///
/// # Errors
/// [`Error::Shape`] when `points` is not `(N, 2)` for the N labels; [`Error::Config`] for a `k`
/// outside `1..=N` or an empty grid.
#[allow(clippy::too_many_arguments)]
pub fn grid_2d(
    points: &[f32],
    labels: &[Label],
    k: usize,
    metric: Metric,
    width: usize,
    height: usize,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
) -> Result<Vec<u8>> {
    let n = labels.len();
    if points.len() != 2 * n {
        return Err(Error::Shape(format!(
            "points must be (N, 2) for {n} labels, got {} values",
            points.len()
        )));
    }
    if k == 0 || k > n {
        return Err(Error::config(
            "k",
            format!("must be 1..={n} (the points), got {k}"),
        ));
    }
    if width == 0 || height == 0 || width * height > 1 << 22 {
        return Err(Error::config(
            "grid",
            format!("{width}×{height} cells is outside 1..=4194304"),
        ));
    }
    let mut order: Vec<(f32, u32)> = Vec::with_capacity(n);
    let mut out = Vec::with_capacity(width * height);
    for r in 0..height {
        let y = y1 - (r as f32 + 0.5) / height as f32 * (y1 - y0);
        for c in 0..width {
            let x = x0 + (c as f32 + 0.5) / width as f32 * (x1 - x0);
            order.clear();
            order.extend(points.chunks_exact(2).enumerate().map(|(j, p)| {
                let (dx, dy) = (p[0] - x, p[1] - y);
                let d = match metric {
                    Metric::L1 => dx.abs() + dy.abs(),
                    Metric::L2 => dx * dx + dy * dy,
                };
                (d, j as u32)
            }));
            let cmp = |a: &(f32, u32), b: &(f32, u32)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
            if k < n {
                order.select_nth_unstable_by(k - 1, cmp);
            }
            out.push(crate::label::toy_byte(
                vote_or_tie(order[..k].iter().map(|&(_, j)| labels[j as usize]))
                    .unwrap_or(crate::label::NO_LABEL),
            ));
        }
    }
    Ok(out)
}

/// `num_folds`-fold cross-validation of k on `(x, y)`: folds are contiguous equal parts (as
/// numpy's `array_split`); returns `accuracies[k_index][fold]`.
///
/// # Errors
/// [`Error::Config`] for fewer than 2 folds, more folds than records, or a k larger than a
/// training fold.
pub fn cross_validate(
    x: &[u8],
    y: &[Label],
    dim: usize,
    metric: Metric,
    k_choices: &[usize],
    num_folds: usize,
) -> Result<Vec<Vec<f32>>> {
    let n = y.len();
    if num_folds < 2 || num_folds > n {
        return Err(Error::config(
            "num_folds",
            format!("must be 2..={n}, got {num_folds}"),
        ));
    }
    let bounds: Vec<usize> = (0..=num_folds)
        .map(|f| f * (n / num_folds) + f.min(n % num_folds))
        .collect();
    let mut acc = vec![vec![0f32; num_folds]; k_choices.len()];
    for f in 0..num_folds {
        let (lo, hi) = (bounds[f], bounds[f + 1]);
        let x_tr: Vec<u8> = [&x[..lo * dim], &x[hi * dim..]].concat();
        let y_tr: Vec<Label> = [&y[..lo], &y[hi..]].concat();
        let knn = KNearestNeighbor::train(crate::models::view2(&x_tr, dim)?, &y_tr)?;
        let x_val = crate::models::view2(&x[lo * dim..hi * dim], knn.dim())?;
        with_dists!(knn, x_val, metric, |dists| {
            for (ki, &k) in k_choices.iter().enumerate() {
                let pred = knn.predict_labels(dists.view(), k)?;
                let correct = pred.iter().zip(&y[lo..hi]).filter(|(p, t)| p == t).count();
                acc[ki][f] = correct as f32 / (hi - lo) as f32;
            }
        });
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Case C05: vote ties to the smallest label; distance ties to the lower training index.
    #[test]
    fn c05_tie_breaking() {
        assert_eq!(vote([2, 0, 2, 0]), 0);
        assert_eq!(vote([1, 0, 0, 0, 1]), 0);
        let q = [0u8, 0];
        let a = KNearestNeighbor::train(crate::models::view2(&[1, 0, 0, 1], 2).unwrap(), &[0, 1])
            .unwrap();
        let d = a
            .compute_distances(crate::models::view2(&q, a.dim()).unwrap(), Metric::L2)
            .unwrap();
        assert_eq!(d.as_slice().unwrap(), [1, 1]);
        assert_eq!(a.predict_labels(d.view(), 1).unwrap(), vec![0]);
        let b = KNearestNeighbor::train(crate::models::view2(&[0, 1, 1, 0], 2).unwrap(), &[1, 0])
            .unwrap();
        let d = b
            .compute_distances(crate::models::view2(&q, b.dim()).unwrap(), Metric::L2)
            .unwrap();
        assert_eq!(b.predict_labels(d.view(), 1).unwrap(), vec![1]);
        assert_eq!(
            b.predict_labels(
                b.compute_distances(crate::models::view2(&q, b.dim()).unwrap(), Metric::L1)
                    .unwrap()
                    .view(),
                1
            )
            .unwrap(),
            vec![1]
        );
    }

    #[test]
    fn ties_and_the_2d_grid() {
        assert_eq!(vote_or_tie([1, 1, 0]), Some(1));
        assert_eq!(vote_or_tie([1, 0]), None);
        // two points, classes 0 (left) and 1 (right): k=1 splits the plane at x = 0; k = 2 is a
        // tie everywhere.
        let pts = [-1.0f32, 0.0, 1.0, 0.0];
        let g = grid_2d(&pts, &[0, 1], 1, Metric::L2, 4, 2, -2.0, -1.0, 2.0, 1.0).unwrap();
        assert_eq!(g, vec![0, 0, 1, 1, 0, 0, 1, 1]);
        let g = grid_2d(&pts, &[0, 1], 2, Metric::L1, 4, 2, -2.0, -1.0, 2.0, 1.0).unwrap();
        assert_eq!(g, vec![255; 8]);
        assert!(grid_2d(&pts, &[0], 1, Metric::L2, 4, 2, -2.0, -1.0, 2.0, 1.0).is_err());
        assert!(grid_2d(&pts, &[0, 1], 3, Metric::L2, 4, 2, -2.0, -1.0, 2.0, 1.0).is_err());
    }

    #[test]
    fn nearest_is_sorted_and_k_is_checked() {
        let knn = KNearestNeighbor::train(
            crate::models::view2(&[9, 1, 5, 1, 3], 1).unwrap(),
            &[0, 1, 2, 3, 4],
        )
        .unwrap();
        let d = knn
            .compute_distances(crate::models::view2(&[2], knn.dim()).unwrap(), Metric::L1)
            .unwrap();
        assert_eq!(d.as_slice().unwrap(), [7, 1, 3, 1, 1]);
        assert_eq!(knn.nearest(d.view(), 3).unwrap(), vec![1, 3, 4]);
        assert_eq!(knn.nearest(d.view(), 5).unwrap(), vec![1, 3, 4, 2, 0]);
        assert!(knn.nearest(d.view(), 0).is_err());
        assert!(knn.nearest(d.view(), 6).is_err());
    }

    #[test]
    fn cross_validation_shapes_and_perfect_separable_data() {
        // two clusters far apart: every fold is perfect for k = 1 and 3
        let x: Vec<u8> = (0..20).map(|i| if i % 2 == 0 { 10 } else { 200 }).collect();
        let y: Vec<Label> = (0..20).map(|i| (i % 2) as Label).collect();
        let acc = cross_validate(&x, &y, 1, Metric::L2, &[1, 3], 5).unwrap();
        assert_eq!(acc, vec![vec![1.0; 5]; 2]);
        assert!(cross_validate(&x, &y, 1, Metric::L2, &[1], 1).is_err());
    }
}
