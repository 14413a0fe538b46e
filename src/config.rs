//! `vetrina.toml`: the site's settings.

use serde::{Deserialize, Serialize};

use crate::content::frontmatter::{self, Spanned};
use crate::diagnostics::{Diagnostic, Source};
use crate::pricing::money::{parse_percent, BasisPoints};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LeadBody {
    pub nome: String,
    pub indirizzo: String,
    pub cap: String,
    pub citta: String,
    pub codice_fiscale: String,
    /// Code of the body in IndicePA (for the open-data catalogue, DCAT-AP_IT).
    pub codice_ipa: Option<String>,
    pub partita_iva: Option<String>,
    pub pec: String,
    pub email: String,
    pub telefono: String,
    /// Path of the logo inside `static/` (e.g. "img/logo.svg").
    pub logo: Option<String>,
    /// The lead body's own web site, linked from the slim header.
    pub sito: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLinks {
    pub privacy: Spanned<String>,
    pub note_legali: Spanned<String>,
    pub dichiarazione_accessibilita: Spanned<String>,
    pub faq: Spanned<String>,
    pub segnalazione_disservizio: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Social {
    pub nome: String,
    pub url: String,
    /// Bootstrap Italia sprite icon, e.g. "it-linkedin".
    pub icona: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    nome: String,
    sottotitolo: Option<String>,
    descrizione: String,
    base_url: Spanned<String>,
    lingua: Option<String>,
    tema: Option<String>,
    iva: Option<Spanned<String>>,
    ente_capofila: LeadBody,
    piede: FooterLinks,
    #[serde(default)]
    social: Vec<Social>,
}

/// The validated configuration.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub name: String,
    pub tagline: Option<String>,
    pub description: String,
    /// Always ends with `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/cst/`), prefixed to every internal link.
    pub base_path: String,
    pub language: String,
    pub theme: String,
    #[serde(skip)]
    pub vat: BasisPoints,
    pub lead_body: LeadBody,
    pub footer: FooterLinks,
    pub social: Vec<Social>,
}

pub fn parse(source: &Source, base_url_override: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = frontmatter::parse_toml(source, "vetrina.toml").map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let at = |s: std::ops::Range<usize>, m: String| Diagnostic::at(source, s, m);
    let base_url = base_url_override.map(str::to_string).unwrap_or_else(|| raw.base_url.get_ref().clone());
    let base_path = match base_path(&base_url) {
        Some(p) => p,
        None => {
            errors.push(
                at(raw.base_url.span(), format!("`base_url` \"{base_url}\" is not an http(s) address"))
                    .with_help("write the site's public address, e.g. \"https://cst.example.it/\" or \"https://example.org/cst/\""),
            );
            "/".into()
        }
    };
    let vat = match &raw.iva {
        None => BasisPoints(2200),
        Some(v) => parse_percent(v.get_ref()).unwrap_or_else(|e| {
            errors.push(at(v.span(), format!("`iva`: {e}")).with_help("write the VAT rate as a string, e.g. \"22\""));
            BasisPoints(2200)
        }),
    };
    let acc = &raw.piede.dichiarazione_accessibilita;
    if !acc.get_ref().starts_with("https://form.agid.gov.it/") {
        errors.push(
            at(acc.span(), "the accessibility statement must be the one published on form.agid.gov.it".into())
                .with_help("paste the link AgID gives you, e.g. \"https://form.agid.gov.it/view/<codice>\""),
        );
    }
    let dis = &raw.piede.segnalazione_disservizio;
    if !dis.get_ref().starts_with("mailto:") && !dis.get_ref().starts_with("https://") && !dis.get_ref().starts_with('/') {
        errors.push(
            at(dis.span(), "`segnalazione_disservizio` must be a mailto: address, an https:// page or a site path".into())
                .with_help("e.g. \"mailto:disservizi@example.it\""),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let base_url = if base_url.ends_with('/') { base_url } else { format!("{base_url}/") };
    Ok(Config {
        name: raw.nome,
        tagline: raw.sottotitolo,
        description: raw.descrizione,
        base_url,
        base_path,
        language: raw.lingua.unwrap_or_else(|| "it".into()),
        theme: raw.tema.unwrap_or_else(|| "agid".into()),
        vat,
        lead_body: raw.ente_capofila,
        footer: raw.piede,
        social: raw.social,
    })
}

/// `https://example.org/cst` → `/cst/`.
fn base_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    if rest.is_empty() || rest.starts_with('/') {
        return None;
    }
    let trimmed = path.trim_end_matches('/');
    Some(format!("{trimmed}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://cst.example.it").as_deref(), Some("/"));
        assert_eq!(base_path("https://cst.example.it/").as_deref(), Some("/"));
        assert_eq!(base_path("https://example.org/cst/").as_deref(), Some("/cst/"));
        assert_eq!(base_path("https://example.org/a/b").as_deref(), Some("/a/b/"));
        assert_eq!(base_path("example.org"), None);
        assert_eq!(base_path("https://"), None);
    }
}
