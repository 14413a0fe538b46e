//! The build, stage after stage: load → content → site → validate → render → links → write.
//! Every stage adds its problems to one list, so a run reports all it can find.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pricing::BasisPoints;
use crate::cache::{self, Cache};
use crate::{assets, config, content, documents, gitdates, links, load, render, search, site, validate, write};

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
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options { root: root.into(), output: None, base_url: None, drafts: false, today: None, live_reload: false }
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
}

/// What the caller sees of the build's progress.
pub trait Progress {
    fn stage(&self, name: &str);
}

/// No progress output (tests, library use).
pub struct Quiet;
impl Progress for Quiet {
    fn stage(&self, _: &str) {}
}

/// Run the build. With `write = false` it is `vetrina check`: everything but the writing.
pub fn run(opts: &Options, write_output: bool, progress: &dyn Progress) -> Result<Summary, Vec<Diagnostic>> {
    run_with(opts, write_output, progress, None)
}

/// Run the build with a cache kept between builds (the dev server): unchanged pages are not
/// minified again, the search index is reused when no indexed page changed, and only the
/// files that changed are written, in place.
pub fn run_with(opts: &Options, write_output: bool, progress: &dyn Progress, mut cache: Option<&mut Cache>) -> Result<Summary, Vec<Diagnostic>> {
    let start = Instant::now();
    let root = opts.root.as_path();
    let mut errors = Diagnostics::new();
    let today = opts.today.unwrap_or_else(|| jiff::Zoned::now().date());

    progress.stage("reading files");
    let inputs = load::load(root).map_err(|e| e)?;

    let config = match config::parse(&inputs.config, opts.base_url.as_deref()) {
        Ok(c) => Some(c),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    progress.stage("checking content");
    let vat = config.as_ref().map_or(BasisPoints(2200), |c| c.vat);
    let (catalog, content_errors) = content::parse_catalog(&inputs, vat);
    errors.extend(content_errors);
    let Some(config) = config else { return Err(errors.into_sorted()) };

    progress.stage("building the site model");
    let (published, hidden) = site::select(catalog, site::Publication { drafts: opts.drafts, today });
    let git = gitdates::GitDates::read(root);
    let mut warnings = Vec::new();
    if git.shallow {
        warnings.push(
            "the git checkout is shallow: \"Pagina aggiornata il\" dates may all be the last commit's; fetch the full history (e.g. `fetch-depth: 0`)".to_string(),
        );
    }
    let config_for_check = config.clone();
    let (mut site, site_errors) = site::build(config, &published, &inputs.files, &git, root, today);
    errors.extend(site_errors);
    progress.stage("checking references");
    errors.extend(validate::check(&published, &hidden, &site.articles, &config_for_check, &inputs.config, &inputs.files));

    progress.stage("rendering pages");
    let theme_dir = root.join("themes").join(&site.config.theme);
    let theme = match render::Theme::load(&theme_dir, root) {
        Ok(t) => t,
        Err(e) => {
            errors.extend(e);
            return Err(errors.into_sorted());
        }
    };
    let assets = match assets::plan(&theme_dir, root) {
        Ok(a) => a,
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    // Documents before the pages, which show each file's size; checked with their links.
    progress.stage("generating documents");
    let documents = documents::generate(&site, &published, &theme_dir).unwrap_or_else(|e| {
        errors.push(e.into_diagnostic(root));
        documents::Generated::default()
    });
    documents::attach(&mut site, &documents);
    let document_count = documents.files.len();
    progress.stage("rendering HTML");
    let render_options = render::RenderOptions { cache: cache.as_deref(), live_reload: opts.live_reload };
    let (mut files, render_errors) = render::render(&site, &theme, root, &render_options);
    let rendered_ok = render_errors.is_empty();
    errors.extend(render_errors);
    files.extend(documents.files);

    progress.stage("checking links");
    if rendered_ok {
        let asset_paths: Vec<String> = assets.iter().map(|a| a.to.clone()).collect();
        errors.extend(links::check(&files, &asset_paths, &site.urls.base, &site.content_links));
    }
    progress.stage("done");
    if !errors.is_empty() {
        return Err(errors.into_sorted());
    }

    let mut summary = Summary {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        documents: document_count,
        assets: assets.len(),
        services: site.services.len(),
        elapsed: Duration::ZERO,
        warnings,
        search_files: 0,
    };
    if write_output {
        progress.stage("indexing for search");
        let indexed: Vec<&render::OutputFile> = files.iter().filter(|f| search::indexed(&f.path)).collect();
        let key = cache::hash_files(&indexed);
        let index = match cache.as_deref().and_then(|c| c.search.as_ref()).filter(|(k, _)| *k == key) {
            Some((_, index)) => index.clone(),
            None => search::index(&files, &site.urls.base).map_err(|e| vec![e])?,
        };
        if let Some(c) = cache.as_deref_mut() {
            c.search = Some((key, index.clone()));
        }
        summary.search_files = index.len();
        files.extend(index);
        progress.stage("writing output");
        let output = opts.output_dir();
        match cache {
            // In a session the output is updated in place after the first complete write.
            Some(c) if c.output_ready => {
                write::update(&output, root, &files, &assets, &mut c.written).map_err(|e| vec![e.into_diagnostic()])?;
            }
            Some(c) => {
                write::write(&output, root, &files, &assets).map_err(|e| vec![e.into_diagnostic()])?;
                c.written = files.iter().map(|f| (f.path.clone(), cache::hash(&f.bytes))).collect();
                // Assets are compared by size and time: force their first comparison to copy.
                c.output_ready = true;
            }
            None => write::write(&output, root, &files, &assets).map_err(|e| vec![e.into_diagnostic()])?,
        }
        progress.stage("done");
    }
    Ok(Summary { elapsed: start.elapsed(), ..summary })
}

/// True when `path` looks like a site root (has a `vetrina.toml`).
pub fn is_site(path: &Path) -> bool {
    path.join("vetrina.toml").is_file()
}

/// Parse a site's content without building it (for tools and tests that need the model).
pub fn catalog(root: &Path) -> Result<content::Catalog, Vec<Diagnostic>> {
    let inputs = load::load(root)?;
    let config = config::parse(&inputs.config, None)?;
    let (catalog, errors) = content::parse_catalog(&inputs, config.vat);
    if errors.is_empty() {
        Ok(catalog)
    } else {
        Err(errors)
    }
}
