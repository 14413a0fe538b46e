//! What others reuse from the example site: schema.org JSON-LD on every service page, the
//! open-data catalogue (same services and amounts as the pricing engine), valid Atom feeds,
//! topic pages and the search index.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::select;
use serde_json::Value;
use vetrina::artifacts::opendata::Row;
use vetrina::build;
use vetrina::pricing::engine::{item_price, Price, Profile};
use vetrina::pricing::{Basis, EnteType, Tariff};

fn output() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| common::build_example_under_subpath().0)
}

fn read(rel: &str) -> String {
    fs::read_to_string(output().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn service_slugs() -> BTreeSet<String> {
    fs::read_dir(output().join("servizi"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect()
}

fn get<'a>(v: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(v, |v, k| &v[k])
}

#[test]
fn every_service_page_carries_one_government_service_with_the_required_properties() {
    for slug in service_slugs() {
        let html = read(&format!("servizi/{slug}/index.html"));
        let blocks = select(&html, "script[data-element=metatag]", "type");
        assert_eq!(blocks.len(), 1, "{slug}: exactly one metatag block");
        assert_eq!(blocks[0].0.as_deref(), Some("application/ld+json"));
        let v: Value = serde_json::from_str(&blocks[0].1).unwrap_or_else(|e| panic!("{slug}: {e}"));
        assert_eq!(v["@type"], "GovernmentService", "{slug}");
        for p in [
            "name",
            "serviceType",
            "serviceOperator.name",
            "areaServed.name",
            "audience.audienceType",
            "availableChannel.serviceUrl",
            "availableChannel.serviceLocation.name",
            "availableChannel.serviceLocation.address.streetAddress",
            "availableChannel.serviceLocation.address.postalCode",
            "availableChannel.serviceLocation.address.addressLocality",
        ] {
            let x = get(&v, p);
            assert!(x.as_str().is_some_and(|s| !s.is_empty()), "{slug}: {p} missing in {v}");
        }
        if let Some(offers) = v["offers"].as_array() {
            for o in offers {
                assert_eq!(o["priceSpecification"]["priceCurrency"], "EUR", "{slug}");
                assert_eq!(o["priceSpecification"]["valueAddedTaxIncluded"], false, "{slug}");
            }
        }
        let crumbs: Vec<Value> = select(&html, "script[type=\"application/ld+json\"]", "type")
            .into_iter()
            .map(|(_, body)| serde_json::from_str(&body).unwrap())
            .filter(|v: &Value| v["@type"] == "BreadcrumbList")
            .collect();
        assert_eq!(crumbs.len(), 1, "{slug}: breadcrumb list");
    }
    let rao: Value = serde_json::from_str(&select(&read("servizi/rao-pubblico/index.html"), "script[data-element=metatag]", "type")[0].1).unwrap();
    let activation = &rao["offers"][0]["priceSpecification"];
    assert_eq!((activation["minPrice"].as_str(), activation["maxPrice"].as_str()), (Some("650.00"), Some("900.00")));
}

fn csv_rows() -> Vec<Row> {
    let text = read("dati/catalogo.csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.deserialize().map(|x| x.expect("a valid CSV row")).collect()
}

#[test]
fn the_open_catalogue_round_trips_services_and_amounts() {
    let rows = csv_rows();
    let json: Value = serde_json::from_str(&read("dati/catalogo.json")).unwrap();
    let json_rows: Vec<Row> = serde_json::from_value(json["righe"].clone()).unwrap();
    assert_eq!(rows, json_rows, "CSV and JSON hold the same rows");
    let services: BTreeSet<String> = rows.iter().filter(|r| r.tipo == "servizio").map(|r| r.servizio.clone()).collect();
    assert_eq!(services, service_slugs());

    // Every flat or per-unit price in the catalogue is what the engine computes.
    let catalog = build::catalog(&common::repo()).unwrap();
    // A row of a dated price list is priced with that list.
    let tariff_of = |service: &str, from: &str| -> Option<Tariff> {
        let slug = &catalog.services.iter().find(|s| s.meta.slug == service)?.tariff.as_ref()?.slug;
        let doc = catalog.tariffs.iter().find(|t| &t.meta.slug == slug)?;
        match doc.periods.iter().find(|p| p.from.to_string() == from) {
            Some(list) => Some(list.tariff.clone()),
            None => Some(doc.tariff.clone()),
        }
    };
    let mut checked = 0;
    for r in rows.iter().filter(|r| r.tipo == "voce" && r.tipo_ente.is_empty() && r.minimo_euro.is_empty() && r.massimo_euro.is_empty()) {
        let t = tariff_of(&r.servizio, &r.valido_dal).unwrap();
        let item = t.items.iter().find(|i| i.id == r.voce).unwrap();
        let mut p = Profile { ente_type: EnteType::Comune, ..Profile::default() };
        let figure = r.fascia_da.unwrap_or(1000).max(1);
        for b in Basis::ALL {
            let name = vetrina::pricing::describe::input_spec(b).name;
            if r.base == name || r.base.is_empty() {
                match b {
                    Basis::Population => p.population = figure,
                    Basis::Workstations => p.workstations = figure,
                    Basis::Businesses => p.businesses = figure,
                    Basis::Users => p.users = figure,
                    Basis::Persons => p.persons = figure,
                }
            }
        }
        let expected = match (r.modello.as_str(), r.importo_euro.as_str(), r.importo_unitario_euro.as_str()) {
            ("fisso" | "fasce", amount, "") if !amount.is_empty() => vetrina::pricing::money::parse_cents(amount).unwrap(),
            ("unitario" | "fasce", "", rate) if !rate.is_empty() => {
                vetrina::pricing::money::times_rate(figure, vetrina::pricing::money::parse_rate(rate).unwrap()).unwrap()
            }
            _ => continue,
        };
        if item.quantity.is_some() || matches!(item.rule, vetrina::pricing::Rule::Sum { .. }) {
            continue;
        }
        assert_eq!(item_price(item, &p), Ok(Price::Amount(expected)), "{} / {} at {figure}", r.servizio, r.voce);
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} price points checked");
    let dcat: Value = serde_json::from_str(&read("dati/catalogo-dcat.jsonld")).unwrap();
    for d in dcat["dcat:dataset"].as_array().unwrap() {
        for key in
            ["dct:identifier", "dct:title", "dct:description", "dct:modified", "dcat:theme", "dct:rightsHolder", "dct:accrualPeriodicity", "dcat:distribution"]
        {
            assert!(!d[key].is_null(), "dataset lacks {key}");
        }
        for dist in d["dcat:distribution"].as_array().unwrap() {
            let url = dist["dcat:accessURL"]["@id"].as_str().unwrap();
            let rel = url.strip_prefix("https://example.org/cst/").unwrap();
            assert!(output().join(rel).is_file(), "{url} is not in the site");
            assert_eq!(dist["dct:license"]["@id"], "https://creativecommons.org/licenses/by/4.0/");
        }
    }
    let cpsv: Value = serde_json::from_str(&read("dati/servizi-cpsv.jsonld")).unwrap();
    assert_eq!(cpsv["@graph"].as_array().unwrap().len(), service_slugs().len());
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.tag_name().name() == name)
}

#[test]
fn feeds_are_atom_with_the_required_elements() {
    for (file, min_entries) in [("notizie/feed.xml", 4), ("servizi/novita.xml", 15)] {
        let text = read(file);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(feed.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
        for name in ["id", "title", "updated", "author"] {
            assert!(child(feed, name).is_some(), "{file}: feed lacks {name}");
        }
        let entries: Vec<_> = feed.children().filter(|c| c.tag_name().name() == "entry").collect();
        assert!(entries.len() >= min_entries, "{file}: {} entries", entries.len());
        let mut ids = BTreeSet::new();
        for e in entries {
            for name in ["id", "title", "updated", "link"] {
                assert!(child(e, name).is_some(), "{file}: an entry lacks {name}");
            }
            assert!(ids.insert(child(e, "id").unwrap().text().unwrap().to_string()), "{file}: duplicate entry id");
            let updated = child(e, "updated").unwrap().text().unwrap();
            assert!(jiff::Timestamp::from_str(updated).is_ok(), "{file}: updated {updated} is not RFC 3339");
        }
    }
    // A tariff's new dated price list is announced in the catalog's feed, with its act.
    let novita = read("servizi/novita.xml");
    assert!(novita.contains("<title>Nuovo listino dal 01/01/2027: Posta elettronica e collaborazione</title>"), "{novita}");
    assert!(novita.contains("approvati con deliberazione dell'Assemblea dei Sindaci n. 11"), "{novita}");
    let home = read("index.html");
    let alternates = select(&home, "link[rel=alternate][type=\"application/atom+xml\"]", "href");
    let hrefs: Vec<String> = alternates.into_iter().filter_map(|(h, _)| h).collect();
    assert!(hrefs.contains(&"/cst/notizie/feed.xml".to_string()) && hrefs.contains(&"/cst/servizi/novita.xml".to_string()), "{hrefs:?}");
}

use std::str::FromStr;

#[test]
fn every_topic_named_on_a_page_links_to_its_topic_page() {
    for slug in service_slugs() {
        let html = read(&format!("servizi/{slug}/index.html"));
        for (href, label) in select(&html, "[data-element=service-topic] a", "href") {
            let href = href.unwrap();
            let rel = href.strip_prefix("/cst/").unwrap();
            let topic = read(&format!("{rel}index.html"));
            assert_eq!(select(&topic, "h1", "id")[0].1.trim(), label.trim(), "{href}");
            assert!(!select(&topic, &format!("a[href=\"/cst/servizi/{slug}/\"]"), "href").is_empty(), "{href} does not list {slug}");
        }
    }
    assert!(output().join("livelli/avanzato/index.html").is_file());
    assert!(output().join("argomenti/index.html").is_file());
}

#[test]
fn the_search_index_is_written_for_the_sub_path() {
    assert!(output().join("pagefind/pagefind.js").is_file());
    assert!(output().join("pagefind/pagefind-entry.json").is_file());
    let entry: Value = serde_json::from_str(&read("pagefind/pagefind-entry.json")).unwrap();
    assert!(entry["languages"]["it"]["page_count"].as_u64().unwrap() >= 30, "{entry}");
    let search = read("cerca/index.html");
    assert_eq!(select(&search, "form[role=search]", "action")[0].0.as_deref(), Some("/cst/servizi/"));
}
