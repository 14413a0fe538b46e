//! The pricing engines: the hand-computed vectors of `tests/vectors/pricing.json` in Rust
//! and, through Node, in the browser module; then ≥ 10,000 generated profiles over every
//! example tariff must give the same cents in both.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use serde::Deserialize;
use serde_json::{json, Value};
use vetrina::pricing::engine::{quote, quote_periods, Price, Profile, Quote};
use vetrina::pricing::{EnteType, PricePeriod, Tariff};

#[derive(Deserialize)]
struct Vectors {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    tariff: String,
    profile: Profile,
    expect: BTreeMap<String, Value>,
}

/// The day the vectors treat as today: it starts the years of a tariff with dated price
/// lists when the profile gives no start.
const TODAY: &str = "2026-12-02";

fn today() -> jiff::civil::Date {
    TODAY.parse().unwrap()
}

fn tariffs() -> BTreeMap<String, Tariff> {
    let catalog = vetrina::build::catalog(&common::repo()).unwrap_or_else(|e| panic!("{}", common::list(&e)));
    catalog.tariffs.into_iter().map(|t| (t.meta.slug, t.tariff)).collect()
}

/// The dated price lists of the example tariffs that have them.
fn periods() -> BTreeMap<String, Vec<PricePeriod>> {
    let catalog = vetrina::build::catalog(&common::repo()).unwrap_or_else(|e| panic!("{}", common::list(&e)));
    catalog.tariffs.into_iter().filter(|t| t.periods.len() > 1).map(|t| (t.meta.slug, t.periods)).collect()
}

/// The engine's quote of an example tariff: year by year with its price lists when it has them.
fn engine_quote(tariffs: &BTreeMap<String, Tariff>, periods: &BTreeMap<String, Vec<PricePeriod>>, name: &str, p: &Profile) -> Quote {
    let q = match periods.get(name) {
        Some(lists) => quote_periods(lists, p, today()),
        None => quote(tariffs.get(name).unwrap_or_else(|| panic!("no tariff {name}")), p),
    };
    q.unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// What the browser engine reads: the tariffs, the dated lists and the day taken as today.
fn browser_data(tariffs: &BTreeMap<String, Tariff>) -> Value {
    json!({ "tariffs": tariffs, "periods": periods(), "today": TODAY })
}

fn euros(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn price_text(p: Price) -> String {
    match p {
        Price::Amount(c) => euros(c),
        Price::OnRequest => "on-request".into(),
        Price::Included => "included".into(),
        Price::NotAvailable => "not-available".into(),
        Price::NotChosen => "not-chosen".into(),
    }
}

/// Compare a quote with a case's expectations; returns the mismatches.
fn mismatches(q: &Quote, expect: &BTreeMap<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for (key, want) in expect {
        let got: Value = match key.as_str() {
            "one_off" => json!(euros(q.one_off)),
            "yearly" => json!(euros(q.yearly)),
            "vat_one_off" => json!(euros(q.vat_one_off)),
            "vat_yearly" => json!(euros(q.vat_yearly)),
            "first_year" => json!(euros(q.first_year)),
            "vat_first_year" => json!(euros(q.vat_first_year)),
            "total" => json!(euros(q.total)),
            "total_vat" => json!(euros(q.total_vat)),
            "incomplete" => json!(q.incomplete),
            "not_available" => json!(q.not_available),
            "lines" => {
                let mut lines = serde_json::Map::new();
                for (id, _) in want.as_object().expect("lines is an object") {
                    let line = q.lines.iter().find(|l| &l.item == id);
                    lines.insert(id.clone(), json!(line.map(|l| price_text(l.price)).unwrap_or_else(|| "no such item".into())));
                }
                Value::Object(lines)
            }
            other => panic!("unknown expectation {other}"),
        };
        if &got != want {
            out.push(format!("{key}: expected {want}, got {got}"));
        }
    }
    out
}

#[test]
fn rust_engine_matches_the_hand_computed_vectors() {
    let vectors: Vectors = serde_json::from_str(include_str!("vectors/pricing.json")).unwrap();
    let (tariffs, periods) = (tariffs(), periods());
    assert!(periods.contains_key("posta-elettronica"), "the example has a tariff with two price lists");
    let mut failures = Vec::new();
    for c in &vectors.cases {
        let q = engine_quote(&tariffs, &periods, &c.tariff, &c.profile);
        for m in mismatches(&q, &c.expect) {
            failures.push(format!("{}: {m}", c.name));
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors fail:\n{}", failures.len(), vectors.cases.len(), failures.join("\n"));
}

fn node(script: &str, args: &[&std::path::Path]) -> String {
    let out = Command::new("node")
        .arg(common::repo().join("tests/js").join(script))
        .args(args)
        .output()
        .expect("node is needed for the browser-engine tests (see README)");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{script} failed:\n{text}");
    text
}

#[test]
fn browser_engine_matches_the_hand_computed_vectors() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tariffs.json");
    std::fs::write(&data, serde_json::to_vec(&browser_data(&tariffs())).unwrap()).unwrap();
    let out = node("vectors.mjs", &[&data, &common::repo().join("tests/vectors/pricing.json")]);
    let vectors: Vectors = serde_json::from_str(include_str!("vectors/pricing.json")).unwrap();
    assert!(out.contains(&format!("{} passed, 0 failed", vectors.cases.len())), "{out}");
}

/// A small deterministic generator, so a failing case can be reproduced.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Band edges of every tariff, so generated figures hit them often.
fn edges(t: &Tariff) -> Vec<u64> {
    let json = serde_json::to_value(t).unwrap();
    let mut out = Vec::new();
    fn walk(v: &Value, out: &mut Vec<u64>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if k == "from" || k == "to" {
                        if let Some(n) = x.as_u64() {
                            out.extend([n.saturating_sub(1), n, n + 1]);
                        }
                    }
                    walk(x, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(&json, &mut out);
    out
}

/// A synthetic tariff whose odd rates land on half cents, to exercise the rounding rule.
fn stress_tariff() -> Tariff {
    let text = include_str!("vectors/stress-tariff.md");
    let file = vetrina::content::frontmatter::split(vetrina::diagnostics::Source::new("stress-tariff.md", text)).unwrap();
    let mut errors = Vec::new();
    let t = vetrina::content::tariff::parse(&file, vetrina::pricing::BasisPoints(2200), &mut errors);
    assert!(errors.is_empty(), "{}", common::list(&errors));
    t.unwrap().tariff
}

#[test]
fn both_engines_agree_on_ten_thousand_generated_profiles() {
    let mut tariffs = tariffs();
    tariffs.insert("stress".into(), stress_tariff());
    let periods = periods();
    let names: Vec<&String> = tariffs.keys().collect();
    let mut rng = Rng(0x5eed_cafe_f00d);
    let mut cases = Vec::new();
    for i in 0..12_000 {
        // Every other case on the stress tariff, the rest spread over the example ones.
        let name = if i % 2 == 0 { names.iter().find(|n| n.as_str() == "stress").unwrap() } else { names[i / 2 % names.len()] };
        let t = &tariffs[name];
        let e = edges(t);
        let figure = |rng: &mut Rng| match rng.below(4) {
            0 if !e.is_empty() => e[rng.below(e.len() as u64) as usize],
            1 => rng.below(100),
            2 => rng.below(60_000),
            _ => rng.below(2_000_000),
        };
        let mut p = Profile {
            ente_type: EnteType::ALL[rng.below(4) as usize],
            population: figure(&mut rng),
            workstations: figure(&mut rng),
            businesses: figure(&mut rng),
            users: figure(&mut rng),
            persons: figure(&mut rng),
            member: rng.below(4) != 0,
            quantities: BTreeMap::new(),
            years: 1 + rng.below(5) as u32,
            start: None,
        };
        // Half the profiles start during a year from 1999 to 2101: leap years, 1900-style
        // non-leap centuries (2100) and every month's first and last days among them.
        if rng.below(2) == 0 {
            let first = jiff::civil::date(1999 + rng.below(103) as i16, 1 + rng.below(12) as i8, 1);
            let day = match rng.below(3) {
                0 => 1,
                1 => first.days_in_month(),
                _ => 1 + rng.below(first.days_in_month() as u64) as i8,
            };
            p.start = Some(first.with().day(day).build().unwrap());
        }
        for item in &t.items {
            if (item.optional || item.quantity.is_some()) && rng.below(2) == 0 {
                p.quantities.insert(item.id.clone(), rng.below(12) as u32);
            }
        }
        let q = engine_quote(&tariffs, &periods, name, &p);
        cases.push(json!({ "tariff": name, "profile": p, "quote": q }));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.json");
    let mut data = browser_data(&tariffs);
    data["cases"] = json!(cases);
    std::fs::write(&file, serde_json::to_vec(&data).unwrap()).unwrap();
    let out = node("differential.mjs", &[&file]);
    assert!(out.contains("12000 passed, 0 failed"), "{out}");
}

/// The command-line arguments of `vetrina preventivo` that describe `p`.
fn quote_args(service: &str, p: &Profile) -> Vec<String> {
    let ente_type = serde_json::to_value(p.ente_type).unwrap().as_str().unwrap().to_string();
    let mut args: Vec<String> =
        vec!["preventivo".into(), "--root".into(), common::repo().display().to_string(), "--json".into(), "--servizio".into(), service.into()];
    for (option, value) in [
        ("--tipo", ente_type),
        ("--abitanti", p.population.to_string()),
        ("--postazioni", p.workstations.to_string()),
        ("--imprese", p.businesses.to_string()),
        ("--utenti", p.users.to_string()),
        ("--persone", p.persons.to_string()),
        ("--anni", p.years.to_string()),
    ] {
        args.extend([option.to_string(), value]);
    }
    if let Some(start) = p.start {
        args.extend(["--dal".to_string(), start.strftime("%d/%m/%Y").to_string()]);
    }
    for (id, n) in &p.quantities {
        args.extend(["--voce".to_string(), format!("{id}={n}")]);
    }
    if !p.member {
        args.push("--non-aderente".into());
    }
    args
}

/// `vetrina preventivo --json` on every hand-computed vector: its quote is the Rust engine's
/// and the browser engine's, object for object.
#[test]
fn the_command_line_quote_equals_both_engines_on_the_vectors() {
    let vectors: Vectors = serde_json::from_str(include_str!("vectors/pricing.json")).unwrap();
    let catalog = vetrina::build::catalog(&common::repo()).unwrap();
    let (tariffs, periods) = (tariffs(), periods());
    let mut cases = Vec::new();
    for c in &vectors.cases {
        let service = catalog.services.iter().find(|s| s.tariff.as_ref().is_some_and(|t| t.slug == c.tariff)).expect("a service uses the tariff");
        // The command line starts dated price lists on the real today: give it the vectors' day.
        let mut profile = c.profile.clone();
        if periods.contains_key(&c.tariff) {
            profile.start = profile.start.or(Some(today()));
        }
        let out = Command::new(env!("CARGO_BIN_EXE_vetrina")).args(quote_args(&service.meta.slug, &profile)).output().unwrap();
        assert!(out.status.success(), "{}: {}", c.name, String::from_utf8_lossy(&out.stderr));
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let got = &json["services"][0]["quote"];
        let engine = serde_json::to_value(engine_quote(&tariffs, &periods, &c.tariff, &profile)).unwrap();
        assert_eq!(got, &engine, "{}: the command line and the Rust engine differ", c.name);
        cases.push(json!({ "tariff": c.tariff, "profile": profile, "quote": got }));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.json");
    let mut data = browser_data(&tariffs);
    data["cases"] = json!(cases);
    std::fs::write(&file, serde_json::to_vec(&data).unwrap()).unwrap();
    let out = node("differential.mjs", &[&file]);
    assert!(out.contains(&format!("{} passed, 0 failed", vectors.cases.len())), "{out}");
}

fn preventivo(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vetrina"))
        .args(["preventivo", "--root", common::repo().to_str().unwrap()])
        .args(args)
        .env("VETRINA_LINGUA", "it")
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_command_line_quote_reads_in_italian() {
    let (ok, text, err) = preventivo(&["--servizio", "rao-pubblico", "--abitanti", "1500", "--voce", "spid-day=3", "--anni", "3"]);
    assert!(ok, "{err}");
    for want in [
        "Preventivo di CST Valdorsa",
        "Ente: Comune, 1.500 abitanti",
        "aderente al CST; totali su 3 anni",
        "  SPID Day (× 3) — una tantum — 2.250,00 €",
        "Totali, IVA esclusa: 2.900,00 € una tantum e 1.050,00 € annuali.",
        "Primo anno, IVA inclusa: 4.819,00 €",
        // 2,900 + 1,050 × 3 = 6,050; VAT 638 + 231 × 3 = 1,331.
        "Su 3 anni, IVA inclusa: 7.381,00 €",
        "Validità: Gli importi valgono per 12 mesi",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
    // On request and members only are said, never priced at zero.
    let (ok, text, _) = preventivo(&["--servizio", "rao-pubblico", "--abitanti", "12000"]);
    assert!(ok);
    assert!(text.contains("Escluse dai totali le voci su richiesta") && text.contains("servizidigitali@cst.example.it"), "{text}");
    assert!(!text.contains("Primo anno"), "{text}");
    let (ok, text, _) = preventivo(&["--servizio", "rao-pubblico", "--abitanti", "1500", "--non-aderente"]);
    assert!(ok);
    assert!(text.contains("riservato agli Enti aderenti") && !text.contains("0,00 €"), "{text}");
}

#[test]
fn the_command_line_quote_names_every_mistake() {
    let (ok, _, err) = preventivo(&["--servizio", "rao-publico", "--tipo", "provincia", "--anni", "40", "--voce", "spid-dy=2"]);
    assert!(!ok);
    for want in ["forse intendevate «rao-pubblico»", "il tipo di Ente «provincia» non esiste", "--anni va da 1 a 30"] {
        assert!(err.contains(want), "{want:?} not in:\n{err}");
    }
    let (ok, _, err) = preventivo(&["--servizio", "rao-pubblico", "--voce", "spid-day=11"]);
    assert!(!ok);
    assert!(err.contains("la quantità va da 1 a 10"), "{err}");
    let (ok, _, err) = preventivo(&["--servizio", "rao-pubblico", "--ente", "Comune di Nessuno"]);
    assert!(!ok);
    assert!(err.contains("non è in content/dati/enti.toml"), "{err}");
}
