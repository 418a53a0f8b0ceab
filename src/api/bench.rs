//! `KernelBench`: the kernels on data held in wasm memory, for bench/kernels.mjs. Only in builds
//! with the cargo feature `bench` (scripts/build-bench.sh), never in the page's www/pkg.

use wasm_bindgen::prelude::*;

/// Kernels on data that stays in wasm memory, for benchmarks (bench/): `a: (M, D)` test rows,
/// `b: (N, D)` training rows and `bt = bᵀ: (D, N)` (pre-transposed, as a benchmark of TF.js's
/// `matMul` gets it at its best), f32 values in 0..255, and their u8 copies.
#[wasm_bindgen]
pub struct KernelBench {
    m: usize,
    n: usize,
    d: usize,
    a: Vec<f32>,
    b: Vec<f32>,
    bt: Vec<f32>,
    aa: Vec<f32>,
    bb: Vec<f32>,
    a8: Vec<u8>,
    b8: Vec<u8>,
    s: Vec<f32>,
    out: Vec<f32>,
    grad: Vec<f32>,
    out32: Vec<u32>,
}

#[wasm_bindgen]
impl KernelBench {
    /// Seeded integer-valued data (so every engine sees exactly the same numbers).
    #[wasm_bindgen(constructor)]
    pub fn new(m: u32, n: u32, d: u32, seed: u32) -> KernelBench {
        use rand::RngExt;
        let (m, n, d) = (m as usize, n as usize, d as usize);
        let mut rng = crate::rng::rng_for(seed, crate::rng::Stream::Init);
        let a8: Vec<u8> = (0..m * d)
            .map(|_| rng.random_range(0..=255u32) as u8)
            .collect();
        let b8: Vec<u8> = (0..n * d)
            .map(|_| rng.random_range(0..=255u32) as u8)
            .collect();
        let a: Vec<f32> = a8.iter().map(|&v| v as f32).collect();
        let b: Vec<f32> = b8.iter().map(|&v| v as f32).collect();
        let mut bt = vec![0f32; d * n];
        for j in 0..n {
            for k in 0..d {
                bt[k * n + j] = b[j * d + k];
            }
        }
        let sq = |r: &[f32]| r.iter().fold(0f32, |s, &v| s + v * v);
        let aa = a.chunks(d.max(1)).map(sq).collect();
        let bb = b.chunks(d.max(1)).map(sq).collect();
        let s = (0..m * n).map(|_| rng.random_range(-1.0f32..1.0)).collect();
        KernelBench {
            m,
            n,
            d,
            a,
            b,
            bt,
            aa,
            bb,
            a8,
            b8,
            s,
            out: vec![0.0; m * n],
            grad: vec![0.0; d * n],
            out32: vec![0; m * n],
        }
    }

    /// `out (M, N) = a · bt` (e.g. the forward `scores = x · w` with N = C).
    pub fn matmul(&mut self) {
        use crate::kernels::Real;
        f32::matmul(self.m, self.d, self.n, &self.a, &self.bt, &mut self.out);
    }

    /// `grad (D, N) = aᵀ · s` for a seeded `s: (M, N)` (the gradient `dw = xᵀ · dscores`).
    pub fn matmul_tn(&mut self) {
        use crate::kernels::Real;
        f32::matmul_tn(self.m, self.d, self.n, &self.a, &self.s, &mut self.grad);
    }

    /// Squared L2 distance matrix `out (M, N)` by the expansion, training set pre-transposed.
    pub fn l2(&mut self) {
        crate::kernels::distance::l2_squared_pretransposed(
            &self.a,
            &self.aa,
            &self.bt,
            &self.bb,
            self.m,
            self.n,
            self.d,
            &mut self.out,
        );
    }

    /// L1 distance matrix `out (M, N)` in f32.
    pub fn l1(&mut self) {
        crate::kernels::distance::l1_f32(&self.a, &self.b, self.m, self.n, self.d, &mut self.out);
    }

    /// Exact squared L2 on the u8 copies.
    pub fn l2_u8(&mut self) {
        crate::kernels::distance::l2_squared_u8(
            &self.a8,
            &self.b8,
            self.m,
            self.n,
            self.d,
            &mut self.out32,
        );
    }

    /// Exact L1 on the u8 copies.
    pub fn l1_u8(&mut self) {
        crate::kernels::distance::l1_u8(
            &self.a8,
            &self.b8,
            self.m,
            self.n,
            self.d,
            &mut self.out32,
        );
    }

    /// `a` as f32 `(M, D)`, for other engines.
    pub fn a(&self) -> Vec<f32> {
        self.a.clone()
    }

    /// `b` as f32 `(N, D)`.
    pub fn b(&self) -> Vec<f32> {
        self.b.clone()
    }

    /// `s` as f32 `(M, N)`.
    pub fn s(&self) -> Vec<f32> {
        self.s.clone()
    }

    /// The last f32 result `(M, N)`.
    pub fn out(&self) -> Vec<f32> {
        self.out.clone()
    }

    /// The last `matmul_tn` result `(D, N)`.
    pub fn grad(&self) -> Vec<f32> {
        self.grad.clone()
    }

    /// The last integer result `(M, N)`, as f64 values.
    pub fn out_u8(&self) -> Vec<f64> {
        self.out32.iter().map(|&v| v as f64).collect()
    }
}
