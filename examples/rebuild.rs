//! Times what `vetrina serve` does after an editor saves one service:
//! `cargo run --release --example rebuild -- DIR [--stages]` (a site made by the corpus
//! example); `--stages` adds the time of each stage.

use std::sync::Mutex;
use std::time::Instant;

use vetrina::build::{Options, Progress};
use vetrina::serve::Session;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: rebuild DIR");
        std::process::exit(2);
    };
    let root = std::path::PathBuf::from(dir);
    let out = tempfile::tempdir().expect("tempdir");
    let mut options = Options::new(&root);
    options.output = Some(out.path().join("site"));
    options.live_reload = true;
    let mut session = Session::new(options);
    let t = Instant::now();
    let first = session.build().unwrap_or_else(|e| panic!("{} errors", e.len()));
    println!("first build: {} pages in {:.2} s", first.pages, t.elapsed().as_secs_f64());
    let service = std::fs::read_dir(root.join("content/servizi")).expect("servizi").filter_map(Result::ok).map(|e| e.path()).max().expect("a service");
    let original = std::fs::read_to_string(&service).expect("read");
    // As `serve` does: rebuild and reload, then bring the search index up to date.
    let (mut reload, mut search) = (Vec::new(), Vec::new());
    let stages = Stages::default();
    for i in 0..5 {
        std::fs::write(&service, original.replacen("## Descrizione\n", &format!("## Descrizione\n\nModifica {i}.\n"), 1)).expect("write");
        let t = Instant::now();
        session.rebuild_with(&stages).unwrap_or_else(|e| panic!("{} errors", e.len()));
        stages.stage("done");
        reload.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        session.update_search().unwrap_or_else(|e| panic!("{e:?}"));
        search.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&service, original).expect("restore");
    for (what, times) in [("one-service rebuild, until the reload", &mut reload), ("then the search index", &mut search)] {
        times.sort_by(f64::total_cmp);
        println!("{what}: median {:.0} ms (min {:.0}, max {:.0})", times[2], times[0], times[4]);
    }
    if std::env::args().any(|a| a == "--stages") {
        for (name, total) in stages.totals.into_inner().unwrap_or_default() {
            println!("  {name}: {:.1} ms per rebuild", total * 1000.0 / 5.0);
        }
    }
}

/// Adds up the time of each stage over the rebuilds.
#[derive(Default)]
struct Stages {
    current: Mutex<Option<(String, Instant)>>,
    totals: Mutex<Vec<(String, f64)>>,
}

impl Progress for Stages {
    fn stage(&self, name: &str) {
        let (Ok(mut current), Ok(mut totals)) = (self.current.lock(), self.totals.lock()) else {
            return;
        };
        if let Some((prev, start)) = current.take() {
            let secs = start.elapsed().as_secs_f64();
            match totals.iter_mut().find(|(n, _)| *n == prev) {
                Some((_, t)) => *t += secs,
                None => totals.push((prev, secs)),
            }
        }
        if name != "done" {
            *current = Some((name.to_string(), Instant::now()));
        }
    }
}
