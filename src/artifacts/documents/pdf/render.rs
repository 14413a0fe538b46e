//! The blocks of a document laid out on the pages, in reading order, each becoming its
//! structure element: H1–H3, P, L/LI/Lbl/LBody, Table/TR/TH/TD, TOC/TOCI/Link, Form.

use pdf_writer::types::{ListNumbering, StructRole, TableHeaderScope};
use pdf_writer::Rect;

use super::fields::{self, Widgets};
use super::layout::{AnnotKind, Face, Layout, Style, BLUE, BODY, INK, LABEL, MARGIN, PAGE_W, RULE, SMALL, WIDTH};
use crate::artifacts::documents::model::{Block, Doc, List, Numbering, ParaStyle, Table};

const H1: Style = Style { face: Face::Bold, size: 18.0, leading: 23.0, color: BLUE };
const H2: Style = Style { face: Face::Bold, size: 13.0, leading: 18.0, color: BLUE };
const H3: Style = Style { face: Face::Bold, size: 11.0, leading: 15.0, color: INK };
const LEAD: Style = Style { face: Face::Regular, size: 11.5, leading: 16.0, color: INK };
const NAME: Style = Style { face: Face::Bold, size: 14.0, leading: 18.0, color: BLUE };
const CELL: Style = Style { face: Face::Regular, size: 9.0, leading: 12.0, color: INK };
const CELL_HEAD: Style = Style { face: Face::Bold, size: 9.0, leading: 12.0, color: INK };

pub fn blocks(l: &mut Layout, w: &mut Widgets, doc: &Doc) {
    letterhead(l, doc);
    // Fields and text of a section belong to it: a `Sect` per level-2 heading.
    let mut parent = 0;
    let toc = doc.toc();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, id } => {
                if *level == 2 {
                    parent = l.tags.push(0, StructRole::Sect);
                }
                heading(l, parent, *level, text, id.as_deref());
            }
            Block::Para { text, style } => para(l, parent, *style, text),
            Block::List(list) => self::list(l, parent, list),
            Block::Table(t) => table(l, parent, t),
            Block::Field(f) => fields::layout(l, w, parent, f),
            Block::Toc => contents(l, parent, &toc),
        }
    }
}

fn letterhead(l: &mut Layout, doc: &Doc) {
    let head = &doc.letterhead;
    if head.name.is_empty() {
        return;
    }
    let div = l.tags.push(0, StructRole::Div);
    l.block(div, StructRole::P, NAME, MARGIN, WIDTH, &head.name);
    for line in &head.lines {
        l.block(div, StructRole::P, SMALL, MARGIN, WIDTH, line);
    }
    l.space(6.0);
    l.rule(BLUE, 1.0);
    l.space(10.0);
}

fn heading(l: &mut Layout, parent: usize, level: u8, text: &str, id: Option<&str>) {
    let (style, role, before, keep) = match level {
        1 => (H1, StructRole::H1, 4.0, 60.0),
        2 => (H2, StructRole::H2, 12.0, 80.0),
        _ => (H3, StructRole::H3, 8.0, 60.0),
    };
    l.ensure(before + l.measure(style, WIDTH, text) + keep);
    l.space(before);
    let top = l.y;
    if let Some(id) = id {
        l.anchors.insert(id.to_string(), (l.page(), top));
    }
    if level <= 2 {
        l.outline.push((text.to_string(), l.page(), top));
    }
    l.block(parent, role, style, MARGIN, WIDTH, text);
    l.space(if level == 1 { 6.0 } else { 3.0 });
}

fn para(l: &mut Layout, parent: usize, style: ParaStyle, text: &str) {
    match style {
        ParaStyle::Normal => {
            l.block(parent, StructRole::P, BODY, MARGIN, WIDTH, text);
        }
        ParaStyle::Small => {
            l.block(parent, StructRole::P, SMALL, MARGIN, WIDTH, text);
        }
        ParaStyle::Lead => {
            l.block(parent, StructRole::P, LEAD, MARGIN, WIDTH, text);
        }
        ParaStyle::Centred => {
            let node = l.tags.push(parent, StructRole::P);
            for line in l.font(LABEL.face).wrap(text, 10.5, WIDTH) {
                let style = Style { size: 10.5, leading: 15.0, ..LABEL };
                l.ensure(style.leading);
                l.space(style.leading);
                let x = (PAGE_W - l.font(style.face).width(&line, style.size)) / 2.0;
                let y = l.y + 3.0;
                l.line(node, style, x, y, &line);
            }
        }
    }
    l.space(5.0);
}

fn list(l: &mut Layout, parent: usize, list: &List) {
    let numbering = match list.numbering {
        Numbering::Bullet => ListNumbering::Disc,
        Numbering::Decimal => ListNumbering::Decimal,
        Numbering::LowerAlpha => ListNumbering::LowerAlpha,
    };
    let node = l.tags.list(parent, numbering);
    for item in &list.items {
        let indent = 18.0 * f32::from(item.depth);
        let li = l.tags.push(node, StructRole::LI);
        l.ensure(BODY.leading);
        let lbl = l.tags.push(li, StructRole::Lbl);
        let baseline = l.y - BODY.leading + (BODY.leading - BODY.size) / 2.0 + 1.5;
        l.line(lbl, BODY, MARGIN + indent, baseline, &item.label);
        let body = l.tags.push(li, StructRole::LBody);
        l.text(body, BODY, MARGIN + indent + 20.0, WIDTH - indent - 20.0, &item.text);
        l.space(2.0);
    }
    l.space(4.0);
}

fn table(l: &mut Layout, parent: usize, t: &Table) {
    let total: f32 = t.widths.iter().sum::<f32>().max(1.0);
    let widths: Vec<f32> = t.widths.iter().map(|w| w / total * WIDTH).collect();
    let node = l.tags.push(parent, StructRole::Table);
    l.ensure(LABEL.leading + 3.0 * CELL.leading + 12.0);
    let caption = l.tags.push(node, StructRole::Caption);
    l.text(caption, LABEL, MARGIN, WIDTH, &t.caption);
    l.space(3.0);
    row(l, node, &t.header, &widths, true);
    for r in &t.rows {
        row(l, node, r, &widths, false);
    }
    l.space(8.0);
}

fn row(l: &mut Layout, table: usize, cells: &[String], widths: &[f32], header: bool) {
    let pad = 4.0;
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (c, w))| {
            let style = if header || i == 0 { CELL_HEAD } else { CELL };
            l.font(style.face).wrap(c, style.size, w - 2.0 * pad)
        })
        .collect();
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let h = lines as f32 * CELL.leading + 2.0 * pad;
    l.ensure(h);
    let tr = l.tags.push(table, StructRole::TR);
    let top = l.y;
    let mut x = MARGIN;
    for (i, (lines, w)) in wrapped.iter().zip(widths).enumerate() {
        let (cell, style) = if header {
            (l.tags.header(tr, TableHeaderScope::Column), CELL_HEAD)
        } else if i == 0 {
            (l.tags.header(tr, TableHeaderScope::Row), if lines.iter().any(|s| s.starts_with('–')) { CELL } else { CELL_HEAD })
        } else {
            (l.tags.push(tr, StructRole::TD), CELL)
        };
        for (n, line) in lines.iter().enumerate() {
            let baseline = top - pad - (n as f32 + 1.0) * CELL.leading + 3.0;
            l.line(cell, style, x + pad, baseline, line);
        }
        x += w;
    }
    let fill = header;
    l.artifact(|c| {
        if fill {
            c.set_fill_rgb(0.92, 0.95, 0.98);
        }
        c.set_stroke_rgb(RULE.0, RULE.1, RULE.2);
        c.set_line_width(0.5);
        c.move_to(MARGIN, top - h);
        c.line_to(MARGIN + WIDTH, top - h);
        c.stroke();
    });
    l.space(h);
}

/// The table of contents: one linked line per article.
fn contents(l: &mut Layout, parent: usize, toc: &[(String, String)]) {
    let node = l.tags.push(parent, StructRole::TOC);
    for (id, text) in toc {
        let style = Style { color: BLUE, ..BODY };
        l.ensure(l.measure(style, WIDTH - 10.0, text));
        let item = l.tags.push(node, StructRole::TOCI);
        let link = l.tags.push(item, StructRole::Link);
        let top = l.y;
        l.text(link, style, MARGIN + 10.0, WIDTH - 10.0, text);
        l.annot(link, Rect::new(MARGIN + 10.0, l.y, MARGIN + WIDTH, top), AnnotKind::Link(id.clone()));
        l.space(1.0);
    }
    l.space(6.0);
}
