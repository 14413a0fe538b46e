//! The static files a site ships: Bootstrap Italia's CSS and JS (trimmed by the theme's
//! install), icon sprite and fonts (from the theme's npm install, with their licences),
//! pdf-lib, fflate, Decap CMS (`admin/`), the theme's own `static/`, and the site's `static/`. Only planned here; `write`
//! copies them.
//!
//! What is published must come from the site: a symbolic link in `static/` (the theme's or
//! the site's) could publish any file of the machine (`ln -s /etc/passwd static/x`), so a
//! link there is an error naming it, and every file taken from the theme's `node_modules`
//! must resolve inside the theme or inside that install. A missing install (no `npm ci`) is
//! one error naming the command; the other files are still planned.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{relative, Diagnostic};
use crate::routes::CMS_FOLDER;
use crate::t;

/// A file to copy into the output.
#[derive(Debug, Clone)]
pub struct Asset {
    pub from: PathBuf,
    /// Destination, relative to the output folder.
    pub to: String,
}

/// Bootstrap Italia's CSS and JavaScript trimmed to what the theme uses, made by the theme's
/// `npm ci` (`tools/trim-bootstrap-italia.mjs`) inside its install: ≈70 KB and ≈18 KB where
/// the whole library is 612 KB and 1 MB, most of a phone's first load. Output name → made file.
const BI_TRIMMED: &[(&str, &str)] = &[("css/bootstrap-italia.min.css", "bootstrap-italia.min.css"), ("js/bootstrap-italia.min.js", "bootstrap-italia.min.js")];
/// The files of Bootstrap Italia taken as they are, relative to its `dist/`.
const BI_FILES: &[&str] = &["svg/sprites.svg"];
const BI_FONTS: &[&str] = &["Titillium_Web", "Lora", "Roboto_Mono"];
/// pdf-lib fills the downloadable PDF forms in the browser (loaded only when asked).
const PDF_LIB: &str = "pdf-lib/dist/pdf-lib.esm.min.js";
pub const PDF_LIB_ASSET: &str = "assets/vendor/pdf-lib/pdf-lib.esm.min.js";
/// fontkit lets pdf-lib embed Titillium Web, so a filled field can hold any Latin letter
/// (WinAnsi, pdf-lib's own fonts, has no Ș or Ł). The UMD build: the ES one imports `pako`
/// by bare name, which needs an import map, an inline script the CSP forbids.
const FONTKIT: &str = "@pdf-lib/fontkit/dist/fontkit.umd.min.js";
/// fflate zips the draft determina (an ODT) in the browser; its ES build has no imports.
const FFLATE: &str = "fflate/esm/browser.js";
/// Decap CMS, the editing interface under `admin/`: its bundle loads its chunks
/// (`<n>.decap-cms.js`, two `.wasm`) from its own folder.
const DECAP_DIST: &str = "decap-cms/dist";
const DECAP: &str = "decap-cms/dist/decap-cms.js";
/// The face the browser embeds in a filled PDF (TrueType: fontkit reads it directly).
const FILL_FONT: &str = "fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.ttf";
/// Its semibold, for the headings of the quote the browser makes as a PDF.
const FILL_FONT_BOLD: &str = "fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-600.ttf";

/// Where the theme's npm install put Bootstrap Italia.
pub fn bootstrap_italia_dist(theme_dir: &Path) -> PathBuf {
    theme_dir.join("node_modules").join("bootstrap-italia").join("dist")
}

/// Where the theme's npm install put the trimmed Bootstrap Italia.
fn bootstrap_italia_trimmed(theme_dir: &Path) -> PathBuf {
    theme_dir.join("node_modules").join(".vetrina")
}

/// False when the templates or scripts changed since Bootstrap Italia was trimmed for them
/// (a class used for the first time would have no style): the digest the trim wrote
/// (`sources.sha256`) is not the digest of the theme's files now. True when there is no
/// trim to compare with (that is the missing install's error).
pub fn trim_is_current(theme_dir: &Path) -> bool {
    let Ok(recorded) = std::fs::read_to_string(bootstrap_italia_trimmed(theme_dir).join("sources.sha256")) else {
        return true;
    };
    sources_digest(theme_dir).is_some_and(|now| now == recorded.trim())
}

/// The digest `tools/trim-bootstrap-italia.mjs` records: SHA-256 over each source, in byte
/// order of its path relative to the theme, of the path, a NUL, the content, a NUL.
fn sources_digest(theme_dir: &Path) -> Option<String> {
    use sha2::{Digest, Sha256};
    let mut files: Vec<String> = vec!["tools/bootstrap-italia-entry.js".into()];
    for (dir, depth, ext) in [("templates", usize::MAX, ".html"), ("static/js", 1, ".js")] {
        for entry in WalkDir::new(theme_dir.join(dir)).max_depth(depth).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
            let rel = entry.path().strip_prefix(theme_dir).ok().and_then(Path::to_str).map(|r| r.replace('\\', "/"));
            files.extend(rel.filter(|r| r.ends_with(ext)));
        }
    }
    files.sort();
    let mut hash = Sha256::new();
    for rel in &files {
        hash.update(rel.as_bytes());
        hash.update([0]);
        hash.update(std::fs::read(theme_dir.join(rel)).ok()?);
        hash.update([0]);
    }
    Some(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The one error for a theme whose npm packages are not installed. The documents report
/// the same diagnostic when the fonts are missing, so a build shows it once.
pub fn not_installed(theme_dir: &Path, root: &Path) -> Diagnostic {
    let prefix = relative(theme_dir, root).display().to_string();
    Diagnostic::file(relative(&theme_dir.join("node_modules"), root), t!("asset-not-installed", prefix = prefix.as_str()))
        .with_help(t!("asset-not-installed-help", prefix = prefix.as_str()))
}

/// Why a file of the theme's npm install is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not there: the install is missing or incomplete.
    Missing,
    /// A link to this file elsewhere on the machine.
    Outside(PathBuf),
}

/// A file of the theme's npm install, resolved: it must lie inside the theme or inside the
/// install itself (`node_modules` may be a link to a shared install, as in the test
/// fixtures; a link inside it to elsewhere on the machine is refused).
pub fn resolve_installed(path: &Path, theme_dir: &Path) -> Result<PathBuf, Refused> {
    let resolved = path.canonicalize().map_err(|_| Refused::Missing)?;
    let allowed = [theme_dir.canonicalize(), theme_dir.join("node_modules").canonicalize()];
    if allowed.iter().flatten().any(|dir| resolved.starts_with(dir)) {
        Ok(resolved)
    } else {
        Err(Refused::Outside(resolved))
    }
}

/// The error for a refused file of the install.
pub fn refused(why: &Refused, path: &Path, theme_dir: &Path, root: &Path) -> Diagnostic {
    match why {
        Refused::Missing => not_installed(theme_dir, root),
        Refused::Outside(target) => {
            Diagnostic::file(relative(path, root), t!("asset-outside", target = target)).with_help(t!("asset-outside-help", prefix = relative(theme_dir, root)))
        }
    }
}

/// Every file to copy, and every problem found; the files of an install that is missing
/// or broken are left out, the others are still planned.
pub fn plan(theme_dir: &Path, root: &Path) -> (Vec<Asset>, Vec<Diagnostic>) {
    let mut assets = Vec::new();
    let mut errors = Vec::new();
    let modules = theme_dir.join("node_modules");
    if bootstrap_italia_dist(theme_dir).join(BI_FILES[0]).is_file()
        && BI_TRIMMED.iter().all(|(_, made)| bootstrap_italia_trimmed(theme_dir).join(made).is_file())
        && modules.join(PDF_LIB).is_file()
        && modules.join(FONTKIT).is_file()
        && modules.join(FFLATE).is_file()
        && modules.join(DECAP).is_file()
    {
        npm_files(theme_dir, root, &mut assets, &mut errors);
    } else {
        errors.push(not_installed(theme_dir, root));
    }
    tree(&theme_dir.join("static"), "assets/", root, &mut assets, &mut errors);
    tree(&root.join("static"), "", root, &mut assets, &mut errors);
    (assets, errors)
}

/// Bootstrap Italia's files and fonts, pdf-lib, fontkit and fflate, each resolved inside the site.
fn npm_files(theme_dir: &Path, root: &Path, assets: &mut Vec<Asset>, errors: &mut Vec<Diagnostic>) {
    let dist = bootstrap_italia_dist(theme_dir);
    let modules = theme_dir.join("node_modules");
    let trimmed = bootstrap_italia_trimmed(theme_dir);
    let mut wanted: Vec<(PathBuf, String)> = BI_FILES.iter().map(|f| (dist.join(f), format!("assets/bi/{f}"))).collect();
    wanted.extend(BI_TRIMMED.iter().map(|(to, made)| (trimmed.join(made), format!("assets/bi/{to}"))));
    let licence = modules.join("bootstrap-italia").join("LICENSE");
    if licence.is_file() {
        wanted.push((licence, "assets/bi/LICENSE.txt".into()));
    }
    for family in BI_FONTS {
        let dir = dist.join("fonts").join(family);
        for entry in WalkDir::new(&dir).max_depth(1).sort_by_file_name().into_iter().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(".woff2") || name.ends_with(".txt") {
                wanted.push((entry.path().to_path_buf(), format!("assets/bi/fonts/{family}/{name}")));
            }
        }
    }
    wanted.push((modules.join(PDF_LIB), PDF_LIB_ASSET.into()));
    wanted.push((modules.join("pdf-lib/LICENSE.md"), "assets/vendor/pdf-lib/LICENSE.md".into()));
    wanted.push((modules.join(FONTKIT), "assets/vendor/pdf-lib/fontkit.umd.min.js".into()));
    wanted.push((dist.join(FILL_FONT), "assets/vendor/fonts/titillium-web-regular.ttf".into()));
    wanted.push((dist.join(FILL_FONT_BOLD), "assets/vendor/fonts/titillium-web-semibold.ttf".into()));
    wanted.push((modules.join(FFLATE), "assets/vendor/fflate/fflate.js".into()));
    wanted.push((modules.join("fflate/LICENSE"), "assets/vendor/fflate/LICENSE.txt".into()));
    wanted.extend(decap_files(&modules.join(DECAP_DIST)));
    for (from, to) in wanted {
        match resolve_installed(&from, theme_dir) {
            Ok(resolved) => assets.push(Asset { from: resolved, to }),
            Err(why) => errors.push(refused(&why, &from, theme_dir, root)),
        }
    }
}

/// Decap's bundle, its chunks and its licence, into `admin/` (not the source maps, nor the
/// `cms.js` build of the same code).
fn decap_files(dist: &Path) -> Vec<(PathBuf, String)> {
    let wanted = |name: &str| name == "decap-cms.js" || name.ends_with(".decap-cms.js") || name.ends_with(".wasm") || name == "decap-cms.js.LICENSE.txt";
    WalkDir::new(dist)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            wanted(&name).then(|| (e.path().to_path_buf(), format!("{CMS_FOLDER}{name}")))
        })
        .collect()
}

/// Every file under `dir` (which may not exist), published under `prefix`. A symbolic
/// link, to a file or a folder, and `dir` itself as a link, are errors naming them.
fn tree(dir: &Path, prefix: &str, root: &Path, assets: &mut Vec<Asset>, errors: &mut Vec<Diagnostic>) {
    if super::is_link(dir) {
        errors.push(super::link_error(dir, root));
        return;
    }
    // Links are not followed, so a linked folder is seen (and refused) but not entered.
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if entry.path_is_symlink() {
            errors.push(super::link_error(entry.path(), root));
        } else if entry.file_type().is_file() {
            let rel = relative(entry.path(), dir).to_string_lossy().replace('\\', "/");
            assets.push(Asset { from: entry.path().to_path_buf(), to: format!("{prefix}{rel}") });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder with a theme whose npm packages are not installed.
    fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let theme = root.join("themes/agid");
        std::fs::create_dir_all(theme.join("static/css")).unwrap();
        std::fs::write(theme.join("static/css/vetrina.css"), "body{}").unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/logo.svg"), "<svg/>").unwrap();
        (dir, root, theme)
    }

    #[test]
    fn a_missing_install_is_one_error_and_the_rest_is_planned() {
        let (_dir, root, theme) = site();
        let (assets, errors) = plan(&theme, &root);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("npm ci --prefix themes/agid"), "{}", errors[0]);
        let to: Vec<&str> = assets.iter().map(|a| a.to.as_str()).collect();
        assert_eq!(to, ["assets/css/vetrina.css", "logo.svg"]);
    }

    #[test]
    fn links_in_static_folders_are_errors_naming_them() {
        let (_dir, root, theme) = site();
        std::os::unix::fs::symlink("/etc/passwd", root.join("static/x")).unwrap();
        std::os::unix::fs::symlink("/etc", theme.join("static/etc")).unwrap();
        let (assets, errors) = plan(&theme, &root);
        let named: Vec<String> = errors.iter().filter(|e| e.message.contains("symlink")).map(|e| e.path.display().to_string()).collect();
        assert_eq!(named, ["themes/agid/static/etc", "static/x"]);
        assert!(errors.iter().all(|e| e.help.is_some()));
        assert!(!assets.iter().any(|a| a.to.contains("passwd") || a.to.contains("etc")), "{assets:?}");
    }

    #[test]
    fn a_linked_static_folder_is_refused() {
        let (_dir, root, theme) = site();
        std::fs::remove_dir_all(root.join("static")).unwrap();
        std::os::unix::fs::symlink("/etc", root.join("static")).unwrap();
        let (assets, errors) = plan(&theme, &root);
        assert!(errors.iter().any(|e| e.path == Path::new("static") && e.message.contains("symlink")), "{errors:?}");
        assert!(!assets.iter().any(|a| a.from.starts_with("/etc")));
    }

    #[test]
    fn files_of_the_install_resolve_inside_the_site() {
        let (dir, root, theme) = site();
        let modules = theme.join("node_modules");
        std::fs::create_dir_all(&modules).unwrap();
        std::fs::write(modules.join("ok.js"), "").unwrap();
        let elsewhere = dir.path().join("secret.txt");
        std::fs::write(&elsewhere, "secret").unwrap();
        std::os::unix::fs::symlink(&elsewhere, modules.join("leak.txt")).unwrap();
        assert!(resolve_installed(&modules.join("ok.js"), &theme).is_ok());
        assert_eq!(resolve_installed(&modules.join("none.js"), &theme), Err(Refused::Missing));
        let why = resolve_installed(&modules.join("leak.txt"), &theme).unwrap_err();
        assert_eq!(why, Refused::Outside(elsewhere.canonicalize().unwrap()));
        let e = refused(&why, &modules.join("leak.txt"), &theme, &root);
        assert_eq!(e.path, Path::new("themes/agid/node_modules/leak.txt"));
        // node_modules itself may be a link to a shared install (as in the test fixtures).
        let shared = dir.path().join("shared");
        std::fs::create_dir_all(&shared).unwrap();
        std::fs::write(shared.join("ok.js"), "").unwrap();
        std::fs::remove_dir_all(&modules).unwrap();
        std::os::unix::fs::symlink(&shared, &modules).unwrap();
        assert!(resolve_installed(&modules.join("ok.js"), &theme).is_ok());
    }
}
