//! Full-text search: a Pagefind index (Italian stemming) of the content pages, built in
//! memory from the pages written in the build's folder and added to the site under `pagefind/`.

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;

use crate::routes::{indexed, SEARCH_FOLDER as FOLDER};

/// Index `pages`, written in `dir`. Pagefind reads a folder in parallel, so the pages are
/// copied into a temporary folder beside `dir` that holds only them (lists are never
/// parsed), each with a space at the end of its cells and items (`spaced`). Their `<main>` carries `data-pagefind-body`; their URLs are relative to the
/// site's root, and the search page gives Pagefind the base path.
pub fn index<'a>(dir: &Path, pages: impl Iterator<Item = &'a str>) -> Result<Vec<OutputFile>, Diagnostic> {
    let fail = |e: String| Diagnostic::file("pagefind", crate::t!("search-failed", why = e)).with_help(crate::t!("search-failed-help"));
    let io = |e: crate::write::WriteError| e.into_diagnostic();
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let view = crate::write::Scratch::new(parent, crate::write::SEARCH_PREFIX).map_err(io)?;
    let pages: Vec<&str> = pages.filter(|p| indexed(p)).collect();
    pages
        .par_iter()
        .try_for_each(|p| crate::write::copy_changed(&crate::write::safe_join(dir, p)?, &crate::write::safe_join(view.path(), p)?, spaced))
        .map_err(io)?;
    let view_dir = view.path().to_string_lossy().into_owned();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| fail(e.to_string()))?;
    runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder()
            .force_language("it".to_string())
            .root_selector("main".to_string())
            .exclude_selectors(vec!["[data-pagefind-ignore]".into(), "nav".into(), "[data-element=feedback]".into(), ".vetrina-calc".into()])
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).map_err(|e| fail(e.to_string()))?;
        index.add_directory(view_dir, None).await.map_err(|e| fail(e.to_string()))?;
        let files = index.get_files().await.map_err(|e| fail(e.to_string()))?;
        Ok(files
            .into_iter()
            .map(|f| OutputFile { path: format!("{FOLDER}{}", f.filename.to_string_lossy().replace('\\', "/").trim_start_matches(FOLDER)), bytes: f.contents })
            .collect())
    })
}

/// The page with a space before the end of each table cell, caption, list item and term:
/// minified pages have none between `</td><td>`, and the index would read two cells as one
/// word ("pagoPAVocePeriodicità"). The pages served are not changed.
fn spaced(html: &[u8]) -> Vec<u8> {
    const ENDS: [&[u8]; 6] = [b"</td>", b"</th>", b"</li>", b"</dd>", b"</dt>", b"</caption>"];
    let mut out = Vec::with_capacity(html.len() + html.len() / 50);
    let mut i = 0;
    while i < html.len() {
        if html[i] == b'<' && html.get(i + 1) == Some(&b'/') && ENDS.iter().any(|e| html[i..].starts_with(e)) {
            out.push(b' ');
        }
        out.push(html[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_end_with_a_space_for_the_index() {
        let html = b"<table><tr><th>Voce</th><td>650,00 \xe2\x82\xac</td></tr></table><ul><li>a</li></ul><p>x</p>";
        let out = String::from_utf8(super::spaced(html)).unwrap();
        assert_eq!(out, "<table><tr><th>Voce </th><td>650,00 € </td></tr></table><ul><li>a </li></ul><p>x</p>");
    }
}
