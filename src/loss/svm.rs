//! Multiclass SVM (hinge) loss on class scores, Weston–Watkins form. Source: CS231n notes, "Linear
//! classification", §"Multiclass Support Vector Machine loss".

use crate::kernels::Real;
use crate::label::Label;
use ndarray::{Array2, ArrayView2};

/// Mean multiclass SVM loss over the rows of `scores: (N, C)` with labels `y: (N,)` and margin
/// `delta` (1 in the lecture), and its gradient `dscores: (N, C)`.
///
/// Per row: `L_i = Σ_{j ≠ y_i} max(0, s_j − s_{y_i} + delta)`. The correct class is never counted
/// (case C02). Gradient: each `j ≠ y_i` with margin strictly `> 0` gets `+1/N`, and `y_i` gets
/// `−(count of such j)/N`; at a margin of exactly 0 the subgradient 0 is taken.
///
/// # Panics
/// If `scores.len() != N·C` or a label is `≥ C`.
pub(crate) fn svm_loss_flat<F: Real>(scores: &[F], y: &[Label], c: usize, delta: F) -> (F, Vec<F>) {
    let n = y.len();
    assert_eq!(scores.len(), n * c, "svm_loss: scores must be (N, C)");
    let inv_n = F::one() / F::of(n as f64);
    let mut loss = F::zero();
    let mut dscores = vec![F::zero(); n * c];
    for (i, (row, &yi)) in scores.chunks_exact(c).zip(y).enumerate() {
        let yi = yi as usize;
        assert!(yi < c, "label {yi} out of range for {c} classes");
        let d = &mut dscores[i * c..(i + 1) * c];
        let mut violators = 0usize;
        for j in 0..c {
            if j == yi {
                continue;
            }
            let margin = row[j] - row[yi] + delta;
            if margin > F::zero() {
                loss = loss + margin;
                d[j] = inv_n;
                violators += 1;
            }
        }
        d[yi] = -F::of(violators as f64) * inv_n;
    }
    (loss * inv_n, dscores)
}

/// The lecture's variants of the multiclass SVM loss, as switches. The default is [`svm_loss`]'s
/// loss with `delta` = 1.
///
/// Source: CS231n notes, "Linear classification", §"Multiclass Support Vector Machine loss" (delta,
/// squared hinge) and lecture 3's questions ("sum over all classes?", "mean instead of sum?").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SvmOptions {
    /// Margin Δ, ≥ 0. Default 1.
    pub delta: f64,
    /// Squared hinge `max(0, m)²` instead of `max(0, m)`. Default false.
    pub squared: bool,
    /// Sum over every class including `y_i`; its margin is always Δ, so each sample adds Δ (Δ²
    /// squared) and the gradient is unchanged. Default false.
    pub include_correct: bool,
    /// Divide each sample's sum by its number of terms (`C − 1`, or `C` with `include_correct`).
    /// Default false.
    pub mean_over_classes: bool,
}

impl Default for SvmOptions {
    fn default() -> Self {
        SvmOptions {
            delta: 1.0,
            squared: false,
            include_correct: false,
            mean_over_classes: false,
        }
    }
}

impl SvmOptions {
    /// # Errors
    /// [`crate::Error::Config`] with key `delta` if it is NaN, infinite or negative.
    pub fn check(&self) -> crate::error::Result<()> {
        if self.delta.is_finite() && self.delta >= 0.0 {
            Ok(())
        } else {
            Err(crate::error::Error::config(
                "delta",
                format!("must be a finite number ≥ 0, got {}", self.delta),
            ))
        }
    }
}

/// Mean SVM loss with the variants of `opts` over `scores: (N, C)` and `y: (N,)`, and
/// `dscores: (N, C)`.
///
/// Per row, with `m_j = s_j − s_{y_i} + Δ` over `j ≠ y_i` (all `j` with `include_correct`):
/// `L_i = (1/T) Σ_j h(m_j)`, `h(m) = max(0, m)` or `max(0, m)²`, `T` the number of terms with
/// `mean_over_classes` and 1 otherwise. Gradient: `h'(m_j)/(T·N)` to `j`, minus the same to `y_i`,
/// with `h'(m) = 1` (or `2m`) for `m > 0` and 0 otherwise (the subgradient 0 at the kink).
///
/// # Panics
/// If `scores.len() != N·C` or a label is `≥ C`.
pub(crate) fn svm_loss_with_flat<F: Real>(
    scores: &[F],
    y: &[Label],
    c: usize,
    opts: &SvmOptions,
) -> (F, Vec<F>) {
    let n = y.len();
    assert_eq!(scores.len(), n * c, "svm_loss_with: scores must be (N, C)");
    let delta = F::of(opts.delta);
    let terms = if opts.include_correct { c } else { c - 1 };
    let per_row = if opts.mean_over_classes {
        F::one() / F::of(terms.max(1) as f64)
    } else {
        F::one()
    };
    let inv_n = F::one() / F::of(n as f64);
    let scale = per_row * inv_n;
    let two = F::of(2.0);
    let mut loss = F::zero();
    let mut dscores = vec![F::zero(); n * c];
    for (i, (row, &yi)) in scores.chunks_exact(c).zip(y).enumerate() {
        let yi = yi as usize;
        assert!(yi < c, "label {yi} out of range for {c} classes");
        let d = &mut dscores[i * c..(i + 1) * c];
        let mut row_loss = F::zero();
        for j in 0..c {
            if j == yi && !opts.include_correct {
                continue;
            }
            let margin = if j == yi {
                delta
            } else {
                row[j] - row[yi] + delta
            };
            if margin > F::zero() {
                let (h, dh) = if opts.squared {
                    (margin * margin, two * margin)
                } else {
                    (margin, F::one())
                };
                row_loss = row_loss + h;
                if j != yi {
                    d[j] = d[j] + dh * scale;
                    d[yi] = d[yi] - dh * scale;
                }
            }
        }
        loss = loss + row_loss * per_row;
    }
    (loss * inv_n, dscores)
}

/// The hinge's active set: `(N, C)`, true where `j ≠ y_i` and the margin `s_j − s_{y_i} + Δ > 0`.
/// Two weight vectors with the same active set lie on the same smooth piece of the SVM loss, so a
/// gradient check whose `w ± h` sets differ has crossed a kink.
///
/// # Panics
/// As [`svm_loss_with`].
pub fn svm_active_set<F: Real>(scores: &[F], y: &[Label], c: usize, delta: F) -> Vec<bool> {
    assert_eq!(
        scores.len(),
        y.len() * c,
        "svm_active_set: scores must be (N, C)"
    );
    let mut out = vec![false; scores.len()];
    for (i, (row, &yi)) in scores.chunks_exact(c).zip(y).enumerate() {
        let yi = yi as usize;
        assert!(yi < c, "label {yi} out of range for {c} classes");
        for j in 0..c {
            out[i * c + j] = j != yi && row[j] - row[yi] + delta > F::zero();
        }
    }
    out
}

/// `scores` as a contiguous slice (no copy for standard layout).
fn flat<'a, F: Real>(scores: &'a ndarray::CowArray<'a, F, ndarray::Ix2>) -> &'a [F] {
    scores.as_slice().expect("standard layout is contiguous")
}

/// Mean multiclass SVM loss over the rows of `scores` with labels `y` and margin `delta` (1 in
/// the lecture), and its gradient: per row `L_i = Σ_{j ≠ y_i} max(0, s_j − s_{y_i} + delta)`.
///
/// # Shapes
/// `scores: (N, C)` (standard layout is read without a copy), `y: (N,)`; returns the loss and
/// `dscores: (N, C)`.
///
/// # Panics
/// If `y.len() != N` or a label is `≥ C`.
///
/// Source: CS231n notes, "Linear classification", §"Multiclass Support Vector Machine loss".
pub fn svm_loss<F: Real>(scores: ArrayView2<F>, y: &[Label], delta: F) -> (F, Array2<F>) {
    let s = scores.as_standard_layout();
    let (loss, d) = svm_loss_flat(flat(&s), y, scores.ncols(), delta);
    (
        loss,
        Array2::from_shape_vec(scores.raw_dim(), d).expect("dscores is (N, C)"),
    )
}

/// The SVM loss with its variants ([`SvmOptions`]: margin, squared hinge, correct class
/// included, mean over classes), and its gradient.
///
/// # Shapes
/// As [`svm_loss`].
///
/// # Panics
/// As [`svm_loss`].
///
/// Source: CS231n notes, "Linear classification", §"Multiclass Support Vector Machine loss"
/// (the squared hinge and the variants discussed there).
pub fn svm_loss_with<F: Real>(
    scores: ArrayView2<F>,
    y: &[Label],
    opts: &SvmOptions,
) -> (F, Array2<F>) {
    let s = scores.as_standard_layout();
    let (loss, d) = svm_loss_with_flat(flat(&s), y, scores.ncols(), opts);
    (
        loss,
        Array2::from_shape_vec(scores.raw_dim(), d).expect("dscores is (N, C)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The defaults are exactly [`svm_loss`]; the variants on one hand-computed row.
    #[test]
    fn variants_on_a_hand_computed_row() {
        // scores (1, 3), y = 0: margins j=1: 2 − 1 + 1 = 2, j=2: −1 − 1 + 1 = −1
        let s = [1.0f64, 2.0, -1.0];
        let y: [Label; 1] = [0];
        let base = svm_loss_with_flat(&s, &y, 3, &SvmOptions::default());
        assert_eq!(base, svm_loss_flat(&s, &y, 3, 1.0));
        assert_eq!(base.0, 2.0);
        assert_eq!(base.1, vec![-1.0, 1.0, 0.0]);
        let o = |f: fn(&mut SvmOptions)| {
            let mut o = SvmOptions::default();
            f(&mut o);
            svm_loss_with_flat(&s, &y, 3, &o)
        };
        assert_eq!(o(|o| o.squared = true), (4.0, vec![-4.0, 4.0, 0.0]));
        assert_eq!(o(|o| o.include_correct = true), (3.0, vec![-1.0, 1.0, 0.0]));
        assert_eq!(
            o(|o| o.mean_over_classes = true),
            (1.0, vec![-0.5, 0.5, 0.0])
        );
        let all = o(|o| {
            o.include_correct = true;
            o.mean_over_classes = true;
            o.squared = true;
            o.delta = 0.5;
        });
        // margins: j=0: 0.5 → 0.25, j=1: 1.5 → 2.25; T = 3
        assert!((all.0 - 2.5 / 3.0).abs() < 1e-15, "{all:?}");
        assert_eq!(all.1, vec![-1.0, 1.0, 0.0]);
        assert_eq!(svm_active_set(&s, &y, 3, 1.0), vec![false, true, false]);
        let bad = SvmOptions {
            delta: f64::NAN,
            ..Default::default()
        };
        assert!(matches!(
            bad.check(),
            Err(crate::Error::Config { key: "delta", .. })
        ));
    }
}
