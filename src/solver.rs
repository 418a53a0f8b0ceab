//! Minibatch SGD training of a linear classifier on a [`Dataset`], with the histories the page
//! plots. Source: CS231n assignment 1, `LinearClassifier.train` (minibatches, `loss_history`) and
//! the `Solver`'s `check_accuracy`.
//!
//! Determinism: every random choice comes from the run's `seed` (see [`crate::rng`]) and every
//! kernel accumulates in a fixed order, so the same data and [`TrainConfig`] give a bit-identical
//! `loss_history` on every run, in the SIMD and the scalar build alike.

use crate::config::TrainConfig;
use crate::data::preprocess::{gather_features, mean_image};
use crate::data::split::{train_val_split, Split};
use crate::data::{dataset::to_rgba, Dataset};
use crate::error::{Error, Result};
use crate::models::LinearClassifier;
use crate::optim::sgd;
use crate::rng::{permutation, randn_f32, rng_for, shuffle, Stream, Xoshiro256PlusPlus};

/// Records on which training accuracy is measured (a fixed seeded sample).
pub const TRAIN_ACC_SAMPLE: usize = 1000;
/// Scale of the initial weights: small enough that scores start near 0 on raw-pixel features, so
/// the first softmax loss is ≈ ln C (CS231n's softmax notebook sanity check uses 0.0001).
pub const WEIGHT_SCALE: f32 = 1e-4;
/// Records per chunk when predicting (bounds the f32 scratch memory).
const EVAL_CHUNK: usize = 512;

/// A training run in progress.
#[derive(Debug, Clone)]
pub struct Solver {
    cfg: TrainConfig,
    /// The model being trained; `w: (D', C)`.
    pub model: LinearClassifier<f32>,
    /// Mean image of the training split, `(D,)`, pixel units.
    pub mean: Vec<f32>,
    split: Split,
    acc_sample: Vec<u32>,
    order: Vec<u32>,
    cursor: usize,
    shuffle_rng: Xoshiro256PlusPlus,
    iteration: u32,
    /// Total loss (data + regularisation) per iteration.
    pub loss_history: Vec<f32>,
    /// Data loss per iteration.
    pub data_loss_history: Vec<f32>,
    /// Regularisation loss per iteration.
    pub reg_loss_history: Vec<f32>,
    diverged: bool,
    dim: usize,
    xb: Vec<f32>,
    yb: Vec<u8>,
}

impl Solver {
    /// Validates `cfg`, carves the validation split out of `train`, computes the mean image of the
    /// training split and draws the initial weights `WEIGHT_SCALE · N(0, 1)`.
    ///
    /// # Errors
    /// [`Error::Config`] for a bad setting or sizes the loaded data cannot meet.
    pub fn new(train: &Dataset, cfg: TrainConfig) -> Result<Self> {
        cfg.check()?;
        if train.is_empty() {
            return Err(Error::State("no training data is loaded".into()));
        }
        let split = train_val_split(
            train.len(),
            cfg.num_train as usize,
            cfg.num_val as usize,
            cfg.seed,
        )?;
        let dim = train.dim();
        let mean = mean_image(&train.images, dim, &split.train);
        let d = dim + cfg.bias_trick as usize;
        let c = train.num_classes();
        let w = randn_f32(d * c, WEIGHT_SCALE, &mut rng_for(cfg.seed, Stream::Init));
        let b = if cfg.bias_trick {
            Vec::new()
        } else {
            vec![0.0; c]
        };
        let mut sample_rng = rng_for(cfg.seed, Stream::Sample);
        let acc_sample: Vec<u32> = permutation(split.train.len(), &mut sample_rng)
            .into_iter()
            .take(TRAIN_ACC_SAMPLE)
            .map(|i| split.train[i as usize])
            .collect();
        let mut shuffle_rng = rng_for(cfg.seed, Stream::Shuffle);
        let mut order = split.train.clone();
        shuffle(&mut order, &mut shuffle_rng);
        Ok(Solver {
            cfg,
            model: LinearClassifier::new(w, b, d, c),
            mean,
            split,
            acc_sample,
            order,
            cursor: 0,
            shuffle_rng,
            iteration: 0,
            loss_history: Vec::new(),
            data_loss_history: Vec::new(),
            reg_loss_history: Vec::new(),
            diverged: false,
            dim,
            xb: Vec::new(),
            yb: Vec::new(),
        })
    }

    /// The checked settings of this run.
    pub fn config(&self) -> &TrainConfig {
        &self.cfg
    }

    /// Iterations done.
    pub fn iteration(&self) -> u32 {
        self.iteration
    }

    /// True once a step produced a NaN or infinite loss or gradient; training stops, and the
    /// weights stay as they were before that step.
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// True when no more iterations will run (all done or diverged).
    pub fn finished(&self) -> bool {
        self.diverged || self.iteration >= self.cfg.num_iters
    }

    /// The train / validation split in use.
    pub fn split(&self) -> &Split {
        &self.split
    }

    fn check_data(&self, data: &Dataset) -> Result<()> {
        if data.dim() != self.dim {
            return Err(Error::Shape(format!(
                "the model was set up for {}-value images but the data has {}",
                self.dim,
                data.dim()
            )));
        }
        Ok(())
    }

    /// Runs one SGD iteration on the next minibatch (epochs reshuffled with the seed; a last
    /// partial batch is dropped). Returns false when nothing ran (finished or diverged).
    ///
    /// # Errors
    /// [`Error::Shape`] if `train` is not the data the solver was set up on.
    pub fn step(&mut self, train: &Dataset) -> Result<bool> {
        if self.finished() {
            return Ok(false);
        }
        self.check_data(train)?;
        let bs = self.cfg.batch_size as usize;
        if self.cursor + bs > self.order.len() {
            shuffle(&mut self.order, &mut self.shuffle_rng);
            self.cursor = 0;
        }
        let batch = &self.order[self.cursor..self.cursor + bs];
        self.cursor += bs;
        gather_features(
            &train.images,
            self.dim,
            batch,
            &self.mean,
            self.cfg.bias_trick,
            &mut self.xb,
        );
        self.yb.clear();
        self.yb
            .extend(batch.iter().map(|&i| train.labels[i as usize]));
        let parts = self
            .model
            .loss(&self.xb, &self.yb, self.cfg.loss, self.cfg.reg);
        let finite = parts.loss().is_finite()
            && parts.dw.iter().all(|g| g.is_finite())
            && parts.db.iter().all(|g| g.is_finite());
        if !finite {
            self.diverged = true;
            return Ok(false);
        }
        sgd(&mut self.model.w, &parts.dw, self.cfg.learning_rate);
        sgd(&mut self.model.b, &parts.db, self.cfg.learning_rate);
        self.loss_history.push(parts.loss());
        self.data_loss_history.push(parts.data_loss);
        self.reg_loss_history.push(parts.reg_loss);
        self.iteration += 1;
        Ok(true)
    }

    /// Runs up to `n` iterations; returns how many ran.
    ///
    /// # Errors
    /// As [`Solver::step`].
    pub fn train(&mut self, train: &Dataset, n: u32) -> Result<u32> {
        let mut done = 0;
        while done < n && self.step(train)? {
            done += 1;
        }
        Ok(done)
    }

    /// Predicted labels for records `idx` of `data` (all records when `None`), in chunks.
    ///
    /// # Errors
    /// [`Error::Shape`] when `data` has another image size than the training data.
    pub fn predict(&self, data: &Dataset, idx: Option<&[u32]>) -> Result<Vec<u8>> {
        self.check_data(data)?;
        let all: Vec<u32>;
        let idx = match idx {
            Some(i) => i,
            None => {
                all = (0..data.len() as u32).collect();
                &all
            }
        };
        let mut x = Vec::new();
        let mut out = Vec::with_capacity(idx.len());
        for chunk in idx.chunks(EVAL_CHUNK) {
            gather_features(
                &data.images,
                self.dim,
                chunk,
                &self.mean,
                self.cfg.bias_trick,
                &mut x,
            );
            out.extend(self.model.predict(&x));
        }
        Ok(out)
    }

    /// Fraction of records `idx` of `data` (all when `None`) predicted correctly, in [0, 1]
    /// (0 for no records).
    ///
    /// # Errors
    /// As [`Solver::predict`].
    pub fn check_accuracy(&self, data: &Dataset, idx: Option<&[u32]>) -> Result<f32> {
        let pred = self.predict(data, idx)?;
        if pred.is_empty() {
            return Ok(0.0);
        }
        let correct = match idx {
            Some(i) => pred
                .iter()
                .zip(i)
                .filter(|(&p, &i)| p == data.labels[i as usize])
                .count(),
            None => pred
                .iter()
                .zip(&data.labels)
                .filter(|(p, l)| p == l)
                .count(),
        };
        Ok(correct as f32 / pred.len() as f32)
    }

    /// Accuracy on a fixed seeded sample of ≤ 1000 training records.
    ///
    /// # Errors
    /// As [`Solver::predict`].
    pub fn train_acc(&self, train: &Dataset) -> Result<f32> {
        self.check_accuracy(train, Some(&self.acc_sample))
    }

    /// Accuracy on the validation split (0 when `num_val` = 0).
    ///
    /// # Errors
    /// As [`Solver::predict`].
    pub fn val_acc(&self, train: &Dataset) -> Result<f32> {
        self.check_accuracy(train, Some(&self.split.val))
    }

    /// The per-class templates (the visual view of a linear classifier): `w` without the bias row,
    /// each class's column reshaped to `(height, width, channels)`, min-max scaled to 0..255 over
    /// all classes together (as CS231n's notebook does), as RGBA `(C, height, width, 4)`.
    pub fn templates_rgba(&self, data: &Dataset) -> Vec<u8> {
        let (d, c) = (self.dim, self.model.c);
        let w = &self.model.w[..d * c];
        let (lo, hi) = w
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let span = if hi > lo { hi - lo } else { 1.0 };
        let mut out = Vec::with_capacity(c * d / data.channels * 4);
        for class in 0..c {
            let img: Vec<u8> = (0..d)
                .map(|i| (255.0 * (w[i * c + class] - lo) / span).round() as u8)
                .collect();
            out.extend(to_rgba(&img, data.channels));
        }
        out
    }
}
