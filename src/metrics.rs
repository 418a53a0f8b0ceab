//! Evaluation metrics: top-k accuracy (ImageNet's top-5) and the confusion matrix.

/// Rank of class `y` in a row of scores: the number of classes scoring strictly higher, plus those
/// scoring equal with a lower index (so ties are resolved as `argmax` resolves them).
pub fn rank_of(row: &[f32], y: usize) -> usize {
    let sy = row[y];
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
pub fn top_k_accuracy(scores: &[f32], y: &[u8], c: usize, k: usize) -> f32 {
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

/// Confusion matrix `(C, C)` row-major: entry `[true][predicted]` counts records.
///
/// # Panics
/// If lengths differ or a label is `≥ C`.
pub fn confusion_matrix(pred: &[u8], y: &[u8], c: usize) -> Vec<u32> {
    assert_eq!(pred.len(), y.len());
    let mut m = vec![0u32; c * c];
    for (&p, &t) in pred.iter().zip(y) {
        m[t as usize * c + p as usize] += 1;
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
