//! `content/convenzioni/*.md`: a convention's metadata; its articles are the body's `## Art. N` headings.

use serde::Deserialize;

use super::frontmatter::{ContentFile, Spanned, TomlDate};
use super::{date, meta, non_empty, reference};
use crate::diagnostics::Diagnostic;
use crate::domain::{Convention, ConventionStatus};
use crate::t;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawConvention {
    titolo: Spanned<String>,
    ente_capofila: Spanned<String>,
    valida_dal: Spanned<TomlDate>,
    valida_al: Option<Spanned<TomlDate>>,
    atto_approvazione: Spanned<String>,
    stato: ConventionStatus,
    #[schemars(extend("x-vetrina-riferimento" = "convenzioni"))]
    sostituita_da: Option<Spanned<String>>,
    slug: Option<Spanned<String>>,
    bozza: Option<bool>,
    pubblicazione: Option<Spanned<TomlDate>>,
    scadenza: Option<Spanned<TomlDate>>,
    aggiornato: Option<Spanned<TomlDate>>,
}

/// The JSON Schema of this kind's front matter, from the type `parse` reads.
pub fn schema() -> schemars::Schema {
    super::schema_of::<RawConvention>()
}

pub fn parse(file: &ContentFile, errors: &mut Vec<Diagnostic>) -> Option<Convention> {
    let raw: RawConvention = super::front(file, &crate::t!("kind-convention"), errors)?;
    let before = errors.len();
    let mut meta = meta(file, &common!(raw), errors);
    // A convention marked as a draft is a draft page too.
    meta.draft |= raw.stato == ConventionStatus::Bozza;
    let valid_from = date(file, &raw.valida_dal, "valida_dal").map_err(|e| errors.push(e)).ok();
    let valid_to = raw.valida_al.as_ref().and_then(|d| date(file, d, "valida_al").map_err(|e| errors.push(e)).ok());
    if let (Some(from), Some(to), Some(at)) = (valid_from, valid_to, &raw.valida_al) {
        if to < from {
            errors.push(file.error_in_front(at.span(), t!("convention-valid-to-before")).with_help(t!("convention-valid-to-before-help")));
        }
    }
    if raw.stato == ConventionStatus::Scaduta && raw.valida_al.is_none() {
        errors.push(file.error_at_start(t!("convention-expired-no-end")).with_help(t!("convention-expired-no-end-help")));
    }
    let convention = Convention {
        meta,
        title: non_empty(file, &raw.titolo, "titolo", errors),
        lead_body: non_empty(file, &raw.ente_capofila, "ente_capofila", errors),
        valid_from: valid_from?,
        valid_to,
        approving_act: non_empty(file, &raw.atto_approvazione, "atto_approvazione", errors),
        status: raw.stato,
        replaced_by: raw.sostituita_da.as_ref().map(|s| reference(file, s, errors)),
        markdown: file.body_text().to_string(),
        body_offset: file.body.start,
        articles: crate::markdown::article_anchors(file.body_text()),
    };
    (errors.len() == before).then_some(convention)
}
