//! Stage 4: checks across files: duplicate slugs, reserved URLs, and references from one
//! file to another (tariff, forms, convention articles, replacing convention).

use std::collections::HashMap;

use crate::config::Config;
use crate::content::Catalog;
use crate::diagnostics::{did_you_mean, Diagnostic, Source};
use crate::domain::{Meta, Ref};
use crate::load::Kind;

/// Top-level URLs the site itself uses; a page cannot take them.
pub const RESERVED: &[&str] =
    &["servizi", "convenzioni", "moduli", "notizie", "destinatari", "assets", "dati", "cerca", "calcola", "argomenti", "livelli", "index", "404", "sitemap", "robots"];

struct Checker<'a> {
    sources: HashMap<&'a str, &'a Source>,
    errors: Vec<Diagnostic>,
    /// Files with their own errors: references to them are not errors twice.
    failed: &'a [(Kind, String)],
}

impl Checker<'_> {
    fn at(&self, path: &str, span: std::ops::Range<usize>, message: String) -> Diagnostic {
        match self.sources.get(path) {
            Some(s) => Diagnostic::at(s, span, message),
            None => Diagnostic::file(path, message),
        }
    }

    fn duplicates<'m>(&mut self, kind: &str, folder: &str, metas: impl Iterator<Item = &'m Meta>) {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for m in metas {
            if let Some(first) = seen.insert(&m.slug, &m.source_path) {
                self.errors.push(
                    Diagnostic::file(&m.source_path, format!("duplicate slug \"{}\": {first} is also a {kind} with it", m.slug))
                        .with_help(format!("every file in content/{folder}/ needs its own slug: rename one file or set `slug = \"...\"`")),
                );
            }
        }
    }

    /// A reference to `target` among `known` (published) and `hidden` (drafts, future, expired).
    fn reference(&mut self, from: &Meta, r: &Ref, kind: Kind, key: &str, known: &[&str], hidden: &[&str]) -> bool {
        if known.contains(&r.slug.as_str()) {
            return true;
        }
        if self.failed.iter().any(|(k, s)| *k == kind && *s == r.slug) {
            return false;
        }
        let what = match kind {
            Kind::Tariff => "tariff",
            Kind::Form => "form",
            Kind::Convention => "convention",
            Kind::Service => "service",
            Kind::Page => "page",
            Kind::News => "news item",
        };
        let mut d = self.at(&from.source_path, r.span.clone(), format!("unknown {what} \"{}\"", r.slug));
        d = if hidden.contains(&r.slug.as_str()) {
            d.message = format!("the {what} \"{}\" is not published (draft, future or expired)", r.slug);
            d.with_help(format!("publish the {what}, remove `{key}`, or build with `--drafts`"))
        } else {
            match did_you_mean(&r.slug, known.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean \"{s}\"?")),
                None if known.is_empty() => d.with_help(format!("there is no {what} yet: add one, or remove `{key}`")),
                None => d.with_help(format!("known: {}", known.join(", "))),
            }
        };
        self.errors.push(d);
        false
    }
}

fn slugs<'a, T>(items: &'a [T], meta: impl Fn(&'a T) -> &'a Meta) -> Vec<&'a str> {
    items.iter().map(|i| meta(i).slug.as_str()).collect()
}

/// Check the published catalog; `hidden` holds the files left out of this build.
pub fn check(
    catalog: &Catalog,
    hidden: &Catalog,
    articles: &HashMap<String, Vec<String>>,
    config: &Config,
    config_source: &Source,
    sources: &[(crate::load::Kind, Source)],
) -> Vec<Diagnostic> {
    let mut c = Checker {
        sources: sources.iter().map(|(_, s)| (s.path.to_str().unwrap_or(""), s)).collect(),
        errors: Vec::new(),
        failed: &catalog.failed,
    };
    c.duplicates("service", "servizi", catalog.services.iter().chain(&hidden.services).map(|s| &s.meta));
    c.duplicates("tariff", "tariffe", catalog.tariffs.iter().chain(&hidden.tariffs).map(|s| &s.meta));
    c.duplicates("convention", "convenzioni", catalog.conventions.iter().chain(&hidden.conventions).map(|s| &s.meta));
    c.duplicates("form", "moduli", catalog.forms.iter().chain(&hidden.forms).map(|s| &s.meta));
    c.duplicates("page", "pagine", catalog.pages.iter().chain(&hidden.pages).map(|s| &s.meta));
    c.duplicates("news item", "notizie", catalog.news.iter().chain(&hidden.news).map(|s| &s.meta));
    for p in catalog.pages.iter().chain(&hidden.pages) {
        if RESERVED.contains(&p.meta.slug.as_str()) {
            c.errors.push(
                Diagnostic::file(&p.meta.source_path, format!("the page slug \"{}\" is a URL the site uses itself", p.meta.slug))
                    .with_help("rename the file or set another `slug`"),
            );
        }
    }

    let tariffs = slugs(&catalog.tariffs, |t| &t.meta);
    let hidden_tariffs = slugs(&hidden.tariffs, |t| &t.meta);
    let forms = slugs(&catalog.forms, |f| &f.meta);
    let hidden_forms = slugs(&hidden.forms, |f| &f.meta);
    let conventions = slugs(&catalog.conventions, |f| &f.meta);
    let hidden_conventions = slugs(&hidden.conventions, |f| &f.meta);

    for s in &catalog.services {
        if let Some(t) = &s.tariff {
            c.reference(&s.meta, t, Kind::Tariff, "tariffa", &tariffs, &hidden_tariffs);
        }
        for f in &s.forms {
            c.reference(&s.meta, f, Kind::Form, "moduli", &forms, &hidden_forms);
        }
        if let Some(a) = &s.convention {
            let conv_ref = Ref { slug: a.convention.clone(), span: a.span.clone() };
            if c.reference(&s.meta, &conv_ref, Kind::Convention, "convenzione", &conventions, &hidden_conventions) {
                let known = articles.get(&a.convention).map(Vec::as_slice).unwrap_or(&[]);
                if !known.contains(&a.article) {
                    let mut d = c.at(
                        &s.meta.source_path,
                        a.span.clone(),
                        format!("the convention \"{}\" has no article `#{}`", a.convention, a.article),
                    );
                    d = match did_you_mean(&a.article, known.iter().map(String::as_str)) {
                        Some(x) => d.with_help(format!("did you mean `#{x}`? Articles are the `## Art. N – Titolo` headings")),
                        None => d.with_help(format!("its articles are: {}", known.iter().map(|k| format!("#{k}")).collect::<Vec<_>>().join(", "))),
                    };
                    c.errors.push(d);
                }
            }
        }
    }
    for conv in &catalog.conventions {
        if let Some(r) = &conv.replaced_by {
            if r.slug == conv.meta.slug {
                c.errors.push(c.at(&conv.meta.source_path, r.span.clone(), "a convention cannot replace itself".into()).with_help("name the newer convention's slug"));
            } else {
                c.reference(&conv.meta, r, Kind::Convention, "sostituita_da", &conventions, &hidden_conventions);
            }
        }
    }

    // Footer links of vetrina.toml must reach a page.
    let pages = slugs(&catalog.pages, |p| &p.meta);
    let f = &config.footer;
    for (key, link) in [("privacy", &f.privacy), ("note_legali", &f.note_legali), ("faq", &f.faq)] {
        let target = link.get_ref();
        if target.starts_with("https://") {
            continue;
        }
        let slug = target.trim_matches('/');
        if !pages.contains(&slug) {
            c.errors.push(
                Diagnostic::at(config_source, link.span(), format!("`piede.{key}` links to \"{target}\", which is not a page"))
                    .with_help(format!("create content/pagine/{slug}.md, or point `{key}` at an existing page (\"/<slug>/\")")),
            );
        }
    }
    c.errors
}
