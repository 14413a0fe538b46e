//! Writes a synthetic catalog of N services for benchmarks:
//! `cargo run --release --example corpus -- 10000 /tmp/corpus`
//!
//! It starts from the example catalog in `content/` (so every content feature and every
//! tariff model is there: bands, tiers, sums, per unit, options, overrides, conventions with
//! articles, forms, news, pages, member Enti) and adds copies of its services, each with its
//! own copy of its tariff, plus one news item every ten services, until there are N services.
//! The theme's templates and static files are copied (Vetrina reads no theme through a
//! link); its `node_modules` is linked.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next().and_then(|n| n.parse::<usize>().ok()), args.next()) else {
        eprintln!("usage: corpus N DIR   (N services, written into DIR, which must not exist)");
        std::process::exit(2);
    };
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = PathBuf::from(dir);
    if dir.exists() {
        eprintln!("{} exists: choose a new folder", dir.display());
        std::process::exit(2);
    }
    if let Err(e) = write(&repo, &dir, n) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    eprintln!("Wrote a catalog of {n} services into {}", dir.display());
}

fn write(repo: &Path, dir: &Path, n: usize) -> std::io::Result<()> {
    let content = repo.join("content");
    for sub in ["convenzioni", "moduli", "pagine", "dati", "tariffe", "servizi", "notizie"] {
        copy_dir(&content.join(sub), &dir.join("content").join(sub))?;
    }
    fs::copy(repo.join("vetrina.toml"), dir.join("vetrina.toml"))?;
    fs::create_dir_all(dir.join("themes"))?;
    copy_theme(&repo.join("themes/agid"), &dir.join("themes/agid"))?;

    let services = sorted_files(&content.join("servizi"))?;
    let news = sorted_files(&content.join("notizie"))?;
    for i in 0..n.saturating_sub(services.len()) {
        let original = &services[i % services.len()];
        let stem = original.file_stem().unwrap_or_default().to_string_lossy().to_string();
        let slug = format!("s{i:05}-{stem}");
        let mut text = fs::read_to_string(original)?;
        text = text.replacen("titolo = \"", &format!("titolo = \"N. {i} – "), 1);
        text = text.replace("in_evidenza = true", "in_evidenza = false");
        if let Some(tariff) = field(&text, "tariffa") {
            let copy = format!("t{i:05}-{tariff}");
            let t = fs::read_to_string(content.join("tariffe").join(format!("{tariff}.md")))?;
            fs::write(dir.join("content/tariffe").join(format!("{copy}.md")), t.replacen("titolo = \"", &format!("titolo = \"N. {i} – "), 1))?;
            text = text.replacen(&format!("tariffa = \"{tariff}\""), &format!("tariffa = \"{copy}\""), 1);
        }
        fs::write(dir.join("content/servizi").join(format!("{slug}.md")), text)?;
        if i % 10 == 0 {
            let original = &news[i / 10 % news.len()];
            let text = fs::read_to_string(original)?.replacen("titolo = \"", &format!("titolo = \"N. {i} – "), 1);
            fs::write(dir.join("content/notizie").join(format!("n{i:05}.md")), text)?;
        }
    }
    Ok(())
}

fn field(text: &str, key: &str) -> Option<String> {
    let line = text.lines().find(|l| l.starts_with(&format!("{key} = \"")))?;
    Some(line.split('"').nth(1)?.to_string())
}

fn sorted_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)?.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
    v.sort();
    Ok(v)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        if entry.path().is_file() {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// The theme's templates and static files, copied; its npm install, linked.
fn copy_theme(from: &Path, to: &Path) -> std::io::Result<()> {
    for part in ["templates", "static", "nuovo"] {
        for entry in walkdir::WalkDir::new(from.join(part)).into_iter().filter_map(Result::ok) {
            let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
            if entry.file_type().is_dir() {
                fs::create_dir_all(to.join(rel))?;
            } else {
                fs::copy(entry.path(), to.join(rel))?;
            }
        }
    }
    std::os::unix::fs::symlink(from.join("node_modules"), to.join("node_modules"))
}
