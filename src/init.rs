//! `vetrina init DIR`: a minimal new site that builds, with the AgID theme embedded in the
//! binary (templates, static files, the npm manifest that pins Bootstrap Italia and the
//! script that trims it at install time).

use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

static TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/agid/templates");
static STATIC: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/agid/static");
/// The script `npm ci` runs in the theme to trim Bootstrap Italia to what the templates use.
static TOOLS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/agid/tools");
// Includes the CI workflows (.github/workflows/vetrina.yml, .gitlab-ci.yml).
static SKELETON: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/skeleton");
const PACKAGE_JSON: &str = include_str!("../themes/agid/package.json");
const PACKAGE_LOCK: &str = include_str!("../themes/agid/package-lock.json");
/// The editors' guide, shipped with every new site so that `vetrina.toml` can point to it.
const GUIDE: &str = include_str!("../docs/contenuti.md");

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    NotEmpty(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            InitError::NotEmpty(dir) => crate::t!("init-not-empty", dir = dir),
            InitError::Io(path, e) => crate::t!("init-io", path = path, why = e.to_string()),
        };
        f.write_str(&text)
    }
}

pub fn init(dir: &Path) -> Result<(), InitError> {
    if dir.exists() && fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    extract(&SKELETON, dir)?;
    let theme = dir.join("themes").join("agid");
    extract(&TEMPLATES, &theme.join("templates"))?;
    extract(&STATIC, &theme.join("static"))?;
    extract(&TOOLS, &theme.join("tools"))?;
    extract(&crate::nuovo::BUILT_IN, &theme.join("nuovo"))?;
    put(&theme.join("package.json"), PACKAGE_JSON.as_bytes())?;
    put(&theme.join("package-lock.json"), PACKAGE_LOCK.as_bytes())?;
    put(&dir.join(".gitignore"), b"output/\nnode_modules/\n")?;
    put(&dir.join("docs").join("contenuti.md"), GUIDE.as_bytes())?;
    Ok(())
}

fn extract(src: &Dir<'_>, to: &Path) -> Result<(), InitError> {
    for file in src.files() {
        put(&to.join(file.path()), file.contents())?;
    }
    for sub in src.dirs() {
        extract(sub, to)?;
    }
    Ok(())
}

fn put(path: &Path, bytes: &[u8]) -> Result<(), InitError> {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).map_err(|e| InitError::Io(p.into(), e))?;
    }
    fs::write(path, bytes).map_err(|e| InitError::Io(path.into(), e))
}
