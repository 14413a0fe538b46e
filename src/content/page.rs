//! `content/pagine/*.md`: generic pages (chi siamo, privacy, note legali...).

use serde::Deserialize;

use super::frontmatter::{ContentFile, Spanned, TomlDate};
use super::{meta, non_empty};
use crate::diagnostics::Diagnostic;
use crate::domain::{Page, PageTemplate};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawPage {
    titolo: Spanned<String>,
    descrizione: Spanned<String>,
    modello: Option<PageTemplate>,
    #[serde(default)]
    ordine: i64,
    slug: Option<Spanned<String>>,
    bozza: Option<bool>,
    pubblicazione: Option<Spanned<TomlDate>>,
    scadenza: Option<Spanned<TomlDate>>,
    aggiornato: Option<Spanned<TomlDate>>,
}

/// The JSON Schema of this kind's front matter, from the type `parse` reads.
pub fn schema() -> schemars::Schema {
    super::schema_of::<RawPage>()
}

pub fn parse(file: &ContentFile, errors: &mut Vec<Diagnostic>) -> Option<Page> {
    let raw: RawPage = super::front(file, &crate::t!("kind-page"), errors)?;
    let before = errors.len();
    let page = Page {
        meta: meta(file, &common!(raw), errors),
        title: non_empty(file, &raw.titolo, "titolo", errors),
        description: non_empty(file, &raw.descrizione, "descrizione", errors),
        template: raw.modello.unwrap_or(PageTemplate::Pagina),
        order: raw.ordine,
        markdown: file.body_text().to_string(),
        body_offset: file.body.start,
    };
    (errors.len() == before).then_some(page)
}
