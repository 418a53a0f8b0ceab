//! Evaluation metrics: top-k accuracy (ImageNet's top-5) and the confusion matrix.
//!
//! # The NaN rule (one rule for `argmax`, top-k ranking and the confusion matrix)
//!
//! Scores can be NaN (weights whose products overflow f32 give `inf − inf`). Then:
//! 1. **A NaN score never wins and is never ranked**: `argmax` takes the first maximum of the
//!    numbers in a row, ignoring NaN; [`rank_of`] a class whose score is NaN is `C` (beyond every
//!    `k ≤ C`, a miss); a NaN never counts as "scoring higher" than a number.
//! 2. **An all-NaN row has no prediction**: `argmax` returns [`NO_PREDICTION`] (255; classes are at
//!    most 255, labels 0..=254, see `data::custom::MAX_CLASSES`), which equals no label, so the row
//!    is a miss for top-1 and every top-k, whatever its label.
//! 3. **The confusion matrix counts such a row off the diagonal**: in its true row `t`, in column
//!    [`confusion_column`] (the lowest class other than `t`). So diagonal / total = top-1 on every
//!    input; with `C = 1` a 1×1 matrix has no off-diagonal cell and the row is not counted.
//!
//! For rows without NaN nothing changes, bit for bit: ties go to the lower class index, as ever.

use crate::label::Label;
/// The prediction of a row whose scores are all NaN (rule 2 of the module's NaN rule): 255, never a
/// label.
pub const NO_PREDICTION: Label = crate::label::NO_LABEL;

/// Rank of class `y` in a row of scores: the number of classes scoring strictly higher, plus those
/// scoring equal with a lower index (so ties are resolved as `argmax` resolves them). A NaN score
/// of `y` is unranked: `row.len()` (the module's NaN rule).
///
/// # Panics
/// If `y ≥ row.len()`.
pub fn rank_of(row: &[f32], y: usize) -> usize {
    let sy = row[y];
    if sy.is_nan() {
        return row.len();
    }
    row.iter()
        .enumerate()
        .filter(|&(j, &s)| s > sy || (s == sy && j < y))
        .count()
}

/// Fraction of rows of `scores: (N, C)` whose label `y: (N,)` is among the `k` highest scores,
/// in [0, 1] (0 for no rows). Top-1 equals plain accuracy with `argmax` (first maximum).
///
/// # Panics
/// If `scores.len() != N·C` or a label is `≥ C`.
pub fn top_k_accuracy(scores: &[f32], y: &[Label], c: usize, k: usize) -> f32 {
    assert_eq!(scores.len(), y.len() * c, "scores must be (N, C)");
    if y.is_empty() {
        return 0.0;
    }
    let hits = scores
        .chunks_exact(c)
        .zip(y)
        .filter(|(row, &yi)| rank_of(row, yi as usize) < k)
        .count();
    hits as f32 / y.len() as f32
}

/// The column of the confusion matrix where a record of true class `t` predicted `pred` is
/// counted: `pred` itself, or for [`NO_PREDICTION`] (an all-NaN row) the lowest class other than
/// `t`, so the miss is off the diagonal (`None` when `C = 1`: no such cell).
pub fn confusion_column(pred: Label, t: Label, c: usize) -> Option<usize> {
    if (pred as usize) < c {
        Some(pred as usize)
    } else {
        (0..c).find(|&j| j != t as usize)
    }
}

/// Confusion matrix `(C, C)` row-major: entry `[true][predicted]` counts records; a record with
/// [`NO_PREDICTION`] is counted in column [`confusion_column`] (the module's NaN rule), so the
/// diagonal over the total equals top-1 accuracy.
///
/// # Panics
/// If lengths differ or a label is `≥ C`.
pub fn confusion_matrix(pred: &[Label], y: &[Label], c: usize) -> Vec<u32> {
    assert_eq!(pred.len(), y.len());
    let mut m = vec![0u32; c * c];
    for (&p, &t) in pred.iter().zip(y) {
        if let Some(col) = confusion_column(p, t, c) {
            m[t as usize * c + col] += 1;
        }
    }
    m
}

/// Each row of a confusion matrix divided by its sum (recall per true class); empty rows stay 0.
pub fn row_normalised(m: &[u32], c: usize) -> Vec<f32> {
    m.chunks_exact(c)
        .flat_map(|row| {
            let s: u32 = row.iter().sum();
            row.iter()
                .map(move |&v| if s == 0 { 0.0 } else { v as f32 / s as f32 })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_k_with_ties_like_argmax() {
        // row 0: label 2 is 2nd; row 1: label 0 ties with class 1 at the top → rank 0
        let scores = [0.1, 0.9, 0.5, 0.7, 0.7, 0.0];
        assert_eq!(top_k_accuracy(&scores, &[2, 0], 3, 1), 0.5);
        assert_eq!(top_k_accuracy(&scores, &[2, 0], 3, 2), 1.0);
        assert_eq!(
            top_k_accuracy(&scores, &[1, 1], 3, 1),
            0.5,
            "class 1 ties class 0 but has the higher index"
        );
        assert_eq!(top_k_accuracy(&[], &[], 3, 5), 0.0);
    }

    /// Case C26 (bug report): NaN scores ranked as correct. Scores `(4, 3)` and labels below; a NaN
    /// never ranks above a number and an all-NaN row is a miss whatever its label. Expected: top-1 =
    /// 2/4 = 0.5 = the confusion matrix's diagonal / total, top-2 = 3/4 (row 2 ranks class 2, then
    /// 1). The shipped ranking gave the all-NaN row rank 0 (a hit): top-1 = 0.75.
    #[test]
    fn c26_nan_scores_never_rank_as_correct() {
        let nan = f32::NAN;
        let scores = [nan, nan, nan, 1.0, 2.0, 3.0, nan, 0.0, 1.0, 3.0, 2.0, 1.0];
        let labels: [Label; 4] = [1, 2, 1, 0];
        assert_eq!(top_k_accuracy(&scores, &labels, 3, 1), 0.5);
        assert_eq!(top_k_accuracy(&scores, &labels, 3, 2), 0.75);
        assert_eq!(
            top_k_accuracy(&scores, &labels, 3, 3),
            0.75,
            "the NaN row is never ranked"
        );
        // argmax's predictions (asserted in tests/cases.rs, c26_…: models may not be used here)
        let pred = [NO_PREDICTION, 2, 2, 0];
        let m = confusion_matrix(&pred, &labels, 3);
        let diag: u32 = (0..3).map(|i| m[i * 3 + i]).sum();
        let total: u32 = m.iter().sum();
        assert_eq!((diag, total), (2, 4));
        assert_eq!(diag as f32 / total as f32, 0.5);
        // the all-NaN row of class 1 sits in row 1, column 0 (the lowest other class)
        assert_eq!(m, vec![1, 0, 0, 1, 0, 1, 0, 0, 1]);
        // an all-NaN row of any label is off the diagonal
        for t in 0..3 as Label {
            let m = confusion_matrix(&[NO_PREDICTION], &[t], 3);
            assert_eq!(m[t as usize * 3 + t as usize], 0);
            assert_eq!(m.iter().sum::<u32>(), 1);
            assert_eq!(top_k_accuracy(&[nan; 3], &[t], 3, 3), 0.0);
        }
    }

    /// Finite rows keep the old rule exactly (a brute-force reference of the shipped `rank_of`),
    /// infinities and signed zeros included.
    #[test]
    fn finite_rows_rank_as_before() {
        let old = |row: &[f32], y: usize| {
            let sy = row[y];
            row.iter()
                .enumerate()
                .filter(|&(j, &s)| s > sy || (s == sy && j < y))
                .count()
        };
        let vals = [
            0.0f32,
            -0.0,
            1.0,
            -1.0,
            f32::INFINITY,
            f32::NEG_INFINITY,
            3e38,
        ];
        for a in vals {
            for b in vals {
                for c in vals {
                    let row = [a, b, c];
                    for y in 0..3 {
                        assert_eq!(rank_of(&row, y), old(&row, y), "{row:?} {y}");
                    }
                }
            }
        }
    }

    #[test]
    fn confusion_counts_and_rows() {
        let m = confusion_matrix(&[0, 1, 1, 2], &[0, 0, 1, 2], 3);
        assert_eq!(m, vec![1, 1, 0, 0, 1, 0, 0, 0, 1]);
        assert_eq!(
            row_normalised(&m, 3),
            vec![0.5, 0.5, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]
        );
        assert_eq!(m.iter().sum::<u32>(), 4);
    }
}
