//! N-way K-shot episodes (the Omniglot idea, on any loaded dataset), classified by the nearest
//! neighbour among the K support images per class with exact u8 distances. Source: Lake et al.,
//! "Human-level concept learning through probabilistic program induction", Science 2015 (one-shot
//! classification on Omniglot); Vinyals et al., "Matching Networks for One Shot Learning", 2016
//! (the N-way K-shot episode protocol).

use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::models::knn::{KNearestNeighbor, Metric};
use crate::rng::{rng_for, shuffle, Stream};

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
        }
    }
}

/// Accuracy of each episode, with their mean and standard deviation.
#[derive(Debug, Clone, PartialEq)]
pub struct FewShotResult {
    pub accuracies: Vec<f32>,
    pub mean: f32,
    pub std: f32,
}

/// Runs `num_episodes` seeded N-way K-shot episodes on `data`: each draws N classes, then K support
/// and `num_queries` query records per class (disjoint), and labels every query by its nearest
/// support image.
///
/// # Errors
/// [`Error::Config`] when N < 2, N exceeds the classes present, K or queries are 0, or a drawn
/// class has fewer than K + queries records.
pub fn evaluate(data: &Dataset, cfg: FewShotConfig) -> Result<FewShotResult> {
    let c = data.num_classes();
    let mut by_class: Vec<Vec<u32>> = vec![Vec::new(); c];
    for (i, &l) in data.labels.iter().enumerate() {
        by_class[l as usize].push(i as u32);
    }
    let need = cfg.k_shot + cfg.num_queries;
    let eligible: Vec<usize> = (0..c).filter(|&k| by_class[k].len() >= need).collect();
    if cfg.n_way < 2 || cfg.n_way > eligible.len() {
        return Err(Error::config(
            "n_way",
            format!(
                "must be 2..={} (classes with ≥ {need} records), got {}",
                eligible.len(),
                cfg.n_way
            ),
        ));
    }
    if cfg.k_shot == 0 || cfg.num_queries == 0 || cfg.num_episodes == 0 {
        return Err(Error::config(
            "k_shot",
            "k_shot, num_queries and num_episodes must be at least 1",
        ));
    }
    let mut rng = rng_for(cfg.seed, Stream::Split);
    let d = data.dim();
    let mut accuracies = Vec::with_capacity(cfg.num_episodes);
    for _ in 0..cfg.num_episodes {
        let mut classes = eligible.clone();
        shuffle(&mut classes, &mut rng);
        let (mut sx, mut sy, mut qx, mut qy) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (new_label, &cls) in classes[..cfg.n_way].iter().enumerate() {
            let mut members = by_class[cls].clone();
            shuffle(&mut members, &mut rng);
            for (t, &i) in members[..need].iter().enumerate() {
                let img = data.image(i as usize);
                if t < cfg.k_shot {
                    sx.extend_from_slice(img);
                    sy.push(new_label as u8);
                } else {
                    qx.extend_from_slice(img);
                    qy.push(new_label as u8);
                }
            }
        }
        let knn = KNearestNeighbor::train(&sx, &sy, d)?;
        let pred = knn.predict_labels(&knn.compute_distances(&qx, cfg.metric)?, 1)?;
        let correct = pred.iter().zip(&qy).filter(|(p, t)| p == t).count();
        accuracies.push(correct as f32 / qy.len() as f32);
    }
    let n = accuracies.len() as f32;
    let mean = accuracies.iter().sum::<f32>() / n;
    let std = (accuracies.iter().map(|a| (a - mean).powi(2)).sum::<f32>() / n).sqrt();
    Ok(FewShotResult {
        accuracies,
        mean,
        std,
    })
}
