//! Files made from the site model besides the HTML pages: downloadable documents (PDF and
//! ODT), open data, Atom feeds and schema.org JSON-LD.

pub mod documents;
pub mod feeds;
pub mod jsonld;
pub mod opendata;
