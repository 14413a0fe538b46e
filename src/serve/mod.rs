//! `vetrina serve`: build into a temporary folder, serve it on loopback, watch the site's
//! files, rebuild what changed and reload the browser (Server-Sent Events). A failed build
//! keeps the last good pages and shows the errors over them until they are fixed.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use axum::Router;
use notify::RecursiveMode;
use notify_debouncer_full::new_debouncer;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};
use tower_http::services::{ServeDir, ServeFile};

use crate::cache::Cache;
use crate::diagnostics::Diagnostic;
use crate::pipeline::{self, Options, Quiet};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: std::net::IpAddr,
    pub port: u16,
    pub drafts: bool,
}

/// What the browser is told after a build.
#[derive(Debug, Clone)]
enum BuildEvent {
    Reload,
    Errors(Vec<String>),
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("cannot watch {0}: {1}")]
    Watch(PathBuf, notify::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A build session: options and the cache that makes rebuilds incremental.
pub struct Session {
    pub options: Options,
    cache: Cache,
}

impl Session {
    pub fn new(options: Options) -> Self {
        Session { options, cache: Cache::new() }
    }

    /// Build (or rebuild) the site, search index included.
    pub fn build(&mut self) -> Result<pipeline::Summary, Vec<Diagnostic>> {
        let summary = self.rebuild()?;
        self.update_search().map_err(|e| vec![e])?;
        Ok(summary)
    }

    /// Rebuild what changed, leaving the search index as it was (see `update_search`), so
    /// the browser can reload at once.
    pub fn rebuild(&mut self) -> Result<pipeline::Summary, Vec<Diagnostic>> {
        self.rebuild_with(&Quiet)
    }

    /// `rebuild`, reporting its stages (for timing them).
    pub fn rebuild_with(&mut self, progress: &dyn pipeline::Progress) -> Result<pipeline::Summary, Vec<Diagnostic>> {
        pipeline::run_with(&self.options, true, progress, Some(&mut self.cache))
    }

    /// Bring the search index up to date with the pages in the output (nothing to do when
    /// no indexed page changed). Returns the number of index files written.
    pub fn update_search(&mut self) -> Result<usize, Diagnostic> {
        pipeline::update_search(&self.options, &mut self.cache)
    }
}

fn error_lines(errors: &[Diagnostic]) -> Vec<String> {
    errors.iter().map(|e| e.render(false)).collect()
}

/// Files the watcher should rebuild for: the site's sources, not its output.
fn relevant(path: &Path, root: &Path, output: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
    let in_node_modules = rel.components().any(|c| c.as_os_str() == "node_modules");
    !in_node_modules && matches!(first.as_str(), "content" | "themes" | "static" | "vetrina.toml")
}

pub fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let root = std::fs::canonicalize(&opts.root)?;
    let out_dir = tempfile::Builder::new().prefix("vetrina-serve-").tempdir()?;
    let output = out_dir.path().join("site");
    let addr = SocketAddr::new(opts.bind, opts.port);
    let mut options = Options::new(&root);
    options.output = Some(output.clone());
    options.base_url = Some(format!("http://{addr}/"));
    options.drafts = opts.drafts;
    options.live_reload = true;
    let mut session = Session::new(options);

    let started = Instant::now();
    let first = session.build();
    let state: Arc<Mutex<Option<BuildEvent>>> = Arc::new(Mutex::new(None));
    match &first {
        Ok(s) => eprintln!("Built {} pages in {:.2} s", s.pages, started.elapsed().as_secs_f64()),
        Err(errors) => {
            for e in errors {
                eprintln!("{}", e.render(true));
            }
            eprintln!("{} errors: the pages will show them until they are fixed.", errors.len());
            // Serve an empty site so the overlay can say what is wrong.
            std::fs::create_dir_all(&output)?;
            if let Ok(mut s) = state.lock() {
                *s = Some(BuildEvent::Errors(error_lines(errors)));
            }
        }
    }

    let (events, _) = broadcast::channel::<BuildEvent>(16);

    // Rebuilds run on their own thread, one at a time, after the watcher has debounced a
    // burst of saves into one change.
    let (changed_tx, changed_rx) = mpsc::channel::<()>();
    let mut debouncer = {
        let (watch_root, output) = (root.clone(), output.clone());
        new_debouncer(Duration::from_millis(100), None, move |result: notify_debouncer_full::DebounceEventResult| {
            if let Ok(batch) = result {
                if batch.iter().any(|e| e.paths.iter().any(|p| relevant(p, &watch_root, &output))) {
                    let _ = changed_tx.send(());
                }
            }
        })
        .map_err(|e| ServeError::Watch(root.clone(), e))?
    };
    for watched in ["content", "themes", "static", "vetrina.toml"] {
        let path = root.join(watched);
        if path.exists() {
            debouncer.watch(&path, RecursiveMode::Recursive).map_err(|e| ServeError::Watch(path.clone(), e))?;
        }
    }
    {
        let events = events.clone();
        let state = state.clone();
        std::thread::spawn(move || {
            while changed_rx.recv().is_ok() {
                while changed_rx.try_recv().is_ok() {}
                let t = Instant::now();
                let mut search_pending = false;
                let event = match session.rebuild() {
                    Ok(s) => {
                        eprintln!("Rebuilt {} pages in {} ms", s.pages, t.elapsed().as_millis());
                        search_pending = s.search_pending;
                        BuildEvent::Reload
                    }
                    Err(errors) => {
                        for e in &errors {
                            eprintln!("{}", e.render(true));
                        }
                        BuildEvent::Errors(error_lines(&errors))
                    }
                };
                if let Ok(mut s) = state.lock() {
                    *s = match &event {
                        BuildEvent::Reload => None,
                        errors => Some(errors.clone()),
                    };
                }
                let _ = events.send(event);
                // The page reloads first; the search index follows.
                if search_pending {
                    let t = Instant::now();
                    match session.update_search() {
                        Ok(n) => eprintln!("Search index updated ({n} files) in {} ms", t.elapsed().as_millis()),
                        Err(e) => eprintln!("{}", e.render(true)),
                    }
                }
            }
        });
    }

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| ServeError::Bind(addr, e))?;
        let not_found = ServeFile::new(output.join("404.html"));
        let files = ServeDir::new(&output).append_index_html_on_directories(true).not_found_service(not_found);
        let app = Router::new()
            .route(
                "/__vetrina/events",
                get(move || {
                    let current = state.lock().ok().and_then(|s| s.clone());
                    let rx = events.subscribe();
                    async move { sse(current, rx) }
                }),
            )
            .fallback_service(files);
        eprintln!("Serving {} at http://{addr}/ (Ctrl-C to stop)", root.display());
        axum::serve(listener, app).await?;
        drop(debouncer);
        drop(out_dir);
        Ok(())
    })
}

fn to_event(e: BuildEvent) -> Event {
    match e {
        BuildEvent::Reload => Event::default().event("reload").data("ok"),
        BuildEvent::Errors(lines) => Event::default().event("errors").data(serde_json::to_string(&lines).unwrap_or_default()),
    }
}

/// The event stream of one browser tab: the current error state first, then every build.
fn sse(current: Option<BuildEvent>, rx: broadcast::Receiver<BuildEvent>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = tokio_stream::iter(current.into_iter().map(|e| Ok(to_event(e))));
    let rest = BroadcastStream::new(rx).filter_map(|e| e.ok().map(|e| Ok(to_event(e))));
    Sse::new(first.chain(rest)).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watches_sources_not_output() {
        let root = Path::new("/site");
        let out = Path::new("/tmp/out");
        assert!(relevant(Path::new("/site/content/servizi/x.md"), root, out));
        assert!(relevant(Path::new("/site/vetrina.toml"), root, out));
        assert!(relevant(Path::new("/site/themes/agid/templates/base.html"), root, out));
        assert!(!relevant(Path::new("/site/themes/agid/node_modules/x.js"), root, out));
        assert!(!relevant(Path::new("/site/output/index.html"), root, out));
        assert!(!relevant(Path::new("/tmp/out/index.html"), root, out));
    }
}
