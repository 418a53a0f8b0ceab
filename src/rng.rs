//! Seeded, portable random streams.
//!
//! Every random choice of the core (shuffles, validation split, weight initialisation) comes from a
//! [`Xoshiro256PlusPlus`] seeded with a `u32` seed (a `u32` so it crosses the JS boundary as a
//! Number, not a BigInt). Sampling never depends on `usize` (32-bit on wasm32): ranges are drawn as
//! `u32`, so the same seed gives the same numbers natively and in wasm.

use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, StandardNormal};
pub use rand_xoshiro::Xoshiro256PlusPlus;

/// A named sub-stream of a run's seed, so that e.g. the split and the shuffle do not share draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Stream {
    /// Train / validation split.
    Split = 1,
    /// Weight initialisation.
    Init = 2,
    /// Minibatch order (one shuffle per epoch).
    Shuffle = 3,
    /// The fixed sample on which training accuracy is measured.
    Sample = 4,
    /// Candidate weights of random search and random local search.
    Search = 5,
    /// Coordinates sampled by the sparse gradient check.
    GradCheck = 6,
    /// The test records held out of the user's data when it has no test split.
    HoldOut = 20,
}

/// The generator for `(seed, stream)`. Source: Blackman & Vigna, "Scrambled linear pseudorandom
/// number generators" (2021), xoshiro256++.
pub fn rng_for(seed: u32, stream: Stream) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(((stream as u64) << 32) | seed as u64)
}

/// Fisher–Yates shuffle drawing `u32` ranges (portable across 32- and 64-bit targets).
///
/// # Panics
/// If `v.len()` exceeds `u32::MAX`.
pub fn shuffle<T>(v: &mut [T], rng: &mut Xoshiro256PlusPlus) {
    assert!(v.len() <= u32::MAX as usize, "shuffle: slice too long");
    for i in (1..v.len()).rev() {
        let j = rng.random_range(0..=i as u32) as usize;
        v.swap(i, j);
    }
}

/// The identity permutation `0..n` shuffled.
pub fn permutation(n: usize, rng: &mut Xoshiro256PlusPlus) -> Vec<u32> {
    let mut p: Vec<u32> = (0..n as u32).collect();
    shuffle(&mut p, rng);
    p
}

/// `n` draws of `scale · N(0, 1)` as f32 (CS231n's `weight_scale * randn(D, C)` initialisation).
pub fn randn_f32(n: usize, scale: f32, rng: &mut Xoshiro256PlusPlus) -> Vec<f32> {
    (0..n)
        .map(|_| {
            let z: f64 = StandardNormal.sample(rng);
            scale * z as f32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_permutation_and_streams_differ() {
        let a = permutation(100, &mut rng_for(7, Stream::Shuffle));
        let b = permutation(100, &mut rng_for(7, Stream::Shuffle));
        let c = permutation(100, &mut rng_for(7, Stream::Split));
        assert_eq!(a, b);
        assert_ne!(a, c);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..100).collect::<Vec<u32>>());
    }

    #[test]
    fn randn_has_unit_scale() {
        let v = randn_f32(20_000, 1.0, &mut rng_for(1, Stream::Init));
        let mean = v.iter().map(|&x| x as f64).sum::<f64>() / v.len() as f64;
        let var = v.iter().map(|&x| (x as f64 - mean).powi(2)).sum::<f64>() / v.len() as f64;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var - 1.0).abs() < 0.05, "var {var}");
    }
}
