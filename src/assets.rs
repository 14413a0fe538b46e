//! The static files a site ships: Bootstrap Italia's CSS, JS, icon sprite and fonts (from
//! the theme's npm install, with their licences), the theme's own `static/`, and the
//! site's `static/`. Only planned here; `write` copies them.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{relative, Diagnostic};

/// A file to copy into the output.
#[derive(Debug, Clone)]
pub struct Asset {
    pub from: PathBuf,
    /// Destination, relative to the output folder.
    pub to: String,
}

/// The files of Bootstrap Italia a static site needs, relative to its `dist/`.
const BI_FILES: &[&str] = &["css/bootstrap-italia.min.css", "js/bootstrap-italia.bundle.min.js", "svg/sprites.svg"];
const BI_FONTS: &[&str] = &["Titillium_Web", "Lora", "Roboto_Mono"];
/// pdf-lib fills the downloadable PDF forms in the browser (loaded only when asked).
const PDF_LIB: &str = "pdf-lib/dist/pdf-lib.esm.min.js";
pub const PDF_LIB_ASSET: &str = "assets/vendor/pdf-lib/pdf-lib.esm.min.js";

/// Where the theme's npm install put Bootstrap Italia.
pub fn bootstrap_italia_dist(theme_dir: &Path) -> PathBuf {
    theme_dir.join("node_modules").join("bootstrap-italia").join("dist")
}

pub fn plan(theme_dir: &Path, root: &Path) -> Result<Vec<Asset>, Diagnostic> {
    let dist = bootstrap_italia_dist(theme_dir);
    if !dist.join(BI_FILES[0]).is_file() {
        let prefix = relative(theme_dir, root);
        return Err(Diagnostic::file(relative(&dist, root), "Bootstrap Italia is not installed for the theme")
            .with_help(format!("run `npm ci --prefix {}` once (it installs the exact version pinned in its package-lock.json)", prefix.display())));
    }
    let mut assets: Vec<Asset> = BI_FILES.iter().map(|f| Asset { from: dist.join(f), to: format!("assets/bi/{f}") }).collect();
    let licence = theme_dir.join("node_modules").join("bootstrap-italia").join("LICENSE");
    if licence.is_file() {
        assets.push(Asset { from: licence, to: "assets/bi/LICENSE.txt".into() });
    }
    for family in BI_FONTS {
        let dir = dist.join("fonts").join(family);
        for entry in WalkDir::new(&dir).max_depth(1).sort_by_file_name().into_iter().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(".woff2") || name.ends_with(".txt") {
                assets.push(Asset { from: entry.path().to_path_buf(), to: format!("assets/bi/fonts/{family}/{name}") });
            }
        }
    }
    let modules = theme_dir.join("node_modules");
    if !modules.join(PDF_LIB).is_file() {
        return Err(Diagnostic::file(relative(&modules.join(PDF_LIB), root), "pdf-lib is not installed for the theme")
            .with_help(format!("run `npm ci --prefix {}` (it installs the versions pinned in its package-lock.json)", relative(theme_dir, root).display())));
    }
    assets.push(Asset { from: modules.join(PDF_LIB), to: PDF_LIB_ASSET.into() });
    assets.push(Asset { from: modules.join("pdf-lib/LICENSE.md"), to: "assets/vendor/pdf-lib/LICENSE.md".into() });
    assets.extend(tree(&theme_dir.join("static"), "assets/"));
    assets.extend(tree(&root.join("static"), ""));
    Ok(assets)
}

fn tree(dir: &Path, prefix: &str) -> Vec<Asset> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| Asset {
            from: e.path().to_path_buf(),
            to: format!("{prefix}{}", relative(e.path(), dir).to_string_lossy().replace('\\', "/")),
        })
        .collect()
}
