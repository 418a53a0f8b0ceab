//! Few-shot episodes on real MNIST digits: seeded, reproducible, far above chance (1/N).

mod common;
use classplay::fewshot::{evaluate, FewShotConfig};
use classplay::{Dataset, DatasetKind};

#[test]
fn five_way_one_shot_mnist() {
    let mut d = Dataset::empty(DatasetKind::Mnist);
    d.append_mnist(
        &common::mnist_file("t10k-images-idx3-ubyte.gz"),
        &common::mnist_file("t10k-labels-idx1-ubyte.gz"),
        Some(2000),
    )
    .unwrap();
    let cfg = FewShotConfig {
        num_episodes: 50,
        ..FewShotConfig::default()
    };
    let r = evaluate(&d, cfg).unwrap();
    assert_eq!(r.accuracies.len(), 50);
    assert!(
        r.mean > 0.5,
        "5-way 1-shot nearest neighbour on MNIST: {} (chance 0.2)",
        r.mean
    );
    assert!(r.std > 0.0 && r.std < 0.5);
    assert_eq!(r, evaluate(&d, cfg).unwrap(), "same seed, same episodes");
    let five_shot = evaluate(&d, FewShotConfig { k_shot: 5, ..cfg }).unwrap();
    assert!(
        five_shot.mean > r.mean,
        "more shots help: {} vs {}",
        five_shot.mean,
        r.mean
    );
    assert!(evaluate(&d, FewShotConfig { n_way: 11, ..cfg }).is_err());
    assert!(evaluate(&d, FewShotConfig { k_shot: 0, ..cfg }).is_err());
}
