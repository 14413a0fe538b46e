//! Evaluating a tariff for one Ente: pure functions from a `Profile` to an itemised `Quote`.
//!
//! The rounding rule (the only one): every computed item amount is kept exact in
//! ten-thousandths of a euro while it is computed, then rounded **once, half away from zero,
//! to the cent**; a member discount and each VAT amount are rounded the same way; subtotals
//! and totals are exact sums of rounded amounts. The browser calculator implements the same
//! steps (see `themes/agid/static/js/pricing.js`) and a differential test keeps them equal.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{BandValue, Basis, EnteType, Fixed, Item, Periodicity, Rule, Tariff};
use super::money::{div_round, percent_of, Cents};

/// What the calculator knows about the Ente asking. Missing fields default to a member
/// Comune with every figure 0, nothing optional chosen, over one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    pub ente_type: EnteType,
    pub population: u64,
    pub workstations: u64,
    pub businesses: u64,
    pub users: u64,
    pub persons: u64,
    /// Member of the CST (pays member prices) or not (list prices).
    pub member: bool,
    /// Optional items chosen, with their quantity (`item id → quantity`). Items with a
    /// `quantity` but not optional take their quantity from here too (default otherwise).
    pub quantities: BTreeMap<String, u32>,
    /// Years of the convention, for the multi-year total (at least 1).
    pub years: u32,
}

impl Default for Profile {
    fn default() -> Self {
        Profile::comune(0)
    }
}

impl Profile {
    pub fn comune(population: u64) -> Profile {
        Profile {
            ente_type: EnteType::Comune,
            population,
            workstations: 0,
            businesses: 0,
            users: 0,
            persons: 0,
            member: true,
            quantities: BTreeMap::new(),
            years: 1,
        }
    }

    fn figure(&self, basis: Basis) -> u64 {
        match basis {
            Basis::Population => self.population,
            Basis::Workstations => self.workstations,
            Basis::Businesses => self.businesses,
            Basis::Users => self.users,
            Basis::Persons => self.persons,
        }
    }
}

/// The price of one line of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "cents", rename_all = "kebab-case")]
pub enum Price {
    Amount(Cents),
    OnRequest,
    Included,
    NotAvailable,
    /// An optional item the Ente did not choose.
    NotChosen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub item: String,
    pub name: String,
    pub periodicity: Periodicity,
    pub quantity: Option<u32>,
    /// Per period (per month for monthly items), after the member discount.
    pub price: Price,
    /// What the line adds to the yearly subtotal (monthly × 12, yearly as is).
    pub per_year: Option<Cents>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub lines: Vec<Line>,
    pub one_off: Cents,
    pub yearly: Cents,
    pub vat_one_off: Cents,
    pub vat_yearly: Cents,
    pub years: u32,
    /// `one_off + yearly × years`, VAT excluded.
    pub total: Cents,
    pub total_vat: Cents,
    /// True when some line has no number (quote on request): totals leave it out.
    pub incomplete: bool,
    /// The service is for members only and the Ente is not one.
    pub not_available: bool,
}

/// An amount in ten-thousandths of a euro, exact until rounded.
type Exact = i128;

enum Value {
    Exact(Exact),
    OnRequest,
    Included,
}

fn eval_rule(rule: &Rule, p: &Profile) -> Value {
    match rule {
        Rule::Fixed { amount } => Value::Exact(*amount as Exact * 100),
        Rule::Included => Value::Included,
        Rule::OnRequest => Value::OnRequest,
        Rule::PerUnit { basis, rate } => Value::Exact(p.figure(*basis) as Exact * rate.0 as Exact),
        Rule::Bands { basis, bands } => {
            let x = p.figure(*basis);
            match bands.iter().find(|b| b.contains(x)).map(|b| &b.value) {
                Some(BandValue::Flat(c)) => Value::Exact(*c as Exact * 100),
                Some(BandValue::PerUnit(r)) => Value::Exact(x as Exact * r.0 as Exact),
                Some(BandValue::Sum(parts)) => eval_rule(&Rule::Sum { parts: parts.clone() }, p),
                // Validation guarantees a band for every value; be safe anyway.
                Some(BandValue::OnRequest) | None => Value::OnRequest,
            }
        }
        Rule::Tiers { basis, bands } => {
            // Units are counted from 1: x units fill the bands in order.
            let x = p.figure(*basis);
            let mut total: Exact = 0;
            for b in bands {
                let lo = b.from.max(1);
                let hi = b.to.unwrap_or(u64::MAX).min(x);
                if hi >= lo {
                    let units = (hi - lo + 1) as Exact;
                    match &b.value {
                        BandValue::PerUnit(r) => total += units * r.0 as Exact,
                        // Validation allows only rates in tiers.
                        BandValue::Flat(_) | BandValue::Sum(_) | BandValue::OnRequest => return Value::OnRequest,
                    }
                }
            }
            Value::Exact(total)
        }
        Rule::Sum { parts } => {
            let mut total: Exact = 0;
            let mut any = false;
            for part in parts {
                match eval_rule(part, p) {
                    Value::OnRequest => return Value::OnRequest,
                    Value::Included => {}
                    Value::Exact(v) => {
                        total += v;
                        any = true;
                    }
                }
            }
            if any {
                Value::Exact(total)
            } else {
                Value::Included
            }
        }
    }
}

/// The price of one item for one profile, per period, before the member discount.
pub fn item_price(item: &Item, p: &Profile) -> Price {
    if let Some((_, f)) = item.by_ente_type.iter().find(|(t, _)| *t == p.ente_type) {
        return match f {
            Fixed::Amount(c) => Price::Amount(*c * quantity_of(item, p).unwrap_or(1) as Cents),
            Fixed::OnRequest => Price::OnRequest,
            Fixed::Included => Price::Included,
            Fixed::NotAvailable => Price::NotAvailable,
        };
    }
    match eval_rule(&item.rule, p) {
        Value::OnRequest => Price::OnRequest,
        Value::Included => Price::Included,
        Value::Exact(v) => {
            let mut cents = div_round(v, 100);
            if let Some(min) = item.min {
                cents = cents.max(min);
            }
            if let Some(max) = item.max {
                cents = cents.min(max);
            }
            Price::Amount(cents * quantity_of(item, p).unwrap_or(1) as Cents)
        }
    }
}

fn quantity_of(item: &Item, p: &Profile) -> Option<u32> {
    let q = item.quantity.as_ref()?;
    let chosen = p.quantities.get(&item.id).copied().unwrap_or(q.default);
    Some(chosen.max(q.min).min(q.max.unwrap_or(u32::MAX)))
}

/// Evaluate a whole tariff: itemised lines, subtotals, VAT and the multi-year total.
pub fn quote(tariff: &Tariff, p: &Profile) -> Quote {
    let not_available = tariff.members_only && !p.member;
    let mut lines = Vec::with_capacity(tariff.items.len());
    let (mut one_off, mut yearly, mut incomplete) = (0, 0, false);
    for item in &tariff.items {
        let chosen = !item.optional || p.quantities.contains_key(&item.id);
        let mut price = if not_available {
            Price::NotAvailable
        } else if !chosen {
            Price::NotChosen
        } else {
            item_price(item, p)
        };
        if let Price::Amount(c) = price {
            if p.member && tariff.member_discount.0 > 0 {
                price = Price::Amount(c - percent_of(c, tariff.member_discount));
            }
        }
        let per_year = match (price, item.periodicity) {
            (Price::Amount(c), Periodicity::Yearly) => Some(c),
            (Price::Amount(c), Periodicity::Monthly) => Some(c * 12),
            _ => None,
        };
        match (price, item.periodicity) {
            (Price::Amount(c), Periodicity::OneOff) => one_off += c,
            (Price::Amount(_), _) => yearly += per_year.unwrap_or(0),
            (Price::OnRequest, _) => incomplete = true,
            _ => {}
        }
        lines.push(Line {
            item: item.id.clone(),
            name: item.name.clone(),
            periodicity: item.periodicity,
            quantity: if chosen { quantity_of(item, p) } else { None },
            price,
            per_year,
        });
    }
    let years = p.years.max(1);
    let vat_one_off = percent_of(one_off, tariff.vat);
    let vat_yearly = percent_of(yearly, tariff.vat);
    Quote {
        lines,
        one_off,
        yearly,
        vat_one_off,
        vat_yearly,
        years,
        total: one_off + yearly * years as Cents,
        total_vat: vat_one_off + vat_yearly * years as Cents,
        incomplete,
        not_available,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::model::{Band, Quantity};
    use crate::pricing::{BasisPoints, UnitRate};

    fn item(id: &str, periodicity: Periodicity, rule: Rule) -> Item {
        Item {
            id: id.into(),
            name: id.into(),
            description: None,
            periodicity,
            rule,
            by_ente_type: Vec::new(),
            min: None,
            max: None,
            optional: false,
            quantity: None,
        }
    }

    fn bands(values: &[(u64, Option<u64>, BandValue)]) -> Vec<Band> {
        values.iter().map(|(f, t, v)| Band { from: *f, to: *t, value: v.clone() }).collect()
    }

    fn rao_activation() -> Item {
        let mut i = item(
            "attivazione",
            Periodicity::OneOff,
            Rule::Bands {
                basis: Basis::Population,
                bands: bands(&[
                    (0, Some(1000), BandValue::Flat(65_000)),
                    (1001, Some(2000), BandValue::Flat(65_000)),
                    (2001, Some(5000), BandValue::Flat(90_000)),
                    (5001, Some(10_000), BandValue::Flat(90_000)),
                    (10_001, None, BandValue::OnRequest),
                ]),
            },
        );
        i.by_ente_type = vec![(EnteType::Unione, Fixed::OnRequest)];
        i
    }

    fn tariff(items: Vec<Item>) -> Tariff {
        Tariff { items, vat: BasisPoints(2200), member_discount: BasisPoints(0), members_only: true }
    }

    #[test]
    fn band_edges() {
        let i = rao_activation();
        assert_eq!(item_price(&i, &Profile::comune(1000)), Price::Amount(65_000));
        assert_eq!(item_price(&i, &Profile::comune(2001)), Price::Amount(90_000));
        assert_eq!(item_price(&i, &Profile::comune(10_000)), Price::Amount(90_000));
        assert_eq!(item_price(&i, &Profile::comune(10_001)), Price::OnRequest);
        let unione = Profile { ente_type: EnteType::Unione, ..Profile::comune(800) };
        assert_eq!(item_price(&i, &unione), Price::OnRequest);
    }

    #[test]
    fn per_inhabitant() {
        let i = item("quota", Periodicity::Yearly, Rule::PerUnit { basis: Basis::Population, rate: UnitRate(4_400) });
        assert_eq!(item_price(&i, &Profile::comune(12_345)), Price::Amount(543_180));
    }

    #[test]
    fn marginal_tiers_round_once() {
        // 0.15 € for the first 1,000 inhabitants, 0.125 € above.
        let i = item(
            "quota",
            Periodicity::Yearly,
            Rule::Tiers {
                basis: Basis::Population,
                bands: bands(&[(0, Some(1000), BandValue::PerUnit(UnitRate(1_500))), (1001, None, BandValue::PerUnit(UnitRate(1_250)))]),
            },
        );
        // 1000 × 0.15 + 3 × 0.125 = 150.375 → 150.38
        assert_eq!(item_price(&i, &Profile::comune(1003)), Price::Amount(15_038));
        assert_eq!(item_price(&i, &Profile::comune(0)), Price::Amount(0));
    }

    #[test]
    fn sums_with_minimum_and_quantities() {
        let mut i = item(
            "adesione",
            Periodicity::Yearly,
            Rule::Sum {
                parts: vec![
                    Rule::PerUnit { basis: Basis::Population, rate: UnitRate(1_500) },
                    Rule::PerUnit { basis: Basis::Businesses, rate: UnitRate(10_000) },
                ],
            },
        );
        i.min = Some(30_000);
        let mut p = Profile::comune(1000);
        p.businesses = 40;
        // 150 + 40 = 190 → raised to the 300 minimum
        assert_eq!(item_price(&i, &p), Price::Amount(30_000));
        p.businesses = 200;
        assert_eq!(item_price(&i, &p), Price::Amount(35_000));

        let mut day = item("spid-day", Periodicity::OneOff, Rule::Fixed { amount: 50_000 });
        day.optional = true;
        day.quantity = Some(Quantity { unit: "giornata".into(), unit_plural: "giornate".into(), default: 1, min: 1, max: None });
        let t = tariff(vec![day]);
        let q = quote(&t, &Profile::comune(500));
        assert_eq!(q.lines[0].price, Price::NotChosen);
        let mut p = Profile::comune(500);
        p.quantities.insert("spid-day".into(), 3);
        assert_eq!(quote(&t, &p).one_off, 150_000);
    }

    #[test]
    fn quote_totals_vat_years_and_members() {
        let canone = item("canone", Periodicity::Yearly, Rule::Fixed { amount: 90_000 });
        let spazio = item("spazio", Periodicity::Monthly, Rule::PerUnit { basis: Basis::Users, rate: UnitRate(40_000) });
        let mut t = tariff(vec![rao_activation(), canone, spazio]);
        let mut p = Profile::comune(1500);
        p.users = 10;
        p.years = 3;
        let q = quote(&t, &p);
        assert_eq!(q.one_off, 65_000);
        assert_eq!(q.yearly, 90_000 + 4_000 * 12);
        assert_eq!(q.lines[2].per_year, Some(48_000));
        assert_eq!(q.vat_one_off, 14_300);
        assert_eq!(q.vat_yearly, 30_360);
        assert_eq!(q.total, 65_000 + 138_000 * 3);
        assert_eq!(q.total_vat, 14_300 + 30_360 * 3);
        assert!(!q.incomplete);

        assert!(quote(&t, &Profile::comune(20_000)).incomplete);

        p.member = false;
        assert!(quote(&t, &p).not_available);
        t.members_only = false;
        t.member_discount = BasisPoints(1000);
        assert_eq!(quote(&t, &p).one_off, 65_000);
        p.member = true;
        assert_eq!(quote(&t, &p).one_off, 58_500);
    }
}
