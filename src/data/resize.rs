//! Exact area-average (box filter) resizing of u8 images, for the images a user imports: every
//! output pixel is the mean of the source area it covers, weighted by the exact overlap, so a
//! downscale keeps no moiré (case C21 of issue 10: a one-pixel checkerboard at 64×64 → 28×28
//! stays within 127.5 ± 2, where a single canvas `drawImage` gives 98–156).
//!
//! The definition. Output column `x` of `out_width` covers source columns
//! `[x·W / out_width, (x + 1)·W / out_width)`; measured in units of `1 / out_width` source
//! columns this is the integer interval `[x·W, (x + 1)·W)` and source column `i` is
//! `[i·out_width, (i + 1)·out_width)`, so every weight `wx(x, i)` is an integer overlap and they sum
//! to `W`. Rows likewise (`wy`, summing to `H`). Then, per channel,
//!
//! `out[y, x] = round( Σ_j Σ_i wy(y, j)·wx(x, i)·src[j, i] / (W·H) )`,
//!
//! computed exactly in integers and rounded to the nearest integer, halves up. The same formula
//! defines upscaling (a user who imports a 16×16 icon at 28×28 gets it enlarged, not refused): an
//! integer factor repeats each source pixel (nearest neighbour, exactly), a non-integer one blends
//! the two source pixels a boundary splits by their overlap. Equal sizes give the image back.
//!
//! Memory: one pass per axis; the intermediate holds `H × out_width × channels` u32 sums, never a
//! copy of the source at another size. Source: the box filter / area resampling of image
//! processing texts (e.g. Burger & Burge, "Digital Image Processing", §22 "Image resampling"),
//! OpenCV's `INTER_AREA` for downscaling.

use crate::error::{Error, Result};

/// Largest source image, in pixels (16 777 216 = 4096², larger than a 12-megapixel photo).
pub const MAX_SOURCE_PIXELS: usize = 1 << 24;
/// Largest source side, in pixels.
pub const MAX_SOURCE_SIDE: usize = 16_384;
/// Largest output side (the core's largest image side, [`super::custom::MAX_SIDE`]).
pub const MAX_OUT_SIDE: usize = super::custom::MAX_SIDE;

/// The integer weights of one axis: for each output index, the first source index it overlaps
/// and the overlaps (in units of `1 / out` source pixels), which sum to `src`.
fn axis_weights(src: usize, out: usize) -> Vec<(usize, Vec<u32>)> {
    (0..out)
        .map(|x| {
            let (lo, hi) = (x * src, (x + 1) * src); // [lo, hi) in units of 1/out source pixels
            let first = lo / out;
            let last = (hi - 1) / out; // inclusive
            let w = (first..=last)
                .map(|i| {
                    let (a, b) = (i * out, (i + 1) * out);
                    (hi.min(b) - lo.max(a)) as u32
                })
                .collect();
            (first, w)
        })
        .collect()
}

/// Resizes `x: (height, width, channels)` u8 interleaved to `(out_height, out_width, channels)`
/// by the exact area average of the module docs (downscaling and upscaling, any ratio).
///
/// # Shapes
/// `x.len() == height · width · channels`; returns `out_height · out_width · channels` values.
///
/// # Errors
/// [`Error::Config`] (`resize`) for a zero size, channels outside 1..=4, a source over
/// [`MAX_SOURCE_SIDE`] per side or [`MAX_SOURCE_PIXELS`] in all, an output side over
/// [`MAX_OUT_SIDE`]; [`Error::Shape`] when `x` is not `height · width · channels` long.
pub fn area_resize(
    x: &[u8],
    height: usize,
    width: usize,
    channels: usize,
    out_height: usize,
    out_width: usize,
) -> Result<Vec<u8>> {
    if height == 0 || width == 0 || out_height == 0 || out_width == 0 {
        return Err(Error::config(
            "resize",
            format!("{width}×{height} → {out_width}×{out_height}: sizes must be at least 1"),
        ));
    }
    if !(1..=4).contains(&channels) {
        return Err(Error::config(
            "resize",
            format!("channels must be 1..=4, got {channels}"),
        ));
    }
    if height > MAX_SOURCE_SIDE || width > MAX_SOURCE_SIDE || height * width > MAX_SOURCE_PIXELS {
        return Err(Error::config(
            "resize",
            format!(
                "a {width}×{height} image is larger than the {MAX_SOURCE_PIXELS} pixels \
                 (sides ≤ {MAX_SOURCE_SIDE}) the import resizes at full size"
            ),
        ));
    }
    if out_height > MAX_OUT_SIDE || out_width > MAX_OUT_SIDE {
        return Err(Error::config(
            "resize",
            format!("the output {out_width}×{out_height} has a side over {MAX_OUT_SIDE}"),
        ));
    }
    if x.len() != height * width * channels {
        return Err(Error::Shape(format!(
            "pixels hold {} values, expected height·width·channels = {height}·{width}·{channels}",
            x.len()
        )));
    }
    let (wx, wy) = (
        axis_weights(width, out_width),
        axis_weights(height, out_height),
    );
    // Horizontal pass: sums ≤ 255 · width < 2³² per (row, output column, channel).
    let mut rows = vec![0u32; height * out_width * channels];
    for (j, src_row) in x.chunks_exact(width * channels).enumerate() {
        let dst = &mut rows[j * out_width * channels..(j + 1) * out_width * channels];
        for (ox, (first, w)) in wx.iter().enumerate() {
            for c in 0..channels {
                dst[ox * channels + c] = w
                    .iter()
                    .enumerate()
                    .map(|(t, &wt)| wt * src_row[(first + t) * channels + c] as u32)
                    .sum();
            }
        }
    }
    // Vertical pass: Σ ≤ 255 · width · height < 2⁶⁴; divide by width · height, halves up.
    let den = (width * height) as u64;
    let mut out = vec![0u8; out_height * out_width * channels];
    for (oy, (first, w)) in wy.iter().enumerate() {
        for k in 0..out_width * channels {
            let num: u64 = w
                .iter()
                .enumerate()
                .map(|(t, &wt)| wt as u64 * rows[(first + t) * out_width * channels + k] as u64)
                .sum();
            out[oy * out_width * channels + k] = ((2 * num + den) / (2 * den)) as u8;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_cover_each_source_pixel_once() {
        for (src, out) in [(64, 28), (28, 64), (5, 5), (7, 3), (3, 7), (1, 4), (4, 1)] {
            let w = axis_weights(src, out);
            let mut per_source = vec![0u32; src];
            for (first, ws) in &w {
                assert_eq!(ws.iter().sum::<u32>() as usize, src, "{src} → {out}");
                for (t, &v) in ws.iter().enumerate() {
                    per_source[first + t] += v;
                }
            }
            assert!(
                per_source.iter().all(|&v| v as usize == out),
                "{src} → {out}"
            );
        }
    }

    #[test]
    fn identity_and_integer_factors() {
        let x: Vec<u8> = (0..4 * 6 * 3).map(|v| (v * 7 % 256) as u8).collect();
        assert_eq!(area_resize(&x, 4, 6, 3, 4, 6).unwrap(), x);
        // 2× down: the mean of each 2×2 block, halves up
        let g = [0u8, 1, 10, 20, 2, 4, 30, 41];
        assert_eq!(area_resize(&g, 2, 4, 1, 1, 2).unwrap(), [2, 25]);
        // 2× up: each pixel repeated (nearest, exactly)
        assert_eq!(
            area_resize(&[9, 200], 1, 2, 1, 2, 4).unwrap(),
            [9, 9, 200, 200, 9, 9, 200, 200]
        );
    }

    #[test]
    fn errors_instead_of_panics() {
        assert!(area_resize(&[], 0, 1, 1, 1, 1).is_err());
        assert!(area_resize(&[0], 1, 1, 1, 0, 1).is_err());
        assert!(area_resize(&[0; 5], 1, 1, 5, 1, 1).is_err());
        assert!(area_resize(&[0; 3], 1, 2, 1, 1, 1).is_err());
        assert!(area_resize(&[0], 1, 1, 1, 1, MAX_OUT_SIDE + 1).is_err());
        let e = area_resize(&[], MAX_SOURCE_SIDE + 1, 1, 1, 1, 1).unwrap_err();
        assert!(e.to_string().contains("larger than"), "{e}");
        assert!(area_resize(&[], 4097, 4097, 1, 1, 1).is_err());
    }
}
