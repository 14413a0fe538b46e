//! Full-text search: a Pagefind index (Italian stemming) of the content pages, built in
//! memory from the pages written in the build's folder and added to the site under `pagefind/`.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

/// Where the index goes in the output.
pub const FOLDER: &str = "pagefind/";

/// Pages worth finding: content, not lists (their entries are found on their own pages).
pub fn indexed(path: &str) -> bool {
    const LISTS: &[&str] = &[
        "index.html",
        "404.html",
        "servizi/index.html",
        "convenzioni/index.html",
        "moduli/index.html",
        "notizie/index.html",
        "cerca/index.html",
        "calcola/index.html",
        "dati/index.html",
        "argomenti/index.html",
    ];
    path.ends_with(".html") && !LISTS.contains(&path) && !["destinatari/", "livelli/", "argomenti/"].iter().any(|p| path.starts_with(p))
}

/// Index the pages written in `dir` (in parallel, as Pagefind reads a folder). Only pages
/// whose `<main>` carries `data-pagefind-body` (see [`indexed`]) are in the index; their
/// URLs are relative to the site's root, and the search page gives Pagefind the base path.
pub fn index(dir: &Path) -> Result<Vec<OutputFile>, Diagnostic> {
    let fail = |e: String| {
        Diagnostic::file("pagefind", format!("building the search index failed: {e}")).with_help("this is a bug in Vetrina or Pagefind: please report it")
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| fail(e.to_string()))?;
    runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder()
            .force_language("it".to_string())
            .root_selector("main".to_string())
            .exclude_selectors(vec!["[data-pagefind-ignore]".into(), "nav".into(), "[data-element=feedback]".into(), ".vetrina-calc".into()])
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).map_err(|e| fail(e.to_string()))?;
        index.add_directory(dir.to_string_lossy().into_owned(), None).await.map_err(|e| fail(e.to_string()))?;
        let files = index.get_files().await.map_err(|e| fail(e.to_string()))?;
        Ok(files
            .into_iter()
            .map(|f| OutputFile { path: format!("{FOLDER}{}", f.filename.to_string_lossy().replace('\\', "/").trim_start_matches(FOLDER)), bytes: f.contents })
            .collect())
    })
}
