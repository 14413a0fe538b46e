//! Evaluating a tariff for one Ente: pure functions from a `Profile` to an itemised `Quote`.
//!
//! The rounding rule (the only one): every computed item amount is kept exact in
//! ten-thousandths of a euro while it is computed, then rounded **once, half away from zero,
//! to the cent**; a member discount and each VAT amount are rounded the same way; subtotals
//! and totals are exact sums of rounded amounts. An item charged in proportion in its first
//! year (`FirstYear`) takes its share of the rounded yearly amount, rounded once the same
//! way. The browser calculator implements the same
//! steps (see `themes/agid/static/js/pricing.js`) and a differential test keeps them equal.
//!
//! Every product and sum is computed in `i128` with checked operations, and every amount a
//! quote shows must be at most `limits::MAX_RESULT` (what the browser's numbers hold
//! exactly): past it, `quote` and `item_price` return `TooLarge` instead of a wrapped or
//! rounded number. The content parsers keep every input within `limits`.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::model::{period_at, BandValue, Basis, EnteType, FirstYear, Fixed, Item, Periodicity, PricePeriod, Rule, Tariff};
use super::money::{div_round, percent_of, to_cents, Cents};

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
    /// The day the Ente joins or the service starts: items charged in proportion in their
    /// first year (`FirstYear`) are charged from it. None: the whole first year.
    pub start: Option<Date>,
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
            start: None,
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
    /// What it adds to the first year's: `per_year`, or its share when the item is charged
    /// in proportion from the profile's start.
    pub first_year: Option<Cents>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub lines: Vec<Line>,
    pub one_off: Cents,
    pub yearly: Cents,
    pub vat_one_off: Cents,
    pub vat_yearly: Cents,
    /// The yearly costs of the first year (less than `yearly` when an item is charged in
    /// proportion from the start) and their VAT.
    pub first_year: Cents,
    pub vat_first_year: Cents,
    pub years: u32,
    /// `one_off + first_year + yearly × (years − 1)`, VAT excluded.
    pub total: Cents,
    pub total_vat: Cents,
    /// What each year of the choice costs: the first with the one-off costs and its share
    /// of the yearly ones, the others each with the price list in force that year.
    pub by_year: Vec<YearAmount>,
    /// True when some line has no number (quote on request): totals leave it out.
    pub incomplete: bool,
    /// The service is for members only and the Ente is not one.
    pub not_available: bool,
}

/// One year of a quote, VAT excluded and VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearAmount {
    pub net: Cents,
    pub vat: Cents,
}

/// A quote the engine cannot show exactly: an amount past `limits::MAX_RESULT`. The
/// engine refuses it rather than show a wrapped or rounded number; the build reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    /// The item whose amount is too large; `None` when every item fits but a total does not.
    pub item: Option<String>,
}

/// An amount in ten-thousandths of a euro, exact until rounded.
type Exact = i128;

/// An operation whose result does not fit. Every multiplication and sum of money is
/// checked: with inputs within `limits` the `i128`s never come near overflowing (see the
/// test at the limits), and a result a quote cannot show is refused, not wrapped.
struct Overflow;

fn add(a: Exact, b: Exact) -> Result<Exact, Overflow> {
    a.checked_add(b).ok_or(Overflow)
}

fn mul(a: Exact, b: Exact) -> Result<Exact, Overflow> {
    a.checked_mul(b).ok_or(Overflow)
}

/// An exact amount as the cents a quote shows.
fn cents(v: Exact) -> Result<Cents, Overflow> {
    to_cents(v).ok_or(Overflow)
}

enum Value {
    Exact(Exact),
    OnRequest,
    Included,
}

fn eval_rule(rule: &Rule, p: &Profile) -> Result<Value, Overflow> {
    Ok(match rule {
        Rule::Fixed { amount } => Value::Exact(mul(Exact::from(*amount), 100)?),
        Rule::Included => Value::Included,
        Rule::OnRequest => Value::OnRequest,
        Rule::PerUnit { basis, rate } => Value::Exact(mul(Exact::from(p.figure(*basis)), Exact::from(rate.0))?),
        Rule::Bands { basis, bands } => {
            let x = p.figure(*basis);
            match bands.iter().find(|b| b.contains(x)).map(|b| &b.value) {
                Some(BandValue::Flat(c)) => Value::Exact(mul(Exact::from(*c), 100)?),
                Some(BandValue::PerUnit(r)) => Value::Exact(mul(Exact::from(x), Exact::from(r.0))?),
                Some(BandValue::Sum(parts)) => sum(parts, p)?,
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
                    let units = Exact::from(hi - lo) + 1;
                    match &b.value {
                        BandValue::PerUnit(r) => total = add(total, mul(units, Exact::from(r.0))?)?,
                        // Validation allows only rates in tiers.
                        BandValue::Flat(_) | BandValue::Sum(_) | BandValue::OnRequest => return Ok(Value::OnRequest),
                    }
                }
            }
            Value::Exact(total)
        }
        Rule::Sum { parts } => sum(parts, p)?,
    })
}

fn sum(parts: &[Rule], p: &Profile) -> Result<Value, Overflow> {
    let mut total: Exact = 0;
    let mut any = false;
    for part in parts {
        match eval_rule(part, p)? {
            Value::OnRequest => return Ok(Value::OnRequest),
            Value::Included => {}
            Value::Exact(v) => {
                total = add(total, v)?;
                any = true;
            }
        }
    }
    Ok(if any { Value::Exact(total) } else { Value::Included })
}

/// The price of one item for one profile, per period, before the member discount.
pub fn item_price(item: &Item, p: &Profile) -> Result<Price, TooLarge> {
    price_of(item, p).map_err(|Overflow| TooLarge { item: Some(item.id.clone()) })
}

fn price_of(item: &Item, p: &Profile) -> Result<Price, Overflow> {
    let quantity = Exact::from(quantity_of(item, p).unwrap_or(1));
    if let Some((_, f)) = item.by_ente_type.iter().find(|(t, _)| *t == p.ente_type) {
        return Ok(match f {
            Fixed::Amount(c) => Price::Amount(cents(mul(Exact::from(*c), quantity)?)?),
            Fixed::OnRequest => Price::OnRequest,
            Fixed::Included => Price::Included,
            Fixed::NotAvailable => Price::NotAvailable,
        });
    }
    Ok(match eval_rule(&item.rule, p)? {
        Value::OnRequest => Price::OnRequest,
        Value::Included => Price::Included,
        Value::Exact(v) => {
            let mut amount = div_round(v, 100).ok_or(Overflow)?;
            if let Some(min) = item.min {
                amount = amount.max(Exact::from(min));
            }
            if let Some(max) = item.max {
                amount = amount.min(Exact::from(max));
            }
            Price::Amount(cents(mul(amount, quantity)?)?)
        }
    })
}

fn quantity_of(item: &Item, p: &Profile) -> Option<u32> {
    let q = item.quantity.as_ref()?;
    let chosen = p.quantities.get(&item.id).copied().unwrap_or(q.default);
    Some(chosen.max(q.min).min(q.max.unwrap_or(u32::MAX)))
}

/// One line of a quote: the item's price after the member discount, and what it adds to
/// the yearly subtotal.
fn line(tariff: &Tariff, item: &Item, p: &Profile, not_available: bool) -> Result<Line, TooLarge> {
    let too_large = || TooLarge { item: Some(item.id.clone()) };
    let chosen = !item.optional || p.quantities.contains_key(&item.id);
    let mut price = if not_available {
        Price::NotAvailable
    } else if !chosen {
        Price::NotChosen
    } else {
        item_price(item, p)?
    };
    if let Price::Amount(c) = price {
        if p.member && tariff.member_discount.0 > 0 {
            let off = percent_of(c, tariff.member_discount).ok_or_else(too_large)?;
            price = Price::Amount(c.checked_sub(off).ok_or_else(too_large)?);
        }
    }
    let per_year = match (price, item.periodicity) {
        (Price::Amount(c), Periodicity::Yearly) => Some(c),
        (Price::Amount(c), Periodicity::Monthly) => Some(to_cents(Exact::from(c) * 12).ok_or_else(too_large)?),
        _ => None,
    };
    let first_year = per_year.map(|c| share_of_first_year(c, first_year_share(item.first_year, p.start)).ok_or_else(too_large)).transpose()?;
    Ok(Line {
        item: item.id.clone(),
        name: item.name.clone(),
        periodicity: item.periodicity,
        quantity: if chosen { quantity_of(item, p) } else { None },
        price,
        per_year,
        first_year,
    })
}

/// The share of its first year an item is charged, as `(numerator, denominator)`: by months,
/// `13 − month` twelfths (the month of the start counts whole); by days, the days from the
/// start to 31 December, both counted, over the days of that year (365 or 366).
pub fn first_year_share(rule: FirstYear, start: Option<Date>) -> (i64, i64) {
    match (rule, start) {
        (FirstYear::Whole, _) | (_, None) => (1, 1),
        (FirstYear::Months, Some(d)) => (13 - i64::from(d.month()), 12),
        (FirstYear::Days, Some(d)) => (i64::from(d.days_in_year() - d.day_of_year() + 1), i64::from(d.days_in_year())),
    }
}

/// A yearly amount's share, rounded once (half away from zero) to the cent.
fn share_of_first_year(per_year: Cents, (num, den): (i64, i64)) -> Option<Cents> {
    to_cents(div_round(i128::from(per_year).checked_mul(i128::from(num))?, i128::from(den))?)
}

/// Evaluate a whole tariff: itemised lines, subtotals, VAT and the multi-year total.
pub fn quote(tariff: &Tariff, p: &Profile) -> Result<Quote, TooLarge> {
    let not_available = tariff.members_only && !p.member;
    let mut lines = Vec::with_capacity(tariff.items.len());
    let (mut one_off, mut yearly, mut first_year, mut incomplete): (Exact, Exact, Exact, bool) = (0, 0, 0, false);
    let too_large = |Overflow| TooLarge { item: None };
    for item in &tariff.items {
        let l = line(tariff, item, p, not_available)?;
        match (l.price, l.periodicity) {
            (Price::Amount(c), Periodicity::OneOff) => one_off = add(one_off, Exact::from(c)).map_err(too_large)?,
            (Price::Amount(_), _) => {
                yearly = add(yearly, Exact::from(l.per_year.unwrap_or(0))).map_err(too_large)?;
                first_year = add(first_year, Exact::from(l.first_year.unwrap_or(0))).map_err(too_large)?;
            }
            (Price::OnRequest, _) => incomplete = true,
            _ => {}
        }
        lines.push(l);
    }
    let sums = Sums { one_off, yearly, first_year, years: p.years.max(1), incomplete, not_available };
    totals(tariff, lines, sums).map_err(too_large)
}

/// What the lines add up to, before VAT and years.
struct Sums {
    one_off: Exact,
    yearly: Exact,
    first_year: Exact,
    years: u32,
    incomplete: bool,
    not_available: bool,
}

fn totals(tariff: &Tariff, lines: Vec<Line>, s: Sums) -> Result<Quote, Overflow> {
    let Sums { years, incomplete, not_available, .. } = s;
    let (one_off, yearly, first_year) = (cents(s.one_off)?, cents(s.yearly)?, cents(s.first_year)?);
    let vat = |c: Cents| percent_of(c, tariff.vat).ok_or(Overflow);
    let (vat_one_off, vat_yearly, vat_first_year) = (vat(one_off)?, vat(yearly)?, vat(first_year)?);
    // Year 1 has the one-off costs and the first year's share; the other years the full yearly costs.
    let over_years = |once: Cents, first: Cents, each: Cents| -> Result<Cents, Overflow> {
        cents(add(add(Exact::from(once), Exact::from(first))?, mul(Exact::from(each), Exact::from(years - 1))?)?)
    };
    let total = over_years(one_off, first_year, yearly)?;
    let total_vat = over_years(vat_one_off, vat_first_year, vat_yearly)?;
    let first = YearAmount {
        net: cents(add(Exact::from(one_off), Exact::from(first_year))?)?,
        vat: cents(add(Exact::from(vat_one_off), Exact::from(vat_first_year))?)?,
    };
    let mut by_year = vec![first];
    by_year.extend((1..years).map(|_| YearAmount { net: yearly, vat: vat_yearly }));
    Ok(Quote { lines, one_off, yearly, vat_one_off, vat_yearly, first_year, vat_first_year, years, total, total_vat, by_year, incomplete, not_available })
}

/// A tariff with dated price lists: year 1 (from the profile's start, else `today`) priced
/// with the list in force that day, each later year with the list in force on its 1
/// January. The lines are year 1's; `by_year` and the totals add the years up.
pub fn quote_periods(periods: &[PricePeriod], p: &Profile, today: Date) -> Result<Quote, TooLarge> {
    let too_large = || TooLarge { item: None };
    let start = p.start.unwrap_or(today);
    let years = p.years.max(1);
    let list_at = |day: Date| period_at(periods, day).map(|x| &x.tariff).ok_or_else(too_large);
    let mut q = quote(list_at(start)?, &Profile { years: 1, ..p.clone() })?;
    for k in 1..years {
        let year = i16::try_from(k).ok().and_then(|k| start.year().checked_add(k)).ok_or_else(too_large)?;
        let jan1 = Date::new(year, 1, 1).map_err(|_| too_large())?;
        let later = quote(list_at(jan1)?, &Profile { years: 1, start: None, ..p.clone() })?;
        // A later year has no one-off costs and no share: its list's whole yearly costs.
        q.by_year.push(YearAmount { net: later.yearly, vat: later.vat_yearly });
        q.incomplete |= later.incomplete;
    }
    let sum =
        |f: fn(&YearAmount) -> Cents| q.by_year.iter().try_fold(0 as Exact, |acc, y| add(acc, Exact::from(f(y)))).ok().and_then(to_cents).ok_or_else(too_large);
    (q.total, q.total_vat) = (sum(|y| y.net)?, sum(|y| y.vat)?);
    q.years = years;
    Ok(q)
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
            first_year: FirstYear::Whole,
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
        assert_eq!(item_price(&i, &Profile::comune(1000)), Ok(Price::Amount(65_000)));
        assert_eq!(item_price(&i, &Profile::comune(2001)), Ok(Price::Amount(90_000)));
        assert_eq!(item_price(&i, &Profile::comune(10_000)), Ok(Price::Amount(90_000)));
        assert_eq!(item_price(&i, &Profile::comune(10_001)), Ok(Price::OnRequest));
        let unione = Profile { ente_type: EnteType::Unione, ..Profile::comune(800) };
        assert_eq!(item_price(&i, &unione), Ok(Price::OnRequest));
    }

    #[test]
    fn per_inhabitant() {
        let i = item("quota", Periodicity::Yearly, Rule::PerUnit { basis: Basis::Population, rate: UnitRate(4_400) });
        assert_eq!(item_price(&i, &Profile::comune(12_345)), Ok(Price::Amount(543_180)));
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
        assert_eq!(item_price(&i, &Profile::comune(1003)), Ok(Price::Amount(15_038)));
        assert_eq!(item_price(&i, &Profile::comune(0)), Ok(Price::Amount(0)));
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
        assert_eq!(item_price(&i, &p), Ok(Price::Amount(30_000)));
        p.businesses = 200;
        assert_eq!(item_price(&i, &p), Ok(Price::Amount(35_000)));

        let mut day = item("spid-day", Periodicity::OneOff, Rule::Fixed { amount: 50_000 });
        day.optional = true;
        day.quantity = Some(Quantity { unit: "giornata".into(), unit_plural: "giornate".into(), default: 1, min: 1, max: None });
        let t = tariff(vec![day]);
        let q = quote(&t, &Profile::comune(500)).unwrap();
        assert_eq!(q.lines[0].price, Price::NotChosen);
        let mut p = Profile::comune(500);
        p.quantities.insert("spid-day".into(), 3);
        assert_eq!(quote(&t, &p).unwrap().one_off, 150_000);
    }

    #[test]
    fn quote_totals_vat_years_and_members() {
        let canone = item("canone", Periodicity::Yearly, Rule::Fixed { amount: 90_000 });
        let spazio = item("spazio", Periodicity::Monthly, Rule::PerUnit { basis: Basis::Users, rate: UnitRate(40_000) });
        let mut t = tariff(vec![rao_activation(), canone, spazio]);
        let mut p = Profile::comune(1500);
        p.users = 10;
        p.years = 3;
        let q = quote(&t, &p).unwrap();
        assert_eq!(q.one_off, 65_000);
        assert_eq!(q.yearly, 90_000 + 4_000 * 12);
        assert_eq!(q.lines[2].per_year, Some(48_000));
        assert_eq!(q.vat_one_off, 14_300);
        assert_eq!(q.vat_yearly, 30_360);
        assert_eq!(q.total, 65_000 + 138_000 * 3);
        assert_eq!(q.total_vat, 14_300 + 30_360 * 3);
        assert!(!q.incomplete);

        assert!(quote(&t, &Profile::comune(20_000)).unwrap().incomplete);

        p.member = false;
        assert!(quote(&t, &p).unwrap().not_available);
        t.members_only = false;
        t.member_discount = BasisPoints(1000);
        assert_eq!(quote(&t, &p).unwrap().one_off, 65_000);
        p.member = true;
        assert_eq!(quote(&t, &p).unwrap().one_off, 58_500);
    }

    fn date(text: &str) -> Option<Date> {
        Some(text.parse().unwrap())
    }

    /// Hand-computed shares: the month of the start counts whole; days count both ends, over
    /// 365 or 366 days.
    #[test]
    fn first_year_shares_at_month_and_year_boundaries() {
        use FirstYear::{Days, Months, Whole};
        assert_eq!(first_year_share(Months, date("2026-01-01")), (12, 12));
        assert_eq!(first_year_share(Months, date("2026-01-31")), (12, 12));
        assert_eq!(first_year_share(Months, date("2026-02-01")), (11, 12));
        assert_eq!(first_year_share(Months, date("2026-04-15")), (9, 12));
        assert_eq!(first_year_share(Months, date("2026-12-31")), (1, 12));
        assert_eq!(first_year_share(Days, date("2026-01-01")), (365, 365));
        assert_eq!(first_year_share(Days, date("2026-07-01")), (184, 365));
        assert_eq!(first_year_share(Days, date("2026-12-31")), (1, 365));
        // 2028 is a leap year: 1 March is day 61 of 366; 2100 is not (divisible by 100).
        assert_eq!(first_year_share(Days, date("2028-02-29")), (307, 366));
        assert_eq!(first_year_share(Days, date("2028-03-01")), (306, 366));
        assert_eq!(first_year_share(Days, date("2027-03-01")), (306, 365));
        assert_eq!(first_year_share(Days, date("2100-03-01")), (306, 365));
        assert_eq!(first_year_share(Days, date("2000-03-01")), (306, 366));
        assert_eq!(first_year_share(Whole, date("2026-07-01")), (1, 1));
        assert_eq!(first_year_share(Days, None), (1, 1));
    }

    #[test]
    fn first_year_in_proportion_rounds_once_and_totals_follow() {
        let mut canone = item("canone", Periodicity::Yearly, Rule::Fixed { amount: 120_000 });
        canone.first_year = FirstYear::Days;
        let mut mensile = item("spazio", Periodicity::Monthly, Rule::Fixed { amount: 1_001 });
        mensile.first_year = FirstYear::Months;
        let t = tariff(vec![item("avvio", Periodicity::OneOff, Rule::Fixed { amount: 50_000 }), canone, mensile]);
        let p = Profile { years: 3, start: date("2028-07-01"), ..Profile::comune(100) };
        let q = quote(&t, &p).unwrap();
        // 1,200.00 × 184 / 366 = 603.2786… → 603.28; 10.01 × 12 × 6 / 12 = 60.06.
        assert_eq!(q.lines[1].first_year, Some(60_328));
        assert_eq!(q.lines[2].first_year, Some(6_006));
        assert_eq!((q.yearly, q.first_year), (132_012, 66_334));
        // VAT 22% of 663.34 = 145.9348 → 145.93; of 1,320.12 = 290.4264 → 290.43.
        assert_eq!((q.vat_first_year, q.vat_yearly), (14_593, 29_043));
        assert_eq!(q.total, 50_000 + 66_334 + 132_012 * 2);
        assert_eq!(q.total_vat, 11_000 + 14_593 + 29_043 * 2);
        // Without a start date, the first year is a whole one.
        let whole = quote(&t, &Profile { years: 3, ..Profile::comune(100) }).unwrap();
        assert_eq!((whole.first_year, whole.total), (132_012, 50_000 + 132_012 * 3));
        // Half a cent rounds away from zero: 1,500.01 × 6 / 12 = 750.005 → 750.01.
        let mut half = item("meta", Periodicity::Yearly, Rule::Fixed { amount: 150_001 });
        half.first_year = FirstYear::Months;
        let q = quote(&tariff(vec![half]), &Profile { start: date("2026-07-10"), ..Profile::comune(1) }).unwrap();
        assert_eq!(q.first_year, 75_001);
    }

    #[test]
    fn each_year_is_priced_with_its_price_list() {
        let list = |from: &str, amount: Cents| PricePeriod {
            from: from.parse().unwrap(),
            to: None,
            act: None,
            tariff: tariff(vec![
                item("avvio", Periodicity::OneOff, Rule::Fixed { amount: 10_000 }),
                item("canone", Periodicity::Yearly, Rule::Fixed { amount }),
            ]),
        };
        let periods = [list("2026-01-01", 100_000), list("2027-01-01", 110_000)];
        let today: Date = "2026-12-02".parse().unwrap();
        // From today, three years: 2026 at 1,000.00 with the one-off 100.00, 2027 and 2028 at 1,100.00.
        let q = quote_periods(&periods, &Profile { years: 3, ..Profile::comune(1) }, today).unwrap();
        assert_eq!(q.by_year.iter().map(|y| y.net).collect::<Vec<_>>(), [110_000, 110_000, 110_000]);
        assert_eq!((q.total, q.total_vat), (330_000, 72_600));
        // Starting in 2027, every year at the 2027 list; before the first list, the first.
        let q = quote_periods(&periods, &Profile { years: 2, start: date("2027-03-01"), ..Profile::comune(1) }, today).unwrap();
        assert_eq!(q.by_year.iter().map(|y| y.net).collect::<Vec<_>>(), [120_000, 110_000]);
        let q = quote_periods(&periods, &Profile { start: date("2020-05-01"), ..Profile::comune(1) }, today).unwrap();
        assert_eq!(q.yearly, 100_000);
        // One list: the same quote as `quote`.
        let p = Profile { years: 4, start: date("2026-06-01"), ..Profile::comune(1) };
        assert_eq!(quote_periods(&periods[..1], &p, today).unwrap(), quote(&periods[0].tariff, &p).unwrap());
    }

    /// The engine's answer for every input at its limit (and below it), compared with plain
    /// `i128` arithmetic: the exact amounts, or `TooLarge` exactly when an amount is past
    /// `MAX_RESULT`; never a wrapped number, never a panic.
    #[test]
    fn inputs_at_the_limits_never_wrap() {
        use crate::pricing::limits::{MAX_AMOUNT, MAX_COUNT, MAX_RESULT, MAX_YEARS};
        let max = i128::from(MAX_RESULT);
        let round = |n: i128, d: i128| (n + d / 2) / d;
        let (mut exact, mut refused) = (0, 0);
        for count in [0, 1, 12_345, MAX_COUNT] {
            for rate in [1, 4_400, MAX_AMOUNT * 100] {
                for amount in [1, 90_000, MAX_AMOUNT] {
                    for qty in [1, 7, MAX_COUNT as u32] {
                        for years in [1, MAX_YEARS] {
                            for (vat, discount) in [(0, 0), (2200, 1000), (10_000, 10_000)] {
                                let t = limit_tariff(rate, amount, qty, vat, discount);
                                let mut p = Profile { workstations: count, years, ..Profile::comune(count) };
                                p.quantities.insert("per-abitante".into(), qty);
                                // Plain arithmetic, every value checked against the limit at the end.
                                let off = |c: i128| c - round(c * i128::from(discount), 10_000);
                                let a = round(i128::from(count) * i128::from(rate), 100) * i128::from(qty);
                                let b = i128::from(amount);
                                let c = round(i128::from(count) * i128::from(rate), 100);
                                let (one_off, yearly) = (off(c), off(a) * 12 + off(b));
                                let years = i128::from(years);
                                let vat_of = |c: i128| round(c * i128::from(vat), 10_000);
                                let total = one_off + yearly * years;
                                let total_vat = vat_of(one_off) + vat_of(yearly) * years;
                                let fits = [a, off(a) * 12, b, c, one_off, yearly, total, total_vat].iter().all(|v| *v <= max);
                                match (quote(&t, &p), fits) {
                                    (Ok(q), true) => {
                                        exact += 1;
                                        let got = [q.one_off, q.yearly, q.total, q.total_vat].map(i128::from);
                                        assert_eq!(got, [one_off, yearly, total, total_vat], "{count} × {rate}, {amount}, × {qty}");
                                    }
                                    (Err(_), false) => refused += 1,
                                    (q, _) => panic!("{count} × {rate}, {amount}, × {qty}, {years} years: {q:?}"),
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(exact > 100 && refused > 100, "{exact} exact, {refused} refused");
    }

    /// A per-unit monthly item with a quantity, a fixed yearly item and one-off tiers.
    fn limit_tariff(rate: i64, amount: Cents, qty: u32, vat: u32, discount: u32) -> Tariff {
        let half = crate::pricing::limits::MAX_COUNT / 2;
        let mut per_unit = item("per-abitante", Periodicity::Monthly, Rule::PerUnit { basis: Basis::Population, rate: UnitRate(rate) });
        per_unit.quantity = Some(Quantity { unit: "u".into(), unit_plural: "u".into(), default: qty, min: 1, max: None });
        let tiers = Rule::Tiers {
            basis: Basis::Workstations,
            bands: bands(&[(0, Some(half), BandValue::PerUnit(UnitRate(rate))), (half + 1, None, BandValue::PerUnit(UnitRate(rate)))]),
        };
        let items = vec![per_unit, item("canone", Periodicity::Yearly, Rule::Fixed { amount }), item("avvio", Periodicity::OneOff, tiers)];
        Tariff { items, vat: BasisPoints(vat), member_discount: BasisPoints(discount), members_only: false }
    }
}
