//! Stage 3: the site model. From the parsed catalog it keeps what is published, gives
//! everything its URL, renders the Markdown and prepares plain, pre-formatted views for the
//! templates. Templates only place these values; they compute nothing.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use crate::content::Catalog;
use crate::diagnostics::{Diagnostic, Source};
use crate::domain::{
    Audience, Convention, ConventionStatus, Ente, FieldType, Form, FormKind, Level, Meta, News, Page, PageTemplate, SectionKind, ServiceStatus, TariffDoc,
    Topic,
};
use crate::input::config::Config;
use crate::input::gitdates::GitDates;
use crate::markdown::{self, Heading};
use crate::pricing::describe;
use crate::pricing::money::group_thousands;
use crate::t;
use crate::vocabulary::Vocabularies;

mod comparisons;
mod services;
mod views;
pub use views::*;

/// What decides which content is published.
#[derive(Debug, Clone, Copy)]
pub struct Publication {
    pub drafts: bool,
    pub today: Date,
}

impl Publication {
    pub fn shows(&self, meta: &Meta) -> bool {
        if meta.draft && !self.drafts {
            return false;
        }
        if meta.publish_from.is_some_and(|d| d > self.today) {
            return false;
        }
        meta.expires_on.is_none_or(|d| d > self.today)
    }
}

const MONTHS: [&str; 12] = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];

/// `23/11/2026`.
pub fn date_short(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// `23 novembre 2026`.
pub fn date_long(d: Date) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month() as usize - 1], d.year())
}

pub use crate::routes::Urls;

/// A link written in Markdown, kept with its source position so the link checker can
/// report a broken one at `file:line:col`.
#[derive(Debug, Clone)]
pub struct ContentLink {
    /// Output path of the page it appears on (e.g. `servizi/rao/index.html`).
    pub page: String,
    pub href: String,
    pub source: Source,
    pub span: std::ops::Range<usize>,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub urls: Urls,
    pub services: Vec<ServiceView>,
    pub conventions: Vec<ConventionView>,
    /// Each convention that replaces another, compared with it.
    pub comparisons: Vec<ComparisonView>,
    pub forms: Vec<FormView>,
    pub pages: Vec<PageView>,
    pub news: Vec<NewsView>,
    pub enti: Vec<EnteView>,
    pub levels: Vec<LevelGroup>,
    pub audiences: Vec<AudienceFilter>,
    pub topics: Vec<TopicView>,
    /// What changed in the catalog, newest first.
    pub changes: Vec<Change>,
    /// The date the build treats as today.
    pub today: Date,
    pub content_links: Vec<ContentLink>,
    /// Article anchors of each convention, for the cross-reference check.
    pub articles: HashMap<String, Vec<String>>,
    pub calculator: CalculatorData,
    pub build_date: String,
}

impl Site {
    /// The absolute URL of a site path (which already carries the base path): `/cst/x/` →
    /// `https://example.org/cst/x/`.
    pub fn absolute(&self, path: &str) -> String {
        let base = self.config.base_url.trim_end_matches('/');
        let origin_end = base.find("://").map(|i| i + 3).and_then(|i| base[i..].find('/').map(|j| i + j)).unwrap_or(base.len());
        format!("{}{}", &base[..origin_end], path)
    }
}

/// Keep only what is published; the rest is returned so references to it can be explained.
pub fn select(catalog: Catalog, publication: Publication) -> (Catalog, Catalog) {
    fn split<T>(items: Vec<T>, keep: impl Fn(&T) -> bool) -> (Vec<T>, Vec<T>) {
        items.into_iter().partition(keep)
    }
    let p = publication;
    let (services, hs) = split(catalog.services, |s| p.shows(&s.meta));
    let (mut tariffs, ht) = split(catalog.tariffs, |s| p.shows(&s.meta));
    // A tariff with dated price lists is shown and priced with the one in force today.
    for t in &mut tariffs {
        t.use_list_in_force(p.today);
    }
    let (conventions, hc) = split(catalog.conventions, |s| p.shows(&s.meta));
    let (forms, hf) = split(catalog.forms, |s| p.shows(&s.meta));
    let (pages, hp) = split(catalog.pages, |s| p.shows(&s.meta));
    let (news, hn) = split(catalog.news, |s| p.shows(&s.meta));
    (
        Catalog { services, tariffs, conventions, forms, pages, news, enti: catalog.enti, failed: catalog.failed },
        Catalog { services: hs, tariffs: ht, conventions: hc, forms: hf, pages: hp, news: hn, enti: Vec::new(), failed: Vec::new() },
    )
}

struct Builder<'a> {
    urls: Urls,
    sources: HashMap<&'a str, &'a Source>,
    git: &'a GitDates,
    root: &'a std::path::Path,
    errors: Vec<Diagnostic>,
    links: Vec<ContentLink>,
    /// The day the build treats as today: which price list is in force.
    today: Date,
}

impl Builder<'_> {
    /// Render Markdown found at `offset` in the file `path`, recording its links and problems.
    fn markdown(&mut self, path: &str, offset: usize, text: &str, page: &str) -> markdown::Rendered {
        let r = markdown::render(text, &self.urls.base, 2);
        self.record(path, offset, r, page)
    }

    /// Note the problems and links of Markdown rendered elsewhere (in parallel).
    fn record(&mut self, path: &str, offset: usize, r: markdown::Rendered, page: &str) -> markdown::Rendered {
        if let Some(source) = self.sources.get(path) {
            for p in &r.problems {
                let span = p.span.start + offset..p.span.end + offset;
                self.errors.push(Diagnostic::at(source, span, p.message.clone()).with_help(p.help.clone()));
            }
            for l in &r.links {
                self.links.push(ContentLink {
                    page: page.to_string(),
                    href: l.href.clone(),
                    source: (*source).clone(),
                    span: l.span.start + offset..l.span.end + offset,
                });
            }
        }
        r
    }

    fn updated(&self, meta: &Meta) -> String {
        self.updated_on(meta).map(date_short).unwrap_or_default()
    }

    fn updated_on(&self, meta: &Meta) -> Option<Date> {
        meta.updated.or_else(|| self.git.date_of(self.root, &meta.source_path))
    }
}

pub fn build(
    config: Config,
    catalog: &Catalog,
    sources: &[(crate::input::load::Kind, Source)],
    git: &GitDates,
    root: &std::path::Path,
    today: Date,
    vocab: &Vocabularies,
) -> (Site, Vec<Diagnostic>) {
    let urls = Urls { base: config.base_path.clone() };
    let mut b = Builder {
        urls: urls.clone(),
        sources: sources.iter().map(|(_, s)| (s.path.to_str().unwrap_or(""), s)).collect(),
        git,
        root,
        errors: Vec::new(),
        links: Vec::new(),
        today,
    };
    let by_slug = BySlug {
        tariffs: catalog.tariffs.iter().map(|t| (t.meta.slug.as_str(), t)).collect(),
        conventions: catalog.conventions.iter().map(|c| (c.meta.slug.as_str(), c)).collect(),
        forms: catalog.forms.iter().map(|f| (f.meta.slug.as_str(), f)).collect(),
    };
    // Conventions first: services link to their articles.
    let (mut conventions, articles) = conventions(&mut b, catalog, &by_slug);
    let comparisons = comparisons::views(catalog, &urls, &mut conventions, |m| b.updated_on(m));
    let mut services = services::views(&mut b, catalog, &by_slug);
    let forms = forms(&mut b, catalog, &services);
    let pages = pages(&mut b, catalog);
    let mut news = news(&mut b, catalog);
    vocabulary_labels(vocab, &mut services, &mut news);
    let topics = topics(&services, &news);
    let site = Site {
        levels: levels(&services, &urls),
        audiences: audiences(&services, &urls),
        changes: changes(catalog, &services, &urls, git, root),
        calculator: calculator(catalog, &by_slug, &urls, &config, &services),
        enti: catalog.enti.iter().map(ente_view).collect(),
        content_links: std::mem::take(&mut b.links),
        build_date: date_short(today),
        config,
        urls,
        services,
        conventions,
        comparisons,
        forms,
        pages,
        news,
        topics,
        today,
        articles,
    };
    (site, b.errors)
}

/// The files other files refer to, by slug.
struct BySlug<'c> {
    tariffs: HashMap<&'c str, &'c TariffDoc>,
    conventions: HashMap<&'c str, &'c Convention>,
    forms: HashMap<&'c str, &'c Form>,
}

/// The conventions, current first, and the article anchors of each.
fn conventions(b: &mut Builder, catalog: &Catalog, by_slug: &BySlug) -> (Vec<ConventionView>, HashMap<String, Vec<String>>) {
    let urls = b.urls.clone();
    let mut conventions: Vec<ConventionView> = Vec::new();
    let mut articles = HashMap::new();
    for c in &catalog.conventions {
        let page = urls.output(&urls.convention(&c.meta.slug));
        let r = b.markdown(&c.meta.source_path, c.body_offset, &c.markdown, &page);
        articles.insert(c.meta.slug.clone(), c.articles.clone());
        conventions.push(convention_view(c, &r.headings, r.html, &urls, &by_slug.conventions, b.updated(&c.meta)));
    }
    conventions.sort_by(|a, b| (!a.current, &a.title).cmp(&(!b.current, &b.title)));
    (conventions, articles)
}

/// The forms, with the services that use each.
fn forms(b: &mut Builder, catalog: &Catalog, services: &[ServiceView]) -> Vec<FormView> {
    let urls = b.urls.clone();
    let mut forms: Vec<FormView> = Vec::new();
    for f in &catalog.forms {
        let page = urls.output(&urls.form(&f.meta.slug));
        let r = b.markdown(&f.meta.source_path, f.body_offset, &f.markdown, &page);
        let users = services
            .iter()
            .filter(|s| s.forms.iter().any(|l| l.url == urls.form(&f.meta.slug)))
            .map(|s| Link { label: s.title.clone(), url: s.url.clone() })
            .collect();
        forms.push(form_view(f, r.html, users, &urls, b.updated(&f.meta)));
    }
    forms.sort_by(|a, b| a.title.cmp(&b.title));

    forms
}

/// The editors' pages, in their order.
fn pages(b: &mut Builder, catalog: &Catalog) -> Vec<PageView> {
    let urls = b.urls.clone();
    let mut pages: Vec<PageView> = Vec::new();
    let page_order: HashMap<&str, (i64, &str)> = catalog.pages.iter().map(|p| (p.meta.slug.as_str(), (p.order, p.title.as_str()))).collect();
    for p in &catalog.pages {
        let out = urls.output(&urls.page(&p.meta.slug));
        let r = b.markdown(&p.meta.source_path, p.body_offset, &p.markdown, &out);
        pages.push(page_view(p, r.html, &urls, b.updated(&p.meta)));
    }
    pages.sort_by_key(|p| page_order[p.slug.as_str()]);

    pages
}

/// The news, newest first.
fn news(b: &mut Builder, catalog: &Catalog) -> Vec<NewsView> {
    let urls = b.urls.clone();
    let mut news: Vec<(Date, NewsView)> = Vec::new();
    for n in &catalog.news {
        let out = urls.output(&urls.news(&n.meta.slug));
        let r = b.markdown(&n.meta.source_path, n.body_offset, &n.markdown, &out);
        news.push((n.date, news_view(n, r.html, &urls, b.updated(&n.meta))));
    }
    news.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.title.cmp(&b.1.title)));
    let news: Vec<NewsView> = news.into_iter().map(|(_, n)| n).collect();
    news
}

/// The services grouped by level, for the catalog and the home page.
fn levels(services: &[ServiceView], urls: &Urls) -> Vec<LevelGroup> {
    Level::ALL
        .iter()
        .map(|l| LevelGroup {
            slug: l.slug(),
            label: l.label(),
            url: urls.level(l.slug()),
            count: services.iter().filter(|s| s.level.slug == l.slug()).count(),
            services: services.iter().filter(|s| s.level.slug == l.slug()).map(ServiceCard::from).collect(),
        })
        .filter(|g| !g.services.is_empty())
        .collect()
}

/// The audiences that have services, with their counts.
fn audiences(services: &[ServiceView], urls: &Urls) -> Vec<AudienceFilter> {
    Audience::ALL
        .iter()
        .map(|a| AudienceFilter {
            slug: a.slug(),
            label: a.label(),
            url: urls.audience(a.slug()),
            count: services.iter().filter(|s| s.audiences.iter().any(|x| x.slug == a.slug())).count(),
        })
        .filter(|a| a.count > 0)
        .collect()
}

/// What the browser calculators need: priced services, tariffs and the member Enti.
fn calculator(catalog: &Catalog, by_slug: &BySlug, urls: &Urls, config: &Config, views: &[ServiceView]) -> CalculatorData {
    let tariffs = &by_slug.tariffs;
    let service = |s: &crate::domain::Service| {
        let t = s.tariff.as_ref().and_then(|t| tariffs.get(t.slug.as_str()))?;
        let contact = s.contacts.ask_at(&config.lead_body.email);
        Some(CalculatorService {
            slug: s.meta.slug.clone(),
            title: s.title.clone(),
            url: urls.service(&s.meta.slug),
            tariff: t.meta.slug.clone(),
            contact,
            validity: t.validity.clone(),
            payment_terms: t.payment_terms.clone(),
            convention: views.iter().find(|v| v.slug == s.meta.slug).and_then(|v| v.convention.clone()),
        })
    };
    let membership = config.membership_service.as_ref().and_then(|slug| catalog.services.iter().find(|s| &s.meta.slug == slug.get_ref()));
    CalculatorData {
        services: catalog.services.iter().filter_map(service).collect(),
        tariffs: catalog.tariffs.iter().map(|t| (t.meta.slug.clone(), t.tariff.clone())).collect(),
        periods: catalog.tariffs.iter().filter(|t| t.periods.len() > 1).map(|t| (t.meta.slug.clone(), t.periods.clone())).collect(),
        enti: catalog
            .enti
            .iter()
            .map(|e| CalculatorEnte {
                name: e.name.clone(),
                ente_type: e.ente_type,
                population: e.population.unwrap_or(0),
                workstations: e.workstations.unwrap_or(0),
                businesses: e.businesses.unwrap_or(0),
            })
            .collect(),
        membership: membership.map(|s| CalculatorLink { title: s.title.clone(), url: urls.service(&s.meta.slug) }),
        issuer: CalculatorIssuer {
            name: config.name.clone(),
            lines: config.lead_body.letterhead_lines(),
            body: config.lead_body.nome.clone(),
            tax_code: config.lead_body.codice_fiscale.clone(),
            pec: config.lead_body.pec.clone(),
        },
    }
}

/// A worked example past what a quote can show exactly, reported at the item's `nome` in
/// the tariff (when it can be found there) rather than shown as a wrong number.
fn too_large(b: &Builder, t: &TariffDoc, e: &crate::pricing::engine::TooLarge, ente: &str) -> Diagnostic {
    let max = crate::pricing::money::format_euro(crate::pricing::limits::MAX_RESULT);
    let item = e.item.as_ref().and_then(|id| t.tariff.items.iter().find(|i| &i.id == id));
    let message = match item {
        Some(i) => t!("example-too-large", ente = ente, item = i.name.as_str(), max = max.as_str()),
        None => t!("example-total-too-large", ente = ente, max = max.as_str()),
    };
    let help = t!("example-too-large-help", ente = ente);
    let Some(source) = b.sources.get(t.meta.source_path.as_str()) else {
        return Diagnostic::file(&t.meta.source_path, message).with_help(help);
    };
    let quoted = item.map(|i| format!("\"{}\"", i.name));
    let span = quoted.and_then(|q| source.text.find(&q).map(|at| at..at + q.len())).unwrap_or(0..3);
    Diagnostic::at(source, span, message).with_help(help)
}

/// The worked example is computed for the member Comune of median population, a real
/// case the reader can relate to; without member data, for a Comune of 5,000.
fn example_ente(enti: &[Ente]) -> Option<(String, crate::pricing::engine::Profile)> {
    use crate::pricing::engine::Profile;
    let mut comuni: Vec<&Ente> = enti.iter().filter(|e| e.ente_type == crate::pricing::EnteType::Comune && e.population.is_some()).collect();
    comuni.sort_by_key(|e| (e.population, e.name.clone()));
    let Some(e) = comuni.get(comuni.len() / 2) else {
        return Some(("un Comune di 5.000 abitanti".into(), Profile::comune(5000)));
    };
    let profile = Profile { workstations: e.workstations.unwrap_or(0), businesses: e.businesses.unwrap_or(0), ..Profile::comune(e.population.unwrap_or(0)) };
    let mut figures = vec![format!("{} abitanti", group_thousands(profile.population))];
    if let Some(w) = e.workstations {
        figures.push(format!("{} postazioni", group_thousands(w)));
    }
    if let Some(b) = e.businesses {
        figures.push(format!("{} imprese", group_thousands(b)));
    }
    Some((format!("{} ({})", e.name, figures.join(", ")), profile))
}

/// New services and conventions (first commit), changed tariffs (last commit after the
/// first) and new dated price lists (the tariff's last commit), newest first.
fn changes(catalog: &Catalog, services: &[ServiceView], urls: &Urls, git: &GitDates, root: &std::path::Path) -> Vec<Change> {
    let mut out = Vec::new();
    for s in services {
        let Some(src) = catalog.services.iter().find(|x| x.meta.slug == s.slug) else { continue };
        if let Some(date) = git.created(root, &src.meta.source_path) {
            out.push(Change { title: format!("Nuovo servizio: {}", s.title), summary: s.summary.clone(), url: s.url.clone(), date });
        }
    }
    for t in &catalog.tariffs {
        let (Some(created), Some(updated)) = (git.created(root, &t.meta.source_path), git.date_of(root, &t.meta.source_path)) else { continue };
        // A tariff's latest dated price list is announced as a new list, when it was written.
        let latest = t.periods.last().filter(|_| t.periods.len() > 1);
        if latest.is_none() && updated <= created {
            continue;
        }
        for s in services.iter().filter(|s| s.tariff.as_ref().is_some_and(|x| x.slug == t.meta.slug)) {
            let (title, summary) = match latest {
                Some(list) => (
                    format!("Nuovo listino dal {}: {}", date_short(list.from), s.title),
                    match &list.act {
                        Some(act) => format!("I prezzi di «{}» dal {}, approvati con {act}.", t.title, date_short(list.from)),
                        None => format!("I prezzi di «{}» dal {}.", t.title, date_short(list.from)),
                    },
                ),
                None => (format!("Tariffa aggiornata: {}", s.title), format!("Sono cambiati i prezzi di «{}».", t.title)),
            };
            out.push(Change { title, summary, url: format!("{}#quanto-costa", s.url), date: updated });
        }
    }
    for c in &catalog.conventions {
        if let Some(date) = git.created(root, &c.meta.source_path) {
            out.push(Change {
                title: format!("Nuova convenzione: {}", c.title),
                summary: format!("{}, approvata con {}.", c.title, c.approving_act),
                url: urls.convention(&c.meta.slug),
                date,
            });
        }
    }
    out.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    out
}

fn topic_link(topic: &Topic, urls: &Urls) -> Link {
    Link { label: topic.label.trim().to_string(), url: urls.topic(&markdown::slugify(&topic.label)) }
}

/// A topic the vocabularies have is shown as they write it ("anagrafe" is "Anagrafe"): the
/// AgID validator compares the labels exactly. Letter case does not change a topic's URL.
fn vocabulary_labels(vocab: &Vocabularies, services: &mut [ServiceView], news: &mut [NewsView]) {
    let links = services.iter_mut().flat_map(|s| s.topics.iter_mut()).chain(news.iter_mut().flat_map(|n| n.topics.iter_mut()));
    for link in links {
        link.label = vocab.label(&link.label);
    }
}

/// Group services and news by topic. Topics whose names give the same slug are one topic,
/// named as first written.
fn topics(services: &[ServiceView], news: &[NewsView]) -> Vec<TopicView> {
    let mut by_url: BTreeMap<String, TopicView> = BTreeMap::new();
    let mut entry = |link: &Link| -> String {
        by_url
            .entry(link.url.clone())
            .or_insert_with(|| TopicView {
                slug: link.url.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_string(),
                label: link.label.clone(),
                url: link.url.clone(),
                services: Vec::new(),
                news: Vec::new(),
            })
            .url
            .clone()
    };
    let mut pairs: Vec<(String, Option<usize>, Option<usize>)> = Vec::new();
    for (i, s) in services.iter().enumerate() {
        for t in &s.topics {
            pairs.push((entry(t), Some(i), None));
        }
    }
    for (i, n) in news.iter().enumerate() {
        for t in &n.topics {
            pairs.push((entry(t), None, Some(i)));
        }
    }
    for (url, s, n) in pairs {
        let topic = by_url.get_mut(&url).expect("inserted above");
        if let Some(i) = s {
            topic.services.push(ServiceCard::from(&services[i]));
        }
        if let Some(i) = n {
            topic.news.push(NewsCard::from(&news[i]));
        }
    }
    let mut topics: Vec<TopicView> = by_url.into_values().filter(|t| !t.slug.is_empty()).collect();
    topics.sort_by_key(|t| t.label.to_lowercase());
    topics
}

fn kebab(k: SectionKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn convention_view(c: &Convention, headings: &[Heading], html: String, urls: &Urls, all: &HashMap<&str, &Convention>, updated: String) -> ConventionView {
    // Versions: follow `sostituita_da` forwards and backwards from this convention.
    let mut chain: Vec<&Convention> = vec![c];
    let mut cur = c;
    while let Some(next) = cur.replaced_by.as_ref().and_then(|r| all.get(r.slug.as_str())) {
        if chain.iter().any(|x| x.meta.slug == next.meta.slug) {
            break;
        }
        chain.push(next);
        cur = next;
    }
    let mut cur = c;
    while let Some(prev) = all.values().find(|p| p.replaced_by.as_ref().is_some_and(|r| r.slug == cur.meta.slug)) {
        if chain.iter().any(|x| x.meta.slug == prev.meta.slug) {
            break;
        }
        chain.push(prev);
        cur = prev;
    }
    chain.sort_by_key(|c| std::cmp::Reverse(c.valid_from));
    let versions = if chain.len() > 1 {
        chain
            .iter()
            .map(|v| Link {
                label: format!("{} ({} – {})", v.title, date_short(v.valid_from), v.valid_to.map(date_short).unwrap_or_else(|| "in corso".into())),
                url: urls.convention(&v.meta.slug),
            })
            .collect()
    } else {
        Vec::new()
    };
    ConventionView {
        slug: c.meta.slug.clone(),
        url: urls.convention(&c.meta.slug),
        title: c.title.clone(),
        lead_body: c.lead_body.clone(),
        valid_from: date_short(c.valid_from),
        valid_to: c.valid_to.map(date_short),
        approving_act: c.approving_act.clone(),
        status: match c.status {
            ConventionStatus::Vigente => "Vigente",
            ConventionStatus::Scaduta => "Scaduta",
            ConventionStatus::Bozza => "Bozza",
        },
        current: c.status == ConventionStatus::Vigente,
        replaced_by: c.replaced_by.as_ref().and_then(|r| all.get(r.slug.as_str())).map(|n| Link { label: n.title.clone(), url: urls.convention(&n.meta.slug) }),
        versions,
        comparisons: Vec::new(),
        toc: headings.iter().filter(|h| h.level == 2).map(|h| Link { label: h.text.clone(), url: format!("#{}", h.id) }).collect(),
        html,
        updated,
        downloads: Vec::new(),
    }
}

fn form_view(f: &Form, html: String, services: Vec<Link>, urls: &Urls, updated: String) -> FormView {
    let sections = f
        .sections
        .iter()
        .map(|s| FormSectionView { title: s.title.clone(), description: s.description.clone(), fields: s.fields.iter().map(field_view).collect() })
        .collect();
    FormView {
        slug: f.meta.slug.clone(),
        url: urls.form(&f.meta.slug),
        title: f.title.clone(),
        kind: match f.kind {
            FormKind::Richiesta => "Modulo di richiesta",
            FormKind::Disdetta => "Modulo di disdetta",
            FormKind::Fabbisogni => "Scheda dei fabbisogni",
        },
        description: f.description.clone(),
        send_to_pec: f.send_to_pec.clone(),
        filled_from_choice: f.sections.iter().flat_map(|s| &s.fields).any(|f| f.service.is_some()),
        sections,
        declarations: f.declarations.clone(),
        signature: f.signature,
        html,
        services,
        updated,
        documents: Vec::new(),
    }
}

fn field_view(f: &crate::domain::Field) -> FieldView {
    use FieldType::*;
    // (control, pattern, inputmode, autocomplete, maxlength)
    let (control, pattern, inputmode, autocomplete, maxlength) = match f.field_type {
        Testo => ("text", None, None, None, None),
        TestoLungo => ("textarea", None, None, None, None),
        Email | Pec => ("email", None, None, Some("email"), None),
        Telefono => ("tel", None, Some("tel"), Some("tel"), None),
        Cap => ("text", Some("[0-9]{5}"), Some("numeric"), Some("postal-code"), Some(5)),
        CodiceFiscale => (
            "text",
            Some("[0-9]{11}|[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]"),
            None,
            None,
            Some(16),
        ),
        PartitaIva => ("text", Some("[0-9]{11}"), Some("numeric"), None, Some(11)),
        Data => ("date", None, None, None, None),
        Numero => ("number", None, Some("numeric"), None, None),
        Scelta => ("radio", None, None, None, None),
        Casella => ("checkbox", None, None, None, None),
        Cig => ("text", Some("[A-Za-z0-9]{10}"), None, None, Some(10)),
        CodiceUnivoco => ("text", Some("[A-Za-z0-9]{6}"), None, None, Some(6)),
        Elenco => ("table", None, None, None, None),
        Adesione => ("membership", None, None, None, None),
        OpzioneTariffa => ("tariff-option", None, None, None, None),
    };
    FieldView {
        name: f.name.clone(),
        id: format!("campo-{}", f.name.replace('_', "-")),
        label: f.label.clone(),
        control,
        pattern,
        inputmode,
        autocomplete,
        maxlength,
        required: f.required,
        kind: f.field_type,
        help: f.help.clone(),
        options: f.options.clone(),
        columns: f.columns.clone(),
        rows: (1..=f.rows).collect(),
        service: f.service.as_ref().map(|r| r.slug.clone()),
        value_from: f.value_from.as_ref().map(|r| r.slug.clone()),
        when_chosen: f.when_chosen.clone(),
        states: if f.field_type == FieldType::Adesione { &crate::domain::MEMBERSHIP_STATES } else { &[] },
        details: if f.field_type == FieldType::Adesione { &crate::domain::MEMBERSHIP_DETAILS } else { &[] },
    }
}

fn page_view(p: &Page, html: String, urls: &Urls, updated: String) -> PageView {
    PageView {
        slug: p.meta.slug.clone(),
        url: urls.page(&p.meta.slug),
        title: p.title.clone(),
        description: p.description.clone(),
        template: match p.template {
            PageTemplate::Pagina => "pagina",
            PageTemplate::EntiAderenti => "enti-aderenti",
            PageTemplate::NoteLegali => "note-legali",
        },
        html,
        updated,
    }
}

fn news_view(n: &News, html: String, urls: &Urls, updated: String) -> NewsView {
    NewsView {
        slug: n.meta.slug.clone(),
        url: urls.news(&n.meta.slug),
        title: n.title.clone(),
        date: date_long(n.date),
        date_iso: n.date.to_string(),
        summary: n.summary.clone(),
        topics: n.topics.iter().map(|t| topic_link(t, urls)).collect(),
        html,
        updated,
    }
}

fn ente_view(e: &Ente) -> EnteView {
    EnteView {
        name: e.name.clone(),
        kind: match e.ente_type {
            crate::pricing::EnteType::Comune => "Comune",
            crate::pricing::EnteType::Unione => "Unione di Comuni",
            crate::pricing::EnteType::ComunitaMontana => "Comunità montana",
            crate::pricing::EnteType::Altro => "Altro Ente",
        },
        province: e.province.clone(),
        population: e.population.map(group_thousands).unwrap_or_else(|| "—".into()),
        workstations: e.workstations.map(group_thousands).unwrap_or_else(|| "—".into()),
        businesses: e.businesses.map(group_thousands).unwrap_or_else(|| "—".into()),
        member_since: date_short(e.member_since),
        member_since_iso: e.member_since.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta {
        Meta { slug: "x".into(), source_path: "x.md".into(), draft: false, publish_from: None, expires_on: None, updated: None }
    }

    #[test]
    fn drafts_and_dates_decide_publication() {
        let today = Date::constant(2026, 11, 23);
        let p = Publication { drafts: false, today };
        assert!(p.shows(&meta()));
        assert!(!p.shows(&Meta { draft: true, ..meta() }));
        assert!(Publication { drafts: true, today }.shows(&Meta { draft: true, ..meta() }));
        assert!(!p.shows(&Meta { publish_from: Some(Date::constant(2026, 11, 24)), ..meta() }));
        assert!(p.shows(&Meta { publish_from: Some(today), ..meta() }));
        assert!(!p.shows(&Meta { expires_on: Some(today), ..meta() }));
        assert!(p.shows(&Meta { expires_on: Some(Date::constant(2026, 11, 24)), ..meta() }));
    }

    #[test]
    fn italian_dates() {
        let d = Date::constant(2026, 3, 5);
        assert_eq!(date_short(d), "05/03/2026");
        assert_eq!(date_long(d), "5 marzo 2026");
    }

    #[test]
    fn urls_carry_the_base_path() {
        let u = Urls { base: "/cst/".into() };
        assert_eq!(u.service("rao"), "/cst/servizi/rao/");
        assert_eq!(u.audience(Audience::Comuni.slug()), "/cst/destinatari/comuni/");
    }
}
