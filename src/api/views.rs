//! Views mode: the geometric view of a linear classifier on a 2-D toy, and the curse of
//! dimensionality.

use super::{js, parse_metric, LossKind};
use crate::loss::LossKind as CoreLossKind;
use wasm_bindgen::prelude::*;

fn core_loss(k: LossKind) -> CoreLossKind {
    k.into()
}

/// The geometric view's 2-D toy problem with a linear classifier `w: (2, 3)`, `b: (3,)` on it
/// (see [`crate::geometric::GeoToy`]); all numbers f64, the plane `[-2, 2]²`.
#[wasm_bindgen]
pub struct GeoToy(crate::geometric::GeoToy);

#[wasm_bindgen]
impl GeoToy {
    /// Layout `layout` (`blobs`, `xor`, `rings`) with `num_per_class` points per class (1..=500),
    /// points and starting parameters seeded by `seed`.
    #[wasm_bindgen(constructor)]
    pub fn new(layout: &str, num_per_class: u32, seed: u32) -> Result<GeoToy, JsError> {
        let layout = layout.parse().map_err(js)?;
        Ok(GeoToy(
            crate::geometric::GeoToy::new(layout, num_per_class as usize, seed).map_err(js)?,
        ))
    }

    /// Points `N`.
    pub fn len(&self) -> u32 {
        self.0.len() as u32
    }

    /// True when there are no points (never).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `x: (N, 2)` flattened.
    pub fn points(&self) -> Vec<f64> {
        self.0.x.clone()
    }

    /// `y: (N,)`.
    pub fn labels(&self) -> Vec<u8> {
        self.0
            .y
            .iter()
            .map(|&l| crate::label::toy_byte(l))
            .collect()
    }

    /// Sets `w: (2, 3)` (row 0 multiplies x, row 1 y) and `b: (3,)`; throws on other shapes or
    /// non-finite values (the parameters stay).
    pub fn set_params(&mut self, w: &[f64], b: &[f64]) -> Result<(), JsError> {
        self.0.set_params(w, b).map_err(js)
    }

    /// `w: (2, 3)` flattened.
    pub fn w(&self) -> Vec<f64> {
        self.0.model.w.clone()
    }

    /// `b: (3,)`.
    pub fn b(&self) -> Vec<f64> {
        self.0.model.b.clone()
    }

    /// `[loss, data_loss, reg_loss, accuracy]` for `loss` and L2 strength `reg` on `w`.
    pub fn evaluate(&self, loss: LossKind, reg: f64) -> Vec<f64> {
        let e = self.0.evaluate(core_loss(loss), reg);
        vec![e.loss, e.data_loss, e.reg_loss, e.accuracy]
    }

    /// `scores: (N, 3)` flattened.
    pub fn scores(&self) -> Vec<f64> {
        self.0.scores()
    }

    /// Each point's data loss `L_i`, `(N,)`.
    pub fn point_losses(&self, loss: LossKind) -> Vec<f64> {
        self.0.point_losses(core_loss(loss))
    }

    /// Point `i`'s loss terms `(3,)`: SVM hinges `max(0, s_j − s_y + 1)` (0 at `y`) or softmax
    /// probabilities.
    pub fn point_terms(&self, i: u32, loss: LossKind) -> Result<Vec<f64>, JsError> {
        self.0.point_terms(i as usize, core_loss(loss)).map_err(js)
    }

    /// `n` full-batch gradient descent steps.
    pub fn train(
        &mut self,
        loss: LossKind,
        reg: f64,
        learning_rate: f64,
        n: u32,
    ) -> Result<(), JsError> {
        self.0
            .train(core_loss(loss), reg, learning_rate, n)
            .map_err(js)
    }

    /// Predicted class per pixel centre of a `width × height` grid over `[x0, x1] × [y0, y1]`,
    /// `(height, width)`, row 0 at the top.
    #[allow(clippy::too_many_arguments)]
    pub fn grid(
        &self,
        width: u32,
        height: u32,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
    ) -> Result<Vec<u8>, JsError> {
        self.0
            .grid(width as usize, height as usize, [x0, y0, x1, y1])
            .map_err(js)
    }

    /// The best accuracy gradient descent reaches from `restarts` seeded starts (SVM and
    /// softmax); the parameters stay.
    pub fn best_trained_accuracy(&self, restarts: u32) -> f64 {
        self.0.best_trained_accuracy(restarts)
    }
}

/// The geometric view's seeded start `[w (2, 3) flattened, b (3,)]`.
#[wasm_bindgen]
pub fn geo_initial_params(seed: u32) -> Vec<f64> {
    let (w, b) = crate::geometric::initial_params(seed);
    w.into_iter().chain(b).collect()
}

/// The best linear accuracy of `layout` for point-sized clusters (1 for blobs, 2/3 for XOR), NaN
/// when not known (rings).
#[wasm_bindgen]
pub fn geo_linear_bound(layout: &str) -> Result<f64, JsError> {
    let layout: crate::geometric::Layout = layout.parse().map_err(js)?;
    Ok(layout.linear_bound().unwrap_or(f64::NAN))
}

/// The view `[x0, y0, x1, y1]` every layout fits in.
#[wasm_bindgen]
pub fn geo_bounds() -> Vec<f64> {
    crate::geometric::BOUNDS.to_vec()
}

/// `[min_mean, min_std, max_mean, max_std, ratio_mean, ratio_std]` of the nearest and farthest
/// distances (`metric`: "l1" or "l2") from `num_queries` random queries to `num_points` random
/// points, all uniform in `[0, 1]^d`, seeded by `(seed, d)` (see [`crate::curse`]).
#[wasm_bindgen]
pub fn curse_distance_stats(
    num_points: u32,
    d: u32,
    num_queries: u32,
    metric: &str,
    seed: u32,
) -> Result<Vec<f64>, JsError> {
    let s = crate::curse::distance_stats(
        num_points as usize,
        d as usize,
        num_queries as usize,
        parse_metric(metric)?,
        seed,
    )
    .map_err(js)?;
    Ok(vec![
        s.min_mean,
        s.min_std,
        s.max_mean,
        s.max_std,
        s.ratio_mean,
        s.ratio_std,
    ])
}
