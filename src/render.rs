//! Stage 5: templates to HTML, in memory. Knows nothing about parsing: it receives the
//! `Site` model and the theme's templates, and returns the files of the site.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use walkdir::WalkDir;

use crate::diagnostics::{relative, Diagnostic, Source};
use crate::site::{AudienceFilter, Link, Site};

/// A file of the built site, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The theme's templates, parsed and ready.
pub struct Theme {
    pub dir: PathBuf,
    tera: tera::Tera,
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
        if !templates_dir.is_dir() {
            return Err(vec![Diagnostic::file(relative(&templates_dir, root), "the theme has no templates folder")
                .with_help("check `tema` in vetrina.toml; themes live in `themes/<name>/templates/`")]);
        }
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for entry in WalkDir::new(&templates_dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html" || e == "xml") {
                let name = relative(entry.path(), &templates_dir).to_string_lossy().replace('\\', "/");
                match std::fs::read_to_string(entry.path()) {
                    Ok(text) => sources.push((name, Source::new(relative(entry.path(), root), text))),
                    Err(e) => errors.push(Diagnostic::file(relative(entry.path(), root), format!("cannot read the template: {e}"))),
                }
            }
        }
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
                errors.push(
                    Diagnostic::file(relative(&templates_dir, root), format!("the theme lacks the template `{required}`"))
                        .with_help("copy it from themes/agid/templates/"),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Theme { dir: dir.to_path_buf(), tera, sources: sources.into_iter().map(|(_, s)| s).collect() })
    }

    fn source_of(&self, template: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.path.to_string_lossy().replace('\\', "/").ends_with(&format!("templates/{template}")))
    }
}

/// A syntax error in one template (only errors with a position; others show up when
/// all templates are added together).
fn syntax_error(e: &tera::Error, source: &Source) -> Option<Diagnostic> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) => Some(
            Diagnostic::at(source, r.span().range.clone(), format!("template syntax: {}", r.message()))
                .with_help("see the Tera 2 syntax: {{ value }}, {% if %}…{% endif %}, {% for x in list %}…{% endfor %}"),
        ),
        _ => None,
    }
}

fn template_error(e: &tera::Error, sources: &[(String, Source)], dir: &Path, root: &Path) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            match sources.iter().find(|(n, _)| n == r.filename()) {
                Some((_, s)) => Diagnostic::at(s, r.span().range.clone(), r.message().to_string()),
                None => Diagnostic::file(relative(&dir.join("templates").join(r.filename()), root), r.message().to_string()),
            }
        }
        _ => Diagnostic::file(relative(&dir.join("templates"), root), e.to_string()),
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
    lead_body: &'a crate::config::LeadBody,
    /// Footer links with the base path applied.
    footer: Footer,
    social: &'a [crate::config::Social],
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
struct PageJob {
    output: String,
    template: &'static str,
    title: String,
    description: String,
    /// The URL of the page (for canonical links and the active menu entry).
    url: String,
    breadcrumbs: Vec<Link>,
    updated: String,
    vars: Vec<(&'static str, serde_json::Value)>,
    /// Structured data of the page; the first is the validator's `metatag` on service pages.
    jsonld: Vec<serde_json::Value>,
}

fn json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// A file offered for download, as listed on a page.
#[derive(Debug, Serialize)]
struct Download {
    label: String,
    url: String,
    format: &'static str,
    size: String,
}

fn size_label(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} byte")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn jobs(site: &Site, data_files: &[OutputFile]) -> Vec<PageJob> {
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
        vars: vec![
            ("featured", json(&site.services.iter().filter(|s| s.featured).collect::<Vec<_>>())),
            ("levels", json(&site.levels)),
            ("news", json(&site.news.iter().take(3).collect::<Vec<_>>())),
            ("service_count", json(&site.services.len())),
        ],
        jsonld: vec![crate::jsonld::organization(site)],
    });
    let services_url = u.path("servizi/");
    // The catalog, whole or narrowed to one audience or one level.
    let catalog = |current: Option<&AudienceFilter>, level: Option<&str>| -> Vec<(&'static str, serde_json::Value)> {
        let levels: Vec<crate::site::LevelGroup> = site
            .levels
            .iter()
            .filter(|g| level.is_none_or(|l| l == g.slug))
            .map(|g| crate::site::LevelGroup {
                slug: g.slug,
                label: g.label,
                url: g.url.clone(),
                services: g
                    .services
                    .iter()
                    .filter(|s| current.is_none_or(|a| s.audiences.iter().any(|x| x.slug == a.slug)))
                    .cloned()
                    .collect(),
            })
            .filter(|g| !g.services.is_empty())
            .collect();
        let count: usize = levels.iter().map(|g| g.services.len()).sum();
        vec![
            ("levels", json(&levels)),
            ("audiences", json(&site.audiences)),
            ("current_audience", json(&current)),
            ("current_level", json(&level)),
            ("all_services_url", json(&services_url)),
            ("count", json(&count)),
        ]
    };
    jobs.push(PageJob {
        output: "servizi/index.html".into(),
        template: "servizi.html",
        title: "Servizi".into(),
        description: format!("Il catalogo dei servizi del {} per gli Enti aderenti.", site.config.name),
        url: services_url.clone(),
        breadcrumbs: crumbs(&[("Servizi", services_url.clone())]),
        updated: site.build_date.clone(),
        vars: catalog(None, None),
        jsonld: Vec::new(),
    });
    for g in &site.levels {
        jobs.push(PageJob {
            output: format!("livelli/{}/index.html", g.slug),
            template: "servizi.html",
            title: g.label.to_string(),
            description: format!("I servizi di livello {} del {}.", g.slug, site.config.name),
            url: g.url.clone(),
            breadcrumbs: crumbs(&[("Servizi", services_url.clone()), (g.label, g.url.clone())]),
            updated: site.build_date.clone(),
            vars: catalog(None, Some(g.slug)),
            jsonld: Vec::new(),
        });
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
        vars: vec![("topics", json(&site.topics))],
        jsonld: Vec::new(),
    });
    for t in &site.topics {
        jobs.push(PageJob {
            output: format!("argomenti/{}/index.html", t.slug),
            template: "argomento.html",
            title: t.label.clone(),
            description: format!("Servizi e notizie del {} sull'argomento: {}.", site.config.name, t.label),
            url: t.url.clone(),
            breadcrumbs: crumbs(&[("Argomenti", topics_url.clone()), (&t.label, t.url.clone())]),
            updated: site.build_date.clone(),
            vars: vec![("topic", json(t))],
            jsonld: Vec::new(),
        });
    }
    for a in &site.audiences {
        jobs.push(PageJob {
            output: format!("destinatari/{}/index.html", a.slug),
            template: "servizi.html",
            title: format!("Servizi per {}", a.label),
            description: format!("I servizi del {} rivolti a: {}.", site.config.name, a.label),
            url: a.url.clone(),
            breadcrumbs: crumbs(&[("Servizi", services_url.clone()), (a.label, a.url.clone())]),
            updated: site.build_date.clone(),
            vars: catalog(Some(a), None),
            jsonld: Vec::new(),
        });
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
            vars: vec![("service", json(s))],
            jsonld: vec![crate::jsonld::service(site, s)],
        });
    }
    let data_url = u.path("dati/");
    let described = [
        (crate::opendata::CSV, "Catalogo dei servizi e delle tariffe", "CSV"),
        (crate::opendata::JSON, "Catalogo dei servizi e delle tariffe", "JSON"),
        (crate::opendata::CPSV, "Servizi pubblici secondo CPSV-AP_IT", "JSON-LD"),
        (crate::opendata::DCAT, "Descrizione dei dataset (DCAT-AP_IT)", "JSON-LD"),
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
        vars: vec![("downloads", json(&downloads)), ("licence", json(&crate::opendata::LICENCE)), ("feeds", json(&[
            Link { label: "Notizie".into(), url: u.path(crate::feeds::NEWS) },
            Link { label: "Novità del catalogo".into(), url: u.path(crate::feeds::CHANGES) },
        ]))],
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
        vars: vec![("levels", json(&site.levels)), ("audiences", json(&site.audiences))],
        jsonld: Vec::new(),
    });
    let calc_url = u.path("calcola/");
    let priced: Vec<&crate::site::ServiceView> = site.services.iter().filter(|s| s.tariff.is_some()).collect();
    let all_inputs: Vec<_> = crate::pricing::Basis::ALL.iter().map(|b| crate::pricing::describe::input_spec(*b)).collect();
    jobs.push(PageJob {
        output: "calcola/index.html".into(),
        template: "calcola.html",
        title: "Calcola i costi per il tuo Ente".into(),
        description: "Il calcolatore dei costi dei servizi del centro servizi per un Ente: una tantum, annuali, IVA e totale sugli anni della convenzione.".into(),
        url: calc_url.clone(),
        breadcrumbs: crumbs(&[("Calcola i costi", calc_url.clone())]),
        updated: site.build_date.clone(),
        vars: vec![("services", json(&priced)), ("all_inputs", json(&all_inputs))],
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
        vars: vec![("conventions", json(&site.conventions))],
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
            vars: vec![("convention", json(c))],
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
        vars: vec![("forms", json(&site.forms))],
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
            vars: vec![("form", json(f))],
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
        vars: vec![("news", json(&site.news))],
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
            vars: vec![("item", json(n))],
            jsonld: vec![crate::jsonld::news(site, n)],
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
            vars: vec![("page", json(p)), ("enti", json(&site.enti))],
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
        vars: Vec::new(),
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
            Link { label: format!("Notizie – {}", site.config.name), url: u.path(crate::feeds::NEWS) },
            Link { label: format!("Novità del catalogo – {}", site.config.name), url: u.path(crate::feeds::CHANGES) },
        ],
        nav,
        assets: u.path("assets/"),
        pages,
        build_date: &site.build_date,
    }
}

/// Render every page in parallel. Errors name the template and its line.
pub fn render(site: &Site, theme: &Theme, root: &Path) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut tera = theme.tera.clone();
    let site_ctx = site_context(site);
    tera.global_context().insert("site", &site_ctx);
    let tera = tera;
    let data_files = crate::opendata::files(site);
    let jobs = jobs(site, &data_files);
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let mut ctx = tera::Context::new();
            ctx.insert("page_title", &job.title);
            ctx.insert("description", &job.description);
            ctx.insert("url", &job.url);
            ctx.insert("canonical", &format!("{}{}", site.config.base_url.trim_end_matches('/'), job.url.strip_prefix(site.urls.base.trim_end_matches('/')).unwrap_or(&job.url)));
            ctx.insert("breadcrumbs", &job.breadcrumbs);
            ctx.insert("updated", &job.updated);
            // The menu entry this page belongs to, for `aria-current`.
            let current = site_ctx.nav.iter().find(|n| n.sections.iter().any(|s| job.url.starts_with(s.as_str()))).map(|n| &n.url);
            ctx.insert("nav_current", &current);
            for (k, v) in &job.vars {
                ctx.insert(*k, v);
            }
            let mut jsonld: Vec<String> = job.jsonld.iter().map(crate::jsonld::to_script).collect();
            if !job.breadcrumbs.is_empty() {
                jsonld.push(crate::jsonld::to_script(&crate::jsonld::breadcrumbs(site, &job.breadcrumbs)));
            }
            ctx.insert("jsonld", &jsonld);
            // Only a service page carries the block the AgID validator reads.
            ctx.insert("metatag", &(job.template == "servizio.html"));
            let html = tera.render(job.template, &ctx).map_err(|e| {
                let mut d = match e.kind() {
                    tera::ErrorKind::RenderingError(r) | tera::ErrorKind::SyntaxError(r) => {
                        match theme.source_of(r.filename()) {
                            Some(s) => Diagnostic::at(s, r.span().range.clone(), format!("template: {}", r.message())),
                            None => Diagnostic::file(relative(&theme.dir.join("templates").join(r.filename()), root), r.message().to_string()),
                        }
                    }
                    _ => Diagnostic::file(relative(&theme.dir.join("templates").join(job.template), root), e.to_string()),
                };
                d.message = format!("{} (while rendering {})", d.message, job.output);
                d.with_help("the variable may be misspelt or not exist for this page; see themes/agid/README.md for what each template receives")
            })?;
            Ok(OutputFile { path: job.output.clone(), bytes: minify(&html) })
        })
        .collect();
    let mut files = Vec::with_capacity(results.len() + 2);
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    files.push(OutputFile { path: "sitemap.xml".into(), bytes: sitemap(site, &files).into_bytes() });
    files.extend(crate::feeds::feeds(site));
    files.extend(data_files);
    files.push(OutputFile {
        path: CALCULATOR_DATA.into(),
        bytes: serde_json::to_vec(&site.calculator).unwrap_or_default(),
    });
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: format!("User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n", site.config.base_url).into_bytes(),
    });
    (files, errors)
}

fn minify(html: &str) -> Vec<u8> {
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
    minify_html::minify(html.as_bytes(), &cfg)
}

fn sitemap(site: &Site, files: &[OutputFile]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let base = site.config.base_url.trim_end_matches('/');
    for f in files {
        if f.path == "404.html" {
            continue;
        }
        let loc = f.path.trim_end_matches("index.html");
        out.push_str(&format!("  <url><loc>{}/{}</loc></url>\n", base, xml_escape(loc)));
    }
    out.push_str("</urlset>\n");
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
