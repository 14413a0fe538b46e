//! `content/tariffe/*.md`: price items in Italian keys → `pricing::Tariff`.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use super::frontmatter::{self, ContentFile, Spanned};
use super::meta;
use crate::diagnostics::Diagnostic;
use crate::domain::TariffDoc;
use crate::pricing::money::{parse_cents, parse_percent, parse_rate, BasisPoints, ParseMoneyError};
use crate::pricing::validate::check_rule;
use crate::pricing::{Band, BandValue, Basis, EnteType, Fixed, Item, Periodicity, Quantity, Rule, Tariff};

/// An amount as the editor wrote it: always a string, never a float (floats are not exact).
#[derive(Debug, Clone)]
pub struct AmountText(pub String);

impl<'de> Deserialize<'de> for AmountText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = AmountText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount in euros written as a string, e.g. \"650.00\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AmountText, E> {
                Ok(AmountText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<AmountText, E> {
                Err(E::custom(format!(
                    "float amount {v}: amounts must be exact; write it as a string in quotes, e.g. \"{v}\""
                )))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AmountText, E> {
                Err(E::custom(format!("amount {v} without quotes: write amounts as strings in euros, e.g. \"{v}.00\"")))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum RawPeriodicity {
    UnaTantum,
    Annuale,
    Mensile,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
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

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum RawBasis {
    Abitanti,
    Postazioni,
    Imprese,
    Utenti,
    Persone,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    da: Option<Spanned<u64>>,
    a: Option<Spanned<u64>>,
    importo: Option<Spanned<AmountText>>,
    importo_unitario: Option<Spanned<AmountText>>,
    su_richiesta: Option<bool>,
    /// A sum of components for the Enti in this band.
    #[serde(default)]
    componenti: Vec<Spanned<RawRule>>,
}

/// The fields that say how an amount is computed; shared by items and sum components.
#[derive(Debug, Deserialize)]
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuantity {
    unita: String,
    unita_plurale: String,
    predefinita: Option<u32>,
    minima: Option<u32>,
    massima: Option<u32>,
}

#[derive(Debug, Deserialize)]
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTariff {
    titolo: Spanned<String>,
    iva: Option<Spanned<AmountText>>,
    sconto_aderenti: Option<Spanned<AmountText>>,
    solo_aderenti: Option<bool>,
    validita: Option<String>,
    pagamento: Option<String>,
    voci: Vec<Spanned<RawItem>>,
    slug: Option<Spanned<String>>,
    bozza: Option<bool>,
    pubblicazione: Option<Spanned<toml::value::Datetime>>,
    scadenza: Option<Spanned<toml::value::Datetime>>,
    aggiornato: Option<Spanned<toml::value::Datetime>>,
}

pub fn parse(file: &ContentFile, default_vat: BasisPoints, errors: &mut Vec<Diagnostic>) -> Option<TariffDoc> {
    let raw: RawTariff = match frontmatter::parse(file, "a tariff") {
        Ok(r) => r,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    let meta = meta(file, &common!(raw), errors);
    let mut ok = true;
    let mut percent = |v: &Option<Spanned<AmountText>>, default: BasisPoints, key: &str| match v {
        None => default,
        Some(s) => parse_percent(&s.get_ref().0).unwrap_or_else(|e| {
            ok = false;
            errors.push(file.error_in_front(s.span(), format!("`{key}`: {e}")).with_help("write a percentage as a string, e.g. \"22\" or \"12.5\""));
            default
        }),
    };
    let vat = percent(&raw.iva, default_vat, "iva");
    let member_discount = percent(&raw.sconto_aderenti, BasisPoints(0), "sconto_aderenti");
    let members_only = raw.solo_aderenti.unwrap_or(member_discount == BasisPoints(0));
    if members_only && member_discount != BasisPoints(0) {
        if let Some(s) = &raw.sconto_aderenti {
            errors.push(
                file.error_in_front(s.span(), "`sconto_aderenti` is set but the service is only for members")
                    .with_help("set `solo_aderenti = false` so that non-members pay the list price, or remove the discount"),
            );
        }
    }
    if raw.voci.is_empty() {
        errors.push(file.error_at_start("a tariff needs at least one item").with_help("add a `[[voci]]` table"));
        ok = false;
    }
    let mut items = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for item in &raw.voci {
        match convert_item(file, item, errors) {
            Some(i) => {
                if !ids.insert(i.id.clone()) {
                    errors.push(
                        file.error_in_front(item.span(), format!("two items have the id `{}`", i.id))
                            .with_help("give each item a different `id` (or a different `nome`)"),
                    );
                    ok = false;
                }
                items.push(i)
            }
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    Some(TariffDoc {
        meta,
        title: raw.titolo.get_ref().trim().to_string(),
        tariff: Tariff { items, vat, member_discount, members_only },
        validity: raw.validita,
        payment_terms: raw.pagamento,
        notes_markdown: file.body_text().to_string(),
        notes_offset: file.body.start,
    })
}

fn money(
    file: &ContentFile,
    v: &Spanned<AmountText>,
    parse: fn(&str) -> Result<i64, ParseMoneyError>,
    errors: &mut Vec<Diagnostic>,
) -> Option<i64> {
    parse(&v.get_ref().0)
        .map_err(|e| {
            errors.push(
                file.error_in_front(v.span(), format!("invalid amount: {e}"))
                    .with_help("amounts are strings in euros with a dot for the cents, e.g. \"650.00\""),
            )
        })
        .ok()
}

fn cents(file: &ContentFile, v: &Spanned<AmountText>, errors: &mut Vec<Diagnostic>) -> Option<i64> {
    money(file, v, parse_cents, errors)
}

fn rate(file: &ContentFile, v: &Spanned<AmountText>, errors: &mut Vec<Diagnostic>) -> Option<i64> {
    money(file, v, |t| parse_rate(t).map(|r| r.0), errors)
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
                file.error_in_front(at.clone(), format!("`{key}` does not apply to `modello = \"{model_name}\"`"))
                    .with_help(format!("remove `{key}`, or choose the model that uses it (see docs/contenuti.md)")),
            );
        }
    };
    use RawModel::*;
    unexpected(f.base.is_some() && matches!(model, Fisso | Incluso | SuRichiesta | Somma), "base");
    unexpected(f.importo.is_some() && model != Fisso, "importo");
    unexpected(f.importo_unitario.is_some() && model != Unitario, "importo_unitario");
    unexpected(f.fasce.is_some() && !matches!(model, Fasce | Scaglioni), "fasce");
    unexpected(!f.componenti.is_empty() && model != Somma, "componenti");
    let mut missing = |key: &str, example: &str| {
        errors.push(
            file.error_in_front(at.clone(), format!("`modello = \"{model_name}\"` needs `{key}`"))
                .with_help(format!("add `{key} = {example}`")),
        );
    };
    let need_basis = matches!(model, Unitario | Fasce | Scaglioni);
    if need_basis && f.base.is_none() {
        missing("base", "\"abitanti\"");
    }
    if model == Fisso && f.importo.is_none() {
        missing("importo", "\"500.00\"");
    }
    if model == Unitario && f.importo_unitario.is_none() {
        missing("importo_unitario", "\"0.44\"");
    }
    if matches!(model, Fasce | Scaglioni) && f.fasce.is_none() {
        missing("fasce", "[ { a = 1000, importo = \"650.00\" }, { da = 1001, importo = \"900.00\" } ]");
    }
    if model == Somma && f.componenti.len() < 2 {
        missing("componenti", "at least two `[[voci.componenti]]` tables");
    }
    if errors.len() > before {
        return None;
    }
    let b = f.base.as_ref().map(|b| basis(*b.get_ref())).unwrap_or(Basis::Population);
    let rule = match model {
        Fisso => Rule::Fixed { amount: cents(file, f.importo.as_ref()?, errors)? },
        Incluso => Rule::Included,
        SuRichiesta => Rule::OnRequest,
        Unitario => Rule::PerUnit { basis: b, rate: crate::pricing::UnitRate(rate(file, f.importo_unitario.as_ref()?, errors)?) },
        Fasce | Scaglioni => {
            let raw_bands = f.fasce.as_ref()?;
            let bands = convert_bands(file, raw_bands.get_ref(), errors)?;
            let rule = if model == Fasce { Rule::Bands { basis: b, bands } } else { Rule::Tiers { basis: b, bands } };
            if let Err(e) = check_rule(&rule) {
                let span = e.index().and_then(|i| raw_bands.get_ref().get(i)).map_or(raw_bands.span(), |b| b.span());
                errors.push(file.error_in_front(span, format!("bands: {e}")).with_help(e.help()));
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
            Some(d) => *d.get_ref(),
            None if i == 0 => 0,
            None => {
                errors.push(
                    file.error_in_front(sb.span(), "only the first band may leave out `da`")
                        .with_help("write where this band starts, e.g. `da = 1001`"),
                );
                ok = false;
                continue;
            }
        };
        let kinds = [b.importo.is_some(), b.importo_unitario.is_some(), b.su_richiesta == Some(true), !b.componenti.is_empty()];
        let value = match kinds {
            [true, false, false, false] => cents(file, b.importo.as_ref()?, errors).map(BandValue::Flat),
            [false, true, false, false] => rate(file, b.importo_unitario.as_ref()?, errors)
                .map(|r| BandValue::PerUnit(crate::pricing::UnitRate(r))),
            [false, false, true, false] => Some(BandValue::OnRequest),
            [false, false, false, true] => components(file, &b.componenti, errors).map(BandValue::Sum),
            _ => {
                errors.push(
                    file.error_in_front(sb.span(), "a band needs exactly one of `importo`, `importo_unitario`, `su_richiesta = true`, `componenti`")
                        .with_help("e.g. `{ da = 1001, a = 2000, importo = \"650.00\" }`"),
                );
                None
            }
        };
        match value {
            Some(value) => out.push(Band { from, to: b.a.as_ref().map(|a| *a.get_ref()), value }),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn convert_item(file: &ContentFile, si: &Spanned<RawItem>, errors: &mut Vec<Diagnostic>) -> Option<Item> {
    let i = si.get_ref();
    let name = i.nome.get_ref().trim().to_string();
    let id = match &i.id {
        Some(id) => {
            if !super::is_safe_slug(id.get_ref()) {
                errors.push(file.error_in_front(id.span(), format!("invalid item id \"{}\"", id.get_ref())).with_help(super::slug_help()));
                return None;
            }
            id.get_ref().clone()
        }
        None => crate::markdown::slugify(&name),
    };
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
    let mut by_ente_type = Vec::new();
    let mut ok = true;
    for (t, v) in &i.per_tipo_ente {
        let text = v.get_ref().trim();
        let fixed = match text {
            "su-richiesta" => Some(Fixed::OnRequest),
            "incluso" => Some(Fixed::Included),
            "non-disponibile" => Some(Fixed::NotAvailable),
            _ => parse_cents(text).map(Fixed::Amount).ok(),
        };
        match fixed {
            Some(f) => by_ente_type.push((*t, f)),
            None => {
                ok = false;
                errors.push(
                    file.error_in_front(v.span(), format!("\"{text}\" is not a price for a type of Ente"))
                        .with_help("use an amount such as \"300.00\", or \"su-richiesta\", \"incluso\", \"non-disponibile\""),
                );
            }
        }
    }
    let min = match &i.minimo {
        Some(m) => Some(cents(file, m, errors)?),
        None => None,
    };
    let max = match &i.massimo {
        Some(m) => Some(cents(file, m, errors)?),
        None => None,
    };
    if let (Some(lo), Some(hi), Some(m)) = (min, max, &i.massimo) {
        if lo > hi {
            errors.push(file.error_in_front(m.span(), "`massimo` is below `minimo`").with_help("swap the two amounts"));
            ok = false;
        }
    }
    let quantity = i.quantita.as_ref().map(|q| Quantity {
        unit: q.unita.clone(),
        unit_plural: q.unita_plurale.clone(),
        default: q.predefinita.unwrap_or(1),
        min: q.minima.unwrap_or(1),
        max: q.massima,
    });
    if let Some(q) = &quantity {
        if q.max.is_some_and(|m| m < q.min) || q.default < q.min || q.max.is_some_and(|m| q.default > m) {
            errors.push(
                file.error_in_front(si.span(), "`quantita`: the default must lie between the minimum and the maximum")
                    .with_help("check `predefinita`, `minima` and `massima`"),
            );
            ok = false;
        }
    }
    let periodicity = match i.periodicita {
        RawPeriodicity::UnaTantum => Periodicity::OneOff,
        RawPeriodicity::Annuale => Periodicity::Yearly,
        RawPeriodicity::Mensile => Periodicity::Monthly,
    };
    let rule = rule?;
    ok.then_some(Item {
        id,
        name,
        description: i.descrizione.clone(),
        periodicity,
        rule,
        by_ente_type,
        min,
        max,
        optional: i.opzionale,
        quantity,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Source;

    fn parse_text(text: &str) -> (Option<TariffDoc>, Vec<Diagnostic>) {
        let file = frontmatter::split(Source::new("content/tariffe/t.md", text)).unwrap();
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
        assert!(e[0].message.contains("float amount"), "{}", e[0]);
        assert_eq!(e[0].line_col().unwrap().0, 7);
    }

    #[test]
    fn band_gap_points_at_the_band() {
        let (_, e) = parse_text(
            "+++\ntitolo = \"T\"\n[[voci]]\nnome = \"A\"\nperiodicita = \"annuale\"\nmodello = \"fasce\"\nbase = \"abitanti\"\nfasce = [\n  { a = 499, importo = \"150\" },\n  { da = 501, importo = \"960\" },\n]\n+++\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].message.contains("500 to 500"), "{}", e[0]);
        assert_eq!(e[0].line_col().unwrap().0, 10);
        assert_eq!(e[0].help.as_deref(), Some("start this band with `da = 500`"));
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
        assert_eq!(item_price(item, &p), Price::Amount(150_000 + 50_000));
        assert_eq!(item_price(item, &Profile::comune(40_001)), Price::Amount(30_000));
    }

    #[test]
    fn model_needs_its_keys() {
        let (_, e) = parse_text("+++\ntitolo = \"T\"\n[[voci]]\nnome = \"A\"\nperiodicita = \"annuale\"\nmodello = \"unitario\"\nimporto = \"3\"\n+++\n");
        let msgs: Vec<_> = e.iter().map(|d| d.message.clone()).collect();
        assert!(msgs.iter().any(|m| m.contains("`importo` does not apply")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("needs `base`")), "{msgs:?}");
    }
}
