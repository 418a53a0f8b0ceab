//! The geometric view of a linear classifier: a seeded 2-D toy problem with three classes, the
//! classifier `scores = x · w + b` (`w: (2, 3)`, `b: (3,)`) whose class lines `w_c · x + b_c = 0`
//! the page draws and lets the user drag, its loss (SVM or softmax, L2 on `w`), full-batch
//! gradient descent, and the argmax regions over a grid. All in f64, on the project's
//! [`LinearClassifier`] and loss code.
//!
//! Source: CS231n notes, "Linear classification", §"Interpreting a linear classifier" (each row of
//! `W` is a line in input space; the score is a signed distance to it, scaled by `‖w_c‖`).

use crate::error::{Error, Result};
use crate::label::Label;
use crate::loss::LossKind;
use crate::models::linear::argmax;
use crate::models::LinearClassifier;
pub use crate::toy2d::{initial_params, toy_layout, Layout, BOUNDS, C, D, MAX_PER_CLASS};

/// Loss, its parts and the accuracy of the current parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    /// `data_loss + reg_loss`.
    pub loss: f64,
    /// Mean data loss over the points.
    pub data_loss: f64,
    /// `reg · Σ w²` (the biases are not penalised).
    pub reg_loss: f64,
    /// Fraction of points whose highest score is their class (the first maximum on ties).
    pub accuracy: f64,
}

/// The toy problem and a linear classifier on it.
#[derive(Debug, Clone)]
pub struct GeoToy {
    /// Points `x: (N, 2)`, row-major.
    pub x: Vec<f64>,
    /// Labels `y: (N,)` in `0..3`.
    pub y: Vec<Label>,
    /// The classifier: `w: (2, 3)`, `b: (3,)`.
    pub model: LinearClassifier<f64>,
}

impl GeoToy {
    /// `layout` with `num_per_class` points per class and [`initial_params`], both from `seed`.
    ///
    /// # Errors
    /// As [`toy_layout`].
    pub fn new(layout: Layout, num_per_class: usize, seed: u32) -> Result<Self> {
        let (x, y) = toy_layout(layout, num_per_class, seed)?;
        let (w, b) = initial_params(seed);
        Ok(GeoToy {
            x,
            y,
            model: LinearClassifier::new(w, b, D, C),
        })
    }

    /// Points `N`.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// True when there are no points (never after [`GeoToy::new`]).
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// Sets `w: (2, 3)` (row-major: row 0 multiplies x, row 1 multiplies y) and `b: (3,)`.
    ///
    /// # Errors
    /// [`Error::Shape`] for other lengths, [`Error::Config`] (key `w` or `b`) for a value that is
    /// NaN or infinite. The parameters stay as they were.
    pub fn set_params(&mut self, w: &[f64], b: &[f64]) -> Result<()> {
        if w.len() != D * C || b.len() != C {
            return Err(Error::Shape(format!(
                "w must be (2, 3) and b (3,), got {} and {} values",
                w.len(),
                b.len()
            )));
        }
        for (key, v) in [("w", w), ("b", b)] {
            if let Some(bad) = v.iter().find(|v| !v.is_finite()) {
                return Err(Error::config(key, format!("{bad} is not a finite number")));
            }
        }
        self.model.w.copy_from_slice(w);
        self.model.b.copy_from_slice(b);
        Ok(())
    }

    /// `scores: (N, 3)`.
    pub fn scores(&self) -> Vec<f64> {
        self.model
            .scores(self.model.view(&self.x))
            .into_raw_vec_and_offset()
            .0
    }

    /// Loss (`kind`, L2 strength `reg` on `w`) and accuracy.
    pub fn evaluate(&self, kind: LossKind, reg: f64) -> Evaluation {
        let parts = self
            .model
            .loss(self.model.view(&self.x), &self.y, kind, reg);
        let pred = self.model.predict(self.model.view(&self.x));
        let right = pred.iter().zip(&self.y).filter(|(p, y)| p == y).count();
        Evaluation {
            loss: parts.loss(),
            data_loss: parts.data_loss,
            reg_loss: parts.reg_loss,
            accuracy: right as f64 / self.len().max(1) as f64,
        }
    }

    /// The data loss of each point, `(N,)` (its `L_i`).
    pub fn point_losses(&self, kind: LossKind) -> Vec<f64> {
        self.scores()
            .chunks_exact(C)
            .zip(&self.y)
            .map(|(row, &yi)| kind.loss(row, &[yi], C).0)
            .collect()
    }

    /// The loss terms of point `i`, `(3,)`: for the SVM the hinge `max(0, s_j − s_{y_i} + 1)` of
    /// each class (0 for `y_i`, whose term is not counted), for softmax the probability `p_j`
    /// (`L_i = −ln p_{y_i}`).
    ///
    /// # Errors
    /// [`Error::State`] when `i ≥ N`.
    pub fn point_terms(&self, i: usize, kind: LossKind) -> Result<Vec<f64>> {
        if i >= self.len() {
            return Err(Error::State(format!(
                "point {i} does not exist (there are {})",
                self.len()
            )));
        }
        let s = self
            .model
            .scores(self.model.view(&self.x[i * D..(i + 1) * D]))
            .into_raw_vec_and_offset()
            .0;
        let yi = self.y[i] as usize;
        Ok(match kind {
            LossKind::Svm => (0..C)
                .map(|j| {
                    if j == yi {
                        0.0
                    } else {
                        (s[j] - s[yi] + 1.0).max(0.0)
                    }
                })
                .collect(),
            LossKind::Softmax => crate::loss::softmax_probs(&s),
        })
    }

    /// `n` steps of full-batch gradient descent `w −= learning_rate · dw`, `b −= learning_rate · db`.
    ///
    /// # Errors
    /// [`Error::Config`] for a `learning_rate` or `reg` that is negative, NaN or infinite; the
    /// parameters stay as they were. Steps that would leave finite numbers are not taken.
    pub fn train(&mut self, kind: LossKind, reg: f64, learning_rate: f64, n: u32) -> Result<()> {
        for (key, v) in [("learning_rate", learning_rate), ("reg", reg)] {
            if !v.is_finite() || v < 0.0 {
                return Err(Error::config(
                    key,
                    format!("must be a finite number ≥ 0, got {v}"),
                ));
            }
        }
        for _ in 0..n {
            let g = self
                .model
                .loss(self.model.view(&self.x), &self.y, kind, reg);
            let step = |p: &[f64], dp: &[f64]| -> Vec<f64> {
                p.iter()
                    .zip(dp)
                    .map(|(v, d)| v - learning_rate * d)
                    .collect()
            };
            let (w, b) = (step(&self.model.w, &g.dw), step(&self.model.b, &g.db));
            if w.iter().chain(&b).any(|v| !v.is_finite()) {
                break;
            }
            self.model.w = w;
            self.model.b = b;
        }
        Ok(())
    }

    /// The predicted class of every pixel centre of a `width × height` grid over
    /// `view = [x0, y0, x1, y1]`, `(height, width)` row-major, row 0 at the top (at `y1`).
    ///
    /// # Errors
    /// [`Error::Config`] (key `grid`) for a grid over 4096 × 4096 or an empty or non-finite view.
    pub fn grid(&self, width: usize, height: usize, view: [f64; 4]) -> Result<Vec<u8>> {
        let [x0, y0, x1, y1] = view;
        if width == 0 || height == 0 || width > 4096 || height > 4096 {
            return Err(Error::config(
                "grid",
                format!("{width} × {height} is not in 1..=4096 × 1..=4096"),
            ));
        }
        if view.iter().any(|v| !v.is_finite()) || x1 <= x0 || y1 <= y0 {
            return Err(Error::config("grid", format!("view {view:?} is empty")));
        }
        let (w, b) = (&self.model.w, &self.model.b);
        let mut out = Vec::with_capacity(width * height);
        let mut s = [0.0; C];
        for r in 0..height {
            let py = y1 - (r as f64 + 0.5) / height as f64 * (y1 - y0);
            for col in 0..width {
                let px = x0 + (col as f64 + 0.5) / width as f64 * (x1 - x0);
                for (c, sc) in s.iter_mut().enumerate() {
                    *sc = px * w[c] + py * w[C + c] + b[c];
                }
                out.push(crate::label::toy_byte(argmax(&s)));
            }
        }
        Ok(out)
    }

    /// The best accuracy gradient descent finds from `restarts` seeded starts (SVM and softmax,
    /// a small `reg`, 300 steps each, the best accuracy seen along the way). A lower bound on
    /// the best linear accuracy; the parameters are left as they were.
    pub fn best_trained_accuracy(&self, restarts: u32) -> f64 {
        let mut best = 0.0f64;
        for r in 0..restarts {
            for kind in [LossKind::Svm, LossKind::Softmax] {
                let mut t = self.clone();
                let (w, b) = initial_params(r.wrapping_mul(2_654_435_761));
                t.model.w = w;
                t.model.b = b;
                for _ in 0..30 {
                    best = best.max(t.evaluate(kind, 1e-4).accuracy);
                    // Within `train`'s accepted range: it cannot fail.
                    let _ = t.train(kind, 1e-4, 0.5, 10);
                }
                best = best.max(t.evaluate(kind, 1e-4).accuracy);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy(layout: Layout) -> GeoToy {
        GeoToy::new(layout, 30, 1).unwrap()
    }

    /// The loss at `(w, b)` flattened as `[w (6), b (3)]`.
    fn loss_at(t: &GeoToy, p: &[f64], kind: LossKind, reg: f64) -> f64 {
        let mut t = t.clone();
        t.set_params(&p[..6], &p[6..]).unwrap();
        t.evaluate(kind, reg).loss
    }

    #[test]
    fn scores_are_w_dot_x_plus_b() {
        let mut t = toy(Layout::Blobs);
        let w = [1.0, -2.0, 0.5, 3.0, 0.25, -1.0];
        let b = [0.1, 0.2, -0.3];
        t.set_params(&w, &b).unwrap();
        let s = t.scores();
        for i in [0, 17, 89] {
            let (px, py) = (t.x[2 * i], t.x[2 * i + 1]);
            for c in 0..3 {
                let want = px * w[c] + py * w[3 + c] + b[c];
                assert!((s[3 * i + c] - want).abs() < 1e-12);
            }
        }
        assert!(t.set_params(&w[..5], &b).is_err());
        assert!(t.set_params(&w, &[f64::NAN, 0.0, 0.0]).is_err());
        assert_eq!(t.model.b, b);
    }

    #[test]
    fn gradient_matches_centred_differences_in_f64() {
        let t = toy(Layout::Xor);
        let mut p = [0.3, -0.7, 0.2, 0.5, 0.1, -0.4, 0.05, -0.1, 0.2];
        let mut t2 = t.clone();
        for kind in [LossKind::Softmax, LossKind::Svm] {
            for reg in [0.0, 0.1] {
                t2.set_params(&p[..6], &p[6..]).unwrap();
                let g = t2.model.loss(t2.model.view(&t2.x), &t2.y, kind, reg);
                let analytic: Vec<f64> = g.dw.iter().chain(&g.db).copied().collect();
                let h = 1e-6;
                for k in 0..9 {
                    let keep = p[k];
                    p[k] = keep + h;
                    let up = loss_at(&t, &p, kind, reg);
                    p[k] = keep - h;
                    let down = loss_at(&t, &p, kind, reg);
                    p[k] = keep;
                    let numeric = (up - down) / (2.0 * h);
                    // Differences below 1e-8 are rounding of the centred difference (≈ ε/h).
                    let diff = (numeric - analytic[k]).abs();
                    let rel = diff / (numeric.abs() + analytic[k].abs()).max(1e-12);
                    assert!(
                        rel < 1e-6 || diff < 1e-8,
                        "{kind:?} reg {reg} param {k}: {numeric} vs {}",
                        analytic[k]
                    );
                }
            }
        }
    }

    #[test]
    fn point_losses_and_terms_agree_with_the_mean() {
        let t = toy(Layout::Rings);
        for kind in [LossKind::Svm, LossKind::Softmax] {
            let l = t.point_losses(kind);
            let mean = l.iter().sum::<f64>() / l.len() as f64;
            assert!((mean - t.evaluate(kind, 0.0).data_loss).abs() < 1e-12);
            for i in [0, 45] {
                let terms = t.point_terms(i, kind).unwrap();
                let li = match kind {
                    LossKind::Svm => terms.iter().sum::<f64>(),
                    LossKind::Softmax => -terms[t.y[i] as usize].ln(),
                };
                assert!((li - l[i]).abs() < 1e-12);
            }
        }
        assert!(t.point_terms(90, LossKind::Svm).is_err());
    }

    #[test]
    fn training_lowers_the_loss_and_separates_blobs_but_not_xor() {
        for kind in [LossKind::Svm, LossKind::Softmax] {
            let mut t = toy(Layout::Blobs);
            let before = t.evaluate(kind, 0.01).loss;
            t.train(kind, 0.01, 0.2, 300).unwrap();
            let after = t.evaluate(kind, 0.01);
            assert!(after.loss < before, "{kind:?}: {before} -> {}", after.loss);
            assert_eq!(after.accuracy, 1.0, "{kind:?} on blobs");
        }
        let xor = toy(Layout::Xor);
        let best = xor.best_trained_accuracy(8);
        let bound = Layout::Xor.linear_bound().unwrap();
        println!("XOR: best accuracy found by training {best}");
        assert!(best < 1.0, "XOR best {best}");
        // The bound is exact for point clusters; spread clusters let a region slip between points.
        assert!(
            (best - bound).abs() < 0.1,
            "XOR best {best} vs bound {bound}"
        );
        assert_eq!(toy(Layout::Blobs).best_trained_accuracy(2), 1.0);
        assert!(t_train_refuses_bad_settings());
    }

    fn t_train_refuses_bad_settings() -> bool {
        let mut t = toy(Layout::Blobs);
        let w = t.model.w.clone();
        let bad = t.train(LossKind::Svm, 0.0, f64::NAN, 5).is_err()
            && t.train(LossKind::Svm, -1.0, 0.1, 5).is_err();
        bad && t.model.w == w
    }

    #[test]
    fn grid_is_the_argmax_of_the_scores() {
        let mut t = toy(Layout::Blobs);
        // Class 0 wins on the right, class 1 on the left, class 2 never.
        t.set_params(&[1.0, -1.0, 0.0, 0.0, 0.0, 0.0], &[0.0, 0.0, -5.0])
            .unwrap();
        let g = t.grid(4, 2, [-2.0, -2.0, 2.0, 2.0]).unwrap();
        assert_eq!(g, vec![1, 1, 0, 0, 1, 1, 0, 0]);
        assert!(t.grid(0, 2, BOUNDS).is_err());
        assert!(t.grid(2, 2, [0.0, 0.0, 0.0, 1.0]).is_err());
    }
}
