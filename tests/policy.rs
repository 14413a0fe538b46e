//! What content may put in a page, and what the build may read (issue: hardening). Each
//! test is a case that once passed `check` and `build`; now each is a located error with a
//! fix, and nothing of it reaches the output.

mod common;
use common::{list, Site};
use vetrina::diagnostics::Diagnostic;

const NEWS: &str = "content/notizie/benvenuti.md";
const SERVICE: &str = "content/servizi/primo-servizio.md";

fn at<'a>(errors: &'a [Diagnostic], file: &str, line: usize) -> Vec<&'a Diagnostic> {
    errors.iter().filter(|e| e.path.ends_with(file) && e.line_col().map(|p| p.0) == Some(line)).collect()
}

#[test]
fn html_in_headings_is_refused() {
    let site = Site::new();
    let body = "\n## T <script>alert(2)</script>\n\n## U {onclick=alert(1) style=color:red}\n\n### V {.rosso}\n\n## W {#Non-Valida}\n";
    site.write(NEWS, &(site.read(NEWS) + body));
    let errors = site.check();
    let news_line = site.read(NEWS).lines().position(|l| l.starts_with("## T")).unwrap() + 1;
    assert!(!at(&errors, NEWS, news_line).is_empty(), "script in a heading: {}", list(&errors));
    let attrs = at(&errors, NEWS, news_line + 2);
    assert!(attrs.iter().any(|e| e.message.contains("onclick=alert(1)")), "{}", list(&errors));
    assert!(at(&errors, NEWS, news_line + 4).iter().any(|e| e.message.contains(".rosso")), "{}", list(&errors));
    assert!(at(&errors, NEWS, news_line + 6).iter().any(|e| e.message.contains("#Non-Valida")), "{}", list(&errors));
    assert!(errors.iter().all(|e| e.help.is_some()), "{}", list(&errors));
    assert!(site.build().is_err(), "build must refuse what check refuses");
}

#[test]
fn a_valid_heading_anchor_is_kept() {
    let site = Site::new();
    site.write(NEWS, &(site.read(NEWS) + "\n## Quote annuali {#quote}\n\nTesto.\n"));
    site.build().unwrap_or_else(|e| panic!("{}", list(&e)));
    let html = std::fs::read_to_string(site.root().join("output/notizie/benvenuti/index.html")).unwrap();
    assert!(html.contains("id=quote") || html.contains("id=\"quote\""), "{html}");
}

#[test]
fn unsafe_urls_in_markdown_are_refused() {
    let site = Site::new();
    let links = "\n[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) ![i](data:image/png;base64,AAAA) [z](//evil.example) <vbscript:x>\n\n[ok](https://www.agid.gov.it/) [m](mailto:cst@example.it) [t](tel:+390612345)\n";
    site.write(NEWS, &(site.read(NEWS) + links));
    let errors = site.check();
    let line = site.read(NEWS).lines().position(|l| l.starts_with("[x]")).unwrap() + 1;
    let found = at(&errors, NEWS, line);
    assert_eq!(found.len(), 5, "{}", list(&errors));
    for scheme in ["javascript:", "data:", "//", "vbscript:"] {
        assert!(found.iter().any(|e| e.message.contains(scheme)), "{scheme}: {}", list(&errors));
    }
    assert!(at(&errors, NEWS, line + 2).is_empty(), "allowed schemes refused: {}", list(&errors));
}

#[test]
fn unsafe_urls_in_settings_are_refused() {
    let site = Site::new();
    let config = site.read("vetrina.toml");
    let config = config.replacen("[ente_capofila]", "[ente_capofila]\nsito = \"javascript:alert(1)\"", 1);
    let config = config + "\n[[social]]\nnome = \"X\"\nurl = \"data:text/html,x\"\nicona = \"it-x\"\n";
    site.write("vetrina.toml", &config);
    let errors = site.check();
    assert!(errors.iter().any(|e| e.path.ends_with("vetrina.toml") && e.message.contains("ente_capofila.sito")), "{}", list(&errors));
    assert!(errors.iter().any(|e| e.path.ends_with("vetrina.toml") && e.message.contains("social[1].url")), "{}", list(&errors));
    assert!(errors.iter().all(|e| e.line_col().is_some()), "{}", list(&errors));
}

#[test]
fn a_theme_name_cannot_leave_themes() {
    let site = Site::new();
    site.write("vetrina.toml", &site.read("vetrina.toml").replacen("nome = ", "tema = \"../../../../tmp\"\nnome = ", 1));
    let errors = site.check();
    let e = errors.iter().find(|e| e.message.contains("`tema`")).unwrap_or_else(|| panic!("{}", list(&errors)));
    let line = site.read("vetrina.toml").lines().position(|l| l.starts_with("tema =")).unwrap() + 1;
    assert_eq!(e.line_col().map(|p| p.0), Some(line), "{e}");
}

#[test]
fn symlinks_in_content_are_refused_and_never_read() {
    let site = Site::new();
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), "+++\ntitolo = \"SEGRETO-FUORI-DAL-SITO\"\ndescrizione = \"x\"\n+++\n").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/pagine/fuori.md")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", site.root().join("content/pagine/env.md")).unwrap();
    let notizie = site.root().join("content/notizie");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::rename(&notizie, elsewhere.path().join("notizie")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("notizie"), &notizie).unwrap();
    let errors = site.check();
    for name in ["fuori.md", "env.md", "notizie"] {
        assert!(errors.iter().any(|e| e.path.ends_with(name) && e.help.is_some()), "{name}: {}", list(&errors));
    }
    let all: String = errors.iter().map(|e| e.render(false)).collect();
    assert!(!all.contains("SEGRETO") && !all.contains("PATH="), "printed a file from outside the site: {all}");
}

#[test]
fn load_errors_join_the_others() {
    let site = Site::new();
    site.write("content/servizi/appunti.txt", "note");
    site.write("content/pagine/latin1.md", "");
    std::fs::write(site.root().join("content/pagine/latin1.md"), b"+++\ntitolo = \"caff\xe8\"\n+++\n").unwrap();
    site.edit(SERVICE, "stato = \"attivo\"", "stato = \"attiv\"");
    let errors = site.check();
    assert!(errors.iter().any(|e| e.path.ends_with("appunti.txt")), "{}", list(&errors));
    assert!(errors.iter().any(|e| e.path.ends_with("latin1.md")), "{}", list(&errors));
    assert!(errors.iter().any(|e| e.path.ends_with("primo-servizio.md")), "the content error was not reported: {}", list(&errors));
}

#[test]
fn a_file_too_large_is_refused_without_reading_it() {
    let site = Site::new();
    let big = format!("+++\ntitolo = \"P\"\ndescrizione = \"d\"\n+++\n{}", "parola ".repeat(200_000));
    site.write("content/pagine/grande.md", &big);
    let errors = site.check();
    let e = errors.iter().find(|e| e.path.ends_with("grande.md")).unwrap_or_else(|| panic!("{}", list(&errors)));
    assert!(e.message.contains("KB"), "{e}");
}

#[test]
fn an_online_channel_must_be_a_web_address() {
    for (url, said) in [("//evil.example", "//"), ("javascript:alert(1)", "javascript:")] {
        let site = Site::new();
        let access = format!("accesso_online = {{ url = \"{url}\", etichetta = \"Accedi\" }}\n[contatti]");
        site.edit(SERVICE, "[contatti]", &access);
        let errors = site.check();
        let e = errors.iter().find(|e| e.message.contains("accesso_online.url")).unwrap_or_else(|| panic!("{url}: {}", list(&errors)));
        assert!(e.message.contains(said) && e.line_col().is_some(), "{e}");
    }
}
