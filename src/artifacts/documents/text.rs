//! Markdown (a convention, a form's notes) as document blocks: headings, paragraphs,
//! lists with their numbering as written (`2.`, `h)`), tables. Links keep their text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::model::{Block, List, ListItem, Numbering, ParaStyle, Table};

/// Convert Markdown; level-2 headings take their ids, in order, from `ids`.
pub fn blocks(markdown: &str, ids: &[String]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut ids = ids.iter();
    let mut text = String::new();
    // Open lists: (numbering, next number, items).
    let mut lists: Vec<(Numbering, u64)> = Vec::new();
    let mut items: Vec<ListItem> = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Vec<String> = Vec::new();
    let mut heading: Option<u8> = None;
    for ev in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_SMART_PUNCTUATION) {
        if table_event(&ev, &mut table, &mut row, &mut text, &mut out) {
            continue;
        }
        match ev {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak => text.push('\n'),
            Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => 2,
                    _ => 3,
                });
                text.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                let level = heading.take().unwrap_or(2);
                let id = if level == 2 { ids.next().cloned() } else { None };
                out.push(Block::Heading { level, text: take(&mut text), id });
            }
            Event::Start(Tag::Paragraph) if lists.is_empty() => text.clear(),
            Event::End(TagEnd::Paragraph) => {
                if lists.is_empty() {
                    paragraph(&mut out, &std::mem::take(&mut text));
                } else {
                    text.push('\n');
                }
            }
            Event::Start(Tag::List(start)) => {
                flush_item(&mut items, &lists, &mut text);
                lists.push(match start {
                    Some(n) => (Numbering::Decimal, n),
                    None => (Numbering::Bullet, 0),
                });
            }
            Event::End(TagEnd::List(_)) => {
                flush_item(&mut items, &lists, &mut text);
                lists.pop();
                if lists.is_empty() {
                    let numbering = items.first().map_or(Numbering::Bullet, |_| Numbering::Decimal);
                    let numbering = if items.iter().all(|i| i.label == "•") { Numbering::Bullet } else { numbering };
                    out.push(Block::List(List { items: std::mem::take(&mut items), numbering }));
                }
            }
            Event::Start(Tag::Item) => {
                flush_item(&mut items, &lists, &mut text);
                if let Some((kind, n)) = lists.last_mut() {
                    let label = if *kind == Numbering::Decimal { format!("{n}.") } else { "•".into() };
                    *n += 1;
                    items.push(ListItem { label, text: String::new(), depth: (lists.len() - 1).min(3) as u8 });
                }
            }
            Event::End(TagEnd::Item) => flush_item(&mut items, &lists, &mut text),
            _ => {}
        }
    }
    out
}

/// The events of a Markdown table: its header, rows and cells, then the table block with
/// the caption taken from the text before it. False for any other event.
fn table_event(ev: &Event, table: &mut Option<Table>, row: &mut Vec<String>, text: &mut String, out: &mut Vec<Block>) -> bool {
    match ev {
        Event::Start(Tag::Table(_)) => *table = Some(Table { caption: String::new(), header: Vec::new(), rows: Vec::new(), widths: Vec::new() }),
        Event::End(TagEnd::TableHead) => {
            if let Some(t) = table.as_mut() {
                t.header = std::mem::take(row);
            }
        }
        Event::End(TagEnd::TableRow) => {
            if let Some(t) = table.as_mut() {
                t.rows.push(std::mem::take(row));
            }
        }
        Event::End(TagEnd::TableCell) => row.push(take(text)),
        Event::End(TagEnd::Table) => {
            if let Some(mut t) = table.take() {
                t.widths = vec![1.0; t.header.len()];
                t.caption = caption(out);
                out.push(Block::Table(t));
            }
        }
        _ => return false,
    }
    true
}

fn take(text: &mut String) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.clear();
    t
}

/// Put the text gathered so far into the last open item.
fn flush_item(items: &mut [ListItem], lists: &[(Numbering, u64)], text: &mut String) {
    if lists.is_empty() {
        return;
    }
    let t = take(text);
    if let Some(last) = items.last_mut() {
        if !t.is_empty() {
            if !last.text.is_empty() {
                last.text.push(' ');
            }
            last.text.push_str(&t);
        }
    }
}

/// A paragraph whose every line starts with `x) ` is a lettered list, kept as written.
fn paragraph(out: &mut Vec<Block>, raw: &str) {
    let lines: Vec<&str> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let lettered = !lines.is_empty()
        && lines.iter().all(|l| {
            let mut c = l.chars();
            matches!((c.next(), c.next(), c.next()), (Some(a), Some(')'), Some(' ')) if a.is_ascii_lowercase())
        });
    if lettered {
        let items = lines.iter().map(|l| ListItem { label: l[..2].to_string(), text: l[3..].trim().to_string(), depth: 0 }).collect();
        out.push(Block::List(List { items, numbering: Numbering::LowerAlpha }));
    } else if !raw.trim().is_empty() {
        out.push(Block::Para { text: raw.split_whitespace().collect::<Vec<_>>().join(" "), style: ParaStyle::Normal });
    }
}

/// A caption for a table: the heading it stands under.
fn caption(out: &[Block]) -> String {
    out.iter()
        .rev()
        .find_map(|b| if let Block::Heading { text, .. } = b { Some(format!("Tabella – {text}")) } else { None })
        .unwrap_or_else(|| "Tabella".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_their_numbers_and_letters() {
        let md = "## Art. 3 – Funzioni\n\n2. In particolare:\n\na) progetta;\nb) gestisce.\n\n3. Inoltre:\n   - uno;\n   - due.\n";
        let b = blocks(md, &["art-3".to_string()]);
        assert!(matches!(&b[0], Block::Heading { level: 2, id: Some(id), .. } if id == "art-3"));
        let Block::List(first) = &b[1] else { panic!("{b:?}") };
        assert_eq!(first.items[0].label, "2.");
        let Block::List(letters) = &b[2] else { panic!("{b:?}") };
        assert_eq!((letters.items[1].label.as_str(), letters.items[1].text.as_str()), ("b)", "gestisce."));
        let Block::List(nested) = &b[3] else { panic!("{b:?}") };
        assert_eq!(nested.items[0].label, "3.");
        assert_eq!((nested.items[1].label.as_str(), nested.items[1].depth), ("•", 1));
    }

    #[test]
    fn tables_keep_header_and_rows() {
        let b = blocks("## Voti\n\n| A | B |\n|---|---|\n| 1 | 2 |\n", &[]);
        let Block::Table(t) = &b[1] else { panic!("{b:?}") };
        assert_eq!(t.header, vec!["A", "B"]);
        assert_eq!(t.rows, vec![vec!["1", "2"]]);
    }
}
