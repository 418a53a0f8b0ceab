//! Trains a linear classifier natively on the real data and prints the figures the page shows.
//!
//!     cargo run --release --example train -- dataset=mnist loss=softmax learning_rate=0.000001 reg=1000
//!
//! Settings use the URL-hash keys. `data=DIR` points at a folder with `mnist/*.gz` and
//! `cifar10/*.bin` (default: `data` for MNIST, `../shared/data` for CIFAR-10); `num_test=N` limits
//! the test records (0 = all).

mod common;

use classplay::{LossKind, Solver, TrainConfig};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut cfg = TrainConfig::default();
    let mut dataset = "mnist".to_string();
    let mut data_dir: Option<String> = None;
    let mut num_test = 0usize;
    for arg in std::env::args().skip(1) {
        let (k, v) = arg
            .split_once('=')
            .ok_or(format!("expected key=value, got {arg}"))?;
        match k {
            "dataset" => dataset = v.into(),
            "data" => data_dir = Some(v.into()),
            "loss" => {
                cfg.loss = if v == "svm" {
                    LossKind::Svm
                } else {
                    LossKind::Softmax
                }
            }
            "learning_rate" => cfg.learning_rate = v.parse()?,
            "reg" => cfg.reg = v.parse()?,
            "batch_size" => cfg.batch_size = v.parse()?,
            "num_iters" => cfg.num_iters = v.parse()?,
            "seed" => cfg.seed = v.parse()?,
            "num_train" => cfg.num_train = v.parse()?,
            "num_val" => cfg.num_val = v.parse()?,
            "num_test" => num_test = v.parse()?,
            "bias_trick" => cfg.bias_trick = v == "1" || v == "true",
            "subtract_mean" => cfg.subtract_mean = v == "1" || v == "true",
            _ => return Err(format!("unknown key {k}").into()),
        }
    }
    let train_records = (cfg.num_train + cfg.num_val) as usize;
    let test_limit = (num_test > 0).then_some(num_test);
    let t0 = Instant::now();
    let default_dir = if dataset == "mnist" {
        "data"
    } else {
        "../shared/data"
    };
    let dir = data_dir.unwrap_or_else(|| default_dir.into());
    let (train, test) = common::load(&dataset, &dir, train_records, test_limit)?;
    let load = t0.elapsed();
    let t1 = Instant::now();
    let mut s = Solver::new(&train, cfg)?;
    while !s.finished() {
        s.train(&train, cfg.eval_every)?;
        if s.iteration() % 500 == 0 || s.finished() {
            println!(
                "iter {:5}  loss {:.4} (data {:.4} + reg {:.4})  train_acc {:.3}  val_acc {:.3}",
                s.iteration(),
                s.loss_history.last().copied().unwrap_or(f32::NAN),
                s.data_loss_history.last().copied().unwrap_or(f32::NAN),
                s.reg_loss_history.last().copied().unwrap_or(f32::NAN),
                s.train_acc(&train)?,
                s.val_acc(&train)?
            );
        }
    }
    let train_time = t1.elapsed();
    println!(
        "{dataset}: diverged={} test_acc {:.4} on {} test images; load {:.2}s, train {:.2}s",
        s.diverged(),
        s.check_accuracy(&test, None)?,
        test.len(),
        load.as_secs_f64(),
        train_time.as_secs_f64()
    );
    Ok(())
}
