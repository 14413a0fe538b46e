//! Splitting a Markdown file into its TOML front matter and body, and turning TOML
//! errors into diagnostics that point at the right line of the `.md` file.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::{did_you_mean, Diagnostic, Source};
use crate::t;

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
    /// A span given relative to the front matter (as the TOML parser gives it), in the file.
    pub fn in_file(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.front.start..span.end + self.front.start
    }
    /// A diagnostic at a span given relative to the front matter.
    pub fn error_in_front(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.source, self.in_file(span), message)
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
        let hint = if rest.starts_with("---") { t!("fm-yaml-help") } else { t!("fm-no-front-help") };
        return Err(Diagnostic::at(&source, bom..bom + first_line_end.clamp(1, 3).min(rest.len().max(1)), t!("fm-no-front")).with_help(hint));
    }
    let front_start = bom + first_line_end;
    let mut pos = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok(ContentFile { front: front_start..pos, body: pos + line.len()..text.len(), source });
        }
        pos += line.len();
    }
    Err(Diagnostic::at(&source, bom..bom + 3, t!("fm-not-closed")).with_help(t!("fm-not-closed-help")))
}

/// Deserialize the front matter, turning TOML errors into editor-friendly diagnostics:
/// every key error of the file, not only the first (see `all_errors`).
pub fn parse<T: DeserializeOwned>(file: &ContentFile, kind: &str) -> Result<T, Vec<Diagnostic>> {
    match toml::from_str(file.front_text()) {
        Ok(v) => Ok(v),
        Err(first) => Err(all_errors::<T>(file, first, kind)),
    }
}

/// Deserialize a whole TOML file (config, data) with the same error treatment.
pub fn parse_toml<T: DeserializeOwned>(source: &Source, kind: &str) -> Result<T, Vec<Diagnostic>> {
    let file = ContentFile { source: source.clone(), front: 0..source.text.len(), body: source.text.len()..source.text.len() };
    parse(&file, kind)
}

/// How many more key errors one file may report after the first.
const MORE_ERRORS: usize = 30;

/// serde stops at the first problem. To report them all in one run, the lines of each
/// problem are blanked (offsets kept, so positions stay right) and the text is read again,
/// as long as what is left is still valid TOML; a key that was blanked is not then reported
/// as missing.
fn all_errors<T: DeserializeOwned>(file: &ContentFile, first: toml::de::Error, kind: &str) -> Vec<Diagnostic> {
    let mut errors = vec![toml_error(file, &first, kind)];
    let mut text = file.front_text().to_string();
    let mut blanked: Vec<String> = Vec::new();
    let mut err = first;
    for _ in 0..MORE_ERRORS {
        let Some(span) = err.span().filter(|s| s.end > s.start && s.end - s.start < text.len()) else { break };
        let (start, end) = whole_lines(&text, span);
        blanked.push(text[start..end].to_string());
        let spaces: String = text[start..end].bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }).collect();
        // Blanking only ASCII bytes into ASCII keeps the text valid UTF-8 of the same length.
        if spaces.len() != end - start {
            break;
        }
        text.replace_range(start..end, &spaces);
        if text.parse::<toml::Table>().is_err() {
            break;
        }
        match toml::from_str::<T>(&text) {
            Ok(_) => break,
            Err(e) => {
                let missing = e.message().starts_with("missing field");
                let was_blanked = backticked(e.message()).first().is_some_and(|k| blanked.iter().any(|b| b.trim_start().starts_with(k)));
                if !(missing && was_blanked) {
                    errors.push(toml_error(file, &e, kind));
                }
                if missing {
                    break;
                }
                err = e;
            }
        }
    }
    errors
}

/// The byte range of the whole lines that `span` touches.
fn whole_lines(text: &str, span: Range<usize>) -> (usize, usize) {
    let start = text[..span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end.min(text.len())..].find('\n').map_or(text.len(), |i| span.end + i);
    (start, end)
}

fn toml_error(file: &ContentFile, e: &toml::de::Error, kind: &str) -> Diagnostic {
    let raw = e.message().trim().to_string();
    let span = e.span().unwrap_or(0..0);
    let front = file.front_text();
    let first_line = file.source.line_col(file.front.start).0 - 1;
    let at = Written { raw: &raw, kind, front, span: span.clone(), first_line };
    let (message, help) = explain(&at);
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

/// A TOML or serde error and where it is.
struct Written<'a> {
    raw: &'a str,
    /// "un servizio", "una tariffa", ... (in the user's language).
    kind: &'a str,
    front: &'a str,
    span: Range<usize>,
    /// Lines of the file before the front matter (the `+++` line).
    first_line: usize,
}

impl Written<'_> {
    fn text(&self) -> &str {
        self.front.get(self.span.clone()).unwrap_or("")
    }

    /// The `[table]` header above the error, when there is one, with its line in the file.
    fn table_above(&self) -> Option<(String, usize)> {
        let before = self.front.get(..self.span.start)?;
        before.lines().enumerate().filter_map(|(i, l)| table_header(l).map(|t| (t, i + 1 + self.first_line))).last()
    }
}

/// `[contatti]` → `contatti`; `[[voci]]` → `voci`.
fn table_header(line: &str) -> Option<String> {
    let l = line.trim();
    let inner = l.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")).or_else(|| l.strip_prefix('[').and_then(|r| r.strip_suffix(']')))?;
    (!inner.is_empty() && !inner.contains(['"', '=', ','])).then(|| inner.trim().to_string())
}

/// Rewrite serde/toml messages in the editor's terms, with a fix.
fn explain(w: &Written) -> (String, Option<String>) {
    let raw = w.raw;
    let names = backticked(raw);
    if raw.starts_with("unknown field") {
        return unknown_key(w, &names);
    }
    if raw.starts_with("unknown variant") {
        return unknown_value(&names);
    }
    if raw.starts_with("missing field") {
        let key = names.first().copied().unwrap_or("?");
        return (t!("fm-missing", key = key, kind = w.kind), Some(t!("fm-missing-help", key = key)));
    }
    // Our own checks (amounts) already say what is wrong and how to write it.
    if raw.starts_with("float amount") || raw.starts_with("amount ") {
        return amount(w);
    }
    if raw.starts_with("invalid value: integer") {
        return integer(w);
    }
    if raw.starts_with("invalid type") {
        // An integer past 64 bits comes as "invalid type: integer `...` as u128, expected i64".
        if raw.starts_with("invalid type: integer") && raw.split(", expected ").nth(1).is_some_and(|e| type_word(e) == type_word("integer")) {
            return (t!("fm-too-large", value = w.text().trim()), Some(t!("fm-too-large-help")));
        }
        return wrong_type(raw);
    }
    if raw.starts_with("invalid value: string") && raw.ends_with("expected a TOML datetime") {
        return (t!("fm-bad-date-text", raw = w.text().trim()), Some(t!("fm-bad-date-help")));
    }
    let text = w.text();
    let looks_like_date = text.chars().next().is_some_and(|c| c.is_ascii_digit()) && text.contains('-');
    if looks_like_date {
        return (t!("fm-bad-date", raw = raw), Some(t!("fm-bad-date-help")));
    }
    (t!("fm-invalid-toml", raw = raw), Some(t!("fm-invalid-toml-help")))
}

fn unknown_key(w: &Written, names: &[&str]) -> (String, Option<String>) {
    let wrong = names.first().copied().unwrap_or("?");
    let valid = &names[1.min(names.len())..];
    let suggestion = synonym(wrong, valid).or_else(|| did_you_mean(wrong, valid.iter().copied()));
    let help = match (suggestion, w.table_above()) {
        (Some(s), _) => t!("fm-unknown-key-did-you-mean", key = s),
        // A plain key written below a table belongs to that table in TOML.
        (None, Some((table, line))) => t!("fm-key-under-table", key = wrong, table = table, line = line),
        (None, None) => t!("fm-unknown-key-valid", keys = valid.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")),
    };
    (t!("fm-unknown-key", key = wrong, kind = w.kind), Some(help))
}

fn unknown_value(names: &[&str]) -> (String, Option<String>) {
    let wrong = names.first().copied().unwrap_or("?");
    let valid = &names[1.min(names.len())..];
    let list = valid.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ");
    let help = match synonym(wrong, valid).or_else(|| did_you_mean(wrong, valid.iter().copied())) {
        Some(s) => t!("fm-value-did-you-mean", value = s, list = list),
        None => t!("fm-value-allowed", list = list),
    };
    (t!("fm-unknown-value", value = wrong), Some(help))
}

/// Words editors write for an allowed value or key: "mese" for "mensile", "utente" for
/// "utenti", "una tantum" for "una-tantum". Only suggests what is allowed here.
fn synonym<'a>(wrong: &str, valid: &[&'a str]) -> Option<&'a str> {
    const KNOWN: &[(&str, &str)] = &[
        ("mese", "mensile"),
        ("mensilmente", "mensile"),
        ("al-mese", "mensile"),
        ("anno", "annuale"),
        ("annua", "annuale"),
        ("annuo", "annuale"),
        ("anuale", "annuale"),
        ("all-anno", "annuale"),
        ("una tantum", "una-tantum"),
        ("una_tantum", "una-tantum"),
        ("unatantum", "una-tantum"),
        ("unica", "una-tantum"),
        ("su richiesta", "su-richiesta"),
        ("su_richiesta", "su-richiesta"),
        ("preventivo", "su-richiesta"),
        ("su preventivo", "su-richiesta"),
        ("fascia", "fasce"),
        ("scaglione", "scaglioni"),
        ("fissa", "fisso"),
        ("costo", "importo"),
        ("prezzo", "importo"),
        ("titolo_breve", "titolo"),
        ("descrizione_breve", "descrizione"),
    ];
    let lower = wrong.trim().to_lowercase();
    let known = KNOWN.iter().find(|(w, _)| *w == lower).map(|(_, r)| *r);
    let found = known.and_then(|r| valid.iter().copied().find(|v| *v == r));
    // Singular for plural and back ("utente" → "utenti", "postazione" → "postazioni").
    found.or_else(|| {
        let stem = lower.get(..lower.len().saturating_sub(1)).filter(|s| s.len() >= 4)?;
        valid.iter().copied().find(|v| v.len() == lower.len() && v.starts_with(stem))
    })
}

/// The amount visitor's "float amount 500.5: ..." and "amount 500 without quotes ...".
fn amount(w: &Written) -> (String, Option<String>) {
    let raw = w.raw;
    let value = |rest: &str| rest.split([':', ' ']).next().unwrap_or("").to_string();
    let message = match raw.strip_prefix("float amount ") {
        Some(rest) => t!("fm-amount-float", value = value(rest)),
        None => t!("fm-amount-integer", value = value(raw.strip_prefix("amount ").unwrap_or(raw))),
    };
    (message, Some(t!("fm-amount-help")))
}

/// "invalid value: integer `-5`, expected u32": a count that is negative or too large.
fn integer(w: &Written) -> (String, Option<String>) {
    let value = backticked(w.raw).first().copied().unwrap_or("?").to_string();
    if value.starts_with('-') {
        (t!("fm-negative", value = value), Some(t!("fm-negative-help")))
    } else {
        (t!("fm-too-large", value = value), Some(t!("fm-too-large-help")))
    }
}

fn wrong_type(raw: &str) -> (String, Option<String>) {
    let help = if raw.to_lowercase().contains("datetime") {
        t!("fm-type-date-help")
    } else if raw.contains("found a string") || raw.contains("string \"") {
        t!("fm-type-unquote-help")
    } else if raw.contains("expected a string") {
        t!("fm-type-quote-help")
    } else if raw.contains("expected a sequence") {
        t!("fm-type-list-help")
    } else {
        t!("fm-type-help")
    };
    (t!("fm-wrong-type", raw = translate_type(raw)), Some(help))
}

/// serde's "invalid type: string \"x\", expected a boolean" in the user's words.
fn translate_type(raw: &str) -> String {
    let detail = raw.strip_prefix("invalid type: ").unwrap_or(raw);
    let Some((found, expected)) = detail.split_once(", expected ") else { return detail.to_string() };
    t!("fm-type-found-expected", found = type_word(found), expected = type_word(expected))
}

fn type_word(serde_words: &str) -> String {
    let w = serde_words.trim();
    let id = if w.starts_with("string") || w.starts_with("a string") {
        "type-string"
    } else if w.contains("boolean") {
        "type-boolean"
    } else if w.contains("integer") || w.starts_with('u') || w.starts_with('i') {
        "type-integer"
    } else if w.contains("float") {
        "type-float"
    } else if w.contains("sequence") || w.contains("array") {
        "type-list"
    } else if w.contains("map") || w.contains("table") || w.starts_with("struct") {
        "type-table"
    } else if w.to_lowercase().contains("datetime") || w.contains("date") {
        "type-date"
    } else {
        return w.to_string();
    };
    crate::i18n::message(id, None)
}

/// A value with its byte span inside the front matter. A newtype over `toml::Spanned` so
/// that the content schema (`JsonSchema`) sees only the value: the span is not written.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(transparent)]
pub struct Spanned<T>(toml::Spanned<T>);

impl<T> Spanned<T> {
    pub fn get_ref(&self) -> &T {
        self.0.get_ref()
    }
    pub fn span(&self) -> Range<usize> {
        self.0.span()
    }
    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A date of the front matter: a TOML date (`2026-01-01`, as editors are told to write
/// it), or the same in quotes (`"2026-01-01"`, as the browser interface writes it: its date
/// widget keeps text). A newtype so that the content schema can say "a date".
#[derive(Debug, Clone, PartialEq)]
pub struct TomlDate(pub toml::value::Datetime);

impl<'de> serde::Deserialize<'de> for TomlDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = TomlDate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                // "TOML datetime" is how `explain` recognises a date that is not one.
                f.write_str("a TOML datetime")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TomlDate, E> {
                v.trim().parse().map(TomlDate).map_err(|_| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<TomlDate, A::Error> {
                serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(TomlDate)
            }
        }
        d.deserialize_any(V)
    }
}

impl std::ops::Deref for TomlDate {
    type Target = toml::value::Datetime;
    fn deref(&self) -> &toml::value::Datetime {
        &self.0
    }
}

impl schemars::JsonSchema for TomlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Data".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

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
        assert!(e.message.contains("manca l'intestazione"), "{e}");
        let e = split(src("---\ntitolo: a\n---\n")).unwrap_err();
        assert!(e.help.unwrap().contains("`+++`"));
        let e = split(src("+++\ntitolo = \"a\"\n")).unwrap_err();
        assert!(e.message.contains("non è mai chiusa"), "{e}");
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
        let e = parse::<Fm>(&f, "un servizio").unwrap_err().remove(0);
        assert_eq!(e.message, "chiave sconosciuta `titoloo` in un servizio");
        assert_eq!(e.line_col(), Some((3, 1)));
        assert!(e.help.unwrap().contains("forse intendevate `titolo`"));
    }

    #[test]
    fn missing_key_and_bad_date() {
        let f = split(src("+++\n+++\n")).unwrap();
        let e = parse::<Fm>(&f, "una pagina").unwrap_err().remove(0);
        assert_eq!(e.message, "manca la chiave obbligatoria `titolo` in una pagina");
        let f = split(src("+++\ntitolo = \"A\"\ndata = 2026-13-01\n+++\n")).unwrap();
        let e = parse::<Fm>(&f, "una pagina").unwrap_err().remove(0);
        assert_eq!(e.line_col().unwrap().0, 3, "{e}");
    }

    #[derive(serde::Deserialize, Debug)]
    struct Dated {
        data: Spanned<TomlDate>,
    }

    #[test]
    fn a_date_with_or_without_quotes() {
        let date = |front: &str| parse::<Dated>(&split(src(&format!("+++\n{front}\n+++\n"))).unwrap(), "una notizia");
        let plain = date("data = 2026-12-07").unwrap().data.into_inner();
        assert_eq!(date("data = \"2026-12-07\"").unwrap().data.into_inner(), plain, "as the browser interface writes it");
        let e = date("data = \"07/12/2026\"").unwrap_err().remove(0);
        assert!(e.message.contains("07/12/2026") && e.help.as_deref().unwrap().contains("AAAA-MM-GG"), "{e}");
        assert_eq!(e.line_col(), Some((2, 8)));
        let e = date("data = 5").unwrap_err().remove(0);
        assert!(e.help.as_deref().unwrap().contains("senza virgolette"), "{e}");
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Tariffa {
        base: Base,
        periodicita: Periodicita,
        postazioni: Option<u32>,
        contatti: Option<Contatti>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "kebab-case")]
    enum Base {
        Abitanti,
        Utenti,
    }
    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "kebab-case")]
    enum Periodicita {
        Mensile,
        Annuale,
    }
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Contatti {
        email: String,
    }

    fn errors_of(front: &str) -> Vec<Diagnostic> {
        let f = split(src(&format!("+++\n{front}+++\n"))).unwrap();
        parse::<Tariffa>(&f, "una tariffa").unwrap_err()
    }

    #[test]
    fn every_key_error_of_a_file_in_one_run() {
        let e = errors_of("base = \"utente\"\nperiodicita = \"mese\"\n");
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].line_col(), Some((2, 8)));
        assert!(e[0].help.as_deref().unwrap().contains("\"utenti\""), "{}", e[0]);
        assert_eq!(e[1].line_col(), Some((3, 15)));
        assert!(e[1].help.as_deref().unwrap().contains("\"mensile\""), "{}", e[1]);
    }

    #[test]
    fn a_table_above_plain_keys_says_to_move_it() {
        let e = errors_of("base = \"abitanti\"\n[contatti]\nemail = \"a@b.it\"\nperiodicita = \"annuale\"\n");
        assert_eq!(e[0].message, "chiave sconosciuta `periodicita` in una tariffa");
        let help = e[0].help.as_deref().unwrap();
        assert!(help.contains("[contatti]") && help.contains("riga 3"), "{help}");
    }

    #[test]
    fn a_negative_count_says_so() {
        let e = errors_of("base = \"abitanti\"\nperiodicita = \"annuale\"\npostazioni = -5\n");
        assert!(e[0].message.contains("-5") && e[0].message.contains("negativo"), "{}", e[0]);
        assert_eq!(e[0].line_col(), Some((4, 14)));
    }
}
