//! Checks on tariffs that do not depend on how they were written down.

use std::fmt;

use super::model::{Band, BandValue, Rule};
use crate::t;

/// What is wrong with a list of bands; `index` is the offending band (0-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BandError {
    Empty,
    Reversed { index: usize, from: u64, to: u64 },
    Gap { index: usize, prev_to: u64, gap_from: u64, gap_to: u64 },
    Overlap { index: usize, prev_to: u64 },
    NotOpenEnded { index: usize, to: u64 },
    AfterOpenEnded { index: usize },
    StartsAboveZero { index: usize, from: u64 },
    TierWithoutRate { index: usize },
}

/// Band bounds as the editor wrote them (numbers in the catalog would be formatted).
fn n(v: u64) -> String {
    v.to_string()
}

impl fmt::Display for BandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use BandError::*;
        let text = match self {
            Empty => t!("band-empty"),
            Reversed { from, to, .. } => t!("band-reversed", from = n(*from), to = n(*to)),
            Gap { prev_to, gap_from, gap_to, .. } => t!("band-gap", gap_from = n(*gap_from), gap_to = n(*gap_to), prev_to = n(*prev_to)),
            Overlap { prev_to, .. } => t!("band-overlap", prev_to = n(*prev_to)),
            NotOpenEnded { to, .. } => t!("band-not-open-ended", to = n(*to)),
            AfterOpenEnded { .. } => t!("band-after-open-ended"),
            StartsAboveZero { from, .. } => t!("band-starts-above-zero", from = n(*from)),
            TierWithoutRate { .. } => t!("band-tier-without-rate"),
        };
        f.write_str(&text)
    }
}

impl BandError {
    /// The band the error is about, if it is about one.
    pub fn index(&self) -> Option<usize> {
        use BandError::*;
        match self {
            Empty => None,
            Reversed { index, .. }
            | Gap { index, .. }
            | Overlap { index, .. }
            | NotOpenEnded { index, .. }
            | AfterOpenEnded { index }
            | StartsAboveZero { index, .. }
            | TierWithoutRate { index } => Some(*index),
        }
    }

    /// How to fix it, in the editor's words.
    pub fn help(&self) -> String {
        use BandError::*;
        match self {
            Empty => t!("band-empty-help"),
            Reversed { .. } => t!("band-reversed-help"),
            Gap { gap_from, .. } => t!("band-start-with", from = n(*gap_from)),
            Overlap { prev_to, .. } => t!("band-start-with", from = n(prev_to.saturating_add(1))),
            NotOpenEnded { to, .. } => t!("band-not-open-ended-help", next = n(to.saturating_add(1))),
            AfterOpenEnded { .. } => t!("band-after-open-ended-help"),
            StartsAboveZero { .. } => t!("band-starts-above-zero-help"),
            TierWithoutRate { .. } => t!("band-tier-without-rate-help"),
        }
    }
}

/// Every non-negative value of the basis must fall in exactly one band.
pub fn check_bands(bands: &[Band]) -> Result<(), BandError> {
    let Some(first) = bands.first() else { return Err(BandError::Empty) };
    if first.from != 0 {
        return Err(BandError::StartsAboveZero { index: 0, from: first.from });
    }
    let mut prev_to: Option<u64> = None;
    for (index, band) in bands.iter().enumerate() {
        if let Some(to) = band.to {
            if to < band.from {
                return Err(BandError::Reversed { index, from: band.from, to });
            }
        }
        if index > 0 {
            let Some(p) = prev_to else { return Err(BandError::AfterOpenEnded { index }) };
            if band.from > p.saturating_add(1) {
                return Err(BandError::Gap { index, prev_to: p, gap_from: p + 1, gap_to: band.from - 1 });
            }
            if band.from <= p {
                return Err(BandError::Overlap { index, prev_to: p });
            }
        }
        prev_to = band.to;
    }
    if let Some(to) = prev_to {
        return Err(BandError::NotOpenEnded { index: bands.len() - 1, to });
    }
    Ok(())
}

/// Marginal tiers price each unit, so every band needs a per-unit rate.
pub fn check_tiers(bands: &[Band]) -> Result<(), BandError> {
    check_bands(bands)?;
    match bands.iter().position(|b| !matches!(b.value, BandValue::PerUnit(_))) {
        Some(index) => Err(BandError::TierWithoutRate { index }),
        None => Ok(()),
    }
}

/// Check every band list inside a rule.
pub fn check_rule(rule: &Rule) -> Result<(), BandError> {
    match rule {
        Rule::Bands { bands, .. } => {
            check_bands(bands)?;
            bands.iter().try_for_each(|b| match &b.value {
                BandValue::Sum(parts) => parts.iter().try_for_each(check_rule),
                _ => Ok(()),
            })
        }
        Rule::Tiers { bands, .. } => check_tiers(bands),
        Rule::Sum { parts } => parts.iter().try_for_each(check_rule),
        Rule::Fixed { .. } | Rule::Included | Rule::OnRequest | Rule::PerUnit { .. } => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(from: u64, to: Option<u64>) -> Band {
        Band { from, to, value: BandValue::Flat(100) }
    }

    #[test]
    fn contiguous_open_bands_pass() {
        assert_eq!(check_bands(&[band(0, Some(1000)), band(1001, Some(2000)), band(2001, None)]), Ok(()));
        assert_eq!(check_bands(&[band(0, None)]), Ok(()));
    }

    #[test]
    fn finds_the_seed_gap() {
        // Macerata's package: "<500" then "501–1,000" leaves exactly 500 out.
        let err = check_bands(&[band(0, Some(499)), band(501, Some(1000)), band(1001, None)]).unwrap_err();
        assert_eq!(err, BandError::Gap { index: 1, prev_to: 499, gap_from: 500, gap_to: 500 });
        assert_eq!(err.help(), "iniziate questa fascia con `da = 500`");
    }

    #[test]
    fn finds_overlaps_and_open_ends() {
        let err = check_bands(&[band(0, Some(40_000)), band(40_000, None)]).unwrap_err();
        assert_eq!(err, BandError::Overlap { index: 1, prev_to: 40_000 });
        let err = check_bands(&[band(0, Some(10))]).unwrap_err();
        assert_eq!(err, BandError::NotOpenEnded { index: 0, to: 10 });
        let err = check_bands(&[band(0, None), band(5, None)]).unwrap_err();
        assert_eq!(err, BandError::AfterOpenEnded { index: 1 });
        let err = check_bands(&[band(1, None)]).unwrap_err();
        assert_eq!(err, BandError::StartsAboveZero { index: 0, from: 1 });
        let err = check_bands(&[band(0, Some(10)), band(11, Some(5))]).unwrap_err();
        assert_eq!(err, BandError::Reversed { index: 1, from: 11, to: 5 });
        assert_eq!(check_bands(&[]), Err(BandError::Empty));
    }

    #[test]
    fn tiers_need_rates() {
        let err = check_tiers(&[band(0, None)]).unwrap_err();
        assert_eq!(err, BandError::TierWithoutRate { index: 0 });
    }
}
