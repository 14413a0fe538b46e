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
use crate::pricing::limits::{DATE_YEARS, MAX_COUNT};
use crate::pricing::money::group_thousands;
use crate::t;
use frontmatter::{ContentFile, Spanned, TomlDate};

/// Keys shared by every kind. Each schema repeats them (serde's `flatten` would lose the
/// spans errors need); `common!(raw)` collects them.
#[derive(Debug, Default)]
pub struct Common {
    pub slug: Option<Spanned<String>>,
    pub bozza: Option<bool>,
    pub pubblicazione: Option<Spanned<TomlDate>>,
    pub scadenza: Option<Spanned<TomlDate>>,
    pub aggiornato: Option<Spanned<TomlDate>>,
}

/// The one parse step every kind shares: the front matter of `file` as `T`, with every key
/// error of the file added to `errors` (`None` then: the file's other checks would only
/// repeat them).
pub fn front<T: serde::de::DeserializeOwned>(file: &ContentFile, kind: &str, errors: &mut Vec<Diagnostic>) -> Option<T> {
    frontmatter::parse(file, kind).map_err(|e| errors.extend(e)).ok()
}

/// The JSON Schema (draft 2020-12) of a front matter type: what `check` accepts, derived
/// from the same type. The doc comments are for developers and stay out of it; TOML has
/// no null, so an optional key is simply not required.
pub fn schema_of<T: schemars::JsonSchema>() -> schemars::Schema {
    let settings = schemars::generate::SchemaSettings::draft2020_12().with_transform(schemars::transform::RecursiveTransform(|s: &mut schemars::Schema| {
        s.remove("description");
        without_null(s);
    }));
    settings.into_generator().into_root_schema_for::<T>()
}

/// `Option<T>` comes out as "T or null": `"type": ["string", "null"]`, or an `anyOf` with a
/// `{"type": "null"}` branch. TOML has no null: only T is left.
fn without_null(s: &mut schemars::Schema) {
    use serde_json::Value;
    if let Some(Value::Array(types)) = s.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            s.insert("type".into(), only);
        }
    }
    let Some(Value::Array(branches)) = s.get_mut("anyOf") else { return };
    branches.retain(|b| b.get("type").is_none_or(|t| t != "null"));
    if branches.len() == 1 {
        let Some(Value::Object(only)) = branches.pop() else { return };
        s.remove("anyOf");
        for (k, v) in only {
            s.insert(k, v);
        }
    }
}

/// A slug is safe in a URL and a file name: lowercase letters, digits and single hyphens.
pub fn is_safe_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub fn slug_help() -> String {
    t!("content-slug-help")
}

/// A count or limit as the messages show it: `100.000.000` (`100,000,000` in English).
pub fn shown_count(n: u64) -> String {
    let grouped = group_thousands(n);
    match crate::i18n::language() {
        crate::i18n::Language::It => grouped,
        crate::i18n::Language::En => grouped.replace('.', ","),
    }
}

/// Turn a TOML date into a calendar date, rejecting times and years outside
/// `limits::DATE_YEARS` (a `0000-01-01` is a typo, not a date of a catalog).
pub fn date(file: &ContentFile, d: &Spanned<TomlDate>, key: &str) -> Result<Date, Diagnostic> {
    let v = d.get_ref();
    let bad = || file.error_in_front(d.span(), t!("content-date-time", key = key)).with_help(t!("content-date-help"));
    let (Some(day), None) = (v.date, v.time) else { return Err(bad()) };
    let Some(year) = i16::try_from(day.year).ok().filter(|y| DATE_YEARS.contains(y)) else {
        let (min, max) = (DATE_YEARS.start().to_string(), DATE_YEARS.end().to_string());
        return Err(file
            .error_in_front(d.span(), t!("content-date-year", key = key, year = format!("{:04}", day.year), min = min.clone(), max = max.clone()))
            .with_help(t!("content-date-year-help", min = min, max = max)));
    };
    Date::new(year, day.month as i8, day.day as i8).map_err(|_| bad())
}

/// A whole number as written, of any size and sign, so that `count` can say what is wrong
/// with it where it is written (a decimal is a type error of the front matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub i128);

impl<'de> serde::Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Count, E> {
                Ok(Count(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Count, E> {
                Ok(Count(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Count, E> {
                Ok(Count(v))
            }
            // Past i128 is past any limit.
            fn visit_u128<E>(self, v: u128) -> Result<Count, E> {
                Ok(Count(i128::try_from(v).unwrap_or(i128::MAX)))
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Count {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Numero".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "minimum": 0, "maximum": MAX_COUNT })
    }
}

/// A count (a figure of an Ente, a band bound, a quantity) from 0 to `limits::MAX_COUNT`;
/// a negative or larger number is an error at its value.
pub fn count(file: &ContentFile, v: &Spanned<Count>, key: &str, errors: &mut Vec<Diagnostic>) -> Option<u64> {
    let n = v.get_ref().0;
    let value = n.to_string();
    if n < 0 {
        errors.push(file.error_in_front(v.span(), t!("limit-negative", key = key, value = value)).with_help(t!("limit-negative-help", key = key)));
        return None;
    }
    match u64::try_from(n) {
        Ok(n) if n <= MAX_COUNT => Some(n),
        _ => {
            let max = shown_count(MAX_COUNT);
            errors.push(
                file.error_in_front(v.span(), t!("limit-count", key = key, value = value, max = max.clone())).with_help(t!("limit-count-help", max = max)),
            );
            None
        }
    }
}

/// Build the shared metadata; the slug defaults to the file name.
pub fn meta(file: &ContentFile, common: &Common, errors: &mut Vec<Diagnostic>) -> Meta {
    let stem = file.source.path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    let slug = match &common.slug {
        Some(s) => {
            if !is_safe_slug(s.get_ref()) {
                errors.push(file.error_in_front(s.span(), t!("content-unsafe-slug", slug = s.get_ref())).with_help(slug_help()));
            }
            s.get_ref().clone()
        }
        None => {
            if !is_safe_slug(&stem) {
                errors.push(
                    Diagnostic::file(&file.source.path, t!("content-file-name", stem = stem.as_str()))
                        .with_help(t!("content-file-name-help", rule = slug_help())),
                );
            }
            stem
        }
    };
    let mut opt_date = |d: &Option<Spanned<TomlDate>>, key: &str| d.as_ref().and_then(|d| date(file, d, key).map_err(|e| errors.push(e)).ok());
    let publish_from = opt_date(&common.pubblicazione, "pubblicazione");
    let expires_on = opt_date(&common.scadenza, "scadenza");
    let updated = opt_date(&common.aggiornato, "aggiornato");
    if let (Some(from), Some(until), Some(at)) = (publish_from, expires_on, &common.scadenza) {
        // `scadenza` is the first day the file is hidden: on or before `pubblicazione`, never shown.
        if until <= from {
            errors.push(
                file.error_in_front(at.span(), t!("content-expires-first", expires = until.to_string(), publish = from.to_string()))
                    .with_help(t!("content-expires-first-help")),
            );
        }
    }
    Meta { slug, source_path: file.source.path.to_string_lossy().replace('\\', "/"), draft: common.bozza.unwrap_or(false), publish_from, expires_on, updated }
}

/// A reference to another file by slug, checked for shape here and for existence later.
pub fn reference(file: &ContentFile, s: &Spanned<String>, errors: &mut Vec<Diagnostic>) -> Ref {
    let span = file.in_file(s.span());
    if !is_safe_slug(s.get_ref()) {
        errors.push(file.error_in_front(s.span(), t!("content-bad-reference", slug = s.get_ref())).with_help(t!("content-bad-reference-help")));
    }
    Ref { slug: s.get_ref().clone(), span }
}

/// The topics as written, with their place in the file.
pub fn topics(file: &ContentFile, written: Vec<Spanned<String>>) -> Vec<crate::domain::Topic> {
    written.into_iter().map(|t| crate::domain::Topic { span: file.in_file(t.span()), label: t.into_inner() }).collect()
}

/// A required text: empty or only spaces is an error at the value.
pub fn non_empty(file: &ContentFile, s: &Spanned<String>, key: &str, errors: &mut Vec<Diagnostic>) -> String {
    if s.get_ref().trim().is_empty() {
        errors.push(file.error_in_front(s.span(), t!("content-empty", key = key)).with_help(t!("content-empty-help", key = key)));
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
    pub failed: Vec<(crate::input::load::Kind, String)>,
}

enum Parsed {
    // A service card is by far the largest: boxed, so the others do not take its size.
    Service(Box<crate::domain::Service>),
    Tariff(crate::domain::TariffDoc),
    Convention(crate::domain::Convention),
    Form(crate::domain::Form),
    Page(crate::domain::Page),
    News(crate::domain::News),
}

/// Stage 2: parse and check every file on its own (in parallel), collecting all errors.
pub fn parse_catalog(inputs: &crate::input::load::Inputs, vat: crate::pricing::BasisPoints) -> (Catalog, Vec<Diagnostic>) {
    use crate::input::load::Kind;
    use rayon::prelude::*;
    let results: Vec<(crate::input::load::Kind, String, Option<Parsed>, Vec<Diagnostic>)> = inputs
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
                Kind::Service => service::parse(&file, &mut errors).map(|s| Parsed::Service(Box::new(s))),
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
            Some(Parsed::Service(s)) => catalog.services.push(*s),
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
