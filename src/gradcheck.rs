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

/// One sampled coordinate of [`grad_check_sparse`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SparseCheck {
    /// Flat index into `x`.
    pub index: usize,
    /// Centred difference `(f(x + h·e_i) − f(x − h·e_i)) / 2h`.
    pub numeric: f64,
    /// The analytic gradient at `index`.
    pub analytic: f64,
    /// [`rel_error`] of the two.
    pub rel_error: f64,
    /// The stencil `x ± h·e_i` crosses a kink of `f` (a hinge or |w| switching), so the centred
    /// difference is not the derivative and a larger `rel_error` is expected.
    pub kink: bool,
    /// Backward one-sided difference `(f(x) − f(x − h·e_i)) / h`: the slope left of `x`.
    pub slope_left: f64,
    /// Forward one-sided difference `(f(x + h·e_i) − f(x)) / h`: the slope right of `x`.
    pub slope_right: f64,
    /// Rounding error of one one-sided difference here, `64·ε·(|f(x+h)| + |f(x)| + |f(x−h)|) / h`.
    pub rounding: f64,
}

impl SparseCheck {
    /// The analytic value lies between the left and right one-sided slopes (within rounding),
    /// and those differ by more than rounding. True on any convex piece, smooth or not (the
    /// one-sided differences of a convex function bracket its derivative), so on its own it
    /// does not mean a kink: see [`kink_by_slopes`](Self::kink_by_slopes).
    pub fn analytic_between_slopes(&self) -> bool {
        let (lo, hi) = if self.slope_left <= self.slope_right {
            (self.slope_left, self.slope_right)
        } else {
            (self.slope_right, self.slope_left)
        };
        hi - lo > 2.0 * self.rounding
            && self.analytic >= lo - self.rounding
            && self.analytic <= hi + self.rounding
    }

    /// The kink rule (case C14): a row whose centred difference is off by at least
    /// [`KINK_REL_ERROR`] while its analytic value lies between the one-sided slopes straddles a
    /// kink, and its analytic value is a valid subgradient there — a kink, not a wrong gradient,
    /// however large `rel_error` is (a smooth piece's centred difference is off by `O(h²)`, far
    /// below that). Source: CS231n notes, "Neural Networks 3", §"Gradient checks" ("kinks in the
    /// objective"); a subgradient of a convex function lies between its one-sided derivatives.
    pub fn kink_by_slopes(&self) -> bool {
        self.rel_error >= KINK_REL_ERROR && self.analytic_between_slopes()
    }
}

/// The relative error from which [`SparseCheck::kink_by_slopes`] applies: CS231n's "uncomfortable"
/// band starts here (1e-4), below it a row is fine or good anyway.
pub const KINK_REL_ERROR: f64 = 1e-4;

/// Slope change across the stencil, relative to the gradient, above which
/// [`grad_check_sparse`] reports a kink.
pub const KINK_SLOPE_JUMP: f64 = 1e-4;

/// CS231n's `grad_check_sparse`: compares the analytic gradient with a centred difference at
/// `num_checks` coordinates of `x` drawn with replacement from the seeded stream
/// [`Stream::GradCheck`](crate::rng::Stream) of `seed`.
///
/// Kinks are detected by a second difference: `|f(x+h) − 2f(x) + f(x−h)| / h` is the change of
/// slope across the stencil (≈ `f''·h` where `f` is smooth, the size of the jump in slope at a
/// kink); it is flagged when it exceeds [`KINK_SLOPE_JUMP`] times the gradient's size plus the
/// rounding floor. [`grad_check_sparse_active_set`] is exact when the loss exposes its active set.
/// Either way a row whose analytic value lies between its one-sided slopes
/// with a large error ([`SparseCheck::kink_by_slopes`], case C14) is a kink.
///
/// # Shapes
/// `x: (D,)`, `analytic: (D,)` (any shape, flattened).
///
/// # Panics
/// If `x` and `analytic` differ in length, `x` is empty while `num_checks > 0`, or `h ≤ 0`.
///
/// Source: CS231n `gradient_check.py`; notes "Neural Networks 3", §"Gradient checks" (kinks).
pub fn grad_check_sparse(
    f: impl Fn(&[f64]) -> f64,
    x: &[f64],
    analytic: &[f64],
    num_checks: usize,
    h: f64,
    seed: u32,
) -> Vec<SparseCheck> {
    let f0 = f(x);
    check_sparse(
        &f,
        x,
        analytic,
        num_checks,
        h,
        seed,
        |fp, fm, numeric, an| {
            let slope_jump = (fp - 2.0 * f0 + fm).abs() / h;
            let floor = 64.0 * f64::EPSILON * (fp.abs() + fm.abs() + f0.abs()) / h;
            slope_jump > KINK_SLOPE_JUMP * (numeric.abs() + an.abs()) + floor
        },
    )
    .into_iter()
    .map(|mut c| {
        c.kink |= c.kink_by_slopes();
        c
    })
    .collect()
}

/// [`grad_check_sparse`] with exact kink detection: `active_set(x)` returns the loss's smooth
/// piece at `x` (e.g. [`svm_active_set`](crate::loss::svm_active_set) of the scores, with the
/// signs of `w` for L1); a kink is crossed when it differs at `x + h·e_i` and `x − h·e_i`.
///
/// # Panics
/// As [`grad_check_sparse`].
pub fn grad_check_sparse_active_set<A: PartialEq>(
    f: impl Fn(&[f64]) -> f64,
    active_set: impl Fn(&[f64]) -> A,
    x: &[f64],
    analytic: &[f64],
    num_checks: usize,
    h: f64,
    seed: u32,
) -> Vec<SparseCheck> {
    let mut out = check_sparse(&f, x, analytic, num_checks, h, seed, |_, _, _, _| false);
    let mut xs = x.to_vec();
    for c in out.iter_mut() {
        let old = xs[c.index];
        xs[c.index] = old + h;
        let plus = active_set(&xs);
        xs[c.index] = old - h;
        let minus = active_set(&xs);
        xs[c.index] = old;
        c.kink = plus != minus || c.kink_by_slopes();
    }
    out
}

fn check_sparse(
    f: &impl Fn(&[f64]) -> f64,
    x: &[f64],
    analytic: &[f64],
    num_checks: usize,
    h: f64,
    seed: u32,
    kink: impl Fn(f64, f64, f64, f64) -> bool,
) -> Vec<SparseCheck> {
    use crate::rng::{rng_for, Stream};
    use rand::RngExt;
    assert_eq!(
        x.len(),
        analytic.len(),
        "grad_check_sparse: x and analytic differ in shape"
    );
    assert!(h > 0.0, "grad_check_sparse: h must be > 0");
    assert!(
        x.len() <= u32::MAX as usize,
        "grad_check_sparse: x too long"
    );
    if num_checks > 0 {
        assert!(
            !x.is_empty(),
            "grad_check_sparse: nothing to check in an empty x"
        );
    }
    let mut rng = rng_for(seed, Stream::GradCheck);
    let f0 = if num_checks > 0 { f(x) } else { 0.0 };
    let mut xs = x.to_vec();
    (0..num_checks)
        .map(|_| {
            let index = rng.random_range(0..x.len() as u32) as usize;
            let old = xs[index];
            xs[index] = old + h;
            let fp = f(&xs);
            xs[index] = old - h;
            let fm = f(&xs);
            xs[index] = old;
            let numeric = (fp - fm) / (2.0 * h);
            let an = analytic[index];
            SparseCheck {
                index,
                numeric,
                analytic: an,
                rel_error: rel_error(numeric, an),
                kink: kink(fp, fm, numeric, an),
                slope_left: (f0 - fm) / h,
                slope_right: (fp - f0) / h,
                rounding: 64.0 * f64::EPSILON * (fp.abs() + f0.abs() + fm.abs()) / h,
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// f = Σ max(0, x_i): the coordinate sitting 0.4·h from its kink is flagged by both
    /// detectors and has a large error; the smooth ones are exact and unflagged.
    #[test]
    fn sparse_check_flags_a_kink() {
        let h = 1e-5;
        let x = [0.7, -0.3, 0.4 * h, 2.0];
        let f = |x: &[f64]| x.iter().map(|v| v.max(0.0)).sum::<f64>();
        let analytic: Vec<f64> = x.iter().map(|&v| if v > 0.0 { 1.0 } else { 0.0 }).collect();
        let a = grad_check_sparse(f, &x, &analytic, 40, h, 3);
        let b = grad_check_sparse_active_set(
            f,
            |x: &[f64]| x.iter().map(|&v| v > 0.0).collect::<Vec<_>>(),
            &x,
            &analytic,
            40,
            h,
            3,
        );
        assert!(a.iter().any(|c| c.index == 2), "sampled the kink");
        for (c, d) in a.iter().zip(&b) {
            assert_eq!(
                (c.index, c.numeric, c.rel_error),
                (d.index, d.numeric, d.rel_error)
            );
            assert_eq!(c.kink, c.index == 2, "{c:?}");
            assert_eq!(d.kink, c.index == 2, "{d:?}");
            if c.index == 2 {
                assert!((c.numeric - 0.7).abs() < 1e-9 && c.rel_error > 0.1, "{c:?}");
            } else {
                assert!(c.rel_error < 1e-9, "{c:?}");
            }
        }
        // seeded: same draws again, other draws for another seed
        assert_eq!(grad_check_sparse(f, &x, &analytic, 40, h, 3), a);
        assert_ne!(
            grad_check_sparse(f, &x, &analytic, 40, h, 4)
                .iter()
                .map(|c| c.index)
                .collect::<Vec<_>>(),
            a.iter().map(|c| c.index).collect::<Vec<_>>()
        );
    }

    /// A smooth but curved function is not mistaken for a kink.
    #[test]
    fn smooth_curvature_is_not_a_kink() {
        let x = [0.3, -1.2, 2.5];
        let f = |x: &[f64]| x.iter().map(|&v: &f64| v.exp() + v * v * v).sum::<f64>();
        let g: Vec<f64> = x.iter().map(|&v: &f64| v.exp() + 3.0 * v * v).collect();
        for c in grad_check_sparse(f, &x, &g, 20, 1e-5, 1) {
            assert!(
                !c.kink && !c.kink_by_slopes() && c.rel_error < 1e-8,
                "{c:?}"
            );
            // convex here: the one-sided slopes bracket the derivative, which is no kink
            assert!(c.analytic_between_slopes(), "{c:?}");
        }
    }

    /// Case C14 (issue 11, item 2): at a kink the centred difference can be far from a valid
    /// subgradient (rel_error ≈ 1), yet the analytic value lies between the one-sided slopes:
    /// that row is a kink, not a wrong gradient. f(x) = |x₀| + 2·x₁ at x₀ = 0: the slopes in x₀
    /// are −1 (left) and +1 (right); 0.3 lies between (kink), 1.5 does not; x₁ is linear.
    #[test]
    fn analytic_between_one_sided_slopes_is_a_kink() {
        let f = |x: &[f64]| x[0].abs() + 2.0 * x[1];
        let x = [0.0, 0.7];
        let h = 1e-5;
        for (g0, between) in [(0.3, true), (-1.0, true), (1.5, false), (-2.0, false)] {
            let checks = grad_check_sparse(f, &x, &[g0, 2.0], 30, h, 9);
            let c = checks.iter().find(|c| c.index == 0).expect("x₀ sampled");
            assert!(
                (c.slope_left + 1.0).abs() < 1e-9 && (c.slope_right - 1.0).abs() < 1e-9,
                "{c:?}"
            );
            assert!(c.numeric.abs() < 1e-9 && c.rel_error > 0.99, "{c:?}");
            assert_eq!(c.analytic_between_slopes(), between, "{c:?}");
            assert_eq!(c.kink_by_slopes(), between, "{c:?}");
            assert!(c.kink, "the second difference sees the kink too: {c:?}");
            let lin = checks.iter().find(|c| c.index == 1).expect("x₁ sampled");
            assert!(!lin.kink && !lin.kink_by_slopes(), "{lin:?}");
        }
    }
}
