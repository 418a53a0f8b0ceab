//! The 2-D toy problems of the geometric view: three classes of points in the plane, seeded,
//! in layouts a linear classifier can (blobs) or cannot (XOR, rings) separate, and a seeded start
//! for the classifier's `w: (2, 3)`, `b: (3,)`.
//!
//! Source: CS231n notes, "Linear classification", §"Interpreting a linear classifier"; the XOR
//! argument: Minsky & Papert, "Perceptrons" (1969).

use crate::error::{Error, Result};
use crate::label::Label;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::f64::consts::PI;
use std::str::FromStr;

/// Input dimension of the toy problem.
pub const D: usize = 2;
/// Classes of the toy problem.
pub const C: usize = 3;
/// Most points per class.
pub const MAX_PER_CLASS: usize = 500;
/// The view every layout fits in: `[x0, y0, x1, y1]`.
pub const BOUNDS: [f64; 4] = [-2.0, -2.0, 2.0, 2.0];

/// Toy streams start from this tag (no draws shared with [`crate::rng::Stream`] or the race).
const TOY_STREAM: u64 = 0x47;

/// A seeded layout of the three classes (the `layout` key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Layout {
    /// Three round blobs on a circle of radius 1 (truncated at 2.5 σ): linearly separable.
    Blobs = 0,
    /// Classes 0 and 1 on opposite corners of a square (the XOR pattern), class 2 in the middle.
    /// A class's region is convex, so a linear classifier gets only about 2 of 3 points right
    /// (see [`Layout::linear_bound`]).
    Xor = 1,
    /// A disc inside two rings: the regions a linear classifier can draw are not rings.
    Rings = 2,
}

impl Layout {
    /// The snake_case name of the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Blobs => "blobs",
            Layout::Xor => "xor",
            Layout::Rings => "rings",
        }
    }

    /// The best accuracy a linear classifier can reach on this layout when each cluster shrinks
    /// to a point (the seeded clusters have a spread, so this is approximate): 1 for blobs; 2/3
    /// for XOR. Each class's region `{x : s_c(x) ≥ s_j(x) ∀j}` is an intersection of half-planes,
    /// hence convex: a region holding both opposite corners of class 0 holds the centre between
    /// them, and so would class 1's; so at most one corner of class 0, one of class 1 and the
    /// centre are right: ½n + ½n + n of 3n points. `None` when not known (rings).
    pub fn linear_bound(self) -> Option<f64> {
        match self {
            Layout::Blobs => Some(1.0),
            Layout::Xor => Some(2.0 / 3.0),
            Layout::Rings => None,
        }
    }
}

impl FromStr for Layout {
    type Err = Error;

    /// # Errors
    /// [`Error::Config`] with key `layout` for anything but `blobs`, `xor`, `rings`.
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "blobs" => Ok(Layout::Blobs),
            "xor" => Ok(Layout::Xor),
            "rings" => Ok(Layout::Rings),
            _ => Err(Error::config(
                "layout",
                format!("unknown {s:?}; expected blobs, xor or rings"),
            )),
        }
    }
}

/// A standard normal draw truncated to `|z| ≤ 2.5` (so seeded blobs never overlap).
fn truncated_normal(rng: &mut Xoshiro256PlusPlus) -> f64 {
    loop {
        let z: f64 = StandardNormal.sample(rng);
        if z.abs() <= 2.5 {
            return z;
        }
    }
}

/// The points `x: (N, 2)` and labels `y: (N,)` of `layout`, `num_per_class` points per class,
/// class by class, all inside [`BOUNDS`].
///
/// # Errors
/// [`Error::Config`] with key `num_per_class` outside `1..=`[`MAX_PER_CLASS`].
pub fn toy_layout(
    layout: Layout,
    num_per_class: usize,
    seed: u32,
) -> Result<(Vec<f64>, Vec<Label>)> {
    if !(1..=MAX_PER_CLASS).contains(&num_per_class) {
        return Err(Error::config(
            "num_per_class",
            format!("must be in 1..={MAX_PER_CLASS}, got {num_per_class}"),
        ));
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64((TOY_STREAM << 32) | seed as u64);
    let mut x = Vec::with_capacity(num_per_class * C * D);
    let mut y = Vec::with_capacity(num_per_class * C);
    for c in 0..C {
        for i in 0..num_per_class {
            let (px, py) = match layout {
                Layout::Blobs => {
                    let a = PI / 2.0 + 2.0 * PI * c as f64 / C as f64;
                    let s = 0.25;
                    (
                        a.cos() + s * truncated_normal(&mut rng),
                        a.sin() + s * truncated_normal(&mut rng),
                    )
                }
                Layout::Xor => {
                    // Class 0 on (−1, 1) and (1, −1), class 1 on (1, 1) and (−1, −1), alternating.
                    let (cx, cy) = match (c, i % 2) {
                        (0, 0) => (-1.0, 1.0),
                        (0, _) => (1.0, -1.0),
                        (1, 0) => (1.0, 1.0),
                        (1, _) => (-1.0, -1.0),
                        _ => (0.0, 0.0),
                    };
                    let s = 0.2;
                    (
                        cx + s * truncated_normal(&mut rng),
                        cy + s * truncated_normal(&mut rng),
                    )
                }
                Layout::Rings => {
                    let (r0, r1) = [(0.0, 0.45), (0.85, 1.15), (1.5, 1.8)][c];
                    // Uniform over the annulus's area.
                    let u: f64 = rng.random_range(0.0..1.0);
                    let r = (r0 * r0 + u * (r1 * r1 - r0 * r0)).sqrt();
                    let a: f64 = rng.random_range(0.0..2.0 * PI);
                    (r * a.cos(), r * a.sin())
                }
            };
            x.extend([px, py]);
            y.push(c as Label);
        }
    }
    Ok((x, y))
}

/// A seeded start for `(w: (2, 3), b: (3,))`: each `w_c` a unit vector at a random angle, each
/// `b_c` uniform in `[−0.5, 0.5]`, so every line crosses the view near its centre.
pub fn initial_params(seed: u32) -> (Vec<f64>, Vec<f64>) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(((TOY_STREAM + 1) << 32) | seed as u64);
    let mut w = vec![0.0; D * C];
    for c in 0..C {
        let a: f64 = rng.random_range(0.0..2.0 * PI);
        w[c] = a.cos(); // row 0 (x) of w: (2, 3)
        w[C + c] = a.sin(); // row 1 (y)
    }
    let b = (0..C).map(|_| rng.random_range(-0.5..0.5)).collect();
    (w, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_seeded_inside_the_view_and_balanced() {
        for layout in [Layout::Blobs, Layout::Xor, Layout::Rings] {
            let (x, y) = toy_layout(layout, 30, 7).unwrap();
            assert_eq!((x.len(), y.len()), (180, 90));
            assert_eq!(toy_layout(layout, 30, 7).unwrap().0, x);
            assert_ne!(toy_layout(layout, 30, 8).unwrap().0, x);
            assert!(x.iter().all(|v| (BOUNDS[0]..=BOUNDS[2]).contains(v)));
            for c in 0..3 as Label {
                assert_eq!(y.iter().filter(|&&v| v == c).count(), 30);
            }
        }
        assert!(toy_layout(Layout::Blobs, 0, 1).is_err());
        assert!("spiral".parse::<Layout>().is_err());
    }
}
