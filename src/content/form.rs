//! `content/moduli/*.md`: a request, cancellation or needs form, as sections of typed fields.
//! A form is generic: one definition serves every service that lists it in `moduli`.

use serde::Deserialize;

use super::frontmatter::{ContentFile, Spanned, TomlDate};
use super::{meta, non_empty};
use crate::diagnostics::Diagnostic;
use crate::domain::{Field, FieldType, Form, FormKind, FormSection, Ref};
use crate::pricing::limits::MAX_ROWS;
use crate::t;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawField {
    nome: Spanned<String>,
    etichetta: Spanned<String>,
    tipo: Spanned<FieldType>,
    #[serde(default)]
    obbligatorio: bool,
    aiuto: Option<String>,
    #[serde(default)]
    opzioni: Vec<String>,
    #[serde(default)]
    colonne: Vec<String>,
    righe: Option<Spanned<u32>>,
    #[schemars(extend("x-vetrina-riferimento" = "servizi"))]
    servizio: Option<Spanned<String>>,
    valore: Option<Spanned<String>>,
    se_scelto: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawSection {
    titolo: String,
    descrizione: Option<String>,
    campi: Vec<RawField>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawForm {
    titolo: Spanned<String>,
    tipo: FormKind,
    descrizione: Spanned<String>,
    invio_pec: Spanned<String>,
    sezioni: Vec<RawSection>,
    #[serde(default)]
    dichiarazioni: Vec<String>,
    #[serde(default = "yes")]
    firma: bool,
    slug: Option<Spanned<String>>,
    bozza: Option<bool>,
    pubblicazione: Option<Spanned<TomlDate>>,
    scadenza: Option<Spanned<TomlDate>>,
    aggiornato: Option<Spanned<TomlDate>>,
}

fn yes() -> bool {
    true
}

/// The JSON Schema of this kind's front matter, from the type `parse` reads.
pub fn schema() -> schemars::Schema {
    super::schema_of::<RawForm>()
}

pub fn parse(file: &ContentFile, errors: &mut Vec<Diagnostic>) -> Option<Form> {
    let raw: RawForm = super::front(file, &crate::t!("kind-form"), errors)?;
    let before = errors.len();
    let meta = meta(file, &common!(raw), errors);
    if !raw.invio_pec.get_ref().contains('@') {
        errors.push(file.error_in_front(raw.invio_pec.span(), t!("form-pec")).with_help(t!("form-pec-help")));
    }
    let mut names = std::collections::HashSet::new();
    let mut sections = Vec::new();
    for s in raw.sezioni {
        let mut fields = Vec::new();
        for f in s.campi {
            let name = f.nome.get_ref().clone();
            let ok_name = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !ok_name {
                errors.push(file.error_in_front(f.nome.span(), t!("form-field-name", name = name.as_str())).with_help(t!("form-field-name-help")));
            } else if !names.insert(name.clone()) {
                errors.push(file.error_in_front(f.nome.span(), t!("form-field-twice", name = name.as_str())).with_help(t!("form-field-twice-help")));
            }
            let field_type = *f.tipo.get_ref();
            if field_type == FieldType::Scelta && f.opzioni.len() < 2 {
                errors.push(file.error_in_front(f.tipo.span(), t!("form-choice-options")).with_help(t!("form-choice-options-help")));
            }
            if field_type == FieldType::Elenco && f.colonne.is_empty() {
                errors.push(file.error_in_front(f.tipo.span(), t!("form-list-columns")).with_help(t!("form-list-columns-help")));
            }
            let label = non_empty(file, &f.etichetta, "etichetta", errors);
            let rows = f.righe.as_ref().map_or(Some(5), |r| rows(file, r, errors)).unwrap_or(5);
            let (service, value_from, when_chosen) = from_choice(file, &f, errors);
            fields.push(Field {
                name,
                label,
                field_type,
                required: f.obbligatorio,
                help: f.aiuto,
                options: f.opzioni,
                columns: f.colonne,
                rows,
                service,
                value_from,
                when_chosen,
            });
        }
        sections.push(FormSection { title: s.titolo, description: s.descrizione, fields });
    }
    let form = Form {
        meta,
        title: non_empty(file, &raw.titolo, "titolo", errors),
        kind: raw.tipo,
        description: non_empty(file, &raw.descrizione, "descrizione", errors),
        send_to_pec: raw.invio_pec.into_inner(),
        sections,
        declarations: raw.dichiarazioni,
        signature: raw.firma,
        markdown: file.body_text().to_string(),
        body_offset: file.body.start,
    };
    (errors.len() == before).then_some(form)
}

/// `servizio`, `valore` and `se_scelto`: how a calculator's choice fills the field. Each
/// goes with a kind of field (a box, a number, a choice); whether the service and the item
/// exist is checked in `validate`, across files.
fn from_choice(file: &ContentFile, f: &RawField, errors: &mut Vec<Diagnostic>) -> (Option<Ref>, Option<Ref>, Option<String>) {
    let kind = *f.tipo.get_ref();
    let service = f.servizio.as_ref().map(|s| super::reference(file, s, errors));
    if let Some(s) = f.servizio.as_ref().filter(|_| !matches!(kind, FieldType::Casella | FieldType::Numero | FieldType::Scelta)) {
        errors.push(file.error_in_front(s.span(), t!("form-service-kind")).with_help(t!("form-service-kind-help")));
    }
    let value_from = f.valore.as_ref().map(|v| Ref { slug: v.get_ref().clone(), span: v.span().start + file.front.start..v.span().end + file.front.start });
    match (&f.valore, kind, &f.servizio) {
        (Some(v), _, None) | (Some(v), FieldType::Casella | FieldType::Scelta, _) => {
            errors.push(file.error_in_front(v.span(), t!("form-value-needs-number")).with_help(t!("form-value-needs-number-help")))
        }
        (None, FieldType::Numero, Some(s)) => {
            errors.push(file.error_in_front(s.span(), t!("form-number-needs-value")).with_help(t!("form-number-needs-value-help")))
        }
        _ => {}
    }
    let when_chosen = match (&f.se_scelto, kind) {
        (Some(w), FieldType::Scelta) if f.opzioni.contains(w.get_ref()) && f.servizio.is_some() => Some(w.get_ref().clone()),
        (Some(w), _) => {
            let list = f.opzioni.iter().map(|o| format!("\"{o}\"")).collect::<Vec<_>>().join(", ");
            errors
                .push(file.error_in_front(w.span(), t!("form-when-chosen", value = w.get_ref().as_str())).with_help(t!("form-when-chosen-help", list = list)));
            None
        }
        (None, FieldType::Scelta) => {
            if let Some(s) = &f.servizio {
                errors.push(file.error_in_front(s.span(), t!("form-choice-needs-when-chosen")).with_help(t!("form-choice-needs-when-chosen-help")));
            }
            None
        }
        _ => None,
    };
    (service, value_from, when_chosen)
}

/// `righe` of an `elenco` field: every row is drawn on the page and in the PDF, so at most
/// `limits::MAX_ROWS`.
fn rows(file: &ContentFile, r: &Spanned<u32>, errors: &mut Vec<Diagnostic>) -> Option<u32> {
    let n = *r.get_ref();
    if (1..=MAX_ROWS).contains(&n) {
        return Some(n);
    }
    let max = MAX_ROWS.to_string();
    errors.push(file.error_in_front(r.span(), t!("form-rows", value = n.to_string(), max = max.clone())).with_help(t!("form-rows-help", max = max)));
    None
}
