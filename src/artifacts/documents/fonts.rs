//! Titillium Web, the Designers Italia face, read at build time from the theme's npm
//! install of Bootstrap Italia (never committed). The text of a PDF is written with glyph
//! ids (a CID font, `pdf::type0`), so every letter of the face prints, Ș and Ł included,
//! and only the glyphs a document uses are embedded. The form fields keep the whole
//! program as a simple WinAnsi font: a reader draws what a person types with it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::DocumentError;

/// The two weights the documents use.
pub const REGULAR: &str = "titillium-web-v10-latin-ext_latin-regular.ttf";
pub const SEMIBOLD: &str = "titillium-web-v10-latin-ext_latin-600.ttf";

/// Where the theme's `npm ci` put the TrueType files.
pub fn font_dir(theme_dir: &Path) -> PathBuf {
    crate::input::assets::bootstrap_italia_dist(theme_dir).join("fonts").join("Titillium_Web")
}

/// One TrueType font, measured and ready to embed.
#[derive(Debug)]
pub struct Font {
    /// PostScript name, e.g. `TitilliumWeb-Regular`.
    pub name: String,
    /// The font program, deflated once for every PDF.
    pub program_deflated: Vec<u8>,
    pub program_len: usize,
    /// Advance widths of WinAnsi codes 32..=255, in 1/1000 em (0 where the font lacks it).
    pub widths: [f32; 224],
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub bbox: [f32; 4],
    pub weight: u16,
    /// The TrueType program as read, for subsetting.
    pub program: Vec<u8>,
    /// Every character the face draws: its glyph id and advance (1/1000 em).
    glyphs: HashMap<char, Glyph>,
}

/// One glyph of the face.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub width: f32,
}

/// The regular and semibold faces.
#[derive(Debug)]
pub struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

impl Fonts {
    /// Both faces from the theme's npm install, each resolved inside it (a link to a file
    /// elsewhere on the machine is refused).
    pub fn load(theme_dir: &Path) -> Result<Fonts, DocumentError> {
        let dir = font_dir(theme_dir);
        let face = |name: &str| {
            let font = dir.join(name);
            let resolved = crate::input::assets::resolve_installed(&font, theme_dir).map_err(|why| DocumentError::Installed {
                font,
                theme_dir: theme_dir.to_path_buf(),
                why,
            })?;
            Font::load(&resolved)
        };
        Ok(Fonts { regular: face(REGULAR)?, bold: face(SEMIBOLD)? })
    }
}

impl Font {
    pub fn load(path: &Path) -> Result<Font, DocumentError> {
        let bytes = std::fs::read(path).map_err(|e| DocumentError::Font(path.to_path_buf(), e.to_string()))?;
        Font::from_bytes(&bytes).map_err(|e| DocumentError::Font(path.to_path_buf(), e))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Font, String> {
        let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| crate::t!("doc-font-not-truetype", why = e.to_string()))?;
        let em = f32::from(face.units_per_em());
        let scale = |v: f32| v * 1000.0 / em;
        let mut widths = [0.0; 224];
        for code in 32u8..=255 {
            let Some(ch) = winansi_char(code) else { continue };
            if let Some(g) = face.glyph_index(ch) {
                let i = usize::from(code - 32);
                widths[i] = scale(f32::from(face.glyph_hor_advance(g).unwrap_or(0)));
            }
        }
        let name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| "TitilliumWeb".into())
            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "");
        let mut glyphs = HashMap::new();
        // The Basic Multilingual Plane up to the CJK blocks: every script a Latin face has.
        for c in (0x20u32..0x3000).filter_map(char::from_u32) {
            if let Some(g) = face.glyph_index(c) {
                glyphs.insert(c, Glyph { id: g.0, width: scale(f32::from(face.glyph_hor_advance(g).unwrap_or(0))) });
            }
        }
        let b = face.global_bounding_box();
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(bytes).map_err(|e| e.to_string())?;
        let program_deflated = z.finish().map_err(|e| e.to_string())?;
        Ok(Font {
            name,
            program_deflated,
            program_len: bytes.len(),
            widths,
            ascent: scale(f32::from(face.ascender())),
            descent: scale(f32::from(face.descender())),
            cap_height: scale(f32::from(face.capital_height().unwrap_or(face.ascender()))),
            bbox: [scale(f32::from(b.x_min)), scale(f32::from(b.y_min)), scale(f32::from(b.x_max)), scale(f32::from(b.y_max))],
            weight: face.weight().to_number(),
            program: bytes.to_vec(),
            glyphs,
        })
    }

    /// The glyphs of the text, each with the character it stands for (for copying text out
    /// of the PDF). Spaces of every width print as a space, minus signs as a hyphen; a
    /// character the face lacks prints as `?`.
    pub fn glyphs<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (char, Glyph)> + 'a {
        text.chars().map(|c| {
            let c = match c {
                '\u{A0}' | '\u{202F}' | '\u{2009}' | '\t' => ' ',
                '−' | '‐' | '‑' => '-',
                c => c,
            };
            match self.glyphs.get(&c) {
                Some(g) => (c, *g),
                None => ('?', self.glyphs.get(&'?').copied().unwrap_or(Glyph { id: 0, width: 500.0 })),
            }
        })
    }

    /// Width of the text at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.glyphs(text).map(|(_, g)| g.width).sum::<f32>() * size / 1000.0
    }

    /// Break the text into lines no wider than `max` points (a word longer than a line is
    /// broken by characters).
    pub fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
                if self.width(&candidate, size) <= max {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for ch in word.chars() {
                    line.push(ch);
                    if self.width(&line, size) > max && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(ch);
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// WinAnsi (Windows-1252) code points 0x80..=0x9F.
const HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

pub fn winansi_char(code: u8) -> Option<char> {
    match code {
        0x20..=0x7E | 0xA0..=0xFF => Some(char::from(code)),
        0x80..=0x9F => HIGH[usize::from(code - 0x80)],
        _ => None,
    }
}

pub fn winansi_code(c: char) -> Option<u8> {
    match c {
        '\u{20}'..='\u{7E}' | '\u{A1}'..='\u{FF}' => Some(c as u8),
        // No-break spaces (Italian number formatting) print as spaces.
        '\u{A0}' | '\u{202F}' | '\u{2009}' | '\t' => Some(b' '),
        '−' | '‐' | '‑' => Some(b'-'),
        _ => HIGH.iter().position(|h| *h == Some(c)).map(|i| 0x80 + i as u8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winansi_round_trips_italian_text() {
        for c in "àèéìòù ÀÈÉÌÒÙ € «» – … ’".chars() {
            let code = winansi_code(c).unwrap_or_else(|| panic!("{c:?}"));
            assert_eq!(winansi_char(code), Some(if c == ' ' { ' ' } else { c }));
        }
        assert_eq!(winansi_code('≤'), None);
    }

    #[test]
    fn the_text_face_draws_every_latin_letter() {
        let dir = font_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/agid"));
        let font = Font::load(&dir.join(REGULAR)).expect("the theme's fonts: npm ci --prefix themes/agid");
        for (c, g) in font.glyphs("Ștefănescu Łukasz Øre Ñandú Dvořák Őrség Đurđević Straße") {
            assert!(c == ' ' || g.id != font.glyphs("?").next().unwrap().1.id, "{c} prints as ?");
        }
        assert_eq!(font.glyphs("≠").next().unwrap().0, '?', "a sign the face lacks prints as ?");
    }
}
