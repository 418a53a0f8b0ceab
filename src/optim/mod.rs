//! Update rules (CS231n's `optim.py`).

pub mod sgd;

pub use sgd::sgd;
