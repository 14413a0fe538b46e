//! Downloadable documents, made from the site model before the pages are rendered (so
//! each page can show the size of what it offers, and the link check sees the files):
//!
//! - every form, for every service that lists it and once generic, as a fillable, tagged
//!   PDF (`moduli/<form>/<form>-<service>.pdf`) and an editable ODT (`.odt`);
//! - every convention as PDF and ODT with a table of contents, and an ODT template of the
//!   council deliberation that approves it (`convenzioni/<slug>/…`);
//! - every comparison of a convention with the one it replaces, as PDF and ODT
//!   (`convenzioni/<slug>/cosa-cambia/…`).
//!
//! Pure functions from the views to file bytes; only the fonts are read from disk, and
//! `generate` hands each file to the build's sink.

mod comparison;
mod convention;
pub mod fonts;
mod form;
pub mod model;
mod odt;
mod pdf;
mod text;

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::Catalog;
use crate::diagnostics::{relative, Diagnostic};
use crate::incremental::Cache;
use crate::model::{Download, FormDocuments, Site};
use crate::output::size_label;
use crate::t;
use crate::write::Sink;

pub use fonts::Fonts;
pub use model::Doc;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// A font that is there but cannot be used (not TrueType, unreadable).
    Font(PathBuf, String),
    /// A font of the theme's npm install that is missing or links outside it.
    Installed {
        font: PathBuf,
        theme_dir: PathBuf,
        why: crate::input::assets::Refused,
    },
    Odt(String, String),
    Write(crate::write::WriteError),
}

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            DocumentError::Font(path, why) => t!("doc-font", path = path, why = why),
            DocumentError::Installed { font, .. } => t!("doc-font-installed", path = font),
            DocumentError::Odt(title, why) => t!("doc-odt", title = title, why = why),
            DocumentError::Write(e) => e.to_string(),
        };
        f.write_str(&text)
    }
}

impl DocumentError {
    pub fn into_diagnostic(self, root: &Path) -> Diagnostic {
        let message = self.to_string();
        match self {
            DocumentError::Font(path, _) => Diagnostic::file(relative(&path, root), message).with_help(t!("doc-font-help")),
            // The same diagnostic as the assets' for a missing install: a build shows it once.
            DocumentError::Installed { font, theme_dir, why } => crate::input::assets::refused(&why, &font, &theme_dir, root),
            DocumentError::Odt(..) => Diagnostic::file("output", message).with_help(t!("doc-bug-help")),
            DocumentError::Write(e) => e.into_diagnostic(),
        }
    }
}

/// Who a document belongs to, to list it on the right page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// A form (index in `site.forms`), for a service (index in `site.services`) or generic.
    Form {
        form: usize,
        service: Option<usize>,
    },
    Convention(usize),
    /// A comparison (index in `site.comparisons`).
    Comparison(usize),
}

/// One document to make, in one or both formats.
pub struct Job {
    /// Output path without the extension, e.g. `moduli/richiesta/richiesta-rao`.
    pub path: String,
    pub doc: Doc,
    pub pdf: bool,
    pub odt: bool,
    pub owner: Owner,
    pub label: String,
}

/// What was made: how many files, and what each page links to.
#[derive(Debug, Default)]
pub struct Generated {
    pub count: usize,
    pub downloads: Vec<(Owner, Download)>,
}

pub const PRODUCER: &str = concat!("Vetrina ", env!("CARGO_PKG_VERSION"));

/// Every document of the site, with its model. `catalog` gives the Markdown texts.
pub fn jobs(site: &Site, catalog: &Catalog) -> Vec<Job> {
    let config = &site.config;
    let mut jobs = Vec::new();
    for (fi, f) in site.forms.iter().enumerate() {
        let intro = catalog.forms.iter().find(|x| x.meta.slug == f.slug).map(|x| text::blocks(&x.markdown, &[])).unwrap_or_default();
        let users = site.services.iter().enumerate().filter(|(_, s)| s.forms.iter().any(|l| l.url == f.url));
        for (si, s) in users {
            jobs.push(Job {
                path: format!("moduli/{0}/{0}-{1}", f.slug, s.slug),
                doc: form::document(f, Some(s), intro.clone(), config),
                pdf: true,
                odt: true,
                owner: Owner::Form { form: fi, service: Some(si) },
                label: f.title.clone(),
            });
        }
        jobs.push(Job {
            path: format!("moduli/{0}/{0}", f.slug),
            doc: form::document(f, None, intro, config),
            pdf: true,
            odt: true,
            owner: Owner::Form { form: fi, service: None },
            label: f.title.clone(),
        });
    }
    for (ci, c) in site.conventions.iter().enumerate() {
        let Some(source) = catalog.conventions.iter().find(|x| x.meta.slug == c.slug) else {
            continue;
        };
        jobs.push(Job {
            path: format!("convenzioni/{0}/{0}", c.slug),
            doc: convention::document(c, &source.markdown, config),
            pdf: true,
            odt: true,
            owner: Owner::Convention(ci),
            label: "Testo della convenzione".into(),
        });
        jobs.push(Job {
            path: format!("convenzioni/{0}/delibera-approvazione-{0}", c.slug),
            doc: convention::deliberation(c, config),
            pdf: false,
            odt: true,
            owner: Owner::Convention(ci),
            label: "Schema di deliberazione del Consiglio per approvare la convenzione".into(),
        });
    }
    for (ki, k) in site.comparisons.iter().enumerate() {
        let folder = site.urls.output(&k.url);
        let folder = folder.trim_end_matches("index.html");
        jobs.push(Job {
            path: format!("{folder}cosa-cambia-{}", k.slug),
            doc: comparison::document(k, config),
            pdf: true,
            odt: true,
            owner: Owner::Comparison(ki),
            label: "Confronto tra le due convenzioni".into(),
        });
    }
    jobs
}

/// Make every document, in parallel, writing each into `sink` as soon as it is made (at
/// scale the documents far outweigh the pages). With a cache, a document whose model did not
/// change since the last build is reused from the output instead of being made again.
pub fn generate(site: &Site, catalog: &Catalog, theme_dir: &Path, sink: &Sink, cache: Option<&Cache>) -> Result<Generated, DocumentError> {
    let fonts = Fonts::load(theme_dir)?;
    let fonts_key = format!("{}{}{}{}", fonts.regular.name, fonts.regular.program_len, fonts.bold.name, fonts.bold.program_len);
    let jobs = jobs(site, catalog);
    let made: Vec<Vec<(String, usize, &'static str, &Job)>> = jobs
        .par_iter()
        .map(|job| {
            // The model says everything that goes into the files; the fonts the rest.
            let key = cache.map(|_| {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                (&fonts_key, &job.doc).hash(&mut h);
                h.finish()
            });
            let mut out = Vec::new();
            let formats: [(bool, &'static str, &'static str); 2] = [(job.pdf, "pdf", "PDF"), (job.odt, "odt", "ODT")];
            for (wanted, ext, format) in formats {
                if !wanted {
                    continue;
                }
                let path = format!("{}.{ext}", job.path);
                let kept = match (cache, key) {
                    (Some(c), Some(k)) => c.reuse_document(&path, k, sink),
                    _ => None,
                };
                let size = match kept {
                    Some(size) => size,
                    None => {
                        let bytes = if ext == "pdf" { pdf::write(&job.doc, &fonts, PRODUCER) } else { odt::write(&job.doc)? };
                        let size = bytes.len();
                        sink.put(&path, bytes).map_err(DocumentError::Write)?;
                        if let (Some(c), Some(k)) = (cache, key) {
                            c.remember_document(&path, k, size);
                        }
                        size
                    }
                };
                out.push((path, size, format, job));
            }
            Ok(out)
        })
        .collect::<Result<_, DocumentError>>()?;
    let mut g = Generated::default();
    for (path, size, format, job) in made.into_iter().flatten() {
        let download = Download { label: job.label.clone(), url: site.urls.path(&path), format, size: size_label(size) };
        g.downloads.push((job.owner.clone(), download));
        g.count += 1;
    }
    Ok(g)
}

/// Write one document as PDF (for tests and the benchmark).
pub fn pdf_bytes(doc: &Doc, fonts: &Fonts) -> Vec<u8> {
    pdf::write(doc, fonts, PRODUCER)
}

/// Write one document as ODT (for tests and the benchmark).
pub fn odt_bytes(doc: &Doc) -> Result<Vec<u8>, DocumentError> {
    odt::write(doc)
}

/// Give the pages their downloads: a service lists its forms' files, a form page one set per
/// service (and the generic one), a convention its text and the deliberation template, a
/// service the PDF of its convention as its conditions document.
pub fn attach(site: &mut Site, g: &Generated) {
    for (owner, d) in &g.downloads {
        match *owner {
            Owner::Form { form, service } => {
                let slug = service.map(|si| site.services[si].slug.clone());
                if let Some(si) = service {
                    let f = &site.forms[form];
                    let url = format!("{}?servizio={}", f.url, site.services[si].slug);
                    add(&mut site.services[si].documents, &f.title, slug.clone(), Some(url), d);
                }
                let label = service.map_or_else(|| "Modulo generico, senza i dati di un servizio".to_string(), |si| site.services[si].title.clone());
                add(&mut site.forms[form].documents, &label, slug, None, d);
            }
            Owner::Convention(ci) => site.conventions[ci].downloads.push(d.clone()),
            Owner::Comparison(ki) => site.comparisons[ki].downloads.push(d.clone()),
        }
    }
    // The generic set last, after the services in catalog order; a service's forms in the
    // order it lists them (the request form first).
    for f in &mut site.forms {
        f.documents.sort_by_key(|s| s.service.is_none());
    }
    // A service's conditions document is the text of its convention, as PDF.
    for s in &mut site.services {
        let convention = s.convention.as_ref().and_then(|link| site.conventions.iter().find(|c| link.url.split('#').next() == Some(c.url.as_str())));
        s.conditions_file = convention.and_then(|c| c.downloads.iter().find(|d| d.format == "PDF")).cloned();
    }
    for s in &mut site.services {
        let order: Vec<String> = s.forms.iter().map(|l| l.url.clone()).collect();
        s.documents.sort_by_key(|d| d.url.as_ref().and_then(|u| order.iter().position(|o| u.starts_with(&format!("{o}?")))));
    }
}

fn add(sets: &mut Vec<FormDocuments>, label: &str, service: Option<String>, url: Option<String>, d: &Download) {
    match sets.iter_mut().find(|s| s.label == label && s.service == service) {
        Some(set) => set.downloads.push(d.clone()),
        None => sets.push(FormDocuments { label: label.to_string(), service, url, downloads: vec![d.clone()] }),
    }
}
