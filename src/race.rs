//! The 2-D optimiser race: loss surfaces `f(x, y)` with analytic gradients, and several
//! optimisers stepping on one of them together, with trails, optional seeded gradient noise (the
//! minibatch-noise switch) and a grid evaluation for contours. All in f64.
//!
//! Source: CS231n notes, "Neural Networks 3", §"Parameter updates" (the animations of the update
//! rules on a loss surface and at a saddle point); Rosenbrock, "An automatic method for finding the
//! greatest or least value of a function", The Computer Journal 3 (1960).

use crate::config::{optimizer_for, Hyper};
use crate::error::{Error, Result};
use crate::optim::{Lbfgs, LbfgsState, Optimizer, UpdateRule};
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::str::FromStr;

/// A loss surface in the plane (the `surface` key: `ravine`, `saddle`, `local_min`,
/// `rosenbrock`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Surface {
    /// Ill-conditioned quadratic `f = 0.05·x² + y²` (condition number 20), minimum 0 at (0, 0).
    Ravine = 0,
    /// `f = x² + ¼y⁴ − ½y²`: a saddle at (0, 0) (f = 0) between minima at (0, ±1) (f = −¼).
    /// Gradient descent started on `y = 0` stalls at the saddle; noise lets it escape.
    Saddle = 1,
    /// Tilted double well `f = (x² − 1)² + 0.3·x + y²`: a local minimum near (0.96, 0) and the
    /// global one near (−1.04, 0).
    LocalMin = 2,
    /// Rosenbrock's banana `f = (1 − x)² + 100·(y − x²)²`, minimum 0 at (1, 1).
    Rosenbrock = 3,
}

impl Surface {
    /// Every surface, in `repr` order.
    pub const ALL: [Surface; 4] = [
        Surface::Ravine,
        Surface::Saddle,
        Surface::LocalMin,
        Surface::Rosenbrock,
    ];

    /// The snake_case name of the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            Surface::Ravine => "ravine",
            Surface::Saddle => "saddle",
            Surface::LocalMin => "local_min",
            Surface::Rosenbrock => "rosenbrock",
        }
    }

    /// `f(x, y)`.
    pub fn f(self, x: f64, y: f64) -> f64 {
        match self {
            Surface::Ravine => 0.05 * x * x + y * y,
            Surface::Saddle => x * x + 0.25 * y.powi(4) - 0.5 * y * y,
            Surface::LocalMin => (x * x - 1.0).powi(2) + 0.3 * x + y * y,
            Surface::Rosenbrock => (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
        }
    }

    /// The analytic gradient `(∂f/∂x, ∂f/∂y)`.
    pub fn grad(self, x: f64, y: f64) -> (f64, f64) {
        match self {
            Surface::Ravine => (0.1 * x, 2.0 * y),
            Surface::Saddle => (2.0 * x, y * y * y - y),
            Surface::LocalMin => (4.0 * x * (x * x - 1.0) + 0.3, 2.0 * y),
            Surface::Rosenbrock => (
                -2.0 * (1.0 - x) - 400.0 * x * (y - x * x),
                200.0 * (y - x * x),
            ),
        }
    }

    /// The exact Hessian `[[f_xx, f_xy], [f_xy, f_yy]]` at `(x, y)`, as `[f_xx, f_xy, f_yy]`
    /// (hand-derived from [`Surface::f`]; checked against differences of [`Surface::grad`]).
    pub fn hessian(self, x: f64, y: f64) -> [f64; 3] {
        match self {
            Surface::Ravine => [0.1, 0.0, 2.0],
            Surface::Saddle => [2.0, 0.0, 3.0 * y * y - 1.0],
            Surface::LocalMin => [12.0 * x * x - 4.0, 0.0, 2.0],
            Surface::Rosenbrock => [2.0 - 400.0 * y + 1200.0 * x * x, -400.0 * x, 200.0],
        }
    }

    /// A view rectangle `[x0, y0, x1, y1]` that shows the interesting part.
    pub fn bounds(self) -> [f64; 4] {
        match self {
            Surface::Ravine => [-10.0, -4.0, 10.0, 4.0],
            Surface::Saddle => [-2.0, -2.0, 2.0, 2.0],
            Surface::LocalMin => [-2.0, -1.5, 2.0, 1.5],
            Surface::Rosenbrock => [-2.0, -1.0, 2.0, 3.0],
        }
    }

    /// A start that shows the surface's lesson (ravine: far along the flat axis; saddle: on the
    /// ridge `y = 0`; local minimum: right of the local basin; Rosenbrock: the classic (−1.2, 1)).
    pub fn default_start(self) -> (f64, f64) {
        match self {
            Surface::Ravine => (-9.0, 2.0),
            Surface::Saddle => (-1.5, 0.0),
            Surface::LocalMin => (1.8, 1.0),
            Surface::Rosenbrock => (-1.2, 1.0),
        }
    }
}

impl FromStr for Surface {
    type Err = Error;

    /// # Errors
    /// [`Error::Config`] with key `surface` for an unknown name.
    fn from_str(s: &str) -> Result<Self> {
        Surface::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                Error::config(
                    "surface",
                    format!("unknown {s:?}; expected ravine, saddle, local_min or rosenbrock"),
                )
            })
    }
}

/// `f` over a `width × height` grid of `[x0, x1] × [y0, y1]`, row-major `(height, width)`, row 0
/// at the top (`y = y1`), pixel centres (as [`crate::models::knn::grid_2d`]).
///
/// # Errors
/// [`Error::Config`] naming `width` / `height` (0 or over 4096) or the bounds (not finite, or
/// `x1 ≤ x0`, `y1 ≤ y0`).
pub fn surface_grid(
    surface: Surface,
    width: usize,
    height: usize,
    bounds: [f64; 4],
) -> Result<Vec<f64>> {
    for (key, n) in [("width", width), ("height", height)] {
        if n == 0 || n > 4096 {
            return Err(Error::config(key, format!("must be 1..=4096, got {n}")));
        }
    }
    let [x0, y0, x1, y1] = bounds;
    if !bounds.iter().all(|v| v.is_finite()) || x1 <= x0 || y1 <= y0 {
        return Err(Error::config(
            "bounds",
            format!("need finite x0 < x1 and y0 < y1, got {bounds:?}"),
        ));
    }
    let (dx, dy) = ((x1 - x0) / width as f64, (y1 - y0) / height as f64);
    let mut out = Vec::with_capacity(width * height);
    for r in 0..height {
        let y = y1 - (r as f64 + 0.5) * dy;
        for c in 0..width {
            out.push(surface.f(x0 + (c as f64 + 0.5) * dx, y));
        }
    }
    Ok(out)
}

/// Coordinates beyond which a racer counts as diverged (and stops).
pub const RACE_LIMIT: f64 = 1e6;

/// A racer's loss beyond `f(start) + DIVERGE_RISE · (|f(start)| + 1)` counts as diverged: it
/// stops there (with a note) instead of flying off the surface.
pub const DIVERGE_RISE: f64 = 1e3;

#[derive(Debug, Clone)]
enum Stepper {
    First(Optimizer<f64>),
    Lbfgs(Option<LbfgsState<f64>>),
    /// Newton's method, `p ← p − learning_rate · H⁻¹ ∇f` with the exact 2×2 Hessian.
    Newton(f64),
}

/// Why a racer stopped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stop {
    /// Its loss rose past [`DIVERGE_RISE`] over the start's, left `±RACE_LIMIT` or became NaN, at
    /// step `step` (1-based) with loss `f`: the learning rate is too large.
    Diverged {
        /// The step at which it was stopped.
        step: u32,
        /// Its loss there (may be infinite or NaN).
        f: f64,
    },
    /// L-BFGS converged (or its line search could not move).
    Converged,
    /// Newton: the Hessian is singular here (`|det H|` below 1e-12 of its scale), so `H⁻¹ ∇f`
    /// does not exist.
    SingularHessian,
}

/// One optimiser in the race.
#[derive(Debug, Clone)]
pub struct Racer {
    /// Its update rule.
    pub rule: UpdateRule,
    stepper: Stepper,
    /// Its point `(x, y)`.
    pub point: [f64; 2],
    /// Points visited, `(steps + 1, 2)` flattened: the start first.
    pub trail: Vec<f64>,
    /// Stopped: diverged (see [`Stop`]), L-BFGS converged, or Newton met a singular Hessian.
    pub stopped: bool,
    /// Why it stopped, when it did.
    pub stop: Option<Stop>,
    /// Its loss at the start (the divergence test's reference).
    f_start: f64,
    rng: Xoshiro256PlusPlus,
}

/// Several optimisers stepping together on one [`Surface`].
///
/// With `noise_std > 0` every first-order rule except `gd` sees `grad + noise_std · N(0, I)`
/// (minibatch noise); every racer draws the same noise sequence (seeded by `seed`), so they are
/// compared on equal terms, and a run is reproducible. `gd` and `lbfgs` are full-batch methods:
/// they see the exact gradient.
#[derive(Debug, Clone)]
pub struct Race {
    /// The surface.
    pub surface: Surface,
    /// Standard deviation of the gradient noise (0 = off).
    pub noise_std: f64,
    seed: u32,
    /// The racers, in the order they were added.
    pub racers: Vec<Racer>,
    steps: u32,
}

/// Noise streams start from this tag so they share no draws with the run streams of
/// [`crate::rng::Stream`] (1..=6).
const RACE_STREAM: u64 = 0x52;

impl Race {
    /// An empty race on `surface`.
    ///
    /// # Errors
    /// [`Error::Config`] with key `noise_std` if it is NaN, infinite or negative.
    pub fn new(surface: Surface, noise_std: f64, seed: u32) -> Result<Self> {
        if !noise_std.is_finite() || noise_std < 0.0 {
            return Err(Error::config(
                "noise_std",
                format!("must be a finite number ≥ 0, got {noise_std}"),
            ));
        }
        Ok(Race {
            surface,
            noise_std,
            seed,
            racers: Vec::new(),
            steps: 0,
        })
    }

    /// Adds an optimiser `rule` with hyperparameters `h` starting at `(x, y)`; returns its index.
    /// An `lbfgs` racer takes one L-BFGS iteration per step (several evaluations of `f`).
    ///
    /// # Errors
    /// [`Error::Config`] naming a bad hyperparameter or a non-finite start (`start`).
    pub fn add(&mut self, rule: UpdateRule, h: Hyper<f64>, x: f64, y: f64) -> Result<usize> {
        if !x.is_finite() || !y.is_finite() {
            return Err(Error::config("start", format!("({x}, {y}) is not finite")));
        }
        let stepper = match rule {
            UpdateRule::Lbfgs => Stepper::Lbfgs(None),
            _ => Stepper::First(optimizer_for(rule, h)?),
        };
        Ok(self.push(rule, stepper, x, y))
    }

    /// Adds a Newton racer (exact 2×2 Hessian; `learning_rate` damps the step, 1 = the full
    /// Newton step) starting at `(x, y)`; returns its index. On a quadratic it reaches the
    /// stationary point in one full step, whatever its kind: the ravine's minimum, but also the
    /// saddle's saddle point (an indefinite Hessian is not corrected: that is the lesson).
    ///
    /// Source: CS231n notes, "Neural Networks 3", §"Second order methods" (Newton's update
    /// `x ← x − [Hf(x)]⁻¹ ∇f(x)`).
    ///
    /// # Errors
    /// [`Error::Config`] naming `learning_rate` (not finite and > 0) or `start`.
    pub fn add_newton(&mut self, learning_rate: f64, x: f64, y: f64) -> Result<usize> {
        if !x.is_finite() || !y.is_finite() {
            return Err(Error::config("start", format!("({x}, {y}) is not finite")));
        }
        if !learning_rate.is_finite() || learning_rate <= 0.0 {
            return Err(Error::config(
                "learning_rate",
                format!("must be a finite number > 0, got {learning_rate}"),
            ));
        }
        // Newton is not an update rule of the classifier: it is labelled `Gd` (full batch, no
        // noise), its stepper tells it apart.
        Ok(self.push(UpdateRule::Gd, Stepper::Newton(learning_rate), x, y))
    }

    fn push(&mut self, rule: UpdateRule, stepper: Stepper, x: f64, y: f64) -> usize {
        self.racers.push(Racer {
            rule,
            stepper,
            point: [x, y],
            trail: vec![x, y],
            stopped: false,
            stop: None,
            f_start: self.surface.f(x, y),
            rng: Xoshiro256PlusPlus::seed_from_u64((RACE_STREAM << 32) | self.seed as u64),
        });
        self.racers.len() - 1
    }

    /// One Newton step from `p`: `p − lr · H⁻¹ ∇f`, or `None` when `H` is singular.
    pub fn newton_step(surface: Surface, p: [f64; 2], lr: f64) -> Option<[f64; 2]> {
        let (gx, gy) = surface.grad(p[0], p[1]);
        let [a, b, d] = surface.hessian(p[0], p[1]);
        let det = a * d - b * b;
        let scale = a.abs().max(b.abs()).max(d.abs()).powi(2);
        if !det.is_finite() || det.abs() <= 1e-12 * scale || scale == 0.0 {
            return None;
        }
        // H⁻¹ = [[d, −b], [−b, a]] / det
        let sx = (d * gx - b * gy) / det;
        let sy = (a * gy - b * gx) / det;
        Some([p[0] - lr * sx, p[1] - lr * sy])
    }

    /// Steps done by [`Race::step`].
    pub fn steps(&self) -> u32 {
        self.steps
    }

    /// Advances every racer that has not stopped by one update.
    pub fn step(&mut self) {
        let surface = self.surface;
        let noise_std = self.noise_std;
        let step_no = self.steps + 1;
        for r in self.racers.iter_mut().filter(|r| !r.stopped) {
            // each racer draws its noise in the same order, so all see the same sequence
            let noise: [f64; 2] = [
                StandardNormal.sample(&mut r.rng),
                StandardNormal.sample(&mut r.rng),
            ];
            match &mut r.stepper {
                Stepper::First(opt) => {
                    let (gx, gy) = surface.grad(r.point[0], r.point[1]);
                    let mut g = [gx, gy];
                    if noise_std > 0.0 && r.rule != UpdateRule::Gd {
                        g[0] += noise_std * noise[0];
                        g[1] += noise_std * noise[1];
                    }
                    opt.update(&mut r.point, &g);
                }
                Stepper::Lbfgs(state) => {
                    let mut f = |p: &[f64]| {
                        let (gx, gy) = surface.grad(p[0], p[1]);
                        (surface.f(p[0], p[1]), vec![gx, gy])
                    };
                    let moved = (|| -> Result<bool> {
                        if state.is_none() {
                            *state = Some(Lbfgs::default().start(&r.point, &mut f)?);
                        }
                        state.as_mut().expect("started").step(&mut r.point, &mut f)
                    })();
                    if !matches!(moved, Ok(true)) {
                        r.stopped = true;
                        r.stop = Some(Stop::Converged);
                        continue;
                    }
                }
                Stepper::Newton(lr) => match Race::newton_step(surface, r.point, *lr) {
                    Some(p) => r.point = p,
                    None => {
                        r.stopped = true;
                        r.stop = Some(Stop::SingularHessian);
                        continue;
                    }
                },
            }
            let f = surface.f(r.point[0], r.point[1]);
            let off = r
                .point
                .iter()
                .any(|v| !v.is_finite() || v.abs() > RACE_LIMIT);
            let rose = !(f <= r.f_start + DIVERGE_RISE * (r.f_start.abs() + 1.0));
            if off || rose {
                // stopped where it was: the diverging point is not drawn
                let n = r.trail.len();
                r.point = [r.trail[n - 2], r.trail[n - 1]];
                r.stopped = true;
                r.stop = Some(Stop::Diverged { step: step_no, f });
                continue;
            }
            r.trail.extend_from_slice(&r.point);
        }
        self.steps += 1;
    }

    /// The trail of racer `i` from point `from` on, flattened `(x, y)` pairs (empty for an
    /// unknown racer).
    pub fn trail(&self, i: usize, from: usize) -> Vec<f64> {
        self.racers
            .get(i)
            .and_then(|r| r.trail.get(2 * from..))
            .map_or(Vec::new(), <[f64]>::to_vec)
    }

    /// Every racer's current point and loss, `(racers, 3)` flattened as `[x, y, f, …]`.
    pub fn positions(&self) -> Vec<f64> {
        self.racers
            .iter()
            .flat_map(|r| {
                [
                    r.point[0],
                    r.point[1],
                    self.surface.f(r.point[0], r.point[1]),
                ]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradients_match_centred_differences() {
        let h = 1e-6;
        for s in Surface::ALL {
            for &(x, y) in &[(0.3, -0.7), (-1.2, 1.0), (1.5, 0.2)] {
                let (gx, gy) = s.grad(x, y);
                let nx = (s.f(x + h, y) - s.f(x - h, y)) / (2.0 * h);
                let ny = (s.f(x, y + h) - s.f(x, y - h)) / (2.0 * h);
                let ok = |a: f64, b: f64| (a - b).abs() <= 1e-7 * (a.abs() + b.abs()) + 1e-8;
                assert!(ok(gx, nx) && ok(gy, ny), "{s:?} {x} {y}");
            }
            assert_eq!(s.as_str().parse::<Surface>().unwrap(), s);
        }
        assert!("bowl".parse::<Surface>().is_err());
    }

    #[test]
    fn grid_rows_run_top_down() {
        let g = surface_grid(Surface::Ravine, 2, 2, [-1.0, -1.0, 1.0, 1.0]).unwrap();
        // pixel centres (±0.5, ±0.5): all equal by symmetry
        assert!(g.iter().all(|v| (v - 0.2625).abs() < 1e-15), "{g:?}");
        let g = surface_grid(Surface::Saddle, 1, 3, [-0.1, 0.0, 0.1, 3.0]).unwrap();
        assert!(g[0] > g[2], "top row is y = 2.5, bottom y = 0.5: {g:?}");
        assert!(surface_grid(Surface::Ravine, 0, 2, [0.0, 0.0, 1.0, 1.0]).is_err());
        assert!(surface_grid(Surface::Ravine, 2, 2, [1.0, 0.0, 1.0, 1.0]).is_err());
    }

    #[test]
    fn hessians_match_differences_of_the_gradient() {
        let h = 1e-6;
        for s in Surface::ALL {
            for &(x, y) in &[(0.3, -0.7), (-1.2, 1.0), (1.5, 0.2)] {
                let [a, b, d] = s.hessian(x, y);
                let (gxp, gyp) = s.grad(x + h, y);
                let (gxm, gym) = s.grad(x - h, y);
                let (gxq, _) = s.grad(x, y + h);
                let (gxr, _) = s.grad(x, y - h);
                let (_, gyq) = s.grad(x, y + h);
                let (_, gyr) = s.grad(x, y - h);
                let ok = |p: f64, q: f64| (p - q).abs() <= 1e-6 * (p.abs() + q.abs()) + 1e-6;
                assert!(ok(a, (gxp - gxm) / (2.0 * h)), "{s:?} fxx");
                assert!(
                    ok(b, (gyp - gym) / (2.0 * h)) && ok(b, (gxq - gxr) / (2.0 * h)),
                    "{s:?} fxy"
                );
                assert!(ok(d, (gyq - gyr) / (2.0 * h)), "{s:?} fyy");
            }
        }
    }

    /// Newton by hand: on the ravine f = 0.05x² + y² from (−9, 2), H = diag(0.1, 2) and
    /// ∇f = (−0.9, 4), so H⁻¹∇f = (−9, 2): one full step lands on the minimum (0, 0). On the
    /// saddle from (−1.5, 0): ∇f = (−3, 0), H = diag(2, −1), H⁻¹∇f = (−1.5, 0): one step to the
    /// saddle point (0, 0), where it stays (∇f = 0) while momentum with noise escapes.
    /// Damped (learning_rate 0.5) on the ravine: (−4.5, 1), then (−2.25, 0.5).
    #[test]
    fn newton_steps_by_hand() {
        let mut r = Race::new(Surface::Ravine, 0.0, 1).unwrap();
        r.add_newton(1.0, -9.0, 2.0).unwrap();
        r.add_newton(0.5, -9.0, 2.0).unwrap();
        r.step();
        r.step();
        assert_eq!(r.racers[0].trail, vec![-9.0, 2.0, 0.0, 0.0, 0.0, 0.0]);
        assert_eq!(r.racers[1].trail, vec![-9.0, 2.0, -4.5, 1.0, -2.25, 0.5]);

        let mut s = Race::new(Surface::Saddle, 0.5, 7).unwrap();
        s.add_newton(1.0, -1.5, 0.0).unwrap();
        let mut m = crate::config::Hyper::new(0.02);
        m.momentum = 0.9;
        s.add(UpdateRule::SgdMomentum, m, -1.5, 0.0).unwrap();
        for _ in 0..300 {
            s.step();
        }
        assert_eq!(&s.racers[0].trail[..4], &[-1.5, 0.0, 0.0, 0.0]);
        assert_eq!(
            s.racers[0].point,
            [0.0, 0.0],
            "Newton stays on the saddle point"
        );
        let f = |p: [f64; 2]| Surface::Saddle.f(p[0], p[1]);
        assert_eq!(f(s.racers[0].point), 0.0);
        assert!(
            f(s.racers[1].point) < -0.2,
            "momentum with noise found a minimum (f = −¼)"
        );

        // Rosenbrock from (−1.2, 1): Newton's first step, by hand. ∇f = (−215.6, −88),
        // H = [[1330, 480], [480, 200]], det = 35 600; H⁻¹∇f = ((200·−215.6 − 480·−88)/det,
        // (1330·−88 − 480·−215.6)/det) = (−0.02471…, −0.38067…).
        let mut b = Race::new(Surface::Rosenbrock, 0.0, 1).unwrap();
        b.add_newton(1.0, -1.2, 1.0).unwrap();
        b.step();
        let det = 1330.0 * 200.0 - 480.0 * 480.0;
        let sx = (200.0 * -215.6 - 480.0 * -88.0) / det;
        let sy = (1330.0 * -88.0 - 480.0 * -215.6) / det;
        let p = b.racers[0].point;
        assert!(
            (p[0] - (-1.2 - sx)).abs() < 1e-12 && (p[1] - (1.0 - sy)).abs() < 1e-12,
            "{p:?}"
        );
    }

    #[test]
    fn newton_stops_on_a_singular_hessian_and_refuses_bad_rates() {
        // local_min: f_xx = 12x² − 4 = 0 at x = 1/√3
        let mut r = Race::new(Surface::LocalMin, 0.0, 1).unwrap();
        r.add_newton(1.0, 1.0 / 3f64.sqrt(), 0.5).unwrap();
        r.step();
        assert!(r.racers[0].stopped);
        assert_eq!(r.racers[0].stop, Some(Stop::SingularHessian));
        assert_eq!(r.racers[0].trail.len(), 2, "no step taken");
        for lr in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(r.add_newton(lr, 0.0, 0.0).is_err(), "{lr}");
        }
    }

    /// A too-large learning rate stops the racer with a note at the step where its loss rose
    /// past the bound, at its last point (it does not fly off the surface).
    #[test]
    fn a_diverging_racer_stops_where_it_was() {
        let mut r = Race::new(Surface::Ravine, 0.0, 1).unwrap();
        r.add(UpdateRule::Sgd, crate::config::Hyper::new(1.5), -9.0, 2.0)
            .unwrap();
        for _ in 0..50 {
            r.step();
        }
        let racer = &r.racers[0];
        assert!(racer.stopped);
        let Some(Stop::Diverged { step, f }) = racer.stop else {
            panic!("{:?}", racer.stop)
        };
        // y ← y − 1.5·2y = −2y: |y| doubles; f = 0.05x² + y² passes 8.05 + 1000·9.05 ≈ 9058
        // when y² does: y = 2·2^k > 95.2 → k = 6 (y = 128, f = 16384 + …)
        assert_eq!(step, 6);
        assert!(f > 9058.0);
        assert_eq!(
            racer.trail.len(),
            2 * 6,
            "the start and 5 steps are drawn, not the 6th"
        );
        let n = racer.trail.len();
        assert_eq!(racer.point, [racer.trail[n - 2], racer.trail[n - 1]]);
    }

    /// Old links: with the page's default learning rates (www/modes/race/racers.js) no racer of
    /// any surface trips the divergence stop within 2000 steps, with or without noise, so every
    /// recorded race replays as before.
    #[test]
    fn default_rates_never_trip_the_divergence_stop() {
        let rates: [(Surface, [f64; 7]); 4] = [
            (Surface::Ravine, [0.3, 0.1, 0.1, 1.0, 0.05, 0.3, 0.3]),
            (Surface::Saddle, [0.05, 0.02, 0.02, 0.3, 0.02, 0.05, 0.05]),
            (Surface::LocalMin, [0.02, 0.01, 0.01, 0.3, 0.02, 0.05, 0.05]),
            (
                Surface::Rosenbrock,
                [0.001, 0.0003, 0.0003, 0.3, 0.005, 0.05, 0.05],
            ),
        ];
        let rules = [
            UpdateRule::Sgd,
            UpdateRule::SgdMomentum,
            UpdateRule::Nesterov,
            UpdateRule::Adagrad,
            UpdateRule::Rmsprop,
            UpdateRule::Adam,
            UpdateRule::Adam,
        ];
        for (surface, lr) in rates {
            for noise in [0.0, 0.5] {
                let mut r = Race::new(surface, noise, 1).unwrap();
                let (x, y) = surface.default_start();
                for (i, (&rule, &rate)) in rules.iter().zip(&lr).enumerate() {
                    let mut h = crate::config::Hyper::new(rate);
                    h.bias_correction = i != 6;
                    r.add(rule, h, x, y).unwrap();
                }
                for _ in 0..2000 {
                    r.step();
                }
                for (i, racer) in r.racers.iter().enumerate() {
                    assert!(
                        !matches!(racer.stop, Some(Stop::Diverged { .. })),
                        "{surface:?} noise {noise} racer {i}: {:?}",
                        racer.stop
                    );
                }
            }
        }
    }
}
