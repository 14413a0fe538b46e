//! What editors write: one schema per content kind, with Italian keys, strictly checked
//! (`deny_unknown_fields`), and its conversion into the plain `domain` types.
//! Each `parse_*` function reports every problem of its file into `Diagnostics`.

macro_rules! common {
    ($raw:expr) => {
        $crate::content::Common {
            slug: $raw.slug.clone(),
            bozza: $raw.bozza,
            pubblicazione: $raw.pubblicazione.clone(),
            scadenza: $raw.scadenza.clone(),
            aggiornato: $raw.aggiornato.clone(),
        }
    };
}

pub mod convention;
pub mod enti;
pub mod form;
pub mod frontmatter;
pub mod news;
pub mod page;
pub mod service;
pub mod tariff;

use jiff::civil::Date;

use crate::diagnostics::Diagnostic;
use crate::domain::{Meta, Ref};
use frontmatter::{ContentFile, Spanned};

/// Keys shared by every kind. Each schema repeats them (serde's `flatten` would lose the
/// spans errors need); `common!(raw)` collects them.
#[derive(Debug, Default)]
pub struct Common {
    pub slug: Option<Spanned<String>>,
    pub bozza: Option<bool>,
    pub pubblicazione: Option<Spanned<toml::value::Datetime>>,
    pub scadenza: Option<Spanned<toml::value::Datetime>>,
    pub aggiornato: Option<Spanned<toml::value::Datetime>>,
}

/// A slug is safe in a URL and a file name: lowercase letters, digits and single hyphens.
pub fn is_safe_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub fn slug_help() -> &'static str {
    "a slug may contain only lowercase letters a-z, digits and single hyphens, e.g. `rao-pubblico`"
}

/// Turn a TOML date into a calendar date, rejecting times.
pub fn date(file: &ContentFile, d: &Spanned<toml::value::Datetime>, key: &str) -> Result<Date, Diagnostic> {
    let v = d.get_ref();
    let bad = || {
        file.error_in_front(d.span(), format!("`{key}` must be a date without a time"))
            .with_help("write it as YYYY-MM-DD, e.g. `2026-03-15`")
    };
    match (v.date, v.time) {
        (Some(day), None) => Date::new(day.year as i16, day.month as i8, day.day as i8).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

/// Build the shared metadata; the slug defaults to the file name.
pub fn meta(file: &ContentFile, common: &Common, errors: &mut Vec<Diagnostic>) -> Meta {
    let stem = file.source.path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    let slug = match &common.slug {
        Some(s) => {
            if !is_safe_slug(s.get_ref()) {
                errors.push(
                    file.error_in_front(s.span(), format!("unsafe slug \"{}\"", s.get_ref())).with_help(slug_help()),
                );
            }
            s.get_ref().clone()
        }
        None => {
            if !is_safe_slug(&stem) {
                errors.push(
                    Diagnostic::file(&file.source.path, format!("the file name \"{stem}\" cannot be used as a URL"))
                        .with_help(format!("rename the file, or set `slug = \"...\"`: {}", slug_help())),
                );
            }
            stem
        }
    };
    let mut opt_date = |d: &Option<Spanned<toml::value::Datetime>>, key: &str| {
        d.as_ref().and_then(|d| date(file, d, key).map_err(|e| errors.push(e)).ok())
    };
    let publish_from = opt_date(&common.pubblicazione, "pubblicazione");
    let expires_on = opt_date(&common.scadenza, "scadenza");
    let updated = opt_date(&common.aggiornato, "aggiornato");
    Meta {
        slug,
        source_path: file.source.path.to_string_lossy().replace('\\', "/"),
        draft: common.bozza.unwrap_or(false),
        publish_from,
        expires_on,
        updated,
    }
}

/// A reference to another file by slug, checked for shape here and for existence later.
pub fn reference(file: &ContentFile, s: &Spanned<String>, errors: &mut Vec<Diagnostic>) -> Ref {
    let span = s.span().start + file.front.start..s.span().end + file.front.start;
    if !is_safe_slug(s.get_ref()) {
        errors.push(file.error_in_front(s.span(), format!("\"{}\" is not a valid reference", s.get_ref())).with_help(
            "refer to another file by its slug, the file name without `.md`, e.g. `tariffa = \"rao-pubblico\"`",
        ));
    }
    Ref { slug: s.get_ref().clone(), span }
}

/// A required non-empty text.
pub fn non_empty(file: &ContentFile, s: &Spanned<String>, key: &str, errors: &mut Vec<Diagnostic>) -> String {
    if s.get_ref().trim().is_empty() {
        errors.push(file.error_in_front(s.span(), format!("`{key}` is empty")).with_help(format!("write a value for `{key}`")));
    }
    s.get_ref().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_slugs() {
        assert!(is_safe_slug("rao-pubblico"));
        assert!(is_safe_slug("art2"));
        for bad in ["../x", "/etc/passwd", "A", "a b", "", "-a", "a--b", "a/b", "a.md"] {
            assert!(!is_safe_slug(bad), "{bad}");
        }
    }
}

/// Every content file parsed into its domain type, with the files that failed left out.
#[derive(Debug, Default)]
pub struct Catalog {
    pub services: Vec<crate::domain::Service>,
    pub tariffs: Vec<crate::domain::TariffDoc>,
    pub conventions: Vec<crate::domain::Convention>,
    pub forms: Vec<crate::domain::Form>,
    pub pages: Vec<crate::domain::Page>,
    pub news: Vec<crate::domain::News>,
    pub enti: Vec<crate::domain::Ente>,
    /// Files that had errors, by kind and file name: references to them are not reported
    /// again as unknown (the file's own errors say what to fix).
    pub failed: Vec<(crate::load::Kind, String)>,
}

enum Parsed {
    Service(crate::domain::Service),
    Tariff(crate::domain::TariffDoc),
    Convention(crate::domain::Convention),
    Form(crate::domain::Form),
    Page(crate::domain::Page),
    News(crate::domain::News),
}

/// Stage 2: parse and check every file on its own (in parallel), collecting all errors.
pub fn parse_catalog(inputs: &crate::load::Inputs, vat: crate::pricing::BasisPoints) -> (Catalog, Vec<Diagnostic>) {
    use crate::load::Kind;
    use rayon::prelude::*;
    let results: Vec<(crate::load::Kind, String, Option<Parsed>, Vec<Diagnostic>)> = inputs
        .files
        .par_iter()
        .map(|(kind, source)| {
            let mut errors = Vec::new();
            let stem = source.path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
            let file = match frontmatter::split(source.clone()) {
                Ok(f) => f,
                Err(e) => return (*kind, stem, None, vec![e]),
            };
            let parsed = match kind {
                Kind::Service => service::parse(&file, &mut errors).map(Parsed::Service),
                Kind::Tariff => tariff::parse(&file, vat, &mut errors).map(Parsed::Tariff),
                Kind::Convention => convention::parse(&file, &mut errors).map(Parsed::Convention),
                Kind::Form => form::parse(&file, &mut errors).map(Parsed::Form),
                Kind::Page => page::parse(&file, &mut errors).map(Parsed::Page),
                Kind::News => news::parse(&file, &mut errors).map(Parsed::News),
            };
            (*kind, stem, parsed, errors)
        })
        .collect();
    let mut catalog = Catalog::default();
    let mut errors = Vec::new();
    for (kind, stem, parsed, errs) in results {
        errors.extend(errs);
        if parsed.is_none() {
            catalog.failed.push((kind, stem));
        }
        match parsed {
            Some(Parsed::Service(s)) => catalog.services.push(s),
            Some(Parsed::Tariff(t)) => catalog.tariffs.push(t),
            Some(Parsed::Convention(c)) => catalog.conventions.push(c),
            Some(Parsed::Form(f)) => catalog.forms.push(f),
            Some(Parsed::Page(p)) => catalog.pages.push(p),
            Some(Parsed::News(n)) => catalog.news.push(n),
            None => {}
        }
    }
    if let Some(source) = &inputs.enti {
        catalog.enti = enti::parse(source, &mut errors);
    }
    (catalog, errors)
}
