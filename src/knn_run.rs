//! A k-NN experiment on loaded data: the chosen training and test subsets (the first N records in
//! file order, as CS231n's assignment takes them, or a stratified seeded sample), predictions for a
//! slice of the test subset (so a pool of workers can split the work), the neighbours of one test
//! image for the gallery, and cross-validation over k on the training subset.

use crate::data::split::stratified_sample;
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::label::Label;
use crate::models::knn::{cross_validate, KNearestNeighbor, Metric};

pub use crate::data::split::Subset;

/// The subsets and the memorised classifier.
#[derive(Debug, Clone)]
pub struct KnnRun {
    /// The classifier holding the training subset `(num_train, D)`.
    pub model: KNearestNeighbor,
    /// Indices of the training subset into the loaded training records.
    pub train_idx: Vec<u32>,
    /// Indices of the test subset into the loaded test records.
    pub test_idx: Vec<u32>,
    /// Labels of the training subset `(num_train,)`.
    pub train_labels: Vec<Label>,
    /// Labels of the test subset `(num_test,)`.
    pub test_labels: Vec<Label>,
    test_x: Vec<u8>,
    dim: usize,
}

fn pick(
    data: &Dataset,
    n: usize,
    subset: Subset,
    seed: u32,
    key: &'static str,
) -> Result<Vec<u32>> {
    if n == 0 || n > data.len() {
        return Err(Error::config(
            key,
            format!("must be 1..={} (the records loaded), got {n}", data.len()),
        ));
    }
    match subset {
        Subset::First => Ok((0..n as u32).collect()),
        Subset::Stratified => stratified_sample(&data.labels, n, data.num_classes(), seed, key),
    }
}

/// The images `idx` of `data` in that order, `(len(idx), D)`: one row copy each (a byte-by-byte
/// collect took a noticeable share of a full-CIFAR setup).
fn gather(data: &Dataset, idx: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(idx.len() * data.dim());
    for &i in idx {
        out.extend_from_slice(data.image(i as usize));
    }
    out
}

impl KnnRun {
    /// Chooses the subsets and memorises the training subset ("train" is O(1) beyond the copy).
    ///
    /// # Errors
    /// [`Error::Config`] (`num_train` / `num_test`) for sizes the loaded data cannot meet;
    /// [`Error::Shape`] when train and test images differ in size.
    pub fn new(
        train: &Dataset,
        test: &Dataset,
        num_train: usize,
        num_test: usize,
        subset: Subset,
        seed: u32,
    ) -> Result<Self> {
        if train.dim() != test.dim() {
            return Err(Error::Shape(format!(
                "train images have {} values, test images {}",
                train.dim(),
                test.dim()
            )));
        }
        let train_idx = pick(train, num_train, subset, seed, "num_train")?;
        let test_idx = pick(test, num_test, subset, seed ^ 0x9e37_79b9, "num_test")?;
        let train_labels: Vec<Label> = train_idx
            .iter()
            .map(|&i| train.labels[i as usize])
            .collect();
        let model = KNearestNeighbor::train(
            crate::models::view2(&gather(train, &train_idx), train.dim())?,
            &train_labels,
        )?;
        Ok(KnnRun {
            model,
            test_labels: test_idx.iter().map(|&i| test.labels[i as usize]).collect(),
            test_x: gather(test, &test_idx),
            train_idx,
            test_idx,
            train_labels,
            dim: train.dim(),
        })
    }

    fn rows(&self, from: usize, to: usize) -> Result<&[u8]> {
        if from > to || to > self.test_labels.len() {
            return Err(Error::config(
                "num_test",
                format!(
                    "test rows {from}..{to} are outside 0..{}",
                    self.test_labels.len()
                ),
            ));
        }
        Ok(&self.test_x[from * self.dim..to * self.dim])
    }

    /// Predicted labels of test-subset rows `from..to` (in chunks, bounding memory).
    ///
    /// # Errors
    /// [`Error::Config`] for rows outside the subset or a bad `k`.
    pub fn predict(&self, from: usize, to: usize, metric: Metric, k: usize) -> Result<Vec<Label>> {
        let x = self.rows(from, to)?;
        let mut out = Vec::with_capacity(to - from);
        for chunk in x.chunks(32 * self.dim) {
            let x = crate::models::view2(chunk, self.model.dim())?;
            out.extend(self.model.predict(x, metric, k)?);
        }
        Ok(out)
    }

    /// The first `top` classes of each test-subset row `from..to` in the k-NN ranking
    /// ([`crate::models::knn_rank`]: votes, ties to the smaller label, then classes without a vote
    /// by their nearest training image): `(to − from, top)`; column 0 is [`KnnRun::predict`].
    ///
    /// # Errors
    /// As [`KnnRun::predict`]; `top` outside 1..=255 (`knn_rank::MAX_TOP`).
    pub fn predict_ranked(
        &self,
        from: usize,
        to: usize,
        metric: Metric,
        k: usize,
        top: usize,
    ) -> Result<Vec<Label>> {
        let x = self.rows(from, to)?;
        let mut out = Vec::with_capacity((to - from) * top);
        for chunk in x.chunks(32 * self.dim) {
            let x = crate::models::view2(chunk, self.model.dim())?;
            out.extend(self.model.rank_classes_of(x, metric, k, top)?);
        }
        Ok(out)
    }

    /// The `k` nearest training-subset rows of test-subset row `i`, nearest first:
    /// `[(train_row, distance)]`, distance exact (u64 for any D), squared for L2.
    ///
    /// # Errors
    /// As [`KnnRun::predict`].
    pub fn neighbors(&self, i: usize, metric: Metric, k: usize) -> Result<Vec<(u32, u64)>> {
        let x = self.rows(i, i + 1)?;
        self.model
            .nearest_to(crate::models::view2(x, self.model.dim())?, metric, k)
    }

    /// Cross-validation over `k_choices` on the training subset: `accuracies[k_index][fold]`.
    ///
    /// # Errors
    /// As [`cross_validate`].
    pub fn cross_validate(
        &self,
        metric: Metric,
        k_choices: &[usize],
        num_folds: usize,
    ) -> Result<Vec<Vec<f32>>> {
        let x: Vec<u8> = (0..self.train_labels.len())
            .flat_map(|j| self.model.train_row(j).iter().copied())
            .collect();
        cross_validate(
            &x,
            &self.train_labels,
            self.dim,
            metric,
            k_choices,
            num_folds,
        )
    }
}
