//! Feature extractors (src/features) against an independent f64 reference written here the way
//! the CS231n exercise writes it (whole-image gradient arrays, one magnitude mask per orientation
//! bin, a box mean per cell), and on hand-built images with known answers.

use classplay::features::{
    color_hist, extract, hog, hog_dim, standardize, FeatureKind, COLOR_HIST_BINS,
};

/// Reference HOG of one image, f64: the exercise's structure (per-bin masks over the whole
/// image, then the mean over each 8×8 window), orientation folded into [0, 180).
fn ref_hog(img: &[u8], h: usize, w: usize, ch: usize) -> Vec<f64> {
    let gray: Vec<Vec<f64>> = (0..h)
        .map(|r| {
            (0..w)
                .map(|c| {
                    let p = &img[(r * w + c) * ch..(r * w + c) * ch + ch];
                    if ch == 1 {
                        p[0] as f64
                    } else {
                        p[0] as f64 * 0.299 + p[1] as f64 * 0.587 + p[2] as f64 * 0.144
                    }
                })
                .collect()
        })
        .collect();
    let mut gx = vec![vec![0f64; w]; h];
    let mut gy = vec![vec![0f64; w]; h];
    for r in 0..h {
        for c in 0..w {
            if c + 1 < w {
                gx[r][c] = gray[r][c + 1] - gray[r][c];
            }
            if r + 1 < h {
                gy[r][c] = gray[r + 1][c] - gray[r][c];
            }
        }
    }
    let (ny, nx) = (h / 8, w / 8);
    let mut out = vec![0f64; nx * ny * 9];
    for bin in 0..9 {
        let lo = 20.0 * bin as f64;
        let hi = 20.0 * (bin + 1) as f64;
        // magnitude where the folded orientation is in [lo, hi)
        let mut m = vec![vec![0f64; w]; h];
        for r in 0..h {
            for c in 0..w {
                let mut th = (gy[r][c]).atan2(gx[r][c] + 1e-15).to_degrees() + 90.0;
                th = th.rem_euclid(180.0);
                if th >= lo && th < hi {
                    m[r][c] = (gx[r][c].powi(2) + gy[r][c].powi(2)).sqrt();
                }
            }
        }
        for cy in 0..ny {
            for cx in 0..nx {
                let mut s = 0.0;
                for r in 0..8 {
                    for c in 0..8 {
                        s += m[cy * 8 + r][cx * 8 + c];
                    }
                }
                out[(cx * ny + cy) * 9 + bin] = s / 64.0;
            }
        }
    }
    out
}

/// Reference hue histogram (matplotlib `rgb_to_hsv` on im/255, numpy histogram over
/// linspace(0, 255, 11), density × width) or intensity histogram for 1 channel.
fn ref_hist(img: &[u8], ch: usize) -> Vec<f64> {
    let edges: Vec<f64> = (0..=10).map(|k| 255.0 * k as f64 / 10.0).collect();
    let vals: Vec<f64> = if ch == 1 {
        img.iter().map(|&p| p as f64).collect()
    } else {
        img.chunks(3)
            .map(|p| {
                let (r, g, b) = (
                    p[0] as f64 / 255.0,
                    p[1] as f64 / 255.0,
                    p[2] as f64 / 255.0,
                );
                let v = r.max(g).max(b);
                let d = v - r.min(g).min(b);
                let mut hh = 0.0;
                if d > 0.0 {
                    if r == v {
                        hh = (g - b) / d;
                    }
                    if g == v {
                        hh = 2.0 + (b - r) / d;
                    }
                    if b == v {
                        hh = 4.0 + (r - g) / d;
                    }
                }
                (hh / 6.0).rem_euclid(1.0) * 255.0
            })
            .collect()
    };
    let mut hist = [0f64; 10];
    for v in &vals {
        let k = (0..10)
            .find(|&k| *v >= edges[k] && (*v < edges[k + 1] || k == 9))
            .unwrap();
        hist[k] += 1.0;
    }
    hist.iter().map(|c| c / vals.len() as f64).collect()
}

/// A small deterministic generator (xorshift) for random images.
fn random_images(n: usize, d: usize, seed: u64) -> Vec<u8> {
    let mut s = seed;
    (0..n * d)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 24) as u8
        })
        .collect()
}

#[test]
fn vertical_edge_lands_in_the_90_degree_bin() {
    // 16×16 gray image, dark left half (0), bright right half (200): gx = 200 at column 7 only.
    let (h, w) = (16, 16);
    let img: Vec<u8> = (0..h * w)
        .map(|i| if i % w >= 8 { 200 } else { 0 })
        .collect();
    let f = hog(&img, h, w, 1).unwrap();
    assert_eq!(f.len(), hog_dim(h, w));
    assert_eq!(f.len(), 2 * 2 * 9);
    // The edge is in column 7 → left cells (cell_col 0), both cell rows; 8 pixels of magnitude
    // 200 in a 64-pixel cell → 25 in bin 4 (θ = 90°), everything else 0.
    for cell_row in 0..2 {
        for bin in 0..9 {
            let left = f[cell_row * 9 + bin];
            let right = f[(2 + cell_row) * 9 + bin];
            assert_eq!(left, if bin == 4 { 25.0 } else { 0.0 }, "bin {bin}");
            assert_eq!(right, 0.0);
        }
    }
    // Mirrored (bright left): gx < 0 — the exercise's code would drop it; folded, same bin 4.
    let img2: Vec<u8> = img.iter().map(|&p| 200 - p).collect();
    let f2 = hog(&img2, h, w, 1).unwrap();
    assert_eq!(f2[4], 25.0);
    // A horizontal edge (rows change) → θ = 0° → bin 0.
    let img3: Vec<u8> = (0..h * w)
        .map(|i| if i / w >= 8 { 200 } else { 0 })
        .collect();
    let f3 = hog(&img3, h, w, 1).unwrap();
    assert_eq!(f3[0], 25.0);
    assert_eq!(f3[4], 0.0);
}

#[test]
fn pure_hues_land_in_their_bins() {
    // (colour, expected bin): red 0, yellow 1 (hue 42.5), green 3 (85), cyan 5 (127.5),
    // blue 6 (170), magenta 8 (212.5), gray 0.
    let cases: [([u8; 3], usize); 7] = [
        ([255, 0, 0], 0),
        ([255, 255, 0], 1),
        ([0, 200, 0], 3),
        ([0, 255, 255], 5),
        ([0, 0, 90], 6),
        ([255, 0, 255], 8),
        ([128, 128, 128], 0),
    ];
    for (rgb, bin) in cases {
        let img: Vec<u8> = (0..4 * 4).flat_map(|_| rgb).collect();
        let f = color_hist(&img, 4, 4, 3).unwrap();
        assert_eq!(f.len(), COLOR_HIST_BINS);
        for (k, &v) in f.iter().enumerate() {
            assert_eq!(v, if k == bin { 1.0 } else { 0.0 }, "{rgb:?} bin {k}");
        }
    }
    // Half red, half blue → 0.5 in bins 0 and 6.
    let img: Vec<u8> = (0..8)
        .flat_map(|i| if i < 4 { [255, 0, 0] } else { [0, 0, 255] })
        .collect();
    let f = color_hist(&img, 2, 4, 3).unwrap();
    assert_eq!((f[0], f[6]), (0.5, 0.5));
}

#[test]
fn grayscale_color_hist_is_an_intensity_histogram() {
    let img: Vec<u8> = vec![0, 25, 26, 255];
    let f = color_hist(&img, 2, 2, 1).unwrap();
    // 0 and 25 < 25.5 → bin 0; 26 → bin 1; 255 → bin 9 (last bin closed).
    assert_eq!(f[0], 0.5);
    assert_eq!(f[1], 0.25);
    assert_eq!(f[9], 0.25);
}

#[test]
fn random_images_match_the_reference() {
    for &(h, w, ch) in &[(32usize, 32usize, 3usize), (28, 28, 1), (17, 24, 3)] {
        let n = 6;
        let imgs = random_images(n, h * w * ch, 0x9e3779b97f4a7c15 ^ (h * w * ch) as u64);
        let fh = hog(&imgs, h, w, ch).unwrap();
        let fc = color_hist(&imgs, h, w, ch).unwrap();
        let d = hog_dim(h, w);
        assert_eq!(fh.len(), n * d);
        for i in 0..n {
            let img = &imgs[i * h * w * ch..(i + 1) * h * w * ch];
            let r = ref_hog(img, h, w, ch);
            let mut nonzero = 0;
            for (j, (&a, &b)) in fh[i * d..(i + 1) * d].iter().zip(&r).enumerate() {
                assert!(
                    (a as f64 - b).abs() <= 1e-5 * b.abs().max(1.0),
                    "hog {h}x{w}x{ch} img {i} [{j}]: {a} vs {b}"
                );
                nonzero += (b > 0.0) as usize;
            }
            assert!(nonzero > d / 2, "random images fill most bins");
            let r = ref_hist(img, ch);
            for (k, (&a, &b)) in fc[i * 10..(i + 1) * 10].iter().zip(&r).enumerate() {
                assert!(
                    (a as f64 - b).abs() < 1e-6,
                    "hist {h}x{w}x{ch} img {i} bin {k}: {a} vs {b}"
                );
            }
        }
        // hog+color_hist is the concatenation per image.
        let both = extract(FeatureKind::HogColorHist, &imgs, h, w, ch).unwrap();
        assert_eq!(both.len(), n * (d + 10));
        assert_eq!(&both[..d], &fh[..d]);
        assert_eq!(&both[d..d + 10], &fc[..10]);
        assert_eq!(&both[(d + 10) * (n - 1) + d..], &fc[10 * (n - 1)..]);
    }
}

#[test]
fn standardisation_uses_the_training_rows_only() {
    // x (4, 2); train rows 0 and 2.
    let mut x = vec![1.0f32, 10.0, 100.0, 7.0, 3.0, 10.0, -5.0, 0.0];
    let s = standardize(&mut x, 2, &[0, 2]).unwrap();
    assert_eq!(s.mean, vec![2.0, 10.0]);
    assert_eq!(s.std, vec![1.0, 1.0]); // column 1 is constant on train → std 1, not NaN
    assert_eq!(x, vec![-1.0, 0.0, 98.0, -3.0, 1.0, 0.0, -7.0, -10.0]);
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    assert!(hog(&[0u8; 7 * 7], 7, 7, 1).is_err());
    assert!(hog(&[0u8; 10], 8, 8, 1).is_err());
    assert!(color_hist(&[0u8; 16], 2, 2, 4).is_err());
    assert!(FeatureKind::parse("sift").is_err());
    assert_eq!(
        FeatureKind::parse("hog+color_hist").unwrap(),
        FeatureKind::HogColorHist
    );
    assert!(standardize(&mut [1.0f32, 2.0], 2, &[]).is_err());
    assert!(standardize(&mut [1.0f32, 2.0], 2, &[1]).is_err());
}

#[test]
fn feature_knn_matches_a_hand_computed_case_and_a_brute_force() {
    use classplay::features::knn::{compute_distances, predict};
    use classplay::models::knn::Metric;
    // x_train (4, 2), x_test (1, 2) = (0, 0): L2 dists 1, 4, 1, 25; L1 1, 2, 1, 7 (hand).
    let xt = [1.0f32, 0.0, 0.0, 2.0, 0.0, -1.0, 3.0, 4.0];
    let q = [0.0f32, 0.0];
    assert_eq!(
        compute_distances(&xt, &q, 2, Metric::L2).unwrap(),
        vec![1.0, 4.0, 1.0, 25.0]
    );
    assert_eq!(
        compute_distances(&xt, &q, 2, Metric::L1).unwrap(),
        vec![1.0, 2.0, 1.0, 7.0]
    );
    // labels 5, 3, 3, 5: k=1 → index 0 (tie with 2 broken by index) → 5; k=2 → {5, 3} tie → 3.
    let y = [5u16, 3, 3, 5];
    assert_eq!(predict(&xt, &y, &q, 2, Metric::L2, 1).unwrap(), vec![5]);
    assert_eq!(predict(&xt, &y, &q, 2, Metric::L2, 2).unwrap(), vec![3]);
    assert!(predict(&xt, &y, &q, 2, Metric::L2, 5).is_err());
    assert!(predict(&xt, &y[..3], &q, 2, Metric::L2, 1).is_err());
    // Random standardised HOG features vs an f64 brute force with a full sort.
    let imgs = random_images(40, 16 * 16 * 3, 7);
    let mut x = extract(FeatureKind::HogColorHist, &imgs, 16, 16, 3).unwrap();
    let f = hog_dim(16, 16) + 10;
    standardize(&mut x, f, &(0..30).collect::<Vec<u32>>()).unwrap();
    let labels: Vec<u16> = (0..30).map(|i| (i * 7 % 4) as u16).collect();
    let (tr, te) = x.split_at(30 * f);
    let got = predict(tr, &labels, te, f, Metric::L2, 3).unwrap();
    for (qi, q) in te.chunks(f).enumerate() {
        let mut d: Vec<(f64, usize)> = tr
            .chunks(f)
            .enumerate()
            .map(|(j, t)| {
                (
                    q.iter()
                        .zip(t)
                        .map(|(&a, &b)| (a as f64 - b as f64).powi(2))
                        .sum(),
                    j,
                )
            })
            .collect();
        d.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let mut counts = [0; 4];
        for &(_, j) in &d[..3] {
            counts[labels[j] as usize] += 1;
        }
        let best = (0..4)
            .max_by(|&a, &b| counts[a].cmp(&counts[b]).then(b.cmp(&a)))
            .unwrap();
        assert_eq!(got[qi], best as u16, "query {qi}");
    }
}
