//! Incremental rebuilds (the dev server's session, with its cache) give byte for byte what a
//! clean build gives, after edits, additions, renames and deletions.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use vetrina::pipeline::{self, Quiet};
use vetrina::serve::Session;

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().to_string(), fs::read(e.path()).unwrap()))
        .collect()
}

fn assert_same(incremental: &Path, clean: &Path, step: &str) {
    let (a, b) = (tree(incremental), tree(clean));
    let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(only_a.is_empty() && only_b.is_empty(), "{step}: only incremental {only_a:?}, only clean {only_b:?}");
    let differ: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(differ.is_empty(), "{step}: files differ: {differ:?}");
}

#[test]
fn incremental_output_equals_a_clean_build() {
    let site = common::Site::new();
    let root = site.root();
    let out = site.dir.path().join("incremental");
    let mut options = site.options();
    options.output = Some(out.clone());
    let mut session = Session::new(options.clone());
    session.build().unwrap();

    let clean = |step: &str| {
        let dir = site.dir.path().join(format!("clean-{step}"));
        let mut o = options.clone();
        o.output = Some(dir.clone());
        pipeline::run(&o, true, &Quiet).unwrap_or_else(|e| panic!("{}", common::list(&e)));
        dir
    };

    // Edit a service and its tariff.
    site.edit("content/servizi/primo-servizio.md", "titolo = \"Primo servizio\"", "titolo = \"Servizio modificato\"");
    site.edit("content/tariffe/primo-servizio.md", "importo = \"900.00\"", "importo = \"950.00\"");
    session.build().unwrap();
    assert_same(&out, &clean("edit"), "edit");

    // Add a service.
    let text = site.read("content/servizi/primo-servizio.md").replace("Servizio modificato", "Secondo servizio");
    site.write("content/servizi/secondo-servizio.md", &text);
    session.build().unwrap();
    assert_same(&out, &clean("add"), "add");

    // Rename a page (its URL changes) and delete a news item.
    fs::rename(root.join("content/pagine/enti-aderenti.md"), root.join("content/pagine/aderenti.md")).unwrap();
    fs::remove_file(root.join("content/notizie/benvenuti.md")).unwrap();
    session.build().unwrap();
    assert_same(&out, &clean("rename-delete"), "rename and delete");
    assert!(!out.join("enti-aderenti/index.html").exists());

    // Change a template.
    site.edit("themes/agid/templates/404.html", "Pagina non trovata", "Pagina inesistente");
    session.build().unwrap();
    assert_same(&out, &clean("template"), "template");
}
