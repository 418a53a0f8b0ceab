//! Models: the linear classifier (and, in later issues, k-nearest neighbours).

pub mod knn;
pub mod knn_rank;
pub mod linear;

pub use linear::{LinearClassifier, LossParts};
