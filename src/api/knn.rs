//! k-NN mode: nearest neighbour on the loaded splits (worker pool, gallery, cross-validation,
//! top-5) and the 2-D decision regions.

use super::{js, parse_metric, set_up, Playground};
use crate::data::split::Subset as CoreSubset;
use crate::knn_run::KnnRun;
use crate::models::knn::grid_2d;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// Chooses the k-NN subsets (`subset` = "first" or "stratified", seeded) and memorises the
    /// training subset. On error the previous k-NN run is kept.
    pub fn knn_setup(
        &mut self,
        num_train: u32,
        num_test: u32,
        subset: &str,
        seed: u32,
    ) -> Result<(), JsError> {
        let subset = match subset {
            "first" => CoreSubset::First,
            "stratified" => CoreSubset::Stratified,
            other => {
                return Err(JsError::new(&format!(
                    "invalid setting `subset`: {other:?} is not \"first\" or \"stratified\""
                )))
            }
        };
        self.knn = Some(
            KnnRun::new(
                &self.train,
                &self.test,
                num_train as usize,
                num_test as usize,
                subset,
                seed,
            )
            .map_err(js)?,
        );
        Ok(())
    }

    pub(super) fn knn_run(&self) -> Result<&KnnRun, JsError> {
        set_up(self.knn.as_ref(), "k-NN run", "knn_setup")
    }

    /// Labels predicted for test-subset rows `from..to` with `metric` ("l1" or "l2") and `k`.
    pub fn knn_predict(
        &self,
        from: u32,
        to: u32,
        metric: &str,
        k: u32,
    ) -> Result<Vec<u16>, JsError> {
        self.knn_run()?
            .predict(
                from as usize,
                to as usize,
                parse_metric(metric)?,
                k as usize,
            )
            .map_err(js)
    }

    /// Labels of the test subset `(num_test,)`.
    pub fn knn_test_labels(&self) -> Result<Vec<u16>, JsError> {
        Ok(self.knn_run()?.test_labels.clone())
    }

    /// Labels of the training subset `(num_train,)`.
    pub fn knn_train_labels(&self) -> Result<Vec<u16>, JsError> {
        Ok(self.knn_run()?.train_labels.clone())
    }

    /// Indices of the test subset into the loaded test records (for [`Playground::image_rgba`]).
    pub fn knn_test_indices(&self) -> Result<Vec<u32>, JsError> {
        Ok(self.knn_run()?.test_idx.clone())
    }

    /// Indices of the training subset into the loaded training records.
    pub fn knn_train_indices(&self) -> Result<Vec<u32>, JsError> {
        Ok(self.knn_run()?.train_idx.clone())
    }

    /// The `k` nearest training-subset rows of test-subset row `i`, nearest first, as
    /// `[train_row₀, distance₀, train_row₁, distance₁, …]` (exact integer distances; squared for L2)
    /// as a `Float64Array`: a squared L2 distance passes 2³² past 66 051 values per image, and
    /// every integer below 2⁵³ (255²·D for any D that fits in memory) is exact in f64.
    pub fn knn_neighbors(&self, i: u32, metric: &str, k: u32) -> Result<Vec<f64>, JsError> {
        let nb = self
            .knn_run()?
            .neighbors(i as usize, parse_metric(metric)?, k as usize)
            .map_err(js)?;
        Ok(nb
            .into_iter()
            .flat_map(|(j, d)| [j as f64, d as f64])
            .collect())
    }

    /// Cross-validation over `k_choices` with `num_folds` folds of the training subset: accuracies
    /// `(len(k_choices), num_folds)` row-major.
    pub fn knn_cross_validate(
        &self,
        metric: &str,
        k_choices: &[u32],
        num_folds: u32,
    ) -> Result<Vec<f32>, JsError> {
        let ks: Vec<usize> = k_choices.iter().map(|&k| k as usize).collect();
        let acc = self
            .knn_run()?
            .cross_validate(parse_metric(metric)?, &ks, num_folds as usize)
            .map_err(js)?;
        Ok(acc.concat())
    }

    /// The first `top` classes (1..=255) of each test-subset row `from..to` in the k-NN ranking
    /// (votes, ties to the smaller label, then classes without a vote by their nearest training
    /// image; 255 pads): `(to − from, top)` row-major; column 0 is `knn_predict`'s label. For
    /// top-5 accuracy (src/models/knn_rank.rs).
    pub fn knn_predict_ranked(
        &self,
        from: u32,
        to: u32,
        metric: &str,
        k: u32,
        top: u32,
    ) -> Result<Vec<u16>, JsError> {
        let (from, to, k) = (from as usize, to as usize, k as usize);
        self.knn_run()?
            .predict_ranked(from, to, parse_metric(metric)?, k, top as usize)
            .map_err(js)
    }
}

/// k-NN labels over a `width × height` grid of the rectangle `[x0, x1] × [y0, y1]` for 2-D toy
/// `points: (N, 2)` and `labels: (N,)`; row 0 is the top; `255` marks a tied vote.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn knn_grid_2d(
    points: &[f32],
    labels: &[u8],
    k: u32,
    metric: &str,
    width: u32,
    height: u32,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
) -> Result<Vec<u8>, JsError> {
    grid_2d(
        points,
        &crate::label::widen(labels),
        k as usize,
        parse_metric(metric)?,
        width as usize,
        height as usize,
        x0,
        y0,
        x1,
        y1,
    )
    .map_err(js)
}
