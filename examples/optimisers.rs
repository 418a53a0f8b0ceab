//! Each update rule on the default MNIST run at the same iteration budget (validation and test
//! accuracy), and random / random local search on CIFAR-10: the figures of issue 4's closing note.
//!
//! Run: `cargo run --release --example optimisers [num_iters]` (default 300).

use classplay::optim::UpdateRule;
use classplay::search::{SearchKind, SearchRun};
use classplay::{Dataset, DatasetKind, LossKind, Solver, TrainConfig};
use std::time::Instant;

fn read(p: &str) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn main() {
    let num_iters: u32 = std::env::args()
        .nth(1)
        .map_or(300, |s| s.parse().expect("num_iters"));
    let mut tr = Dataset::empty(DatasetKind::Mnist);
    tr.append_mnist(
        &read("data/mnist/train-images-idx3-ubyte.gz"),
        &read("data/mnist/train-labels-idx1-ubyte.gz"),
        Some(11_000),
    )
    .unwrap();
    let mut te = Dataset::empty(DatasetKind::Mnist);
    te.append_mnist(
        &read("data/mnist/t10k-images-idx3-ubyte.gz"),
        &read("data/mnist/t10k-labels-idx1-ubyte.gz"),
        None,
    )
    .unwrap();
    println!("MNIST, default run (softmax, reg 10, 10 000 train), {num_iters} iterations each");
    for (rule, lr) in [
        (UpdateRule::Gd, 1e-5),
        (UpdateRule::Sgd, 1e-5),
        (UpdateRule::SgdMomentum, 1e-6),
        (UpdateRule::Nesterov, 1e-6),
        (UpdateRule::Adagrad, 1e-3),
        (UpdateRule::Rmsprop, 1e-4),
        (UpdateRule::Adam, 1e-4),
        (UpdateRule::Lbfgs, 1e-5),
    ] {
        let cfg = TrainConfig {
            update_rule: rule,
            learning_rate: lr,
            num_iters,
            ..TrainConfig::default()
        };
        let t = Instant::now();
        let mut s = Solver::new(&tr, cfg).unwrap();
        s.train(&tr, num_iters).unwrap();
        println!(
            "{:>13} lr {lr:e}: val {:.3} test {:.3} final loss {:.3} ({} it{}, {:.1} s)",
            rule.as_str(),
            s.val_acc(&tr).unwrap(),
            s.check_accuracy(&te, None).unwrap(),
            s.loss_history.last().unwrap(),
            s.iteration(),
            if s.diverged() { ", diverged" } else { "" },
            t.elapsed().as_secs_f32()
        );
    }
    let Ok(bytes) = std::fs::read("../shared/data/cifar10/data_batch_1.bin") else {
        return;
    };
    let mut ctr = Dataset::empty(DatasetKind::Cifar10);
    ctr.append_cifar_bin(&bytes, None).unwrap();
    let mut cte = Dataset::empty(DatasetKind::Cifar10);
    cte.append_cifar_bin(&read("../shared/data/cifar10/test_batch.bin"), None)
        .unwrap();
    // The default CIFAR-10 run of the page (softmax, reg 1e4, 9 000 train / 1 000 val, the same
    // budget for every rule), with the lab's per-rule learning rates (www/modes/lab/rules.js).
    println!("CIFAR-10, default run (softmax, reg 1e4, 9 000 train), {num_iters} iterations each");
    for (rule, lr) in [
        (UpdateRule::Gd, 3e-7),
        (UpdateRule::Sgd, 3e-7),
        (UpdateRule::SgdMomentum, 3e-8),
        (UpdateRule::Nesterov, 3e-8),
        (UpdateRule::Adagrad, 1e-4),
        (UpdateRule::Rmsprop, 1e-5),
        (UpdateRule::Adam, 1e-5),
        (UpdateRule::Lbfgs, 1.0),
    ] {
        let cfg = TrainConfig {
            update_rule: rule,
            learning_rate: lr,
            reg: 1e4,
            num_train: 9000,
            num_val: 1000,
            num_iters,
            ..TrainConfig::default()
        };
        let t = Instant::now();
        let mut s = Solver::new(&ctr, cfg).unwrap();
        s.train(&ctr, num_iters).unwrap();
        println!(
            "{:>13} lr {lr:e}: val {:.3} test {:.3} final loss {:.3} ({} it{}, {:.1} s)",
            rule.as_str(),
            s.val_acc(&ctr).unwrap(),
            s.check_accuracy(&cte, None).unwrap(),
            s.loss_history.last().unwrap(),
            s.iteration(),
            if s.diverged() { ", diverged" } else { "" },
            t.elapsed().as_secs_f32()
        );
    }
    let cfg = TrainConfig {
        loss: LossKind::Svm,
        num_train: 2000,
        num_val: 1000,
        reg: 0.0,
        ..TrainConfig::default()
    };
    println!("CIFAR-10, SVM loss on 2 000 training images, 1 000 steps each");
    for (kind, scale, step) in [
        (SearchKind::Random, 1e-4, 1e-4),
        (SearchKind::Local, 1e-3, 1e-4),
    ] {
        let t = Instant::now();
        let mut s = SearchRun::new(&ctr, &cfg, kind, scale, step).unwrap();
        let best = s.step(&ctr, 1000);
        println!(
            "{kind:?}: best loss {best:.3}, val {:.3}, test {:.3} ({:.1} s)",
            s.val_acc(&ctr).unwrap(),
            s.test_acc(&cte).unwrap(),
            t.elapsed().as_secs_f32()
        );
    }
}
