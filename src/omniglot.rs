//! Omniglot: its 1-bit PNG characters decoded to grayscale, and the paper's one-shot benchmark
//! (20 runs of 20-way 1-shot classification, `all_runs.zip`) with a nearest neighbour under L1, L2
//! or the Modified Hausdorff Distance.
//!
//! Source: Lake, Salakhutdinov and Tenenbaum, "Human-level concept learning through probabilistic
//! program induction", Science 350 (2015) (the data and the benchmark); the repository
//! `brendenlake/omniglot`, `python/one-shot-classification/demo_classification.py` (the baseline
//! this module reproduces, 38.8 % mean error); Dubuisson and Jain, "A modified Hausdorff distance
//! for object matching", ICPR 1994, pp. 566–568 (the distance, their d₂₂ = MHD).
//!
//! Pixels are u8 0..255 as everywhere in the core; Omniglot's PNGs store white (1) as background
//! and black (0) as ink, so they decode to 255 (background) and 0 (ink).

use crate::error::{Error, Result};

/// Side of an Omniglot image, pixels (105 × 105).
pub const SIDE: usize = 105;
/// Largest decoded image, bytes: no PNG may claim more (guards the allocation).
pub const MAX_DECODED_BYTES: usize = 16 << 20;
/// A pixel below this (of 0..255) is ink: black in Omniglot's PNGs.
pub const INK_BELOW: u8 = 128;

/// Decodes one grayscale PNG (any bit depth; 1-bit Omniglot images expand to 0 / 255) into
/// `(height, width, pixels)`, `pixels: (height · width,)` u8 0..255 row-major. An alpha channel is
/// dropped; colour PNGs are refused.
///
/// # Errors
/// [`Error::Format`] naming `file` for bytes that are not a complete grayscale PNG.
pub fn decode_gray_png(bytes: &[u8], file: &str) -> Result<(usize, usize, Vec<u8>)> {
    let bad = |expected: &str, found: String| Error::format(file, 0, expected, found);
    let mut dec = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: MAX_DECODED_BYTES,
        },
    );
    // EXPAND: 1/2/4-bit gray to 8-bit, scaled to the full range (1-bit: 0 → 0, 1 → 255);
    // STRIP_16: 16-bit gray keeps its high byte.
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec
        .read_info()
        .map_err(|e| bad("a PNG image", e.to_string()))?;
    let (w, h) = (reader.info().width as usize, reader.info().height as usize);
    let (ct, depth) = reader.output_color_type();
    let channels = match (ct, depth) {
        (png::ColorType::Grayscale, png::BitDepth::Eight) => 1,
        (png::ColorType::GrayscaleAlpha, png::BitDepth::Eight) => 2,
        _ => return Err(bad("a grayscale PNG", format!("{ct:?} {depth:?}"))),
    };
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| bad("an image that fits in memory", format!("{w}×{h}")))?;
    let mut buf = vec![0u8; size];
    let frame = reader
        .next_frame(&mut buf)
        .map_err(|e| bad("a complete PNG stream", e.to_string()))?;
    let stride = frame.line_size;
    let mut pixels = Vec::with_capacity(w * h);
    for r in 0..h {
        let row = &buf[r * stride..r * stride + w * channels];
        pixels.extend(row.iter().step_by(channels));
    }
    Ok((h, w, pixels))
}

/// Decodes `count` grayscale PNGs stored back to back in `bytes`, PNG `i` at
/// `bytes[offsets[i]..offsets[i + 1]]` (`offsets: (count + 1,)`), each of `height × width`.
/// Returns `pixels: (count, height · width)` u8 0..255.
///
/// # Errors
/// [`Error::Shape`] for offsets that are not rising or run past `bytes`, or an image of another
/// size; the errors of [`decode_gray_png`] (naming the image's index).
pub fn decode_gray_pngs(
    bytes: &[u8],
    offsets: &[u32],
    height: usize,
    width: usize,
) -> Result<Vec<u8>> {
    let count = offsets.len().saturating_sub(1);
    let mut pixels = Vec::with_capacity(count.saturating_mul(height * width).min(1 << 28));
    for i in 0..count {
        let (a, b) = (offsets[i] as usize, offsets[i + 1] as usize);
        if a > b || b > bytes.len() {
            return Err(Error::Shape(format!(
                "PNG {i} at bytes {a}..{b} of {} bytes",
                bytes.len()
            )));
        }
        let (h, w, p) = decode_gray_png(&bytes[a..b], &format!("PNG {i}"))?;
        if (h, w) != (height, width) {
            return Err(Error::Shape(format!(
                "PNG {i} is {h}×{w}, the others {height}×{width}"
            )));
        }
        pixels.extend_from_slice(&p);
    }
    Ok(pixels)
}

/// The inked pixels of `pixels: (height · width,)` (value < [`INK_BELOW`]) as `(row, col)`
/// coordinates centred on their mean, `(n_ink,)` points in f64. No ink gives no points.
///
/// Source: `LoadImgAsPoints` in brendenlake/omniglot's `demo_classification.py` (`I.nonzero()`
/// on the inverted binary image, then the mean subtracted).
pub fn ink_points(pixels: &[u8], width: usize) -> Vec<[f64; 2]> {
    let mut pts: Vec<[f64; 2]> = pixels
        .iter()
        .enumerate()
        .filter(|(_, &v)| v < INK_BELOW)
        .map(|(i, _)| [(i / width) as f64, (i % width) as f64])
        .collect();
    if pts.is_empty() {
        return pts;
    }
    let n = pts.len() as f64;
    let mean = pts
        .iter()
        .fold([0.0, 0.0], |m, p| [m[0] + p[0], m[1] + p[1]]);
    let mean = [mean[0] / n, mean[1] / n];
    for p in &mut pts {
        *p = [p[0] - mean[0], p[1] - mean[1]];
    }
    pts
}

/// The Modified Hausdorff Distance between point sets `a: (n, 2)` and `b: (m, 2)`, in f64:
/// `MHD(A, B) = max(mean_{a∈A} min_{b∈B} ‖a − b‖, mean_{b∈B} min_{a∈A} ‖a − b‖)` with Euclidean
/// `‖·‖`. Infinite when exactly one set is empty, 0 when both are.
///
/// Each minimum is searched row by row outwards from the point (the points sorted by their first
/// coordinate, then the second), skipping what cannot be nearer: it finds the same squared distance
/// `dy·dy + dx·dx` the brute-force `(n, m)` matrix would (a pruned pair has `dy·dy` or `dx·dx`
/// already ≥ the best, and f64 rounding is monotone), and the square root is taken once per
/// minimum; the means add in the order of `a` and of `b`. So the result is bit for bit that of
/// [`modified_hausdorff_brute`], many times faster on Omniglot's ~1,000-point characters.
///
/// Source: Dubuisson and Jain, ICPR 1994 (distance d₂₂ with f₂ = max); `ModHausdorffDistance` in
/// brendenlake/omniglot's `demo_classification.py`.
pub fn modified_hausdorff(a: &[[f64; 2]], b: &[[f64; 2]]) -> f64 {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return 0.0,
        (true, false) | (false, true) => return f64::INFINITY,
        _ => {}
    }
    mhd_sorted(a, &Rows::new(a), b, &Rows::new(b))
}

/// [`modified_hausdorff`] with each set's [`Rows`] built once (the benchmark reuses every image).
fn mhd_sorted(a: &[[f64; 2]], rows_a: &Rows, b: &[[f64; 2]], rows_b: &Rows) -> f64 {
    if a.is_empty() || b.is_empty() {
        return modified_hausdorff_brute(a, b); // 0 or ∞
    }
    directed_mean(a, rows_b).max(directed_mean(b, rows_a))
}

/// [`modified_hausdorff`] by the full matrix of squared distances (the definition, O(n·m)); kept
/// as the reference the fast search is tested against.
pub fn modified_hausdorff_brute(a: &[[f64; 2]], b: &[[f64; 2]]) -> f64 {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return 0.0,
        (true, false) | (false, true) => return f64::INFINITY,
        _ => {}
    }
    let mut min_b = vec![f64::INFINITY; b.len()]; // min over a, per b (squared)
    let mut sum_a = 0.0;
    for p in a {
        let mut best = f64::INFINITY;
        for (q, mb) in b.iter().zip(min_b.iter_mut()) {
            let (dy, dx) = (p[0] - q[0], p[1] - q[1]);
            let d2 = dy * dy + dx * dx;
            best = best.min(d2);
            *mb = mb.min(d2);
        }
        sum_a += best.sqrt();
    }
    let sum_b: f64 = min_b.iter().map(|d2| d2.sqrt()).sum();
    (sum_a / a.len() as f64).max(sum_b / b.len() as f64)
}

/// A point set grouped by its first coordinate: `ys` ascending, `xs[i]` the second coordinates of
/// the points with `ys[i]`, ascending.
struct Rows {
    ys: Vec<f64>,
    xs: Vec<Vec<f64>>,
}

impl Rows {
    fn new(points: &[[f64; 2]]) -> Rows {
        let mut sorted = points.to_vec();
        sorted.sort_by(|p, q| p[0].total_cmp(&q[0]).then(p[1].total_cmp(&q[1])));
        let (mut ys, mut xs): (Vec<f64>, Vec<Vec<f64>>) = (Vec::new(), Vec::new());
        for p in sorted {
            match ys.last() {
                Some(&y) if y == p[0] => xs.last_mut().expect("a row per y").push(p[1]),
                _ => {
                    ys.push(p[0]);
                    xs.push(vec![p[1]]);
                }
            }
        }
        Rows { ys, xs }
    }

    /// The smallest `dy·dy + dx·dx` from `p` to a point of the set (the set is not empty).
    fn nearest_squared(&self, p: [f64; 2]) -> f64 {
        let mut best = f64::INFINITY;
        let k = self.ys.partition_point(|&y| y < p[0]);
        // Rows k, k+1, … then k−1, k−2, …: each direction stops once dy·dy alone reaches best.
        for i in (k..self.ys.len()).chain((0..k).rev()) {
            let dy = p[0] - self.ys[i];
            if dy * dy >= best {
                if i >= k {
                    // the rows below are farther still: jump to the other direction
                    continue;
                }
                break;
            }
            let row = &self.xs[i];
            let j = row.partition_point(|&x| x < p[1]);
            for &x in &row[j..] {
                let dx = p[1] - x;
                if dx * dx >= best {
                    break;
                }
                best = best.min(dy * dy + dx * dx);
            }
            for &x in row[..j].iter().rev() {
                let dx = p[1] - x;
                if dx * dx >= best {
                    break;
                }
                best = best.min(dy * dy + dx * dx);
            }
        }
        best
    }
}

/// `mean_{p∈a} min_{q∈b} ‖p − q‖`, the sum in the order of `a`.
fn directed_mean(a: &[[f64; 2]], b: &Rows) -> f64 {
    let sum: f64 = a.iter().map(|&p| b.nearest_squared(p).sqrt()).sum();
    sum / a.len() as f64
}

/// The distance of the one-shot benchmark's nearest neighbour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneShotMetric {
    /// `Σ|a − b|` on the pixels (u8 0..255), exact in u64.
    L1,
    /// `Σ(a − b)²` on the pixels, exact in u64 (ranking by the square is ranking by L2).
    L2,
    /// [`modified_hausdorff`] on the centred [`ink_points`], f64.
    Mhd,
}

impl OneShotMetric {
    /// `"l1"`, `"l2"` or `"mhd"` (URL `metric`).
    ///
    /// # Errors
    /// [`Error::Config`] naming `metric` for any other name.
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "l1" => Ok(OneShotMetric::L1),
            "l2" => Ok(OneShotMetric::L2),
            "mhd" => Ok(OneShotMetric::Mhd),
            other => Err(Error::config(
                "metric",
                format!("{other:?} is not \"l1\", \"l2\" or \"mhd\""),
            )),
        }
    }
}

/// One run of the benchmark: training images (one per class) and test items, both in file-name
/// order, each test item's right training image, all `height × width` u8 0..255.
#[derive(Debug, Clone, PartialEq)]
pub struct OneShotRun {
    pub height: usize,
    pub width: usize,
    /// `(num_train, height · width)`, in file-name order (`training/class01.png` …).
    pub train: Vec<u8>,
    /// `(num_test, height · width)`, in file-name order (`test/item01.png` …).
    pub test: Vec<u8>,
    /// `(num_test,)`: index into `train` of each test item's class.
    pub answers: Vec<usize>,
}

/// A run's outcome: what each test item was matched to and the error.
#[derive(Debug, Clone, PartialEq)]
pub struct OneShotResult {
    /// `(num_test,)`: index into the run's `train` of each test item's nearest training image
    /// (ties: the first in file-name order).
    pub predicted: Vec<usize>,
    /// `(num_test,)`: the right index (the run's `answers`).
    pub answers: Vec<usize>,
    /// Percent of the test items matched to the wrong class, 0..100.
    pub error_percent: f64,
}

impl OneShotRun {
    /// Builds a run from its files: `(name, bytes)` pairs with names relative to the run's folder
    /// (`training/classNN.png`, `test/itemNN.png`, `class_labels.txt`, in any order; other files
    /// are ignored). `class_labels.txt` holds one line per test item, `runNN/test/itemNN.png
    /// runNN/training/classNN.png`; its paths are matched on the part after the run's folder.
    ///
    /// # Errors
    /// [`Error::Format`] for a missing or malformed `class_labels.txt` (a line that does not name
    /// a known test and training file, a test item without a line), a PNG that does not decode;
    /// [`Error::Shape`] for images of different sizes or a run without images.
    pub fn from_files(files: &[(&str, &[u8])]) -> Result<Self> {
        let mut train: Vec<(&str, &[u8])> = Vec::new();
        let mut test: Vec<(&str, &[u8])> = Vec::new();
        let mut labels = None;
        for &(name, bytes) in files {
            if name == "class_labels.txt" {
                labels = Some(bytes);
            } else if name.ends_with(".png") && name.starts_with("training/") {
                train.push((name, bytes));
            } else if name.ends_with(".png") && name.starts_with("test/") {
                test.push((name, bytes));
            }
        }
        train.sort_by(|a, b| a.0.cmp(b.0));
        test.sort_by(|a, b| a.0.cmp(b.0));
        let labels = labels.ok_or_else(|| {
            Error::format("class_labels.txt", 0, "the run's class_labels.txt", "none")
        })?;
        if train.is_empty() || test.is_empty() {
            return Err(Error::Shape(format!(
                "a run needs training/ and test/ images, found {} and {}",
                train.len(),
                test.len()
            )));
        }
        let text = String::from_utf8_lossy(labels);
        let mut answers = vec![usize::MAX; test.len()];
        let mut offset = 0u64;
        // "runNN/test/item01.png" → "test/item01.png": the part from the split's folder on.
        let local = |p: &str, folder: &str| -> Option<String> {
            p.find(folder).map(|i| p[i..].to_string())
        };
        for line in text.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.is_empty() {
                offset += line.len() as u64 + 1;
                continue;
            }
            let bad = || {
                Error::format(
                    "class_labels.txt",
                    offset,
                    "`test/itemNN.png training/classNN.png` naming files of the run",
                    line.to_string(),
                )
            };
            if fields.len() != 2 {
                return Err(bad());
            }
            let t = local(fields[0], "test/").ok_or_else(bad)?;
            let c = local(fields[1], "training/").ok_or_else(bad)?;
            let ti = test.iter().position(|f| f.0 == t).ok_or_else(bad)?;
            let ci = train.iter().position(|f| f.0 == c).ok_or_else(bad)?;
            answers[ti] = ci;
            offset += line.len() as u64 + 1;
        }
        if let Some(i) = answers.iter().position(|&a| a == usize::MAX) {
            return Err(Error::format(
                "class_labels.txt",
                offset,
                format!("a line for {}", test[i].0),
                "none",
            ));
        }
        // The first training image sets the size of the run.
        let (height, width, _) = decode_gray_png(train[0].1, train[0].0)?;
        let decode = |set: &[(&str, &[u8])]| -> Result<Vec<u8>> {
            let mut out = Vec::with_capacity(set.len() * height * width);
            for &(name, bytes) in set {
                let (h, w, p) = decode_gray_png(bytes, name)?;
                if (h, w) != (height, width) {
                    return Err(Error::Shape(format!(
                        "{name} is {h}×{w}, {} is {height}×{width}",
                        train[0].0
                    )));
                }
                out.extend_from_slice(&p);
            }
            Ok(out)
        };
        let train_px = decode(&train)?;
        let test_px = decode(&test)?;
        Ok(OneShotRun {
            height,
            width,
            train: train_px,
            test: test_px,
            answers,
        })
    }

    /// Number of training images (classes).
    pub fn num_train(&self) -> usize {
        self.train.len() / (self.height * self.width).max(1)
    }

    /// Number of test items.
    pub fn num_test(&self) -> usize {
        self.answers.len()
    }

    /// The costs `(num_test, num_train)`, row-major, of every test item against every training
    /// image under `metric` (L1 / squared L2 exact as f64 from u64, MHD in f64).
    pub fn costs(&self, metric: OneShotMetric) -> Vec<f64> {
        let d = self.height * self.width;
        let (nt, nc) = (self.num_test(), self.num_train());
        let mut costs = Vec::with_capacity(nt * nc);
        match metric {
            OneShotMetric::L1 | OneShotMetric::L2 => {
                for t in self.test.chunks_exact(d) {
                    for c in self.train.chunks_exact(d) {
                        let s: u64 = t
                            .iter()
                            .zip(c)
                            .map(|(&a, &b)| {
                                let e = a.abs_diff(b) as u64;
                                if metric == OneShotMetric::L1 {
                                    e
                                } else {
                                    e * e
                                }
                            })
                            .sum();
                        costs.push(s as f64);
                    }
                }
            }
            OneShotMetric::Mhd => {
                let prepare = |img: &[u8]| {
                    let pts = ink_points(img, self.width);
                    let rows = Rows::new(&pts);
                    (pts, rows)
                };
                let train: Vec<_> = self.train.chunks_exact(d).map(prepare).collect();
                for t in self.test.chunks_exact(d) {
                    let (pt, rt) = prepare(t);
                    costs.extend(train.iter().map(|(pc, rc)| mhd_sorted(&pt, &rt, pc, rc)));
                }
            }
        }
        costs
    }

    /// Classifies every test item by its nearest training image under `metric` (ties: the first
    /// in file-name order, as numpy's `argmin` in the demo) and scores the run.
    pub fn classify(&self, metric: OneShotMetric) -> OneShotResult {
        let nc = self.num_train();
        let costs = self.costs(metric);
        let predicted: Vec<usize> = costs
            .chunks_exact(nc.max(1))
            .map(|row| {
                let mut best = 0;
                for (j, &c) in row.iter().enumerate() {
                    if c < row[best] {
                        best = j;
                    }
                }
                best
            })
            .collect();
        let wrong = predicted
            .iter()
            .zip(&self.answers)
            .filter(|(p, a)| p != a)
            .count();
        OneShotResult {
            error_percent: 100.0 * wrong as f64 / self.num_test() as f64,
            predicted,
            answers: self.answers.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode_1bit(w: u32, h: u32, ink: &[(usize, usize)]) -> Vec<u8> {
        // 1-bit rows, MSB first, 1 = white.
        let stride = (w as usize).div_ceil(8);
        let mut data = vec![0xffu8; stride * h as usize];
        for &(r, c) in ink {
            data[r * stride + c / 8] &= !(0x80 >> (c % 8));
        }
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(png::ColorType::Grayscale);
        e.set_depth(png::BitDepth::One);
        e.write_header().unwrap().write_image_data(&data).unwrap();
        out
    }

    #[test]
    fn one_bit_png_expands_to_0_and_255() {
        let png = encode_1bit(10, 3, &[(0, 0), (2, 9), (1, 4)]);
        let (h, w, p) = decode_gray_png(&png, "t.png").unwrap();
        assert_eq!((h, w), (3, 10));
        let ink: Vec<usize> = (0..30).filter(|&i| p[i] == 0).collect();
        assert_eq!(ink, vec![0, 14, 29]);
        assert!(p.iter().all(|&v| v == 0 || v == 255));
    }

    #[test]
    fn bad_png_is_an_error_naming_the_file() {
        let e = decode_gray_png(b"not a png", "x.png").unwrap_err();
        assert!(e.to_string().contains("x.png"), "{e}");
    }

    #[test]
    fn mhd_of_hand_sets() {
        // A = {(0,0)}, B = {(0,3), (4,0)}: mean_a min = 3; mean_b min = (3 + 4) / 2 = 3.5.
        let a = [[0.0, 0.0]];
        let b = [[0.0, 3.0], [4.0, 0.0]];
        assert_eq!(modified_hausdorff(&a, &b), 3.5);
        assert_eq!(modified_hausdorff(&b, &a), 3.5);
        assert_eq!(modified_hausdorff(&a, &a), 0.0);
        assert_eq!(modified_hausdorff(&[], &a), f64::INFINITY);
    }

    #[test]
    fn fast_mhd_equals_the_brute_force_bit_for_bit() {
        // Centred pseudo-random ink on a 40 × 40 grid, several densities.
        let mut rng = crate::rng::rng_for(7, crate::rng::Stream::Split);
        for density in [2u32, 10, 40, 90] {
            let mut img = || -> Vec<u8> {
                (0..1600)
                    .map(|_| {
                        let r: u32 = rand::RngExt::random_range(&mut rng, 0..100);
                        if r < density {
                            0
                        } else {
                            255
                        }
                    })
                    .collect()
            };
            let (a, b) = (ink_points(&img(), 40), ink_points(&img(), 40));
            let fast = modified_hausdorff(&a, &b);
            assert_eq!(
                fast.to_bits(),
                modified_hausdorff_brute(&a, &b).to_bits(),
                "{density}"
            );
        }
    }

    #[test]
    fn ink_points_are_centred() {
        let mut px = vec![255u8; 12]; // 3 × 4
        px[1] = 0; // (0, 1)
        px[11] = 0; // (2, 3)
        assert_eq!(ink_points(&px, 4), vec![[-1.0, -1.0], [1.0, 1.0]]);
    }

    #[test]
    fn a_run_from_files_ties_go_to_the_first_training_file() {
        let a = encode_1bit(8, 8, &[(1, 1)]);
        let b = encode_1bit(8, 8, &[(6, 6), (6, 5)]);
        let labels = b"run01/test/item01.png run01/training/class02.png\n\
                       run01/test/item02.png run01/training/class01.png\n";
        let files: Vec<(&str, &[u8])> = vec![
            ("test/item02.png", &a),
            ("training/class02.png", &b),
            ("class_labels.txt", labels),
            ("training/class01.png", &a),
            ("test/item01.png", &b),
        ];
        let run = OneShotRun::from_files(&files).unwrap();
        assert_eq!(run.answers, vec![1, 0]);
        for m in [OneShotMetric::L1, OneShotMetric::L2, OneShotMetric::Mhd] {
            let r = run.classify(m);
            assert_eq!(r.error_percent, 0.0, "{m:?}");
        }
        // Both training images the same: every test item goes to class01 (the first).
        let files2: Vec<(&str, &[u8])> = vec![
            ("training/class01.png", &a),
            ("training/class02.png", &a),
            ("test/item01.png", &b),
            ("test/item02.png", &a),
            ("class_labels.txt", labels),
        ];
        let r = OneShotRun::from_files(&files2)
            .unwrap()
            .classify(OneShotMetric::Mhd);
        assert_eq!(r.predicted, vec![0, 0]);
        assert_eq!(r.error_percent, 50.0);
    }

    #[test]
    fn a_run_without_labels_or_with_a_bad_line_is_refused() {
        let a = encode_1bit(8, 8, &[(1, 1)]);
        let files: Vec<(&str, &[u8])> = vec![("training/class01.png", &a), ("test/item01.png", &a)];
        assert!(OneShotRun::from_files(&files).is_err());
        let bad = b"run01/test/item09.png run01/training/class01.png\n";
        let mut files2 = files.clone();
        files2.push(("class_labels.txt", bad));
        let e = OneShotRun::from_files(&files2).unwrap_err();
        assert!(e.to_string().contains("class_labels.txt"), "{e}");
    }
}
