//! Every word the tool says to a person, in one catalog per language: `it/` (the default:
//! the editors, the guide and the site are Italian) and `en/`, in Project Fluent's format
//! (plural forms, e.g. "1 servizio" / "2 servizi", are written in the catalog, not in code).
//!
//! Code asks for a message by its id with [`t!`](crate::t):
//!
//! ```
//! use vetrina::{i18n, t};
//! i18n::set_language(i18n::Language::En);
//! assert_eq!(t!("check-ok", pages = 3, services = 1, seconds = "0.10"), "No errors: 3 pages (1 service) checked in 0.10 s.");
//! ```
//!
//! The language is chosen once, when the program starts (`--lingua` or `VETRINA_LINGUA`), and
//! kept in one process-wide setting: messages are made deep inside parallel stages, and
//! threading a language through every parser would touch every signature for nothing.
//! A unit test checks that both catalogs parse, hold the same ids, and hold every id the
//! code uses.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
pub use fluent_bundle::{FluentArgs, FluentValue};

/// A language the tool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    It,
    En,
}

/// The environment variable that chooses the language when `--lingua` is not given.
pub const ENV: &str = "VETRINA_LINGUA";

impl Language {
    /// `it`, `en`, and locale names such as `en_GB.UTF-8` or `it-IT`.
    pub fn parse(name: &str) -> Option<Language> {
        let lower = name.trim().to_ascii_lowercase();
        let code = lower.split(['_', '-', '.']).next().unwrap_or("");
        match code {
            "it" | "ita" | "italiano" => Some(Language::It),
            "en" | "eng" | "english" | "inglese" => Some(Language::En),
            _ => None,
        }
    }

    /// The language `VETRINA_LINGUA` names, Italian otherwise.
    pub fn from_env() -> Language {
        std::env::var(ENV).ok().and_then(|v| Language::parse(&v)).unwrap_or(Language::It)
    }

    fn index(self) -> usize {
        match self {
            Language::It => 0,
            Language::En => 1,
        }
    }

    /// The language's code and its catalog, one file per topic: `strumento.ftl` (the
    /// command line, progress, `vetrina.toml`, Markdown and URL rules) and `contenuti.ftl`
    /// (the content files, prices, references, links, templates and documents).
    fn catalog(self) -> (&'static str, [&'static str; 2]) {
        match self {
            Language::It => ("it", [include_str!("it/strumento.ftl"), include_str!("it/contenuti.ftl")]),
            Language::En => ("en", [include_str!("en/strumento.ftl"), include_str!("en/contenuti.ftl")]),
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Choose the language of every message from now on.
pub fn set_language(language: Language) {
    CURRENT.store(language.index() as u8, Ordering::Relaxed);
}

/// The language messages are made in.
pub fn language() -> Language {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Language::En,
        _ => Language::It,
    }
}

fn bundle(language: Language) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[language.index()].get_or_init(|| load(language))
}

fn load(language: Language) -> FluentBundle<FluentResource> {
    let (code, files) = language.catalog();
    let id: unic_langid::LanguageIdentifier = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around every argument would end up in terminals and CI logs.
    bundle.set_use_isolating(false);
    for text in files {
        // A broken catalog is a bug caught by the unit tests; keep what parsed.
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// The message `id` in the current language, with its arguments. An id missing from the
/// catalog (a bug the unit tests catch) is returned as it is.
pub fn message(id: &str, args: Option<&FluentArgs>) -> String {
    message_in(language(), id, args)
}

/// The message `id` in `language`.
pub fn message_in(language: Language, id: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle(language);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, args, &mut errors).into_owned()
}

/// A number with `digits` decimals, with the current language's decimal separator
/// ("0,25" in Italian, "0.25" in English).
pub fn decimal(value: f64, digits: usize) -> String {
    let text = format!("{value:.digits$}");
    match language() {
        Language::It => text.replace('.', ","),
        Language::En => text,
    }
}

/// A value that can fill a placeable of a message.
pub trait Arg {
    fn to_arg(&self) -> FluentValue<'static>;
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn to_arg(&self) -> FluentValue<'static> {
                FluentValue::from(*self as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl Arg for str {
    fn to_arg(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}
impl Arg for String {
    fn to_arg(&self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}
impl Arg for std::path::Path {
    fn to_arg(&self) -> FluentValue<'static> {
        FluentValue::from(self.display().to_string())
    }
}
impl Arg for std::path::PathBuf {
    fn to_arg(&self) -> FluentValue<'static> {
        self.as_path().to_arg()
    }
}
impl<T: Arg + ?Sized> Arg for &T {
    fn to_arg(&self) -> FluentValue<'static> {
        (**self).to_arg()
    }
}

/// A message of the catalog in the current language: `t!("id")` or
/// `t!("id", name = value, count = n)`.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::message($id, None)
    };
    ($id:literal, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($key), $crate::i18n::Arg::to_arg(&$value)); )+
        $crate::i18n::message($id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;
    use fluent_syntax::ast::Entry;

    use super::*;

    fn ids(language: Language) -> BTreeSet<String> {
        let (_, files) = language.catalog();
        let mut ids = BTreeSet::new();
        for text in files {
            let resource = match FluentResource::try_new(text.to_string()) {
                Ok(r) => r,
                Err((_, errors)) => panic!("{language:?} catalog does not parse: {errors:?}"),
            };
            for e in resource.entries() {
                if let Entry::Message(m) = e {
                    assert!(ids.insert(m.id.name.to_string()), "{language:?}: `{}` is defined twice", m.id.name);
                }
            }
        }
        ids
    }

    /// Every `t!("id"` in the source tree.
    fn used_ids() -> BTreeSet<String> {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut used = BTreeSet::new();
        for entry in walkdir::WalkDir::new(src).into_iter().filter_map(Result::ok) {
            if entry.path().extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for (i, _) in text.match_indices("t!(\"") {
                // `format!("` ends in `t!("` too.
                if text[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &text[i + 4..];
                let id = &rest[..rest.find('"').unwrap_or(0)];
                let is_id = id.starts_with(|c: char| c.is_ascii_lowercase()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if is_id && id != "id" {
                    used.insert(id.to_string());
                }
            }
        }
        used
    }

    #[test]
    fn both_catalogs_parse_and_hold_the_same_messages() {
        let it = ids(Language::It);
        let en = ids(Language::En);
        let only_it: Vec<_> = it.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&it).collect();
        assert!(only_it.is_empty() && only_en.is_empty(), "only in it.ftl: {only_it:?}; only in en.ftl: {only_en:?}");
    }

    #[test]
    fn every_message_the_code_asks_for_is_in_the_catalog() {
        let it = ids(Language::It);
        let missing: Vec<_> = used_ids().into_iter().filter(|id| !it.contains(id)).collect();
        assert!(missing.is_empty(), "missing from the catalogs: {missing:?}");
    }

    #[test]
    fn plural_forms_and_arguments() {
        let mut args = FluentArgs::new();
        args.set("pages", 1.0);
        args.set("services", 1.0);
        args.set("seconds", "0.50");
        assert_eq!(message_in(Language::It, "check-ok", Some(&args)), "Nessun errore: 1 pagina (1 servizio) controllata in 0.50 s.");
        args.set("pages", 3.0);
        args.set("services", 2.0);
        assert_eq!(message_in(Language::It, "check-ok", Some(&args)), "Nessun errore: 3 pagine (2 servizi) controllate in 0.50 s.");
        assert_eq!(message_in(Language::En, "check-ok", Some(&args)), "No errors: 3 pages (2 services) checked in 0.50 s.");
    }

    #[test]
    fn language_names() {
        assert_eq!(Language::parse("en_GB.UTF-8"), Some(Language::En));
        assert_eq!(Language::parse("it-IT"), Some(Language::It));
        assert_eq!(Language::parse("fr"), None);
    }
}
