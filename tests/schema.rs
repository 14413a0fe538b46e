//! The exported content schema agrees with what `check` accepts: every example file (all
//! pass `check`) fits its kind's schema, key by key, and a file with a wrong key, value or
//! type does not; the build publishes the same schemas under `schemi/`.

mod common;

use serde_json::Value;
use vetrina::schema::{kinds, Place};

/// What in `value` does not fit `schema` (`root` holds the `$defs`), as readable lines.
fn misfits(value: &toml::Value, schema: &Value, root: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return misfits(value, &root["$defs"][name], root, at, out);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            let fits = branches.iter().any(|b| {
                let mut o = Vec::new();
                misfits(value, b, root, at, &mut o);
                o.is_empty()
            });
            if !fits {
                out.push(format!("{at}: fits no branch of {key}"));
            }
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.iter().any(|a| Some(a.as_str().unwrap_or("")) == value.as_str()) {
            out.push(format!("{at}: {value} not in {allowed:?}"));
        }
        return;
    }
    if let Some(c) = schema.get("const") {
        if c.as_str() != value.as_str() {
            out.push(format!("{at}: {value} is not {c}"));
        }
        return;
    }
    match (schema.get("type").and_then(Value::as_str), value) {
        (Some("object"), toml::Value::Table(t)) => table(t, schema, root, at, out),
        (Some("array"), toml::Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                misfits(item, &schema["items"], root, &format!("{at}[{i}]"), out);
            }
        }
        (Some("string"), toml::Value::Datetime(_)) if schema["format"] == "date" => {}
        (Some("string"), toml::Value::String(s)) => {
            if schema.get("pattern").is_some() && !s.trim().bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                out.push(format!("{at}: {s:?} does not match the pattern"));
            }
        }
        (Some("integer"), toml::Value::Integer(_)) | (Some("boolean"), toml::Value::Boolean(_)) => {}
        (t, v) => out.push(format!("{at}: {v} is not of type {t:?}")),
    }
}

fn table(t: &toml::Table, schema: &Value, root: &Value, at: &str, out: &mut Vec<String>) {
    let props = schema.get("properties").and_then(Value::as_object);
    for (k, v) in t {
        let here = format!("{at}.{k}");
        match (props.and_then(|p| p.get(k)), schema.get("additionalProperties")) {
            (Some(s), _) => misfits(v, s, root, &here, out),
            (None, Some(extra)) if extra.is_object() => misfits(v, extra, root, &here, out),
            _ => out.push(format!("{here}: key not in the schema")),
        }
    }
    for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
        if !t.contains_key(required.as_str().unwrap_or("")) {
            out.push(format!("{at}: missing {required}"));
        }
    }
}

fn front_matter(text: &str) -> toml::Table {
    let rest = text.strip_prefix("+++\n").expect("front matter");
    let end = rest.find("\n+++").expect("closed");
    rest[..end].parse().expect("TOML")
}

fn example_files() -> Vec<(String, toml::Table, Value)> {
    let content = common::repo().join("content");
    let mut found = Vec::new();
    for k in kinds() {
        let schema = k.schema.to_value();
        match k.place {
            Place::Folder(kind) => {
                for e in std::fs::read_dir(content.join(kind.folder())).unwrap() {
                    let path = e.unwrap().path();
                    found.push((path.display().to_string(), front_matter(&std::fs::read_to_string(&path).unwrap()), schema.clone()));
                }
            }
            Place::File(rel) => found.push((rel.to_string(), std::fs::read_to_string(content.join(rel)).unwrap().parse().unwrap(), schema.clone())),
        }
    }
    found
}

#[test]
fn every_example_file_fits_its_schema() {
    let files = example_files();
    assert!(files.len() > 40, "{}", files.len());
    let mut out = Vec::new();
    for (path, value, schema) in &files {
        misfits(&toml::Value::Table(value.clone()), schema, schema, path, &mut out);
    }
    assert!(out.is_empty(), "{}", out.join("\n"));
}

#[test]
fn what_check_refuses_the_schema_refuses() {
    let files = example_files();
    let (path, service, schema) = files.iter().find(|(p, ..)| p.ends_with("servizi/rao-pubblico.md")).unwrap();
    let refused = |edit: &dyn Fn(&mut toml::Table)| {
        let mut v = service.clone();
        edit(&mut v);
        let mut out = Vec::new();
        misfits(&toml::Value::Table(v), schema, schema, path, &mut out);
        out
    };
    assert!(refused(&|_| {}).is_empty());
    assert!(refused(&|v| drop(v.insert("titoloo".into(), "x".into())))[0].contains("titoloo"));
    assert!(refused(&|v| drop(v.insert("livello".into(), "altissimo".into())))[0].contains("livello"));
    assert!(refused(&|v| drop(v.remove("titolo")))[0].contains("missing \"titolo\""));
    assert!(refused(&|v| drop(v.insert("in_evidenza".into(), "sì".into())))[0].contains("in_evidenza"));
    let tariff = files.iter().find(|(p, ..)| p.contains("tariffe/")).unwrap();
    let mut v = tariff.1.clone();
    v.insert("iva".into(), toml::Value::Float(22.0));
    let mut out = Vec::new();
    misfits(&toml::Value::Table(v), &tariff.2, &tariff.2, &tariff.0, &mut out);
    assert!(out.iter().any(|o| o.contains(".iva")), "a float amount is refused: {out:?}");
}

#[test]
fn the_build_publishes_the_schemas() {
    let (out, _) = common::build_example_under_subpath();
    for k in kinds() {
        let text = std::fs::read_to_string(out.join(format!("schemi/{}.json", k.name))).unwrap();
        let published: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(published["properties"], k.schema.to_value()["properties"], "{}", k.name);
        assert!(published["$id"].as_str().unwrap().ends_with(&format!("/schemi/{}.json", k.name)));
    }
}
