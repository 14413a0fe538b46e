//! Templates to HTML. Knows nothing about parsing: it receives the `Site` model and the
//! theme's templates (`input::theme`, read and parsed there), makes one job per page
//! (`jobs`), renders them in parallel and hands each finished file of the site to the caller.
//! With a cache, a page whose key (`vars`: everything its template receives, the templates
//! and the `site` values) is the one of the last build is handed over as that build made it.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{relative, Diagnostic};
use crate::incremental::Reuse;
use crate::model::{Link, Site};
use crate::output::{xml_escape, OutputFile};
use crate::t;
use vars::Vars;
use xxhash_rust::xxh3::Xxh3;

/// The tariffs, services and member Enti for the browser calculators.
pub const CALCULATOR_DATA: &str = "assets/data/calcolatore.json";

mod jobs;
mod vars;

pub use crate::input::theme::{Theme, REQUIRED_TEMPLATES};
use jobs::jobs;
pub use jobs::PAGE_SIZE;

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
    /// "Piano di miglioramento del sito", when `vetrina.toml` names one.
    improvement_plan: Option<String>,
    /// Where the rating's answers can be mailed: the inefficiency report's address when it
    /// is one, else the lead body's e-mail.
    feedback_mail: String,
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
        improvement_plan: f.piano_miglioramento.as_ref().map(|p| internal(p.get_ref())),
        feedback_mail: match f.segnalazione_disservizio.get_ref() {
            m if m.starts_with("mailto:") => m.clone(),
            _ => format!("mailto:{}", site.config.lead_body.email),
        },
    };
    // Pages for the footer's list: not those already in the menu or the footer's own links.
    let pages = site
        .pages
        .iter()
        .filter(|p| !nav.iter().any(|n| n.url == p.url))
        .filter(|p| ![Some(&footer.privacy), Some(&footer.legal_notes), Some(&footer.faq), footer.improvement_plan.as_ref()].contains(&Some(&p.url)))
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

/// A file of the site as `render` hands it over.
pub enum Made {
    File(OutputFile),
    /// A page whose variables and templates are those of the page at this path in the output
    /// (a serve session's): the file there is this build's page.
    Unchanged(String),
}

/// Where each finished file goes (the pipeline checks its links and writes it).
pub type Emit<'e> = dyn Fn(Made) -> Result<(), Diagnostic> + Sync + 'e;

/// Render every page in parallel, handing each to `emit` as soon as it is made, so the
/// site's HTML is never all in memory at once. With a cache, a page whose key (its
/// variables, the site's values and the templates) is the one it had in the last build is
/// taken from that build instead of rendered. Returns the errors.
pub fn render(site: &Site, theme: &Theme, root: &Path, options: &RenderOptions, emit: &Emit) -> Vec<Diagnostic> {
    let mut tera = theme.minified.as_ref().unwrap_or(&theme.tera).clone();
    let site_ctx = site_context(site);
    tera.global_context().insert("site", &site_ctx);
    let shared = options.cache.map(|_| shared_key(theme, &site_ctx, options.live_reload));
    let data_files = crate::artifacts::opendata::files(site);
    let jobs = jobs(site, &data_files);
    let renderer = Renderer { tera, site, theme, site_ctx, options, root };
    let results: Vec<Result<String, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let key = shared.as_ref().and_then(|h| page_key(h.clone(), site, &renderer.site_ctx, job));
            let reuse = options.cache.zip(key).and_then(|(cache, key)| cache.reuse_page(&job.output, key));
            match reuse {
                Some(Reuse::InOutput) => emit(Made::Unchanged(job.output.clone()))?,
                Some(Reuse::Bytes(bytes)) => emit(Made::File(OutputFile { path: job.output.clone(), bytes }))?,
                None => emit(Made::File(renderer.page(job, key)?))?,
            }
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
    for f in site_files(site, &pages, options, data_files) {
        if let Err(e) = emit(Made::File(f)) {
            errors.push(e);
        }
    }
    errors
}

/// What rendering one page needs.
struct Renderer<'a> {
    /// The templates, with `site` in their global context.
    tera: tera::Tera,
    site: &'a Site,
    theme: &'a Theme,
    site_ctx: SiteContext<'a>,
    options: &'a RenderOptions<'a>,
    root: &'a Path,
}

impl Renderer<'_> {
    /// One page rendered (and minified when the templates could not be), noted in the cache
    /// with its `key`.
    fn page(&self, job: &jobs::PageJob, key: Option<u64>) -> Result<OutputFile, Diagnostic> {
        let (site, options) = (self.site, self.options);
        let mut ctx = tera::Context::new();
        page_vars(site, &self.site_ctx, job, &mut Vars::Fill(&mut ctx));
        let html = self.tera.render(job.template, &ctx).map_err(|e| template_error(self.theme, &self.site_ctx, job, &ctx, e, self.root))?;
        let html = if options.live_reload {
            html.replacen("</body>", &format!("<script src=\"{}{LIVE_RELOAD_JS}\"></script></body>", site.urls.base), 1)
        } else {
            html
        };
        let bytes = match options.cache {
            Some(cache) => {
                let html_key = cache.record_page(&job.output, &html);
                if let Some(key) = key {
                    cache.remember_page(&job.output, key, html_key);
                }
                match self.theme.minified {
                    Some(_) => html.into_bytes(),
                    None => cache.minify(&job.output, html_key, &html, minify),
                }
            }
            None if self.theme.minified.is_some() => html.into_bytes(),
            None => minify(&html),
        };
        Ok(OutputFile { path: job.output.clone(), bytes })
    }
}

/// The part of every page's key that all pages share: the templates, the values every page
/// sees as `site`, and whether the live-reload script is added.
fn shared_key(theme: &Theme, site_ctx: &SiteContext, live_reload: bool) -> Xxh3 {
    let mut h = Xxh3::new();
    h.update(&theme.key().to_le_bytes());
    h.update(&[u8::from(live_reload)]);
    Vars::key(&mut h).insert("site", site_ctx);
    h
}

/// A page's key: `shared` and everything its template receives. `None` when a value could
/// not be hashed (the page is then always rendered).
fn page_key(mut shared: Xxh3, site: &Site, site_ctx: &SiteContext, job: &jobs::PageJob) -> Option<u64> {
    shared.update(job.template.as_bytes());
    let mut vars = Vars::key(&mut shared);
    page_vars(site, site_ctx, job, &mut vars);
    vars.finish()
}

/// What one page's template receives besides `site`.
fn page_vars(site: &Site, site_ctx: &SiteContext, job: &jobs::PageJob, ctx: &mut Vars) {
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
    ctx.insert("searchable", &crate::routes::indexed(&job.output));
    (job.vars)(ctx);
    let mut jsonld: Vec<String> = job.jsonld.iter().map(crate::artifacts::jsonld::to_script).collect();
    if !job.breadcrumbs.is_empty() {
        jsonld.push(crate::artifacts::jsonld::to_script(&crate::artifacts::jsonld::breadcrumbs(site, &job.breadcrumbs)));
    }
    ctx.insert("jsonld", &jsonld);
    // Only a service page carries the block the AgID validator reads.
    ctx.insert("metatag", &(job.template == "servizio.html"));
}

/// A template error at the template's line as written (not the minified copy).
fn template_error(theme: &Theme, site_ctx: &SiteContext, job: &jobs::PageJob, ctx: &tera::Context, e: tera::Error, root: &Path) -> Diagnostic {
    let e = match theme.minified {
        Some(_) => {
            let mut original = theme.tera.clone();
            original.global_context().insert("site", site_ctx);
            original.render(job.template, ctx).err().unwrap_or(e)
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
}

/// The files beside the pages: sitemap, feeds, open data, calculator data, robots.txt
/// and, in the dev server, the live-reload script.
fn site_files(site: &Site, pages: &[String], options: &RenderOptions, data_files: Vec<OutputFile>) -> Vec<OutputFile> {
    let mut files = Vec::new();
    if options.live_reload {
        files.push(OutputFile { path: LIVE_RELOAD_JS.into(), bytes: include_bytes!("../serve/livereload.js").to_vec() });
    }
    files.push(OutputFile { path: "sitemap.xml".into(), bytes: sitemap(site, pages).into_bytes() });
    files.extend(crate::artifacts::feeds::feeds(site));
    files.extend(data_files);
    files.push(OutputFile { path: CALCULATOR_DATA.into(), bytes: serde_json::to_vec(&site.calculator).unwrap_or_default() });
    files.extend(crate::schema::files(&site.config.base_url));
    if crate::artifacts::cms::shipped(site.config.cms.as_ref(), options.live_reload) {
        files.extend(crate::artifacts::cms::files(&site.config.name, &site.config.base_url, site.config.cms.as_ref()));
    }
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: format!(
            "User-agent: *\nAllow: /\nDisallow: {}{}\nSitemap: {}sitemap.xml\n",
            site.config.base_path,
            crate::routes::CMS_FOLDER,
            site.config.base_url
        )
        .into_bytes(),
    });
    files
}

fn minify(html: &str) -> Vec<u8> {
    minify_html::minify(html.as_bytes(), &crate::output::minify_config())
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
