//! Ranked k-NN predictions for top-5 accuracy: the classes in the order a k-NN classifier prefers
//! them, so that "top-5 correct" means the true class is among the first five.
//!
//! The ranking of one test image (documented rule, deterministic):
//! 1. classes with at least one vote among the k nearest, by votes (most first); a tie goes to the
//!    smaller label, as the vote itself does (case C05), so rank 1 is always the predicted label
//!    and top-5 ≥ top-1 on every set of images;
//! 2. then the classes without a vote, by the distance of their nearest training image (nearest
//!    first; equal distances: the lower training index, as in [`KNearestNeighbor::nearest`]).
//!
//! With k = 1 this is the order of the nearest *distinct* classes: the class of the nearest image,
//! then the class of the nearest image of another class, and so on. Classes absent from the
//! training data are never ranked; when fewer than `top` classes are present the rest is 255.
//! Source: CS231n notes, "Image classification" (k-NN vote); top-5 error as reported for
//! ImageNet (Russakovsky et al., "ImageNet Large Scale Visual Recognition Challenge", IJCV 2015).

use super::knn::{Distance, KNearestNeighbor};
use crate::error::{Error, Result};
use crate::label::Label;
use ndarray::ArrayView2;

/// Label used to pad a ranking when fewer classes than asked for are present.
pub const NO_CLASS: Label = crate::label::NO_LABEL;
/// Most classes a ranking may list per row.
pub const MAX_TOP: usize = 255;

impl KNearestNeighbor {
    /// The first `top` classes of each test row of `dists: (num_test, num_train)` in the ranking
    /// above: `(num_test, top)`, row-major. Column 0 equals [`KNearestNeighbor::predict_labels`].
    ///
    /// # Shapes
    /// `dists: (num_test, num_train)` (standard layout, u32 or u64); returns `(num_test, top)`
    /// row-major.
    ///
    /// # Errors
    /// [`Error::Config`] for a `k` outside `1..=num_train` or `top` outside `1..=`[`MAX_TOP`].
    pub fn rank_classes<T: Distance>(
        &self,
        dists: ArrayView2<T>,
        k: usize,
        top: usize,
    ) -> Result<Vec<Label>> {
        if top == 0 || top > MAX_TOP {
            return Err(Error::config(
                "top",
                format!("must be 1..={MAX_TOP}, got {top}"),
            ));
        }
        let c = self.num_classes();
        let nearest = self.nearest(dists.view(), k)?;
        let dists = crate::models::contiguous(&dists, "dists")?;
        let labels = self.labels();
        let n = labels.len();
        let mut out = Vec::with_capacity(dists.len() / n * top);
        for (row, nb) in dists.chunks_exact(n).zip(nearest.chunks_exact(k)) {
            let mut votes = vec![0u32; c];
            for &j in nb {
                votes[labels[j as usize] as usize] += 1;
            }
            // Each class's nearest training image, as (distance, index).
            let mut closest = vec![(T::MAX, u32::MAX); c];
            for (j, (&d, &l)) in row.iter().zip(labels).enumerate() {
                let c = &mut closest[l as usize];
                if (d, j as u32) < *c {
                    *c = (d, j as u32);
                }
            }
            let mut voted: Vec<Label> =
                (0..c as Label).filter(|&c| votes[c as usize] > 0).collect();
            voted.sort_by_key(|&c| (std::cmp::Reverse(votes[c as usize]), c));
            let mut rest: Vec<Label> = (0..c as Label)
                .filter(|&c| votes[c as usize] == 0 && closest[c as usize].1 != u32::MAX)
                .collect();
            rest.sort_by_key(|&c| closest[c as usize]);
            let start = out.len();
            out.extend(voted.into_iter().chain(rest).take(top));
            out.resize(start + top, NO_CLASS);
        }
        Ok(out)
    }
}

/// Fractions of rows whose true label is the first of its ranking (top-1) and among the first
/// `min(5, top)` (top-5): `ranks: (N, top)` row-major, `labels: (N,)`.
///
/// # Panics
/// When `ranks.len() != labels.len() · top`.
pub fn top1_top5(ranks: &[Label], labels: &[Label], top: usize) -> (f32, f32) {
    assert_eq!(ranks.len(), labels.len() * top, "ranks must be (N, top)");
    let (mut one, mut five) = (0usize, 0usize);
    for (r, &y) in ranks.chunks_exact(top).zip(labels) {
        one += usize::from(r[0] == y);
        five += usize::from(r[..top.min(5)].contains(&y));
    }
    let n = labels.len().max(1) as f32;
    (one as f32 / n, five as f32 / n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::knn::Metric;

    /// 1-D points: labels chosen so that votes, vote ties and distances all matter.
    fn line() -> KNearestNeighbor {
        // x:      0  1  2  3  4  10 11 20
        // label:  3  1  1  3  0  2  2  4
        KNearestNeighbor::train(
            crate::models::view2(&[0, 1, 2, 3, 4, 10, 11, 20], 1).unwrap(),
            &[3, 1, 1, 3, 0, 2, 2, 4],
        )
        .unwrap()
    }

    #[test]
    fn k1_ranks_the_nearest_distinct_classes() {
        let knn = line();
        let d = knn
            .compute_distances(crate::models::view2(&[9], knn.dim()).unwrap(), Metric::L1)
            .unwrap();
        // nearest: 10 (class 2), then 4 (class 0, distance 5), 3 (class 3, 6), 2 (class 1, 7), 20 (4, 11)
        assert_eq!(
            knn.rank_classes(d.view(), 1, 5).unwrap(),
            vec![2, 0, 3, 1, 4]
        );
        assert_eq!(
            knn.rank_classes(d.view(), 1, 7).unwrap(),
            vec![2, 0, 3, 1, 4, NO_CLASS, NO_CLASS]
        );
        assert_eq!(knn.rank_classes(d.view(), 1, 2).unwrap(), vec![2, 0]);
    }

    #[test]
    fn votes_first_ties_to_the_smaller_label_then_distance() {
        let knn = line();
        // query 2, k = 4 (L1): neighbours 2 (class 1), 1 (1), 3 (3), 0 and 4 at distance 2 → index
        // 0 (class 3) by the lower index. Votes: class 1 ×2, class 3 ×2 → tie to the smaller: 1, 3.
        // Then no-vote classes by nearest image: 0 (x = 4, distance 2), 2 (x = 10), 4 (x = 20).
        let d = knn
            .compute_distances(crate::models::view2(&[2], knn.dim()).unwrap(), Metric::L1)
            .unwrap();
        assert_eq!(
            knn.rank_classes(d.view(), 4, 5).unwrap(),
            vec![1, 3, 0, 2, 4]
        );
        assert_eq!(knn.predict_labels(d.view(), 4).unwrap(), vec![1]);
        // query 10, k = 3: x = 10, 11 (class 2), 4 (class 0) → 2 ×2, 0 ×1; then by nearest image:
        // class 3 (x = 3, 7 away), 1 (x = 2, 8 away), 4 (x = 20, 10 away).
        let d = knn
            .compute_distances(crate::models::view2(&[10], knn.dim()).unwrap(), Metric::L1)
            .unwrap();
        assert_eq!(
            knn.rank_classes(d.view(), 3, 5).unwrap(),
            vec![2, 0, 3, 1, 4]
        );
    }

    #[test]
    fn column_zero_is_the_prediction_and_top5_is_at_least_top1() {
        // A small pseudo-random 4-D problem with 8 classes.
        let mut s = 7u32;
        let mut next = || {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (s >> 24) as u8
        };
        let x: Vec<u8> = (0..400 * 4).map(|_| next()).collect();
        let y: Vec<Label> = (0..400).map(|_| Label::from(next() % 8)).collect();
        let q: Vec<u8> = (0..60 * 4).map(|_| next()).collect();
        let qy: Vec<Label> = (0..60).map(|_| Label::from(next() % 8)).collect();
        let knn = KNearestNeighbor::train(crate::models::view2(&x, 4).unwrap(), &y).unwrap();
        for metric in [Metric::L1, Metric::L2] {
            let d = knn
                .compute_distances(crate::models::view2(&q, knn.dim()).unwrap(), metric)
                .unwrap();
            for k in [1, 2, 5, 10, 50] {
                let ranks = knn.rank_classes(d.view(), k, 5).unwrap();
                let pred = knn.predict_labels(d.view(), k).unwrap();
                let col0: Vec<Label> = ranks.chunks_exact(5).map(|r| r[0]).collect();
                assert_eq!(col0, pred, "{metric:?} k={k}");
                for r in ranks.chunks_exact(5) {
                    let mut u = r.to_vec();
                    u.sort_unstable();
                    u.dedup();
                    assert_eq!(u.len(), 5, "five distinct classes: {r:?}");
                }
                let (t1, t5) = top1_top5(&ranks, &qy, 5);
                assert!(t5 >= t1 && t5 <= 1.0, "{t1} {t5}");
            }
        }
        assert!(knn
            .rank_classes(ndarray::Array2::<u32>::zeros((1, 400)).view(), 1, 0)
            .is_err());
        assert!(knn
            .rank_classes(ndarray::Array2::<u32>::zeros((1, 400)).view(), 0, 5)
            .is_err());
    }

    #[test]
    fn top1_top5_counts() {
        let ranks = [0, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4];
        assert_eq!(top1_top5(&ranks, &[0, 0, 5], 6), (1.0 / 3.0, 2.0 / 3.0));
    }
}
