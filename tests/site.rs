//! The example catalog in `content/` builds into a complete AgID-style site: every service
//! page carries the Designers Italia sections and `data-element` attributes, every page
//! the accessibility basics, and every link the site's sub-path.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::select;
use vetrina::build::{self, Options, Quiet};

/// Build the example site once, under a sub-path, into a temporary folder: the output folder
/// and the content warnings of the build.
fn built() -> &'static (PathBuf, Vec<vetrina::diagnostics::Diagnostic>) {
    static OUT: OnceLock<(PathBuf, Vec<vetrina::diagnostics::Diagnostic>)> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = dir.join("output");
        let mut opts = Options::new(common::repo());
        opts.output = Some(out.clone());
        opts.base_url = Some("https://example.org/cst/".into());
        match build::run(&opts, vetrina::build::Mode::Build, &Quiet) {
            Ok(summary) => (out, summary.content_warnings),
            Err(errors) => panic!("the example site does not build:\n{}", common::list(&errors)),
        }
    })
}

fn output() -> &'static Path {
    &built().0
}

/// The pages of the site: not `admin/`, the editing interface (`the_cms_stays_in_admin`).
fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html") && !e.path().starts_with(dir.join("admin")))
        .map(|e| e.into_path())
        .collect()
}

fn read(rel: &str) -> String {
    fs::read_to_string(output().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn service_pages() -> Vec<PathBuf> {
    fs::read_dir(output().join("servizi")).unwrap().filter_map(Result::ok).filter(|e| e.path().is_dir()).map(|e| e.path().join("index.html")).collect()
}

#[test]
fn the_catalog_has_at_least_fifteen_services() {
    assert!(service_pages().len() >= 15, "{} services", service_pages().len());
}

#[test]
fn every_service_page_follows_the_designers_italia_card() {
    const INDEX: [&str; 8] =
        ["A chi è rivolto", "Come fare", "Cosa serve", "Cosa si ottiene", "Tempi e scadenze", "Accedi al servizio", "Condizioni di servizio", "Contatti"];
    for page in service_pages() {
        let html = fs::read_to_string(&page).unwrap();
        let name = page.display().to_string();
        let index: Vec<String> = select(&html, "ul[data-element=page-index] > li > a", "href").into_iter().map(|(_, t)| t.trim().to_string()).collect();
        let mut pos = 0;
        for wanted in INDEX {
            let at = index.iter().position(|t| t == wanted).unwrap_or_else(|| panic!("{name}: page index lacks {wanted:?}: {index:?}"));
            assert!(at >= pos, "{name}: {wanted:?} out of order in {index:?}");
            pos = at;
        }
        for (_, href) in select(&html, "ul[data-element=page-index] a", "href").iter().map(|(h, t)| (t, h.clone().unwrap_or_default())) {
            let id = href.trim_start_matches('#');
            assert!(!select(&html, &format!("[id=\"{id}\"]"), "id").is_empty(), "{name}: index links to missing #{id}");
        }
        for el in ["service-title", "service-description", "service-addressed", "service-how-to", "service-needed", "service-achieved", "service-calendar-text"]
        {
            let texts = select(&html, &format!("[data-element={el}]"), "id");
            assert!(!texts.is_empty(), "{name}: no data-element={el}");
            assert!(texts.iter().any(|(_, t)| t.trim().chars().count() >= 3), "{name}: data-element={el} has under 3 characters");
        }
        for el in ["service-status", "service-area", "service-generic-access", "breadcrumb", "feedback", "feedback-title"] {
            assert!(!select(&html, &format!("[data-element={el}]"), "id").is_empty(), "{name}: no data-element={el}");
        }
        let crumbs: Vec<String> = select(&html, "[data-element=breadcrumb] li", "class").into_iter().map(|(_, t)| t.trim().to_string()).collect();
        let s = crumbs.iter().position(|c| c.contains("Servizi")).unwrap_or_else(|| panic!("{name}: breadcrumb {crumbs:?}"));
        assert!(crumbs.len() > s + 1 && crumbs[s + 1].chars().count() >= 3, "{name}: breadcrumb {crumbs:?}");
        for i in 1..=5 {
            assert!(
                !select(&html, &format!("[data-element=feedback-rate-{i}]"), "id").is_empty() || html.contains(&format!("feedback-rate-{i}")),
                "{name}: rating star {i}"
            );
        }
        assert!(html.contains("Pagina aggiornata il"), "{name}: no last-updated line");
    }
}

#[test]
fn prices_are_shown_as_accessible_tables_with_vat_note() {
    let html = read("servizi/rao-pubblico/index.html");
    assert!(!select(&html, "table caption", "id").is_empty(), "no table caption");
    assert!(!select(&html, "th[scope=col]", "scope").is_empty(), "no column headers");
    assert!(html.contains("IVA esclusa"), "no VAT note");
    assert!(html.contains("650,00 €"), "RAO activation amount missing");
    assert!(html.contains("fino a 1.000 abitanti"), "band rows missing");
}

#[test]
fn every_page_has_the_accessibility_basics() {
    let pages = html_files(output());
    assert!(pages.len() >= 40, "only {} pages", pages.len());
    for p in pages {
        let html = fs::read_to_string(&p).unwrap();
        let name = p.display();
        assert_eq!(select(&html, "html", "lang")[0].0.as_deref(), Some("it"), "{name}: lang");
        assert_eq!(select(&html, "h1", "id").len(), 1, "{name}: exactly one h1");
        assert!(!select(&html, "main", "id").is_empty(), "{name}: main landmark");
        // The skip link's target takes focus: without tabindex=-1 Chromium leaves it on body.
        assert_eq!(select(&html, "main#main-container[tabindex=\"-1\"]", "id").len(), 1, "{name}: <main id=main-container tabindex=-1>");
        assert!(!select(&html, "a[href=\"#main-container\"], a[href=\"#main\"]", "href").is_empty(), "{name}: skip link");
        assert!(!select(&html, "meta[name=description]", "content").is_empty(), "{name}: meta description");
        // No skipped heading level (a partial's heading must follow the page it is put in).
        let levels: Vec<u8> = html
            .match_indices("<h")
            .filter_map(|(i, _)| {
                let b = html.as_bytes();
                let (d, next) = (*b.get(i + 2)?, *b.get(i + 3)?);
                ((b'1'..=b'6').contains(&d) && (next == b' ' || next == b'>')).then_some(d - b'0')
            })
            .collect();
        for w in levels.windows(2) {
            assert!(w[1] <= w[0] + 1, "{name}: h{} follows h{}, skipping a level (headings: {levels:?})", w[1], w[0]);
        }
        // Strict CSP: no inline scripts, styles or handlers.
        for (src, body) in select(&html, "script", "src") {
            let json_ld = body.trim_start().starts_with('{');
            assert!(src.is_some() || json_ld, "{name}: inline script");
        }
        assert!(select(&html, "[style]", "style").is_empty(), "{name}: style attribute");
        assert!(!html.contains(" onclick=") && !html.contains(" onload="), "{name}: inline handler");
        // Served from /cst/: every root-relative URL carries the base path.
        for (url, _) in
            select(&html, "a[href], link[href], script[src], img[src], use[href]", "href").into_iter().chain(select(&html, "script[src], img[src]", "src"))
        {
            if let Some(u) = url {
                assert!(!u.starts_with('/') || u.starts_with("/cst/"), "{name}: {u} ignores the base path");
            }
        }
    }
}

#[test]
fn the_footer_carries_the_validator_links() {
    let html = read("index.html");
    for el in ["faq", "report-inefficiency", "privacy-policy-link", "legal-notes", "accessibility-link"] {
        assert!(!select(&html, &format!("footer [data-element={el}]"), "href").is_empty(), "footer lacks {el}");
    }
    let acc = select(&html, "footer [data-element=accessibility-link]", "href");
    assert!(acc[0].0.as_deref().unwrap().starts_with("https://form.agid.gov.it/"));
    // C.SI.4.1: the improvement plan, with the label the validator looks for, reaching a page.
    let plan: Vec<_> = select(&html, "footer a", "href").into_iter().filter(|(_, text)| text.contains("Piano di miglioramento del sito")).collect();
    assert_eq!(plan.len(), 1, "no improvement plan in the footer");
    assert_eq!(plan[0].0.as_deref(), Some("/cst/piano-miglioramento/"));
    assert!(read("piano-miglioramento/index.html").contains("<h1"));
    let dis = select(&html, "footer [data-element=report-inefficiency]", "href");
    assert_eq!(dis[0].1.trim().to_lowercase(), "segnalazione disservizio");
    let legal = read("note-legali/index.html");
    let section = select(&legal, "[data-element=legal-notes-section]", "id");
    assert_eq!(section[0].1.trim(), "Licenza dei contenuti");
    assert!(select(&legal, "[data-element=legal-notes-body]", "id")[0].1.contains("CC-BY 4.0"));
}

#[test]
fn the_home_links_to_the_services_list() {
    let html = read("index.html");
    let all = select(&html, "a[data-element=all-services]", "href");
    assert_eq!(all[0].0.as_deref(), Some("/cst/servizi/"));
    let list = read("servizi/index.html");
    assert!(select(&list, "a[data-element=service-link]", "href").len() >= 15);
}

#[test]
fn the_convention_has_anchored_articles_and_a_table_of_contents() {
    let html = read("convenzioni/convenzione-cst-2024/index.html");
    assert_eq!(select(&html, "h2[id=art-6-bis]", "id").len(), 1);
    assert!(select(&html, "h2[id^=art-]", "id").len() >= 10);
    assert!(!select(&html, "a[href=\"#art-6-bis\"]", "href").is_empty(), "TOC links the -bis article");
}

/// The 2024 convention compared with the 2018 one it replaces: the page lists the added,
/// removed, changed and renumbered articles, shows each change word by word in `<ins>` and
/// `<del>` with the words a screen reader says, and both conventions link to it.
#[test]
fn the_new_convention_says_what_changed_article_by_article() {
    let html = read("convenzioni/convenzione-cst-2024/cosa-cambia/index.html");
    let h1 = select(&html, "h1", "class");
    assert_eq!(h1[0].1, "Cosa cambia rispetto alla convenzione 2018–2023");
    let summary: Vec<String> = select(&html, "main ul li", "class").into_iter().map(|(_, t)| t).collect();
    let line = |lead: &str| summary.iter().find(|l| l.starts_with(lead)).cloned().unwrap_or_else(|| panic!("no «{lead}» in {summary:?}"));
    assert_eq!(line("Articoli aggiunti"), "Articoli aggiunti: Art. 6-bis – Attivazione di nuovi servizi.");
    assert_eq!(line("Articoli eliminati"), "Articoli eliminati: Art. 7 – Comitato tecnico.");
    assert!(line("Articoli modificati").contains("Art. 9 – Rapporti finanziari"));
    // Same text under a new number (2018 art. 11 is 2024 art. 10) or a new title (art. 13 → 12).
    let moved = line("Articoli con il testo invariato");
    assert!(moved.contains("Art. 10 – Modalità di pagamento") && moved.contains("Art. 12 – Trattamento dei dati personali"), "{moved}");
    // Art. 9 was art. 10, and its paragraph on the entry year changed word by word.
    let article = html.split("<section").skip(1).find(|s| s.contains("Art. 9 – Rapporti finanziari")).expect("a section for art. 9");
    assert!(article.contains("era «Art. 10 – Rapporti finanziari»"), "{article}");
    let added: Vec<String> = select(article, "ins", "class").into_iter().map(|(_, t)| t).collect();
    let removed: Vec<String> = select(article, "del", "class").into_iter().map(|(_, t)| t).collect();
    assert!(added.iter().any(|t| t == "[aggiunto: in proporzione ai mesi di adesione, computando]"), "{added:?}");
    assert!(removed.iter().any(|t| t == "[eliminato: intero.]"), "{removed:?}");
    assert_eq!(select(&html, "#legenda ins .visually-hidden", "class").len(), 1, "the legend says it in words");
    // Links to the article in both texts, and from both conventions' pages to this one.
    for href in ["/cst/convenzioni/convenzione-cst-2018/#art-10", "/cst/convenzioni/convenzione-cst-2024/#art-9"] {
        assert_eq!(select(article, &format!("a[href=\"{href}\"]"), "href").len(), 1, "{href} in {article}");
    }
    for slug in ["convenzione-cst-2018", "convenzione-cst-2024"] {
        let page = read(&format!("convenzioni/{slug}/index.html"));
        assert_eq!(select(&page, "a[href=\"/cst/convenzioni/convenzione-cst-2024/cosa-cambia/\"]", "href").len(), 1, "{slug} links the comparison");
    }
    assert!(!select(&html, "a[href$=\"cosa-cambia-convenzione-cst-2024.pdf\"]", "href").is_empty(), "the comparison as a PDF");
}

/// The example site built as if today were `day`: its output folder.
fn built_on(day: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = Options::new(common::repo());
    opts.output = Some(dir.path().join("output"));
    opts.today = Some(day.parse().unwrap());
    if let Err(errors) = build::run(&opts, vetrina::build::Mode::Build, &Quiet) {
        panic!("the example site does not build on {day}:\n{}", common::list(&errors));
    }
    dir
}

/// A tariff with three dated price lists (2025, 2026, 2027): in December 2026 the page shows
/// the 2026 one in force, announces 2027 and keeps 2025 in the price history, collapsed; in
/// 2027 there is no next list and the history has two; the calculators get every list.
#[test]
fn a_tariff_shows_its_price_list_in_force_the_next_one_and_its_history() {
    let page = |dir: &tempfile::TempDir| fs::read_to_string(dir.path().join("output/servizi/posta-elettronica-e-collaborazione/index.html")).unwrap();
    let captions = |html: &str| select(html, "table caption", "class").into_iter().map(|(_, t)| t).collect::<Vec<_>>();
    let december = built_on("2026-12-02");
    let html = page(&december);
    let c = captions(&html);
    assert_eq!(c[0], "Tariffa posta elettronica e collaborazione, in vigore dal 01/01/2026 al 31/12/2026");
    assert!(c.contains(&"Tariffa posta elettronica e collaborazione, dal 01/01/2027".to_string()), "{c:?}");
    assert!(html.contains("Il prossimo listino, dal 01/01/2027"));
    assert!(html.contains("148,00 € per postazione") && html.contains("142,00 € per postazione"));
    let history = select(&html, "details.vetrina-storico", "class");
    assert!(history[0].1.contains("Storico dei prezzi (1 listino precedente)") && history[0].1.contains("138,00 € per postazione"), "{}", history[0].1);
    assert!(history[0].1.contains("dal 01/01/2025 al 31/12/2025") && history[0].1.contains("n. 8 del 28 novembre 2024"), "{}", history[0].1);
    let data = fs::read_to_string(december.path().join("output/assets/data/calcolatore.json")).unwrap();
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(data["periods"]["posta-elettronica"].as_array().map(Vec::len), Some(3));
    assert_eq!(data["periods"]["posta-elettronica"][2]["from"], "2027-01-01");

    let march = built_on("2027-03-01");
    let html = page(&march);
    let c = captions(&html);
    assert_eq!(c[0], "Tariffa posta elettronica e collaborazione, in vigore dal 01/01/2027");
    assert!(!html.contains("Il prossimo listino"));
    let history = select(&html, "details.vetrina-storico", "class");
    assert_eq!(history.len(), 1);
    assert!(history[0].1.contains("Storico dei prezzi (2 listini precedenti)") && history[0].1.contains("142,00 € per postazione"), "{}", history[0].1);
    // Newest first.
    assert!(history[0].1.find("dal 01/01/2026").unwrap() < history[0].1.find("dal 01/01/2025").unwrap(), "{}", history[0].1);
    assert!(select(&html, "details.vetrina-storico[open]", "class").is_empty(), "collapsed by default");
}

#[test]
fn the_catalog_can_be_filtered_by_audience_without_javascript() {
    let html = read("destinatari/comuni/index.html");
    assert!(select(&html, "a[data-element=service-link]", "href").len() >= 5);
    let list = read("servizi/index.html");
    assert!(list.contains("/cst/destinatari/comuni/"));
}

#[test]
fn sitemap_robots_404_and_assets() {
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/cst/servizi/rao-pubblico/</loc>"), "{sitemap}");
    assert!(!sitemap.contains("404"));
    assert!(read("robots.txt").contains("Sitemap: https://example.org/cst/sitemap.xml"));
    assert!(read("404.html").contains("Pagina non trovata"));
    for asset in [
        "assets/bi/css/bootstrap-italia.min.css",
        "assets/bi/js/bootstrap-italia.min.js",
        "assets/bi/svg/sprites.svg",
        "assets/bi/fonts/Titillium_Web/OFL.txt",
        "assets/bi/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2",
        "assets/bi/LICENSE.txt",
        "assets/css/fonts.css",
    ] {
        assert!(output().join(asset).is_file(), "{asset} missing");
    }
    // Bootstrap Italia trimmed by the theme's install, not the whole library (612 KB, 1 MB).
    let size = |asset: &str| fs::metadata(output().join(asset)).unwrap().len();
    assert!(size("assets/bi/css/bootstrap-italia.min.css") < 150_000, "the CSS is not trimmed");
    assert!(size("assets/bi/js/bootstrap-italia.min.js") < 60_000, "the JavaScript is not trimmed");
    let js = read("assets/bi/js/bootstrap-italia.min.js");
    assert!(js.contains("BOOTSTRAP_ITALIA_VERSION") && js.contains("navbarcollapsible"), "the validator's version mark or the menu is missing");
    let css = read("assets/css/fonts.css");
    assert!(css.contains("@font-face") && css.contains("Titillium Web"));
}

#[test]
fn pages_are_minified() {
    let html = read("servizi/index.html");
    assert!(!html.contains("\n    \n"), "blank indented lines left");
}

/// C.SI.1.3 counts "Condizioni di servizio" only with a `service-file` in it: every card
/// links its convention's PDF there, a file of the site that is a PDF.
#[test]
fn every_service_links_its_conditions_document() {
    for page in service_pages() {
        let html = fs::read_to_string(&page).unwrap();
        let files = select(&html, "#condizioni-di-servizio a[data-element=service-file]", "href");
        assert_eq!(files.len(), 1, "{}: no conditions document", page.display());
        let href = files[0].0.as_deref().unwrap();
        assert!(files[0].1.starts_with("Termini e condizioni di servizio"), "{}", files[0].1);
        let file = output().join(href.strip_prefix("/cst/").unwrap_or_else(|| panic!("{href} is not under the base path")));
        let bytes = fs::read(&file).unwrap_or_else(|e| panic!("{}: {href}: {e}", page.display()));
        assert!(bytes.starts_with(b"%PDF-"), "{href} is not a PDF");
    }
}

/// C.SI.1.5: the page the home links as "all topics" lists only topics of the model's list or
/// EuroVoc, at least half of them from the model; and the example gives no topic warning.
#[test]
fn the_topics_come_from_the_controlled_vocabularies() {
    assert!(built().1.is_empty(), "the example site has warnings:\n{}", common::list(&built().1));
    let shared = |name: &str| fs::read_to_string(common::repo().join("src/vocabulary").join(name)).unwrap();
    let (model, eurovoc) = (shared("argomenti-modello-comuni.txt"), shared("eurovoc-it.txt"));
    let home = read("index.html");
    let all = select(&home, "a[data-element=all-topics]", "href");
    let href = all[0].0.as_deref().expect("the home links all topics");
    let page = read(&format!("{}index.html", href.strip_prefix("/cst/").unwrap()));
    // The validator reads the text as a browser does: the apostrophe is not `&#39;`.
    let topics: Vec<String> =
        select(&page, "[data-element=topic-element]", "href").into_iter().map(|(_, t)| t.trim().replace("&#39;", "'").replace("&amp;", "&")).collect();
    assert!(topics.len() >= 10, "{topics:?}");
    let in_model = topics.iter().filter(|t| model.lines().any(|l| l == t.as_str())).count();
    let outside: Vec<&String> = topics.iter().filter(|t| !model.lines().chain(eurovoc.lines()).any(|l| l == t.as_str())).collect();
    assert!(outside.is_empty(), "topics in neither list: {outside:?}");
    assert!(in_model * 2 >= topics.len(), "{in_model} of {} topics in the model's list", topics.len());
}

/// The lists embedded in the binary are the shared vocabularies (see src/vocabulary/README.md).
#[test]
fn the_embedded_lists_are_the_shared_ones() {
    for name in ["argomenti-modello-comuni.txt", "eurovoc-it.txt"] {
        let shared = common::repo().join("../shared/vocabolari").join(name);
        let shared = fs::read_to_string(&shared).unwrap_or_else(|e| panic!("{}: {e}", shared.display()));
        let ours = fs::read_to_string(common::repo().join("src/vocabulary").join(name)).unwrap();
        assert!(shared == ours, "src/vocabulary/{name} differs from ../shared/vocabolari/{name}: copy it again");
    }
}

/// `comprimi` is on by default: every text file worth it has `.br` and `.gz` copies that
/// decode to it; compressed formats (PDF, fonts) have none.
#[test]
fn text_files_have_compressed_copies_that_decode_to_them() {
    use std::io::Read;
    let out = output();
    let mut checked = 0;
    for rel in
        ["index.html", "servizi/app-io/index.html", "calcola/index.html", "assets/bi/css/bootstrap-italia.min.css", "assets/bi/js/bootstrap-italia.min.js"]
    {
        let plain = fs::read(out.join(rel)).unwrap();
        let mut br = Vec::new();
        brotli::Decompressor::new(&fs::read(out.join(format!("{rel}.br"))).unwrap()[..], 4096).read_to_end(&mut br).unwrap();
        let mut gz = Vec::new();
        flate2::read::GzDecoder::new(&fs::read(out.join(format!("{rel}.gz"))).unwrap()[..]).read_to_end(&mut gz).unwrap();
        assert!(br == plain && gz == plain, "{rel}: a copy differs");
        checked += 1;
    }
    assert_eq!(checked, 5);
    let pages = html_files(out);
    let missing: Vec<_> = pages.iter().filter(|p| fs::metadata(p).unwrap().len() > 1024 && !p.with_extension("html.br").is_file()).collect();
    assert!(missing.is_empty(), "pages without a .br copy: {missing:?}");
    let binary = walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok).filter(|e| {
        let name = e.file_name().to_string_lossy();
        name.ends_with(".pdf.br") || name.ends_with(".woff2.gz") || name.ends_with(".odt.br")
    });
    assert_eq!(binary.count(), 0, "compressed formats got copies");
}

/// The editing interface lives in `admin/` and nowhere else: no public page loads or links
/// it (their weight and CSP stay as they were), the sitemap and search leave it out, and
/// robots are kept away.
#[test]
fn the_cms_stays_in_admin() {
    let admin = read("admin/index.html");
    assert!(admin.contains("rel=\"cms-config-url\"") && admin.contains("<script src=\"decap-cms.js\">"), "{admin}");
    assert!(output().join("admin/decap-cms.js").metadata().unwrap().len() > 1_000_000);
    let config: serde_json::Value = serde_json::from_str(&read("admin/config.yml")).unwrap();
    assert_eq!(config["collections"][0]["folder"], "content/servizi");
    for page in html_files(output()) {
        let html = fs::read_to_string(&page).unwrap();
        assert!(!html.contains("decap") && !html.contains("/admin/"), "{} mentions the CMS", page.display());
    }
    assert!(!read("sitemap.xml").contains("/admin/"));
    assert!(read("robots.txt").contains("Disallow: /cst/admin/"), "{}", read("robots.txt"));
    assert!(!read("pagefind/pagefind-entry.json").is_empty());
}
