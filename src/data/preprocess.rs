//! Pixels to f32 features: mean-image subtraction (mean from the training split only) and the bias
//! trick. Source: CS231n notes, "Linear classification", §"Image data preprocessing" and §"bias trick".

/// The mean image of the records `idx` of `images: (N, D)`, `(D,)` in pixel units 0..255,
/// accumulated in f64.
pub fn mean_image(images: &[u8], dim: usize, idx: &[u32]) -> Vec<f32> {
    let mut acc = vec![0f64; dim];
    for &i in idx {
        let row = &images[i as usize * dim..(i as usize + 1) * dim];
        for (a, &p) in acc.iter_mut().zip(row) {
            *a += p as f64;
        }
    }
    let n = idx.len().max(1) as f64;
    acc.into_iter().map(|a| (a / n) as f32).collect()
}

/// Gathers rows `idx` of `images: (N, D)` into `x: (idx.len(), D')` as `pixel − mean` (0..255 units),
/// with `D' = D + 1` and a trailing column of ones when `bias_trick` is set. `x` is resized.
pub fn gather_features(
    images: &[u8],
    dim: usize,
    idx: &[u32],
    mean: &[f32],
    bias_trick: bool,
    x: &mut Vec<f32>,
) {
    let dp = dim + bias_trick as usize;
    x.clear();
    x.resize(idx.len() * dp, 0.0);
    for (r, &i) in idx.iter().enumerate() {
        let src = &images[i as usize * dim..(i as usize + 1) * dim];
        let dst = &mut x[r * dp..(r + 1) * dp];
        for ((d, &p), &m) in dst.iter_mut().zip(src).zip(mean) {
            *d = p as f32 - m;
        }
        if bias_trick {
            dst[dim] = 1.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_then_features_with_bias_column() {
        let images = [0u8, 10, 20, 30, 40, 50]; // N=3, D=2
        let m = mean_image(&images, 2, &[0, 2]);
        assert_eq!(m, vec![20.0, 30.0]);
        let mut x = Vec::new();
        gather_features(&images, 2, &[1, 0], &m, true, &mut x);
        assert_eq!(x, vec![0.0, 0.0, 1.0, -20.0, -20.0, 1.0]);
        gather_features(&images, 2, &[2], &m, false, &mut x);
        assert_eq!(x, vec![20.0, 20.0]);
    }
}
