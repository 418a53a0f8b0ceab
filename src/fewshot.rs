//! N-way K-shot episodes (the Omniglot idea, on any loaded dataset), classified by the nearest
//! neighbour among the K support images per class with exact u8 distances. Source: Lake et al.,
//! "Human-level concept learning through probabilistic program induction", Science 2015 (one-shot
//! classification on Omniglot); Vinyals et al., "Matching Networks for One Shot Learning", 2016
//! (the N-way K-shot episode protocol).
//!
//! With `features ≠ pixels` (issue 12, item 1) the same episodes (the draw does not depend on
//! the features) are labelled by the nearest support image in feature space ([`PoolFeatures`]),
//! and each episode is also labelled on pixels, so the two accuracies come from the same
//! episodes, side by side.
//!
//! [`FewShot`] runs the episodes step by step (a worker runs them in chunks and reports progress);
//! [`evaluate`] runs them all at once. Both draw from one seeded stream, so episode `i` is the same
//! whichever way, and however the episodes are chunked.

use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::features::{extract, FeatureKind, Standardizer};
use crate::label::Label;
use crate::models::knn::{KNearestNeighbor, Metric};
use crate::rng::{rng_for, shuffle, Stream, Xoshiro256PlusPlus};
use rand::RngExt;
use std::sync::Arc;

/// Standardised features of every record of the split the episodes are drawn from (the pool),
/// for episodes on `features ≠ pixels`.
///
/// **Standardised on the whole pool, once**, not on each episode's support set: N·K support
/// images (5 for 5-way 1-shot, 2 for 2-way 1-shot) cannot estimate a standard deviation per
/// feature — with two support images every feature is divided by half their difference, so the
/// features on which the two happen to agree are blown up the most. The pool's mean and std use
/// no labels (they describe the image domain, not the classes), are the same for every episode
/// (so episode `i` stays one fixed draw, whatever ran before) and each query weighs 1/N of them.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolFeatures {
    kind: FeatureKind,
    /// `F`, features per image.
    f: usize,
    /// `(N, F)` row-major, row `i` = record `i`, standardised column by column.
    x: Vec<f32>,
    /// `(len, dim)` of the dataset the rows belong to.
    shape: (usize, usize),
}

impl PoolFeatures {
    /// Extracts `kind` features of every record of `data` ([`extract`]) and standardises each
    /// column with its mean and std over all the records ([`Standardizer`]).
    ///
    /// # Errors
    /// [`Error::Config`] naming `features` for `pixels` (episodes on pixels need no features),
    /// for `color_hist` / `hog+color_hist` on grayscale images (MNIST, Omniglot: no hue), for no
    /// records; the errors of [`extract`] (HOG on images smaller than 8×8).
    pub fn new(data: &Dataset, kind: FeatureKind) -> Result<Self> {
        let (h, w, c) = (data.height, data.width, data.channels);
        match kind {
            FeatureKind::Pixels => {
                return Err(Error::config(
                    "features",
                    "pixels: episodes on pixels use the exact u8 distances, not pool features",
                ))
            }
            FeatureKind::ColorHist | FeatureKind::HogColorHist if c == 1 => {
                return Err(Error::config(
                    "features",
                    format!(
                        "{}: a colour histogram needs colour images, and these are grayscale \
                         (1 channel, as MNIST and Omniglot: no hue) — use features=hog",
                        kind.as_str()
                    ),
                ))
            }
            _ => {}
        }
        if data.is_empty() {
            return Err(Error::config(
                "features",
                "there are no images to extract features from",
            ));
        }
        let f = kind.dim(h, w, c);
        let mut x = extract(kind, &data.images, h, w, c)?;
        let all: Vec<u32> = (0..data.len() as u32).collect();
        Standardizer::fit(&x, f, &all)?.apply(&mut x);
        Ok(PoolFeatures {
            kind,
            f,
            x,
            shape: (data.len(), data.dim()),
        })
    }

    /// Which features.
    pub fn kind(&self) -> FeatureKind {
        self.kind
    }

    /// `F`, features per image.
    pub fn dim(&self) -> usize {
        self.f
    }

    /// Standardised features of record `i`, `(F,)`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.x[i * self.f..(i + 1) * self.f]
    }
}

/// Where an episode's N classes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EpisodeDraw {
    /// All N from one group of classes (an Omniglot alphabet: the class name's part before its
    /// last `/`), as in Lake et al.'s one-shot runs; a dataset whose class names carry no groups
    /// draws across all classes, exactly as [`EpisodeDraw::Across`]. Default.
    #[default]
    Within,
    /// Any N of all the classes.
    Across,
}

impl EpisodeDraw {
    /// `"within"` or `"across"` (URL `episodes`).
    ///
    /// # Errors
    /// [`Error::Config`] naming `episodes` for any other name.
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "within" => Ok(EpisodeDraw::Within),
            "across" => Ok(EpisodeDraw::Across),
            other => Err(Error::config(
                "episodes",
                format!("{other:?} is not \"within\" or \"across\""),
            )),
        }
    }
}

/// The group (alphabet) of each class from its name, `alphabet/characterNN` → `alphabet`:
/// `Some((group of each class (C,), number of groups))` when every name has a `/` and there are
/// at least two groups, else `None` (no groups: MNIST, CIFAR, a folder of plain class folders).
/// Groups are numbered in order of first appearance.
pub fn class_groups(names: &[String]) -> Option<(Vec<usize>, usize)> {
    let mut seen: Vec<&str> = Vec::new();
    let mut groups = Vec::with_capacity(names.len());
    for n in names {
        let (g, _) = n.rsplit_once('/')?;
        let i = seen.iter().position(|s| *s == g).unwrap_or_else(|| {
            seen.push(g);
            seen.len() - 1
        });
        groups.push(i);
    }
    (seen.len() >= 2).then_some((groups, seen.len()))
}

/// Settings of a few-shot evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FewShotConfig {
    /// Classes per episode (N-way). Default 5.
    pub n_way: usize,
    /// Support images per class (K-shot). Default 1.
    pub k_shot: usize,
    /// Query images per class. Default 5.
    pub num_queries: usize,
    /// Episodes to average. Default 100.
    pub num_episodes: usize,
    /// Distance of the nearest-neighbour rule. Default L2.
    pub metric: Metric,
    /// Seed of the episode draws. Default 1.
    pub seed: u32,
    /// Within one alphabet or across all classes. Default within (a no-op without groups).
    pub draw: EpisodeDraw,
}

impl Default for FewShotConfig {
    fn default() -> Self {
        FewShotConfig {
            n_way: 5,
            k_shot: 1,
            num_queries: 5,
            num_episodes: 100,
            metric: Metric::L2,
            seed: 1,
            draw: EpisodeDraw::Within,
        }
    }
}

/// Accuracy of each episode, with their mean and (population) standard deviation.
#[derive(Debug, Clone, PartialEq)]
pub struct FewShotResult {
    pub accuracies: Vec<f32>,
    pub mean: f32,
    pub std: f32,
}

/// One episode: what was drawn and how each query was labelled. Episode labels `0..N` stand for
/// the dataset classes `classes[0..N]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Episode {
    /// The drawn classes, `(n_way,)`, in episode-label order.
    pub classes: Vec<Label>,
    /// Record indices of the support images, `(n_way · k_shot,)`, class by class.
    pub support: Vec<u32>,
    /// Record indices of the queries, `(n_way · num_queries,)`, class by class.
    pub queries: Vec<u32>,
    /// Episode label of each query, `(n_way · num_queries,)`.
    pub query_labels: Vec<Label>,
    /// Episode label given to each query (that of its nearest support image).
    pub predicted: Vec<Label>,
    /// For each query, the position in `support` of its nearest support image (ties: the first).
    pub matched: Vec<u32>,
    /// Fraction of the queries labelled right.
    pub accuracy: f32,
    /// With features: the fraction of the same queries the nearest support image **in pixels**
    /// labels right (`None` on pixels, where it is `accuracy`).
    pub pixel_accuracy: Option<f32>,
}

/// A few-shot evaluation in progress: the seeded episode stream and the accuracies so far.
#[derive(Debug, Clone)]
pub struct FewShot {
    cfg: FewShotConfig,
    /// Record indices of each dataset class.
    by_class: Vec<Vec<u32>>,
    /// Classes with at least `k_shot + num_queries` records.
    eligible: Vec<usize>,
    /// Within-group draws only: the eligible classes of each group with at least `n_way` of them
    /// (empty: draw across `eligible`, the stream of datasets without groups).
    groups: Vec<Vec<usize>>,
    rng: Xoshiro256PlusPlus,
    accuracies: Vec<f32>,
    /// With features: the pixel accuracy of each episode run, `(episodes_done,)`.
    pixel_accuracies: Vec<f32>,
    /// `(len, dim)` of the dataset the indices belong to.
    shape: (usize, usize),
    /// Features the queries are labelled on (`None`: pixels).
    features: Option<Arc<PoolFeatures>>,
}

impl FewShot {
    /// Checks `cfg` against `data` and starts the episode stream at `cfg.seed`.
    ///
    /// # Errors
    /// [`Error::Config`] naming the key: `k_shot`, `num_queries` or `num_episodes` of 0, `n_way`
    /// < 2 or more than the classes with at least `k_shot + num_queries` records.
    pub fn new(data: &Dataset, cfg: FewShotConfig) -> Result<Self> {
        for (key, v) in [
            ("k_shot", cfg.k_shot),
            ("num_queries", cfg.num_queries),
            ("num_episodes", cfg.num_episodes),
        ] {
            if v == 0 {
                return Err(Error::config(key, "must be at least 1"));
            }
        }
        let c = data.num_classes();
        let mut by_class: Vec<Vec<u32>> = vec![Vec::new(); c];
        for (i, &l) in data.labels.iter().enumerate() {
            by_class[l as usize].push(i as u32);
        }
        let need = cfg.k_shot + cfg.num_queries;
        let eligible: Vec<usize> = (0..c).filter(|&k| by_class[k].len() >= need).collect();
        let groups = match (cfg.draw, class_groups(&data.class_names())) {
            (EpisodeDraw::Within, Some((of_class, count))) => {
                let mut g: Vec<Vec<usize>> = vec![Vec::new(); count];
                for &k in &eligible {
                    g[of_class[k]].push(k);
                }
                let largest = g.iter().map(Vec::len).max().unwrap_or(0);
                g.retain(|classes| classes.len() >= cfg.n_way.max(2));
                if g.is_empty() {
                    return Err(Error::config(
                        "n_way",
                        format!(
                            "must be 2..={largest} to draw within one alphabet (its largest has \
                             {largest} classes with ≥ k_shot + num_queries = {need} records; \
                             episodes=across draws from all {}), got {}",
                            eligible.len(),
                            cfg.n_way
                        ),
                    ));
                }
                g
            }
            _ => Vec::new(),
        };
        if eligible.len() < 2 {
            // Nothing to lower n_way to: say what to change instead (issue 11: "must be 2..=0").
            let most = by_class.iter().map(Vec::len).max().unwrap_or(0);
            return Err(Error::config(
                "n_way",
                format!(
                    "an episode needs 2 or more classes with k_shot + num_queries = {need} images \
                     each, but only {} of this split's classes {} that many (the largest has \
                     {most}): lower k_shot + num_queries to at most {most}, or draw from the \
                     other split",
                    eligible.len(),
                    if eligible.len() == 1 { "has" } else { "have" }
                ),
            ));
        }
        if cfg.n_way < 2 || cfg.n_way > eligible.len() {
            return Err(Error::config(
                "n_way",
                format!(
                    "must be 2..={} (classes with ≥ k_shot + num_queries = {need} records), got {}",
                    eligible.len(),
                    cfg.n_way
                ),
            ));
        }
        Ok(FewShot {
            cfg,
            by_class,
            eligible,
            groups,
            rng: rng_for(cfg.seed, Stream::Split),
            accuracies: Vec::with_capacity(cfg.num_episodes.min(1 << 16)),
            pixel_accuracies: Vec::new(),
            shape: (data.len(), data.dim()),
            features: None,
        })
    }

    /// Labels the queries on `features` from now on (each episode is still labelled on pixels
    /// too: [`Episode::pixel_accuracy`], [`FewShot::pixel_accuracies`]). The episodes drawn are
    /// the same as without features.
    ///
    /// # Errors
    /// [`Error::State`] after episodes have run; [`Error::Shape`] when `features` were not
    /// extracted from this dataset.
    pub fn use_features(&mut self, features: Arc<PoolFeatures>) -> Result<()> {
        if !self.accuracies.is_empty() {
            return Err(Error::State(
                "features must be chosen before the first episode runs".to_string(),
            ));
        }
        if features.shape != self.shape {
            return Err(Error::Shape(format!(
                "the features were extracted from {}×{} values, the episodes were set up on {}×{}",
                features.shape.0, features.shape.1, self.shape.0, self.shape.1
            )));
        }
        self.features = Some(features);
        Ok(())
    }

    /// The features the queries are labelled on (`None`: pixels).
    pub fn features(&self) -> Option<FeatureKind> {
        self.features.as_ref().map(|p| p.kind())
    }

    /// The settings.
    pub fn config(&self) -> FewShotConfig {
        self.cfg
    }

    fn check_data(&self, data: &Dataset) -> Result<()> {
        if (data.len(), data.dim()) != self.shape {
            return Err(Error::Shape(format!(
                "the data changed ({}×{} values, the episodes were set up on {}×{})",
                data.len(),
                data.dim(),
                self.shape.0,
                self.shape.1
            )));
        }
        Ok(())
    }

    /// Draws the next episode of the stream and labels its queries. Does not record its accuracy
    /// (see [`FewShot::run`]); a second `FewShot` with the same settings draws the same episodes,
    /// which is how the page shows episode `i` of a run.
    ///
    /// # Errors
    /// [`Error::Shape`] when `data` is not the dataset this was set up on.
    pub fn draw(&mut self, data: &Dataset) -> Result<Episode> {
        self.check_data(data)?;
        let cfg = self.cfg;
        let need = cfg.k_shot + cfg.num_queries;
        // Without groups this is the stream recorded links replay: one shuffle of the eligible
        // classes. Within groups: one group drawn uniformly (a u32 range, the same on wasm32),
        // then its classes shuffled.
        let mut classes = if self.groups.is_empty() {
            self.eligible.clone()
        } else {
            let g = self.rng.random_range(0..self.groups.len() as u32) as usize;
            self.groups[g].clone()
        };
        shuffle(&mut classes, &mut self.rng);
        classes.truncate(cfg.n_way);
        let (mut support, mut sy, mut queries, mut query_labels) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (new_label, &cls) in classes.iter().enumerate() {
            let mut members = self.by_class[cls].clone();
            shuffle(&mut members, &mut self.rng);
            for (t, &i) in members[..need].iter().enumerate() {
                if t < cfg.k_shot {
                    support.push(i);
                    sy.push(new_label as Label);
                } else {
                    queries.push(i);
                    query_labels.push(new_label as Label);
                }
            }
        }
        let gather = |idx: &[u32]| -> Vec<u8> {
            idx.iter()
                .flat_map(|&i| data.image(i as usize).iter().copied())
                .collect()
        };
        let knn =
            KNearestNeighbor::train(crate::models::view2(&gather(&support), data.dim())?, &sy)?;
        // k = 1: the nearest support image's label is the prediction (ties: lower index, C05);
        // exact distances at the width D needs (u64 past 66 051 values per image).
        let matched: Vec<u32> = knn
            .nearest_to(
                crate::models::view2(&gather(&queries), knn.dim())?,
                cfg.metric,
                1,
            )?
            .into_iter()
            .map(|(j, _)| j)
            .collect();
        let accuracy_of = |matched: &[u32]| {
            let correct = matched
                .iter()
                .zip(&query_labels)
                .filter(|(&j, &t)| sy[j as usize] == t)
                .count();
            correct as f32 / query_labels.len() as f32
        };
        let (matched, pixel_accuracy) = match &self.features {
            None => (matched, None),
            Some(pool) => {
                let pixel = accuracy_of(&matched);
                // The nearest support row in feature space (f64 sums in feature order; equal
                // distances: the first support image, as on pixels).
                let by_features = queries
                    .iter()
                    .map(|&q| {
                        let mut best = (f64::INFINITY, 0u32);
                        for (j, &s) in support.iter().enumerate() {
                            let d = crate::features::knn::distance(
                                pool.row(q as usize),
                                pool.row(s as usize),
                                cfg.metric,
                            );
                            if d < best.0 {
                                best = (d, j as u32);
                            }
                        }
                        best.1
                    })
                    .collect();
                (by_features, Some(pixel))
            }
        };
        let predicted: Vec<Label> = matched.iter().map(|&j| sy[j as usize]).collect();
        Ok(Episode {
            classes: classes.iter().map(|&c| c as Label).collect(),
            accuracy: accuracy_of(&matched),
            support,
            queries,
            query_labels,
            predicted,
            matched,
            pixel_accuracy,
        })
    }

    /// Runs up to `n` more episodes (never past `num_episodes`); returns how many ran.
    ///
    /// # Errors
    /// As [`FewShot::draw`].
    pub fn run(&mut self, data: &Dataset, n: usize) -> Result<usize> {
        let todo = n.min(self.cfg.num_episodes - self.accuracies.len());
        for _ in 0..todo {
            let e = self.draw(data)?;
            self.accuracies.push(e.accuracy);
            if let Some(p) = e.pixel_accuracy {
                self.pixel_accuracies.push(p);
            }
        }
        Ok(todo)
    }

    /// Accuracy of each episode run so far, `(episodes_done,)`.
    pub fn accuracies(&self) -> &[f32] {
        &self.accuracies
    }

    /// With features: the accuracy on pixels of each episode run so far, `(episodes_done,)`
    /// (empty on pixels).
    pub fn pixel_accuracies(&self) -> &[f32] {
        &self.pixel_accuracies
    }

    /// True when all `num_episodes` have run.
    pub fn done(&self) -> bool {
        self.accuracies.len() == self.cfg.num_episodes
    }

    /// Mean and population standard deviation of the accuracies so far (NaN before any episode).
    pub fn result(&self) -> FewShotResult {
        let accuracies = self.accuracies.clone();
        let n = accuracies.len() as f32;
        let mean = accuracies.iter().sum::<f32>() / n;
        let std = (accuracies.iter().map(|a| (a - mean).powi(2)).sum::<f32>() / n).sqrt();
        FewShotResult {
            accuracies,
            mean,
            std,
        }
    }
}

/// Runs `num_episodes` seeded N-way K-shot episodes on `data`: each draws N classes, then K support
/// and `num_queries` query records per class (disjoint), and labels every query by its nearest
/// support image.
///
/// # Errors
/// As [`FewShot::new`].
pub fn evaluate(data: &Dataset, cfg: FewShotConfig) -> Result<FewShotResult> {
    let mut fs = FewShot::new(data, cfg)?;
    fs.run(data, cfg.num_episodes)?;
    Ok(fs.result())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11: a split too small for the episode said "n_way: must be 2..=0"; it now says what to
    /// change (k_shot + num_queries, or the split).
    #[test]
    fn too_small_a_split_says_what_to_change() {
        let mut d = Dataset::custom(1, 1, 1, vec!["a".into(), "b".into(), "c".into()]).unwrap();
        d.append_pixels(&[0; 9], &[0, 0, 0, 1, 1, 1, 2, 2, 2])
            .unwrap();
        let cfg = FewShotConfig {
            n_way: 2,
            k_shot: 1,
            num_queries: 5,
            ..FewShotConfig::default()
        };
        let e = FewShot::new(&d, cfg).err().unwrap().to_string();
        assert!(e.contains("k_shot + num_queries = 6"), "{e}");
        assert!(
            e.contains("only 0 of this split's classes have that many (the largest has 3)"),
            "{e}"
        );
        assert!(e.contains("at most 3") && e.contains("other split"), "{e}");
        assert!(!e.contains("2..=0"), "{e}");
        let ok = FewShotConfig {
            n_way: 3,
            k_shot: 1,
            num_queries: 2,
            ..FewShotConfig::default()
        };
        assert!(FewShot::new(&d, ok).is_ok());
    }
}
