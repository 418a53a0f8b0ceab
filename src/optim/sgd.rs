//! Vanilla stochastic gradient descent. Source: CS231n notes, "Optimization", §"Gradient descent"
//! (`w += -learning_rate * dw`).

use num_traits::Float;

/// One SGD step in place: `w ← w − learning_rate · dw`.
///
/// # Panics
/// If `w` and `dw` differ in length.
pub fn sgd<F: Float>(w: &mut [F], dw: &[F], learning_rate: F) {
    assert_eq!(w.len(), dw.len(), "sgd: w and dw must have the same shape");
    for (wi, &g) in w.iter_mut().zip(dw) {
        *wi = *wi - learning_rate * g;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Case C13, SGD row: f(x) = ½x², x0 = 1, lr = 0.1 → 0.9, 0.81, 0.729.
    #[test]
    fn c13_sgd_trajectory() {
        let mut x = [1.0f64];
        let mut got = vec![];
        for _ in 0..3 {
            let g = [x[0]];
            sgd(&mut x, &g, 0.1);
            got.push(x[0]);
        }
        for (g, w) in got.iter().zip([0.9, 0.81, 0.729]) {
            assert!((g - w).abs() < 1e-12, "{got:?}");
        }
    }
}
