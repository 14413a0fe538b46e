//! `vetrina serve`: serves the site on loopback, sees an edit within a second, keeps running
//! through a content error (and reports it to the browser), and never serves a file outside
//! its output folder.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A raw HTTP/1.1 GET, so that the path is sent exactly as written.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, text))
}

fn start(site: &common::Site) -> (Server, u16) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_vetrina"))
        .args(["serve", "--root"])
        .arg(site.root())
        .args(["--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    let t = Instant::now();
    while get(port, "/").is_none_or(|(s, _)| s != 200) {
        assert!(t.elapsed() < Duration::from_secs(30), "serve did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    (server, port)
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
