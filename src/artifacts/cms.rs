//! The browser editing interface: Decap CMS under `admin/`, configured from the content
//! schema (`schema::kinds`), never by hand. Each content kind is a collection whose fields
//! are the keys `check` accepts, in the order the schema lists them (the order the files
//! are written in): allowed values become select widgets with Italian labels, references
//! relation widgets, lists list widgets, dates date pickers writing `AAAA-MM-GG`, amounts
//! text fields with the money pattern. Decap reads the settings from `admin/config.yml`;
//! JSON is YAML, so the file is written as JSON.
//!
//! ```
//! let config = vetrina::artifacts::cms::config("https://cst.example.it/", None);
//! let services = &config["collections"][0];
//! assert_eq!(services["folder"], "content/servizi");
//! assert_eq!(services["format"], "toml-frontmatter");
//! ```

use serde_json::{json, Map, Value};

use crate::input::config::{CmsPlatform, CmsSettings};
use crate::output::OutputFile;
use crate::routes::CMS_FOLDER;
use crate::schema::{kinds, KindSchema, Place};

/// The settings file the interface reads, in `admin/`.
pub const CONFIG_FILE: &str = "config.yml";
/// Where the interface keeps images in the site's folder, and where they are published.
pub const MEDIA_FOLDER: &str = "static/immagini";
const MEDIA_URL: &str = "/immagini";

/// How deep a kind that contains itself (a sum of components) is offered in the forms;
/// deeper keys are kept as written, just not editable in the interface.
const MAX_NESTING: usize = 2;

/// Whether the site ships the interface: when `[cms]` says where it saves, and always in
/// `vetrina serve` (which saves into the site's folder).
pub fn shipped(settings: Option<&CmsSettings>, serve: bool) -> bool {
    settings.is_some() || serve
}

/// `admin/index.html` and `admin/config.yml`.
pub fn files(site_name: &str, base_url: &str, settings: Option<&CmsSettings>) -> Vec<OutputFile> {
    let config = serde_json::to_vec_pretty(&config(base_url, settings)).unwrap_or_default();
    vec![
        OutputFile { path: format!("{CMS_FOLDER}index.html"), bytes: index_html(site_name).into_bytes() },
        OutputFile { path: format!("{CMS_FOLDER}{CONFIG_FILE}"), bytes: config },
    ]
}

/// The page that loads the interface: no inline script, as every page of the site.
fn index_html(site_name: &str) -> String {
    let title = crate::output::xml_escape(&crate::t!("cms-title", site = site_name));
    format!(
        "<!doctype html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n<link href=\"{CONFIG_FILE}\" type=\"text/yaml\" rel=\"cms-config-url\">\n</head>\n\
         <body>\n<script src=\"decap-cms.js\"></script>\n</body>\n</html>\n"
    )
}

/// Decap's settings: the collections, Italian interface, images into `static/immagini/`,
/// the repository of `[cms]`, changes proposed as pull requests (the editorial workflow,
/// unless `revisione = false`) so that CI runs `check` before anything is published.
pub fn config(base_url: &str, settings: Option<&CmsSettings>) -> Value {
    let collections: Vec<Value> = kinds().iter().map(collection).collect();
    let mut config = json!({
        "locale": "it",
        "site_url": base_url,
        "display_url": base_url,
        "backend": backend(settings),
        "media_folder": MEDIA_FOLDER,
        "public_folder": MEDIA_URL,
        "slug": { "encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-" },
        "collections": collections,
    });
    if settings.is_none_or(|s| s.revisione != Some(false)) {
        config["publish_mode"] = "editorial_workflow".into();
    }
    config
}

/// Decap's `backend`: GitHub through an OAuth server, GitLab with PKCE (no server). Without
/// `[cms]` (only `vetrina serve` ships the interface then) a placeholder that the preview
/// replaces with its local backend.
fn backend(settings: Option<&CmsSettings>) -> Value {
    let Some(s) = settings else { return json!({ "name": "git-gateway", "branch": "main" }) };
    let branch = s.ramo.clone().unwrap_or_else(|| "main".into());
    let server = s.server_accesso.as_ref().map(|u| u.get_ref().trim_end_matches('/').to_string());
    match s.piattaforma {
        CmsPlatform::Github => json!({ "name": "github", "repo": s.repository.get_ref(), "branch": branch, "base_url": server }),
        CmsPlatform::Gitlab => {
            let mut b = json!({ "name": "gitlab", "repo": s.repository.get_ref(), "branch": branch, "auth_type": "pkce", "app_id": s.app_id.as_ref().map(|a| a.get_ref()) });
            if let Some(url) = server {
                b["base_url"] = url.clone().into();
                b["api_root"] = format!("{url}/api/v4").into();
                b["auth_endpoint"] = "oauth/authorize".into();
            }
            b
        }
    }
}

fn collection(k: &KindSchema) -> Value {
    let root = k.schema.clone().to_value();
    let mut fields = object_fields(&root, &root, 0, false);
    let mut c = Map::new();
    c.insert("name".into(), k.name.into());
    c.insert("label".into(), crate::i18n::message(&format!("cms-{}-plural", k.name), None).into());
    c.insert("label_singular".into(), crate::i18n::message(&format!("cms-{}", k.name), None).into());
    match k.place {
        Place::Folder(kind) => {
            fields.push(body_field(k.name));
            c.insert("folder".into(), format!("content/{}", kind.folder()).into());
            c.insert("extension".into(), "md".into());
            c.insert("format".into(), "toml-frontmatter".into());
            c.insert("create".into(), true.into());
            // The file name is the slug: lowercase ASCII letters, digits and hyphens.
            c.insert("slug".into(), "{{slug}}".into());
            c.insert("identifier_field".into(), "titolo".into());
            c.insert("summary".into(), "{{titolo}}".into());
            // Decap's side preview has none of the theme: the real one is the preview tab.
            c.insert("editor".into(), json!({ "preview": false }));
            c.insert("fields".into(), fields.into());
        }
        Place::File(rel) => {
            let file = json!({ "name": k.name, "label": crate::i18n::message(&format!("cms-{}-plural", k.name), None), "file": format!("content/{rel}"), "format": "toml", "fields": fields });
            c.insert("files".into(), json!([file]));
        }
    }
    c.into()
}

/// The Markdown body; a service card starts with the headings of its required sections.
fn body_field(kind: &str) -> Value {
    // Markdown as written first: the headings a card needs stay visible and exact.
    let mut f = json!({ "name": "body", "label": crate::t!("cms-body"), "widget": "markdown", "required": false, "modes": ["raw", "rich_text"] });
    if kind == "servizio" {
        f["default"] = crate::content::service::body_skeleton().into();
        f["required"] = true.into();
    }
    f
}

/// The schema `s` points to (`$ref` into `$defs`), or `s` itself.
fn resolve<'a>(s: &'a Value, root: &'a Value) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
        Some(name) => &root["$defs"][name],
        None => s,
    }
}

/// The fields of an object schema. Inside an optional table (`optional`) nothing is
/// required: Decap would otherwise refuse to save an entry that leaves the table out.
fn object_fields(s: &Value, root: &Value, depth: usize, optional: bool) -> Vec<Value> {
    let required: Vec<&str> = s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    let Some(props) = s.get("properties").and_then(Value::as_object) else { return Vec::new() };
    props.iter().filter_map(|(name, p)| field(name, p, root, depth, optional || !required.contains(&name.as_str()))).collect()
}

/// One key as a Decap field; `None` past `MAX_NESTING` (the key stays as written).
fn field(name: &str, p: &Value, root: &Value, depth: usize, optional: bool) -> Option<Value> {
    let nested = p.get("$ref").is_some() || p.get("items").and_then(|i| i.get("$ref")).is_some();
    if nested && depth > MAX_NESTING {
        return None;
    }
    let mut f = widget(name, p, root, depth, optional);
    // A table whose keys are all past the nesting limit has nothing to edit here.
    if f.get("fields").and_then(Value::as_array).is_some_and(Vec::is_empty) {
        return None;
    }
    f.insert("name".into(), name.into());
    f.insert("label".into(), label(name).into());
    f.insert("required".into(), (!optional).into());
    if let Some(d) = p.get("default").filter(|d| d.is_boolean()) {
        f.insert("default".into(), d.clone());
    }
    Some(f.into())
}

/// The widget of a key and its settings.
fn widget(name: &str, p: &Value, root: &Value, depth: usize, optional: bool) -> Map<String, Value> {
    let reference = p.get("x-vetrina-riferimento").and_then(Value::as_str);
    let s = resolve(p, root);
    let mut f = Map::new();
    let ty = s.get("type").and_then(Value::as_str).unwrap_or("");
    if let Some(target) = reference.filter(|r| !r.contains('#')) {
        f.insert("widget".into(), "relation".into());
        f.insert("collection".into(), kind_of_folder(target).into());
        f.insert("value_field".into(), "{{slug}}".into());
        f.insert("search_fields".into(), json!(["titolo"]));
        f.insert("display_fields".into(), json!(["titolo"]));
        f.insert("multiple".into(), (ty == "array").into());
        return f;
    }
    if let Some(values) = allowed(s, root) {
        f.insert("widget".into(), "select".into());
        f.insert("options".into(), values.iter().map(|v| json!({ "label": label(v), "value": v })).collect::<Vec<_>>().into());
        return f;
    }
    match ty {
        "array" => list(name, &s["items"], root, depth, &mut f),
        "object" => {
            f.insert("widget".into(), "object".into());
            f.insert("collapsed".into(), optional.into());
            f.insert("fields".into(), object_fields(s, root, depth + 1, optional).into());
        }
        "integer" => {
            f.insert("widget".into(), "number".into());
            f.insert("value_type".into(), "int".into());
            if let Some(min) = s.get("minimum") {
                f.insert("min".into(), min.clone());
            }
        }
        "boolean" => drop(f.insert("widget".into(), "boolean".into())),
        _ => scalar(name, s, &mut f),
    }
    f
}

/// A list: of tables (one form per item), of allowed values (a multiple select) or of texts.
fn list(name: &str, items: &Value, root: &Value, depth: usize, f: &mut Map<String, Value>) {
    let item = resolve(items, root);
    if let Some(values) = allowed(item, root) {
        f.insert("widget".into(), "select".into());
        f.insert("multiple".into(), true.into());
        f.insert("options".into(), values.iter().map(|v| json!({ "label": label(v), "value": v })).collect::<Vec<_>>().into());
        return;
    }
    f.insert("widget".into(), "list".into());
    // Without it Decap starts a new entry with one item made of the defaults inside (a
    // `false` switch), which would then ask for that item's required keys.
    f.insert("default".into(), json!([]));
    // Folded, a new item would have to be opened before it can be filled in.
    f.insert("collapsed".into(), false.into());
    if item.get("type").and_then(Value::as_str) == Some("object") {
        f.insert("fields".into(), object_fields(item, root, depth + 1, false).into());
    } else {
        let mut one = Map::new();
        scalar(name, item, &mut one);
        one.insert("name".into(), name.into());
        one.insert("label".into(), label(name).into());
        f.insert("field".into(), one.into());
    }
}

/// A text, a date or an amount.
fn scalar(name: &str, s: &Value, f: &mut Map<String, Value>) {
    if s.get("format").and_then(Value::as_str) == Some("date") {
        f.insert("widget".into(), "datetime".into());
        f.insert("format".into(), "YYYY-MM-DD".into());
        f.insert("date_format".into(), "DD/MM/YYYY".into());
        f.insert("time_format".into(), false.into());
        f.insert("picker_utc".into(), true.into());
        return;
    }
    if s.get("x-vetrina").and_then(Value::as_str) == Some("importo") {
        f.insert("widget".into(), "string".into());
        f.insert("pattern".into(), json!([s["pattern"], crate::t!("cms-amount-hint")]));
        f.insert("hint".into(), crate::t!("cms-amount-hint").into());
        return;
    }
    const LONG: &[&str] = &["sommario", "descrizione", "motivo_stato", "cosa", "aiuto", "attivita", "dichiarazioni"];
    f.insert("widget".into(), if LONG.contains(&name) { "text" } else { "string" }.into());
}

/// The values a key allows (`enum`, or `oneOf` of constants), when it is so restricted.
fn allowed(s: &Value, root: &Value) -> Option<Vec<String>> {
    let s = resolve(s, root);
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        return Some(values.iter().filter_map(Value::as_str).map(str::to_string).collect());
    }
    let branches = s.get("oneOf").and_then(Value::as_array)?;
    branches
        .iter()
        .map(|b| b.get("const").and_then(Value::as_str).map(str::to_string).or_else(|| allowed(b, root).and_then(|v| v.into_iter().next())))
        .collect()
}

/// The collection whose files live in `folder` (`tariffe` → `tariffa`).
fn kind_of_folder(folder: &str) -> &'static str {
    kinds().iter().find(|k| matches!(k.place, Place::Folder(kind) if kind.folder() == folder)).map_or("servizio", |k| k.name)
}

/// A key or value as a label: `unita_plurale` → "Unità plurale", `una-tantum` → "Una tantum".
pub fn label(key: &str) -> String {
    const ACCENTED: &[(&str, &str)] = &[
        ("attivita", "attività"),
        ("periodicita", "periodicità"),
        ("quantita", "quantità"),
        ("unita", "unità"),
        ("validita", "validità"),
        ("comunita", "comunità"),
        ("modalita", "modalità"),
        ("citta", "città"),
    ];
    let words: Vec<String> = key
        .split(['_', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| ACCENTED.iter().find(|(plain, _)| *plain == w).map_or_else(|| w.to_string(), |(_, a)| a.to_string()))
        .collect();
    let text = words.join(" ");
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection_named<'a>(config: &'a Value, name: &str) -> &'a Value {
        config["collections"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()
    }

    fn field_named<'a>(fields: &'a Value, name: &str) -> &'a Value {
        fields.as_array().unwrap().iter().find(|f| f["name"] == name).unwrap_or_else(|| panic!("{name} in {fields}"))
    }

    #[test]
    fn a_service_form_has_the_widgets_of_its_keys() {
        let config = config("https://cst.example.it/", None);
        let fields = &collection_named(&config, "servizio")["fields"];
        let names: Vec<&str> = fields.as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(&names[..3], ["titolo", "sommario", "stato"], "the schema's order, which is the files' order");
        assert_eq!(field_named(fields, "titolo")["required"], true);
        assert_eq!(field_named(fields, "livello")["widget"], "select");
        assert_eq!(field_named(fields, "destinatari")["multiple"], true);
        let tariff = field_named(fields, "tariffa");
        assert_eq!((tariff["widget"].as_str(), tariff["collection"].as_str(), tariff["required"].as_bool()), (Some("relation"), Some("tariffa"), Some(false)));
        assert_eq!(field_named(fields, "moduli")["multiple"], true);
        assert_eq!(field_named(fields, "attivita")["label"], "Attività");
        assert_eq!(field_named(fields, "tempi")["widget"], "list");
        let access = field_named(fields, "accesso_online");
        assert!(access["fields"].as_array().unwrap().iter().all(|f| f["required"] == false), "an optional table blocks nothing: {access}");
        let body = field_named(fields, "body");
        assert!(body["default"].as_str().unwrap().contains("## Descrizione"), "{body}");
    }

    #[test]
    fn a_tariff_form_writes_amounts_as_text_and_dates_as_dates() {
        let config = config("", None);
        let fields = &collection_named(&config, "tariffa")["fields"];
        let items = field_named(fields, "voci");
        let amount = field_named(&items["fields"], "importo");
        assert_eq!(amount["widget"], "string");
        assert_eq!(amount["pattern"][0], crate::pricing::money::DECIMAL_PATTERN);
        let bands = field_named(&items["fields"], "fasce");
        assert_eq!(bands["widget"], "list");
        let per_type = field_named(&items["fields"], "per_tipo_ente");
        assert_eq!(field_named(&per_type["fields"], "comunita-montana")["label"], "Comunità montana");
        let lists = field_named(fields, "listini");
        assert_eq!(field_named(&lists["fields"], "dal")["format"], "YYYY-MM-DD");
        let model = field_named(&items["fields"], "periodicita");
        assert!(model["options"].as_array().unwrap().iter().any(|o| o["value"] == "una-tantum" && o["label"] == "Una tantum"), "{model}");
    }

    fn settings(toml_text: &str) -> CmsSettings {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn the_backend_is_the_repository_of_cms() {
        let github = settings("piattaforma = \"github\"\nrepository = \"cst/sito\"\nserver_accesso = \"https://accesso.example.it/\"");
        let c = config("/", Some(&github));
        assert_eq!(c["backend"], json!({ "name": "github", "repo": "cst/sito", "branch": "main", "base_url": "https://accesso.example.it" }));
        assert_eq!(c["publish_mode"], "editorial_workflow", "pull requests unless said otherwise");
        let gitlab = settings("piattaforma = \"gitlab\"\nrepository = \"cst/sito\"\nramo = \"pubblicato\"\nrevisione = false\napp_id = \"abc\"\nserver_accesso = \"https://git.example.it\"");
        let c = config("/", Some(&gitlab));
        assert_eq!((c["backend"]["auth_type"].as_str(), c["backend"]["app_id"].as_str()), (Some("pkce"), Some("abc")));
        assert_eq!(c["backend"]["api_root"], "https://git.example.it/api/v4");
        assert_eq!(c["backend"]["branch"], "pubblicato");
        assert!(c.get("publish_mode").is_none());
        assert!(shipped(None, true) && shipped(Some(&gitlab), false) && !shipped(None, false));
    }

    #[test]
    fn the_enti_are_one_file() {
        let config = config("", None);
        let enti = collection_named(&config, "enti");
        assert_eq!(enti["files"][0]["file"], "content/dati/enti.toml");
        assert_eq!(enti["files"][0]["format"], "toml");
    }

    /// The forms follow the schema: a key added to a kind appears in its collection.
    #[test]
    fn the_forms_cannot_drift_from_the_schema() {
        for k in kinds() {
            let mut changed = k.schema.clone();
            let props = changed.get_mut("properties").and_then(Value::as_object_mut).unwrap();
            props.insert("nuova_chiave".into(), json!({ "type": "string" }));
            let before = collection(&k).to_string();
            let after = collection(&KindSchema { schema: changed, ..k.clone() }).to_string();
            assert!(!before.contains("nuova_chiave") && after.contains("\"nuova_chiave\""), "{}", k.name);
        }
    }

    #[test]
    fn the_page_loads_no_inline_script() {
        let files = files("CST <Demo>", "/", None);
        let html = String::from_utf8(files[0].bytes.clone()).unwrap();
        assert!(html.contains("<script src=\"decap-cms.js\"></script>") && !html.contains("<script>"));
        assert!(html.contains("CST &lt;Demo&gt;"));
        let _: Value = serde_json::from_slice(&files[1].bytes).unwrap();
    }
}
