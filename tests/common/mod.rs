//! Fixture sites for the integration tests: a fresh `vetrina init` site in a temporary
//! folder, using the repository's Bootstrap Italia install.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use vetrina::build::{self, Options, Quiet};
use vetrina::diagnostics::Diagnostic;

pub struct Site {
    pub dir: tempfile::TempDir,
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Build the example site under a sub-path (`/cst/`) into a new temporary folder; returns
/// the output folder and the build's summary. Panics, listing the errors, if it fails.
pub fn build_example_under_subpath() -> (PathBuf, build::Summary) {
    let out = tempfile::tempdir().unwrap().keep().join("output");
    let mut opts = Options::new(repo());
    opts.output = Some(out.clone());
    opts.base_url = Some("https://example.org/cst/".into());
    match build::run(&opts, vetrina::build::Mode::Build, &Quiet) {
        Ok(summary) => (out, summary),
        Err(errors) => panic!("the example site does not build:\n{}", list(&errors)),
    }
}

/// Link the theme's npm install of the repository into a fixture site.
pub fn link_node_modules(site_root: &Path) {
    let modules = repo().join("themes/agid/node_modules");
    assert!(modules.join("bootstrap-italia/dist").is_dir(), "Bootstrap Italia is not installed: run `npm ci --prefix themes/agid` first (see README)");
    let target = site_root.join("themes/agid/node_modules");
    if !target.exists() {
        std::os::unix::fs::symlink(modules, target).expect("symlink node_modules");
    }
}

impl Site {
    /// A minimal valid site made by `vetrina init`.
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("site");
        vetrina::init::init(&root).expect("init");
        link_node_modules(&root);
        Site { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.root().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Replace `from` with `to` in a file, failing if `from` is not there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    pub fn options(&self) -> Options {
        let mut o = Options::new(self.root());
        o.today = Some(jiff::civil::Date::constant(2026, 11, 23));
        o
    }

    /// `vetrina check`: the errors, or an empty list.
    pub fn check(&self) -> Vec<Diagnostic> {
        match build::run(&self.options(), vetrina::build::Mode::Check, &Quiet) {
            Ok(_) => Vec::new(),
            Err(e) => e,
        }
    }

    pub fn build(&self) -> Result<build::Summary, Vec<Diagnostic>> {
        build::run(&self.options(), vetrina::build::Mode::Build, &Quiet)
    }
}

/// Assert that exactly one error has this headline prefix (`path:line:col: error: ...`)
/// and a help text, and return it.
pub fn expect(errors: &[Diagnostic], headline_start: &str) -> Diagnostic {
    let found: Vec<&Diagnostic> = errors.iter().filter(|e| e.headline().starts_with(headline_start)).collect();
    assert_eq!(found.len(), 1, "expected one error starting with {headline_start:?}, got:\n{}", list(errors));
    assert!(found[0].help.is_some(), "error without a fix: {}", found[0]);
    found[0].clone()
}

pub fn list(errors: &[Diagnostic]) -> String {
    errors.iter().map(|e| format!("  {e}\n")).collect()
}

/// Elements of `html` matching a CSS selector: (value of `attr`, text inside it).
pub fn select(html: &str, selector: &str, attr: &str) -> Vec<(Option<String>, String)> {
    use std::cell::RefCell;
    let found: RefCell<Vec<(Option<String>, String)>> = RefCell::new(Vec::new());
    let settings = lol_html::RewriteStrSettings::new()
        .append_element_content_handler(lol_html::element!(selector, |el| {
            found.borrow_mut().push((el.get_attribute(attr), String::new()));
            Ok(())
        }))
        .append_element_content_handler(lol_html::text!(selector, |t| {
            if let Some(last) = found.borrow_mut().last_mut() {
                last.1.push_str(t.as_str());
            }
            Ok(())
        }));
    lol_html::rewrite_str(html, settings).expect("valid html");
    found.into_inner()
}
