//! The import's area-average resize (`src/data/resize.rs`) against an independent f64 computation:
//! each output pixel integrates the source image (a piecewise-constant function on the unit
//! square) over the output pixel's rectangle in real coordinates, clipping rectangles in f64 —
//! no integer weights shared with the core. Then the core's value must be that mean rounded
//! (halves up), at every pixel, for case C21 (issue 10), non-integer ratios, RGB and upscaling.

use classplay::data::resize::area_resize;
use classplay::rng::{rng_for, Stream};
use rand::RngExt;

/// The exact area mean of output pixel `(oy, ox)`, channel `c`, in f64.
#[allow(clippy::too_many_arguments)]
fn area_mean_f64(
    x: &[u8],
    h: usize,
    w: usize,
    ch: usize,
    oh: usize,
    ow: usize,
    oy: usize,
    ox: usize,
    c: usize,
) -> f64 {
    // the output pixel's rectangle in source pixel units
    let (x0, x1) = (
        ox as f64 * w as f64 / ow as f64,
        (ox + 1) as f64 * w as f64 / ow as f64,
    );
    let (y0, y1) = (
        oy as f64 * h as f64 / oh as f64,
        (oy + 1) as f64 * h as f64 / oh as f64,
    );
    let mut sum = 0.0;
    for j in 0..h {
        let dy = (y1.min(j as f64 + 1.0) - y0.max(j as f64)).max(0.0);
        if dy == 0.0 {
            continue;
        }
        for i in 0..w {
            let dx = (x1.min(i as f64 + 1.0) - x0.max(i as f64)).max(0.0);
            sum += dx * dy * x[(j * w + i) * ch + c] as f64;
        }
    }
    sum / ((x1 - x0) * (y1 - y0))
}

/// Checks every output value against the f64 mean: equal to it rounded, within 1e-9 of a half
/// where rounding could go either way in f64.
fn check(x: &[u8], h: usize, w: usize, ch: usize, oh: usize, ow: usize) -> Vec<u8> {
    let out = area_resize(x, h, w, ch, oh, ow).unwrap();
    assert_eq!(out.len(), oh * ow * ch);
    for oy in 0..oh {
        for ox in 0..ow {
            for c in 0..ch {
                let m = area_mean_f64(x, h, w, ch, oh, ow, oy, ox, c);
                let got = out[(oy * ow + ox) * ch + c] as f64;
                let near_half = (m - m.floor() - 0.5).abs() < 1e-9;
                assert!(
                    got == (m + 0.5).floor() || (near_half && (got - m).abs() <= 0.5 + 1e-9),
                    "{w}×{h}×{ch} → {ow}×{oh}: ({oy}, {ox}, {c}) got {got}, mean {m}"
                );
            }
        }
    }
    out
}

/// A 64×64 one-pixel black / white checkerboard (`(y + x)` even: black).
fn checkerboard(side: usize, ch: usize) -> Vec<u8> {
    (0..side * side)
        .flat_map(|p| {
            let v = if (p / side + p % side) % 2 == 0 {
                0
            } else {
                255
            };
            std::iter::repeat_n(v, ch)
        })
        .collect()
}

/// Case C21: 64×64 RGB checkerboard → 28×28; every pixel within 127.5 ± 16 (the exact area
/// average lies in 125.5–129.5), grayscale (the page's BT.601 luma of an RGB gray is the gray)
/// and RGB alike.
#[test]
fn c21_checkerboard_is_gray_at_every_pixel() {
    for ch in [1, 3, 4] {
        let out = check(&checkerboard(64, ch), 64, 64, ch, 28, 28);
        let (lo, hi) = (*out.iter().min().unwrap(), *out.iter().max().unwrap());
        assert!(
            (127.5 - 16.0..=127.5 + 16.0).contains(&(lo as f64))
                && (127.5 - 16.0..=127.5 + 16.0).contains(&(hi as f64)),
            "channels {ch}: {lo}..={hi}"
        );
        assert!(lo >= 125 && hi <= 130, "exact area average: {lo}..={hi}");
    }
}

#[test]
fn non_integer_ratios_and_rgb_equal_the_f64_area_mean() {
    let mut rng = rng_for(21, Stream::Init);
    for (h, w, ch, oh, ow) in [
        (37, 53, 3, 28, 28),
        (100, 75, 1, 32, 32),
        (33, 33, 3, 32, 32),
        (29, 31, 4, 28, 13),
        (7, 5, 3, 3, 2),
        (300, 200, 3, 17, 23),
    ] {
        let x: Vec<u8> = (0..h * w * ch)
            .map(|_| rng.random_range(0..=255u32) as u8)
            .collect();
        check(&x, h, w, ch, oh, ow);
    }
}

/// Upscaling is the same area average: integer factors repeat pixels exactly (nearest), a
/// non-integer factor blends the two pixels a boundary splits by their overlap.
#[test]
fn upscaling_repeats_or_blends_by_overlap() {
    let x = [0u8, 255, 100, 50];
    let up = check(&x, 2, 2, 1, 4, 4);
    assert_eq!(
        up,
        [0, 0, 255, 255, 0, 0, 255, 255, 100, 100, 50, 50, 100, 100, 50, 50]
    );
    // 2 → 3 columns: the middle column covers half of each source pixel
    assert_eq!(check(&[0, 255], 1, 2, 1, 1, 3), [0, 128, 255]);
    let mut rng = rng_for(22, Stream::Init);
    let x: Vec<u8> = (0..16 * 12 * 3)
        .map(|_| rng.random_range(0..=255u32) as u8)
        .collect();
    check(&x, 12, 16, 3, 28, 28);
}
