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
    }
}
