//! ClassPlay's core: image-classification datasets, kernels, models, losses, optimisers and the
//! training loop, free of DOM code. `api` is the only `#[wasm_bindgen]` boundary.
//!
//! Names follow CS231n: `x (N, D)`, `y (N,)`, `w (D, C)`, `scores (N, C)`, `reg`,
//! `learning_rate`, `batch_size`, `num_iters`, `loss_history`.

pub mod api;
pub mod config;
pub mod curse;
pub mod data;
pub mod draw;
pub mod error;
pub mod evaluation;
pub mod features;
pub mod fewshot;
pub mod geometric;
pub mod gradcheck;
pub mod kernels;
pub mod knn_run;
pub mod lab;
pub mod label;
pub mod loss;
pub mod metrics;
pub mod models;
pub mod omniglot;
pub mod optim;
pub mod race;
pub mod rng;
pub mod search;
pub mod settings;
pub mod solver;
pub mod sweep;
pub mod toy2d;
pub mod weights;

pub use config::TrainConfig;
pub use data::{Dataset, DatasetKind};
pub use error::{Error, Result};
pub use loss::LossKind;
pub use solver::Solver;

/// Formats an f32 in the shortest form that reads back to the same f32 (Rust's `{}`; case C20).
pub fn format_f32(x: f32) -> String {
    format!("{x}")
}
