//! The precompressed copies of a text file (`page.html.br`, `page.html.gz`) that a static
//! host or `vetrina serve` sends to a browser that accepts them, instead of compressing each
//! response or sending it whole: on a phone most of a first load is text. Pure: bytes in,
//! bytes out; `write` decides where they go.
//!
//! ```
//! use vetrina::precompress::{compressed, Encoding};
//! let page = "<p>Servizi del centro</p>".repeat(100);
//! let copies = compressed("servizi/index.html", page.as_bytes());
//! assert_eq!(copies.iter().map(|(e, _)| e.extension()).collect::<Vec<_>>(), ["br", "gz"]);
//! assert!(copies.iter().all(|(_, bytes)| bytes.len() < page.len() / 10));
//! assert!(compressed("documenti/modulo.pdf", page.as_bytes()).is_empty());
//! ```

use std::io::Write;

/// The encodings written, in the order a server prefers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
}

pub const ENCODINGS: [Encoding; 2] = [Encoding::Brotli, Encoding::Gzip];

/// Brotli's quality. Measured on the example's pages: 6 compresses ≈20 MB/s per core to 21.5 %
/// of the size, 11 (the densest) 0.3 MB/s to 19.8 %: 8 % smaller copies are not worth a build
/// sixty times slower (a catalog of 10,000 services has ≈400 MB of pages).
const BROTLI_QUALITY: i32 = 6;

impl Encoding {
    /// The suffix added to the file's name.
    pub fn extension(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gz",
        }
    }

    /// The name of the copy of `rel` in this encoding.
    pub fn path_of(self, rel: &str) -> String {
        format!("{rel}.{}", self.extension())
    }
}

/// Text formats a site publishes. Images, fonts, PDF and ODT files are compressed already;
/// so are the search index's fragments.
const TEXT: &[&str] = &["html", "css", "js", "mjs", "json", "jsonld", "xml", "svg", "txt", "csv", "md", "ttf", "webmanifest"];

/// Under this size a copy saves less than a network packet.
const MIN_SIZE: usize = 1024;

/// Whether a file of the site gets compressed copies.
pub fn worth(rel: &str, len: usize) -> bool {
    len >= MIN_SIZE && rel.rsplit_once('.').is_some_and(|(_, ext)| TEXT.contains(&ext))
}

/// The copies of a file, best encoding first; none for a file not [`worth`] it, and none in
/// an encoding that would not make the file at least a tenth smaller.
pub fn compressed(rel: &str, bytes: &[u8]) -> Vec<(Encoding, Vec<u8>)> {
    if !worth(rel, bytes.len()) {
        return Vec::new();
    }
    ENCODINGS.iter().map(|&e| (e, encode(e, bytes))).filter(|(_, c)| c.len() * 10 < bytes.len() * 9).collect()
}

fn encode(encoding: Encoding, bytes: &[u8]) -> Vec<u8> {
    match encoding {
        Encoding::Brotli => {
            let mut out = Vec::with_capacity(bytes.len() / 4);
            let params = brotli::enc::BrotliEncoderParams { quality: BROTLI_QUALITY, lgwin: 22, size_hint: bytes.len(), ..Default::default() };
            // Writing into a Vec cannot fail.
            let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
            out
        }
        Encoding::Gzip => {
            // Level 9 makes the pages no smaller than the default 6.
            let mut gz = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::default());
            let _ = gz.write_all(bytes);
            gz.finish().unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_copies_decode_to_the_file() {
        let css = "body { color: #1a1a1a; margin: 0 auto; }\n".repeat(200);
        for (encoding, bytes) in compressed("assets/css/vetrina.css", css.as_bytes()) {
            let mut back = String::new();
            match encoding {
                Encoding::Brotli => brotli::Decompressor::new(&bytes[..], 4096).read_to_string(&mut back).unwrap(),
                Encoding::Gzip => flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut back).unwrap(),
            };
            assert_eq!(back, css, "{encoding:?}");
        }
    }

    #[test]
    fn small_and_binary_files_have_none() {
        assert!(compressed("index.html", b"<p>ciao</p>").is_empty());
        assert!(!worth("assets/bi/fonts/a.woff2", 50_000));
        assert!(!worth("pagefind/fragment/x.pf_fragment", 50_000));
        assert!(worth("dati/servizi.csv", 50_000));
        // Random bytes do not shrink: no copy that is not smaller.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let noise: Vec<u8> = (0..5000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        assert!(compressed("x.js", &noise).is_empty());
    }
}
