//! The layout stays one-way: no two top-level modules of `src/` import each other, directly
//! or through others, and the leaves (`output`, `routes`, `policy`, `i18n`, `pricing`) import no other
//! project module but `i18n`. Imports are read from the source text (`crate::x` paths and
//! `use crate::{x, y}` lists), outside `#[cfg(test)]` code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn idents(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|w| !w.is_empty())
}

fn imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(list) = rest.strip_prefix('{') {
            let list = &list[..list.find('}').unwrap_or(0)];
            // `use crate::{a, b::c, d as e}`: the first name of each path.
            for item in list.split(',') {
                if let Some(first) = idents(item).next() {
                    found.insert(first.to_string());
                }
            }
        } else if let Some(first) = idents(rest).next() {
            found.insert(first.to_string());
        }
    }
    found
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut g = Graph::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        if top == "main" || top == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let deps = g.entry(top.clone()).or_default();
        // `t` is the message macro, exported at the crate root by `i18n`.
        deps.extend(imports(code).into_iter().map(|d| if d == "t" { "i18n".to_string() } else { d }).filter(|d| *d != top));
    }
    g
}

fn cycle_from(g: &Graph, start: &str) -> Option<Vec<String>> {
    fn walk(g: &Graph, node: &str, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node.to_string()) {
            return None;
        }
        path.push(node.to_string());
        for next in g.get(node).into_iter().flatten() {
            if let Some(c) = walk(g, next, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    walk(g, start, &mut Vec::new(), &mut BTreeSet::new())
}

#[test]
fn imports_run_one_way() {
    let g = graph();
    assert!(g.len() > 15, "too few modules found: {g:?}");
    for start in g.keys() {
        if let Some(cycle) = cycle_from(&g, start) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn leaves_import_nothing_of_the_project() {
    let g = graph();
    for leaf in ["output", "routes", "policy", "i18n", "pricing", "vocabulary", "precompress", "compare"] {
        let deps: Vec<_> = g[leaf].iter().filter(|d| *d != "i18n").collect();
        assert!(deps.is_empty(), "{leaf} imports {deps:?}");
    }
}

#[test]
fn the_reader_of_imports_finds_them() {
    let found = imports("use crate::{a, b::c, d as e};\nlet x = crate::f::g();");
    assert_eq!(found, ["a", "b", "d", "f"].map(String::from).into());
    let mut g = Graph::new();
    g.entry("x".into()).or_default().insert("y".into());
    g.entry("y".into()).or_default().insert("x".into());
    assert!(cycle_from(&g, "x").is_some());
}

/// Lengths of the functions of `code` outside `#[cfg(test)]`: (name, lines), by counting
/// braces from each `fn` line (string literals with braces are rare enough in this code).
fn function_lengths(code: &str) -> Vec<(String, usize)> {
    let code = code.split("#[cfg(test)]").next().unwrap_or("");
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let Some(rest) = ["pub fn ", "pub(super) fn ", "pub(crate) fn ", "fn ", "async fn ", "pub async fn "].iter().find_map(|p| t.strip_prefix(p)) else {
            continue;
        };
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let (mut depth, mut started) = (0i64, false);
        for (j, l) in lines.iter().enumerate().skip(i) {
            depth += l.matches('{').count() as i64 - l.matches('}').count() as i64;
            started |= l.contains('{');
            // A declaration without a body (in a trait) ends at its `;`.
            if !started && l.trim_end().ends_with(';') {
                break;
            }
            if started && depth <= 0 {
                out.push((name.clone(), j - i + 1));
                break;
            }
        }
    }
    out
}

#[test]
fn no_function_is_over_80_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "rs")) {
        let code = std::fs::read_to_string(entry.path()).unwrap();
        for (name, n) in function_lengths(&code) {
            if n > 80 {
                long.push(format!("{}: {name} ({n} lines)", entry.path().strip_prefix(&src).unwrap().display()));
            }
        }
    }
    assert!(long.is_empty(), "split these functions:\n{}", long.join("\n"));
}

#[test]
fn the_reader_of_functions_measures_them() {
    let code = "fn a() {\n    x();\n}\n\npub fn b(\n    y: u8,\n) -> u8 {\n    if y { 1 } else { 2 }\n}\n#[cfg(test)]\nmod tests { fn c() {} }";
    assert_eq!(function_lengths(code), vec![("a".to_string(), 3), ("b".to_string(), 5)]);
}
