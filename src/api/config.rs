//! [`TrainConfig`]: the wasm-bindgen mirror of [`crate::config::TrainConfig`], generated from the
//! one field list [`crate::config::train_config_fields`] with both conversions.

use super::{LossKind, Regularization, Subset, UpdateRule};
use crate::config::{train_config_fields, TrainConfig as CoreConfig};
use wasm_bindgen::prelude::*;

/// Generates the mirror (every field public, read / write from JS) and its conversions: each
/// field converts with `From` (the identity for numbers and booleans, the mirrored enums'
/// `From` impls in `super` for the rest).
macro_rules! wasm_train_config {
    ($($(#[doc = $doc:literal])* $name:ident: $ty:ident = $default:expr,)*) => {
        /// Settings of a run; fields as in [`crate::config::TrainConfig`] (same names as the URL
        /// keys).
        #[wasm_bindgen]
        #[derive(Clone, Copy, Debug)]
        pub struct TrainConfig {
            $($(#[doc = $doc])* pub $name: $ty,)*
        }

        impl From<CoreConfig> for TrainConfig {
            fn from(c: CoreConfig) -> TrainConfig {
                TrainConfig { $($name: c.$name.into(),)* }
            }
        }

        impl From<TrainConfig> for CoreConfig {
            fn from(c: TrainConfig) -> CoreConfig {
                CoreConfig { $($name: c.$name.into(),)* }
            }
        }
    };
}

train_config_fields!(wasm_train_config);

#[wasm_bindgen]
impl TrainConfig {
    /// The defaults of [`crate::config::TrainConfig`].
    #[wasm_bindgen(constructor)]
    pub fn new() -> TrainConfig {
        CoreConfig::default().into()
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self::new()
    }
}
