//! Vetrina: a static-site generator for the service catalog of an Italian
//! Centro Servizi Territoriale.
//!
//! The build flows one way, one module per stage:
//! `load` (read files) → `content` (parse and check each file on its own) → `site` (the
//! model: what is published, URLs, Markdown, views) → `validate` (references across
//! files) → `documents` (PDF and ODT) → `render` (templates to HTML) → `links` (every
//! internal link must resolve) → `search` (the Pagefind index) → `write` (each file into a
//! temporary folder as it is made, swapped in at the end).
//! `pipeline` runs them in order; `cache` says which files the last build already made;
//! `pricing` is the pure money engine they share.

pub mod assets;
pub mod cache;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod documents;
pub mod domain;
pub mod feeds;
pub mod gitdates;
pub mod i18n;
pub mod init;
pub mod jsonld;
pub mod links;
pub mod load;
pub mod markdown;
pub mod nuovo;
pub mod opendata;
pub mod pipeline;
pub mod policy;
pub mod pricing;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod validate;
pub mod write;
