//! Every read from disk: the site's files (`load`), its settings (`config`), the git dates
//! of its files (`gitdates`), the static files it ships (`assets`), the theme's
//! templates, parsed and minified once (`theme`), and the fingerprint of all of them that
//! tells a build nothing changed (`fingerprint`). The stages after
//! these work on what they return, in memory. None of them reads through a symbolic link
//! (`is_link`, `link_error`).

use std::path::Path;

use crate::diagnostics::{relative, Diagnostic};
use crate::t;

pub mod assets;
pub mod config;
pub mod fingerprint;
pub mod gitdates;
pub mod load;
pub mod theme;

/// True when `path` is itself a symbolic link (not followed).
pub fn is_link(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink())
}

/// The site reads no file through a symbolic link, in `content/`, `static/` or the theme:
/// a link could read or publish any file of the machine. The one error that says so.
pub fn link_error(path: &Path, root: &Path) -> Diagnostic {
    Diagnostic::file(relative(path, root), t!("load-symlink")).with_help(t!("load-symlink-help"))
}
