//! Numeric gradients and the gradient check, in f64. Source: CS231n notes, "Optimization",
//! §"Computing the gradient numerically" and "Neural Networks 3", §"Gradient checks"
//! (centred difference, relative error).

/// Centred-difference gradient of `f` at `x`: `(f(x + h·e_i) − f(x − h·e_i)) / 2h` for every `i`.
pub fn eval_numerical_gradient(f: impl Fn(&[f64]) -> f64, x: &[f64], h: f64) -> Vec<f64> {
    let mut x = x.to_vec();
    (0..x.len())
        .map(|i| {
            let old = x[i];
            x[i] = old + h;
            let fp = f(&x);
            x[i] = old - h;
            let fm = f(&x);
            x[i] = old;
            (fp - fm) / (2.0 * h)
        })
        .collect()
}

/// Relative error `|a − b| / max(|a| + |b|, 1e-8)` elementwise, as CS231n's `rel_error` but not
/// taking the max (callers do).
pub fn rel_error(a: f64, b: f64) -> f64 {
    (a - b).abs() / (a.abs() + b.abs()).max(1e-8)
}

/// The largest [`rel_error`] between two gradients.
///
/// # Panics
/// If the lengths differ.
pub fn max_rel_error(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(&x, &y)| rel_error(x, y))
        .fold(0.0, f64::max)
}
