//! A document model to a tagged, fillable PDF, written with `pdf-writer`: A4 pages in
//! Titillium Web, an AcroForm of real fields each with an accessible name, a structure
//! tree in reading order, `/Lang it-IT`, the title shown by viewers, bookmarks, and what
//! PDF/A-2b asks (embedded fonts, XMP, sRGB output intent, appearance streams, file ID).

mod fields;
mod layout;
mod meta;
mod render;
mod tags;

use pdf_writer::types::{
    ActionType, AnnotationFlags, AnnotationType, CidFontType, FontFlags, OutputIntentSubtype, PageMode, SystemInfo, TabOrder, UnicodeCmap,
};
use pdf_writer::writers::{Destination, StructTreeRoot};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use self::fields::{FieldRefs, Widgets};
use std::collections::BTreeMap;

use self::layout::{AnnotKind, Face, Layout, PAGE_H, PAGE_W};
use self::tags::Kid;
use super::fonts::{Font, Fonts};
use super::model::Doc;

/// Write the document as PDF bytes.
pub fn write(doc: &Doc, fonts: &Fonts, producer: &str) -> Vec<u8> {
    let mut l = Layout::new(fonts);
    let mut w = Widgets::default();
    render::blocks(&mut l, &mut w, doc);
    l.footers(&doc.footer);
    let streams: Vec<Vec<u8>> =
        l.pages.iter_mut().map(|p| deflate(&std::mem::replace(&mut p.content, pdf_writer::Content::new()).finish().into_vec())).collect();
    assemble(doc, &l, &w, &streams, producer)
}

/// The object numbers of one document, allocated up front in a fixed order.
struct Ids {
    catalog: Ref,
    tree: Ref,
    struct_root: Ref,
    info: Ref,
    metadata: Ref,
    icc: Ref,
    pages: Vec<Ref>,
    contents: Vec<Ref>,
    parent_arrays: Vec<Ref>,
    nodes: Vec<Ref>,
    annots: Vec<Ref>,
    groups: Vec<Ref>,
    outline: Vec<Ref>,
    regular: Vec<Ref>,
    bold: Vec<Ref>,
    field_font: Vec<Ref>,
}

impl Ids {
    fn new(l: &Layout, w: &Widgets, next: &mut impl FnMut() -> Ref) -> Ids {
        let mut many = |n: usize| (0..n).map(|_| next()).collect::<Vec<Ref>>();
        let one = many(6);
        let pages = l.pages.len();
        Ids {
            catalog: one[0],
            tree: one[1],
            struct_root: one[2],
            info: one[3],
            metadata: one[4],
            icc: one[5],
            pages: many(pages),
            contents: many(pages),
            parent_arrays: many(pages),
            nodes: many(l.tags.nodes.len()),
            annots: many(l.annots.len()),
            groups: many(w.groups.len()),
            outline: many(l.outline.len() + usize::from(!l.outline.is_empty())),
            regular: many(6),
            bold: many(6),
            field_font: many(3),
        }
    }
}

fn assemble(doc: &Doc, l: &Layout, w: &Widgets, streams: &[Vec<u8>], producer: &str) -> Vec<u8> {
    let mut alloc = Ref::new(1);
    let mut next = || alloc.bump();
    let ids = Ids::new(l, w, &mut next);
    let mut pdf = Pdf::with_settings(pdf_writer::Settings { pretty: false });
    pdf.set_version(1, 7);
    pdf.set_file_id((file_id(doc), file_id(doc)));
    pages(&mut pdf, l, &ids, streams);
    type0(&mut pdf, &l.fonts.regular, &l.used[Face::Regular as usize], &ids.regular);
    type0(&mut pdf, &l.fonts.bold, &l.used[Face::Bold as usize], &ids.bold);
    font(&mut pdf, &l.fonts.regular, &ids.field_font);
    structure(&mut pdf, l, &ids);
    let page_count = l.pages.len();
    let field_refs = FieldRefs { pages: &ids.pages, annots: &ids.annots, groups: &ids.groups, font: ids.field_font[0] };
    let top_fields = fields::write(&mut pdf, &mut next, l, w, &field_refs, |a| (page_count + a) as i32);
    links(&mut pdf, doc, l, &ids);
    bookmarks(&mut pdf, l, &ids);
    let xmp = meta::xmp(&doc.title, &doc.subject, producer);
    pdf.metadata(ids.metadata, &xmp);
    let icc = meta::srgb_icc();
    pdf.icc_profile(ids.icc, &icc).n(3).range([0.0, 1.0, 0.0, 1.0, 0.0, 1.0]);
    pdf.document_info(ids.info).title(TextStr(&doc.title)).subject(TextStr(&doc.subject)).producer(TextStr(producer)).creator(TextStr(producer));
    catalog(&mut pdf, &ids, &top_fields);
    pdf.finish()
}

/// The page tree, each page with its content stream and the text faces.
fn pages(pdf: &mut Pdf, l: &Layout, ids: &Ids, streams: &[Vec<u8>]) {
    pdf.pages(ids.tree).kids(ids.pages.iter().copied()).count(l.pages.len() as i32);
    for (i, page) in l.pages.iter().enumerate() {
        let mut p = pdf.page(ids.pages[i]);
        p.parent(ids.tree).media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).contents(ids.contents[i]);
        p.struct_parents(i as i32).tab_order(TabOrder::StructureOrder);
        if !page.annots.is_empty() {
            p.annotations(page.annots.iter().map(|a| ids.annots[*a]));
        }
        p.resources().fonts().pair(Name(b"F1"), ids.regular[0]).pair(Name(b"F2"), ids.bold[0]);
        p.finish();
    }
    for (i, bytes) in streams.iter().enumerate() {
        pdf.stream(ids.contents[i], bytes).filter(Filter::FlateDecode);
    }
}

/// The structure tree, and the parent tree that maps each page's MCIDs and each
/// annotation's key back to the element that owns it.
fn structure(pdf: &mut Pdf, l: &Layout, ids: &Ids) {
    let page_count = l.pages.len();
    let mut owners: Vec<Vec<Ref>> = l.pages.iter().map(|_| Vec::new()).collect();
    let mut annot_owner = vec![ids.nodes[0]; l.annots.len()];
    for (n, node) in l.tags.nodes.iter().enumerate() {
        for kid in &node.kids {
            match *kid {
                Kid::Content { page, mcid } => {
                    let list = &mut owners[page];
                    if list.len() <= mcid as usize {
                        list.resize(mcid as usize + 1, ids.nodes[n]);
                    }
                    list[mcid as usize] = ids.nodes[n];
                }
                Kid::Annot { annot, .. } => annot_owner[annot] = ids.nodes[n],
                Kid::Node(_) => {}
            }
        }
    }
    l.tags.write(pdf, ids.struct_root, &ids.nodes, &ids.pages, &ids.annots);
    for (i, list) in owners.iter().enumerate() {
        pdf.indirect(ids.parent_arrays[i]).array().items(list.iter().copied());
    }
    let mut root = pdf.indirect(ids.struct_root).start::<StructTreeRoot>();
    root.child(ids.nodes[0]);
    let mut tree = root.parent_tree();
    let mut nums = tree.nums();
    for (i, r) in ids.parent_arrays.iter().enumerate() {
        nums.insert(i as i32, *r);
    }
    for (a, owner) in annot_owner.iter().enumerate() {
        nums.insert((page_count + a) as i32, *owner);
    }
    nums.finish();
    tree.finish();
    root.parent_tree_next_key((page_count + l.annots.len()) as i32);
}

/// The links of the table of contents to their headings.
fn links(pdf: &mut Pdf, doc: &Doc, l: &Layout, ids: &Ids) {
    let page_count = l.pages.len();
    for (i, a) in l.annots.iter().enumerate() {
        let AnnotKind::Link(target) = &a.kind else { continue };
        let (page, top) = l.anchors.get(target).copied().unwrap_or((0, PAGE_H));
        let mut link = pdf.annotation(ids.annots[i]);
        link.subtype(AnnotationType::Link).rect(a.rect).page(ids.pages[a.page]).flags(AnnotationFlags::PRINT);
        link.contents(TextStr(&format!("Vai a {}", toc_title(doc, target))));
        link.border(0.0, 0.0, 0.0, None).struct_parent((page_count + i) as i32);
        link.action().action_type(ActionType::GoTo).insert(Name(b"D")).start::<Destination>().page(ids.pages[page]).xyz(layout::MARGIN, top, None);
    }
}

/// One bookmark per level-2 heading.
fn bookmarks(pdf: &mut Pdf, l: &Layout, ids: &Ids) {
    let Some((&root, items)) = ids.outline.split_first() else { return };
    pdf.outline(root).first(items[0]).last(items[items.len() - 1]).count(items.len() as i32);
    for (i, (title, page, top)) in l.outline.iter().enumerate() {
        let mut item = pdf.outline_item(items[i]);
        item.title(TextStr(title)).parent(root);
        if i > 0 {
            item.prev(items[i - 1]);
        }
        if i + 1 < items.len() {
            item.next(items[i + 1]);
        }
        item.dest().page(ids.pages[*page]).xyz(layout::MARGIN, *top, None);
    }
}

/// The catalog: language, title shown, tagging, bookmarks, the PDF/A output intent and the
/// AcroForm with its field face.
fn catalog(pdf: &mut Pdf, ids: &Ids, top_fields: &[Ref]) {
    let mut cat = pdf.catalog(ids.catalog);
    cat.pages(ids.tree).lang(TextStr("it-IT")).metadata(ids.metadata);
    cat.viewer_preferences().display_doc_title(true);
    cat.mark_info().marked(true);
    cat.pair(Name(b"StructTreeRoot"), ids.struct_root);
    if let Some(root) = ids.outline.first() {
        cat.outlines(*root).page_mode(PageMode::UseOutlines);
    }
    cat.output_intents()
        .push()
        .subtype(OutputIntentSubtype::PDFA)
        .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
        .info(TextStr("sRGB IEC61966-2.1"))
        .dest_output_profile(ids.icc);
    if !top_fields.is_empty() {
        let mut form = cat.form();
        form.fields(top_fields.iter().copied());
        form.default_appearance(Str(b"/F1 10 Tf 0 g"));
        form.default_resources().fonts().pair(Name(b"F1"), ids.field_font[0]);
    }
    cat.finish();
}

/// The text face as a CID font (Type0, Identity-H) with only the glyphs `used`: the
/// subset program, widths, a CID → glyph map (CIDs are the face's own glyph ids, the subset
/// renumbers them) and a ToUnicode map, so the text can be searched and copied.
fn type0(pdf: &mut Pdf, f: &Font, used: &BTreeMap<u16, char>, ids: &[Ref]) {
    let (type0_id, cid_id, descriptor_id, file_id, unicode_id, map_id) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]);
    let mut remapper = subsetter::GlyphRemapper::new();
    for gid in used.keys() {
        remapper.remap(*gid);
    }
    // A subset tag made from the glyphs, as the standard asks ("ABCDEF+Name").
    let tag: String = {
        let mut h: u32 = 0x811c_9dc5;
        for gid in used.keys() {
            h = (h ^ u32::from(*gid)).wrapping_mul(0x0100_0193);
        }
        (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
    };
    let base = format!("{tag}+{}", f.name);
    let program = subsetter::subset(&f.program, 0, &remapper).unwrap_or_else(|_| f.program.clone());
    pdf.type0_font(type0_id).base_font(Name(base.as_bytes())).encoding_predefined(Name(b"Identity-H")).descendant_font(cid_id).to_unicode(unicode_id);
    let mut cid = pdf.cid_font(cid_id);
    cid.subtype(CidFontType::Type2).base_font(Name(base.as_bytes()));
    cid.system_info(SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 });
    cid.font_descriptor(descriptor_id).cid_to_gid_map_stream(map_id).default_width(500.0);
    let mut widths = cid.widths();
    for (gid, c) in used {
        let width = f.glyphs(&c.to_string()).next().map_or(500.0, |(_, g)| g.width);
        widths.consecutive(*gid, [width.round()]);
    }
    widths.finish();
    cid.finish();
    let mut cmap = UnicodeCmap::new(Name(b"Vetrina-UCS"), SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"UCS"), supplement: 0 });
    for (gid, c) in used {
        cmap.pair(*gid, *c);
    }
    pdf.cmap(unicode_id, &cmap.finish());
    let max = used.keys().next_back().copied().unwrap_or(0);
    let mut map = vec![0u8; (usize::from(max) + 1) * 2];
    for gid in used.keys() {
        let new = remapper.get(*gid).unwrap_or(0);
        map[usize::from(*gid) * 2..usize::from(*gid) * 2 + 2].copy_from_slice(&new.to_be_bytes());
    }
    pdf.stream(map_id, &deflate(&map)).filter(Filter::FlateDecode);
    descriptor(pdf, f, Name(base.as_bytes()), descriptor_id, file_id);
    pdf.stream(file_id, &deflate(&program)).filter(Filter::FlateDecode).pair(Name(b"Length1"), program.len() as i32);
}

/// The field face: a TrueType simple font with WinAnsi encoding, the whole program (a reader
/// draws what a person types with it): dictionary, descriptor, program.
fn font(pdf: &mut Pdf, f: &Font, ids: &[Ref]) {
    let (dict_id, descriptor_id, file_id) = (ids[0], ids[1], ids[2]);
    let name = Name(f.name.as_bytes());
    let mut dict = pdf.indirect(dict_id).dict();
    dict.pair(Name(b"Type"), Name(b"Font"));
    dict.pair(Name(b"Subtype"), Name(b"TrueType"));
    dict.pair(Name(b"BaseFont"), name);
    dict.pair(Name(b"FirstChar"), 32);
    dict.pair(Name(b"LastChar"), 255);
    dict.insert(Name(b"Widths")).array().items(f.widths.iter().map(|w| w.round()));
    dict.pair(Name(b"FontDescriptor"), descriptor_id);
    dict.pair(Name(b"Encoding"), Name(b"WinAnsiEncoding"));
    dict.finish();
    descriptor(pdf, f, name, descriptor_id, file_id);
    pdf.stream(file_id, &f.program_deflated).filter(Filter::FlateDecode).pair(Name(b"Length1"), f.program_len as i32);
}

/// The face's descriptor, the same for the text and the field fonts but for the name.
fn descriptor(pdf: &mut Pdf, f: &Font, name: Name, id: Ref, file_id: Ref) {
    pdf.font_descriptor(id)
        .name(name)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3]))
        .italic_angle(0.0)
        .ascent(f.ascent)
        .descent(f.descent)
        .cap_height(f.cap_height)
        .stem_v(if f.weight >= 600 { 120.0 } else { 80.0 })
        .font_file2(file_id);
}

fn toc_title(doc: &Doc, id: &str) -> String {
    doc.toc().into_iter().find(|(i, _)| i == id).map(|(_, t)| t).unwrap_or_default()
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    // The fastest level: page content streams are small and repetitive, so it costs a few
    // per cent of size and saves most of the deflate time (a third of making a PDF).
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = z.write_all(bytes);
    z.finish().unwrap_or_default()
}

/// A stable file identifier: the same document gives the same ID (reproducible builds).
fn file_id(doc: &Doc) -> Vec<u8> {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in doc.title.bytes().chain(doc.subject.bytes()).chain(doc.footer.bytes()) {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013B);
    }
    h.to_be_bytes().to_vec()
}
