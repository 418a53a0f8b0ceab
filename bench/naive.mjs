// Naive JS references for the kernel benchmarks (bench/kernels.mjs in node, bench/browser/ in
// Chromium): the textbook loops a JS author would write, on the same flat row-major arrays.
// jsMatmul: out (m, n) = a (m, d) · bt (d, n); jsL1: out (m, n) = Σ_k |a_ik − b_jk|;
// jsMatmulTN: out (d, n) = aᵀ (d, m) · s (m, n).

export function jsMatmul(a, bt, m, d, n, out) {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = 0;
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k];
      const row = k * n;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * bt[row + j];
    }
  }
}
export function jsL1(a, b, m, d, n, out) {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += Math.abs(a[i * d + k] - b[j * d + k]);
      out[i * n + j] = s;
    }
  }
}
export function jsMatmulTN(a, s, m, d, n, out) {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k];
      for (let j = 0; j < n; j++) out[k * n + j] += aik * s[i * n + j];
    }
  }
}
