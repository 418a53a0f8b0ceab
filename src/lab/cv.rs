//! k-fold cross-validation for the linear classifier's learning rate × reg sweep: carving the
//! pooled training + validation records into `k` folds (deterministic from the seed, in the style
//! of `src/data/split.rs`) and the mean ± standard deviation of the fold accuracies.
//!
//! Source: CS231n notes, "Image classification", §"Cross-validation" ("split the training data
//! into folds, use each in turn as the validation fold, average the performance").

use crate::error::{Error, Result};
use crate::rng::{permutation, rng_for, Stream};

/// The most folds.
pub const MAX_FOLDS: usize = 10;

/// `k` disjoint folds of `records` (indices into the loaded training records), from one seeded
/// permutation: fold `f` takes positions `f·n/k .. (f+1)·n/k` of it (sizes differ by at most 1),
/// each sorted. Every record lies in exactly one fold.
///
/// # Errors
/// [`Error::Config`] with key `sweep_folds` when `k` is 0, over [`MAX_FOLDS`], or more than the
/// records.
pub fn kfold(records: &[u32], k: usize, seed: u32) -> Result<Vec<Vec<u32>>> {
    let n = records.len();
    if k == 0 || k > MAX_FOLDS || k > n {
        return Err(Error::config(
            "sweep_folds",
            format!("must be 1..={MAX_FOLDS} and at most the {n} records, got {k}"),
        ));
    }
    let p = permutation(n, &mut rng_for(seed, Stream::Split));
    Ok((0..k)
        .map(|f| {
            let mut fold: Vec<u32> = p[f * n / k..(f + 1) * n / k]
                .iter()
                .map(|&i| records[i as usize])
                .collect();
            fold.sort_unstable();
            fold
        })
        .collect())
}

/// The training records of fold `f`: every fold but `f`, sorted.
pub fn train_of_fold(folds: &[Vec<u32>], f: usize) -> Vec<u32> {
    let mut t: Vec<u32> = folds
        .iter()
        .enumerate()
        .filter(|&(g, _)| g != f)
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    t.sort_unstable();
    t
}

/// Mean and sample standard deviation (`n − 1`; 0 for one value) of `values`.
pub fn mean_std(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    if values.len() < 2 {
        return (mean, 0.0);
    }
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
    (mean, var.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_cover_every_record_once_with_sizes_within_one() {
        let records: Vec<u32> = (100..203).collect(); // 103 records
        for k in [1, 3, 5, 10] {
            let folds = kfold(&records, k, 7).unwrap();
            assert_eq!(folds.len(), k);
            let sizes: Vec<usize> = folds.iter().map(|f| f.len()).collect();
            let (lo, hi) = (*sizes.iter().min().unwrap(), *sizes.iter().max().unwrap());
            assert!(
                hi - lo <= 1 && sizes.iter().sum::<usize>() == 103,
                "{sizes:?}"
            );
            let mut seen = vec![0; 103];
            for f in &folds {
                for &i in f {
                    seen[(i - 100) as usize] += 1;
                }
            }
            assert!(
                seen.iter().all(|&s| s == 1),
                "each record validates exactly once"
            );
            for f in 0..k {
                let t = train_of_fold(&folds, f);
                assert_eq!(t.len() + folds[f].len(), 103);
                assert!(t.iter().all(|i| !folds[f].contains(i)));
            }
            assert_eq!(folds, kfold(&records, k, 7).unwrap(), "seeded");
        }
        assert_ne!(
            kfold(&records, 3, 7).unwrap(),
            kfold(&records, 3, 8).unwrap()
        );
        assert!(kfold(&records, 0, 1).is_err());
        assert!(kfold(&records, 11, 1).is_err());
        assert!(kfold(&records[..2], 3, 1).is_err());
    }

    #[test]
    fn mean_and_std_against_a_hand_computation() {
        // 0.2, 0.4, 0.6: mean 0.4, sample variance (0.04 + 0 + 0.04) / 2 = 0.04
        let (m, s) = mean_std(&[0.2, 0.4, 0.6]);
        assert!((m - 0.4).abs() < 1e-15 && (s - 0.2).abs() < 1e-15);
        assert_eq!(mean_std(&[0.5]), (0.5, 0.0));
    }
}
