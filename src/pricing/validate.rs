//! Checks on tariffs that do not depend on how they were written down.

use super::model::{Band, BandValue, Rule};

/// What is wrong with a list of bands; `index` is the offending band (0-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BandError {
    #[error("a rule with bands needs at least one band")]
    Empty,
    #[error("the band ends at {to}, before it starts at {from}")]
    Reversed { index: usize, from: u64, to: u64 },
    #[error("values from {gap_from} to {gap_to} are in no band: the previous band ends at {prev_to}")]
    Gap { index: usize, prev_to: u64, gap_from: u64, gap_to: u64 },
    #[error("the band overlaps the previous one, which ends at {prev_to}")]
    Overlap { index: usize, prev_to: u64 },
    #[error("values above {to} are in no band")]
    NotOpenEnded { index: usize, to: u64 },
    #[error("a band after an open-ended band can never apply")]
    AfterOpenEnded { index: usize },
    #[error("the first band starts at {from}: values below it are in no band")]
    StartsAboveZero { index: usize, from: u64 },
    #[error("marginal tiers need a rate per unit in every band")]
    TierWithoutRate { index: usize },
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
            Empty => "add at least one band under `fasce`".into(),
            Reversed { .. } => "swap `da` and `a`".into(),
            Gap { gap_from, .. } => format!("start this band with `da = {gap_from}`"),
            Overlap { prev_to, .. } => format!("start this band with `da = {}`", prev_to + 1),
            NotOpenEnded { to, .. } => {
                format!("remove `a` from the last band, or add a band `{{ da = {}, ... }}` for larger values", to + 1)
            }
            AfterOpenEnded { .. } => "give the previous band an upper bound `a`, or remove this band".into(),
            StartsAboveZero { .. } => "start the first band with `da = 0` (or leave `da` out)".into(),
            TierWithoutRate { .. } => "use `importo_unitario` in every band, or `modello = \"fasce\"`".into(),
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
            if band.from > p + 1 {
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
        assert_eq!(err.help(), "start this band with `da = 500`");
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
