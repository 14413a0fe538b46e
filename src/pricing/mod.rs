//! The pricing engine: tariff data model, limits, validation and description. Pure
//! functions, no I/O.

pub mod describe;
pub mod engine;
pub mod limits;
pub mod model;
pub mod money;
pub mod validate;

pub use model::*;
pub use money::{BasisPoints, Cents, UnitRate};
