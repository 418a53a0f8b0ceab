//! Features instead of raw pixels (issue 12, item 1): thin bindings of [`crate::features`].

use super::{js, Playground};
use crate::features::{extract, hog, FeatureKind};
use wasm_bindgen::prelude::*;

/// Features `(N, F)` flattened row-major of `images: (N, H, W, C)` pixels 0..255, for
/// `features` = `pixels`, `hog`, `color_hist` or `hog+color_hist` (not standardised).
///
/// # Errors
/// An unknown `features`, a shape that does not divide `images`, `C ∉ {1, 3}`, HOG on images
/// smaller than 8×8.
#[wasm_bindgen]
pub fn extract_features(
    features: &str,
    images: &[u8],
    height: u32,
    width: u32,
    channels: u32,
) -> Result<Vec<f32>, JsError> {
    let kind = FeatureKind::parse(features).map_err(js)?;
    extract(
        kind,
        images,
        height as usize,
        width as usize,
        channels as usize,
    )
    .map_err(js)
}

/// `F` for `features` on `height × width × channels` images.
///
/// # Errors
/// An unknown `features`.
#[wasm_bindgen]
pub fn feature_dim(features: &str, height: u32, width: u32, channels: u32) -> Result<u32, JsError> {
    let kind = FeatureKind::parse(features).map_err(js)?;
    Ok(kind.dim(height as usize, width as usize, channels as usize) as u32)
}

#[wasm_bindgen]
impl Playground {
    /// HOG of record `index` of `split` (`train` / `test`): `(⌊W/8⌋, ⌊H/8⌋, 9)` flattened, mean
    /// gradient magnitude per cell and orientation bin (bin `b` covers `20b..20b+20` degrees,
    /// 90° = a vertical edge), for the page's HOG view.
    ///
    /// # Errors
    /// An unknown split, a missing record, images smaller than 8×8.
    pub fn hog_cells(&self, split: &str, index: u32) -> Result<Vec<f32>, JsError> {
        let d = self.split(split)?;
        let i = index as usize;
        if i >= d.len() {
            return Err(JsError::new(&format!(
                "{split} record {index} does not exist ({} loaded)",
                d.len()
            )));
        }
        let dim = d.dim();
        hog(
            &d.images[i * dim..(i + 1) * dim],
            d.height,
            d.width,
            d.channels,
        )
        .map_err(js)
    }

    /// Features `(N, F)` of every loaded record of `split` (not standardised; see
    /// [`extract_features`]).
    ///
    /// # Errors
    /// As [`extract_features`], or an unknown split.
    pub fn split_features(&self, split: &str, features: &str) -> Result<Vec<f32>, JsError> {
        let d = self.split(split)?;
        let kind = FeatureKind::parse(features).map_err(js)?;
        extract(kind, &d.images, d.height, d.width, d.channels).map_err(js)
    }
}
