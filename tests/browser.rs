//! Browser tests and site checks: build the example site, then run `tests/browser/*.test.mjs`
//! with Node's test runner in Debian's Chromium (driven by playwright-core): the calculators
//! and search, and on every page axe-core, the Nu HTML Checker (Java), failed requests, CSP,
//! links, headings and reflow at 320 px; keyboard walks and Lighthouse on the main pages;
//! the editing interface (Decap CMS) against `vetrina serve` on a copy of the site.
//! `tests/setup.sh` installs what they need. The Node report is printed (see it with
//! `cargo test --test browser -- --nocapture`); a failure names the page and the rule.

mod common;

use std::path::Path;
use std::process::Command;

use vetrina::build::{self, Options, Quiet};

#[test]
fn calculators_and_pages_work_in_chromium() {
    let browser_dir = common::repo().join("tests/browser");
    for package in ["playwright-core", "axe-core", "vnu-jar/build/dist/vnu.jar", "lighthouse", "chrome-launcher"] {
        assert!(browser_dir.join("node_modules").join(package).exists(), "{package} is not installed: run `bash tests/setup.sh` (see README)");
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(Path::new(&chromium).exists(), "Chromium is not installed: run `bash tests/setup.sh` (see README)");

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let mut opts = Options::new(common::repo());
    opts.output = Some(site.clone());
    if let Err(errors) = build::run(&opts, vetrina::build::Mode::Build, &Quiet) {
        panic!("the example site does not build:\n{}", common::list(&errors));
    }
    let run = Command::new("node")
        .arg("--test")
        .arg("--test-concurrency=1")
        .arg("--test-reporter=spec")
        .arg(&browser_dir)
        .env("SITE_DIR", &site)
        .env("CHROMIUM", &chromium)
        // cms.test.mjs runs `vetrina serve` on a copy of the example site.
        .env("VETRINA", env!("CARGO_BIN_EXE_vetrina"))
        .env("REPO", common::repo())
        .output()
        .expect("node");
    let report = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    println!("{report}");
    assert!(run.status.success(), "browser tests failed: see the report above");
    assert!(report.contains("fail 0"), "the report above does not end with `fail 0`");
}
