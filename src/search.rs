//! Full-text search: a Pagefind index (Italian stemming) of the content pages, built in
//! memory after rendering and written with the rest of the site under `pagefind/`.

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

/// Pages worth finding: content, not lists (their entries are found on their own pages).
pub fn indexed(path: &str) -> bool {
    const LISTS: &[&str] = &["index.html", "404.html", "servizi/index.html", "convenzioni/index.html", "moduli/index.html", "notizie/index.html", "cerca/index.html", "calcola/index.html", "dati/index.html", "argomenti/index.html"];
    path.ends_with(".html")
        && !LISTS.contains(&path)
        && !["destinatari/", "livelli/", "argomenti/"].iter().any(|p| path.starts_with(p))
}

/// Index the rendered pages. `base_path` is the site's path (`/` or `/cst/`).
pub fn index(pages: &[OutputFile], base_path: &str) -> Result<Vec<OutputFile>, Diagnostic> {
    let fail = |e: String| Diagnostic::file("pagefind", format!("building the search index failed: {e}")).with_help("this is a bug in Vetrina or Pagefind: please report it");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| fail(e.to_string()))?;
    runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder()
            .force_language("it".to_string())
            .root_selector("main".to_string())
            .exclude_selectors(vec!["[data-pagefind-ignore]".into(), "nav".into(), "[data-element=feedback]".into(), ".vetrina-calc".into()])
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).map_err(|e| fail(e.to_string()))?;
        for page in pages.iter().filter(|p| indexed(&p.path)) {
            let url = format!("{}{}", base_path, page.path.trim_end_matches("index.html"));
            let html = String::from_utf8_lossy(&page.bytes).into_owned();
            index.add_html_file(None, Some(url), html).await.map_err(|e| fail(format!("{}: {e}", page.path)))?;
        }
        let files = index.get_files().await.map_err(|e| fail(e.to_string()))?;
        Ok(files
            .into_iter()
            .map(|f| OutputFile { path: format!("pagefind/{}", f.filename.to_string_lossy().replace('\\', "/").trim_start_matches("pagefind/")), bytes: f.contents })
            .collect())
    })
}
