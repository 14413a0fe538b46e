//! Exact money: integer cents for amounts, ten-thousandths of a euro for unit rates,
//! basis points for percentages, and one rounding rule.
//!
//! The rounding rule, used everywhere (pages, calculators, forms): **half away from zero,
//! to the cent**, applied once to each computed item amount; sums of rounded items are exact.

use std::fmt;

use super::limits::{MAX_AMOUNT, MAX_RESULT};
use crate::t;

/// An amount of money in euro cents.
pub type Cents = i64;

/// A price per unit in ten-thousandths of a euro (`"0.44"` → 4400), so that rates such as
/// 0.125 €/abitante stay exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct UnitRate(pub i64);

/// A percentage in basis points (`"22"` → 2200, `"12.5"` → 1250).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct BasisPoints(pub u32);

/// Why an amount as written is not one. Shown to the editor after "importo non valido:".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseMoneyError {
    NotANumber(String),
    Comma(String),
    Negative(String),
    TooPrecise {
        text: String,
        max: u32,
    },
    /// Past `limits::MAX_AMOUNT` (or 100 for a percentage); `max` as it is shown.
    TooLarge {
        text: String,
        max: String,
    },
}

impl fmt::Display for ParseMoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ParseMoneyError::NotANumber(t) => t!("money-not-a-number", text = t),
            ParseMoneyError::Comma(t) => t!("money-comma", text = t),
            ParseMoneyError::Negative(t) => t!("money-negative", text = t),
            ParseMoneyError::TooPrecise { text, max } => t!("money-too-precise", text = text, max = *max),
            ParseMoneyError::TooLarge { text, max } => t!("money-too-large", text = text, max = max),
        };
        f.write_str(&text)
    }
}

/// Words editors write in `importo` when the price is agreed case by case ("su
/// preventivo"): the fix is a model or a band that says so, not a number.
pub fn means_on_request(text: &str) -> bool {
    const WORDS: &[&str] =
        &["su preventivo", "a preventivo", "preventivo", "da concordare", "su richiesta", "su-richiesta", "a richiesta", "da definire", "da stabilire"];
    let lower = text.trim().to_lowercase();
    WORDS.contains(&lower.as_str())
}

/// The shape `parse_scaled` accepts, as a regular expression for the content schema and
/// the CMS (at most 4 decimals: rates; amounts then allow 2, which `check` says).
pub const DECIMAL_PATTERN: &str = r"^\s*[0-9]+(\.[0-9]{1,4})?\s*$";

/// Parse a non-negative decimal string into an integer number of `10^-scale` units, at
/// most `max` of them (`max_shown` is how the limit is shown in the error).
fn parse_scaled(text: &str, scale: u32, max: i64, max_shown: impl Fn() -> String) -> Result<i64, ParseMoneyError> {
    let t = text.trim();
    if t.contains(',') {
        return Err(ParseMoneyError::Comma(text.to_string()));
    }
    if t.starts_with('-') {
        return Err(ParseMoneyError::Negative(text.to_string()));
    }
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || (t.contains('.') && !digits(frac)) {
        return Err(ParseMoneyError::NotANumber(text.to_string()));
    }
    if frac.len() > scale as usize {
        return Err(ParseMoneyError::TooPrecise { text: text.to_string(), max: scale });
    }
    let too_large = || ParseMoneyError::TooLarge { text: text.to_string(), max: max_shown() };
    // More digits than an i64 holds are past any limit.
    let int: i64 = int.parse().map_err(|_| too_large())?;
    let mut frac_value: i64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| too_large())? };
    for _ in frac.len()..scale as usize {
        frac_value *= 10;
    }
    let value = int.checked_mul(10i64.pow(scale)).and_then(|v| v.checked_add(frac_value)).ok_or_else(too_large)?;
    if value > max {
        return Err(too_large());
    }
    Ok(value)
}

/// `"650"`, `"650.5"`, `"650.00"` → cents.
pub fn parse_cents(text: &str) -> Result<Cents, ParseMoneyError> {
    parse_scaled(text, 2, MAX_AMOUNT, || format_euro(MAX_AMOUNT))
}

/// `"0.44"`, `"0.1250"` → rate in ten-thousandths of a euro.
pub fn parse_rate(text: &str) -> Result<UnitRate, ParseMoneyError> {
    parse_scaled(text, 4, MAX_AMOUNT * 100, || format_euro(MAX_AMOUNT)).map(UnitRate)
}

/// `"22"`, `"12.5"` → basis points.
pub fn parse_percent(text: &str) -> Result<BasisPoints, ParseMoneyError> {
    let bp = parse_scaled(text, 2, 10_000, || "100%".into())?;
    Ok(BasisPoints(u32::try_from(bp).unwrap_or(10_000)))
}

/// Divide and round half away from zero: the one rounding rule. `None` when `den` is 0
/// or the quotient does not fit (`i128::MIN / -1`): money arithmetic never panics.
pub fn div_round(num: i128, den: i128) -> Option<i128> {
    let q = num.checked_div(den)?;
    let r = num.checked_rem(den)?;
    if r.unsigned_abs().checked_mul(2)? >= den.unsigned_abs() {
        q.checked_add(num.signum() * den.signum())
    } else {
        Some(q)
    }
}

/// An exact result as cents, if it is one a quote can show (`limits::MAX_RESULT`).
pub fn to_cents(value: i128) -> Option<Cents> {
    Cents::try_from(value).ok().filter(|c| c.unsigned_abs() <= MAX_RESULT.unsigned_abs())
}

/// `quantity × rate`, rounded to the cent; `None` past `limits::MAX_RESULT`.
pub fn times_rate(quantity: u64, rate: UnitRate) -> Option<Cents> {
    // u64 × i64 always fits an i128.
    to_cents(div_round(i128::from(quantity) * i128::from(rate.0), 100)?)
}

/// `amount × percent`, rounded to the cent (VAT, discounts); `None` past `limits::MAX_RESULT`.
pub fn percent_of(amount: Cents, pct: BasisPoints) -> Option<Cents> {
    // i64 × u32 always fits an i128.
    to_cents(div_round(i128::from(amount) * i128::from(pct.0), 10_000)?)
}

/// Italian formatting: `123456` → `"1.234,56 €"`.
pub fn format_euro(cents: Cents) -> String {
    format!("{} €", format_amount(cents))
}

/// Italian formatting without the currency sign: `123456` → `"1.234,56"`.
pub fn format_amount(cents: Cents) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{},{:02}", group_thousands(abs / 100), abs % 100)
}

/// A unit rate shown with at least two and at most four decimals: 4400 → `"0,44 €"`.
pub fn format_rate(rate: UnitRate) -> String {
    let whole = rate.0 / 10_000;
    let mut frac = format!("{:04}", rate.0 % 10_000);
    while frac.len() > 2 && frac.ends_with('0') {
        frac.pop();
    }
    format!("{},{} €", group_thousands(whole as u64), frac)
}

/// A count with Italian thousands separators: 12345 → `"12.345"`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

impl fmt::Display for BasisPoints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        if frac == 0 {
            write!(f, "{whole}%")
        } else if frac % 10 == 0 {
            write!(f, "{whole},{}%", frac / 10)
        } else {
            write!(f, "{whole},{frac:02}%")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_amounts_exactly() {
        assert_eq!(parse_cents("650"), Ok(65_000));
        assert_eq!(parse_cents("650.5"), Ok(65_050));
        assert_eq!(parse_cents("0.44"), Ok(44));
        assert_eq!(parse_rate("0.44"), Ok(UnitRate(4_400)));
        assert_eq!(parse_rate("0.125"), Ok(UnitRate(1_250)));
        assert_eq!(parse_percent("22"), Ok(BasisPoints(2_200)));
        assert_eq!(parse_percent("12.5"), Ok(BasisPoints(1_250)));
    }

    #[test]
    fn rejects_bad_amounts() {
        assert!(matches!(parse_cents("1.234,56"), Err(ParseMoneyError::Comma(_))));
        assert!(matches!(parse_cents("-5"), Err(ParseMoneyError::Negative(_))));
        assert!(matches!(parse_cents("0.445"), Err(ParseMoneyError::TooPrecise { .. })));
        assert!(matches!(parse_cents("abc"), Err(ParseMoneyError::NotANumber(_))));
        assert!(matches!(parse_cents("5."), Err(ParseMoneyError::NotANumber(_))));
        assert!(matches!(parse_cents(""), Err(ParseMoneyError::NotANumber(_))));
        assert!(matches!(parse_percent("101"), Err(ParseMoneyError::TooLarge { .. })));
    }

    #[test]
    fn amounts_past_the_limit_are_refused() {
        assert_eq!(parse_cents("1000000000.00"), Ok(MAX_AMOUNT));
        assert!(matches!(parse_cents("1000000000.01"), Err(ParseMoneyError::TooLarge { .. })));
        assert!(matches!(parse_cents("99999999999999999999999"), Err(ParseMoneyError::TooLarge { .. })));
        assert_eq!(parse_rate("1000000000"), Ok(UnitRate(MAX_AMOUNT * 100)));
        assert!(matches!(parse_rate("1000000000.0001"), Err(ParseMoneyError::TooLarge { .. })));
        assert_eq!(parse_cents("0007.5"), Ok(750));
        assert!(means_on_request(" Su preventivo "));
        assert!(!means_on_request("650.00"));
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 10), Some(1));
        assert_eq!(div_round(4, 10), Some(0));
        assert_eq!(div_round(-5, 10), Some(-1));
        assert_eq!(div_round(15, 10), Some(2));
        assert_eq!(div_round(25, 10), Some(3)); // not banker's rounding
        assert_eq!(div_round(1, 0), None);
        assert_eq!(div_round(i128::MIN, -1), None);
        assert_eq!(div_round(i128::MAX, 2), Some(i128::MAX / 2 + 1));
    }

    #[test]
    fn per_inhabitant_example_from_the_domain() {
        // 0.44 € per inhabitant × 12,345 inhabitants = 5,431.80 €
        assert_eq!(times_rate(12_345, parse_rate("0.44").unwrap()), Some(543_180));
        assert_eq!(percent_of(100_000, BasisPoints(2_200)), Some(22_000));
        assert_eq!(percent_of(1_005, BasisPoints(2_200)), Some(221)); // 221.1 → 221
        assert_eq!(percent_of(1_025, BasisPoints(2_200)), Some(226)); // 225.5 → 226
                                                                      // Past what a quote can show: refused, never wrapped.
        assert_eq!(times_rate(u64::MAX, UnitRate(i64::MAX)), None);
        assert_eq!(to_cents(i128::from(MAX_RESULT) + 1), None);
    }

    #[test]
    fn formats_italian() {
        assert_eq!(format_euro(123_456), "1.234,56 €");
        assert_eq!(format_euro(5), "0,05 €");
        assert_eq!(format_euro(100_000_000), "1.000.000,00 €");
        assert_eq!(format_rate(UnitRate(4_400)), "0,44 €");
        assert_eq!(format_rate(UnitRate(1_250)), "0,125 €");
        assert_eq!(BasisPoints(2_200).to_string(), "22%");
        assert_eq!(BasisPoints(1_250).to_string(), "12,5%");
    }
}
