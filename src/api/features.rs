//! Features instead of raw pixels (issue 12, item 1): thin bindings of [`crate::features`].

use super::{js, parse_metric, Playground};
use crate::features::{extract, hog, standardize, FeatureKind};
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

#[wasm_bindgen]
impl Playground {
    /// Features of the k-NN subsets for `features ≠ pixels`: `(num_train + num_test, F)`
    /// row-major, the training subset's rows first, then the test subset's, every column
    /// standardised with the mean and std of the training-subset rows only (CS231n assignment 1,
    /// `features.ipynb`: `X -= mean_feat; X /= std_feat`). Pixels are 0..255 on the way in.
    ///
    /// # Errors
    /// No k-NN subset set up ([`Playground::knn_setup`]), an unknown `features`, images smaller
    /// than one 8×8 HOG cell.
    pub fn knn_features(&self, features: &str) -> Result<Vec<f32>, JsError> {
        let kind = FeatureKind::parse(features).map_err(js)?;
        let run = self
            .knn
            .as_ref()
            .ok_or_else(|| JsError::new("no k-NN subset is set up: call knn_setup first"))?;
        let gather = |d: &crate::data::dataset::Dataset, idx: &[u32]| -> Vec<u8> {
            let dim = d.dim();
            let mut out = Vec::with_capacity(idx.len() * dim);
            for &i in idx {
                let i = i as usize;
                out.extend_from_slice(&d.images[i * dim..(i + 1) * dim]);
            }
            out
        };
        let (h, w, c) = (self.train.height, self.train.width, self.train.channels);
        let mut x = extract(kind, &gather(&self.train, &run.train_idx), h, w, c).map_err(js)?;
        x.extend(extract(kind, &gather(&self.test, &run.test_idx), h, w, c).map_err(js)?);
        let f = kind.dim(h, w, c);
        let train_rows: Vec<u32> = (0..run.train_idx.len() as u32).collect();
        standardize(&mut x, f, &train_rows).map_err(js)?;
        Ok(x)
    }
}

#[wasm_bindgen]
impl Playground {
    /// Cross-validation over `k_choices` with `num_folds` folds of the k-NN training subset on
    /// `features` ≠ pixels: accuracies `(len(k_choices), num_folds)` row-major. The features are
    /// extracted again from the training subset's pixels and standardised on each fold's
    /// training part only ([`crate::features::knn::cross_validate`]).
    ///
    /// # Errors
    /// No k-NN subset set up, an unknown `features` or metric, `num_folds` outside 2..=num_train,
    /// a k larger than a fold's training part, images smaller than one 8×8 HOG cell.
    pub fn knn_cross_validate_features(
        &self,
        features: &str,
        metric: &str,
        k_choices: &[u32],
        num_folds: u32,
    ) -> Result<Vec<f32>, JsError> {
        let kind = FeatureKind::parse(features).map_err(js)?;
        let run = self
            .knn
            .as_ref()
            .ok_or_else(|| JsError::new("no k-NN subset is set up: call knn_setup first"))?;
        let d = &self.train;
        let dim = d.dim();
        let mut pixels = Vec::with_capacity(run.train_idx.len() * dim);
        for &i in &run.train_idx {
            let i = i as usize;
            pixels.extend_from_slice(&d.images[i * dim..(i + 1) * dim]);
        }
        let x = extract(kind, &pixels, d.height, d.width, d.channels).map_err(js)?;
        let ks: Vec<usize> = k_choices.iter().map(|&k| k as usize).collect();
        let acc = crate::features::knn::cross_validate(
            &x,
            &run.train_labels,
            kind.dim(d.height, d.width, d.channels),
            parse_metric(metric)?,
            &ks,
            num_folds as usize,
        )
        .map_err(js)?;
        Ok(acc.concat())
    }
}

/// Exact k-NN labels `(N_test,)` on feature rows ([`crate::features::knn::predict`]): `x_train
/// (N_train, F)`, `y_train (N_train,)`, `x_test (N_test, F)` flattened row-major, `metric`
/// `l2` / `l1`, `k` nearest (ties: lower training row first; vote ties: smallest label).
///
/// # Errors
/// Shapes that do not match `f`, `k ∉ 1..=N_train`, an unknown metric.
#[wasm_bindgen]
pub fn knn_predict_features(
    x_train: &[f32],
    y_train: &[u16],
    x_test: &[f32],
    f: u32,
    metric: &str,
    k: u32,
) -> Result<Vec<u16>, JsError> {
    crate::features::knn::predict(
        x_train,
        y_train,
        x_test,
        f as usize,
        parse_metric(metric)?,
        k as usize,
    )
    .map_err(js)
}
