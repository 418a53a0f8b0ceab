//! Training of a linear classifier on a [`Dataset`] with any update rule, with the histories the
//! page plots. Minibatch rules (`sgd`, `sgd_momentum`, `nesterov`, `adagrad`, `rmsprop`, `adam`)
//! take one minibatch per iteration; `gd` is the same step on every training record; `lbfgs` is
//! one full-batch L-BFGS iteration per iteration. Source: CS231n assignment 1,
//! `LinearClassifier.train` (minibatches, `loss_history`), the `Solver`'s `check_accuracy` and
//! `optim.py`'s `update_rule`.
//!
//! `loss_history[i]` is the loss at the weights before update `i` (on its minibatch, or on the
//! whole training split for `gd` / `lbfgs`), so `loss_history[0]` is the loss at initialisation.
//! Every rule starts from the same weights for the same seed.
//!
//! Determinism: every random choice comes from the run's `seed` (see [`crate::rng`]) and every
//! kernel accumulates in a fixed order, so the same data and [`TrainConfig`] give a bit-identical
//! `loss_history` on every run, in the SIMD and the scalar build alike.

use crate::config::TrainConfig;
use crate::data::preprocess::{gather_features, mean_image};
use crate::data::split::{stratified_split, train_val_split, Split, Subset};
use crate::data::{dataset::to_rgba, Dataset};
use crate::error::{Error, Result};
use crate::features::{extract, FeatureKind, Standardizer};
use crate::label::Label;
use crate::metrics::top_k_accuracy;
use crate::models::{LinearClassifier, LossParts};
use crate::optim::{Lbfgs, LbfgsState, Optimizer, Termination, UpdateRule};
use crate::rng::{permutation, randn_f32, rng_for, shuffle, Stream, Xoshiro256PlusPlus};

/// Records on which training accuracy is measured (a fixed seeded sample).
pub const TRAIN_ACC_SAMPLE: usize = 1000;
/// Scale of the initial weights: small enough that scores start near 0 on raw-pixel features, so
/// the first softmax loss is ≈ ln C (CS231n's softmax notebook sanity check uses 0.0001).
pub const WEIGHT_SCALE: f32 = 1e-4;
/// Records per chunk when predicting or summing a full-batch loss (bounds the f32 scratch memory).
pub const EVAL_CHUNK: usize = 512;

/// Checks that `data` has the image size the solver's mean image was computed for.
pub(crate) fn check_dim(solver: &Solver, data: &Dataset) -> Result<()> {
    if solver.mean.len() != data.dim() {
        return Err(Error::Shape(format!(
            "the model was set up for {}-value images but the data has {}",
            solver.mean.len(),
            data.dim()
        )));
    }
    Ok(())
}

/// Checks every index of `idx` against `data`.
pub(crate) fn check_idx(data: &Dataset, idx: &[u32]) -> Result<()> {
    match idx.iter().find(|&&i| i as usize >= data.len()) {
        Some(i) => Err(Error::State(format!(
            "record {i} does not exist ({} loaded)",
            data.len()
        ))),
        None => Ok(()),
    }
}

/// Identifies a loaded [`Dataset`] for the feature caches of a run: its address, its size and a
/// hash of its labels and a strided sample of its pixels. A cache is used only when the key
/// matches; any other data has its features computed on the spot (the same numbers, slower).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DataKey {
    addr: usize,
    len: usize,
    hash: u64,
}

impl DataKey {
    fn of(data: &Dataset) -> Self {
        // FNV-1a over ≤ ~4096 evenly spaced labels and as many pixels: it runs at every minibatch
        // of a feature run, so it must not cost a pass over all the labels
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |b: u8| {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        };
        let step = (data.labels.len() / 4096).max(1);
        for l in data.labels.iter().step_by(step) {
            l.to_le_bytes().into_iter().for_each(&mut eat);
        }
        let step = (data.images.len() / 4096).max(1);
        data.images.iter().step_by(step).for_each(|&p| eat(p));
        DataKey {
            addr: data.images.as_ptr() as usize,
            len: data.images.len(),
            hash: h,
        }
    }
}

/// Standardised features of every record of one loaded dataset, `(N, F)` row-major.
#[derive(Debug, Clone)]
struct CachedRows {
    key: DataKey,
    x: Vec<f32>,
}

/// What a feature run (`features` ≠ `pixels`, issue 12 item 1) feeds the classifier: `kind`
/// features of each image, standardised with the mean and std of the training split's rows.
#[derive(Debug, Clone)]
struct FeatureInput {
    kind: FeatureKind,
    /// `F`, features per image.
    f: usize,
    standardizer: Standardizer,
    /// The training data's rows (every loaded record), and the test data's when given.
    caches: Vec<CachedRows>,
}

impl FeatureInput {
    /// Standardised features `(idx.len(), F)` of records `idx` of `data`, computed from its pixels.
    fn compute(&self, data: &Dataset, idx: &[u32]) -> Result<Vec<f32>> {
        let dim = data.dim();
        let mut px = Vec::with_capacity(idx.len() * dim);
        for &i in idx {
            px.extend_from_slice(&data.images[i as usize * dim..(i as usize + 1) * dim]);
        }
        let mut x = extract(self.kind, &px, data.height, data.width, data.channels)?;
        self.standardizer.apply(&mut x);
        Ok(x)
    }

    /// Rows `idx` of `data` into `x: (idx.len(), F')`, `F' = F + bias_trick` (a trailing 1).
    fn gather(&self, data: &Dataset, idx: &[u32], bias_trick: bool, x: &mut Vec<f32>) {
        let f = self.f;
        let fp = f + bias_trick as usize;
        x.clear();
        x.resize(idx.len() * fp, 0.0);
        let key = DataKey::of(data);
        let fresh;
        let (rows, cached): (&[f32], bool) = match self.caches.iter().find(|c| c.key == key) {
            Some(c) => (&c.x, true),
            None => {
                // The image size was checked against the run's (check_dim), so extraction does
                // not fail here; if it did, the rows would stay 0 rather than panic.
                fresh = self.compute(data, idx).unwrap_or_default();
                (&fresh, false)
            }
        };
        for (r, &i) in idx.iter().enumerate() {
            // a cached row sits at its record's index, a fresh one at its position in `idx`
            let src = if cached { i as usize } else { r } * f;
            let dst = &mut x[r * fp..(r + 1) * fp];
            if let Some(row) = rows.get(src..src + f) {
                dst[..f].copy_from_slice(row);
            }
            if bias_trick {
                dst[f] = 1.0;
            }
        }
    }
}

/// Rows `idx` of `data` into `x`: pixels minus `mean` (`features` `None`, the path of every run
/// before issue 12, unchanged) or standardised features; the bias column when `bias_trick`.
fn gather_rows(
    features: &Option<FeatureInput>,
    mean: &[f32],
    bias_trick: bool,
    data: &Dataset,
    idx: &[u32],
    x: &mut Vec<f32>,
) {
    match features {
        None => gather_features(&data.images, data.dim(), idx, mean, bias_trick, x),
        Some(f) => f.gather(data, idx, bias_trick, x),
    }
}

/// The optimiser state of a run.
#[derive(Debug, Clone)]
enum RuleState {
    /// A first-order rule: one state for `w`, one for `b` (empty with the bias trick).
    FirstOrder {
        w: Optimizer<f32>,
        b: Optimizer<f32>,
    },
    /// L-BFGS over `[w, b]` flattened; `None` before the first iteration. `parts` are the data
    /// and regularisation losses at the current weights.
    Lbfgs {
        state: Option<LbfgsState<f32>>,
        parts: (f32, f32),
    },
}

fn parts_total((data, reg): (f32, f32)) -> f32 {
    data + reg
}

/// Mean loss (data + penalty of `cfg`) of `model` over records `idx` of `data`, summed in
/// chunks of [`EVAL_CHUNK`] records in a fixed order (each chunk's mean weighted by its share of
/// `idx`), so memory stays `O(EVAL_CHUNK · D)` even for CIFAR-10's 50 000 records. With
/// `with_grad`, `dw: (d, c)` and `db: (c,)` (or empty) are filled; otherwise they are empty.
///
/// # Shapes
/// `data` records of `D` values; `mean: (D,)`; `model.d = D + cfg.bias_trick`.
///
/// # Panics
/// If `idx` is empty or indexes past `data`.
pub fn full_batch_loss(
    model: &LinearClassifier<f32>,
    data: &Dataset,
    idx: &[u32],
    mean: &[f32],
    cfg: &TrainConfig,
    with_grad: bool,
) -> LossParts<f32> {
    full_batch_loss_with(model, data, idx, cfg, with_grad, |chunk, x| {
        gather_features(&data.images, data.dim(), chunk, mean, cfg.bias_trick, x)
    })
}

/// [`full_batch_loss`] with the rows of a chunk of records gathered by `gather(chunk, x)` (pixels
/// minus the mean image, or a run's standardised features).
fn full_batch_loss_with(
    model: &LinearClassifier<f32>,
    data: &Dataset,
    idx: &[u32],
    cfg: &TrainConfig,
    with_grad: bool,
    mut gather: impl FnMut(&[u32], &mut Vec<f32>),
) -> LossParts<f32> {
    assert!(!idx.is_empty(), "full_batch_loss: no records");
    let (d, c) = (model.d, model.c);
    let loss = cfg.data_loss();
    let total = idx.len() as f32;
    let mut data_loss = 0f32;
    let mut dw = if with_grad { vec![0f32; d * c] } else { vec![] };
    let mut db = if with_grad && !model.b.is_empty() {
        vec![0f32; c]
    } else {
        vec![]
    };
    let (mut x, mut tmp) = (Vec::new(), vec![0f32; if with_grad { d * c } else { 0 }]);
    let mut y = Vec::with_capacity(EVAL_CHUNK);
    for chunk in idx.chunks(EVAL_CHUNK) {
        gather(chunk, &mut x);
        y.clear();
        y.extend(chunk.iter().map(|&i| data.labels[i as usize]));
        let share = chunk.len() as f32 / total;
        let scores = model.scores(model.view(&x));
        let (l, mut dscores) = loss.loss(scores.as_slice().expect("standard layout"), &y, c);
        data_loss += l * share;
        if with_grad {
            for v in dscores.iter_mut() {
                *v *= share;
            }
            use crate::kernels::Real;
            f32::matmul_tn(chunk.len(), d, c, &x, &dscores, &mut tmp);
            for (g, &t) in dw.iter_mut().zip(&tmp) {
                *g += t;
            }
            if !db.is_empty() {
                for row in dscores.chunks_exact(c) {
                    for (g, &v) in db.iter_mut().zip(row) {
                        *g += v;
                    }
                }
            }
        }
    }
    let mut scratch;
    let sink: &mut [f32] = if with_grad {
        &mut dw
    } else {
        scratch = vec![0f32; model.w.len()];
        &mut scratch
    };
    let reg_loss = cfg.regularization.penalty(&model.w, cfg.reg, sink);
    LossParts {
        data_loss,
        reg_loss,
        dw,
        db,
    }
}

/// A training run in progress.
#[derive(Debug, Clone)]
pub struct Solver {
    cfg: TrainConfig,
    /// The model being trained; `w: (D', C)`.
    pub model: LinearClassifier<f32>,
    /// Mean image of the training split, `(D,)`, pixel units (zeros when `cfg.subtract_mean` is off).
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
    converged: bool,
    rule: RuleState,
    dim: usize,
    xb: Vec<f32>,
    yb: Vec<Label>,
    /// `None`: the pixels minus [`Solver::mean`] (every run before issue 12); else features.
    features: Option<FeatureInput>,
}

impl Solver {
    /// Validates `cfg`, carves the validation split out of `train`, computes the mean image of the
    /// training split and draws the initial weights `WEIGHT_SCALE · N(0, 1)` (from the seed only:
    /// runs differing in `update_rule` or its hyperparameters start from the same `w`).
    ///
    /// # Errors
    /// [`Error::Config`] for a bad setting or sizes the loaded data cannot meet.
    pub fn new(train: &Dataset, cfg: TrainConfig) -> Result<Self> {
        let split = Self::default_split(train, &cfg)?;
        Self::with_split(train, cfg, split)
    }

    /// The train / validation split [`Solver::new`] carves from `train` for `cfg` (`num_train`,
    /// `num_val`, `subset`, `seed`).
    ///
    /// # Errors
    /// [`Error::Config`] for a bad setting or sizes the loaded data cannot meet,
    /// [`Error::State`] when no training data is loaded.
    pub fn default_split(train: &Dataset, cfg: &TrainConfig) -> Result<Split> {
        cfg.check()?;
        if train.is_empty() {
            return Err(Error::State("no training data is loaded".into()));
        }
        match cfg.subset {
            Subset::First => train_val_split(
                train.len(),
                cfg.num_train as usize,
                cfg.num_val as usize,
                cfg.seed,
            ),
            Subset::Stratified => stratified_split(
                &train.labels,
                cfg.num_train as usize,
                cfg.num_val as usize,
                train.num_classes(),
                cfg.seed,
            ),
        }
    }

    /// As [`Solver::new`] but on an explicit `split` (indices into `train`'s records, e.g. one
    /// fold of k-fold cross-validation, see `crate::lab::cv`): the mean image, the training
    /// accuracy sample and the minibatch order come from `split.train`, the validation metrics from
    /// `split.val`. `Solver::new(train, cfg)` is `with_split(train, cfg, default_split(train, &cfg))`.
    ///
    /// # Errors
    /// [`Error::Config`] for a bad setting, an empty `split.train` or an index outside `train`;
    /// [`Error::State`] when no training data is loaded.
    pub fn with_split(train: &Dataset, cfg: TrainConfig, split: Split) -> Result<Self> {
        cfg.check()?;
        if train.is_empty() {
            return Err(Error::State("no training data is loaded".into()));
        }
        if split.train.is_empty() {
            return Err(Error::config("num_train", "the training split is empty"));
        }
        if let Some(&i) = split
            .train
            .iter()
            .chain(&split.val)
            .find(|&&i| i as usize >= train.len())
        {
            return Err(Error::config(
                "split",
                format!("record {i} is outside the {} loaded", train.len()),
            ));
        }
        let dim = train.dim();
        let mean = if cfg.subtract_mean {
            mean_image(&train.images, dim, &split.train)
        } else {
            vec![0.0; dim] // raw pixels: features are gathered as pixel − 0
        };
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
        let rule = match cfg.update_rule {
            UpdateRule::Lbfgs => RuleState::Lbfgs {
                state: None,
                parts: (0.0, 0.0),
            },
            _ => RuleState::FirstOrder {
                w: cfg.optimizer()?,
                b: cfg.optimizer()?,
            },
        };
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
            converged: false,
            rule,
            dim,
            xb: Vec::new(),
            yb: Vec::new(),
            features: None,
        })
    }

    /// As [`Solver::new`], but the classifier sees `kind` features of each image instead of its
    /// pixels (issue 12, item 1): HOG and / or the hue histogram ([`crate::features::extract`]),
    /// standardised per feature with the mean and std of the training split's rows only
    /// ([`Standardizer`]), with the bias column when `cfg.bias_trick`. The features of every
    /// loaded record of `train` (and of `test`, when given) are computed once here; `w` is
    /// `(F + bias_trick, C)`, drawn from the seed as for pixels. `FeatureKind::Pixels` is exactly
    /// [`Solver::new`].
    ///
    /// Source: CS231n assignment 1, `features.ipynb` (`extract_features`, then
    /// `X -= mean_feat; X /= std_feat` with the training statistics, a bias column appended).
    ///
    /// # Errors
    /// As [`Solver::new`]; [`Error::Config`] (key `features`) for images of other than 1 or 3
    /// channels, HOG on images smaller than one 8×8 cell; [`Error::Shape`] when `test` has another
    /// image size than `train`.
    pub fn with_features(
        train: &Dataset,
        test: Option<&Dataset>,
        cfg: TrainConfig,
        kind: FeatureKind,
    ) -> Result<Self> {
        let split = Self::default_split(train, &cfg)?;
        let mut s = Self::with_split(train, cfg, split)?;
        if kind == FeatureKind::Pixels {
            return Ok(s);
        }
        if let Some(t) = test.filter(|t| !t.is_empty()) {
            if (t.height, t.width, t.channels) != (train.height, train.width, train.channels) {
                return Err(Error::Shape(format!(
                    "the test images are {}×{}×{} but the training images {}×{}×{}",
                    t.height, t.width, t.channels, train.height, train.width, train.channels
                )));
            }
        }
        let f = kind.dim(train.height, train.width, train.channels);
        let mut x = extract(
            kind,
            &train.images,
            train.height,
            train.width,
            train.channels,
        )?;
        let standardizer = Standardizer::fit(&x, f, &s.split.train)?;
        standardizer.apply(&mut x);
        let mut input = FeatureInput {
            kind,
            f,
            standardizer,
            caches: vec![CachedRows {
                key: DataKey::of(train),
                x,
            }],
        };
        if let Some(t) = test.filter(|t| !t.is_empty()) {
            let all: Vec<u32> = (0..t.len() as u32).collect();
            let x = input.compute(t, &all)?;
            input.caches.push(CachedRows {
                key: DataKey::of(t),
                x,
            });
        }
        let d = f + s.cfg.bias_trick as usize;
        let c = s.model.c;
        let w = randn_f32(d * c, WEIGHT_SCALE, &mut rng_for(s.cfg.seed, Stream::Init));
        s.model = LinearClassifier::new(w, s.model.b.clone(), d, c);
        s.features = Some(input);
        Ok(s)
    }

    /// What the classifier sees: [`FeatureKind::Pixels`] (minus the mean image) or features.
    pub fn features(&self) -> FeatureKind {
        self.features
            .as_ref()
            .map_or(FeatureKind::Pixels, |f| f.kind)
    }

    /// The per-feature mean and std of a feature run (fitted on the training split), `None` on
    /// pixels.
    pub fn standardizer(&self) -> Option<&Standardizer> {
        self.features.as_ref().map(|f| &f.standardizer)
    }

    /// The model's input rows `x: (idx.len(), D')` for records `idx` of `data`: pixels minus the
    /// mean image (pixel units) or standardised features, with the bias column when the run
    /// uses the bias trick. `D'` is `model.d`.
    ///
    /// # Errors
    /// As [`Solver::scores`].
    pub fn rows(&self, data: &Dataset, idx: &[u32]) -> Result<Vec<f32>> {
        check_dim(self, data)?;
        check_idx(data, idx)?;
        let mut x = Vec::new();
        self.gather(data, idx, &mut x);
        Ok(x)
    }

    /// The first `n` records of the training-accuracy sample ([`Solver::train_acc_sample`]) as the
    /// model sees them: `x: (m, D')` as [`Solver::rows`] gives them and their labels `y: (m,)`,
    /// `m = min(n, sample size)`. A fixed, seeded minibatch for the lab's gradient check and the
    /// lecture's questions.
    ///
    /// # Errors
    /// As [`Solver::scores`].
    pub fn sample_batch(&self, data: &Dataset, n: usize) -> Result<(Vec<f32>, Vec<Label>)> {
        let batch = &self.acc_sample[..n.min(self.acc_sample.len())];
        let x = self.rows(data, batch)?;
        let y = batch.iter().map(|&i| data.labels[i as usize]).collect();
        Ok((x, y))
    }

    /// Rows `idx` of `data` into `x` (see [`Solver::rows`]); `data` is checked by the caller.
    fn gather(&self, data: &Dataset, idx: &[u32], x: &mut Vec<f32>) {
        gather_rows(
            &self.features,
            &self.mean,
            self.cfg.bias_trick,
            data,
            idx,
            x,
        )
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

    /// True once L-BFGS stopped before `num_iters`: the gradient vanished (`max|grad| ≤ 1e-5`), no
    /// step along its direction lowered the loss, or an iteration left the loss unchanged (f32
    /// precision reached). Always false for the other rules.
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// True when no more iterations will run (all done, diverged or converged).
    pub fn finished(&self) -> bool {
        self.diverged || self.converged || self.iteration >= self.cfg.num_iters
    }

    /// The fixed seeded sample of ≤ [`TRAIN_ACC_SAMPLE`] training records on which
    /// [`Solver::train_acc`] is measured (indices into the loaded training records).
    pub fn train_acc_sample(&self) -> &[u32] {
        &self.acc_sample
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

    /// Runs one iteration of the run's update rule: on the next minibatch (epochs reshuffled with
    /// the seed; a last partial batch is dropped), or on every training record for `gd` and
    /// `lbfgs`. Returns false when nothing ran (finished, diverged or converged).
    ///
    /// # Errors
    /// [`Error::Shape`] if `train` is not the data the solver was set up on.
    pub fn step(&mut self, train: &Dataset) -> Result<bool> {
        if self.finished() {
            return Ok(false);
        }
        self.check_data(train)?;
        if matches!(self.rule, RuleState::Lbfgs { .. }) {
            return self.lbfgs_step(train);
        }
        let parts = if self.cfg.update_rule == UpdateRule::Gd {
            self.full_loss(train, None, true)
        } else {
            self.minibatch_loss(train)
        };
        let finite = parts.loss().is_finite()
            && parts.dw.iter().all(|g| g.is_finite())
            && parts.db.iter().all(|g| g.is_finite());
        if !finite {
            self.diverged = true;
            return Ok(false);
        }
        if let RuleState::FirstOrder { w, b } = &mut self.rule {
            // A finite gradient times a huge learning_rate can still overflow the weights: then
            // the last finite weights stay (the page never shows an infinite template or score)
            // and training stops as diverged. A finite step is not touched by this check.
            let kept = (self.model.w.clone(), self.model.b.clone());
            w.update(&mut self.model.w, &parts.dw);
            b.update(&mut self.model.b, &parts.db);
            let finite = |v: &[f32]| v.iter().all(|x| x.is_finite());
            if !(finite(&self.model.w) && finite(&self.model.b)) {
                (self.model.w, self.model.b) = kept;
                self.diverged = true;
                return Ok(false);
            }
        }
        self.push(parts.data_loss, parts.reg_loss);
        Ok(true)
    }

    fn push(&mut self, data_loss: f32, reg_loss: f32) {
        self.loss_history.push(data_loss + reg_loss);
        self.data_loss_history.push(data_loss);
        self.reg_loss_history.push(reg_loss);
        self.iteration += 1;
    }

    /// Loss and gradients on the next minibatch (the plain loss takes the reference path).
    fn minibatch_loss(&mut self, train: &Dataset) -> LossParts<f32> {
        let bs = self.cfg.batch_size as usize;
        if self.cursor + bs > self.order.len() {
            shuffle(&mut self.order, &mut self.shuffle_rng);
            self.cursor = 0;
        }
        let batch = &self.order[self.cursor..self.cursor + bs];
        self.cursor += bs;
        let mut xb = std::mem::take(&mut self.xb);
        self.gather(train, batch, &mut xb);
        self.xb = xb;
        self.yb.clear();
        self.yb
            .extend(batch.iter().map(|&i| train.labels[i as usize]));
        match self.cfg.plain_loss() {
            Some(kind) => self
                .model
                .loss(self.model.view(&self.xb), &self.yb, kind, self.cfg.reg),
            None => self.model.loss_with(
                self.model.view(&self.xb),
                &self.yb,
                &self.cfg.data_loss(),
                self.cfg.regularization,
                self.cfg.reg,
            ),
        }
    }

    /// [`full_batch_loss`] of the current model over records `idx` of `data` (the training split
    /// when `None`).
    pub fn full_loss(
        &self,
        data: &Dataset,
        idx: Option<&[u32]>,
        with_grad: bool,
    ) -> LossParts<f32> {
        let idx = idx.unwrap_or(&self.split.train);
        full_batch_loss_with(&self.model, data, idx, &self.cfg, with_grad, |chunk, x| {
            self.gather(data, chunk, x)
        })
    }

    /// One L-BFGS iteration over `p = [w, b]` flattened on the whole training split.
    fn lbfgs_step(&mut self, train: &Dataset) -> Result<bool> {
        let (d, c) = (self.model.d, self.model.c);
        let with_b = !self.model.b.is_empty();
        let (idx, cfg) = (&self.split.train, &self.cfg);
        let (features, mean) = (&self.features, &self.mean);
        let last = std::cell::Cell::new((0f32, 0f32));
        let mut f = |p: &[f32]| {
            let b = if with_b { p[d * c..].to_vec() } else { vec![] };
            let m = LinearClassifier::new(p[..d * c].to_vec(), b, d, c);
            let parts = full_batch_loss_with(&m, train, idx, cfg, true, |chunk, x| {
                gather_rows(features, mean, cfg.bias_trick, train, chunk, x)
            });
            last.set((parts.data_loss, parts.reg_loss));
            let mut g = parts.dw;
            g.extend(parts.db);
            (parts.data_loss + parts.reg_loss, g)
        };
        let mut p = self.model.w.clone();
        p.extend_from_slice(&self.model.b);
        let RuleState::Lbfgs { state, parts } = &mut self.rule else {
            unreachable!("lbfgs_step on a first-order run")
        };
        if state.is_none() {
            let lbfgs = Lbfgs {
                max_iters: cfg.num_iters,
                ..Lbfgs::default()
            };
            *state = Some(lbfgs.start(&p, &mut f)?);
            *parts = last.get();
        }
        let st = state.as_mut().expect("started above");
        let before = *parts;
        let moved = st.step(&mut p, &mut f)?;
        if moved {
            *parts = last.get();
        }
        let after = *parts;
        let termination = st.termination;
        if !moved {
            match termination {
                Some(Termination::NonFinite) => self.diverged = true,
                _ => self.converged = true,
            }
            return Ok(false);
        }
        self.model.w.copy_from_slice(&p[..d * c]);
        if with_b {
            self.model.b.copy_from_slice(&p[d * c..]);
        }
        self.push(before.0, before.1);
        if parts_total(after) >= parts_total(before) {
            // the accepted step did not lower the loss: f32 precision is reached, and further
            // iterations would only backtrack (tens of evaluations each) on rounding noise
            self.converged = true;
        }
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
    pub fn predict(&self, data: &Dataset, idx: Option<&[u32]>) -> Result<Vec<Label>> {
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
            self.gather(data, chunk, &mut x);
            out.extend(self.model.predict(self.model.view(&x)));
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

    /// Top-5 accuracy on the validation split (0 when `num_val` = 0); see
    /// [`Solver::top5_accuracy`].
    ///
    /// # Errors
    /// As [`Solver::predict`].
    pub fn val_top5(&self, train: &Dataset) -> Result<f32> {
        self.top5_accuracy(train, Some(&self.split.val))
    }

    /// `scores: (N, C) = x · w (+ b)` of records `idx` of `data`, with `x` centred on the run's
    /// mean image (pixel units) and the bias column when the run uses the bias trick; in chunks of
    /// [`EVAL_CHUNK`] records, so scratch memory stays `O(EVAL_CHUNK · D)`.
    ///
    /// # Errors
    /// [`Error::Shape`] for another image size than the model's; [`Error::State`] for an index past
    /// the loaded records.
    pub fn scores(&self, data: &Dataset, idx: &[u32]) -> Result<Vec<f32>> {
        check_dim(self, data)?;
        check_idx(data, idx)?;
        let mut x = Vec::new();
        let mut out = Vec::with_capacity(idx.len() * self.model.c);
        for chunk in idx.chunks(EVAL_CHUNK) {
            self.gather(data, chunk, &mut x);
            out.extend(
                self.model
                    .scores(self.model.view(&x))
                    .into_raw_vec_and_offset()
                    .0,
            );
        }
        Ok(out)
    }

    /// Top-5 accuracy (`k = min(5, C)`, ImageNet's figure) of records `idx` of `data` (all records
    /// when `None`) under the run's current weights, in [0, 1] (0 for no records). Always ≥ the
    /// top-1 accuracy of the same records ([`Solver::check_accuracy`]): both rank classes as `argmax`
    /// does (first maximum on ties).
    ///
    /// # Errors
    /// As [`Solver::scores`].
    pub fn top5_accuracy(&self, data: &Dataset, idx: Option<&[u32]>) -> Result<f32> {
        let all: Vec<u32>;
        let idx = match idx {
            Some(i) => i,
            None => {
                all = (0..data.len() as u32).collect();
                &all
            }
        };
        let c = self.model.c;
        let labels: Vec<Label> = idx
            .iter()
            .filter_map(|&i| data.labels.get(i as usize).copied())
            .collect();
        let s = self.scores(data, idx)?;
        Ok(top_k_accuracy(&s, &labels, c, 5.min(c)))
    }

    /// The per-class templates (the visual view of a linear classifier): `w` without the bias row,
    /// each class's column reshaped to `(height, width, channels)`, min-max scaled to 0..255 over
    /// all classes together (as CS231n's notebook does), as RGBA `(C, height, width, 4)`. Empty for
    /// a feature run (its `w` has one row per feature, not per pixel: no image to show).
    pub fn templates_rgba(&self, data: &Dataset) -> Vec<u8> {
        if self.features.is_some() {
            return Vec::new();
        }
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
