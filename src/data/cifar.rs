//! CIFAR-10 binary batches: 3073-byte records, `[label u8][1024 R][1024 G][1024 B]`, each 32×32
//! plane row-major, no header. Source: A. Krizhevsky, "Learning Multiple Layers of Features from
//! Tiny Images" (2009), and the "binary version" section of the CIFAR page.

use crate::error::{Error, Result};

/// Image side in pixels.
pub const SIDE: usize = 32;
/// Pixels per plane (32·32).
pub const PLANE: usize = SIDE * SIDE;
/// Bytes per record: one label byte + 3 planes.
pub const RECORD: usize = 1 + 3 * PLANE;
/// Number of CIFAR-10 classes.
pub const NUM_CLASSES: usize = 10;
/// CIFAR-10 class names in label order (`batches.meta.txt`).
pub const CLASS_NAMES: [&str; 10] = [
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
];

/// Records of a CIFAR-10 batch, pixels converted to interleaved HWC (CS231n's
/// `reshape(N, 3, 32, 32).transpose(0, 2, 3, 1)`): `pixels: (count, 32·32·3)` u8, 0..255.
#[derive(Debug, Clone, PartialEq)]
pub struct CifarBatch {
    pub count: usize,
    pub pixels: Vec<u8>,
    pub labels: Vec<u8>,
}

/// Converts one planar `R…G…B…` record body (3072 bytes) to interleaved `RGBRGB…` into `out`.
pub fn planar_to_hwc(planar: &[u8], out: &mut [u8]) {
    debug_assert_eq!(planar.len(), 3 * PLANE);
    for p in 0..PLANE {
        for ch in 0..3 {
            out[3 * p + ch] = planar[ch * PLANE + p];
        }
    }
}

/// Parses a CIFAR-10 binary batch, keeping at most `limit` records (`None` = all).
///
/// # Errors
/// [`Error::Format`] when the length is not a multiple of 3073 (naming the offset of the incomplete
/// record) or a label byte is not 0..9 (naming its offset). A gzip file is refused with a hint.
pub fn parse_batch(bytes: &[u8], file: &str, limit: Option<usize>) -> Result<CifarBatch> {
    if super::gzip::is_gzip(bytes) {
        return Err(Error::format(
            file,
            0,
            "a CIFAR-10 binary batch",
            "gzip data (extract the .tar.gz first)",
        ));
    }
    if bytes.is_empty() || bytes.len() % RECORD != 0 {
        let whole = bytes.len() / RECORD;
        return Err(Error::format(
            file,
            (whole * RECORD) as u64,
            format!("whole {RECORD}-byte records (label + 3072 planar RGB bytes)"),
            format!(
                "{} bytes, i.e. {whole} records and {} bytes over",
                bytes.len(),
                bytes.len() % RECORD
            ),
        ));
    }
    let total = bytes.len() / RECORD;
    let count = limit.map_or(total, |l| l.min(total));
    let mut pixels = vec![0u8; count * 3 * PLANE];
    let mut labels = Vec::with_capacity(count);
    for (i, rec) in bytes.chunks_exact(RECORD).take(count).enumerate() {
        if rec[0] as usize >= NUM_CLASSES {
            return Err(Error::format(
                file,
                (i * RECORD) as u64,
                "a label byte 0..9",
                rec[0].to_string(),
            ));
        }
        labels.push(rec[0]);
        planar_to_hwc(&rec[1..], &mut pixels[i * 3 * PLANE..(i + 1) * 3 * PLANE]);
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

    #[test]
    fn ragged_length_names_the_offset() {
        let b = vec![0u8; RECORD + 5];
        let e = parse_batch(&b, "b.bin", None).unwrap_err();
        assert!(matches!(e, Error::Format { offset: 3073, .. }), "{e}");
        assert!(parse_batch(&[], "empty.bin", None).is_err());
    }

    #[test]
    fn bad_label_names_the_record_offset() {
        let mut b = vec![0u8; 2 * RECORD];
        b[RECORD] = 10;
        let e = parse_batch(&b, "b.bin", None).unwrap_err();
        assert!(matches!(e, Error::Format { offset: 3073, .. }), "{e}");
    }

    #[test]
    fn limit_keeps_a_prefix() {
        let mut b = vec![0u8; 3 * RECORD];
        b[0] = 1;
        b[RECORD] = 2;
        b[2 * RECORD] = 3;
        let p = parse_batch(&b, "b.bin", Some(2)).unwrap();
        assert_eq!(p.labels, vec![1, 2]);
        assert_eq!(p.pixels.len(), 2 * 3072);
    }
}
