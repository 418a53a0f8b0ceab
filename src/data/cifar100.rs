//! CIFAR-100 binary files (`train.bin`, `test.bin`): 3074-byte records, `[coarse label u8][fine
//! label u8][1024 R][1024 G][1024 B]`, 32×32 planes row-major, no header; 100 fine classes grouped
//! into 20 superclasses. Source: A. Krizhevsky (2009), and the "binary version" section of the
//! CIFAR page.

use super::cifar::{planar_to_hwc, CifarBatch, PLANE};
use crate::error::{Error, Result};

/// Bytes per record: two label bytes + 3 planes.
pub const RECORD: usize = 2 + 3 * PLANE;

/// Which label byte to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum LabelMode {
    /// The 100 fine classes.
    Fine = 0,
    /// The 20 superclasses.
    Coarse = 1,
}

/// The 100 fine class names in label order (`fine_label_names.txt`).
pub const FINE_NAMES: [&str; 100] = [
    "apple",
    "aquarium_fish",
    "baby",
    "bear",
    "beaver",
    "bed",
    "bee",
    "beetle",
    "bicycle",
    "bottle",
    "bowl",
    "boy",
    "bridge",
    "bus",
    "butterfly",
    "camel",
    "can",
    "castle",
    "caterpillar",
    "cattle",
    "chair",
    "chimpanzee",
    "clock",
    "cloud",
    "cockroach",
    "couch",
    "crab",
    "crocodile",
    "cup",
    "dinosaur",
    "dolphin",
    "elephant",
    "flatfish",
    "forest",
    "fox",
    "girl",
    "hamster",
    "house",
    "kangaroo",
    "keyboard",
    "lamp",
    "lawn_mower",
    "leopard",
    "lion",
    "lizard",
    "lobster",
    "man",
    "maple_tree",
    "motorcycle",
    "mountain",
    "mouse",
    "mushroom",
    "oak_tree",
    "orange",
    "orchid",
    "otter",
    "palm_tree",
    "pear",
    "pickup_truck",
    "pine_tree",
    "plain",
    "plate",
    "poppy",
    "porcupine",
    "possum",
    "rabbit",
    "raccoon",
    "ray",
    "road",
    "rocket",
    "rose",
    "sea",
    "seal",
    "shark",
    "shrew",
    "skunk",
    "skyscraper",
    "snail",
    "snake",
    "spider",
    "squirrel",
    "streetcar",
    "sunflower",
    "sweet_pepper",
    "table",
    "tank",
    "telephone",
    "television",
    "tiger",
    "tractor",
    "train",
    "trout",
    "tulip",
    "turtle",
    "wardrobe",
    "whale",
    "willow_tree",
    "wolf",
    "woman",
    "worm",
];

/// The 20 superclass names in label order (`coarse_label_names.txt`).
pub const COARSE_NAMES: [&str; 20] = [
    "aquatic_mammals",
    "fish",
    "flowers",
    "food_containers",
    "fruit_and_vegetables",
    "household_electrical_devices",
    "household_furniture",
    "insects",
    "large_carnivores",
    "large_man-made_outdoor_things",
    "large_natural_outdoor_scenes",
    "large_omnivores_and_herbivores",
    "medium_mammals",
    "non-insect_invertebrates",
    "people",
    "reptiles",
    "small_mammals",
    "trees",
    "vehicles_1",
    "vehicles_2",
];

/// Parses a CIFAR-100 binary file keeping the `mode` label, at most `limit` records.
///
/// # Errors
/// [`Error::Format`] when the length is not a multiple of 3074 (naming the offset of the partial
/// record) or a label byte is out of range (coarse ≥ 20, fine ≥ 100; naming its offset).
pub fn parse(
    bytes: &[u8],
    file: &str,
    mode: LabelMode,
    limit: Option<usize>,
) -> Result<CifarBatch> {
    if bytes.is_empty() || bytes.len() % RECORD != 0 {
        let whole = bytes.len() / RECORD;
        return Err(Error::format(
            file,
            (whole * RECORD) as u64,
            format!("whole {RECORD}-byte CIFAR-100 records (coarse label, fine label, 3072 planar RGB bytes)"),
            format!("{} bytes, i.e. {whole} records and {} bytes over", bytes.len(), bytes.len() % RECORD),
        ));
    }
    let total = bytes.len() / RECORD;
    let count = limit.map_or(total, |l| l.min(total));
    let mut pixels = vec![0u8; count * 3 * PLANE];
    let mut labels = Vec::with_capacity(count);
    for (i, rec) in bytes.chunks_exact(RECORD).take(count).enumerate() {
        let (coarse, fine) = (rec[0], rec[1]);
        if coarse >= 20 {
            return Err(Error::format(
                file,
                (i * RECORD) as u64,
                "a coarse label 0..19",
                coarse.to_string(),
            ));
        }
        if fine >= 100 {
            return Err(Error::format(
                file,
                (i * RECORD + 1) as u64,
                "a fine label 0..99",
                fine.to_string(),
            ));
        }
        labels.push(if mode == LabelMode::Coarse {
            coarse
        } else {
            fine
        });
        planar_to_hwc(&rec[2..], &mut pixels[i * 3 * PLANE..(i + 1) * 3 * PLANE]);
    }
    Ok(CifarBatch {
        count,
        pixels,
        labels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(coarse: u8, fine: u8) -> Vec<u8> {
        let mut r = vec![coarse, fine];
        for ch in 0..3usize {
            r.extend((0..PLANE).map(|p| ((p + 85 * ch) % 256) as u8));
        }
        r
    }

    #[test]
    fn two_label_bytes_then_planar_pixels() {
        let bytes = [record(3, 42), record(19, 99)].concat();
        let fine = parse(&bytes, "t", LabelMode::Fine, None).unwrap();
        let coarse = parse(&bytes, "t", LabelMode::Coarse, None).unwrap();
        assert_eq!(fine.labels, vec![42, 99]);
        assert_eq!(coarse.labels, vec![3, 19]);
        // pixel (1, 2) of record 0 is RGB [34, 119, 204], as for CIFAR-10 (case C09)
        let p = 32 + 2;
        assert_eq!(fine.pixels[3 * p..3 * p + 3], [34, 119, 204]);
        assert_eq!(fine.pixels, coarse.pixels);
        assert_eq!(FINE_NAMES.len(), 100);
        assert_eq!(COARSE_NAMES.len(), 20);
    }

    #[test]
    fn bad_lengths_and_labels_name_offsets() {
        let mut bytes = [record(3, 42), record(19, 99)].concat();
        assert!(matches!(
            parse(&bytes[..RECORD + 7], "t", LabelMode::Fine, None),
            Err(Error::Format { offset: 3074, .. })
        ));
        bytes[RECORD + 1] = 100;
        assert!(matches!(
            parse(&bytes, "t", LabelMode::Fine, None),
            Err(Error::Format { offset: 3075, .. })
        ));
        bytes[RECORD] = 20;
        assert!(matches!(
            parse(&bytes, "t", LabelMode::Coarse, None),
            Err(Error::Format { offset: 3074, .. })
        ));
        // a CIFAR-10 batch (3073-byte records) is refused by its length
        assert!(parse(&vec![0u8; 3073 * 2], "cifar10", LabelMode::Fine, None).is_err());
    }
}
