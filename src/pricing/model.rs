//! The tariff data model: plain data that can express every price model of the
//! catalog (see `docs/contenuti.md` for the editor's side of it).

use serde::{Deserialize, Serialize};

use super::money::{BasisPoints, Cents, UnitRate};

/// How often an item is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Periodicity {
    OneOff,
    Yearly,
    Monthly,
}

/// A figure of the Ente's profile that a price can depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Inhabitants (latest ISTAT census).
    Population,
    Workstations,
    Businesses,
    Users,
    Persons,
}

impl Basis {
    pub const ALL: [Basis; 5] = [Basis::Population, Basis::Workstations, Basis::Businesses, Basis::Users, Basis::Persons];
}

/// The kind of Ente asking for the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EnteType {
    Comune,
    Unione,
    ComunitaMontana,
    Altro,
}

impl EnteType {
    pub const ALL: [EnteType; 4] = [EnteType::Comune, EnteType::Unione, EnteType::ComunitaMontana, EnteType::Altro];
}

/// What a band, an override or a whole item costs when it is not computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "cents", rename_all = "kebab-case")]
pub enum Fixed {
    Amount(Cents),
    OnRequest,
    Included,
    NotAvailable,
}

/// The value of one band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum BandValue {
    /// The same amount for everyone in the band.
    Flat(Cents),
    /// A rate applied to every unit of the basis (banded rate).
    PerUnit(UnitRate),
    OnRequest,
    /// A sum of components for the Enti in this band (e.g. per inhabitant plus per business
    /// up to 40,000 inhabitants, a fixed fee above).
    Sum(Vec<Rule>),
}

/// A closed-open range of the basis: `from..=to`, `to = None` meaning "and above".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Band {
    pub from: u64,
    pub to: Option<u64>,
    pub value: BandValue,
}

impl Band {
    pub fn contains(&self, x: u64) -> bool {
        x >= self.from && self.to.is_none_or(|to| x <= to)
    }
}

/// How an amount is computed from the Ente's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "model", rename_all = "kebab-case")]
pub enum Rule {
    Fixed {
        amount: Cents,
    },
    Included,
    OnRequest,
    /// `basis × rate`.
    PerUnit {
        basis: Basis,
        rate: UnitRate,
    },
    /// The band containing the basis gives the amount (flat) or the rate for all units.
    Bands {
        basis: Basis,
        bands: Vec<Band>,
    },
    /// Marginal rates: each band's share of the basis is priced at that band's rate.
    Tiers {
        basis: Basis,
        bands: Vec<Band>,
    },
    /// The sum of several components.
    Sum {
        parts: Vec<Rule>,
    },
}

/// A quantity the Ente chooses (e.g. number of SPID Days); the item's amount is multiplied by it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quantity {
    /// Singular and plural labels of one unit, e.g. ("giornata", "giornate").
    pub unit: String,
    pub unit_plural: String,
    pub default: u32,
    pub min: u32,
    pub max: Option<u32>,
}

/// How the first year of a yearly or monthly item is charged to an Ente that starts during
/// the year (`primo_anno` in the tariff file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FirstYear {
    /// The whole year, whenever the Ente starts.
    #[default]
    Whole,
    /// In proportion to the months from the start, the month of the start counted whole.
    Months,
    /// In proportion to the days from the start to 31 December, both counted.
    Days,
}

/// One priced line of a tariff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Stable identifier, unique in the tariff (used by forms and calculators).
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub periodicity: Periodicity,
    pub rule: Rule,
    /// Overrides of the rule for some kinds of Ente (`(type, price)`, sorted by type).
    pub by_ente_type: Vec<(EnteType, Fixed)>,
    pub min: Option<Cents>,
    pub max: Option<Cents>,
    /// The Ente may leave it out.
    pub optional: bool,
    pub quantity: Option<Quantity>,
    /// How the first year is charged (only for yearly and monthly items).
    pub first_year: FirstYear,
}

/// One dated price list of a tariff (`[[listini]]`): in force from `from` to `to`, both
/// included; without `to`, until the next one starts (or with no end, the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PricePeriod {
    pub from: jiff::civil::Date,
    pub to: Option<jiff::civil::Date>,
    /// The act that approved it, as written (`atto`).
    pub act: Option<String>,
    pub tariff: Tariff,
}

/// The price list that prices `day`: the last one starting on or before it; before the
/// first, the first (the catalog's earliest prices); after the end of the last, the last.
pub fn period_at(periods: &[PricePeriod], day: jiff::civil::Date) -> Option<&PricePeriod> {
    periods.iter().rev().find(|p| p.from <= day).or(periods.first())
}

/// The price rules of one service (or of the membership fee).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tariff {
    pub items: Vec<Item>,
    pub vat: BasisPoints,
    /// Prices are list prices; members of the CST pay this much less.
    pub member_discount: BasisPoints,
    /// Only members of the CST may buy the service.
    pub members_only: bool,
}
