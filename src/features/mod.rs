//! Image features instead of raw pixels: HOG and a hue colour histogram, the pair of CS231n
//! assignment 1's "image features" exercise (`cs231n/features.py`: `hog_feature`,
//! `color_histogram_hsv`, `extract_features`), and their standardisation on the training split.
//!
//! Inputs are pixels 0..255 as `u8`, interleaved `(N, H, W, C)` (`C` = 1 or 3), the layout of
//! [`crate::Dataset::images`]. Outputs are `f32` `(N, F)`, row-major.

pub mod color_hist;
pub mod hog;
pub mod knn;

use crate::error::{Error, Result};

pub use color_hist::{color_hist, COLOR_HIST_BINS};
pub use hog::{hog, hog_dim, HOG_CELL, HOG_ORIENTATIONS};

/// Which representation of an image the classifiers see (`features=` in the URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FeatureKind {
    /// The raw pixels (today's behaviour, the default).
    #[default]
    Pixels,
    /// HOG only ([`hog`]).
    Hog,
    /// The hue histogram only ([`color_hist`]).
    ColorHist,
    /// HOG then the hue histogram, concatenated per image (the exercise's `extract_features`
    /// with `[hog_feature, color_histogram_hsv]`).
    HogColorHist,
}

impl FeatureKind {
    /// The URL spelling: `pixels`, `hog`, `color_hist`, `hog+color_hist`.
    pub fn as_str(self) -> &'static str {
        match self {
            FeatureKind::Pixels => "pixels",
            FeatureKind::Hog => "hog",
            FeatureKind::ColorHist => "color_hist",
            FeatureKind::HogColorHist => "hog+color_hist",
        }
    }

    /// Parses the URL spelling.
    ///
    /// # Errors
    /// [`Error::Config`] for any other string.
    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "pixels" => FeatureKind::Pixels,
            "hog" => FeatureKind::Hog,
            "color_hist" => FeatureKind::ColorHist,
            "hog+color_hist" => FeatureKind::HogColorHist,
            _ => {
                return Err(Error::Config {
                    key: "features",
                    reason: format!("must be pixels, hog, color_hist or hog+color_hist, got {s:?}"),
                })
            }
        })
    }

    /// `F`, features per image of `height × width × channels` pixels.
    pub fn dim(self, height: usize, width: usize, channels: usize) -> usize {
        match self {
            FeatureKind::Pixels => height * width * channels,
            FeatureKind::Hog => hog_dim(height, width),
            FeatureKind::ColorHist => COLOR_HIST_BINS,
            FeatureKind::HogColorHist => hog_dim(height, width) + COLOR_HIST_BINS,
        }
    }
}

/// Checks `(N, H, W, C)` against `images.len()`.
pub(crate) fn check_shape(
    images: &[u8],
    height: usize,
    width: usize,
    channels: usize,
) -> Result<usize> {
    if channels != 1 && channels != 3 {
        return Err(Error::Config {
            key: "features",
            reason: format!("features need 1 (grayscale) or 3 (RGB) channels, got {channels}"),
        });
    }
    let d = height * width * channels;
    if d == 0 || images.len() % d != 0 {
        return Err(Error::Shape(format!(
            "images hold {} values, not a whole number of {height}×{width}×{channels} images",
            images.len()
        )));
    }
    Ok(images.len() / d)
}

/// Extracts `kind` features of every image.
///
/// # Shapes
/// `images: (N, H, W, C)` pixels 0..255; returns `(N, F)` with `F = kind.dim(H, W, C)`.
/// `Pixels` returns the pixels as `f32` 0..255.
///
/// # Errors
/// A shape that does not divide `images`, `C ∉ {1, 3}`, or HOG on an image smaller than one
/// 8×8 cell.
///
/// Source: CS231n assignment 1, `features.py` `extract_features`.
pub fn extract(
    kind: FeatureKind,
    images: &[u8],
    height: usize,
    width: usize,
    channels: usize,
) -> Result<Vec<f32>> {
    let n = check_shape(images, height, width, channels)?;
    Ok(match kind {
        FeatureKind::Pixels => images.iter().map(|&p| p as f32).collect(),
        FeatureKind::Hog => hog(images, height, width, channels)?,
        FeatureKind::ColorHist => color_hist(images, height, width, channels)?,
        FeatureKind::HogColorHist => {
            let h = hog(images, height, width, channels)?;
            let c = color_hist(images, height, width, channels)?;
            let (fh, fc) = (hog_dim(height, width), COLOR_HIST_BINS);
            let mut out = Vec::with_capacity(n * (fh + fc));
            for i in 0..n {
                out.extend_from_slice(&h[i * fh..(i + 1) * fh]);
                out.extend_from_slice(&c[i * fc..(i + 1) * fc]);
            }
            out
        }
    })
}

/// Per-feature mean and standard deviation of the training rows, for [`standardize`].
#[derive(Debug, Clone, PartialEq)]
pub struct Standardizer {
    /// `(F,)` mean over the training rows.
    pub mean: Vec<f32>,
    /// `(F,)` standard deviation (population, `1/N`) over the training rows; a constant feature
    /// gets 1 so it maps to 0 rather than NaN.
    pub std: Vec<f32>,
}

impl Standardizer {
    /// Mean and std per column of the rows `train_idx` of `x: (N, F)`, accumulated in f64.
    ///
    /// The exercise subtracts the training mean and divides by the training std
    /// (`X_train_feats -= mean_feat; X_train_feats /= std_feat`); only training rows are used
    /// so validation and test stay unseen.
    ///
    /// # Errors
    /// `f == 0`, `x` not `(N, F)`, an empty or out-of-range `train_idx`.
    pub fn fit(x: &[f32], f: usize, train_idx: &[u32]) -> Result<Self> {
        if f == 0 || x.len() % f != 0 {
            return Err(Error::Shape(
                "features must be (N, F) with F > 0".to_string(),
            ));
        }
        let n = x.len() / f;
        if train_idx.is_empty() {
            return Err(Error::State(
                "standardising needs at least one training row".to_string(),
            ));
        }
        let mut sum = vec![0f64; f];
        for &i in train_idx {
            let i = i as usize;
            if i >= n {
                return Err(Error::Shape(format!("training row {i} ≥ N = {n}")));
            }
            for (s, &v) in sum.iter_mut().zip(&x[i * f..(i + 1) * f]) {
                *s += v as f64;
            }
        }
        let m = train_idx.len() as f64;
        let mean: Vec<f64> = sum.iter().map(|s| s / m).collect();
        let mut sq = vec![0f64; f];
        for &i in train_idx {
            let i = i as usize;
            for ((s, &v), mu) in sq.iter_mut().zip(&x[i * f..(i + 1) * f]).zip(&mean) {
                let d = v as f64 - mu;
                *s += d * d;
            }
        }
        let std = sq
            .iter()
            .map(|s| {
                let sd = (s / m).sqrt();
                if sd > 1e-12 {
                    sd as f32
                } else {
                    1.0
                }
            })
            .collect();
        Ok(Standardizer {
            mean: mean.iter().map(|&v| v as f32).collect(),
            std,
        })
    }

    /// In place `x[i, j] = (x[i, j] − mean[j]) / std[j]` for every row of `x: (N, F)`.
    pub fn apply(&self, x: &mut [f32]) {
        let f = self.mean.len();
        for row in x.chunks_exact_mut(f) {
            for ((v, &mu), &sd) in row.iter_mut().zip(&self.mean).zip(&self.std) {
                *v = (*v - mu) / sd;
            }
        }
    }
}

/// Fits a [`Standardizer`] on `train_idx` and applies it to all of `x: (N, F)`.
///
/// # Errors
/// As [`Standardizer::fit`].
pub fn standardize(x: &mut [f32], f: usize, train_idx: &[u32]) -> Result<Standardizer> {
    let s = Standardizer::fit(x, f, train_idx)?;
    s.apply(x);
    Ok(s)
}

/// The train mode's default `learning_rate` on standardised features (any dataset, any
/// `features` ≠ `pixels`): features of unit scale want a step 10²–10⁴ times the pixels' (whose
/// values are ±128). Found by a sweep with `examples/train_features.rs` (softmax, SGD, the train
/// mode's other defaults); the page's copy is in `www/modes/train/state.js`.
pub const LINEAR_LEARNING_RATE: f32 = 3e-2;
/// The train mode's default `reg` on standardised features (see [`LINEAR_LEARNING_RATE`]).
pub const LINEAR_REG: f32 = 1e-2;
