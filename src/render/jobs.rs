//! The pages of the site, one job each: its output path, template, title, breadcrumbs and
//! the variables it adds to the context (filled in only when the page is rendered).

use serde::Serialize;

use crate::model::{AudienceFilter, Link, NewsCard, ServiceCard, Site};
use crate::output::{size_label, OutputFile};

use super::vars::Vars;

/// One page to render: its output path, template and own variables.
pub(super) struct PageJob<'a> {
    pub(super) output: String,
    pub(super) template: &'static str,
    pub(super) title: String,
    pub(super) description: String,
    /// The URL of the page (for canonical links and the active menu entry).
    pub(super) url: String,
    pub(super) breadcrumbs: Vec<Link>,
    pub(super) updated: String,
    /// Puts the page's own variables into its context, when the page is rendered.
    pub(super) vars: Fill<'a>,
    /// Structured data of the page; the first is the validator's `metatag` on service pages.
    pub(super) jsonld: Vec<serde_json::Value>,
}

/// Cards per page in the lists of services.
pub const PAGE_SIZE: usize = 24;

/// A page of a list and the links to the others.
#[derive(Debug, Clone, Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    /// A window of page numbers around the current one; `None` stands for a gap.
    pages: Vec<Option<PagerLink>>,
}

#[derive(Debug, Clone, Serialize)]
struct PagerLink {
    number: usize,
    url: String,
    current: bool,
}

struct ListPage {
    output: String,
    url: String,
    pager: Pager,
}

/// Split `count` items into pages: `<url>`, `<url>pagina/2/`, ...
fn paginate(count: usize, rel: &str, url: &str) -> Vec<(ListPage, std::ops::Range<usize>)> {
    let total = count.div_ceil(PAGE_SIZE).max(1);
    let page_url = |n: usize| crate::routes::list_page(rel, url, n).0;
    (1..=total)
        .map(|n| {
            let mut pages: Vec<Option<PagerLink>> = Vec::new();
            for k in 1..=total {
                if k == 1 || k == total || k.abs_diff(n) <= 2 {
                    pages.push(Some(PagerLink { number: k, url: page_url(k), current: k == n }));
                } else if pages.last().is_some_and(|p| p.is_some()) {
                    pages.push(None);
                }
            }
            let pager = Pager { current: n, total, prev: (n > 1).then(|| page_url(n - 1)), next: (n < total).then(|| page_url(n + 1)), pages };
            let output = crate::routes::list_page(rel, url, n).1;
            let range = (n - 1) * PAGE_SIZE..(n * PAGE_SIZE).min(count);
            (ListPage { output, url: page_url(n), pager }, range)
        })
        .collect()
}

fn page_title(title: &str, pager: &Pager) -> String {
    if pager.current > 1 {
        format!("{title} – pagina {} di {}", pager.current, pager.total)
    } else {
        title.to_string()
    }
}

/// Puts a page's own variables, straight from the views, into its context when it is rendered
/// or into its key (`vars`): contexts are built in parallel, one page at a time, and dropped
/// when the page is done.
type Fill<'a> = Box<dyn Fn(&mut Vars) + Send + Sync + 'a>;

fn vars<'a>(f: impl Fn(&mut Vars) + Send + Sync + 'a) -> Fill<'a> {
    Box::new(f)
}

/// A file offered for download, as listed on a page.
#[derive(Debug, Serialize)]
struct Download {
    label: String,
    url: String,
    format: &'static str,
    size: String,
}

/// Every page of the site, in a stable order.
pub(super) fn jobs<'a>(site: &'a Site, data_files: &[OutputFile]) -> Vec<PageJob<'a>> {
    let trail = Trail { home: Link { label: "Home".into(), url: site.urls.path("") } };
    let mut jobs = vec![home(site)];
    jobs.extend(catalogs(site, &trail));
    jobs.extend(topics(site, &trail));
    jobs.extend(audience_catalogs(site, &trail));
    jobs.extend(services(site, &trail));
    jobs.push(open_data(site, &trail, data_files));
    jobs.push(search(site, &trail));
    jobs.push(calculator(site, &trail));
    jobs.extend(conventions(site, &trail));
    jobs.extend(forms(site, &trail));
    jobs.extend(news(site, &trail));
    jobs.extend(pages(site, &trail));
    jobs.push(not_found(site));
    jobs
}

/// Breadcrumbs: Home, then the steps down to the page.
struct Trail {
    home: Link,
}

impl Trail {
    fn to(&self, items: &[(&str, String)]) -> Vec<Link> {
        std::iter::once(self.home.clone()).chain(items.iter().map(|(l, url)| Link { label: (*l).to_string(), url: url.clone() })).collect()
    }
}

fn home(site: &Site) -> PageJob<'_> {
    PageJob {
        output: site.urls.output(&site.urls.path("")),
        template: "index.html",
        title: site.config.name.clone(),
        description: site.config.description.clone(),
        url: site.urls.path(""),
        breadcrumbs: Vec::new(),
        updated: site.build_date.clone(),
        vars: vars(move |c| {
            c.insert("featured", &site.services.iter().filter(|s| s.featured).map(ServiceCard::from).collect::<Vec<_>>());
            c.insert("levels", &site.levels);
            c.insert("news", &site.news.iter().take(3).map(NewsCard::from).collect::<Vec<_>>());
            c.insert("service_count", &site.services.len());
        }),
        jsonld: vec![crate::artifacts::jsonld::organization(site)],
    }
}

/// The catalog, whole or narrowed to one audience or one level.
struct Listing<'a> {
    audience: Option<&'a AudienceFilter>,
    level: Option<&'static str>,
    rel: String,
    url: String,
    title: String,
    description: String,
    trail: Vec<Link>,
}

/// The whole catalog and one per level.
fn catalogs<'a>(site: &'a Site, trail: &Trail) -> Vec<PageJob<'a>> {
    let services_url = site.urls.path("servizi/");
    let mut jobs = catalog(
        site,
        Listing {
            audience: None,
            level: None,
            rel: "servizi/".into(),
            url: services_url.clone(),
            title: "Servizi".into(),
            description: format!("Il catalogo dei servizi del {} per gli Enti aderenti.", site.config.name),
            trail: trail.to(&[("Servizi", services_url.clone())]),
        },
    );
    for g in &site.levels {
        jobs.extend(catalog(
            site,
            Listing {
                audience: None,
                level: Some(g.slug),
                rel: format!("livelli/{}/", g.slug),
                url: g.url.clone(),
                title: g.label.into(),
                description: format!("I servizi di livello {} del {}.", g.slug, site.config.name),
                trail: trail.to(&[("Servizi", services_url.clone()), (g.label, g.url.clone())]),
            },
        ));
    }
    jobs
}

/// The catalog of each audience.
fn audience_catalogs<'a>(site: &'a Site, trail: &Trail) -> Vec<PageJob<'a>> {
    let services_url = site.urls.path("servizi/");
    let mut jobs = Vec::new();
    for a in &site.audiences {
        jobs.extend(catalog(
            site,
            Listing {
                audience: Some(a),
                level: None,
                rel: format!("destinatari/{}/", a.slug),
                url: a.url.clone(),
                title: format!("Servizi per {}", a.label),
                description: format!("I servizi del {} rivolti a: {}.", site.config.name, a.label),
                trail: trail.to(&[("Servizi", services_url.clone()), (a.label, a.url.clone())]),
            },
        ));
    }
    jobs
}

/// One listing in pages of `PAGE_SIZE`, its cards grouped by level.
fn catalog<'a>(site: &'a Site, l: Listing<'a>) -> Vec<PageJob<'a>> {
    let (current, level) = (l.audience, l.level);
    let cards: Vec<(&'a crate::model::LevelGroup, &'a ServiceCard)> = site
        .levels
        .iter()
        .filter(|g| level.is_none_or(|x| x == g.slug))
        .flat_map(|g| g.services.iter().filter(move |s| current.is_none_or(|a| s.audiences.iter().any(|x| x.slug == a.slug))).map(move |s| (g, s)))
        .collect();
    let count = cards.len();
    let per_level = |slug: &str| cards.iter().filter(|(g, _)| g.slug == slug).count();
    let all = site.urls.path("servizi/");
    paginate(count, &l.rel, &l.url)
        .into_iter()
        .map(|(page, range)| {
            let mut levels: Vec<crate::model::LevelGroup> = Vec::new();
            for (g, s) in &cards[range] {
                match levels.last_mut() {
                    Some(last) if last.slug == g.slug => last.services.push((*s).clone()),
                    _ => levels.push(crate::model::LevelGroup {
                        slug: g.slug,
                        label: g.label,
                        url: g.url.clone(),
                        count: per_level(g.slug),
                        services: vec![(*s).clone()],
                    }),
                }
            }
            let all = all.clone();
            let pager = page.pager.clone();
            PageJob {
                output: page.output,
                template: "servizi.html",
                title: page_title(&l.title, &pager),
                description: l.description.clone(),
                url: page.url,
                breadcrumbs: l.trail.clone(),
                updated: site.build_date.clone(),
                vars: vars(move |c| {
                    c.insert("levels", &levels);
                    c.insert("audiences", &site.audiences);
                    c.insert("current_audience", &current);
                    c.insert("current_level", &level);
                    c.insert("all_services_url", &all);
                    c.insert("count", &count);
                    c.insert("pager", &pager);
                }),
                jsonld: Vec::new(),
            }
        })
        .collect()
}

/// The topics index and each topic, paginated.
fn topics<'a>(site: &'a Site, trail: &Trail) -> Vec<PageJob<'a>> {
    let u = &site.urls;
    let mut jobs = Vec::new();
    let topics_url = u.path("argomenti/");
    jobs.push(PageJob {
        output: u.output(&u.path("argomenti/")),
        template: "argomenti.html",
        title: "Argomenti".into(),
        description: format!("Tutti gli argomenti dei servizi e delle notizie del {}.", site.config.name),
        url: topics_url.clone(),
        breadcrumbs: trail.to(&[("Argomenti", topics_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| {
            let topics: Vec<serde_json::Value> =
                site.topics.iter().map(|t| serde_json::json!({ "label": t.label, "url": t.url, "services": t.services.len(), "news": t.news.len() })).collect();
            c.insert("topics", &topics);
        }),
        jsonld: Vec::new(),
    });
    for t in &site.topics {
        let trail = trail.to(&[("Argomenti", topics_url.clone()), (&t.label, t.url.clone())]);
        for (page, range) in paginate(t.services.len(), &format!("argomenti/{}/", t.slug), &t.url) {
            let topic = crate::model::TopicView {
                slug: t.slug.clone(),
                label: t.label.clone(),
                url: t.url.clone(),
                services: t.services[range].to_vec(),
                // The latest news only: topics of a big catalog can hold hundreds.
                news: if page.pager.current == 1 { t.news.iter().take(12).cloned().collect() } else { Vec::new() },
            };
            let pager = page.pager.clone();
            jobs.push(PageJob {
                output: page.output,
                template: "argomento.html",
                title: page_title(&t.label, &pager),
                description: format!("Servizi e notizie del {} sull'argomento: {}.", site.config.name, t.label),
                url: page.url,
                breadcrumbs: trail.clone(),
                updated: site.build_date.clone(),
                vars: vars(move |c| {
                    c.insert("topic", &topic);
                    c.insert("pager", &pager);
                }),
                jsonld: Vec::new(),
            });
        }
    }
    jobs
}

/// Each service card.
fn services<'a>(site: &'a Site, trail: &Trail) -> Vec<PageJob<'a>> {
    let u = &site.urls;
    let mut jobs = Vec::new();
    for s in &site.services {
        jobs.push(PageJob {
            output: site.urls.output(&s.url),
            template: "servizio.html",
            title: s.title.clone(),
            description: s.summary.clone(),
            url: s.url.clone(),
            breadcrumbs: trail.to(&[("Servizi", u.path("servizi/")), (s.level.label, s.level.url.clone()), (&s.title, s.url.clone())]),
            updated: s.updated.clone(),
            vars: vars(move |c| c.insert("service", s)),
            jsonld: vec![crate::artifacts::jsonld::service(site, s)],
        });
    }
    jobs
}

/// The open-data page, with the size of each dataset.
fn open_data<'a>(site: &'a Site, trail: &Trail, data_files: &[OutputFile]) -> PageJob<'a> {
    let u = &site.urls;
    let data_url = u.path("dati/");
    let described = [
        (crate::artifacts::opendata::CSV, "Catalogo dei servizi e delle tariffe", "CSV"),
        (crate::artifacts::opendata::JSON, "Catalogo dei servizi e delle tariffe", "JSON"),
        (crate::artifacts::opendata::CPSV, "Servizi pubblici secondo CPSV-AP_IT", "JSON-LD"),
        (crate::artifacts::opendata::DCAT, "Descrizione dei dataset (DCAT-AP_IT)", "JSON-LD"),
    ];
    let downloads: Vec<Download> = described
        .iter()
        .filter_map(|(path, label, format)| {
            let f = data_files.iter().find(|f| f.path == *path)?;
            Some(Download { label: (*label).into(), url: u.path(path), format, size: size_label(f.bytes.len()) })
        })
        .collect();
    PageJob {
        output: u.output(&u.path("dati/")),
        template: "dati.html",
        title: "Dati aperti".into(),
        description: format!("Il catalogo dei servizi e delle tariffe del {} in formato aperto, con licenza CC BY 4.0.", site.config.name),
        url: data_url.clone(),
        breadcrumbs: trail.to(&[("Dati aperti", data_url.clone())]),
        updated: site.build_date.clone(),
        vars: {
            let feeds = [
                Link { label: "Notizie".into(), url: u.path(crate::artifacts::feeds::NEWS) },
                Link { label: "Novità del catalogo".into(), url: u.path(crate::artifacts::feeds::CHANGES) },
            ];
            vars(move |c| {
                c.insert("downloads", &downloads);
                c.insert("licence", crate::artifacts::opendata::LICENCE);
                c.insert("feeds", &feeds);
            })
        },
        jsonld: Vec::new(),
    }
}

/// The search page.
fn search<'a>(site: &'a Site, trail: &Trail) -> PageJob<'a> {
    let u = &site.urls;
    let search_url = u.path("cerca/");
    PageJob {
        output: u.output(&u.path("cerca/")),
        template: "cerca.html",
        title: "Cerca nel sito".into(),
        description: format!("Cerca tra i servizi, le convenzioni, i moduli, le notizie e le pagine del {}.", site.config.name),
        url: search_url.clone(),
        breadcrumbs: trail.to(&[("Cerca", search_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| {
            c.insert("levels", &site.levels);
            c.insert("audiences", &site.audiences);
        }),
        jsonld: Vec::new(),
    }
}

/// The site-wide calculator: each priced service with its optional items only.
fn calculator<'a>(site: &'a Site, trail: &Trail) -> PageJob<'a> {
    let u = &site.urls;
    let calc_url = u.path("calcola/");
    // The calculator lists each priced service with its optional items only.
    let priced: Vec<serde_json::Value> = site
        .services
        .iter()
        .filter_map(|s| {
            let t = s.tariff.as_ref()?;
            Some(serde_json::json!({ "slug": s.slug, "title": s.title, "tariff": { "options": t.options } }))
        })
        .collect();
    let all_inputs: Vec<_> = crate::pricing::Basis::ALL.iter().map(|b| crate::pricing::describe::input_spec(*b)).collect();
    let with_start = site.services.iter().any(|s| s.tariff.as_ref().is_some_and(|t| t.with_start));
    let forms: Vec<serde_json::Value> =
        site.forms.iter().filter(|f| f.filled_from_choice).map(|f| serde_json::json!({ "title": f.title, "url": f.url })).collect();
    PageJob {
        output: u.output(&u.path("calcola/")),
        template: "calcola.html",
        title: "Calcola i costi per il tuo Ente".into(),
        description: "Il calcolatore dei costi dei servizi del centro servizi per un Ente: una tantum, annuali, IVA e totale sugli anni della convenzione."
            .into(),
        url: calc_url.clone(),
        breadcrumbs: trail.to(&[("Calcola i costi", calc_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| {
            c.insert("services", &priced);
            c.insert("all_inputs", &all_inputs);
            c.insert("with_start", &with_start);
            c.insert("forms", &forms);
        }),
        jsonld: Vec::new(),
    }
}

/// The conventions list and each convention.
fn conventions<'a>(site: &'a Site, trail: &Trail) -> Vec<PageJob<'a>> {
    let u = &site.urls;
    let mut jobs = Vec::new();
    let conv_url = u.path("convenzioni/");
    jobs.push(PageJob {
        output: u.output(&u.path("convenzioni/")),
        template: "convenzioni.html",
        title: "Convenzioni".into(),
        description: "Le convenzioni che regolano l'adesione degli Enti al centro servizi.".into(),
        url: conv_url.clone(),
        breadcrumbs: trail.to(&[("Convenzioni", conv_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| c.insert("conventions", &site.conventions)),
        jsonld: Vec::new(),
    });
    for c in &site.conventions {
        jobs.push(PageJob {
            output: site.urls.output(&c.url),
            template: "convenzione.html",
            title: c.title.clone(),
            description: format!("{} – {}, valida dal {}.", c.title, c.approving_act, c.valid_from),
            url: c.url.clone(),
            breadcrumbs: trail.to(&[("Convenzioni", conv_url.clone()), (&c.title, c.url.clone())]),
            updated: c.updated.clone(),
            vars: vars(move |ctx| ctx.insert("convention", c)),
            jsonld: Vec::new(),
        });
    }
    for k in &site.comparisons {
        jobs.push(PageJob {
            output: site.urls.output(&k.url),
            template: "cosa-cambia.html",
            title: k.title.clone(),
            description: format!("{}: gli articoli aggiunti, eliminati e modificati, parola per parola.", k.title),
            url: k.url.clone(),
            breadcrumbs: trail.to(&[("Convenzioni", conv_url.clone()), (&k.new.label, k.new.url.clone()), ("Cosa cambia", k.url.clone())]),
            updated: k.updated.clone(),
            vars: vars(move |ctx| ctx.insert("comparison", k)),
            jsonld: Vec::new(),
        });
    }
    jobs
}

/// The forms list and each form.
fn forms<'a>(site: &'a Site, trail: &Trail) -> Vec<PageJob<'a>> {
    let u = &site.urls;
    let mut jobs = Vec::new();
    let forms_url = u.path("moduli/");
    jobs.push(PageJob {
        output: u.output(&u.path("moduli/")),
        template: "moduli.html",
        title: "Moduli".into(),
        description: "I moduli per richiedere e disdire i servizi.".into(),
        url: forms_url.clone(),
        breadcrumbs: trail.to(&[("Moduli", forms_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| c.insert("forms", &site.forms)),
        jsonld: Vec::new(),
    });
    for f in &site.forms {
        jobs.push(PageJob {
            output: site.urls.output(&f.url),
            template: "modulo.html",
            title: f.title.clone(),
            description: f.description.clone(),
            url: f.url.clone(),
            breadcrumbs: trail.to(&[("Moduli", forms_url.clone()), (&f.title, f.url.clone())]),
            updated: f.updated.clone(),
            vars: vars(move |c| c.insert("form", f)),
            jsonld: Vec::new(),
        });
    }
    jobs
}

/// The news list and each news item.
fn news<'a>(site: &'a Site, trail: &Trail) -> Vec<PageJob<'a>> {
    let u = &site.urls;
    let mut jobs = Vec::new();
    let news_url = u.path("notizie/");
    jobs.push(PageJob {
        output: u.output(&u.path("notizie/")),
        template: "notizie.html",
        title: "Notizie".into(),
        description: format!("Notizie, eventi e webinar del {}.", site.config.name),
        url: news_url.clone(),
        breadcrumbs: trail.to(&[("Notizie", news_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| c.insert("news", &site.news.iter().map(NewsCard::from).collect::<Vec<_>>())),
        jsonld: Vec::new(),
    });
    for n in &site.news {
        jobs.push(PageJob {
            output: site.urls.output(&n.url),
            template: "notizia.html",
            title: n.title.clone(),
            description: n.summary.clone(),
            url: n.url.clone(),
            breadcrumbs: trail.to(&[("Notizie", news_url.clone()), (&n.title, n.url.clone())]),
            updated: n.updated.clone(),
            vars: vars(move |c| c.insert("item", n)),
            jsonld: vec![crate::artifacts::jsonld::news(site, n)],
        });
    }
    jobs
}

/// The editors' own pages.
fn pages<'a>(site: &'a Site, trail: &Trail) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    for p in &site.pages {
        jobs.push(PageJob {
            output: site.urls.output(&p.url),
            template: match p.template {
                "enti-aderenti" => "enti-aderenti.html",
                "note-legali" => "note-legali.html",
                _ => "pagina.html",
            },
            title: p.title.clone(),
            description: p.description.clone(),
            url: p.url.clone(),
            breadcrumbs: trail.to(&[(&p.title, p.url.clone())]),
            updated: p.updated.clone(),
            vars: vars(move |c| {
                c.insert("page", p);
                c.insert("enti", &site.enti);
            }),
            jsonld: Vec::new(),
        });
    }
    jobs
}

/// The page served for a missing address.
fn not_found(site: &Site) -> PageJob<'_> {
    let u = &site.urls;
    PageJob {
        output: "404.html".into(),
        template: "404.html",
        title: "Pagina non trovata".into(),
        description: "La pagina richiesta non esiste.".into(),
        url: u.path("404.html"),
        breadcrumbs: Vec::new(),
        updated: site.build_date.clone(),
        vars: vars(|_| {}),
        jsonld: Vec::new(),
    }
}
