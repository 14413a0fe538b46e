//! Stage 1: find and read the site's files. The only module of the pipeline that reads
//! content from disk; everything after it works on the `Inputs` in memory.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{did_you_mean, relative, Diagnostic, Source};

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

/// Folders under `content/` that are not Markdown kinds.
const DATA_FOLDER: &str = "dati";

pub fn load(root: &Path) -> Result<Inputs, Vec<Diagnostic>> {
    let config_path = root.join("vetrina.toml");
    let config = read(&config_path, root).map_err(|e| {
        vec![e.with_help(format!("run `vetrina init {}` to create a new site, or pass `--root` with the site's folder", root.display()))]
    })?;
    let content = root.join("content");
    let mut errors = Vec::new();
    let mut paths: Vec<(Kind, PathBuf)> = Vec::new();
    if !content.is_dir() {
        errors.push(Diagnostic::file(relative(&content, root), "the content folder is missing").with_help("create `content/` with `servizi/`, `tariffe/`, ... (see docs/contenuti.md)"));
    } else {
        for entry in WalkDir::new(&content).min_depth(1).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(Diagnostic::file(relative(&content, root), format!("cannot read the folder: {e}")));
                    continue;
                }
            };
            let path = entry.path();
            let rel = relative(path, &content);
            let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().to_string());
            let top = parts.next().unwrap_or_default();
            if entry.file_type().is_dir() {
                if entry.depth() == 1 && top != DATA_FOLDER && !Kind::ALL.iter().any(|k| k.folder() == top) {
                    let folders: Vec<&str> = Kind::ALL.iter().map(|k| k.folder()).chain([DATA_FOLDER]).collect();
                    let help = match did_you_mean(&top, folders.iter().copied()) {
                        Some(s) => format!("did you mean `content/{s}/`?"),
                        None => format!("content folders are: {}", folders.join(", ")),
                    };
                    errors.push(Diagnostic::file(relative(path, root), format!("unknown content folder `{top}`")).with_help(help));
                }
                continue;
            }
            if entry.depth() == 1 || top == DATA_FOLDER {
                continue;
            }
            let Some(kind) = Kind::ALL.iter().copied().find(|k| k.folder() == top) else { continue };
            if path.extension().and_then(|e| e.to_str()) != Some("md") {
                if !entry.file_name().to_string_lossy().starts_with('.') {
                    errors.push(
                        Diagnostic::file(relative(path, root), "not a Markdown file")
                            .with_help("content files end in `.md`; move other files elsewhere"),
                    );
                }
                continue;
            }
            if entry.depth() > 2 {
                errors.push(
                    Diagnostic::file(relative(path, root), "content files cannot be in sub-folders")
                        .with_help(format!("move it directly into `content/{}/`", kind.folder())),
                );
                continue;
            }
            paths.push((kind, path.to_path_buf()));
        }
    }
    let results: Vec<Result<(Kind, Source), Diagnostic>> =
        paths.par_iter().map(|(kind, path)| read(path, root).map(|s| (*kind, s))).collect();
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    let enti_path = content.join(DATA_FOLDER).join("enti.toml");
    let enti = if enti_path.exists() {
        match read(&enti_path, root) {
            Ok(s) => Some(s),
            Err(e) => {
                errors.push(e);
                None
            }
        }
    } else {
        None
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Inputs { root: root.to_path_buf(), config, files, enti })
}

fn read(path: &Path, root: &Path) -> Result<Source, Diagnostic> {
    let shown = relative(path, root);
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(shown, text)),
            Err(e) => Err(Diagnostic::file(shown, format!("not valid UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
                .with_help("save the file with UTF-8 encoding")),
        },
        Err(e) => Err(Diagnostic::file(shown, format!("cannot read the file: {e}"))),
    }
}
