//! Every read from disk: the site's files (`load`), its settings (`config`), the git dates
//! of its files (`gitdates`) and the static files it ships (`assets`). The stages after
//! these work on what they return, in memory.

pub mod assets;
pub mod config;
pub mod gitdates;
pub mod load;
