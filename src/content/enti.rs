//! `content/dati/enti.toml`: the member Enti, with the figures the calculators use.

use serde::Deserialize;

use super::frontmatter::{self, ContentFile, Spanned};
use super::date;
use crate::diagnostics::{Diagnostic, Source};
use crate::domain::Ente;
use crate::pricing::EnteType;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnte {
    nome: Spanned<String>,
    tipo: EnteType,
    provincia: String,
    abitanti: Option<u64>,
    postazioni: Option<u64>,
    imprese: Option<u64>,
    aderente_dal: Spanned<toml::value::Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnti {
    #[serde(default)]
    ente: Vec<RawEnte>,
}

pub fn parse(source: &Source, errors: &mut Vec<Diagnostic>) -> Vec<Ente> {
    let raw: RawEnti = match frontmatter::parse_toml(source, "the list of member Enti") {
        Ok(r) => r,
        Err(e) => {
            errors.push(e);
            return Vec::new();
        }
    };
    let file = ContentFile { source: source.clone(), front: 0..source.text.len(), body: source.text.len()..source.text.len() };
    let mut names = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in raw.ente {
        if !names.insert(e.nome.get_ref().clone()) {
            errors.push(file.error_in_front(e.nome.span(), format!("\"{}\" is listed twice", e.nome.get_ref())).with_help("remove one of the two entries"));
            continue;
        }
        let Ok(since) = date(&file, &e.aderente_dal, "aderente_dal").map_err(|d| errors.push(d)) else { continue };
        out.push(Ente {
            name: e.nome.into_inner(),
            ente_type: e.tipo,
            province: e.provincia,
            population: e.abitanti,
            workstations: e.postazioni,
            businesses: e.imprese,
            member_since: since,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}
