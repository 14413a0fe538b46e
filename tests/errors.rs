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
    assert!(e.message.contains("TOML non valido"), "{e}");
}

#[test]
fn missing_front_matter_delimiter() {
    let site = Site::new();
    let text = site.read(SERVICE).replacen("+++\n", "", 1);
    site.write(SERVICE, &text);
    let e = expect(&site.check(), &format!("{SERVICE}:1:1: errore: manca l'intestazione"));
    assert!(e.help.as_ref().unwrap().contains("+++"));

    let site = Site::new();
    let text = site.read(TARIFF).replace("\n+++\n", "\n");
    site.write(TARIFF, &text);
    expect(&site.check(), &format!("{TARIFF}:1:1: errore: l'intestazione non è mai chiusa"));
}

#[test]
fn missing_required_key() {
    let site = Site::new();
    site.edit(SERVICE, "sommario = \"Una scheda di esempio da copiare per descrivere un servizio del centro.\"\n", "");
    let e = expect(&site.check(), &format!("{SERVICE}:"));
    assert_eq!(e.message, "manca la chiave obbligatoria `sommario` in un servizio");
    assert!(e.line_col().is_some());
}

#[test]
fn unknown_key_with_suggestion() {
    let site = Site::new();
    site.edit(SERVICE, "in_evidenza = true", "in_evidnza = true");
    let e = expect(&site.check(), &format!("{SERVICE}:9:1: errore: chiave sconosciuta `in_evidnza` in un servizio"));
    assert!(e.help.as_ref().unwrap().contains("forse intendevate `in_evidenza`"), "{e}");
}

#[test]
fn wrong_type() {
    let site = Site::new();
    site.edit(SERVICE, "in_evidenza = true", "in_evidenza = \"si\"");
    let e = expect(&site.check(), &format!("{SERVICE}:9:15: errore: tipo sbagliato"));
    assert!(e.help.as_ref().unwrap().contains("virgolette"), "{e}");
}

#[test]
fn bad_enum_value_suggests() {
    let site = Site::new();
    site.edit(SERVICE, "livello = \"base\"", "livello = \"intermedia\"");
    let e = expect(&site.check(), &format!("{SERVICE}:5:11: errore: \"intermedia\" non è un valore ammesso"));
    assert!(e.help.as_ref().unwrap().contains("forse intendevate \"intermedio\""), "{e}");
}

#[test]
fn bad_date() {
    let site = Site::new();
    site.edit("content/notizie/benvenuti.md", "data = 2026-01-15", "data = 2026-02-30");
    let e = expect(&site.check(), "content/notizie/benvenuti.md:3:");
    assert!(e.help.as_ref().unwrap().contains("AAAA-MM-GG"), "{e}");

    let site = Site::new();
    site.edit("content/notizie/benvenuti.md", "data = 2026-01-15", "data = \"15/01/2026\"");
    let e = expect(&site.check(), "content/notizie/benvenuti.md:3:8: errore: data non valida: \"15/01/2026\"");
    assert!(e.help.as_ref().unwrap().contains("AAAA-MM-GG"), "{e}");

    // In quotes, as the browser interface writes it, a real date is a date.
    let site = Site::new();
    site.edit("content/notizie/benvenuti.md", "data = 2026-01-15", "data = \"2026-01-15\"");
    let errors = site.check();
    assert!(errors.is_empty(), "{}", list(&errors));
}

#[test]
fn float_amount() {
    let site = Site::new();
    site.edit(TARIFF, "importo = \"500.00\"", "importo = 500.5");
    let e = expect(&site.check(), &format!("{TARIFF}:10:25: errore: importo 500.5 scritto come numero decimale"));
    assert!(e.help.as_ref().unwrap().contains("tra virgolette"), "{e}");
    // The service using the broken tariff is not blamed for it.
    let errors = site.check();
    assert_eq!(errors.len(), 1, "{}", list(&errors));
}

#[test]
fn amount_with_comma() {
    let site = Site::new();
    site.edit(TARIFF, "importo = \"500.00\"", "importo = \"500,00\"");
    let e = expect(&site.check(), &format!("{TARIFF}:10:25: errore: importo non valido: `500,00` usa la virgola"));
    assert!(e.help.as_ref().unwrap().contains("\"650.00\""), "{e}");
}

#[test]
fn band_gap_and_overlap() {
    let site = Site::new();
    site.edit(TARIFF, "{ da = 5001,", "{ da = 5002,");
    let e = expect(&site.check(), &format!("{TARIFF}:11:3: errore: fasce: i valori da 5001 a 5001 non sono in nessuna fascia"));
    assert_eq!(e.help.as_deref(), Some("iniziate questa fascia con `da = 5001`"));

    let site = Site::new();
    site.edit(TARIFF, "{ da = 5001,", "{ da = 4000,");
    let e = expect(&site.check(), &format!("{TARIFF}:11:3: errore: fasce: la fascia si sovrappone alla precedente"));
    assert_eq!(e.help.as_deref(), Some("iniziate questa fascia con `da = 5001`"));
}

#[test]
fn unknown_references() {
    let site = Site::new();
    site.edit(SERVICE, "tariffa = \"primo-servizio\"", "tariffa = \"primo-servizo\"");
    let e = expect(&site.check(), &format!("{SERVICE}:10:11: errore: tariffa sconosciuta \"primo-servizo\""));
    assert!(e.help.as_ref().unwrap().contains("forse intendevate \"primo-servizio\""), "{e}");

    let site = Site::new();
    site.edit(SERVICE, "tariffa = \"primo-servizio\"", "tariffa = \"primo-servizio\"\nmoduli = [\"richiesta\"]");
    expect(&site.check(), &format!("{SERVICE}:11:11: errore: modulo sconosciuto \"richiesta\""));
}

#[test]
fn unknown_convention_article() {
    let site = Site::new();
    site.write(
        "content/convenzioni/conv.md",
        "+++\ntitolo = \"Convenzione\"\nente_capofila = \"Provincia\"\nvalida_dal = 2024-01-01\natto_approvazione = \"Delibera n. 1\"\nstato = \"vigente\"\n+++\n\n## Art. 1 – Oggetto\n\nTesto.\n\n## Art. 6-bis – Nuovi servizi\n\nTesto.\n",
    );
    site.edit(SERVICE, "tariffa = \"primo-servizio\"", "tariffa = \"primo-servizio\"\nconvenzione = \"conv#art-6bis\"");
    let e = expect(&site.check(), &format!("{SERVICE}:11:15: errore: la convenzione \"conv\" non ha l'articolo `#art-6bis`"));
    assert!(e.help.as_ref().unwrap().contains("forse intendevate `#art-6-bis`"), "{e}");

    site.edit(SERVICE, "conv#art-6bis", "conv#art-6-bis");
    assert!(site.check().is_empty(), "{}", list(&site.check()));
}

#[test]
fn broken_link_to_a_page_points_at_the_markdown() {
    let site = Site::new();
    site.edit(SERVICE, "Ai Comuni aderenti al centro servizi.", "Ai Comuni [aderenti](/enti-aderent/) al centro servizi.");
    let e = expect(&site.check(), &format!("{SERVICE}:"));
    assert!(e.message.contains("collegamento interrotto \"/enti-aderent/\""), "{e}");
    let (line, col) = e.line_col().unwrap();
    assert_eq!(site.read(SERVICE).lines().nth(line - 1).unwrap().chars().skip(col - 1).take(14).collect::<String>(), "/enti-aderent/");

    let site = Site::new();
    site.edit(SERVICE, "Ai Comuni aderenti al centro servizi.", "Vedi [le domande](/faq/#nessuna).");
    let e = expect(&site.check(), &format!("{SERVICE}:"));
    assert!(e.message.contains("non c'è l'ancora #nessuna"), "{e}");
}

/// The duplicate is reported once, at the `slug` of the file that took the other's name
/// (it used to be a file-level error without a position), naming the other file.
#[test]
fn duplicate_slug() {
    let site = Site::new();
    let text = site.read(SERVICE);
    site.write("content/servizi/copia.md", &text.replacen("+++\n", "+++\nslug = \"primo-servizio\"\n", 1));
    let errors = site.check();
    let e = expect(&errors, &format!("content/servizi/copia.md:2:8: errore: slug \"primo-servizio\" ripetuto: {SERVICE} è un servizio con lo stesso slug"));
    assert!(e.help.as_ref().unwrap().contains("content/servizi/"), "{e}");
    assert_eq!(errors.iter().filter(|e| e.message.contains("ripetuto")).count(), 1, "{}", list(&errors));
}

#[test]
fn unsafe_slugs() {
    for bad in ["../x", "/etc/passwd", "a/b"] {
        let site = Site::new();
        site.edit(SERVICE, "+++\n", &format!("+++\nslug = \"{bad}\"\n"));
        let e = expect(&site.check(), &format!("{SERVICE}:2:8: errore: slug non sicuro \"{bad}\""));
        assert!(e.help.as_ref().unwrap().contains("minuscole"), "{e}");
    }
}

#[test]
fn template_with_a_missing_variable() {
    let site = Site::new();
    site.edit("themes/agid/templates/servizio.html", "{{ service.title }}", "{{ service.titolo }}");
    let errors = site.check();
    let e = errors.iter().find(|e| e.headline().starts_with("themes/agid/templates/servizio.html:")).unwrap_or_else(|| panic!("{}", list(&errors)));
    assert!(e.message.contains("titolo"), "{e}");
    assert!(e.line_col().is_some());
}

#[test]
fn missing_service_section() {
    let site = Site::new();
    site.edit(SERVICE, "## Cosa serve\n\nElencate qui che cosa deve preparare l'Ente.\n\n", "");
    let e = expect(&site.check(), &format!("{SERVICE}:"));
    assert_eq!(e.message, "manca la sezione \"## Cosa serve\"");

    let site = Site::new();
    site.edit(SERVICE, "## Cosa serve", "## Cosa servee");
    let e = expect(&site.check(), &format!("{SERVICE}:"));
    assert_eq!(e.help.as_deref(), Some("forse intendevate \"## Cosa serve\"?"));
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
    vetrina::build::run(&opts, vetrina::build::Mode::Build, &vetrina::build::Quiet).unwrap();
    assert!(site.root().join("output/notizie/benvenuti/index.html").exists());
}

#[test]
fn a_service_cannot_point_at_a_draft_tariff() {
    let site = Site::new();
    site.edit(TARIFF, "+++\n", "+++\nbozza = true\n");
    let e = expect(&site.check(), &format!("{SERVICE}:10:11: errore: la tariffa \"primo-servizio\" non è pubblicata"));
    assert!(e.help.as_ref().unwrap().contains("--drafts"));
}

// ---- Hints that help (#12.4) ----

/// "## Costi" used to suggest "## Contatti", a section editors may not write.
#[test]
fn a_synonym_of_a_section_suggests_the_real_one() {
    for name in ["Costi", "Prezzi", "Tariffe"] {
        let site = Site::new();
        site.edit(SERVICE, "## Accedi al servizio", &format!("## {name}\n\nDa 500 euro.\n\n## Accedi al servizio"));
        let e = expect(&site.check(), &format!("{SERVICE}:42:4: errore: sezione sconosciuta \"{name}\""));
        assert_eq!(e.help.as_deref(), Some("forse intendevate \"## Quanto costa\"?"));
    }
    let site = Site::new();
    site.edit(SERVICE, "## Accedi al servizio", "## Cosa sii ottiene\n\nX.\n\n## Accedi al servizio");
    let e = expect(&site.check(), &format!("{SERVICE}:42:4: errore: sezione sconosciuta \"Cosa sii ottiene\""));
    assert_eq!(e.help.as_deref(), Some("forse intendevate \"## Cosa si ottiene\"?"));
}

/// Headings that mean the contacts get the `[contatti]` explanation, not a suggestion.
#[test]
fn a_contacts_heading_points_at_the_front_matter() {
    for name in ["Contatti", "Recapiti", "Contati"] {
        let site = Site::new();
        site.write(SERVICE, &format!("{}\n## {name}\n\nTel. 0123.\n", site.read(SERVICE)));
        let e = expect(&site.check(), &format!("{SERVICE}:50:1: errore: la sezione Contatti viene da `[contatti]`"));
        assert!(e.help.as_ref().unwrap().contains("sotto `[contatti]`"), "{e}");
    }
    // A section the editor may not write is never suggested.
    let site = Site::new();
    site.write(SERVICE, &format!("{}\n## Sintesi\n\nX.\n", site.read(SERVICE)));
    let e = expect(&site.check(), &format!("{SERVICE}:50:4: errore: sezione sconosciuta \"Sintesi\""));
    let help = e.help.unwrap();
    assert!(help.starts_with("le sezioni di una scheda sono: \"A chi è rivolto\"") && !help.contains("Contatti"), "{help}");
}

/// A price agreed case by case written as an amount: the help names the key to write.
#[test]
fn on_request_words_in_an_amount_say_what_to_write() {
    let site = Site::new();
    site.edit(TARIFF, "{ da = 5001, importo = \"900.00\" }", "{ da = 5001, importo = \"su preventivo\" }");
    let e = expect(&site.check(), &format!("{TARIFF}:11:26: errore: \"su preventivo\" non è un importo"));
    assert!(e.help.as_ref().unwrap().starts_with("scrivete `su_richiesta = true` al posto di `importo`"), "{e}");

    for words in ["da concordare", "Su richiesta", "a preventivo", "da definire"] {
        let site = Site::new();
        site.edit(
            TARIFF,
            "modello = \"fasce\"\nbase = \"abitanti\"\nfasce = [\n  { a = 5000, importo = \"500.00\" },\n  { da = 5001, importo = \"900.00\" },\n]",
            &format!("modello = \"fisso\"\nimporto = \"{words}\""),
        );
        let e = expect(&site.check(), &format!("{TARIFF}:8:11: errore: \"{words}\" non è un importo"));
        assert!(e.help.as_ref().unwrap().starts_with("scrivete `modello = \"su-richiesta\"` e togliete `importo`"), "{e}");
    }
}

/// A negative or absurdly large number where a count or an amount goes, said plainly.
#[test]
fn negative_and_huge_numbers_are_said_plainly() {
    let site = Site::new();
    site.edit(TARIFF, "importo = \"500.00\"", "importo = \"-500.00\"");
    let e = expect(&site.check(), &format!("{TARIFF}:10:25: errore: importo non valido: `-500.00` è negativo: un importo non può essere sotto zero"));
    assert!(e.help.as_ref().unwrap().contains("senza il segno meno"), "{e}");

    let site = Site::new();
    site.edit(TARIFF, "importo = \"500.00\"", "importo = \"50000000000\"");
    let e = expect(&site.check(), &format!("{TARIFF}:10:25: errore: importo non valido: `50000000000` è troppo grande: il massimo è 1.000.000.000,00 €"));
    assert!(e.help.as_ref().unwrap().contains("uno zero di troppo"), "{e}");

    let site = Site::new();
    site.edit(ENTI, "abitanti = 1200", "abitanti = -1200");
    let e = expect(&site.check(), &format!("{ENTI}:5:12: errore: `abitanti = -1200` è negativo: qui va un numero da 0 in su"));
    assert_eq!(e.help.as_deref(), Some("scrivete il numero senza il segno meno, per esempio `abitanti = 12`"));

    // Past what 64 bits hold: still the same plain message, not a type error.
    let site = Site::new();
    site.edit(ENTI, "abitanti = 1200", "abitanti = 99999999999999999999");
    expect(&site.check(), &format!("{ENTI}:5:12: errore: `abitanti = 99999999999999999999` è troppo grande: il massimo è 100.000.000"));

    let site = Site::new();
    site.edit(TARIFF, "{ da = 5001,", "{ da = -5001,");
    expect(&site.check(), &format!("{TARIFF}:11:10: errore: `da = -5001` è negativo"));

    let site = Site::new();
    site.edit(TARIFF, "{ a = 5000,", "{ a = 5000000000,");
    site.edit(TARIFF, "{ da = 5001,", "{ da = 5000000001,");
    let errors = site.check();
    let e = expect(&errors, &format!("{TARIFF}:10:9: errore: `a = 5000000000` è troppo grande: il massimo è 100.000.000"));
    assert!(e.help.as_ref().unwrap().contains("fino a 100.000.000"), "{e}");
    expect(&errors, &format!("{TARIFF}:11:10: errore: `da = 5000000001` è troppo grande"));
}

// ---- Checked arithmetic and sane values (#11.6) ----

const ENTI: &str = "content/dati/enti.toml";

/// Found by fuzzing: `postazioni = i64::MAX` showed "Canone per postazione -33,00 €" on the
/// site (the multiplication wrapped). Now an error where the figure is written.
#[test]
fn a_huge_figure_of_an_ente_is_refused_at_its_line() {
    let site = Site::new();
    site.edit(TARIFF, "]\n+++", "]\n\n[[voci]]\nnome = \"Canone per postazione\"\nperiodicita = \"annuale\"\nmodello = \"unitario\"\nbase = \"postazioni\"\nimporto_unitario = \"33.00\"\n+++");
    site.edit(ENTI, "postazioni = 8", "postazioni = 9223372036854775807");
    let errors = site.check();
    let e = expect(&errors, &format!("{ENTI}:6:14: errore: `postazioni = 9223372036854775807` è troppo grande: il massimo è 100.000.000"));
    assert!(e.help.is_some());
    assert_eq!(errors.len(), 1, "{}", list(&errors));

    // At the limit it builds, and the page shows the exact amount.
    site.edit(ENTI, "postazioni = 9223372036854775807", "postazioni = 100000000");
    site.build().unwrap_or_else(|e| panic!("{}", list(&e)));
    let page = site.read("output/servizi/primo-servizio/index.html");
    assert!(page.contains("3.300.000.000,00 €"), "the worked example shows 100,000,000 × 33.00 €");
    assert!(!page.contains("-33,00"), "no wrapped amount");
}

/// Year 0000 (or 9999) is a typo, not a date of a catalog.
#[test]
fn dates_outside_the_sane_years_are_refused() {
    let site = Site::new();
    site.edit("content/notizie/benvenuti.md", "data = 2026-01-15", "data = 0000-01-15");
    let e = expect(&site.check(), "content/notizie/benvenuti.md:3:8: errore: `data`: l'anno 0000 è fuori dall'intervallo ammesso, dal 2000 al 2100");
    assert!(e.help.as_ref().unwrap().contains("dal 2000 al 2100"), "{e}");

    let site = Site::new();
    site.edit(ENTI, "aderente_dal = 2024-01-01", "aderente_dal = 9999-12-31");
    expect(&site.check(), &format!("{ENTI}:8:16: errore: `aderente_dal`: l'anno 9999 è fuori dall'intervallo ammesso"));
}

/// `scadenza` on or before `pubblicazione` would hide the file for ever.
#[test]
fn expiry_must_come_after_publication() {
    for expires in ["2026-01-31", "2026-02-01"] {
        let site = Site::new();
        site.edit("content/notizie/benvenuti.md", "+++\n", &format!("+++\npubblicazione = 2026-02-01\nscadenza = {expires}\n"));
        let e =
            expect(&site.check(), &format!("content/notizie/benvenuti.md:3:12: errore: `scadenza` ({expires}) non viene dopo `pubblicazione` (2026-02-01)"));
        assert!(e.help.as_ref().unwrap().contains("primo giorno"), "{e}");
    }
    let site = Site::new();
    site.edit("content/notizie/benvenuti.md", "+++\n", "+++\npubblicazione = 2026-02-01\nscadenza = 2026-02-02\n");
    assert!(site.check().is_empty(), "{}", list(&site.check()));
}

/// An Ente without a name (or a name of spaces) used to be accepted.
#[test]
fn an_ente_needs_a_name() {
    for name in ["", "   "] {
        let site = Site::new();
        site.edit(ENTI, "nome = \"Comune di Esempio\"", &format!("nome = \"{name}\""));
        let e = expect(&site.check(), &format!("{ENTI}:2:8: errore: `nome` è vuoto"));
        assert!(e.help.as_ref().unwrap().contains("spazi soli non bastano"), "{e}");
    }
    let site = Site::new();
    site.edit(ENTI, "provincia = \"XX\"", "provincia = \" \"");
    expect(&site.check(), &format!("{ENTI}:4:13: errore: `provincia` è vuoto"));
}

/// A quantity past the limit is refused where it is written.
#[test]
fn a_huge_quantity_is_refused() {
    let site = Site::new();
    site.edit(TARIFF, "]\n+++", "]\n\n[[voci]]\nnome = \"Giornata\"\nperiodicita = \"una-tantum\"\nmodello = \"fisso\"\nimporto = \"500.00\"\nopzionale = true\nquantita = { unita = \"giornata\", unita_plurale = \"giornate\", predefinita = 1, massima = 4000000000 }\n+++");
    let e = expect(&site.check(), &format!("{TARIFF}:20:89: errore: `massima = 4000000000` è troppo grande: il massimo è 100.000.000"));
    assert!(e.help.is_some());
}

// ---- Symbolic links and the theme's npm install (#11.2) ----

/// `ln -s /etc/passwd static/x` would have published the file; now it is an error naming it.
#[test]
fn a_symlink_in_static_or_the_theme_is_an_error() {
    let site = Site::new();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.root().join("static/x")).unwrap();
    let errors = site.check();
    let e = expect(&errors, "static/x: errore: è un collegamento simbolico (symlink)");
    assert_eq!(
        e.help.as_deref(),
        Some("sostituite il collegamento con una copia del file (un collegamento potrebbe pubblicare un file che sta fuori dal sito)")
    );

    let site = Site::new();
    std::os::unix::fs::symlink("/etc", site.root().join("themes/agid/static/etc")).unwrap();
    expect(&site.check(), "themes/agid/static/etc: errore: è un collegamento simbolico");

    let site = Site::new();
    let templates = site.root().join("themes/agid/templates");
    std::fs::rename(templates.join("404.html"), site.root().join("404.html")).unwrap();
    std::os::unix::fs::symlink(site.root().join("404.html"), templates.join("404.html")).unwrap();
    expect(&site.check(), "themes/agid/templates/404.html: errore: è un collegamento simbolico");
}

/// Without `npm ci` a build used to print hundreds of broken links with the cause last:
/// now one error names the command.
#[test]
fn a_missing_npm_install_is_one_error_naming_the_command() {
    let site = Site::new();
    std::fs::remove_file(site.root().join("themes/agid/node_modules")).unwrap();
    let errors = site.check();
    let e = expect(
        &errors,
        "themes/agid/node_modules: errore: i pacchetti npm del tema (Bootstrap Italia, pdf-lib) non sono installati: eseguite `npm ci --prefix themes/agid`",
    );
    assert!(e.help.is_some());
    assert_eq!(errors.len(), 1, "{}", list(&errors));
}

#[test]
fn the_membership_service_must_exist() {
    let site = Site::new();
    site.edit("vetrina.toml", "iva = \"22\"\n", "iva = \"22\"\nservizio_adesione = \"primo-servizo\"\n");
    let e = expect(&site.check(), "vetrina.toml:9:21: errore:");
    assert!(e.message.contains("primo-servizo"), "{e}");
    assert!(e.help.as_deref().unwrap_or("").contains("primo-servizio"), "{e}");
    site.edit("vetrina.toml", "primo-servizo", "primo-servizio");
    assert!(site.check().is_empty(), "{}", list(&site.check()));
}

/// Dated price lists that overlap, leave a gap or come out of order, an item list outside
/// them, and a pro-rata first year on a one-off item: each named where it is written, all
/// in one check.
#[test]
fn price_lists_and_first_years_are_checked_like_bands() {
    let site = Site::new();
    let item = |id: &str| format!("[[listini.voci]]\nid = \"{id}\"\nnome = \"Canone\"\nperiodicita = \"annuale\"\nmodello = \"fisso\"\nimporto = \"100.00\"\n");
    let text = format!(
        "+++\ntitolo = \"Listini\"\n\n[[listini]]\ndal = 2025-01-01\nal = 2025-12-31\n{}\n[[listini]]\ndal = 2025-06-01\nal = 2026-06-30\n{}\n[[listini]]\ndal = 2026-09-01\n{}\n[[listini]]\ndal = 2026-02-01\n{}+++\n",
        item("a"),
        item("a"),
        item("a"),
        item("a"),
    );
    let one_off = "+++\ntitolo = \"Una tantum\"\n\n[[voci]]\nnome = \"Avvio\"\nperiodicita = \"una-tantum\"\nmodello = \"fisso\"\nimporto = \"50.00\"\nprimo_anno = \"mesi\"\n+++\n";
    site.write("content/tariffe/listini.md", &text).write("content/tariffe/avvio.md", one_off);
    let errors = site.check();
    let at = |needle: &str, nth: usize| {
        let from = text.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap();
        let line = text[..from].matches('\n').count() + 1;
        format!("content/tariffe/listini.md:{line}:7: errore:")
    };
    let e = expect(&errors, &at("dal = 2025-06-01", 0));
    assert!(e.message.contains("si sovrappongono") && e.help.as_deref().unwrap().contains("01/01/2026"), "{e}");
    let e = expect(&errors, &at("dal = 2026-09-01", 0));
    assert!(e.message.contains("non c'è un prezzo") && e.help.as_deref().unwrap().contains("01/07/2026"), "{e}");
    let e = expect(&errors, &at("dal = 2026-02-01", 0));
    assert!(e.message.contains("non dopo quello prima"), "{e}");
    let e = expect(&errors, &format!("content/tariffe/avvio.md:{}: errore:", line_col(one_off, "\"mesi\"")));
    assert!(e.message.contains("primo_anno") && e.help.as_deref().unwrap().contains("annuale"), "{e}");
    // Fixed: one list after the other, the first year on a yearly item.
    let fixed = text.replace("dal = 2025-06-01\nal = 2026-06-30", "dal = 2026-01-01\nal = 2026-08-31").replace("dal = 2026-02-01", "dal = 2027-01-01");
    site.write("content/tariffe/listini.md", &fixed).write("content/tariffe/avvio.md", &one_off.replace("una-tantum", "annuale"));
    assert!(site.check().is_empty(), "{}", list(&site.check()));
}

/// Where `needle` starts in `text`, as `line:col` (1-based, columns in characters).
fn line_col(text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("{line}:{col}")
}

const NEEDS_FORM: &str = r#"+++
titolo = "Scheda dei fabbisogni"
tipo = "fabbisogni"
descrizione = "La scheda annuale."
invio_pec = "cst@pec.example.it"

[[sezioni]]
titolo = "Servizi"
"#;

/// A needs form that a calculator's choice fills: every wrong link to the choice is named at
/// its key, with the fix.
#[test]
fn a_form_filled_from_the_choice_names_each_wrong_key() {
    let site = Site::new();
    // Links to other files, checked across the catalog.
    let references = format!(
        "{NEEDS_FORM}\n[[sezioni.campi]]\nnome = \"n01\"\netichetta = \"Primo servizio\"\ntipo = \"casella\"\nservizio = \"primo-servizo\"\n\n\
         [[sezioni.campi]]\nnome = \"n02\"\netichetta = \"Postazioni\"\ntipo = \"numero\"\nservizio = \"primo-servizio\"\nvalore = \"postazion\"\n+++\n"
    );
    // Mistakes inside the file.
    let own = format!(
        "{NEEDS_FORM}\n[[sezioni.campi]]\nnome = \"n03\"\netichetta = \"Stato\"\ntipo = \"scelta\"\nopzioni = [\"Da mantenere\", \"Da attivare\"]\nservizio = \"primo-servizio\"\nse_scelto = \"Attivare\"\n\n\
         [[sezioni.campi]]\nnome = \"n04\"\netichetta = \"Note\"\ntipo = \"testo\"\nservizio = \"primo-servizio\"\n+++\n"
    );
    site.write("content/moduli/fabbisogni.md", &references).write("content/moduli/altra.md", &own);
    let errors = site.check();
    let e = expect(&errors, &format!("content/moduli/fabbisogni.md:{}: errore:", line_col(&references, "\"primo-servizo\"")));
    assert!(e.help.as_deref().unwrap().contains("primo-servizio"), "{e}");
    let e = expect(&errors, &format!("content/moduli/fabbisogni.md:{}: errore:", line_col(&references, "\"postazion\"")));
    assert!(e.message.contains("postazion") && e.help.as_deref().unwrap().contains("postazioni"), "{e}");
    let e = expect(&errors, &format!("content/moduli/altra.md:{}: errore:", line_col(&own, "\"Attivare\"")));
    assert!(e.help.as_deref().unwrap().contains("\"Da attivare\""), "{e}");
    let last = own.rfind("servizio = ").unwrap() + "servizio = ".len();
    let e = expect(&errors, &format!("content/moduli/altra.md:{}:12: errore:", own[..last].matches('\n').count() + 1));
    assert!(e.message.contains("`servizio` va solo"), "{e}");
    assert_eq!(errors.len(), 4, "{}", list(&errors));
    // Fixed, the form passes.
    site.write("content/moduli/fabbisogni.md", &references.replace("primo-servizo", "primo-servizio").replace("\"postazion\"", "\"postazioni\""));
    site.write(
        "content/moduli/altra.md",
        &own.replace("\"Attivare\"", "\"Da attivare\"").replace("tipo = \"testo\"\nservizio = \"primo-servizio\"\n", "tipo = \"testo\"\n"),
    );
    assert!(site.check().is_empty(), "{}", list(&site.check()));
}

#[test]
fn an_improvement_plan_must_reach_a_page() {
    let site = Site::new();
    let text = site.read("vetrina.toml");
    let line = text.lines().find(|l| l.starts_with("segnalazione_disservizio")).unwrap().to_string();
    site.edit("vetrina.toml", &line, &format!("{line}\npiano_miglioramento = \"/piano/\""));
    let text = site.read("vetrina.toml");
    let at = text.lines().position(|l| l.starts_with("piano_miglioramento")).unwrap() + 1;
    let e = expect(&site.check(), &format!("vetrina.toml:{at}:23: errore:"));
    assert!(e.message.contains("piano_miglioramento"), "{e}");
    site.edit("vetrina.toml", "\"/piano/\"", "\"javascript:alert(1)\"");
    let errors = site.check();
    assert!(errors.iter().any(|e| e.headline().starts_with(&format!("vetrina.toml:{at}:23:"))), "{}", list(&errors));
}

#[test]
fn a_topic_outside_the_vocabularies_is_a_located_warning_that_does_not_stop_the_build() {
    let site = Site::new();
    site.edit(SERVICE, "argomenti = [\"Accesso all'informazione\"]", "argomenti = [\"anagrafe\", \"pagamenti elettronici\"]");
    let summary = site.build().unwrap_or_else(|e| panic!("a warning must not fail the build:\n{}", list(&e)));
    let w = expect(&summary.content_warnings, &format!("{SERVICE}:8:26: avviso: l'argomento «pagamenti elettronici»"));
    assert!(w.help.as_deref().unwrap_or_default().contains("«pagamento elettronico»"), "{w}");
    assert_eq!(summary.content_warnings.len(), 1, "«anagrafe» is the model's «Anagrafe»:\n{}", list(&summary.content_warnings));
    let topics = site.read("output/argomenti/index.html");
    let labels: Vec<String> = common::select(&topics, "[data-element=topic-element]", "href").into_iter().map(|(_, t)| t.trim().to_owned()).collect();
    assert!(labels.contains(&"Anagrafe".to_owned()), "the topics page shows the vocabulary's label: {labels:?}");
}

#[test]
fn cms_settings_say_what_is_missing() {
    let site = Site::new();
    let config = site.read("vetrina.toml");
    site.write("vetrina.toml", &format!("{config}\n[cms]\npiattaforma = \"github\"\nrepository = \"sito\"\n"));
    let errors = site.check();
    let lines = config.lines().count();
    expect(&errors, &format!("vetrina.toml:{}:14: errore: `cms.repository` deve essere scritto proprietario/nome", lines + 4));
    expect(&errors, &format!("vetrina.toml:{}:1: errore: in `[cms]` manca `server_accesso`", lines + 2));

    site.write("vetrina.toml", &format!("{config}\n[cms]\npiattaforma = \"gitlab\"\nrepository = \"cst/sito\"\napp_id = \"abc\"\n"));
    site.build().unwrap_or_else(|e| panic!("{}", list(&e)));
    let admin = std::fs::read_to_string(site.root().join("output/admin/config.yml")).unwrap();
    assert!(admin.contains("\"pkce\""), "{admin}");
}

#[test]
fn without_cms_settings_the_published_site_has_no_admin() {
    let site = Site::new();
    site.build().unwrap_or_else(|e| panic!("{}", list(&e)));
    assert!(!site.root().join("output/admin").exists());
}
