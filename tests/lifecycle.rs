//! What builds leave on disk, however they end: a build killed at any moment leaves
//! temporary folders that the next build removes, and that build ends with the complete
//! output and nothing else beside it; an output that is a mount point (a container volume)
//! is updated in place, and a failed build leaves it as it was.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn vetrina() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vetrina"))
}

fn build(root: &Path, output: &Path) -> Output {
    vetrina().args(["build", "--root"]).arg(root).arg("--output").arg(output).output().unwrap()
}

/// A build that makes every file again (`--fresh`): it takes longer than one that reuses
/// the last output's, and makes the search index in a folder of its own.
fn fresh_build(root: &Path, output: &Path) -> Command {
    let mut command = vetrina();
    command.args(["build", "--fresh", "--root"]).arg(root).arg("--output").arg(output).stdout(Stdio::null()).stderr(Stdio::null());
    command
}

fn assert_ok(what: &str, out: &Output) {
    assert!(out.status.success(), "{what} failed:\n{}", String::from_utf8_lossy(&out.stderr));
}

/// Every file under `dir`, with its content.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// The temporary folders of builds directly in `dir` (not the output's marker and manifest,
/// which are files).
fn scratch(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".vetrina-") && e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

#[test]
fn a_killed_build_leaves_nothing_the_next_build_does_not_remove() {
    let repo = common::repo();
    let work = tempfile::tempdir().unwrap();
    let output = work.path().join("output");
    assert_ok("the first build", &build(&repo, &output));
    // The builds killed below replace a complete output, as a build on a server does.
    let t = Instant::now();
    assert!(fresh_build(&repo, &output).status().unwrap().success(), "the second build failed");
    let full = t.elapsed();
    let complete = tree(&output);
    let mut left = BTreeSet::new();
    for fraction in [0.1, 0.3, 0.5, 0.7, 0.85, 0.95] {
        let mut child = fresh_build(&repo, &output).spawn().unwrap();
        std::thread::sleep(full.mul_f64(fraction));
        child.kill().unwrap();
        child.wait().unwrap();
        left.extend(scratch(work.path()).into_iter().chain(scratch(&output)).map(|n| n.rsplit_once('-').map_or(n.clone(), |(kind, _)| kind.to_string())));
    }
    eprintln!("a complete build takes {full:?}; the killed builds left {left:?}");
    assert!(!left.is_empty(), "no killed build left anything: this test shows nothing");
    assert_ok("the build after the killed ones", &build(&repo, &output));
    assert_eq!(names(work.path()), BTreeSet::from(["output".to_string()]), "left beside the output");
    assert!(scratch(&output).is_empty(), "left inside the output: {:?}", scratch(&output));
    let now = tree(&output);
    assert_eq!(now.keys().collect::<Vec<_>>(), complete.keys().collect::<Vec<_>>(), "the output is not the complete site");
    let differ: Vec<&String> = now.iter().filter(|(p, bytes)| complete.get(*p) != Some(*bytes)).map(|(p, _)| p).collect();
    assert!(differ.is_empty(), "files differ from a complete build's: {differ:?}");
}

/// Run `vetrina build` with `output` a bind mount of `volume`, in a mount namespace of its
/// own (the mount ends with the process, even if the test fails).
fn build_mounted(root: &Path, volume: &Path, output: &Path) -> Command {
    let mut command = Command::new("unshare");
    command
        .args(["--mount", "--propagation", "private", "sh", "-c", r#"mount --bind "$1" "$2" && exec "$3" build --root "$4" --output "$2""#, "sh"])
        .arg(volume)
        .arg(output)
        .arg(env!("CARGO_BIN_EXE_vetrina"))
        .arg(root);
    command
}

/// True when this process may make mount namespaces and bind mounts (root, or a container
/// allowed to).
fn can_bind_mount() -> bool {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c", r#"mount --bind "$1" "$2""#, "sh"])
        .arg(a.path())
        .arg(b.path())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn an_output_that_is_a_mount_point_is_updated_in_place() {
    if !can_bind_mount() {
        eprintln!("skipped: cannot bind-mount here (needs root, or a container allowed to mount)");
        return;
    }
    let site = common::Site::new();
    let work = tempfile::tempdir().unwrap();
    let (volume, output) = (work.path().join("volume"), work.path().join("output"));
    std::fs::create_dir(&volume).unwrap();
    std::fs::create_dir(&output).unwrap();
    let clean = |what: &str| {
        assert!(scratch(work.path()).is_empty(), "{what}: left beside the output: {:?}", scratch(work.path()));
        assert!(scratch(&volume).is_empty(), "{what}: left in the volume: {:?}", scratch(&volume));
    };
    assert_ok("the first build", &build_mounted(&site.root(), &volume, &output).output().unwrap());
    assert!(volume.join("servizi/primo-servizio/index.html").is_file() && volume.join(".vetrina-output").is_file());
    clean("the first build");
    // A rename of the output fails (EBUSY) on a mount point: every build after the first failed.
    site.edit("content/servizi/primo-servizio.md", "titolo = \"Primo servizio\"", "titolo = \"Servizio rinnovato\"");
    let t = Instant::now();
    assert_ok("the second build", &build_mounted(&site.root(), &volume, &output).output().unwrap());
    let full = t.elapsed();
    assert!(std::fs::read_to_string(volume.join("servizi/primo-servizio/index.html")).unwrap().contains("Servizio rinnovato"));
    clean("the second build");
    let before = tree(&volume);
    // A failed build leaves the published site as it was; a killed one leaves nothing that
    // the next build does not remove.
    site.edit("content/tariffe/primo-servizio.md", "importo = \"500.00\"", "importo = 500.5");
    let failed = build_mounted(&site.root(), &volume, &output).output().unwrap();
    assert!(!failed.status.success(), "a build with a content error succeeded");
    assert!(tree(&volume) == before, "a failed build changed the site");
    site.edit("content/tariffe/primo-servizio.md", "importo = 500.5", "importo = \"650.00\"");
    let mut killed = build_mounted(&site.root(), &volume, &output).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(full.mul_f64(0.5).max(Duration::from_millis(100)));
    killed.kill().unwrap();
    killed.wait().unwrap();
    assert_ok("the build after the killed one", &build_mounted(&site.root(), &volume, &output).output().unwrap());
    assert!(std::fs::read_to_string(volume.join("servizi/primo-servizio/index.html")).unwrap().contains("650,00"));
    clean("the build after a killed one");
    assert!(names(&output).is_empty(), "a build wrote beside the mount, into the folder under it");
}
