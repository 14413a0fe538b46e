//! Open data under `/dati/`: the catalogue as CSV and JSON (one row per service and one per
//! price point of its tariff), the services as CPSV-AP JSON-LD, and a DCAT-AP_IT description
//! of these datasets for the national open-data portal. CC-BY 4.0, like the site's content.

use serde::Serialize;
use serde_json::{json, Value};

use crate::model::{ServiceView, Site};
use crate::output::OutputFile;
use crate::pricing::describe::input_spec;
use crate::pricing::money::{Cents, UnitRate};
use crate::pricing::{BandValue, EnteType, Fixed, Item, Periodicity, Rule, Tariff};

pub const CSV: &str = "dati/catalogo.csv";
pub const JSON: &str = "dati/catalogo.json";
pub const CPSV: &str = "dati/servizi-cpsv.jsonld";
pub const DCAT: &str = "dati/catalogo-dcat.jsonld";
pub const LICENCE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// One row of the catalogue. `tipo` is `servizio` for the service itself and `voce` for a
/// price point: a fixed amount, a unit rate, a band, a component of a sum, or the price for
/// one type of Ente.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, PartialEq)]
pub struct Row {
    pub tipo: String,
    pub servizio: String,
    pub titolo: String,
    pub url: String,
    pub livello: String,
    pub stato: String,
    pub destinatari: String,
    pub voce: String,
    pub nome_voce: String,
    pub modello: String,
    pub periodicita: String,
    pub base: String,
    pub tipo_ente: String,
    pub fascia_da: Option<u64>,
    pub fascia_a: Option<u64>,
    /// Euros with two decimals, e.g. "650.00".
    pub importo_euro: String,
    /// Euros per unit, up to four decimals, e.g. "0.44".
    pub importo_unitario_euro: String,
    pub su_richiesta: bool,
    pub minimo_euro: String,
    pub massimo_euro: String,
    /// VAT rate in percent, e.g. "22".
    pub iva_percento: String,
    /// For a tariff with dated price lists: the period of the list the row belongs to
    /// (`2027-01-01`, empty `valido_al` for the last one); empty for a tariff of one list.
    pub valido_dal: String,
    pub valido_al: String,
}

pub fn euros(c: Cents) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

pub fn rate_euros(r: UnitRate) -> String {
    let s = format!("{}.{:04}", r.0 / 10_000, r.0 % 10_000);
    let t = s.trim_end_matches('0');
    // Keep at least two decimals, like an amount.
    let decimals = t.len() - t.find('.').map_or(t.len(), |i| i + 1);
    format!("{t}{}", "0".repeat(2usize.saturating_sub(decimals)))
}

fn model_name(rule: &Rule) -> &'static str {
    match rule {
        Rule::Fixed { .. } => "fisso",
        Rule::Included => "incluso",
        Rule::OnRequest => "su-richiesta",
        Rule::PerUnit { .. } => "unitario",
        Rule::Bands { .. } => "fasce",
        Rule::Tiers { .. } => "scaglioni",
        Rule::Sum { .. } => "somma",
    }
}

fn periodicity_name(p: Periodicity) -> &'static str {
    match p {
        Periodicity::OneOff => "una-tantum",
        Periodicity::Yearly => "annuale",
        Periodicity::Monthly => "mensile",
    }
}

fn ente_type_name(t: EnteType) -> &'static str {
    match t {
        EnteType::Comune => "comune",
        EnteType::Unione => "unione",
        EnteType::ComunitaMontana => "comunita-montana",
        EnteType::Altro => "altro",
    }
}

/// Price-point rows of one rule; `row` carries the columns shared by all of them.
fn rule_rows(rule: &Rule, row: &Row, out: &mut Vec<Row>) {
    let mut r = Row { modello: model_name(rule).into(), ..row.clone() };
    match rule {
        Rule::Fixed { amount } => {
            r.importo_euro = euros(*amount);
            out.push(r);
        }
        Rule::Included => {
            r.importo_euro = euros(0);
            out.push(r);
        }
        Rule::OnRequest => {
            r.su_richiesta = true;
            out.push(r);
        }
        Rule::PerUnit { basis, rate } => {
            r.base = input_spec(*basis).name.into();
            r.importo_unitario_euro = rate_euros(*rate);
            out.push(r);
        }
        Rule::Bands { basis, bands } | Rule::Tiers { basis, bands } => {
            for b in bands {
                let mut br = Row { base: input_spec(*basis).name.into(), fascia_da: Some(b.from), fascia_a: b.to, ..r.clone() };
                match &b.value {
                    BandValue::Flat(c) => br.importo_euro = euros(*c),
                    BandValue::PerUnit(x) => br.importo_unitario_euro = rate_euros(*x),
                    BandValue::OnRequest => br.su_richiesta = true,
                    BandValue::Sum(parts) => {
                        for p in parts {
                            rule_rows(p, &br, out);
                        }
                        continue;
                    }
                }
                out.push(br);
            }
        }
        Rule::Sum { parts } => {
            for p in parts {
                rule_rows(p, &r, out);
            }
        }
    }
}

fn item_rows(item: &Item, base: &Row, out: &mut Vec<Row>) {
    let row = Row {
        tipo: "voce".into(),
        voce: item.id.clone(),
        nome_voce: item.name.clone(),
        periodicita: periodicity_name(item.periodicity).into(),
        minimo_euro: item.min.map(euros).unwrap_or_default(),
        massimo_euro: item.max.map(euros).unwrap_or_default(),
        ..base.clone()
    };
    rule_rows(&item.rule, &row, out);
    for (t, f) in &item.by_ente_type {
        let mut r = Row { tipo_ente: ente_type_name(*t).into(), modello: "per-tipo-ente".into(), ..row.clone() };
        match f {
            Fixed::Amount(c) => r.importo_euro = euros(*c),
            Fixed::Included => r.importo_euro = euros(0),
            Fixed::OnRequest => r.su_richiesta = true,
            Fixed::NotAvailable => r.modello = "non-disponibile".into(),
        }
        out.push(r);
    }
}

/// Every row of the catalogue, services in catalogue order.
pub fn rows(site: &Site) -> Vec<Row> {
    let mut out = Vec::new();
    for s in &site.services {
        let tariff: Option<&Tariff> = s.tariff.as_ref().and_then(|t| site.calculator.tariffs.get(&t.slug));
        let base = Row {
            tipo: "servizio".into(),
            servizio: s.slug.clone(),
            titolo: s.title.clone(),
            url: site.absolute(&s.url),
            livello: s.level.slug.into(),
            stato: if s.status.active { "attivo" } else { "sospeso" }.into(),
            destinatari: s.audiences.iter().map(|a| a.slug).collect::<Vec<_>>().join("; "),
            iva_percento: tariff.map(|t| percent(t.vat.0)).unwrap_or_default(),
            ..Row::default()
        };
        out.push(base.clone());
        let periods = s.tariff.as_ref().and_then(|t| site.calculator.periods.get(&t.slug));
        match (periods, tariff) {
            // Every price list, each row with its period: the history and the next list too.
            (Some(lists), _) => {
                for list in lists {
                    let dated = Row { valido_dal: list.from.to_string(), valido_al: list.to.map(|d| d.to_string()).unwrap_or_default(), ..base.clone() };
                    for item in &list.tariff.items {
                        item_rows(item, &dated, &mut out);
                    }
                }
            }
            (None, Some(t)) => {
                for item in &t.items {
                    item_rows(item, &base, &mut out);
                }
            }
            (None, None) => {}
        }
    }
    out
}

fn percent(bp: u32) -> String {
    if bp.is_multiple_of(100) {
        (bp / 100).to_string()
    } else {
        format!("{}.{:02}", bp / 100, bp % 100).trim_end_matches('0').to_string()
    }
}

fn csv_bytes(rows: &[Row]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        // Writing into memory cannot fail.
        let _ = w.serialize(r);
    }
    w.into_inner().unwrap_or_default()
}

fn cpsv(site: &Site) -> Value {
    let lead = &site.config.lead_body;
    let services: Vec<Value> = site.services.iter().map(|s| cpsv_service(site, s)).collect();
    json!({
        "@context": {
            "cpsv": "http://purl.org/vocab/cpsv#",
            "cpsvapit": "https://w3id.org/italia/onto/CPSV/",
            "cv": "http://data.europa.eu/m8g/",
            "dct": "http://purl.org/dc/terms/",
            "dcat": "http://www.w3.org/ns/dcat#",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@graph": services,
        "dct:publisher": { "@type": "foaf:Organization", "foaf:name": lead.nome },
    })
}

fn cpsv_service(site: &Site, s: &ServiceView) -> Value {
    let tariff = s.tariff.as_ref().and_then(|t| site.calculator.tariffs.get(&t.slug));
    let costs: Vec<Value> = tariff
        .map(|t| {
            t.items
                .iter()
                .map(|i| {
                    let summary = crate::pricing::describe::summarize_item(i);
                    json!({
                        "@type": "cv:Cost",
                        "dct:identifier": format!("{}#{}", s.slug, i.id),
                        "dct:description": format!("{} ({}): {}", i.name, summary.periodicity, summary.price),
                        "cv:currency": "EUR",
                        "cpsvapit:vatIncluded": false,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let mut channels = vec![json!({
        "@type": "cv:Channel",
        "dct:type": "Posta elettronica certificata",
        "dct:description": format!("Richiesta con il modulo del servizio, firmato digitalmente e inviato via PEC a {}", site.config.lead_body.pec),
    })];
    if let Some(a) = &s.online_access {
        channels.push(json!({ "@type": "cv:Channel", "dct:type": "Sito web", "dct:description": a.label, "dcat:accessURL": a.url }));
    }
    json!({
        "@id": site.absolute(&s.url),
        "@type": ["cpsv:PublicService", "cpsvapit:PublicService"],
        "dct:identifier": s.slug,
        "dct:title": s.title,
        "dct:description": s.summary,
        "dcat:keyword": s.topics.iter().map(|t| t.label.clone()).collect::<Vec<_>>(),
        "cv:sector": s.macro_area,
        "cv:hasCompetentAuthority": { "@type": "foaf:Organization", "foaf:name": site.config.lead_body.nome },
        "cv:hasCost": costs,
        "cv:hasChannel": channels,
        "cv:hasContactPoint": {
            "@type": "cv:ContactPoint",
            "foaf:name": s.contacts.office,
            "cv:email": s.contacts.email,
            "cv:telephone": s.contacts.phone,
        },
        "dct:status": if s.status.active { "attivo" } else { "sospeso" },
    })
}

/// The DCAT-AP_IT description of the datasets above.
fn dcat(site: &Site) -> Value {
    let lead = &site.config.lead_body;
    let ipa = lead.codice_ipa.clone().unwrap_or_else(|| lead.codice_fiscale.clone());
    let modified = site.today.to_string();
    let agent = json!({ "@type": ["foaf:Agent", "dcatapit:Agent"], "foaf:name": lead.nome, "dct:identifier": ipa });
    let distribution = |path: &str, format: &str, title: &str| {
        json!({
            "@type": ["dcat:Distribution", "dcatapit:Distribution"],
            "dct:title": title,
            "dcat:accessURL": { "@id": site.absolute(&site.urls.path(path)) },
            "dcat:downloadURL": { "@id": site.absolute(&site.urls.path(path)) },
            "dct:format": { "@id": format!("http://publications.europa.eu/resource/authority/file-type/{format}") },
            "dct:license": { "@id": LICENCE, "@type": ["dct:LicenseDocument", "dcatapit:LicenseDocument"], "foaf:name": "CC BY 4.0" },
        })
    };
    let dataset = |n: u32, title: &str, description: &str, distributions: Vec<Value>| {
        json!({
            "@id": site.absolute(&site.urls.path(&format!("dati/#dataset-{n}"))),
            "@type": ["dcat:Dataset", "dcatapit:Dataset"],
            "dct:identifier": format!("{ipa}:D.{n}"),
            "dct:title": title,
            "dct:description": description,
            "dct:modified": modified,
            "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/ITA" },
            "dcat:theme": { "@id": "http://publications.europa.eu/resource/authority/data-theme/GOVE" },
            "dct:rightsHolder": agent.clone(),
            "dct:publisher": agent.clone(),
            "dct:accrualPeriodicity": { "@id": "http://publications.europa.eu/resource/authority/frequency/IRREG" },
            "dcat:distribution": distributions,
        })
    };
    json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcatapit": "http://dati.gov.it/onto/dcatapit#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": site.absolute(&site.urls.path("dati/")),
        "@type": ["dcat:Catalog", "dcatapit:Catalog"],
        "dct:title": format!("Dati aperti del {}", site.config.name),
        "dct:description": format!("Il catalogo dei servizi e delle tariffe del {}, in formato aperto.", site.config.name),
        "dct:publisher": agent.clone(),
        "dct:modified": modified,
        "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/ITA" },
        "foaf:homepage": { "@id": site.config.base_url },
        "dcat:dataset": [
            dataset(1, "Catalogo dei servizi e delle tariffe", "Una riga per servizio e una per ogni voce di prezzo della sua tariffa: modello, periodicità, fascia, importo in euro (IVA esclusa) e aliquota IVA.", vec![
                distribution(CSV, "CSV", "Catalogo dei servizi e delle tariffe (CSV)"),
                distribution(JSON, "JSON", "Catalogo dei servizi e delle tariffe (JSON)"),
            ]),
            dataset(2, "Servizi pubblici (CPSV-AP_IT)", "I servizi del catalogo descritti con il vocabolario CPSV-AP_IT.", vec![
                distribution(CPSV, "JSON_LD", "Servizi pubblici in JSON-LD (CPSV-AP_IT)"),
            ]),
        ],
    })
}

pub fn files(site: &Site) -> Vec<OutputFile> {
    let rows = rows(site);
    // Written straight from the rows (no JSON value in between) and side by side: with
    // thousands of services the table is the largest file the build writes in one piece.
    let json_doc = Table {
        titolo: format!("Catalogo dei servizi e delle tariffe del {}", site.config.name),
        licenza: LICENCE,
        aggiornato: site.today.to_string(),
        note: "Importi in euro, IVA esclusa. Arrotondamento: per voce, al centesimo, metà per eccesso.",
        righe: &rows,
    };
    let ((csv, json), (cpsv, dcat)) =
        rayon::join(|| rayon::join(|| csv_bytes(&rows), || pretty(&json_doc)), || rayon::join(|| pretty(&cpsv(site)), || pretty(&dcat(site))));
    vec![
        OutputFile { path: CSV.into(), bytes: csv },
        OutputFile { path: JSON.into(), bytes: json },
        OutputFile { path: CPSV.into(), bytes: cpsv },
        OutputFile { path: DCAT.into(), bytes: dcat },
    ]
}

fn pretty<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(v).unwrap_or_default()
}

/// The JSON file of the table: its fields in the order the file has always had.
#[derive(Serialize)]
struct Table<'r> {
    titolo: String,
    licenza: &'static str,
    aggiornato: String,
    note: &'static str,
    righe: &'r [Row],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_plain_decimals() {
        assert_eq!(euros(65_000), "650.00");
        assert_eq!(euros(5), "0.05");
        assert_eq!(rate_euros(UnitRate(4_400)), "0.44");
        assert_eq!(rate_euros(UnitRate(1_235)), "0.1235");
        assert_eq!(rate_euros(UnitRate(330_000)), "33.00");
        assert_eq!(rate_euros(UnitRate(1_250)), "0.125");
        assert_eq!(percent(2200), "22");
        assert_eq!(percent(1250), "12.5");
    }
}
