//! Every Rust-side case of `tests/cases/cases.json` (the repository's copy of `../shared/cases`,
//! see tests/cases/README.md), asserted from the JSON's own inputs and expected values with its
//! stated tolerances, so a test exists for each case wherever the repository is cloned. The JS
//! cases (C17, C19, C20's JS side) are www/test/cases.test.js. tests/cases.rs and the unit tests
//! named there keep their hand-written versions of the same cases.

mod common;
use classplay::data::{cifar, idx};
use classplay::kernels::distance::{l2_squared_expanded, l2_squared_two_loops};
use classplay::loss::{softmax_loss, softmax_probs, LossKind};
use classplay::models::knn::{vote, KNearestNeighbor, Metric};
use classplay::models::{view2, LinearClassifier};
use classplay::optim::{Adam, Nesterov, Optimizer, Sgd, SgdMomentum};
use serde_json::Value;
use std::collections::BTreeSet;

fn cases() -> Value {
    serde_json::from_slice(&common::repo_file("tests/cases/cases.json")).unwrap()
}

fn case(id: &str) -> Value {
    cases()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in tests/cases/cases.json"))
        .clone()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}
fn fs(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(f).collect()
}
/// A matrix `[[…], […]]` flattened row-major.
fn flat(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().flat_map(|r| fs(r)).collect()
}
fn u8s(v: &Value) -> Vec<u8> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as u8)
        .collect()
}
/// Class labels of a case (the core's `Label`).
fn labels(v: &Value) -> Vec<u16> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| u16::try_from(x.as_u64().unwrap()).unwrap())
        .collect()
}
fn bits(v: &Value) -> f32 {
    f32::from_bits(u32::from_str_radix(v.as_str().unwrap().trim_start_matches("0x"), 16).unwrap())
}
fn hex(v: &Value) -> Vec<u8> {
    v.as_str()
        .unwrap()
        .split_whitespace()
        .map(|b| u8::from_str_radix(b, 16).unwrap())
        .collect()
}
fn close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    common::assert_close(got, want, tol, what);
}

/// The copy lists the cases CASES.md describes, and each has a test (here or in JS).
#[test]
fn every_case_in_the_copy_has_a_test() {
    let json: BTreeSet<String> = cases()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let md = String::from_utf8(common::repo_file("tests/cases/CASES.md")).unwrap();
    let headings: BTreeSet<String> = md
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert_eq!(
        json, headings,
        "cases.json and CASES.md list the same cases"
    );
    let rust = [
        "C01", "C02", "C03", "C05", "C08", "C09", "C11", "C13", "C15", "C20",
    ];
    let js = ["C17", "C19", "C20"]; // www/test/cases.test.js
    let tested: BTreeSet<String> = rust.iter().chain(&js).map(|s| s.to_string()).collect();
    assert_eq!(
        json, tested,
        "a case without a test (or a test of a case not in the copy)"
    );
}

#[test]
fn c01_softmax_overflow() {
    let c = case("C01");
    let (i, e, t) = (&c["inputs"], &c["expected"], &c["tolerance"]);
    // (a) f64
    let s = fs(&i["a"]["scores"]);
    let p = softmax_probs(&s);
    close(
        &p,
        &fs(&e["a"]["probs"]),
        f(&t["a.probs"]["abs"]),
        "C01a probs",
    );
    let y = i["a"]["y"].as_u64().unwrap() as u16;
    let (loss, d) = sm(&s, &[y], 3);
    close(
        &[loss],
        &[f(&e["a"]["loss"])],
        f(&t["a.loss"]["abs"]),
        "C01a loss",
    );
    assert!(
        p.iter().chain(&d).all(|v| v.is_finite()),
        "C01a: NaN/inf {p:?} {d:?}"
    );
    // (b) f32: entry 0 within abs 1e-7, entries 1–2 anything in [0, 1e-37], sum 1, no NaN
    let s: Vec<f32> = fs(&i["b"]["scores"]).iter().map(|&v| v as f32).collect();
    let p = softmax_probs(&s);
    let want = fs(&e["b"]["probs"]);
    assert!(p.iter().all(|v| v.is_finite()), "C01b: {p:?}");
    assert!(
        (p[0] as f64 - want[0]).abs() <= f(&t["b.probs"]["abs"]),
        "C01b {p:?}"
    );
    assert!(
        p[1..].iter().all(|v| (0.0..=1e-37).contains(v)),
        "C01b {p:?}"
    );
    let sum: f32 = p.iter().sum();
    assert!(
        (sum as f64 - f(&e["b"]["sum"])).abs() <= 1e-7,
        "C01b sum {sum}"
    );
    let (loss, d) = sm(&s, &[0], 3);
    assert!(
        loss.is_finite() && d.iter().all(|v| v.is_finite()),
        "C01b {loss} {d:?}"
    );
    // (c) f64, far from the max
    let s = fs(&i["c"]["scores"]);
    let y = i["c"]["y"].as_u64().unwrap() as u16;
    let (loss, d) = sm(&s, &[y], 3);
    close(
        &[loss],
        &[f(&e["c"]["loss"])],
        f(&t["c.loss"]["abs"]),
        "C01c loss",
    );
    close(
        &d,
        &fs(&e["c"]["dloss_dscores"]),
        f(&t["c.dloss_dscores"]["abs"]),
        "C01c dL/ds",
    );
    assert!(softmax_probs(&s).iter().chain(&d).all(|v| v.is_finite()));
}

/// The softmax loss of flat `(N, c)` scores, its gradient flat too.
fn sm<F: classplay::kernels::Real>(s: &[F], y: &[u16], c: usize) -> (F, Vec<F>) {
    let (loss, d) = softmax_loss(view2(s, c).unwrap(), y);
    (loss, d.iter().copied().collect())
}

/// X, W (D×C) and y of C02 / C15.
fn model(i: &Value) -> (LinearClassifier<f64>, Vec<f64>, Vec<u16>) {
    let w = flat(&i["W"]);
    let d = i["W"].as_array().unwrap().len();
    (
        LinearClassifier::new(w.clone(), vec![], d, w.len() / d),
        flat(&i["X"]),
        labels(&i["y"]),
    )
}

#[test]
fn c02_svm_margin_exactly_zero() {
    let c = case("C02");
    let (i, e) = (&c["inputs"], &c["expected"]);
    let (m, x, y) = model(i);
    assert_eq!(i["delta"].as_f64(), Some(1.0), "our SVM's delta is 1");
    close(
        &m.scores(m.view(&x)).iter().copied().collect::<Vec<_>>(),
        &[1.0, 2.0, 0.0, 1.0, -1.0, 3.0],
        0.0,
        "C02 scores (the case's note)",
    );
    let (tl, tw) = (
        f(&c["tolerance"]["loss"]["abs"]),
        f(&c["tolerance"]["dW"]["abs"]),
    );
    for (reg, key) in fs(&i["reg"]).into_iter().zip(["reg0", "reg0.1"]) {
        let p = m.loss(m.view(&x), &y, LossKind::Svm, reg);
        close(
            &[p.loss()],
            &[f(&e[key]["loss"])],
            tl,
            &format!("C02 {key} loss"),
        );
        close(&p.dw, &flat(&e[key]["dW"]), tw, &format!("C02 {key} dW"));
        if reg == 0.0 {
            let wrong_loss = f(&e["wrong_if_correct_class_counted"]["loss"]);
            assert!((p.loss() - wrong_loss).abs() > 0.5, "correct class counted");
            let wrong = flat(&e["wrong_if_margin_ge_0_counts"]["dW"]);
            assert_ne!(p.dw, wrong, "margin >= 0 counted");
        }
    }
}

#[test]
fn c03_no_loop_l2_never_negative() {
    let c = case("C03");
    let (i, e, t) = (&c["inputs"], &c["expected"], &c["tolerance"]);
    let x: Vec<f32> = i["x_bits"].as_array().unwrap().iter().map(bits).collect();
    let y: Vec<f32> = i["y_bits"].as_array().unwrap().iter().map(bits).collect();
    for (v, want) in x
        .iter()
        .chain(&y)
        .zip(fs(&i["x"]).iter().chain(&fs(&i["y"])))
    {
        assert_eq!(*v, *want as f32, "bits vs decimal inputs");
    }
    let want = f(&e["two_loop_distance"]);
    let two_loop = l2_squared_two_loops(&x, &y, 1, 1, 3)[0].sqrt();
    assert!(
        (two_loop - want).abs() / want <= f(&t["two_loop_distance"]["rel"]),
        "{two_loop}"
    );
    // the naive no-loop d² with sequential f32 sums is negative, and its sqrt NaN
    let sq = |r: &[f32]| r.iter().fold(0f32, |s, &v| s + v * v);
    let xy = x.iter().zip(&y).fold(0f32, |s, (&p, &q)| s + p * q);
    let naive = (sq(&x) + sq(&y)) - 2.0 * xy;
    assert_eq!(naive as f64, f(&e["naive_no_loop_sq"]));
    assert!(naive.sqrt().is_nan() && e["naive_no_loop_dist"] == "NaN");
    // ours: finite, ≥ 0, within 1.7e-4 of the two-loop distance
    let mut out = [f32::NAN];
    l2_squared_expanded(&x, &y, 1, 1, 3, &mut out);
    let d = out[0].sqrt();
    assert!(d.is_finite() && d >= 0.0, "{d}");
    assert!(
        (d as f64 - two_loop).abs() <= f(&t["no_loop_vs_two_loop"]["abs"]),
        "{d}"
    );
    // the same expansion accumulated in f64 gives the two-loop value
    let (x64, y64): (Vec<f64>, Vec<f64>) = (
        x.iter().map(|&v| v as f64).collect(),
        y.iter().map(|&v| v as f64).collect(),
    );
    let sq64 = |r: &[f64]| r.iter().fold(0f64, |s, &v| s + v * v);
    let xy64 = x64.iter().zip(&y64).fold(0f64, |s, (&p, &q)| s + p * q);
    let d64 = ((sq64(&x64) + sq64(&y64)) - 2.0 * xy64).max(0.0).sqrt();
    let w64 = f(&e["no_loop_if_accumulated_in_f64"]);
    assert!(
        (d64 - w64).abs() / w64 <= f(&t["no_loop_f64"]["rel"]),
        "f64 expansion {d64}"
    );
}

#[test]
fn c05_knn_ties() {
    let c = case("C05");
    let (i, e) = (&c["inputs"], &c["expected"]);
    for key in ["vote_tie", "vote_majority"] {
        let labels = labels(&i[key]["neighbor_labels_nearest_first"]);
        assert_eq!(labels.len() as u64, i[key]["k"].as_u64().unwrap());
        assert_eq!(vote(labels) as u64, e[key].as_u64().unwrap(), "C05 {key}");
    }
    let dt = &i["distance_tie"];
    let q = u8s(&dt["query"]);
    let k = dt["k"].as_u64().unwrap() as usize;
    for (train, want) in [("train_A", "distance_tie_A"), ("train_B", "distance_tie_B")] {
        let xs: Vec<u8> = dt[train]["X"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(u8s)
            .collect();
        let knn = KNearestNeighbor::train(view2(&xs, q.len()).unwrap(), &labels(&dt[train]["y"]))
            .unwrap();
        for metric in [Metric::L2, Metric::L1] {
            let d = knn
                .compute_distances(view2(&q, q.len()).unwrap(), metric)
                .unwrap();
            assert_eq!(d[[0, 0]], d[[0, 1]], "C05 {train}: the distances tie");
            let got = knn.predict_labels(d.view(), k).unwrap();
            assert_eq!(
                got,
                vec![e[want].as_u64().unwrap() as u16],
                "C05 {train} {metric:?}"
            );
        }
    }
}

#[test]
fn c08_idx_big_endian() {
    let c = case("C08");
    let (i, e) = (&c["inputs"], &c["expected"]);
    let img_bytes = hex(&i["images_bytes_hex"]);
    let img = idx::parse_images_raw(&img_bytes, "images").unwrap();
    let ei = &e["images"];
    assert_eq!(
        u32::from_be_bytes(img_bytes[..4].try_into().unwrap()) as u64,
        ei["magic"].as_u64().unwrap()
    );
    let dims = [img.count, img.rows, img.cols].map(|v| v as u64);
    assert_eq!(
        dims,
        ["count", "rows", "cols"].map(|k| ei[k].as_u64().unwrap())
    );
    let want: Vec<u8> = ["image0", "image1"]
        .iter()
        .flat_map(|k| {
            ei[*k]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(u8s)
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(img.pixels, want);
    let lab_bytes = hex(&i["labels_bytes_hex"]);
    let lab = idx::parse_labels(&lab_bytes, "labels", None).unwrap();
    assert_eq!(
        u32::from_be_bytes(lab_bytes[..4].try_into().unwrap()) as u64,
        e["labels"]["magic"].as_u64().unwrap()
    );
    assert_eq!(
        lab.labels.len() as u64,
        e["labels"]["count"].as_u64().unwrap()
    );
    assert_eq!(lab.labels, u8s(&e["labels"]["labels"]));
    let real = hex(&i["real_train_images_header_hex"]);
    let h = idx::parse_images(&real, "train", Some(0)).unwrap();
    let r = &e["real_header"];
    assert_eq!(
        u32::from_be_bytes(real[..4].try_into().unwrap()) as u64,
        r["magic"].as_u64().unwrap()
    );
    assert_eq!(
        [h.declared_count, h.rows, h.cols].map(|v| v as u64),
        ["count", "rows", "cols"].map(|k| r[k].as_u64().unwrap())
    );
    // little-endian misreads: the values a wrong reader gets, refused or never produced
    let le = &e["little_endian_misread"];
    let le_u32 = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap()) as u64;
    assert_eq!(
        le_u32(&img_bytes[0..4]),
        le["images_magic"].as_u64().unwrap()
    );
    assert_eq!(
        le_u32(&img_bytes[4..8]),
        le["images_count"].as_u64().unwrap()
    );
    assert_eq!(
        le_u32(&lab_bytes[0..4]),
        le["labels_magic"].as_u64().unwrap()
    );
    assert_eq!(le_u32(&real[4..8]), le["real_count"].as_u64().unwrap());
    assert_eq!(le_u32(&real[8..12]), le["real_rows"].as_u64().unwrap());
    let mut swapped = img_bytes.clone();
    swapped[..4].reverse();
    let err = idx::parse_images_raw(&swapped, "le")
        .unwrap_err()
        .to_string();
    assert!(err.contains(&le["images_magic"].to_string()), "{err}");
    let mut swapped = lab_bytes.clone();
    swapped[..4].reverse();
    let err = idx::parse_labels(&swapped, "le", None)
        .unwrap_err()
        .to_string();
    assert!(err.contains(&le["labels_magic"].to_string()), "{err}");
    // rejects: another magic, a wrong length, still gzipped
    let mut other = img_bytes.clone();
    other[3] = 4;
    assert!(idx::parse_images_raw(&other, "magic").is_err());
    assert!(idx::parse_images_raw(&img_bytes[..img_bytes.len() - 1], "short").is_err());
    assert!(idx::parse_images_raw(&[img_bytes.clone(), vec![0]].concat(), "long").is_err());
    assert!(idx::parse_labels(&lab_bytes[..lab_bytes.len() - 1], "short", None).is_err());
    let mut gz = img_bytes.clone();
    gz[..2].copy_from_slice(&[0x1f, 0x8b]);
    assert!(idx::parse_images_raw(&gz, "x.gz").is_err());
}

#[test]
fn c09_cifar_record_is_planar() {
    let c = case("C09");
    let (i, e) = (&c["inputs"], &c["expected"]);
    let mut rec = vec![i["label_byte"].as_u64().unwrap() as u8];
    for ch in 0..3usize {
        rec.extend((0..1024usize).map(|p| ((p + 85 * ch) % 256) as u8));
    }
    assert_eq!(rec.len() as u64, i["record_len"].as_u64().unwrap());
    let b = cifar::parse_batch(&rec, "rec", None).unwrap();
    assert_eq!(b.labels, vec![e["label"].as_u64().unwrap() as u8]);
    let px = |row: usize, col: usize| b.pixels[3 * (row * 32 + col)..][..3].to_vec();
    assert_eq!(px(0, 0), u8s(&e["rgb_at_row0_col0"]));
    assert_eq!(px(1, 2), u8s(&e["rgb_at_row1_col2"]));
    assert_eq!(px(31, 31), u8s(&e["rgb_at_row31_col31"]));
    assert_ne!(px(0, 0), u8s(&e["wrong_interleaved_row0_col0"]));
    assert_ne!(px(1, 2), u8s(&e["wrong_interleaved_row1_col2"]));
    assert_eq!(
        (10_000 * cifar::RECORD) as u64,
        e["file_len_10000_records"].as_u64().unwrap()
    );
    let ten = rec.repeat(10_000);
    assert_eq!(
        cifar::parse_batch(&ten, "10000", None).unwrap().count,
        10_000
    );
}

fn run(opt: &mut Optimizer<f64>, x0: &[f64], steps: usize) -> Vec<Vec<f64>> {
    let mut x = x0.to_vec();
    (0..steps)
        .map(|_| {
            let g = x.clone(); // f = ½‖x‖², grad = x
            opt.update(&mut x, &g);
            x.clone()
        })
        .collect()
}

#[test]
fn c11_adam_bias_correction() {
    let c = case("C11");
    let (i, e) = (&c["inputs"], &c["expected"]);
    let tol = f(&c["tolerance"]["x"]["abs"]);
    let mut adam = Adam::new(f(&i["lr"]));
    assert_eq!(
        (adam.beta1, adam.beta2, adam.epsilon),
        (f(&i["beta1"]), f(&i["beta2"]), f(&i["eps"]))
    );
    adam.bias_correction = true;
    let x0 = fs(&i["x0"]);
    let steps = i["steps"].as_u64().unwrap() as usize;
    let got = run(&mut Optimizer::Adam(adam.clone()), &x0, steps);
    for (k, want) in e["x_after_step"].as_array().unwrap().iter().enumerate() {
        close(&got[k], &fs(want), tol, &format!("C11 step {}", k + 1));
    }
    let first = &got[0];
    for key in [
        "wrong_first_step_if_t_is_2",
        "wrong_first_step_without_bias_correction",
    ] {
        let wrong = fs(&e[key]);
        assert!((first[0] - wrong[0]).abs() > 1e-3, "C11 matches {key}");
    }
    // the listed wrong values are what those mistakes give (so the assertions above mean something)
    let mut no_bc = adam.clone();
    no_bc.bias_correction = false;
    let got = run(&mut Optimizer::Adam(no_bc), &x0, 1);
    close(
        &got[0],
        &fs(&e["wrong_first_step_without_bias_correction"]),
        tol,
        "C11 no bias correction",
    );
    let mut t2 = adam.clone();
    t2.t = 1; // already one step counted: the first update corrects with t = 2
    let got = run(&mut Optimizer::Adam(t2), &x0, 1);
    close(
        &got[0],
        &fs(&e["wrong_first_step_if_t_is_2"]),
        tol,
        "C11 t = 2",
    );
    assert!(
        first.iter().all(|v| v.is_finite()),
        "C11: t = 0 would give NaN"
    );
}

#[test]
fn c13_momentum_and_nesterov() {
    let c = case("C13");
    let (i, e) = (&c["inputs"], &c["expected"]);
    let tol = f(&c["tolerance"]["x"]["abs"]);
    let (lr, mu, x0) = (f(&i["lr"]), f(&i["mu"]), f(&i["x0"]));
    let steps = i["steps"].as_u64().unwrap() as usize;
    let mut mom = SgdMomentum::new(lr);
    mom.momentum = mu;
    let mut nes = Nesterov::new(lr);
    nes.momentum = mu;
    let flat1 = |v: Vec<Vec<f64>>| v.into_iter().flatten().collect::<Vec<_>>();
    let sgd = flat1(run(&mut Optimizer::Sgd(Sgd::new(lr)), &[x0], steps));
    let mom = flat1(run(&mut Optimizer::SgdMomentum(mom), &[x0], steps));
    let nes = flat1(run(&mut Optimizer::Nesterov(nes), &[x0], steps));
    close(&sgd, &fs(&e["sgd"]), tol, "C13 sgd");
    close(&mom, &fs(&e["momentum"]), tol, "C13 momentum");
    close(
        &nes,
        &fs(&e["nesterov_stored_lookahead"]),
        tol,
        "C13 nesterov",
    );
    close(
        &nes,
        &fs(&e["nesterov_pytorch_form_equals_above"]),
        tol,
        "C13 nesterov = PyTorch form",
    );
    // PyTorch form: buf = μ·buf + g; x −= lr·(g + μ·buf)
    let (mut x, mut buf, mut pt) = (x0, 0.0, vec![]);
    for _ in 0..steps {
        let g = x;
        buf = mu * buf + g;
        x -= lr * (g + mu * buf);
        pt.push(x);
    }
    close(
        &pt,
        &fs(&e["nesterov_pytorch_form_equals_above"]),
        tol,
        "C13 PyTorch form",
    );
    // textbook form: gradient at x + μv; stored (ours) = textbook x + μv
    let (mut x, mut v, mut tb) = (x0, 0.0, vec![]);
    for k in 0..steps {
        v = mu * v - lr * (x + mu * v);
        x += v;
        tb.push(x);
        assert!(
            (x + mu * v - nes[k]).abs() <= tol,
            "C13 stored = textbook x + μv at step {k}"
        );
    }
    close(
        &tb,
        &fs(&e["nesterov_textbook_x_variable"]),
        tol,
        "C13 textbook x",
    );
}

#[test]
fn c15_softmax_l2_convention() {
    let c = case("C15");
    let (i, e) = (&c["inputs"], &c["expected"]);
    let (tl, tg) = (
        f(&c["tolerance"]["loss"]["abs"]),
        f(&c["tolerance"]["grad"]["abs"]),
    );
    let (m, x, y) = model(i);
    let reg = f(&i["reg"]);
    let p0 = m.loss(m.view(&x), &y, LossKind::Softmax, 0.0);
    close(&[p0.data_loss], &[f(&e["data_loss"])], tl, "C15 data loss");
    close(&p0.dw, &flat(&e["data_grad"]), tg, "C15 data grad");
    // ours is convention A (R = reg·ΣW², dR = 2·reg·W), loss and gradient alike
    let p = m.loss(m.view(&x), &y, LossKind::Softmax, reg);
    close(
        &[p.loss()],
        &[f(&e["convA_reg_sumW2"]["loss"])],
        tl,
        "C15 loss (A)",
    );
    close(
        &p.dw,
        &flat(&e["convA_reg_sumW2"]["grad"]),
        tg,
        "C15 grad (A)",
    );
    assert!(
        (p.loss() - f(&e["convB_half_reg_sumW2"]["loss"])).abs() > 0.1,
        "not B's loss"
    );
    // the case's B values and the mixing error are consistent with A's (½ the reg part)
    let r = p.reg_loss;
    close(
        &[p0.data_loss + r / 2.0],
        &[f(&e["convB_half_reg_sumW2"]["loss"])],
        tl,
        "C15 loss (B)",
    );
    let gb: Vec<f64> = p0.dw.iter().zip(&m.w).map(|(d, w)| d + reg * w).collect();
    close(
        &gb,
        &flat(&e["convB_half_reg_sumW2"]["grad"]),
        tg,
        "C15 grad (B)",
    );
    let fl = |w: &[f64]| {
        LinearClassifier::new(w.to_vec(), vec![], 2, 3)
            .loss(view2(&x, 2).unwrap(), &y, LossKind::Softmax, reg)
            .loss()
    };
    let num = classplay::gradcheck::eval_numerical_gradient(fl, &m.w, 1e-5);
    assert!(
        classplay::gradcheck::max_rel_error(&num, &p.dw) < 1e-7,
        "A's loss and grad agree"
    );
    let mixed = classplay::gradcheck::max_rel_error(
        &classplay::gradcheck::eval_numerical_gradient(
            |w: &[f64]| {
                let pp = LinearClassifier::new(w.to_vec(), vec![], 2, 3).loss(
                    view2(&x, 2).unwrap(),
                    &y,
                    LossKind::Softmax,
                    0.0,
                );
                pp.data_loss + 0.5 * reg * w.iter().map(|v| v * v).sum::<f64>()
            },
            &m.w,
            1e-5,
        ),
        &p.dw,
    );
    assert!(
        (mixed - f(&e["mismatched_max_rel_error"])).abs() < 1e-6,
        "mixing: {mixed}"
    );
}

#[test]
fn c20_f32_url_text() {
    let c = case("C20");
    let (i, e) = (&c["inputs"], &c["expected"]);
    let want = e["shortest_roundtrip_strings_rust_display"]
        .as_array()
        .unwrap();
    let values = fs(&i["values_f32"]);
    for ((b, s), v) in i["bits"].as_array().unwrap().iter().zip(want).zip(values) {
        let x = bits(b);
        assert_eq!(x, v as f32, "bits vs value {v}");
        let got = classplay::format_f32(x);
        assert_eq!(got, s.as_str().unwrap());
        assert_eq!(
            got.parse::<f32>().unwrap().to_bits(),
            x.to_bits(),
            "{got} round trip"
        );
        // the shortest such text: no text with fewer significant digits reads back to x
        let sig = got
            .replace('.', "")
            .trim_start_matches('0')
            .trim_end_matches('0')
            .len();
        for p in 1..sig {
            let shorter = format!("{:.*e}", p - 1, x as f64);
            assert_ne!(
                shorter.parse::<f32>().unwrap().to_bits(),
                x.to_bits(),
                "{shorter} < {got}"
            );
        }
    }
}
