//! Evaluation views of a trained linear classifier on one split: `scores (N, C)`, top-1 / top-5
//! accuracy, the confusion matrix with per-class accuracy, the top-k classes of chosen records, and
//! the algebraic view `score_c = w_c·x + b_c` of one image. Source: CS231n notes, "Linear
//! classification", §"Interpreting a linear classifier" (the three views) and §"Softmax classifier"
//! (probabilities); ImageNet's top-5 error (Russakovsky et al., IJCV 2015, §4.1).

use crate::data::preprocess::gather_features;
use crate::data::Dataset;
use crate::error::Result;
use crate::label::Label;
use crate::loss::{softmax_probs, LossKind};
use crate::metrics::{confusion_matrix, top_k_accuracy};
use crate::models::linear::argmax;
use crate::solver::{check_dim, check_idx, Solver};

/// `scores: (N, C) = x · w (+ b)` of records `idx` of `data` under `solver`'s current weights
/// (see [`Solver::scores`]).
///
/// # Errors
/// As [`Solver::scores`].
pub fn scores(solver: &Solver, data: &Dataset, idx: &[u32]) -> Result<Vec<f32>> {
    solver.scores(data, idx)
}

/// Top-5 accuracy (`k = min(5, C)`) of records `idx` of `data` (all when `None`); see
/// [`Solver::top5_accuracy`].
///
/// # Errors
/// As [`Solver::scores`].
pub fn top5_accuracy(solver: &Solver, data: &Dataset, idx: Option<&[u32]>) -> Result<f32> {
    solver.top5_accuracy(data, idx)
}

/// Everything the page shows about one split, from one pass over it.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Classes `C`.
    pub c: usize,
    /// Indices of the evaluated records into the loaded records, `(N,)`.
    pub indices: Vec<u32>,
    /// True labels `(N,)`.
    pub labels: Vec<Label>,
    /// Predicted labels `(N,)` (argmax of the scores, first maximum on ties).
    pub pred: Vec<Label>,
    /// Top-1 accuracy in [0, 1].
    pub top1: f32,
    /// Top-5 accuracy in [0, 1] (`k = min(5, C)`).
    pub top5: f32,
}

impl Evaluation {
    /// Scores records `idx` of `data` with `solver`'s current weights and measures them.
    ///
    /// # Errors
    /// As [`scores`].
    pub fn new(solver: &Solver, data: &Dataset, idx: Vec<u32>) -> Result<Evaluation> {
        let s = scores(solver, data, &idx)?;
        let c = solver.model.c;
        let labels: Vec<Label> = idx.iter().map(|&i| data.labels[i as usize]).collect();
        let pred = s.chunks_exact(c).map(argmax).collect();
        Ok(Evaluation {
            c,
            top1: top_k_accuracy(&s, &labels, c, 1),
            top5: top_k_accuracy(&s, &labels, c, 5.min(c)),
            indices: idx,
            labels,
            pred,
        })
    }

    /// Confusion matrix `(C, C)` row-major, `[true][predicted]` counts.
    pub fn confusion(&self) -> Vec<u32> {
        confusion_matrix(&self.pred, &self.labels, self.c)
    }

    /// Per-class accuracy `(C,)`: the diagonal over the row sum (NaN for a class with no records).
    pub fn per_class_acc(&self) -> Vec<f32> {
        let m = self.confusion();
        m.chunks_exact(self.c)
            .enumerate()
            .map(|(r, row)| {
                let n: u32 = row.iter().sum();
                if n == 0 {
                    f32::NAN
                } else {
                    row[r] as f32 / n as f32
                }
            })
            .collect()
    }

    /// Positions `0..N` of the records with true class `row` and predicted class `col`, in order.
    pub fn cell(&self, row: Label, col: Label) -> Vec<u32> {
        (0..self.labels.len() as u32)
            .filter(|&i| self.labels[i as usize] == row && self.pred[i as usize] == col)
            .collect()
    }
}

/// The `k` highest classes of one row of scores, best first (lower index first on ties), with
/// their softmax probability (`LossKind::Softmax`) or raw score (`LossKind::Svm`): `[(class, value)]`.
/// Classes whose score is NaN come last (the NaN rule of [`crate::metrics`]: a NaN never wins).
pub fn top_classes(row: &[f32], k: usize, loss: LossKind) -> Vec<(Label, f32)> {
    let values = match loss {
        LossKind::Softmax => softmax_probs(row),
        LossKind::Svm => row.to_vec(),
    };
    let mut order: Vec<usize> = (0..row.len()).collect();
    // by score (not by probability: rounding may tie probabilities whose scores differ)
    order.sort_by(|&a, &b| {
        (row[a].is_nan().cmp(&row[b].is_nan()))
            .then(row[b].total_cmp(&row[a]))
            .then(a.cmp(&b))
    });
    order
        .into_iter()
        .take(k)
        .map(|j| (j as Label, values[j]))
        .collect()
}

/// The algebraic view of one image: its features and, per class, `w_c·x`, `b_c` and the score.
#[derive(Debug, Clone, PartialEq)]
pub struct AlgebraicView {
    /// Features `(D',)`: pixels minus the mean image, with the appended 1 when `bias_trick`.
    pub x: Vec<f32>,
    /// True label.
    pub label: Label,
    /// `w_c · x` over the `D` pixel features only, `(C,)` (accumulated in f64).
    pub wx: Vec<f32>,
    /// The bias `b_c` `(C,)`: the last row of `w` with the bias trick, else `b`.
    pub b: Vec<f32>,
    /// The model's scores `(C,)` (the same numbers the predictions use; `≈ wx + b` up to rounding).
    pub scores: Vec<f32>,
    /// Pixel columns chosen for display: the `num_cols` largest `|x_j|` (lower `j` on ties), ascending.
    pub cols: Vec<u32>,
    /// `w` at those columns, `(cols.len(), C)` row-major.
    pub w_cols: Vec<f32>,
}

impl AlgebraicView {
    /// The view of record `index` of `data` under `solver`'s current weights.
    ///
    /// # Errors
    /// As [`scores`].
    pub fn new(
        solver: &Solver,
        data: &Dataset,
        index: u32,
        num_cols: usize,
    ) -> Result<AlgebraicView> {
        check_dim(solver, data)?;
        check_idx(data, &[index])?;
        if solver.features() != crate::features::FeatureKind::Pixels {
            return Err(crate::error::Error::State(format!(
                "the algebraic view shows w·x over pixels; this run sees features={}",
                solver.features().as_str()
            )));
        }
        let (dim, c) = (data.dim(), solver.model.c);
        let mut x = Vec::new();
        gather_features(
            &data.images,
            dim,
            &[index],
            &solver.mean,
            solver.config().bias_trick,
            &mut x,
        );
        let w = &solver.model.w;
        let wx = (0..c)
            .map(|k| {
                (0..dim)
                    .map(|j| x[j] as f64 * w[j * c + k] as f64)
                    .sum::<f64>() as f32
            })
            .collect();
        let b = if solver.model.b.is_empty() {
            w[dim * c..(dim + 1) * c].to_vec()
        } else {
            solver.model.b.clone()
        };
        let mut order: Vec<u32> = (0..dim as u32).collect();
        order.sort_by(|&a, &b| {
            x[b as usize]
                .abs()
                .total_cmp(&x[a as usize].abs())
                .then(a.cmp(&b))
        });
        order.truncate(num_cols.min(dim));
        order.sort_unstable();
        let w_cols = order
            .iter()
            .flat_map(|&j| w[j as usize * c..(j as usize + 1) * c].iter().copied())
            .collect();
        Ok(AlgebraicView {
            scores: solver
                .model
                .scores(solver.model.view(&x))
                .into_raw_vec_and_offset()
                .0,
            label: data.labels[index as usize],
            x,
            wx,
            b,
            cols: order,
            w_cols,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_classes_probabilities_and_scores() {
        let row = [1.0f32, 3.0, 2.0, 3.0];
        let svm = top_classes(&row, 3, LossKind::Svm);
        assert_eq!(svm, vec![(1, 3.0), (3, 3.0), (2, 2.0)]);
        let soft = top_classes(&row, 2, LossKind::Softmax);
        let z: f32 = row.iter().map(|s| s.exp()).sum();
        assert_eq!(soft[0].0, 1);
        assert!((soft[0].1 - 3f32.exp() / z).abs() < 1e-6);
        assert_eq!(top_classes(&row, 9, LossKind::Svm).len(), 4);
    }

    /// The NaN rule: a NaN score is listed after every number (it sorted first by `total_cmp`).
    #[test]
    fn top_classes_put_nan_last() {
        let row = [f32::NAN, 0.0, 1.0];
        let top: Vec<Label> = top_classes(&row, 3, LossKind::Svm)
            .iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(top, [2, 1, 0]);
    }
}
