//! Splitting a Markdown file into its TOML front matter and body, and turning TOML
//! errors into diagnostics that point at the right line of the `.md` file.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::{did_you_mean, Diagnostic, Source};

/// A content file: its text, and where its front matter and body are.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub source: Source,
    /// Byte range of the TOML between the `+++` lines.
    pub front: Range<usize>,
    /// Byte range of the Markdown after the closing `+++`.
    pub body: Range<usize>,
}

impl ContentFile {
    pub fn front_text(&self) -> &str {
        &self.source.text[self.front.clone()]
    }
    pub fn body_text(&self) -> &str {
        &self.source.text[self.body.clone()]
    }
    /// A diagnostic at a span given relative to the front matter.
    pub fn error_in_front(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let shifted = span.start + self.front.start..span.end + self.front.start;
        Diagnostic::at(&self.source, shifted, message)
    }
    /// A diagnostic at a span given relative to the body.
    pub fn error_in_body(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let shifted = span.start + self.body.start..span.end + self.body.start;
        Diagnostic::at(&self.source, shifted, message)
    }
    /// A diagnostic about the whole front matter (e.g. a missing key): points at the opening `+++`.
    pub fn error_at_start(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.source, 0..3, message)
    }
}

/// Split `+++\n<toml>\n+++\n<markdown>`.
pub fn split(source: Source) -> Result<ContentFile, Diagnostic> {
    let text = source.text.clone();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "+++" {
        let hint = if rest.starts_with("---") {
            "front matter is TOML between `+++` lines; replace the `---` lines with `+++` and write keys as `key = \"value\"`"
        } else {
            "start the file with a line `+++`, the TOML keys (e.g. `titolo = \"...\"`), then another line `+++`"
        };
        return Err(Diagnostic::at(&source, bom..bom + first_line_end.min(3).max(1).min(rest.len().max(1)), "missing front matter: the file must start with `+++`")
            .with_help(hint));
    }
    let front_start = bom + first_line_end;
    let mut pos = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok(ContentFile { front: front_start..pos, body: pos + line.len()..text.len(), source });
        }
        pos += line.len();
    }
    Err(Diagnostic::at(&source, bom..bom + 3, "the front matter is never closed: no second `+++` line")
        .with_help("add a line `+++` after the last TOML key, before the Markdown text"))
}

/// Deserialize the front matter, turning TOML errors into editor-friendly diagnostics.
pub fn parse<T: DeserializeOwned>(file: &ContentFile, kind: &str) -> Result<T, Diagnostic> {
    toml::from_str(file.front_text()).map_err(|e| toml_error(file, &e, kind))
}

/// Deserialize a whole TOML file (config, data) with the same error treatment.
pub fn parse_toml<T: DeserializeOwned>(source: &Source, kind: &str) -> Result<T, Diagnostic> {
    let file = ContentFile { source: source.clone(), front: 0..source.text.len(), body: source.text.len()..source.text.len() };
    parse(&file, kind)
}

fn toml_error(file: &ContentFile, e: &toml::de::Error, kind: &str) -> Diagnostic {
    let raw = e.message().trim().to_string();
    let span = e.span().unwrap_or(0..0);
    let (message, help) = explain(&raw, kind, &file.front_text()[span.clone()]);
    let mut d = if e.span().is_some() { file.error_in_front(span, message) } else { file.error_at_start(message) };
    if let Some(h) = help {
        d = d.with_help(h);
    }
    d
}

/// Backticked names in a serde message: "unknown field `x`, expected one of `a`, `b`".
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// Rewrite serde/toml messages in the editor's terms, with a fix.
fn explain(raw: &str, kind: &str, spanned_text: &str) -> (String, Option<String>) {
    let names = backticked(raw);
    if raw.starts_with("unknown field") {
        let wrong = names.first().copied().unwrap_or("?");
        let valid = &names[1.min(names.len())..];
        let help = match did_you_mean(wrong, valid.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? The keys of {kind} are documented in docs/contenuti.md"),
            None => format!("valid keys here: {}", valid.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")),
        };
        return (format!("unknown key `{wrong}` in {kind}"), Some(help));
    }
    if raw.starts_with("unknown variant") {
        let wrong = names.first().copied().unwrap_or("?");
        let valid = &names[1.min(names.len())..];
        let list = valid.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ");
        let help = match did_you_mean(wrong, valid.iter().copied()) {
            Some(s) => format!("did you mean \"{s}\"? Allowed values: {list}"),
            None => format!("allowed values: {list}"),
        };
        return (format!("\"{wrong}\" is not an allowed value"), Some(help));
    }
    if raw.starts_with("missing field") {
        let key = names.first().copied().unwrap_or("?");
        return (
            format!("missing required key `{key}` in {kind}"),
            Some(format!("add `{key} = ...` to the front matter (see docs/contenuti.md)")),
        );
    }
    // Our own checks (amounts) already say what is wrong and how to write it.
    if raw.starts_with("float amount") || raw.starts_with("amount ") {
        return (raw.to_string(), Some("amounts are strings in euros, in double quotes, e.g. `importo = \"650.00\"`".into()));
    }
    if raw.starts_with("invalid type") {
        let help = if raw.to_lowercase().contains("datetime") {
            "write dates without quotes, as YYYY-MM-DD, e.g. `data = 2026-03-15`".to_string()
        } else if raw.contains("found a string") || raw.contains("string \"") {
            "remove the quotes around the value".to_string()
        } else if raw.contains("expected a string") {
            "put the value in double quotes".to_string()
        } else if raw.contains("expected a sequence") {
            "write a list in square brackets, e.g. `[\"a\", \"b\"]`".to_string()
        } else {
            "see docs/contenuti.md for the expected type of this key".to_string()
        };
        return (format!("wrong type: {raw}"), Some(help));
    }
    let looks_like_date = spanned_text.chars().next().is_some_and(|c| c.is_ascii_digit()) && spanned_text.contains('-');
    if looks_like_date {
        return (
            format!("invalid date or number: {raw}"),
            Some("dates are written YYYY-MM-DD with a real month (01-12) and day, e.g. `2026-03-15`".into()),
        );
    }
    (format!("invalid TOML: {raw}"), Some("check quotes, `=` signs and brackets on this line; strings go in double quotes".into()))
}

/// A value with its byte span inside the front matter.
pub type Spanned<T> = toml::Spanned<T>;

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source::new("x.md", text)
    }

    #[test]
    fn splits_front_matter_and_body() {
        let f = split(src("+++\ntitolo = \"A\"\n+++\n# Body\n")).unwrap();
        assert_eq!(f.front_text(), "titolo = \"A\"\n");
        assert_eq!(f.body_text(), "# Body\n");
    }

    #[test]
    fn missing_delimiters_are_errors() {
        let e = split(src("titolo = 1\n")).unwrap_err();
        assert!(e.message.contains("missing front matter"));
        let e = split(src("---\ntitolo: a\n---\n")).unwrap_err();
        assert!(e.help.unwrap().contains("`+++`"));
        let e = split(src("+++\ntitolo = \"a\"\n")).unwrap_err();
        assert!(e.message.contains("never closed"));
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        titolo: String,
        data: Option<toml::value::Datetime>,
    }

    #[test]
    fn unknown_key_suggests_and_points_at_line() {
        let f = split(src("+++\ntitolo = \"A\"\ntitoloo = \"B\"\n+++\n")).unwrap();
        let e = parse::<Fm>(&f, "a service").unwrap_err();
        assert_eq!(e.message, "unknown key `titoloo` in a service");
        assert_eq!(e.line_col(), Some((3, 1)));
        assert!(e.help.unwrap().contains("did you mean `titolo`"));
    }

    #[test]
    fn missing_key_and_bad_date() {
        let f = split(src("+++\n+++\n")).unwrap();
        let e = parse::<Fm>(&f, "a page").unwrap_err();
        assert_eq!(e.message, "missing required key `titolo` in a page");
        let f = split(src("+++\ntitolo = \"A\"\ndata = 2026-13-01\n+++\n")).unwrap();
        let e = parse::<Fm>(&f, "a page").unwrap_err();
        assert_eq!(e.line_col().unwrap().0, 3, "{e}");
    }
}
