//! Stage 1: find and read the site's files. The only module of the pipeline that reads
//! content from disk; everything after it works on the `Inputs` in memory. Symbolic links
//! in `content/` are refused (never followed), and no file larger than
//! `policy::MAX_FILE_BYTES` is read.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{did_you_mean, relative, Diagnostic, Source};
use crate::{policy, t};

/// The kinds of content file, by folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Service,
    Tariff,
    Convention,
    Form,
    Page,
    News,
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::Service, Kind::Tariff, Kind::Convention, Kind::Form, Kind::Page, Kind::News];
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Service => "servizi",
            Kind::Tariff => "tariffe",
            Kind::Convention => "convenzioni",
            Kind::Form => "moduli",
            Kind::Page => "pagine",
            Kind::News => "notizie",
        }
    }
}

/// Everything the build reads, as text.
#[derive(Debug)]
pub struct Inputs {
    pub root: PathBuf,
    pub config: Source,
    pub files: Vec<(Kind, Source)>,
    pub enti: Option<Source>,
}

impl Inputs {
    /// Every file read: `vetrina.toml`, the content files, the Enti file.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        std::iter::once(&self.config).chain(self.files.iter().map(|(_, s)| s)).chain(self.enti.as_ref())
    }
}

/// Folders under `content/` that are not Markdown kinds.
const DATA_FOLDER: &str = "dati";
/// The member Enti, under `content/`.
pub const ENTI_FILE: &str = "dati/enti.toml";

/// Read the site. Fails only when there is no `vetrina.toml`; every other problem (a stray
/// file, a symlink, a file that is not UTF-8 or too large) is returned with what could be
/// read, so that the build reports it together with all the others.
pub fn load(root: &Path) -> Result<(Inputs, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config_path = root.join("vetrina.toml");
    let config = read(&config_path, root).map_err(|e| vec![e.with_help(t!("load-no-config-help", root = root))])?;
    let content = root.join("content");
    let mut errors = Vec::new();
    let mut paths: Vec<(Kind, PathBuf)> = Vec::new();
    if !content.is_dir() || super::is_link(&content) {
        errors.push(Diagnostic::file(relative(&content, root), t!("load-no-content")).with_help(t!("load-no-content-help")));
    } else {
        for entry in WalkDir::new(&content).min_depth(1).sort_by_file_name() {
            match entry {
                Ok(e) => {
                    if let Some(found) = classify(&e, &content, root, &mut errors) {
                        paths.push(found);
                    }
                }
                Err(e) => errors.push(Diagnostic::file(relative(e.path().unwrap_or(&content), root), t!("load-folder-unreadable", why = e.to_string()))),
            }
        }
    }
    let results: Vec<Result<(Kind, Source), Diagnostic>> = paths.par_iter().map(|(kind, path)| read(path, root).map(|s| (*kind, s))).collect();
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    let enti_path = content.join(ENTI_FILE);
    let enti = match enti_path.symlink_metadata() {
        Ok(_) => read(&enti_path, root).map_err(|e| errors.push(e)).ok(),
        Err(_) => None,
    };
    Ok((Inputs { root: root.to_path_buf(), config, files, enti }, errors))
}

/// What one entry of `content/` is: a content file to read, or nothing (a folder, a hidden
/// file, a data file), or an error.
fn classify(entry: &walkdir::DirEntry, content: &Path, root: &Path, errors: &mut Vec<Diagnostic>) -> Option<(Kind, PathBuf)> {
    let path = entry.path();
    let shown = relative(path, root);
    let rel = relative(path, content);
    let top = rel.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
    // A link could bring in any file of the machine: refused, never followed.
    if entry.path_is_symlink() {
        errors.push(super::link_error(path, root));
        return None;
    }
    if entry.file_type().is_dir() {
        if entry.depth() == 1 && top != DATA_FOLDER && !Kind::ALL.iter().any(|k| k.folder() == top) {
            let folders: Vec<&str> = Kind::ALL.iter().map(|k| k.folder()).chain([DATA_FOLDER]).collect();
            let help = match did_you_mean(&top, folders.iter().copied()) {
                Some(s) => t!("load-folder-did-you-mean", folder = s),
                None => t!("load-folders", folders = folders.join(", ")),
            };
            errors.push(Diagnostic::file(shown, t!("load-unknown-folder", folder = top)).with_help(help));
        }
        return None;
    }
    if entry.depth() == 1 || top == DATA_FOLDER {
        return None;
    }
    let kind = Kind::ALL.iter().copied().find(|k| k.folder() == top)?;
    if path.extension().and_then(|e| e.to_str()) != Some("md") {
        if !entry.file_name().to_string_lossy().starts_with('.') {
            errors.push(Diagnostic::file(shown, t!("load-not-markdown")).with_help(t!("load-not-markdown-help")));
        }
        return None;
    }
    if entry.depth() > 2 {
        errors.push(Diagnostic::file(shown, t!("load-subfolder")).with_help(t!("load-subfolder-help", folder = kind.folder())));
        return None;
    }
    Some((kind, path.to_path_buf()))
}

/// Read one file of the site: a regular file (never through a link), at most
/// `policy::MAX_FILE_BYTES`, in UTF-8. Errors never quote the file's bytes.
fn read(path: &Path, root: &Path) -> Result<Source, Diagnostic> {
    let shown = relative(path, root);
    let meta = fs::symlink_metadata(path).map_err(|e| Diagnostic::file(&shown, t!("load-unreadable", why = e.to_string())))?;
    if meta.file_type().is_symlink() {
        return Err(super::link_error(path, root));
    }
    if !meta.is_file() {
        return Err(Diagnostic::file(shown, t!("load-not-a-file")));
    }
    if meta.len() > policy::MAX_FILE_BYTES as u64 {
        let (size, max) = (meta.len() / 1024, policy::MAX_FILE_BYTES / 1024);
        return Err(Diagnostic::file(shown, t!("load-too-large", size = size, max = max)).with_help(t!("load-too-large-help")));
    }
    let bytes = fs::read(path).map_err(|e| Diagnostic::file(&shown, t!("load-unreadable", why = e.to_string())))?;
    String::from_utf8(bytes).map(|text| Source::new(&shown, text)).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Diagnostic::file(&shown, t!("load-not-utf8", byte = at)).with_help(t!("load-not-utf8-help"))
    })
}
