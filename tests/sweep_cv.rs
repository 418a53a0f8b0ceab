//! k-fold cross-validation of the learning rate × reg sweep (issue 12, item 5), against a direct
//! loop that carves the folds and trains one `Solver` per fold by hand.

mod common;

use classplay::data::split::Split;
use classplay::lab::cv::kfold;
use classplay::sweep::Sweep;
use classplay::{Dataset, DatasetKind, Solver, TrainConfig};
use common::mnist_file;

fn mnist(limit: usize) -> Dataset {
    let mut tr = Dataset::empty(DatasetKind::Mnist);
    tr.append_mnist(
        &mnist_file("train-images-idx3-ubyte.gz"),
        &mnist_file("train-labels-idx1-ubyte.gz"),
        Some(limit),
    )
    .unwrap();
    tr
}

fn small() -> TrainConfig {
    TrainConfig {
        num_train: 900,
        num_val: 300,
        num_iters: 20,
        batch_size: 50,
        ..TrainConfig::default()
    }
}

#[test]
fn one_fold_is_todays_sweep_bit_for_bit() {
    let tr = mnist(1500);
    let base = small();
    let (lrs, regs) = (vec![1e-7, 1e-5], vec![0.0, 1e3]);
    let mut s = Sweep::new(base, lrs.clone(), regs.clone()).unwrap();
    s.set_folds(&tr, 1).unwrap();
    assert_eq!(s.num_folds(), 1);
    for i in 0..s.len() {
        let c = s.run_cell(&tr, i).unwrap();
        // today's cell: a fresh Solver::new on the one validation split
        let cfg = s.cell_config(i).unwrap();
        let mut r = Solver::new(&tr, cfg).unwrap();
        r.train(&tr, cfg.num_iters).unwrap();
        assert_eq!(c.val_acc.to_bits(), r.val_acc(&tr).unwrap().to_bits());
        assert_eq!(c.val_top5.to_bits(), r.val_top5(&tr).unwrap().to_bits());
        assert_eq!(
            c.final_loss.to_bits(),
            r.loss_history.last().unwrap().to_bits()
        );
        assert_eq!(c.val_acc_std, 0.0);
    }
}

#[test]
fn every_record_is_validated_once_and_a_cell_is_the_mean_std_of_its_folds() {
    let tr = mnist(1500);
    let base = small();
    let k = 3;
    let mut s = Sweep::new(base, vec![1e-7, 1e-5], vec![0.0, 1e3]).unwrap();
    s.set_folds(&tr, k).unwrap();
    assert_eq!(s.num_folds(), k);
    // the pooled records: today's training + validation split
    let d = Solver::default_split(&tr, &base).unwrap();
    let mut pooled: Vec<u32> = d.train.iter().chain(&d.val).copied().collect();
    pooled.sort_unstable();
    let mut validated: Vec<u32> = s.folds.iter().flat_map(|f| f.val.clone()).collect();
    validated.sort_unstable();
    assert_eq!(
        validated, pooled,
        "each pooled record validated exactly once"
    );
    for f in &s.folds {
        let mut all: Vec<u32> = f.train.iter().chain(&f.val).copied().collect();
        all.sort_unstable();
        assert_eq!(all, pooled, "a fold trains on all the others");
    }
    // by hand: carve with the seed, train one Solver per fold, f64 mean and n − 1 std
    let folds = kfold(&pooled, k, base.seed).unwrap();
    for i in 0..s.len() {
        let cfg = s.cell_config(i).unwrap();
        let mut accs = Vec::new();
        for fold in &folds {
            let val = fold.clone();
            let train: Vec<u32> = pooled
                .iter()
                .copied()
                .filter(|r| !val.contains(r))
                .collect();
            let mut r = Solver::with_split(&tr, cfg, Split { train, val }).unwrap();
            r.train(&tr, cfg.num_iters).unwrap();
            accs.push(r.val_acc(&tr).unwrap() as f64);
        }
        let mean = accs.iter().sum::<f64>() / k as f64;
        let var = accs.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / (k as f64 - 1.0);
        let c = s.run_cell(&tr, i).unwrap();
        assert_eq!(c.val_acc, mean as f32, "cell {i}: {accs:?}");
        assert_eq!(c.val_acc_std, var.sqrt() as f32, "cell {i}: {accs:?}");
        eprintln!("# cell {i}: {:.3} ± {:.3}", c.val_acc, c.val_acc_std);
    }
    assert!(s.best().is_some());
    // bad fold counts are clear errors
    assert!(s.set_folds(&tr, 0).is_err() && s.set_folds(&tr, 11).is_err());
    assert!(s.run_fold(&tr, 0, 99).is_err());
}
