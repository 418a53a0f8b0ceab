//! The cases in tests/cases (from real bug reports; a copy of ../shared/cases) that the walking
//! skeleton touches, each with its right value as the assertion: C01, C02, C08, C09, C15, C20.
//! (C17 and C19 are JS cases: www/test/. tests/cases_json.rs asserts every case from the JSON.)

mod common;
use classplay::data::{cifar, idx};
use classplay::loss::{softmax_loss, softmax_probs, LossKind};
use classplay::models::LinearClassifier;
use classplay::Error;
use common::assert_close;
use ndarray::ArrayView2;

// ---------- C01: softmax overflow ----------

#[test]
fn c01a_large_scores_f64() {
    let s = [1000.0, 1001.0, 1002.0];
    assert_close(
        &softmax_probs(&s),
        &[0.09003057317038046, 0.24472847105479764, 0.6652409557748218],
        1e-12,
        "probs",
    );
    let (loss, _) = softmax_loss(ArrayView2::from_shape((1, 3), &s).unwrap(), &[2]);
    assert!((loss - 0.40760596444442854).abs() < 1e-12, "loss {loss}");
}

#[test]
fn c01b_f32_scores_near_overflow() {
    let p = softmax_probs(&[90f32, 2.0, -2.0]);
    assert!(p.iter().all(|v| v.is_finite()), "{p:?}");
    assert!((p[0] - 1.0).abs() < 1e-7);
    assert!(
        (0.0..=1e-37).contains(&p[1]) && (0.0..=1e-37).contains(&p[2]),
        "{p:?}"
    );
    let (loss, d) = softmax_loss(
        ArrayView2::from_shape((1, 3), &[90f32, 2.0, -2.0]).unwrap(),
        &[0],
    );
    assert!(loss.is_finite() && d.iter().all(|v| v.is_finite()));
}

#[test]
fn c01c_loss_and_gradient_far_from_the_max() {
    let scores = [-431.0f64, 279.0, 427.0];
    let (loss, d) = softmax_loss(ArrayView2::from_shape((1, 3), &scores).unwrap(), &[0]);
    assert_eq!(d.shape(), [1, 3]);
    let d = d.as_slice().unwrap();
    assert!((loss - 858.0).abs() < 1e-12, "loss {loss}");
    assert_close(d, &[-1.0, 5.301718666092324e-65, 1.0], 1e-12, "dscores");
    assert!(d.iter().all(|v| v.is_finite()));
}

// ---------- C02: multiclass SVM, margin exactly 0 ----------

fn c02_model() -> (LinearClassifier<f64>, Vec<f64>, Vec<u16>) {
    let w = vec![1.0, 0.0, 2.0, 0.0, 1.0, -1.0]; // (D=2, C=3)
    (
        LinearClassifier::new(w, vec![], 2, 3),
        vec![1.0, 2.0, 1.0, -1.0],
        vec![0, 2],
    )
}

#[test]
fn c02_svm_reg0() {
    let (m, x, y) = c02_model();
    assert_close(
        m.scores(m.view(&x)).as_slice().unwrap(),
        &[1.0, 2.0, 0.0, 1.0, -1.0, 3.0],
        0.0,
        "scores",
    );
    let p = m.loss(m.view(&x), &y, LossKind::Svm, 0.0);
    assert!(
        (p.loss() - 1.0).abs() < 1e-12,
        "loss {} (2.0 = correct class counted)",
        p.loss()
    );
    assert_close(
        &p.dw,
        &[-0.5, 0.5, 0.0, -1.0, 1.0, 0.0],
        1e-12,
        "dW (margin 0 must not count)",
    );
}

#[test]
fn c02_svm_reg01() {
    let (m, x, y) = c02_model();
    let p = m.loss(m.view(&x), &y, LossKind::Svm, 0.1);
    assert!(
        (p.loss() - 1.7000000000000002).abs() < 1e-12,
        "loss {}",
        p.loss()
    );
    assert_close(&p.dw, &[-0.3, 0.5, 0.4, -1.0, 1.2, -0.2], 1e-12, "dW");
}

// ---------- C15: softmax + L2, convention A (R = reg·ΣW², dR = 2·reg·W) ----------

#[test]
fn c15_softmax_l2_convention_a() {
    let (m, x, y) = c02_model();
    let p0 = m.loss(m.view(&x), &y, LossKind::Softmax, 0.0);
    assert!((p0.data_loss - 0.7752687964721399).abs() < 1e-12);
    assert_close(
        &p0.dw,
        &[
            -0.318980550559502,
            0.3405585978756443,
            -0.02157804731614231,
            -0.8139267428583015,
            0.6573028357865884,
            0.156623907071713,
        ],
        1e-12,
        "data grad",
    );
    let p = m.loss(m.view(&x), &y, LossKind::Softmax, 0.1);
    assert!(
        (p.loss() - 1.47526879647214).abs() < 1e-12,
        "loss {}",
        p.loss()
    );
    assert_close(
        &p.dw,
        &[
            -0.11898055055950196,
            0.3405585978756443,
            0.3784219526838577,
            -0.8139267428583015,
            0.8573028357865884,
            -0.04337609292828701,
        ],
        1e-12,
        "grad (convention A)",
    );
    // The loss and the gradient agree with each other: a centred numeric gradient of the total
    // loss matches (mixing conventions gives a relative error of 1.0 here).
    let f = |w: &[f64]| {
        LinearClassifier::new(w.to_vec(), vec![], 2, 3)
            .loss(
                classplay::models::view2(&x, 2).unwrap(),
                &y,
                LossKind::Softmax,
                0.1,
            )
            .loss()
    };
    let num = classplay::gradcheck::eval_numerical_gradient(f, &m.w, 1e-5);
    assert!(classplay::gradcheck::max_rel_error(&num, &p.dw) < 1e-7);
}

// ---------- C08: IDX is big-endian ----------

#[test]
fn c08_hand_built_images_and_labels() {
    let mut b = vec![0x00, 0x00, 0x08, 0x03, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3];
    b.extend(0u8..12);
    let img = idx::parse_images_raw(&b, "images").unwrap();
    assert_eq!((img.count, img.rows, img.cols), (2, 2, 3));
    assert_eq!(img.pixels[..6], [0, 1, 2, 3, 4, 5]); // image0 = [[0,1,2],[3,4,5]]
    assert_eq!(img.pixels[6..], [6, 7, 8, 9, 10, 11]);
    let lab = idx::parse_labels(&[0, 0, 8, 1, 0, 0, 0, 2, 7, 2], "labels", None).unwrap();
    assert_eq!(lab.labels, vec![7, 2]);
}

#[test]
fn c08_real_train_header() {
    let hdr = [
        0x00, 0x00, 0x08, 0x03, 0x00, 0x00, 0xea, 0x60, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00,
        0x1c,
    ];
    // A header alone declares 60000·28·28 bytes: truncated, not a 1625948160-record misread.
    match idx::parse_images(&hdr, "train", None) {
        Err(Error::Truncated {
            declared,
            available,
            ..
        }) => assert_eq!((declared, available), (60000 * 784, 0)),
        other => panic!("{other:?}"),
    }
    let img = idx::parse_images(&hdr, "train", Some(0)).unwrap();
    assert_eq!((img.declared_count, img.rows, img.cols), (60000, 28, 28));
}

#[test]
fn c08_rejects_bad_magic_length_and_gzip() {
    // little-endian writers: magic 2051 stored as 03 08 00 00 → read as 50855936 → refused
    let le = [0x03, 0x08, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0];
    let e = idx::parse_images_raw(&le, "le").unwrap_err().to_string();
    assert!(
        e.contains("50855936") && e.contains("little-endian") && e.contains("offset 0"),
        "{e}"
    );
    // a little-endian labels file: magic 2049 read as 17301504 → refused, naming that value
    let le_labels = [0x01, 0x08, 0, 0, 2, 0, 0, 0, 7, 2];
    let e = idx::parse_labels(&le_labels, "le labels", None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("17301504"), "{e}");
    // the case's other misreads are what a little-endian reader gets from the big-endian fields
    // (c08_real_train_header above reads them as 60000 / 28 / 28)
    let real = [0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 0x1c, 0, 0, 0, 0x1c];
    let le_u32 = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap());
    assert_eq!(le_u32(&real[4..8]), 1625948160);
    assert_eq!(le_u32(&real[8..12]), 469762048);
    assert_eq!(le_u32(&[0, 0, 0, 2]), 33554432);
    // labels file given as images and vice versa
    assert!(idx::parse_images(&[0, 0, 8, 1, 0, 0, 0, 2, 7, 2], "labels as images", None).is_err());
    assert!(idx::parse_labels(
        &[0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1],
        "images as labels",
        None
    )
    .is_err());
    // another magic
    assert!(idx::parse_images_raw(&[0, 0, 8, 4, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1], "m").is_err());
    // wrong length: one pixel short, one pixel over
    let mut b = vec![0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3];
    b.extend(0u8..11);
    assert!(idx::parse_images_raw(&b, "short").is_err());
    b.extend([11, 12]);
    assert!(idx::parse_images_raw(&b, "long").is_err());
    assert!(idx::parse_labels(&[0, 0, 8, 1, 0, 0, 0, 2, 7], "short labels", None).is_err());
    // still gzipped
    assert!(idx::parse_images_raw(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3], "x.gz").is_err());
}

// ---------- C09: CIFAR-10 record is planar R, G, B ----------

#[test]
fn c09_planar_record() {
    let mut rec = vec![6u8];
    for ch in 0..3usize {
        for p in 0..1024usize {
            rec.push(((p + 85 * ch) % 256) as u8);
        }
    }
    let b = cifar::parse_batch(&rec, "rec", None).unwrap();
    assert_eq!(b.labels, vec![6]);
    let px = |row: usize, col: usize| {
        let p = row * 32 + col;
        [b.pixels[3 * p], b.pixels[3 * p + 1], b.pixels[3 * p + 2]]
    };
    assert_eq!(px(0, 0), [0, 85, 170]);
    assert_eq!(px(1, 2), [34, 119, 204]);
    assert_eq!(px(31, 31), [255, 84, 169]);
    assert_eq!(10_000 * cifar::RECORD, 30_730_000);
}

// ---------- C20: shortest round-trip f32 strings ----------

#[test]
fn c20_shortest_f32_strings() {
    let bits = [
        0x3a83126fu32,
        0x33d6bf95,
        0x3f666666,
        0x3f7fbe77,
        0x46c35000,
        0x36a7c5ac,
        0x3dcccccd,
    ];
    let want = [
        "0.001",
        "0.0000001",
        "0.9",
        "0.999",
        "25000",
        "0.000005",
        "0.1",
    ];
    for (b, w) in bits.iter().zip(want) {
        let x = f32::from_bits(*b);
        let s = classplay::format_f32(x);
        assert_eq!(s, w);
        assert_eq!(
            s.parse::<f32>().unwrap().to_bits(),
            *b,
            "{s} must read back to the same bits"
        );
    }
}

// ---------- C26: NaN scores rank as correct ----------

/// Case C26: scores `(4, 3)` = [[nan, nan, nan], [1, 2, 3], [nan, 0, 1], [3, 2, 1]], labels
/// [1, 2, 1, 0]. A NaN never ranks above a number and an all-NaN row is a miss whatever its label:
/// top-1 = 2/4 = 0.5 = the confusion matrix's diagonal / total, top-2 = 3/4 (row 2 ranks class 2,
/// then 1). The shipped ranking gave the all-NaN row rank 0, a hit.
#[test]
fn c26_nan_scores_never_rank_as_correct() {
    use classplay::metrics::{confusion_matrix, top_k_accuracy, NO_PREDICTION};
    use classplay::models::linear::argmax;
    let nan = f32::NAN;
    let scores = [nan, nan, nan, 1.0, 2.0, 3.0, nan, 0.0, 1.0, 3.0, 2.0, 1.0];
    let labels: [u16; 4] = [1, 2, 1, 0];
    let pred: Vec<u16> = scores.chunks_exact(3).map(argmax).collect();
    assert_eq!(pred, [NO_PREDICTION, 2, 2, 0]);
    let top1 = top_k_accuracy(&scores, &labels, 3, 1);
    let m = confusion_matrix(&pred, &labels, 3);
    let diag: u32 = (0..3).map(|i| m[i * 3 + i]).sum();
    let total: u32 = m.iter().sum();
    assert_eq!(top1, 0.5);
    assert_eq!(diag as f32 / total as f32, top1);
    assert_eq!(top_k_accuracy(&scores, &labels, 3, 2), 0.75);
    // argmax on finite rows: first maximum, as ever
    assert_eq!(argmax(&[1.0f32, 3.0, 3.0]), 1);
    assert_eq!(argmax(&[nan, 0.0, 0.0]), 1);
}
