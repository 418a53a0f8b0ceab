//! The settings of a training run, with the same snake_case names as the URL hash and the worker
//! messages. Only a config that passed [`TrainConfig::check`] reaches the solver.

use crate::data::split::Subset;
use crate::error::{Error, Result};
use crate::loss::{DataLoss, LossKind, Regularization, SvmOptions};
use crate::optim::{Adagrad, Adam, Nesterov, Optimizer, Rmsprop, Sgd, SgdMomentum, UpdateRule};
use num_traits::Float;

/// Setting `key` of the train mode's table.
fn train_setting(key: &str) -> &'static crate::settings::Setting {
    crate::settings::setting("train", key)
}

/// Calls macro `$m` with every setting of a training run, once: `/// doc` lines, then
/// `name: Type = default,` (types by their names in the caller's scope: the core's here, the
/// wasm mirror's in `crate::api::config`, which has enums of the same names). The core
/// [`TrainConfig`], its `Default`, the wasm-bindgen mirror and both conversions all come from
/// this one list, so adding a setting is one entry here (plus its bounds in
/// [`crate::settings`]).
macro_rules! train_config_fields {
    ($m:ident) => {
        $m! {
            /// Data loss. Default softmax.
            loss: LossKind = LossKind::Softmax,
            /// SGD step size (features are pixels 0..255 minus the mean image). Default 1e-5 (MNIST).
            learning_rate: f32 = 1e-5,
            /// L2 strength in `reg · Σ w²`. Default 10 (MNIST).
            reg: f32 = 10.0,
            /// Minibatch size. Default 200.
            batch_size: u32 = 200,
            /// SGD iterations. Default 1500.
            num_iters: u32 = 1500,
            /// Seed of every random choice (split, initialisation, minibatch order). Default 1.
            seed: u32 = 1,
            /// Training records used (carved with the validation split from the loaded training records).
            /// Default 10 000.
            num_train: u32 = 10_000,
            /// Validation records carved from the loaded training records. Default 1 000.
            num_val: u32 = 1_000,
            /// Append a column of ones and fold the bias into `w`. Default true.
            bias_trick: bool = true,
            /// Subtract the mean training image from every record (pixels 0..255 minus the mean);
            /// false feeds the raw pixels 0..255. Default true.
            /// Source: CS231n notes, "Neural Networks 2", §"Data Preprocessing" (mean subtraction).
            subtract_mean: bool = true,
            /// Measure train / validation accuracy every this many iterations. Default 50.
            eval_every: u32 = 50,
            /// The optimiser (`update_rule` key: `gd`, `sgd`, `sgd_momentum`, `nesterov`, `adagrad`,
            /// `rmsprop`, `adam`, `lbfgs`). `gd` and `lbfgs` use every training record per iteration.
            /// Default `sgd`.
            update_rule: UpdateRule = UpdateRule::Sgd,
            /// Momentum μ of `sgd_momentum` and `nesterov`, in [0, 1). Default 0.9.
            momentum: f32 = 0.9,
            /// Leak of RMSProp's cache, in [0, 1). Default 0.99.
            decay_rate: f32 = 0.99,
            /// Adam's first-moment decay, in [0, 1). Default 0.9.
            beta1: f32 = 0.9,
            /// Adam's second-moment decay, in [0, 1). Default 0.999.
            beta2: f32 = 0.999,
            /// Smoothing term of AdaGrad, RMSProp and Adam, finite and > 0. Default 1e-8.
            epsilon: f32 = 1e-8,
            /// Adam divides its moments by `1 − β^t`. Default true.
            bias_correction: bool = true,
            /// Weight penalty (`none`, `l2`, `l1`) with strength `reg`. Default `l2`.
            regularization: Regularization = Regularization::L2,
            /// SVM margin Δ, finite and ≥ 0. Default 1.
            delta: f32 = 1.0,
            /// SVM: squared hinge `max(0, m)²`. Default false.
            squared_hinge: bool = false,
            /// SVM: sum over every class including the correct one (adds Δ per sample). Default false.
            include_correct: bool = false,
            /// SVM: mean over the summed classes instead of the sum. Default false.
            mean_over_classes: bool = false,
            /// How training and validation records are drawn (`first`: a seeded random split of the
            /// loaded records, as always; `stratified`: per-class shares, seeded). Default `first`.
            subset: Subset = Subset::First,
        }
    };
}
pub(crate) use train_config_fields;

/// Generates the core [`TrainConfig`] and its `Default` from [`train_config_fields`].
macro_rules! core_train_config {
    ($($(#[doc = $doc:literal])* $name:ident: $ty:ident = $default:expr,)*) => {
        /// Settings of one linear-classifier training run (CS231n's `LinearClassifier.train`
        /// arguments). Defaults are the MNIST defaults of the page.
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct TrainConfig {
            $($(#[doc = $doc])* pub $name: $ty,)*
        }

        impl Default for TrainConfig {
            fn default() -> Self {
                TrainConfig { $($name: $default,)* }
            }
        }
    };
}

train_config_fields!(core_train_config);

impl TrainConfig {
    /// Checks every setting against what the core can run, with the bounds of the train mode's
    /// settings table ([`crate::settings::TRAIN`]: one source for the page and the core).
    ///
    /// # Errors
    /// [`Error::Config`] naming the first bad key: `learning_rate` outside [1e-12, 1e12], `reg`
    /// outside [0, 1e12], `num_train` 0, `batch_size` outside `1..=10 000` or above `num_train`,
    /// `num_iters` outside `1..=100 000`, `eval_every` outside `1..=100 000`, `momentum` /
    /// `decay_rate` / `beta1` / `beta2` outside [0, 1), `epsilon` outside [1e-12, 1], `delta`
    /// outside [0, 1e6] (NaN is outside every range). Every hyperparameter is checked whatever
    /// the `update_rule`, so a link never carries a bad value. `num_train` has no upper bound
    /// here (the user's files may hold more records than a URL may ask for); `num_val` = 0 is
    /// allowed (no validation split).
    pub fn check(&self) -> Result<()> {
        let f32_in = |key: &'static str, v: f32| -> Result<()> {
            let (min, max) = train_setting(key).f32_bounds().expect("an f32 setting");
            if (min..=max).contains(&v) {
                Ok(())
            } else {
                Err(Error::config(
                    key,
                    format!("must be a number in {min}..={max}, got {v}"),
                ))
            }
        };
        let u32_in = |key: &'static str, v: u32| -> Result<()> {
            let (min, max) = train_setting(key).u32_bounds().expect("a u32 setting");
            if (min..=max).contains(&v) {
                Ok(())
            } else {
                Err(Error::config(
                    key,
                    format!("must be {min}..={max}, got {v}"),
                ))
            }
        };
        f32_in("learning_rate", self.learning_rate)?;
        f32_in("reg", self.reg)?;
        let (min_train, _) = train_setting("num_train")
            .u32_bounds()
            .expect("a u32 setting");
        if self.num_train < min_train {
            return Err(Error::config(
                "num_train",
                format!("must be at least {min_train}"),
            ));
        }
        u32_in("batch_size", self.batch_size)?;
        if self.batch_size > self.num_train {
            return Err(Error::config(
                "batch_size",
                format!(
                    "({}) is larger than num_train ({})",
                    self.batch_size, self.num_train
                ),
            ));
        }
        u32_in("num_iters", self.num_iters)?;
        u32_in("eval_every", self.eval_every)?;
        f32_in("momentum", self.momentum)?;
        f32_in("decay_rate", self.decay_rate)?;
        f32_in("beta1", self.beta1)?;
        f32_in("beta2", self.beta2)?;
        f32_in("epsilon", self.epsilon)?;
        f32_in("delta", self.delta)?;
        Ok(())
    }

    /// The data loss with its variant switches: [`DataLoss::Softmax`], or [`DataLoss::Svm`] with
    /// `delta`, `squared_hinge`, `include_correct`, `mean_over_classes`.
    pub fn data_loss(&self) -> DataLoss {
        match self.loss {
            LossKind::Softmax => DataLoss::Softmax,
            LossKind::Svm => DataLoss::Svm(SvmOptions {
                delta: self.delta as f64,
                squared: self.squared_hinge,
                include_correct: self.include_correct,
                mean_over_classes: self.mean_over_classes,
            }),
        }
    }

    /// `Some(loss)` when the run is the plain loss of issue 1 (softmax, or SVM with Δ = 1 and no
    /// variant, with the L2 penalty): the solver then takes the reference path
    /// [`crate::models::LinearClassifier::loss`], whose bits the default runs are pinned to.
    pub fn plain_loss(&self) -> Option<LossKind> {
        let plain = self.regularization == Regularization::L2
            && match self.data_loss() {
                DataLoss::Softmax => true,
                DataLoss::Svm(o) => o == SvmOptions::default(),
            };
        plain.then_some(self.loss)
    }

    /// The first-order optimiser of this config in precision `F` (`gd` and `sgd` are both
    /// [`Optimizer::Sgd`]: the solver chooses the batch), with `learning_rate`, `momentum`,
    /// `decay_rate`, `beta1`, `beta2`, `epsilon` and `bias_correction` set.
    ///
    /// # Errors
    /// [`Error::Config`] with key `update_rule` for `lbfgs` (not a per-step rule), or naming a bad
    /// hyperparameter.
    pub fn optimizer<F: Float>(&self) -> Result<Optimizer<F>> {
        optimizer_for(
            self.update_rule,
            Hyper {
                learning_rate: f(self.learning_rate),
                momentum: f(self.momentum),
                decay_rate: f(self.decay_rate),
                beta1: f(self.beta1),
                beta2: f(self.beta2),
                epsilon: f(self.epsilon),
                bias_correction: self.bias_correction,
            },
        )
    }
}

fn f<F: Float>(x: f32) -> F {
    F::from(x).expect("f32 fits in F")
}

/// The hyperparameters of every first-order rule, in precision `F` (the lecture's names).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hyper<F> {
    /// Step size, finite and > 0.
    pub learning_rate: F,
    /// μ of `sgd_momentum` / `nesterov`, in [0, 1). Default 0.9.
    pub momentum: F,
    /// RMSProp's leak, in [0, 1). Default 0.99.
    pub decay_rate: F,
    /// Adam's β1, in [0, 1). Default 0.9.
    pub beta1: F,
    /// Adam's β2, in [0, 1). Default 0.999.
    pub beta2: F,
    /// Smoothing term, > 0. Default 1e-8.
    pub epsilon: F,
    /// Adam's bias correction. Default true.
    pub bias_correction: bool,
}

impl<F: Float> Hyper<F> {
    /// Step `learning_rate` and the lecture's defaults for the rest.
    pub fn new(learning_rate: F) -> Self {
        Hyper {
            learning_rate,
            momentum: F::from(0.9).unwrap(),
            decay_rate: F::from(0.99).unwrap(),
            beta1: F::from(0.9).unwrap(),
            beta2: F::from(0.999).unwrap(),
            epsilon: F::from(1e-8).unwrap(),
            bias_correction: true,
        }
    }
}

/// The optimiser `rule` with hyperparameters `h` (each rule takes the ones it uses).
///
/// # Errors
/// [`Error::Config`] with key `update_rule` for [`UpdateRule::Lbfgs`], or naming the first bad
/// hyperparameter of the rule.
pub fn optimizer_for<F: Float>(rule: UpdateRule, h: Hyper<F>) -> Result<Optimizer<F>> {
    let lr = h.learning_rate;
    let opt = match rule {
        UpdateRule::Gd | UpdateRule::Sgd => Optimizer::Sgd(Sgd::new(lr)),
        UpdateRule::SgdMomentum => Optimizer::SgdMomentum(SgdMomentum {
            momentum: h.momentum,
            ..SgdMomentum::new(lr)
        }),
        UpdateRule::Nesterov => Optimizer::Nesterov(Nesterov {
            momentum: h.momentum,
            ..Nesterov::new(lr)
        }),
        UpdateRule::Adagrad => Optimizer::Adagrad(Adagrad {
            epsilon: h.epsilon,
            ..Adagrad::new(lr)
        }),
        UpdateRule::Rmsprop => Optimizer::Rmsprop(Rmsprop {
            decay_rate: h.decay_rate,
            epsilon: h.epsilon,
            ..Rmsprop::new(lr)
        }),
        UpdateRule::Adam => Optimizer::Adam(Adam {
            beta1: h.beta1,
            beta2: h.beta2,
            epsilon: h.epsilon,
            bias_correction: h.bias_correction,
            ..Adam::new(lr)
        }),
        UpdateRule::Lbfgs => return Optimizer::new(UpdateRule::Lbfgs, lr),
    };
    opt.check()?;
    Ok(opt)
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
        assert_eq!(bad(|c| c.momentum = 1.0), "momentum");
        assert_eq!(bad(|c| c.decay_rate = -0.1), "decay_rate");
        assert_eq!(bad(|c| c.beta1 = f32::NAN), "beta1");
        assert_eq!(bad(|c| c.beta2 = 1.0), "beta2");
        assert_eq!(bad(|c| c.epsilon = 0.0), "epsilon");
        assert_eq!(bad(|c| c.delta = -1.0), "delta");
    }

    #[test]
    fn default_is_the_plain_loss_and_variants_are_not() {
        let c = TrainConfig::default();
        assert_eq!(c.plain_loss(), Some(LossKind::Softmax));
        let svm = TrainConfig {
            loss: LossKind::Svm,
            ..c
        };
        assert_eq!(svm.plain_loss(), Some(LossKind::Svm));
        assert_eq!(
            TrainConfig {
                squared_hinge: true,
                ..svm
            }
            .plain_loss(),
            None
        );
        assert_eq!(
            TrainConfig {
                regularization: Regularization::L1,
                ..c
            }
            .plain_loss(),
            None
        );
    }

    #[test]
    fn optimizer_takes_every_hyperparameter() {
        let c = TrainConfig {
            update_rule: UpdateRule::Adam,
            beta1: 0.5,
            bias_correction: false,
            ..TrainConfig::default()
        };
        match c.optimizer::<f64>().unwrap() {
            Optimizer::Adam(a) => {
                assert_eq!((a.beta1, a.bias_correction), (0.5, false));
                assert_eq!(a.learning_rate, 1e-5f32 as f64);
            }
            o => panic!("{o:?}"),
        }
        let l = TrainConfig {
            update_rule: UpdateRule::Lbfgs,
            ..c
        };
        assert!(l.optimizer::<f32>().is_err());
    }
}
