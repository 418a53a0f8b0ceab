//! Race mode: optimisers racing on 2-D loss surfaces.

use super::{js, UpdateRule};
use crate::race::{Race as CoreRace, Surface};
use wasm_bindgen::prelude::*;

fn surface(name: &str) -> Result<Surface, JsError> {
    name.parse().map_err(js)
}

/// `f` of surface `name` (`ravine`, `saddle`, `local_min`, `rosenbrock`) over a `width × height`
/// grid of `[x0, x1] × [y0, y1]`, `(height, width)` row-major, row 0 at the top (for contours).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn surface_grid(
    name: &str,
    width: u32,
    height: u32,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
) -> Result<Vec<f64>, JsError> {
    crate::race::surface_grid(
        surface(name)?,
        width as usize,
        height as usize,
        [x0, y0, x1, y1],
    )
    .map_err(js)
}

/// `[x0, y0, x1, y1, start_x, start_y]`: a view of surface `name` and its lesson's start.
#[wasm_bindgen]
pub fn surface_view(name: &str) -> Result<Vec<f64>, JsError> {
    let s = surface(name)?;
    let (sx, sy) = s.default_start();
    let mut v = s.bounds().to_vec();
    v.extend([sx, sy]);
    Ok(v)
}

/// `f(x, y)` of surface `name`.
#[wasm_bindgen]
pub fn surface_value(name: &str, x: f64, y: f64) -> Result<f64, JsError> {
    Ok(surface(name)?.f(x, y))
}

/// One racer's optimiser for [`Race::add`]: the rule and its hyperparameters in f64
/// (`new RaceRule(rule, learning_rate)` gives the lecture's defaults for the rest).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug)]
pub struct RaceRule {
    pub update_rule: UpdateRule,
    pub learning_rate: f64,
    pub momentum: f64,
    pub decay_rate: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub epsilon: f64,
    pub bias_correction: bool,
}

#[wasm_bindgen]
impl RaceRule {
    /// `update_rule` with step `learning_rate`; momentum 0.9, decay_rate 0.99, beta1 0.9,
    /// beta2 0.999, epsilon 1e-8, bias_correction true.
    #[wasm_bindgen(constructor)]
    pub fn new(update_rule: UpdateRule, learning_rate: f64) -> RaceRule {
        let h = crate::config::Hyper::new(learning_rate);
        RaceRule {
            update_rule,
            learning_rate,
            momentum: h.momentum,
            decay_rate: h.decay_rate,
            beta1: h.beta1,
            beta2: h.beta2,
            epsilon: h.epsilon,
            bias_correction: h.bias_correction,
        }
    }
}

/// The 2-D optimiser race (see [`crate::race::Race`]).
#[wasm_bindgen]
pub struct Race(CoreRace);

#[wasm_bindgen]
impl Race {
    /// An empty race on surface `name`, gradient noise `noise_std` (0 = off) seeded by `seed`.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str, noise_std: f64, seed: u32) -> Result<Race, JsError> {
        Ok(Race(
            CoreRace::new(surface(name)?, noise_std, seed).map_err(js)?,
        ))
    }

    /// Adds a racer starting at `(x, y)`; returns its index.
    pub fn add(&mut self, rule: &RaceRule, x: f64, y: f64) -> Result<u32, JsError> {
        let h = crate::config::Hyper {
            learning_rate: rule.learning_rate,
            momentum: rule.momentum,
            decay_rate: rule.decay_rate,
            beta1: rule.beta1,
            beta2: rule.beta2,
            epsilon: rule.epsilon,
            bias_correction: rule.bias_correction,
        };
        let i = self.0.add(rule.update_rule.into(), h, x, y).map_err(js)?;
        Ok(i as u32)
    }

    /// Adds a Newton racer (exact 2×2 Hessian, step damped by `learning_rate`, 1 = full)
    /// starting at `(x, y)`; returns its index (see [`crate::race::Race::add_newton`]).
    ///
    /// # Errors
    /// A non-finite start, or `learning_rate` not finite and > 0.
    pub fn add_newton(&mut self, learning_rate: f64, x: f64, y: f64) -> Result<u32, JsError> {
        Ok(self.0.add_newton(learning_rate, x, y).map_err(js)? as u32)
    }

    /// Why racer `i` stopped: `[kind, step, f]` with kind 0 = running (or unknown racer),
    /// 1 = diverged at `step` with loss `f`, 2 = converged (L-BFGS), 3 = singular Hessian (Newton).
    pub fn stop_reason(&self, i: u32) -> Vec<f64> {
        use crate::race::Stop;
        match self.0.racers.get(i as usize).and_then(|r| r.stop) {
            None => vec![0.0, 0.0, 0.0],
            Some(Stop::Diverged { step, f }) => vec![1.0, step as f64, f],
            Some(Stop::Converged) => vec![2.0, 0.0, 0.0],
            Some(Stop::SingularHessian) => vec![3.0, 0.0, 0.0],
        }
    }

    /// Advances every racer `n` steps.
    ///
    /// # Errors
    /// When the race would pass the largest `max_steps` of the settings table (100 000; each
    /// step keeps a trail point per racer, so an unbounded `n` would exhaust wasm memory and
    /// abort the instance); no step is taken then.
    pub fn step(&mut self, n: u32) -> Result<(), JsError> {
        let max = crate::settings::setting("race", "max_steps")
            .u32_bounds()
            .map_or(100_000, |(_, hi)| hi);
        if n > max.saturating_sub(self.0.steps()) {
            return Err(JsError::new(&format!(
                "invalid setting `max_steps`: {} steps done, {n} more would pass {max}",
                self.0.steps()
            )));
        }
        for _ in 0..n {
            self.0.step();
        }
        Ok(())
    }

    /// Steps done.
    pub fn steps(&self) -> u32 {
        self.0.steps()
    }

    /// Racers added.
    pub fn num_racers(&self) -> u32 {
        self.0.racers.len() as u32
    }

    /// Trail of racer `i` from point `from` on: `[x, y, x, y, …]` (point 0 is the start).
    pub fn trail(&self, i: u32, from: u32) -> Vec<f64> {
        self.0.trail(i as usize, from as usize)
    }

    /// `[x, y, f]` per racer, flattened.
    pub fn positions(&self) -> Vec<f64> {
        self.0.positions()
    }

    /// True when racer `i` stopped (diverged, or L-BFGS converged).
    pub fn stopped(&self, i: u32) -> bool {
        self.0.racers.get(i as usize).is_some_and(|r| r.stopped)
    }
}

/// The cost of Newton's method for a model of `params` parameters:
/// `[params, hessian entries n², bytes in f32 4·n², inversion flops (2/3)·n³]`
/// (see [`crate::optim::hessian_cost`]).
#[wasm_bindgen]
pub fn hessian_cost(params: f64) -> Result<Vec<f64>, JsError> {
    if !params.is_finite() || params < 0.0 || params > u64::MAX as f64 {
        return Err(JsError::new(&format!(
            "params must be a count ≥ 0, got {params}"
        )));
    }
    let c = crate::optim::hessian_cost(params as u64);
    Ok(vec![
        c.params as f64,
        c.entries,
        c.bytes_f32,
        c.inversion_flops,
    ])
}
