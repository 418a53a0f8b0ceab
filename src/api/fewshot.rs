//! Few-shot mode: N-way K-shot episodes by nearest neighbour on the support images.

use super::{js, parse_metric, tail, Playground};
use crate::features::FeatureKind;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// Standardised features `(N, F)` of every record of one split, for episodes on `features ≠
/// pixels` (see `crate::fewshot::PoolFeatures`: standardised on the whole split, labels unused).
/// Extracted once and shared by every run and sweep on that split ([`FewShotRun::use_features`]).
#[wasm_bindgen]
pub struct FewShotFeatures {
    inner: Arc<crate::fewshot::PoolFeatures>,
    split: String,
}

#[wasm_bindgen]
impl FewShotFeatures {
    /// Extracts `features` (`hog`, `color_hist`, `hog+color_hist`) of every record of `split`
    /// ("train" | "test") of `pg`, pixels 0..255 in.
    ///
    /// # Errors
    /// An unknown split or `features`; `pixels`; a colour histogram on grayscale images
    /// (MNIST, Omniglot); images smaller than one 8×8 HOG cell. Errors name `features`.
    #[wasm_bindgen(constructor)]
    pub fn new(pg: &Playground, split: &str, features: &str) -> Result<FewShotFeatures, JsError> {
        let kind = FeatureKind::parse(features).map_err(js)?;
        let inner = crate::fewshot::PoolFeatures::new(pg.split(split)?, kind).map_err(js)?;
        Ok(FewShotFeatures {
            inner: Arc::new(inner),
            split: split.to_string(),
        })
    }
}

/// N-way K-shot episodes on one loaded split of a [`Playground`], run step by step. Holds record
/// indices only: every call takes the playground whose split it was set up on (a split that has
/// changed since is refused).
#[wasm_bindgen]
pub struct FewShotRun {
    inner: crate::fewshot::FewShot,
    split: String,
}

#[wasm_bindgen]
impl FewShotRun {
    /// Checks the settings against `split` ("train" | "test") of `pg` and starts the seeded
    /// episode stream. `episodes` (optional, default `"within"`): `"within"` one alphabet (class names `alphabet/character`;
    /// other datasets draw across all classes, as before) or `"across"`. Errors name the key
    /// (`n_way`, `k_shot`, `num_queries`, `num_episodes`, `metric`, `episodes`); `metric=mhd` is
    /// the one-shot benchmark's only (`oneshot_run`).
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        pg: &Playground,
        split: &str,
        n_way: u32,
        k_shot: u32,
        num_queries: u32,
        num_episodes: u32,
        metric: &str,
        seed: u32,
        episodes: Option<String>,
    ) -> Result<FewShotRun, JsError> {
        if metric == "mhd" {
            return Err(JsError::new(
                "invalid setting `metric`: mhd (the Modified Hausdorff Distance) runs in the \
                 one-shot benchmark (benchmark=oneshot); episodes use l1 or l2",
            ));
        }
        let cfg = crate::fewshot::FewShotConfig {
            n_way: n_way as usize,
            k_shot: k_shot as usize,
            num_queries: num_queries as usize,
            num_episodes: num_episodes as usize,
            metric: parse_metric(metric)?,
            seed,
            draw: crate::fewshot::EpisodeDraw::parse(episodes.as_deref().unwrap_or("within"))
                .map_err(js)?,
        };
        let inner = crate::fewshot::FewShot::new(pg.split(split)?, cfg).map_err(js)?;
        Ok(FewShotRun {
            inner,
            split: split.to_string(),
        })
    }

    /// Labels the queries on `features` (extracted from this run's split) from now on; each
    /// episode is labelled on pixels too ([`FewShotRun::pixel_accuracies`]).
    ///
    /// # Errors
    /// Features of another split or data, or episodes already run.
    pub fn use_features(&mut self, features: &FewShotFeatures) -> Result<(), JsError> {
        if features.split != self.split {
            return Err(JsError::new(&format!(
                "the features are of the {} split, the episodes are drawn from {}",
                features.split, self.split
            )));
        }
        self.inner
            .use_features(Arc::clone(&features.inner))
            .map_err(js)
    }

    /// With features: the accuracy on pixels of each episode run (the same episodes), from
    /// episode `from` on; empty on pixels.
    pub fn pixel_accuracies(&self, from: u32) -> Vec<f32> {
        tail(self.inner.pixel_accuracies(), from)
    }

    /// Runs up to `n` more episodes; returns how many ran (0 when all are done).
    pub fn run(&mut self, pg: &Playground, n: u32) -> Result<u32, JsError> {
        let data = pg.split(&self.split)?;
        Ok(self.inner.run(data, n as usize).map_err(js)? as u32)
    }

    /// Accuracy of each episode run, from episode `from` on.
    pub fn accuracies(&self, from: u32) -> Vec<f32> {
        tail(self.inner.accuracies(), from)
    }

    /// Episodes run so far.
    pub fn episodes_done(&self) -> u32 {
        self.inner.accuracies().len() as u32
    }

    /// True when all `num_episodes` have run.
    pub fn done(&self) -> bool {
        self.inner.done()
    }

    /// Draws the next episode of this stream (episode `i` of a second run with the same settings is
    /// episode `i` of the first), without counting it in `accuracies`.
    pub fn next_episode(&mut self, pg: &Playground) -> Result<FewShotEpisode, JsError> {
        let data = pg.split(&self.split)?;
        Ok(FewShotEpisode(self.inner.draw(data).map_err(js)?))
    }
}

/// One drawn episode (see `crate::fewshot::Episode`); record indices are into the split.
#[wasm_bindgen]
pub struct FewShotEpisode(crate::fewshot::Episode);

#[wasm_bindgen]
impl FewShotEpisode {
    /// Dataset class of each episode label, `(n_way,)`.
    pub fn classes(&self) -> Vec<u16> {
        self.0.classes.clone()
    }
    /// Record indices of the support images, `(n_way · k_shot,)`, class by class.
    pub fn support(&self) -> Vec<u32> {
        self.0.support.clone()
    }
    /// Record indices of the queries, `(n_way · num_queries,)`, class by class.
    pub fn queries(&self) -> Vec<u32> {
        self.0.queries.clone()
    }
    /// Episode label of each query.
    pub fn query_labels(&self) -> Vec<u16> {
        self.0.query_labels.clone()
    }
    /// Episode label given to each query.
    pub fn predicted(&self) -> Vec<u16> {
        self.0.predicted.clone()
    }
    /// Position in `support()` of each query's nearest support image.
    pub fn matched(&self) -> Vec<u32> {
        self.0.matched.clone()
    }
    /// Fraction of the queries labelled right.
    pub fn accuracy(&self) -> f32 {
        self.0.accuracy
    }
    /// With features: the fraction the nearest support image in pixels labels right
    /// (`undefined` on pixels).
    pub fn pixel_accuracy(&self) -> Option<f32> {
        self.0.pixel_accuracy
    }
}
