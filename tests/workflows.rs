//! The CI workflows: this repository's (`.github/workflows/`: CI and release) and the ones
//! `vetrina init` writes into a new site (GitHub Actions and GitLab CI). actionlint, with
//! ShellCheck for the `run:` scripts, checks every GitHub workflow; the GitLab template is
//! read as YAML (PyYAML) and its jobs and scripts (ShellCheck) checked; both templates must
//! download the release of this very version and verify its checksum, and the release
//! workflow must publish the archives they download.
//!
//! `bash tests/setup.sh` installs actionlint, ShellCheck and PyYAML. A missing tool fails the
//! test, unless `VETRINA_SKIP_ACTIONLINT=1` is set: then what needs the tools is skipped and
//! the rest still runs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where the templates download the release from (their variables, as the shell sees them).
const RELEASE_URL: &str = "https://github.com/${VETRINA_REPO}/releases/download/v${VETRINA_VERSION}";
/// The archive they download: `uname -m` is `x86_64` or `aarch64` on a Linux runner.
const ARCHIVE: &str = "vetrina-${VETRINA_VERSION}-$(uname -m)-unknown-linux-gnu";
const CHECKSUM: &str = "sha256sum --check --ignore-missing SHA256SUMS";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn skipped() -> bool {
    std::env::var("VETRINA_SKIP_ACTIONLINT").is_ok_and(|v| v == "1")
}

/// The path of the program `name` on PATH, or None when the tools are skipped; a missing
/// program fails the test.
fn tool(name: &str) -> Option<PathBuf> {
    if skipped() {
        eprintln!("VETRINA_SKIP_ACTIONLINT=1: {name} skipped");
        return None;
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file());
    Some(found.unwrap_or_else(|| panic!("{name} is not on PATH: run `bash tests/setup.sh` (or set VETRINA_SKIP_ACTIONLINT=1 to skip the checks that need it)")))
}

fn report(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The `.yml` and `.yaml` files of `dir`, sorted.
fn workflows(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    files.sort();
    files
}

/// Runs actionlint on `files` from `dir`, with ShellCheck for the shell scripts; fails with
/// actionlint's report.
fn actionlint(dir: &Path, files: &[PathBuf]) {
    let (Some(actionlint), Some(shellcheck)) = (tool("actionlint"), tool("shellcheck")) else { return };
    let out = Command::new(actionlint)
        .current_dir(dir)
        .arg("-no-color")
        .arg(format!("-shellcheck={}", shellcheck.display()))
        .arg("-pyflakes=")
        .args(files)
        .output()
        .expect("actionlint runs");
    assert!(out.status.success(), "actionlint found problems in {files:?}:\n{}", report(&out));
}

/// `path` read as YAML (by PyYAML), as JSON; None when the tools are skipped.
fn yaml(path: &Path) -> Option<Value> {
    let python = tool("python3")?;
    let out = Command::new(python)
        .arg("-c")
        .arg("import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout)")
        .arg(path)
        .output()
        .expect("python3 runs");
    let text = report(&out);
    assert!(!text.contains("No module named 'yaml'"), "PyYAML is not installed: run `bash tests/setup.sh`");
    assert!(out.status.success(), "{} is not valid YAML:\n{text}", path.display());
    Some(serde_json::from_slice(&out.stdout).expect("PyYAML's JSON"))
}

/// The strings of a YAML list of commands (`script:`, `before_script:`).
fn commands(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list of commands: {list}"))
        .iter()
        .map(|c| c.as_str().unwrap_or_else(|| panic!("not a command: {c}")))
        .collect()
}

/// A new site made by `vetrina init`.
fn new_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("sito");
    vetrina::init::init(&site).unwrap_or_else(|e| panic!("vetrina init: {e}"));
    (tmp, site)
}

/// `VAR: "value"` in a template's text.
fn variable<'a>(text: &'a str, name: &str) -> &'a str {
    let key = format!("{name}: \"");
    let line = text.lines().find(|l| l.trim_start().starts_with(&key)).unwrap_or_else(|| panic!("no {name} in\n{text}"));
    line.trim_start()[key.len()..].split('"').next().unwrap()
}

#[test]
fn this_repository_s_workflows_pass_actionlint() {
    let root = repo();
    let files = workflows(&root.join(".github/workflows"));
    for name in ["ci.yml", "release.yml"] {
        assert!(files.iter().any(|f| f.ends_with(name)), "no .github/workflows/{name}");
    }
    actionlint(&root, &files);
}

#[test]
fn the_workflow_init_writes_passes_actionlint() {
    let (_tmp, site) = new_site();
    let files = workflows(&site.join(".github/workflows"));
    assert!(files.iter().any(|f| f.ends_with("vetrina.yml")), "vetrina init wrote no .github/workflows/vetrina.yml");
    let text = fs::read_to_string(site.join(".github/workflows/vetrina.yml")).unwrap();
    let matcher = text.split("::add-matcher::").nth(1).and_then(|rest| rest.split('"').next()).expect("the workflow adds the problem matcher");
    assert!(site.join(matcher).is_file(), "the workflow adds {matcher}, which vetrina init does not write");
    actionlint(&site, &files);
}

#[test]
fn the_templates_download_this_version_and_check_its_checksum() {
    let (_tmp, site) = new_site();
    let github = fs::read_to_string(site.join(".github/workflows/vetrina.yml")).unwrap();
    let gitlab = fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    for (name, text) in [("vetrina.yml", &github), (".gitlab-ci.yml", &gitlab)] {
        assert_eq!(variable(text, "VETRINA_VERSION"), VERSION, "{name} must download the release of this version (Cargo.toml)");
        let repository = variable(text, "VETRINA_REPO");
        assert!(repository.split('/').count() == 2 && !repository.contains("OWNER"), "{name}: VETRINA_REPO is {repository:?}, not owner/name");
        assert!(!text.contains("OWNER"), "{name} still has an OWNER placeholder");
        for needed in [
            RELEASE_URL,
            ARCHIVE,
            ".tar.gz",
            "SHA256SUMS",
            CHECKSUM,
            "vetrina --version",
            "npm ci --prefix themes/agid",
            "cargo install --locked --git \"https://github.com/${VETRINA_REPO}\"",
        ] {
            assert!(text.contains(needed), "{name} has no `{needed}`:\n{text}");
        }
        // Compiling is the documented fallback, never what runs.
        for line in text.lines().filter(|l| l.contains("cargo install") || l.contains("rust-toolchain") || l.contains("rust:latest")) {
            assert!(line.trim_start().starts_with('#'), "{name} compiles vetrina instead of downloading it: {line}");
        }
        // The checksum is checked before the archive is opened.
        assert!(text.find(CHECKSUM) < text.find("tar -xzf"), "{name} opens the archive before checking it");
    }
    assert_eq!(variable(&github, "VETRINA_REPO"), variable(&gitlab, "VETRINA_REPO"), "the two templates download from different repositories");
    assert!(github.contains("fetch-depth: 0") && gitlab.contains("GIT_DEPTH: \"0\""), "the templates must fetch the full history");

    // The release workflow publishes what they download.
    let release = fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    for needed in [
        "target: x86_64-unknown-linux-gnu",
        "target: aarch64-unknown-linux-gnu",
        "name=\"vetrina-$VERSION-$TARGET\"",
        "tar -czf \"$name.tar.gz\" \"$name\"",
        "sha256sum vetrina-* > SHA256SUMS",
        "cargo build --profile dist --locked --target \"$TARGET\"",
    ] {
        assert!(release.contains(needed), "release.yml has no `{needed}`");
    }
}

#[test]
fn the_gitlab_template_is_yaml_with_its_jobs() {
    let (_tmp, site) = new_site();
    let Some(ci) = yaml(&site.join(".gitlab-ci.yml")) else { return };
    let variables = &ci["variables"];
    assert_eq!(variables["VETRINA_VERSION"], VERSION, "{variables}");
    assert_eq!(variables["GIT_DEPTH"], "0", "{variables}");
    assert!(ci["image"].is_string(), "no image: {ci}");

    let before = commands(&ci["before_script"]);
    assert!(before.contains(&CHECKSUM), "before_script does not check the checksum: {before:?}");
    let check = &ci["check"];
    assert!(check["rules"][0]["if"].as_str().is_some_and(|r| r.contains("merge_request_event")), "check does not run on merge requests: {check}");
    assert!(commands(&check["script"]).contains(&"vetrina check"), "{check}");
    let pages = &ci["pages"];
    assert!(pages["rules"][0]["if"].as_str().is_some_and(|r| r.contains("$CI_DEFAULT_BRANCH")), "pages does not run on the default branch: {pages}");
    assert!(commands(&pages["script"]).contains(&"vetrina build --output public"), "{pages}");
    assert_eq!(pages["artifacts"]["paths"], serde_json::json!(["public"]), "{pages}");

    // Each job's shell, as the runner puts it together (bash, -eo pipefail), through ShellCheck.
    let Some(shellcheck) = tool("shellcheck") else { return };
    for job in ["check", "pages"] {
        let script = ["set -eo pipefail"].into_iter().chain(before.iter().copied()).chain(commands(&ci[job]["script"])).collect::<Vec<_>>().join("\n");
        let file = site.join(format!("{job}.sh"));
        fs::write(&file, format!("#!/usr/bin/env bash\n{script}\n")).unwrap();
        let out = Command::new(&shellcheck).arg("--shell=bash").arg(&file).output().expect("shellcheck runs");
        assert!(out.status.success(), "ShellCheck on the {job} job of .gitlab-ci.yml:\n{}", report(&out));
    }
}
