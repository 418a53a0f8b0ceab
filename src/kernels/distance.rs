//! Distance matrices between the rows of a test set `a: (M, D)` and a training set `b: (N, D)`:
//! `dists: (M, N)`. Source: CS231n notes, "Image classification", §"Nearest Neighbor classifier"
//! (L1 `Σ|a−b|`, L2 `√Σ(a−b)²`) and assignment 1's `compute_distances_no_loops` (the expansion
//! `‖a‖² + ‖b‖² − 2a·b`).
//!
//! Two families:
//! - **exact integer distances on raw u8 pixels** (`*_u8`): squared L2 and L1 in u32, exact for
//!   `D ≤ MAX_EXACT_DIM = 66 051` (255²·D < 2³²), so rankings can never flip on rounding; a SIMD128
//!   path (i16×8 → i32×4 dot products, saturating byte differences) and a scalar path give the same
//!   integers. Past that limit the `*_u8_wide` kernels give the same exact values in u64 for any D:
//!   they run the same u32 dot / SAD kernels on blocks of [`WIDE_BLOCK`] values (which cannot
//!   overflow u32) and add the block results in u64;
//! - **f32 distances** for preprocessed features: squared L2 through the GEMM kernel, clamped at 0
//!   so that cancellation never makes it negative (case C03), and a two-loop f64 reference.
//!
//! Ranking uses squared L2 (the square root is monotone); take the root only for display.

use super::Real;

/// Largest `D` for which the u32 integer distances cannot overflow (255²·D < 2³²).
pub const MAX_EXACT_DIM: usize = 66_051;

/// Values per block of the wide kernels: 255²·65 536 < 2³², so a block's dot product or SAD is
/// exact in u32 (and a multiple of 16, so SIMD tails only occur in the last block).
pub const WIDE_BLOCK: usize = 65_536;

/// Training rows handled together by the exact u8 kernels: each load (and widening) of a test
/// vector is reused for this many training rows.
const U8_RB: usize = 4;

/// Squared norms `‖x_i‖²` of the u8 rows of `x: (N, D)`, exact.
pub fn sq_norms_u8(x: &[u8], d: usize) -> Vec<u32> {
    x.chunks_exact(d.max(1))
        .map(|r| dot_u8_scalar(r, r))
        .collect()
}

/// Exact squared L2 distances on u8 rows: `out[i·N + j] = Σ_d (a_id − b_jd)²`, computed as
/// `‖a_i‖² + ‖b_j‖² − 2 a_i·b_j` in integers (exact, so the expansion cannot cancel badly as it
/// does in floating point — case C03).
///
/// # Panics
/// If a slice is shorter than its shape or `d > MAX_EXACT_DIM`.
pub fn l2_squared_u8(a: &[u8], b: &[u8], m: usize, n: usize, d: usize, out: &mut [u32]) {
    check(a.len(), b.len(), out.len(), m, n, d);
    let bb = sq_norms_u8(&b[..n * d], d);
    l2_squared_u8_with_norms(a, b, &bb, m, n, d, out)
}

/// [`l2_squared_u8`] with the training rows' squared norms `bb: (N,)` computed once
/// ([`sq_norms_u8`]).
///
/// # Panics
/// As [`l2_squared_u8`], or if `bb.len() < N`.
pub fn l2_squared_u8_with_norms(
    a: &[u8],
    b: &[u8],
    bb: &[u32],
    m: usize,
    n: usize,
    d: usize,
    out: &mut [u32],
) {
    check(a.len(), b.len(), out.len(), m, n, d);
    assert!(bb.len() >= n, "bb must be (N,)");
    let aa: Vec<u32> = (0..m)
        .map(|i| dot_u8_scalar(&a[i * d..(i + 1) * d], &a[i * d..(i + 1) * d]))
        .collect();
    for (j0, j1) in train_blocks(n, d) {
        for i in 0..m {
            let ai = &a[i * d..(i + 1) * d];
            let row = &mut out[i * n..(i + 1) * n];
            let mut j = j0;
            while j + U8_RB <= j1 {
                let bs: [&[u8]; U8_RB] = core::array::from_fn(|q| &b[(j + q) * d..(j + q + 1) * d]);
                let dots = dot4_u8(ai, bs);
                for q in 0..U8_RB {
                    row[j + q] = combine(aa[i], bb[j + q], dots[q]);
                }
                j += U8_RB;
            }
            for j in j..j1 {
                row[j] = combine(aa[i], bb[j], dot_u8(ai, &b[j * d..(j + 1) * d]));
            }
        }
    }
}

/// Bytes of training rows worked on together: every test row of a call meets a block while it is
/// in L2, so the training set is streamed from memory once per call, not once per test row (the
/// difference between memory-bound and compute-bound on full MNIST).
const TRAIN_BLOCK_BYTES: usize = 128 * 1024;

/// `[j0, j1)` ranges of training rows, each about [`TRAIN_BLOCK_BYTES`] and a multiple of four rows.
fn train_blocks(n: usize, d: usize) -> impl Iterator<Item = (usize, usize)> {
    let rows = (TRAIN_BLOCK_BYTES / d.max(1)).max(U8_RB) / U8_RB * U8_RB;
    (0..n).step_by(rows).map(move |j0| (j0, (j0 + rows).min(n)))
}

/// `‖a‖² + ‖b‖² − 2a·b` in wrapping u32 arithmetic: the intermediate terms may pass 2³² for large
/// D, but the true result is below 2³² (D ≤ MAX_EXACT_DIM), so the result modulo 2³² is exact.
#[inline(always)]
fn combine(aa: u32, bb: u32, dot: u32) -> u32 {
    aa.wrapping_add(bb).wrapping_sub(dot.wrapping_mul(2))
}

/// Exact L1 distances on u8 rows: `out[i·N + j] = Σ_d |a_id − b_jd|`.
///
/// # Panics
/// As [`l2_squared_u8`].
pub fn l1_u8(a: &[u8], b: &[u8], m: usize, n: usize, d: usize, out: &mut [u32]) {
    check(a.len(), b.len(), out.len(), m, n, d);
    for (j0, j1) in train_blocks(n, d) {
        for i in 0..m {
            let ai = &a[i * d..(i + 1) * d];
            let row = &mut out[i * n..(i + 1) * n];
            let mut j = j0;
            while j + U8_RB <= j1 {
                let bs: [&[u8]; U8_RB] = core::array::from_fn(|q| &b[(j + q) * d..(j + q + 1) * d]);
                row[j..j + U8_RB].copy_from_slice(&sad4_u8(ai, bs));
                j += U8_RB;
            }
            for j in j..j1 {
                row[j] = sad_u8(ai, &b[j * d..(j + 1) * d]);
            }
        }
    }
}

fn check(a: usize, b: usize, out: usize, m: usize, n: usize, d: usize) {
    assert!(
        d <= MAX_EXACT_DIM,
        "exact u8 distances need D ≤ {MAX_EXACT_DIM}, got {d}"
    );
    check_shapes(a, b, out, m, n, d);
}

fn check_shapes(a: usize, b: usize, out: usize, m: usize, n: usize, d: usize) {
    assert!(
        a >= m * d && b >= n * d && out >= m * n,
        "distance: slices shorter than their shapes"
    );
}

/// Squared norms `‖x_i‖²` of the u8 rows of `x: (N, D)`, exact in u64 for any `D`.
pub fn sq_norms_u8_wide(x: &[u8], d: usize) -> Vec<u64> {
    x.chunks_exact(d.max(1))
        .map(|r| dot_u8_wide(r, r))
        .collect()
}

/// `x · y` of two u8 rows, exact in u64 for any length: u32 dot products of [`WIDE_BLOCK`]-value
/// blocks summed in u64.
pub fn dot_u8_wide(x: &[u8], y: &[u8]) -> u64 {
    x.chunks(WIDE_BLOCK)
        .zip(y.chunks(WIDE_BLOCK))
        .map(|(p, q)| dot_u8(p, q) as u64)
        .sum()
}

/// `x · y_q` and `Σ|x − y_q|` (chosen by `l1`) for four rows, exact in u64 for any length.
#[inline]
fn block4_u8_wide(x: &[u8], ys: [&[u8]; U8_RB], l1: bool) -> [u64; U8_RB] {
    let mut acc = [0u64; U8_RB];
    let mut k = 0;
    while k < x.len() {
        let end = (k + WIDE_BLOCK).min(x.len());
        let bs = ys.map(|y| &y[k..end]);
        let part = if l1 {
            sad4_u8(&x[k..end], bs)
        } else {
            dot4_u8(&x[k..end], bs)
        };
        for q in 0..U8_RB {
            acc[q] += part[q] as u64;
        }
        k = end;
    }
    acc
}

/// Exact squared L2 distances on u8 rows for any `D`, in u64: `out[i·N + j] = Σ_d (a_id − b_jd)²`
/// as `‖a_i‖² + ‖b_j‖² − 2 a_i·b_j` with every term exact in u64 (255²·D < 2⁶⁴ for any D that
/// fits in memory), the dot products from [`dot4_u8`] on blocks of [`WIDE_BLOCK`] values. Equal
/// to [`l2_squared_u8`] wherever that is defined (D ≤ [`MAX_EXACT_DIM`]).
///
/// # Shapes
/// `a: (M, D)`, `b: (N, D)`, `bb: (N,)` = [`sq_norms_u8_wide`] of `b`, `out: (M, N)`.
///
/// # Panics
/// If a slice is shorter than its shape.
pub fn l2_squared_u8_wide(
    a: &[u8],
    b: &[u8],
    bb: &[u64],
    m: usize,
    n: usize,
    d: usize,
    out: &mut [u64],
) {
    check_shapes(a.len(), b.len(), out.len(), m, n, d);
    assert!(bb.len() >= n, "bb must be (N,)");
    let aa = sq_norms_u8_wide(&a[..m * d], d);
    wide_rows(a, b, m, n, d, out, false, |i, j, dot| {
        aa[i] + bb[j] - 2 * dot
    });
}

/// Exact L1 distances on u8 rows for any `D`, in u64: `out[i·N + j] = Σ_d |a_id − b_jd|`, the SADs
/// of [`WIDE_BLOCK`]-value blocks ([`sad4_u8`]) summed in u64. Equal to [`l1_u8`] wherever that is
/// defined.
///
/// # Shapes
/// `a: (M, D)`, `b: (N, D)`, `out: (M, N)`.
///
/// # Panics
/// If a slice is shorter than its shape.
pub fn l1_u8_wide(a: &[u8], b: &[u8], m: usize, n: usize, d: usize, out: &mut [u64]) {
    check_shapes(a.len(), b.len(), out.len(), m, n, d);
    wide_rows(a, b, m, n, d, out, true, |_, _, sad| sad);
}

/// The loop of the wide kernels: training rows in [`train_blocks`], four at a time, each pair's
/// block sum (`l1`: SAD, else dot) turned into the distance by `finish(i, j, sum)`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn wide_rows(
    a: &[u8],
    b: &[u8],
    m: usize,
    n: usize,
    d: usize,
    out: &mut [u64],
    l1: bool,
    finish: impl Fn(usize, usize, u64) -> u64,
) {
    for (j0, j1) in train_blocks(n, d) {
        for i in 0..m {
            let ai = &a[i * d..(i + 1) * d];
            let row = &mut out[i * n..(i + 1) * n];
            let mut j = j0;
            while j + U8_RB <= j1 {
                let bs: [&[u8]; U8_RB] = core::array::from_fn(|q| &b[(j + q) * d..(j + q + 1) * d]);
                let sums = block4_u8_wide(ai, bs, l1);
                for q in 0..U8_RB {
                    row[j + q] = finish(i, j + q, sums[q]);
                }
                j += U8_RB;
            }
            for j in j..j1 {
                let bj = &b[j * d..(j + 1) * d];
                row[j] = finish(i, j, block4_u8_wide(ai, [bj; U8_RB], l1)[0]);
            }
        }
    }
}

/// Sum of squared differences of two u8 rows (exact).
pub fn ssd_u8(x: &[u8], y: &[u8]) -> u32 {
    combine(dot_u8(x, x), dot_u8(y, y), dot_u8(x, y))
}

/// Dot product of two u8 rows (exact).
#[inline]
pub fn dot_u8(x: &[u8], y: &[u8]) -> u32 {
    dot4_u8(x, [y; U8_RB])[0]
}

/// Sum of absolute differences of two u8 rows (exact).
#[inline]
pub fn sad_u8(x: &[u8], y: &[u8]) -> u32 {
    sad4_u8(x, [y; U8_RB])[0]
}

/// `x · y_q` for four rows `y_q` (exact).
#[inline]
pub fn dot4_u8(x: &[u8], ys: [&[u8]; U8_RB]) -> [u32; U8_RB] {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd::dot4(x, ys)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        ys.map(|y| dot_u8_scalar(x, y))
    }
}

/// `Σ|x − y_q|` for four rows `y_q` (exact).
#[inline]
pub fn sad4_u8(x: &[u8], ys: [&[u8]; U8_RB]) -> [u32; U8_RB] {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd::sad4(x, ys)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        ys.map(|y| sad_u8_scalar(x, y))
    }
}

/// Scalar reference of [`dot_u8`].
pub fn dot_u8_scalar(x: &[u8], y: &[u8]) -> u32 {
    x.iter()
        .zip(y)
        .fold(0u32, |s, (&p, &q)| s.wrapping_add(p as u32 * q as u32))
}

/// Scalar reference of [`ssd_u8`].
pub fn ssd_u8_scalar(x: &[u8], y: &[u8]) -> u32 {
    x.iter()
        .zip(y)
        .map(|(&p, &q)| (p as i32 - q as i32).pow(2) as u32)
        .sum()
}

/// Scalar reference of [`sad_u8`].
pub fn sad_u8_scalar(x: &[u8], y: &[u8]) -> u32 {
    x.iter().zip(y).map(|(&p, &q)| p.abs_diff(q) as u32).sum()
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use super::U8_RB;
    use core::arch::wasm32::*;

    #[inline(always)]
    fn load(s: &[u8]) -> v128 {
        let s = &s[..16];
        // SAFETY: 16 readable bytes; wasm loads need no alignment.
        unsafe { v128_load(s.as_ptr() as *const v128) }
    }

    #[inline(always)]
    fn hsum(v: v128) -> u32 {
        (u32x4_extract_lane::<0>(v))
            .wrapping_add(u32x4_extract_lane::<1>(v))
            .wrapping_add(u32x4_extract_lane::<2>(v))
            .wrapping_add(u32x4_extract_lane::<3>(v))
    }

    /// `x · y_q` with u8 → i16 widening and i32x4 dot products: each test vector is loaded and
    /// widened once for four training rows. Exact: a lane gathers at most D/4 · 2 · 255² < 2³¹.
    pub fn dot4(x: &[u8], ys: [&[u8]; U8_RB]) -> [u32; U8_RB] {
        let n16 = x.len() / 16 * 16;
        let mut acc = [i32x4_splat(0); U8_RB];
        let mut k = 0;
        while k < n16 {
            let xv = load(&x[k..]);
            let (xl, xh) = (u16x8_extend_low_u8x16(xv), u16x8_extend_high_u8x16(xv));
            for q in 0..U8_RB {
                let yv = load(&ys[q][k..]);
                acc[q] = i32x4_add(acc[q], i32x4_dot_i16x8(xl, u16x8_extend_low_u8x16(yv)));
                acc[q] = i32x4_add(acc[q], i32x4_dot_i16x8(xh, u16x8_extend_high_u8x16(yv)));
            }
            k += 16;
        }
        core::array::from_fn(|q| {
            hsum(acc[q]).wrapping_add(super::dot_u8_scalar(&x[n16..], &ys[q][n16..]))
        })
    }

    /// `Σ|x − y_q|` with saturating byte differences, summed pairwise into u16 lanes (flushed to
    /// u32 every 128 steps, before 128 · 2 · 255 could overflow), exact.
    pub fn sad4(x: &[u8], ys: [&[u8]; U8_RB]) -> [u32; U8_RB] {
        let n16 = x.len() / 16 * 16;
        let mut acc32 = [u32x4_splat(0); U8_RB];
        let mut k = 0;
        while k < n16 {
            let end = (k + 128 * 16).min(n16);
            let mut acc16 = [u16x8_splat(0); U8_RB];
            while k < end {
                let xv = load(&x[k..]);
                for q in 0..U8_RB {
                    let yv = load(&ys[q][k..]);
                    let d = v128_or(u8x16_sub_sat(xv, yv), u8x16_sub_sat(yv, xv));
                    acc16[q] = i16x8_add(acc16[q], u16x8_extadd_pairwise_u8x16(d));
                }
                k += 16;
            }
            for q in 0..U8_RB {
                acc32[q] = i32x4_add(acc32[q], u32x4_extadd_pairwise_u16x8(acc16[q]));
            }
        }
        core::array::from_fn(|q| hsum(acc32[q]) + super::sad_u8_scalar(&x[n16..], &ys[q][n16..]))
    }
}

/// Squared L2 distances on f32 rows by the expansion `‖a‖² + ‖b‖² − 2a·b` (the GEMM kernel for
/// `a·bᵀ`), clamped at 0 so rounding never yields a negative (case C03). Norms are plain
/// sequential f32 sums.
///
/// # Panics
/// If a slice is shorter than its shape.
pub fn l2_squared_expanded(a: &[f32], b: &[f32], m: usize, n: usize, d: usize, out: &mut [f32]) {
    assert!(a.len() >= m * d && b.len() >= n * d && out.len() >= m * n);
    let sq = |r: &[f32]| r.iter().fold(0f32, |s, &v| s + v * v);
    let aa: Vec<f32> = (0..m).map(|i| sq(&a[i * d..(i + 1) * d])).collect();
    let bb: Vec<f32> = (0..n).map(|j| sq(&b[j * d..(j + 1) * d])).collect();
    // a · bᵀ: bᵀ (D, N) row-major.
    let mut bt = vec![0f32; d * n];
    for j in 0..n {
        for k in 0..d {
            bt[k * n + j] = b[j * d + k];
        }
    }
    f32::matmul(m, d, n, a, &bt, out);
    for i in 0..m {
        for j in 0..n {
            let v = aa[i] + bb[j] - 2.0 * out[i * n + j];
            out[i * n + j] = v.max(0.0);
        }
    }
}

/// Test rows handled together by the f32 L1 kernel (each load of a `b` vector is reused).
const L1_RA: usize = 2;
/// Training rows handled together by the f32 L1 kernel (each load of an `a` vector is reused).
const L1_RB: usize = 4;
/// Bytes of training rows worked on together by the f32 L1 kernel: every test row meets a block
/// while it is in L2, so the training set streams from memory once per call, not once per test row.
const L1_TRAIN_BLOCK_BYTES: usize = 192 * 1024;

/// L1 distances on f32 rows, `out[i·N + j] = Σ_d |a_id − b_jd|`, with the vector type of this
/// build. Summation order (part of the definition, the same in every build): four lane sums over
/// `d ≡ 0, 1, 2, 3 (mod 4)` in ascending `d`, combined as `(s₀ + s₁) + (s₂ + s₃)`, then the
/// `D mod 4` tail added in order. The blocking (training rows in L2-sized blocks, a register tile
/// of 2 test × 4 training rows) changes which pairs run together, never a pair's order.
///
/// # Panics
/// If a slice is shorter than its shape.
pub fn l1_f32(a: &[f32], b: &[f32], m: usize, n: usize, d: usize, out: &mut [f32]) {
    l1_f32_with::<super::Best>(a, b, m, n, d, out)
}

/// [`l1_f32`] with an explicit vector type (tests compare the SIMD128 and portable types).
pub fn l1_f32_with<V: super::vector::F32x4>(
    a: &[f32],
    b: &[f32],
    m: usize,
    n: usize,
    d: usize,
    out: &mut [f32],
) {
    assert!(
        a.len() >= m * d && b.len() >= n * d && out.len() >= m * n,
        "l1: slices shorter than their shapes"
    );
    let rows = (L1_TRAIN_BLOCK_BYTES / (4 * d.max(1))).max(L1_RB) / L1_RB * L1_RB;
    for j0 in (0..n).step_by(rows) {
        let j1 = (j0 + rows).min(n);
        let mut i = 0;
        while i + L1_RA <= m {
            l1_rows::<V, L1_RA>(a, b, i, (j0, j1), n, d, out);
            i += L1_RA;
        }
        while i < m {
            l1_rows::<V, 1>(a, b, i, (j0, j1), n, d, out);
            i += 1;
        }
    }
}

/// `out[i..i+RA, j0..j1]` of [`l1_f32_with`].
#[inline(always)]
fn l1_rows<V: super::vector::F32x4, const RA: usize>(
    a: &[f32],
    b: &[f32],
    i: usize,
    (j0, j1): (usize, usize),
    n: usize,
    d: usize,
    out: &mut [f32],
) {
    let ai: [&[f32]; RA] = core::array::from_fn(|r| &a[(i + r) * d..(i + r + 1) * d]);
    let mut j = j0;
    while j + L1_RB <= j1 {
        let bs: [&[f32]; L1_RB] = core::array::from_fn(|q| &b[(j + q) * d..(j + q + 1) * d]);
        let acc = l1_tile::<V, RA, L1_RB>(ai, bs, d);
        for r in 0..RA {
            for q in 0..L1_RB {
                out[(i + r) * n + j + q] = l1_finish(acc[r][q], ai[r], bs[q]);
            }
        }
        j += L1_RB;
    }
    while j < j1 {
        let bj = &b[j * d..(j + 1) * d];
        let acc = l1_tile::<V, RA, 1>(ai, [bj], d);
        for r in 0..RA {
            out[(i + r) * n + j] = l1_finish(acc[r][0], ai[r], bj);
        }
        j += 1;
    }
}

/// The four lane sums of `|a_r − b_q|` over `d ≡ 0..3 (mod 4)`, `d < D/4·4`, for an `RA × RB` tile.
#[inline(always)]
fn l1_tile<V: super::vector::F32x4, const RA: usize, const RB: usize>(
    ai: [&[f32]; RA],
    bs: [&[f32]; RB],
    d: usize,
) -> [[V; RB]; RA] {
    let d4 = d / 4 * 4;
    for r in ai.iter() {
        assert!(r.len() >= d4);
    }
    for q in bs.iter() {
        assert!(q.len() >= d4);
    }
    let pa: [*const f32; RA] = core::array::from_fn(|r| ai[r].as_ptr());
    let pb: [*const f32; RB] = core::array::from_fn(|q| bs[q].as_ptr());
    let mut acc = [[V::splat(0.0); RB]; RA];
    let mut t = 0;
    while t < d4 {
        // SAFETY: every row holds at least d4 ≥ t + 4 values (asserted above).
        unsafe {
            let av: [V; RA] = core::array::from_fn(|r| V::load_ptr(pa[r].add(t)));
            for q in 0..RB {
                let bv = V::load_ptr(pb[q].add(t));
                for r in 0..RA {
                    acc[r][q] = acc[r][q].abs_diff_add(av[r], bv);
                }
            }
        }
        t += 4;
    }
    acc
}

/// `(s₀ + s₁) + (s₂ + s₃)` of the lane sums, then the `D mod 4` tail in order.
#[inline(always)]
fn l1_finish<V: super::vector::F32x4>(acc: V, ai: &[f32], bj: &[f32]) -> f32 {
    let l = acc.to_array();
    let mut s = (l[0] + l[1]) + (l[2] + l[3]);
    for t in ai.len() / 4 * 4..ai.len() {
        s += (ai[t] - bj[t]).abs();
    }
    s
}

/// Squared L2 on f32 rows given `bt = bᵀ: (D, N)` already transposed (a training set prepared
/// once), with precomputed row norms: the fast path of [`l2_squared_expanded`].
///
/// # Panics
/// If a slice is shorter than its shape.
#[allow(clippy::too_many_arguments)]
pub fn l2_squared_pretransposed(
    a: &[f32],
    aa: &[f32],
    bt: &[f32],
    bb: &[f32],
    m: usize,
    n: usize,
    d: usize,
    out: &mut [f32],
) {
    f32::matmul(m, d, n, a, bt, out);
    for i in 0..m {
        for (o, &bj) in out[i * n..(i + 1) * n].iter_mut().zip(bb) {
            *o = (aa[i] + bj - 2.0 * *o).max(0.0);
        }
    }
}

/// Two-loop reference: squared L2 by direct differences, accumulated in f64.
pub fn l2_squared_two_loops<F: Real>(a: &[F], b: &[F], m: usize, n: usize, d: usize) -> Vec<f64> {
    let mut out = vec![0f64; m * n];
    for i in 0..m {
        for j in 0..n {
            out[i * n + j] = (0..d)
                .map(|k| {
                    let diff = a[i * d + k].to_f64().unwrap() - b[j * d + k].to_f64().unwrap();
                    diff * diff
                })
                .sum();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{rng_for, Stream};
    use rand::RngExt;

    #[test]
    fn integer_distances_equal_f64_reference_and_never_wrap() {
        let mut rng = rng_for(5, Stream::Init);
        let (m, n, d) = (3, 5, 3072 + 7);
        let a: Vec<u8> = (0..m * d)
            .map(|_| rng.random_range(0..=255u32) as u8)
            .collect();
        let mut b: Vec<u8> = (0..n * d)
            .map(|_| rng.random_range(0..=255u32) as u8)
            .collect();
        b[..d]
            .iter_mut()
            .zip(&a[..d])
            .for_each(|(x, &y)| *x = 255 - y); // extreme differences
        let mut l2 = vec![0u32; m * n];
        let mut l1 = vec![0u32; m * n];
        l2_squared_u8(&a, &b, m, n, d, &mut l2);
        l1_u8(&a, &b, m, n, d, &mut l1);
        let af: Vec<f64> = a.iter().map(|&v| v as f64).collect();
        let bf: Vec<f64> = b.iter().map(|&v| v as f64).collect();
        let want = l2_squared_two_loops(&af, &bf, m, n, d);
        for i in 0..m * n {
            assert_eq!(l2[i] as f64, want[i]);
        }
        for i in 0..m {
            for j in 0..n {
                let w: f64 = (0..d).map(|k| (af[i * d + k] - bf[j * d + k]).abs()).sum();
                assert_eq!(l1[i * n + j] as f64, w);
            }
        }
    }

    #[test]
    fn l1_f32_blocked_equals_its_definition_and_f64() {
        use crate::kernels::vector::Emulated;
        let mut rng = rng_for(8, Stream::Init);
        let (m, n, d) = (3, 7, 37);
        let a: Vec<f32> = (0..m * d).map(|_| rng.random_range(-1.0..1.0)).collect();
        let b: Vec<f32> = (0..n * d).map(|_| rng.random_range(-1.0..1.0)).collect();
        let mut out = vec![0f32; m * n];
        l1_f32(&a, &b, m, n, d, &mut out);
        let mut emu = vec![0f32; m * n];
        l1_f32_with::<Emulated>(&a, &b, m, n, d, &mut emu);
        assert_eq!(
            out.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            emu.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
        for i in 0..m {
            for j in 0..n {
                // the definition, written out
                let mut lanes = [0f32; 4];
                for t in 0..d / 4 * 4 {
                    lanes[t % 4] += (a[i * d + t] - b[j * d + t]).abs();
                }
                let mut s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
                for t in d / 4 * 4..d {
                    s += (a[i * d + t] - b[j * d + t]).abs();
                }
                assert_eq!(out[i * n + j].to_bits(), s.to_bits());
                let f: f64 = (0..d)
                    .map(|t| (a[i * d + t] as f64 - b[j * d + t] as f64).abs())
                    .sum();
                assert!((out[i * n + j] as f64 - f).abs() < 1e-4);
            }
        }
    }

    /// Case C03: the expansion goes negative in f32; the result must be finite, ≥ 0 and within
    /// 1.7e-4 of the two-loop distance (9.998679161071777e-06).
    #[test]
    fn c03_expanded_l2_is_clamped() {
        let x = [f32::from_bits(0x3dcccccd); 3];
        let y = [
            f32::from_bits(0x3dccd20b),
            f32::from_bits(0x3dcccccd),
            f32::from_bits(0x3dcccccd),
        ];
        let two_loop = l2_squared_two_loops(&x, &y, 1, 1, 3)[0].sqrt();
        assert!((two_loop - 9.998679161071777e-06).abs() / 9.998679161071777e-06 < 1e-5);
        // the naive no-loop value with sequential f32 sums is negative
        let sq = |r: &[f32]| r.iter().fold(0f32, |s, &v| s + v * v);
        let xy = x.iter().zip(&y).fold(0f32, |s, (&p, &q)| s + p * q);
        let naive = (sq(&x) + sq(&y)) - 2.0 * xy;
        assert_eq!(naive as f64, -3.725290298461914e-09);
        assert!(naive.sqrt().is_nan());
        let mut out = [0f32];
        l2_squared_expanded(&x, &y, 1, 1, 3, &mut out);
        let dist = out[0].sqrt();
        assert!(dist.is_finite() && dist >= 0.0);
        assert!((dist as f64 - two_loop).abs() <= 1.7e-4);
        // the benchmark's pretransposed variant (norms given, b already (D, N)) clamps the same way
        let aa = [sq(&x)];
        let bb = [sq(&y)];
        let mut out = [f32::NAN];
        l2_squared_pretransposed(&x, &aa, &y, &bb, 1, 1, 3, &mut out);
        assert!(out[0] >= 0.0 && out[0].sqrt().is_finite(), "{}", out[0]);
        assert!((out[0].sqrt() as f64 - two_loop).abs() <= 1.7e-4);
    }
}

#[cfg(test)]
mod large_dim_tests {
    use super::*;

    /// At the largest exact D, intermediate sums pass 2³² but the distances stay exact.
    #[test]
    fn exact_at_max_dim() {
        let d = MAX_EXACT_DIM;
        let zeros = vec![0u8; d];
        let full = vec![255u8; d];
        let mut out = [0u32; 2];
        l2_squared_u8(
            &zeros,
            &[full.clone(), zeros.clone()].concat(),
            1,
            2,
            d,
            &mut out,
        );
        assert_eq!(out, [65025 * d as u32, 0]);
        l1_u8(
            &full,
            &[zeros.clone(), full.clone()].concat(),
            1,
            2,
            d,
            &mut out,
        );
        assert_eq!(out, [255 * d as u32, 0]);
        assert_eq!(ssd_u8(&full, &full), 0);
    }

    /// The wide kernels equal the u32 kernels where both are defined, and the naive u64 sums past
    /// the u32 limit (D = 66 052 and 131 083: three blocks, a SIMD tail), with the extreme pair
    /// 0 vs 255 whose squared distance passes 2³².
    #[test]
    fn wide_kernels_are_exact_past_the_u32_limit() {
        use crate::rng::{rng_for, Stream};
        use rand::RngExt;
        let mut rng = rng_for(11, Stream::Init);
        for (m, n, d) in [
            (3, 6, 3079),
            (2, 5, MAX_EXACT_DIM + 1),
            (1, 5, 2 * WIDE_BLOCK + 11),
        ] {
            let a: Vec<u8> = (0..m * d)
                .map(|_| rng.random_range(0..=255u32) as u8)
                .collect();
            let mut b: Vec<u8> = (0..n * d)
                .map(|_| rng.random_range(0..=255u32) as u8)
                .collect();
            b[..d].fill(255);
            let mut a = a;
            a[..d].fill(0);
            let (mut l2, mut l1) = (vec![0u64; m * n], vec![0u64; m * n]);
            l2_squared_u8_wide(&a, &b, &sq_norms_u8_wide(&b, d), m, n, d, &mut l2);
            l1_u8_wide(&a, &b, m, n, d, &mut l1);
            for i in 0..m {
                for j in 0..n {
                    let (p, q) = (&a[i * d..(i + 1) * d], &b[j * d..(j + 1) * d]);
                    let ssd: u64 = p
                        .iter()
                        .zip(q)
                        .map(|(&x, &y)| (x as i64 - y as i64).pow(2) as u64)
                        .sum();
                    let sad: u64 = p.iter().zip(q).map(|(&x, &y)| x.abs_diff(y) as u64).sum();
                    assert_eq!(
                        (l2[i * n + j], l1[i * n + j]),
                        (ssd, sad),
                        "D = {d} ({i}, {j})"
                    );
                }
            }
            assert_eq!(l2[0], 65025 * d as u64);
            if d <= MAX_EXACT_DIM {
                let (mut n2, mut n1) = (vec![0u32; m * n], vec![0u32; m * n]);
                l2_squared_u8(&a, &b, m, n, d, &mut n2);
                l1_u8(&a, &b, m, n, d, &mut n1);
                assert!(n2.iter().zip(&l2).all(|(&x, &y)| x as u64 == y));
                assert!(n1.iter().zip(&l1).all(|(&x, &y)| x as u64 == y));
            }
        }
    }
}
