//! A document as a list of blocks, the one model both writers read: the PDF and the ODT of
//! a form or a convention therefore always say the same thing.

/// A whole document.
#[derive(Debug, Clone, Hash)]
pub struct Doc {
    /// Title of the file (PDF `/Title`, ODT `dc:title`) and its first heading.
    pub title: String,
    pub subject: String,
    /// The letterhead: the CST's name, then lines about the lead body (address, PEC).
    pub letterhead: Letterhead,
    /// Short text repeated at the foot of every page.
    pub footer: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Hash)]
pub struct Letterhead {
    pub name: String,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Hash)]
pub enum Block {
    /// Level 1 is the document title; 2 and 3 below it. `id` makes it a TOC target.
    Heading {
        level: u8,
        text: String,
        id: Option<String>,
    },
    Para {
        text: String,
        style: ParaStyle,
    },
    List(List),
    Table(Table),
    Field(Field),
    /// The table of contents: the level-2 headings with an id, in order.
    Toc,
}

#[derive(Debug, Clone, Hash, Copy, PartialEq, Eq)]
pub enum ParaStyle {
    Normal,
    /// Hints and notes, in a smaller face.
    Small,
    /// Introductory text, slightly larger.
    Lead,
    /// Centred and bold (e.g. "DELIBERA" in a deliberation).
    Centred,
}

#[derive(Debug, Clone, Hash)]
pub struct List {
    pub items: Vec<ListItem>,
    pub numbering: Numbering,
}

#[derive(Debug, Clone, Hash)]
pub struct ListItem {
    /// The label as written: "1.", "a)", "•".
    pub label: String,
    pub text: String,
    /// 0 for the outer list, 1 for a list inside an item.
    pub depth: u8,
}

#[derive(Debug, Clone, Hash, Copy, PartialEq, Eq)]
pub enum Numbering {
    Bullet,
    Decimal,
    LowerAlpha,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub caption: String,
    pub header: Vec<String>,
    /// The first cell of each row is its header (`TH scope=Row`).
    pub rows: Vec<Vec<String>>,
    /// Relative column widths (same length as `header`).
    pub widths: Vec<f32>,
}

// By hand for the widths, which are not `Hash` as floats: their bits are (the same widths,
// the same bits), and that is all a document's key needs.
impl std::hash::Hash for Table {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (&self.caption, &self.header, &self.rows).hash(state);
        self.widths.iter().map(|w| w.to_bits()).for_each(|b| b.hash(state));
    }
}

/// A fillable field. `name` is the AcroForm field name and the name of the same control
/// on the web form, so the browser can fill the PDF with what was typed.
#[derive(Debug, Clone, Hash)]
pub struct Field {
    pub label: String,
    pub required: bool,
    pub help: Option<String>,
    pub kind: FieldKind,
}

#[derive(Debug, Clone, Hash)]
pub enum FieldKind {
    /// A text box; `lines` > 1 is multiline; `chars` narrows the box for short codes.
    Text {
        name: String,
        lines: u32,
        chars: Option<u32>,
        max_len: Option<u32>,
    },
    Check {
        name: String,
    },
    /// One choice among options: (export value, visible text).
    Radio {
        name: String,
        options: Vec<(String, String)>,
    },
    /// A grid of text boxes named `<name>-<row>-<column>` (both from 1).
    Grid {
        name: String,
        columns: Vec<String>,
        rows: u32,
    },
    /// An empty digital-signature field.
    Signature {
        name: String,
    },
}

impl Field {
    /// The AcroForm names this field creates, in order.
    pub fn names(&self) -> Vec<String> {
        match &self.kind {
            FieldKind::Text { name, .. } | FieldKind::Check { name } | FieldKind::Radio { name, .. } | FieldKind::Signature { name } => {
                vec![name.clone()]
            }
            FieldKind::Grid { name, columns, rows } => (1..=*rows).flat_map(|r| (1..=columns.len()).map(move |c| format!("{name}-{r}-{c}"))).collect(),
        }
    }

    /// The label with "(obbligatorio)" for required fields, as the web form writes it.
    pub fn label_text(&self) -> String {
        if self.required {
            format!("{} (obbligatorio)", self.label)
        } else {
            self.label.clone()
        }
    }
}

impl Doc {
    /// Every AcroForm field name of the document, in reading order.
    pub fn field_names(&self) -> Vec<String> {
        self.blocks.iter().filter_map(|b| if let Block::Field(f) = b { Some(f.names()) } else { None }).flatten().collect()
    }

    /// The level-2 headings that have an id, for the table of contents.
    pub fn toc(&self) -> Vec<(String, String)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level: 2, text, id: Some(id) } => Some((id.clone(), text.clone())),
                _ => None,
            })
            .collect()
    }
}

pub fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading { level, text: text.into(), id: None }
}

pub fn para(text: impl Into<String>) -> Block {
    Block::Para { text: text.into(), style: ParaStyle::Normal }
}

pub fn small(text: impl Into<String>) -> Block {
    Block::Para { text: text.into(), style: ParaStyle::Small }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{Hash, Hasher};

    fn key(t: &Table) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        t.hash(&mut h);
        h.finish()
    }

    #[test]
    fn a_table_key_follows_every_field_including_the_widths() {
        let t = Table {
            caption: "Tariffe".into(),
            header: vec!["Voce".into(), "Importo".into()],
            rows: vec![vec!["Canone".into(), "900,00 €".into()]],
            widths: vec![0.7, 0.3],
        };
        assert_eq!(key(&t), key(&t.clone()));
        assert_ne!(key(&t), key(&Table { widths: vec![0.6, 0.4], ..t.clone() }));
        assert_ne!(key(&t), key(&Table { rows: vec![vec!["Canone".into(), "950,00 €".into()]], ..t.clone() }));
        assert_ne!(key(&t), key(&Table { caption: "Prezzi".into(), ..t.clone() }));
    }
}
