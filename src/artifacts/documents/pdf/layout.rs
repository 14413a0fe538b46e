//! Pages of an A4 document laid out top to bottom: wrapped text in Titillium Web, every
//! piece of text tagged (marked content with an MCID owned by a structure element) and
//! every decoration marked as an artifact. Annotations (form widgets, links) are recorded
//! with their rectangle and written by the caller at the end.

use std::collections::{BTreeMap, HashMap};

use pdf_writer::types::{ArtifactType, StructRole};
use pdf_writer::{Content, Name, Rect, Str};

use super::tags::{tag_name, Kid, Tags};
use crate::artifacts::documents::fonts::{Font, Fonts};

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN: f32 = 56.7;
pub const BOTTOM: f32 = 62.0;
pub const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    pub fn resource(self) -> Name<'static> {
        match self {
            Face::Regular => Name(b"F1"),
            Face::Bold => Name(b"F2"),
        }
    }
}

/// A colour of text or lines, as DeviceRGB (the output intent is sRGB).
#[derive(Debug, Clone, Copy)]
pub struct Rgb(pub f32, pub f32, pub f32);

pub const INK: Rgb = Rgb(0.1, 0.1, 0.1);
pub const GREY: Rgb = Rgb(0.3, 0.3, 0.3);
/// The Bootstrap Italia primary blue, #0066CC.
pub const BLUE: Rgb = Rgb(0.0, 0.4, 0.8);
pub const RULE: Rgb = Rgb(0.55, 0.55, 0.55);

/// A style of text: face, size, line height, colour.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub leading: f32,
    pub color: Rgb,
}

pub const BODY: Style = Style { face: Face::Regular, size: 10.0, leading: 14.0, color: INK };
pub const SMALL: Style = Style { face: Face::Regular, size: 8.5, leading: 11.5, color: GREY };
pub const LABEL: Style = Style { face: Face::Bold, size: 9.5, leading: 13.0, color: INK };

pub struct Page {
    pub content: Content,
    next_mcid: i32,
    /// Indices of the annotations on this page.
    pub annots: Vec<usize>,
}

/// What an annotation is, for the writer.
#[derive(Debug, Clone)]
pub enum AnnotKind {
    /// A form widget; its index in the document's widget list.
    Widget(usize),
    /// A link to the heading with this id.
    Link(String),
}

#[derive(Debug, Clone)]
pub struct Annot {
    pub page: usize,
    pub rect: Rect,
    pub kind: AnnotKind,
}

pub struct Layout<'f> {
    pub fonts: &'f Fonts,
    pub pages: Vec<Page>,
    /// The baseline position of the next content, from the bottom of the page.
    pub y: f32,
    pub tags: Tags,
    pub annots: Vec<Annot>,
    /// Heading ids → (page, y of the heading's top), for links and bookmarks.
    pub anchors: HashMap<String, (usize, f32)>,
    /// Level-2 headings for the bookmarks: (title, page, top).
    pub outline: Vec<(String, usize, f32)>,
    /// The glyphs each face has drawn (id → character), for its subset and ToUnicode map.
    pub used: [BTreeMap<u16, char>; 2],
}

impl<'f> Layout<'f> {
    pub fn new(fonts: &'f Fonts) -> Layout<'f> {
        let mut l = Layout {
            fonts,
            pages: Vec::new(),
            y: 0.0,
            tags: Tags::new(),
            annots: Vec::new(),
            anchors: HashMap::new(),
            outline: Vec::new(),
            used: [BTreeMap::new(), BTreeMap::new()],
        };
        l.new_page();
        l
    }

    pub fn font(&self, face: Face) -> &'f Font {
        match face {
            Face::Regular => &self.fonts.regular,
            Face::Bold => &self.fonts.bold,
        }
    }

    pub fn page(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page { content: Content::new(), next_mcid: 0, annots: Vec::new() });
        self.y = PAGE_H - MARGIN;
    }

    /// Start a new page unless `height` points fit above the bottom margin.
    pub fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    pub fn space(&mut self, points: f32) {
        self.y -= points;
    }

    /// The text as the glyph ids of `face` (two bytes each, Identity-H), noted as used.
    pub fn encode(&mut self, face: Face, text: &str) -> Vec<u8> {
        let font = self.font(face);
        let used = &mut self.used[face as usize];
        let mut bytes = Vec::with_capacity(text.len() * 2);
        for (c, g) in font.glyphs(text) {
            used.entry(g.id).or_insert(c);
            bytes.extend_from_slice(&g.id.to_be_bytes());
        }
        bytes
    }

    /// Draw one line of text at the baseline `y`, as marked content owned by `node`.
    pub fn line(&mut self, node: usize, style: Style, x: f32, y: f32, text: &str) {
        let bytes = self.encode(style.face, text);
        let page = self.page();
        let p = &mut self.pages[page];
        let mcid = p.next_mcid;
        p.next_mcid += 1;
        let c = &mut p.content;
        c.begin_marked_content_with_properties(tag_name(self.tags.nodes[node].role)).properties().identify(mcid);
        c.begin_text();
        c.set_fill_rgb(style.color.0, style.color.1, style.color.2);
        c.set_font(style.face.resource(), style.size);
        c.next_line(x, y);
        c.show(Str(&bytes));
        c.end_text();
        c.end_marked_content();
        self.tags.kid(node, Kid::Content { page, mcid });
    }

    /// Wrapped text from the current position, each line owned by `node`. Returns the
    /// number of lines.
    pub fn text(&mut self, node: usize, style: Style, x: f32, width: f32, text: &str) -> usize {
        let lines = self.font(style.face).wrap(text, style.size, width);
        for l in &lines {
            self.ensure(style.leading);
            self.y -= style.leading;
            let baseline = self.y + (style.leading - style.size) / 2.0 + 1.5;
            self.line(node, style, x, baseline, l);
        }
        lines.len()
    }

    /// Height the wrapped text will take.
    pub fn measure(&self, style: Style, width: f32, text: &str) -> f32 {
        self.font(style.face).wrap(text, style.size, width).len() as f32 * style.leading
    }

    /// A new element with wrapped text, under `parent`.
    pub fn block(&mut self, parent: usize, role: StructRole, style: Style, x: f32, width: f32, text: &str) -> usize {
        let node = self.tags.push(parent, role);
        self.text(node, style, x, width, text);
        node
    }

    /// Draw decorations (lines, boxes) as a layout artifact.
    pub fn artifact(&mut self, draw: impl FnOnce(&mut Content)) {
        let page = self.page();
        let c = &mut self.pages[page].content;
        c.begin_marked_content_with_properties(Name(b"Artifact")).properties().artifact().kind(ArtifactType::Layout);
        draw(c);
        c.end_marked_content();
    }

    /// A horizontal rule across the text width at the current position.
    pub fn rule(&mut self, color: Rgb, width: f32) {
        let y = self.y;
        self.artifact(|c| {
            c.set_stroke_rgb(color.0, color.1, color.2);
            c.set_line_width(width);
            c.move_to(MARGIN, y);
            c.line_to(PAGE_W - MARGIN, y);
            c.stroke();
        });
    }

    /// Record an annotation on the current page, owned by the structure element `node`.
    pub fn annot(&mut self, node: usize, rect: Rect, kind: AnnotKind) -> usize {
        let page = self.page();
        let id = self.annots.len();
        self.annots.push(Annot { page, rect, kind });
        self.pages[page].annots.push(id);
        self.tags.kid(node, Kid::Annot { page, annot: id });
        id
    }

    /// Running footer on every page: the document's short name and "Pagina n di m".
    pub fn footers(&mut self, text: &str) {
        let total = self.pages.len();
        let name = self.encode(Face::Regular, text);
        for i in 0..total {
            let number = format!("Pagina {} di {}", i + 1, total);
            let x = PAGE_W - MARGIN - self.fonts.regular.width(&number, 8.0);
            let number = self.encode(Face::Regular, &number);
            let c = &mut self.pages[i].content;
            c.begin_marked_content_with_properties(Name(b"Artifact")).properties().artifact().kind(ArtifactType::Pagination);
            c.begin_text();
            c.set_fill_rgb(GREY.0, GREY.1, GREY.2);
            c.set_font(Face::Regular.resource(), 8.0);
            c.next_line(MARGIN, 30.0);
            c.show(Str(&name));
            c.end_text();
            c.begin_text();
            c.set_font(Face::Regular.resource(), 8.0);
            c.next_line(x, 30.0);
            c.show(Str(&number));
            c.end_text();
            c.end_marked_content();
        }
    }
}
