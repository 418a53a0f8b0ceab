//! "Draw your own digit": the current model's answer for one drawn image, already framed like
//! MNIST ([`crate::data::drawing::frame_drawing`]). The linear classifier scores it exactly as it
//! scores a test record ([`Solver::scores`]: pixels minus the run's mean image, the bias column or
//! `b`); k-NN ranks the memorised training subset by the mode's exact distances and votes.
//!
//! Source: CS231n notes, "Linear classification" (`f(x, W) = Wx + b`, softmax
//! `p_j = e^{s_j} / Σ_k e^{s_k}`) and "Image classification" (k-NN: the k nearest training images
//! vote, ties to the smaller label).

use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::knn_run::KnnRun;
use crate::label::Label;
use crate::loss::softmax_probs;
use crate::models::knn::{vote, Metric};
use crate::models::view2;
use crate::solver::Solver;

/// Checks that `image` has the size of `data`'s images, naming both sizes.
fn check_size(image: &[u8], data: &Dataset) -> Result<()> {
    if image.len() != data.dim() {
        return Err(Error::Shape(format!(
            "the drawing has {} values but the model's images have {} ({}×{}×{}): drawing needs \
             28×28 grayscale data such as MNIST",
            image.len(),
            data.dim(),
            data.height,
            data.width,
            data.channels
        )));
    }
    Ok(())
}

/// The linear classifier's answer for one image: `scores (C,)` and their softmax probabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearAnswer {
    /// `scores = (x − mean)·w (+ b)`, `(C,)`, in the model's units.
    pub scores: Vec<f32>,
    /// `softmax(scores)`, `(C,)`, each in [0, 1], summing to 1.
    pub probs: Vec<f32>,
}

/// The current linear classifier's scores and softmax probabilities for `image`, through the same
/// path as a test record (mean subtraction, bias trick).
///
/// # Shapes
/// `image: (D,)` pixels 0..255 with `D = train.dim()`; returns `(C,)` twice.
///
/// # Errors
/// [`Error::Shape`] when `image` is not the size of the training images.
pub fn linear_answer(solver: &Solver, train: &Dataset, image: &[u8]) -> Result<LinearAnswer> {
    check_size(image, train)?;
    let one = Dataset {
        height: train.height,
        width: train.width,
        channels: train.channels,
        images: image.to_vec(),
        labels: vec![0],
        ..Dataset::empty(train.kind)
    };
    let scores = solver.scores(&one, &[0])?;
    let probs = softmax_probs(&scores);
    Ok(LinearAnswer { scores, probs })
}

/// k-NN's answer for one image: its `k` nearest training-subset rows and their vote.
#[derive(Debug, Clone, PartialEq)]
pub struct KnnAnswer {
    /// `(train_row, distance)`, nearest first (ties by lower row); exact distances, squared for
    /// L2 (as [`KnnRun::neighbors`]).
    pub neighbors: Vec<(u32, u64)>,
    /// The vote of their labels (the most frequent; on a tie the smaller label).
    pub label: Label,
}

/// The `k` nearest training images of `image` under `metric` and their vote, exactly as k-NN
/// labels a test record.
///
/// # Shapes
/// `image: (D,)` pixels 0..255 with `D` the memorised images' size.
///
/// # Errors
/// [`Error::Shape`] for another image size; [`Error::Config`] for `k` outside `1..=num_train`.
pub fn knn_answer(run: &KnnRun, image: &[u8], metric: Metric, k: usize) -> Result<KnnAnswer> {
    if image.len() != run.model.dim() {
        return Err(Error::Shape(format!(
            "the drawing has {} values but the memorised images have {}: drawing needs 28×28 \
             grayscale data such as MNIST",
            image.len(),
            run.model.dim()
        )));
    }
    let neighbors = run
        .model
        .nearest_to(view2(image, run.model.dim())?, metric, k)?;
    let label = vote(neighbors.iter().map(|&(j, _)| run.train_labels[j as usize]));
    Ok(KnnAnswer { neighbors, label })
}
