//! "Draw your own digit" (issue 12, item 6): the MNIST-style framing of a drawing
//! (`src/data/drawing.rs`) against an independent f64 reference written here — bounding box by
//! plain loops, the box scale, the area average by real-valued overlaps, the centre of mass — and
//! real MNIST test digits, re-framed from an off-centre 3× copy on a larger canvas, against
//! themselves: close in pixels and classified the same by k-NN and by a trained linear classifier
//! (`src/draw.rs`, which is also checked against a direct `(x − mean)·w` in f64).

mod common;
use classplay::data::drawing::{frame_drawing, BOX_SIDE, FRAME_SIDE};
use classplay::draw::{knn_answer, linear_answer};
use classplay::knn_run::{KnnRun, Subset};
use classplay::models::knn::Metric;
use classplay::{Dataset, DatasetKind, Solver, TrainConfig};
use common::mnist_file;

// ---- the reference, in f64 -----------------------------------------------------------------

/// `[row0, col0, row1, col1]` (ends exclusive) of the pixels > 0, by one loop over every pixel.
fn ref_bbox(ink: &[u8], h: usize, w: usize) -> Option<[usize; 4]> {
    let (mut r0, mut c0, mut r1, mut c1) = (usize::MAX, usize::MAX, 0, 0);
    for r in 0..h {
        for c in 0..w {
            if ink[r * w + c] > 0 {
                r0 = r0.min(r);
                c0 = c0.min(c);
                r1 = r1.max(r + 1);
                c1 = c1.max(c + 1);
            }
        }
    }
    (r1 > 0).then_some([r0, c0, r1, c1])
}

/// The scaled box: larger side 20, the other `round(side · 20 / larger)`, at least 1.
fn ref_dims(bh: usize, bw: usize) -> (usize, usize) {
    let l = bh.max(bw) as f64;
    let s = |v: usize| ((v as f64 * 20.0 / l).round() as usize).max(1);
    (s(bh), s(bw))
}

/// Length of `[a0, a1) ∩ [b0, b1)`.
fn overlap(a0: f64, a1: f64, b0: f64, b1: f64) -> f64 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}

/// The area average of `src: (h, w)` at `(oh, ow)`, unrounded: each output pixel is the mean of
/// the source area it covers, by real-valued overlaps.
fn ref_area(src: &[u8], h: usize, w: usize, oh: usize, ow: usize) -> Vec<f64> {
    let (fy, fx) = (h as f64 / oh as f64, w as f64 / ow as f64);
    let mut out = vec![0f64; oh * ow];
    for y in 0..oh {
        for x in 0..ow {
            let mut s = 0f64;
            for j in 0..h {
                let wy = overlap(y as f64 * fy, (y + 1) as f64 * fy, j as f64, j as f64 + 1.0);
                if wy == 0.0 {
                    continue;
                }
                for i in 0..w {
                    let wx = overlap(x as f64 * fx, (x + 1) as f64 * fx, i as f64, i as f64 + 1.0);
                    s += wy * wx * src[j * w + i] as f64;
                }
            }
            out[y * ow + x] = s / (fx * fy);
        }
    }
    out
}

/// Intensity-weighted centre of mass `(row, col)` in pixel indices (pixel `(r, c)` at `(r, c)`).
fn ref_com(img: &[u8], h: usize, w: usize) -> (f64, f64) {
    let (mut m, mut sy, mut sx) = (0f64, 0f64, 0f64);
    for r in 0..h {
        for c in 0..w {
            let v = img[r * w + c] as f64;
            m += v;
            sy += v * r as f64;
            sx += v * c as f64;
        }
    }
    (sy / m, sx / m)
}

/// Distance from `(y, x)` to the segment `a–b`.
fn dist_to_segment((y, x): (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dy, dx) = (b.0 - a.0, b.1 - a.1);
    let t = (((y - a.0) * dy + (x - a.1) * dx) / (dy * dy + dx * dx)).clamp(0.0, 1.0);
    ((y - a.0 - t * dy).powi(2) + (x - a.1 - t * dx).powi(2)).sqrt()
}

/// A thick anti-aliased polyline (a brush of `radius` px) on an `h × w` canvas, ink 0..255.
fn stroke(h: usize, w: usize, points: &[(f64, f64)], radius: f64) -> Vec<u8> {
    let mut ink = vec![0u8; h * w];
    for r in 0..h {
        for c in 0..w {
            let p = (r as f64 + 0.5, c as f64 + 0.5);
            let d = points
                .windows(2)
                .map(|s| dist_to_segment(p, s[0], s[1]))
                .fold(f64::INFINITY, f64::min);
            ink[r * w + c] = ((radius + 0.5 - d).clamp(0.0, 1.0) * 255.0).round() as u8;
        }
    }
    ink
}

/// Checks one drawing's frame against the reference, step by step; returns the frame.
fn check_against_reference(name: &str, ink: &[u8], h: usize, w: usize) -> Vec<u8> {
    let f = frame_drawing(ink, h, w).unwrap();
    let bbox = ref_bbox(ink, h, w).unwrap();
    assert_eq!(f.bbox, bbox, "{name}: bounding box");
    let [r0, c0, r1, c1] = bbox;
    let (bh, bw) = (r1 - r0, c1 - c0);
    let (sh, sw) = ref_dims(bh, bw);
    assert_eq!(f.scaled, (sh, sw), "{name}: scaled box of {bh}×{bw}");
    assert_eq!(sh.max(sw), BOX_SIDE, "{name}: the larger side is 20 px");
    let crop: Vec<u8> = (r0..r1)
        .flat_map(|r| (c0..c1).map(move |c| (r, c)))
        .map(|(r, c)| ink[r * w + c])
        .collect();
    let want = ref_area(&crop, bh, bw, sh, sw);
    let (oy, ox) = f.offset;
    assert!(
        oy + sh <= FRAME_SIDE && ox + sw <= FRAME_SIDE,
        "{name}: inside the frame"
    );
    for r in 0..FRAME_SIDE {
        for c in 0..FRAME_SIDE {
            let got = f.image[r * FRAME_SIDE + c] as f64;
            let inside = (oy..oy + sh).contains(&r) && (ox..ox + sw).contains(&c);
            let expected = if inside {
                want[(r - oy) * sw + (c - ox)]
            } else {
                0.0
            };
            assert!(
                (got - expected).abs() <= 0.5 + 1e-9,
                "{name}: pixel ({r}, {c}) is {got}, the area average {expected}"
            );
        }
    }
    let (cy, cx) = ref_com(&f.image, FRAME_SIDE, FRAME_SIDE);
    assert!(
        (cy - 14.0).abs() <= 0.5 && (cx - 14.0).abs() <= 0.5,
        "{name}: centre of mass ({cy}, {cx}) is not within 0.5 px of (14, 14)"
    );
    assert!((f.center_of_mass.0 - cy).abs() < 1e-9 && (f.center_of_mass.1 - cx).abs() < 1e-9);
    f.image
}

// ---- synthetic strokes ---------------------------------------------------------------------

#[test]
fn a_synthetic_seven_matches_the_reference() {
    let pts = [(60.0, 40.0), (60.0, 200.0), (210.0, 110.0)];
    let seven = check_against_reference("7", &stroke(240, 300, &pts, 9.0), 240, 300);
    // The same stroke elsewhere on the canvas frames identically (the box is all that matters).
    let moved: Vec<_> = pts.iter().map(|&(y, x)| (y + 17.0, x + 61.0)).collect();
    assert_eq!(
        frame_drawing(&stroke(240, 300, &moved, 9.0), 240, 300)
            .unwrap()
            .image,
        seven
    );
    // Drawn twice as large (brush too), it frames nearly the same: only the anti-aliasing differs.
    let big: Vec<_> = pts.iter().map(|&(y, x)| (2.0 * y, 2.0 * x)).collect();
    let twice = check_against_reference("7 at 2×", &stroke(480, 600, &big, 18.0), 480, 600);
    let mad = seven
        .iter()
        .zip(&twice)
        .map(|(&a, &b)| (a as f64 - b as f64).abs())
        .sum::<f64>()
        / 784.0;
    assert!(mad < 4.0, "mean |difference| {mad} grey levels");
}

#[test]
fn a_vertical_stroke_and_a_circle_match_the_reference() {
    // a "1": a box 19 px wide, 180 tall → 2×20
    let one = stroke(280, 280, &[(50.0, 140.0), (230.0, 140.0)], 9.0);
    check_against_reference("1", &one, 280, 280);
    // a "0": a ring (polyline of 48 segments)
    let ring: Vec<(f64, f64)> = (0..=48)
        .map(|i| {
            let t = i as f64 / 48.0 * std::f64::consts::TAU;
            (140.0 + 90.0 * t.sin(), 140.0 + 60.0 * t.cos())
        })
        .collect();
    check_against_reference("0", &stroke(280, 280, &ring, 10.0), 280, 280);
    // a lopsided box: a long thin bar along the top edge with one dot under its left end; the
    // mass sits in the top row, the box is clamped inside the frame, no ink is lost
    let mut ink = vec![0u8; 100 * 100];
    ink[..100].fill(255);
    ink[99 * 100] = 255;
    let f = frame_drawing(&ink, 100, 100).unwrap();
    let sum = |v: &[u8]| v.iter().map(|&x| x as u64).sum::<u64>();
    let crop_scaled: u64 = ref_area(&ink, 100, 100, 20, 20)
        .iter()
        .map(|v| v.round() as u64)
        .sum();
    assert!(sum(&f.image).abs_diff(crop_scaled) <= 400, "no ink is lost");
    assert_eq!(
        f.offset.0, 8,
        "the box is clamped at the bottom edge (28 − 20)"
    );
}

// ---- real MNIST digits ---------------------------------------------------------------------

fn mnist(file: &str, labels: &str, limit: usize) -> Dataset {
    let mut d = Dataset::empty(DatasetKind::Mnist);
    d.append_mnist(&mnist_file(file), &mnist_file(labels), Some(limit))
        .unwrap();
    d
}

/// MNIST digit `img` cropped to its ink, enlarged 3× (each pixel a 3×3 block) and pasted at
/// `(top, left)` of an `h × w` canvas.
fn paste_3x(img: &[u8], h: usize, w: usize, top: usize, left: usize) -> Vec<u8> {
    let [r0, c0, r1, c1] = ref_bbox(img, 28, 28).unwrap();
    let mut canvas = vec![0u8; h * w];
    for r in r0..r1 {
        for c in c0..c1 {
            for dy in 0..3 {
                for dx in 0..3 {
                    canvas[(top + 3 * (r - r0) + dy) * w + left + 3 * (c - c0) + dx] =
                        img[r * 28 + c];
                }
            }
        }
    }
    canvas
}

#[test]
fn mnist_digits_reframed_come_back_close_and_classified_the_same() {
    let train = mnist(
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        5000,
    );
    let test = mnist(
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
        200,
    );
    let knn = KnnRun::new(&train, &test, 5000, 200, Subset::First, 1).unwrap();
    let cfg = TrainConfig {
        num_train: 4000,
        num_val: 1000,
        num_iters: 300,
        ..TrainConfig::default()
    };
    let mut solver = Solver::new(&train, cfg).unwrap();
    solver.train(&train, 300).unwrap();

    let (mut mad_sum, mut same_knn, mut same_linear) = (0f64, 0, 0);
    for i in 0..test.len() {
        let orig = test.image(i);
        // off-centre on a 120 × 110 canvas (a 3× MNIST box is at most 84 px)
        let canvas = paste_3x(orig, 120, 110, 3 + i % 29, 20 + i % 23);
        let framed = check_against_reference(&format!("test digit {i}"), &canvas, 120, 110);
        mad_sum += orig
            .iter()
            .zip(&framed)
            .map(|(&a, &b)| (a as f64 - b as f64).abs())
            .sum::<f64>()
            / 784.0;
        let a = knn_answer(&knn, orig, Metric::L2, 3).unwrap();
        let b = knn_answer(&knn, &framed, Metric::L2, 3).unwrap();
        same_knn += (a.label == b.label) as usize;
        let argmax = |v: &[f32]| {
            (0..v.len())
                .max_by(|&x, &y| v[x].total_cmp(&v[y]).then(y.cmp(&x)))
                .unwrap()
        };
        let a = linear_answer(&solver, &train, orig).unwrap();
        let b = linear_answer(&solver, &train, &framed).unwrap();
        same_linear += (argmax(&a.scores) == argmax(&b.scores)) as usize;
    }
    let mad = mad_sum / test.len() as f64;
    eprintln!(
        "re-framed MNIST test digits: mean |difference| {mad:.2} grey levels; same k-NN class \
         {same_knn}/{n}, same linear class {same_linear}/{n}",
        n = test.len()
    );
    assert!(mad < 1.0, "mean |difference| {mad} grey levels");
    assert!(same_knn >= 198, "k-NN: {same_knn} / 200 the same");
    assert!(same_linear >= 198, "linear: {same_linear} / 200 the same");
}

#[test]
fn the_answers_match_a_direct_computation() {
    let train = mnist(
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        1500,
    );
    let test = mnist("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 10);
    let cfg = TrainConfig {
        num_train: 1000,
        num_val: 500,
        num_iters: 30,
        ..TrainConfig::default()
    };
    let mut solver = Solver::new(&train, cfg).unwrap();
    solver.train(&train, 30).unwrap();
    let pts = [(60.0, 140.0), (230.0, 130.0)];
    let img = frame_drawing(&stroke(280, 280, &pts, 10.0), 280, 280)
        .unwrap()
        .image;

    // linear: scores_j = Σ_d (x_d − mean_d)·w[d, j] + bias (the bias trick's last row of w)
    let a = linear_answer(&solver, &train, &img).unwrap();
    let (d, c) = (784, solver.model.c);
    assert!(cfg.bias_trick, "the default run uses the bias trick");
    let w = &solver.model.w;
    let scores: Vec<f64> = (0..c)
        .map(|j| {
            (0..d)
                .map(|k| (img[k] as f64 - solver.mean[k] as f64) * w[k * c + j] as f64)
                .sum::<f64>()
                + w[d * c + j] as f64
        })
        .collect();
    let z: f64 = scores.iter().map(|s| s.exp()).sum();
    for (j, s) in scores.iter().enumerate() {
        assert!((a.scores[j] as f64 - s).abs() < 1e-3 * (1.0 + s.abs()));
        assert!((a.probs[j] as f64 - s.exp() / z).abs() < 1e-4);
    }

    // k-NN: squared L2 to every training image, the 5 nearest (ties to the lower row), the vote
    let knn = KnnRun::new(&train, &test, 1500, 10, Subset::First, 1).unwrap();
    let b = knn_answer(&knn, &img, Metric::L2, 5).unwrap();
    let mut all: Vec<(u64, u32)> = (0..1500)
        .map(|j| {
            let t = train.image(j);
            let d2: u64 = (0..784)
                .map(|k| (img[k] as i64 - t[k] as i64).pow(2) as u64)
                .sum();
            (d2, j as u32)
        })
        .collect();
    all.sort();
    let want: Vec<(u32, u64)> = all[..5].iter().map(|&(d2, j)| (j, d2)).collect();
    assert_eq!(b.neighbors, want);
    let mut counts = [0usize; 10];
    for &(j, _) in &want {
        counts[train.labels[j as usize] as usize] += 1;
    }
    let best = (0..10)
        .max_by(|&x, &y| counts[x].cmp(&counts[y]).then(y.cmp(&x)))
        .unwrap();
    assert_eq!(b.label as usize, best);

    // wrong sizes are refused with a message, never a panic
    let e = linear_answer(&solver, &train, &[0; 3072]).unwrap_err();
    assert!(e.to_string().contains("28×28"), "{e}");
    assert!(knn_answer(&knn, &[0; 10], Metric::L1, 1).is_err());
    assert!(knn_answer(&knn, &img, Metric::L1, 0).is_err());
}

#[test]
fn mnist_own_digits_follow_the_convention() {
    // The convention of src/data/drawing.rs, read off the data: MNIST's test digits have an ink
    // box whose larger side is 20 px (all but 3 of the 10 000: 19 px), and a centre of mass
    // (pixel indices) within 0.5 px of (14, 14) — whole-pixel translation, as the module docs say.
    let test = mnist(
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
        10_000,
    );
    let (mut not_20, mut worst_side, mut worst_com) = (0usize, 0usize, 0f64);
    for i in 0..test.len() {
        let [r0, c0, r1, c1] = ref_bbox(test.image(i), 28, 28).unwrap();
        let off = (r1 - r0).max(c1 - c0).abs_diff(20);
        not_20 += (off > 0) as usize;
        worst_side = worst_side.max(off);
        let (cy, cx) = ref_com(test.image(i), 28, 28);
        worst_com = worst_com.max((cy - 14.0).abs()).max((cx - 14.0).abs());
    }
    assert_eq!(test.len(), 10_000);
    assert!(
        not_20 <= 3 && worst_side <= 1,
        "{not_20} digits' larger side is not 20 px (up to {worst_side} px off)"
    );
    assert!(
        worst_com <= 0.5,
        "a centre of mass {worst_com} px off (14, 14)"
    );
}
