//! Errors and warnings about the editor's input, with the file, line and column they point at.
//!
//! Every stage of the build pushes `Diagnostic`s into a `Diagnostics` list instead of
//! stopping at the first problem, so one run of `vetrina check` reports everything. An error
//! stops the build; a warning (`Severity::Warning`, e.g. a topic outside the vocabularies) is
//! shown and the site is made all the same.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::t;

/// A source file kept in memory so that errors can quote it.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as shown to the user (relative to the site root when possible).
    pub path: PathBuf,
    pub text: Arc<str>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        Source { path: path.into(), text: text.into() }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }
}

pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = clamp_to_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Whether a problem stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    #[default]
    Error,
    /// Worth fixing; the site is made all the same.
    Warning,
}

/// One problem in the editor's input.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// The file's text and the byte range the problem is at, when a position exists.
    pub location: Option<(Arc<str>, Range<usize>)>,
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (no position inside it).
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, path: path.into(), location: None, message: message.into(), help: None }
    }

    /// A problem at a byte range of a source file.
    pub fn at(source: &Source, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, path: source.path.clone(), location: Some((source.text.clone(), span)), message: message.into(), help: None }
    }

    /// The same problem, as a warning.
    pub fn warning(self) -> Self {
        Diagnostic { severity: Severity::Warning, ..self }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `errore` or `avviso`, in the user's language.
    fn level_name(&self) -> String {
        match self.severity {
            Severity::Error => t!("error"),
            Severity::Warning => t!("warning"),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.location.as_ref().map(|(text, span)| line_col(text, span.start))
    }

    /// The one-line form editors and CI annotations parse: `path:line:col: errore: message`
    /// (`error:` in English; `avviso:`/`warning:` for a warning). A control character in a
    /// file name (a newline would split the line) is shown escaped.
    pub fn headline(&self) -> String {
        let path = shown_path(&self.path);
        let level = self.level_name();
        match self.line_col() {
            Some((l, c)) => format!("{path}:{l}:{c}: {level}: {}", self.message),
            None => format!("{path}: {level}: {}", self.message),
        }
    }

    /// The headline, then a quoted snippet with a caret, then the help.
    pub fn render(&self, color: bool) -> String {
        let mut out = self.headline();
        out.push('\n');
        let path = shown_path(&self.path);
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = annotate_snippets::Group::with_level(level.with_name(self.level_name()));
        if let Some((text, span)) = &self.location {
            let start = clamp_to_char_boundary(text, span.start);
            let end = clamp_to_char_boundary(text, span.end.max(start));
            group = group.element(Snippet::source(text.as_ref()).path(path.as_str()).annotation(AnnotationKind::Primary.span(start..end)));
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.with_name(t!("help")).message(help.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push('\n');
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// All the problems found so far, in a stable order.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Whether anything found stops the build (warnings do not).
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
    /// Sorted by file and position so output does not depend on thread timing.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| (a.path.as_path(), a.location.as_ref().map(|l| l.1.start)).cmp(&(b.path.as_path(), b.location.as_ref().map(|l| l.1.start))));
        self.items.dedup_by(|a, b| a.headline() == b.headline());
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The closest candidate to a misspelt name, if one is close enough to suggest.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates.into_iter().map(|c| (strsim::jaro_winkler(wrong, c), c)).filter(|(score, _)| *score > 0.8).max_by(|a, b| a.0.total_cmp(&b.0)).map(|(_, c)| c)
}

/// A path as one line of text: control characters (a newline in a file name) escaped.
pub fn shown_path(path: &Path) -> String {
    let text = path.display().to_string();
    if text.chars().any(char::is_control) {
        text.chars().flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] }).collect()
    } else {
        text
    }
}

/// Display a path relative to `root` when it is inside it.
pub fn relative(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a\nàb\nc";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (2, 1));
        // 'b' comes after a two-byte 'à' but is the second character.
        assert_eq!(line_col(text, 4), (2, 2));
        assert_eq!(line_col(text, 6), (3, 1));
    }

    #[test]
    fn headline_has_position() {
        let src = Source::new("content/servizi/x.md", "+++\ntitoloo = 1\n+++\n");
        let d = Diagnostic::at(&src, 4..11, "unknown key `titoloo`").with_help("did you mean `titolo`?");
        assert_eq!(d.headline(), "content/servizi/x.md:2:1: errore: unknown key `titoloo`");
        let rendered = d.render(false);
        assert!(rendered.contains("titoloo = 1"), "{rendered}");
        assert!(rendered.contains("did you mean"), "{rendered}");
    }

    #[test]
    fn a_warning_says_so() {
        let src = Source::new("content/servizi/x.md", "+++\nargomenti = [\"pagoPA\"]\n+++\n");
        let d = Diagnostic::at(&src, 17..23, "topic outside the vocabularies").warning();
        assert!(!d.is_error());
        assert_eq!(d.headline(), "content/servizi/x.md:2:14: avviso: topic outside the vocabularies");
        assert!(d.render(false).contains("avviso"), "{}", d.render(false));
        let mut all = Diagnostics::new();
        all.push(d);
        assert!(!all.has_errors());
        all.push(Diagnostic::file("a.md", "x"));
        assert!(all.has_errors());
    }

    #[test]
    fn a_newline_in_a_file_name_stays_on_one_line() {
        let d = Diagnostic::file("content/servizi/a\nb.md", "x");
        assert_eq!(d.headline(), "content/servizi/a\\nb.md: errore: x");
        assert_eq!(d.headline().lines().count(), 1);
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("titoloo", ["titolo", "stato"]), Some("titolo"));
        assert_eq!(did_you_mean("zzz", ["titolo", "stato"]), None);
    }
}
