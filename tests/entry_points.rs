//! No panic may reach the page (issue 10): a panic inside wasm aborts the instance (`error:
//! unreachable`) and the worker must be rebuilt. So every function JS can call — each `pub fn` of
//! a `#[wasm_bindgen]` impl block or a `#[wasm_bindgen]` free function in `src/api/*.rs` — returns
//! `Result<_, JsError>`, unless it is listed in [`INFALLIBLE`] with the reason it cannot fail
//! (a getter of a field, a copy of a vector, a number computed without indexing by user input).
//!
//! The files are read as text with a small scanner (comments, strings and char literals blanked,
//! braces matched), so the test needs no parser crate. It fails naming each entry point that is
//! neither a `Result<_, JsError>` nor allowed, and each allow-list entry that no longer matches an
//! infallible entry point (so the list stays honest).
//!
//! `src/api/bench.rs` is left out: it is compiled only with the cargo feature `bench`, for the
//! kernel benchmarks, never in the page's build.

use std::fs;
use std::path::Path;

/// `(file, type or "" for a free function, fn name, why it cannot fail on any input)`.
const INFALLIBLE: &[(&str, &str, &str, &str)] = &[
    // ---- mod.rs: conversions and constructors of plain values ----
    ("mod.rs", "", "simd_compiled", "returns a compile-time constant"),
    ("mod.rs", "", "format_f32", "formats any f32, NaN and infinities included (case C20)"),
    ("mod.rs", "", "update_rule_name", "a match over the enum's variants; wasm-bindgen refuses an invalid discriminant in JS before the call"),
    ("mod.rs", "Playground", "new", "builds empty datasets; allocates nothing that depends on input"),
    // ---- config.rs ----
    ("config.rs", "TrainConfig", "new", "the default configuration"),
    // ---- data.rs: the loaded data's header fields ----
    ("data.rs", "", "max_classes", "returns a compile-time constant (src/label.rs)"),
    ("data.rs", "Playground", "clear_data", "drops records and runs; every DatasetKind variant maps to a core kind"),
    ("data.rs", "Playground", "dataset_kind", "a field"),
    ("data.rs", "Playground", "height", "a field"),
    ("data.rs", "Playground", "width", "a field"),
    ("data.rs", "Playground", "channels", "a field"),
    ("data.rs", "Playground", "num_classes", "a field"),
    ("data.rs", "Playground", "class_names", "a copy of a vector"),
    // ---- evaluation.rs: a finished evaluation's fields ----
    ("evaluation.rs", "Evaluation", "len", "a length"),
    ("evaluation.rs", "Evaluation", "is_empty", "a length"),
    ("evaluation.rs", "Evaluation", "top1", "a field"),
    ("evaluation.rs", "Evaluation", "top5", "a field"),
    ("evaluation.rs", "Evaluation", "confusion", "counts into a (C, C) matrix: true labels are < C (checked at load), a prediction ≥ C goes to `confusion_column`"),
    ("evaluation.rs", "Evaluation", "per_class_acc", "the confusion matrix's rows; an empty row gives NaN, not a division panic"),
    ("evaluation.rs", "Evaluation", "predictions", "a copy of a vector"),
    ("evaluation.rs", "Evaluation", "labels", "a copy of a vector"),
    ("evaluation.rs", "Evaluation", "cell", "filters the records by (row, col); any u8 pair just matches none"),
    ("evaluation.rs", "AlgebraicView", "x", "a copy of a vector"),
    ("evaluation.rs", "AlgebraicView", "label", "a field"),
    ("evaluation.rs", "AlgebraicView", "wx", "a copy of a vector"),
    ("evaluation.rs", "AlgebraicView", "b", "a copy of a vector"),
    ("evaluation.rs", "AlgebraicView", "scores", "a copy of a vector"),
    ("evaluation.rs", "AlgebraicView", "cols", "a copy of a vector"),
    ("evaluation.rs", "AlgebraicView", "w_cols", "a copy of a vector"),
    // ---- fewshot.rs ----
    // ---- oneshot.rs: the result of one run of the one-shot benchmark ----
    ("oneshot.rs", "OneShotRunResult", "error_percent", "a field"),
    ("oneshot.rs", "OneShotRunResult", "predicted", "a copy of a vector (indices converted to u32: at most 20 per run)"),
    ("oneshot.rs", "OneShotRunResult", "answers", "a copy of a vector (indices converted to u32: at most 20 per run)"),
    ("fewshot.rs", "FewShotRun", "accuracies", "`tail`: `get(from..)`, empty past the end"),
    ("fewshot.rs", "FewShotRun", "episodes_done", "a length"),
    ("fewshot.rs", "FewShotRun", "pixel_accuracies", "`tail`: `get(from..)`, empty past the end or on pixels"),
    ("fewshot.rs", "FewShotEpisode", "pixel_accuracy", "a field"),
    ("fewshot.rs", "FewShotRun", "done", "a comparison"),
    ("fewshot.rs", "FewShotEpisode", "classes", "a copy of a vector"),
    ("fewshot.rs", "FewShotEpisode", "support", "a copy of a vector"),
    ("fewshot.rs", "FewShotEpisode", "queries", "a copy of a vector"),
    ("fewshot.rs", "FewShotEpisode", "query_labels", "a copy of a vector"),
    ("fewshot.rs", "FewShotEpisode", "predicted", "a copy of a vector"),
    ("fewshot.rs", "FewShotEpisode", "matched", "a copy of a vector"),
    ("fewshot.rs", "FewShotEpisode", "accuracy", "a field"),
    // ---- lab.rs ----
    ("lab.rs", "Playground", "search_iteration", "0 before a search, else a counter"),
    ("lab.rs", "Playground", "search_loss_history", "`tail`: `get(from..)`, empty past the end or before a search"),
    ("lab.rs", "Playground", "sweep_results", "a map over the cells run; empty before a sweep"),
    ("lab.rs", "Playground", "sweep_best", "−1 before a sweep or when no cell ran"),
    ("lab.rs", "GradCheck", "len", "a length"),
    ("lab.rs", "GradCheck", "is_empty", "a length"),
    ("lab.rs", "GradCheck", "rows", "a map over the checked rows"),
    ("lab.rs", "GradCheck", "max_rel_error", "a field"),
    ("lab.rs", "GradCheck", "max_rel_error_smooth", "a field"),
    ("lab.rs", "GradCheck", "noise_floor", "a field"),
    ("lab.rs", "", "sweep_best_cell", "one pass over the slice, indexing only positions already seen; −1 for an empty or all-NaN slice"),
    // ---- race.rs ----
    ("race.rs", "RaceRule", "new", "the lecture's defaults; the learning rate is checked by Race::add"),
    ("race.rs", "Race", "steps", "a counter"),
    ("race.rs", "Race", "num_racers", "a length"),
    ("race.rs", "Race", "trail", "`get(i)` then `get(2·from..)`: empty for an unknown racer or past the end"),
    ("race.rs", "Race", "positions", "a map over the racers"),
    ("race.rs", "Race", "stopped", "`get(i)`: false for an unknown racer"),
    ("race.rs", "Race", "stop_reason", "`get(i)`: kind 0 (running) for an unknown racer"),
    // ---- settings.rs ----
    ("settings.rs", "", "settings_schema", "serialises the constant table (tests/node/settings.test.js checks it)"),
    // ---- train.rs: the run's counters and histories ----
    ("train.rs", "Playground", "iteration", "0 before setup, else a counter"),
    ("train.rs", "Playground", "num_iters", "0 before setup, else a field"),
    ("train.rs", "Playground", "diverged", "false before setup, else a flag"),
    ("train.rs", "Playground", "run_features", "\"pixels\" before setup, else a fixed name of the run's feature kind"),
    ("train.rs", "Playground", "loss_history", "`tail`: `get(from..)`, empty past the end or before setup"),
    ("train.rs", "Playground", "data_loss_history", "`tail`, as loss_history"),
    ("train.rs", "Playground", "reg_loss_history", "`tail`, as loss_history"),
    ("train.rs", "Playground", "num_test", "a length"),
    ("train.rs", "Playground", "num_train_used", "0 before setup, else a length"),
    ("train.rs", "Playground", "num_val_used", "0 before setup, else a length"),
    ("train.rs", "Playground", "converged", "false before setup, else a flag"),
    // ---- views.rs: the geometric toy (N ≤ 1 500 points, w (2, 3), b (3,) checked by set_params) ----
    ("views.rs", "GeoToy", "len", "a length"),
    ("views.rs", "GeoToy", "is_empty", "a length"),
    ("views.rs", "GeoToy", "points", "a copy of a vector"),
    ("views.rs", "GeoToy", "labels", "a copy of a vector"),
    ("views.rs", "GeoToy", "w", "a copy of a vector"),
    ("views.rs", "GeoToy", "b", "a copy of a vector"),
    ("views.rs", "GeoToy", "evaluate", "f64 arithmetic on the checked shapes; a NaN or infinite reg gives NaN, never a panic"),
    ("views.rs", "GeoToy", "scores", "x·w + b on the checked shapes"),
    ("views.rs", "GeoToy", "point_losses", "each point's loss on the checked shapes"),
    ("views.rs", "GeoToy", "best_trained_accuracy", "fixed-size training from seeded starts; memory does not grow with `restarts` (time does)"),
    ("views.rs", "", "geo_initial_params", "draws a fixed-size seeded start"),
    ("views.rs", "", "geo_bounds", "a constant"),
];

/// `text` with comments removed and the contents of string and char literals blanked (kept as
/// `""` / `' '`), so braces and `->` inside them cannot mislead the scanner.
fn blank(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '/' if c.get(i + 1) == Some(&'/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if c.get(i + 1) == Some(&'*') => {
                let mut depth = 0;
                while i < c.len() {
                    if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            'r' if c.get(i + 1) == Some(&'#')
                || (c.get(i + 1) == Some(&'"') && (i == 0 || !c[i - 1].is_alphanumeric())) =>
            {
                // raw string r"…" / r#"…"#
                let mut j = i + 1;
                let mut hashes = 0;
                while c.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if c.get(j) != Some(&'"') {
                    out.push(c[i]);
                    i += 1;
                    continue;
                }
                j += 1;
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                while j < c.len() && !c[j..].iter().take(close.len()).copied().eq(close.chars()) {
                    j += 1;
                }
                out.push_str("\"\"");
                i = j + close.len();
            }
            '"' => {
                i += 1;
                while i < c.len() && c[i] != '"' {
                    i += if c[i] == '\\' { 2 } else { 1 };
                }
                out.push_str("\"\"");
                i += 1;
            }
            '\'' => {
                // a char literal ('x', '\n', '\u{..}') or a lifetime ('a)
                if c.get(i + 1) == Some(&'\\') {
                    let mut j = i + 2;
                    while j < c.len() && c[j] != '\'' {
                        j += 1;
                    }
                    out.push_str("' '");
                    i = j + 1;
                } else if c.get(i + 2) == Some(&'\'') {
                    out.push_str("' '");
                    i += 3;
                } else {
                    out.push('\'');
                    i += 1;
                }
            }
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    out
}

/// Index of the bracket closing the one at `open` (`{`/`}`, `(`/`)` or `[`/`]`).
fn matching(s: &[u8], open: usize) -> usize {
    let (o, c) = (
        s[open],
        match s[open] {
            b'{' => b'}',
            b'(' => b')',
            _ => b']',
        },
    );
    let mut depth = 0;
    for (i, &b) in s.iter().enumerate().skip(open) {
        if b == o {
            depth += 1;
        } else if b == c {
            depth -= 1;
            if depth == 0 {
                return i;
            }
        }
    }
    panic!("unbalanced brackets");
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// An entry point: the impl's type ("" for a free function), its name, its return type.
#[derive(Debug)]
struct EntryPoint {
    owner: String,
    name: String,
    ret: String,
}

/// The `pub fn` at byte `at` of `s`: its name and return type (`()` when there is none).
fn signature(s: &str, at: usize) -> (String, String) {
    let rest = &s[at + "pub fn".len()..];
    let name = ident_at(rest.trim_start()).to_string();
    let b = s.as_bytes();
    let open = at + s[at..].find('(').unwrap();
    let close = matching(b, open);
    let body = close + s[close..].find(['{', ';']).unwrap();
    let tail = s[close + 1..body].trim();
    let ret = tail.strip_prefix("->").map_or("()".to_string(), |r| {
        r.split(" where ")
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    });
    (name, ret)
}

/// Every entry point of one blanked file.
fn entry_points(s: &str) -> Vec<EntryPoint> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = s[from..].find("#[wasm_bindgen") {
        let attr = from + k;
        let attr_end = matching(b, attr + 1);
        from = attr_end + 1;
        // skip further attributes, then read the item's first words
        let mut i = from;
        loop {
            let t = s[i..].trim_start();
            i = s.len() - t.len();
            if t.starts_with("#[") {
                i = matching(b, i + 1) + 1;
            } else {
                break;
            }
        }
        let item = &s[i..];
        if let Some(rest) = item.strip_prefix("impl ") {
            let owner = ident_at(rest.trim_start()).to_string();
            let open = i + item.find('{').unwrap();
            let close = matching(b, open);
            // `pub fn` at depth 1 of the impl body
            let mut j = open + 1;
            while j < close {
                match b[j] {
                    b'{' | b'(' | b'[' => j = matching(b, j) + 1,
                    _ if s[j..].starts_with("pub fn ") => {
                        let (name, ret) = signature(s, j);
                        out.push(EntryPoint {
                            owner: owner.clone(),
                            name,
                            ret,
                        });
                        j += "pub fn ".len();
                    }
                    _ => j += 1,
                }
            }
            from = close + 1;
        } else if item.starts_with("pub fn ") {
            let (name, ret) = signature(s, i);
            out.push(EntryPoint {
                owner: String::new(),
                name,
                ret,
            });
        }
    }
    out
}

/// `Result<T, JsError>` for any `T` (spacing ignored).
fn returns_js_result(ret: &str) -> bool {
    let r: String = ret.chars().filter(|c| !c.is_whitespace()).collect();
    let r = r.replace(",>", ">"); // a trailing comma, as rustfmt writes long types
    r.starts_with("Result<") && r.ends_with(",JsError>")
}

fn api_entry_points() -> Vec<(String, EntryPoint)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter(|p| p.file_name().unwrap() != "bench.rs")
        .collect();
    files.sort();
    let mut out = Vec::new();
    for p in files {
        let file = p.file_name().unwrap().to_string_lossy().to_string();
        for e in entry_points(&blank(&fs::read_to_string(&p).unwrap())) {
            out.push((file.clone(), e));
        }
    }
    out
}

#[test]
fn every_fallible_entry_point_returns_a_js_error() {
    let all = api_entry_points();
    assert!(
        all.len() > 50,
        "the scanner found only {} entry points",
        all.len()
    );
    let allowed =
        |f: &str, o: &str, n: &str| INFALLIBLE.iter().any(|a| (a.0, a.1, a.2) == (f, o, n));
    let offenders: Vec<String> = all
        .iter()
        .filter(|(f, e)| !returns_js_result(&e.ret) && !allowed(f, &e.owner, &e.name))
        .map(|(f, e)| format!("src/api/{f}: {}::{} -> {}", e.owner, e.name, e.ret))
        .collect();
    assert!(
        offenders.is_empty(),
        "entry points that neither return Result<_, JsError> nor are listed (with a reason) in \
         INFALLIBLE of tests/entry_points.rs:\n  {}",
        offenders.join("\n  ")
    );
    let stale: Vec<String> = INFALLIBLE
        .iter()
        .filter(|a| {
            !all.iter().any(|(f, e)| {
                (f.as_str(), e.owner.as_str(), e.name.as_str()) == (a.0, a.1, a.2)
                    && !returns_js_result(&e.ret)
            })
        })
        .map(|a| format!("src/api/{}: {}::{}", a.0, a.1, a.2))
        .collect();
    assert!(
        stale.is_empty(),
        "INFALLIBLE entries that match no infallible entry point: {stale:?}"
    );
    for a in INFALLIBLE {
        assert!(!a.3.is_empty(), "{a:?} needs a reason");
    }
}

/// The scanner itself, on a hand-written file: it must see through comments, strings, nested
/// blocks, multi-line signatures and attributes, or the check above proves nothing.
#[test]
fn the_scanner_reads_signatures() {
    let src = r##"
#[wasm_bindgen]
impl Thing {
    /// a { brace in a comment -> u8
    #[wasm_bindgen(constructor)]
    pub fn new(a: u32) -> Result<Thing, JsError> { let s = "} pub fn fake() {"; Ok(Thing) }
    pub fn get(&self) -> u8 { if true { 1 } else { '}' as u8 } }
    fn private(&self) -> u8 { 0 }
    pub fn multi(
        &self,
        v: &[u8],
    ) -> Result<
        Vec<u8>,
        JsError,
    > {
        Ok(vec![])
    }
}
impl Thing { pub fn not_exported(&self) -> u8 { 0 } }
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn free(x: f32) -> Vec<u8> { vec![] }
"##;
    let eps = entry_points(&blank(src));
    let got: Vec<(String, String, bool)> = eps
        .iter()
        .map(|e| (e.owner.clone(), e.name.clone(), returns_js_result(&e.ret)))
        .collect();
    let want = [
        ("Thing", "new", true),
        ("Thing", "get", false),
        ("Thing", "multi", true),
        ("", "free", false),
    ];
    assert_eq!(
        got,
        want.map(|(o, n, r)| (o.to_string(), n.to_string(), r))
            .to_vec()
    );
}
