//! Data: file formats (IDX, CIFAR-10 binary and PNG), the in-memory dataset, splits, preprocessing.

pub mod cifar;
pub mod cifar100;
pub mod cifar_png;
pub mod custom;
pub mod dataset;
pub mod drawing;
pub mod gzip;
pub mod idx;
pub mod preprocess;
pub mod resize;
pub mod split;

pub use dataset::{Dataset, DatasetKind};
