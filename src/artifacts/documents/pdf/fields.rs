//! Fillable AcroForm fields: laid out under their labels, tagged as `Form` elements whose
//! widget annotation carries the accessible name (`/TU`), next to a `P` with the visible
//! label, and written with appearance streams (a PDF/A requirement) that any viewer can
//! replace when a value is typed.

use std::collections::HashMap;

use pdf_writer::types::{AnnotationFlags, FieldFlags, FieldType, StructRole, TableHeaderScope};
use pdf_writer::{Chunk, Content, Finish, Name, Rect, Ref, Str, TextStr};

use super::layout::{AnnotKind, Layout, Style, BODY, LABEL, MARGIN, RULE, SMALL, WIDTH};
use crate::artifacts::documents::model::{Field, FieldKind};

/// A widget annotation to write.
#[derive(Debug, Clone)]
pub enum Widget {
    Text {
        name: String,
        tu: String,
        lines: u32,
        max_len: Option<u32>,
        required: bool,
    },
    Check {
        name: String,
        tu: String,
        required: bool,
    },
    /// One button of a radio group; `state` is its on-state name.
    Radio {
        group: usize,
        state: String,
    },
    Signature {
        name: String,
        tu: String,
    },
}

#[derive(Debug, Clone)]
pub struct RadioGroup {
    pub name: String,
    pub tu: String,
    pub required: bool,
    /// Annotation indices of the buttons.
    pub kids: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Widgets {
    pub list: Vec<Widget>,
    pub groups: Vec<RadioGroup>,
}

const BOX_H: f32 = 20.0;
const TICK: f32 = 11.0;

/// Lay out one field under the element `parent`.
pub fn layout(l: &mut Layout, w: &mut Widgets, parent: usize, f: &Field) {
    let label = f.label_text();
    let help_h = f.help.as_deref().map_or(0.0, |h| l.measure(SMALL, WIDTH, h));
    match &f.kind {
        FieldKind::Text { name, lines, chars, max_len } => {
            let h = if *lines > 1 { *lines as f32 * 14.0 + 6.0 } else { BOX_H };
            let width = chars.map_or(WIDTH, |c| (c as f32 * 7.5 + 16.0).min(WIDTH));
            l.ensure(l.measure(LABEL, WIDTH, &label) + h + help_h + 6.0);
            let div = l.tags.push(parent, StructRole::Div);
            let lbl = l.tags.push(div, StructRole::P);
            l.text(lbl, LABEL, MARGIN, WIDTH, &label);
            l.space(3.0);
            let form = l.tags.push(div, StructRole::Form);
            let rect = Rect::new(MARGIN, l.y - h, MARGIN + width, l.y);
            let tu = accessible_name(f);
            let id = push(w, Widget::Text { name: name.clone(), tu, lines: *lines, max_len: *max_len, required: f.required });
            l.annot(form, rect, AnnotKind::Widget(id));
            l.space(h);
            help(l, div, f);
        }
        FieldKind::Check { name } => {
            l.ensure(l.measure(BODY, WIDTH - 18.0, &label) + help_h + 4.0);
            let div = l.tags.push(parent, StructRole::Div);
            let form = l.tags.push(div, StructRole::Form);
            let top = l.y;
            let rect = Rect::new(MARGIN, top - TICK - 2.0, MARGIN + TICK, top - 2.0);
            let id = push(w, Widget::Check { name: name.clone(), tu: accessible_name(f), required: f.required });
            l.annot(form, rect, AnnotKind::Widget(id));
            let lbl = l.tags.push(div, StructRole::P);
            l.text(lbl, BODY, MARGIN + 18.0, WIDTH - 18.0, &label);
            help(l, div, f);
        }
        FieldKind::Radio { name, options } => {
            l.ensure(l.measure(LABEL, WIDTH, &label) + 16.0 * options.len().min(3) as f32);
            let div = l.tags.push(parent, StructRole::Div);
            let lbl = l.tags.push(div, StructRole::P);
            l.text(lbl, LABEL, MARGIN, WIDTH, &label);
            help(l, div, f);
            let group = w.groups.len();
            w.groups.push(RadioGroup { name: name.clone(), tu: accessible_name(f), required: f.required, kids: Vec::new() });
            for (state, text) in options {
                l.ensure(l.measure(BODY, WIDTH - 18.0, text) + 2.0);
                let form = l.tags.push(div, StructRole::Form);
                let top = l.y;
                let rect = Rect::new(MARGIN, top - TICK - 2.0, MARGIN + TICK, top - 2.0);
                let id = push(w, Widget::Radio { group, state: state.clone() });
                let annot = l.annot(form, rect, AnnotKind::Widget(id));
                w.groups[group].kids.push(annot);
                let opt = l.tags.push(div, StructRole::P);
                l.text(opt, BODY, MARGIN + 18.0, WIDTH - 18.0, text);
                l.space(2.0);
            }
        }
        FieldKind::Grid { name, columns, rows } => grid(l, w, parent, f, name, columns, *rows),
        FieldKind::Signature { name } => {
            let h = 56.0;
            l.ensure(l.measure(LABEL, WIDTH, &label) + h + 6.0);
            let div = l.tags.push(parent, StructRole::Div);
            let lbl = l.tags.push(div, StructRole::P);
            l.text(lbl, LABEL, MARGIN, WIDTH, &label);
            l.space(3.0);
            let form = l.tags.push(div, StructRole::Form);
            let rect = Rect::new(MARGIN, l.y - h, MARGIN + 240.0, l.y);
            let id = push(w, Widget::Signature { name: name.clone(), tu: accessible_name(f) });
            l.annot(form, rect, AnnotKind::Widget(id));
            l.space(h);
            help(l, div, f);
        }
    }
    l.space(8.0);
}

fn push(w: &mut Widgets, widget: Widget) -> usize {
    w.list.push(widget);
    w.list.len() - 1
}

/// The name a screen reader announces: the label, the hint, "obbligatorio".
fn accessible_name(f: &Field) -> String {
    match &f.help {
        Some(h) => format!("{}. {}", f.label_text(), h),
        None => f.label_text(),
    }
}

fn help(l: &mut Layout, div: usize, f: &Field) {
    if let Some(h) = &f.help {
        l.space(1.0);
        l.block(div, StructRole::P, SMALL, MARGIN, WIDTH, h);
    }
}

/// A table of text boxes, one row per person: `N.` then the columns.
fn grid(l: &mut Layout, w: &mut Widgets, parent: usize, f: &Field, name: &str, columns: &[String], rows: u32) {
    let first = 28.0;
    let col_w = (WIDTH - first) / columns.len().max(1) as f32;
    let row_h = 20.0;
    l.ensure(LABEL.leading + 2.0 * row_h);
    let table = l.tags.push(parent, StructRole::Table);
    let caption = l.tags.push(table, StructRole::Caption);
    l.text(caption, LABEL, MARGIN, WIDTH, &f.label_text());
    if let Some(h) = &f.help {
        l.block(caption, StructRole::P, SMALL, MARGIN, WIDTH, h);
    }
    l.space(3.0);
    let header_row = l.tags.push(table, StructRole::TR);
    let baseline = |y: f32| y - row_h + 6.5;
    let y = l.y;
    let th = l.tags.header(header_row, TableHeaderScope::Column);
    l.line(th, SMALL_BOLD, MARGIN + 4.0, baseline(y), "N.");
    for (i, c) in columns.iter().enumerate() {
        let th = l.tags.header(header_row, TableHeaderScope::Column);
        l.line(th, SMALL_BOLD, MARGIN + first + i as f32 * col_w + 4.0, baseline(y), c);
    }
    l.space(row_h);
    for r in 1..=rows {
        l.ensure(row_h);
        let tr = l.tags.push(table, StructRole::TR);
        let y = l.y;
        let th = l.tags.header(tr, TableHeaderScope::Row);
        l.line(th, SMALL, MARGIN + 4.0, baseline(y), &r.to_string());
        for (i, c) in columns.iter().enumerate() {
            let td = l.tags.push(tr, StructRole::TD);
            let form = l.tags.push(td, StructRole::Form);
            let x = MARGIN + first + i as f32 * col_w;
            let rect = Rect::new(x + 1.0, y - row_h + 1.0, x + col_w - 1.0, y - 1.0);
            let tu = format!("{}, riga {r}", c);
            let id = push(w, Widget::Text { name: format!("{name}-{r}-{}", i + 1), tu, lines: 1, max_len: None, required: false });
            l.annot(form, rect, AnnotKind::Widget(id));
        }
        l.space(row_h);
    }
}

const SMALL_BOLD: Style = Style { face: super::layout::Face::Bold, size: 8.5, leading: 11.5, color: super::layout::INK };

/// References the writer needs for the fields.
pub struct FieldRefs<'a> {
    pub pages: &'a [Ref],
    pub annots: &'a [Ref],
    pub groups: &'a [Ref],
    pub font: Ref,
}

/// Write the widgets and radio groups; returns the top-level field references for the
/// AcroForm's `/Fields`.
pub fn write(chunk: &mut Chunk, next: &mut impl FnMut() -> Ref, l: &Layout, w: &Widgets, r: &FieldRefs, struct_parent: impl Fn(usize) -> i32) -> Vec<Ref> {
    let mut fields = Vec::new();
    // Widgets of the same kind and size share their appearance streams.
    let mut shared: HashMap<(u8, i32, i32), (Ref, Ref)> = HashMap::new();
    let mut streams = |chunk: &mut Chunk, kind: u8, w: f32, h: f32| -> (Ref, Ref) {
        *shared.entry((kind, (w * 100.0) as i32, (h * 100.0) as i32)).or_insert_with(|| {
            let (on, off) = (next(), next());
            let shape = if kind == 2 { Shape::Circle } else { Shape::Box };
            match kind {
                0 => appearance(chunk, on, w, h, Some(r.font), shape, |_| {}, true),
                1 => appearance(chunk, on, w, h, None, shape, |c| tick(c, w, h), false),
                2 => appearance(chunk, on, w, h, None, shape, |c| dot(c, w, h), false),
                _ => appearance(chunk, on, w, h, None, shape, |_| {}, false),
            }
            if kind == 1 || kind == 2 {
                appearance(chunk, off, w, h, None, shape, |_| {}, false);
            }
            (on, off)
        })
    };
    for (gi, g) in w.groups.iter().enumerate() {
        let mut field = chunk.form_field(r.groups[gi]);
        field.field_type(FieldType::Button).partial_name(TextStr(&g.name)).alternate_name(TextStr(&g.tu));
        let mut flags = FieldFlags::RADIO | FieldFlags::NO_TOGGLE_TO_OFF;
        if g.required {
            flags |= FieldFlags::REQUIRED;
        }
        field.field_flags(flags).radio_value(Name(b"Off"));
        field.children(g.kids.iter().map(|a| r.annots[*a]));
        field.finish();
        fields.push(r.groups[gi]);
    }
    for (ai, a) in l.annots.iter().enumerate() {
        let AnnotKind::Widget(wi) = a.kind else { continue };
        let widget = &w.list[wi];
        let kind = match widget {
            Widget::Text { .. } => 0,
            Widget::Check { .. } => 1,
            Widget::Radio { .. } => 2,
            Widget::Signature { .. } => 3,
        };
        let looks = streams(chunk, kind, a.rect.x2 - a.rect.x1, a.rect.y2 - a.rect.y1);
        let at = Place { rect: a.rect, page: r.pages[a.page], key: struct_parent(ai) };
        if let Some(top) = write_widget(chunk, r.annots[ai], widget, &at, looks, r.groups) {
            fields.push(top);
        }
    }
    fields
}

/// Where a widget sits: its rectangle, its page and its key in the parent tree.
struct Place {
    rect: Rect,
    page: Ref,
    key: i32,
}

/// One widget with its field (a radio button's field is its group); returns the field to
/// list in the AcroForm, if it is a top-level one.
fn write_widget(chunk: &mut Chunk, id: Ref, widget: &Widget, at: &Place, (on, off): (Ref, Ref), groups: &[Ref]) -> Option<Ref> {
    match widget {
        Widget::Text { name, tu, lines, max_len, required } => {
            let mut field = chunk.form_field(id);
            field.field_type(FieldType::Text).partial_name(TextStr(name)).alternate_name(TextStr(tu));
            let mut flags = FieldFlags::empty();
            if *lines > 1 {
                flags |= FieldFlags::MULTILINE;
            }
            if *required {
                flags |= FieldFlags::REQUIRED;
            }
            field.field_flags(flags);
            if let Some(m) = max_len {
                field.text_max_len(*m as i32);
            }
            field.vartext_default_appearance(Str(b"/F1 10 Tf 0 g"));
            let mut annot = field.into_annotation();
            widget_common(&mut annot, at.rect, at.page, at.key);
            annot.appearance().normal().stream(on);
            annot.finish();
            Some(id)
        }
        Widget::Check { name, tu, required } => {
            let mut field = chunk.form_field(id);
            field.field_type(FieldType::Button).partial_name(TextStr(name)).alternate_name(TextStr(tu));
            if *required {
                field.field_flags(FieldFlags::REQUIRED);
            }
            field.pair(Name(b"V"), Name(b"Off"));
            let mut annot = field.into_annotation();
            widget_common(&mut annot, at.rect, at.page, at.key);
            on_off(&mut annot, b"Yes", on, off);
            annot.finish();
            Some(id)
        }
        Widget::Radio { group, state } => {
            let mut annot = chunk.annotation(id);
            annot.subtype(pdf_writer::types::AnnotationType::Widget);
            annot.parent(groups[*group]);
            widget_common(&mut annot, at.rect, at.page, at.key);
            on_off(&mut annot, state.as_bytes(), on, off);
            annot.finish();
            None
        }
        Widget::Signature { name, tu } => {
            let mut field = chunk.form_field(id);
            field.field_type(FieldType::Signature).partial_name(TextStr(name)).alternate_name(TextStr(tu));
            let mut annot = field.into_annotation();
            widget_common(&mut annot, at.rect, at.page, at.key);
            annot.appearance().normal().stream(on);
            annot.finish();
            Some(id)
        }
    }
}

/// A box or button shown off, with its `on` look named `state`.
fn on_off(annot: &mut pdf_writer::writers::Annotation, state: &[u8], on: Ref, off: Ref) {
    annot.appearance_state(Name(b"Off"));
    let mut ap = annot.appearance();
    let mut streams = ap.normal().streams();
    streams.pair(Name(state), on);
    streams.pair(Name(b"Off"), off);
    streams.finish();
    ap.finish();
}

fn widget_common(annot: &mut pdf_writer::writers::Annotation, rect: Rect, page: Ref, key: i32) {
    annot.rect(rect).page(page).flags(AnnotationFlags::PRINT).struct_parent(key);
    annot.border_style().width(0.75);
    let mut mk = annot.appearance_characteristics();
    mk.border_color_rgb(RULE.0, RULE.1, RULE.2).background_color_rgb(1.0, 1.0, 1.0);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Box,
    Circle,
}

/// A form XObject: white box (or circle, for radio buttons), grey border, then `mark`.
/// Text boxes wrap nothing in `/Tx BMC … EMC`, where viewers put the typed value.
#[allow(clippy::too_many_arguments)]
fn appearance(chunk: &mut Chunk, id: Ref, w: f32, h: f32, font: Option<Ref>, shape: Shape, mark: impl FnOnce(&mut Content), text: bool) {
    let mut c = Content::new();
    c.set_fill_rgb(1.0, 1.0, 1.0);
    c.set_stroke_rgb(RULE.0, RULE.1, RULE.2);
    c.set_line_width(0.75);
    match shape {
        Shape::Box => {
            c.rect(0.375, 0.375, w - 0.75, h - 0.75);
        }
        Shape::Circle => circle(&mut c, w / 2.0, h / 2.0, w.min(h) / 2.0 - 0.375),
    }
    c.fill_nonzero_and_stroke();
    mark(&mut c);
    if text {
        c.begin_marked_content(Name(b"Tx"));
        c.end_marked_content();
    }
    let bytes = c.finish();
    let mut x = chunk.form_xobject(id, &bytes);
    x.bbox(Rect::new(0.0, 0.0, w, h));
    if let Some(f) = font {
        x.resources().fonts().pair(Name(b"F1"), f);
    }
}

fn tick(c: &mut Content, w: f32, h: f32) {
    c.set_stroke_rgb(0.1, 0.1, 0.1);
    c.set_line_width(1.6);
    c.move_to(w * 0.2, h * 0.52);
    c.line_to(w * 0.42, h * 0.25);
    c.line_to(w * 0.8, h * 0.78);
    c.stroke();
}

fn dot(c: &mut Content, w: f32, h: f32) {
    c.set_fill_rgb(0.1, 0.1, 0.1);
    circle(c, w / 2.0, h / 2.0, w.min(h) * 0.25);
    c.fill_nonzero();
}

/// A circle path from four Bézier arcs.
fn circle(c: &mut Content, cx: f32, cy: f32, r: f32) {
    let k = 0.5523 * r;
    c.move_to(cx + r, cy);
    c.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    c.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    c.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    c.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    c.close_path();
}
