//! What the build produces, and the small facts about output files that every stage shares:
//! a file of the built site, its content hash, the one way to join an output path, XML
//! escaping, the size label pages show and how HTML is minified. A leaf: it imports
//! nothing from the project.
//!
//! ```
//! use vetrina::output::{safe_join, size_label};
//! assert!(safe_join(std::path::Path::new("/out"), "../etc/passwd").is_none());
//! assert_eq!(size_label(86_000), "84 KB");
//! ```

use std::path::{Component, Path, PathBuf};

/// A file of the built site, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The manifest in the output folder: what each file was made from.
pub const MANIFEST: &str = ".vetrina-cache.json";

/// A lock on data shared by the threads of a build. A thread that panicked while holding it
/// has already failed the build; the data is still usable for reporting.
pub fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A content hash (XXH3: a rebuild hashes every page two or three times, so it must be quick).
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Join a relative output path to `dir`; `None` for anything that could leave the folder
/// (absolute paths, `..`, `.`, empty).
pub fn safe_join(dir: &Path, rel: &str) -> Option<PathBuf> {
    let p = Path::new(rel);
    let ok = !rel.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then(|| dir.join(p))
}

/// Text for XML and HTML: `&`, `<`, `>` and `"` escaped.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// "84 KB", as the pages show a download's size.
pub fn size_label(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} byte")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// How pages and templates are minified (minify-html), the same for both.
pub fn minify_config() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    // Keep the markup valid for the W3C checker and readable by every parser.
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_doctype = false;
    cfg.allow_noncompliant_unquoted_attribute_values = false;
    cfg.allow_removing_spaces_between_attributes = false;
    cfg.minify_css = false;
    // Bootstrap Italia styles `input[type=text]`: the attribute must stay.
    cfg.keep_input_type_text_attr = true;
    cfg.minify_js = false;
    cfg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_cannot_escape() {
        let d = Path::new("/tmp/out");
        assert!(safe_join(d, "servizi/x/index.html").is_some());
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "./a"] {
            assert!(safe_join(d, bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(xml_escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(size_label(100), "100 byte");
    }
}
