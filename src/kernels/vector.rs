//! Four-lane f32 vectors as types, chosen once at compile time: [`Simd128`] (wasm SIMD128 via
//! `core::arch::wasm32`) and [`Emulated`] (plain `[f32; 4]`, which native LLVM maps to SSE/NEON and
//! which lets the blocked kernel's indexing be tested natively against the scalar reference).
//!
//! `mul_add` is a multiply then an add, each rounded (no fused multiply-add: SIMD128 has none), so
//! every lane computes exactly what the scalar reference computes.

/// The operations the blocked kernels need.
pub trait F32x4: Copy {
    /// All four lanes = `x`.
    fn splat(x: f32) -> Self;
    /// Loads `s[0..4]`. Panics if `s.len() < 4`.
    fn load(s: &[f32]) -> Self;
    /// Stores into `s[0..4]`. Panics if `s.len() < 4`.
    fn store(self, s: &mut [f32]);
    /// `self + a · b` lane-wise, multiply and add rounded separately.
    fn mul_add(self, a: Self, b: Self) -> Self;
    /// `self + |a − b|` lane-wise (the L1 distance step).
    fn abs_diff_add(self, a: Self, b: Self) -> Self;
    /// The four lanes.
    fn to_array(self) -> [f32; 4];
    /// Loads `p[0..4]` (the kernels' inner loops, where slice bounds checks would cost).
    ///
    /// # Safety
    /// `p` must point at 4 readable f32.
    unsafe fn load_ptr(p: *const f32) -> Self;
    /// Stores into `p[0..4]`.
    ///
    /// # Safety
    /// `p` must point at 4 writable f32.
    unsafe fn store_ptr(self, p: *mut f32);
    /// The 4 × 4 transpose: lane `l` of result `x` is lane `x` of `rows[l]` (data movement only).
    fn transpose4(rows: [Self; 4]) -> [Self; 4];
    /// All four lanes = `*p` (one load-and-splat).
    ///
    /// # Safety
    /// `p` must point at a readable f32.
    unsafe fn splat_ptr(p: *const f32) -> Self;
}

/// Portable four-lane vector.
#[derive(Clone, Copy, Debug)]
pub struct Emulated([f32; 4]);

impl F32x4 for Emulated {
    #[inline(always)]
    fn splat(x: f32) -> Self {
        Emulated([x; 4])
    }
    #[inline(always)]
    fn load(s: &[f32]) -> Self {
        Emulated([s[0], s[1], s[2], s[3]])
    }
    #[inline(always)]
    fn store(self, s: &mut [f32]) {
        s[..4].copy_from_slice(&self.0);
    }
    #[inline(always)]
    fn mul_add(self, a: Self, b: Self) -> Self {
        Emulated(core::array::from_fn(|l| self.0[l] + a.0[l] * b.0[l]))
    }
    #[inline(always)]
    fn abs_diff_add(self, a: Self, b: Self) -> Self {
        Emulated(core::array::from_fn(|l| {
            self.0[l] + (a.0[l] - b.0[l]).abs()
        }))
    }
    #[inline(always)]
    fn to_array(self) -> [f32; 4] {
        self.0
    }
    #[inline(always)]
    unsafe fn load_ptr(p: *const f32) -> Self {
        Emulated(core::array::from_fn(|l| *p.add(l)))
    }
    #[inline(always)]
    unsafe fn store_ptr(self, p: *mut f32) {
        for l in 0..4 {
            *p.add(l) = self.0[l];
        }
    }
    #[inline(always)]
    unsafe fn splat_ptr(p: *const f32) -> Self {
        Emulated([*p; 4])
    }
    #[inline(always)]
    fn transpose4(rows: [Self; 4]) -> [Self; 4] {
        core::array::from_fn(|x| Emulated(core::array::from_fn(|l| rows[l].0[x])))
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub use simd128::Simd128;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd128 {
    use super::F32x4;
    use core::arch::wasm32::*;

    /// A wasm `v128` holding four f32 lanes.
    #[derive(Clone, Copy, Debug)]
    pub struct Simd128(v128);

    impl F32x4 for Simd128 {
        #[inline(always)]
        fn splat(x: f32) -> Self {
            Simd128(f32x4_splat(x))
        }
        #[inline(always)]
        fn load(s: &[f32]) -> Self {
            let s = &s[..4];
            // SAFETY: `s` holds 4 f32 = 16 bytes; wasm loads need no alignment.
            Simd128(unsafe { v128_load(s.as_ptr() as *const v128) })
        }
        #[inline(always)]
        fn store(self, s: &mut [f32]) {
            let s = &mut s[..4];
            // SAFETY: as in `load`.
            unsafe { v128_store(s.as_mut_ptr() as *mut v128, self.0) }
        }
        #[inline(always)]
        fn mul_add(self, a: Self, b: Self) -> Self {
            Simd128(f32x4_add(self.0, f32x4_mul(a.0, b.0)))
        }
        #[inline(always)]
        fn abs_diff_add(self, a: Self, b: Self) -> Self {
            Simd128(f32x4_add(self.0, f32x4_abs(f32x4_sub(a.0, b.0))))
        }
        #[inline(always)]
        fn to_array(self) -> [f32; 4] {
            [
                f32x4_extract_lane::<0>(self.0),
                f32x4_extract_lane::<1>(self.0),
                f32x4_extract_lane::<2>(self.0),
                f32x4_extract_lane::<3>(self.0),
            ]
        }
        #[inline(always)]
        unsafe fn load_ptr(p: *const f32) -> Self {
            Simd128(v128_load(p as *const v128))
        }
        #[inline(always)]
        unsafe fn store_ptr(self, p: *mut f32) {
            v128_store(p as *mut v128, self.0)
        }
        #[inline(always)]
        unsafe fn splat_ptr(p: *const f32) -> Self {
            Simd128(v128_load32_splat(p as *const u32))
        }
        #[inline(always)]
        fn transpose4(r: [Self; 4]) -> [Self; 4] {
            let t0 = i32x4_shuffle::<0, 4, 1, 5>(r[0].0, r[1].0);
            let t1 = i32x4_shuffle::<0, 4, 1, 5>(r[2].0, r[3].0);
            let t2 = i32x4_shuffle::<2, 6, 3, 7>(r[0].0, r[1].0);
            let t3 = i32x4_shuffle::<2, 6, 3, 7>(r[2].0, r[3].0);
            [
                Simd128(i32x4_shuffle::<0, 1, 4, 5>(t0, t1)),
                Simd128(i32x4_shuffle::<2, 3, 6, 7>(t0, t1)),
                Simd128(i32x4_shuffle::<0, 1, 4, 5>(t2, t3)),
                Simd128(i32x4_shuffle::<2, 3, 6, 7>(t2, t3)),
            ]
        }
    }
}
