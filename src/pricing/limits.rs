//! Every limit on the values editors write, in one place: counts, amounts, years, rows of
//! a form's list, and the years of dates.
//!
//! The pricing engine multiplies figures by rates, by quantities, by 12 months and by the
//! years of a convention. With no bound on what goes in, a typo such as
//! `postazioni = 9223372036854775807` wrapped the integers round and showed a negative
//! price. The content parsers reject every value past these limits at its `file:line:col`,
//! saying the limit; the engine computes in `i128` with checked operations and refuses a
//! result it cannot show exactly (`MAX_RESULT`) instead of wrapping it. A unit test in
//! `engine.rs` runs the engine with every input at its limit.
//!
//! The limits are far above any real catalog (Italy has fewer than 60 million inhabitants),
//! so they only catch typos and fuzzing.

use std::ops::RangeInclusive;

use super::money::Cents;

/// The largest count: the figures of an Ente (`abitanti`, `postazioni`, `imprese`,
/// `utenti`, `persone`), the bounds of a band (`da`, `a`) and the quantities of an item
/// (`predefinita`, `minima`, `massima`).
pub const MAX_COUNT: u64 = 100_000_000;

/// The largest amount an editor may write, in cents: 1,000,000,000.00 € (`importo`,
/// `minimo`, `massimo`, `per_tipo_ente`, and `importo_unitario` per unit).
pub const MAX_AMOUNT: Cents = 100_000_000_000;

/// The longest period of a multi-year total: the years the browser calculator accepts
/// (`MAX_YEARS` in `themes/agid/static/js/calcolatore.js`).
pub const MAX_YEARS: u32 = 30;

/// The largest amount a quote shows, in cents: 2^53 − 1, the largest whole number the
/// browser's calculator turns into a JavaScript number exactly (about 90,000 billion
/// euros). The engine refuses larger results rather than show a rounded one.
pub const MAX_RESULT: Cents = 9_007_199_254_740_991;

/// The most rows an `elenco` field of a form may have (`righe`): each row is drawn on the
/// page and in the PDF.
pub const MAX_ROWS: u32 = 100;

/// The years a date may have (`pubblicazione`, `scadenza`, `data`, `valida_dal`,
/// `aderente_dal`, ...): `0000-01-01` or `9999-12-31` are typos, not dates of a catalog.
pub const DATE_YEARS: RangeInclusive<i16> = 2000..=2100;
