//! Fuzzing on stable, inside `cargo test`: mutants of the example site's real files
//! (front matter of every kind, tariffs, the member Enti, Markdown) must give a success or
//! located errors, never a panic and never a hang; a build of deep and huge inputs must end
//! with located errors. The case count is bounded (`PROPTEST_CASES` raises it for a longer
//! run); a watchdog turns a hang into a failure instead of a stuck CI.

mod common;

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use vetrina::diagnostics::{Diagnostic, Source};
use vetrina::input::load::{Inputs, Kind};
use vetrina::pricing::BasisPoints;

/// Tokens that make TOML and Markdown interesting: delimiters, quotes, brackets, numbers
/// at the limits, dates, raw HTML, URL schemes, deep nesting.
const TOKENS: &[&str] = &[
    "+++",
    "\n+++\n",
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    "\n",
    "#",
    "##",
    "### ",
    "- ",
    "1. ",
    "> ",
    "    ",
    "`",
    "```",
    "*",
    "_",
    "|",
    "|---|",
    "<script>",
    "</div>",
    "<!--",
    "{#x}",
    "{.c onclick=1}",
    "[a](javascript:x)",
    "![i](data:x)",
    "(//e.x)",
    "-1",
    "0",
    "9223372036854775807",
    "18446744073709551616",
    "1e309",
    "0.1",
    "\"1,5\"",
    "\"650.00\"",
    "2026-02-30",
    "0000-01-01",
    "9999-12-31",
    "true",
    "nan",
    "inf",
    "è",
    "€",
    "\u{feff}",
    "\u{0}",
    "\t",
    "da = 1",
    "a = 0",
    "importo = 5",
    "modello = \"fasce\"",
    ">>>>>>>>>>>>>>>>>>>>",
    "- - - - - - - - - - - - - - - - - - -",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, usize),
    Delete(usize, usize),
    DuplicateLine(usize),
    Repeat(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (0..TOKENS.len(), 2usize..200).prop_map(|(t, n)| Edit::Repeat(t, n)),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    for e in edits {
        match *e {
            Edit::Insert(at, tok) => {
                let at = boundary(&t, at);
                t.insert_str(at, TOKENS[tok]);
            }
            Edit::Delete(at, n) => {
                let start = boundary(&t, at);
                let end = boundary(&t, (start + n).min(t.len()));
                t.replace_range(start..end.max(start), "");
            }
            Edit::DuplicateLine(at) => {
                let at = boundary(&t, at);
                let start = t[..at].rfind('\n').map_or(0, |i| i + 1);
                let end = t[at..].find('\n').map_or(t.len(), |i| at + i + 1);
                let line = t[start..end].to_string();
                t.insert_str(start, &line);
            }
            Edit::Repeat(tok, n) => {
                let at = boundary(&t, t.len() / 2);
                t.insert_str(at, &TOKENS[tok].repeat(n));
            }
        }
    }
    t
}

/// The diagnostics must all be about the file, on one line, with a message and a fix.
fn assert_located(errors: &[Diagnostic], path: &str) {
    for e in errors {
        let headline = e.headline();
        assert!(headline.starts_with(path), "error about another file: {headline}");
        assert_eq!(headline.lines().count(), 1, "headline on several lines: {headline:?}");
        assert!(!e.message.trim().is_empty(), "error without a message: {headline}");
        let rendered = e.render(false);
        assert!(rendered.contains(path), "{rendered}");
    }
}

/// Run `f` on another thread; fail if it has not ended within `limit` (a hang, not a
/// measurement: the limit is many times what a case takes in a debug build).
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).unwrap_or_else(|_| panic!("no answer within {limit:?}: a hang"))
}

fn example(rel: &str) -> String {
    std::fs::read_to_string(common::repo().join(rel)).expect(rel)
}

fn parse_one(kind: Option<Kind>, path: &str, text: String) -> Vec<Diagnostic> {
    let config = Source::new("vetrina.toml", example("vetrina.toml"));
    let source = Source::new(path, text);
    let (files, enti) = match kind {
        Some(k) => (vec![(k, source)], None),
        None => (Vec::new(), Some(source)),
    };
    let inputs = Inputs { root: PathBuf::from("."), config, files, enti };
    vetrina::content::parse_catalog(&inputs, BasisPoints(2200)).1
}

fn fuzz(kind: Option<Kind>, rel: &'static str, cases: u32) {
    let original = example(rel);
    let config =
        Config { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(cases), failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha));
    let result = runner.run(&proptest::collection::vec(edit(), 1..6), |edits| {
        let text = apply(&original, &edits);
        let markdown = text.clone();
        let errors = within(Duration::from_secs(60), move || {
            let errors = parse_one(kind, rel, text);
            // The Markdown renderer on the whole mutant, too: deep or odd input must not hang it.
            let _ = vetrina::markdown::render(&markdown, "/", 2);
            errors
        });
        assert_located(&errors, rel);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{rel}: {e}");
    }
}

#[test]
fn service_cards() {
    fuzz(Some(Kind::Service), "content/servizi/rao-pubblico.md", 600);
}

#[test]
fn tariffs() {
    fuzz(Some(Kind::Tariff), "content/tariffe/rao-pubblico.md", 800);
    fuzz(Some(Kind::Tariff), "content/tariffe/gestione-documentale.md", 600);
}

#[test]
fn conventions_forms_pages_news() {
    fuzz(Some(Kind::Convention), "content/convenzioni/convenzione-cst-2024.md", 200);
    fuzz(Some(Kind::Form), "content/moduli/richiesta-servizio.md", 400);
    fuzz(Some(Kind::Page), "content/pagine/faq.md", 300);
    fuzz(Some(Kind::News), "content/notizie/spid-day-primavera-2026.md", 300);
}

#[test]
fn member_enti() {
    fuzz(None, "content/dati/enti.toml", 400);
}

/// What `check` accepts, `build` must finish quickly: deep, wide and huge inputs end in
/// located errors, never in minutes of indexing.
#[test]
fn build_of_deep_and_huge_inputs_ends_with_located_errors() {
    let site = common::Site::new();
    let page = |body: String| format!("+++\ntitolo = \"P\"\ndescrizione = \"d\"\n+++\n\n{body}\n");
    site.write("content/pagine/citazioni.md", &page(">".repeat(200_000) + " x"));
    site.write("content/pagine/elenco.md", &page((0..300).map(|i| format!("{}- a\n", "  ".repeat(i))).collect()));
    site.write("content/pagine/enorme.md", &page("parola ".repeat(200_000)));
    site.write("content/pagine/collegamenti.md", &page("[a](/x/) ".repeat(30_000)));
    let options = site.options();
    let result = within(Duration::from_secs(120), move || vetrina::build::run(&options, vetrina::build::Mode::Build, &vetrina::build::Quiet));
    let errors = result.expect_err("the build must refuse these pages");
    let at = |file: &str| errors.iter().filter(|e| e.path.ends_with(file)).collect::<Vec<_>>();
    assert!(at("citazioni.md").iter().any(|e| e.line_col().is_some()), "{}", common::list(&errors));
    assert!(at("elenco.md").iter().any(|e| e.line_col().is_some()), "{}", common::list(&errors));
    assert!(!at("enorme.md").is_empty(), "{}", common::list(&errors));
    assert!(!at("collegamenti.md").is_empty(), "{}", common::list(&errors));
}
