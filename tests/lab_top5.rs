//! Top-5 accuracy in the optimisation lab (issue 5) on real MNIST: the train run's, the searches'
//! and the sweep cells' top-5 are ≥ their top-1 and equal a count made independently here (the
//! five highest scores of each record by sorting, not `metrics::rank_of`).

mod common;
use classplay::evaluation::{scores, top5_accuracy};
use classplay::search::{SearchKind, SearchRun};
use classplay::sweep::Sweep;
use classplay::{Dataset, DatasetKind, Solver, TrainConfig};
use common::mnist_file;

fn mnist(images: &str, labels: &str, limit: usize) -> Dataset {
    let mut d = Dataset::empty(DatasetKind::Mnist);
    d.append_mnist(&mnist_file(images), &mnist_file(labels), Some(limit))
        .unwrap();
    d
}

fn cfg() -> TrainConfig {
    TrainConfig {
        num_train: 1500,
        num_val: 500,
        num_iters: 40,
        batch_size: 100,
        ..TrainConfig::default()
    }
}

/// Records of `idx` whose label is among the 5 highest scores (ties: the lower class first, as
/// `argmax`), counted by sorting each row, as a fraction.
fn independent_top5(s: &Solver, data: &Dataset, idx: &[u32]) -> f32 {
    let c = s.model.c;
    let sc = scores(s, data, idx).unwrap();
    let hits = sc
        .chunks_exact(c)
        .zip(idx)
        .filter(|(row, &i)| {
            let mut order: Vec<usize> = (0..c).collect();
            order.sort_by(|&a, &b| row[b].total_cmp(&row[a]).then(a.cmp(&b)));
            order[..5].contains(&(data.labels[i as usize] as usize))
        })
        .count();
    hits as f32 / idx.len() as f32
}

#[test]
fn train_run_top5_is_at_least_top1_and_matches_an_independent_count() {
    let tr = mnist(
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        2000,
    );
    let te = mnist(
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
        1000,
    );
    let mut s = Solver::new(&tr, cfg()).unwrap();
    s.train(&tr, 40).unwrap();
    let (val1, val5) = (s.val_acc(&tr).unwrap(), s.val_top5(&tr).unwrap());
    let (test1, test5) = (
        s.check_accuracy(&te, None).unwrap(),
        top5_accuracy(&s, &te, None).unwrap(),
    );
    assert!(val1 > 0.6 && val5 >= val1 && val5 < 1.0, "{val1} {val5}");
    assert!(
        test1 > 0.6 && test5 >= test1 && test5 < 1.0,
        "{test1} {test5}"
    );
    assert_eq!(val5, independent_top5(&s, &tr, &s.split().val));
    let all: Vec<u32> = (0..te.len() as u32).collect();
    assert_eq!(test5, independent_top5(&s, &te, &all));
    // An untrained run (w ≈ 0, scores ≈ 0) is near chance: top-5 ≈ 0.5 for 10 classes.
    let fresh = Solver::new(&tr, cfg()).unwrap();
    let t5 = fresh.val_top5(&tr).unwrap();
    assert!((0.3..0.7).contains(&t5), "top-5 at initialisation {t5}");
    assert_eq!(t5, independent_top5(&fresh, &tr, &fresh.split().val));
}

#[test]
fn search_and_sweep_top5_are_at_least_top1() {
    let tr = mnist(
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        2000,
    );
    let te = mnist(
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
        500,
    );
    for (kind, scale) in [(SearchKind::Random, 1e-4f32), (SearchKind::Local, 1e-3)] {
        let mut s = SearchRun::new(&tr, &cfg(), kind, scale, 1e-4).unwrap();
        s.step(&tr, 10);
        let (v1, v5) = (s.val_acc(&tr).unwrap(), s.val_top5(&tr).unwrap());
        let (t1, t5) = (s.test_acc(&te).unwrap(), s.test_top5(&te).unwrap());
        assert!(
            v5 >= v1 && t5 >= t1,
            "{kind:?}: val {v1} / {v5}, test {t1} / {t5}"
        );
        assert!(v5 > 0.0 && t5 > 0.0);
    }
    let mut sweep = Sweep::new(cfg(), vec![1e-7, 1e-5], vec![0.0]).unwrap();
    for i in 0..sweep.len() {
        let cell = sweep.run_cell(&tr, i).unwrap();
        assert!(cell.val_top5 >= cell.val_acc, "cell {i}: {cell:?}");
        // the same cell rerun from its settings gives the same top-5 as an independent count
        let c = sweep.cell_config(i).unwrap();
        let mut s = Solver::new(&tr, c).unwrap();
        s.train(&tr, c.num_iters).unwrap();
        assert_eq!(cell.val_top5, independent_top5(&s, &tr, &s.split().val));
    }
}
