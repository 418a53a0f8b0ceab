//! The user's own data in a [`Dataset`]: any image size and class list (`DatasetKind::Custom`),
//! filled from IDX files of any `rows × cols`, from pixels the browser already decoded, or from
//! CIFAR batches with the class names of a names file; plus the seeded hold-out of a test split
//! and per-class subsets of the loaded records.

use super::dataset::{Dataset, DatasetKind};
use super::idx;
use super::split::{stratified_sample, Subset};
use crate::error::{Error, Result};
use crate::label::{widen, Label};
use crate::rng::{rng_for, shuffle, Stream};

/// Largest image side accepted for decoded pixels (the browser resizes before this).
pub const MAX_SIDE: usize = 1024;
/// Most classes a dataset can have ([`crate::label::MAX_CLASSES`], 2,048: ImageNet-1k fits); the
/// core's "no class" marker [`crate::label::NO_LABEL`] lies above every real label.
pub const MAX_CLASSES: usize = crate::label::MAX_CLASSES;
/// Longest class name kept (longer names are refused, not cut).
pub const MAX_NAME_LEN: usize = 100;

fn check_names(names: &[String]) -> Result<()> {
    if names.len() > MAX_CLASSES {
        return Err(Error::config(
            "class_names",
            format!("at most {MAX_CLASSES} classes, got {}", names.len()),
        ));
    }
    if let Some(n) = names
        .iter()
        .find(|n| n.trim().is_empty() || n.chars().count() > MAX_NAME_LEN)
    {
        return Err(Error::config(
            "class_names",
            format!("a class name must be 1..={MAX_NAME_LEN} characters, got {n:?}"),
        ));
    }
    Ok(())
}

impl Dataset {
    /// An empty `Custom` split of `height × width × channels` images with the classes `names`
    /// (empty = IDX-style names `"0".."max label"` grown as labels arrive). `height = 0` leaves
    /// the shape to the first file loaded.
    ///
    /// # Errors
    /// [`Error::Config`] for channels other than 1 or 3, a side over [`MAX_SIDE`], or a bad class
    /// list (more than [`MAX_CLASSES`] names, an empty or over-long name).
    pub fn custom(
        height: usize,
        width: usize,
        channels: usize,
        names: Vec<String>,
    ) -> Result<Self> {
        if height != 0 && (width == 0 || !(channels == 1 || channels == 3)) {
            return Err(Error::config(
                "channels",
                format!("images must be H×W×1 or H×W×3, got {height}×{width}×{channels}"),
            ));
        }
        if height > MAX_SIDE || width > MAX_SIDE {
            return Err(Error::config(
                "image_size",
                format!("at most {MAX_SIDE}×{MAX_SIDE}, got {height}×{width}"),
            ));
        }
        check_names(&names)?;
        let mut d = Dataset::empty(DatasetKind::Custom);
        (d.height, d.width, d.channels) = (height, width, channels);
        d.auto_names = names.is_empty();
        d.names = names;
        Ok(d)
    }

    /// Appends IDX images of any `rows × cols` with their labels (raw or gzip), at most `limit`
    /// records. A `Custom` split with no shape yet takes the file's; MNIST needs 28×28 and 0..9.
    /// Nothing is allocated beyond what the file's bytes hold (see [`idx::parse_images`]).
    ///
    /// # Errors
    /// Parser errors; [`Error::Shape`] when the size differs from the split's, the two files
    /// declare different counts, or a label is outside the class list.
    pub fn append_idx(
        &mut self,
        images: &[u8],
        labels: &[u8],
        limit: Option<usize>,
    ) -> Result<usize> {
        if self.kind != DatasetKind::Custom {
            return self.append_mnist(images, labels, limit);
        }
        let img = idx::parse_images(images, "images file", limit)?;
        let lab = idx::parse_labels(labels, "labels file", limit)?;
        if img.declared_count != lab.declared_count {
            return Err(Error::Shape(format!(
                "the images file declares {} images but the labels file {} labels (files from different sets?)",
                img.declared_count, lab.declared_count
            )));
        }
        if self.height == 0 && self.is_empty() {
            (self.height, self.width, self.channels) = (img.rows, img.cols, 1);
        }
        if (img.rows, img.cols, 1) != (self.height, self.width, self.channels) {
            return Err(Error::Shape(format!(
                "these images are {}×{} grayscale, the data loaded so far {}×{}×{}",
                img.rows, img.cols, self.height, self.width, self.channels
            )));
        }
        self.push_labelled(&img.pixels, &widen(&lab.labels), "labels file")
    }

    /// Appends pixels the browser decoded: `pixels: (N, height, width, channels)` u8 0..255
    /// interleaved, `labels: (N,)`.
    ///
    /// # Errors
    /// [`Error::Shape`] when the split has no shape yet, the byte count is not `N · D`, or a label
    /// is outside the class list.
    pub fn append_pixels(&mut self, pixels: &[u8], labels: &[Label]) -> Result<usize> {
        if self.dim() == 0 {
            return Err(Error::Shape(
                "no image size is set for these pixels (clear_custom with a size first)".into(),
            ));
        }
        if labels.len().checked_mul(self.dim()) != Some(pixels.len()) {
            return Err(Error::Shape(format!(
                "{} pixel bytes for {} labels of {}×{}×{} images",
                pixels.len(),
                labels.len(),
                self.height,
                self.width,
                self.channels
            )));
        }
        self.push_labelled(pixels, labels, "labels")
    }

    /// Pushes records after checking every label against the class list (growing it for
    /// `auto_names`); on error nothing changes.
    fn push_labelled(&mut self, pixels: &[u8], labels: &[Label], file: &str) -> Result<usize> {
        let max = labels.iter().copied().max();
        if let Some(max) = max {
            let needed = max as usize + 1;
            if needed > MAX_CLASSES {
                let i = labels.iter().position(|&l| l == max).unwrap_or(0);
                return Err(Error::format(
                    file,
                    i as u64,
                    format!(
                        "a label 0..={} (at most {MAX_CLASSES} classes)",
                        MAX_CLASSES - 1
                    ),
                    max.to_string(),
                ));
            }
            if !self.auto_names && needed > self.names.len() {
                let i = labels.iter().position(|&l| l == max).unwrap_or(0);
                return Err(Error::format(
                    file,
                    i as u64,
                    format!("a label below {} (the classes named)", self.names.len()),
                    max.to_string(),
                ));
            }
            if self.auto_names && needed > self.names.len() {
                self.names = (0..needed).map(|c| c.to_string()).collect();
            }
        }
        self.push(pixels, labels)
    }

    /// Replaces the class names (e.g. CIFAR-100's `fine_label_names.txt`).
    ///
    /// # Errors
    /// [`Error::Config`] when the list is invalid or shorter than the labels need (for the
    /// built-in kinds: not exactly their class count).
    pub fn set_class_names(&mut self, names: Vec<String>) -> Result<()> {
        check_names(&names)?;
        let need = if self.kind == DatasetKind::Custom {
            self.labels.iter().max().map_or(0, |&m| m as usize + 1)
        } else {
            Dataset::empty(self.kind).num_classes()
        };
        let fits = if self.kind == DatasetKind::Custom {
            names.len() >= need
        } else {
            names.len() == need
        };
        if !fits {
            return Err(Error::config(
                "class_names",
                format!(
                    "{} names for data with {need} classes (one name per line, in label order)",
                    names.len()
                ),
            ));
        }
        self.auto_names = false;
        self.names = names;
        Ok(())
    }

    /// The records `idx` (in that order), same shape and classes.
    ///
    /// # Panics
    /// If an index is out of range.
    pub fn subset(&self, idx: &[u32]) -> Dataset {
        let mut d = Dataset {
            images: Vec::with_capacity(idx.len() * self.dim()),
            labels: Vec::with_capacity(idx.len()),
            ..self.clone_empty()
        };
        for &i in idx {
            d.images.extend_from_slice(self.image(i as usize));
            d.labels.push(self.labels[i as usize]);
        }
        d
    }

    /// Same kind, shape and classes, no records.
    pub fn clone_empty(&self) -> Dataset {
        Dataset {
            kind: self.kind,
            height: self.height,
            width: self.width,
            channels: self.channels,
            images: Vec::new(),
            labels: Vec::new(),
            names: self.names.clone(),
            auto_names: self.auto_names,
        }
    }
}

/// Moves a seeded `share` of each class of `train` into the empty `test` (at least one record of
/// every class with two or more, never a class's last one); both keep file order. Returns the
/// records moved.
///
/// # Errors
/// [`Error::Config`] (`test_share`) for a share outside (0, 1) or when `test` is not empty.
pub fn hold_out(train: &mut Dataset, test: &mut Dataset, share: f32, seed: u32) -> Result<usize> {
    if !(share > 0.0 && share < 1.0) {
        return Err(Error::config(
            "test_share",
            format!("must be between 0 and 1, got {share}"),
        ));
    }
    if !test.is_empty() {
        return Err(Error::config(
            "test_share",
            "a test split is loaded already: nothing is held out",
        ));
    }
    let mut by_class: Vec<Vec<u32>> = vec![Vec::new(); MAX_CLASSES]; // one per class, in order
    for (i, &l) in train.labels.iter().enumerate() {
        by_class[l as usize].push(i as u32);
    }
    let mut rng = rng_for(seed, Stream::HoldOut);
    let mut out = vec![false; train.len()];
    for members in by_class.iter_mut().filter(|m| m.len() >= 2) {
        let k =
            ((members.len() as f64 * share as f64).round() as usize).clamp(1, members.len() - 1);
        shuffle(members, &mut rng);
        members[..k].iter().for_each(|&i| out[i as usize] = true);
    }
    let (kept, moved): (Vec<u32>, Vec<u32>) =
        (0..train.len() as u32).partition(|&i| !out[i as usize]);
    *test = train.subset(&moved);
    *train = train.subset(&kept);
    Ok(moved.len())
}

/// Indices of `num_test` records of `test`: the first ones in file order, or `num_test / C` per
/// class drawn with `seed` (sorted).
///
/// # Errors
/// [`Error::Config`] (`num_test`) when the split holds fewer records (or a class fewer than its
/// share).
pub fn test_subset(test: &Dataset, subset: Subset, num_test: usize, seed: u32) -> Result<Vec<u32>> {
    if num_test == 0 || num_test > test.len() {
        return Err(Error::config(
            "num_test",
            format!(
                "must be 1..={} (the test records loaded), got {num_test}",
                test.len()
            ),
        ));
    }
    match subset {
        Subset::First => Ok((0..num_test as u32).collect()),
        Subset::Stratified => {
            // A stream of its own so the test draw does not mirror the validation draw.
            let seed = seed ^ 0x7E57_0000;
            stratified_sample(&test.labels, num_test, test.num_classes(), seed, "num_test")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An IDX images file of `n` images of `rows × cols`, pixel `k` of image `i` = `i + k`.
    fn idx_images(n: u32, rows: u32, cols: u32) -> Vec<u8> {
        let mut b = vec![0, 0, 8, 3];
        for v in [n, rows, cols] {
            b.extend(v.to_be_bytes());
        }
        for i in 0..n * rows * cols {
            b.push((i / (rows * cols) + i % (rows * cols)) as u8);
        }
        b
    }

    fn idx_labels(labels: &[u8]) -> Vec<u8> {
        let mut b = vec![0, 0, 8, 1];
        b.extend((labels.len() as u32).to_be_bytes());
        b.extend(labels);
        b
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn idx_of_5x7_images_raw_and_gzip() {
        let (img, lab) = (idx_images(3, 5, 7), idx_labels(&[2, 0, 4]));
        for (i, l) in [(img.clone(), lab.clone()), (gz(&img), gz(&lab))] {
            let mut d = Dataset::empty(DatasetKind::Custom);
            assert_eq!(d.append_idx(&i, &l, None).unwrap(), 3);
            assert_eq!((d.height, d.width, d.channels), (5, 7, 1));
            assert_eq!(d.labels, vec![2, 0, 4]);
            assert_eq!(d.image(1)[..3], [1, 2, 3]);
            assert_eq!(d.image(2)[34], 36);
            // IDX files carry no names: "0".."max label"
            assert_eq!(d.class_names(), ["0", "1", "2", "3", "4"]);
            assert_eq!(d.num_classes(), 5);
        }
        // a second file of another size is refused and leaves the split as it was
        let mut d = Dataset::empty(DatasetKind::Custom);
        d.append_idx(&img, &lab, None).unwrap();
        let before = d.clone();
        let e = d
            .append_idx(&idx_images(1, 7, 5), &idx_labels(&[9]), None)
            .unwrap_err();
        assert!(e.to_string().contains("7×5"), "{e}");
        assert_eq!(d, before);
        // MNIST keeps its 28×28 rule
        let mut m = Dataset::empty(DatasetKind::Mnist);
        assert!(m.append_idx(&img, &lab, None).is_err());
    }

    #[test]
    fn idx_truncated_lying_count_and_wrong_magic() {
        let lab = idx_labels(&[1, 1, 1]);
        // truncated: 3 images of 5×7 declared, the last one cut short
        let mut img = idx_images(3, 5, 7);
        img.truncate(img.len() - 10);
        let mut d = Dataset::empty(DatasetKind::Custom);
        let e = d.append_idx(&img, &lab, None).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Truncated {
                    declared: 105,
                    available: 95,
                    ..
                }
            ),
            "{e}"
        );
        assert!(d.is_empty());
        // a count that lies by a lot: 2^32 − 1 images of 5×7 (150 GB) in a 51-byte file is
        // refused from the header, before anything of that size exists
        let mut img = idx_images(1, 5, 7);
        img[4..8].copy_from_slice(&u32::MAX.to_be_bytes());
        let e = d.append_idx(&img, &lab, None).unwrap_err();
        assert!(matches!(e, Error::Format { offset: 4, .. }), "{e}");
        // a count that lies a little (within the cap): truncated, with the real byte count
        let mut img = idx_images(1, 5, 7);
        img[4..8].copy_from_slice(&1000u32.to_be_bytes());
        let e = d.append_idx(&gz(&img), &lab, None).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Truncated {
                    declared: 35_000,
                    available: 35,
                    ..
                }
            ),
            "{e}"
        );
        // wrong magic: the labels file given as images, and a PNG
        let e = d.append_idx(&idx_labels(&[1; 10]), &lab, None).unwrap_err();
        assert!(e.to_string().contains("swapped"), "{e}");
        let png = [
            0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 13, 0, 0, 0, 0,
        ];
        assert!(matches!(
            d.append_idx(&png, &lab, None),
            Err(Error::Format { offset: 0, .. })
        ));
        // counts that differ between the two files
        let e = d
            .append_idx(&idx_images(3, 5, 7), &idx_labels(&[1, 2]), None)
            .unwrap_err();
        assert!(e.to_string().contains("declares 3 images"), "{e}");
        assert!(d.is_empty());
    }

    #[test]
    fn decoded_pixels_with_named_classes() {
        let names = vec!["cat".to_string(), "dog".into(), "fox".into()];
        let mut d = Dataset::custom(2, 3, 3, names.clone()).unwrap();
        let pixels: Vec<u8> = (0..2 * 18).map(|v| v as u8).collect();
        assert_eq!(d.append_pixels(&pixels, &[2, 0]).unwrap(), 2);
        assert_eq!(d.class_names(), names);
        assert_eq!(d.image(1)[0], 18);
        assert_eq!(d.image_rgba(0)[..8], [0, 1, 2, 255, 3, 4, 5, 255]);
        // a label past the names, a short buffer, a bad shape
        assert!(d.append_pixels(&pixels[..18], &[3]).is_err());
        assert!(d.append_pixels(&pixels[..17], &[0]).is_err());
        assert_eq!(d.len(), 2);
        assert!(Dataset::custom(2, 3, 2, names.clone()).is_err());
        assert!(Dataset::custom(2, 3, 3, vec!["".into()]).is_err());
        assert!(Dataset::custom(4096, 4096, 3, names).is_err());
    }

    /// Labels reach [`MAX_CLASSES`] − 1 (2,047; an IDX byte label 255 is an ordinary class now);
    /// a label at or past it is refused, naming the offset, and leaves the split as it was. The
    /// "no class" marker `NO_LABEL` (65,535) lies beyond every accepted label.
    #[test]
    fn labels_up_to_max_classes() {
        let mut d = Dataset::empty(DatasetKind::Custom);
        d.append_idx(&idx_images(2, 2, 2), &idx_labels(&[3, 255]), None)
            .unwrap();
        assert_eq!(d.num_classes(), 256);
        let mut d = Dataset::custom(1, 1, 1, Vec::new()).unwrap();
        let top = (MAX_CLASSES - 1) as Label;
        d.append_pixels(&[0, 0], &[0, top]).unwrap();
        assert_eq!(d.num_classes(), MAX_CLASSES);
        let e = d.append_pixels(&[0, 0], &[1, top + 1]).unwrap_err();
        assert!(matches!(e, Error::Format { offset: 1, .. }), "{e}");
        assert!(e.to_string().contains("0..=2047"), "{e}");
        assert_eq!(d.len(), 2, "a refused append changes nothing");
        assert!(crate::label::NO_LABEL as usize >= MAX_CLASSES);
        let names: Vec<String> = (0..=MAX_CLASSES).map(|i| format!("c{i}")).collect();
        assert!(Dataset::custom(1, 1, 1, names.clone()).is_err());
        assert!(Dataset::custom(1, 1, 1, names[..MAX_CLASSES].to_vec()).is_ok());
    }

    #[test]
    fn names_file_for_cifar100() {
        let mut d = Dataset::empty(DatasetKind::Cifar100Coarse);
        let names: Vec<String> = (0..20).map(|i| format!("super{i}")).collect();
        assert!(d.set_class_names(names[..19].to_vec()).is_err());
        d.set_class_names(names.clone()).unwrap();
        assert_eq!(d.class_names(), names);
        assert_eq!(d.num_classes(), 20);
    }

    #[test]
    fn hold_out_is_seeded_per_class_and_keeps_order() {
        let mut train = Dataset::custom(1, 1, 1, vec!["a".into(), "b".into(), "c".into()]).unwrap();
        let labels: Vec<Label> = (0..60).map(|i| (i % 3) as Label).collect();
        let pixels: Vec<u8> = (0..60).collect();
        train.append_pixels(&pixels, &labels).unwrap();
        let (mut tr, mut te) = (train.clone(), train.clone_empty());
        assert_eq!(hold_out(&mut tr, &mut te, 0.2, 5).unwrap(), 12);
        assert_eq!((tr.len(), te.len()), (48, 12));
        for c in 0..3 {
            assert_eq!(te.labels.iter().filter(|&&l| l == c).count(), 4);
        }
        // each record once, in file order (pixel = record number here)
        let mut all: Vec<u8> = tr.images.iter().chain(&te.images).copied().collect();
        assert!(tr.images.windows(2).all(|w| w[0] < w[1]));
        all.sort_unstable();
        assert_eq!(all, pixels);
        let (mut tr2, mut te2) = (train.clone(), train.clone_empty());
        hold_out(&mut tr2, &mut te2, 0.2, 5).unwrap();
        assert_eq!(te, te2);
        let (mut tr3, mut te3) = (train.clone(), train.clone_empty());
        hold_out(&mut tr3, &mut te3, 0.2, 6).unwrap();
        assert_ne!(te, te3);
        assert!(hold_out(&mut tr3, &mut te3, 0.2, 6).is_err()); // test not empty
        assert!(hold_out(&mut tr, &mut train.clone_empty(), 1.0, 6).is_err());
    }

    #[test]
    fn test_subsets_first_and_stratified() {
        let mut t = Dataset::custom(1, 1, 1, vec!["a".into(), "b".into()]).unwrap();
        let labels: Vec<Label> = (0..20).map(|i| Label::from(i >= 15)).collect();
        t.append_pixels(&[0; 20], &labels).unwrap();
        assert_eq!(test_subset(&t, Subset::First, 4, 1).unwrap(), [0, 1, 2, 3]);
        let s = test_subset(&t, Subset::Stratified, 8, 1).unwrap();
        assert_eq!(s.iter().filter(|&&i| labels[i as usize] == 1).count(), 4);
        assert!(test_subset(&t, Subset::Stratified, 12, 1).is_err()); // class b has 5 < 6
        assert!(test_subset(&t, Subset::First, 21, 1).is_err());
    }
}
