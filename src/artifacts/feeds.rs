//! Atom feeds: the news (`/notizie/feed.xml`) and the catalog's changes
//! (`/servizi/novita.xml`). Pure text from the site model.

use crate::model::Site;
use crate::output::{xml_escape, OutputFile};

pub const NEWS: &str = "notizie/feed.xml";
pub const CHANGES: &str = "servizi/novita.xml";

struct Entry<'a> {
    title: &'a str,
    summary: &'a str,
    /// Site path with the base path, e.g. `/cst/notizie/x/`.
    url: &'a str,
    date: String,
}

fn feed(site: &Site, file: &str, title: &str, entries: &[Entry]) -> OutputFile {
    let self_url = site.absolute(&site.urls.path(file));
    let home = site.absolute(&site.urls.path(""));
    let updated = entries.first().map(|e| e.date.clone()).unwrap_or_else(|| format!("{}T00:00:00Z", site.today));
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"it\">\n");
    x.push_str(&format!("  <title>{} – {}</title>\n", xml_escape(title), xml_escape(&site.config.name)));
    x.push_str(&format!("  <id>{}</id>\n  <updated>{updated}</updated>\n", xml_escape(&self_url)));
    x.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", xml_escape(&self_url)));
    x.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_escape(&home)));
    x.push_str(&format!("  <author><name>{}</name></author>\n", xml_escape(&site.config.name)));
    for e in entries {
        let url = site.absolute(e.url);
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", xml_escape(e.title)));
        x.push_str(&format!("    <id>{}#{}</id>\n", xml_escape(&url), &e.date[..10]));
        x.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_escape(&url)));
        x.push_str(&format!("    <updated>{}</updated>\n", e.date));
        x.push_str(&format!("    <summary>{}</summary>\n", xml_escape(e.summary)));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    OutputFile { path: file.to_string(), bytes: x.into_bytes() }
}

pub fn feeds(site: &Site) -> Vec<OutputFile> {
    let news: Vec<Entry> =
        site.news.iter().map(|n| Entry { title: &n.title, summary: &n.summary, url: &n.url, date: format!("{}T00:00:00Z", n.date_iso) }).collect();
    let changes: Vec<Entry> =
        site.changes.iter().take(100).map(|c| Entry { title: &c.title, summary: &c.summary, url: &c.url, date: format!("{}T00:00:00Z", c.date) }).collect();
    vec![feed(site, NEWS, "Notizie", &news), feed(site, CHANGES, "Novità del catalogo", &changes)]
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(super::xml_escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
