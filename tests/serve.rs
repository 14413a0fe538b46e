//! `vetrina serve`: serves the site on loopback, sees an edit within a second, keeps running
//! through a content error (and reports it to the browser), and never serves a file outside
//! its output folder. Left alone it does not rebuild; one save makes one rebuild and one
//! reload; pages read while it rebuilds are never empty or cut short; and a stop signal
//! removes its temporary folder.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `vetrina serve`, stopped as an editor stops it (SIGTERM, then SIGKILL if it
/// does not exit), so that no test leaves a temporary folder behind.
struct Server {
    child: Child,
    /// Its stderr, line by line.
    lines: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Lines of stderr containing `text`.
    fn count(&self, text: &str) -> usize {
        self.lines.lock().unwrap().iter().filter(|l| l.contains(text)).count()
    }

    fn stderr(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    /// Send `signal` and wait (at most 10 s) for the process to exit.
    fn stop(&mut self, signal: &str) -> std::process::ExitStatus {
        let status = Command::new("kill").args([&format!("-{signal}"), &self.child.id().to_string()]).status().unwrap();
        assert!(status.success(), "kill -{signal} failed");
        let t = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(t.elapsed() < Duration::from_secs(10), "serve did not stop within 10 s of SIG{signal}:\n{}", self.stderr());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
            let t = Instant::now();
            while self.child.try_wait().ok().flatten().is_none() && t.elapsed() < Duration::from_secs(5) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The rebuilds a server reported, whether they succeeded or not.
const REBUILT: &str = "ricostruito:";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A raw HTTP/1.1 GET, so that the path is sent exactly as written.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let (status, bytes) = get_bytes(port, path)?;
    Some((status, String::from_utf8_lossy(&bytes).into_owned()))
}

fn get_bytes(port: u16, path: &str) -> Option<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let head = String::from_utf8_lossy(&buf[..buf.len().min(64)]).into_owned();
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, buf))
}

/// A GET that accepts brotli: the `Content-Encoding` of the answer and its body.
fn get_compressed(port: u16, path: &str) -> Option<(Option<String>, Vec<u8>)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: br, gzip\r\nConnection: close\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&buf[..end]).to_lowercase();
    let encoding = head.lines().find_map(|l| l.strip_prefix("content-encoding:")).map(|v| v.trim().to_string());
    Some((encoding, buf[end + 4..].to_vec()))
}

/// Start `vetrina serve` on `root` with these environment variables; returns once it
/// serves the home page.
fn start_at(root: &Path, env: &[(&str, &Path)]) -> (Server, u16) {
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_vetrina"));
    command.args(["serve", "--root"]).arg(root).args(["--port", &port.to_string()]).stdout(Stdio::null()).stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().unwrap();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let stderr = child.stderr.take().unwrap();
    let sink = lines.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    let server = Server { child, lines };
    let t = Instant::now();
    while get(port, "/").is_none_or(|(s, _)| s != 200) {
        assert!(t.elapsed() < Duration::from_secs(60), "serve did not start:\n{}", server.stderr());
        std::thread::sleep(Duration::from_millis(50));
    }
    (server, port)
}

fn start(site: &common::Site) -> (Server, u16) {
    start_at(&site.root(), &[])
}

/// A copy of the example site (the repository's content, config and theme, with its npm
/// install linked), to edit without touching the repository.
fn example_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let repo = common::repo();
    let wanted = |rel: &Path| ["content", "themes", "static", "vetrina.toml"].iter().any(|w| rel.starts_with(w));
    let walk = walkdir::WalkDir::new(&repo).min_depth(1).into_iter();
    for entry in walk.filter_entry(|e| e.file_name() != "node_modules" && wanted(e.path().strip_prefix(&repo).unwrap())) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&repo).unwrap();
        let target = root.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    common::link_node_modules(&root);
    (dir, root)
}

/// Counts the events of one `/__vetrina/events` stream, as a browser tab listens to them.
struct EventCounter {
    reloads: Arc<AtomicUsize>,
    open: Arc<AtomicBool>,
}

impl EventCounter {
    fn connect(port: u16) -> EventCounter {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET /__vetrina/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let (reloads, open) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicBool::new(true)));
        let (count, alive) = (reloads.clone(), open.clone());
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines() {
                match line {
                    Ok(l) if l.trim() == "event: reload" => {
                        count.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
            alive.store(false, Ordering::SeqCst);
        });
        EventCounter { reloads, open }
    }

    fn reloads(&self) -> usize {
        self.reloads.load(Ordering::SeqCst)
    }
}

/// Wait until `done` holds, at most `limit`.
fn wait_until(limit: Duration, what: &str, done: impl Fn() -> bool) {
    let t = Instant::now();
    while !done() {
        assert!(t.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_for(port: u16, path: &str, text: &str, limit: Duration) -> Duration {
    let t = Instant::now();
    loop {
        if get(port, path).is_some_and(|(s, body)| s == 200 && body.contains(text)) {
            return t.elapsed();
        }
        assert!(t.elapsed() < limit, "{path} did not show {text:?} within {limit:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn an_edit_shows_up_within_a_second() {
    let site = common::Site::new();
    let (_server, port) = start(&site);
    let (status, body) = get(port, "/servizi/primo-servizio/").unwrap();
    assert_eq!(status, 200);
    assert!(body.contains("__vetrina/livereload.js"), "no live-reload script");
    site.edit("content/servizi/primo-servizio.md", "titolo = \"Primo servizio\"", "titolo = \"Servizio rinnovato\"");
    let took = wait_for(port, "/servizi/primo-servizio/", "Servizio rinnovato", Duration::from_secs(1));
    eprintln!("edit visible after {took:?}");
}

#[test]
fn a_content_error_keeps_the_server_running_and_fixing_it_restores_the_page() {
    let site = common::Site::new();
    let (_server, port) = start(&site);
    site.edit("content/tariffe/primo-servizio.md", "importo = \"500.00\"", "importo = 500.5");
    // The error reaches the browser through the event stream, with its position.
    let t = Instant::now();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET /__vetrina/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    s.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let mut seen = String::new();
    while !seen.contains("content/tariffe/primo-servizio.md:10:25") {
        let mut buf = [0u8; 4096];
        if let Ok(n) = s.read(&mut buf) {
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        if t.elapsed() > Duration::from_secs(5) {
            // Reconnect: the first connection may have opened before the rebuild finished.
            s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(s, "GET /__vetrina/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            s.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
            assert!(t.elapsed() < Duration::from_secs(15), "no error event: {seen}");
        }
    }
    assert!(seen.contains("event: errors"), "{seen}");
    // The last good pages are still served.
    assert_eq!(get(port, "/servizi/primo-servizio/").unwrap().0, 200);
    site.edit("content/tariffe/primo-servizio.md", "importo = 500.5", "importo = \"650.00\"");
    wait_for(port, "/servizi/primo-servizio/", "650,00", Duration::from_secs(5));
}

#[test]
fn nothing_outside_the_output_folder_is_served() {
    let site = common::Site::new();
    site.write("secret.txt", "top secret");
    let (_server, port) = start(&site);
    for path in [
        "/../vetrina.toml",
        "/../../site/vetrina.toml",
        "/%2e%2e/vetrina.toml",
        "/%2E%2E/%2E%2E/site/secret.txt",
        "/..%2fvetrina.toml",
        "/..%5cvetrina.toml",
        "/servizi/../../vetrina.toml",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "//etc/passwd",
    ] {
        let (status, body) = get(port, path).unwrap();
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(!body.contains("top secret") && !body.contains("base_url") && !body.contains("root:"), "{path} leaked a file");
    }
}

#[test]
fn left_alone_it_does_not_rebuild_and_one_save_makes_one_rebuild_and_one_reload() {
    let (_dir, root) = example_site();
    let (server, port) = start_at(&root, &[]);
    let tab = EventCounter::connect(port);
    // Rebuilding reads the theme: reacting to those reads rebuilt the site ten times a second.
    std::thread::sleep(Duration::from_secs(5));
    assert_eq!(server.count(REBUILT), 0, "rebuilt with nothing edited:\n{}", server.stderr());
    assert_eq!(tab.reloads(), 0, "reloaded with nothing edited");
    let service = root.join("content/servizi/app-io.md");
    let text = std::fs::read_to_string(&service).unwrap();
    std::fs::write(&service, text.replacen("## Descrizione\n", "## Descrizione\n\nUna modifica.\n", 1)).unwrap();
    wait_until(Duration::from_secs(20), "a rebuild after the save", || server.count(REBUILT) >= 1);
    wait_until(Duration::from_secs(5), "a reload after the rebuild", || tab.reloads() >= 1);
    // Time for a second rebuild, and its reload, if the save or the rebuild caused one.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(server.count(REBUILT), 1, "one save, several rebuilds:\n{}", server.stderr());
    assert_eq!(tab.reloads(), 1, "one save, several reloads");
    assert!(server.count("Sito ricostruito:") == 1, "the rebuild failed:\n{}", server.stderr());
    assert!(get(port, "/servizi/app-io/").unwrap().1.contains("Una modifica."));
}

/// One response of the dev server, and why it is not a whole page (None when it is).
fn partial(status: u16, response: &[u8]) -> Option<String> {
    let split = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    let (head, body) = (String::from_utf8_lossy(&response[..split]).to_ascii_lowercase(), &response[split + 4..]);
    if status != 200 {
        return Some(format!("status {status}"));
    }
    let length = head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse::<usize>().ok());
    if body.is_empty() {
        return Some("empty body".into());
    }
    if length != Some(body.len()) {
        return Some(format!("Content-Length {length:?}, body of {} bytes", body.len()));
    }
    if !String::from_utf8_lossy(body).trim_end().ends_with("</html>") {
        return Some(format!("cut short after {} bytes", body.len()));
    }
    None
}

#[test]
fn pages_read_during_rebuilds_are_never_empty_or_cut_short() {
    let (_dir, root) = example_site();
    let (server, port) = start_at(&root, &[]);
    let service = root.join("content/servizi/app-io.md");
    let text = std::fs::read_to_string(&service).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let (served, bad) = (Arc::new(AtomicUsize::new(0)), Arc::new(Mutex::new(Vec::new())));
    let readers: Vec<_> = (0..8)
        .map(|i| {
            let (stop, served, bad) = (stop.clone(), served.clone(), bad.clone());
            std::thread::spawn(move || {
                // The edited page most of the time, and two pages a rebuild may rewrite.
                let paths = ["/servizi/app-io/", "/servizi/app-io/", "/servizi/app-io/", "/servizi/", "/"];
                for n in 0..20_000 {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let path = paths[(i + n) % paths.len()];
                    let Some((status, response)) = get_bytes(port, path) else { continue };
                    served.fetch_add(1, Ordering::SeqCst);
                    if let Some(why) = partial(status, &response) {
                        bad.lock().unwrap().push(format!("{path}: {why}"));
                    }
                }
            })
        })
        .collect();
    let t = Instant::now();
    let mut edits = 0;
    while t.elapsed() < Duration::from_secs(4) {
        edits += 1;
        std::fs::write(&service, text.replacen("## Descrizione\n", &format!("## Descrizione\n\nModifica {edits}.\n"), 1)).unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }
    wait_until(Duration::from_secs(20), "a rebuild after the last edit", || {
        get(port, "/servizi/app-io/").is_some_and(|(_, body)| body.contains(&format!("Modifica {edits}.")))
    });
    stop.store(true, Ordering::SeqCst);
    for r in readers {
        r.join().unwrap();
    }
    let bad = bad.lock().unwrap();
    let rebuilds = server.count("Sito ricostruito:");
    eprintln!("{edits} edits, {rebuilds} rebuilds, {} responses, {} bad", served.load(Ordering::SeqCst), bad.len());
    assert!(rebuilds >= 2, "too few rebuilds to tell:\n{}", server.stderr());
    assert!(bad.is_empty(), "{} partial responses, e.g. {:?}", bad.len(), &bad[..bad.len().min(5)]);
}

#[test]
fn a_stop_signal_removes_the_temporary_folder() {
    let site = common::Site::new();
    for signal in ["TERM", "INT"] {
        let tmp = tempfile::tempdir().unwrap();
        let (mut server, port) = start_at(&site.root(), &[("TMPDIR", tmp.path())]);
        let made: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
        assert!(made.iter().any(|n| n.to_string_lossy().starts_with("vetrina-serve-")), "no temporary folder in TMPDIR: {made:?}");
        // An open page keeps an event stream open: it must not hold the server.
        let tab = EventCounter::connect(port);
        std::thread::sleep(Duration::from_millis(300));
        let status = server.stop(signal);
        assert!(status.success(), "SIG{signal}: {status}\n{}", server.stderr());
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
        wait_until(Duration::from_secs(2), "the event stream ends", || !tab.open.load(Ordering::SeqCst));
    }
}

/// With `comprimi` on (the default), the preview sends the brotli copy to a browser that
/// accepts it, and a rebuild replaces the copy with the page: never the old page compressed.
#[test]
fn compressed_copies_are_served_and_follow_each_rebuild() {
    let site = common::Site::new();
    let (_server, port) = start(&site);
    let page = "/servizi/primo-servizio/";
    let decoded = || {
        let (encoding, body) = get_compressed(port, page).unwrap();
        assert_eq!(encoding.as_deref(), Some("br"), "the page is not sent compressed");
        let mut text = String::new();
        brotli::Decompressor::new(&body[..], 4096).read_to_string(&mut text).unwrap();
        text
    };
    assert!(decoded().contains("Primo servizio"));
    site.edit("content/servizi/primo-servizio.md", "titolo = \"Primo servizio\"", "titolo = \"Servizio rinnovato\"");
    wait_for(port, page, "Servizio rinnovato", Duration::from_secs(10));
    let text = decoded();
    assert!(text.contains("Servizio rinnovato") && !text.contains(">Primo servizio<"), "the compressed copy is stale");
}
