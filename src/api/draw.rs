//! "Draw your own digit" (train and k-NN modes): a drawing framed like MNIST, then the current
//! linear classifier's or k-NN's answer for it. Thin delegations to `data::drawing` and `draw`.

use super::{js, parse_metric, Playground};
use wasm_bindgen::prelude::*;

/// A drawing `ink: (height, width)` (intensities 0..255, 0 = no ink, e.g. a canvas's alpha)
/// framed like MNIST's digits (`src/data/drawing.rs`): `(28, 28)` row-major, 0..255.
/// Errors: an empty drawing ("the drawing is empty: draw a digit first"), a size mismatch, a
/// canvas over the import's limits.
#[wasm_bindgen]
pub fn frame_drawing(ink: &[u8], height: u32, width: u32) -> Result<Vec<u8>, JsError> {
    crate::data::drawing::frame_drawing(ink, height as usize, width as usize)
        .map(|f| f.image)
        .map_err(js)
}

#[wasm_bindgen]
impl Playground {
    /// The current linear classifier's answer for `image: (D,)` (pixels 0..255, a framed
    /// drawing): `[scores (C,), softmax probabilities (C,)]` concatenated, `2·C` values.
    /// Errors: no run set up, an image of another size than the training data's.
    pub fn draw_linear(&self, image: &[u8]) -> Result<Vec<f32>, JsError> {
        let a = crate::draw::linear_answer(self.solver()?, &self.train, image).map_err(js)?;
        Ok([a.scores, a.probs].concat())
    }

    /// The k-NN run's `k` nearest training-subset rows of `image: (D,)` under `metric` ("l1" /
    /// "l2") and their vote, as a `Float64Array` `[label, train_row₀, distance₀, train_row₁, …]`
    /// (exact distances, squared for L2; rows index `knn_train_indices`).
    /// Errors: no k-NN run, another image size, `k` outside `1..=num_train`.
    pub fn draw_knn(&self, image: &[u8], metric: &str, k: u32) -> Result<Vec<f64>, JsError> {
        let a = crate::draw::knn_answer(self.knn_run()?, image, parse_metric(metric)?, k as usize)
            .map_err(js)?;
        Ok(std::iter::once(a.label as f64)
            .chain(
                a.neighbors
                    .into_iter()
                    .flat_map(|(j, d)| [j as f64, d as f64]),
            )
            .collect())
    }
}
