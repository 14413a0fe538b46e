//! What a serve session keeps between builds so that a rebuild does only the work whose
//! inputs changed. Every entry is keyed by a hash of its exact input, so a rebuild with the
//! cache gives byte for byte what a clean build gives.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use crate::render::OutputFile;

pub fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

#[derive(Debug, Default)]
pub struct Cache {
    /// Minified HTML of each page, with the hash of the HTML it was made from.
    minified: Mutex<HashMap<String, (u64, Arc<Vec<u8>>)>>,
    /// Hash of every file written into the output, to write only what changed.
    pub(crate) written: HashMap<String, u64>,
    /// True once a complete output has been written in this session.
    pub(crate) output_ready: bool,
    /// The last search index, with the hash of the pages it indexed.
    pub(crate) search: Option<(u64, Vec<OutputFile>)>,
}

impl Cache {
    pub fn new() -> Self {
        Self::default()
    }

    /// `minify(html)`, reusing the last result when the page's HTML is unchanged.
    pub fn minify(&self, path: &str, html: &str, minify: impl Fn(&str) -> Vec<u8>) -> Vec<u8> {
        let key = hash(html.as_bytes());
        if let Ok(map) = self.minified.lock() {
            if let Some((k, bytes)) = map.get(path) {
                if *k == key {
                    return bytes.as_ref().clone();
                }
            }
        }
        let bytes = minify(html);
        if let Ok(mut map) = self.minified.lock() {
            map.insert(path.to_string(), (key, Arc::new(bytes.clone())));
        }
        bytes
    }
}

/// The hash of a set of files, independent of their order.
pub fn hash_files(files: &[&OutputFile]) -> u64 {
    let mut parts: Vec<(&str, u64)> = files.iter().map(|f| (f.path.as_str(), hash(&f.bytes))).collect();
    parts.sort();
    let mut h = std::hash::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}
