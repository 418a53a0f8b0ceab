//! The top-level modules of the crate (`src/x.rs` or `src/x/`) form no cycle: reads every
//! `src/**/*.rs`, collects its `crate::<module>` references (in `use` trees too, comments
//! stripped; names re-exported by `lib.rs` count for the module they come from) and fails naming
//! the cycle if there is one. A cycle (e.g. solver ↔ evaluation) means neither module can be
//! understood, tested or moved without the other.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `text` without `//` comments (line and doc comments; no `//` occurs inside a string of ours
/// that names a module path) and without `/* */` blocks.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first path segments after every `crate::` in `code`, `crate::{a::x, b}` giving `a` and `b`.
fn crate_refs(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let prev = code[..code.len() - rest.len() + i].chars().last();
        rest = &rest[i + "crate::".len()..];
        if prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue; // `$crate::` or part of a longer name
        }
        if let Some(group) = rest.strip_prefix('{') {
            // A use tree: the first segment of each top-level item of the group.
            let (mut depth, mut start) = (0usize, 0usize);
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.push(ident_at(group[start..j].trim()).to_string());
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(ident_at(group[start..j].trim()).to_string());
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(ident_at(rest).to_string());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// `name → module` for lib.rs's `pub use module::{…}` / `pub use module::Name;` re-exports.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for stmt in lib.split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = ident_at(rest).to_string();
        let names = rest.rsplit("::").next().unwrap_or("");
        for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name = name.rsplit(" as ").next().unwrap().trim();
            map.insert(ident_at(name).to_string(), module.clone());
        }
    }
    map
}

/// The graph `module → modules it references` of the crate under `src`.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let lib = strip_comments(&fs::read_to_string(src.join("lib.rs")).unwrap());
    let reexported = reexports(&lib);
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let module_of = |p: &Path| -> Option<String> {
        let rel = p.strip_prefix(src).unwrap();
        let first = rel.components().next()?.as_os_str().to_str()?.to_string();
        (first != "lib.rs" && first != "main.rs").then(|| first.trim_end_matches(".rs").to_string())
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|p| module_of(p)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &files {
        let Some(from) = module_of(p) else { continue };
        let code = strip_comments(&fs::read_to_string(p).unwrap());
        let entry = graph.entry(from.clone()).or_default();
        for r in crate_refs(&code) {
            let to = if modules.contains(&r) {
                Some(r)
            } else {
                reexported.get(&r).cloned()
            };
            if let Some(to) = to.filter(|t| *t != from) {
                entry.insert(to);
            }
        }
    }
    graph
}

/// A cycle of `graph` as `[a, b, …, a]`, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut cycle = path[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, graph, done, path) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut done, &mut Vec::new()))
}

#[test]
fn top_level_modules_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = module_graph(&src);
    // The parser must see the edges we know exist, or the test could pass by seeing nothing.
    for (from, to) in [
        ("evaluation", "solver"),
        ("api", "solver"),
        ("solver", "config"),
    ] {
        assert!(
            graph.get(from).is_some_and(|s| s.contains(to)),
            "expected the edge {from} → {to} in {graph:?}"
        );
    }
    if let Some(cycle) = find_cycle(&graph) {
        panic!("module cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_checker_finds_a_cycle_and_reads_use_trees() {
    assert_eq!(
        crate_refs("use crate::{solver::{Solver, X}, data::Dataset}; let x = crate::rng::f();"),
        ["solver", "data", "rng"]
    );
    assert!(crate_refs("$crate::a::b();").is_empty());
    assert!(crate_refs(&strip_comments("x(); // crate::c\n/* crate::d */")).is_empty());
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(find_cycle(&g).unwrap(), ["a", "b", "c", "a"]);
    let mut acyclic = g.clone();
    acyclic.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&acyclic), None);
}
