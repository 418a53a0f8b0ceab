//! Packed, cache-blocked GEMM over a four-lane vector type, in two shapes of register tile:
//!
//! - **wide** (`N > NARROW_MAX`, e.g. the distance matrices' `a · bᵀ`): lanes run along `N`. `B` is
//!   packed once into zero-padded `(K, NR)` panels, `A` into `MR`-row micro-panels per
//!   `(MC, KC)` block (in L2), and an `MR × NR` tile of `out` stays in registers while `k` runs
//!   over a `KC` block (the panel's `(KC, NR)` slice stays in L1);
//! - **narrow** (`N ≤ NARROW_MAX`, the classifier's C = 10 or 20: `x · w` and `xᵀ · dscores`):
//!   lanes run along `M`, so no lane is wasted on padding columns. `A` is packed into `4·RV`-row
//!   micro-panels (or read in place when its rows are contiguous), each `B` value is splat from
//!   `B` as it is, and a `4·RV × G` tile (`G ≤ NC`, all of C = 10 at once) accumulates, so one
//!   pass over packed `A` serves every column of a group.
//!
//! Tiles fit the 16 xmm registers V8 has on x64 (one is its scratch register) *whatever order
//! LLVM gives the wasm*: wasm has unbounded locals and LLVM hoists loads that are used more than
//! once, so every value used twice counts. Wide 4 × 8: 8 accumulators + 2 `B` vectors + 4 splats
//! (each used twice) = 14. Narrow 4 × 10: 10 accumulators + 1 `A` vector + a splat used once +
//! 1 product = 13. (The former narrow 8 × 5 tile needed 10 + 2 + 5 splats used twice = 17 live
//! vectors, so V8 spilled in its inner loop: 4 × 10 is ≈ 1.35× faster on the forward pass.)
//!
//! Summation order (part of the results' definition, the same in every build): each element of
//! `out` is accumulated from zero in ascending `k`, one multiply then one add, each rounded —
//! exactly as [`super::scalar::gemm`] does, so results are bit-identical to it. Partial sums go
//! through `out` between `KC` blocks (f32 stores are exact), which keeps that order.
//! Source: Goto & van de Geijn, "Anatomy of high-performance matrix multiplication" (2008), §4–6.

use super::vector::F32x4;

/// Rows of the wide register tile.
pub const MR: usize = 4;
/// Vectors across the wide register tile (NR = 4·NV columns).
pub const NV: usize = 2;
/// Columns of the wide register tile and width of a packed `B` panel.
pub const NR: usize = 4 * NV;
/// Depth of a k-block: a panel's `(KC, NR)` slice (8 KiB) stays in L1 while the tiles of an
/// `(MC, KC)` block of packed `A` (96 KiB, L2) run over it.
pub const KC: usize = 256;
/// Rows of `A` packed together (a multiple of MR).
pub const MC: usize = 96;
/// Widest `N` that takes the narrow path (measured in Chromium: at N = 20 and 30 the narrow path
/// beats the wide one, whose last panel pads 20 to 24 columns; at 40 they are even).
pub const NARROW_MAX: usize = 30;
/// Vectors of rows in the narrow register tile (4·RV rows).
pub const RV: usize = 1;
/// Most columns of a narrow tile; wider `N` is split into `ceil(N/NC)` groups of nearly equal
/// width (C = 20: two of 10).
pub const NC: usize = 10;
/// Depth of a narrow k-block (the tile's packed `A`, 8 KiB, and `B`'s rows, 20 KiB at C = 10,
/// stay in L1; 256 and 1024 measured the same).
pub const KCN: usize = 512;

/// Packing buffers, kept between calls so that steady-state calls do not allocate.
#[derive(Default)]
pub struct Buffers {
    a: Vec<f32>,
    b: Vec<f32>,
}

/// `out (M, N) = A · B` with `A (M, K)` read as `a[i·rsa + kk·csa]` and `B (K, N)` row-major.
///
/// # Panics
/// If a slice is shorter than its shape requires.
#[allow(clippy::too_many_arguments)]
pub fn gemm<V: F32x4>(
    m: usize,
    k: usize,
    n: usize,
    a: &[f32],
    rsa: usize,
    csa: usize,
    b: &[f32],
    out: &mut [f32],
    bufs: &mut Buffers,
) {
    assert!(
        out.len() >= m * n && b.len() >= k * n,
        "gemm: slices shorter than their shapes"
    );
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        out[..m * n].fill(0.0);
        return;
    }
    assert!(
        a.len() > (m - 1) * rsa + (k - 1) * csa,
        "gemm: a shorter than its shape"
    );
    if n <= NARROW_MAX {
        narrow::<V>(m, k, n, a, rsa, csa, b, out, &mut bufs.a);
    } else {
        wide::<V>(m, k, n, a, rsa, csa, b, out, bufs);
    }
}

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

/// Packs rows `i0..i0+rows` and columns `k0..k0+kc` of `A` into micro-panels of `mr` rows:
/// `pa[t·kc·mr + kk·mr + r] = A[i0 + t·mr + r, k0 + kk]`, rows past `rows` zero.
#[allow(clippy::too_many_arguments)]
fn pack_a(
    a: &[f32],
    rsa: usize,
    csa: usize,
    (i0, rows): (usize, usize),
    (k0, kc): (usize, usize),
    mr: usize,
    pa: &mut Vec<f32>,
) {
    let tiles = rows.div_ceil(mr);
    if pa.len() < tiles * kc * mr {
        pa.resize(tiles * kc * mr, 0.0);
    }
    for t in 0..tiles {
        let dst = &mut pa[t * kc * mr..(t + 1) * kc * mr];
        let h = mr.min(rows - t * mr);
        if h < mr {
            dst.fill(0.0);
        }
        let base = (i0 + t * mr) * rsa + k0 * csa;
        if csa == 1 {
            // rows of A contiguous along k: read each row in order
            for r in 0..h {
                let src = &a[base + r * rsa..base + r * rsa + kc];
                for (kk, &v) in src.iter().enumerate() {
                    dst[kk * mr + r] = v;
                }
            }
        } else {
            for kk in 0..kc {
                for r in 0..h {
                    dst[kk * mr + r] = a[base + r * rsa + kk * csa];
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn wide<V: F32x4>(
    m: usize,
    k: usize,
    n: usize,
    a: &[f32],
    rsa: usize,
    csa: usize,
    b: &[f32],
    out: &mut [f32],
    bufs: &mut Buffers,
) {
    pack_b(k, n, b, &mut bufs.b);
    let panels = n.div_ceil(NR);
    for k0 in (0..k).step_by(KC) {
        let kc = KC.min(k - k0);
        for i0 in (0..m).step_by(MC) {
            let mc = MC.min(m - i0);
            pack_a(a, rsa, csa, (i0, mc), (k0, kc), MR, &mut bufs.a);
            for p in 0..panels {
                let j0 = p * NR;
                let w = NR.min(n - j0);
                let bp = &bufs.b[p * k * NR + k0 * NR..p * k * NR + (k0 + kc) * NR];
                for t in 0..mc.div_ceil(MR) {
                    let r0 = i0 + t * MR;
                    let rows = MR.min(m - r0);
                    let ap = &bufs.a[t * kc * MR..(t + 1) * kc * MR];
                    let c = &mut out[r0 * n + j0..(r0 + rows - 1) * n + j0 + w];
                    // SAFETY: ap holds (kc, MR), bp (kc, NR), c reaches rows × w at stride n.
                    unsafe { tile_wide::<V>(kc, ap, bp, c, n, rows, w, k0 > 0) };
                }
            }
        }
    }
}

/// One `MR × NR` tile of `out` (`rows × w` of it stored) += packed `A` micro-panel · `B` slice.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn tile_wide<V: F32x4>(
    kc: usize,
    ap: &[f32],
    bp: &[f32],
    c: &mut [f32],
    ldc: usize,
    rows: usize,
    w: usize,
    accumulate: bool,
) {
    debug_assert!(ap.len() >= kc * MR && bp.len() >= kc * NR);
    let full = rows == MR && w == NR;
    let c = c.as_mut_ptr();
    let mut acc = [[V::splat(0.0); NV]; MR];
    if accumulate {
        for (r, acc_r) in acc.iter_mut().enumerate().take(rows) {
            let mut buf = [0f32; NR];
            if full {
                for v in 0..NV {
                    acc_r[v] = V::load_ptr(c.add(r * ldc + 4 * v));
                }
            } else {
                core::ptr::copy_nonoverlapping(c.add(r * ldc), buf.as_mut_ptr(), w);
                for v in 0..NV {
                    acc_r[v] = V::load(&buf[4 * v..]);
                }
            }
        }
    }
    let (mut pa, mut pb) = (ap.as_ptr(), bp.as_ptr());
    for _ in 0..kc {
        let bv: [V; NV] = core::array::from_fn(|v| V::load_ptr(pb.add(4 * v)));
        for (r, acc_r) in acc.iter_mut().enumerate() {
            let av = V::splat_ptr(pa.add(r));
            for v in 0..NV {
                acc_r[v] = acc_r[v].mul_add(av, bv[v]);
            }
        }
        pa = pa.add(MR);
        pb = pb.add(NR);
    }
    for (r, acc_r) in acc.iter().enumerate().take(rows) {
        if full {
            for v in 0..NV {
                acc_r[v].store_ptr(c.add(r * ldc + 4 * v));
            }
        } else {
            let mut buf = [0f32; NR];
            for v in 0..NV {
                acc_r[v].store(&mut buf[4 * v..]);
            }
            core::ptr::copy_nonoverlapping(buf.as_ptr(), c.add(r * ldc), w);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn narrow<V: F32x4>(
    m: usize,
    k: usize,
    n: usize,
    a: &[f32],
    rsa: usize,
    csa: usize,
    b: &[f32],
    out: &mut [f32],
    pa: &mut Vec<f32>,
) {
    const H: usize = 4 * RV;
    for k0 in (0..k).step_by(KCN) {
        let kc = KCN.min(k - k0);
        for i0 in (0..m).step_by(H) {
            let rows = H.min(m - i0);
            // A's micro-panel: (kc, H) with H rows a k-step apart. Rows contiguous in A (xᵀ·dscores):
            // read A where it is; rows along k (x·w): transpose 4 × 4 blocks into `pa`.
            let (ap, lda): (&[f32], usize) = if rows == H && rsa == 1 {
                (&a[i0 + k0 * csa..i0 + (k0 + kc - 1) * csa + H], csa)
            } else if rows == H && csa == 1 {
                pack_a_transposed::<V>(a, rsa, i0, (k0, kc), pa);
                (&pa[..kc * H], H)
            } else {
                pack_a(a, rsa, csa, (i0, rows), (k0, kc), H, pa);
                (&pa[..kc * H], H)
            };
            // column groups of at most NC, as even as possible (C = 10: one group of 10)
            let groups = n.div_ceil(NC);
            let mut c0 = 0;
            for gi in 0..groups {
                let g = (n - c0) / (groups - gi);
                let bk = &b[k0 * n + c0..(k0 + kc - 1) * n + c0 + g];
                let c = &mut out[i0 * n + c0..(i0 + rows - 1) * n + c0 + g];
                let acc = k0 > 0;
                let ab = (ap, lda);
                // SAFETY: ap reaches kc k-steps of H rows at stride lda, bk kc rows × g at
                // stride n, c rows × g at stride n.
                unsafe {
                    match g {
                        10 => tile_narrow::<V, 10>(kc, ab, bk, n, c, n, rows, acc),
                        9 => tile_narrow::<V, 9>(kc, ab, bk, n, c, n, rows, acc),
                        8 => tile_narrow::<V, 8>(kc, ab, bk, n, c, n, rows, acc),
                        7 => tile_narrow::<V, 7>(kc, ab, bk, n, c, n, rows, acc),
                        6 => tile_narrow::<V, 6>(kc, ab, bk, n, c, n, rows, acc),
                        5 => tile_narrow::<V, 5>(kc, ab, bk, n, c, n, rows, acc),
                        4 => tile_narrow::<V, 4>(kc, ab, bk, n, c, n, rows, acc),
                        3 => tile_narrow::<V, 3>(kc, ab, bk, n, c, n, rows, acc),
                        2 => tile_narrow::<V, 2>(kc, ab, bk, n, c, n, rows, acc),
                        _ => tile_narrow::<V, 1>(kc, ab, bk, n, c, n, rows, acc),
                    }
                }
                c0 += g;
            }
        }
    }
}

/// Packs the `4·RV` rows `i0..` and columns `k0..k0+kc` of a row-major `A` (`csa = 1`) as
/// [`pack_a`] does for one full micro-panel, transposing 4 × 4 blocks in registers.
fn pack_a_transposed<V: F32x4>(
    a: &[f32],
    rsa: usize,
    i0: usize,
    (k0, kc): (usize, usize),
    pa: &mut Vec<f32>,
) {
    const H: usize = 4 * RV;
    if pa.len() < kc * H {
        pa.resize(kc * H, 0.0);
    }
    let rows: [&[f32]; H] =
        core::array::from_fn(|r| &a[(i0 + r) * rsa + k0..(i0 + r) * rsa + k0 + kc]);
    let dst = &mut pa[..kc * H];
    let k4 = kc / 4 * 4;
    for g in 0..RV {
        let mut kk = 0;
        while kk < k4 {
            let t = V::transpose4(core::array::from_fn(|q| V::load(&rows[4 * g + q][kk..])));
            for (x, v) in t.iter().enumerate() {
                v.store(&mut dst[(kk + x) * H + 4 * g..]);
            }
            kk += 4;
        }
    }
    for kk in k4..kc {
        for (r, row) in rows.iter().enumerate() {
            dst[kk * H + r] = row[kk];
        }
    }
}

/// One `4·RV × G` tile of `out` (`rows × G` of it stored) += packed `A` micro-panel · `B` rows.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn tile_narrow<V: F32x4, const G: usize>(
    kc: usize,
    (ap, lda): (&[f32], usize),
    bk: &[f32],
    ldb: usize,
    c: &mut [f32],
    ldc: usize,
    rows: usize,
    accumulate: bool,
) {
    const H: usize = 4 * RV;
    debug_assert!(ap.len() >= (kc - 1) * lda + H && bk.len() >= (kc - 1) * ldb + G);
    let c = c.as_mut_ptr();
    let mut acc = [[V::splat(0.0); RV]; G];
    if accumulate {
        for (j, acc_j) in acc.iter_mut().enumerate() {
            let mut buf = [0f32; H];
            for (r, x) in buf.iter_mut().enumerate().take(rows) {
                *x = *c.add(r * ldc + j);
            }
            for v in 0..RV {
                acc_j[v] = V::load(&buf[4 * v..]);
            }
        }
    }
    let (mut pa, mut pb) = (ap.as_ptr(), bk.as_ptr());
    for _ in 0..kc {
        let av: [V; RV] = core::array::from_fn(|v| V::load_ptr(pa.add(4 * v)));
        for (j, acc_j) in acc.iter_mut().enumerate() {
            let bs = V::splat_ptr(pb.add(j));
            for v in 0..RV {
                acc_j[v] = acc_j[v].mul_add(av[v], bs);
            }
        }
        pa = pa.add(lda);
        pb = pb.add(ldb);
    }
    for (j, acc_j) in acc.iter().enumerate() {
        let mut buf = [0f32; H];
        for v in 0..RV {
            acc_j[v].store(&mut buf[4 * v..]);
        }
        for (r, &x) in buf.iter().enumerate().take(rows) {
            *c.add(r * ldc + j) = x;
        }
    }
}
