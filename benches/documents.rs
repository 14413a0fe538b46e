//! PDF (and ODT) generation time per document of the example site.
//! Run with `cargo bench --bench documents` (an optimised build; `-- --quick` for 3 runs).

use std::path::Path;
use std::time::{Duration, Instant};

use vetrina::artifacts::documents::{self, Fonts};
use vetrina::content;
use vetrina::input::{config, gitdates, load};
use vetrina::model::{self, Publication};

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = if quick { 3 } else { 20 };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (inputs, _) = load::load(root).unwrap_or_else(|e| panic!("{e:?}"));
    let config = config::parse(&inputs.config, None).unwrap_or_else(|e| panic!("{e:?}"));
    let (catalog, errors) = content::parse_catalog(&inputs, config.vat);
    assert!(errors.is_empty(), "{errors:?}");
    let today = jiff::civil::Date::constant(2026, 11, 23);
    let (published, _) = model::select(catalog, Publication { drafts: false, today });
    let git = gitdates::GitDates::read(root);
    let theme_dir = root.join("themes").join(&config.theme);
    let (site, _) = model::build(config, &published, &inputs.files, &git, root, today, &vetrina::vocabulary::Vocabularies::embedded());

    let start = Instant::now();
    let fonts = Fonts::load(&theme_dir).expect("run `npm ci --prefix themes/agid` first");
    let font_time = start.elapsed();
    let jobs = documents::jobs(&site, &published);

    println!("{:<80} {:>7} {:>7} {:>7}", "document", "PDF KB", "PDF ms", "ODT ms");
    let (mut pdf_total, mut odt_total, mut pdfs) = (Duration::ZERO, Duration::ZERO, 0u32);
    for job in &jobs {
        let (mut pdf_ms, mut size) = ("-".to_string(), "-".to_string());
        if job.pdf {
            let mut bytes = 0;
            let t = time(runs, || bytes = documents::pdf_bytes(&job.doc, &fonts).len());
            pdf_total += t;
            pdfs += 1;
            pdf_ms = format!("{:.2}", ms(t));
            size = bytes.div_ceil(1024).to_string();
        }
        let t = time(runs, || {
            documents::odt_bytes(&job.doc).expect("odt");
        });
        odt_total += t;
        println!("{:<80} {:>7} {:>7} {:>7.2}", job.path, size, pdf_ms, ms(t));
    }
    println!();
    println!("fonts loaded and compressed once in {:.1} ms", ms(font_time));
    println!(
        "{} PDFs: {:.2} ms each on average; {} ODTs: {:.2} ms each",
        pdfs,
        ms(pdf_total) / f64::from(pdfs.max(1)),
        jobs.len(),
        ms(odt_total) / jobs.len().max(1) as f64
    );
    let t = time(runs.min(5), || {
        // Made and measured, not written: the sink of `vetrina check`.
        documents::generate(&site, &published, &theme_dir, &vetrina::write::Sink::discard(), None).expect("generate");
    });
    println!(
        "all {} documents, in parallel on {} threads: {:.1} ms",
        jobs.iter().map(|j| usize::from(j.pdf) + usize::from(j.odt)).sum::<usize>(),
        rayon::current_num_threads(),
        ms(t)
    );
}

/// Mean time of one run, after one warm-up run.
fn time(runs: u32, mut f: impl FnMut()) -> Duration {
    f();
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    start.elapsed() / runs
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
