//! `vetrina serve`: build into a temporary folder, serve it on loopback, watch the site's
//! sources (`watch`), rebuild once per burst of saves and reload the browser (Server-Sent
//! Events). A failed build keeps the last good pages and shows the errors over them until
//! they are fixed. A rebuild replaces each changed file whole (see `write`), so a page
//! requested meanwhile is the old one or the new one, never half of one.
//!
//! It also runs the editing interface against the site's folder (`cms`): `/admin/` edits
//! the files, and each save rebuilds like any other.
//!
//! Ctrl-C, SIGTERM and SIGHUP (the terminal closed) stop it cleanly: the browsers' event
//! streams are ended, the rebuild under way finishes, and the temporary folder is removed.

pub mod cms;
mod watch;

use std::convert::Infallible;
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use axum::Router;
use tokio::signal::unix::{signal, Signal, SignalKind};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};
use tower_http::services::{ServeDir, ServeFile};

use crate::build::{self, Options, Quiet};
use crate::diagnostics::Diagnostic;
use crate::incremental::Cache;
use crate::t;
use watch::{Wake, Watch};

/// After a stop signal, how long requests still under way may take before the server
/// closes them.
const GRACE: Duration = Duration::from_secs(2);

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
    /// The preview is stopping: end the event streams.
    Closing,
}

#[derive(Debug)]
pub enum ServeError {
    Bind(SocketAddr, std::io::Error),
    Watch(PathBuf, notify::Error),
    Io(std::io::Error),
}

impl From<std::io::Error> for ServeError {
    fn from(e: std::io::Error) -> Self {
        ServeError::Io(e)
    }
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ServeError::Bind(addr, e) => t!("serve-bind", addr = addr.to_string(), why = e.to_string()),
            ServeError::Watch(path, e) => t!("serve-watch", path = path, why = e.to_string()),
            ServeError::Io(e) => e.to_string(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ServeError {}

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
    pub fn build(&mut self) -> Result<build::Summary, Vec<Diagnostic>> {
        let summary = self.rebuild()?;
        self.update_search().map_err(|e| vec![e])?;
        Ok(summary)
    }

    /// Rebuild what changed, leaving the search index as it was (see `update_search`), so
    /// the browser can reload at once.
    pub fn rebuild(&mut self) -> Result<build::Summary, Vec<Diagnostic>> {
        self.rebuild_with(&Quiet)
    }

    /// `rebuild`, reporting its stages (for timing them).
    pub fn rebuild_with(&mut self, progress: &dyn build::Progress) -> Result<build::Summary, Vec<Diagnostic>> {
        build::run(&self.options, build::Mode::Serve(&mut self.cache), progress)
    }

    /// Bring the search index up to date with the pages in the output (nothing to do when
    /// no indexed page changed). Returns the number of index files written.
    pub fn update_search(&mut self) -> Result<usize, Diagnostic> {
        build::update_search(&self.options, &mut self.cache)
    }
}

fn error_lines(errors: &[Diagnostic]) -> Vec<String> {
    errors.iter().map(|e| e.render(false)).collect()
}

/// Print the errors (or the content warnings) of a build on stderr, in colour on a terminal.
fn print_errors(errors: &[Diagnostic]) {
    let color = std::io::stderr().is_terminal();
    for e in errors {
        eprintln!("{}", e.render(color));
    }
}

/// The last build's outcome, for the event stream of a page opened later.
type State = Arc<Mutex<Option<BuildEvent>>>;

pub fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let root = std::fs::canonicalize(&opts.root)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    // From here on a stop signal no longer kills the process at once: it ends the server,
    // and the temporary folder is removed below, even during the first build.
    let signals = Signals::listen(&runtime)?;
    // Listening first: a port already in use is said at once, not after the first build, and
    // a browser that connects meanwhile waits for it.
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = runtime.block_on(tokio::net::TcpListener::bind(addr)).map_err(|e| ServeError::Bind(addr, e))?;
    let out_dir = tempfile::Builder::new().prefix("vetrina-serve-").tempdir()?;
    let output = out_dir.path().join("site");
    let mut options = Options::new(&root);
    options.output = Some(output.clone());
    options.base_url = Some(format!("http://{addr}/"));
    options.drafts = opts.drafts;
    options.live_reload = true;

    let (wake, woken) = mpsc::channel::<Wake>();
    // Watching starts before the first build, so that a save during it is not missed.
    let watch = Watch::start(&root, &output, wake.clone())?;
    let mut session = Session::new(options);
    let state: State = Arc::new(Mutex::new(first_build(&mut session, &output)?));
    let (events, _) = broadcast::channel::<BuildEvent>(16);
    let stopping = Arc::new(AtomicBool::new(false));
    let rebuilds = Rebuilds { session, watch, events: events.clone(), state: state.clone(), stopping: stopping.clone() };
    let rebuilder = std::thread::spawn(move || rebuilds.run(woken));

    let served = runtime.block_on(http(listener, &root, &output, state, events, signals));
    // No rebuild may write into the temporary folder once it is removed.
    stopping.store(true, Ordering::Relaxed);
    let _ = wake.send(Wake::Stop);
    let _ = rebuilder.join();
    let folder = out_dir.path().to_path_buf();
    match out_dir.close() {
        Ok(()) => eprintln!("{}", t!("serve-stopped")),
        Err(e) => eprintln!("{}: {}", t!("warning"), t!("serve-tmp-left", path = folder, why = e.to_string())),
    }
    served
}

/// The first build. Its errors are printed and become the state pages show; an empty site
/// is served meanwhile, so that the overlay can say what is wrong.
fn first_build(session: &mut Session, output: &Path) -> Result<Option<BuildEvent>, ServeError> {
    let started = Instant::now();
    match session.build() {
        Ok(s) => {
            let seconds = crate::i18n::decimal(started.elapsed().as_secs_f64(), 2);
            eprintln!("{}", t!("serve-built", pages = s.pages, seconds = seconds));
            print_errors(&s.content_warnings);
            Ok(None)
        }
        Err(found) => {
            print_errors(&found);
            eprintln!("{}", t!("serve-first-errors", count = found.len()));
            std::fs::create_dir_all(output)?;
            Ok(Some(BuildEvent::Errors(error_lines(&found))))
        }
    }
}

/// The rebuild thread: one rebuild at a time, after each burst of changes.
struct Rebuilds {
    session: Session,
    watch: Watch,
    events: broadcast::Sender<BuildEvent>,
    state: State,
    stopping: Arc<AtomicBool>,
}

impl Rebuilds {
    fn run(mut self, woken: mpsc::Receiver<Wake>) {
        while watch::next_burst(&woken) {
            if let Err(e) = self.watch.refresh() {
                eprintln!("{}: {e}", t!("warning"));
            }
            let search_pending = self.rebuild();
            // The page reloads first; the search index follows, unless the preview is stopping.
            if search_pending && !self.stopping.load(Ordering::Relaxed) {
                let t = Instant::now();
                match self.session.update_search() {
                    Ok(n) => eprintln!("{}", t!("serve-search-updated", files = n, ms = t.elapsed().as_millis() as u64)),
                    Err(e) => print_errors(&[e]),
                }
            }
        }
    }

    /// Rebuild, print the outcome once, and tell the browsers. True when the search index
    /// is left to update.
    fn rebuild(&mut self) -> bool {
        let t = Instant::now();
        let (event, search_pending) = match self.session.rebuild() {
            Ok(s) => {
                eprintln!("{}", t!("serve-rebuilt", pages = s.pages, rendered = s.rendered, ms = t.elapsed().as_millis() as u64));
                print_errors(&s.content_warnings);
                (BuildEvent::Reload, s.search_pending)
            }
            Err(found) => {
                print_errors(&found);
                eprintln!("{}", t!("serve-not-rebuilt", count = found.len()));
                (BuildEvent::Errors(error_lines(&found)), false)
            }
        };
        if let Ok(mut s) = self.state.lock() {
            *s = match &event {
                BuildEvent::Errors(_) => Some(event.clone()),
                _ => None,
            };
        }
        let _ = self.events.send(event);
        search_pending
    }
}

/// The signals that stop the preview: Ctrl-C, SIGTERM (`kill`, a service manager) and
/// SIGHUP (the terminal closed).
struct Signals {
    interrupt: Signal,
    terminate: Signal,
    hangup: Signal,
}

impl Signals {
    /// Catch them from now on (they are registered with `runtime`, which must stay alive).
    fn listen(runtime: &tokio::runtime::Runtime) -> std::io::Result<Signals> {
        let _context = runtime.enter();
        Ok(Signals { interrupt: signal(SignalKind::interrupt())?, terminate: signal(SignalKind::terminate())?, hangup: signal(SignalKind::hangup())? })
    }

    async fn recv(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
            _ = self.hangup.recv() => {}
        }
    }
}

/// Serve the output until a stop signal. Then the event streams end (every open page holds
/// one, which would keep the server waiting forever) and the requests under way get `GRACE`
/// to finish.
async fn http(
    listener: tokio::net::TcpListener,
    root: &Path,
    output: &Path,
    state: State,
    events: broadcast::Sender<BuildEvent>,
    signals: Signals,
) -> Result<(), ServeError> {
    let addr = listener.local_addr()?;
    // The build's `.br`/`.gz` copies, to a browser that accepts them, as a static host does.
    let not_found = ServeFile::new(output.join("404.html")).precompressed_br().precompressed_gzip();
    let files = ServeDir::new(output).append_index_html_on_directories(true).precompressed_br().precompressed_gzip().not_found_service(not_found);
    let subscribe = events.clone();
    let app = Router::new()
        .route(
            "/__vetrina/events",
            get(move || {
                let current = state.lock().ok().and_then(|s| s.clone());
                let rx = subscribe.subscribe();
                async move { sse(current, rx) }
            }),
        )
        .merge(cms_routes(root, output, addr))
        .fallback_service(files);
    eprintln!("{}", t!("serve-listening", root = root, url = format!("http://{addr}/")));
    eprintln!("{}", t!("serve-cms", url = format!("http://{addr}/{}", crate::routes::CMS_FOLDER)));
    let (stopped, on_stop) = tokio::sync::oneshot::channel::<()>();
    let shutdown = async move {
        signals.recv().await;
        eprintln!("{}", t!("serve-stopping"));
        let _ = events.send(BuildEvent::Closing);
        let _ = stopped.send(());
    };
    let server = std::future::IntoFuture::into_future(axum::serve(listener, app).with_graceful_shutdown(shutdown));
    let grace = async {
        if on_stop.await.is_ok() {
            tokio::time::sleep(GRACE).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        served = server => served.map_err(ServeError::Io),
        () = grace => Ok(()),
    }
}

/// The editing interface's local backend (`POST /api/v1`) and its settings pointing at it.
fn cms_routes(root: &Path, output: &Path, addr: SocketAddr) -> Router {
    let backend = Arc::new(cms::Backend { root: root.to_path_buf() });
    let api = format!("http://{addr}/api/v1");
    let built = output.join(crate::routes::CMS_FOLDER).join(crate::artifacts::cms::CONFIG_FILE);
    let config = move || {
        let local = std::fs::read(&built).ok().and_then(|b| cms::local_config(&b, &api));
        async move {
            match local {
                Some(bytes) => json_response(200, bytes, "text/yaml; charset=utf-8"),
                None => json_response(404, Vec::new(), "text/plain"),
            }
        }
    };
    let request = move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
        let backend = backend.clone();
        async move { cms_request(backend, &addr.to_string(), &headers, &body).await }
    };
    Router::new()
        .route("/api/v1", axum::routing::post(request))
        .route(&format!("/{}{}", crate::routes::CMS_FOLDER, crate::artifacts::cms::CONFIG_FILE), get(config))
        // Images come base64-encoded in the request.
        .layer(axum::extract::DefaultBodyLimit::max(32 * 1024 * 1024))
}

async fn cms_request(backend: Arc<cms::Backend>, addr: &str, headers: &axum::http::HeaderMap, body: &[u8]) -> axum::response::Response {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let error = |status: u16, message: String| json_response(status, serde_json::json!({ "error": message }).to_string().into_bytes(), "application/json");
    if !cms::same_origin(header("origin"), header("host"), addr) {
        return error(403, t!("cms-api-origin"));
    }
    let Ok(request) = serde_json::from_slice::<serde_json::Value>(body) else { return error(422, t!("cms-api-bad-request", why = "JSON")) };
    let action = request.get("action").and_then(serde_json::Value::as_str).unwrap_or("").to_string();
    let params = request.get("params").cloned().unwrap_or(serde_json::Value::Null);
    match tokio::task::spawn_blocking(move || backend.handle(&action, &params)).await {
        Ok(Ok(value)) => json_response(200, value.to_string().into_bytes(), "application/json"),
        Ok(Err(e)) => error(e.status(), e.to_string()),
        Err(e) => error(500, e.to_string()),
    }
}

fn json_response(status: u16, bytes: Vec<u8>, content_type: &str) -> axum::response::Response {
    let mut response = axum::response::Response::new(axum::body::Body::from(bytes));
    *response.status_mut() = axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(v) = axum::http::HeaderValue::from_str(content_type) {
        response.headers_mut().insert(axum::http::header::CONTENT_TYPE, v);
    }
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    response
}

fn to_event(e: BuildEvent) -> Event {
    match e {
        BuildEvent::Reload => Event::default().event("reload").data("ok"),
        BuildEvent::Errors(lines) => {
            // The overlay's title comes in the user's language with the errors.
            let title = t!("serve-overlay-title", count = lines.len());
            Event::default().event("errors").data(serde_json::json!({ "title": title, "errors": lines }).to_string())
        }
        BuildEvent::Closing => Event::default().comment("closing"),
    }
}

/// The event stream of one browser tab: the current error state first, then every build,
/// until the preview stops.
fn sse(current: Option<BuildEvent>, rx: broadcast::Receiver<BuildEvent>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = tokio_stream::iter(current);
    let rest = BroadcastStream::new(rx).filter_map(|e| e.ok());
    let stream = first.chain(rest).take_while(|e| !matches!(e, BuildEvent::Closing)).map(|e| Ok(to_event(e)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}
