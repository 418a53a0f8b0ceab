//! Carving a validation split out of the training records (never out of the test records).

use crate::error::{Error, Result};
use crate::label::Label;
use crate::rng::{permutation, rng_for, Stream};

/// How subsets are drawn from the loaded records (URL key `subset`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum Subset {
    /// The first records in file order (for training: the first `num_train + num_val` records,
    /// split at random into training and validation, as before this option existed).
    #[default]
    First = 0,
    /// `N / C` records per class, seeded (the first `N mod C` classes take one more).
    Stratified = 1,
}

impl std::str::FromStr for Subset {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "first" => Ok(Subset::First),
            "stratified" => Ok(Subset::Stratified),
            other => Err(Error::config(
                "subset",
                format!("{other:?} is not \"first\" or \"stratified\""),
            )),
        }
    }
}

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

/// A stratified seeded sample of `n` indices from `labels`: `n / C` per class (the first
/// `n mod C` classes take one more), drawn without replacement in a seeded order, returned sorted.
///
/// # Errors
/// [`Error::Config`] (key `num_train`, or the caller's) when a class has fewer records than its
/// share.
pub fn stratified_sample(
    labels: &[Label],
    n: usize,
    num_classes: usize,
    seed: u32,
    key: &'static str,
) -> Result<Vec<u32>> {
    let mut by_class: Vec<Vec<u32>> = vec![Vec::new(); num_classes];
    for (i, &l) in labels.iter().enumerate() {
        if (l as usize) < num_classes {
            by_class[l as usize].push(i as u32);
        }
    }
    let mut rng = rng_for(seed, Stream::Split);
    let mut out = Vec::with_capacity(n);
    for (c, members) in by_class.iter_mut().enumerate() {
        let share = n / num_classes + usize::from(c < n % num_classes);
        if members.len() < share {
            return Err(Error::config(
                key,
                format!(
                    "class {c} has {} records, fewer than its share {share} of {n}",
                    members.len()
                ),
            ));
        }
        crate::rng::shuffle(members, &mut rng);
        out.extend_from_slice(&members[..share]);
    }
    out.sort_unstable();
    Ok(out)
}

#[cfg(test)]
mod stratified_tests {
    use super::*;

    #[test]
    fn per_class_shares_seeded() {
        let labels: Vec<Label> = (0..100).map(|i| (i % 4) as Label).collect();
        let s = stratified_sample(&labels, 10, 4, 1, "n").unwrap();
        let mut counts = [0; 4];
        s.iter()
            .for_each(|&i| counts[labels[i as usize] as usize] += 1);
        assert_eq!(counts, [3, 3, 2, 2]);
        assert_eq!(s, stratified_sample(&labels, 10, 4, 1, "n").unwrap());
        assert_ne!(s, stratified_sample(&labels, 10, 4, 2, "n").unwrap());
        assert!(stratified_sample(&labels, 200, 4, 1, "n").is_err());
    }
}

/// Stratified disjoint validation and training indices: `num_val / C` then `num_train / C`
/// records per class (the first `n mod C` classes one more), drawn from one seeded shuffle of
/// each class, both sorted.
///
/// # Errors
/// [`Error::Config`] (`num_train`) when `num_train` is 0 or a class has fewer records than its
/// two shares.
pub fn stratified_split(
    labels: &[Label],
    num_train: usize,
    num_val: usize,
    num_classes: usize,
    seed: u32,
) -> Result<Split> {
    if num_train == 0 || num_classes == 0 {
        return Err(Error::config("num_train", "must be at least 1"));
    }
    let mut by_class: Vec<Vec<u32>> = vec![Vec::new(); num_classes];
    for (i, &l) in labels.iter().enumerate() {
        if (l as usize) < num_classes {
            by_class[l as usize].push(i as u32);
        }
    }
    let share = |n: usize, c: usize| n / num_classes + usize::from(c < n % num_classes);
    let mut rng = rng_for(seed, Stream::Split);
    let (mut train, mut val) = (Vec::with_capacity(num_train), Vec::with_capacity(num_val));
    for (c, members) in by_class.iter_mut().enumerate() {
        let (v, t) = (share(num_val, c), share(num_train, c));
        if members.len() < v + t {
            return Err(Error::config(
                "num_train",
                format!(
                    "stratified: class {c} has {} records, fewer than its {t} training + {v} validation",
                    members.len()
                ),
            ));
        }
        crate::rng::shuffle(members, &mut rng);
        val.extend_from_slice(&members[..v]);
        train.extend_from_slice(&members[v..v + t]);
    }
    val.sort_unstable();
    train.sort_unstable();
    Ok(Split { train, val })
}

#[cfg(test)]
mod stratified_split_tests {
    use super::*;

    #[test]
    fn per_class_shares_disjoint_and_seeded() {
        let labels: Vec<Label> = (0..90).map(|i| (i % 3) as Label).collect();
        let s = stratified_split(&labels, 30, 6, 3, 1).unwrap();
        let count =
            |idx: &[u32], c: Label| idx.iter().filter(|&&i| labels[i as usize] == c).count();
        for c in 0..3 {
            assert_eq!((count(&s.train, c), count(&s.val, c)), (10, 2));
        }
        assert!(s.train.iter().all(|i| !s.val.contains(i)));
        assert_eq!(s, stratified_split(&labels, 30, 6, 3, 1).unwrap());
        assert_ne!(s, stratified_split(&labels, 30, 6, 3, 2).unwrap());
        assert!(stratified_split(&labels, 85, 6, 3, 1).is_err());
        assert_eq!("stratified".parse::<Subset>().unwrap(), Subset::Stratified);
        assert!("random".parse::<Subset>().is_err());
    }
}
