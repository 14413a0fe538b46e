//! Stage 7: write the site, file by file as the stages make them.
//!
//! A build writes into a staging folder (`.vetrina-build-*`) beside the output and swaps it
//! in at the end, so a failed build never leaves a half-written `output/`. An output that is
//! a mount point (a container volume) cannot be renamed: the staging folder is then made
//! inside it, and the build replaces the output's entries one by one. A serve rebuild
//! updates the live output instead, each file written under a temporary name in its folder
//! and renamed over the old one: a reader gets the old file or the new one, never half of one.
//!
//! A build holds an advisory lock (flock) on each temporary folder while it needs it, and
//! begins by removing the `.vetrina-build-*`, `.vetrina-old-*` and `.vetrina-search-*`
//! folders that killed builds left beside the output (or inside it) and nobody holds.
//! Nothing outside the output folder and those temporary folders is written, and a folder
//! Vetrina did not create is never replaced; the one exception is `source_file` (and
//! `remove_source_file`), what an editor saves from the browser interface of `vetrina serve`.

use std::collections::{BTreeSet, HashMap};
use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::input::assets::Asset;
use crate::output::OutputFile;
use crate::precompress::{self, ENCODINGS};
use crate::t;

/// Written into every output folder, so that we only ever replace our own folders.
pub const MARKER: &str = ".vetrina-output";
const MARKER_TEXT: &str = "Questa cartella è creata da Vetrina e sostituita a ogni costruzione del sito: non modificatela a mano.\n";

/// A build's staging folder.
const BUILD_PREFIX: &str = ".vetrina-build-";
/// The output a build replaced, being removed.
const OLD_PREFIX: &str = ".vetrina-old-";
/// The pages the search index is made from (see `search::index`).
pub const SEARCH_PREFIX: &str = ".vetrina-search-";
/// A file being written in the live output, renamed over its target once complete.
const TMP_PREFIX: &str = ".vetrina-tmp-";

#[derive(Debug)]
pub enum WriteError {
    /// The output folder would be the site itself or inside a folder editors write.
    Unsafe(PathBuf, Unsafe),
    NotOurs(PathBuf),
    Escapes(String),
    Io(PathBuf, std::io::Error),
    InPlace(PathBuf, std::io::Error),
}

/// Why an output folder is refused.
#[derive(Debug, Clone, Copy)]
pub enum Unsafe {
    ContainsSite,
    InsideSources,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            WriteError::Unsafe(p, Unsafe::ContainsSite) => t!("write-contains-site", path = p),
            WriteError::Unsafe(p, Unsafe::InsideSources) => t!("write-inside-sources", path = p),
            WriteError::NotOurs(p) => t!("write-not-ours", path = p, marker = MARKER),
            WriteError::Escapes(p) => t!("write-escapes", path = p),
            WriteError::Io(p, e) => t!("write-io", path = p, why = e.to_string()),
            WriteError::InPlace(p, e) => t!("write-in-place", path = p, why = e.to_string()),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for WriteError {}

impl WriteError {
    pub fn into_diagnostic(self) -> Diagnostic {
        let help = match &self {
            WriteError::NotOurs(_) => t!("write-not-ours-help"),
            WriteError::Unsafe(..) => t!("write-unsafe-help"),
            WriteError::Escapes(_) => t!("write-bug-help"),
            WriteError::Io(..) => t!("write-io-help"),
            WriteError::InPlace(..) => t!("write-in-place-help"),
        };
        Diagnostic::file("output", self.to_string()).with_help(help)
    }
}

/// Join a relative output path, refusing anything that could leave the folder.
pub fn safe_join(dir: &Path, rel: &str) -> Result<PathBuf, WriteError> {
    crate::output::safe_join(dir, rel).ok_or_else(|| WriteError::Escapes(rel.to_string()))
}

fn check_output_location(output: &Path, root: &Path) -> Result<(), WriteError> {
    let abs = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let root = abs(root);
    let out = match output.parent() {
        Some(parent) if parent.exists() => abs(parent).join(output.file_name().unwrap_or_default()),
        _ => output.to_path_buf(),
    };
    if root.starts_with(&out) {
        return Err(WriteError::Unsafe(output.into(), Unsafe::ContainsSite));
    }
    for protected in ["content", "themes", "static", "docs"] {
        if out.starts_with(root.join(protected)) {
            return Err(WriteError::Unsafe(output.into(), Unsafe::InsideSources));
        }
    }
    if output.exists() {
        // A killed first build into an empty mount point leaves only its staging folder.
        let is_empty = fs::read_dir(output).map(|mut d| d.all(|e| e.is_ok_and(|e| is_scratch_name(&e.file_name())))).unwrap_or(false);
        if !is_empty && !output.join(MARKER).exists() {
            return Err(WriteError::NotOurs(output.into()));
        }
    }
    Ok(())
}

/// The folder the output lives in.
fn parent_of(output: &Path) -> &Path {
    output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Where the files of a build go, as they are made: pages and documents are written as soon
/// as they exist instead of being held in memory until the end.
pub struct Sink {
    mode: Mode,
    /// Hash each file's content (serve sessions compare them at the next rebuild).
    track: bool,
    /// Every file produced so far, with its content hash (0 when not tracked).
    produced: Mutex<HashMap<String, u64>>,
    /// Write the precompressed copies (`.br`, `.gz`) beside each text file (`comprimi`).
    compress: bool,
}

enum Mode {
    /// `build`: a staging folder beside the output (inside it when `inside`: the output is a
    /// mount point), put in place by `finish`. Dropped without `finish` (a failed build), it
    /// is removed and the output is untouched.
    Stage { staging: Scratch, output: PathBuf, inside: bool },
    /// Serve rebuilds: the live output, where `finish` writes only the files whose content
    /// changed since the last build and removes those no longer produced.
    Update { output: PathBuf, before: HashMap<String, u64>, pending: Mutex<Vec<(String, Vec<u8>)>> },
    /// `check`: nothing is written; the paths are kept for the link check.
    Discard,
}

/// Remove what killed builds left beside `output` and inside it: before a build stages a new
/// output, and when it finds the output up to date and makes nothing.
pub fn tidy(output: &Path) {
    remove_leftovers(parent_of(output));
    if output.is_dir() {
        remove_leftovers(output);
    }
}

impl Sink {
    /// Start a complete build of `output` in a staging folder, after removing what killed
    /// builds left beside the output and inside it.
    pub fn stage(output: &Path, root: &Path, track: bool, compress: bool) -> Result<Sink, WriteError> {
        check_output_location(output, root)?;
        let parent = parent_of(output);
        fs::create_dir_all(parent).map_err(|e| WriteError::Io(parent.into(), e))?;
        // `check_output_location` made sure an existing output is ours (or empty).
        tidy(output);
        let inside = output.is_dir() && is_mount_point(output);
        let staging = Scratch::new(if inside { output } else { parent }, BUILD_PREFIX)?;
        Ok(Sink { mode: Mode::Stage { staging, output: output.to_path_buf(), inside }, track, produced: Mutex::default(), compress })
    }

    /// Update `output` in place; `before` is what the last build left in it.
    pub fn update(output: &Path, root: &Path, before: HashMap<String, u64>, compress: bool) -> Result<Sink, WriteError> {
        check_output_location(output, root)?;
        let mode = Mode::Update { output: output.to_path_buf(), before, pending: Mutex::default() };
        Ok(Sink { mode, track: true, produced: Mutex::default(), compress })
    }

    /// Write nothing (`vetrina check`).
    pub fn discard() -> Sink {
        Sink { mode: Mode::Discard, track: false, produced: Mutex::default(), compress: false }
    }

    /// Add one file of the site.
    pub fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        let hash = if self.track { crate::output::hash(&bytes) } else { 0 };
        match &self.mode {
            Mode::Stage { staging, .. } => {
                let path = safe_join(staging.path(), rel)?;
                ensure_parent(&path)?;
                fs::write(&path, &bytes).map_err(|e| WriteError::Io(path.clone(), e))?;
            }
            Mode::Update { before, pending, .. } => {
                safe_join(Path::new("."), rel)?;
                if before.get(rel) != Some(&hash) {
                    crate::output::lock(pending).push((rel.to_string(), bytes));
                }
            }
            Mode::Discard => {
                safe_join(Path::new("."), rel)?;
            }
        }
        crate::output::lock(&self.produced).insert(rel.to_string(), hash);
        Ok(())
    }

    /// Add a file the last build made, unchanged: hard-linked from its output when it can be
    /// (the old output is about to be replaced, never modified), copied otherwise.
    pub fn put_copy(&self, rel: &str, from: &Path) -> Result<(), WriteError> {
        match &self.mode {
            // Copies are never pages, whose hashes a serve session compares: not hashed.
            Mode::Stage { staging, .. } => {
                link_or_copy(from, &safe_join(staging.path(), rel)?)?;
                crate::output::lock(&self.produced).insert(rel.to_string(), 0);
                Ok(())
            }
            _ => self.put(rel, fs::read(from).map_err(|e| WriteError::Io(from.to_path_buf(), e))?),
        }
    }

    pub fn put_file(&self, f: OutputFile) -> Result<(), WriteError> {
        self.put(&f.path, f.bytes)
    }

    /// In an update, keep a file the last build wrote, unchanged, without making it again.
    /// False when there is no such file (the caller must then make it).
    pub fn keep(&self, rel: &str) -> bool {
        match &self.mode {
            Mode::Update { before, .. } => match before.get(rel) {
                Some(h) => {
                    crate::output::lock(&self.produced).insert(rel.to_string(), *h);
                    true
                }
                None => false,
            },
            _ => false,
        }
    }

    /// Keep every file under `prefix` (e.g. the search index, rebuilt later).
    pub fn keep_under(&self, prefix: &str) {
        if let Mode::Update { before, .. } = &self.mode {
            let mut produced = crate::output::lock(&self.produced);
            for (k, h) in before.iter().filter(|(k, _)| k.starts_with(prefix)) {
                produced.insert(k.clone(), *h);
            }
        }
    }

    /// The folder that holds the files written so far, when it is complete on disk: the
    /// staging folder of a build (an update writes at `finish`).
    pub fn staged_dir(&self) -> Option<&Path> {
        match &self.mode {
            Mode::Stage { staging, .. } => Some(staging.path()),
            _ => None,
        }
    }

    /// The paths produced so far, with their content hashes.
    pub fn produced(&self) -> HashMap<String, u64> {
        crate::output::lock(&self.produced).clone()
    }

    /// Copy the assets and put the new output in place. Returns the hash of every file now
    /// in the output (0 for those not tracked).
    pub fn finish(self, assets: &[Asset]) -> Result<HashMap<String, u64>, WriteError> {
        let mut produced = self.produced.into_inner().unwrap_or_else(|e| e.into_inner());
        match self.mode {
            Mode::Stage { staging, output, inside } => {
                let dir = staging.path();
                assets.par_iter().try_for_each(|a| {
                    let path = safe_join(dir, &a.to)?;
                    ensure_parent(&path)?;
                    fs::copy(&a.from, &path).map(|_| ()).map_err(|e| WriteError::Io(a.from.clone(), e))
                })?;
                if self.track {
                    for a in assets {
                        produced.insert(a.to.clone(), stamp(a)?);
                    }
                }
                if self.compress {
                    compress_staged(dir, &output, produced.keys().chain(assets.iter().map(|a| &a.to)))?;
                }
                fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| WriteError::Io(dir.join(MARKER), e))?;
                put_in_place(staging, &output, inside)?;
            }
            Mode::Update { output, before, pending } => {
                let pending = pending.into_inner().unwrap_or_else(|e| e.into_inner());
                update_in_place(&output, &before, pending, assets, &mut produced, self.compress)?;
            }
            Mode::Discard => {}
        }
        Ok(produced)
    }
}

/// What an asset is made from, for a serve session to copy it only when it changed.
fn stamp(a: &Asset) -> Result<u64, WriteError> {
    let meta = fs::metadata(&a.from).map_err(|e| WriteError::Io(a.from.clone(), e))?;
    Ok(crate::output::hash(format!("{:?}{}", meta.modified().ok(), meta.len()).as_bytes()))
}

/// The end of a serve rebuild: write the files that changed and the assets whose source
/// changed, each renamed over the file the dev server may be sending at that moment (its
/// compressed copies just before it, so none is stale once it is new), then remove the files
/// no longer produced.
fn update_in_place(
    output: &Path,
    before: &HashMap<String, u64>,
    pending: Vec<(String, Vec<u8>)>,
    assets: &[Asset],
    produced: &mut HashMap<String, u64>,
    compress: bool,
) -> Result<(), WriteError> {
    fs::create_dir_all(output).map_err(|e| WriteError::Io(output.into(), e))?;
    for (rel, bytes) in pending {
        let path = safe_join(output, &rel)?;
        ensure_parent(&path)?;
        // The copies first: once the page is new, so is what a browser accepting brotli gets.
        replace_copies(output, &rel, &bytes, compress)?;
        replace_file(&path, &bytes)?;
    }
    for a in assets {
        let h = stamp(a)?;
        produced.insert(a.to.clone(), h);
        if before.get(&a.to) != Some(&h) {
            let path = safe_join(output, &a.to)?;
            ensure_parent(&path)?;
            let bytes = fs::read(&a.from).map_err(|e| WriteError::Io(a.from.clone(), e))?;
            replace_copies(output, &a.to, &bytes, compress)?;
            replace_with_copy(&a.from, &path)?;
        }
    }
    for old in before.keys().filter(|k| !produced.contains_key(*k)) {
        let _ = fs::remove_file(safe_join(output, old)?);
        replace_copies(output, old, &[], false)?;
    }
    if !output.join(MARKER).is_file() {
        replace_file(&output.join(MARKER), MARKER_TEXT.as_bytes())?;
    }
    Ok(())
}

/// Replace, in place, the files under `prefix` of an output that `written` describes: write
/// those that changed (each renamed over the old one), remove those no longer produced (the
/// dev server's search index).
pub fn replace_under(output: &Path, prefix: &str, files: Vec<OutputFile>, written: &mut HashMap<String, u64>, compress: bool) -> Result<(), WriteError> {
    let mut now = HashMap::with_capacity(files.len());
    for f in files {
        let h = crate::output::hash(&f.bytes);
        if !f.path.starts_with(prefix) {
            return Err(WriteError::Escapes(f.path));
        }
        if written.get(&f.path) != Some(&h) {
            let path = safe_join(output, &f.path)?;
            ensure_parent(&path)?;
            replace_copies(output, &f.path, &f.bytes, compress)?;
            replace_file(&path, &f.bytes)?;
        }
        now.insert(f.path, h);
    }
    let stale: Vec<String> = written.keys().filter(|k| k.starts_with(prefix) && !now.contains_key(*k)).cloned().collect();
    for old in stale {
        let _ = fs::remove_file(safe_join(output, &old)?);
        replace_copies(output, &old, &[], false)?;
        written.remove(&old);
    }
    written.extend(now);
    Ok(())
}

/// Write the compressed copies of every file of a staged build (`rel`s, in parallel). A file
/// the last build had with the same bytes keeps its copies, linked from there: compressing
/// is most of the work, and is not done twice.
fn compress_staged<'a>(dir: &Path, previous: &Path, rels: impl Iterator<Item = &'a String>) -> Result<(), WriteError> {
    // A tracked build lists its assets among the files produced too: each file once.
    let rels: Vec<&String> = rels.collect::<BTreeSet<_>>().into_iter().collect();
    rels.par_iter().try_for_each(|rel| {
        let path = safe_join(dir, rel)?;
        let len = fs::metadata(&path).map(|m| m.len() as usize).unwrap_or(0);
        if !precompress::worth(rel, len) || rel.starts_with(".vetrina") {
            return Ok(());
        }
        let bytes = fs::read(&path).map_err(|e| WriteError::Io(path.clone(), e))?;
        let old = safe_join(previous, rel)?;
        let copies: Vec<PathBuf> = ENCODINGS.iter().map(|e| safe_join(previous, &e.path_of(rel))).collect::<Result<_, _>>()?;
        if copies.iter().any(|c| c.is_file()) && fs::read(&old).is_ok_and(|b| b == bytes) {
            for (e, from) in ENCODINGS.iter().zip(&copies).filter(|(_, c)| c.is_file()) {
                link_or_copy(from, &safe_join(dir, &e.path_of(rel))?)?;
            }
            return Ok(());
        }
        for (e, copy) in precompress::compressed(rel, &bytes) {
            let to = safe_join(dir, &e.path_of(rel))?;
            fs::write(&to, copy).map_err(|err| WriteError::Io(to.clone(), err))?;
        }
        Ok(())
    })
}

/// In the live output (a preview's rebuild), make the compressed copies of `rel` match
/// `bytes`, or remove them with `compress` off: a server must never send the old page for
/// the new one.
fn replace_copies(output: &Path, rel: &str, bytes: &[u8], compress: bool) -> Result<(), WriteError> {
    let copies = if compress { precompress::compressed(rel, bytes) } else { Vec::new() };
    for e in ENCODINGS {
        let path = safe_join(output, &e.path_of(rel))?;
        match copies.iter().find(|(c, _)| *c == e) {
            Some((_, copy)) => replace_file(&path, copy)?,
            None if path.is_file() => fs::remove_file(&path).map_err(|err| WriteError::Io(path.clone(), err))?,
            None => {}
        }
    }
    Ok(())
}

/// Hard-link `from` at `to` (creating its folder), or copy it where links are not possible.
pub fn link_or_copy(from: &Path, to: &Path) -> Result<(), WriteError> {
    ensure_parent(to)?;
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to).map_err(|e| WriteError::Io(from.to_path_buf(), e))?;
    }
    Ok(())
}

/// Write at `to` a copy of `from` changed by `change` (creating its folder).
pub fn copy_changed(from: &Path, to: &Path, change: impl Fn(&[u8]) -> Vec<u8>) -> Result<(), WriteError> {
    ensure_parent(to)?;
    let bytes = fs::read(from).map_err(|e| WriteError::Io(from.to_path_buf(), e))?;
    fs::write(to, change(&bytes)).map_err(|e| WriteError::Io(to.to_path_buf(), e))
}

/// Write `files` into `dir` (made if missing), each replaced whole; nothing else in `dir`
/// is touched. For files that are not a site: `vetrina schema`.
pub fn plain_files(dir: &Path, files: Vec<OutputFile>) -> Result<usize, WriteError> {
    fs::create_dir_all(dir).map_err(|e| WriteError::Io(dir.into(), e))?;
    for f in &files {
        let path = safe_join(dir, &f.path)?;
        ensure_parent(&path)?;
        replace_file(&path, &f.bytes)?;
    }
    Ok(files.len())
}

/// Replace a file of the site's sources whole, on the editor's request from the editing
/// interface (`serve::cms`, which has checked the path): a reader (the preview's watcher,
/// a text editor) sees the old file or the new one.
pub fn source_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    ensure_parent(path)?;
    replace_file(path, bytes)
}

/// Remove a file of the site's sources, on the editor's request (the interface's "Elimina").
pub fn remove_source_file(path: &Path) -> Result<(), WriteError> {
    fs::remove_file(path).map_err(|e| WriteError::Io(path.into(), e))
}

fn ensure_parent(path: &Path) -> Result<(), WriteError> {
    match path.parent() {
        Some(p) => fs::create_dir_all(p).map_err(|e| WriteError::Io(p.into(), e)),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------
// Files replaced whole: a reader opens either the old file or the new one.

/// A new temporary file in `path`'s folder (so that renaming it over `path` is atomic),
/// with the permissions `fs::write` would give it, not the private ones of a temporary file.
fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, WriteError> {
    use std::os::unix::fs::PermissionsExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    tempfile::Builder::new().prefix(TMP_PREFIX).permissions(fs::Permissions::from_mode(0o666)).tempfile_in(dir).map_err(|e| WriteError::Io(path.into(), e))
}

/// Write `bytes` at `path` through a temporary file renamed over it.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let mut tmp = temp_beside(path)?;
    tmp.write_all(bytes).map_err(|e| WriteError::Io(path.into(), e))?;
    tmp.persist(path).map_err(|e| WriteError::Io(path.into(), e.error))?;
    Ok(())
}

/// Copy `from` to `path` through a temporary file renamed over it.
fn replace_with_copy(from: &Path, path: &Path) -> Result<(), WriteError> {
    let tmp = temp_beside(path)?;
    fs::copy(from, tmp.path()).map_err(|e| WriteError::Io(from.into(), e))?;
    tmp.persist(path).map_err(|e| WriteError::Io(path.into(), e.error))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Temporary folders, and what killed builds left of them.

/// An advisory lock (flock) on a folder, released when dropped or when the process ends,
/// even killed: a leftover folder whose lock can be taken belongs to no running build.
struct FolderLock {
    _held: Option<File>,
}

impl FolderLock {
    /// Wait for the lock on `dir`. Where folders cannot be locked (some network
    /// filesystems) it holds nothing and the caller goes on: nothing is then cleaned,
    /// since cleaning takes each leftover's own lock first.
    fn wait(dir: &Path) -> FolderLock {
        FolderLock { _held: File::open(dir).ok().filter(|f| f.lock().is_ok()) }
    }

    /// The lock on `dir`, if nobody holds it.
    fn take(dir: &Path) -> Option<FolderLock> {
        let f = File::open(dir).ok()?;
        f.try_lock().ok()?;
        Some(FolderLock { _held: Some(f) })
    }
}

/// A temporary folder of a running build (its staging folder, the pages the search index
/// is made from), locked while it exists and removed when dropped.
pub struct Scratch {
    // Removed before the lock is released (fields drop in order).
    dir: tempfile::TempDir,
    _lock: FolderLock,
}

impl Scratch {
    /// A new folder `<prefix><random>` in `parent`. It is made and locked while holding
    /// `parent`'s lock, which cleaning holds too: no build starting at the same moment can
    /// take it, unlocked, for a leftover.
    pub fn new(parent: &Path, prefix: &str) -> Result<Scratch, WriteError> {
        let _parent = FolderLock::wait(parent);
        let dir = tempfile::Builder::new().prefix(prefix).tempdir_in(parent).map_err(|e| WriteError::Io(parent.into(), e))?;
        let lock = FolderLock::take(dir.path()).unwrap_or(FolderLock { _held: None });
        Ok(Scratch { dir, _lock: lock })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The random part of the name, to name the folders that go with this one.
    fn suffix(&self) -> String {
        let name = self.dir.path().file_name().unwrap_or_default().to_string_lossy();
        name.trim_start_matches(BUILD_PREFIX).to_string()
    }
}

/// A name that only Vetrina's temporary folders have.
fn is_scratch_name(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    [BUILD_PREFIX, OLD_PREFIX, SEARCH_PREFIX].iter().any(|p| name.starts_with(p))
}

/// Remove the temporary folders that killed builds left in `dir`: folders (never links)
/// with one of our names whose lock nobody holds. A running build holds the lock of each
/// of its folders, and of `dir` while it makes one.
fn remove_leftovers(dir: &Path) {
    let doomed: Vec<(PathBuf, FolderLock)> = {
        let _dir = FolderLock::wait(dir);
        let Ok(entries) = fs::read_dir(dir) else { return };
        entries
            .filter_map(Result::ok)
            .filter(|e| is_scratch_name(&e.file_name()) && e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| FolderLock::take(&e.path()).map(|lock| (e.path(), lock)))
            .collect()
    };
    // Outside `dir`'s lock: a large leftover takes a while to remove, and it is ours now.
    for (path, _lock) in doomed {
        let _ = fs::remove_dir_all(&path);
    }
}

// ---------------------------------------------------------------------------------------
// Putting a complete build in place of the output.

/// Put the complete staging folder in place of `output`: by renaming it, or, for an
/// output that cannot be renamed (a mount point), entry by entry. A mount point `stage`
/// did not recognise is found here, when the rename fails: the staged files are then copied
/// into a staging folder inside the output first.
fn put_in_place(staging: Scratch, output: &Path, inside: bool) -> Result<(), WriteError> {
    if inside {
        return swap_contents(&staging, output);
    }
    match swap(&staging, output) {
        Ok(()) => {
            // The folder is now the output: nothing of it to remove.
            let Scratch { dir, _lock } = staging;
            let _ = dir.keep();
            Ok(())
        }
        Err(Swap::Unmovable(e)) => {
            let copy = Scratch::new(output, BUILD_PREFIX).map_err(|_| WriteError::InPlace(output.into(), e))?;
            copy_tree(staging.path(), copy.path()).map_err(|e| WriteError::InPlace(output.into(), e))?;
            drop(staging);
            swap_contents(&copy, output)
        }
        Err(Swap::Failed(e)) => Err(e),
    }
}

enum Swap {
    /// The output cannot be renamed (EBUSY: a mount point; EXDEV: on another filesystem).
    Unmovable(std::io::Error),
    Failed(WriteError),
}

/// Put the staging folder in place of `output` with two renames. They happen under the
/// parent's lock, so that no build starting meanwhile takes the old output, needed again if
/// the second rename fails, for a leftover.
fn swap(staging: &Scratch, output: &Path) -> Result<(), Swap> {
    let new = staging.path();
    let io = |e| Swap::Failed(WriteError::Io(output.into(), e));
    let parent = parent_of(output);
    let guard = FolderLock::wait(parent);
    if !output.exists() {
        return fs::rename(new, output).map_err(io);
    }
    let old = parent.join(format!("{OLD_PREFIX}{}", staging.suffix()));
    if let Err(e) = fs::rename(output, &old) {
        let unmovable = matches!(e.kind(), std::io::ErrorKind::ResourceBusy | std::io::ErrorKind::CrossesDevices);
        return Err(if unmovable { Swap::Unmovable(e) } else { io(e) });
    }
    if let Err(e) = fs::rename(new, output) {
        let _ = fs::rename(&old, output);
        return Err(io(e));
    }
    drop(guard);
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// Renames done, to undo them if a later one fails.
#[derive(Default)]
struct Moves(Vec<(PathBuf, PathBuf)>);

impl Moves {
    fn rename(&mut self, from: PathBuf, to: PathBuf) -> std::io::Result<()> {
        fs::rename(&from, &to)?;
        self.0.push((from, to));
        Ok(())
    }

    fn rename_if_there(&mut self, from: PathBuf, to: PathBuf) -> std::io::Result<()> {
        match fs::symlink_metadata(&from) {
            Ok(_) => self.rename(from, to),
            Err(_) => Ok(()),
        }
    }

    fn undo(self) {
        for (from, to) in self.0.into_iter().rev() {
            let _ = fs::rename(&to, &from);
        }
    }
}

/// Replace the contents of `output` with those of `staging`, a folder inside it, entry by
/// entry: the output itself stays (a mount point cannot be renamed), and every rename stays
/// on its filesystem. The entries replaced go into a folder inside the output, removed at
/// the end; if a rename fails, those done are undone, leaving the previous site as it was.
fn swap_contents(staging: &Scratch, output: &Path) -> Result<(), WriteError> {
    let guard = FolderLock::wait(output);
    let old = output.join(format!("{OLD_PREFIX}{}", staging.suffix()));
    fs::create_dir(&old).map_err(|e| WriteError::InPlace(output.into(), e))?;
    let mut moves = Moves::default();
    if let Err(e) = move_entries(staging.path(), output, &old, &mut moves) {
        moves.undo();
        let _ = fs::remove_dir(&old);
        return Err(WriteError::InPlace(output.into(), e));
    }
    drop(guard);
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// The renames of `swap_contents`. The marker comes first into an output that has none (an
/// empty volume), and then stays: a build killed half-way leaves an output that is ours.
/// The manifest leaves first and the new one arrives last: a build killed half-way leaves
/// none, so the next build reuses nothing from a half-replaced output.
fn move_entries(new: &Path, output: &Path, old: &Path, moves: &mut Moves) -> std::io::Result<()> {
    let manifest = OsStr::new(crate::output::MANIFEST);
    let names = |dir: &Path| -> std::io::Result<BTreeSet<OsString>> {
        let mut names = BTreeSet::new();
        for entry in fs::read_dir(dir)? {
            let name = entry?.file_name();
            if name != MARKER && name != manifest && !is_scratch_name(&name) {
                names.insert(name);
            }
        }
        Ok(names)
    };
    let incoming = names(new)?;
    if !output.join(MARKER).is_file() {
        moves.rename(new.join(MARKER), output.join(MARKER))?;
    }
    moves.rename_if_there(output.join(manifest), old.join(manifest))?;
    for name in &incoming {
        moves.rename_if_there(output.join(name), old.join(name))?;
        moves.rename(new.join(name), output.join(name))?;
    }
    for name in names(output)?.difference(&incoming) {
        moves.rename(output.join(name), old.join(name))?;
    }
    moves.rename_if_there(new.join(manifest), output.join(manifest))
}

/// Copy the files and folders under `from` into `to`, which exists.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(from).map_err(std::io::Error::other)?;
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// True when `dir` is the root of a mount (a container volume, a bind mount), which cannot
/// be renamed (EBUSY) and into which nothing can be renamed from beside it (EXDEV).
fn is_mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(dir) = fs::canonicalize(dir) else { return false };
    let Some(parent) = dir.parent() else { return false };
    let device = |p: &Path| fs::metadata(p).map(|m| m.dev()).ok();
    if device(&dir) != device(parent) {
        return true;
    }
    // A bind mount of a folder of the same filesystem has its parent's device: the
    // kernel's table of mounts says (Linux; elsewhere the rename's error does).
    fs::read_to_string("/proc/self/mountinfo").is_ok_and(|table| mount_points(&table).any(|m| m == dir))
}

/// The mount points of a `/proc/self/mountinfo` table: the fifth field of each line, where
/// a space, a tab, a newline or a backslash is written in octal (`\040`).
fn mount_points(table: &str) -> impl Iterator<Item = PathBuf> + '_ {
    use std::os::unix::ffi::OsStringExt;
    table.lines().filter_map(|line| line.split(' ').nth(4)).map(|field| {
        let b = field.as_bytes();
        let (mut out, mut i) = (Vec::with_capacity(b.len()), 0);
        while i < b.len() {
            let octal = b.get(i + 1..i + 4).filter(|d| b[i] == b'\\' && d.iter().all(|c| (b'0'..=b'7').contains(c)));
            match octal {
                Some(d) => {
                    out.push(d.iter().fold(0u8, |n, c| n.wrapping_mul(8).wrapping_add(c - b'0')));
                    i += 4;
                }
                None => {
                    out.push(b[i]);
                    i += 1;
                }
            }
        }
        PathBuf::from(OsString::from_vec(out))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole site at once, as a build writes it.
    fn write(output: &Path, root: &Path, files: &[OutputFile], assets: &[Asset]) -> Result<(), WriteError> {
        let sink = Sink::stage(output, root, false, false)?;
        files.iter().try_for_each(|f| sink.put(&f.path, f.bytes.clone()))?;
        sink.finish(assets).map(|_| ())
    }

    fn names(dir: &Path) -> BTreeSet<String> {
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn compressed_copies_are_made_once_and_follow_the_file() {
        use std::os::unix::fs::MetadataExt;
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        let page = |text: &str| OutputFile { path: "a/index.html".into(), bytes: text.repeat(200).into_bytes() };
        let build = |files: &[OutputFile]| {
            let sink = Sink::stage(&out, root.path(), false, true).unwrap();
            files.iter().for_each(|f| sink.put(&f.path, f.bytes.clone()).unwrap());
            sink.finish(&[]).unwrap();
        };
        let inode = |name: &str| fs::metadata(out.join(name)).unwrap().ino();
        build(&[page("<p>uno</p>"), OutputFile { path: "b.pdf".into(), bytes: vec![b'x'; 5000] }]);
        assert!(out.join("a/index.html.br").is_file() && out.join("a/index.html.gz").is_file());
        assert!(!out.join("b.pdf.br").exists(), "a PDF is compressed already");
        let first = inode("a/index.html.br");
        build(&[page("<p>uno</p>")]);
        assert_eq!(inode("a/index.html.br"), first, "an unchanged page keeps the copy of the last build");
        build(&[page("<p>due</p>")]);
        assert_ne!(inode("a/index.html.br"), first);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&fs::read(out.join("a/index.html.gz")).unwrap()[..]), &mut text).unwrap();
        assert!(text.starts_with("<p>due</p>"), "the copy follows the file");
    }

    #[test]
    fn never_replaces_a_folder_it_did_not_make() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("mine");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("precious.txt"), "x").unwrap();
        let files = vec![OutputFile { path: "index.html".into(), bytes: b"<p>".to_vec() }];
        assert!(matches!(write(&out, root.path(), &files, &[]), Err(WriteError::NotOurs(_))));
        assert!(out.join("precious.txt").exists());
        // Inside content/ is refused too.
        let inside = root.path().join("content").join("out");
        assert!(matches!(write(&inside, root.path(), &files, &[]), Err(WriteError::Unsafe(..))));
    }

    #[test]
    fn swaps_in_a_complete_folder() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        let files = vec![OutputFile { path: "a/index.html".into(), bytes: b"1".to_vec() }];
        write(&out, root.path(), &files, &[]).unwrap();
        let files = vec![OutputFile { path: "b/index.html".into(), bytes: b"2".to_vec() }];
        write(&out, root.path(), &files, &[]).unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(fs::read(out.join("b/index.html")).unwrap(), b"2");
        let leftovers: Vec<_> =
            fs::read_dir(root.path()).unwrap().filter_map(Result::ok).filter(|e| e.file_name().to_string_lossy().starts_with(".vetrina")).collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_build_removes_what_killed_builds_left_but_not_what_a_running_one_holds() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        for dead in [".vetrina-build-dead", ".vetrina-old-dead", ".vetrina-search-dead"] {
            fs::create_dir_all(root.path().join(dead).join("servizi")).unwrap();
            fs::write(root.path().join(dead).join("servizi/index.html"), "x").unwrap();
        }
        // A running build's folder, a link with our name, and someone else's folder.
        let running = Scratch::new(root.path(), SEARCH_PREFIX).unwrap();
        fs::write(running.path().join("page.html"), "x").unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("keep.txt"), "x").unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.path().join(".vetrina-build-link")).unwrap();
        fs::create_dir(root.path().join("vetrina-notes")).unwrap();
        let files = vec![OutputFile { path: "index.html".into(), bytes: b"1".to_vec() }];
        write(&out, root.path(), &files, &[]).unwrap();
        let running_name = running.path().file_name().unwrap().to_string_lossy().into_owned();
        let expected: BTreeSet<String> = ["output", "vetrina-notes", ".vetrina-build-link", running_name.as_str()].map(String::from).into();
        assert_eq!(names(root.path()), expected);
        assert!(running.path().join("page.html").is_file());
        assert!(elsewhere.path().join("keep.txt").is_file());
    }

    #[test]
    fn an_update_replaces_files_whole_with_the_usual_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        let files = vec![OutputFile { path: "a/index.html".into(), bytes: b"1".to_vec() }];
        write(&out, root.path(), &files, &[]).unwrap();
        let before = HashMap::from([("a/index.html".to_string(), crate::output::hash(b"1"))]);
        let sink = Sink::update(&out, root.path(), before, false).unwrap();
        sink.put("a/index.html", b"22".to_vec()).unwrap();
        sink.put("b/index.html", b"3".to_vec()).unwrap();
        sink.finish(&[]).unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"22");
        assert_eq!(fs::read(out.join("b/index.html")).unwrap(), b"3");
        assert_eq!(names(&out.join("a")), BTreeSet::from(["index.html".to_string()]), "a temporary file is left");
        let mode = fs::metadata(out.join("a/index.html")).unwrap().permissions().mode();
        assert_ne!(mode & 0o044, 0, "not readable by others: {mode:o}");
        let mut written = HashMap::new();
        replace_under(&out, "pagefind/", vec![OutputFile { path: "pagefind/x.pf".into(), bytes: b"i".to_vec() }], &mut written, false).unwrap();
        assert_eq!(names(&out.join("pagefind")), BTreeSet::from(["x.pf".to_string()]));
    }

    #[test]
    fn contents_are_replaced_entry_by_entry_keeping_the_folder_and_its_marker() {
        let out = tempfile::tempdir().unwrap();
        let out = out.path();
        fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(out.join(crate::output::MANIFEST), "old").unwrap();
        fs::create_dir(out.join("servizi")).unwrap();
        fs::write(out.join("servizi/index.html"), "old").unwrap();
        fs::write(out.join("gone.html"), "old").unwrap();
        let staging = Scratch::new(out, BUILD_PREFIX).unwrap();
        fs::create_dir(staging.path().join("servizi")).unwrap();
        fs::write(staging.path().join("servizi/index.html"), "new").unwrap();
        fs::write(staging.path().join("index.html"), "new").unwrap();
        fs::write(staging.path().join(crate::output::MANIFEST), "new").unwrap();
        fs::write(staging.path().join(MARKER), MARKER_TEXT).unwrap();
        swap_contents(&staging, out).unwrap();
        drop(staging);
        let expected: BTreeSet<String> = [MARKER, crate::output::MANIFEST, "index.html", "servizi"].map(String::from).into();
        assert_eq!(names(out), expected);
        assert_eq!(fs::read_to_string(out.join("servizi/index.html")).unwrap(), "new");
        assert_eq!(fs::read_to_string(out.join(crate::output::MANIFEST)).unwrap(), "new");
    }

    #[test]
    fn an_empty_folder_filled_in_place_gets_the_marker() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("volume");
        fs::create_dir(&out).unwrap();
        // What a killed first build leaves: the folder is still taken for empty.
        fs::create_dir(out.join(".vetrina-build-dead")).unwrap();
        check_output_location(&out, root.path()).unwrap();
        let staging = Scratch::new(&out, BUILD_PREFIX).unwrap();
        fs::write(staging.path().join("index.html"), "new").unwrap();
        fs::write(staging.path().join(MARKER), MARKER_TEXT).unwrap();
        swap_contents(&staging, &out).unwrap();
        drop(staging);
        remove_leftovers(&out);
        assert_eq!(names(&out), BTreeSet::from([MARKER, "index.html"].map(String::from)));
    }

    /// `source` mounted on `target` while it lives (needs root: None otherwise).
    struct BindMount(PathBuf);

    impl BindMount {
        fn new(source: &Path, target: &Path) -> Option<BindMount> {
            let mounted = std::process::Command::new("mount").arg("--bind").arg(source).arg(target).stderr(std::process::Stdio::null()).status();
            mounted.is_ok_and(|s| s.success()).then(|| BindMount(target.to_path_buf()))
        }
    }

    impl Drop for BindMount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }

    #[test]
    fn a_mount_point_found_only_when_renaming_it_fails_is_filled_in_place() {
        let root = tempfile::tempdir().unwrap();
        let (volume, out) = (root.path().join("volume"), root.path().join("output"));
        fs::create_dir(&volume).unwrap();
        fs::create_dir(&out).unwrap();
        let Some(_mount) = BindMount::new(&volume, &out) else {
            eprintln!("skipped: cannot bind-mount here (needs root)");
            return;
        };
        fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(out.join("old.html"), "old").unwrap();
        // Staged beside the output, as for an output not known to be a mount point.
        let staging = Scratch::new(root.path(), BUILD_PREFIX).unwrap();
        fs::write(staging.path().join("index.html"), "new").unwrap();
        fs::write(staging.path().join(MARKER), MARKER_TEXT).unwrap();
        put_in_place(staging, &out, false).unwrap();
        assert_eq!(names(&out), BTreeSet::from([MARKER, "index.html"].map(String::from)));
        assert_eq!(names(root.path()), BTreeSet::from(["output", "volume"].map(String::from)));
    }

    #[test]
    fn renames_are_undone_in_reverse() {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("a"), "1").unwrap();
        let mut moves = Moves::default();
        moves.rename(d.path().join("a"), d.path().join("b")).unwrap();
        moves.rename(d.path().join("b"), d.path().join("c")).unwrap();
        assert!(moves.rename(d.path().join("missing"), d.path().join("d")).is_err());
        moves.undo();
        assert_eq!(names(d.path()), BTreeSet::from(["a".to_string()]));
    }

    #[test]
    fn reads_the_mount_table() {
        let table = "36 35 98:0 /mnt1 /mnt/volume\\040uno rw,noatime master:1 - ext3 /dev/root rw\n\
                     37 35 98:0 / / rw - ext4 /dev/vda rw\n";
        let points: Vec<PathBuf> = mount_points(table).collect();
        assert_eq!(points, [PathBuf::from("/mnt/volume uno"), PathBuf::from("/")]);
        assert!(!is_mount_point(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path()));
    }
}
