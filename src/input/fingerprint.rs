//! Everything a build's output is made from, as one number: the text of every file of the
//! site that `load` read and of the theme's files (outside its `node_modules/`), the size and
//! modification time of every asset it ships and of the fonts the documents embed, the git
//! commit the dates come from, and the build's own settings (`context`: date, base URL,
//! drafts, language). Two builds with the same fingerprint make the same output, so a
//! `vetrina build` whose fingerprint is the last one's has nothing to do.
//!
//! What editors and theme authors write is hashed by content (an edit of the same length in
//! the same millisecond still counts); installed packages, images and fonts by metadata.
//! Both are taken *before* the build reads the files: a file changed in between leaves an
//! older fingerprint, and the next build does the work again (never the other way round).
//!
//! ```
//! use vetrina::input::fingerprint::Fingerprint;
//! let mut a = Fingerprint::new("2026-12-07");
//! a.text("content/servizi/a.md", "titolo = \"A\"");
//! let mut b = Fingerprint::new("2026-12-07");
//! b.text("content/servizi/a.md", "titolo = \"B\"");
//! assert_ne!(a.finish(), b.finish());
//! ```

use std::hash::Hasher;
use std::path::Path;

use walkdir::WalkDir;

use super::assets::Asset;
use super::load::Inputs;

/// The theme's installed packages: what the site takes from them is listed as assets (and
/// fonts); walking the whole folder would cost more than the build it saves.
const PACKAGES: &str = "node_modules";

/// A fingerprint being computed.
pub struct Fingerprint(xxhash_rust::xxh3::Xxh3);

impl Fingerprint {
    /// A fingerprint of a build with these settings.
    pub fn new(context: &str) -> Self {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(context.as_bytes());
        Fingerprint(h)
    }

    /// A file read by the build: its name and content.
    pub fn text(&mut self, name: &str, text: &str) {
        self.0.write_usize(name.len());
        self.0.update(name.as_bytes());
        self.0.write_usize(text.len());
        self.0.update(text.as_bytes());
    }

    /// A file the build reads later: its name, size and modification time (or that it is
    /// missing).
    pub fn file(&mut self, name: &str, path: &Path) {
        self.text(name, "");
        match path.symlink_metadata() {
            Ok(m) => {
                self.0.write_u64(m.len());
                let since = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
                self.0.write_u128(since.map_or(0, |d| d.as_nanos()));
                self.0.write_u8(m.file_type().is_symlink() as u8);
            }
            Err(_) => self.0.write_u8(2),
        }
    }

    /// A small file the build reads later, by content (or that it cannot be read).
    pub fn contents(&mut self, name: &str, path: &Path) {
        match std::fs::read(path) {
            Ok(bytes) => {
                self.text(name, "");
                self.0.write_usize(bytes.len());
                self.0.update(&bytes);
            }
            Err(_) => self.file(name, path),
        }
    }

    pub fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// The fingerprint of a build of `inputs` with `theme_dir`, `assets` and `fonts` (a folder),
/// the git state `git` and the build's settings `context`.
pub fn of(inputs: &Inputs, theme_dir: &Path, assets: &[Asset], fonts: &Path, git: &str, context: &str) -> u64 {
    let mut f = Fingerprint::new(context);
    f.text("git", git);
    for source in inputs.sources() {
        let name = source.path.to_string_lossy();
        f.text(&name, &source.text);
        // An uncommitted file is dated by its modification time.
        f.file(&name, &inputs.root.join(&source.path));
    }
    for entry in WalkDir::new(theme_dir).sort_by_file_name().into_iter().filter_entry(|e| e.file_name() != PACKAGES).filter_map(Result::ok) {
        match entry.file_type().is_file() {
            true => f.contents(&entry.path().to_string_lossy(), entry.path()),
            false => f.file(&entry.path().to_string_lossy(), entry.path()),
        }
    }
    for asset in assets {
        f.file(&asset.to, &asset.from);
    }
    for entry in WalkDir::new(fonts).sort_by_file_name().into_iter().filter_map(Result::ok) {
        f.file(&entry.path().to_string_lossy(), entry.path());
    }
    f.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_modification_time_changes_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("modello.html");
        std::fs::write(&path, "a").unwrap();
        let before = |f: &mut Fingerprint| f.file("modello.html", &path);
        let mut a = Fingerprint::new("");
        before(&mut a);
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5)).unwrap();
        let mut b = Fingerprint::new("");
        b.file("modello.html", &path);
        assert_ne!(a.finish(), b.finish());
        let mut c = Fingerprint::new("");
        c.file("modello.html", &dir.path().join("assente.html"));
        assert_ne!(b.finish(), c.finish());
    }

    #[test]
    fn the_settings_are_part_of_it() {
        assert_ne!(Fingerprint::new("2026-12-07").finish(), Fingerprint::new("2026-12-08").finish());
    }
}
