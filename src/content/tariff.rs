//! `content/tariffe/*.md`: price items in Italian keys → `pricing::Tariff`.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use super::frontmatter::{ContentFile, Spanned, TomlDate};
use super::{count, meta, Count};
use crate::diagnostics::Diagnostic;
use crate::domain::TariffDoc;
use crate::pricing::money::{means_on_request, parse_cents, parse_percent, parse_rate, BasisPoints, ParseMoneyError};
use crate::pricing::validate::check_rule;
use crate::pricing::{Band, BandValue, Basis, EnteType, FirstYear, Fixed, Item, Periodicity, PricePeriod, Quantity, Rule, Tariff};
use crate::t;

/// An amount as the editor wrote it: always a string, never a float (floats are not exact).
#[derive(Debug, Clone)]
pub struct AmountText(pub String);

impl<'de> Deserialize<'de> for AmountText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = AmountText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                // "a string" is how the front matter's explanations recognise the type.
                f.write_str("a string: an amount in euros, e.g. \"650.00\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AmountText, E> {
                Ok(AmountText(v.to_string()))
            }
            // These two texts are not shown as they are: `frontmatter::explain` recognises
            // them ("float amount ", "amount ") and says it in the user's language.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<AmountText, E> {
                Err(E::custom(format!("float amount {v}: amounts must be exact; write it as a string in quotes, e.g. \"{v}\"")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AmountText, E> {
                Err(E::custom(format!("amount {v} without quotes: write amounts as strings in euros, e.g. \"{v}.00\"")))
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for AmountText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Importo".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // `x-vetrina` tells the CMS to keep it a quoted string.
        schemars::json_schema!({ "type": "string", "pattern": crate::pricing::money::DECIMAL_PATTERN, "x-vetrina": "importo" })
    }
}

#[derive(Debug, Clone, Copy, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum RawPeriodicity {
    UnaTantum,
    Annuale,
    Mensile,
}

/// `primo_anno`: how the first year is charged to an Ente that starts during the year.
#[derive(Debug, Clone, Copy, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum RawFirstYear {
    Intero,
    Mesi,
    Giorni,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum RawModel {
    Fisso,
    Incluso,
    SuRichiesta,
    Unitario,
    Fasce,
    Scaglioni,
    Somma,
}

#[derive(Debug, Clone, Copy, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum RawBasis {
    Abitanti,
    Postazioni,
    Imprese,
    Utenti,
    Persone,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawBand {
    da: Option<Spanned<Count>>,
    a: Option<Spanned<Count>>,
    importo: Option<Spanned<AmountText>>,
    importo_unitario: Option<Spanned<AmountText>>,
    su_richiesta: Option<bool>,
    /// A sum of components for the Enti in this band.
    #[serde(default)]
    componenti: Vec<Spanned<RawRule>>,
}

/// The fields that say how an amount is computed; shared by items and sum components.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawRule {
    modello: Spanned<RawModel>,
    base: Option<Spanned<RawBasis>>,
    importo: Option<Spanned<AmountText>>,
    importo_unitario: Option<Spanned<AmountText>>,
    fasce: Option<Spanned<Vec<Spanned<RawBand>>>>,
    #[serde(default)]
    componenti: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawQuantity {
    unita: Spanned<String>,
    unita_plurale: Spanned<String>,
    predefinita: Option<Spanned<Count>>,
    minima: Option<Spanned<Count>>,
    massima: Option<Spanned<Count>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Option<Spanned<String>>,
    nome: Spanned<String>,
    descrizione: Option<String>,
    periodicita: RawPeriodicity,
    modello: Spanned<RawModel>,
    base: Option<Spanned<RawBasis>>,
    importo: Option<Spanned<AmountText>>,
    importo_unitario: Option<Spanned<AmountText>>,
    fasce: Option<Spanned<Vec<Spanned<RawBand>>>>,
    #[serde(default)]
    componenti: Vec<Spanned<RawRule>>,
    #[serde(default)]
    per_tipo_ente: BTreeMap<EnteType, Spanned<String>>,
    minimo: Option<Spanned<AmountText>>,
    massimo: Option<Spanned<AmountText>>,
    #[serde(default)]
    opzionale: bool,
    quantita: Option<RawQuantity>,
    primo_anno: Option<Spanned<RawFirstYear>>,
}

/// `[[listini]]`: one dated price list.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawList {
    dal: Spanned<TomlDate>,
    al: Option<Spanned<TomlDate>>,
    atto: Option<String>,
    voci: Vec<Spanned<RawItem>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawTariff {
    titolo: Spanned<String>,
    iva: Option<Spanned<AmountText>>,
    sconto_aderenti: Option<Spanned<AmountText>>,
    solo_aderenti: Option<bool>,
    validita: Option<String>,
    pagamento: Option<String>,
    #[serde(default)]
    voci: Vec<Spanned<RawItem>>,
    #[serde(default)]
    listini: Vec<Spanned<RawList>>,
    slug: Option<Spanned<String>>,
    bozza: Option<bool>,
    pubblicazione: Option<Spanned<TomlDate>>,
    scadenza: Option<Spanned<TomlDate>>,
    aggiornato: Option<Spanned<TomlDate>>,
}

/// The JSON Schema of this kind's front matter, from the type `parse` reads.
pub fn schema() -> schemars::Schema {
    super::schema_of::<RawTariff>()
}

pub fn parse(file: &ContentFile, default_vat: BasisPoints, errors: &mut Vec<Diagnostic>) -> Option<TariffDoc> {
    let raw: RawTariff = super::front(file, &crate::t!("kind-tariff"), errors)?;
    let before = errors.len();
    let meta = meta(file, &common!(raw), errors);
    let title = super::non_empty(file, &raw.titolo, "titolo", errors);
    let mut ok = true;
    let mut percent = |v: &Option<Spanned<AmountText>>, default: BasisPoints, key: &str| match v {
        None => default,
        Some(s) => parse_percent(&s.get_ref().0).unwrap_or_else(|e| {
            ok = false;
            errors.push(file.error_in_front(s.span(), t!("tariff-percent", key = key, error = e.to_string())).with_help(t!("tariff-percent-help")));
            default
        }),
    };
    let vat = percent(&raw.iva, default_vat, "iva");
    let member_discount = percent(&raw.sconto_aderenti, BasisPoints(0), "sconto_aderenti");
    let members_only = raw.solo_aderenti.unwrap_or(member_discount == BasisPoints(0));
    if members_only && member_discount != BasisPoints(0) {
        if let Some(s) = &raw.sconto_aderenti {
            errors.push(file.error_in_front(s.span(), t!("tariff-discount-members-only")).with_help(t!("tariff-discount-members-only-help")));
        }
    }
    let make = |items: Vec<Item>| Tariff { items, vat, member_discount, members_only };
    let (tariff, periods) = if raw.listini.is_empty() {
        if raw.voci.is_empty() {
            errors.push(file.error_at_start(t!("tariff-no-items")).with_help(t!("tariff-no-items-help")));
        }
        (items(file, &raw.voci, errors).map(make), Vec::new())
    } else {
        if let Some(first) = raw.voci.first() {
            errors.push(file.error_in_front(first.span(), t!("tariff-items-and-lists")).with_help(t!("tariff-items-and-lists-help")));
        }
        let periods = price_lists(file, &raw.listini, make, errors);
        // Until the model picks the list in force on the build's day, the first stands in.
        (periods.first().map(|p| p.tariff.clone()), periods)
    };
    if !ok || errors.len() > before {
        return None;
    }
    Some(TariffDoc {
        meta,
        title,
        tariff: tariff?,
        periods,
        validity: raw.validita,
        payment_terms: raw.pagamento,
        notes_markdown: file.body_text().to_string(),
        notes_offset: file.body.start,
    })
}

/// Where an amount is written: the fix for "su preventivo" depends on it.
#[derive(Debug, Clone, Copy)]
enum AmountAt {
    /// `importo` or `importo_unitario` of an item or a component.
    Rule,
    /// `importo` or `importo_unitario` of a band.
    Band,
    /// `minimo` or `massimo`.
    Bound,
}

fn money(
    file: &ContentFile,
    v: &Spanned<AmountText>,
    (key, at): (&str, AmountAt),
    parse: fn(&str) -> Result<i64, ParseMoneyError>,
    errors: &mut Vec<Diagnostic>,
) -> Option<i64> {
    let text = &v.get_ref().0;
    let e = match parse(text) {
        Ok(value) => return Some(value),
        Err(e) => e,
    };
    let d = if means_on_request(text) {
        let help = match at {
            AmountAt::Band => t!("tariff-on-request-band-help", key = key),
            AmountAt::Rule => t!("tariff-on-request-item-help", key = key),
            AmountAt::Bound => t!("tariff-on-request-bound-help", key = key),
        };
        file.error_in_front(v.span(), t!("tariff-amount-on-request", text = text.trim(), key = key)).with_help(help)
    } else {
        let help = match &e {
            ParseMoneyError::Negative(_) => t!("tariff-amount-negative-help"),
            ParseMoneyError::TooLarge { max, .. } => t!("tariff-amount-too-large-help", max = max),
            _ => t!("tariff-amount-help"),
        };
        file.error_in_front(v.span(), t!("tariff-amount", error = e.to_string())).with_help(help)
    };
    errors.push(d);
    None
}

fn cents(file: &ContentFile, v: &Spanned<AmountText>, at: (&str, AmountAt), errors: &mut Vec<Diagnostic>) -> Option<i64> {
    money(file, v, at, parse_cents, errors)
}

fn rate(file: &ContentFile, v: &Spanned<AmountText>, at: (&str, AmountAt), errors: &mut Vec<Diagnostic>) -> Option<i64> {
    money(file, v, at, |t| parse_rate(t).map(|r| r.0), errors)
}

fn basis(b: RawBasis) -> Basis {
    match b {
        RawBasis::Abitanti => Basis::Population,
        RawBasis::Postazioni => Basis::Workstations,
        RawBasis::Imprese => Basis::Businesses,
        RawBasis::Utenti => Basis::Users,
        RawBasis::Persone => Basis::Persons,
    }
}

/// The parts of an item or component that make up its rule.
struct RuleFields<'a> {
    modello: &'a Spanned<RawModel>,
    base: &'a Option<Spanned<RawBasis>>,
    importo: &'a Option<Spanned<AmountText>>,
    importo_unitario: &'a Option<Spanned<AmountText>>,
    fasce: &'a Option<Spanned<Vec<Spanned<RawBand>>>>,
    componenti: &'a [Spanned<RawRule>],
}

fn convert_rule(file: &ContentFile, f: RuleFields, errors: &mut Vec<Diagnostic>) -> Option<Rule> {
    let model = *f.modello.get_ref();
    let at = f.modello.span();
    let model_name = file.front_text()[at.clone()].trim_matches('"').to_string();
    let before = errors.len();
    let mut unexpected = |present: bool, key: &str| {
        if present {
            errors.push(
                file.error_in_front(at.clone(), t!("tariff-key-not-for-model", key = key, model = model_name.as_str()))
                    .with_help(t!("tariff-key-not-for-model-help", key = key)),
            );
        }
    };
    use RawModel::*;
    unexpected(f.base.is_some() && matches!(model, Fisso | Incluso | SuRichiesta | Somma), "base");
    unexpected(f.importo.is_some() && model != Fisso, "importo");
    unexpected(f.importo_unitario.is_some() && model != Unitario, "importo_unitario");
    unexpected(f.fasce.is_some() && !matches!(model, Fasce | Scaglioni), "fasce");
    unexpected(!f.componenti.is_empty() && model != Somma, "componenti");
    let mut missing = |key: &str, help: String| {
        errors.push(file.error_in_front(at.clone(), t!("tariff-model-needs", model = model_name.as_str(), key = key)).with_help(help));
    };
    let add = |key: &str, example: &str| t!("tariff-model-needs-help", key = key, example = example);
    let need_basis = matches!(model, Unitario | Fasce | Scaglioni);
    if need_basis && f.base.is_none() {
        missing("base", add("base", "\"abitanti\""));
    }
    if model == Fisso && f.importo.is_none() {
        missing("importo", add("importo", "\"500.00\""));
    }
    if model == Unitario && f.importo_unitario.is_none() {
        missing("importo_unitario", add("importo_unitario", "\"0.44\""));
    }
    if matches!(model, Fasce | Scaglioni) && f.fasce.is_none() {
        missing("fasce", add("fasce", "[ { a = 1000, importo = \"650.00\" }, { da = 1001, importo = \"900.00\" } ]"));
    }
    if model == Somma && f.componenti.len() < 2 {
        missing("componenti", t!("tariff-model-needs-components-help"));
    }
    if errors.len() > before {
        return None;
    }
    let b = f.base.as_ref().map(|b| basis(*b.get_ref())).unwrap_or(Basis::Population);
    let rule = match model {
        Fisso => Rule::Fixed { amount: cents(file, f.importo.as_ref()?, ("importo", AmountAt::Rule), errors)? },
        Incluso => Rule::Included,
        SuRichiesta => Rule::OnRequest,
        Unitario => {
            let r = rate(file, f.importo_unitario.as_ref()?, ("importo_unitario", AmountAt::Rule), errors)?;
            Rule::PerUnit { basis: b, rate: crate::pricing::UnitRate(r) }
        }
        Fasce | Scaglioni => {
            let raw_bands = f.fasce.as_ref()?;
            let bands = convert_bands(file, raw_bands.get_ref(), errors)?;
            let rule = if model == Fasce { Rule::Bands { basis: b, bands } } else { Rule::Tiers { basis: b, bands } };
            if let Err(e) = check_rule(&rule) {
                let span = e.index().and_then(|i| raw_bands.get_ref().get(i)).map_or(raw_bands.span(), |b| b.span());
                errors.push(file.error_in_front(span, t!("tariff-bands", error = e.to_string())).with_help(e.help()));
                return None;
            }
            rule
        }
        Somma => Rule::Sum { parts: components(file, f.componenti, errors)? },
    };
    Some(rule)
}

fn components(file: &ContentFile, raw: &[Spanned<RawRule>], errors: &mut Vec<Diagnostic>) -> Option<Vec<Rule>> {
    let parts: Vec<Option<Rule>> = raw
        .iter()
        .map(|c| {
            let c = c.get_ref();
            let fields = RuleFields {
                modello: &c.modello,
                base: &c.base,
                importo: &c.importo,
                importo_unitario: &c.importo_unitario,
                fasce: &c.fasce,
                componenti: &c.componenti,
            };
            convert_rule(file, fields, errors)
        })
        .collect();
    parts.into_iter().collect()
}

fn convert_bands(file: &ContentFile, raw: &[Spanned<RawBand>], errors: &mut Vec<Diagnostic>) -> Option<Vec<Band>> {
    let mut out = Vec::new();
    let mut ok = true;
    for (i, sb) in raw.iter().enumerate() {
        let b = sb.get_ref();
        let from = match &b.da {
            Some(d) => count(file, d, "da", errors),
            None if i == 0 => Some(0),
            None => {
                errors.push(file.error_in_front(sb.span(), t!("tariff-band-needs-from")).with_help(t!("tariff-band-needs-from-help")));
                None
            }
        };
        // A bound past the limit is reported; `to = None` would silently open the band.
        let to = b.a.as_ref().map(|a| count(file, a, "a", errors));
        let (Some(from), Some(to)) = (from, to.map_or(Some(None), |t| t.map(Some))) else {
            ok = false;
            continue;
        };
        let kinds = [b.importo.is_some(), b.importo_unitario.is_some(), b.su_richiesta == Some(true), !b.componenti.is_empty()];
        let value = match kinds {
            [true, false, false, false] => cents(file, b.importo.as_ref()?, ("importo", AmountAt::Band), errors).map(BandValue::Flat),
            [false, true, false, false] => {
                rate(file, b.importo_unitario.as_ref()?, ("importo_unitario", AmountAt::Band), errors).map(|r| BandValue::PerUnit(crate::pricing::UnitRate(r)))
            }
            [false, false, true, false] => Some(BandValue::OnRequest),
            [false, false, false, true] => components(file, &b.componenti, errors).map(BandValue::Sum),
            _ => {
                errors.push(file.error_in_front(sb.span(), t!("tariff-band-value")).with_help(t!("tariff-band-value-help")));
                None
            }
        };
        match value {
            Some(value) => out.push(Band { from, to, value }),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn convert_item(file: &ContentFile, si: &Spanned<RawItem>, errors: &mut Vec<Diagnostic>) -> Option<Item> {
    let i = si.get_ref();
    let before = errors.len();
    let name = super::non_empty(file, &i.nome, "nome", errors);
    let id = match &i.id {
        Some(id) => {
            if !super::is_safe_slug(id.get_ref()) {
                errors.push(file.error_in_front(id.span(), t!("tariff-item-id", id = id.get_ref())).with_help(super::slug_help()));
                return None;
            }
            id.get_ref().clone()
        }
        None => crate::markdown::slugify(&name),
    };
    if id.is_empty() && errors.len() == before {
        // A name of only punctuation gives no id for the forms and the calculator.
        errors.push(file.error_in_front(i.nome.span(), t!("tariff-item-no-id", name = name.as_str())).with_help(t!("tariff-item-no-id-help")));
    }
    let rule = convert_rule(
        file,
        RuleFields {
            modello: &i.modello,
            base: &i.base,
            importo: &i.importo,
            importo_unitario: &i.importo_unitario,
            fasce: &i.fasce,
            componenti: &i.componenti,
        },
        errors,
    );
    let by_ente_type = overrides(file, i, errors);
    let bound =
        |m: &Option<Spanned<AmountText>>, key: &str, errors: &mut Vec<Diagnostic>| m.as_ref().map(|m| cents(file, m, (key, AmountAt::Bound), errors).ok_or(()));
    let min = bound(&i.minimo, "minimo", errors).transpose();
    let max = bound(&i.massimo, "massimo", errors).transpose();
    if let (Ok(Some(lo)), Ok(Some(hi)), Some(m)) = (min, max, &i.massimo) {
        if lo > hi {
            errors.push(file.error_in_front(m.span(), t!("tariff-max-below-min")).with_help(t!("tariff-max-below-min-help")));
        }
    }
    let quantity = quantity(file, si, errors);
    let periodicity = match i.periodicita {
        RawPeriodicity::UnaTantum => Periodicity::OneOff,
        RawPeriodicity::Annuale => Periodicity::Yearly,
        RawPeriodicity::Mensile => Periodicity::Monthly,
    };
    let first_year = first_year(file, i, periodicity, errors);
    let rule = rule?;
    (errors.len() == before).then_some(Item {
        id,
        name,
        description: i.descrizione.clone(),
        periodicity,
        rule,
        by_ente_type,
        min: min.ok()?,
        max: max.ok()?,
        optional: i.opzionale,
        quantity,
        first_year,
    })
}

/// `primo_anno`: only a yearly or monthly item has a first year to charge in proportion.
fn first_year(file: &ContentFile, i: &RawItem, periodicity: Periodicity, errors: &mut Vec<Diagnostic>) -> FirstYear {
    let Some(raw) = &i.primo_anno else { return FirstYear::Whole };
    let rule = match raw.get_ref() {
        RawFirstYear::Intero => FirstYear::Whole,
        RawFirstYear::Mesi => FirstYear::Months,
        RawFirstYear::Giorni => FirstYear::Days,
    };
    if periodicity == Periodicity::OneOff && rule != FirstYear::Whole {
        errors.push(file.error_in_front(raw.span(), t!("tariff-first-year-one-off")).with_help(t!("tariff-first-year-one-off-help")));
    }
    rule
}

/// The items of a tariff or of one price list; `None` when one of them is wrong.
fn items(file: &ContentFile, raw: &[Spanned<RawItem>], errors: &mut Vec<Diagnostic>) -> Option<Vec<Item>> {
    let mut items = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut ok = true;
    for item in raw {
        match convert_item(file, item, errors) {
            Some(i) => {
                if !ids.insert(i.id.clone()) {
                    errors.push(file.error_in_front(item.span(), t!("tariff-item-id-twice", id = i.id.as_str())).with_help(t!("tariff-item-id-twice-help")));
                    ok = false;
                }
                items.push(i)
            }
            None => ok = false,
        }
    }
    ok.then_some(items)
}

/// `[[listini]]`: each list's dates and items; written in order, each starting the day
/// after the one before it ends (no overlap, no gap), like bands.
fn price_lists(file: &ContentFile, raw: &[Spanned<RawList>], make: impl Fn(Vec<Item>) -> Tariff, errors: &mut Vec<Diagnostic>) -> Vec<PricePeriod> {
    let mut out: Vec<PricePeriod> = Vec::new();
    for list in raw {
        let l = list.get_ref();
        let from = super::date(file, &l.dal, "dal").map_err(|e| errors.push(e)).ok();
        let to = l.al.as_ref().and_then(|d| super::date(file, d, "al").map_err(|e| errors.push(e)).ok());
        if l.voci.is_empty() {
            errors.push(file.error_in_front(list.span(), t!("tariff-list-no-items")).with_help(t!("tariff-list-no-items-help")));
        }
        let items = items(file, &l.voci, errors);
        let (Some(from), Some(items)) = (from, items) else { continue };
        if let (Some(to), Some(at)) = (to, &l.al) {
            if to < from {
                errors.push(file.error_in_front(at.span(), t!("tariff-list-ends-before")).with_help(t!("tariff-list-ends-before-help")));
            }
        }
        if let Some(prev) = out.last() {
            check_sequence(file, prev, from, &l.dal, errors);
        }
        out.push(PricePeriod { from, to, act: l.atto.clone(), tariff: make(items) });
    }
    out
}

/// A list after `prev`: later, and starting the day after `prev` ends when it says an end.
fn check_sequence(file: &ContentFile, prev: &PricePeriod, from: jiff::civil::Date, at: &Spanned<TomlDate>, errors: &mut Vec<Diagnostic>) {
    let day = |d: jiff::civil::Date| d.strftime("%d/%m/%Y").to_string();
    let next_day = prev.to.and_then(|to| to.tomorrow().ok());
    let problem = if from <= prev.from {
        Some((t!("tariff-list-order", from = day(from), prev = day(prev.from)), t!("tariff-list-order-help")))
    } else if let (Some(to), Some(next)) = (prev.to, next_day) {
        if from <= to {
            Some((t!("tariff-list-overlap", from = day(from), to = day(to)), t!("tariff-list-sequence-help", next = day(next))))
        } else if from > next {
            Some((t!("tariff-list-gap", from = day(from), to = day(to)), t!("tariff-list-sequence-help", next = day(next))))
        } else {
            None
        }
    } else {
        None
    };
    if let Some((message, help)) = problem {
        errors.push(file.error_in_front(at.span(), message).with_help(help));
    }
}

/// `per_tipo_ente`: an amount, or "su-richiesta", "incluso", "non-disponibile".
fn overrides(file: &ContentFile, i: &RawItem, errors: &mut Vec<Diagnostic>) -> Vec<(EnteType, Fixed)> {
    let mut out = Vec::new();
    for (t, v) in &i.per_tipo_ente {
        let text = v.get_ref().trim();
        let fixed = match text {
            "su-richiesta" => Ok(Fixed::OnRequest),
            "incluso" => Ok(Fixed::Included),
            "non-disponibile" => Ok(Fixed::NotAvailable),
            _ => parse_cents(text).map(Fixed::Amount),
        };
        match fixed {
            Ok(f) => out.push((*t, f)),
            Err(e) => {
                let (message, help) = match e {
                    _ if means_on_request(text) => (t!("tariff-ente-type-price", text = text), t!("tariff-ente-type-on-request-help", text = text)),
                    ParseMoneyError::NotANumber(_) => (t!("tariff-ente-type-price", text = text), t!("tariff-ente-type-price-help")),
                    other => (t!("tariff-amount", error = other.to_string()), t!("tariff-ente-type-price-help")),
                };
                errors.push(file.error_in_front(v.span(), message).with_help(help));
            }
        }
    }
    out
}

/// `quantita`: its figures within `limits::MAX_COUNT`, the default between the minimum and
/// the maximum, and both unit names written.
fn quantity(file: &ContentFile, si: &Spanned<RawItem>, errors: &mut Vec<Diagnostic>) -> Option<Quantity> {
    let q = si.get_ref().quantita.as_ref()?;
    let before = errors.len();
    let unit = super::non_empty(file, &q.unita, "unita", errors);
    let unit_plural = super::non_empty(file, &q.unita_plurale, "unita_plurale", errors);
    // Within MAX_COUNT, so within u32.
    let mut figure = |v: &Option<Spanned<Count>>, key: &str, default: Option<u32>| match v {
        Some(v) => super::count(file, v, key, errors).and_then(|n| u32::try_from(n).ok()),
        None => default,
    };
    let default = figure(&q.predefinita, "predefinita", Some(1));
    let min = figure(&q.minima, "minima", Some(1));
    let max = figure(&q.massima, "massima", None);
    if errors.len() > before {
        return None;
    }
    let (default, min) = (default?, min?);
    if max.is_some_and(|m| m < min) || default < min || max.is_some_and(|m| default > m) {
        errors.push(file.error_in_front(si.span(), t!("tariff-quantity-range")).with_help(t!("tariff-quantity-range-help")));
        return None;
    }
    Some(Quantity { unit, unit_plural, default, min, max })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Source;

    fn parse_text(text: &str) -> (Option<TariffDoc>, Vec<Diagnostic>) {
        let file = crate::content::frontmatter::split(Source::new("content/tariffe/t.md", text)).unwrap();
        let mut errors = Vec::new();
        let t = parse(&file, BasisPoints(2200), &mut errors);
        (t, errors)
    }

    #[test]
    fn parses_bands_with_overrides() {
        let (t, e) = parse_text(
            r#"+++
titolo = "RAO"
[[voci]]
nome = "Attivazione"
periodicita = "una-tantum"
modello = "fasce"
base = "abitanti"
fasce = [ { a = 1000, importo = "650.00" }, { da = 1001, importo = "900" } ]
per_tipo_ente = { unione = "su-richiesta" }
+++
"#,
        );
        assert!(e.is_empty(), "{e:?}");
        let t = t.unwrap();
        assert_eq!(t.tariff.vat, BasisPoints(2200));
        assert_eq!(t.tariff.items[0].id, "attivazione");
        assert_eq!(t.tariff.items[0].by_ente_type, vec![(EnteType::Unione, Fixed::OnRequest)]);
    }

    #[test]
    fn float_amount_is_an_error_at_its_line() {
        let (t, e) = parse_text("+++\ntitolo = \"T\"\n[[voci]]\nnome = \"A\"\nperiodicita = \"annuale\"\nmodello = \"fisso\"\nimporto = 650.5\n+++\n");
        assert!(t.is_none());
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("numero decimale"), "{}", e[0]);
        assert_eq!(e[0].line_col().unwrap().0, 7);
    }

    #[test]
    fn band_gap_points_at_the_band() {
        let (_, e) = parse_text(
            "+++\ntitolo = \"T\"\n[[voci]]\nnome = \"A\"\nperiodicita = \"annuale\"\nmodello = \"fasce\"\nbase = \"abitanti\"\nfasce = [\n  { a = 499, importo = \"150\" },\n  { da = 501, importo = \"960\" },\n]\n+++\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].message.contains("da 500 a 500"), "{}", e[0]);
        assert_eq!(e[0].line_col().unwrap().0, 10);
        assert_eq!(e[0].help.as_deref(), Some("iniziate questa fascia con `da = 500`"));
    }

    #[test]
    fn a_band_can_hold_a_sum_of_components() {
        // Per inhabitant plus per business up to 40,000 inhabitants, a fixed fee above.
        let (t, e) = parse_text(
            r#"+++
titolo = "Quota"
[[voci]]
nome = "Quota di adesione"
periodicita = "annuale"
modello = "fasce"
base = "abitanti"
[[voci.fasce]]
a = 40000
componenti = [
  { modello = "unitario", base = "abitanti", importo_unitario = "0.15" },
  { modello = "unitario", base = "imprese", importo_unitario = "1.00" },
]
[[voci.fasce]]
da = 40001
importo = "300.00"
+++
"#,
        );
        assert!(e.is_empty(), "{e:?}");
        let item = &t.unwrap().tariff.items[0];
        use crate::pricing::engine::{item_price, Price, Profile};
        let mut p = Profile::comune(10_000);
        p.businesses = 500;
        assert_eq!(item_price(item, &p), Ok(Price::Amount(150_000 + 50_000)));
        assert_eq!(item_price(item, &Profile::comune(40_001)), Ok(Price::Amount(30_000)));
    }

    #[test]
    fn model_needs_its_keys() {
        let (_, e) = parse_text("+++\ntitolo = \"T\"\n[[voci]]\nnome = \"A\"\nperiodicita = \"annuale\"\nmodello = \"unitario\"\nimporto = \"3\"\n+++\n");
        let msgs: Vec<_> = e.iter().map(|d| d.message.clone()).collect();
        assert!(msgs.iter().any(|m| m.contains("`importo` non si usa")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("ha bisogno di `base`")), "{msgs:?}");
    }

    fn item_with(keys: &str) -> String {
        format!("+++\ntitolo = \"T\"\n[[voci]]\nnome = \"A\"\nperiodicita = \"annuale\"\n{keys}\n+++\n")
    }

    #[test]
    fn figures_past_the_limits_are_refused_where_written() {
        let (t, e) = parse_text(&item_with(
            "modello = \"fasce\"\nbase = \"abitanti\"\nfasce = [ { a = 100000001, importo = \"1\" }, { da = 100000002, importo = \"2\" } ]",
        ));
        assert!(t.is_none());
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].message.starts_with("`a = 100000001` è troppo grande: il massimo è 100.000.000"), "{}", e[0]);
        assert_eq!(e[0].line_col(), Some((8, 17)));
        let (_, e) = parse_text(&item_with("modello = \"fisso\"\nimporto = \"5\"\nquantita = { unita = \"g\", unita_plurale = \"gg\", massima = 4000000000 }"));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].message.contains("`massima = 4000000000` è troppo grande"), "{}", e[0]);
        let (_, e) = parse_text(&item_with("modello = \"fisso\"\nimporto = \"1000000000.01\""));
        assert!(e[0].message.contains("il massimo è 1.000.000.000,00 €"), "{}", e[0]);
    }

    #[test]
    fn a_name_or_unit_of_spaces_is_an_error() {
        let (_, e) = parse_text("+++\ntitolo = \" \"\n[[voci]]\nnome = \"  \"\nperiodicita = \"annuale\"\nmodello = \"incluso\"\n+++\n");
        let msgs: Vec<_> = e.iter().map(|d| (d.message.clone(), d.line_col())).collect();
        assert_eq!(msgs, [("`titolo` è vuoto".to_string(), Some((2, 10))), ("`nome` è vuoto".to_string(), Some((4, 8)))]);
    }
}
