//! Incremental rebuilds (the dev server's session, and `vetrina build` reusing the last
//! output) give byte for byte what a clean build gives, after edits, additions, renames,
//! deletions and template changes.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use vetrina::build::{self, Quiet};
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

/// Edits, additions, a rename, a deletion and a template change, each followed by
/// `rebuild` into `out` and a comparison with a clean build. `with_manifest`: whether the
/// incremental output has the build manifest (a serve session's has not).
/// The `vetrina init` site, plus a form the service lists (so it has documents to reuse).
fn site_with_a_form() -> common::Site {
    let site = common::Site::new();
    site.write("content/moduli/richiesta-servizio.md", include_str!("../content/moduli/richiesta-servizio.md"));
    site.edit("content/servizi/primo-servizio.md", "titolo = \"Primo servizio\"", "titolo = \"Primo servizio\"\nmoduli = [\"richiesta-servizio\"]");
    site
}

/// A clean build of the site as it is now into `clean-<name>`.
fn clean_build(site: &common::Site, name: &str, with_manifest: bool) -> PathBuf {
    let dir = site.dir.path().join(format!("clean-{name}"));
    let mut options = site.options();
    options.fresh = true;
    options.output = Some(dir.clone());
    build::run(&options, vetrina::build::Mode::Build, &Quiet).unwrap_or_else(|e| panic!("{}", common::list(&e)));
    if !with_manifest {
        fs::remove_file(dir.join(vetrina::output::MANIFEST)).unwrap();
    }
    dir
}

/// The fixture site, and options that build it into `<name>`.
fn fixture(name: &str) -> (common::Site, PathBuf, build::Options) {
    let site = site_with_a_form();
    let out = site.dir.path().join(name);
    let mut options = site.options();
    options.output = Some(out.clone());
    (site, out, options)
}

fn edit_and_compare(site: &common::Site, out: &Path, with_manifest: bool, mut rebuild: impl FnMut()) {
    let root = site.root();
    let clean = |step: &str| clean_build(site, &format!("{}-{step}", out.file_name().unwrap().to_string_lossy()), with_manifest);

    // Edit a service and its tariff.
    site.edit("content/servizi/primo-servizio.md", "titolo = \"Primo servizio\"", "titolo = \"Servizio modificato\"");
    site.edit("content/tariffe/primo-servizio.md", "importo = \"900.00\"", "importo = \"950.00\"");
    rebuild();
    assert_same(out, &clean("edit"), "edit");

    // Add a service.
    let text = site.read("content/servizi/primo-servizio.md").replace("Servizio modificato", "Secondo servizio");
    site.write("content/servizi/secondo-servizio.md", &text);
    rebuild();
    assert_same(out, &clean("add"), "add");

    // Rename a page (its URL changes) and delete a news item.
    fs::rename(root.join("content/pagine/enti-aderenti.md"), root.join("content/pagine/aderenti.md")).unwrap();
    fs::remove_file(root.join("content/notizie/benvenuti.md")).unwrap();
    rebuild();
    assert_same(out, &clean("rename-delete"), "rename and delete");
    assert!(!out.join("enti-aderenti/index.html").exists());

    // Change a template.
    site.edit("themes/agid/templates/404.html", "Pagina non trovata", "Pagina inesistente");
    rebuild();
    assert_same(out, &clean("template"), "template");

    // Change what every page shows: a partial, then the settings.
    site.edit("themes/agid/templates/base.html", "</body>", "<!-- piè di pagina rivisto --></body>");
    rebuild();
    assert_same(out, &clean("shared-template"), "a template every page extends");
    site.edit("vetrina.toml", "nome = \"Centro Servizi Territoriale\"", "nome = \"Centro Servizi del Territorio\"");
    rebuild();
    assert_same(out, &clean("settings"), "settings");

    // Nothing changed: the same again.
    rebuild();
    assert_same(out, &clean("nothing"), "no change");
}

#[test]
fn serve_rebuilds_equal_a_clean_build() {
    let (site, out, options) = fixture("serve");
    let mut session = Session::new(options);
    session.build().unwrap();
    edit_and_compare(&site, &out, false, || {
        session.build().unwrap();
    });

    // A rebuild that fails after making pages and documents (a broken link) writes nothing;
    // once fixed, nothing it made is taken for what the output holds.
    site.edit("content/servizi/primo-servizio.md", "titolo = \"Servizio modificato\"", "titolo = \"Nome nuovo\"");
    let body = site.read("content/servizi/primo-servizio.md");
    site.write("content/servizi/primo-servizio.md", &format!("{body}\n[Rotto](/servizi/inesistente/)\n"));
    assert!(session.build().is_err());
    site.write("content/servizi/primo-servizio.md", &body);
    session.build().unwrap();
    assert_same(&out, &clean_build(&site, "after-error", false), "after a failed rebuild");
}

/// A serve rebuild renders only the pages whose variables, site values or templates changed:
/// the edited service's page and what lists it, not the whole site.
#[test]
fn a_serve_rebuild_renders_only_the_pages_an_edit_touches() {
    let (site, out, options) = fixture("serve-touched");
    let mut session = Session::new(options);
    let first = session.build().unwrap();
    assert_eq!(first.rendered, first.pages, "the first build renders every page");
    let again = session.build().unwrap();
    assert_eq!(again.rendered, 0, "nothing changed, nothing rendered");

    // Text only on the service's own page.
    site.edit("content/servizi/primo-servizio.md", "## Descrizione\n", "## Descrizione\n\nUna frase nuova.\n");
    let edited = session.build().unwrap();
    assert_eq!(edited.rendered, 1, "only the service's page shows its description");
    assert!(fs::read_to_string(out.join("servizi/primo-servizio/index.html")).unwrap().contains("Una frase nuova."));

    // The title is on its page, in the lists, on the home page and in the calculator.
    site.edit("content/servizi/primo-servizio.md", "titolo = \"Primo servizio\"", "titolo = \"Servizio rinominato\"");
    let renamed = session.build().unwrap();
    assert!(renamed.rendered > 1 && renamed.rendered < renamed.pages, "{} of {} pages rendered", renamed.rendered, renamed.pages);
    assert_same(&out, &clean_build(&site, "touched-renamed", false), "after the rename");

    // A template every page extends.
    site.edit("themes/agid/templates/base.html", "</body>", "<!-- rivisto --></body>");
    let template = session.build().unwrap();
    assert_eq!(template.rendered, template.pages, "every page extends base.html");
}

#[test]
fn builds_that_reuse_the_last_output_equal_a_clean_build() {
    let (site, out, options) = fixture("build");
    let build = || {
        build::run(&options, vetrina::build::Mode::Build, &Quiet).unwrap_or_else(|e| panic!("{}", common::list(&e)));
    };
    build();
    assert!(out.join(vetrina::output::MANIFEST).is_file());
    edit_and_compare(&site, &out, true, build);
}

#[test]
fn a_build_reuses_unchanged_files_and_remakes_changed_ones() {
    let (site, out, mut options) = fixture("build");
    build::run(&options, vetrina::build::Mode::Build, &Quiet).unwrap_or_else(|e| panic!("{}", common::list(&e)));
    // A reused document is the same file as before (hard-linked), a remade one is not.
    let inode = |p: &str| std::os::unix::fs::MetadataExt::ino(&fs::metadata(out.join(p)).unwrap());
    let generic = "moduli/richiesta-servizio/richiesta-servizio.pdf";
    let for_service = "moduli/richiesta-servizio/richiesta-servizio-primo-servizio.pdf";
    let before = inode(generic);
    let service_before = inode(for_service);
    // The service's name is in its copy of the form, not in the generic one.
    site.edit("content/servizi/primo-servizio.md", "titolo = \"Primo servizio\"", "titolo = \"Servizio rinominato\"");
    let edited = build::run(&options, vetrina::build::Mode::Build, &Quiet).unwrap();
    assert!(edited.rendered > 0 && edited.rendered < edited.pages, "{} of {} pages rendered", edited.rendered, edited.pages);
    assert_eq!(inode(generic), before, "an unchanged document is reused");
    assert_ne!(inode(for_service), service_before, "a changed document is made again");
    options.fresh = true;
    let fresh = build::run(&options, vetrina::build::Mode::Build, &Quiet).unwrap();
    assert_ne!(inode(generic), before, "--fresh makes it again");
    assert_eq!(fresh.rendered, fresh.pages, "--fresh renders every page");
}

/// A `vetrina build` whose inputs are those of the output it would replace leaves the output
/// as it is and reports what the last build reported; any change to what the site is made
/// from (content, a template edited in place, a static file, the settings, a file missing
/// from the output, the date, another base URL) makes it build again, equal to a clean build.
#[test]
fn a_build_with_nothing_changed_leaves_the_output_and_any_change_builds_again() {
    let (site, out, options) = fixture("same");
    site.edit("content/servizi/primo-servizio.md", "argomenti = [\"Accesso all'informazione\"]", "argomenti = [\"pagamenti elettronici\"]");
    let build = |options: &build::Options| build::run(options, vetrina::build::Mode::Build, &Quiet).unwrap_or_else(|e| panic!("{}", common::list(&e)));
    let first = build(&options);
    assert!(!first.unchanged);
    let inode = |p: &str| std::os::unix::fs::MetadataExt::ino(&fs::metadata(out.join(p)).unwrap());
    let home = inode("index.html");
    let again = build(&options);
    assert!(again.unchanged, "nothing changed");
    assert_eq!(inode("index.html"), home, "the output is left as it was");
    assert_eq!((again.pages, again.documents, again.assets, again.services), (first.pages, first.documents, first.assets, first.services));
    let shown = |s: &build::Summary| s.content_warnings.iter().map(|d| d.render(false)).collect::<Vec<_>>();
    assert_eq!(shown(&again), shown(&first), "the same warnings, at the same place");
    assert!(shown(&again)[0].starts_with("content/servizi/primo-servizio.md:9:14: avviso:"), "{:?}", shown(&again));

    let template = "themes/agid/templates/404.html";
    let changes: [(&str, &dyn Fn()); 5] = [
        ("a service", &|| {
            site.edit("content/servizi/primo-servizio.md", "titolo = \"Primo servizio\"", "titolo = \"Primo servizio!\"");
        }),
        ("a template, same length", &|| {
            site.edit(template, "Pagina non trovata", "Pagina non Trovata");
        }),
        ("a static file", &|| {
            site.write("static/immagini/nota.txt", "nota");
        }),
        ("vetrina.toml", &|| {
            site.edit("vetrina.toml", "base_url = \"https://cst.example.it/\"", "base_url = \"https://cst.example.org/\"");
        }),
        ("a file removed from the output", &|| fs::remove_file(out.join("index.html")).unwrap()),
    ];
    for (step, (what, change)) in changes.iter().enumerate() {
        change();
        assert!(!build(&options).unchanged, "{what}: built again");
        assert_same(&out, &clean_build(&site, &format!("same-{step}"), true), what);
        assert!(build(&options).unchanged, "{what}: and then nothing changed");
    }
    let mut later = options.clone();
    later.today = Some(jiff::civil::date(2031, 1, 1));
    assert!(!build(&later).unchanged, "another date");
    let mut elsewhere = later.clone();
    elsewhere.base_url = Some("https://anteprima.example.it/".into());
    assert!(!build(&elsewhere).unchanged, "another base URL");
}
