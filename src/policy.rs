//! What content may put in a page, and how much work one file may ask for: the one place
//! these rules live. Markdown (`markdown`), front matter (`content`) and `vetrina.toml`
//! (`config`) all ask here.
//!
//! - **URLs**: `https:`, `http:`, `mailto:`, `tel:`, site paths (`/servizi/`), anchors
//!   (`#art-3`) and relative paths; nothing else (`javascript:`, `data:`, `//host`, ...).
//! - **Anchors** written as `{#id}`: lowercase letters, digits and hyphens.
//! - **Limits**: the size of one file and the nesting depth of its Markdown, so that no input
//!   `check` accepts can make `build` take minutes.
//!
//! ```
//! use vetrina::policy::{check_url, UrlRule};
//! assert!(check_url("https://www.agid.gov.it/", UrlRule::Any).is_ok());
//! assert!(check_url("javascript:alert(1)", UrlRule::Any).is_err());
//! assert!(check_url("/servizi/rao/", UrlRule::Web).is_ok());
//! ```

use crate::t;

/// The schemes a link may use.
pub const SCHEMES: [&str; 4] = ["https", "http", "mailto", "tel"];

/// The largest content file, in bytes (the longest convention of a real CST is ≈60 KB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// The deepest nesting of lists and quotes in Markdown.
pub const MAX_NESTING: usize = 16;

/// The most Markdown elements (paragraphs, items, links, ...) in one file's text.
pub const MAX_ELEMENTS: usize = 50_000;

/// Which URLs a place accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlRule {
    /// Any of the allowed schemes, a site path, an anchor or a relative path (Markdown links).
    Any,
    /// A web page: `https:`/`http:` or a site path (a service's online channel, a social
    /// profile, a lead body's site).
    Web,
    /// A web page or an e-mail address (`mailto:`).
    WebOrMail,
}

/// Why a URL is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlRefusal {
    /// A scheme that is not allowed here (`javascript`, `data`, `file`, `ftp`, ...).
    Scheme(String),
    /// `//host/...`: another site, without saying which scheme.
    SchemeRelative,
    /// Spaces or control characters, which browsers strip or read differently.
    Whitespace,
    /// A relative path or anchor where a full address is needed.
    NotAbsolute,
    /// Empty.
    Empty,
}

impl UrlRefusal {
    /// What is wrong with `url`, and how to fix it, in the user's language.
    pub fn explain(&self, url: &str) -> (String, String) {
        match self {
            UrlRefusal::Scheme(scheme) => (t!("url-scheme", url = url, scheme = scheme), t!("url-scheme-help")),
            UrlRefusal::SchemeRelative => (t!("url-scheme-relative", url = url), t!("url-scheme-relative-help")),
            UrlRefusal::Whitespace => (t!("url-whitespace", url = url.escape_debug().to_string()), t!("url-whitespace-help")),
            UrlRefusal::NotAbsolute => (t!("url-not-absolute", url = url), t!("url-not-absolute-help")),
            UrlRefusal::Empty => (t!("url-empty"), t!("url-not-absolute-help")),
        }
    }
}

/// Check one URL against the rule of the place it is written in.
pub fn check_url(url: &str, rule: UrlRule) -> Result<(), UrlRefusal> {
    if url.is_empty() {
        return Err(UrlRefusal::Empty);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlRefusal::Whitespace);
    }
    if url.starts_with("//") || url.starts_with("\\\\") || url.starts_with("/\\") {
        return Err(UrlRefusal::SchemeRelative);
    }
    match scheme(url) {
        Some(s) => {
            let lower = s.to_ascii_lowercase();
            let allowed: &[&str] = match rule {
                UrlRule::Any => &SCHEMES,
                UrlRule::Web => &SCHEMES[..2],
                UrlRule::WebOrMail => &SCHEMES[..3],
            };
            if allowed.contains(&lower.as_str()) {
                Ok(())
            } else {
                Err(UrlRefusal::Scheme(lower))
            }
        }
        None if rule == UrlRule::Any || url.starts_with('/') => Ok(()),
        None => Err(UrlRefusal::NotAbsolute),
    }
}

/// The scheme of a URL (`https` in `https://...`): what comes before a `:` that precedes
/// any `/`, `?` or `#`.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let candidate = &url[..end];
    if candidate.contains(['/', '?', '#']) {
        return None;
    }
    // Whatever stands before the colon is taken as the scheme: one that is not a valid
    // scheme name makes the URL invalid, and is refused the same way.
    (!candidate.is_empty()).then_some(candidate)
}

/// An anchor an editor may write as `{#id}`: lowercase letters, digits and single hyphens,
/// starting with a letter.
pub fn is_anchor(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A theme name: a plain folder name under `themes/`.
pub fn is_theme_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_urls() {
        for ok in ["https://x.it/", "http://x.it", "mailto:a@b.it", "tel:+390612345", "/servizi/", "#art-3", "../moduli/", "HTTPS://X.IT"] {
            assert_eq!(check_url(ok, UrlRule::Any), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refused_urls() {
        let cases = [
            ("javascript:alert(1)", UrlRefusal::Scheme("javascript".into())),
            ("JavaScript:alert(1)", UrlRefusal::Scheme("javascript".into())),
            ("data:text/html,<p>", UrlRefusal::Scheme("data".into())),
            ("vbscript:x", UrlRefusal::Scheme("vbscript".into())),
            ("file:///etc/passwd", UrlRefusal::Scheme("file".into())),
            ("//evil.example", UrlRefusal::SchemeRelative),
            ("java\tscript:alert(1)", UrlRefusal::Whitespace),
            (" javascript:alert(1)", UrlRefusal::Whitespace),
            ("", UrlRefusal::Empty),
        ];
        for (url, why) in cases {
            assert_eq!(check_url(url, UrlRule::Any), Err(why), "{url:?}");
        }
        assert_eq!(check_url("mailto:a@b.it", UrlRule::Web), Err(UrlRefusal::Scheme("mailto".into())));
        assert_eq!(check_url("servizi/", UrlRule::Web), Err(UrlRefusal::NotAbsolute));
        assert_eq!(check_url("/servizi/", UrlRule::Web), Ok(()));
        assert_eq!(check_url("mailto:a@b.it", UrlRule::WebOrMail), Ok(()));
    }

    #[test]
    fn anchors_and_theme_names() {
        assert!(is_anchor("art-6-bis"));
        for bad in ["", "6", "A", "x y", "x\"", "a--b", "a-", "x onclick=1"] {
            assert!(!is_anchor(bad), "{bad}");
        }
        assert!(is_theme_name("agid"));
        for bad in ["../../../../tmp", "a/b", ".", "..", "", "/tmp"] {
            assert!(!is_theme_name(bad), "{bad}");
        }
    }
}
