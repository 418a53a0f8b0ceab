//! A colour histogram of hue, as in CS231n assignment 1's `features.py` `color_histogram_hsv`
//! (`nbin=10, xmin=0, xmax=255, normalized=True`).
//!
//! Per RGB pixel the hue is matplotlib's `rgb_to_hsv`: with `max`, `min` of (R, G, B) and
//! `Δ = max − min`, hue = 0 when `Δ = 0` (grays), otherwise (blue taking precedence over green
//! over red when several channels tie for the maximum, as matplotlib assigns them in that order)
//! `4 + (R−G)/Δ` if B is the max, `2 + (B−R)/Δ` if G is, `(G−B)/Δ` if R is; then
//! `hue = (hue/6) mod 1`, scaled to [0, 255). The 10 bins split [0, 255] evenly (25.5 wide, the
//! last one closed); each bin holds the **fraction of the image's pixels** whose hue falls in it
//! (numpy's `density=True` histogram times the bin width), so a histogram sums to 1.
//!
//! Reading the bins: pure red → bin 0 (hue 0), yellow → 1 (42.5), green → 3 (85), cyan → 5
//! (127.5), blue → 6 (170), magenta → 8 (212.5). Every gray pixel lands in bin 0.
//!
//! **Grayscale images (1 channel, MNIST)** have no hue: every pixel would fall in bin 0 and the
//! feature would be constant. For them this function returns an **intensity histogram** instead:
//! the same 10 bins over pixel values 0..255, as fractions of the image. The page says so next to
//! the Features setting.

use super::check_shape;
use crate::error::Result;

/// Bins of [`color_hist`].
pub const COLOR_HIST_BINS: usize = 10;

/// Hue of one RGB pixel (0..255 each) in [0, 1), matplotlib's `rgb_to_hsv` convention.
pub fn hue(r: u8, g: u8, b: u8) -> f64 {
    // On im / 255 as the exercise does (`rgb_to_hsv(im / xmax)`), so a hue on a bin edge rounds
    // the same way.
    let (r, g, b) = (r as f64 / 255.0, g as f64 / 255.0, b as f64 / 255.0);
    let mx = r.max(g).max(b);
    let delta = mx - r.min(g).min(b);
    if delta <= 0.0 {
        return 0.0;
    }
    let h = if b == mx {
        4.0 + (r - g) / delta
    } else if g == mx {
        2.0 + (b - r) / delta
    } else {
        (g - b) / delta
    };
    (h / 6.0).rem_euclid(1.0)
}

/// The bin (0..10) of a value in [0, 255]: `⌊v / 25.5⌋`, 255 in the last bin.
pub fn bin_of(v: f64) -> usize {
    ((v / (255.0 / COLOR_HIST_BINS as f64)) as usize).min(COLOR_HIST_BINS - 1)
}

/// Hue histograms (RGB) or intensity histograms (grayscale) of every image.
///
/// # Shapes
/// `images: (N, H, W, C)` pixels 0..255 interleaved, `C ∈ {1, 3}`; returns `(N, 10)` f32, each
/// row the fraction of the image's pixels per bin (sums to 1).
///
/// # Errors
/// A shape that does not divide `images`, or `C ∉ {1, 3}`.
///
/// Source: CS231n assignment 1, `features.py` `color_histogram_hsv`; the grayscale fallback is
/// ClassPlay's (see the module doc).
pub fn color_hist(images: &[u8], height: usize, width: usize, channels: usize) -> Result<Vec<f32>> {
    let n = check_shape(images, height, width, channels)?;
    let d = height * width * channels;
    let px = (height * width) as f64;
    let mut out = vec![0f32; n * COLOR_HIST_BINS];
    for (img, o) in images
        .chunks_exact(d)
        .zip(out.chunks_exact_mut(COLOR_HIST_BINS))
    {
        let mut counts = [0u32; COLOR_HIST_BINS];
        if channels == 1 {
            for &p in img {
                counts[bin_of(p as f64)] += 1;
            }
        } else {
            for p in img.chunks_exact(3) {
                counts[bin_of(hue(p[0], p[1], p[2]) * 255.0)] += 1;
            }
        }
        for (dst, &c) in o.iter_mut().zip(&counts) {
            *dst = (c as f64 / px) as f32;
        }
    }
    Ok(out)
}
