//! `content/dati/enti.toml`: the member Enti, with the figures the calculators use.

use serde::Deserialize;

use super::frontmatter::{self, ContentFile, Spanned, TomlDate};
use super::{count, date, non_empty, Count};
use crate::diagnostics::{Diagnostic, Source};
use crate::domain::Ente;
use crate::pricing::EnteType;
use crate::t;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawEnte {
    nome: Spanned<String>,
    tipo: EnteType,
    provincia: Spanned<String>,
    abitanti: Option<Spanned<Count>>,
    postazioni: Option<Spanned<Count>>,
    imprese: Option<Spanned<Count>>,
    aderente_dal: Spanned<TomlDate>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawEnti {
    #[serde(default)]
    ente: Vec<RawEnte>,
}

/// The JSON Schema of this kind's front matter, from the type `parse` reads.
pub fn schema() -> schemars::Schema {
    super::schema_of::<RawEnti>()
}

pub fn parse(source: &Source, errors: &mut Vec<Diagnostic>) -> Vec<Ente> {
    let raw: RawEnti = match frontmatter::parse_toml(source, &crate::t!("kind-enti")) {
        Ok(r) => r,
        Err(e) => {
            errors.extend(e);
            return Vec::new();
        }
    };
    let file = ContentFile { source: source.clone(), front: 0..source.text.len(), body: source.text.len()..source.text.len() };
    let mut names = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in raw.ente {
        let before = errors.len();
        let name = non_empty(&file, &e.nome, "nome", errors);
        let province = non_empty(&file, &e.provincia, "provincia", errors);
        if errors.len() == before && !names.insert(name.clone()) {
            errors.push(file.error_in_front(e.nome.span(), t!("enti-twice", name = name.as_str())).with_help(t!("enti-twice-help")));
            continue;
        }
        // The calculators multiply these figures: each within `limits::MAX_COUNT`.
        let mut figure = |v: &Option<Spanned<Count>>, key: &str| v.as_ref().and_then(|v| count(&file, v, key, errors));
        let population = figure(&e.abitanti, "abitanti");
        let workstations = figure(&e.postazioni, "postazioni");
        let businesses = figure(&e.imprese, "imprese");
        let since = date(&file, &e.aderente_dal, "aderente_dal").map_err(|d| errors.push(d));
        let Ok(since) = since else { continue };
        if errors.len() > before {
            continue;
        }
        out.push(Ente { name, ente_type: e.tipo, province, population, workstations, businesses, member_since: since });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}
