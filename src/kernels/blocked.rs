//! Register-blocked GEMM over a four-lane vector type: a 4 × 12 tile of `out` (12 accumulators of
//! four lanes) stays in registers while `k` runs; `B` is packed into zero-padded 12-column panels so
//! that C = 10 classes needs one panel. Each element is accumulated in ascending `k` from zero,
//! exactly as [`super::scalar::gemm`] does, so results are bit-identical to it.
//! Source: Goto & van de Geijn, "Anatomy of high-performance matrix multiplication" (2008), §4.

use super::vector::F32x4;

/// Rows of the register tile.
pub const MR: usize = 4;
/// Vectors across the register tile (NR = 4·NV columns).
pub const NV: usize = 3;
/// Columns of the register tile and width of a packed panel.
pub const NR: usize = 4 * NV;
/// Depth of a k-block: a `(KC, NR)` slice of a panel (12 KiB) and `MR` rows of `A` (4 KiB) stay in
/// L1 while a tile accumulates. Partial sums go through `out` between k-blocks, which keeps the
/// accumulation order (ascending k from zero) and so the bits.
pub const KC: usize = 256;

/// Packs `b (K, N)` row-major into `ceil(N/NR)` panels of `(K, NR)`, zero-padded.
pub fn pack_b(k: usize, n: usize, b: &[f32], packed: &mut Vec<f32>) {
    let panels = n.div_ceil(NR);
    packed.clear();
    packed.resize(panels * k * NR, 0.0);
    for p in 0..panels {
        let j0 = p * NR;
        let w = NR.min(n - j0);
        let dst = &mut packed[p * k * NR..(p + 1) * k * NR];
        for kk in 0..k {
            dst[kk * NR..kk * NR + w].copy_from_slice(&b[kk * n + j0..kk * n + j0 + w]);
        }
    }
}

#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn tile<V: F32x4, const R: usize>(
    (k0, k1): (usize, usize),
    a: &[f32],
    i0: usize,
    rsa: usize,
    csa: usize,
    panel: &[f32],
    out: &mut [f32],
    n: usize,
    j0: usize,
    w: usize,
) {
    let mut acc = [[V::splat(0.0); NV]; R];
    if k0 > 0 {
        let mut buf = [0f32; NR];
        for (r, acc_r) in acc.iter_mut().enumerate() {
            let row = (i0 + r) * n + j0;
            buf[..w].copy_from_slice(&out[row..row + w]);
            for v in 0..NV {
                acc_r[v] = V::load(&buf[4 * v..]);
            }
        }
    }
    for kk in k0..k1 {
        let bp = &panel[kk * NR..kk * NR + NR];
        let bv: [V; NV] = core::array::from_fn(|v| V::load(&bp[4 * v..]));
        for (r, acc_r) in acc.iter_mut().enumerate() {
            let av = V::splat(a[(i0 + r) * rsa + kk * csa]);
            for v in 0..NV {
                acc_r[v] = acc_r[v].mul_add(av, bv[v]);
            }
        }
    }
    let mut buf = [0f32; NR];
    for (r, acc_r) in acc.iter().enumerate() {
        for v in 0..NV {
            acc_r[v].store(&mut buf[4 * v..]);
        }
        let row = (i0 + r) * n + j0;
        out[row..row + w].copy_from_slice(&buf[..w]);
    }
}

/// `out (M, N) = A · B` with `A (M, K)` read as `a[i·rsa + kk·csa]` and `B` packed by [`pack_b`].
///
/// # Panics
/// If a slice is shorter than its shape requires.
#[allow(clippy::too_many_arguments)]
pub fn gemm_packed<V: F32x4>(
    m: usize,
    k: usize,
    n: usize,
    a: &[f32],
    rsa: usize,
    csa: usize,
    packed: &[f32],
    out: &mut [f32],
) {
    assert!(
        out.len() >= m * n && packed.len() >= n.div_ceil(NR) * k * NR,
        "gemm: slices shorter than their shapes"
    );
    if m > 0 && k > 0 {
        assert!(
            a.len() > (m - 1) * rsa + (k - 1) * csa,
            "gemm: a shorter than its shape"
        );
    }
    for p in 0..n.div_ceil(NR) {
        let j0 = p * NR;
        let w = NR.min(n - j0);
        let panel = &packed[p * k * NR..(p + 1) * k * NR];
        if k == 0 {
            (0..m).for_each(|i| out[i * n + j0..i * n + j0 + w].fill(0.0));
        }
        for k0 in (0..k).step_by(KC) {
            let ks = (k0, (k0 + KC).min(k));
            let mut i = 0;
            while i + MR <= m {
                tile::<V, MR>(ks, a, i, rsa, csa, panel, out, n, j0, w);
                i += MR;
            }
            while i < m {
                tile::<V, 1>(ks, a, i, rsa, csa, panel, out, n, j0, w);
                i += 1;
            }
        }
    }
}
