//! The build, stage after stage: input → content → validate → model → artifacts → render →
//! links → search → write, in one of three modes (`Mode`: check, build, serve).
//! Every stage adds its problems to one list, so a run reports all it can find; each stage
//! group is one short function (`read`, `prepare`, `make_files`, `index_and_write`). A build
//! whose inputs have the fingerprint of the output it would replace stops after `read`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::artifacts::documents;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::incremental::{Cache, Recorded, RecordedWarning};
use crate::input::{assets, config, fingerprint, gitdates, load};
use crate::model;
use crate::pricing::BasisPoints;
use crate::vocabulary::Vocabularies;
use crate::{content, links, render, search, t, validate, write};

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// Defaults to `<root>/output`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Defaults to the system date: decides what is published.
    pub today: Option<Date>,
    /// Dev server: add the live-reload script to every page.
    pub live_reload: bool,
    /// Make every file again instead of reusing the last build's unchanged ones.
    pub fresh: bool,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options { root: root.into(), output: None, base_url: None, drafts: false, today: None, live_reload: false, fresh: false }
    }
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("output"))
    }
}

#[derive(Debug, Default)]
pub struct Summary {
    pub pages: usize,
    pub documents: usize,
    pub assets: usize,
    pub services: usize,
    pub elapsed: Duration,
    /// Things worth knowing that do not stop the build.
    pub warnings: Vec<String>,
    /// Warnings at a place in the content (a topic outside the vocabularies), sorted.
    pub content_warnings: Vec<Diagnostic>,
    /// Files of the search index.
    pub search_files: usize,
    /// A serve rebuild left the search index to `update_search`.
    pub search_pending: bool,
    /// Nothing changed since the build that made the output: it was left as it was.
    pub unchanged: bool,
    /// Pages rendered (the others were taken as the last build made them: nothing they
    /// show changed).
    pub rendered: usize,
}

/// What the caller sees of the build's progress.
pub trait Progress {
    /// A stage begins; `name` is in the user's language.
    fn stage(&self, name: &str);
    /// The last stage has ended.
    fn done(&self) {}
}

/// No progress output (tests, library use).
pub struct Quiet;
impl Progress for Quiet {
    fn stage(&self, _: &str) {}
}

/// The three ways to run the build.
pub enum Mode<'c> {
    /// `vetrina check`: everything but the writing.
    Check,
    /// `vetrina build`: a complete output, swapped in at the end, reusing what the last build
    /// into the same output made from the same inputs (its manifest), unless `opts.fresh`;
    /// nothing at all when no input changed.
    Build,
    /// A serve session's rebuild, with the session's cache kept in memory: unchanged pages
    /// are not minified or scanned again, unchanged documents not made again, only the files
    /// that changed are written, in place, and the search index is left to `update_search`.
    Serve(&'c mut Cache),
}

/// Run the build in `mode`.
pub fn run(opts: &Options, mode: Mode, progress: &dyn Progress) -> Result<Summary, Vec<Diagnostic>> {
    match mode {
        Mode::Check => execute(opts, None, progress),
        Mode::Build => execute(opts, Some(&mut Cache::for_build(&opts.output_dir(), !opts.fresh)), progress),
        Mode::Serve(cache) => execute(opts, Some(cache), progress),
    }
}

/// What the stages before the files are made leave: the model, the theme and the assets.
struct Prepared {
    published: content::Catalog,
    site: model::Site,
    theme: render::Theme,
    theme_dir: PathBuf,
    assets: Vec<assets::Asset>,
    assets_ok: bool,
    warnings: Vec<String>,
}

/// The files made by a run that found no error.
struct Made {
    produced: HashMap<String, u64>,
    documents: usize,
}

/// `cache` is `None` for a check (nothing is written).
fn execute(opts: &Options, mut cache: Option<&mut Cache>, progress: &dyn Progress) -> Result<Summary, Vec<Diagnostic>> {
    let start = Instant::now();
    let mut errors = Diagnostics::new();
    let Some(read) = read(opts, progress, &mut errors) else { return Err(errors.into_sorted()) };
    // A build (not a serve session) whose inputs are those of the output it replaces.
    if let Some(cache) = cache.as_deref_mut().filter(|c| !c.in_session()) {
        let fingerprint = fingerprint(opts, &read, &errors);
        if let Some(recorded) = fingerprint.and_then(|f| cache.unchanged(f)) {
            write::tidy(&opts.output_dir());
            progress.done();
            return Ok(Summary { elapsed: start.elapsed(), ..replay(recorded, &read.inputs) });
        }
        cache.fingerprint = fingerprint;
    }
    let prepared = prepare(opts, read, progress, &mut errors);
    let Some(mut p) = prepared else { return Err(errors.into_sorted()) };
    let compress = p.site.config.compress;
    let sink = open_sink(opts, cache.as_deref(), compress).map_err(|e| {
        errors.push(e.into_diagnostic());
        std::mem::take(&mut errors).into_sorted()
    })?;
    let made = make_files(opts, &mut p, &sink, cache.as_deref(), progress, &mut errors);
    let reused = cache.as_deref().map_or(0, Cache::take_reused);
    progress.done();
    if errors.has_errors() {
        // Dropping the sink removes the staging folder: the output is untouched.
        return Err(errors.into_sorted());
    }
    let pages = made.produced.keys().filter(|p| p.ends_with(".html")).count();
    let mut summary = Summary {
        pages,
        rendered: pages.saturating_sub(reused),
        documents: made.documents,
        assets: p.assets.len(),
        services: p.site.services.len(),
        warnings: p.warnings,
        content_warnings: errors.into_sorted(),
        ..Summary::default()
    };
    if let Some(cache) = cache {
        cache.compress = compress;
        index_and_write(sink, &made.produced, &p.assets, cache, progress, &mut summary)?;
    }
    Ok(Summary { elapsed: start.elapsed(), ..summary })
}

/// The site as read from disk, before its content is parsed.
struct Read {
    inputs: load::Inputs,
    config: Option<config::Config>,
    /// The theme's folder and the assets planned from it, once the settings name the theme.
    theme: Option<(PathBuf, Vec<assets::Asset>, Vec<Diagnostic>)>,
    today: Date,
}

/// Read the site's files and settings and plan the assets. `None` without a `vetrina.toml`.
fn read(opts: &Options, progress: &dyn Progress, errors: &mut Diagnostics) -> Option<Read> {
    let root = opts.root.as_path();
    progress.stage(&t!("stage-reading"));
    let (inputs, load_errors) = load::load(root).map_err(|e| errors.extend(e)).ok()?;
    errors.extend(load_errors);
    let config = config::parse(&inputs.config, opts.base_url.as_deref()).map_err(|e| errors.extend(e)).ok();
    let theme = config.as_ref().map(|c| {
        let theme_dir = root.join("themes").join(&c.theme);
        let (mut assets, asset_errors) = assets::plan(&theme_dir, root);
        if !crate::artifacts::cms::shipped(c.cms.as_ref(), opts.live_reload) {
            assets.retain(|a| !a.to.starts_with(crate::routes::CMS_FOLDER));
        }
        (theme_dir, assets, asset_errors)
    });
    let today = opts.today.unwrap_or_else(|| jiff::Zoned::now().date());
    Some(Read { inputs, config, theme, today })
}

/// The fingerprint of what `read` found (`None` while anything in it is wrong: that build
/// must run to report it).
fn fingerprint(opts: &Options, read: &Read, errors: &Diagnostics) -> Option<u64> {
    let (theme_dir, assets, asset_errors) = read.theme.as_ref()?;
    if errors.has_errors() || !asset_errors.is_empty() {
        return None;
    }
    let settings = format!("{} {:?} {} {} {:?}", read.today, opts.base_url, opts.drafts, opts.live_reload, crate::i18n::language());
    let fonts = documents::fonts::font_dir(theme_dir);
    let git = gitdates::state(&opts.root);
    Some(fingerprint::of(&read.inputs, theme_dir, assets, &fonts, &git, &settings))
}

/// Parse every file, check the references, build the model and load the theme. `None` when
/// what is wrong leaves nothing to make files from.
fn prepare(opts: &Options, read: Read, progress: &dyn Progress, errors: &mut Diagnostics) -> Option<Prepared> {
    let root = opts.root.as_path();
    let Read { inputs, config, theme, today } = read;
    progress.stage(&t!("stage-content"));
    let vat = config.as_ref().map_or(BasisPoints(2200), |c| c.vat);
    let (catalog, content_errors) = content::parse_catalog(&inputs, vat);
    errors.extend(content_errors);
    let config = config?;

    // References are checked before the model is built: the model may then leave out what
    // does not resolve, because every such reference is already reported.
    progress.stage(&t!("stage-references"));
    let (published, hidden) = model::select(catalog, model::Publication { drafts: opts.drafts, today });
    let vocab = Vocabularies::embedded();
    errors.extend(validate::check(&published, &hidden, &config, &inputs.config, &inputs.files, &vocab));

    progress.stage(&t!("stage-model"));
    let git = gitdates::GitDates::read(root);
    let mut warnings = Vec::new();
    if git.shallow {
        warnings.push(t!("warn-shallow"));
    }
    let (site, site_errors) = model::build(config, &published, &inputs.files, &git, root, today, &vocab);
    errors.extend(site_errors);

    progress.stage(&t!("stage-theme"));
    let (theme_dir, assets, asset_errors) = theme?;
    let theme = render::Theme::load(&theme_dir, root).map_err(|e| errors.extend(e)).ok()?;
    if !theme.minified_once() {
        warnings.push(t!("warn-minify-once"));
    }
    if !assets::trim_is_current(&theme_dir) {
        warnings.push(t!("warn-trim-stale", prefix = crate::diagnostics::relative(&theme_dir, root).display().to_string()));
    }
    let assets_ok = asset_errors.is_empty();
    errors.extend(asset_errors);
    Some(Prepared { published, site, theme, theme_dir, assets, assets_ok, warnings })
}

/// Where the files go as they are made: nowhere (check), a staging folder swapped in at the
/// end (build, and the first build of a serve session), or the live output updated in place
/// (later serve rebuilds).
fn open_sink(opts: &Options, cache: Option<&Cache>, compress: bool) -> Result<write::Sink, write::WriteError> {
    let (output, root) = (opts.output_dir(), opts.root.as_path());
    match cache {
        None => Ok(write::Sink::discard()),
        Some(c) if c.output_ready => write::Sink::update(&output, root, c.written.clone(), compress),
        // Hashes are kept for a serve session's next rebuild.
        Some(c) => write::Sink::stage(&output, root, c.in_session(), compress),
    }
}

/// Documents, pages and the link check. Documents come before the pages, which show each
/// file's size, and are link-checked with them.
fn make_files(opts: &Options, p: &mut Prepared, sink: &write::Sink, cache: Option<&Cache>, progress: &dyn Progress, errors: &mut Diagnostics) -> Made {
    let root = opts.root.as_path();
    progress.stage(&t!("stage-documents"));
    let documents = documents::generate(&p.site, &p.published, &p.theme_dir, sink, cache).unwrap_or_else(|e| {
        errors.push(e.into_diagnostic(root));
        documents::Generated::default()
    });
    documents::attach(&mut p.site, &documents);
    progress.stage(&t!("stage-html"));
    let scans: Mutex<HashMap<String, Arc<links::PageScan>>> = Mutex::default();
    let render_options = render::RenderOptions { cache, live_reload: opts.live_reload };
    let emit = |made: render::Made| -> Result<(), Diagnostic> {
        let f = match made {
            render::Made::File(f) => f,
            render::Made::Unchanged(path) => return keep_page(&path, sink, cache, &scans),
        };
        if f.path.ends_with(".html") {
            let scan = match cache {
                Some(c) => c.scan(&f.path, &f.bytes, links::scan),
                None => Arc::new(links::scan(&f.bytes)),
            };
            crate::output::lock(&scans).insert(f.path.clone(), scan);
        }
        sink.put_file(f).map_err(|e| e.into_diagnostic())
    };
    let render_errors = render::render(&p.site, &p.theme, root, &render_options, &emit);
    let rendered_ok = render_errors.is_empty();
    errors.extend(render_errors);

    progress.stage(&t!("stage-links"));
    let produced = sink.produced();
    // Without the theme's assets every page has broken links to them: the one error that
    // says to install them is enough.
    if rendered_ok && p.assets_ok {
        let failed = failed_pages(&p.published.failed, &p.site.urls);
        let all: HashSet<&str> =
            produced.keys().map(String::as_str).chain(p.assets.iter().map(|a| a.to.as_str())).chain(failed.iter().map(String::as_str)).collect();
        let scans = scans.into_inner().unwrap_or_else(|e| e.into_inner());
        let broken = links::check(&scans, &all, &p.site.urls.base, &p.site.content_links);
        // Root cause first: while the content or the settings have errors, the links the
        // theme writes are their consequences (a page not made, a setting already reported).
        let theme_follows = !errors.has_errors();
        errors.extend(broken.in_content);
        if theme_follows {
            errors.extend(broken.in_theme);
        }
    }
    Made { produced, documents: documents.count }
}

/// A page a serve rebuild leaves as it is in the output, with the links it was found to have.
fn keep_page(path: &str, sink: &write::Sink, cache: Option<&Cache>, scans: &Mutex<HashMap<String, Arc<links::PageScan>>>) -> Result<(), Diagnostic> {
    // `Cache::reuse_page` offers only pages the output holds with their scan.
    match cache.and_then(|c| c.scan_of(path)).filter(|_| sink.keep(path)) {
        Some(scan) => {
            crate::output::lock(scans).insert(path.to_string(), scan);
            Ok(())
        }
        None => Err(Diagnostic::file(PathBuf::from(path), t!("page-not-kept"))),
    }
}

/// The search index (made, or taken from the last build), then the output put in place.
fn index_and_write(
    sink: write::Sink,
    produced: &HashMap<String, u64>,
    assets: &[assets::Asset],
    cache: &mut Cache,
    progress: &dyn Progress,
    summary: &mut Summary,
) -> Result<(), Vec<Diagnostic>> {
    progress.stage(&t!("stage-search"));
    let search_key = cache.search_key(produced);
    match sink.staged_dir() {
        Some(dir) => {
            summary.search_files = match cache.reuse_search(search_key, &sink) {
                Some(n) => n,
                None => {
                    let index = search::index(dir, produced.keys().map(String::as_str)).map_err(|e| vec![e])?;
                    let n = index.len();
                    for f in index {
                        sink.put_file(f).map_err(|e| vec![e.into_diagnostic()])?;
                    }
                    n
                }
            };
            cache.search_key = Some(search_key);
            // What the next `vetrina build` may reuse.
            if !cache.in_session() {
                let produced = sink.produced();
                let mut files: Vec<String> = produced.keys().cloned().chain(assets.iter().map(|a| a.to.clone())).collect();
                files.sort();
                let recorded = cache.fingerprint.map(|f| record(f, files, summary));
                sink.put(crate::output::MANIFEST, cache.manifest(&produced, search_key, recorded)).map_err(|e| vec![e.into_diagnostic()])?;
            }
        }
        // A serve rebuild keeps the last index and reloads the browser at once;
        // `update_search` then rebuilds the index if an indexed page changed.
        None => {
            sink.keep_under(crate::routes::SEARCH_FOLDER);
            summary.search_pending = cache.search_key != Some(search_key);
        }
    }
    progress.stage(&t!("stage-writing"));
    cache.written = sink.finish(assets).map_err(|e| vec![e.into_diagnostic()])?;
    cache.output_ready = true;
    cache.commit();
    progress.done();
    Ok(())
}

/// What the next build with the same inputs reports without making anything.
fn record(fingerprint: u64, files: Vec<String>, s: &Summary) -> Recorded {
    let content_warnings = s
        .content_warnings
        .iter()
        .map(|d| RecordedWarning {
            path: d.path.clone(),
            span: d.location.as_ref().map(|(_, r)| (r.start, r.end)),
            message: d.message.clone(),
            help: d.help.clone(),
        })
        .collect();
    let (pages, documents, assets, services, search_files) = (s.pages, s.documents, s.assets, s.services, s.search_files);
    Recorded { fingerprint, files, pages, documents, assets, services, search_files, warnings: s.warnings.clone(), content_warnings }
}

/// The summary of the build that made the output, for a build with the same inputs; its
/// warnings point into the files as read now (the same text).
fn replay(r: &Recorded, inputs: &load::Inputs) -> Summary {
    let text_of = |path: &Path| inputs.sources().find(|s| s.path == path).map(|s| s.text.clone());
    let content_warnings = r
        .content_warnings
        .iter()
        .map(|w| Diagnostic {
            severity: crate::diagnostics::Severity::Warning,
            path: w.path.clone(),
            location: w.span.and_then(|(start, end)| Some((text_of(&w.path)?, start..end))),
            message: w.message.clone(),
            help: w.help.clone(),
        })
        .collect();
    let (pages, documents, assets, services, search_files) = (r.pages, r.documents, r.assets, r.services, r.search_files);
    Summary { pages, documents, assets, services, search_files, warnings: r.warnings.clone(), content_warnings, unchanged: true, ..Summary::default() }
}

/// The pages that files with errors would have made: links to them are not reported as
/// broken (the file's own errors say what to fix).
fn failed_pages(failed: &[(load::Kind, String)], urls: &model::Urls) -> Vec<String> {
    use load::Kind;
    failed
        .iter()
        .filter_map(|(kind, stem)| match kind {
            Kind::Service => Some(urls.service(stem)),
            Kind::Convention => Some(urls.convention(stem)),
            Kind::Form => Some(urls.form(stem)),
            Kind::Page => Some(urls.page(stem)),
            Kind::News => Some(urls.news(stem)),
            Kind::Tariff => None,
        })
        .map(|url| urls.output(&url))
        .collect()
}

/// In a serve session, after a rebuild that left `search_pending`: index the output's pages
/// again and replace the search index in place. Returns the number of index files.
pub fn update_search(opts: &Options, cache: &mut Cache) -> Result<usize, Diagnostic> {
    let output = opts.output_dir();
    let key = cache.search_key(&cache.written);
    if cache.search_key == Some(key) {
        return Ok(0);
    }
    let index = search::index(&output, cache.written.keys().map(String::as_str))?;
    let count = index.len();
    write::replace_under(&output, crate::routes::SEARCH_FOLDER, index, &mut cache.written, cache.compress).map_err(|e| e.into_diagnostic())?;
    cache.search_key = Some(key);
    Ok(count)
}

/// True when `path` looks like a site root (has a `vetrina.toml`).
pub fn is_site(path: &Path) -> bool {
    path.join("vetrina.toml").is_file()
}

/// Parse a site's content without building it (for tools and tests that need the model).
pub fn catalog(root: &Path) -> Result<content::Catalog, Vec<Diagnostic>> {
    settings_and_catalog(root).map(|(_, catalog)| catalog)
}

/// `vetrina.toml` and the parsed content, for a command that prices without building
/// (`vetrina preventivo`).
pub fn settings_and_catalog(root: &Path) -> Result<(config::Config, content::Catalog), Vec<Diagnostic>> {
    let (inputs, mut errors) = load::load(root)?;
    let config = config::parse(&inputs.config, None)?;
    let (catalog, content_errors) = content::parse_catalog(&inputs, config.vat);
    errors.extend(content_errors);
    if errors.is_empty() {
        Ok((config, catalog))
    } else {
        Err(errors)
    }
}
