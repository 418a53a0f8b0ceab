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

#[derive(Debug, Clone)]
enum Stepper {
    First(Optimizer<f64>),
    Lbfgs(Option<LbfgsState<f64>>),
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
    /// Stopped: left `±RACE_LIMIT` or hit a NaN (diverged), or L-BFGS converged.
    pub stopped: bool,
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
        self.racers.push(Racer {
            rule,
            stepper,
            point: [x, y],
            trail: vec![x, y],
            stopped: false,
            rng: Xoshiro256PlusPlus::seed_from_u64((RACE_STREAM << 32) | self.seed as u64),
        });
        Ok(self.racers.len() - 1)
    }

    /// Steps done by [`Race::step`].
    pub fn steps(&self) -> u32 {
        self.steps
    }

    /// Advances every racer that has not stopped by one update.
    pub fn step(&mut self) {
        let surface = self.surface;
        let noise_std = self.noise_std;
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
                        continue;
                    }
                }
            }
            r.trail.extend_from_slice(&r.point);
            if r.point
                .iter()
                .any(|v| !v.is_finite() || v.abs() > RACE_LIMIT)
            {
                r.stopped = true;
            }
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
}
