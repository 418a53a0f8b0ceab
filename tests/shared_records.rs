//! One decode of the data shared by the k-NN pool (issue 13): a worker that decoded the files
//! hands its records (`Playground::records`, `record_labels`) to the others, which take them with
//! `Playground::adopt_data` instead of decoding the same files again. Checked against the IDX
//! files' own bytes (read here by offset, not by the core's decoder) and against a worker that
//! decoded the files itself: same records, same labels, same k-NN predictions; bad input is
//! refused and changes nothing.

use classplay::api::{DatasetKind, Playground};
use classplay::data::{Dataset, DatasetKind as CoreKind};

/// A raw (not gzipped) MNIST IDX pair of `n` 28×28 images with pseudo-random pixels and labels
/// 0..9: (images file, labels file).
fn mnist_pair(n: usize, seed: u32) -> (Vec<u8>, Vec<u8>) {
    let mut images = vec![0, 0, 8, 3];
    for v in [n as u32, 28, 28] {
        images.extend(v.to_be_bytes());
    }
    let mut s = seed;
    for _ in 0..n * 784 {
        s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        images.push((s >> 24) as u8);
    }
    let mut labels = vec![0, 0, 8, 1];
    labels.extend((n as u32).to_be_bytes());
    labels.extend((0..n).map(|i| ((i * 7 + seed as usize) % 10) as u8));
    (images, labels)
}

/// A Playground that decoded the pair itself (what every pool worker did before).
fn decoded(train: &(Vec<u8>, Vec<u8>), test: &(Vec<u8>, Vec<u8>)) -> Playground {
    let mut pg = Playground::new();
    pg.clear_data(DatasetKind::Mnist);
    assert!(pg.load_mnist("train", &train.0, &train.1, 0).is_ok());
    assert!(pg.load_mnist("test", &test.0, &test.1, 0).is_ok());
    pg
}

/// The records of `pg`'s `split` in blocks of `block`, joined (as www/modes/knn/worker.js asks).
fn exported(pg: &Playground, split: &str, block: u32) -> Vec<u8> {
    let n = pg.num_records(split).ok().unwrap();
    let mut out = Vec::new();
    let mut from = 0;
    while from < n {
        let to = (from + block).min(n);
        out.extend(pg.records(split, from, to).ok().unwrap());
        from = to;
    }
    out
}

#[test]
fn adopted_records_are_the_decoded_files_and_predict_the_same_labels() {
    let train = mnist_pair(50, 3);
    let test = mnist_pair(12, 8);
    let source = decoded(&train, &test);
    // The export is the files' pixels and labels byte for byte (IDX: 16- and 8-byte headers).
    let train_x = exported(&source, "train", 7);
    assert_eq!(train_x, train.0[16..].to_vec());
    let train_y = source.record_labels("train").ok().unwrap();
    assert_eq!(
        train_y,
        train.1[8..].iter().map(|&l| l as u16).collect::<Vec<_>>()
    );
    let test_x = exported(&source, "test", 5);
    assert_eq!(test_x, test.0[16..].to_vec());
    let test_y = source.record_labels("test").ok().unwrap();

    let mut adopted = Playground::new();
    assert_eq!(
        adopted
            .adopt_data(DatasetKind::Mnist, train_x, train_y, test_x, test_y)
            .ok(),
        Some(50)
    );
    assert_eq!(adopted.dataset_kind(), 0);
    assert_eq!(adopted.num_records("test").ok(), Some(12));
    assert_eq!(
        (adopted.height(), adopted.width(), adopted.channels()),
        (28, 28, 1)
    );
    assert_eq!(adopted.class_names(), source.class_names());
    for i in [0, 11] {
        assert_eq!(
            adopted.image_rgba("test", i).ok(),
            source.image_rgba("test", i).ok()
        );
        assert_eq!(adopted.label("test", i).ok(), source.label("test", i).ok());
    }

    let mut source = source;
    for pg in [&mut source, &mut adopted] {
        assert!(pg.knn_setup(50, 12, "first", 1).is_ok());
    }
    for metric in ["l1", "l2"] {
        for k in [1, 3] {
            let want = source.knn_predict_ranked(0, 12, metric, k, 5).ok().unwrap();
            assert_eq!(
                adopted
                    .knn_predict_ranked(0, 12, metric, k, 5)
                    .ok()
                    .unwrap(),
                want,
                "{metric} k = {k}"
            );
            // Any split of the rows gives the same labels (the pool's chunks).
            let mut parts = adopted.knn_predict(0, 5, metric, k).ok().unwrap();
            parts.extend(source.knn_predict(5, 12, metric, k).ok().unwrap());
            assert_eq!(parts, want.iter().step_by(5).copied().collect::<Vec<_>>());
        }
    }
}

#[test]
fn bad_shared_records_are_refused() {
    let ok_x = || vec![9u8; 2 * 784];
    // A size that is not N·D, a label past MNIST's 10 classes, and a Custom kind (the errors the
    // page's adopt_data returns, unchanged data then: it builds both splits before replacing).
    assert!(Dataset::from_records(CoreKind::Mnist, vec![1; 783], vec![1]).is_err());
    assert!(Dataset::from_records(CoreKind::Mnist, ok_x(), vec![1, 10]).is_err());
    assert!(Dataset::from_records(CoreKind::Cifar100Coarse, vec![0; 3072], vec![20]).is_err());
    assert!(Dataset::from_records(CoreKind::Cifar100Fine, vec![0; 3072], vec![99]).is_ok());
    assert!(Dataset::from_records(CoreKind::Custom, ok_x(), vec![1, 2]).is_err());
    assert!(Dataset::from_records(CoreKind::Cifar10, vec![0; 784], vec![1]).is_err());
    let d = Dataset::from_records(CoreKind::Mnist, ok_x(), vec![3, 4]).unwrap();
    assert_eq!((d.len(), d.dim(), d.labels.clone()), (2, 784, vec![3, 4]));
    // Blocks outside the records.
    assert!(d.records(1, 3).is_err());
    assert!(d.records(2, 1).is_err());
    assert_eq!(d.records(2, 2).unwrap(), &[] as &[u8]);
    assert_eq!(d.records(1, 2).unwrap(), &ok_x()[784..]);
    // Through the page's API: CIFAR-10's records are 3072 bytes.
    let mut cifar = Playground::new();
    assert_eq!(
        cifar
            .adopt_data(DatasetKind::Cifar10, vec![0; 3072], vec![9], vec![], vec![])
            .ok(),
        Some(1)
    );
    assert_eq!(
        (cifar.height(), cifar.channels(), cifar.num_classes()),
        (32, 3, 10)
    );
}
