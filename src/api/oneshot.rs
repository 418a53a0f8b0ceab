//! Omniglot in few-shot mode: decoding its 1-bit PNGs, and one run of the one-shot benchmark
//! (`crate::omniglot`).

use super::js;
use crate::omniglot::{OneShotMetric, OneShotRun};
use wasm_bindgen::prelude::*;

/// Decodes `count` grayscale PNGs stored back to back in `bytes` (PNG `i` at
/// `bytes[offsets[i]..offsets[i + 1]]`, `offsets: (count + 1,)`), each `height × width`, into
/// pixels `(count, height · width)` u8 0..255 (Omniglot: 255 background, 0 ink), ready for
/// `Playground.load_pixels`.
///
/// # Errors
/// Offsets outside `bytes`, a PNG that is not grayscale or not complete, or of another size.
#[wasm_bindgen]
pub fn decode_gray_pngs(
    bytes: &[u8],
    offsets: &[u32],
    height: u32,
    width: u32,
) -> Result<Vec<u8>, JsError> {
    crate::omniglot::decode_gray_pngs(bytes, offsets, height as usize, width as usize).map_err(js)
}

/// Runs one run of the one-shot benchmark from its files: `names: (F,)` relative to the run's
/// folder (`training/classNN.png`, `test/itemNN.png`, `class_labels.txt`), their bytes back to
/// back in `bytes` (file `i` at `bytes[offsets[i]..offsets[i + 1]]`, `offsets: (F + 1,)`), each
/// test item given the class of its nearest training image under `metric` (`"l1"`, `"l2"` on the
/// pixels, `"mhd"`: the Modified Hausdorff Distance on the centred inked pixels, f64; ties: the
/// first training file by name).
///
/// # Errors
/// An unknown metric (naming `metric`), offsets that do not fit, a missing or malformed
/// `class_labels.txt`, an image that does not decode.
#[wasm_bindgen]
pub fn oneshot_run(
    names: Vec<String>,
    bytes: &[u8],
    offsets: &[u32],
    metric: &str,
) -> Result<OneShotRunResult, JsError> {
    let metric = OneShotMetric::parse(metric).map_err(js)?;
    if offsets.len() != names.len() + 1 {
        return Err(JsError::new(&format!(
            "shape mismatch: {} offsets for {} files (one more than the files)",
            offsets.len(),
            names.len()
        )));
    }
    let mut files = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let (a, b) = (offsets[i] as usize, offsets[i + 1] as usize);
        if a > b || b > bytes.len() {
            return Err(JsError::new(&format!(
                "shape mismatch: {name} at bytes {a}..{b} of {}",
                bytes.len()
            )));
        }
        files.push((name.as_str(), &bytes[a..b]));
    }
    let run = OneShotRun::from_files(&files).map_err(js)?;
    Ok(OneShotRunResult(run.classify(metric)))
}

/// One run's outcome (see `crate::omniglot::OneShotResult`).
#[wasm_bindgen]
pub struct OneShotRunResult(crate::omniglot::OneShotResult);

#[wasm_bindgen]
impl OneShotRunResult {
    /// Percent of the test items given the wrong class, 0..100.
    pub fn error_percent(&self) -> f64 {
        self.0.error_percent
    }
    /// Index (training file order) of each test item's nearest training image, `(num_test,)`.
    pub fn predicted(&self) -> Vec<u32> {
        self.0.predicted.iter().map(|&p| p as u32).collect()
    }
    /// Index of each test item's right training image, `(num_test,)`.
    pub fn answers(&self) -> Vec<u32> {
        self.0.answers.iter().map(|&p| p as u32).collect()
    }
}
