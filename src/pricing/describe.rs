//! Italian text for showing a tariff in a table: what each item costs, as a range where it
//! varies. Pure formatting of the model; templates only place these strings.

use serde::Serialize;

use super::model::{Band, BandValue, Basis, EnteType, FirstYear, Fixed, Item, Periodicity, Rule, Tariff};
use super::money::{format_euro, format_rate, group_thousands, BasisPoints};

/// One row of the "Quanto costa" table.
#[derive(Debug, Clone, Serialize)]
pub struct ItemSummary {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub periodicity: &'static str,
    /// "650,00 €", "da 650,00 € a 900,00 €", "0,44 € per abitante", "Incluso", "Su richiesta".
    pub price: String,
    /// Band rows, when the price depends on bands.
    pub bands: Vec<BandRow>,
    /// The basis of the bands, for the table header ("Abitanti").
    pub bands_basis: Option<&'static str>,
    /// Extra conditions: minimum and maximum, quantity, the parts of a sum.
    pub notes: Vec<String>,
    /// The fixed prices of some kinds of Ente in place of the rule ("Unioni di Comuni",
    /// "su richiesta"), in the order of the tariff.
    pub by_ente_type: Vec<EntePrice>,
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntePrice {
    /// "Unioni di Comuni", as `ente_type_label`.
    pub label: &'static str,
    pub price: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandRow {
    pub range: String,
    pub price: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TariffSummary {
    pub items: Vec<ItemSummary>,
    pub vat: String,
    pub member_discount: Option<String>,
    pub members_only: bool,
    /// Some item is charged in proportion in its first year: the calculator asks the start.
    pub pro_rata: bool,
}

pub fn periodicity_label(p: Periodicity) -> &'static str {
    match p {
        Periodicity::OneOff => "una tantum",
        Periodicity::Yearly => "annuale",
        Periodicity::Monthly => "mensile",
    }
}

pub fn basis_label(b: Basis, plural: bool) -> &'static str {
    match (b, plural) {
        (Basis::Population, false) => "abitante",
        (Basis::Population, true) => "abitanti",
        (Basis::Workstations, false) => "postazione",
        (Basis::Workstations, true) => "postazioni",
        (Basis::Businesses, false) => "impresa",
        (Basis::Businesses, true) => "imprese",
        (Basis::Users, false) => "utente",
        (Basis::Users, true) => "utenti",
        (Basis::Persons, false) => "persona",
        (Basis::Persons, true) => "persone",
    }
}

fn basis_header(b: Basis) -> &'static str {
    match b {
        Basis::Population => "Abitanti",
        Basis::Workstations => "Postazioni",
        Basis::Businesses => "Imprese",
        Basis::Users => "Utenti",
        Basis::Persons => "Persone",
    }
}

pub fn ente_type_label(t: EnteType) -> &'static str {
    match t {
        EnteType::Comune => "Comuni",
        EnteType::Unione => "Unioni di Comuni",
        EnteType::ComunitaMontana => "Comunità montane",
        EnteType::Altro => "Altri Enti",
    }
}

/// "Comune", "Unione di Comuni", ...: the kind of one Ente.
pub fn ente_type_singular(t: EnteType) -> &'static str {
    match t {
        EnteType::Comune => "Comune",
        EnteType::Unione => "Unione di Comuni",
        EnteType::ComunitaMontana => "Comunità montana",
        EnteType::Altro => "Altro Ente",
    }
}

pub fn fixed_label(f: Fixed) -> String {
    match f {
        Fixed::Amount(c) => format_euro(c),
        Fixed::OnRequest => "su richiesta".into(),
        Fixed::Included => "incluso".into(),
        Fixed::NotAvailable => "non disponibile".into(),
    }
}

pub fn band_range(band: &Band, basis: Basis) -> String {
    let unit = basis_label(basis, true);
    match (band.from, band.to) {
        (0, None) => format!("qualsiasi numero di {unit}"),
        (0, Some(to)) => format!("fino a {} {unit}", group_thousands(to)),
        (from, None) => format!("oltre {} {unit}", group_thousands(from - 1)),
        (from, Some(to)) if from == to => format!("{} {unit}", group_thousands(from)),
        (from, Some(to)) => format!("da {} a {} {unit}", group_thousands(from), group_thousands(to)),
    }
}

fn band_value(v: &BandValue, basis: Basis) -> String {
    match v {
        BandValue::Flat(c) => format_euro(*c),
        BandValue::PerUnit(r) => format!("{} per {}", format_rate(*r), basis_label(basis, false)),
        BandValue::OnRequest => "su richiesta".into(),
        BandValue::Sum(parts) => parts.iter().map(rule_price).collect::<Vec<_>>().join(" + "),
    }
}

/// "da X a Y" over the amounts a rule can give, or its rate; `None` values are "on request".
fn rule_price(rule: &Rule) -> String {
    match rule {
        Rule::Fixed { amount } => format_euro(*amount),
        Rule::Included => "Incluso".into(),
        Rule::OnRequest => "Su richiesta".into(),
        Rule::PerUnit { basis, rate } => format!("{} per {}", format_rate(*rate), basis_label(*basis, false)),
        Rule::Bands { basis, bands } | Rule::Tiers { basis, bands } => {
            let on_request = bands.iter().any(|b| b.value == BandValue::OnRequest);
            let sums = bands.iter().any(|b| matches!(b.value, BandValue::Sum(_)));
            let flats: Vec<i64> = bands.iter().filter_map(|b| if let BandValue::Flat(c) = b.value { Some(c) } else { None }).collect();
            let rates: Vec<i64> = bands.iter().filter_map(|b| if let BandValue::PerUnit(r) = b.value { Some(r.0) } else { None }).collect();
            let mut parts = Vec::new();
            if let (Some(lo), Some(hi)) = (flats.iter().min(), flats.iter().max()) {
                parts.push(range_text(format_euro(*lo), format_euro(*hi)));
            }
            if let (Some(lo), Some(hi)) = (rates.iter().min(), rates.iter().max()) {
                let unit = basis_label(*basis, false);
                let r = |x: i64| format_rate(super::money::UnitRate(x));
                parts.push(format!("{} per {unit}", range_text(r(*lo), r(*hi))));
            }
            if sums {
                parts.push("importo composto secondo la fascia".into());
            }
            let mut text = parts.join("; ");
            if matches!(rule, Rule::Tiers { .. }) {
                text = format!("a scaglioni, {text}");
            }
            if on_request {
                if text.is_empty() {
                    text = "Su richiesta".into();
                } else {
                    text.push_str("; su richiesta nelle fasce indicate");
                }
            }
            text
        }
        Rule::Sum { parts } => parts.iter().map(rule_price).collect::<Vec<_>>().join(" + "),
    }
}

fn range_text(lo: String, hi: String) -> String {
    if lo == hi {
        lo
    } else {
        format!("da {lo} a {hi}")
    }
}

/// Bands worth a table of their own: those of the top rule, or of each part of a sum.
fn band_rows(rule: &Rule) -> (Vec<BandRow>, Option<&'static str>) {
    match rule {
        Rule::Bands { basis, bands } | Rule::Tiers { basis, bands } => {
            (bands.iter().map(|b| BandRow { range: band_range(b, *basis), price: band_value(&b.value, *basis) }).collect(), Some(basis_header(*basis)))
        }
        _ => (Vec::new(), None),
    }
}

pub fn summarize_item(item: &Item) -> ItemSummary {
    let mut price = rule_price(&item.rule);
    if item.periodicity == Periodicity::Monthly && !matches!(item.rule, Rule::Included | Rule::OnRequest) {
        price.push_str(" al mese");
    }
    let mut notes = Vec::new();
    if let Some(q) = &item.quantity {
        notes.push(format!("Importo per {}: si indica il numero di {} nella richiesta.", q.unit, q.unit_plural));
    }
    if let Some(min) = item.min {
        notes.push(format!("Importo minimo {}.", format_euro(min)));
    }
    if let Some(max) = item.max {
        notes.push(format!("Importo massimo {}.", format_euro(max)));
    }
    if let Some(note) = first_year_note(item.first_year) {
        notes.push(note.into());
    }
    if let Rule::Sum { parts } = &item.rule {
        for part in parts {
            if let Rule::Tiers { basis, bands } | Rule::Bands { basis, bands } = part {
                let detail: Vec<String> = bands.iter().map(|b| format!("{}: {}", band_range(b, *basis), band_value(&b.value, *basis))).collect();
                notes.push(format!("{}.", detail.join("; ")));
            }
        }
    }
    let (bands, bands_basis) = band_rows(&item.rule);
    ItemSummary {
        id: item.id.clone(),
        name: item.name.clone(),
        description: item.description.clone(),
        periodicity: periodicity_label(item.periodicity),
        price,
        bands,
        bands_basis,
        notes,
        by_ente_type: item.by_ente_type.iter().map(|(t, f)| EntePrice { label: ente_type_label(*t), price: fixed_label(*f) }).collect(),
        optional: item.optional,
    }
}

/// What the tariff table says of a first year charged in proportion.
pub fn first_year_note(rule: FirstYear) -> Option<&'static str> {
    match rule {
        FirstYear::Whole => None,
        FirstYear::Months => Some("Nel primo anno si paga in proporzione ai mesi, dal mese di adesione o di attivazione (contato per intero) a dicembre."),
        FirstYear::Days => Some("Nel primo anno si paga in proporzione ai giorni, dal giorno di adesione o di attivazione al 31 dicembre."),
    }
}

pub fn summarize(tariff: &Tariff) -> TariffSummary {
    TariffSummary {
        items: tariff.items.iter().map(summarize_item).collect(),
        vat: tariff.vat.to_string(),
        member_discount: (tariff.member_discount != BasisPoints(0)).then(|| tariff.member_discount.to_string()),
        members_only: tariff.members_only,
        pro_rata: tariff.items.iter().any(|i| i.first_year != FirstYear::Whole),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::FirstYear;

    fn item(rule: Rule) -> Item {
        Item {
            id: "x".into(),
            name: "Canone".into(),
            description: None,
            periodicity: Periodicity::Yearly,
            rule,
            by_ente_type: vec![(EnteType::Unione, Fixed::OnRequest)],
            min: None,
            max: None,
            optional: false,
            quantity: None,
            first_year: FirstYear::Whole,
        }
    }

    #[test]
    fn bands_show_a_range_and_rows() {
        let rule = Rule::Bands {
            basis: Basis::Population,
            bands: vec![
                Band { from: 0, to: Some(1000), value: BandValue::Flat(90_000) },
                Band { from: 1001, to: Some(10_000), value: BandValue::Flat(165_000) },
                Band { from: 10_001, to: None, value: BandValue::OnRequest },
            ],
        };
        let s = summarize_item(&item(rule));
        assert_eq!(s.price, "da 900,00 € a 1.650,00 €; su richiesta nelle fasce indicate");
        assert_eq!(s.bands[0].range, "fino a 1.000 abitanti");
        assert_eq!(s.bands[1].range, "da 1.001 a 10.000 abitanti");
        assert_eq!(s.bands[2].range, "oltre 10.000 abitanti");
        assert_eq!(s.bands[2].price, "su richiesta");
        assert!(s.notes.is_empty(), "{:?}", s.notes);
        assert_eq!(s.by_ente_type, vec![EntePrice { label: "Unioni di Comuni", price: "su richiesta".into() }]);
    }

    #[test]
    fn per_unit_and_monthly() {
        let mut i = item(Rule::PerUnit { basis: Basis::Users, rate: super::super::money::UnitRate(40_000) });
        i.periodicity = Periodicity::Monthly;
        assert_eq!(summarize_item(&i).price, "4,00 € per utente al mese");
    }
}

/// A quote as Italian text, for the worked example on a service page.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteSummary {
    pub lines: Vec<QuoteLineSummary>,
    pub one_off: String,
    pub yearly: String,
    pub vat: String,
    pub vat_one_off: String,
    pub vat_yearly: String,
    pub first_year_total: String,
    pub incomplete: bool,
    pub not_available: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteLineSummary {
    pub name: String,
    pub periodicity: &'static str,
    pub amount: String,
}

pub fn summarize_quote(q: &super::engine::Quote, vat: BasisPoints) -> QuoteSummary {
    use super::engine::Price;
    let lines = q
        .lines
        .iter()
        .filter(|l| l.price != Price::NotChosen)
        .map(|l| QuoteLineSummary {
            name: match l.quantity {
                Some(n) if n != 1 => format!("{} (× {n})", l.name),
                _ => l.name.clone(),
            },
            periodicity: periodicity_label(l.periodicity),
            amount: match (l.price, l.periodicity) {
                (Price::Amount(c), Periodicity::Monthly) => {
                    format!("{} al mese ({} l'anno)", format_euro(c), format_euro(l.per_year.unwrap_or(c)))
                }
                (Price::Amount(c), _) => format_euro(c),
                (Price::OnRequest, _) => "su richiesta".into(),
                (Price::Included, _) => "incluso".into(),
                (Price::NotAvailable, _) => "non disponibile".into(),
                (Price::NotChosen, _) => String::new(),
            },
        })
        .collect();
    QuoteSummary {
        lines,
        one_off: format_euro(q.one_off),
        yearly: format_euro(q.yearly),
        vat: vat.to_string(),
        vat_one_off: format_euro(q.vat_one_off),
        vat_yearly: format_euro(q.vat_yearly),
        // Four amounts of at most `limits::MAX_RESULT` (2^53 cents) each: the sum fits an i64.
        first_year_total: format_euro(q.one_off + q.yearly + q.vat_one_off + q.vat_yearly),
        incomplete: q.incomplete,
        not_available: q.not_available,
    }
}

/// A figure of the Ente a calculator must ask for.
#[derive(Debug, Clone, Serialize)]
pub struct InputSpec {
    /// The profile field (`population`, ...).
    pub basis: Basis,
    /// The form field and URL parameter (`abitanti`, ...).
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
}

/// An item the Ente may add or size, for the calculator form.
#[derive(Debug, Clone, Serialize)]
pub struct OptionSpec {
    pub id: String,
    pub name: String,
    pub optional: bool,
    pub unit: Option<String>,
    pub unit_plural: Option<String>,
    pub min: u32,
    pub max: Option<u32>,
    pub default: u32,
}

pub fn input_spec(b: Basis) -> InputSpec {
    let (name, label, hint) = match b {
        Basis::Population => ("abitanti", "Abitanti", "Popolazione dell'ultimo censimento ISTAT."),
        Basis::Workstations => ("postazioni", "Postazioni di lavoro", "Postazioni dell'Ente collegate al servizio."),
        Basis::Businesses => ("imprese", "Imprese", "Imprese attive con sede nel territorio."),
        Basis::Users => ("utenti", "Utenti", "Persone che useranno il servizio."),
        Basis::Persons => ("persone", "Persone", "Persone per cui si chiede il servizio."),
    };
    InputSpec { basis: b, name, label, hint }
}

/// The figures a tariff depends on, in a fixed order.
pub fn inputs(tariff: &Tariff) -> Vec<InputSpec> {
    fn walk(rule: &Rule, out: &mut std::collections::BTreeSet<Basis>) {
        match rule {
            Rule::PerUnit { basis, .. } => {
                out.insert(*basis);
            }
            Rule::Bands { basis, bands } | Rule::Tiers { basis, bands } => {
                out.insert(*basis);
                for b in bands {
                    if let BandValue::Sum(parts) = &b.value {
                        parts.iter().for_each(|p| walk(p, out));
                    }
                }
            }
            Rule::Sum { parts } => parts.iter().for_each(|p| walk(p, out)),
            Rule::Fixed { .. } | Rule::Included | Rule::OnRequest => {}
        }
    }
    let mut set = std::collections::BTreeSet::new();
    tariff.items.iter().for_each(|i| walk(&i.rule, &mut set));
    set.into_iter().map(input_spec).collect()
}

pub fn options(tariff: &Tariff) -> Vec<OptionSpec> {
    tariff
        .items
        .iter()
        .filter(|i| i.optional || i.quantity.is_some())
        .map(|i| OptionSpec {
            id: i.id.clone(),
            name: i.name.clone(),
            optional: i.optional,
            unit: i.quantity.as_ref().map(|q| q.unit.clone()),
            unit_plural: i.quantity.as_ref().map(|q| q.unit_plural.clone()),
            min: i.quantity.as_ref().map_or(1, |q| q.min),
            max: i.quantity.as_ref().and_then(|q| q.max),
            default: i.quantity.as_ref().map_or(1, |q| q.default),
        })
        .collect()
}
