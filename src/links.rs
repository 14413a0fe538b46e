//! Stage 6: every internal link, anchor, image, script and stylesheet of the built site
//! must resolve. Links written in Markdown are reported at their `file:line:col`; links
//! from the theme's templates at the page they appear on.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use std::sync::Arc;

use lol_html::{element, rewrite_str, RewriteStrSettings};

use crate::diagnostics::Diagnostic;
use crate::model::ContentLink;
use crate::t;

/// What one HTML page holds: its anchors and its outgoing references.
#[derive(Debug, Default)]
pub struct PageScan {
    ids: HashSet<String>,
    refs: Vec<String>,
}

/// Read a page's anchors and references (once per page, as it is made).
pub fn scan(page: &[u8]) -> PageScan {
    let html = String::from_utf8_lossy(page);
    let ids = RefCell::new(HashSet::new());
    let refs = RefCell::new(Vec::new());
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("[id]", |el| {
            if let Some(id) = el.get_attribute("id") {
                ids.borrow_mut().insert(decode(&id));
            }
            Ok(())
        }))
        .append_element_content_handler(element!("a[name]", |el| {
            if let Some(n) = el.get_attribute("name") {
                ids.borrow_mut().insert(decode(&n));
            }
            Ok(())
        }))
        .append_element_content_handler(element!("a[href], link[href], use[href], area[href]", |el| {
            if let Some(h) = el.get_attribute("href") {
                refs.borrow_mut().push(decode(&h));
            }
            Ok(())
        }))
        .append_element_content_handler(element!("img[src], script[src], source[src], iframe[src]", |el| {
            if let Some(h) = el.get_attribute("src") {
                refs.borrow_mut().push(decode(&h));
            }
            Ok(())
        }));
    // A parse failure only means fewer links are checked; the HTML checker reports markup.
    let _ = rewrite_str(&html, settings);
    PageScan { ids: ids.into_inner(), refs: refs.into_inner() }
}

/// Attribute values as the browser sees them (the few entities templates produce).
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Why a reference does not resolve.
#[derive(Debug, PartialEq, Eq)]
enum Why {
    Missing(String),
    NoAnchor(String, String),
    OutsideBase,
}

/// Resolve `href` from the page at output path `page` (e.g. `servizi/x/index.html`).
fn resolve(href: &str, page: &str, base: &str, files: &HashSet<&str>, ids: &HashMap<&str, &HashSet<String>>) -> Result<(), Why> {
    let (path, frag) = href.split_once('#').unwrap_or((href, ""));
    let path = path.split('?').next().unwrap_or("");
    let target: String = if path.is_empty() {
        page.to_string()
    } else if let Some(abs) = path.strip_prefix('/') {
        let base_rel = base.trim_start_matches('/');
        match abs.strip_prefix(base_rel) {
            Some(rel) => rel.to_string(),
            None if base_rel.is_empty() => abs.to_string(),
            None => return Err(Why::OutsideBase),
        }
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        normalize(&format!("{dir}/{path}")).ok_or(Why::OutsideBase)?
    };
    let target = percent_decode(&target);
    let candidates =
        if target.is_empty() || target.ends_with('/') { vec![format!("{target}index.html")] } else { vec![target.clone(), format!("{target}/index.html")] };
    let Some(found) = candidates.iter().find(|c| files.contains(c.as_str())) else {
        return Err(Why::Missing(candidates[0].clone()));
    };
    if !frag.is_empty() && frag != "top" && found.ends_with(".html") {
        let has = ids.get(found.as_str()).is_some_and(|set| set.contains(&percent_decode(frag)));
        if !has {
            return Err(Why::NoAnchor(found.clone(), frag.to_string()));
        }
    }
    Ok(())
}

fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let trailing = path.ends_with('/') && !parts.is_empty();
    Some(parts.join("/") + if trailing { "/" } else { "" })
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_external(href: &str) -> bool {
    href.starts_with("//") || href.split_once(':').is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.is_empty())
}

/// The broken links of a site, by where they were written.
#[derive(Debug, Default)]
pub struct Broken {
    /// Written in content: at `file:line:col` of the Markdown.
    pub in_content: Vec<Diagnostic>,
    /// Written by the theme's templates (from a setting or the model): each broken link
    /// once, with the number of other pages that have it.
    pub in_theme: Vec<Diagnostic>,
}

/// Check every page's references. `pages` holds each page's scan, `files` every path of
/// the output (pages, documents, assets, data).
pub fn check(pages: &HashMap<String, Arc<PageScan>>, files: &HashSet<&str>, base: &str, content_links: &[ContentLink]) -> Broken {
    let ids: HashMap<&str, &HashSet<String>> = pages.iter().map(|(p, s)| (p.as_str(), &s.ids)).collect();
    let mut scans: Vec<(&str, &PageScan)> = pages.iter().map(|(p, s)| (p.as_str(), s.as_ref())).collect();
    // Report in a stable order, whatever order the pages were made in.
    scans.sort_by_key(|(p, _)| *p);
    let mut by_page: HashMap<(&str, &str), Vec<&ContentLink>> = HashMap::new();
    for l in content_links {
        by_page.entry((l.page.as_str(), l.href.as_str())).or_default().push(l);
    }
    let mut broken = Broken::default();
    let mut reported: HashSet<(String, String)> = HashSet::new();
    // A theme's broken link, by its message: the first page it is on and how many others.
    let mut from_theme: Vec<(String, String, usize)> = Vec::new();
    let mut theme_index: HashMap<String, usize> = HashMap::new();
    for (page, s) in &scans {
        for href in &s.refs {
            if is_external(href) {
                continue;
            }
            let Err(why) = resolve(href, page, base, files, &ids) else {
                continue;
            };
            let message = match &why {
                Why::Missing(target) => t!("link-missing", href = href, target = target),
                Why::NoAnchor(target, anchor) => t!("link-no-anchor", href = href, target = target, anchor = anchor),
                Why::OutsideBase => t!("link-outside", href = href, base = base),
            };
            match by_page.get(&(*page, href.as_str())) {
                Some(sources) => {
                    for l in sources {
                        let key = (l.source.path.display().to_string(), format!("{}:{}", href, l.span.start));
                        if reported.insert(key) {
                            broken.in_content.push(Diagnostic::at(&l.source, l.span.clone(), message.clone()).with_help(t!("link-help")));
                        }
                    }
                }
                None if !reported.insert((page.to_string(), href.clone())) => {}
                None => match theme_index.get(&message) {
                    Some(&i) => from_theme[i].2 += 1,
                    None => {
                        theme_index.insert(message.clone(), from_theme.len());
                        from_theme.push((message, page.to_string(), 0));
                    }
                },
            }
        }
    }
    broken.in_theme = from_theme
        .into_iter()
        .map(|(message, page, others)| {
            let message = if others > 0 { t!("link-also-on", message = message, others = others) } else { message };
            Diagnostic::file(format!("output/{page}"), t!("link-from-theme", message = message)).with_help(t!("link-from-theme-help"))
        })
        .collect();
    broken
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (HashSet<&'static str>, HashMap<&'static str, &'static HashSet<String>>) {
        let files: HashSet<&str> = ["index.html", "servizi/index.html", "servizi/rao/index.html", "assets/bi/svg/sprites.svg"].into();
        let mut ids = HashMap::new();
        let anchors: &'static HashSet<String> = Box::leak(Box::new(["contatti".to_string()].into()));
        ids.insert("servizi/rao/index.html", anchors);
        (files, ids)
    }

    #[test]
    fn resolves_site_paths_and_anchors() {
        let (f, i) = site();
        assert_eq!(resolve("/servizi/rao/", "index.html", "/", &f, &i), Ok(()));
        assert_eq!(resolve("/servizi/rao/#contatti", "index.html", "/", &f, &i), Ok(()));
        assert_eq!(resolve("#contatti", "servizi/rao/index.html", "/", &f, &i), Ok(()));
        assert_eq!(resolve("../", "servizi/rao/index.html", "/", &f, &i), Ok(()));
        assert_eq!(resolve("/servizi/rao", "index.html", "/", &f, &i), Ok(()));
        assert_eq!(resolve("/assets/bi/svg/sprites.svg#it-search", "index.html", "/", &f, &i), Ok(()));
        assert_eq!(resolve("/cst/servizi/", "index.html", "/cst/", &f, &i), Ok(()));
    }

    #[test]
    fn reports_what_is_broken() {
        let (f, i) = site();
        assert_eq!(resolve("/servizi/nope/", "index.html", "/", &f, &i), Err(Why::Missing("servizi/nope/index.html".into())));
        assert_eq!(resolve("/servizi/rao/#nope", "index.html", "/", &f, &i), Err(Why::NoAnchor("servizi/rao/index.html".into(), "nope".into())));
        assert_eq!(resolve("/servizi/", "index.html", "/cst/", &f, &i), Err(Why::OutsideBase));
        assert_eq!(resolve("../../../x", "index.html", "/", &f, &i), Err(Why::OutsideBase));
    }

    #[test]
    fn scans_ids_and_links_with_entities() {
        let s = scan(br#"<h2 id="a">x</h2><a href="/x/?a=1&amp;b=2">l</a><img src="&#x2F;i.png" alt=""><use href="/s.svg#i"></use>"#);
        assert!(s.ids.contains("a"));
        assert_eq!(s.refs, vec!["/x/?a=1&b=2", "/i.png", "/s.svg#i"]);
        assert!(is_external("mailto:a@b.it"));
        assert!(is_external("https://x.it"));
        assert!(!is_external("/servizi/"));
    }

    #[test]
    fn a_theme_link_broken_on_many_pages_is_one_error_and_content_links_stay_located() {
        let html = br#"<a href="/mancante/">x</a> <a href="/scritto/">y</a>"#;
        let pages: HashMap<String, Arc<PageScan>> =
            ["a/index.html", "b/index.html", "c/index.html"].iter().map(|p| (p.to_string(), Arc::new(scan(html)))).collect();
        let files: HashSet<&str> = ["a/index.html", "b/index.html", "c/index.html"].into();
        let source = crate::diagnostics::Source::new("content/pagine/a.md", "[y](/scritto/)");
        let written = ContentLink { page: "a/index.html".into(), href: "/scritto/".into(), source, span: 4..13 };
        let broken = check(&pages, &files, "/", &[written]);
        assert_eq!(broken.in_content.len(), 1, "{:?}", broken.in_content);
        assert_eq!(broken.in_content[0].line_col(), Some((1, 5)));
        // `/mancante/` on three pages and `/scritto/` on the two where no content wrote it.
        assert_eq!(broken.in_theme.len(), 2, "{:?}", broken.in_theme);
        assert!(broken.in_theme[0].message.contains("/mancante/") && broken.in_theme[0].message.contains('2'), "{}", broken.in_theme[0]);
        assert!(broken.in_theme[0].path.ends_with("a/index.html"));
    }
}
