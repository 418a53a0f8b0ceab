//! Trained weights as a small binary file (layout: docs/WEIGHTS.md): a 36-byte little-endian header,
//! the mean image used for centring, `w (D', C)` f32 LE, `b (C,)` without the bias trick, and the
//! class names as a trailing UTF-8 block. [`import`] checks every field before it allocates, and
//! [`install`] puts the weights into a run so templates, predictions and accuracies use them.

use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::loss::LossKind;
use crate::solver::Solver;

/// The file's first four bytes.
pub const MAGIC: &[u8; 4] = b"CPWT";
/// The only version written and read.
pub const VERSION: u32 = 1;
/// Bytes before the mean image.
pub const HEADER_LEN: usize = 36;
/// The largest `|score|` the imported weights may reach on the loaded images: half of `f32::MAX`
/// (≈ 1.7e38), the half a margin for f32 rounding in the score sums. Bounded per class by
/// `Σ_j max_i |x_ij − mean_j| · |w_jc| + |b_c|` over the loaded training images (all of 0..255 when
/// none are loaded), so every score the run computes on them is finite.
pub const MAX_SCORE: f64 = f32::MAX as f64 / 2.0;

/// The contents of a weights file.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub height: u32,
    pub width: u32,
    pub channels: u32,
    /// Classes `C`.
    pub c: u32,
    /// True when `w` has the bias as its last row (`D' = D + 1`) and `b` is empty.
    pub bias_trick: bool,
    /// The loss the weights were trained with (informative: the importing run keeps its own).
    pub loss: LossKind,
    /// Mean image `(D,)`, pixel units 0..255, subtracted from every image before scoring.
    pub mean: Vec<f32>,
    /// `(D', C)` row-major.
    pub w: Vec<f32>,
    /// `(C,)` without the bias trick, else empty.
    pub b: Vec<f32>,
    /// `C` class names.
    pub class_names: Vec<String>,
}

impl Weights {
    /// The weights of `solver`'s run on `data` (its class names and image shape).
    pub fn of(solver: &Solver, data: &Dataset) -> Weights {
        Weights {
            height: data.height as u32,
            width: data.width as u32,
            channels: data.channels as u32,
            c: solver.model.c as u32,
            bias_trick: solver.model.b.is_empty(),
            loss: solver.config().loss,
            mean: solver.mean.clone(),
            w: solver.model.w.clone(),
            b: solver.model.b.clone(),
            class_names: data.class_names(),
        }
    }
}

/// Serialises `wt` (layout: docs/WEIGHTS.md). A newline inside a class name becomes a space.
pub fn export(wt: &Weights) -> Vec<u8> {
    let names = wt
        .class_names
        .iter()
        .map(|n| n.replace('\n', " "))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::with_capacity(HEADER_LEN + 4 * (wt.mean.len() + wt.w.len() + wt.b.len()));
    out.extend_from_slice(MAGIC);
    for v in [
        VERSION,
        wt.mean.len() as u32,
        wt.c,
        wt.height,
        wt.width,
        wt.channels,
    ] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&[wt.bias_trick as u8, wt.loss as u8, 0, 0]);
    out.extend_from_slice(&(names.len() as u32).to_le_bytes());
    for v in wt.mean.iter().chain(&wt.w).chain(&wt.b) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(names.as_bytes());
    out
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

fn f32s(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes")))
        .collect()
}

/// Reads a weights file named `file` for `data` (the loaded training images): every header field
/// must agree with the file's length and with the data (image shape, `D`, `C`, class names), and
/// every value must be finite, and the scores the weights give the loaded images must fit in f32
/// (bounded by [`MAX_SCORE`]). Nothing is allocated before the declared sizes are checked against
/// the bytes present.
///
/// # Errors
/// [`Error::Truncated`] when the file is shorter than its header declares; [`Error::Format`] naming
/// the field (`magic`, `version`, `D`, `height`, `C`, `bias_trick`, …) and its byte offset otherwise,
/// including weights whose scores on `data` would overflow f32 (naming the file and the class).
pub fn import(bytes: &[u8], file: &str, data: &Dataset) -> Result<Weights> {
    let truncated = |declared: u64| Error::Truncated {
        file: file.to_string(),
        offset: bytes.len() as u64,
        declared,
        available: bytes.len() as u64,
    };
    if bytes.len() < HEADER_LEN {
        return Err(truncated(HEADER_LEN as u64));
    }
    let bad =
        |offset: u64, expected: String, found: String| Error::format(file, offset, expected, found);
    if &bytes[..4] != MAGIC {
        return Err(bad(
            0,
            "magic \"CPWT\" (a ClassPlay weights file)".into(),
            format!("{:?}", String::from_utf8_lossy(&bytes[..4])),
        ));
    }
    let version = u32_at(bytes, 4);
    if version != VERSION {
        return Err(bad(
            8 - 4,
            format!("version {VERSION}"),
            format!("version {version}"),
        ));
    }
    let (d, c) = (u32_at(bytes, 8), u32_at(bytes, 12));
    let (h, w, ch) = (u32_at(bytes, 16), u32_at(bytes, 20), u32_at(bytes, 24));
    let field = |offset: u64, name: &str, found: u32, want: usize, why: &str| {
        if found as usize == want {
            Ok(())
        } else {
            Err(bad(
                offset,
                format!("{name} = {want} ({why})"),
                format!("{name} = {found}"),
            ))
        }
    };
    let shape = format!(
        "the loaded images are {}×{}×{}",
        data.height, data.width, data.channels
    );
    field(16, "height", h, data.height, &shape)?;
    field(20, "width", w, data.width, &shape)?;
    field(24, "channels", ch, data.channels, &shape)?;
    field(8, "D", d, data.dim(), "height × width × channels")?;
    let loaded_c = data.num_classes();
    field(12, "C", c, loaded_c, "classes of the loaded data")?;
    let bias_trick = match bytes[28] {
        0 => false,
        1 => true,
        v => return Err(bad(28, "bias_trick 0 or 1".into(), format!("{v}"))),
    };
    let loss = match bytes[29] {
        0 => LossKind::Svm,
        1 => LossKind::Softmax,
        v => {
            return Err(bad(
                29,
                "loss 0 (svm) or 1 (softmax)".into(),
                format!("{v}"),
            ))
        }
    };
    if bytes[30..32] != [0, 0] {
        return Err(bad(
            30,
            "reserved bytes 0".into(),
            format!("{:?}", &bytes[30..32]),
        ));
    }
    let names_len = u32_at(bytes, 32) as u64;
    // Sizes in u64 from here: a lying header cannot overflow them or make us allocate.
    let (d, c) = (d as u64, c as u64);
    let d_w = d + bias_trick as u64;
    let floats = d + d_w * c + if bias_trick { 0 } else { c };
    let total = HEADER_LEN as u64 + 4 * floats + names_len;
    if (bytes.len() as u64) < total {
        return Err(truncated(total));
    }
    if bytes.len() as u64 > total {
        return Err(bad(
            total,
            format!("the end of the file ({total} bytes from its header)"),
            format!("{} more bytes", bytes.len() as u64 - total),
        ));
    }
    let body = &bytes[HEADER_LEN..HEADER_LEN + 4 * floats as usize];
    if let Some(i) = body
        .chunks_exact(4)
        .position(|b| !f32::from_le_bytes(b.try_into().expect("4 bytes")).is_finite())
    {
        return Err(bad(
            (HEADER_LEN + 4 * i) as u64,
            "a finite f32".into(),
            "NaN or infinity".into(),
        ));
    }
    let (d, d_w, c) = (d as usize, d_w as usize, c as usize);
    let mean = f32s(&body[..4 * d]);
    let w_vals = f32s(&body[4 * d..4 * (d + d_w * c)]);
    let b = f32s(&body[4 * (d + d_w * c)..]);
    let names_at = HEADER_LEN + 4 * floats as usize;
    let names = std::str::from_utf8(&bytes[names_at..]).map_err(|e| {
        bad(
            names_at as u64 + e.valid_up_to() as u64,
            "UTF-8 class names".into(),
            "invalid UTF-8".into(),
        )
    })?;
    let class_names: Vec<String> = names.split('\n').map(str::to_string).collect();
    let loaded = data.class_names();
    if class_names != loaded {
        return Err(bad(
            names_at as u64,
            format!("class names {}", loaded.join(",")),
            class_names.join(","),
        ));
    }
    check_scores_fit(&mean, &w_vals, &b, c, data, &class_names, file)?;
    Ok(Weights {
        height: h,
        width: w,
        channels: ch,
        c: c as u32,
        bias_trick,
        loss,
        mean,
        w: w_vals,
        b,
        class_names,
    })
}

/// Refuses weights whose scores could overflow f32 on `data`'s images: per class `c` the bound
/// `Σ_j dev_j · |w_jc| + |b_c|` (in f64) must stay within [`MAX_SCORE`], with `dev_j` the largest
/// `|x_ij − mean_j|` over the loaded images (pixels 0..255; both ends when none are loaded).
/// `w: (D', C)` with `D' = D + 1` under the bias trick (its last row the bias), `b: (C,)` or empty.
///
/// # Errors
/// [`Error::Format`] naming `file`, the class and its bound, at the offset of `w`.
fn check_scores_fit(
    mean: &[f32],
    w: &[f32],
    b: &[f32],
    c: usize,
    data: &Dataset,
    names: &[String],
    file: &str,
) -> Result<()> {
    let d = mean.len();
    if c == 0 {
        return Ok(()); // no classes, no scores
    }
    let (mut lo, mut hi) = (vec![255u8; d], vec![0u8; d]);
    if data.is_empty() || data.dim() != d {
        (lo, hi) = (vec![0; d], vec![255; d]);
    } else {
        for img in data.images.chunks_exact(d) {
            for ((l, h), &p) in lo.iter_mut().zip(hi.iter_mut()).zip(img) {
                (*l, *h) = ((*l).min(p), (*h).max(p));
            }
        }
    }
    let dev: Vec<f64> = (0..d)
        .map(|j| {
            let m = mean[j] as f64;
            (lo[j] as f64 - m).abs().max((hi[j] as f64 - m).abs())
        })
        .collect();
    let mut bound: Vec<f64> = if b.is_empty() {
        w[d * c..].iter().map(|v| (*v as f64).abs()).collect() // the bias row
    } else {
        b.iter().map(|v| (*v as f64).abs()).collect()
    };
    for (row, &dj) in w.chunks_exact(c).zip(&dev) {
        for (acc, &v) in bound.iter_mut().zip(row) {
            *acc += dj * (v as f64).abs();
        }
    }
    match bound.iter().position(|&v| !(v <= MAX_SCORE)) {
        None => Ok(()),
        Some(k) => Err(Error::format(
            file,
            (HEADER_LEN + 4 * d) as u64,
            format!(
                "weights whose scores fit in f32 on the loaded images (|score| ≤ {MAX_SCORE:.2e})"
            ),
            format!(
                "class {k} ({}) can score up to {:.2e}: its scores would overflow f32 (±Infinity, NaN)",
                names.get(k).map_or("?", String::as_str),
                bound[k]
            ),
        )),
    }
}

/// Installs `wt` into `solver`: its mean image and weights replace the run's (the run's history,
/// iteration and optimiser state stay). A file with or without the bias trick fits a run of the
/// other kind: `[w; b]` and `w`, `b` score every image identically.
///
/// # Errors
/// [`Error::Shape`] when `wt` has another `D` or `C` than the run; [`Error::State`] for a run on
/// features (`Solver::with_features`).
pub fn install(solver: &mut Solver, wt: &Weights) -> Result<()> {
    if solver.features() != crate::features::FeatureKind::Pixels {
        return Err(Error::State(format!(
            "weights files hold pixel weights; this run sees features={}",
            solver.features().as_str()
        )));
    }
    let (d, c) = (wt.mean.len(), wt.c as usize);
    if d != solver.mean.len() || c != solver.model.c {
        return Err(Error::Shape(format!(
            "the weights are for D = {d}, C = {c} but the run has D = {}, C = {}",
            solver.mean.len(),
            solver.model.c
        )));
    }
    let (w_main, b_in) = if wt.bias_trick {
        (&wt.w[..d * c], &wt.w[d * c..])
    } else {
        (&wt.w[..], &wt.b[..])
    };
    let m = &mut solver.model;
    m.w.clear();
    m.w.extend_from_slice(w_main);
    if m.b.is_empty() {
        m.w.extend_from_slice(b_in); // the bias trick: b is w's last row
    } else {
        m.b.copy_from_slice(b_in);
    }
    solver.mean.copy_from_slice(&wt.mean);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DatasetKind;

    fn tiny() -> (Weights, Dataset) {
        let data = Dataset::empty(DatasetKind::Mnist);
        let d = data.dim();
        let wt = Weights {
            height: 28,
            width: 28,
            channels: 1,
            c: 10,
            bias_trick: true,
            loss: LossKind::Softmax,
            mean: (0..d).map(|i| i as f32 * 0.25).collect(),
            w: (0..(d + 1) * 10).map(|i| (i as f32).sin()).collect(),
            b: vec![],
            class_names: data.class_names(),
        };
        (wt, data)
    }

    #[test]
    fn round_trip_is_exact() {
        let (wt, data) = tiny();
        let bytes = export(&wt);
        assert_eq!(bytes.len(), HEADER_LEN + 4 * (784 + 785 * 10) + 19);
        assert_eq!(import(&bytes, "w.bin", &data).unwrap(), wt);
        let no_trick = Weights {
            bias_trick: false,
            w: wt.w[..7840].to_vec(),
            b: wt.w[7840..].to_vec(),
            ..wt.clone()
        };
        assert_eq!(
            import(&export(&no_trick), "w.bin", &data).unwrap(),
            no_trick
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let (wt, data) = tiny();
        let good = export(&wt);
        let err = |b: &[u8]| import(b, "w.bin", &data).unwrap_err().to_string();
        let e = err(&good[..good.len() - 3]);
        assert!(
            e.contains("w.bin: truncated") && e.contains("declares"),
            "{e}"
        );
        assert!(err(&good[..10]).contains("truncated"), "short header");
        let mut b = good.clone();
        b[0] = b'X';
        assert!(err(&b).contains("magic"), "{}", err(&b));
        let mut b = good.clone();
        b[4] = 2;
        assert!(err(&b).contains("version 1"));
        let mut b = good.clone();
        b[8..12].copy_from_slice(&783u32.to_le_bytes());
        assert!(err(&b).contains("D = 784"), "{}", err(&b));
        let mut b = good.clone();
        b[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(err(&b).contains("C = 10"), "lying C: {}", err(&b));
        let mut b = good.clone();
        b[16..20].copy_from_slice(&32u32.to_le_bytes());
        assert!(err(&b).contains("height = 28"));
        let mut b = good.clone();
        b[28] = 7;
        assert!(err(&b).contains("bias_trick"));
        let mut b = good.clone();
        b[32..36].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(
            err(&b).contains("truncated"),
            "lying names length: {}",
            err(&b)
        );
        let mut b = good.clone();
        b.push(0);
        assert!(err(&b).contains("1 more bytes"));
        let mut b = good.clone();
        b[HEADER_LEN + 8..HEADER_LEN + 12].copy_from_slice(&f32::NAN.to_le_bytes());
        assert!(err(&b).contains("finite"));
        let cifar = Dataset::empty(DatasetKind::Cifar10);
        let e = import(&good, "w.bin", &cifar).unwrap_err().to_string();
        assert!(e.contains("height = 32"), "{e}");
    }

    /// Issue: huge but finite weights (3e38) were accepted and the algebraic view showed
    /// -Infinity. Now refused on real-looking data, naming the file and the reason.
    #[test]
    fn weights_that_overflow_f32_on_the_data_are_refused() {
        let (wt, mut data) = tiny();
        let d = data.dim();
        // five MNIST-like images: a stroke of ink on a blank background
        let mut images = vec![0u8; 5 * d];
        for (i, img) in images.chunks_exact_mut(d).enumerate() {
            img[300 + 28 * i..320 + 28 * i].fill(255);
        }
        data.push(&images, &[0, 1, 2, 3, 4]).unwrap();
        assert!(import(&export(&wt), "w.bin", &data).is_ok());
        let huge = Weights {
            mean: vec![0.0; d],
            w: vec![3e38; (d + 1) * 10],
            ..wt.clone()
        };
        let e = import(&export(&huge), "huge.cpwt", &data)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("huge.cpwt:"), "{e}");
        assert!(e.contains("overflow f32"), "{e}");
        // finite products whose sum overflows: 1e36 · 255 per pixel over a 20-pixel stroke
        let summed = Weights {
            mean: vec![0.0; d],
            w: vec![1e36; (d + 1) * 10],
            ..wt.clone()
        };
        assert!(import(&export(&summed), "s.cpwt", &data).is_err());
        // large weights on pixels that never vary from the mean are harmless: accepted
        let mut quiet = vec![0.0f32; (d + 1) * 10];
        quiet[..10].fill(3e38); // pixel 0 is 0 in every image, mean 0
        let ok = Weights {
            mean: vec![0.0; d],
            w: quiet,
            ..wt
        };
        assert!(import(&export(&ok), "ok.cpwt", &data).is_ok());
    }
}
