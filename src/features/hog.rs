//! Histogram of oriented gradients, as in CS231n assignment 1's `features.py` `hog_feature`
//! (after Dalal & Triggs, "Histograms of Oriented Gradients for Human Detection", CVPR 2005,
//! without their block normalisation, as in the exercise).
//!
//! Per image:
//! 1. grayscale `g = 0.299·R + 0.587·G + 0.144·B` (the exercise's `rgb2gray`, weights as written
//!    there; 1-channel images are used as they are), pixels 0..255;
//! 2. gradients by forward differences, as the exercise's `np.diff`:
//!    `gx[r, c] = g[r, c+1] − g[r, c]` (0 in the last column), `gy[r, c] = g[r+1, c] − g[r, c]`
//!    (0 in the last row); magnitude `√(gx² + gy²)` in gray levels per pixel;
//! 3. orientation `θ = atan2(gy, gx + 1e−15)·180/π + 90` degrees, folded into [0°, 180°)
//!    (unsigned gradients). Convention: **a vertical edge** (intensity changing along x,
//!    `gy = 0`) **has θ = 90° → bin 4**; a horizontal edge (`gx = 0`) has θ = 0° → bin 0;
//! 4. 9 bins of 20° each; cells of 8×8 pixels (`⌊H/8⌋ × ⌊W/8⌋` cells, trailing pixels ignored);
//!    each cell's value in bin `b` is the **mean over the cell's 64 pixels** of the magnitude of
//!    the pixels whose orientation falls in `b` (the exercise's `uniform_filter(size=8)` sampled
//!    at the cell centres).
//!
//! One deliberate difference from the exercise's code: there `θ` spans (−90°, 270°] and the bins
//! only take `0 < θ < 180`, so every gradient with `gx < 0` (a dark-to-bright edge from right to
//! left) and every purely horizontal edge is silently dropped. Here `θ` is folded into [0°, 180°)
//! so those gradients count, as the exercise's own description ("orientation 0–180°") intends.
//! For `gx > 0` the two agree bin for bin.
//!
//! The output order is the exercise's `orientation_histogram.ravel()`: index
//! `(cell_col · cells_down + cell_row) · 9 + bin` (its histogram is stored transposed).
//!
//! Arithmetic is f64 with no fused operations, so the scalar and SIMD wasm builds agree bit for
//! bit (the per-pixel loops are plain element-wise code the compiler vectorises; `atan2` is the
//! same libm routine in both).

use super::check_shape;
use crate::error::{Error, Result};

/// Orientation bins over [0°, 180°).
pub const HOG_ORIENTATIONS: usize = 9;
/// Cell side in pixels.
pub const HOG_CELL: usize = 8;

/// `F` of [`hog`]: `⌊H/8⌋ · ⌊W/8⌋ · 9` (144 for 32×32 CIFAR, 81 for 28×28 MNIST).
pub fn hog_dim(height: usize, width: usize) -> usize {
    (height / HOG_CELL) * (width / HOG_CELL) * HOG_ORIENTATIONS
}

/// The exercise's `rgb2gray` weights (sic: 0.144 for blue, not the ITU-R 601 0.114).
pub const GRAY_WEIGHTS: [f64; 3] = [0.299, 0.587, 0.144];

/// Grayscale `(H·W,)` of one `(H, W, C)` image, gray levels 0..255 (up to 262.65 for white
/// with the exercise's weights).
pub fn grayscale(image: &[u8], channels: usize) -> Vec<f64> {
    if channels == 1 {
        image.iter().map(|&p| p as f64).collect()
    } else {
        image
            .chunks_exact(channels)
            .map(|px| {
                GRAY_WEIGHTS[0] * px[0] as f64
                    + GRAY_WEIGHTS[1] * px[1] as f64
                    + GRAY_WEIGHTS[2] * px[2] as f64
            })
            .collect()
    }
}

/// The orientation bin (0..9) of a gradient `(gx, gy)`, by the convention in the module doc.
pub fn orientation_bin(gx: f64, gy: f64) -> usize {
    let mut theta = gy.atan2(gx + 1e-15) * (180.0 / std::f64::consts::PI) + 90.0;
    if theta >= 180.0 {
        theta -= 180.0;
    }
    if theta < 0.0 {
        theta += 180.0;
    }
    ((theta / (180.0 / HOG_ORIENTATIONS as f64)) as usize).min(HOG_ORIENTATIONS - 1)
}

/// HOG of one image into `out: (hog_dim,)`.
fn hog_one(image: &[u8], h: usize, w: usize, channels: usize, out: &mut [f32]) {
    let g = grayscale(image, channels);
    let (rows_c, cols_c) = (h / HOG_CELL, w / HOG_CELL);
    // Gradients and magnitudes of the whole image: element-wise, vectorisable.
    let mut gx = vec![0f64; h * w];
    let mut gy = vec![0f64; h * w];
    for r in 0..h {
        let row = &g[r * w..(r + 1) * w];
        let gxr = &mut gx[r * w..(r + 1) * w];
        for c in 0..w - 1 {
            gxr[c] = row[c + 1] - row[c];
        }
        if r + 1 < h {
            let next = &g[(r + 1) * w..(r + 2) * w];
            for ((d, &a), &b) in gy[r * w..(r + 1) * w].iter_mut().zip(row).zip(next) {
                *d = b - a;
            }
        }
    }
    let mag: Vec<f64> = gx
        .iter()
        .zip(&gy)
        .map(|(&x, &y)| (x * x + y * y).sqrt())
        .collect();
    let mut hist = [0f64; HOG_ORIENTATIONS];
    let area = (HOG_CELL * HOG_CELL) as f64;
    for cr in 0..rows_c {
        for cc in 0..cols_c {
            hist.fill(0.0);
            for r in cr * HOG_CELL..(cr + 1) * HOG_CELL {
                for c in cc * HOG_CELL..(cc + 1) * HOG_CELL {
                    let i = r * w + c;
                    if mag[i] > 0.0 {
                        hist[orientation_bin(gx[i], gy[i])] += mag[i];
                    }
                }
            }
            let o = (cc * rows_c + cr) * HOG_ORIENTATIONS;
            for (dst, &v) in out[o..o + HOG_ORIENTATIONS].iter_mut().zip(&hist) {
                *dst = (v / area) as f32;
            }
        }
    }
}

/// HOG features of every image.
///
/// # Shapes
/// `images: (N, H, W, C)` pixels 0..255 interleaved, `C ∈ {1, 3}`; returns `(N, ⌊H/8⌋·⌊W/8⌋·9)`
/// f32, each value a mean gradient magnitude in gray levels per pixel (≥ 0).
///
/// # Errors
/// A shape that does not divide `images`, `C ∉ {1, 3}`, or `H < 8` or `W < 8`.
///
/// Source: CS231n assignment 1, `features.py` `hog_feature` (see the module doc for the one
/// difference).
pub fn hog(images: &[u8], height: usize, width: usize, channels: usize) -> Result<Vec<f32>> {
    let n = check_shape(images, height, width, channels)?;
    if height < HOG_CELL || width < HOG_CELL {
        return Err(Error::Shape(format!(
            "HOG needs images of at least 8×8 pixels, got {height}×{width}"
        )));
    }
    let f = hog_dim(height, width);
    let d = height * width * channels;
    let mut out = vec![0f32; n * f];
    for (img, o) in images.chunks_exact(d).zip(out.chunks_exact_mut(f)) {
        hog_one(img, height, width, channels, o);
    }
    Ok(out)
}
