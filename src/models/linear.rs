//! The linear classifier `scores = x · w (+ b)`. Source: CS231n notes, "Linear classification",
//! §"Parameterized mapping from images to label scores".

use crate::kernels::Real;
use crate::loss::{l2_penalty, DataLoss, LossKind, Regularization};

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

    /// `scores: (N, C) = x · w + b` for `x: (N, d)`.
    ///
    /// # Panics
    /// If `x.len()` is not a multiple of `d`.
    pub fn scores(&self, x: &[F]) -> Vec<F> {
        assert_eq!(x.len() % self.d.max(1), 0, "x must be (N, d)");
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

    /// Data loss, L2 loss and gradients on `x: (N, d)`, `y: (N,)`:
    /// `dw = xᵀ · dscores + 2·reg·w`, `db = Σ_rows dscores`.
    pub fn loss(&self, x: &[F], y: &[u8], kind: LossKind, reg: F) -> LossParts<F> {
        let (data_loss, dscores) = kind.loss(&self.scores(x), y, self.c);
        self.backward(x, data_loss, &dscores, |w, dw| l2_penalty(w, reg, dw))
    }

    /// As [`LinearClassifier::loss`] with a loss variant and a choice of penalty:
    /// `dw = xᵀ · dscores + ∂R/∂w`, `db = Σ_rows dscores` (the bias is never penalised).
    ///
    /// # Panics
    /// If `x` is not `(N, d)` with `N = y.len()`, or a label is `≥ C`.
    pub fn loss_with(
        &self,
        x: &[F],
        y: &[u8],
        loss: &DataLoss,
        regularization: Regularization,
        reg: F,
    ) -> LossParts<F> {
        let (data_loss, dscores) = loss.loss(&self.scores(x), y, self.c);
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

    /// Predicted labels `(N,)`: the argmax of each row of scores (the first maximum on ties).
    pub fn predict(&self, x: &[F]) -> Vec<u8> {
        self.scores(x).chunks_exact(self.c).map(argmax).collect()
    }
}

/// Index of the first maximum of `row`.
pub fn argmax<F: Real>(row: &[F]) -> u8 {
    let mut best = 0;
    for (j, &v) in row.iter().enumerate() {
        if v > row[best] {
            best = j;
        }
    }
    best as u8
}
