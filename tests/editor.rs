//! The editor's tool: it speaks Italian (English on request), says the root cause first and
//! once, gives hints that help, and makes new files that pass `check` as written.

mod common;
use std::process::Command;

use common::{list, Site};

const SERVICE: &str = "content/servizi/primo-servizio.md";

fn vetrina(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vetrina"));
    cmd.args(args).env_remove("VETRINA_LINGUA");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run vetrina");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout))
}

#[test]
fn nuovo_makes_a_file_of_every_kind_that_builds() {
    let site = Site::new();
    let root = site.root();
    let root = root.to_str().unwrap();
    for kind in ["servizio", "tariffa", "modulo", "convenzione", "notizia", "pagina"] {
        let slug = format!("nuovo-{kind}");
        let (ok, out) = vetrina(&["nuovo", kind, &slug, "--root", root], &[]);
        assert!(ok, "{kind}: {out}");
        assert!(out.contains("Creato"), "{out}");
    }
    let errors = site.check();
    assert!(errors.is_empty(), "the new files do not pass check:\n{}", list(&errors));
    let built = site.build().unwrap_or_else(|e| panic!("{}", list(&e)));
    assert!(built.content_warnings.is_empty(), "the new files give warnings:\n{}", list(&built.content_warnings));
    assert!(site.root().join("output/servizi/nuovo-servizio/index.html").is_file());
    assert!(site.root().join("output/nuovo-pagina/index.html").is_file());
}

#[test]
fn nuovo_never_overwrites_and_explains_bad_input() {
    let site = Site::new();
    let root = site.root();
    let root = root.to_str().unwrap();
    let before = site.read(SERVICE);
    let (ok, out) = vetrina(&["nuovo", "servizio", "primo-servizio", "--root", root], &[]);
    assert!(!ok && out.contains("esiste già"), "{out}");
    assert_eq!(site.read(SERVICE), before);
    let (ok, out) = vetrina(&["nuovo", "servizi", "x", "--root", root], &[]);
    assert!(!ok && out.contains("servizio, tariffa"), "{out}");
    let (ok, out) = vetrina(&["nuovo", "pagina", "Chi Siamo", "--root", root], &[]);
    assert!(!ok && out.contains("lettere minuscole"), "{out}");
}

#[test]
fn italian_by_default_english_on_request() {
    let site = Site::new();
    site.edit(SERVICE, "stato = \"attivo\"", "stato = \"attiv\"");
    let root = site.root();
    let root = root.to_str().unwrap();
    let (ok, it) = vetrina(&["check", "--root", root], &[]);
    assert!(!ok);
    assert!(it.contains(": errore: \"attiv\" non è un valore ammesso") && it.contains("1 errore trovato"), "{it}");
    let (_, en) = vetrina(&["check", "--root", root, "--lingua", "en"], &[]);
    assert!(en.contains(": error: \"attiv\" is not an allowed value") && en.contains("1 error found"), "{en}");
    let (_, env) = vetrina(&["check", "--root", root], &[("VETRINA_LINGUA", "en")]);
    assert!(env.contains("1 error found"), "{env}");
    let (_, help) = vetrina(&["build", "--help"], &[]);
    assert!(help.contains("Crea il sito") && help.contains("Opzioni") && help.contains("Mostra questo aiuto"), "{help}");
    let (_, help) = vetrina(&["--lingua", "en", "build", "--help"], &[]);
    assert!(help.contains("Build the site") && help.contains("Print help"), "{help}");
}

#[test]
fn a_missing_theme_install_is_one_error_naming_the_command() {
    let site = Site::new();
    std::fs::remove_file(site.root().join("themes/agid/node_modules")).unwrap();
    let errors = site.check();
    assert!(!errors.is_empty() && errors.len() <= 3, "{}", list(&errors));
    assert!(errors.iter().any(|e| e.to_string().contains("npm ci --prefix themes/agid")), "{}", list(&errors));
    assert!(!errors.iter().any(|e| e.message.contains("/assets/")), "follow-on broken links:\n{}", list(&errors));
}

#[test]
fn a_missing_footer_page_is_one_error_on_the_settings() {
    let site = Site::new();
    std::fs::remove_file(site.root().join("content/pagine/faq.md")).unwrap();
    let errors = site.check();
    assert_eq!(errors.len(), 1, "{}", list(&errors));
    assert!(errors[0].path.ends_with("vetrina.toml") && errors[0].line_col().is_some(), "{}", list(&errors));
}

#[test]
fn a_base_url_with_a_query_is_an_error_on_the_settings() {
    let site = Site::new();
    let config = site.read("vetrina.toml");
    let line = config.lines().find(|l| l.starts_with("base_url")).unwrap().to_string();
    site.edit("vetrina.toml", &line, "base_url = \"https://cst.example.it/?anteprima=1\"");
    let errors = site.check();
    assert_eq!(errors.len(), 1, "{}", list(&errors));
    assert!(errors[0].path.ends_with("vetrina.toml") && errors[0].message.contains("base_url"), "{}", list(&errors));
}

#[test]
fn a_typo_in_a_file_is_reported_without_the_broken_links_it_causes() {
    let site = Site::new();
    // The news links to the service; the service has an error, so its page is not made.
    let news = "content/notizie/benvenuti.md";
    site.write(news, &(site.read(news) + "\nVedete il [primo servizio](/servizi/primo-servizio/).\n"));
    site.edit(SERVICE, "livello = \"base\"", "livello = \"bse\"");
    let errors = site.check();
    assert_eq!(errors.len(), 1, "{}", list(&errors));
    assert!(errors[0].path.ends_with("primo-servizio.md"), "{}", list(&errors));
}

#[test]
fn every_key_error_of_a_file_in_one_run_with_hints() {
    let site = Site::new();
    let tariff = "content/tariffe/primo-servizio.md";
    site.edit(tariff, "periodicita = \"annuale\"", "periodicita = \"mese\"");
    site.edit(tariff, "base = \"abitanti\"", "base = \"utente\"");
    let errors = site.check();
    let in_tariff: Vec<_> = errors.iter().filter(|e| e.path.ends_with("tariffe/primo-servizio.md")).collect();
    assert_eq!(in_tariff.len(), 2, "{}", list(&errors));
    assert!(in_tariff.iter().any(|e| e.help.as_deref().unwrap_or("").contains("\"mensile\"")), "{}", list(&errors));
    assert!(in_tariff.iter().any(|e| e.help.as_deref().unwrap_or("").contains("\"utenti\"")), "{}", list(&errors));
}

#[test]
fn a_table_above_plain_keys_says_to_move_it() {
    let site = Site::new();
    let text = site.read(SERVICE);
    let contacts = "[contatti]\nufficio = \"Ufficio del centro servizi\"\nemail = \"cst@example.it\"\n";
    let moved = text.replacen(contacts, "", 1).replacen("stato = \"attivo\"\n", &format!("stato = \"attivo\"\n{contacts}"), 1);
    site.write(SERVICE, &moved);
    let errors = site.check();
    let e = errors.iter().find(|e| e.path.ends_with("primo-servizio.md")).unwrap_or_else(|| panic!("{}", list(&errors)));
    assert!(e.help.as_deref().unwrap_or("").contains("Spostate `[contatti]`"), "{e}");
}

#[test]
fn a_negative_count_says_so() {
    let site = Site::new();
    let enti = site.read("content/dati/enti.toml");
    let line = enti.lines().find(|l| l.trim_start().starts_with("abitanti")).unwrap().to_string();
    site.edit("content/dati/enti.toml", &line, "abitanti = -5");
    let errors = site.check();
    assert!(errors.iter().any(|e| e.message.contains("-5") && e.message.contains("negativo") && e.line_col().is_some()), "{}", list(&errors));
}

#[test]
fn init_writes_a_problem_matcher_for_the_error_lines() {
    let site = Site::new();
    let matcher = site.read(".github/vetrina-problem-matcher.json");
    assert!(matcher.contains("errore|error") && matcher.contains("avviso|warning"), "{matcher}");
    let json: serde_json::Value = serde_json::from_str(&matcher).expect("the matcher is JSON");
    assert_eq!(json["problemMatcher"][1]["severity"], "warning");
    assert!(site.read(".github/workflows/vetrina.yml").contains("::add-matcher::.github/vetrina-problem-matcher.json"));
    assert!(site.root().join("themes/agid/nuovo/servizio.md").is_file(), "init does not ship the templates of `nuovo`");
    assert!(site.read("vetrina.toml").contains("docs/contenuti.md"));
    assert!(site.read("docs/contenuti.md").contains("## 14. Errori"), "init does not ship the guide");
}

#[test]
fn a_footer_page_with_an_error_is_reported_once_in_its_file() {
    let site = Site::new();
    site.edit("content/pagine/faq.md", "titolo = ", "titolo = \"");
    let errors = site.check();
    assert_eq!(errors.len(), 1, "{}", list(&errors));
    assert!(errors[0].path.ends_with("faq.md"), "{}", list(&errors));
}

#[test]
fn a_topic_warning_is_printed_and_the_exit_status_stays_zero() {
    let site = Site::new();
    site.edit(SERVICE, "argomenti = [\"Accesso all'informazione\"]", "argomenti = [\"pagoPA\"]");
    let root = site.root();
    let root = root.to_str().unwrap();
    for command in ["check", "build"] {
        let (ok, out) = vetrina(&[command, "--root", root], &[]);
        assert!(ok, "{command}: {out}");
        assert!(out.contains(&format!("{SERVICE}:8:14: avviso: l'argomento «pagoPA»")), "{command}: {out}");
        assert!(out.contains("1 avviso"), "{command}: {out}");
    }
}

#[test]
fn a_template_edited_after_the_theme_install_is_a_warning_naming_the_command() {
    let site = Site::new();
    let root = site.root();
    let root = root.to_str().unwrap();
    let (ok, out) = vetrina(&["check", "--root", root], &[]);
    assert!(ok && !out.contains("npm run trim"), "{out}");
    site.edit("themes/agid/templates/404.html", "Pagina non trovata", "Pagina non trovata qui");
    let (ok, out) = vetrina(&["build", "--root", root], &[]);
    assert!(ok, "{out}");
    assert!(out.contains("Bootstrap Italia") && out.contains("npm run trim --prefix themes/agid"), "{out}");
}
