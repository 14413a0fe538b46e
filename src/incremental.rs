//! What a build reuses from the one before, so that it does only the work whose inputs
//! changed: a serve session keeps it in memory; `vetrina build` reads the manifest the last
//! build left in the output folder and takes unchanged files from there. Every entry is
//! keyed by a hash of its exact input, so a build with the cache gives byte for byte what a
//! clean build gives.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::links::PageScan;
use crate::write::Sink;

use crate::output::{lock, MANIFEST};

/// The build of Vetrina that made an output: a manifest from another one (another
/// minifier, PDF writer, Pagefind...) is not used. The executable's size and time stand for
/// it, so that even an unreleased change to Vetrina never reuses files an older build made
/// (a copied binary only costs one build without reuse).
fn version() -> String {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION
        .get_or_init(|| {
            let exe = std::env::current_exe().and_then(std::fs::metadata).map(|m| format!("{}-{:?}", m.len(), m.modified().ok())).unwrap_or_default();
            format!("{} {exe}", env!("CARGO_PKG_VERSION"))
        })
        .clone()
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    version: String,
    /// Page path → hash of its HTML before minifying.
    pages: BTreeMap<String, u64>,
    /// Page path → the key of what its template received (`render`) and the hash of its HTML.
    #[serde(default)]
    page_inputs: BTreeMap<String, (u64, u64)>,
    /// Document path → hash of its model, and its size.
    documents: BTreeMap<String, (u64, usize)>,
    /// The hash of the indexed pages, and the files of the index made from them.
    search: Option<(u64, Vec<String>)>,
    /// The fingerprint of the build's inputs and what it reported.
    recorded: Option<Recorded>,
}

/// What a build made from inputs with a given fingerprint (`input::fingerprint`), and what
/// it reported: a later build with the same fingerprint, finding every file still in the
/// output, has nothing to do but report it again.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Recorded {
    pub fingerprint: u64,
    /// Every file the build put in the output.
    pub files: Vec<String>,
    pub pages: usize,
    pub documents: usize,
    pub assets: usize,
    pub services: usize,
    pub search_files: usize,
    pub warnings: Vec<String>,
    pub content_warnings: Vec<RecordedWarning>,
}

/// A warning at a place in the content: the file's text is not kept, the next build has it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RecordedWarning {
    pub path: PathBuf,
    pub span: Option<(usize, usize)>,
    pub message: String,
    pub help: Option<String>,
}

/// The last build's output and its manifest.
#[derive(Debug)]
struct Previous {
    dir: PathBuf,
    manifest: Manifest,
}

use crate::output::hash;

/// Per page: the hash of what an entry was made from, and the entry.
type ByPage<T> = Mutex<HashMap<String, (u64, T)>>;

/// Per page: the key of what it was rendered from, and the hash of its HTML.
type ByKey = Mutex<HashMap<String, (u64, u64)>>;

/// Where a page that need not be rendered again comes from.
pub enum Reuse {
    /// The page in the output, kept in place (a serve session).
    InOutput,
    /// The page the last `vetrina build` left in the output, read back.
    Bytes(Vec<u8>),
}

#[derive(Debug, Default)]
pub struct Cache {
    /// Minified HTML of each page, with the hash of the HTML it was made from.
    minified: ByPage<Arc<Vec<u8>>>,
    /// Anchors and links of each page, with the hash of the page they were read from.
    scans: ByPage<Arc<PageScan>>,
    /// Each document in the output: the hash of the model it was made from, and its size.
    documents: Mutex<HashMap<String, (u64, usize)>>,
    /// The same for the documents of the build under way: they describe the output only
    /// once it is written (`commit`), not after a failed build.
    new_documents: Mutex<HashMap<String, (u64, usize)>>,
    /// Each page in the output: the key of what its template received, and its HTML's hash.
    page_inputs: ByKey,
    /// The same for the pages of the build under way (see `new_documents`).
    new_page_inputs: ByKey,
    /// Pages taken from the last build instead of rendered, since `take_reused`.
    reused: std::sync::atomic::AtomicUsize,
    /// Hash of every file in the output, to write only what changed.
    pub(crate) written: HashMap<String, u64>,
    /// True once a complete output has been written in this session.
    pub(crate) output_ready: bool,
    /// The hash of the pages the search index in the output was made from.
    pub(crate) search_key: Option<u64>,
    /// Hash of the HTML of every page made in this build (for the manifest).
    page_keys: Mutex<BTreeMap<String, u64>>,
    /// The output of the last `vetrina build`, to take unchanged files from.
    previous: Option<Previous>,
    /// A `vetrina build`, not a serve session.
    build: bool,
    /// The site's `comprimi`, for the search index a serve session rewrites after a rebuild.
    pub(crate) compress: bool,
    /// The fingerprint of this build's inputs, recorded in its manifest.
    pub(crate) fingerprint: Option<u64>,
}

impl Cache {
    /// What the last build recorded when it was made from inputs with `fingerprint` and every
    /// file it made is still in its output.
    pub fn unchanged(&self, fingerprint: u64) -> Option<&Recorded> {
        use rayon::prelude::*;
        let previous = self.previous.as_ref()?;
        let recorded = previous.manifest.recorded.as_ref().filter(|r| r.fingerprint == fingerprint)?;
        let present = |f: &String| crate::output::safe_join(&previous.dir, f).is_some_and(|p| p.is_file());
        recorded.files.par_iter().all(present).then_some(recorded)
    }

    /// The cache of a serve session, kept in memory between rebuilds.
    pub fn new() -> Self {
        Self::default()
    }

    /// The cache of a `vetrina build` into `output`: what the last build left there, when it
    /// has a manifest from this version of Vetrina and `reuse` is true (otherwise nothing).
    pub fn for_build(output: &Path, reuse: bool) -> Self {
        let manifest = std::fs::read(output.join(MANIFEST))
            .ok()
            .filter(|_| reuse && output.join(crate::write::MARKER).is_file())
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.version == version());
        Cache { previous: manifest.map(|manifest| Previous { dir: output.to_path_buf(), manifest }), build: true, ..Self::default() }
    }

    /// True for a serve session's cache.
    pub fn in_session(&self) -> bool {
        !self.build
    }

    /// `minify(html)`, reusing the last result when the page's HTML (whose hash is `key`,
    /// from `record_page`) is unchanged.
    pub fn minify(&self, path: &str, key: u64, html: &str, minify: impl Fn(&str) -> Vec<u8>) -> Vec<u8> {
        if let Some((k, bytes)) = lock(&self.minified).get(path) {
            if *k == key {
                return bytes.as_ref().clone();
            }
        }
        let from_previous = self
            .previous
            .as_ref()
            .filter(|p| p.manifest.pages.get(path) == Some(&key))
            .and_then(|p| std::fs::read(crate::write::safe_join(&p.dir, path).ok()?).ok());
        if let Some(bytes) = from_previous {
            return bytes;
        }
        let bytes = minify(html);
        if !self.build {
            // Serve sessions keep pages in memory; a build reads them back from the output.
            lock(&self.minified).insert(path.to_string(), (key, Arc::new(bytes.clone())));
        }
        bytes
    }

    /// Note the page made at `path` (for the search key and the manifest); returns its key.
    pub fn record_page(&self, path: &str, html: &str) -> u64 {
        let key = hash(html.as_bytes());
        lock(&self.page_keys).insert(path.to_string(), key);
        key
    }

    /// The build's files are now the output: what it made is what the next build compares.
    pub fn commit(&mut self) {
        *lock(&self.documents) = std::mem::take(&mut *lock(&self.new_documents));
        *lock(&self.page_inputs) = std::mem::take(&mut *lock(&self.new_page_inputs));
    }

    /// The page at `path` made from `key` when the output holds it: in a serve session the
    /// page in place (its link scan still the one of that file), in a build the file the last
    /// build made. `None`: render it.
    pub fn reuse_page(&self, path: &str, key: u64) -> Option<Reuse> {
        let (reuse, html) = if self.build {
            let previous = self.previous.as_ref()?;
            let (_, html) = previous.manifest.page_inputs.get(path).filter(|(k, _)| *k == key)?;
            (Reuse::Bytes(std::fs::read(crate::write::safe_join(&previous.dir, path).ok()?).ok()?), *html)
        } else {
            let (_, html) = *lock(&self.page_inputs).get(path).filter(|(k, _)| *k == key)?;
            let written = self.written.get(path)?;
            lock(&self.scans).get(path).filter(|(h, _)| h == written)?;
            (Reuse::InOutput, html)
        };
        lock(&self.page_keys).insert(path.to_string(), html);
        self.remember_page(path, key, html);
        self.reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(reuse)
    }

    /// How many pages `reuse_page` offered since the last call.
    pub fn take_reused(&self) -> usize {
        self.reused.swap(0, std::sync::atomic::Ordering::Relaxed)
    }

    /// Note that the page at `path` was made from `key` with HTML of hash `html`.
    pub fn remember_page(&self, path: &str, key: u64, html: u64) {
        lock(&self.new_page_inputs).insert(path.to_string(), (key, html));
    }

    /// The anchors and links of the page at `path` as last scanned.
    pub fn scan_of(&self, path: &str) -> Option<Arc<PageScan>> {
        lock(&self.scans).get(path).map(|(_, s)| s.clone())
    }

    /// Put into `sink` the document at `path` made from `key` when an earlier build made it:
    /// kept in place (serve) or taken from the last output (build). Returns its size.
    pub fn reuse_document(&self, path: &str, key: u64, sink: &Sink) -> Option<usize> {
        if let Some(size) = self.document(path, key) {
            if sink.keep(path) {
                self.remember_document(path, key, size);
                return Some(size);
            }
        }
        let previous = self.previous.as_ref()?;
        let (k, size) = *previous.manifest.documents.get(path)?;
        if k != key {
            return None;
        }
        sink.put_copy(path, &crate::write::safe_join(&previous.dir, path).ok()?).ok()?;
        self.remember_document(path, key, size);
        Some(size)
    }

    /// Put the last build's search index into `sink` when it was made from the same pages.
    pub fn reuse_search(&self, key: u64, sink: &Sink) -> Option<usize> {
        let previous = self.previous.as_ref()?;
        let (k, files) = previous.manifest.search.as_ref()?;
        if *k != key {
            return None;
        }
        for f in files {
            sink.put_copy(f, &crate::write::safe_join(&previous.dir, f).ok()?).ok()?;
        }
        Some(files.len())
    }

    /// The hash of the indexed pages among `produced` (their HTML before minifying, which
    /// decides the minified page).
    pub fn search_key(&self, produced: &HashMap<String, u64>) -> u64 {
        let keys = lock(&self.page_keys);
        hash_set(keys.iter().filter(|(p, _)| produced.contains_key(*p) && crate::routes::indexed(p)))
    }

    /// The manifest of this build, for the files in `produced`.
    pub fn manifest(&self, produced: &HashMap<String, u64>, search_key: u64, recorded: Option<Recorded>) -> Vec<u8> {
        let pages = lock(&self.page_keys).iter().filter(|(p, _)| produced.contains_key(*p)).map(|(p, k)| (p.clone(), *k)).collect();
        let documents = lock(&self.new_documents).iter().filter(|(p, _)| produced.contains_key(*p)).map(|(p, v)| (p.clone(), *v)).collect();
        let page_inputs = lock(&self.new_page_inputs).iter().filter(|(p, _)| produced.contains_key(*p)).map(|(p, v)| (p.clone(), *v)).collect();
        let mut index: Vec<String> = produced.keys().filter(|p| p.starts_with(crate::routes::SEARCH_FOLDER)).cloned().collect();
        index.sort();
        let m = Manifest { version: version(), pages, page_inputs, documents, search: Some((search_key, index)), recorded };
        serde_json::to_vec(&m).unwrap_or_default()
    }

    /// `scan(page)`, reusing the last result when the page is unchanged.
    pub fn scan(&self, path: &str, page: &[u8], scan: impl Fn(&[u8]) -> PageScan) -> Arc<PageScan> {
        let key = hash(page);
        if let Some((k, s)) = lock(&self.scans).get(path) {
            if *k == key {
                return s.clone();
            }
        }
        let s = Arc::new(scan(page));
        lock(&self.scans).insert(path.to_string(), (key, s.clone()));
        s
    }

    /// The size of the document at `path` when the output holds it made from `key`.
    fn document(&self, path: &str, key: u64) -> Option<usize> {
        lock(&self.documents).get(path).filter(|(k, _)| *k == key).map(|(_, size)| *size)
    }

    pub fn remember_document(&self, path: &str, key: u64, size: usize) {
        lock(&self.new_documents).insert(path.to_string(), (key, size));
    }
}

/// The hash of a set of (path, content hash) pairs, independent of their order.
fn hash_set<'a>(items: impl Iterator<Item = (&'a String, &'a u64)>) -> u64 {
    let mut parts: Vec<(&String, &u64)> = items.collect();
    parts.sort();
    let mut h = std::hash::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}
