//! Train mode's evaluation views: confusion matrix, predictions gallery, algebraic view, top-5.

use super::{js, Playground};
use crate::data::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// Evaluates the run's current weights on `split` ("val": the validation records, "test":
    /// every loaded test record) in one pass: accuracies, confusion matrix, predictions.
    pub fn evaluate(&self, split: &str) -> Result<Evaluation, JsError> {
        let s = self.solver()?;
        let (data, idx) = self.eval_split(split)?;
        Ok(Evaluation(
            crate::evaluation::Evaluation::new(s, data, idx).map_err(js)?,
        ))
    }

    /// The records of an evaluation split: the data and the indices into its loaded records.
    pub(super) fn eval_split(&self, split: &str) -> Result<(&Dataset, Vec<u32>), JsError> {
        match split {
            "val" => Ok((&self.train, self.solver()?.split().val.clone())),
            "test" if self.test.is_empty() => Err(JsError::new("no test data is loaded")),
            "test" => Ok((&self.test, (0..self.test.len() as u32).collect())),
            other => Err(JsError::new(&format!(
                "unknown split {other:?} (expected \"val\" or \"test\")"
            ))),
        }
    }

    /// The `k` best classes of each of the `indices` (positions in `split`, as in
    /// [`Evaluation::indices`]), `(len, k, 2)` flattened as `[class, value]`: the softmax
    /// probability with the softmax loss, the raw score with the SVM.
    pub fn predict_top(&self, split: &str, indices: &[u32], k: u32) -> Result<Vec<f32>, JsError> {
        let s = self.solver()?;
        let (data, idx) = self.eval_split(split)?;
        let rows: Vec<u32> = indices
            .iter()
            .map(|&i| idx.get(i as usize).copied())
            .collect::<Option<_>>()
            .ok_or_else(|| {
                JsError::new(&format!(
                    "{split}: a position is past its {} records",
                    idx.len()
                ))
            })?;
        let scores = crate::evaluation::scores(s, data, &rows).map_err(js)?;
        let c = s.model.c;
        let loss = s.config().loss;
        Ok(scores
            .chunks_exact(c)
            .flat_map(|row| {
                let mut top = crate::evaluation::top_classes(row, k as usize, loss);
                top.resize(k.min(c as u32) as usize, (0, f32::NAN));
                top.into_iter().flat_map(|(j, v)| [j as f32, v])
            })
            .collect())
    }

    /// The algebraic view of record `index` of `split` ("val" / "test" positions as in
    /// [`Playground::predict_top`]) with `num_cols` pixel columns chosen for display.
    pub fn algebraic_view(
        &self,
        split: &str,
        index: u32,
        num_cols: u32,
    ) -> Result<AlgebraicView, JsError> {
        let s = self.solver()?;
        let (data, idx) = self.eval_split(split)?;
        let i = *idx.get(index as usize).ok_or_else(|| {
            JsError::new(&format!(
                "{split} image {index} does not exist ({} there)",
                idx.len()
            ))
        })?;
        Ok(AlgebraicView(
            crate::evaluation::AlgebraicView::new(s, data, i, num_cols as usize).map_err(js)?,
        ))
    }

    /// Record `index` of an evaluation split as RGBA `(height, width, 4)`.
    pub fn eval_image_rgba(&self, split: &str, index: u32) -> Result<Vec<u8>, JsError> {
        let (data, idx) = self.eval_split(split)?;
        let i = *idx
            .get(index as usize)
            .ok_or_else(|| JsError::new(&format!("{split} image {index} does not exist")))?;
        Ok(data.image_rgba(i as usize))
    }
    /// Top-5 accuracy (`k = min(5, C)`) of the train run on its validation split.
    pub fn val_top5(&self) -> Result<f32, JsError> {
        self.solver()?.val_top5(&self.train).map_err(js)
    }

    /// Top-5 accuracy (`k = min(5, C)`) of the train run on every loaded test record.
    pub fn test_top5(&self) -> Result<f32, JsError> {
        if self.test.is_empty() {
            return Err(JsError::new("no test data is loaded"));
        }
        crate::evaluation::top5_accuracy(self.solver()?, &self.test, None).map_err(js)
    }
}

/// The result of [`Playground::evaluate`] on one split.
#[wasm_bindgen]
pub struct Evaluation(crate::evaluation::Evaluation);

#[wasm_bindgen]
impl Evaluation {
    /// Records evaluated `N`.
    pub fn len(&self) -> u32 {
        self.0.labels.len() as u32
    }

    /// True when no record was evaluated.
    pub fn is_empty(&self) -> bool {
        self.0.labels.is_empty()
    }

    /// Top-1 accuracy in [0, 1].
    pub fn top1(&self) -> f32 {
        self.0.top1
    }

    /// Top-5 accuracy in [0, 1] (top-`C` when `C < 5`).
    pub fn top5(&self) -> f32 {
        self.0.top5
    }

    /// Confusion matrix `(C, C)` row-major: `[true][predicted]` counts.
    pub fn confusion(&self) -> Vec<u32> {
        self.0.confusion()
    }

    /// Accuracy per true class `(C,)` (NaN for a class without records).
    pub fn per_class_acc(&self) -> Vec<f32> {
        self.0.per_class_acc()
    }

    /// Predicted labels `(N,)`.
    pub fn predictions(&self) -> Vec<u16> {
        self.0.pred.clone()
    }

    /// True labels `(N,)`.
    pub fn labels(&self) -> Vec<u16> {
        self.0.labels.clone()
    }

    /// Positions `0..N` (for [`Playground::eval_image_rgba`]) of the records of true class `row`
    /// predicted as `col`.
    pub fn cell(&self, row: u16, col: u16) -> Vec<u32> {
        self.0.cell(row, col)
    }
}

/// The result of [`Playground::algebraic_view`]: per class `w_c·x + b_c = score`.
#[wasm_bindgen]
pub struct AlgebraicView(crate::evaluation::AlgebraicView);

#[wasm_bindgen]
impl AlgebraicView {
    /// Features `(D',)`: pixels minus the mean image, with the appended 1 under the bias trick.
    pub fn x(&self) -> Vec<f32> {
        self.0.x.clone()
    }

    /// True label.
    pub fn label(&self) -> u16 {
        self.0.label
    }

    /// `w_c·x` over the pixel features `(C,)`.
    pub fn wx(&self) -> Vec<f32> {
        self.0.wx.clone()
    }

    /// Biases `(C,)`.
    pub fn b(&self) -> Vec<f32> {
        self.0.b.clone()
    }

    /// Scores `(C,)`.
    pub fn scores(&self) -> Vec<f32> {
        self.0.scores.clone()
    }

    /// The pixel columns shown (largest `|x_j|`), ascending.
    pub fn cols(&self) -> Vec<u32> {
        self.0.cols.clone()
    }

    /// `w` at those columns, `(cols, C)` row-major.
    pub fn w_cols(&self) -> Vec<f32> {
        self.0.w_cols.clone()
    }
}
