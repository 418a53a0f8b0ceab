//! Update rules (CS231n's `optim.py`), full-batch L-BFGS and the random-search baselines.
//!
//! Each first-order rule is a state struct holding its hyperparameters (the lecture's names and
//! usual defaults) and its per-weight state (`velocity`, `cache`, `m`, `v`, `t`), with
//! `update(&mut self, w, dw)` generic over [`num_traits::Float`]: f32 when training, f64 in tests.
//! [`Optimizer`] dispatches on an [`UpdateRule`], the URL's `update_rule` key.
//!
//! Source: CS231n notes, "Neural Networks 3", §"Parameter updates".

pub mod adagrad;
pub mod adam;
pub mod lbfgs;
pub mod nesterov;
pub mod newton;
pub mod random_search;
pub mod rmsprop;
pub mod sgd;
pub mod sgd_momentum;

pub use adagrad::Adagrad;
pub use adam::Adam;
pub use lbfgs::{Lbfgs, LbfgsReport, LbfgsState, Termination};
pub use nesterov::Nesterov;
pub use newton::{hessian_cost, HessianCost};
pub use random_search::{RandomLocalSearch, RandomSearch};
pub use rmsprop::Rmsprop;
pub use sgd::{sgd, Sgd};
pub use sgd_momentum::SgdMomentum;

use crate::error::{Error, Result};
use num_traits::Float;
use std::str::FromStr;

/// The optimiser of a run: the `update_rule` key of the URL and the worker messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum UpdateRule {
    /// Full-batch gradient descent (the SGD step on the whole training split).
    Gd = 0,
    /// Minibatch stochastic gradient descent.
    Sgd = 1,
    /// SGD + momentum.
    SgdMomentum = 2,
    /// Nesterov momentum.
    Nesterov = 3,
    /// AdaGrad.
    Adagrad = 4,
    /// RMSProp.
    Rmsprop = 5,
    /// Adam.
    Adam = 6,
    /// Full-batch L-BFGS (see [`lbfgs`]; not a per-step rule of [`Optimizer`]).
    Lbfgs = 7,
}

impl UpdateRule {
    /// Every rule, in `repr` order.
    pub const ALL: [UpdateRule; 8] = [
        UpdateRule::Gd,
        UpdateRule::Sgd,
        UpdateRule::SgdMomentum,
        UpdateRule::Nesterov,
        UpdateRule::Adagrad,
        UpdateRule::Rmsprop,
        UpdateRule::Adam,
        UpdateRule::Lbfgs,
    ];

    /// The snake_case name used in the URL (`gd`, `sgd`, `sgd_momentum`, `nesterov`, `adagrad`,
    /// `rmsprop`, `adam`, `lbfgs`).
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateRule::Gd => "gd",
            UpdateRule::Sgd => "sgd",
            UpdateRule::SgdMomentum => "sgd_momentum",
            UpdateRule::Nesterov => "nesterov",
            UpdateRule::Adagrad => "adagrad",
            UpdateRule::Rmsprop => "rmsprop",
            UpdateRule::Adam => "adam",
            UpdateRule::Lbfgs => "lbfgs",
        }
    }

    /// True for the rules that use the whole training split per step (`gd`, `lbfgs`).
    pub fn is_full_batch(self) -> bool {
        matches!(self, UpdateRule::Gd | UpdateRule::Lbfgs)
    }
}

impl std::fmt::Display for UpdateRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UpdateRule {
    type Err = Error;

    /// Parses the snake_case name of [`UpdateRule::as_str`].
    ///
    /// # Errors
    /// [`Error::Config`] with key `update_rule` for any other string.
    fn from_str(s: &str) -> Result<Self> {
        UpdateRule::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                Error::config(
                    "update_rule",
                    format!(
                        "unknown rule {s:?}; expected one of gd, sgd, sgd_momentum, nesterov, adagrad, rmsprop, adam, lbfgs"
                    ),
                )
            })
    }
}

/// A first-order update rule with its state, dispatching [`Optimizer::update`] to the rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Optimizer<F> {
    /// `gd` and `sgd` (the same step; the caller chooses the batch).
    Sgd(Sgd<F>),
    /// `sgd_momentum`.
    SgdMomentum(SgdMomentum<F>),
    /// `nesterov`.
    Nesterov(Nesterov<F>),
    /// `adagrad`.
    Adagrad(Adagrad<F>),
    /// `rmsprop`.
    Rmsprop(Rmsprop<F>),
    /// `adam`.
    Adam(Adam<F>),
}

impl<F: Float> Optimizer<F> {
    /// The rule `rule` with step size `learning_rate` and every other hyperparameter at its
    /// default (set them on the variant afterwards if needed).
    ///
    /// # Errors
    /// [`Error::Config`] with key `update_rule` for [`UpdateRule::Lbfgs`], which minimises a
    /// closure instead (see [`Lbfgs::minimize`]); with key `learning_rate` if it is not finite
    /// and > 0.
    pub fn new(rule: UpdateRule, learning_rate: F) -> Result<Self> {
        let opt = match rule {
            UpdateRule::Gd | UpdateRule::Sgd => Optimizer::Sgd(Sgd::new(learning_rate)),
            UpdateRule::SgdMomentum => Optimizer::SgdMomentum(SgdMomentum::new(learning_rate)),
            UpdateRule::Nesterov => Optimizer::Nesterov(Nesterov::new(learning_rate)),
            UpdateRule::Adagrad => Optimizer::Adagrad(Adagrad::new(learning_rate)),
            UpdateRule::Rmsprop => Optimizer::Rmsprop(Rmsprop::new(learning_rate)),
            UpdateRule::Adam => Optimizer::Adam(Adam::new(learning_rate)),
            UpdateRule::Lbfgs => {
                return Err(Error::config(
                    "update_rule",
                    "lbfgs is a full-batch method that minimises a loss closure: use optim::Lbfgs::minimize",
                ))
            }
        };
        opt.check()?;
        Ok(opt)
    }

    /// The rule of this optimiser (`Sgd` for both `gd` and `sgd`).
    pub fn rule(&self) -> UpdateRule {
        match self {
            Optimizer::Sgd(_) => UpdateRule::Sgd,
            Optimizer::SgdMomentum(_) => UpdateRule::SgdMomentum,
            Optimizer::Nesterov(_) => UpdateRule::Nesterov,
            Optimizer::Adagrad(_) => UpdateRule::Adagrad,
            Optimizer::Rmsprop(_) => UpdateRule::Rmsprop,
            Optimizer::Adam(_) => UpdateRule::Adam,
        }
    }

    /// Checks the hyperparameters of the rule.
    ///
    /// # Errors
    /// [`Error::Config`] naming the first bad key.
    pub fn check(&self) -> Result<()> {
        match self {
            Optimizer::Sgd(o) => o.check(),
            Optimizer::SgdMomentum(o) => o.check(),
            Optimizer::Nesterov(o) => o.check(),
            Optimizer::Adagrad(o) => o.check(),
            Optimizer::Rmsprop(o) => o.check(),
            Optimizer::Adam(o) => o.check(),
        }
    }

    /// One update of `w: (D,)` (any shape, flattened) from its gradient `dw`, in place.
    ///
    /// # Panics
    /// If `w` and `dw` differ in length, or `w` differs in length from the state of earlier
    /// updates.
    pub fn update(&mut self, w: &mut [F], dw: &[F]) {
        match self {
            Optimizer::Sgd(o) => o.update(w, dw),
            Optimizer::SgdMomentum(o) => o.update(w, dw),
            Optimizer::Nesterov(o) => o.update(w, dw),
            Optimizer::Adagrad(o) => o.update(w, dw),
            Optimizer::Rmsprop(o) => o.update(w, dw),
            Optimizer::Adam(o) => o.update(w, dw),
        }
    }
}

/// `F` from an f64 constant.
pub(crate) fn lit<F: Float>(x: f64) -> F {
    F::from(x).expect("constant representable in F")
}

/// `learning_rate`-style check: finite and strictly positive.
pub(crate) fn check_positive<F: Float>(key: &'static str, v: F) -> Result<()> {
    if v.is_finite() && v > F::zero() {
        Ok(())
    } else {
        Err(Error::config(
            key,
            format!(
                "must be a finite number > 0, got {}",
                v.to_f64().unwrap_or(f64::NAN)
            ),
        ))
    }
}

/// Decay-rate / momentum check: `0 ≤ v < 1`.
pub(crate) fn check_unit<F: Float>(key: &'static str, v: F) -> Result<()> {
    if v >= F::zero() && v < F::one() {
        Ok(())
    } else {
        Err(Error::config(
            key,
            format!("must be in [0, 1), got {}", v.to_f64().unwrap_or(f64::NAN)),
        ))
    }
}

/// Lazily sizes a state vector to `n` zeros on first use, as CS231n's
/// `config.get('velocity', np.zeros_like(w))`.
///
/// # Panics
/// If the state already holds another length.
pub(crate) fn state_for<F: Float>(state: &mut Vec<F>, n: usize, name: &str) {
    if state.is_empty() {
        state.resize(n, F::zero());
    }
    assert_eq!(
        state.len(),
        n,
        "{name} was built for {} weights but w has {n}",
        state.len()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_round_trip_and_unknown_is_refused() {
        for r in UpdateRule::ALL {
            assert_eq!(r.as_str().parse::<UpdateRule>().unwrap(), r);
            assert_eq!(UpdateRule::ALL[r as usize], r);
        }
        assert_eq!(UpdateRule::SgdMomentum.as_str(), "sgd_momentum");
        match "momentum".parse::<UpdateRule>() {
            Err(Error::Config { key, .. }) => assert_eq!(key, "update_rule"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn optimizer_dispatches_and_refuses_lbfgs() {
        let mut o = Optimizer::<f64>::new(UpdateRule::Adam, 0.1).unwrap();
        assert_eq!(o.rule(), UpdateRule::Adam);
        let mut w = [1.0, -2.0];
        o.update(&mut w, &[1.0, -2.0]);
        assert!((w[0] - 0.900000001).abs() < 1e-12, "{w:?}");
        assert!(matches!(
            Optimizer::<f64>::new(UpdateRule::Lbfgs, 0.1),
            Err(Error::Config {
                key: "update_rule",
                ..
            })
        ));
        assert!(matches!(
            Optimizer::<f32>::new(UpdateRule::Gd, -1.0),
            Err(Error::Config {
                key: "learning_rate",
                ..
            })
        ));
    }
}
