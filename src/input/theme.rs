//! The theme's templates: read, checked for the templates every theme needs, parsed by Tera
//! (errors at the template's line and column) and minified once.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{relative, Diagnostic, Source};
use crate::t;

/// The theme's templates, parsed and ready.
pub struct Theme {
    pub dir: PathBuf,
    /// The templates as written: their errors point at the editor's lines and columns.
    pub tera: tera::Tera,
    /// The same templates minified once, so pages need no minifying (`None` when a theme's
    /// template does not survive minification: then every page is minified instead).
    pub minified: Option<tera::Tera>,
    sources: Vec<Source>,
}

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "servizi.html",
    "servizio.html",
    "convenzioni.html",
    "convenzione.html",
    "moduli.html",
    "modulo.html",
    "notizie.html",
    "notizia.html",
    "pagina.html",
    "enti-aderenti.html",
    "note-legali.html",
    "404.html",
    "calcola.html",
    "argomenti.html",
    "argomento.html",
    "dati.html",
    "cerca.html",
];

impl Theme {
    /// Load `<theme>/templates/**/*.html`, reporting syntax errors with their position.
    pub fn load(dir: &Path, root: &Path) -> Result<Theme, Vec<Diagnostic>> {
        let templates_dir = dir.join("templates");
        // The theme and its templates must be in the site: `themes/`, the theme's folder and
        // its `templates/` are real folders.
        let themes = dir.parent().unwrap_or(dir);
        if let Some(link) = [themes, dir, templates_dir.as_path()].into_iter().find(|p| crate::input::is_link(p)) {
            return Err(vec![crate::input::link_error(link, root)]);
        }
        if !templates_dir.is_dir() {
            return Err(vec![Diagnostic::file(relative(&templates_dir, root), t!("template-no-folder")).with_help(t!("template-no-folder-help"))]);
        }
        let (sources, mut errors) = read_templates(&templates_dir, root);
        let mut tera = tera::Tera::new();
        // Check templates one by one so every syntax error is reported, then add them all
        // together (a child template needs its parent).
        for (name, source) in &sources {
            let mut single = tera::Tera::new();
            if let Err(e) = single.add_raw_template(name, &source.text) {
                if let Some(d) = syntax_error(&e, source) {
                    errors.push(d);
                }
            }
        }
        if errors.is_empty() {
            if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.text.as_ref()))) {
                errors.push(template_error(&e, &sources.iter().map(|(n, s)| (n.clone(), s.clone())).collect::<Vec<_>>(), dir, root));
            }
        }
        for required in REQUIRED_TEMPLATES {
            if !sources.iter().any(|(n, _)| n == required) {
                errors.push(Diagnostic::file(relative(&templates_dir, root), t!("template-missing", name = *required)).with_help(t!("template-missing-help")));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let minified = minify_templates(&sources);
        Ok(Theme { dir: dir.to_path_buf(), tera, minified, sources: sources.into_iter().map(|(_, s)| s).collect() })
    }

    /// False when a template did not survive minifying: every page is then minified instead
    /// (same output, slower).
    pub fn minified_once(&self) -> bool {
        self.minified.is_some()
    }

    /// A hash of every template as written and of how pages are made from them: with the
    /// same context, the same key makes the same page.
    pub fn key(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for s in &self.sources {
            h.update(s.path.to_string_lossy().as_bytes());
            h.update(&(s.text.len() as u64).to_le_bytes());
            h.update(s.text.as_bytes());
        }
        h.update(&[u8::from(self.minified.is_some())]);
        h.digest()
    }

    pub fn source_of(&self, template: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.path.to_string_lossy().replace('\\', "/").ends_with(&format!("templates/{template}")))
    }
}

/// Minify the HTML templates once, keeping the `{{ }}` and `{% %}` syntax, instead of
/// minifying every page made from them: the output of thousands of pages then needs no
/// minifying (a millisecond a page, most of the rendering time). What the templates insert
/// (Markdown HTML, JSON-LD) is already compact.
fn minify_templates(sources: &[(String, Source)]) -> Option<tera::Tera> {
    let mut cfg = crate::output::minify_config();
    cfg.preserve_brace_template_syntax = true;
    let minified: Vec<(String, String)> = sources
        .iter()
        .map(|(name, s)| {
            if !name.ends_with(".html") {
                return Some((name.clone(), s.text.to_string()));
            }
            // A tag whose name is made by the template cannot be minified: keep that one as written.
            let Some((protected, kept)) = protect_tag_logic(&s.text) else { return Some((name.clone(), s.text.to_string())) };
            let mut text = String::from_utf8(minify_html::minify(protected.as_bytes(), &cfg)).ok()?;
            for (i, original) in kept.iter().enumerate() {
                let placeholder = format!("{PLACEHOLDER}{i}");
                if !text.contains(&placeholder) {
                    return None;
                }
                text = text.replacen(&placeholder, original, 1);
            }
            Some((name.clone(), text))
        })
        .collect::<Option<_>>()?;
    let mut tera = tera::Tera::new();
    tera.add_raw_templates(minified.iter().map(|(n, t)| (n.as_str(), t.as_str()))).ok()?;
    Some(tera)
}

const PLACEHOLDER: &str = "data-vetrina-template-";

/// The minifier keeps `{{ }}` and `{% %}` in text and attribute values, but not between a
/// tag's attributes (`<a href="x"{% if y %} aria-current="page"{% endif %}>`) nor in a value
/// that holds its own quote: from the first such place on, the rest of the start tag is set
/// aside for a placeholder attribute, to be put back after minifying. Returns the text and
/// what was set aside, or nothing when a tag's name is itself made by the template.
fn protect_tag_logic(text: &str) -> Option<(String, Vec<String>)> {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut kept = Vec::new();
    let (mut i, mut copied) = (0, 0);
    // The end of a `{{ }}`, `{% %}` or `{# #}` starting at `at`.
    let template_end = |at: usize| -> Option<usize> {
        let close = match b.get(at + 1)? {
            b'{' => "}}",
            b'%' => "%}",
            b'#' => "#}",
            _ => return None,
        };
        text[at + 2..].find(close).map(|e| at + 2 + e + 2)
    };
    while i < b.len() {
        if b[i] == b'{' {
            if let Some(end) = template_end(i) {
                i = end;
                continue;
            }
        }
        if b[i] == b'<' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            // Inside a start tag: find its end, and the first template tag between attributes.
            let (mut j, mut quote, mut first, mut attribute) = (i + 1, None::<u8>, None, i + 1);
            while j < b.len() {
                match (b[j], quote) {
                    (b'{', _) if template_end(j).is_some() => {
                        let end = template_end(j).unwrap_or(j + 1);
                        // Between attributes, or in a value it would end early (`"{{ x | f(a=" ") }}"`).
                        let breaks_value = quote.is_some_and(|q| b[j..end].contains(&q));
                        if attribute == i + 1 && quote.is_none() {
                            return None; // `<h{{ level }}>`: the tag's name itself
                        }
                        if first.is_none() && (quote.is_none() || breaks_value) {
                            first = Some(if breaks_value { attribute } else { j });
                        }
                        j = end;
                        continue;
                    }
                    (c, None) if c.is_ascii_whitespace() => attribute = j,
                    (b'"' | b'\'', None) => quote = Some(b[j]),
                    (c, Some(q)) if c == q => quote = None,
                    (b'>', None) => break,
                    _ => {}
                }
                j += 1;
            }
            if let Some(start) = first {
                out.push_str(&text[copied..start]);
                out.push_str(&format!(" {PLACEHOLDER}{}", kept.len()));
                kept.push(text[start..j].to_string());
                copied = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    Some((out, kept))
}

/// Every `.html` and `.xml` file under `templates/`, named by its path there. A link is an
/// error naming it, never followed.
fn read_templates(templates_dir: &Path, root: &Path) -> (Vec<(String, Source)>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for entry in WalkDir::new(templates_dir).follow_links(false).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if entry.path_is_symlink() {
            errors.push(crate::input::link_error(entry.path(), root));
        } else if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html" || e == "xml") {
            let name = relative(entry.path(), templates_dir).to_string_lossy().replace('\\', "/");
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => sources.push((name, Source::new(relative(entry.path(), root), text))),
                Err(e) => errors.push(Diagnostic::file(relative(entry.path(), root), t!("template-unreadable", why = e.to_string()))),
            }
        }
    }
    (sources, errors)
}

/// A syntax error in one template (only errors with a position; others show up when
/// all templates are added together).
fn syntax_error(e: &tera::Error, source: &Source) -> Option<Diagnostic> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) => {
            Some(Diagnostic::at(source, r.span().range.clone(), t!("template-syntax", detail = r.message())).with_help(t!("template-syntax-help")))
        }
        _ => None,
    }
}

fn template_error(e: &tera::Error, sources: &[(String, Source)], dir: &Path, root: &Path) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => match sources.iter().find(|(n, _)| n == r.filename()) {
            Some((_, s)) => Diagnostic::at(s, r.span().range.clone(), t!("template-render", detail = r.message())),
            None => Diagnostic::file(relative(&dir.join("templates").join(r.filename()), root), t!("template-render", detail = r.message())),
        },
        _ => Diagnostic::file(relative(&dir.join("templates"), root), t!("template-render", detail = e.to_string())),
    }
}

#[cfg(test)]
mod template_tests {
    use super::*;

    #[test]
    fn template_logic_between_attributes_survives_minifying() {
        let t = "<main id=\"m\" class=\"a {% if x %}b{% endif %}\"{% if s %} data-pagefind-body{% endif %}>\n  <p>{{ text }}</p>\n</main>";
        let (protected, kept) = protect_tag_logic(t).unwrap();
        assert_eq!(kept, vec!["{% if s %} data-pagefind-body{% endif %}"]);
        assert!(protect_tag_logic("<h{{ n }}>x</h{{ n }}>").is_none());
        let (_, kept) = protect_tag_logic("<a class=\"x\" href=\"tel:{{ t | replace(from=\" \", to=\"\") }}\">").unwrap();
        assert_eq!(kept, vec![" href=\"tel:{{ t | replace(from=\" \", to=\"\") }}\""]);
        assert!(protected.contains("class=\"a {% if x %}b{% endif %}\" data-vetrina-template-0>"));
        let source = Source::new(PathBuf::from("t.html"), t.to_string());
        let tera = minify_templates(&[("t.html".to_string(), source)]).expect("minified templates parse");
        let mut ctx = tera::Context::new();
        ctx.insert("x", &true);
        ctx.insert("s", &true);
        ctx.insert("text", "Ciao");
        let html = tera.render("t.html", &ctx).unwrap();
        assert!(html.contains("data-pagefind-body") && html.contains("class=\"a b\"") && html.contains("<p>Ciao</p>"), "{html}");
        assert!(!html.contains('\n'), "{html}");
    }
}
