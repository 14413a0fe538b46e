//! `content/notizie/*.md`: news items.

use serde::Deserialize;

use super::frontmatter::{ContentFile, Spanned, TomlDate};
use super::{date, meta, non_empty};
use crate::diagnostics::Diagnostic;
use crate::domain::News;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawNews {
    titolo: Spanned<String>,
    data: Spanned<TomlDate>,
    sommario: Spanned<String>,
    #[serde(default)]
    argomenti: Vec<Spanned<String>>,
    slug: Option<Spanned<String>>,
    bozza: Option<bool>,
    pubblicazione: Option<Spanned<TomlDate>>,
    scadenza: Option<Spanned<TomlDate>>,
    aggiornato: Option<Spanned<TomlDate>>,
}

/// The JSON Schema of this kind's front matter, from the type `parse` reads.
pub fn schema() -> schemars::Schema {
    super::schema_of::<RawNews>()
}

pub fn parse(file: &ContentFile, errors: &mut Vec<Diagnostic>) -> Option<News> {
    let raw: RawNews = super::front(file, &crate::t!("kind-news"), errors)?;
    let before = errors.len();
    let meta = meta(file, &common!(raw), errors);
    let date = date(file, &raw.data, "data").map_err(|e| errors.push(e)).ok();
    let news = News {
        meta,
        title: non_empty(file, &raw.titolo, "titolo", errors),
        date: date?,
        summary: non_empty(file, &raw.sommario, "sommario", errors),
        topics: super::topics(file, raw.argomenti),
        markdown: file.body_text().to_string(),
        body_offset: file.body.start,
    };
    (errors.len() == before).then_some(news)
}
