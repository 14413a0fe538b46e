//! Every class of bad input gets an error naming the file, line and column, what is
//! wrong and how to fix it. Each test breaks one thing in a valid fixture site.

mod common;
use common::{expect, list, Site};

const SERVICE: &str = "content/servizi/primo-servizio.md";
const TARIFF: &str = "content/tariffe/primo-servizio.md";

#[test]
fn init_writes_the_ci_workflows() {
    let site = Site::new();
    let gh = site.read(".github/workflows/vetrina.yml");
    assert!(gh.contains("vetrina check") && gh.contains("vetrina build") && gh.contains("deploy-pages"), "{gh}");
    let gl = site.read(".gitlab-ci.yml");
    assert!(gl.contains("vetrina check") && gl.contains("vetrina build --output public"), "{gl}");
}

#[test]
fn the_fixture_itself_is_valid() {
    let site = Site::new();
    let errors = site.check();
    assert!(errors.is_empty(), "{}", list(&errors));
}

#[test]
fn invalid_toml() {
    let site = Site::new();
    site.edit(SERVICE, "titolo = \"Primo servizio\"", "titolo = \"Primo servizio");
    let e = expect(&site.check(), &format!("{SERVICE}:2:"));
    assert!(e.message.contains("invalid TOML"), "{e}");
}

#[test]
fn missing_front_matter_delimiter() {
    let site = Site::new();
    let text = site.read(SERVICE).replacen("+++\n", "", 1);
    site.write(SERVICE, &text);
    let e = expect(&site.check(), &format!("{SERVICE}:1:1: error: missing front matter"));
    assert!(e.help.as_ref().unwrap().contains("+++"));

    let site = Site::new();
    let text = site.read(TARIFF).replace("\n+++\n", "\n");
    site.write(TARIFF, &text);
    expect(&site.check(), &format!("{TARIFF}:1:1: error: the front matter is never closed"));
}

#[test]
fn missing_required_key() {
    let site = Site::new();
    site.edit(SERVICE, "sommario = \"Una scheda di esempio da copiare per descrivere un servizio del centro.\"\n", "");
    let e = expect(&site.check(), &format!("{SERVICE}:"));
    assert_eq!(e.message, "missing required key `sommario` in a service");
    assert!(e.line_col().is_some());
}

#[test]
fn unknown_key_with_suggestion() {
    let site = Site::new();
    site.edit(SERVICE, "in_evidenza = true", "in_evidnza = true");
    let e = expect(&site.check(), &format!("{SERVICE}:9:1: error: unknown key `in_evidnza` in a service"));
    assert!(e.help.as_ref().unwrap().contains("did you mean `in_evidenza`"), "{e}");
}

#[test]
fn wrong_type() {
    let site = Site::new();
    site.edit(SERVICE, "in_evidenza = true", "in_evidenza = \"si\"");
    let e = expect(&site.check(), &format!("{SERVICE}:9:15: error: wrong type"));
    assert!(e.help.as_ref().unwrap().contains("quotes"), "{e}");
}

#[test]
fn bad_enum_value_suggests() {
    let site = Site::new();
    site.edit(SERVICE, "livello = \"base\"", "livello = \"intermedia\"");
    let e = expect(&site.check(), &format!("{SERVICE}:5:11: error: \"intermedia\" is not an allowed value"));
    assert!(e.help.as_ref().unwrap().contains("did you mean \"intermedio\""), "{e}");
}

#[test]
fn bad_date() {
    let site = Site::new();
    site.edit("content/notizie/benvenuti.md", "data = 2026-01-15", "data = 2026-02-30");
    let e = expect(&site.check(), "content/notizie/benvenuti.md:3:");
    assert!(e.help.as_ref().unwrap().contains("YYYY-MM-DD"), "{e}");

    let site = Site::new();
    site.edit("content/notizie/benvenuti.md", "data = 2026-01-15", "data = \"15/01/2026\"");
    let e = expect(&site.check(), "content/notizie/benvenuti.md:3:8: error: wrong type");
    assert!(e.help.as_ref().unwrap().contains("YYYY-MM-DD"), "{e}");
}

#[test]
fn float_amount() {
    let site = Site::new();
    site.edit(TARIFF, "importo = \"500.00\"", "importo = 500.5");
    let e = expect(&site.check(), &format!("{TARIFF}:10:25: error: float amount 500.5"));
    assert!(e.help.as_ref().unwrap().contains("quotes"), "{e}");
    assert!(e.message.contains("\"500.5\""), "{e}");
    // The service using the broken tariff is not blamed for it.
    let errors = site.check();
    assert_eq!(errors.len(), 1, "{}", list(&errors));
}

#[test]
fn amount_with_comma() {
    let site = Site::new();
    site.edit(TARIFF, "importo = \"500.00\"", "importo = \"500,00\"");
    let e = expect(&site.check(), &format!("{TARIFF}:10:25:"));
    assert!(e.message.contains("comma"), "{e}");
}

#[test]
fn band_gap_and_overlap() {
    let site = Site::new();
    site.edit(TARIFF, "{ da = 5001,", "{ da = 5002,");
    let e = expect(&site.check(), &format!("{TARIFF}:11:3: error: bands: values from 5001 to 5001 are in no band"));
    assert_eq!(e.help.as_deref(), Some("start this band with `da = 5001`"));

    let site = Site::new();
    site.edit(TARIFF, "{ da = 5001,", "{ da = 4000,");
    let e = expect(&site.check(), &format!("{TARIFF}:11:3: error: bands: the band overlaps the previous one"));
    assert_eq!(e.help.as_deref(), Some("start this band with `da = 5001`"));
}

#[test]
fn unknown_references() {
    let site = Site::new();
    site.edit(SERVICE, "tariffa = \"primo-servizio\"", "tariffa = \"primo-servizo\"");
    let e = expect(&site.check(), &format!("{SERVICE}:10:11: error: unknown tariff \"primo-servizo\""));
    assert!(e.help.as_ref().unwrap().contains("did you mean \"primo-servizio\""), "{e}");

    let site = Site::new();
    site.edit(SERVICE, "tariffa = \"primo-servizio\"", "tariffa = \"primo-servizio\"\nmoduli = [\"richiesta\"]");
    expect(&site.check(), &format!("{SERVICE}:11:11: error: unknown form \"richiesta\""));
}

#[test]
fn unknown_convention_article() {
    let site = Site::new();
    site.write(
        "content/convenzioni/conv.md",
        "+++\ntitolo = \"Convenzione\"\nente_capofila = \"Provincia\"\nvalida_dal = 2024-01-01\natto_approvazione = \"Delibera n. 1\"\nstato = \"vigente\"\n+++\n\n## Art. 1 – Oggetto\n\nTesto.\n\n## Art. 6-bis – Nuovi servizi\n\nTesto.\n",
    );
    site.edit(SERVICE, "tariffa = \"primo-servizio\"", "tariffa = \"primo-servizio\"\nconvenzione = \"conv#art-6bis\"");
    let e = expect(&site.check(), &format!("{SERVICE}:11:15: error: the convention \"conv\" has no article `#art-6bis`"));
    assert!(e.help.as_ref().unwrap().contains("did you mean `#art-6-bis`"), "{e}");

    site.edit(SERVICE, "conv#art-6bis", "conv#art-6-bis");
    assert!(site.check().is_empty(), "{}", list(&site.check()));
}

#[test]
fn broken_link_to_a_page_points_at_the_markdown() {
    let site = Site::new();
    site.edit(SERVICE, "Ai Comuni aderenti al centro servizi.", "Ai Comuni [aderenti](/enti-aderent/) al centro servizi.");
    let e = expect(&site.check(), &format!("{SERVICE}:"));
    assert!(e.message.contains("broken link \"/enti-aderent/\""), "{e}");
    let (line, col) = e.line_col().unwrap();
    assert_eq!(site.read(SERVICE).lines().nth(line - 1).unwrap().chars().skip(col - 1).take(14).collect::<String>(), "/enti-aderent/");

    let site = Site::new();
    site.edit(SERVICE, "Ai Comuni aderenti al centro servizi.", "Vedi [le domande](/faq/#nessuna).");
    let e = expect(&site.check(), &format!("{SERVICE}:"));
    assert!(e.message.contains("has no anchor #nessuna"), "{e}");
}

#[test]
fn duplicate_slug() {
    let site = Site::new();
    let text = site.read(SERVICE);
    site.write("content/servizi/copia.md", &text.replacen("+++\n", "+++\nslug = \"primo-servizio\"\n", 1));
    let errors = site.check();
    let e = errors.iter().find(|e| e.message.contains("duplicate slug \"primo-servizio\"")).unwrap_or_else(|| panic!("{}", list(&errors)));
    assert!(e.help.is_some());
}

#[test]
fn unsafe_slugs() {
    for bad in ["../x", "/etc/passwd", "a/b"] {
        let site = Site::new();
        site.edit(SERVICE, "+++\n", &format!("+++\nslug = \"{bad}\"\n"));
        let e = expect(&site.check(), &format!("{SERVICE}:2:8: error: unsafe slug \"{bad}\""));
        assert!(e.help.as_ref().unwrap().contains("lowercase"), "{e}");
    }
}

#[test]
fn template_with_a_missing_variable() {
    let site = Site::new();
    site.edit("themes/agid/templates/servizio.html", "{{ service.title }}", "{{ service.titolo }}");
    let errors = site.check();
    let e = errors
        .iter()
        .find(|e| e.headline().starts_with("themes/agid/templates/servizio.html:"))
        .unwrap_or_else(|| panic!("{}", list(&errors)));
    assert!(e.message.contains("titolo"), "{e}");
    assert!(e.line_col().is_some());
}

#[test]
fn missing_service_section() {
    let site = Site::new();
    site.edit(SERVICE, "## Cosa serve\n\nElencate qui che cosa deve preparare l'Ente.\n\n", "");
    let e = expect(&site.check(), &format!("{SERVICE}:"));
    assert_eq!(e.message, "missing section \"## Cosa serve\"");

    let site = Site::new();
    site.edit(SERVICE, "## Cosa serve", "## Cosa servee");
    let e = expect(&site.check(), &format!("{SERVICE}:"));
    assert!(e.help.as_ref().unwrap().contains("did you mean \"## Cosa serve\""), "{e}");
}

#[test]
fn check_reports_errors_of_all_files_in_one_run() {
    let site = Site::new();
    site.edit(SERVICE, "in_evidenza = true", "in_evidnza = true");
    site.edit(TARIFF, "importo = \"500.00\"", "importo = 500.5");
    site.edit("content/notizie/benvenuti.md", "data = 2026-01-15", "data = 2026-01-99");
    let errors = site.check();
    let files: std::collections::BTreeSet<String> = errors.iter().map(|e| e.path.display().to_string()).collect();
    assert_eq!(files.len(), 3, "{}", list(&errors));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::new();
    site.build().expect("first build");
    let before = site.read("output/servizi/primo-servizio/index.html");
    site.edit(SERVICE, "titolo = \"Primo servizio\"", "titolo = \"Servizio cambiato\"");
    site.edit(TARIFF, "importo = \"500.00\"", "importo = 500.5");
    assert!(site.build().is_err());
    assert_eq!(site.read("output/servizi/primo-servizio/index.html"), before);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".vetrina"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let site = Site::new();
    site.edit("content/notizie/benvenuti.md", "+++\n", "+++\nbozza = true\n");
    site.build().unwrap();
    assert!(!site.root().join("output/notizie/benvenuti/index.html").exists());
    let mut opts = site.options();
    opts.drafts = true;
    vetrina::pipeline::run(&opts, true, &vetrina::pipeline::Quiet).unwrap();
    assert!(site.root().join("output/notizie/benvenuti/index.html").exists());
}

#[test]
fn a_service_cannot_point_at_a_draft_tariff() {
    let site = Site::new();
    site.edit(TARIFF, "+++\n", "+++\nbozza = true\n");
    let e = expect(&site.check(), &format!("{SERVICE}:10:11: error: the tariff \"primo-servizio\" is not published"));
    assert!(e.help.as_ref().unwrap().contains("--drafts"));
}
