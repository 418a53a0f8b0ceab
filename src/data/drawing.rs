//! A drawn digit, preprocessed the way MNIST's digits were: the ink's bounding box is scaled so
//! its larger side is 20 pixels (aspect ratio kept, anti-aliased by area averaging) and placed in
//! a 28×28 frame so that its intensity-weighted centre of mass sits at the frame's centre.
//!
//! Source: the MNIST page (Y. LeCun, C. Cortes, C. Burges, <http://yann.lecun.com/exdb/mnist/>):
//! "The original black and white (bilevel) images from NIST were size normalized to fit in a
//! 20x20 pixel box while preserving their aspect ratio. The resulting images contain grey levels
//! as a result of the anti-aliasing technique used by the normalization algorithm. the images were
//! centered in a 28x28 image by computing the center of mass of the pixels, and translating the
//! image so as to position this point at the center of the 28x28 field."
//!
//! # The exact convention
//! - Pixels are ink intensities 0..255 (0 = no ink, as MNIST's background), row-major
//!   `(height, width)`; positions are pixel indices: pixel `(r, c)` sits at `(r, c)` (as
//!   `scipy.ndimage.center_of_mass` counts), so the frame's centre `(14, 14)` is pixel (14, 14).
//! - **Bounding box**: the smallest rectangle holding every pixel > 0.
//! - **Scale**: the box `bh × bw` becomes `round(bh·20 / L) × round(bw·20 / L)` with
//!   `L = max(bh, bw)` (halves up, at least 1 pixel), by the exact area average of
//!   [`super::resize::area_resize`] (a larger box is averaged down, a smaller one enlarged).
//! - **Centre of mass** `(cy, cx) = Σ I·(r, c) / Σ I`, computed on the scaled box.
//! - **Translation by whole pixels**: the box's top-left corner goes to
//!   `(round(14 − cy), round(14 − cx))` (halves away from zero), so the frame's centre of mass is
//!   within 0.5 px of `(14, 14)` on each axis. This is MNIST's own convention, measured on its
//!   digits (`tests/drawing.rs`): of the 10 000 test digits all but 3 have their larger side
//!   20 px (3 have 19), and every one has its centre of mass within 0.5 px of pixel (14, 14) —
//!   whole-pixel shifts, no second resampling of the grey levels. The corner is then clamped to `0..=28 − side` so no ink leaves the frame; only a very
//!   lopsided box (most of its ink within 6 px of one edge) lands further from the centre, and
//!   [`Framed::center_of_mass`] says where.

use super::resize::{area_resize, MAX_SOURCE_PIXELS, MAX_SOURCE_SIDE};
use crate::error::{Error, Result};

/// Side of MNIST's frame, in pixels.
pub const FRAME_SIDE: usize = 28;
/// Side of the box the ink is scaled into, in pixels.
pub const BOX_SIDE: usize = 20;

/// A drawing placed in the 28×28 frame, with the steps that placed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Framed {
    /// The frame `(28, 28)`, row-major, intensities 0..255 (0 = no ink).
    pub image: Vec<u8>,
    /// The ink's bounding box in the drawing, `[row0, col0, row1, col1]` (ends exclusive), pixels.
    pub bbox: [usize; 4],
    /// The scaled box `(height, width)`, its larger side [`BOX_SIDE`].
    pub scaled: (usize, usize),
    /// Where the scaled box's top-left corner sits in the frame, `(row, col)`, pixels.
    pub offset: (usize, usize),
    /// The frame's centre of mass `(row, col)` in pixel indices.
    pub center_of_mass: (f64, f64),
}

/// The smallest `[row0, col0, row1, col1]` (ends exclusive) holding every pixel > 0 of
/// `ink: (height, width)`, or `None` when there is no ink.
///
/// # Panics
/// If `ink.len() != height · width`.
pub fn bounding_box(ink: &[u8], height: usize, width: usize) -> Option<[usize; 4]> {
    assert_eq!(
        ink.len(),
        height * width,
        "bounding_box: ink must be (height, width)"
    );
    let mut b: Option<[usize; 4]> = None;
    for (r, row) in ink.chunks_exact(width.max(1)).enumerate() {
        let (Some(first), Some(last)) = (
            row.iter().position(|&v| v > 0),
            row.iter().rposition(|&v| v > 0),
        ) else {
            continue;
        };
        b = Some(match b {
            None => [r, first, r + 1, last + 1],
            Some([r0, c0, _, c1]) => [r0, c0.min(first), r + 1, c1.max(last + 1)],
        });
    }
    b
}

/// Intensity-weighted centre of mass `(row, col)` of `img: (height, width)` in pixel indices
/// (pixel `(r, c)` at `(r, c)`; accumulated in f64), or `None` when every pixel is 0.
///
/// # Panics
/// If `img.len() != height · width`.
pub fn center_of_mass(img: &[u8], height: usize, width: usize) -> Option<(f64, f64)> {
    assert_eq!(
        img.len(),
        height * width,
        "center_of_mass: img must be (height, width)"
    );
    let (mut m, mut sy, mut sx) = (0f64, 0f64, 0f64);
    for (i, &v) in img.iter().enumerate() {
        let v = v as f64;
        m += v;
        sy += v * (i / width) as f64;
        sx += v * (i % width) as f64;
    }
    (m > 0.0).then(|| (sy / m, sx / m))
}

/// `round(side · BOX_SIDE / longest)`, halves up, at least 1.
fn scaled_side(side: usize, longest: usize) -> usize {
    ((2 * side * BOX_SIDE + longest) / (2 * longest)).max(1)
}

/// Preprocesses a drawing like MNIST's digits (see the module docs for the exact convention):
/// bounding box → larger side 20 px, aspect ratio kept, area-averaged → whole-pixel translation
/// putting the centre of mass at the centre of a 28×28 frame.
///
/// # Shapes
/// `ink: (height, width)` row-major, any size up to the import's limits (e.g. a 280×280 canvas's
/// alpha channel); returns a [`Framed`] whose `image` is `(28, 28)`.
///
/// # Errors
/// [`Error::State`] for a drawing without ink ("the drawing is empty") or whose ink averages to
/// 0 in the box; [`Error::Shape`] when `ink` is not `height · width` long; [`Error::Config`]
/// (`drawing`) for a zero side or a canvas over [`MAX_SOURCE_SIDE`] per side /
/// [`MAX_SOURCE_PIXELS`] in all.
pub fn frame_drawing(ink: &[u8], height: usize, width: usize) -> Result<Framed> {
    if height == 0 || width == 0 {
        return Err(Error::config(
            "drawing",
            format!("a {width}×{height} canvas has no pixels"),
        ));
    }
    if height > MAX_SOURCE_SIDE || width > MAX_SOURCE_SIDE || height * width > MAX_SOURCE_PIXELS {
        return Err(Error::config(
            "drawing",
            format!(
                "a {width}×{height} canvas is larger than {MAX_SOURCE_PIXELS} pixels \
                 (sides ≤ {MAX_SOURCE_SIDE})"
            ),
        ));
    }
    if ink.len() != height * width {
        return Err(Error::Shape(format!(
            "the drawing holds {} values, expected height·width = {height}·{width}",
            ink.len()
        )));
    }
    let bbox = bounding_box(ink, height, width)
        .ok_or_else(|| Error::State("the drawing is empty: draw a digit first".into()))?;
    let [r0, c0, r1, c1] = bbox;
    let (bh, bw) = (r1 - r0, c1 - c0);
    let crop: Vec<u8> = (r0..r1)
        .flat_map(|r| ink[r * width + c0..r * width + c1].iter().copied())
        .collect();
    let longest = bh.max(bw);
    let (sh, sw) = (scaled_side(bh, longest), scaled_side(bw, longest));
    let scaled = area_resize(&crop, bh, bw, 1, sh, sw)?;
    let Some((cy, cx)) = center_of_mass(&scaled, sh, sw) else {
        // e.g. one faint dot on a huge canvas, averaged below one grey level
        return Err(Error::State(format!(
            "the ink is too faint or thin to survive scaling its {bw}×{bh} px box to {sw}×{sh}: \
             draw with a thicker stroke"
        )));
    };
    let centre = FRAME_SIDE as f64 / 2.0;
    let place =
        |c: f64, side: usize| ((centre - c).round().max(0.0) as usize).min(FRAME_SIDE - side);
    let (oy, ox) = (place(cy, sh), place(cx, sw));
    let mut image = vec![0u8; FRAME_SIDE * FRAME_SIDE];
    for (r, row) in scaled.chunks_exact(sw).enumerate() {
        let at = (oy + r) * FRAME_SIDE + ox;
        image[at..at + sw].copy_from_slice(row);
    }
    // The translation keeps every value, so the frame's mass is the box's, moved by the offset.
    let center_of_mass = (cy + oy as f64, cx + ox as f64);
    Ok(Framed {
        image,
        bbox,
        scaled: (sh, sw),
        offset: (oy, ox),
        center_of_mass,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_and_mass_of_a_hand_built_image() {
        // 3×4, ink at (0, 1) = 10 and (2, 2) = 30
        let img = [0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 30, 0];
        assert_eq!(bounding_box(&img, 3, 4), Some([0, 1, 3, 3]));
        let (cy, cx) = center_of_mass(&img, 3, 4).unwrap();
        assert!((cy - (10.0 * 0.0 + 30.0 * 2.0) / 40.0).abs() < 1e-12);
        assert!((cx - (10.0 * 1.0 + 30.0 * 2.0) / 40.0).abs() < 1e-12);
        assert_eq!(bounding_box(&[0; 12], 3, 4), None);
        assert_eq!(center_of_mass(&[0; 12], 3, 4), None);
    }

    #[test]
    fn a_single_pixel_becomes_a_centred_20_by_20_square() {
        let mut ink = vec![0u8; 50 * 40];
        ink[7 * 40 + 31] = 200;
        let f = frame_drawing(&ink, 50, 40).unwrap();
        assert_eq!(f.bbox, [7, 31, 8, 32]);
        assert_eq!(f.scaled, (20, 20));
        // centre of mass of the box (9.5, 9.5) → corner round(14 − 9.5) = 5 (halves away from 0)
        assert_eq!(f.offset, (5, 5));
        assert_eq!(f.center_of_mass, (14.5, 14.5));
        assert_eq!(f.image.iter().filter(|&&v| v == 200).count(), 400);
    }

    #[test]
    fn errors_instead_of_panics() {
        let e = frame_drawing(&[0; 6], 2, 3).unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
        assert!(frame_drawing(&[1; 5], 2, 3).is_err());
        assert!(frame_drawing(&[], 0, 3).is_err());
        assert!(frame_drawing(&[], MAX_SOURCE_SIDE + 1, 1).is_err());
        // one faint dot in a long line: the 1×2000 box averages to 0 at 20×1
        let mut faint = vec![0u8; 2000];
        faint[0] = 1;
        faint[1999] = 1;
        let e = frame_drawing(&faint, 1, 2000).unwrap_err();
        assert!(e.to_string().contains("too faint"), "{e}");
    }
}
