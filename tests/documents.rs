//! The documents of the example site: every PDF passes `qpdf --check`, is tagged, has the
//! form's fields (names read back with lopdf and compared with the form definition, each
//! with an accessible name) and the expected text (`pdftotext`); every ODT converts with
//! LibreOffice (one run for all) and says the same; pages link them with format and size.
//! Needs qpdf, poppler-utils and libreoffice-writer-nogui: `bash tests/setup.sh`.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use vetrina::build;
use vetrina::domain::{Field, FieldType, Form};

/// Build the example site once, under a sub-path, into a temporary folder.
fn output() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let (out, summary) = common::build_example_under_subpath();
        assert!(summary.documents > 0, "no documents were generated");
        out
    })
}

fn files(ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        walkdir::WalkDir::new(output()).into_iter().filter_map(Result::ok).map(|e| e.into_path()).filter(|p| p.extension().is_some_and(|x| x == ext)).collect();
    v.sort();
    v
}

/// Run a tool of the test prerequisites; its stdout.
fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} is not installed ({e}): run `bash tests/setup.sh` (see README)"));
    assert!(out.status.success(), "{program} {args:?} failed:\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn text_of(pdf: &Path) -> String {
    squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]))
}

/// Whitespace collapsed, typographic apostrophes as typed (documents use smart quotes).
fn squash(s: &str) -> String {
    s.replace('’', "'").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn catalog() -> &'static vetrina::content::Catalog {
    static CATALOG: OnceLock<vetrina::content::Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| build::catalog(&common::repo()).unwrap_or_else(|e| panic!("{}", common::list(&e))))
}

/// The form a PDF or ODT under `moduli/<form>/` belongs to.
fn form_of(path: &Path) -> &'static Form {
    let slug = path.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str()).unwrap();
    catalog().forms.iter().find(|f| f.meta.slug == slug).unwrap_or_else(|| panic!("no form {slug}"))
}

/// The service a form document was made for (`<form>-<service>.pdf`), if any.
fn service_of(path: &Path) -> Option<&'static vetrina::domain::Service> {
    let form = form_of(path);
    let stem = path.file_stem()?.to_str()?;
    let service = stem.strip_prefix(&format!("{}-", form.meta.slug))?;
    catalog().services.iter().find(|s| s.meta.slug == service)
}

/// The AcroForm names a field must have, derived here from the definition on its own.
fn expected_names(f: &Field) -> Vec<String> {
    match f.field_type {
        FieldType::Elenco => (1..=f.rows).flat_map(|r| (1..=f.columns.len()).map(move |c| format!("{}-{r}-{c}", f.name))).collect(),
        FieldType::Adesione => vec![f.name.clone(), format!("{}-atto-numero", f.name), format!("{}-atto-data", f.name), format!("{}-seduta-data", f.name)],
        _ => vec![f.name.clone()],
    }
}

#[test]
fn every_pdf_is_valid_tagged_a4_and_titled() {
    let pdfs = files("pdf");
    assert!(pdfs.len() >= 30, "only {} PDFs", pdfs.len());
    for pdf in &pdfs {
        let p = pdf.to_str().unwrap();
        let check = tool("qpdf", &["--check", p]);
        assert!(check.contains("No syntax or stream encoding errors"), "{p}: {check}");
        let info = tool("pdfinfo", &[p]);
        assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.ends_with("yes")), "{p} is not tagged:\n{info}");
        assert!(info.contains("Page size:       595.28 x 841.89 pts (A4)"), "{p} is not A4:\n{info}");
        assert!(info.lines().any(|l| l.starts_with("Title:") && l.len() > 20), "{p} has no title:\n{info}");
        if p.contains("/moduli/") {
            assert!(info.contains("Form:            AcroForm"), "{p} has no AcroForm:\n{info}");
        }
    }
}

#[test]
fn acroform_fields_match_the_form_definition_and_have_accessible_names() {
    for pdf in files("pdf").iter().filter(|p| p.to_string_lossy().contains("/moduli/")) {
        let form = form_of(pdf);
        let mut expected: BTreeSet<String> = form.sections.iter().flat_map(|s| s.fields.iter().flat_map(expected_names)).collect();
        // A service's copy: a box per optional item of its tariff and a field per quantity.
        let tariff = service_of(pdf).and_then(|s| s.tariff.as_ref()).and_then(|t| catalog().tariffs.iter().find(|d| d.meta.slug == t.slug));
        for f in form.sections.iter().flat_map(|s| &s.fields).filter(|f| f.field_type == FieldType::OpzioneTariffa) {
            for item in tariff.iter().flat_map(|t| &t.tariff.items) {
                if item.optional {
                    expected.insert(format!("{}-{}", f.name, item.id));
                }
                if item.quantity.is_some() {
                    expected.insert(format!("{}-{}-quantita", f.name, item.id));
                }
            }
        }
        if form.signature {
            expected.extend(["luogo-data".to_string(), "firma".to_string()]);
        }
        let doc = lopdf::Document::load(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        let catalog = doc.catalog().unwrap();
        let acroform = doc.dereference(catalog.get(b"AcroForm").unwrap()).unwrap().1.as_dict().unwrap().clone();
        let mut found = BTreeSet::new();
        for field in acroform.get(b"Fields").unwrap().as_array().unwrap() {
            let dict = doc.dereference(field).unwrap().1.as_dict().unwrap();
            let name = String::from_utf8_lossy(dict.get(b"T").unwrap().as_str().unwrap()).into_owned();
            let tu = dict.get(b"TU").map(|t| t.as_str().map(|s| s.len()).unwrap_or(0)).unwrap_or(0);
            assert!(tu > 2, "{}: field {name} has no accessible name (/TU)", pdf.display());
            assert!(found.insert(name.clone()), "{}: field {name} twice", pdf.display());
        }
        assert_eq!(found, expected, "{}: AcroForm fields differ from the definition of {}", pdf.display(), form.meta.slug);
        // The membership status is a radio group whose options are those of the web form.
        if let Some(f) = form.sections.iter().flat_map(|s| &s.fields).find(|f| f.field_type == FieldType::Adesione) {
            let group = acroform
                .get(b"Fields")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|r| doc.dereference(r).unwrap().1.as_dict().unwrap())
                .find(|d| d.get(b"T").unwrap().as_str().unwrap() == f.name.as_bytes())
                .unwrap();
            assert_eq!(group.get(b"FT").unwrap().as_name().unwrap(), b"Btn");
            let flags = group.get(b"Ff").unwrap().as_i64().unwrap();
            assert!(flags & (1 << 15) != 0, "{}: {} is not a radio group", pdf.display(), f.name);
            assert_eq!(group.get(b"Kids").unwrap().as_array().unwrap().len(), vetrina::domain::MEMBERSHIP_STATES.len());
        }
    }
}

/// The comparison of the two conventions as a PDF says each change in words.
#[test]
fn the_comparison_pdf_says_each_change_in_words() {
    let pdf = output().join("convenzioni/convenzione-cst-2024/cosa-cambia/cosa-cambia-convenzione-cst-2024.pdf");
    let text = text_of(&pdf);
    for expected in [
        "Cosa cambia rispetto alla convenzione 2018–2023",
        "Articoli aggiunti: Art. 6-bis – Attivazione di nuovi servizi.",
        "Articoli eliminati: Art. 7 – Comitato tecnico.",
        "la quota di adesione [aggiunto: in proporzione ai mesi di adesione, computando] per [eliminato: intero.]",
        "[aggiunto: intero il mese in cui l'adesione decorre.]",
    ] {
        assert!(text.contains(expected), "«{expected}» not in the comparison PDF:\n{text}");
    }
}

#[test]
fn pdf_text_has_the_heading_labels_activities_and_amounts() {
    let site = &catalog();
    for pdf in files("pdf").iter().filter(|p| p.to_string_lossy().contains("/moduli/")) {
        let text = text_of(pdf);
        let form = form_of(pdf);
        let must = |s: &str| assert!(text.contains(&squash(s)), "{}: no «{s}» in\n{text}", pdf.display());
        must("CST Valdorsa");
        must("Ente capofila: Provincia di Valdorsa");
        must("PEC: cst.valdorsa@pec.example.it");
        must(&form.title);
        for section in &form.sections {
            must(&section.title);
            for f in &section.fields {
                must(&f.label);
            }
        }
        if !form.declarations.is_empty() {
            must("Dichiarazioni");
            must(&form.declarations[0]);
        }
        if let Some(service) = service_of(pdf) {
            must(&format!("Il servizio: {}", service.title));
            for a in &service.activities {
                must(a);
            }
            let tariff = service.tariff.as_ref().and_then(|t| site.tariffs.iter().find(|x| x.meta.slug == t.slug));
            if let Some(t) = tariff {
                // The build prints the price list in force today (posta-elettronica has three).
                let mut t = t.clone();
                t.use_list_in_force(jiff::Zoned::now().date());
                let summary = vetrina::pricing::describe::summarize(&t.tariff);
                for item in &summary.items {
                    must(&item.name);
                    for amount in amounts(&item.price).into_iter().chain(item.bands.iter().flat_map(|b| amounts(&b.price))) {
                        must(&amount);
                    }
                }
            }
        }
    }
}

/// "1.650,00 €" and the like, out of a price text.
fn amounts(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for w in words.windows(2) {
        if w[1] == "€" && w[0].chars().next().is_some_and(|c| c.is_ascii_digit()) {
            out.push(format!("{} €", w[0]));
        }
    }
    out
}

#[test]
fn conventions_are_pdf_with_a_table_of_contents_and_every_article() {
    for c in &catalog().conventions {
        let pdf = output().join(format!("convenzioni/{0}/{0}.pdf", c.meta.slug));
        let text = text_of(&pdf);
        assert!(text.contains(&squash(&c.title)), "{}", pdf.display());
        assert!(text.contains("Indice"), "{}: no table of contents", pdf.display());
        for line in c.markdown.lines().filter_map(|l| l.strip_prefix("## ")) {
            // Each article twice: in the table of contents and as a heading.
            let n = text.matches(&squash(line)).count();
            assert!(n >= 2, "{}: «{line}» appears {n} times", pdf.display());
        }
        let outline = tool("qpdf", &["--json", "--json-key=outlines", pdf.to_str().unwrap()]);
        assert!(outline.contains("Art. 1"), "{}: no bookmarks", pdf.display());
    }
}

#[test]
fn odt_files_convert_with_libreoffice_and_say_the_same() {
    let odts = files("odt");
    assert!(odts.len() >= 30, "only {} ODTs", odts.len());
    let dir = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let pdfs = dir.path().join("pdf");
    let mut args = vec![profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir", pdfs.to_str().unwrap()];
    args.extend(odts.iter().map(|p| p.to_str().unwrap()));
    let log = tool("libreoffice", &args);
    for odt in &odts {
        let pdf = pdfs.join(odt.file_stem().unwrap()).with_extension("pdf");
        assert!(pdf.is_file(), "LibreOffice did not convert {}:\n{log}", odt.display());
        let text = text_of(&pdf);
        let must = |s: &str| assert!(text.contains(&squash(s)), "{}: no «{s}» in\n{text}", odt.display());
        let name = odt.file_name().unwrap().to_string_lossy();
        if name.starts_with("delibera-") {
            must("DELIBERA");
            must("art. 30 del D.Lgs. 18 agosto 2000, n. 267");
        } else if name.starts_with("cosa-cambia-") {
            must("Cosa cambia rispetto alla convenzione");
            must("[aggiunto: ");
            must("[eliminato: ");
        } else if odt.to_string_lossy().contains("/convenzioni/") {
            must("Indice");
            must("Art. 1");
        } else {
            let form = form_of(odt);
            must(&form.title);
            for f in form.sections.iter().flat_map(|s| &s.fields) {
                must(&f.label);
            }
            if let Some(s) = service_of(odt) {
                must(&format!("Il servizio: {}", s.title));
            }
        }
        // An ODT is a zip whose first entry is the stored mimetype.
        let bytes = fs::read(odt).unwrap();
        assert_eq!(&bytes[30..38], b"mimetype", "{}", odt.display());
    }
}

#[test]
fn pages_link_every_document_with_format_and_size() {
    let out = output();
    for doc in files("pdf").into_iter().chain(files("odt")) {
        let rel = doc.strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
        let size = vetrina::output::size_label(fs::metadata(&doc).unwrap().len() as usize);
        let format = if rel.ends_with(".pdf") { "PDF" } else { "ODT" };
        let dir = Path::new(&rel).parent().unwrap();
        let page = fs::read_to_string(out.join(dir).join("index.html")).unwrap();
        // Minified pages may leave attribute values unquoted.
        let at = [format!("href=\"/cst/{rel}\""), format!("href=/cst/{rel}>")]
            .iter()
            .find_map(|h| page.find(h.as_str()))
            .unwrap_or_else(|| panic!("{}/index.html does not link {rel}", dir.display()));
        let link = &page[at..page[at..].find("</a>").map_or(page.len(), |e| at + e)];
        assert!(link.contains(format) && link.contains(&size), "{rel}: the link does not say «{format}» and «{size}»: {link}");
    }
    // Each service page offers its forms in "Accedi al servizio" with format and size.
    let rao = fs::read_to_string(out.join("servizi/rao-pubblico/index.html")).unwrap();
    let anchor = |id: &str| rao.find(&format!("id=\"{id}\"")).or_else(|| rao.find(&format!("id={id}"))).unwrap();
    let access = &rao[anchor("accedi-al-servizio")..];
    assert!(access.contains("/cst/moduli/richiesta-servizio/richiesta-servizio-rao-pubblico.pdf"));
    assert!(access.contains("(PDF, ") && access.contains("(ODT, "));
    let cost = &rao[anchor("quanto-costa")..anchor("accedi-al-servizio")];
    assert!(cost.contains("richiesta-servizio-rao-pubblico.pdf"), "no form download in Quanto costa");
}

/// The request form reads like a PA form: nothing meant for the web site, no instruction
/// twice, one table of the prices by kind of Ente instead of a line per item and kind, the
/// population the declarations refer to, the three membership answers of the guide and the
/// service's own optional items as choices.
#[test]
fn the_request_pdf_reads_like_a_pa_form() {
    let pdf = output().join("moduli/richiesta-servizio/richiesta-servizio-rao-pubblico.pdf");
    let text = text_of(&pdf);
    for web_only in ["Accedi al servizio", "Ogni scheda di servizio", "indicato in alto"] {
        assert!(!text.contains(web_only), "website-only «{web_only}» in the PDF:\n{text}");
    }
    assert_eq!(text.matches("via PEC a").count(), 1, "the sending instruction is not once:\n{text}");
    assert!(!text.contains(": Unioni di Comuni: su richiesta."), "one line per item and kind:\n{text}");
    assert!(text.contains("Prezzi per tipo di Ente"), "{text}");
    assert!(text.contains("Voce Unioni di Comuni Comunità montane Altri Enti Attivazione su richiesta su richiesta su richiesta"), "{text}");
    assert!(text.contains("popolazione indicata") && text.contains("Popolazione (ultimo censimento ISTAT)"), "{text}");
    for state in vetrina::domain::MEMBERSHIP_STATES {
        assert!(text.contains(state.label), "no membership answer «{}»", state.label);
    }
    assert!(text.contains("Seduta prevista per l'approvazione: data"), "{text}");
    assert!(text.contains("SPID Day: numero di giornate Da 1 a 10."), "{text}");
    // In the fields too: the optional item is a box to tick.
    let fields = tool("qpdf", &["--json", "--json-key=acroform", pdf.to_str().unwrap()]);
    assert!(fields.contains("\"fullname\": \"opzione_scelta-spid-day\""), "{fields}");
}

/// Every Latin letter content may hold prints in the PDF's text and copies out of it, and
/// the text faces are subsets (the field face stays whole, for what a person types).
#[test]
fn the_pdf_text_holds_every_latin_letter_in_subset_fonts() {
    let site = common::Site::new();
    let names = "Ștefănescu Łukasz Øre Ñandú Dvořák Őrség Đurđević Żółć Straße Œuvre";
    site.write(
        "content/moduli/prova.md",
        &format!(
            "+++\ntitolo = \"Modulo per {names}\"\ntipo = \"richiesta\"\ndescrizione = \"Referenti: {names}.\"\ninvio_pec = \"cst@pec.example.it\"\n\n\
             [[sezioni]]\ntitolo = \"Referente\"\n\n[[sezioni.campi]]\nnome = \"referente\"\netichetta = \"Nome, per esempio {names}\"\ntipo = \"testo\"\n+++\n"
        ),
    );
    site.build().unwrap_or_else(|e| panic!("{}", common::list(&e)));
    let pdf = site.root().join("output/moduli/prova/prova.pdf");
    let text = text_of(&pdf);
    assert!(text.contains(&format!("Modulo per {names}")) && text.contains(&format!("Nome, per esempio {names}")), "{text}");
    assert!(!text.contains('?'), "a letter printed as ?:\n{text}");
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let subsets = fonts.lines().filter(|l| l.contains("CID TrueType") && l.contains("Identity-H") && l.contains(" yes yes yes ")).count();
    assert_eq!(subsets, 2, "the regular and bold text faces as subsets:\n{fonts}");
    assert!(fonts.lines().any(|l| l.starts_with("TitilliumWeb-Regular ") && l.contains("WinAnsi")), "the whole field face:\n{fonts}");
}
