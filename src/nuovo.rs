//! `vetrina nuovo <tipo> SLUG`: a new content file from a commented template, with every
//! required key and the sections in order, that passes `vetrina check` as written.
//!
//! The templates are the theme's `nuovo/<tipo>.md` (a site's theme may change them); the AgID
//! theme's own are built into the binary for a theme that has none. `{{slug}}`, `{{titolo}}`
//! and `{{oggi}}` (today, `AAAA-MM-GG`) are filled in. An existing file is never overwritten.

use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::content::is_safe_slug;
use crate::input::load::Kind;
use crate::t;

/// The AgID theme's templates, also written into a new site by `vetrina init`.
pub static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/agid/nuovo");

/// The kinds `nuovo` makes, by the Italian word the editor types.
pub const KINDS: [(&str, Kind); 6] = [
    ("servizio", Kind::Service),
    ("tariffa", Kind::Tariff),
    ("modulo", Kind::Form),
    ("convenzione", Kind::Convention),
    ("notizia", Kind::News),
    ("pagina", Kind::Page),
];

#[derive(Debug)]
pub enum NewError {
    UnknownKind(String),
    BadSlug(String),
    Exists(PathBuf),
    NoSite(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kinds = KINDS.map(|(k, _)| k).join(", ");
        let text = match self {
            NewError::UnknownKind(k) => t!("nuovo-unknown-kind", kind = k, kinds = kinds),
            NewError::BadSlug(s) => t!("nuovo-bad-slug", slug = s),
            NewError::Exists(p) => t!("nuovo-exists", path = p),
            NewError::NoSite(p) => t!("nuovo-no-site", root = p),
            NewError::Io(p, e) => t!("nuovo-io", path = p, why = e.to_string()),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for NewError {}

/// Write `content/<folder>/<slug>.md` from the template of `kind` and return its path.
pub fn create(root: &Path, kind: &str, slug: &str, today: jiff::civil::Date) -> Result<PathBuf, NewError> {
    let Some((word, k)) = KINDS.iter().find(|(w, _)| *w == kind.trim().to_lowercase()) else {
        return Err(NewError::UnknownKind(kind.to_string()));
    };
    if !is_safe_slug(slug) {
        return Err(NewError::BadSlug(slug.to_string()));
    }
    if !root.join("vetrina.toml").is_file() {
        return Err(NewError::NoSite(root.to_path_buf()));
    }
    let text = fill(&template(root, word)?, slug, today);
    let folder = root.join("content").join(k.folder());
    fs::create_dir_all(&folder).map_err(|e| NewError::Io(folder.clone(), e))?;
    let path = folder.join(format!("{slug}.md"));
    // `create_new` refuses an existing file atomically: nothing the editor wrote is replaced.
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => NewError::Exists(path.clone()),
        _ => NewError::Io(path.clone(), e),
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| NewError::Io(path.clone(), e))?;
    Ok(path)
}

/// The site theme's template for `word`, or the built-in one.
fn template(root: &Path, word: &str) -> Result<String, NewError> {
    let name = format!("{word}.md");
    let theme = theme_name(root);
    let own = root.join("themes").join(theme).join("nuovo").join(&name);
    let is_file = own.symlink_metadata().is_ok_and(|m| m.is_file());
    if is_file {
        return fs::read_to_string(&own).map_err(|e| NewError::Io(own, e));
    }
    let built_in = BUILT_IN.get_file(&name).and_then(|f| f.contents_utf8()).unwrap_or_default();
    Ok(built_in.to_string())
}

/// The `tema` of `vetrina.toml` when it is a plain name, else the AgID theme.
fn theme_name(root: &Path) -> String {
    let config = fs::read_to_string(root.join("vetrina.toml")).unwrap_or_default();
    let table: toml::Table = config.parse().unwrap_or_default();
    table.get("tema").and_then(|v| v.as_str()).filter(|n| crate::policy::is_theme_name(n)).unwrap_or("agid").to_string()
}

/// Fill the placeholders: a title from the slug ("rao-pubblico" → "Rao pubblico").
fn fill(template: &str, slug: &str, today: jiff::civil::Date) -> String {
    let words = slug.replace('-', " ");
    let mut title: String = words.chars().take(1).flat_map(char::to_uppercase).collect();
    title.push_str(&words.chars().skip(1).collect::<String>());
    template.replace("{{slug}}", slug).replace("{{titolo}}", &title).replace("{{oggi}}", &today.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled() {
        let d = jiff::civil::date(2026, 12, 2);
        assert_eq!(fill("t = \"{{titolo}}\" s = {{slug}} d = {{oggi}}", "rao-pubblico", d), "t = \"Rao pubblico\" s = rao-pubblico d = 2026-12-02");
    }

    #[test]
    fn every_kind_has_a_built_in_template() {
        for (word, _) in KINDS {
            assert!(BUILT_IN.get_file(format!("{word}.md")).is_some(), "{word}");
        }
    }
}
