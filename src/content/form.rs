//! `content/moduli/*.md`: a request, cancellation or needs form, as sections of typed fields.
//! A form is generic: one definition serves every service that lists it in `moduli`.

use serde::Deserialize;

use super::frontmatter::{self, ContentFile, Spanned};
use super::{meta, non_empty};
use crate::diagnostics::Diagnostic;
use crate::domain::{Field, FieldType, Form, FormKind, FormSection};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    nome: Spanned<String>,
    etichetta: String,
    tipo: Spanned<FieldType>,
    #[serde(default)]
    obbligatorio: bool,
    aiuto: Option<String>,
    #[serde(default)]
    opzioni: Vec<String>,
    #[serde(default)]
    colonne: Vec<String>,
    righe: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    titolo: String,
    descrizione: Option<String>,
    campi: Vec<RawField>,
}

#[derive(Debug, Deserialize)]
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
    pubblicazione: Option<Spanned<toml::value::Datetime>>,
    scadenza: Option<Spanned<toml::value::Datetime>>,
    aggiornato: Option<Spanned<toml::value::Datetime>>,
}

fn yes() -> bool {
    true
}

pub fn parse(file: &ContentFile, errors: &mut Vec<Diagnostic>) -> Option<Form> {
    let raw: RawForm = match frontmatter::parse(file, "a form") {
        Ok(r) => r,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    let before = errors.len();
    let meta = meta(file, &common!(raw), errors);
    if !raw.invio_pec.get_ref().contains('@') {
        errors.push(
            file.error_in_front(raw.invio_pec.span(), "`invio_pec` is not an e-mail address")
                .with_help("write the PEC address the form is sent to, e.g. \"cst@pec.example.it\""),
        );
    }
    let mut names = std::collections::HashSet::new();
    let mut sections = Vec::new();
    for s in raw.sezioni {
        let mut fields = Vec::new();
        for f in s.campi {
            let name = f.nome.get_ref().clone();
            let ok_name = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !ok_name {
                errors.push(
                    file.error_in_front(f.nome.span(), format!("invalid field name \"{name}\""))
                        .with_help("field names use lowercase letters, digits and `_`, e.g. \"ente_denominazione\""),
                );
            } else if !names.insert(name.clone()) {
                errors.push(
                    file.error_in_front(f.nome.span(), format!("two fields are named \"{name}\""))
                        .with_help("every field of a form needs its own `nome`"),
                );
            }
            let field_type = *f.tipo.get_ref();
            if field_type == FieldType::Scelta && f.opzioni.len() < 2 {
                errors.push(
                    file.error_in_front(f.tipo.span(), "a `scelta` field needs at least two `opzioni`")
                        .with_help("add `opzioni = [\"...\", \"...\"]`"),
                );
            }
            if field_type == FieldType::Elenco && f.colonne.is_empty() {
                errors.push(
                    file.error_in_front(f.tipo.span(), "an `elenco` field needs its `colonne`")
                        .with_help("add `colonne = [\"Nome\", \"Cognome\", \"Ente di appartenenza\"]`"),
                );
            }
            fields.push(Field {
                name,
                label: f.etichetta,
                field_type,
                required: f.obbligatorio,
                help: f.aiuto,
                options: f.opzioni,
                columns: f.colonne,
                rows: f.righe.unwrap_or(5),
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
