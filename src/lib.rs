//! Vetrina: a static-site generator for the service catalog of an Italian
//! Centro Servizi Territoriale.
//!
//! The build flows one way, one module per stage (`build` runs them in order; see
//! `docs/architecture.md` for the diagram and where to change what):
//! `input` (read the files, the settings, the git dates, the assets) → `content` (parse
//! and check each file on its own) → `validate` (references across files) → `model` (what
//! is published, URLs, Markdown, views) → `artifacts` (documents, open data, feeds,
//! JSON-LD) → `render` (templates to HTML) → `links` (every internal link must resolve) →
//! `search` (the Pagefind index) → `write` (each file into a temporary folder as it is
//! made, swapped in at the end).
//!
//! Shared leaves: `output` (an output file, its hash, safe paths), `routes` (every URL and
//! output path), `policy` (what content
//! may put in a page, and the limits), `i18n` (every message, in Italian and English),
//! `diagnostics` (errors and warnings at `file:line:col`), `domain` (the plain types),
//! `markdown`, `vocabulary` (the topic lists of the site model and EuroVoc, embedded),
//! `compare` (what changed between two versions of a convention, word by word), `schema`
//! (the JSON Schema of each content kind, from the types `content` reads) and
//! `pricing`, the pure money engine. `incremental` says which files the last build already
//! made; `serve`, `init`, `nuovo` and `quote_command` (`vetrina preventivo`) are the other
//! commands.

pub mod artifacts;
pub mod build;
pub mod compare;
pub mod content;
pub mod diagnostics;
pub mod domain;
pub mod i18n;
pub mod incremental;
pub mod init;
pub mod input;
pub mod links;
pub mod markdown;
pub mod model;
pub mod nuovo;
pub mod output;
pub mod policy;
pub mod precompress;
pub mod pricing;
pub mod quote_command;
pub mod render;
pub mod routes;
pub mod schema;
pub mod search;
pub mod serve;
pub mod validate;
pub mod vocabulary;
pub mod write;
