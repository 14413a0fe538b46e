//! Vetrina: a static-site generator for the service catalog of an Italian
//! Centro Servizi Territoriale.
//!
//! The build flows one way, one module per stage:
//! `load` (read files) → `content` (parse and check each file) → `validate` (check
//! references across files) → `site` (the model: URLs, dates, drafts) → `render`
//! (templates to HTML in memory) → `links` (check every internal link) → `write`
//! (into a temporary folder, swapped in at the end).

pub mod config;
pub mod content;
pub mod diagnostics;
pub mod domain;
pub mod markdown;
pub mod pricing;
