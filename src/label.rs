//! Class labels: one type for every label in the core (datasets, losses, metrics, k-NN, few-shot,
//! the wasm boundary), wide enough for ImageNet-1k's 1,000 classes and Places365's 365.
//!
//! Labels are `0..C` with `C ≤ MAX_CLASSES`; [`NO_LABEL`] is never a class: an all-NaN score row's
//! prediction (`metrics::NO_PREDICTION`), k-NN's tie and padding marker. File formats that store
//! one byte per label (IDX, CIFAR) are widened when they are read.

/// A class label, `0..MAX_CLASSES`.
pub type Label = u16;

/// Most classes a dataset can have. ImageNet-1k needs 1,000; the bound keeps a `C × C` confusion
/// matrix (16 MB of u32 at 2,048) and the classifier's `w (D, C)` inside the page's memory.
pub const MAX_CLASSES: usize = 2048;

/// The "no class" marker, `Label::MAX` (65,535): above every real label.
pub const NO_LABEL: Label = Label::MAX;

/// A label as one byte for the 2-D toy views (at most a handful of classes): [`NO_LABEL`] (a tie,
/// no prediction) becomes 255, as those views have always drawn it.
pub fn toy_byte(l: Label) -> u8 {
    u8::try_from(l).unwrap_or(u8::MAX)
}

/// Widens one-byte labels as stored by IDX and CIFAR files.
pub fn widen(labels: &[u8]) -> Vec<Label> {
    labels.iter().map(|&l| Label::from(l)).collect()
}
