//! What a page's template receives, put either into its Tera context or into the key that
//! decides whether the page must be rendered again. One piece of code fills both
//! (`page_vars`), so the key covers every value the template can read: a page whose key is
//! the one of the page in the output, under the same templates and site values, is that page.

use std::io::Write;

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

/// Where a page's variables go.
pub enum Vars<'c> {
    /// Into the context the page is rendered with.
    Fill(&'c mut tera::Context),
    /// Into a hash of the variables' names and values.
    Key(KeyVars<'c>),
}

/// The hash being made, and whether every value could be hashed.
pub struct KeyVars<'c> {
    hasher: &'c mut Xxh3,
    complete: bool,
}

impl<'c> Vars<'c> {
    pub fn key(hasher: &'c mut Xxh3) -> Self {
        Vars::Key(KeyVars { hasher, complete: true })
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match self {
            Vars::Fill(ctx) => ctx.insert(name, value),
            Vars::Key(k) => {
                k.hasher.update(name.as_bytes());
                k.hasher.update(&[0]);
                // JSON holds everything the template can read of the value. A value JSON
                // cannot write (a map with keys that are not text) leaves no usable key.
                if serde_json::to_writer(HashWriter(k.hasher), value).is_err() {
                    k.complete = false;
                }
                k.hasher.update(&[0xff]);
            }
        }
    }

    /// The key, when every value went into it (always `None` for `Fill`).
    pub fn finish(self) -> Option<u64> {
        match self {
            Vars::Key(k) => k.complete.then(|| k.hasher.digest()),
            Vars::Fill(_) => None,
        }
    }
}

struct HashWriter<'h>(&'h mut Xxh3);

impl Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(fill: impl Fn(&mut Vars)) -> Option<u64> {
        let mut h = Xxh3::new();
        let mut v = Vars::key(&mut h);
        fill(&mut v);
        v.finish()
    }

    #[test]
    fn the_key_changes_with_any_name_or_value_and_only_then() {
        let a = key(|v| v.insert("titolo", "Protocollo"));
        assert_eq!(a, key(|v| v.insert("titolo", "Protocollo")));
        assert_ne!(a, key(|v| v.insert("titolo", "Protocollo informatico")));
        assert_ne!(a, key(|v| v.insert("nome", "Protocollo")));
        // Names and values are delimited: moving text from one to the other is a change.
        assert_ne!(key(|v| v.insert("ab", "c")), key(|v| v.insert("a", "bc")));
    }

    #[test]
    fn a_value_json_cannot_write_leaves_no_key() {
        let map: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        assert_eq!(key(|v| v.insert("mappa", &map)), None);
    }

    #[test]
    fn filling_puts_the_values_in_the_context() {
        let mut ctx = tera::Context::new();
        let mut v = Vars::Fill(&mut ctx);
        v.insert("titolo", "Protocollo");
        assert_eq!(v.finish(), None);
        assert_eq!(ctx.get("titolo").map(|t| t.to_string()), Some("Protocollo".to_string()));
    }
}
