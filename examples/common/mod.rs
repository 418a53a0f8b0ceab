//! Data loading shared by the native examples (`train`, `features`): MNIST from its IDX `.gz`
//! files, CIFAR-10 from the official binary batches, as the page's loaders read them.

use classplay::{Dataset, DatasetKind};

/// `(train, test)` of `name` (`mnist`, else CIFAR-10) from `dir` (holding `mnist/` or
/// `cifar10/`): the first `num_train` training records (over the five CIFAR-10 batches in order)
/// and the first `num_test` test records (`None`: all). Pixels 0..255.
///
/// # Errors
/// A file that cannot be read, or the core's error for a malformed one.
pub fn load(
    name: &str,
    dir: &str,
    num_train: usize,
    num_test: Option<usize>,
) -> Result<(Dataset, Dataset), Box<dyn std::error::Error>> {
    if name == "mnist" {
        let rd = |f: &str| std::fs::read(format!("{dir}/mnist/{f}"));
        let mut tr = Dataset::empty(DatasetKind::Mnist);
        tr.append_mnist(
            &rd("train-images-idx3-ubyte.gz")?,
            &rd("train-labels-idx1-ubyte.gz")?,
            Some(num_train),
        )?;
        let mut te = Dataset::empty(DatasetKind::Mnist);
        te.append_mnist(
            &rd("t10k-images-idx3-ubyte.gz")?,
            &rd("t10k-labels-idx1-ubyte.gz")?,
            num_test,
        )?;
        Ok((tr, te))
    } else {
        let mut tr = Dataset::empty(DatasetKind::Cifar10);
        for b in 1..=5 {
            if tr.len() >= num_train {
                break;
            }
            let left = num_train - tr.len();
            tr.append_cifar_bin(
                &std::fs::read(format!("{dir}/cifar10/data_batch_{b}.bin"))?,
                Some(left),
            )?;
        }
        let mut te = Dataset::empty(DatasetKind::Cifar10);
        te.append_cifar_bin(
            &std::fs::read(format!("{dir}/cifar10/test_batch.bin"))?,
            num_test,
        )?;
        Ok((tr, te))
    }
}
