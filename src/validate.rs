//! Stage 4: checks across files: duplicate slugs, reserved URLs, references from one
//! file to another (tariff, forms, convention articles, replacing convention), and topics
//! against the controlled vocabularies (a warning, not an error).

use std::collections::HashMap;

use crate::content::Catalog;
use crate::diagnostics::{did_you_mean, Diagnostic, Source};
use crate::domain::{Meta, Ref};
use crate::input::config::Config;
use crate::input::load::Kind;
use crate::t;
use crate::vocabulary::Vocabularies;

/// Top-level URLs the site itself uses; a page cannot take them.
pub const RESERVED: &[&str] = &[
    "servizi",
    "convenzioni",
    "moduli",
    "notizie",
    "destinatari",
    "assets",
    "dati",
    "cerca",
    "calcola",
    "argomenti",
    "livelli",
    "index",
    "404",
    "sitemap",
    "robots",
];

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

    /// Two files of one kind with the same slug: reported once, on the file that sets
    /// `slug` to the other's name (else on the second), at its `slug` (or its first line
    /// when the slug is its file name), naming the other file.
    fn duplicates<'m>(&mut self, kind: Kind, folder: &str, metas: impl Iterator<Item = &'m Meta>) {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for m in metas {
            let Some(&first) = seen.get(m.slug.as_str()) else {
                seen.insert(&m.slug, &m.source_path);
                continue;
            };
            // The file that sets `slug` to another file's name is the one to fix.
            let (at, other) = if sets_slug(first, &m.slug) && !sets_slug(&m.source_path, &m.slug) {
                (first, m.source_path.as_str())
            } else {
                (m.source_path.as_str(), first)
            };
            let message = t!("validate-duplicate-slug", slug = m.slug.as_str(), other = other, kind = kind_name(kind));
            let d = match self.sources.get(at) {
                Some(s) => Diagnostic::at(s, slug_span(&s.text), message),
                None => Diagnostic::file(at, message),
            };
            self.errors.push(d.with_help(t!("validate-duplicate-slug-help", folder = folder)));
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
        let what = kind_id(kind);
        let d = if hidden.contains(&r.slug.as_str()) {
            self.at(&from.source_path, r.span.clone(), t!("ref-hidden", kind = what, slug = r.slug.as_str())).with_help(t!(
                "ref-hidden-help",
                kind = what,
                key = key
            ))
        } else {
            let d = self.at(&from.source_path, r.span.clone(), t!("ref-unknown", kind = what, slug = r.slug.as_str()));
            match did_you_mean(&r.slug, known.iter().copied()) {
                Some(s) => d.with_help(t!("ref-did-you-mean", slug = s)),
                None if known.is_empty() => d.with_help(t!("ref-none-yet", kind = what, key = key)),
                None => d.with_help(t!("ref-known", list = known.join(", "))),
            }
        };
        self.errors.push(d);
        false
    }
}

/// The kind as the catalog's selectors name it.
fn kind_id(kind: Kind) -> &'static str {
    match kind {
        Kind::Tariff => "tariff",
        Kind::Form => "form",
        Kind::Convention => "convention",
        Kind::Service => "service",
        Kind::Page => "page",
        Kind::News => "news",
    }
}

/// "un servizio", "una tariffa", ... in the user's language.
fn kind_name(kind: Kind) -> String {
    match kind {
        Kind::Tariff => t!("kind-tariff"),
        Kind::Form => t!("kind-form"),
        Kind::Convention => t!("kind-convention"),
        Kind::Service => t!("kind-service"),
        Kind::Page => t!("kind-page"),
        Kind::News => t!("kind-news"),
    }
}

/// The file's slug is not its file name: it was set with `slug = "..."`.
fn sets_slug(path: &str, slug: &str) -> bool {
    std::path::Path::new(path).file_stem().is_some_and(|stem| stem != slug)
}

/// Where a content file sets its slug: the value of its top-level `slug = "..."`, or the
/// opening `+++` when the slug is the file name.
fn slug_span(text: &str) -> std::ops::Range<usize> {
    let mut pos = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let t = line.trim();
        // Top-level keys come before the first table, and the front matter ends at `+++`.
        if i > 0 && (t == "+++" || t.starts_with('[')) {
            break;
        }
        if let Some(rest) = t.strip_prefix("slug").map(str::trim_start).and_then(|r| r.strip_prefix('=')) {
            let value = rest.trim();
            let start = pos + line.find(value).unwrap_or(0);
            return start..start + value.len();
        }
        pos += line.len();
    }
    0..3.min(text.len())
}

fn slugs<'a, T>(items: &'a [T], meta: impl Fn(&'a T) -> &'a Meta) -> Vec<&'a str> {
    items.iter().map(|i| meta(i).slug.as_str()).collect()
}

/// Check the published catalog; `hidden` holds the files left out of this build.
pub fn check(
    catalog: &Catalog,
    hidden: &Catalog,
    config: &Config,
    config_source: &Source,
    sources: &[(crate::input::load::Kind, Source)],
    vocab: &Vocabularies,
) -> Vec<Diagnostic> {
    let articles: HashMap<String, Vec<String>> = catalog.conventions.iter().map(|c| (c.meta.slug.clone(), c.articles.clone())).collect();
    let articles = &articles;
    let mut c = Checker { sources: sources.iter().map(|(_, s)| (s.path.to_str().unwrap_or(""), s)).collect(), errors: Vec::new(), failed: &catalog.failed };
    c.duplicates(Kind::Service, "servizi", catalog.services.iter().chain(&hidden.services).map(|s| &s.meta));
    c.duplicates(Kind::Tariff, "tariffe", catalog.tariffs.iter().chain(&hidden.tariffs).map(|s| &s.meta));
    c.duplicates(Kind::Convention, "convenzioni", catalog.conventions.iter().chain(&hidden.conventions).map(|s| &s.meta));
    c.duplicates(Kind::Form, "moduli", catalog.forms.iter().chain(&hidden.forms).map(|s| &s.meta));
    c.duplicates(Kind::Page, "pagine", catalog.pages.iter().chain(&hidden.pages).map(|s| &s.meta));
    c.duplicates(Kind::News, "notizie", catalog.news.iter().chain(&hidden.news).map(|s| &s.meta));
    for p in catalog.pages.iter().chain(&hidden.pages) {
        if RESERVED.contains(&p.meta.slug.as_str()) {
            c.errors.push(
                Diagnostic::file(&p.meta.source_path, t!("validate-reserved-page", slug = p.meta.slug.as_str())).with_help(t!("validate-reserved-page-help")),
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
                    let mut d =
                        c.at(&s.meta.source_path, a.span.clone(), t!("ref-no-article", convention = a.convention.as_str(), article = a.article.as_str()));
                    d = match did_you_mean(&a.article, known.iter().map(String::as_str)) {
                        Some(x) => d.with_help(t!("ref-article-did-you-mean", article = x)),
                        None => d.with_help(t!("ref-articles", list = known.iter().map(|k| format!("#{k}")).collect::<Vec<_>>().join(", "))),
                    };
                    c.errors.push(d);
                }
            }
        }
    }
    for conv in &catalog.conventions {
        if let Some(r) = &conv.replaced_by {
            if r.slug == conv.meta.slug {
                c.errors.push(c.at(&conv.meta.source_path, r.span.clone(), t!("ref-replaces-itself")).with_help(t!("ref-replaces-itself-help")));
            } else {
                c.reference(&conv.meta, r, Kind::Convention, "sostituita_da", &conventions, &hidden_conventions);
            }
        }
    }

    footer_links(&mut c, catalog, config, config_source);
    membership_service(&mut c, catalog, config, config_source);
    filled_from_choice(&mut c, catalog, hidden);
    topics(&mut c, catalog, vocab);
    c.errors
}

/// A topic in neither vocabulary is a warning at the topic, with the closest terms (looked
/// for once per topic: a large catalog repeats its topics).
fn topics(c: &mut Checker, catalog: &Catalog, vocab: &Vocabularies) {
    let mut near: HashMap<String, String> = HashMap::new();
    let written = catalog.services.iter().map(|s| (&s.meta, &s.topics)).chain(catalog.news.iter().map(|n| (&n.meta, &n.topics)));
    for (meta, topics) in written {
        for topic in topics.iter().filter(|t| vocab.find(&t.label).is_none()) {
            let help = near.entry(topic.label.trim().to_lowercase()).or_insert_with(|| match vocab.closest(&topic.label, 3).as_slice() {
                [] => t!("topic-unknown-help"),
                close => t!("topic-unknown-near", near = close.iter().map(|t| format!("«{t}»")).collect::<Vec<_>>().join(", ")),
            });
            let d = c.at(&meta.source_path, topic.span.clone(), t!("topic-unknown", topic = topic.label.as_str()));
            c.errors.push(d.with_help(help.clone()).warning());
        }
    }
}

/// A form field's `servizio` must name a published service, and its `valore` a figure of
/// the Ente or an item of that service's tariff.
fn filled_from_choice(c: &mut Checker, catalog: &Catalog, hidden: &Catalog) {
    let services = slugs(&catalog.services, |s| &s.meta);
    let hidden_services = slugs(&hidden.services, |s| &s.meta);
    for form in &catalog.forms {
        for f in form.sections.iter().flat_map(|s| &s.fields) {
            let Some(r) = &f.service else { continue };
            if !c.reference(&form.meta, r, Kind::Service, "servizio", &services, &hidden_services) {
                continue;
            }
            let Some(v) = &f.value_from else { continue };
            let service = catalog.services.iter().find(|s| s.meta.slug == r.slug);
            let items: Vec<&str> = service
                .and_then(|s| s.tariff.as_ref())
                .and_then(|t| catalog.tariffs.iter().find(|d| d.meta.slug == t.slug))
                // An item of any of its price lists: a form outlives one year's prices.
                .map(|t| {
                    let mut ids: Vec<&str> = Vec::new();
                    for i in t.tariff.items.iter().chain(t.periods.iter().flat_map(|p| &p.tariff.items)) {
                        if !ids.contains(&i.id.as_str()) {
                            ids.push(&i.id);
                        }
                    }
                    ids
                })
                .unwrap_or_default();
            let figures = crate::pricing::Basis::ALL.map(|b| crate::pricing::describe::input_spec(b).name);
            if figures.contains(&v.slug.as_str()) || items.contains(&v.slug.as_str()) {
                continue;
            }
            let list: Vec<&str> = figures.iter().copied().chain(items).collect();
            let d = c.at(&form.meta.source_path, v.span.clone(), t!("form-value-unknown", value = v.slug.as_str(), service = r.slug.as_str()));
            c.errors.push(d.with_help(t!("form-value-unknown-help", list = list.join(", "))));
        }
    }
}

/// The footer links of vetrina.toml that are site paths must reach a page.
fn footer_links(c: &mut Checker, catalog: &Catalog, config: &Config, config_source: &Source) {
    let pages = slugs(&catalog.pages, |p| &p.meta);
    let f = &config.footer;
    let links =
        [("privacy", Some(&f.privacy)), ("note_legali", Some(&f.note_legali)), ("faq", Some(&f.faq)), ("piano_miglioramento", f.piano_miglioramento.as_ref())];
    for (key, link) in links.into_iter().filter_map(|(k, l)| Some((k, l?))) {
        let target = link.get_ref();
        if target.starts_with("https://") {
            continue;
        }
        let slug = target.trim_matches('/');
        // A page whose file has errors is reported there; its footer link is no second error.
        let failed = catalog.failed.iter().any(|(k, s)| *k == Kind::Page && s == slug);
        if !pages.contains(&slug) && !failed {
            c.errors.push(Diagnostic::at(config_source, link.span(), t!("validate-footer-link", key = key, target = target)).with_help(t!(
                "validate-footer-link-help",
                slug = slug,
                key = key
            )));
        }
    }
}

/// `servizio_adesione` of vetrina.toml must name a published service.
fn membership_service(c: &mut Checker, catalog: &Catalog, config: &Config, config_source: &Source) {
    let Some(slug) = &config.membership_service else { return };
    let services = slugs(&catalog.services, |s| &s.meta);
    let failed = catalog.failed.iter().any(|(k, s)| *k == Kind::Service && s == slug.get_ref());
    if services.contains(&slug.get_ref().as_str()) || failed {
        return;
    }
    let d = Diagnostic::at(config_source, slug.span(), t!("ref-unknown", kind = "service", slug = slug.get_ref().as_str()));
    c.errors.push(match did_you_mean(slug.get_ref(), services.iter().copied()) {
        Some(s) => d.with_help(t!("ref-did-you-mean", slug = s)),
        None => d.with_help(t!("ref-known", list = services.join(", "))),
    });
}
