//! The evaluation views and the weights file on real MNIST: top-5 ≥ top-1, the confusion matrix
//! agrees with the accuracy and the per-class accuracies, the algebraic view adds up to the scores,
//! and exported weights re-imported into a fresh run predict exactly as the run that wrote them.

mod common;
use classplay::evaluation::{scores, top_classes, AlgebraicView, Evaluation};
use classplay::weights::{export, import, install, Weights};
use classplay::{Dataset, DatasetKind, LossKind, Solver, TrainConfig};
use common::mnist_file;

fn mnist() -> (Dataset, Dataset) {
    let mut tr = Dataset::empty(DatasetKind::Mnist);
    tr.append_mnist(
        &mnist_file("train-images-idx3-ubyte.gz"),
        &mnist_file("train-labels-idx1-ubyte.gz"),
        Some(4000),
    )
    .unwrap();
    let mut te = Dataset::empty(DatasetKind::Mnist);
    te.append_mnist(
        &mnist_file("t10k-images-idx3-ubyte.gz"),
        &mnist_file("t10k-labels-idx1-ubyte.gz"),
        Some(2000),
    )
    .unwrap();
    (tr, te)
}

fn trained(tr: &Dataset, loss: LossKind, bias_trick: bool, seed: u32) -> Solver {
    let cfg = TrainConfig {
        num_train: 3000,
        num_val: 1000,
        num_iters: 100,
        batch_size: 200,
        loss,
        bias_trick,
        seed,
        ..TrainConfig::default()
    };
    let mut s = Solver::new(tr, cfg).unwrap();
    s.train(tr, 100).unwrap();
    s
}

fn all(d: &Dataset) -> Vec<u32> {
    (0..d.len() as u32).collect()
}

#[test]
fn confusion_matrix_top5_and_per_class_agree_with_accuracy() {
    let (tr, te) = mnist();
    for loss in [LossKind::Softmax, LossKind::Svm] {
        let s = trained(&tr, loss, true, 1);
        let ev = Evaluation::new(&s, &te, all(&te)).unwrap();
        let acc = s.check_accuracy(&te, None).unwrap();
        assert_eq!(ev.top1, acc, "top-1 is the solver's accuracy");
        assert!(ev.top1 > 0.8, "a trained model: {}", ev.top1);
        assert!(ev.top5 >= ev.top1 && ev.top5 > 0.95, "top-5 {}", ev.top5);
        let m = ev.confusion();
        let diag: u32 = (0..10).map(|r| m[r * 10 + r]).sum();
        assert_eq!(m.iter().sum::<u32>() as usize, te.len());
        assert_eq!(diag as f32 / te.len() as f32, acc);
        for (r, &a) in ev.per_class_acc().iter().enumerate() {
            let row = &m[r * 10..r * 10 + 10];
            let n: u32 = row.iter().sum();
            assert_eq!(
                n as usize,
                te.labels.iter().filter(|&&l| l as usize == r).count()
            );
            assert_eq!(a, row[r] as f32 / n as f32);
            for (c, &count) in row.iter().enumerate() {
                let cell = ev.cell(r as u16, c as u16);
                assert_eq!(cell.len() as u32, count, "cell ({r}, {c})");
                assert!(cell.iter().all(|&i| te.labels[i as usize] as usize == r));
            }
        }
        let val = Evaluation::new(&s, &tr, s.split().val.clone()).unwrap();
        assert_eq!(val.top1, s.val_acc(&tr).unwrap());
    }
}

#[test]
fn algebraic_view_adds_up_and_top_classes_follow_the_scores() {
    let (tr, te) = mnist();
    for bias_trick in [true, false] {
        let s = trained(&tr, LossKind::Softmax, bias_trick, 2);
        let pred = s.predict(&te, Some(&[0, 1, 2, 3])).unwrap();
        let sc = scores(&s, &te, &[0, 1, 2, 3]).unwrap();
        for i in 0..4u32 {
            let v = AlgebraicView::new(&s, &te, i, 5).unwrap();
            assert_eq!(v.x.len(), 784 + bias_trick as usize);
            if bias_trick {
                assert_eq!(v.x[784], 1.0);
            }
            assert_eq!(v.label, te.labels[i as usize]);
            assert_eq!(v.scores, sc[i as usize * 10..][..10]);
            for c in 0..10 {
                let sum = v.wx[c] + v.b[c];
                assert!(
                    (sum - v.scores[c]).abs() <= 1e-3 * v.scores[c].abs().max(1.0),
                    "w·x + b = {sum} vs score {}",
                    v.scores[c]
                );
            }
            let top = top_classes(&v.scores, 3, LossKind::Softmax);
            assert_eq!(top[0].0, pred[i as usize]);
            assert!(top[0].1 >= top[1].1 && top[1].1 >= top[2].1);
            assert_eq!(v.cols.len(), 5);
            assert!(v.cols.windows(2).all(|p| p[0] < p[1]));
            let biggest = v.x[..784].iter().fold(0f32, |m, &x| m.max(x.abs()));
            assert!(v.cols.iter().any(|&j| v.x[j as usize].abs() == biggest));
        }
    }
    assert!(AlgebraicView::new(&trained(&tr, LossKind::Svm, true, 1), &te, 99_999, 3).is_err());
}

#[test]
fn exported_weights_predict_the_same_in_a_fresh_run() {
    let (tr, te) = mnist();
    let a = trained(&tr, LossKind::Softmax, true, 3);
    let bytes = export(&Weights::of(&a, &tr));
    let want = a.predict(&te, None).unwrap();
    // a fresh run with another seed (another mean image), with and without the bias trick
    for bias_trick in [true, false] {
        let mut b = trained(&tr, LossKind::Svm, bias_trick, 9);
        assert_ne!(b.predict(&te, None).unwrap(), want);
        let wt = import(&bytes, "a.bin", &tr).unwrap();
        install(&mut b, &wt).unwrap();
        assert_eq!(b.mean, a.mean);
        let got = b.predict(&te, None).unwrap();
        let same = got.iter().zip(&want).filter(|(g, w)| g == w).count();
        if bias_trick {
            assert_eq!(got, want, "same layout: bit-identical scores");
        } else {
            // w·x + b instead of [w; b]·[x; 1]: only rounding differs
            assert!(same >= want.len() - 2, "{same} of {}", want.len());
        }
        assert_eq!(
            export(&Weights::of(&b, &tr)).len(),
            bytes.len(),
            "[w; b] and w, b have as many floats"
        );
    }
    let cifar = Dataset::empty(DatasetKind::Cifar10);
    assert!(import(&bytes, "a.bin", &cifar).is_err());
}
