//! The editing interface's local backend: `vetrina serve` answers Decap CMS's local proxy
//! protocol (`POST /api/v1`, `{"action": ..., "params": ...}`, the one `decap-server`
//! speaks), so that an editor edits the site's own files from the browser with no account
//! and no other program. The preview's watcher sees each save and rebuilds as for any save.
//!
//! What it reaches is narrow: Markdown and TOML files under `content/`, images under
//! `static/immagini/`, never through a symbolic link, never a hidden file; only requests
//! from the preview's own origin (a page elsewhere in the browser cannot post here).

use std::path::{Component, Path, PathBuf};

use base64::Engine;
use serde_json::{json, Value};

use crate::artifacts::cms::MEDIA_FOLDER;
use crate::t;
const CONTENT_FOLDER: &str = "content";
const IMAGE_TYPES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif"];

/// What went wrong with a request: the interface shows the message to the editor.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{}", t!("cms-api-bad-request", why = .0.as_str()))]
    BadRequest(String),
    #[error("{}", t!("cms-api-refused", path = .0.as_str()))]
    Refused(String),
    #[error("{}", t!("cms-api-unknown", action = .0.as_str()))]
    UnknownAction(String),
    #[error("{}", t!("cms-api-io", path = .0.display().to_string(), why = .1.to_string()))]
    Io(PathBuf, std::io::Error),
    #[error("{0}")]
    Write(String),
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::BadRequest(_) | ApiError::UnknownAction(_) => 422,
            ApiError::Refused(_) => 403,
            ApiError::Io(_, e) if e.kind() == std::io::ErrorKind::NotFound => 404,
            ApiError::Io(..) | ApiError::Write(_) => 500,
        }
    }
}

/// The kind of file a path must be.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Area {
    Content,
    Media,
}

/// The backend of one site.
#[derive(Debug, Clone)]
pub struct Backend {
    pub root: PathBuf,
}

impl Backend {
    /// Answer one request of the protocol.
    pub fn handle(&self, action: &str, params: &Value) -> Result<Value, ApiError> {
        match action {
            "info" => Ok(json!({ "repo": self.repo_name(), "publish_modes": ["simple"], "type": "local_fs" })),
            "entriesByFolder" => self.entries_by_folder(params),
            "entriesByFiles" => {
                let files = params.get("files").and_then(Value::as_array).ok_or_else(|| missing("files"))?;
                files.iter().map(|f| self.entry(text(f, "path")?)).collect::<Result<Vec<_>, _>>().map(Value::from)
            }
            "getEntry" => self.entry(text(params, "path")?),
            "persistEntry" => self.persist_entry(params),
            "getMedia" => self.media_list(),
            "getMediaFile" => self.media_file(text(params, "path")?),
            "persistMedia" => self.persist_media(params.get("asset").ok_or_else(|| missing("asset"))?),
            "deleteFile" => self.delete(text(params, "path")?).map(|()| json!({ "message": "ok" })),
            "deleteFiles" => {
                let paths = params.get("paths").and_then(Value::as_array).ok_or_else(|| missing("paths"))?;
                for p in paths {
                    self.delete(p.as_str().ok_or_else(|| missing("paths"))?)?;
                }
                Ok(json!({ "message": "ok" }))
            }
            "getDeployPreview" => Ok(Value::Null),
            other => Err(ApiError::UnknownAction(other.to_string())),
        }
    }

    fn repo_name(&self) -> String {
        self.root.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
    }

    /// The file at `rel` (as the interface names it, from the site's folder), if it may be
    /// reached: a plain relative path into the area, no hidden part, no link on the way.
    fn path(&self, rel: &str, area: Area) -> Result<PathBuf, ApiError> {
        let refused = || ApiError::Refused(rel.to_string());
        let rel_path = Path::new(rel.trim_start_matches("./"));
        let parts: Vec<&str> = rel_path.components().map(|c| if let Component::Normal(p) = c { p.to_str().unwrap_or(".") } else { "." }).collect();
        let top: Vec<&str> = if area == Area::Content { vec![CONTENT_FOLDER] } else { MEDIA_FOLDER.split('/').collect() };
        if parts.len() <= top.len() || parts[..top.len()] != top[..] || parts.iter().any(|p| p.starts_with('.')) {
            return Err(refused());
        }
        let ext = rel_path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        let typed = match area {
            Area::Content => ext == "md" || ext == "toml",
            Area::Media => IMAGE_TYPES.contains(&ext.as_str()),
        };
        if !typed {
            return Err(refused());
        }
        let mut at = self.root.clone();
        for p in &parts {
            at.push(p);
            if at.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(refused());
            }
        }
        Ok(at)
    }

    /// A folder of the area (`content/servizi`), checked as `path` checks files.
    fn folder(&self, rel: &str, area: Area) -> Result<PathBuf, ApiError> {
        let probe = format!("{}/x.{}", rel.trim_end_matches('/'), if area == Area::Content { "md" } else { "png" });
        self.path(&probe, area).map(|p| p.parent().map(Path::to_path_buf).unwrap_or_default())
    }

    fn entry(&self, rel: &str) -> Result<Value, ApiError> {
        let path = self.path(rel, Area::Content)?;
        let data = std::fs::read_to_string(&path).map_err(|e| ApiError::Io(path.clone(), e))?;
        Ok(json!({ "data": data, "file": { "path": rel, "id": id(data.as_bytes()) } }))
    }

    fn entries_by_folder(&self, params: &Value) -> Result<Value, ApiError> {
        let folder = text(params, "folder")?;
        let extension = params.get("extension").and_then(Value::as_str).unwrap_or("md");
        let dir = self.folder(folder, Area::Content)?;
        let mut entries = Vec::new();
        for name in self.listing(&dir)? {
            if Path::new(&name).extension().is_some_and(|e| e == extension) {
                if let Ok(e) = self.entry(&format!("{}/{name}", folder.trim_end_matches('/'))) {
                    entries.push(e);
                }
            }
        }
        Ok(entries.into())
    }

    /// The plain files of a folder (none when it does not exist yet), by name.
    fn listing(&self, dir: &Path) -> Result<Vec<String>, ApiError> {
        let Ok(read) = std::fs::read_dir(dir) else { return Ok(Vec::new()) };
        let mut names: Vec<String> = read
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        Ok(names)
    }

    /// Save an entry (and the images added with it); a renamed entry moves to its new file.
    fn persist_entry(&self, params: &Value) -> Result<Value, ApiError> {
        let files: Vec<&Value> = match (params.get("dataFiles").and_then(Value::as_array), params.get("entry")) {
            (Some(files), _) => files.iter().collect(),
            (None, Some(entry)) => vec![entry],
            (None, None) => return Err(missing("dataFiles")),
        };
        for asset in params.get("assets").and_then(Value::as_array).into_iter().flatten() {
            self.persist_media(asset)?;
        }
        for f in files {
            let rel = text(f, "path")?;
            let raw = text(f, "raw")?;
            let old = self.path(rel, Area::Content)?;
            let target = match f.get("newPath").and_then(Value::as_str) {
                Some(new) => self.path(new, Area::Content)?,
                None => old.clone(),
            };
            crate::write::source_file(&target, raw.as_bytes()).map_err(|e| ApiError::Write(e.to_string()))?;
            if target != old && old.exists() {
                crate::write::remove_source_file(&old).map_err(|e| ApiError::Write(e.to_string()))?;
            }
        }
        Ok(json!({ "message": "ok" }))
    }

    fn media_file(&self, rel: &str) -> Result<Value, ApiError> {
        let path = self.path(rel, Area::Media)?;
        let bytes = std::fs::read(&path).map_err(|e| ApiError::Io(path.clone(), e))?;
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let content = base64::engine::general_purpose::STANDARD.encode(&bytes);
        Ok(json!({ "id": id(&bytes), "content": content, "encoding": "base64", "path": rel, "name": name }))
    }

    fn media_list(&self) -> Result<Value, ApiError> {
        let dir = self.folder(MEDIA_FOLDER, Area::Media)?;
        let files: Vec<Value> = self.listing(&dir)?.iter().filter_map(|n| self.media_file(&format!("{MEDIA_FOLDER}/{n}")).ok()).collect();
        Ok(files.into())
    }

    fn persist_media(&self, asset: &Value) -> Result<Value, ApiError> {
        let rel = text(asset, "path")?;
        let path = self.path(rel, Area::Media)?;
        let bytes = match asset.get("encoding").and_then(Value::as_str) {
            Some("base64") => base64::engine::general_purpose::STANDARD.decode(text(asset, "content")?).map_err(|e| ApiError::BadRequest(e.to_string()))?,
            _ => text(asset, "content")?.as_bytes().to_vec(),
        };
        crate::write::source_file(&path, &bytes).map_err(|e| ApiError::Write(e.to_string()))?;
        self.media_file(rel)
    }

    fn delete(&self, rel: &str) -> Result<(), ApiError> {
        let path = self.path(rel, Area::Content).or_else(|_| self.path(rel, Area::Media))?;
        crate::write::remove_source_file(&path).map_err(|e| ApiError::Write(e.to_string()))
    }
}

fn missing(key: &str) -> ApiError {
    ApiError::BadRequest(format!("`{key}`"))
}

fn text<'a>(v: &'a Value, key: &str) -> Result<&'a str, ApiError> {
    v.get(key).and_then(Value::as_str).ok_or_else(|| missing(key))
}

/// A version tag of a file's content (the interface caches by it).
fn id(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// The interface's settings as the preview serves them: the built `admin/config.yml` with
/// the local backend at `api` (this server) and changes saved at once (no pull requests
/// on one's own computer).
pub fn local_config(built: &[u8], api: &str) -> Option<Vec<u8>> {
    let mut config: Value = serde_json::from_slice(built).ok()?;
    let map = config.as_object_mut()?;
    map.remove("publish_mode");
    map.insert("local_backend".into(), json!({ "url": api }));
    serde_json::to_vec_pretty(&config).ok()
}

/// Whether a request comes from the preview's own pages: its `Origin` (sent by browsers
/// with every POST) is this server, and so is its `Host`.
pub fn same_origin(origin: Option<&str>, host: Option<&str>, addr: &str) -> bool {
    let own = format!("http://{addr}");
    host == Some(addr) && origin.is_none_or(|o| o == own)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, Backend) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("content/servizi")).unwrap();
        std::fs::write(root.join("content/servizi/rao.md"), "+++\ntitolo = \"RAO\"\n+++\n").unwrap();
        std::fs::write(root.join("vetrina.toml"), "segreto").unwrap();
        (dir, Backend { root })
    }

    #[test]
    fn lists_reads_and_saves_content() {
        let (_dir, b) = site();
        let list = b.handle("entriesByFolder", &json!({ "folder": "content/servizi", "extension": "md", "depth": 1 })).unwrap();
        assert_eq!(list[0]["file"]["path"], "content/servizi/rao.md");
        assert!(list[0]["data"].as_str().unwrap().contains("RAO"));
        let saved = json!({ "dataFiles": [{ "path": "content/servizi/nuovo.md", "raw": "+++\ntitolo = \"Nuovo\"\n+++\n" }], "assets": [] });
        b.handle("persistEntry", &saved).unwrap();
        assert!(std::fs::read_to_string(b.root.join("content/servizi/nuovo.md")).unwrap().contains("Nuovo"));
        let moved = json!({ "dataFiles": [{ "path": "content/servizi/nuovo.md", "newPath": "content/servizi/altro.md", "raw": "x" }] });
        b.handle("persistEntry", &moved).unwrap();
        assert!(!b.root.join("content/servizi/nuovo.md").exists() && b.root.join("content/servizi/altro.md").exists());
    }

    #[test]
    fn nothing_outside_content_and_images() {
        let (_dir, b) = site();
        for bad in
            ["vetrina.toml", "content/../vetrina.toml", "/etc/passwd", "content/servizi/.nascosto.md", "content/servizi/x.html", "themes/agid/x.md", "content"]
        {
            let e = b.handle("getEntry", &json!({ "path": bad })).unwrap_err();
            assert_eq!(e.status(), 403, "{bad}: {e}");
        }
        let write = json!({ "entry": { "path": "content/../vetrina.toml", "raw": "x" } });
        assert_eq!(b.handle("persistEntry", &write).unwrap_err().status(), 403);
        let svg = json!({ "asset": { "path": "static/immagini/x.svg", "content": "PHN2Zz4=", "encoding": "base64" } });
        assert_eq!(b.handle("persistMedia", &svg).unwrap_err().status(), 403, "SVG can carry scripts");
        assert_eq!(std::fs::read_to_string(b.root.join("vetrina.toml")).unwrap(), "segreto");
    }

    #[test]
    fn a_link_is_not_followed() {
        let (_dir, b) = site();
        std::os::unix::fs::symlink("/etc", b.root.join("content/fuori")).unwrap();
        assert_eq!(b.handle("getEntry", &json!({ "path": "content/fuori/x.md" })).unwrap_err().status(), 403);
        assert_eq!(b.handle("entriesByFolder", &json!({ "folder": "content/fuori" })).unwrap_err().status(), 403);
    }

    #[test]
    fn images_go_to_static_immagini() {
        let (_dir, b) = site();
        let png = json!({ "asset": { "path": "static/immagini/logo.png", "content": "iVBORw0KGgo=", "encoding": "base64" } });
        let saved = b.handle("persistMedia", &png).unwrap();
        assert_eq!(saved["name"], "logo.png");
        assert_eq!(std::fs::read(b.root.join("static/immagini/logo.png")).unwrap(), b"\x89PNG\r\n\x1a\n");
        assert_eq!(b.handle("getMedia", &json!({})).unwrap().as_array().unwrap().len(), 1);
        b.handle("deleteFile", &json!({ "path": "static/immagini/logo.png" })).unwrap();
        assert!(!b.root.join("static/immagini/logo.png").exists());
    }

    #[test]
    fn only_the_preview_may_ask() {
        assert!(same_origin(Some("http://127.0.0.1:1111"), Some("127.0.0.1:1111"), "127.0.0.1:1111"));
        assert!(!same_origin(Some("https://evil.example"), Some("127.0.0.1:1111"), "127.0.0.1:1111"));
        assert!(!same_origin(None, Some("evil.example"), "127.0.0.1:1111"), "DNS rebinding");
    }

    #[test]
    fn the_preview_config_uses_the_local_backend() {
        let built = serde_json::to_vec(&json!({ "publish_mode": "editorial_workflow", "collections": [] })).unwrap();
        let local: Value = serde_json::from_slice(&local_config(&built, "http://127.0.0.1:1111/api/v1").unwrap()).unwrap();
        assert_eq!(local["local_backend"]["url"], "http://127.0.0.1:1111/api/v1");
        assert!(local.get("publish_mode").is_none());
    }
}
