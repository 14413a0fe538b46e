//! Every URL and output path of the site, each spelled once: the page of a service, a
//! convention, a form, a news item or a page; the lists of topics, audiences and levels;
//! the pages of a paginated list; and which pages the search index holds. A leaf: it
//! imports nothing from the project.
//!
//! ```
//! use vetrina::routes::Urls;
//! let u = Urls { base: "/cst/".into() };
//! assert_eq!(u.service("rao"), "/cst/servizi/rao/");
//! assert_eq!(u.output(&u.service("rao")), "servizi/rao/index.html");
//! ```

/// URLs of every kind of page, all prefixed with the site's base path (`/` or `/cst/`).
#[derive(Debug, Clone)]
pub struct Urls {
    pub base: String,
}

impl Urls {
    pub fn path(&self, rel: &str) -> String {
        format!("{}{}", self.base, rel.trim_start_matches('/'))
    }
    pub fn service(&self, slug: &str) -> String {
        self.path(&format!("servizi/{slug}/"))
    }
    pub fn convention(&self, slug: &str) -> String {
        self.path(&format!("convenzioni/{slug}/"))
    }
    /// What changed in convention `slug` from the one it replaces.
    pub fn convention_changes(&self, slug: &str) -> String {
        self.path(&format!("convenzioni/{slug}/cosa-cambia/"))
    }
    pub fn form(&self, slug: &str) -> String {
        self.path(&format!("moduli/{slug}/"))
    }
    pub fn news(&self, slug: &str) -> String {
        self.path(&format!("notizie/{slug}/"))
    }
    /// The editors' pages sit at the root: `/faq/`.
    pub fn page(&self, slug: &str) -> String {
        self.path(&format!("{slug}/"))
    }
    pub fn audience(&self, slug: &str) -> String {
        self.path(&format!("destinatari/{slug}/"))
    }
    pub fn topic(&self, slug: &str) -> String {
        self.path(&format!("argomenti/{slug}/"))
    }
    pub fn level(&self, slug: &str) -> String {
        self.path(&format!("livelli/{slug}/"))
    }

    /// The output file of a page's URL: `/cst/servizi/rao/` → `servizi/rao/index.html`.
    pub fn output(&self, url: &str) -> String {
        format!("{}index.html", url.strip_prefix(&self.base).unwrap_or(url).trim_start_matches('/'))
    }
}

/// The URL and the output file of page `n` (from 1) of a list at `url` / `rel`:
/// `servizi/`, `servizi/pagina/2/`, ...
pub fn list_page(rel: &str, url: &str, n: usize) -> (String, String) {
    if n == 1 {
        (url.to_string(), format!("{rel}index.html"))
    } else {
        (format!("{url}pagina/{n}/"), format!("{rel}pagina/{n}/index.html"))
    }
}

/// The folder of the search index in the output.
pub const SEARCH_FOLDER: &str = "pagefind/";

/// The JSON Schema of each content kind (`schema`).
pub const SCHEMA_FOLDER: &str = "schemi/";

/// The browser editing interface (Decap CMS) and its settings: not a page of the site.
pub const CMS_FOLDER: &str = "admin/";

/// Pages worth finding: content, not lists (their entries are found on their own pages).
pub fn indexed(path: &str) -> bool {
    const LISTS: &[&str] = &[
        "index.html",
        "404.html",
        "servizi/index.html",
        "convenzioni/index.html",
        "moduli/index.html",
        "notizie/index.html",
        "cerca/index.html",
        "calcola/index.html",
        "dati/index.html",
        "argomenti/index.html",
    ];
    path.ends_with(".html")
        && !LISTS.contains(&path)
        && !["destinatari/", "livelli/", "argomenti/", SEARCH_FOLDER, CMS_FOLDER].iter().any(|p| path.starts_with(p))
        && !path.contains("/pagina/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_the_base_path_and_outputs_do_not() {
        let u = Urls { base: "/cst/".into() };
        assert_eq!(u.page("faq"), "/cst/faq/");
        assert_eq!(u.audience("comuni"), "/cst/destinatari/comuni/");
        assert_eq!(u.output("/cst/faq/"), "faq/index.html");
        assert_eq!(u.output(&u.path("")), "index.html");
        assert_eq!(list_page("servizi/", "/cst/servizi/", 2), ("/cst/servizi/pagina/2/".into(), "servizi/pagina/2/index.html".into()));
    }

    #[test]
    fn indexes_content_pages_not_lists() {
        for yes in ["servizi/rao/index.html", "moduli/richiesta/index.html", "chi-siamo/index.html", "notizie/avviso/index.html"] {
            assert!(indexed(yes), "{yes}");
        }
        for no in [
            "index.html",
            "servizi/index.html",
            "servizi/pagina/2/index.html",
            "notizie/pagina/3/index.html",
            "destinatari/comuni/index.html",
            "argomenti/spid/pagina/2/index.html",
            "pagefind/x.html",
            "admin/index.html",
            "moduli/x.pdf",
        ] {
            assert!(!indexed(no), "{no}");
        }
    }
}
