//! The page's settings table across the boundary (see [`crate::settings`]).

use wasm_bindgen::prelude::*;

/// Every mode's URL settings (type, inclusive bounds, default per dataset where it depends on it)
/// as JSON; the format is [`crate::settings::schema_json`]'s.
#[wasm_bindgen]
pub fn settings_schema() -> String {
    crate::settings::schema_json()
}
