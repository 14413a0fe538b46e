//! Stage 5: templates to HTML. Knows nothing about parsing: it receives the `Site` model
//! and the theme's templates, and hands each finished file of the site to the caller.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use walkdir::WalkDir;

use crate::diagnostics::{relative, Diagnostic, Source};
use crate::model::{AudienceFilter, Link, NewsCard, ServiceCard, Site};
use crate::output::OutputFile;
use crate::output::{size_label, xml_escape};
use crate::t;

/// The theme's templates, parsed and ready.
pub struct Theme {
    pub dir: PathBuf,
    /// The templates as written: their errors point at the editor's lines and columns.
    tera: tera::Tera,
    /// The same templates minified once, so pages need no minifying (`None` when a theme's
    /// template does not survive minification: then every page is minified instead).
    minified: Option<tera::Tera>,
    sources: Vec<Source>,
}

/// The tariffs, services and member Enti for the browser calculators.
pub const CALCULATOR_DATA: &str = "assets/data/calcolatore.json";

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "servizi.html",
    "servizio.html",
    "convenzioni.html",
    "convenzione.html",
    "moduli.html",
    "modulo.html",
    "notizie.html",
    "notizia.html",
    "pagina.html",
    "enti-aderenti.html",
    "note-legali.html",
    "404.html",
    "calcola.html",
    "argomenti.html",
    "argomento.html",
    "dati.html",
    "cerca.html",
];

impl Theme {
    /// Load `<theme>/templates/**/*.html`, reporting syntax errors with their position.
    pub fn load(dir: &Path, root: &Path) -> Result<Theme, Vec<Diagnostic>> {
        let templates_dir = dir.join("templates");
        // The theme and its templates must be in the site: a link could read any file of the machine.
        let is_link = |p: &Path| p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
        if let Some(link) = [dir, templates_dir.as_path()].into_iter().find(|p| is_link(p)) {
            return Err(vec![crate::input::assets::symlink_error(link, root)]);
        }
        if !templates_dir.is_dir() {
            return Err(vec![Diagnostic::file(relative(&templates_dir, root), t!("template-no-folder")).with_help(t!("template-no-folder-help"))]);
        }
        let (sources, mut errors) = read_templates(&templates_dir, root);
        let mut tera = tera::Tera::new();
        // Check templates one by one so every syntax error is reported, then add them all
        // together (a child template needs its parent).
        for (name, source) in &sources {
            let mut single = tera::Tera::new();
            if let Err(e) = single.add_raw_template(name, &source.text) {
                if let Some(d) = syntax_error(&e, source) {
                    errors.push(d);
                }
            }
        }
        if errors.is_empty() {
            if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.text.as_ref()))) {
                errors.push(template_error(&e, &sources.iter().map(|(n, s)| (n.clone(), s.clone())).collect::<Vec<_>>(), dir, root));
            }
        }
        for required in REQUIRED_TEMPLATES {
            if !sources.iter().any(|(n, _)| n == required) {
                errors.push(Diagnostic::file(relative(&templates_dir, root), t!("template-missing", name = *required)).with_help(t!("template-missing-help")));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let minified = minify_templates(&sources);
        Ok(Theme { dir: dir.to_path_buf(), tera, minified, sources: sources.into_iter().map(|(_, s)| s).collect() })
    }

    /// False when a template did not survive minifying: every page is then minified instead
    /// (same output, slower).
    pub fn minified_once(&self) -> bool {
        self.minified.is_some()
    }

    fn source_of(&self, template: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.path.to_string_lossy().replace('\\', "/").ends_with(&format!("templates/{template}")))
    }
}

/// Minify the HTML templates once, keeping the `{{ }}` and `{% %}` syntax, instead of
/// minifying every page made from them: the output of thousands of pages then needs no
/// minifying (a millisecond a page, most of the rendering time). What the templates insert
/// (Markdown HTML, JSON-LD) is already compact.
fn minify_templates(sources: &[(String, Source)]) -> Option<tera::Tera> {
    let mut cfg = minify_config();
    cfg.preserve_brace_template_syntax = true;
    let minified: Vec<(String, String)> = sources
        .iter()
        .map(|(name, s)| {
            if !name.ends_with(".html") {
                return Some((name.clone(), s.text.to_string()));
            }
            // A tag whose name is made by the template cannot be minified: keep that one as written.
            let Some((protected, kept)) = protect_tag_logic(&s.text) else { return Some((name.clone(), s.text.to_string())) };
            let mut text = String::from_utf8(minify_html::minify(protected.as_bytes(), &cfg)).ok()?;
            for (i, original) in kept.iter().enumerate() {
                let placeholder = format!("{PLACEHOLDER}{i}");
                if !text.contains(&placeholder) {
                    return None;
                }
                text = text.replacen(&placeholder, original, 1);
            }
            Some((name.clone(), text))
        })
        .collect::<Option<_>>()?;
    let mut tera = tera::Tera::new();
    tera.add_raw_templates(minified.iter().map(|(n, t)| (n.as_str(), t.as_str()))).ok()?;
    Some(tera)
}

const PLACEHOLDER: &str = "data-vetrina-template-";

/// The minifier keeps `{{ }}` and `{% %}` in text and attribute values, but not between a
/// tag's attributes (`<a href="x"{% if y %} aria-current="page"{% endif %}>`) nor in a value
/// that holds its own quote: from the first such place on, the rest of the start tag is set
/// aside for a placeholder attribute, to be put back after minifying. Returns the text and
/// what was set aside, or nothing when a tag's name is itself made by the template.
fn protect_tag_logic(text: &str) -> Option<(String, Vec<String>)> {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut kept = Vec::new();
    let (mut i, mut copied) = (0, 0);
    // The end of a `{{ }}`, `{% %}` or `{# #}` starting at `at`.
    let template_end = |at: usize| -> Option<usize> {
        let close = match b.get(at + 1)? {
            b'{' => "}}",
            b'%' => "%}",
            b'#' => "#}",
            _ => return None,
        };
        text[at + 2..].find(close).map(|e| at + 2 + e + 2)
    };
    while i < b.len() {
        if b[i] == b'{' {
            if let Some(end) = template_end(i) {
                i = end;
                continue;
            }
        }
        if b[i] == b'<' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            // Inside a start tag: find its end, and the first template tag between attributes.
            let (mut j, mut quote, mut first, mut attribute) = (i + 1, None::<u8>, None, i + 1);
            while j < b.len() {
                match (b[j], quote) {
                    (b'{', _) if template_end(j).is_some() => {
                        let end = template_end(j).unwrap_or(j + 1);
                        // Between attributes, or in a value it would end early (`"{{ x | f(a=" ") }}"`).
                        let breaks_value = quote.is_some_and(|q| b[j..end].contains(&q));
                        if attribute == i + 1 && quote.is_none() {
                            return None; // `<h{{ level }}>`: the tag's name itself
                        }
                        if first.is_none() && (quote.is_none() || breaks_value) {
                            first = Some(if breaks_value { attribute } else { j });
                        }
                        j = end;
                        continue;
                    }
                    (c, None) if c.is_ascii_whitespace() => attribute = j,
                    (b'"' | b'\'', None) => quote = Some(b[j]),
                    (c, Some(q)) if c == q => quote = None,
                    (b'>', None) => break,
                    _ => {}
                }
                j += 1;
            }
            if let Some(start) = first {
                out.push_str(&text[copied..start]);
                out.push_str(&format!(" {PLACEHOLDER}{}", kept.len()));
                kept.push(text[start..j].to_string());
                copied = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    Some((out, kept))
}

/// Every `.html` and `.xml` file under `templates/`, named by its path there. A link is an
/// error naming it, never followed.
fn read_templates(templates_dir: &Path, root: &Path) -> (Vec<(String, Source)>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for entry in WalkDir::new(templates_dir).follow_links(false).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if entry.path_is_symlink() {
            errors.push(crate::input::assets::symlink_error(entry.path(), root));
        } else if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html" || e == "xml") {
            let name = relative(entry.path(), templates_dir).to_string_lossy().replace('\\', "/");
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => sources.push((name, Source::new(relative(entry.path(), root), text))),
                Err(e) => errors.push(Diagnostic::file(relative(entry.path(), root), t!("template-unreadable", why = e.to_string()))),
            }
        }
    }
    (sources, errors)
}

/// A syntax error in one template (only errors with a position; others show up when
/// all templates are added together).
fn syntax_error(e: &tera::Error, source: &Source) -> Option<Diagnostic> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) => {
            Some(Diagnostic::at(source, r.span().range.clone(), t!("template-syntax", detail = r.message())).with_help(t!("template-syntax-help")))
        }
        _ => None,
    }
}

fn template_error(e: &tera::Error, sources: &[(String, Source)], dir: &Path, root: &Path) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => match sources.iter().find(|(n, _)| n == r.filename()) {
            Some((_, s)) => Diagnostic::at(s, r.span().range.clone(), t!("template-render", detail = r.message())),
            None => Diagnostic::file(relative(&dir.join("templates").join(r.filename()), root), t!("template-render", detail = r.message())),
        },
        _ => Diagnostic::file(relative(&dir.join("templates"), root), t!("template-render", detail = e.to_string())),
    }
}

/// Values every page sees as `site`.
#[derive(Debug, Serialize)]
struct SiteContext<'a> {
    name: &'a str,
    tagline: Option<&'a str>,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    lead_body: &'a crate::input::config::LeadBody,
    /// Footer links with the base path applied.
    footer: Footer,
    social: &'a [crate::input::config::Social],
    nav: Vec<NavLink>,
    /// Atom feeds, for `<link rel="alternate">`.
    feeds: Vec<Link>,
    /// The open-data page.
    open_data: String,
    /// Where the assets are: `<base>/assets/`.
    assets: String,
    /// Pages that are not in the main navigation, for the footer.
    pages: Vec<Link>,
    build_date: &'a str,
}

/// A main-navigation entry. `element` is its `data-element` for the AgID validator;
/// `section` is the URL prefix of the pages that belong to it (for `aria-current`).
#[derive(Debug, Serialize)]
struct NavLink {
    label: String,
    url: String,
    element: Option<&'static str>,
    #[serde(skip)]
    sections: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Footer {
    privacy: String,
    legal_notes: String,
    accessibility: String,
    faq: String,
    report_inefficiency: String,
}

/// One page to render: its output path, template and own variables.
struct PageJob<'a> {
    output: String,
    template: &'static str,
    title: String,
    description: String,
    /// The URL of the page (for canonical links and the active menu entry).
    url: String,
    breadcrumbs: Vec<Link>,
    updated: String,
    /// Puts the page's own variables into its context, when the page is rendered.
    vars: Fill<'a>,
    /// Structured data of the page; the first is the validator's `metatag` on service pages.
    jsonld: Vec<serde_json::Value>,
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
    let page_url = |n: usize| {
        if n == 1 {
            url.to_string()
        } else {
            format!("{url}pagina/{n}/")
        }
    };
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
            let output = if n == 1 { format!("{rel}index.html") } else { format!("{rel}pagina/{n}/index.html") };
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

/// Fills a page's context at render time: contexts are built in parallel, one page at a time,
/// straight from the views, and dropped when the page is done.
type Fill<'a> = Box<dyn Fn(&mut tera::Context) + Send + Sync + 'a>;

fn vars<'a>(f: impl Fn(&mut tera::Context) + Send + Sync + 'a) -> Fill<'a> {
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

fn jobs<'a>(site: &'a Site, data_files: &[OutputFile]) -> Vec<PageJob<'a>> {
    let u = &site.urls;
    let home = Link { label: "Home".into(), url: u.path("") };
    let crumbs = |items: &[(&str, String)]| -> Vec<Link> {
        std::iter::once(home.clone()).chain(items.iter().map(|(l, url)| Link { label: (*l).to_string(), url: url.clone() })).collect()
    };
    let mut jobs = Vec::new();
    jobs.push(PageJob {
        output: "index.html".into(),
        template: "index.html",
        title: site.config.name.clone(),
        description: site.config.description.clone(),
        url: u.path(""),
        breadcrumbs: Vec::new(),
        updated: site.build_date.clone(),
        vars: vars(move |c| {
            c.insert("featured", &site.services.iter().filter(|s| s.featured).map(ServiceCard::from).collect::<Vec<_>>());
            c.insert("levels", &site.levels);
            c.insert("news", &site.news.iter().take(3).map(NewsCard::from).collect::<Vec<_>>());
            c.insert("service_count", &site.services.len());
        }),
        jsonld: vec![crate::artifacts::jsonld::organization(site)],
    });
    let services_url = u.path("servizi/");
    // The catalog, whole or narrowed to one audience or one level, in pages of PAGE_SIZE.
    let catalog = |current: Option<&'a AudienceFilter>,
                   level: Option<&'static str>,
                   rel: &str,
                   url: &str,
                   title: &str,
                   description: String,
                   trail: Vec<Link>|
     -> Vec<PageJob<'a>> {
        let cards: Vec<(&'a crate::model::LevelGroup, &'a ServiceCard)> = site
            .levels
            .iter()
            .filter(|g| level.is_none_or(|l| l == g.slug))
            .flat_map(|g| g.services.iter().filter(move |s| current.is_none_or(|a| s.audiences.iter().any(|x| x.slug == a.slug))).map(move |s| (g, s)))
            .collect();
        let count = cards.len();
        let per_level = |slug: &str| cards.iter().filter(|(g, _)| g.slug == slug).count();
        paginate(count, rel, url)
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
                let all = services_url.clone();
                let pager = page.pager.clone();
                PageJob {
                    output: page.output,
                    template: "servizi.html",
                    title: page_title(title, &pager),
                    description: description.clone(),
                    url: page.url,
                    breadcrumbs: trail.clone(),
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
    };
    jobs.extend(catalog(
        None,
        None,
        "servizi/",
        &services_url,
        "Servizi",
        format!("Il catalogo dei servizi del {} per gli Enti aderenti.", site.config.name),
        crumbs(&[("Servizi", services_url.clone())]),
    ));
    for g in &site.levels {
        jobs.extend(catalog(
            None,
            Some(g.slug),
            &format!("livelli/{}/", g.slug),
            &g.url,
            g.label,
            format!("I servizi di livello {} del {}.", g.slug, site.config.name),
            crumbs(&[("Servizi", services_url.clone()), (g.label, g.url.clone())]),
        ));
    }
    let topics_url = u.path("argomenti/");
    jobs.push(PageJob {
        output: "argomenti/index.html".into(),
        template: "argomenti.html",
        title: "Argomenti".into(),
        description: format!("Tutti gli argomenti dei servizi e delle notizie del {}.", site.config.name),
        url: topics_url.clone(),
        breadcrumbs: crumbs(&[("Argomenti", topics_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| {
            let topics: Vec<serde_json::Value> =
                site.topics.iter().map(|t| serde_json::json!({ "label": t.label, "url": t.url, "services": t.services.len(), "news": t.news.len() })).collect();
            c.insert("topics", &topics);
        }),
        jsonld: Vec::new(),
    });
    for t in &site.topics {
        let trail = crumbs(&[("Argomenti", topics_url.clone()), (&t.label, t.url.clone())]);
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
    for a in &site.audiences {
        jobs.extend(catalog(
            Some(a),
            None,
            &format!("destinatari/{}/", a.slug),
            &a.url,
            &format!("Servizi per {}", a.label),
            format!("I servizi del {} rivolti a: {}.", site.config.name, a.label),
            crumbs(&[("Servizi", services_url.clone()), (a.label, a.url.clone())]),
        ));
    }
    for s in &site.services {
        jobs.push(PageJob {
            output: format!("servizi/{}/index.html", s.slug),
            template: "servizio.html",
            title: s.title.clone(),
            description: s.summary.clone(),
            url: s.url.clone(),
            breadcrumbs: crumbs(&[("Servizi", services_url.clone()), (s.level.label, s.level.url.clone()), (&s.title, s.url.clone())]),
            updated: s.updated.clone(),
            vars: vars(move |c| c.insert("service", s)),
            jsonld: vec![crate::artifacts::jsonld::service(site, s)],
        });
    }
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
    jobs.push(PageJob {
        output: "dati/index.html".into(),
        template: "dati.html",
        title: "Dati aperti".into(),
        description: format!("Il catalogo dei servizi e delle tariffe del {} in formato aperto, con licenza CC BY 4.0.", site.config.name),
        url: data_url.clone(),
        breadcrumbs: crumbs(&[("Dati aperti", data_url.clone())]),
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
    });
    let search_url = u.path("cerca/");
    jobs.push(PageJob {
        output: "cerca/index.html".into(),
        template: "cerca.html",
        title: "Cerca nel sito".into(),
        description: format!("Cerca tra i servizi, le convenzioni, i moduli, le notizie e le pagine del {}.", site.config.name),
        url: search_url.clone(),
        breadcrumbs: crumbs(&[("Cerca", search_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| {
            c.insert("levels", &site.levels);
            c.insert("audiences", &site.audiences);
        }),
        jsonld: Vec::new(),
    });
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
    jobs.push(PageJob {
        output: "calcola/index.html".into(),
        template: "calcola.html",
        title: "Calcola i costi per il tuo Ente".into(),
        description: "Il calcolatore dei costi dei servizi del centro servizi per un Ente: una tantum, annuali, IVA e totale sugli anni della convenzione."
            .into(),
        url: calc_url.clone(),
        breadcrumbs: crumbs(&[("Calcola i costi", calc_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| {
            c.insert("services", &priced);
            c.insert("all_inputs", &all_inputs);
        }),
        jsonld: Vec::new(),
    });
    let conv_url = u.path("convenzioni/");
    jobs.push(PageJob {
        output: "convenzioni/index.html".into(),
        template: "convenzioni.html",
        title: "Convenzioni".into(),
        description: "Le convenzioni che regolano l'adesione degli Enti al centro servizi.".into(),
        url: conv_url.clone(),
        breadcrumbs: crumbs(&[("Convenzioni", conv_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| c.insert("conventions", &site.conventions)),
        jsonld: Vec::new(),
    });
    for c in &site.conventions {
        jobs.push(PageJob {
            output: format!("convenzioni/{}/index.html", c.slug),
            template: "convenzione.html",
            title: c.title.clone(),
            description: format!("{} – {}, valida dal {}.", c.title, c.approving_act, c.valid_from),
            url: c.url.clone(),
            breadcrumbs: crumbs(&[("Convenzioni", conv_url.clone()), (&c.title, c.url.clone())]),
            updated: c.updated.clone(),
            vars: vars(move |ctx| ctx.insert("convention", c)),
            jsonld: Vec::new(),
        });
    }
    let forms_url = u.path("moduli/");
    jobs.push(PageJob {
        output: "moduli/index.html".into(),
        template: "moduli.html",
        title: "Moduli".into(),
        description: "I moduli per richiedere e disdire i servizi.".into(),
        url: forms_url.clone(),
        breadcrumbs: crumbs(&[("Moduli", forms_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| c.insert("forms", &site.forms)),
        jsonld: Vec::new(),
    });
    for f in &site.forms {
        jobs.push(PageJob {
            output: format!("moduli/{}/index.html", f.slug),
            template: "modulo.html",
            title: f.title.clone(),
            description: f.description.clone(),
            url: f.url.clone(),
            breadcrumbs: crumbs(&[("Moduli", forms_url.clone()), (&f.title, f.url.clone())]),
            updated: f.updated.clone(),
            vars: vars(move |c| c.insert("form", f)),
            jsonld: Vec::new(),
        });
    }
    let news_url = u.path("notizie/");
    jobs.push(PageJob {
        output: "notizie/index.html".into(),
        template: "notizie.html",
        title: "Notizie".into(),
        description: format!("Notizie, eventi e webinar del {}.", site.config.name),
        url: news_url.clone(),
        breadcrumbs: crumbs(&[("Notizie", news_url.clone())]),
        updated: site.build_date.clone(),
        vars: vars(move |c| c.insert("news", &site.news.iter().map(NewsCard::from).collect::<Vec<_>>())),
        jsonld: Vec::new(),
    });
    for n in &site.news {
        jobs.push(PageJob {
            output: format!("notizie/{}/index.html", n.slug),
            template: "notizia.html",
            title: n.title.clone(),
            description: n.summary.clone(),
            url: n.url.clone(),
            breadcrumbs: crumbs(&[("Notizie", news_url.clone()), (&n.title, n.url.clone())]),
            updated: n.updated.clone(),
            vars: vars(move |c| c.insert("item", n)),
            jsonld: vec![crate::artifacts::jsonld::news(site, n)],
        });
    }
    for p in &site.pages {
        jobs.push(PageJob {
            output: format!("{}/index.html", p.slug),
            template: match p.template {
                "enti-aderenti" => "enti-aderenti.html",
                "note-legali" => "note-legali.html",
                _ => "pagina.html",
            },
            title: p.title.clone(),
            description: p.description.clone(),
            url: p.url.clone(),
            breadcrumbs: crumbs(&[(&p.title, p.url.clone())]),
            updated: p.updated.clone(),
            vars: vars(move |c| {
                c.insert("page", p);
                c.insert("enti", &site.enti);
            }),
            jsonld: Vec::new(),
        });
    }
    jobs.push(PageJob {
        output: "404.html".into(),
        template: "404.html",
        title: "Pagina non trovata".into(),
        description: "La pagina richiesta non esiste.".into(),
        url: u.path("404.html"),
        breadcrumbs: Vec::new(),
        updated: site.build_date.clone(),
        vars: vars(|_| {}),
        jsonld: Vec::new(),
    });
    jobs
}

fn site_context(site: &Site) -> SiteContext<'_> {
    let u = &site.urls;
    let f = &site.config.footer;
    let internal = |href: &str| crate::markdown::rewrite(href, &u.base);
    let entry = |label: &str, path: &str, element: Option<&'static str>, extra: &[&str]| NavLink {
        label: label.into(),
        url: u.path(path),
        element,
        sections: std::iter::once(path).chain(extra.iter().copied()).map(|p| u.path(p)).collect(),
    };
    let mut nav = vec![
        entry("Servizi", "servizi/", Some("all-services"), &["destinatari/"]),
        entry("Convenzioni", "convenzioni/", None, &[]),
        entry("Moduli", "moduli/", None, &[]),
    ];
    // The member list is a page the editors write (with `modello = "enti-aderenti"`).
    if let Some(p) = site.pages.iter().find(|p| p.template == "enti-aderenti") {
        nav.push(NavLink { label: p.title.clone(), url: p.url.clone(), element: None, sections: vec![p.url.clone()] });
    }
    nav.push(entry("Notizie", "notizie/", Some("news"), &[]));
    nav.push(entry("Calcola i costi", "calcola/", None, &[]));
    let footer = Footer {
        privacy: internal(f.privacy.get_ref()),
        legal_notes: internal(f.note_legali.get_ref()),
        accessibility: f.dichiarazione_accessibilita.get_ref().clone(),
        faq: internal(f.faq.get_ref()),
        report_inefficiency: internal(f.segnalazione_disservizio.get_ref()),
    };
    // Pages for the footer's list: not those already in the menu or the footer's own links.
    let pages = site
        .pages
        .iter()
        .filter(|p| !nav.iter().any(|n| n.url == p.url))
        .filter(|p| ![&footer.privacy, &footer.legal_notes, &footer.faq].contains(&&p.url))
        .map(|p| Link { label: p.title.clone(), url: p.url.clone() })
        .collect();
    SiteContext {
        name: &site.config.name,
        tagline: site.config.tagline.as_deref(),
        description: &site.config.description,
        base_url: &site.config.base_url,
        base_path: &u.base,
        language: &site.config.language,
        lead_body: &site.config.lead_body,
        footer,
        social: &site.config.social,
        open_data: u.path("dati/"),
        feeds: vec![
            Link { label: format!("Notizie – {}", site.config.name), url: u.path(crate::artifacts::feeds::NEWS) },
            Link { label: format!("Novità del catalogo – {}", site.config.name), url: u.path(crate::artifacts::feeds::CHANGES) },
        ],
        nav,
        assets: u.path("assets/"),
        pages,
        build_date: &site.build_date,
    }
}

/// How pages are rendered beyond the site itself.
#[derive(Default)]
pub struct RenderOptions<'c> {
    /// Reuse minified pages whose HTML did not change (dev server).
    pub cache: Option<&'c crate::incremental::Cache>,
    /// Add the dev server's live-reload script (an external file, so CSP-compatible).
    pub live_reload: bool,
}

/// The dev server's reload script, written into the output only in serve mode.
pub const LIVE_RELOAD_JS: &str = "__vetrina/livereload.js";

/// Where each finished file goes (the pipeline checks its links and writes it).
pub type Emit<'e> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'e;

/// Render every page in parallel, handing each to `emit` as soon as it is made, so the
/// site's HTML is never all in memory at once. Returns the errors.
pub fn render(site: &Site, theme: &Theme, root: &Path, options: &RenderOptions, emit: &Emit) -> Vec<Diagnostic> {
    let mut tera = theme.minified.as_ref().unwrap_or(&theme.tera).clone();
    let site_ctx = site_context(site);
    tera.global_context().insert("site", &site_ctx);
    let tera = tera;
    let data_files = crate::artifacts::opendata::files(site);
    let jobs = jobs(site, &data_files);
    let results: Vec<Result<String, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let mut ctx = tera::Context::new();
            ctx.insert("page_title", &job.title);
            ctx.insert("description", &job.description);
            ctx.insert("url", &job.url);
            ctx.insert(
                "canonical",
                &format!("{}{}", site.config.base_url.trim_end_matches('/'), job.url.strip_prefix(site.urls.base.trim_end_matches('/')).unwrap_or(&job.url)),
            );
            ctx.insert("breadcrumbs", &job.breadcrumbs);
            ctx.insert("updated", &job.updated);
            // The menu entry this page belongs to, for `aria-current`.
            let current = site_ctx.nav.iter().find(|n| n.sections.iter().any(|s| job.url.starts_with(s.as_str()))).map(|n| &n.url);
            ctx.insert("nav_current", &current);
            // Pages the search index holds mark their content with `data-pagefind-body`.
            ctx.insert("searchable", &crate::search::indexed(&job.output));
            (job.vars)(&mut ctx);
            let mut jsonld: Vec<String> = job.jsonld.iter().map(crate::artifacts::jsonld::to_script).collect();
            if !job.breadcrumbs.is_empty() {
                jsonld.push(crate::artifacts::jsonld::to_script(&crate::artifacts::jsonld::breadcrumbs(site, &job.breadcrumbs)));
            }
            ctx.insert("jsonld", &jsonld);
            // Only a service page carries the block the AgID validator reads.
            ctx.insert("metatag", &(job.template == "servizio.html"));
            let html = tera.render(job.template, &ctx).map_err(|e| {
                // Errors are reported from the templates as written, not the minified ones.
                let e = match theme.minified {
                    Some(_) => {
                        let mut original = theme.tera.clone();
                        original.global_context().insert("site", &site_ctx);
                        original.render(job.template, &ctx).err().unwrap_or(e)
                    }
                    None => e,
                };
                let mut d = match e.kind() {
                    tera::ErrorKind::RenderingError(r) | tera::ErrorKind::SyntaxError(r) => match theme.source_of(r.filename()) {
                        Some(s) => Diagnostic::at(s, r.span().range.clone(), t!("template-render", detail = r.message())),
                        None => Diagnostic::file(relative(&theme.dir.join("templates").join(r.filename()), root), t!("template-render", detail = r.message())),
                    },
                    _ => Diagnostic::file(relative(&theme.dir.join("templates").join(job.template), root), t!("template-render", detail = e.to_string())),
                };
                d.message = t!("template-while-rendering", message = d.message.as_str(), page = job.output.as_str());
                d.with_help(t!("template-render-help"))
            })?;
            let html = if options.live_reload {
                html.replacen("</body>", &format!("<script src=\"{}{LIVE_RELOAD_JS}\"></script></body>", site.urls.base), 1)
            } else {
                html
            };
            let bytes = match (options.cache, theme.minified.is_some()) {
                (Some(cache), true) => {
                    cache.record_page(&job.output, &html);
                    html.into_bytes()
                }
                (None, true) => html.into_bytes(),
                (Some(cache), false) => cache.minify(&job.output, &html, minify),
                (None, false) => minify(&html),
            };
            emit(OutputFile { path: job.output.clone(), bytes })?;
            Ok(job.output.clone())
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(path) => pages.push(path),
            Err(e) => errors.push(e),
        }
    }
    let mut files = Vec::new();
    if options.live_reload {
        files.push(OutputFile { path: LIVE_RELOAD_JS.into(), bytes: include_bytes!("serve/livereload.js").to_vec() });
    }
    files.push(OutputFile { path: "sitemap.xml".into(), bytes: sitemap(site, &pages).into_bytes() });
    files.extend(crate::artifacts::feeds::feeds(site));
    files.extend(data_files);
    files.push(OutputFile { path: CALCULATOR_DATA.into(), bytes: serde_json::to_vec(&site.calculator).unwrap_or_default() });
    files
        .push(OutputFile { path: "robots.txt".into(), bytes: format!("User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n", site.config.base_url).into_bytes() });
    for f in files {
        if let Err(e) = emit(f) {
            errors.push(e);
        }
    }
    errors
}

fn minify(html: &str) -> Vec<u8> {
    minify_html::minify(html.as_bytes(), &minify_config())
}

fn minify_config() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    // Keep the markup valid for the W3C checker and readable by every parser.
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_doctype = false;
    cfg.allow_noncompliant_unquoted_attribute_values = false;
    cfg.allow_removing_spaces_between_attributes = false;
    cfg.minify_css = false;
    // Bootstrap Italia styles `input[type=text]`: the attribute must stay.
    cfg.keep_input_type_text_attr = true;
    cfg.minify_js = false;
    cfg
}

fn sitemap(site: &Site, pages: &[String]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let base = site.config.base_url.trim_end_matches('/');
    for page in pages {
        if page == "404.html" {
            continue;
        }
        let loc = page.trim_end_matches("index.html");
        out.push_str(&format!("  <url><loc>{}/{}</loc></url>\n", base, xml_escape(loc)));
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod template_tests {
    use super::*;

    #[test]
    fn template_logic_between_attributes_survives_minifying() {
        let t = "<main id=\"m\" class=\"a {% if x %}b{% endif %}\"{% if s %} data-pagefind-body{% endif %}>\n  <p>{{ text }}</p>\n</main>";
        let (protected, kept) = protect_tag_logic(t).unwrap();
        assert_eq!(kept, vec!["{% if s %} data-pagefind-body{% endif %}"]);
        assert!(protect_tag_logic("<h{{ n }}>x</h{{ n }}>").is_none());
        let (_, kept) = protect_tag_logic("<a class=\"x\" href=\"tel:{{ t | replace(from=\" \", to=\"\") }}\">").unwrap();
        assert_eq!(kept, vec![" href=\"tel:{{ t | replace(from=\" \", to=\"\") }}\""]);
        assert!(protected.contains("class=\"a {% if x %}b{% endif %}\" data-vetrina-template-0>"));
        let source = Source::new(PathBuf::from("t.html"), t.to_string());
        let tera = minify_templates(&[("t.html".to_string(), source)]).expect("minified templates parse");
        let mut ctx = tera::Context::new();
        ctx.insert("x", &true);
        ctx.insert("s", &true);
        ctx.insert("text", "Ciao");
        let html = tera.render("t.html", &ctx).unwrap();
        assert!(html.contains("data-pagefind-body") && html.contains("class=\"a b\"") && html.contains("<p>Ciao</p>"), "{html}");
        assert!(!html.contains('\n'), "{html}");
    }
}
