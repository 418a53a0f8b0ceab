//! The settings of a training run, with the same snake_case names as the URL hash and the worker
//! messages. Only a config that passed [`TrainConfig::check`] reaches the solver.

use crate::error::{Error, Result};
use crate::loss::LossKind;

/// The most iterations one run may ask for.
pub const MAX_NUM_ITERS: u32 = 1_000_000;
/// The largest minibatch.
pub const MAX_BATCH_SIZE: u32 = 65_536;

/// Settings of one linear-classifier training run (CS231n's `LinearClassifier.train` arguments).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainConfig {
    /// Data loss. Default softmax.
    pub loss: LossKind,
    /// SGD step size (features are pixels 0..255 minus the mean image). Default 1e-5 (MNIST).
    pub learning_rate: f32,
    /// L2 strength in `reg · Σ w²`. Default 10 (MNIST).
    pub reg: f32,
    /// Minibatch size. Default 200.
    pub batch_size: u32,
    /// SGD iterations. Default 1500.
    pub num_iters: u32,
    /// Seed of every random choice (split, initialisation, minibatch order). Default 1.
    pub seed: u32,
    /// Training records used (carved with the validation split from the loaded training records).
    /// Default 10 000.
    pub num_train: u32,
    /// Validation records carved from the loaded training records. Default 1 000.
    pub num_val: u32,
    /// Append a column of ones and fold the bias into `w`. Default true.
    pub bias_trick: bool,
    /// Measure train / validation accuracy every this many iterations. Default 50.
    pub eval_every: u32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            loss: LossKind::Softmax,
            learning_rate: 1e-5,
            reg: 10.0,
            batch_size: 200,
            num_iters: 1500,
            seed: 1,
            num_train: 10_000,
            num_val: 1_000,
            bias_trick: true,
            eval_every: 50,
        }
    }
}

impl TrainConfig {
    /// Checks every setting against what the core can run.
    ///
    /// # Errors
    /// [`Error::Config`] naming the first bad key: `learning_rate` not finite or ≤ 0, `reg` not
    /// finite or < 0, `batch_size` outside `1..=min(num_train, 65 536)`, `num_iters` outside
    /// `1..=1 000 000`, `num_train` 0, `eval_every` 0.
    pub fn check(&self) -> Result<()> {
        if !self.learning_rate.is_finite() || self.learning_rate <= 0.0 {
            return Err(Error::config(
                "learning_rate",
                format!("must be a finite number > 0, got {}", self.learning_rate),
            ));
        }
        if !self.reg.is_finite() || self.reg < 0.0 {
            return Err(Error::config(
                "reg",
                format!("must be a finite number ≥ 0, got {}", self.reg),
            ));
        }
        if self.num_train == 0 {
            return Err(Error::config("num_train", "must be at least 1"));
        }
        if self.batch_size == 0 || self.batch_size > MAX_BATCH_SIZE {
            return Err(Error::config(
                "batch_size",
                format!("must be 1..={MAX_BATCH_SIZE}, got {}", self.batch_size),
            ));
        }
        if self.batch_size > self.num_train {
            return Err(Error::config(
                "batch_size",
                format!(
                    "({}) is larger than num_train ({})",
                    self.batch_size, self.num_train
                ),
            ));
        }
        if self.num_iters == 0 || self.num_iters > MAX_NUM_ITERS {
            return Err(Error::config(
                "num_iters",
                format!("must be 1..={MAX_NUM_ITERS}, got {}", self.num_iters),
            ));
        }
        if self.eval_every == 0 {
            return Err(Error::config("eval_every", "must be at least 1"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid_and_bad_values_name_their_key() {
        assert!(TrainConfig::default().check().is_ok());
        let bad = |f: fn(&mut TrainConfig)| {
            let mut c = TrainConfig::default();
            f(&mut c);
            match c.check() {
                Err(Error::Config { key, .. }) => key,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(bad(|c| c.learning_rate = f32::NAN), "learning_rate");
        assert_eq!(bad(|c| c.learning_rate = f32::INFINITY), "learning_rate");
        assert_eq!(bad(|c| c.learning_rate = -1.0), "learning_rate");
        assert_eq!(bad(|c| c.reg = f32::NAN), "reg");
        assert_eq!(bad(|c| c.batch_size = 0), "batch_size");
        assert_eq!(bad(|c| c.batch_size = 20_000), "batch_size");
        assert_eq!(bad(|c| c.num_iters = 0), "num_iters");
        assert_eq!(bad(|c| c.num_train = 0), "num_train");
    }
}
