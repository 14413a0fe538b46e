//! Exact money: integer cents for amounts, ten-thousandths of a euro for unit rates,
//! basis points for percentages, and one rounding rule.
//!
//! The rounding rule, used everywhere (pages, calculators, forms): **half away from zero,
//! to the cent**, applied once to each computed item amount; sums of rounded items are exact.

use std::fmt;

/// An amount of money in euro cents.
pub type Cents = i64;

/// A price per unit in ten-thousandths of a euro (`"0.44"` → 4400), so that rates such as
/// 0.125 €/abitante stay exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct UnitRate(pub i64);

/// A percentage in basis points (`"22"` → 2200, `"12.5"` → 1250).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct BasisPoints(pub u32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseMoneyError {
    #[error("`{0}` is not an amount: write euros with a dot before the cents, e.g. \"650.00\" or \"0.44\"")]
    NotANumber(String),
    #[error("`{0}` uses a comma: write the decimal part after a dot, e.g. \"1250.50\", with no thousands separator")]
    Comma(String),
    #[error("`{0}` is negative: amounts cannot be below zero")]
    Negative(String),
    #[error("`{text}` has more than {max} decimal digits")]
    TooPrecise { text: String, max: u32 },
    #[error("`{0}` is too large")]
    TooLarge(String),
}

/// Parse a non-negative decimal string into an integer number of `10^-scale` units.
fn parse_scaled(text: &str, scale: u32) -> Result<i64, ParseMoneyError> {
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
    let too_large = || ParseMoneyError::TooLarge(text.to_string());
    let int: i64 = int.parse().map_err(|_| too_large())?;
    let mut frac_value: i64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| too_large())? };
    for _ in frac.len()..scale as usize {
        frac_value *= 10;
    }
    int.checked_mul(10i64.pow(scale)).and_then(|v| v.checked_add(frac_value)).ok_or_else(too_large)
}

/// `"650"`, `"650.5"`, `"650.00"` → cents.
pub fn parse_cents(text: &str) -> Result<Cents, ParseMoneyError> {
    parse_scaled(text, 2)
}

/// `"0.44"`, `"0.1250"` → rate in ten-thousandths of a euro.
pub fn parse_rate(text: &str) -> Result<UnitRate, ParseMoneyError> {
    parse_scaled(text, 4).map(UnitRate)
}

/// `"22"`, `"12.5"` → basis points.
pub fn parse_percent(text: &str) -> Result<BasisPoints, ParseMoneyError> {
    let bp = parse_scaled(text, 2)?;
    if bp > 100_00 {
        return Err(ParseMoneyError::TooLarge(text.to_string()));
    }
    Ok(BasisPoints(bp as u32))
}

/// Divide and round half away from zero: the one rounding rule.
pub fn div_round(num: i128, den: i128) -> i64 {
    assert!(den != 0, "division by zero in money arithmetic");
    let q = num / den;
    let r = num % den;
    let rounded = if 2 * r.abs() >= den.abs() { q + num.signum() * den.signum() } else { q };
    rounded as i64
}

/// `quantity × rate`, rounded to the cent.
pub fn times_rate(quantity: u64, rate: UnitRate) -> Cents {
    div_round(quantity as i128 * rate.0 as i128, 100)
}

/// `amount × percent`, rounded to the cent (VAT, discounts).
pub fn percent_of(amount: Cents, pct: BasisPoints) -> Cents {
    div_round(amount as i128 * pct.0 as i128, 10_000)
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
        if i > 0 && (digits.len() - i) % 3 == 0 {
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
        assert!(matches!(parse_percent("101"), Err(ParseMoneyError::TooLarge(_))));
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(15, 10), 2);
        assert_eq!(div_round(25, 10), 3); // not banker's rounding
    }

    #[test]
    fn per_inhabitant_example_from_the_domain() {
        // 0.44 € per inhabitant × 12,345 inhabitants = 5,431.80 €
        assert_eq!(times_rate(12_345, parse_rate("0.44").unwrap()), 543_180);
        assert_eq!(percent_of(100_000, BasisPoints(2_200)), 22_000);
        assert_eq!(percent_of(1_005, BasisPoints(2_200)), 221); // 221.1 → 221
        assert_eq!(percent_of(1_025, BasisPoints(2_200)), 226); // 225.5 → 226
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
