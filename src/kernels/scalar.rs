//! The scalar reference GEMM: plain loops, generic over f32 / f64, always compiled.
//!
//! Every element is accumulated as `((0 + a₀b₀) + a₁b₁) + …` in ascending `k`, the same order as
//! the blocked kernels, so the f32 results of all kernels are bit-identical.

use num_traits::Float;

/// `out (M, N) = A · B` where `A (M, K)` is read as `a[i·rsa + kk·csa]` and `B (K, N)` is row-major.
///
/// With `rsa = K, csa = 1` this is `a · b`; with `rsa = 1, csa = M` it is `aᵀ · b` for a row-major
/// `a (K, M)`.
///
/// # Panics
/// If a slice is shorter than its shape requires.
#[allow(clippy::too_many_arguments)]
pub fn gemm<F: Float>(
    m: usize,
    k: usize,
    n: usize,
    a: &[F],
    rsa: usize,
    csa: usize,
    b: &[F],
    out: &mut [F],
) {
    assert!(
        b.len() >= k * n && out.len() >= m * n,
        "gemm: slices shorter than their shapes"
    );
    for i in 0..m {
        let row = &mut out[i * n..(i + 1) * n];
        row.iter_mut().for_each(|o| *o = F::zero());
        for kk in 0..k {
            let aik = a[i * rsa + kk * csa];
            let brow = &b[kk * n..(kk + 1) * n];
            for (o, &bv) in row.iter_mut().zip(brow) {
                *o = *o + aik * bv;
            }
        }
    }
}
