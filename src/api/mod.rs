//! The only `#[wasm_bindgen]` module: thin delegations to the core. Numbers, small `Copy` configs and
//! byte slices cross; long-lived data stays in wasm memory inside [`Playground`]. Every fallible
//! method returns `Result<_, JsError>`, so a core error becomes a JS `Error` whose message the page
//! shows in its `status` line. See docs/CONTRACT.md.
//!
//! One file per mode of the page (`train`, `evaluation`, `lab`, `knn`, `fewshot` with `oneshot`
//! for Omniglot, `race`, `views`; `draw` for a drawn digit in train and k-NN), `data` for loading, `config` for [`TrainConfig`], `settings` for the URL settings
//! table; this file holds what they share.

#[cfg(feature = "bench")]
mod bench;
mod config;
mod data;
mod draw;
mod evaluation;
mod features;
mod fewshot;
mod knn;
mod lab;
mod oneshot;
mod race;
mod settings;
mod train;
mod views;

#[cfg(feature = "bench")]
pub use bench::KernelBench;
pub use config::TrainConfig;
pub use draw::frame_drawing;
pub use evaluation::{AlgebraicView, Evaluation};
pub use fewshot::{FewShotEpisode, FewShotFeatures, FewShotRun};
pub use knn::knn_grid_2d;
pub use lab::{sweep_best_cell, GradCheck};
pub use oneshot::{decode_gray_pngs, oneshot_run, OneShotRunResult};
pub use race::{surface_grid, surface_value, surface_view, Race, RaceRule};
pub use settings::settings_schema;
pub use views::{curse_distance_stats, geo_bounds, geo_initial_params, geo_linear_bound, GeoToy};

use crate::data::split::Subset as CoreSubset;
use crate::data::{Dataset, DatasetKind as CoreDatasetKind};
use crate::error::Error;
use crate::knn_run::KnnRun;
use crate::loss::LossKind as CoreLossKind;
use crate::loss::Regularization as CoreRegularization;
use crate::models::knn::Metric;
use crate::optim::UpdateRule as CoreUpdateRule;
use crate::search::SearchRun;
use crate::solver::Solver;
use crate::sweep::Sweep;
use wasm_bindgen::prelude::*;

/// True when this build runs the SIMD128 kernels.
#[wasm_bindgen]
pub fn simd_compiled() -> bool {
    crate::kernels::SIMD128
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

impl From<LossKind> for CoreLossKind {
    fn from(k: LossKind) -> Self {
        match k {
            LossKind::Svm => CoreLossKind::Svm,
            LossKind::Softmax => CoreLossKind::Softmax,
        }
    }
}

impl From<CoreLossKind> for LossKind {
    fn from(k: CoreLossKind) -> Self {
        match k {
            CoreLossKind::Svm => LossKind::Svm,
            CoreLossKind::Softmax => LossKind::Softmax,
        }
    }
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

impl From<Subset> for CoreSubset {
    fn from(s: Subset) -> Self {
        match s {
            Subset::First => CoreSubset::First,
            Subset::Stratified => CoreSubset::Stratified,
        }
    }
}

impl From<CoreSubset> for Subset {
    fn from(s: CoreSubset) -> Self {
        match s {
            CoreSubset::First => Subset::First,
            CoreSubset::Stratified => Subset::Stratified,
        }
    }
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
}

impl Default for Playground {
    fn default() -> Self {
        Self::new()
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
