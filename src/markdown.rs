//! Markdown to HTML with pulldown-cmark, plus what a CST text needs: stable anchors for
//! convention articles (`## Art. 6-bis – …` → `#art-6-bis`), list numbering kept as written
//! (`2.` then `8.`, lettered items starting at `h)`), links rewritten for a sub-path site and
//! recorded with their position so broken ones can be reported at `file:line:col`.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, TextMergeWithOffset};
use serde::Serialize;

use crate::{policy, t};

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// True for convention articles (`Art. 6-bis`).
    pub article: bool,
}

/// A link as written in the source, with its byte range in the Markdown text.
#[derive(Debug, Clone)]
pub struct SourceLink {
    /// The destination after base-path rewriting (what ends up in the HTML).
    pub href: String,
    pub span: Range<usize>,
}

/// Something in the Markdown the build refuses, with how to fix it.
#[derive(Debug, Clone)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<SourceLink>,
    pub problems: Vec<Problem>,
}

/// A URL- and anchor-safe slug: lowercase ASCII, accents folded, words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for ch in text.chars() {
        let folded = fold_accent(ch);
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c.to_ascii_lowercase());
            } else {
                dash = true;
            }
        }
    }
    out
}

fn fold_accent(ch: char) -> String {
    let s = match ch {
        'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' => "i",
        'ò' | 'ó' | 'ô' | 'ö' | 'Ò' | 'Ó' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' => "u",
        'ç' => "c",
        'ñ' => "n",
        '’' | '\'' => " ",
        _ => return ch.to_string(),
    };
    s.to_string()
}

/// `Art. 6-bis – Attivazione` → `art-6-bis`; `Articolo 12` → `art-12`.
pub fn article_anchor(heading: &str) -> Option<String> {
    let t = heading.trim();
    let rest = t.strip_prefix("Art.").or_else(|| t.strip_prefix("Articolo")).or_else(|| t.strip_prefix("ART."))?;
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let after = &rest[digits.len()..];
    let after = after.strip_prefix('-').or_else(|| after.strip_prefix(' ')).unwrap_or(after);
    let suffix: String = after.chars().take_while(|c| c.is_ascii_alphabetic()).collect::<String>().to_lowercase();
    const LATIN: [&str; 9] = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];
    if LATIN.contains(&suffix.as_str()) {
        Some(format!("art-{digits}-{suffix}"))
    } else {
        Some(format!("art-{digits}"))
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_SMART_PUNCTUATION
}

/// Letter of a lettered item (`h) testo`) → its 1-based position in the alphabet.
fn letter_marker(text: &str) -> Option<(u32, usize)> {
    let mut chars = text.char_indices();
    let (_, c) = chars.next()?;
    let (_, paren) = chars.next()?;
    let (_, space) = chars.next()?;
    if c.is_ascii_lowercase() && paren == ')' && space == ' ' {
        Some((c as u32 - 'a' as u32 + 1, 3))
    } else {
        None
    }
}

/// Render Markdown. `base_path` (`/` or `/cst/`) is prefixed to root-relative links.
/// `min_heading` is the first heading level allowed (2 on pages that have their own `h1`).
pub fn render(markdown: &str, base_path: &str, min_heading: u8) -> Rendered {
    let parser = Parser::new_ext(markdown, options()).into_offset_iter();
    let events: Vec<(Event, Range<usize>)> = TextMergeWithOffset::new(parser).collect();
    let mut out = Rendered::default();
    check_structure(&events, &mut out);
    if !out.problems.is_empty() {
        // Too deep or too long: rendering it could take minutes, and it will not be published.
        return out;
    }
    let at = Where { markdown, base_path, min_heading };
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut html_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    let mut letter_list_open = false;
    while i < events.len() {
        let (ev, range) = &events[i];
        // Close a lettered list when anything other than another lettered paragraph follows.
        if letter_list_open && !matches!(ev, Event::Start(Tag::Paragraph)) {
            html_events.push(Event::Html("</ol>\n".into()));
            letter_list_open = false;
        }
        match ev {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let heading = HeadingIn { level: *level, id: id.as_deref(), classes, attrs, range: range.clone() };
                i = push_heading(&at, &events, i, &heading, &mut used_ids, &mut out, &mut html_events);
                continue;
            }
            // Column alignment would be a `style` attribute, which a strict CSP refuses.
            Event::Start(Tag::Table(aligns)) => {
                html_events.push(Event::Start(Tag::Table(vec![pulldown_cmark::Alignment::None; aligns.len()])));
            }
            Event::Start(Tag::List(Some(start))) => {
                html_events.push(Event::Html(format!("<ol start=\"{start}\">\n").into()));
            }
            Event::Start(Tag::Item) => {
                // Keep the number as written: "2." followed by "8." stays 2 and 8.
                let marker: String = markdown[range.clone()].trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
                if marker.is_empty() {
                    html_events.push(Event::Start(Tag::Item));
                } else {
                    html_events.push(Event::Html(format!("<li value=\"{marker}\">").into()));
                }
            }
            Event::Start(Tag::Paragraph) => {
                if let Some(next) = push_lettered(&at, &events, i, &mut out, &mut html_events, &mut letter_list_open) {
                    i = next;
                    continue;
                }
                if letter_list_open {
                    html_events.push(Event::Html("</ol>\n".into()));
                    letter_list_open = false;
                }
                html_events.push(Event::Start(Tag::Paragraph));
            }
            other => push_inline(other.clone(), range.clone(), markdown, base_path, &mut out, &mut html_events),
        }
        i += 1;
    }
    if letter_list_open {
        html_events.push(Event::Html("</ol>\n".into()));
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, html_events.into_iter());
    out.html = html.replace("<table>", "<div class=\"table-responsive\"><table class=\"table\">").replace("</table>", "</table></div>");
    out
}

/// The text being rendered and where its links and headings go.
struct Where<'m> {
    markdown: &'m str,
    base_path: &'m str,
    min_heading: u8,
}

/// A heading with its inline content and its anchor; returns the index after it.
fn push_heading<'e>(
    at: &Where<'e>,
    events: &[(Event<'e>, Range<usize>)],
    i: usize,
    heading: &HeadingIn,
    used_ids: &mut HashSet<String>,
    out: &mut Rendered,
    html_events: &mut Vec<Event<'e>>,
) -> usize {
    let end = events[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_)))).map_or(events.len(), |p| i + p);
    let mut inner: Vec<Event> = Vec::with_capacity(end - i);
    for (e, r) in &events[i + 1..end] {
        push_inline(e.clone(), r.clone(), at.markdown, at.base_path, out, &mut inner);
    }
    let (id, heading_level) = heading_anchor(heading, &inner, at.min_heading, used_ids, out);
    html_events.push(Event::Start(Tag::Heading { level: heading_level, id: Some(CowStr::from(id)), classes: Vec::new(), attrs: Vec::new() }));
    html_events.extend(inner);
    html_events.push(Event::End(TagEnd::Heading(heading_level)));
    end + 1
}

/// A paragraph of "a) … b) …" items as a lettered list (opened if needed); returns the
/// index after it, or None for an ordinary paragraph.
fn push_lettered<'e>(
    at: &Where<'e>,
    events: &[(Event<'e>, Range<usize>)],
    i: usize,
    out: &mut Rendered,
    html_events: &mut Vec<Event<'e>>,
    open: &mut bool,
) -> Option<usize> {
    let end = events[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph))).map_or(events.len(), |p| i + p);
    let items = lettered_items(&events[i + 1..end])?;
    if !*open {
        html_events.push(Event::Html("<ol type=\"a\" class=\"lettered\">\n".into()));
        *open = true;
    }
    for (value, item_events) in items {
        html_events.push(Event::Html(format!("<li value=\"{value}\">").into()));
        for (e, r) in item_events {
            push_inline(e, r, at.markdown, at.base_path, out, html_events);
        }
        html_events.push(Event::Html("</li>\n".into()));
    }
    Some(end + 1)
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// A heading as pulldown-cmark gives it, with what the editor may have written in `{...}`.
struct HeadingIn<'h, 'a> {
    level: HeadingLevel,
    id: Option<&'h str>,
    classes: &'h [CowStr<'a>],
    attrs: &'h [(CowStr<'a>, Option<CowStr<'a>>)],
    range: Range<usize>,
}

/// The heading's unique anchor (the editor's `{#id}` when it is a valid anchor, the article
/// anchor, or a slug of its text), recorded in `out.headings`; refuses classes, attributes
/// and invalid anchors.
fn heading_anchor(h: &HeadingIn, inner: &[Event], min_heading: u8, used_ids: &mut HashSet<String>, out: &mut Rendered) -> (String, HeadingLevel) {
    let problem = |out: &mut Rendered, message: String, help: String| out.problems.push(Problem { span: h.range.clone(), message, help });
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let lvl = heading_number(h.level);
    if lvl < min_heading {
        problem(out, t!("md-h1", level = lvl), t!("md-h1-help"));
    }
    if !h.classes.is_empty() || !h.attrs.is_empty() {
        let written: Vec<String> =
            h.classes.iter().map(|c| format!(".{c}")).chain(h.attrs.iter().map(|(k, v)| v.as_ref().map_or(k.to_string(), |v| format!("{k}={v}")))).collect();
        problem(out, t!("md-heading-attrs", attrs = written.join(" ")), t!("md-heading-attrs-help"));
    }
    let own_id = h.id.filter(|id| {
        let ok = policy::is_anchor(id);
        if !ok {
            problem(out, t!("md-heading-id", id = id.to_string()), t!("md-heading-id-help"));
        }
        ok
    });
    let article = article_anchor(&text);
    let base_id = own_id.map(str::to_string).or_else(|| article.clone()).unwrap_or_else(|| slugify(&text));
    let base_id = if base_id.is_empty() { "sezione".to_string() } else { base_id };
    let mut unique = base_id.clone();
    let mut n = 1;
    while !used_ids.insert(unique.clone()) {
        if article.is_some() {
            problem(out, t!("md-article-twice", id = base_id), t!("md-article-twice-help"));
            break;
        }
        unique = format!("{base_id}-{n}");
        n += 1;
    }
    out.headings.push(Heading { level: lvl, id: unique.clone(), text, article: article.is_some() });
    (unique, h.level)
}

/// Refuse what `policy` does not allow, and texts too deep or too long for a page.
fn check_structure(events: &[(Event, Range<usize>)], out: &mut Rendered) {
    if events.len() > policy::MAX_ELEMENTS {
        let span = events.get(policy::MAX_ELEMENTS).map_or(0..0, |(_, r)| r.clone());
        out.problems.push(Problem { span, message: t!("md-too-many", max = policy::MAX_ELEMENTS), help: t!("md-too-many-help") });
    }
    let mut depth = 0usize;
    for (e, r) in events {
        match e {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => {
                depth += 1;
                if depth > policy::MAX_NESTING {
                    out.problems.push(Problem {
                        span: r.start..r.start + 1,
                        message: t!("md-too-deep", max = policy::MAX_NESTING),
                        help: t!("md-too-deep-help"),
                    });
                    return;
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
}

/// A link or image destination: located, and refused unless `policy` allows it.
fn checked_link(dest: &str, range: &Range<usize>, markdown: &str, base_path: &str, out: &mut Rendered) -> Option<String> {
    let span = link_span(markdown, range, dest);
    if let Err(why) = policy::check_url(dest, policy::UrlRule::Any) {
        let (message, help) = why.explain(dest);
        out.problems.push(Problem { span, message, help });
        return None;
    }
    let href = rewrite(dest, base_path);
    out.links.push(SourceLink { href: href.clone(), span });
    Some(href)
}

/// Inline events: rewrite links, refuse raw HTML, pass the rest through.
fn push_inline<'a>(ev: Event<'a>, range: Range<usize>, markdown: &str, base_path: &str, out: &mut Rendered, html_events: &mut Vec<Event<'a>>) {
    match ev {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            // E-mail autolinks (`<cst@example.it>`) have no scheme: the HTML writer adds mailto:.
            let dest = if link_type == LinkType::Email { format!("mailto:{dest_url}") } else { dest_url.to_string() };
            let href = checked_link(&dest, &range, markdown, base_path, out).unwrap_or_else(|| "#".into());
            let href = if link_type == LinkType::Email { dest_url.to_string() } else { href };
            html_events.push(Event::Start(Tag::Link { link_type, dest_url: href.into(), title, id }));
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let href = checked_link(&dest_url, &range, markdown, base_path, out).unwrap_or_default();
            html_events.push(Event::Start(Tag::Image { link_type, dest_url: href.into(), title, id }));
        }
        Event::Html(h) | Event::InlineHtml(h) => {
            if !h.trim_start().starts_with("<!--") {
                out.problems.push(Problem { span: range, message: t!("md-raw-html"), help: t!("md-raw-html-help") });
            }
        }
        other => html_events.push(other),
    }
}

/// The span of the destination inside `[text](dest)`, or the whole link.
fn link_span(markdown: &str, range: &Range<usize>, dest: &str) -> Range<usize> {
    markdown[range.clone()].rfind(dest).map(|p| range.start + p..range.start + p + dest.len()).unwrap_or_else(|| range.clone())
}

/// Root-relative links get the site's base path; everything else is kept.
pub fn rewrite(href: &str, base_path: &str) -> String {
    if href.starts_with('/') && !href.starts_with("//") {
        format!("{}{}", base_path.trim_end_matches('/'), href)
    } else {
        href.to_string()
    }
}

type ItemEvents<'a> = Vec<(Event<'a>, Range<usize>)>;

/// A paragraph whose every line starts with `x) ` is a lettered list.
fn lettered_items<'a>(inner: &[(Event<'a>, Range<usize>)]) -> Option<Vec<(u32, ItemEvents<'a>)>> {
    let mut items: Vec<(u32, ItemEvents<'a>)> = Vec::new();
    let mut at_line_start = true;
    for (e, r) in inner {
        match e {
            Event::SoftBreak | Event::HardBreak => at_line_start = true,
            Event::Text(t) if at_line_start => {
                let (value, skip) = letter_marker(t)?;
                let rest = t[skip..].to_string();
                items.push((value, vec![(Event::Text(rest.into()), r.clone())]));
                at_line_start = false;
            }
            _ if at_line_start => return None,
            other => items.last_mut()?.1.push((other.clone(), r.clone())),
        }
    }
    (!items.is_empty()).then_some(items)
}

/// The anchors of a convention's articles (`## Art. 6-bis …` → `art-6-bis`, or the
/// heading's own valid `{#id}`), in order, from a scan of its headings: what references
/// to articles are checked against before the text is rendered.
pub fn article_anchors(markdown: &str) -> Vec<String> {
    let mut anchors = Vec::new();
    let mut current: Option<(Option<String>, String)> = None;
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Start(Tag::Heading { id, .. }) => current = Some((id.map(|i| i.to_string()), String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, text)) = current.take() {
                    if let Some(article) = article_anchor(&text) {
                        anchors.push(id.filter(|i| policy::is_anchor(i)).unwrap_or(article));
                    }
                }
            }
            _ => {}
        }
    }
    anchors
}

/// A convention's text as articles of plain text, for comparing two versions: one article
/// per level-2 heading (what comes before the first one, if anything, under an empty
/// heading); each paragraph, list item and line a block; a numbered item keeps its number.
pub fn article_texts(markdown: &str) -> Vec<crate::compare::Article> {
    use crate::compare::Article;
    let mut articles: Vec<Article> = Vec::new();
    let mut heading: Option<(Option<String>, String)> = None;
    let mut block = String::new();
    let mut numbers: Vec<Option<u64>> = Vec::new();
    let end_block = |block: &mut String, articles: &mut Vec<Article>| {
        let text = block.trim().to_string();
        block.clear();
        if !text.is_empty() {
            if articles.is_empty() {
                articles.push(Article { heading: String::new(), anchor: None, blocks: Vec::new() });
            }
            if let Some(a) = articles.last_mut() {
                a.blocks.push(text);
            }
        }
    };
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, id, .. }) => {
                end_block(&mut block, &mut articles);
                heading = Some((id.map(|i| i.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some((id, text)) = heading.take() {
                    let anchor = article_anchor(&text).map(|a| id.filter(|i| policy::is_anchor(i)).unwrap_or(a));
                    articles.push(Article { heading: text.trim().to_string(), anchor, blocks: Vec::new() });
                }
            }
            Event::Text(t) | Event::Code(t) => match heading.as_mut() {
                Some((_, text)) => text.push_str(&t),
                None => block.push_str(&t),
            },
            Event::Start(Tag::List(first)) => numbers.push(first),
            Event::End(TagEnd::List(_)) => {
                numbers.pop();
            }
            Event::Start(Tag::Item) => {
                end_block(&mut block, &mut articles);
                if let Some(Some(n)) = numbers.last_mut() {
                    block.push_str(&format!("{n}. "));
                    *n += 1;
                }
            }
            // A table row reads as one line, its cells apart.
            Event::End(TagEnd::TableCell) => block.push_str(" · "),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableRow | TagEnd::TableHead) => {
                let row = block.trim_end().trim_end_matches('·').to_string();
                block = row;
                end_block(&mut block, &mut articles);
            }
            _ => {}
        }
    }
    end_block(&mut block, &mut articles);
    articles
}

/// Plain text of Markdown (for summaries and search descriptions).
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents() {
        assert_eq!(slugify("A chi è rivolto"), "a-chi-e-rivolto");
        assert_eq!(slugify("Quota d’adesione 2026!"), "quota-d-adesione-2026");
    }

    #[test]
    fn article_anchors() {
        assert_eq!(article_anchor("Art. 6-bis – Attivazione nuovi servizi").as_deref(), Some("art-6-bis"));
        assert_eq!(article_anchor("Art. 6 bis Attivazione").as_deref(), Some("art-6-bis"));
        assert_eq!(article_anchor("Art. 12 – Durata").as_deref(), Some("art-12"));
        assert_eq!(article_anchor("Articolo 3").as_deref(), Some("art-3"));
        assert_eq!(article_anchor("Premesse"), None);
    }

    #[test]
    fn article_headings_get_stable_ids() {
        let r = render("## Art. 6-bis – Attivazione\n\nTesto.\n", "/", 2);
        assert!(r.html.contains("<h2 id=\"art-6-bis\">Art. 6-bis – Attivazione</h2>"), "{}", r.html);
        assert!(r.headings[0].article);
    }

    #[test]
    fn article_texts_split_by_article_and_paragraph() {
        let md = "Intro.\n\n## Premesse\n\nGli Enti, considerato\nche serve:\n\n## Art. 2 – Funzioni\n\n1. Il CST gestisce la [rete](/rete/).\n2. Altro.\n\n### Nota\n\nTesto.\n";
        let a = article_texts(md);
        let got: Vec<(&str, Option<&str>, Vec<&str>)> =
            a.iter().map(|a| (a.heading.as_str(), a.anchor.as_deref(), a.blocks.iter().map(String::as_str).collect())).collect();
        assert_eq!(
            got,
            [
                ("", None, vec!["Intro."]),
                ("Premesse", None, vec!["Gli Enti, considerato", "che serve:"]),
                ("Art. 2 – Funzioni", Some("art-2"), vec!["1. Il CST gestisce la rete.", "2. Altro.", "Nota", "Testo."]),
            ]
        );
    }

    #[test]
    fn article_anchors_match_the_rendered_ids() {
        let md = "## Premesse\n\n## Art. 1 – Oggetto\n\n## Art. 6-bis – Nuovi servizi\n\n### Nota\n\n## Art. 7 {#durata}\n";
        let rendered: Vec<String> = render(md, "/", 2).headings.into_iter().filter(|h| h.article).map(|h| h.id).collect();
        assert_eq!(super::article_anchors(md), rendered);
        assert_eq!(super::article_anchors(md), ["art-1", "art-6-bis", "durata"]);
    }

    #[test]
    fn numbering_is_kept_as_written() {
        let r = render("2. secondo\n8. ottavo\n", "/", 2);
        assert!(r.html.contains("<ol start=\"2\">"), "{}", r.html);
        assert!(r.html.contains("<li value=\"8\">ottavo</li>"), "{}", r.html);
    }

    #[test]
    fn lettered_lists_start_where_written() {
        let r = render("Il CST:\n\nh) gestisce;\ni) forma;\n\nl) cura.\n\nFine.\n", "/", 2);
        assert!(r.html.contains("<ol type=\"a\" class=\"lettered\">\n<li value=\"8\">gestisce;</li>"), "{}", r.html);
        assert!(r.html.contains("<li value=\"12\">cura.</li>\n</ol>\n<p>Fine.</p>"), "{}", r.html);
    }

    #[test]
    fn links_are_rewritten_and_located() {
        let md = "Vedi [il servizio](/servizi/rao/) e [sito](https://x.it).";
        let r = render(md, "/cst/", 2);
        assert!(r.html.contains("href=\"/cst/servizi/rao/\""), "{}", r.html);
        assert_eq!(r.links[0].href, "/cst/servizi/rao/");
        assert_eq!(&md[r.links[0].span.clone()], "/servizi/rao/");
    }

    #[test]
    fn refuses_raw_html_and_h1() {
        let r = render("# Titolo\n\n<script>alert(1)</script>\n<!-- nota -->\n", "/", 2);
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(!r.html.contains("<script>"));
    }

    #[test]
    fn tables_get_bootstrap_classes() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n", "/", 2);
        assert!(r.html.contains("<table class=\"table\">"), "{}", r.html);
    }

    /// Every construct pulldown-cmark emits with the options the site uses, good and bad:
    /// what reaches the HTML is only the tags and attributes the theme means, with URLs the
    /// policy allows; everything else is a problem to fix.
    #[test]
    fn the_policy_holds_for_every_construct() {
        let md = concat!(
            "## Titolo {#ok}\n\n## Bad {.c onclick=x}\n\n### H3 <b>x</b>\n\n#### H4\n\n##### H5\n\n###### H6\n\n",
            "Testo *corsivo* **grassetto** ~~barrato~~ `codice` \"virgolette\" -- ... a  \nriga\n\n",
            "> citazione\n> > annidata\n\n- a\n- b\n  1. c\n\n3. tre\n8. otto\n\nh) lettera\ni) altra\n\n",
            "```\nblocco <script>\n```\n\n    indentato\n\n---\n\n",
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n",
            "Nota[^1].\n\n[^1]: La nota.\n\n",
            "[ok](/servizi/x/) [rif][r] <https://x.it> <cst@example.it> ![img](/a.png \"t\")\n\n[r]: https://r.it\n\n",
            "[js](javascript:alert(1)) ![d](data:x) <javascript:y> [sr](//e.x) [r2][bad]\n\n[bad]: vbscript:x\n\n",
            "<div onclick=x>blocco</div>\n\nin <span style=x>linea</span> <!-- nota -->\n\n",
            "&lt;script&gt; &amp; &#x3c;\n",
        );
        let r = render(md, "/", 2);
        let allowed_tags = [
            "p",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "em",
            "strong",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "a",
            "img",
            "hr",
            "br",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "div",
            "sup",
        ];
        let allowed_attrs = ["href", "src", "alt", "title", "id", "class", "start", "value", "type"];
        let seen = std::cell::RefCell::new(Vec::new());
        let settings = lol_html::RewriteStrSettings::new().append_element_content_handler(lol_html::element!("*", |el| {
            seen.borrow_mut().push((el.tag_name(), el.attributes().iter().map(|a| (a.name(), a.value())).collect::<Vec<_>>()));
            Ok(())
        }));
        lol_html::rewrite_str(&r.html, settings).expect("html");
        for (tag, attrs) in seen.into_inner() {
            assert!(allowed_tags.contains(&tag.as_str()), "tag <{tag}> in {}", r.html);
            for (name, value) in attrs {
                assert!(allowed_attrs.contains(&name.as_str()), "attribute {name}={value:?} on <{tag}> in {}", r.html);
                if name == "href" || name == "src" {
                    let ok = value == "#" || value.is_empty() || policy::check_url(&value, policy::UrlRule::Any).is_ok();
                    assert!(ok, "{name}={value:?} in {}", r.html);
                }
            }
        }
        // Every refused thing was reported: two raw HTML blocks, one inline tag pair, the
        // heading's tag, its attributes, and five URLs.
        let refused = |needle: &str| r.problems.iter().filter(|p| p.message.contains(needle)).count();
        assert!(refused("javascript:") >= 2 && refused("data:") == 1 && refused("//e.x") == 1 && refused("vbscript:") == 1, "{:?}", r.problems);
        assert!(refused("onclick=x") == 1, "{:?}", r.problems);
        assert!(r.problems.len() >= 10, "{:?}", r.problems);
    }
}
