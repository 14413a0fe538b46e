//! The content schema, once: a JSON Schema per content kind, taken from the types that
//! `content` parses (`content::*::schema`), so that what `check` accepts and what tools see
//! cannot drift. `vetrina schema` writes these files and the build publishes them under
//! `schemi/`; `artifacts::cms` turns the same schemas into the editing forms of the CMS.
//!
//! ```
//! let kinds = vetrina::schema::kinds();
//! let service = kinds.iter().find(|k| k.name == "servizio").unwrap();
//! assert!(service.schema.get("required").unwrap().as_array().unwrap().iter().any(|k| k == "titolo"));
//! ```

use crate::input::load::{Kind, ENTI_FILE};
use crate::output::OutputFile;
use crate::routes::SCHEMA_FOLDER;

/// Where the files of a kind live under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// One Markdown file per entry, in this kind's folder.
    Folder(Kind),
    /// One TOML file, at this path under `content/`.
    File(&'static str),
}

/// One content kind: its name (the schema's file name), where it lives, its schema.
#[derive(Debug, Clone)]
pub struct KindSchema {
    pub name: &'static str,
    pub place: Place,
    pub schema: schemars::Schema,
}

/// Every content kind, in the order the editors meet them.
pub fn kinds() -> Vec<KindSchema> {
    use crate::content::{convention, enti, form, news, page, service, tariff};
    let folder = |name, kind, schema| KindSchema { name, place: Place::Folder(kind), schema };
    vec![
        folder("servizio", Kind::Service, service::schema()),
        folder("tariffa", Kind::Tariff, tariff::schema()),
        folder("modulo", Kind::Form, form::schema()),
        folder("convenzione", Kind::Convention, convention::schema()),
        folder("notizia", Kind::News, news::schema()),
        folder("pagina", Kind::Page, page::schema()),
        KindSchema { name: "enti", place: Place::File(ENTI_FILE), schema: enti::schema() },
    ]
}

/// The schema files: `schemi/servizio.json`, ... with a title for the editor, and their
/// address as `$id` when the site has one (`base_url`, may be empty).
pub fn files(base_url: &str) -> Vec<OutputFile> {
    kinds()
        .into_iter()
        .map(|k| {
            let path = format!("{SCHEMA_FOLDER}{}.json", k.name);
            let mut schema = k.schema;
            schema.insert("title".into(), crate::t!("schema-title", kind = k.name).into());
            if !base_url.is_empty() {
                schema.insert("$id".into(), format!("{}/{path}", base_url.trim_end_matches('/')).into());
            }
            let mut bytes = serde_json::to_vec_pretty(&schema).unwrap_or_default();
            bytes.push(b'\n');
            OutputFile { path, bytes }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn kind(name: &str) -> Value {
        kinds().into_iter().find(|k| k.name == name).unwrap().schema.to_value()
    }

    #[test]
    fn a_service_says_its_keys_values_and_references() {
        let s = kind("servizio");
        assert_eq!(s["additionalProperties"], false, "unknown keys are errors, as in check");
        let required: Vec<&str> = s["required"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        for key in ["titolo", "sommario", "stato", "livello", "macroarea", "destinatari", "contatti"] {
            assert!(required.contains(&key), "{key} in {required:?}");
        }
        assert!(!required.contains(&"tariffa"));
        assert_eq!(s["properties"]["tariffa"]["x-vetrina-riferimento"], "tariffe");
        assert_eq!(s["properties"]["moduli"]["x-vetrina-riferimento"], "moduli");
        let text = s.to_string();
        assert!(text.contains("\"nazionale\"") || text.contains("\"regionale\"") || text.contains("enum"), "{text}");
        assert!(!text.contains("\"null\""), "TOML has no null: {text}");
        assert!(!text.contains("description"), "developer comments stay out: {text}");
    }

    #[test]
    fn amounts_are_strings_with_the_money_shape() {
        let text = kind("tariffa").to_string();
        assert!(text.contains(&serde_json::to_string(crate::pricing::money::DECIMAL_PATTERN).unwrap()), "{text}");
        assert!(text.contains("\"x-vetrina\":\"importo\""), "{text}");
        assert!(text.contains("\"format\":\"date\""), "{text}");
    }

    #[test]
    fn files_carry_a_title_and_their_address() {
        let written = files("https://cst.example.it/");
        assert_eq!(written.len(), 7);
        let service: Value = serde_json::from_slice(&written[0].bytes).unwrap();
        assert_eq!(written[0].path, "schemi/servizio.json");
        assert_eq!(service["$id"], "https://cst.example.it/schemi/servizio.json");
        assert!(service["title"].as_str().unwrap().contains("servizio"));
        assert!(files("").iter().all(|f| !String::from_utf8_lossy(&f.bytes).contains("$id")));
    }
}
