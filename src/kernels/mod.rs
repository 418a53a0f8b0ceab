//! f32 matrix multiplication: a scalar reference (always compiled) and a register-blocked kernel
//! over a vector type chosen once at compile time — wasm SIMD128 when the build has
//! `target-feature=+simd128`, a portable four-lane type otherwise. All give bit-identical results.

pub mod blocked;
pub mod distance;
pub mod scalar;
pub mod vector;

use std::cell::RefCell;

/// True when this build runs the SIMD128 kernels (wasm32 built with `+simd128`).
pub const SIMD128: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));

/// The vector type of this build.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub type Best = vector::Simd128;
/// The vector type of this build.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub type Best = vector::Emulated;

thread_local! {
    static PACK: RefCell<blocked::Buffers> = RefCell::new(blocked::Buffers::default());
}

/// `out (M, N) = A · B`, `A (M, K)` read as `a[i·rsa + kk·csa]`, `B (K, N)` row-major, with the
/// fastest kernel of this build.
///
/// # Panics
/// If a slice is shorter than its shape requires.
#[allow(clippy::too_many_arguments)]
pub fn gemm(
    m: usize,
    k: usize,
    n: usize,
    a: &[f32],
    rsa: usize,
    csa: usize,
    b: &[f32],
    out: &mut [f32],
) {
    assert!(b.len() >= k * n, "gemm: b shorter than (K, N)");
    PACK.with(|p| blocked::gemm::<Best>(m, k, n, a, rsa, csa, b, out, &mut p.borrow_mut()));
}

/// Floating-point element types the models run on: f32 (fast kernels) and f64 (reference paths
/// and gradient checks).
pub trait Real:
    num_traits::Float + std::iter::Sum + std::fmt::Debug + Default + Send + Sync + 'static
{
    /// `out (M, N) = a (M, K) · b (K, N)`, all row-major.
    fn matmul(m: usize, k: usize, n: usize, a: &[Self], b: &[Self], out: &mut [Self]);
    /// `out (M, N) = aᵀ · b` for row-major `a (K, M)` and `b (K, N)` (e.g. `dw = xᵀ · dscores`).
    fn matmul_tn(k: usize, m: usize, n: usize, a: &[Self], b: &[Self], out: &mut [Self]);
    /// Conversion from f64 (for constants and test inputs).
    fn of(x: f64) -> Self;
}

impl Real for f32 {
    fn matmul(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], out: &mut [f32]) {
        gemm(m, k, n, a, k, 1, b, out)
    }
    fn matmul_tn(k: usize, m: usize, n: usize, a: &[f32], b: &[f32], out: &mut [f32]) {
        gemm(m, k, n, a, 1, m, b, out)
    }
    fn of(x: f64) -> f32 {
        x as f32
    }
}

impl Real for f64 {
    fn matmul(m: usize, k: usize, n: usize, a: &[f64], b: &[f64], out: &mut [f64]) {
        scalar::gemm(m, k, n, a, k, 1, b, out)
    }
    fn matmul_tn(k: usize, m: usize, n: usize, a: &[f64], b: &[f64], out: &mut [f64]) {
        scalar::gemm(m, k, n, a, 1, m, b, out)
    }
    fn of(x: f64) -> f64 {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{randn_f32, rng_for, Stream};

    fn bits(v: &[f32]) -> Vec<u32> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    /// The blocked kernel (with the portable vector natively, SIMD128 in the wasm suite) equals
    /// the scalar reference bit for bit, on shapes that exercise every remainder.
    #[test]
    fn blocked_equals_scalar_bitwise() {
        let mut rng = rng_for(11, Stream::Init);
        for &(m, k, n) in &[
            (1, 1, 1),
            (5, 7, 10),
            (4, 3073, 10),
            (9, 33, 25),
            (13, 5, 12),
            (3, 0, 4),
            // the narrow path (N ≤ 30): row remainders, one column group of 10, groups of
            // unequal width (23 = 8 + 8 + 7, 13 = 7 + 6), k-blocks
            (17, 1100, 10),
            (8, 513, 16),
            (3, 2, 7),
            (13, 515, 23),
            (9, 1030, 20),
            (6, 40, 30),
            (5, 600, 13),
            (4, 9, 31),
            // the wide path: row and column remainders, several k-blocks and row blocks
            (101, 600, 37),
            (5, 257, 17),
            (200, 30, 41),
        ] {
            let a = randn_f32(m * k, 1.0, &mut rng);
            let b = randn_f32(k * n, 1.0, &mut rng);
            let mut want = vec![0f32; m * n];
            scalar::gemm(m, k, n, &a, k, 1, &b, &mut want);
            let mut got = vec![7f32; m * n];
            f32::matmul(m, k, n, &a, &b, &mut got);
            assert_eq!(bits(&got), bits(&want), "a·b {m}×{k}×{n}");
            // transposed A: a is (K, M)
            let mut want_t = vec![0f32; m * n];
            scalar::gemm(m, k, n, &a, 1, m, &b, &mut want_t);
            let mut got_t = vec![0f32; m * n];
            f32::matmul_tn(k, m, n, &a, &b, &mut got_t);
            assert_eq!(bits(&got_t), bits(&want_t), "aᵀ·b {m}×{k}×{n}");
        }
    }

    #[test]
    fn matmul_matches_hand_values() {
        // [[1,2],[3,4]] · [[5,6],[7,8]] = [[19,22],[43,50]]
        let mut out = [0f64; 4];
        f64::matmul(2, 2, 2, &[1., 2., 3., 4.], &[5., 6., 7., 8.], &mut out);
        assert_eq!(out, [19., 22., 43., 50.]);
        let mut o32 = [0f32; 4];
        f32::matmul(2, 2, 2, &[1., 2., 3., 4.], &[5., 6., 7., 8.], &mut o32);
        assert_eq!(o32, [19., 22., 43., 50.]);
        // aᵀ·b with a = [[1,2],[3,4]]: [[1,3],[2,4]]·b = [[26,30],[38,44]]
        f32::matmul_tn(2, 2, 2, &[1., 2., 3., 4.], &[5., 6., 7., 8.], &mut o32);
        assert_eq!(o32, [26., 30., 38., 44.]);
    }
}
