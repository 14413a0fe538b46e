//! Files made from the site model besides the HTML pages: downloadable documents (PDF and
//! ODT), open data, Atom feeds, schema.org JSON-LD and the editing interface (`cms`).

pub mod cms;
pub mod documents;
pub mod feeds;
pub mod jsonld;
pub mod opendata;
