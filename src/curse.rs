//! The curse of dimensionality, measured: for `num_points` random points uniform in `[0, 1]^d`,
//! the nearest and the farthest distance from a random query, and their ratio, over several
//! seeded queries. As `d` grows the ratio min/max tends to 1: every point is about as far as
//! every other, and "nearest" neighbour loses its meaning.
//!
//! Source: CS231n notes, "Image classification", §"Nearest Neighbor classifier" (the kNN
//! section's remarks on distances in high dimension); Beyer, Goldstein, Ramakrishnan & Shaft,
//! "When is 'nearest neighbor' meaningful?", ICDT 1999.

use crate::error::{Error, Result};
use crate::kernels::distance::l1_f32;
use crate::models::knn::Metric;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// Most points.
pub const MAX_POINTS: usize = 5000;
/// Largest dimension.
pub const MAX_DIM: usize = 4096;
/// Most queries.
pub const MAX_QUERIES: usize = 200;

/// Curse streams start from this tag (no draws shared with [`crate::rng::Stream`] or the toys).
const CURSE_STREAM: u64 = 0x43;

/// Mean and standard deviation (over queries) of the nearest distance, the farthest distance and
/// their ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DistanceStats {
    /// Mean nearest distance.
    pub min_mean: f64,
    /// Standard deviation of the nearest distance.
    pub min_std: f64,
    /// Mean farthest distance.
    pub max_mean: f64,
    /// Standard deviation of the farthest distance.
    pub max_std: f64,
    /// Mean of `min / max` per query.
    pub ratio_mean: f64,
    /// Standard deviation of `min / max`.
    pub ratio_std: f64,
}

/// Squared L2 distance by direct differences: no `‖a‖² + ‖b‖² − 2a·b` expansion, whose
/// cancellation would swamp the tiny nearest distances of small `d`. Every term is ≥ 0, so f32
/// sums (four lanes, as the L1 kernel: the compiler vectorises them) lose only ≈ d·ε relative.
fn l2_direct(a: &[f32], b: &[f32]) -> f64 {
    let mut acc = [0f32; 4];
    let body = a.len() / 4 * 4;
    for (x, y) in a[..body].chunks_exact(4).zip(b[..body].chunks_exact(4)) {
        for k in 0..4 {
            let t = x[k] - y[k];
            acc[k] += t * t;
        }
    }
    let mut sum = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (x, y) in a[body..].iter().zip(&b[body..]) {
        sum += (x - y) * (x - y);
    }
    f64::from(sum)
}

fn mean_std(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// Nearest / farthest distance statistics for `num_points` points and `num_queries` queries, all
/// uniform in `[0, 1]^d` (f32 coordinates), under `metric` (L1, or L2 = Euclidean, not squared).
/// Seeded by `(seed, d)`: every dimension draws its own points.
///
/// # Errors
/// [`Error::Config`] naming `num_points` (2..=5000), `d` (1..=4096) or `num_queries` (1..=200).
pub fn distance_stats(
    num_points: usize,
    d: usize,
    num_queries: usize,
    metric: Metric,
    seed: u32,
) -> Result<DistanceStats> {
    for (key, v, lo, hi) in [
        ("num_points", num_points, 2, MAX_POINTS),
        ("d", d, 1, MAX_DIM),
        ("num_queries", num_queries, 1, MAX_QUERIES),
    ] {
        if !(lo..=hi).contains(&v) {
            return Err(Error::config(
                key,
                format!("must be in {lo}..={hi}, got {v}"),
            ));
        }
    }
    let tag = (CURSE_STREAM << 24) | d as u64;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64((tag << 32) | seed as u64);
    let mut uniform =
        |n: usize| -> Vec<f32> { (0..n * d).map(|_| rng.random_range(0.0..1.0)).collect() };
    let points = uniform(num_points);
    let queries = uniform(num_queries);
    // dists: (num_queries, num_points)
    let dists: Vec<f64> = match metric {
        Metric::L2 => queries
            .chunks_exact(d)
            .flat_map(|q| points.chunks_exact(d).map(move |p| l2_direct(q, p).sqrt()))
            .collect(),
        Metric::L1 => {
            let mut out = vec![0f32; num_queries * num_points];
            l1_f32(&queries, &points, num_queries, num_points, d, &mut out);
            out.into_iter().map(f64::from).collect()
        }
    };
    let (mut mins, mut maxs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for row in dists.chunks_exact(num_points) {
        let lo = row.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = row.iter().copied().fold(0.0, f64::max);
        mins.push(lo);
        maxs.push(hi);
        ratios.push(if hi > 0.0 { lo / hi } else { 1.0 });
    }
    let (min_mean, min_std) = mean_std(&mins);
    let (max_mean, max_std) = mean_std(&maxs);
    let (ratio_mean, ratio_std) = mean_std(&ratios);
    Ok(DistanceStats {
        min_mean,
        min_std,
        max_mean,
        max_std,
        ratio_mean,
        ratio_std,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ratio_tends_to_one_as_d_grows() {
        for metric in [Metric::L2, Metric::L1] {
            let r: Vec<f64> = [1, 2, 10, 100, 1000]
                .iter()
                .map(|&d| distance_stats(200, d, 20, metric, 1).unwrap().ratio_mean)
                .collect();
            println!("{metric:?} ratio min/max at d = 1, 2, 10, 100, 1000: {r:?}");
            assert!(r.windows(2).all(|w| w[0] < w[1]), "{metric:?}: {r:?}");
            assert!(r[1] < 0.1 && r[4] > 0.6, "{metric:?}: {r:?}");
        }
    }

    #[test]
    fn distances_match_the_uniform_cube() {
        // E‖u − v‖² = d/6 for independent uniform u, v: the farthest is above, the nearest below.
        let s = distance_stats(500, 500, 10, Metric::L2, 3).unwrap();
        let typical = (500.0f64 / 6.0).sqrt();
        assert!(s.min_mean < typical && typical < s.max_mean, "{s:?}");
        assert!((s.min_mean - typical).abs() / typical < 0.3);
        assert!(s.ratio_std >= 0.0 && s.ratio_std < 0.05);
        // L1: E|u − v| = 1/3 per coordinate.
        let s = distance_stats(500, 500, 10, Metric::L1, 3).unwrap();
        assert!(
            s.min_mean < 500.0 / 3.0 && 500.0 / 3.0 < s.max_mean,
            "{s:?}"
        );
        // Seeded: the same call gives the same numbers, another seed others.
        assert_eq!(s, distance_stats(500, 500, 10, Metric::L1, 3).unwrap());
        assert_ne!(s, distance_stats(500, 500, 10, Metric::L1, 4).unwrap());
    }

    #[test]
    fn direct_l2_matches_the_two_loop_reference() {
        use crate::kernels::distance::l2_squared_two_loops;
        // Rows of 7 (a four-lane body and a tail), uniform in [0, 1), one pair nearly equal.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(9);
        let b: Vec<f32> = (0..14).map(|_| rng.random_range(0.0..1.0)).collect();
        let mut a: Vec<f32> = (0..14).map(|_| rng.random_range(0.0..1.0)).collect();
        for k in 0..7 {
            a[k] = b[k] + 1e-4;
        }
        let reference = l2_squared_two_loops(&a, &b, 2, 2, 7);
        for i in 0..2 {
            for j in 0..2 {
                let v = l2_direct(&a[i * 7..i * 7 + 7], &b[j * 7..j * 7 + 7]);
                let r = reference[i * 2 + j];
                assert!((v - r).abs() <= 1e-5 * r, "{v} vs {r}");
            }
        }
    }

    #[test]
    fn bad_sizes_name_their_key() {
        let err = |r: Result<DistanceStats>| match r {
            Err(Error::Config { key, .. }) => key,
            other => panic!("{other:?}"),
        };
        assert_eq!(err(distance_stats(1, 2, 3, Metric::L2, 1)), "num_points");
        assert_eq!(err(distance_stats(10, 0, 3, Metric::L2, 1)), "d");
        assert_eq!(err(distance_stats(10, 2, 0, Metric::L2, 1)), "num_queries");
    }
}
