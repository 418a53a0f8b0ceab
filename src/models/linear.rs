//! The linear classifier `scores = x · w (+ b)`. Source: CS231n notes, "Linear classification",
//! §"Parameterized mapping from images to label scores".

use crate::kernels::Real;
use crate::label::Label;
use crate::loss::{l2_penalty, DataLoss, LossKind, Regularization};
use ndarray::{Array2, ArrayView2, CowArray, Ix2};

/// A linear classifier over `d` features and `c` classes.
///
/// With the bias trick the features end in a column of ones and the last row of `w` is the bias
/// (regularised with the rest, as in CS231n's assignment); without it, `b: (C,)` is separate and
/// not regularised.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearClassifier<F> {
    /// Weights `(d, c)`, row-major.
    pub w: Vec<F>,
    /// Biases `(c,)`; empty with the bias trick.
    pub b: Vec<F>,
    /// Features per input (`D + 1` with the bias trick).
    pub d: usize,
    /// Classes.
    pub c: usize,
}

/// Loss and gradients of one evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct LossParts<F> {
    /// Mean data loss over the batch.
    pub data_loss: F,
    /// Regularisation loss `reg · Σ w²`.
    pub reg_loss: F,
    /// `dL/dw: (d, c)`.
    pub dw: Vec<F>,
    /// `dL/db: (c,)`; empty with the bias trick.
    pub db: Vec<F>,
}

impl<F: Real> LossParts<F> {
    /// `data_loss + reg_loss`.
    pub fn loss(&self) -> F {
        self.data_loss + self.reg_loss
    }
}

impl<F: Real> LinearClassifier<F> {
    /// A classifier with the given weights `w: (d, c)` and biases `b: (c,)` or empty.
    ///
    /// # Panics
    /// If `w.len() != d·c` or `b` is neither empty nor `(c,)`.
    pub fn new(w: Vec<F>, b: Vec<F>, d: usize, c: usize) -> Self {
        assert_eq!(w.len(), d * c, "w must be (d, c)");
        assert!(b.is_empty() || b.len() == c, "b must be (c,) or empty");
        LinearClassifier { w, b, d, c }
    }

    /// `x: (N, d)` flattened row-major as a view (no copy), for [`LinearClassifier::scores`] and
    /// friends.
    ///
    /// # Panics
    /// If `x.len()` is not a multiple of `d`.
    pub fn view<'a>(&self, x: &'a [F]) -> ArrayView2<'a, F> {
        assert_eq!(x.len() % self.d.max(1), 0, "x must be (N, d)");
        ArrayView2::from_shape((x.len() / self.d.max(1), self.d), x).expect("x is (N, d)")
    }

    /// `x` checked against `d` and as a contiguous row-major slice (no copy for a standard-layout
    /// view).
    fn rows<'a>(&self, x: &'a ArrayView2<'a, F>) -> CowArray<'a, F, Ix2> {
        assert_eq!(x.ncols(), self.d, "x must be (N, d) with d = {}", self.d);
        x.as_standard_layout()
    }

    /// `scores = x · w + b`.
    ///
    /// # Shapes
    /// `x: (N, d)` features (pixels 0..255 minus the mean image, then the bias column under the
    /// bias trick); returns `scores: (N, C)`. A standard-layout `x` is read without a copy.
    ///
    /// # Panics
    /// If `x` has another column count than `d`.
    ///
    /// Source: CS231n notes, "Linear classification", §"Parameterized mapping from images to
    /// label scores".
    pub fn scores(&self, x: ArrayView2<F>) -> Array2<F> {
        let n = x.nrows();
        let x = self.rows(&x);
        let s = self.scores_flat(x.as_slice().expect("standard layout is contiguous"));
        Array2::from_shape_vec((n, self.c), s).expect("scores is (N, C)")
    }

    /// [`LinearClassifier::scores`] on `x: (N, d)` flattened row-major, `(N, C)` flattened.
    fn scores_flat(&self, x: &[F]) -> Vec<F> {
        let n = x.len() / self.d.max(1);
        let mut s = vec![F::zero(); n * self.c];
        F::matmul(n, self.d, self.c, x, &self.w, &mut s);
        if !self.b.is_empty() {
            for row in s.chunks_exact_mut(self.c) {
                for (v, &bj) in row.iter_mut().zip(&self.b) {
                    *v = *v + bj;
                }
            }
        }
        s
    }

    /// Data loss, L2 loss and gradients: `dw = xᵀ · dscores + 2·reg·w`, `db = Σ_rows dscores`.
    ///
    /// # Shapes
    /// `x: (N, d)`, `y: (N,)`; `dw: (d, C)` and `db: (C,)` (or empty) flattened row-major.
    ///
    /// # Panics
    /// If `x` is not `(N, d)` with `N = y.len()`, or a label is `≥ C`.
    ///
    /// Source: CS231n notes, "Linear classification", §"Loss function"; assignment 1's
    /// `svm_loss_vectorized` / `softmax_loss_vectorized`.
    pub fn loss(&self, x: ArrayView2<F>, y: &[Label], kind: LossKind, reg: F) -> LossParts<F> {
        let x = self.rows(&x);
        let x = x.as_slice().expect("standard layout is contiguous");
        let (data_loss, dscores) = kind.loss(&self.scores_flat(x), y, self.c);
        self.backward(x, data_loss, &dscores, |w, dw| l2_penalty(w, reg, dw))
    }

    /// As [`LinearClassifier::loss`] with a loss variant and a choice of penalty:
    /// `dw = xᵀ · dscores + ∂R/∂w`, `db = Σ_rows dscores` (the bias is never penalised).
    ///
    /// # Shapes
    /// As [`LinearClassifier::loss`].
    ///
    /// # Panics
    /// If `x` is not `(N, d)` with `N = y.len()`, or a label is `≥ C`.
    pub fn loss_with(
        &self,
        x: ArrayView2<F>,
        y: &[Label],
        loss: &DataLoss,
        regularization: Regularization,
        reg: F,
    ) -> LossParts<F> {
        let x = self.rows(&x);
        let x = x.as_slice().expect("standard layout is contiguous");
        let (data_loss, dscores) = loss.loss(&self.scores_flat(x), y, self.c);
        self.backward(x, data_loss, &dscores, |w, dw| {
            regularization.penalty(w, reg, dw)
        })
    }

    /// The gradients from `dscores: (N, C)`: `dw = xᵀ · dscores` plus the penalty's gradient
    /// (`penalty(w, dw)` adds it into `dw` and returns the penalty), `db = Σ_rows dscores`.
    fn backward(
        &self,
        x: &[F],
        data_loss: F,
        dscores: &[F],
        penalty: impl FnOnce(&[F], &mut [F]) -> F,
    ) -> LossParts<F> {
        let n = dscores.len() / self.c;
        let mut dw = vec![F::zero(); self.d * self.c];
        F::matmul_tn(n, self.d, self.c, x, dscores, &mut dw);
        let reg_loss = penalty(&self.w, &mut dw);
        let db = if self.b.is_empty() {
            Vec::new()
        } else {
            let mut db = vec![F::zero(); self.c];
            for row in dscores.chunks_exact(self.c) {
                for (g, &v) in db.iter_mut().zip(row) {
                    *g = *g + v;
                }
            }
            db
        };
        LossParts {
            data_loss,
            reg_loss,
            dw,
            db,
        }
    }

    /// Predicted labels: the argmax of each row of scores (the first maximum on ties).
    ///
    /// # Shapes
    /// `x: (N, d)`; returns `y_pred: (N,)`.
    ///
    /// # Panics
    /// If `x` has another column count than `d`.
    pub fn predict(&self, x: ArrayView2<F>) -> Vec<Label> {
        let x = self.rows(&x);
        let x = x.as_slice().expect("standard layout is contiguous");
        self.scores_flat(x)
            .chunks_exact(self.c)
            .map(argmax)
            .collect()
    }
}

/// Index of the first maximum of `row`, NaN ignored; [`crate::metrics::NO_PREDICTION`] when every
/// score is NaN (the NaN rule of [`crate::metrics`]). Rows without NaN: as ever, bit for bit.
///
/// # Shapes
/// `row: (C,)` with `C ≤ MAX_CLASSES`; returns a class in `0..C` or `NO_PREDICTION`.
pub fn argmax<F: Real>(row: &[F]) -> Label {
    let Some(mut best) = row.iter().position(|v| !v.is_nan()) else {
        return if row.is_empty() {
            0
        } else {
            crate::metrics::NO_PREDICTION
        };
    };
    for (j, &v) in row.iter().enumerate().skip(best + 1) {
        if v > row[best] {
            best = j;
        }
    }
    best as Label
}
