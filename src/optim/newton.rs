//! Newton's method and why it is impractical for the classifier: the cost of its Hessian.
//!
//! Source: CS231n notes, "Neural Networks 3", §"Second order methods": the update
//! `x ← x − [Hf(x)]⁻¹ ∇f(x)` needs the Hessian, "a [n × n] matrix … with 1 million parameters
//! the Hessian matrix would be of size [1,000,000 × 1,000,000], occupying approximately 3725
//! gigabytes of RAM". The 2-D Newton racer is [`crate::race::Race::add_newton`].

/// What Newton's method would cost for a model with `params` parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HessianCost {
    /// Parameters `n` (for the linear classifier `D·C` with the bias row in `D`, or `D·C + C`).
    pub params: u64,
    /// Entries of the Hessian, `n²` (exact up to 2⁶⁴, as f64 beyond).
    pub entries: f64,
    /// Bytes to hold it in f32, `4·n²`.
    pub bytes_f32: f64,
    /// Floating-point operations to factor it once (Cholesky, `n³ / 3` multiply-adds, so
    /// `≈ (2/3)·n³` flops counting a multiply and an add each; Golub & Van Loan, "Matrix
    /// Computations", §4.2), needed at every Newton step.
    pub inversion_flops: f64,
}

/// The Hessian's cost for `params` parameters (see [`HessianCost`]).
pub fn hessian_cost(params: u64) -> HessianCost {
    let n = params as f64;
    HessianCost {
        params,
        entries: n * n,
        bytes_f32: 4.0 * n * n,
        inversion_flops: 2.0 / 3.0 * n * n * n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The notes' figure: a million parameters → about 3725 GiB in f32 (4·10¹² bytes).
    #[test]
    fn the_notes_million_parameters() {
        let c = hessian_cost(1_000_000);
        assert_eq!(c.entries, 1e12);
        assert_eq!(c.bytes_f32, 4e12);
        assert!((c.bytes_f32 / (1u64 << 30) as f64 - 3725.29).abs() < 0.01);
        assert!((c.inversion_flops - 2.0 / 3.0 * 1e18).abs() < 1e3);
    }

    /// CIFAR-10 with the bias trick: D = 3073, C = 10 → 30,730 parameters.
    #[test]
    fn cifar10_linear_classifier() {
        let c = hessian_cost(3073 * 10);
        assert_eq!(c.params, 30_730);
        assert_eq!(c.entries, 944_332_900.0);
        assert_eq!(c.bytes_f32, 3_777_331_600.0);
    }
}
