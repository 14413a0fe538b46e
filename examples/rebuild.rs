//! Times what `vetrina serve` does after an editor saves one service:
//! `cargo run --release --example rebuild -- DIR` (a site made by the corpus example).

use std::time::Instant;

use vetrina::pipeline::Options;
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
    let mut times = Vec::new();
    for i in 0..5 {
        std::fs::write(&service, original.replacen("## Descrizione\n", &format!("## Descrizione\n\nModifica {i}.\n"), 1)).expect("write");
        let t = Instant::now();
        session.build().unwrap_or_else(|e| panic!("{} errors", e.len()));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&service, original).expect("restore");
    times.sort_by(f64::total_cmp);
    println!("one-service rebuild: median {:.0} ms (min {:.0}, max {:.0})", times[2], times[0], times[4]);
}
