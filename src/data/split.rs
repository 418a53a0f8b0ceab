//! Carving a validation split out of the training records (never out of the test records).

use crate::error::{Error, Result};
use crate::rng::{permutation, rng_for, Stream};

/// Indices of the training and validation records.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// `(num_train,)` indices into the loaded training records.
    pub train: Vec<u32>,
    /// `(num_val,)` indices into the loaded training records, disjoint from `train`.
    pub val: Vec<u32>,
}

/// Draws `num_val` validation and `num_train` training indices, disjoint, from `0..available` by a
/// seeded permutation.
///
/// # Errors
/// [`Error::Config`] when `num_train` is 0 or `num_train + num_val > available`.
pub fn train_val_split(
    available: usize,
    num_train: usize,
    num_val: usize,
    seed: u32,
) -> Result<Split> {
    if num_train == 0 {
        return Err(Error::config("num_train", "must be at least 1"));
    }
    if num_train + num_val > available {
        return Err(Error::config(
            "num_train",
            format!("num_train ({num_train}) + num_val ({num_val}) exceeds the {available} training records loaded"),
        ));
    }
    let p = permutation(available, &mut rng_for(seed, Stream::Split));
    let mut val = p[..num_val].to_vec();
    let mut train = p[num_val..num_val + num_train].to_vec();
    // Sorted so that the per-epoch shuffle alone decides the order of training.
    val.sort_unstable();
    train.sort_unstable();
    Ok(Split { train, val })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disjoint_seeded_and_sized() {
        let s = train_val_split(100, 70, 20, 3).unwrap();
        assert_eq!((s.train.len(), s.val.len()), (70, 20));
        assert!(s.train.iter().all(|i| !s.val.contains(i)));
        assert_eq!(s, train_val_split(100, 70, 20, 3).unwrap());
        assert_ne!(s, train_val_split(100, 70, 20, 4).unwrap());
        assert!(train_val_split(100, 90, 20, 3).is_err());
        assert!(train_val_split(100, 0, 20, 3).is_err());
    }
}
