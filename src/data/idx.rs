//! MNIST's IDX format: images (magic 2051) and labels (magic 2049), big-endian header, raw or gzip.
//!
//! Images: `[magic u32][count u32][rows u32][cols u32]` then `count·rows·cols` u8 pixels, row-major
//! (0 = background, 255 = ink). Labels: `[magic u32][count u32]` then `count` u8 labels.
//! Source: Y. LeCun et al., "THE MNIST DATABASE of handwritten digits", file-format section.

use super::gzip::{is_gzip, Source};
use crate::error::{Error, Result};

/// Magic number of an IDX file of unsigned-byte images with 3 dimensions (0x00000803).
pub const IMAGES_MAGIC: u32 = 2051;
/// Magic number of an IDX file of unsigned-byte labels with 1 dimension (0x00000801).
pub const LABELS_MAGIC: u32 = 2049;
/// The most pixel bytes one file may declare (1 GiB); larger headers are refused before reading.
/// A gzip file is further held to [`super::gzip::MAX_DECOMPRESSED_BYTES`] (128 MiB).
pub const MAX_DATA_BYTES: u64 = 1 << 30;
/// The largest image side (rows or cols) an IDX file may declare: 1024, as for the decoded images
/// of [`super::custom::MAX_SIDE`]. So one image is at most 1 MiB of pixels and `D ≤ 1 048 576`
/// (a 300×300 file loads; 2 × 8192×8192, 130 KB gzipped, is refused from its header: its
/// `D = 67 M` would need gigabytes of weights at the first training step).
pub const MAX_SIDE: u32 = 1024;

/// Images of one IDX file. `pixels: (count, rows·cols)` u8, 0..255.
#[derive(Debug, Clone, PartialEq)]
pub struct IdxImages {
    /// Records read (≤ the count the header declares when a `limit` was given).
    pub count: usize,
    /// Count the header declares.
    pub declared_count: usize,
    pub rows: usize,
    pub cols: usize,
    /// Row-major pixels, `count · rows · cols` bytes.
    pub pixels: Vec<u8>,
}

fn be_u32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn header(src: &mut Source, len: usize, magic: u32, file: &str) -> Result<Vec<u32>> {
    let h = src.read_up_to(len as u64, file)?;
    if h.len() < len {
        return Err(Error::Truncated {
            file: file.into(),
            offset: h.len() as u64,
            declared: len as u64,
            available: h.len() as u64,
        });
    }
    let words: Vec<u32> = (0..len / 4).map(|i| be_u32(&h, 4 * i)).collect();
    if words[0] != magic {
        let hint = if words[0] == magic.swap_bytes() {
            " (the header was read little-endian; IDX is big-endian)".to_string()
        } else if words[0] == IMAGES_MAGIC || words[0] == LABELS_MAGIC {
            " (images and labels files swapped?)".to_string()
        } else {
            String::new()
        };
        return Err(Error::format(
            file,
            0,
            format!("IDX magic {magic}"),
            format!("{}{hint}", words[0]),
        ));
    }
    Ok(words)
}

fn read_body(
    src: &mut Source,
    need: u64,
    declared: u64,
    limited: bool,
    file: &str,
) -> Result<Vec<u8>> {
    let start = src.offset();
    let body = src.read_up_to(need, file)?;
    if (body.len() as u64) < need {
        return Err(Error::Truncated {
            file: file.into(),
            offset: start + body.len() as u64,
            declared,
            available: body.len() as u64,
        });
    }
    if !limited && src.has_more(file)? {
        return Err(Error::format(
            file,
            src.offset(),
            "end of file after the declared data",
            "extra bytes",
        ));
    }
    Ok(body)
}

/// Parses an IDX images file (raw or gzip), keeping at most `limit` records (`None` = all).
///
/// # Errors
/// - [`Error::Format`] for a wrong magic (naming a little-endian misread), zero rows/cols, a side
///   over [`MAX_SIDE`], a declared size over [`MAX_DATA_BYTES`] (for gzip: over
///   [`super::gzip::MAX_DECOMPRESSED_BYTES`]), or bytes after the declared data;
/// - [`Error::Truncated`] when the file holds less than the header declares — checked before any
///   buffer of the declared size exists.
pub fn parse_images(bytes: &[u8], file: &str, limit: Option<usize>) -> Result<IdxImages> {
    let mut src = Source::new(bytes);
    let h = header(&mut src, 16, IMAGES_MAGIC, file)?;
    let (declared_count, rows, cols) = (h[1] as u64, h[2] as u64, h[3] as u64);
    if rows == 0 || cols == 0 {
        return Err(Error::format(
            file,
            8,
            "rows ≥ 1 and cols ≥ 1",
            format!("{rows}×{cols}"),
        ));
    }
    // In u128: three u32 factors can exceed u64 (2³¹·2³¹·4 = 2⁶⁴ wraps to 0 in u64).
    let declared_wide = declared_count as u128 * rows as u128 * cols as u128;
    let image_wide = rows as u128 * cols as u128;
    if declared_wide > MAX_DATA_BYTES as u128 || image_wide > MAX_DATA_BYTES as u128 {
        return Err(Error::format(
            file,
            4,
            format!("at most {MAX_DATA_BYTES} pixel bytes"),
            format!("a header declaring {declared_count}×{rows}×{cols} = {declared_wide} bytes"),
        ));
    }
    if rows > MAX_SIDE as u64 || cols > MAX_SIDE as u64 {
        return Err(Error::format(
            file,
            8,
            format!("images of at most {MAX_SIDE}×{MAX_SIDE} pixels"),
            format!("{rows}×{cols}"),
        ));
    }
    let declared = declared_wide as u64; // ≤ MAX_DATA_BYTES: no overflow below
    let count = limit.map_or(declared_count, |l| (l as u64).min(declared_count));
    let limited = count < declared_count;
    src.check_budget(
        16 + count as u128 * image_wide,
        &format!("a header declaring {count}×{rows}×{cols} pixels after 16 header bytes"),
        file,
    )?;
    let pixels = read_body(&mut src, count * rows * cols, declared, limited, file)?;
    Ok(IdxImages {
        count: count as usize,
        declared_count: declared_count as usize,
        rows: rows as usize,
        cols: cols as usize,
        pixels,
    })
}

/// Labels of one IDX file, `(count,)` u8.
#[derive(Debug, Clone, PartialEq)]
pub struct IdxLabels {
    /// Count the header declares.
    pub declared_count: usize,
    /// The labels read (≤ declared when a `limit` was given).
    pub labels: Vec<u8>,
}

/// Parses an IDX labels file (raw or gzip), keeping at most `limit` labels (`None` = all).
///
/// # Errors
/// As [`parse_images`]: wrong magic, a count over [`MAX_DATA_BYTES`] (gzip: over
/// [`super::gzip::MAX_DECOMPRESSED_BYTES`]), truncated data, trailing bytes.
pub fn parse_labels(bytes: &[u8], file: &str, limit: Option<usize>) -> Result<IdxLabels> {
    let mut src = Source::new(bytes);
    let h = header(&mut src, 8, LABELS_MAGIC, file)?;
    let declared = h[1] as u64;
    if declared > MAX_DATA_BYTES {
        return Err(Error::format(
            file,
            4,
            format!("at most {MAX_DATA_BYTES} labels"),
            declared.to_string(),
        ));
    }
    let count = limit.map_or(declared, |l| (l as u64).min(declared));
    src.check_budget(
        8 + count as u128,
        &format!("a header declaring {count} labels after 8 header bytes"),
        file,
    )?;
    let labels = read_body(&mut src, count, declared, count < declared, file)?;
    Ok(IdxLabels {
        declared_count: declared as usize,
        labels,
    })
}

/// Parses raw (never gzip) IDX image bytes exactly: the length must be `16 + n·rows·cols`.
///
/// # Errors
/// As [`parse_images`], plus [`Error::Format`] for bytes that start with the gzip magic `1f 8b`.
pub fn parse_images_raw(bytes: &[u8], file: &str) -> Result<IdxImages> {
    if is_gzip(bytes) {
        return Err(Error::format(
            file,
            0,
            "raw IDX bytes",
            "gzip magic 1f 8b (decompress first)",
        ));
    }
    parse_images(bytes, file, None)
}

#[cfg(test)]
mod tests {
    use super::super::gzip::MAX_DECOMPRESSED_BYTES;
    use super::*;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn images_2x2x3() -> Vec<u8> {
        let mut b = vec![0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3];
        b.extend(0u8..12);
        b
    }

    #[test]
    fn raw_and_gzip_agree() {
        let raw = parse_images(&images_2x2x3(), "t", None).unwrap();
        let z = parse_images(&gz(&images_2x2x3()), "t.gz", None).unwrap();
        assert_eq!(raw, z);
        assert_eq!((raw.count, raw.rows, raw.cols), (2, 2, 3));
    }

    #[test]
    fn limit_reads_a_prefix() {
        let one = parse_images(&gz(&images_2x2x3()), "t.gz", Some(1)).unwrap();
        assert_eq!(one.count, 1);
        assert_eq!(one.declared_count, 2);
        assert_eq!(one.pixels, (0u8..6).collect::<Vec<_>>());
    }

    #[test]
    fn lying_header_is_truncated_before_allocation() {
        // Declares 4 000 000 000 images of 28×28: refused by the size cap, nothing allocated.
        let mut b = vec![0, 0, 8, 3];
        b.extend(4_000_000_000u32.to_be_bytes());
        b.extend([0, 0, 0, 28, 0, 0, 0, 28]);
        assert!(matches!(
            parse_images(&b, "big", None),
            Err(Error::Format { offset: 4, .. })
        ));
        // Declares 1000 images of 28×28 but holds 10 bytes: truncated, raw and gzip alike.
        let mut b = vec![0, 0, 8, 3, 0, 0, 3, 232, 0, 0, 0, 28, 0, 0, 0, 28];
        b.extend([1u8; 10]);
        let e = parse_images(&b, "short", None).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Truncated {
                    declared: 784_000,
                    ..
                }
            ),
            "{e}"
        );
        let e = parse_images(&gz(&b), "short.gz", None).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Truncated {
                    offset: 26,
                    declared: 784_000,
                    available: 10,
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("short.gz"));
    }

    /// Issue 11, item 9: headers whose `count·rows·cols` wraps a u64 (the shipped build wrapped
    /// silently: 4·2³¹·2³¹ = 2⁶⁴ → 0 bytes; 7·2471990109·1066043567 = 2⁶⁴ + 5 → 5 bytes) are refused
    /// by the size cap, naming the real product.
    #[test]
    fn header_products_past_u64_are_refused_not_wrapped() {
        let hex = |s: &str| -> Vec<u8> {
            let s: String = s.split_whitespace().collect();
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
                .collect()
        };
        let a = hex("00000803 00000004 80000000 80000000");
        let e = parse_images(&a, "a", None).unwrap_err();
        assert!(matches!(e, Error::Format { offset: 4, .. }), "{e}");
        assert!(e.to_string().contains("18446744073709551616"), "{e}");
        let b = hex("00000803 00000007 9357935d 3f8a88af 0102030405");
        let e = parse_images(&b, "b", None).unwrap_err();
        assert!(e.to_string().contains("18446744073709551621"), "{e}");
        // One image larger than the cap is refused even when the header declares no images.
        let c = hex("00000803 00000000 00010000 00010000");
        assert!(matches!(
            parse_images(&c, "c", None),
            Err(Error::Format { offset: 4, .. })
        ));
    }

    /// `head` then `zeros` zero bytes as gzip members: one of `head`, then copies of one member
    /// of 64 MiB of zeros (≈ 64 KB at best compression, compressed once), then the rest. 1 GB of
    /// zeros is ≈ 1 MB of .gz and never exists uncompressed.
    fn gz_head_then_zeros(head: &[u8], zeros: u64) -> Vec<u8> {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        const BLOCK: u64 = 64 << 20;
        let member = |n: u64| {
            let mut e = GzEncoder::new(Vec::new(), Compression::best());
            let buf = [0u8; 1 << 16];
            let mut left = n;
            while left > 0 {
                let k = left.min(buf.len() as u64) as usize;
                e.write_all(&buf[..k]).unwrap();
                left -= k as u64;
            }
            e.finish().unwrap()
        };
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        e.write_all(head).unwrap();
        let mut out = e.finish().unwrap();
        if zeros >= BLOCK {
            let block = member(BLOCK);
            for _ in 0..zeros / BLOCK {
                out.extend_from_slice(&block);
            }
        }
        if zeros % BLOCK > 0 {
            out.extend(member(zeros % BLOCK));
        }
        out
    }

    fn header(count: u32, rows: u32, cols: u32) -> Vec<u8> {
        let mut b = vec![0, 0, 8, 3];
        for v in [count, rows, cols] {
            b.extend(v.to_be_bytes());
        }
        b
    }

    /// Issue: a 1 MB .gz of zeros behind a header declaring 1000 × 1024×1024 (1 GiB, under the raw
    /// cap) grew wasm memory to 2 GiB. Now refused before decompressing, naming file and budget.
    #[test]
    fn gzip_bomb_is_refused_by_the_budget() {
        let bomb = gz_head_then_zeros(&header(1000, 1024, 1024), 1 << 30);
        assert!(bomb.len() < 2 << 20, "{} bytes of .gz", bomb.len());
        let e = parse_images(&bomb, "bomb.gz", None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("bomb.gz") && e.contains("gzip budget"), "{e}");
        assert!(e.contains(&MAX_DECOMPRESSED_BYTES.to_string()), "{e}");
        // labels: a header declaring 10⁹ labels, gzipped
        let mut lab = vec![0, 0, 8, 1];
        lab.extend(1_000_000_000u32.to_be_bytes());
        let e = parse_labels(&gz_head_then_zeros(&lab, 1 << 20), "l.gz", None).unwrap_err();
        assert!(e.to_string().contains("gzip budget"), "{e}");
        // a limit within the budget reads only the prefix it needs
        let one = parse_images(&bomb, "bomb.gz", Some(2)).unwrap();
        assert_eq!(one.pixels.len(), 2 << 20);
    }

    /// Issue: 2 × 8192×8192 in a 130 KB .gz took 4 GB natively at the first training step. The
    /// side limit refuses it from the header; a 300×300 pair still loads.
    #[test]
    fn image_sides_are_limited_and_300x300_loads() {
        let big = gz_head_then_zeros(&header(2, 8192, 8192), 2 * 8192 * 8192);
        assert!(big.len() < 200_000, "{} bytes", big.len());
        let e = parse_images(&big, "big.gz", None).unwrap_err();
        assert!(matches!(e, Error::Format { offset: 8, .. }), "{e}");
        assert!(e.to_string().contains("1024×1024"), "{e}");
        let ok = gz_head_then_zeros(&header(3, 300, 300), 3 * 300 * 300);
        let img = parse_images(&ok, "ok.gz", None).unwrap();
        assert_eq!((img.count, img.rows, img.cols), (3, 300, 300));
    }

    #[test]
    fn corrupt_gzip_is_an_error_not_a_panic() {
        let mut z = gz(&images_2x2x3());
        let n = z.len();
        for b in &mut z[12..n - 8] {
            *b ^= 0x5a;
        }
        assert!(parse_images(&z, "bad.gz", None).is_err());
        assert!(parse_images(&z[..10], "cut.gz", None).is_err());
        assert!(parse_images(&[], "empty", None).is_err());
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut b = images_2x2x3();
        b.push(99);
        assert!(matches!(
            parse_images(&b, "t", None),
            Err(Error::Format { offset: 28, .. })
        ));
    }
}
