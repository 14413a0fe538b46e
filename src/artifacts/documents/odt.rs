//! A document model to an editable OpenDocument text, written by hand with `zip`:
//! `mimetype` (stored, first), the manifest, `meta.xml`, `styles.xml` (A4, Titillium Web,
//! headings with outline levels, a footer with page numbers) and `content.xml`.
//! Form fields become fill-in placeholders; `⟦…⟧` in the text does too.

use std::fmt::Write as _;
use std::io::Write as _;

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use super::model::{Block, Doc, Field, FieldKind, ParaStyle, Table};
use super::DocumentError;

const MIME: &str = "application/vnd.oasis.opendocument.text";

pub fn write(doc: &Doc) -> Result<Vec<u8>, DocumentError> {
    let odt = |e: zip::result::ZipError| DocumentError::Odt(doc.title.clone(), e.to_string());
    let io = |e: std::io::Error| DocumentError::Odt(doc.title.clone(), e.to_string());
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    z.start_file("mimetype", stored).map_err(odt)?;
    z.write_all(MIME.as_bytes()).map_err(io)?;
    for (name, text) in [("META-INF/manifest.xml", manifest()), ("meta.xml", meta(doc)), ("styles.xml", styles(doc)), ("content.xml", content(doc))] {
        z.start_file(name, deflated).map_err(odt)?;
        z.write_all(text.as_bytes()).map_err(io)?;
    }
    Ok(z.finish().map_err(odt)?.into_inner())
}

const NS: &str = r##"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3""##;

fn manifest() -> String {
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{MIME}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"##
    )
}

fn meta(doc: &Doc) -> String {
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NS}><office:meta><meta:generator>Vetrina</meta:generator><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:language>it-IT</dc:language></office:meta></office:document-meta>"##,
        esc(&doc.title),
        esc(&doc.subject)
    )
}

/// Paragraph styles: (name, display name, parent, paragraph properties, text properties).
const PARAGRAPH_STYLES: &[(&str, &str, &str, &str, &str)] = &[
    ("Text_20_body", "Text body", "Standard", r##"fo:margin-bottom="0.2cm""##, ""),
    (
        "Heading",
        "Heading",
        "Standard",
        r##"fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always""##,
        r##"fo:font-weight="600" fo:color="#0066cc""##,
    ),
    ("Heading_20_1", "Heading 1", "Heading", "", r##"fo:font-size="18pt""##),
    ("Heading_20_2", "Heading 2", "Heading", "", r##"fo:font-size="14pt""##),
    ("Heading_20_3", "Heading 3", "Heading", "", r##"fo:font-size="12pt" fo:color="#1a1a1a""##),
    ("Letterhead", "Letterhead", "Standard", "", r##"fo:font-size="14pt" fo:font-weight="600" fo:color="#0066cc""##),
    ("Letterhead_20_line", "Letterhead line", "Standard", "", r##"fo:font-size="9pt" fo:color="#4d4d4d""##),
    ("Rule", "Rule", "Standard", r##"fo:margin-bottom="0.4cm" fo:border-bottom="1pt solid #0066cc" fo:padding-bottom="0.1cm""##, ""),
    ("Lead", "Lead", "Text_20_body", "", r##"fo:font-size="12pt""##),
    ("Small", "Small", "Text_20_body", "", r##"fo:font-size="9pt" fo:color="#4d4d4d""##),
    ("Centred", "Centred", "Text_20_body", r##"fo:text-align="center" fo:margin-top="0.3cm""##, r##"fo:font-weight="600""##),
    ("Label", "Field label", "Standard", r##"fo:margin-top="0.25cm" fo:margin-bottom="0.05cm" fo:keep-with-next="always""##, r##"fo:font-weight="600""##),
    ("Fill", "Field", "Standard", r##"fo:margin-bottom="0.1cm" fo:padding-bottom="0.05cm" fo:border-bottom="0.5pt solid #8c8c8c""##, ""),
    ("Option", "Field option", "Standard", r##"fo:margin-left="0.4cm" fo:margin-bottom="0.05cm""##, ""),
    ("List_20_item", "List item", "Text_20_body", r##"fo:margin-left="0.8cm" fo:text-indent="-0.6cm" fo:margin-bottom="0.1cm""##, ""),
    ("List_20_item_20_2", "List item 2", "Text_20_body", r##"fo:margin-left="1.4cm" fo:text-indent="-0.6cm" fo:margin-bottom="0.1cm""##, ""),
    ("Caption", "Caption", "Standard", r##"fo:margin-top="0.2cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always""##, r##"fo:font-weight="600""##),
    ("Table_20_Contents", "Table Contents", "Standard", "", r##"fo:font-size="9.5pt""##),
    ("Table_20_Heading", "Table Heading", "Table_20_Contents", "", r##"fo:font-weight="600""##),
    ("Contents_20_Heading", "Contents Heading", "Heading", "", r##"fo:font-size="14pt""##),
    ("Contents_20_1", "Contents 1", "Standard", r##"fo:margin-left="0.3cm" fo:margin-bottom="0.05cm""##, ""),
    ("Footer", "Footer", "Standard", "", r##"fo:font-size="8pt" fo:color="#4d4d4d""##),
];

fn styles(doc: &Doc) -> String {
    let mut s = String::new();
    for (name, display, parent, para, text) in PARAGRAPH_STYLES {
        let outline = name.strip_prefix("Heading_20_").map(|n| format!(r##" style:default-outline-level="{n}""##)).unwrap_or_default();
        let _ = write!(
            s,
            r##"<style:style style:name="{name}" style:display-name="{display}" style:family="paragraph" style:parent-style-name="{parent}"{outline}><style:paragraph-properties {para}/><style:text-properties {text}/></style:style>"##
        );
    }
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}>
<office:font-face-decls><style:font-face style:name="Titillium Web" svg:font-family="'Titillium Web'" style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties style:font-name="Titillium Web" fo:font-size="10.5pt" fo:language="it" fo:country="IT" fo:color="#1a1a1a"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
{s}
</office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:footer><text:p text:style-name="Footer">{} – Pagina <text:page-number text:select-page="current">1</text:page-number> di <text:page-count>1</text:page-count></text:p></style:footer></style:master-page></office:master-styles>
</office:document-styles>"##,
        esc(&doc.footer)
    )
}

fn content(doc: &Doc) -> String {
    let mut body = String::new();
    let mut auto = String::from(
        r##"<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #8c8c8c"/></style:style>"##,
    );
    let mut tables = 0;
    let head = &doc.letterhead;
    if !head.name.is_empty() {
        p(&mut body, "Letterhead", &head.name);
        for l in &head.lines {
            p(&mut body, "Letterhead_20_line", l);
        }
        body.push_str(r##"<text:p text:style-name="Rule"/>"##);
    }
    let toc = doc.toc();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                let _ = write!(body, r##"<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{}</text:h>"##, inline(text));
            }
            Block::Para { text, style } => p(&mut body, para_style(*style), text),
            Block::List(list) => {
                for item in &list.items {
                    let style = if item.depth == 0 { "List_20_item" } else { "List_20_item_20_2" };
                    p(&mut body, style, &format!("{} {}", item.label, item.text));
                }
            }
            Block::Table(t) => {
                tables += 1;
                table(&mut body, &mut auto, tables, t);
            }
            Block::Field(f) => field(&mut body, &mut auto, &mut tables, f),
            Block::Toc => {
                body.push_str(r##"<text:table-of-content text:name="Indice" text:protected="true"><text:table-of-content-source text:outline-level="2"><text:index-title-template text:style-name="Contents_20_Heading">Indice</text:index-title-template>"##);
                for level in 1..=2 {
                    let _ = write!(
                        body,
                        r##"<text:table-of-content-entry-template text:outline-level="{level}" text:style-name="Contents_20_1"><text:index-entry-chapter/><text:index-entry-text/></text:table-of-content-entry-template>"##
                    );
                }
                body.push_str("</text:table-of-content-source><text:index-body>");
                for (_, text) in &toc {
                    p(&mut body, "Contents_20_1", text);
                }
                body.push_str("</text:index-body></text:table-of-content>");
            }
        }
    }
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS}><office:automatic-styles>{auto}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"##
    )
}

fn para_style(s: ParaStyle) -> &'static str {
    match s {
        ParaStyle::Normal => "Text_20_body",
        ParaStyle::Small => "Small",
        ParaStyle::Lead => "Lead",
        ParaStyle::Centred => "Centred",
    }
}

fn p(out: &mut String, style: &str, text: &str) {
    let _ = write!(out, r##"<text:p text:style-name="{style}">{}</text:p>"##, inline(text));
}

/// A fill-in placeholder showing `<hint>`.
fn placeholder(hint: &str) -> String {
    format!(r##"<text:placeholder text:placeholder-type="text" text:description="{0}">&lt;{0}&gt;</text:placeholder>"##, esc(hint))
}

/// Escaped text, with `⟦hint⟧` as placeholders.
fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('⟦') {
        out.push_str(&esc(&rest[..start]));
        let after = &rest[start + '⟦'.len_utf8()..];
        match after.find('⟧') {
            Some(end) => {
                out.push_str(&placeholder(&after[..end]));
                rest = &after[end + '⟧'.len_utf8()..];
            }
            None => {
                out.push_str(&esc(&rest[start..]));
                rest = "";
            }
        }
    }
    out.push_str(&esc(rest));
    out
}

fn field(body: &mut String, auto: &mut String, tables: &mut usize, f: &Field) {
    let label = f.label_text();
    match &f.kind {
        FieldKind::Text { lines, .. } => {
            p(body, "Label", &label);
            let _ = write!(body, r##"<text:p text:style-name="Fill">{}</text:p>"##, placeholder(&f.label));
            for _ in 1..*lines {
                body.push_str(r##"<text:p text:style-name="Fill"/>"##);
            }
        }
        FieldKind::Check { .. } => p(body, "Option", &format!("☐ {label}")),
        FieldKind::Radio { options, .. } => {
            p(body, "Label", &label);
            for (_, text) in options {
                p(body, "Option", &format!("○ {text}"));
            }
        }
        FieldKind::Grid { columns, rows, .. } => {
            *tables += 1;
            let mut header = vec!["N.".to_string()];
            header.extend(columns.iter().cloned());
            let mut widths = vec![0.4];
            widths.extend(columns.iter().map(|_| 2.0));
            let t = Table { caption: label.clone(), header, rows: (1..=*rows).map(|r| vec![r.to_string()]).collect(), widths };
            table(body, auto, *tables, &t);
        }
        FieldKind::Signature { .. } => {
            p(body, "Label", &label);
            let _ = write!(body, r##"<text:p text:style-name="Fill">{}</text:p>"##, placeholder("Firma digitale"));
        }
    }
    if let Some(h) = &f.help {
        p(body, "Small", h);
    }
}

/// A table with a caption and a header row; rows shorter than the header get empty cells.
fn table(body: &mut String, auto: &mut String, n: usize, t: &Table) {
    let total: f32 = t.widths.iter().sum::<f32>().max(1.0);
    let _ = write!(
        auto,
        r##"<style:style style:name="T{n}" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style>"##
    );
    for (i, w) in t.widths.iter().enumerate() {
        let _ = write!(
            auto,
            r##"<style:style style:name="T{n}C{i}" style:family="table-column"><style:table-column-properties style:column-width="{:.2}cm" style:rel-column-width="{}*"/></style:style>"##,
            w / total * 17.0,
            (w / total * 10000.0).round()
        );
    }
    p(body, "Caption", &t.caption);
    let _ = write!(body, r##"<table:table table:name="Tabella{n}" table:style-name="T{n}">"##);
    for i in 0..t.widths.len() {
        let _ = write!(body, r##"<table:table-column table:style-name="T{n}C{i}"/>"##);
    }
    body.push_str("<table:table-header-rows><table:table-row>");
    for h in &t.header {
        let _ = write!(
            body,
            r##"<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="Table_20_Heading">{}</text:p></table:table-cell>"##,
            inline(h)
        );
    }
    body.push_str("</table:table-row></table:table-header-rows>");
    for row in &t.rows {
        body.push_str("<table:table-row>");
        for i in 0..t.header.len() {
            let text = row.get(i).cloned().unwrap_or_default();
            let style = if i == 0 && !text.starts_with('–') { "Table_20_Heading" } else { "Table_20_Contents" };
            let _ = write!(
                body,
                r##"<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="{style}">{}</text:p></table:table-cell>"##,
                inline(&text)
            );
        }
        body.push_str("</table:table-row>");
    }
    body.push_str("</table:table>");
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_become_fields() {
        let s = super::inline("n. ⟦numero⟧ del ⟦data⟧ & altro");
        assert_eq!(s.matches("<text:placeholder").count(), 2);
        assert!(s.contains("&lt;numero&gt;") && s.ends_with(" &amp; altro"));
    }
}
