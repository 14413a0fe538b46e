//! The build, stage after stage: load → content → site → validate → documents → render →
//! links → search → write.
//! Every stage adds its problems to one list, so a run reports all it can find.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::artifacts::documents;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::incremental::{self, Cache};
use crate::input::{assets, config, gitdates, load};
use crate::model;
use crate::pricing::BasisPoints;
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
    /// Files of the search index.
    pub search_files: usize,
    /// A serve rebuild left the search index to `update_search`.
    pub search_pending: bool,
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

/// Run the build. With `write = false` it is `vetrina check`: everything but the writing.
/// A build reuses what the last build into the same output made from the same inputs,
/// unless `opts.fresh`.
pub fn run(opts: &Options, write_output: bool, progress: &dyn Progress) -> Result<Summary, Vec<Diagnostic>> {
    if !write_output {
        return run_with(opts, false, progress, None);
    }
    let mut cache = Cache::for_build(&opts.output_dir(), !opts.fresh);
    run_with(opts, true, progress, Some(&mut cache))
}

/// Run the build with a cache: a serve session's, kept in memory (unchanged pages are not
/// minified or scanned again, unchanged documents not made again, only the files that changed
/// are written, in place, and the search index is left to `update_search`), or a build's, read
/// from the last output's manifest (unchanged files are taken from there).
pub fn run_with(opts: &Options, write_output: bool, progress: &dyn Progress, mut cache: Option<&mut Cache>) -> Result<Summary, Vec<Diagnostic>> {
    let start = Instant::now();
    let root = opts.root.as_path();
    let mut errors = Diagnostics::new();
    let today = opts.today.unwrap_or_else(|| jiff::Zoned::now().date());

    progress.stage(&t!("stage-reading"));
    let (inputs, load_errors) = load::load(root)?;
    errors.extend(load_errors);

    let config = match config::parse(&inputs.config, opts.base_url.as_deref()) {
        Ok(c) => Some(c),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    progress.stage(&t!("stage-content"));
    let vat = config.as_ref().map_or(BasisPoints(2200), |c| c.vat);
    let (catalog, content_errors) = content::parse_catalog(&inputs, vat);
    errors.extend(content_errors);
    let Some(config) = config else {
        return Err(errors.into_sorted());
    };

    progress.stage(&t!("stage-model"));
    let (published, hidden) = model::select(catalog, model::Publication { drafts: opts.drafts, today });
    let git = gitdates::GitDates::read(root);
    let mut warnings = Vec::new();
    if git.shallow {
        warnings.push(t!("warn-shallow"));
    }
    let config_for_check = config.clone();
    let (mut site, site_errors) = model::build(config, &published, &inputs.files, &git, root, today);
    errors.extend(site_errors);
    progress.stage(&t!("stage-references"));
    errors.extend(validate::check(&published, &hidden, &site.articles, &config_for_check, &inputs.config, &inputs.files));

    progress.stage(&t!("stage-theme"));
    let theme_dir = root.join("themes").join(&site.config.theme);
    if let Err(e) = inside_site(&theme_dir, root) {
        errors.push(e);
        return Err(errors.into_sorted());
    }
    let theme = match render::Theme::load(&theme_dir, root) {
        Ok(t) => t,
        Err(e) => {
            errors.extend(e);
            return Err(errors.into_sorted());
        }
    };
    if !theme.minified_once() {
        warnings.push(t!("warn-minify-once"));
    }
    let (assets, asset_errors) = assets::plan(&theme_dir, root);
    let assets_ok = asset_errors.is_empty();
    errors.extend(asset_errors);
    // The files go to their place as they are made: a staging folder swapped in at the end
    // (build), the live output updated in place (serve rebuilds), or nowhere (check).
    let output = opts.output_dir();
    let sink = match (&cache, write_output) {
        (_, false) => Ok(write::Sink::discard()),
        (Some(c), true) if c.output_ready => write::Sink::update(&output, root, c.written.clone()),
        // Hashes are kept for a serve session's next rebuild.
        (c, true) => write::Sink::stage(&output, root, c.as_ref().is_some_and(|c| c.in_session())),
    }
    .map_err(|e| {
        errors.push(e.into_diagnostic());
        std::mem::take(&mut errors).into_sorted()
    })?;
    let shared_cache = cache.as_deref();

    // Documents before the pages, which show each file's size; checked with their links.
    progress.stage(&t!("stage-documents"));
    let documents = documents::generate(&site, &published, &theme_dir, &sink, shared_cache).unwrap_or_else(|e| {
        errors.push(e.into_diagnostic(root));
        documents::Generated::default()
    });
    documents::attach(&mut site, &documents);
    progress.stage(&t!("stage-html"));
    let scans: Mutex<HashMap<String, Arc<links::PageScan>>> = Mutex::default();
    let render_options = render::RenderOptions { cache: shared_cache, live_reload: opts.live_reload };
    let emit = |f: crate::output::OutputFile| -> Result<(), Diagnostic> {
        if f.path.ends_with(".html") {
            let scan = match shared_cache {
                Some(c) => c.scan(&f.path, &f.bytes, links::scan),
                None => Arc::new(links::scan(&f.bytes)),
            };
            scans.lock().unwrap_or_else(|e| e.into_inner()).insert(f.path.clone(), scan);
        }
        sink.put_file(f).map_err(|e| e.into_diagnostic())
    };
    let render_errors = render::render(&site, &theme, root, &render_options, &emit);
    let rendered_ok = render_errors.is_empty();
    errors.extend(render_errors);

    progress.stage(&t!("stage-links"));
    let produced = sink.produced();
    // Without the theme's assets every page has broken links to them: the one error that
    // says to install them is enough.
    if rendered_ok && assets_ok {
        let failed = failed_pages(&published.failed, &site.urls);
        let all: HashSet<&str> =
            produced.keys().map(String::as_str).chain(assets.iter().map(|a| a.to.as_str())).chain(failed.iter().map(String::as_str)).collect();
        let scans = scans.into_inner().unwrap_or_else(|e| e.into_inner());
        let found = links::check(&scans, &all, &site.urls.base, &site.content_links);
        errors.extend(without_follow_ons(found, !errors.is_empty()));
    }
    progress.done();
    if !errors.is_empty() {
        // Dropping the sink removes the staging folder: the output is untouched.
        return Err(errors.into_sorted());
    }

    let mut summary = Summary {
        pages: produced.keys().filter(|p| p.ends_with(".html")).count(),
        documents: documents.count,
        assets: assets.len(),
        services: site.services.len(),
        elapsed: Duration::ZERO,
        warnings,
        search_files: 0,
        search_pending: false,
    };
    if write_output {
        progress.stage(&t!("stage-search"));
        let search_key = cache.as_deref().map(|c| c.search_key(&produced));
        match sink.staged_dir() {
            Some(dir) => {
                let reused = cache.as_deref().zip(search_key).and_then(|(c, key)| c.reuse_search(key, &sink));
                summary.search_files = match reused {
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
                if let (Some(c), Some(key)) = (cache.as_deref_mut(), search_key) {
                    c.search_key = Some(key);
                    // What the next `vetrina build` may reuse.
                    if !c.in_session() {
                        sink.put(incremental::MANIFEST, c.manifest(&sink.produced(), key)).map_err(|e| vec![e.into_diagnostic()])?;
                    }
                }
            }
            // A serve rebuild keeps the last index and reloads the browser at once;
            // `update_search` then rebuilds the index if an indexed page changed.
            None => {
                sink.keep_under(search::FOLDER);
                summary.search_pending = cache.as_deref().is_some_and(|c| c.search_key != search_key);
            }
        }
        progress.stage(&t!("stage-writing"));
        let written = sink.finish(&assets).map_err(|e| vec![e.into_diagnostic()])?;
        if let Some(c) = cache {
            c.written = written;
            c.output_ready = true;
            c.commit();
        }
        progress.done();
    }
    Ok(Summary { elapsed: start.elapsed(), ..summary })
}

/// The theme's folder must be a folder of the site, not a link to one elsewhere.
fn inside_site(dir: &Path, root: &Path) -> Result<(), Diagnostic> {
    let shown = crate::diagnostics::relative(dir, root);
    let linked = [dir, dir.parent().unwrap_or(dir)].iter().any(|p| p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()));
    if linked {
        return Err(Diagnostic::file(shown, t!("load-symlink")).with_help(t!("load-symlink-help")));
    }
    Ok(())
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
        .map(|url| format!("{}index.html", url.strip_prefix(&urls.base).unwrap_or(&url)))
        .collect()
}

/// Link errors, the root cause first: a broken link that the theme writes on every page
/// (from a setting, or to a page whose source has an error) is a consequence when the
/// content or the settings already have errors, and is then left out; otherwise the same
/// broken link is reported once, with the number of pages it is on.
fn without_follow_ons(found: Vec<Diagnostic>, earlier_errors: bool) -> Vec<Diagnostic> {
    let from_theme = |d: &Diagnostic| d.location.is_none() && d.path.starts_with("output");
    let (theme, content): (Vec<Diagnostic>, Vec<Diagnostic>) = found.into_iter().partition(from_theme);
    if earlier_errors {
        return content;
    }
    let mut by_message: Vec<(Diagnostic, usize)> = Vec::new();
    for d in theme {
        match by_message.iter_mut().find(|(first, _)| first.message == d.message) {
            Some((_, n)) => *n += 1,
            None => by_message.push((d, 0)),
        }
    }
    let folded = by_message.into_iter().map(|(mut d, others)| {
        if others > 0 {
            d.message = t!("link-also-on", message = d.message, others = others);
        }
        d
    });
    content.into_iter().chain(folded).collect()
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
    write::replace_under(&output, search::FOLDER, index, &mut cache.written).map_err(|e| e.into_diagnostic())?;
    cache.search_key = Some(key);
    Ok(count)
}

/// True when `path` looks like a site root (has a `vetrina.toml`).
pub fn is_site(path: &Path) -> bool {
    path.join("vetrina.toml").is_file()
}

/// Parse a site's content without building it (for tools and tests that need the model).
pub fn catalog(root: &Path) -> Result<content::Catalog, Vec<Diagnostic>> {
    let (inputs, mut errors) = load::load(root)?;
    let config = config::parse(&inputs.config, None)?;
    let (catalog, content_errors) = content::parse_catalog(&inputs, config.vat);
    errors.extend(content_errors);
    if errors.is_empty() {
        Ok(catalog)
    } else {
        Err(errors)
    }
}
