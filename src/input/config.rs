//! `vetrina.toml`: the site's settings.

use serde::{Deserialize, Serialize};

use crate::content::frontmatter::{self, Spanned};
use crate::diagnostics::{Diagnostic, Source};
use crate::policy::{self, UrlRule};
use crate::pricing::money::{parse_percent, BasisPoints};
use crate::t;

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
    pub sito: Option<Spanned<String>>,
}

impl LeadBody {
    /// How the lead body is named under the CST's name at the head of every document it
    /// issues (forms, conventions, quotes): name, address, contacts, tax codes.
    pub fn letterhead_lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("Ente capofila: {}", self.nome),
            format!("{}, {} {}", self.indirizzo, self.cap, self.citta),
            format!("PEC: {} · E-mail: {} · Telefono: {}", self.pec, self.email, self.telefono),
        ];
        lines.push(match &self.partita_iva {
            Some(p) => format!("Codice fiscale {} · Partita IVA {}", self.codice_fiscale, p),
            None => format!("Codice fiscale {}", self.codice_fiscale),
        });
        lines
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLinks {
    pub privacy: Spanned<String>,
    pub note_legali: Spanned<String>,
    pub dichiarazione_accessibilita: Spanned<String>,
    pub faq: Spanned<String>,
    pub segnalazione_disservizio: Spanned<String>,
    /// The site's improvement plan ("Piano di miglioramento del sito"), a page of the site
    /// or an address: AgID asks for it in the footer when the site is slow.
    pub piano_miglioramento: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Social {
    pub nome: String,
    pub url: Spanned<String>,
    /// Bootstrap Italia sprite icon, e.g. "it-linkedin".
    pub icona: String,
}

/// Where the published site's editing interface saves (`[cms]`): a GitHub or GitLab
/// repository, through the platform's own login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CmsPlatform {
    Github,
    Gitlab,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CmsSettings {
    pub piattaforma: CmsPlatform,
    /// `proprietario/nome` on the platform.
    pub repository: Spanned<String>,
    /// The branch the site is built from (default `main`).
    pub ramo: Option<String>,
    /// Every change as a pull (merge) request, published once CI's `vetrina check` passes
    /// and someone approves it (default `true`).
    pub revisione: Option<bool>,
    /// GitLab: the ID of the OAuth application (login with PKCE, no server needed).
    pub app_id: Option<Spanned<String>>,
    /// GitHub: the address of the OAuth server that signs editors in; GitLab: the address
    /// of a GitLab of one's own (default gitlab.com).
    pub server_accesso: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    nome: String,
    sottotitolo: Option<String>,
    descrizione: String,
    base_url: Spanned<String>,
    lingua: Option<String>,
    tema: Option<Spanned<String>>,
    iva: Option<Spanned<String>>,
    servizio_adesione: Option<Spanned<String>>,
    ente_capofila: LeadBody,
    piede: FooterLinks,
    #[serde(default)]
    social: Vec<Social>,
    comprimi: Option<bool>,
    cms: Option<Spanned<CmsSettings>>,
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
    /// The service an Ente uses to join the CST (`servizio_adesione`): the calculators
    /// link it when a service is reserved to members.
    pub membership_service: Option<Spanned<String>>,
    pub footer: FooterLinks,
    pub social: Vec<Social>,
    /// Write `.br` and `.gz` copies beside each text file (`comprimi`, on by default).
    pub compress: bool,
    /// The published editing interface's repository (`[cms]`); without it only `vetrina
    /// serve` offers the interface.
    pub cms: Option<CmsSettings>,
}

pub fn parse(source: &Source, base_url_override: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = frontmatter::parse_toml(source, &t!("kind-config"))?;
    let mut errors = Vec::new();
    let at = |s: std::ops::Range<usize>, m: String| Diagnostic::at(source, s, m);
    let base_url = base_url_override.map(str::to_string).unwrap_or_else(|| raw.base_url.get_ref().clone());
    let base_path = match base_path(&base_url) {
        Some(p) => p,
        None => {
            errors.push(at(raw.base_url.span(), t!("config-base-url", url = base_url)).with_help(t!("config-base-url-help")));
            "/".into()
        }
    };
    let vat = match &raw.iva {
        None => BasisPoints(2200),
        Some(v) => parse_percent(v.get_ref()).unwrap_or_else(|e| {
            errors.push(at(v.span(), format!("`iva`: {e}")).with_help(t!("config-iva-help")));
            BasisPoints(2200)
        }),
    };
    let theme = raw.tema.as_ref().map_or_else(|| "agid".to_string(), |t| t.get_ref().clone());
    if let Some(tema) = raw.tema.as_ref().filter(|t| !policy::is_theme_name(t.get_ref())) {
        errors.push(at(tema.span(), t!("config-tema", name = tema.get_ref())).with_help(t!("config-tema-help")));
    }
    check_urls(&raw, source, &mut errors);
    if let Some(cms) = &raw.cms {
        check_cms(cms, source, &mut errors);
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
        theme,
        vat,
        lead_body: raw.ente_capofila,
        membership_service: raw.servizio_adesione,
        footer: raw.piede,
        social: raw.social,
        compress: raw.comprimi.unwrap_or(true),
        cms: raw.cms.map(Spanned::into_inner),
    })
}

/// Every address of `vetrina.toml` that ends up in a link, checked against `policy`.
fn check_urls(raw: &RawConfig, source: &Source, errors: &mut Vec<Diagnostic>) {
    let acc = &raw.piede.dichiarazione_accessibilita;
    if !acc.get_ref().starts_with("https://form.agid.gov.it/") {
        errors.push(Diagnostic::at(source, acc.span(), t!("config-accessibility")).with_help(t!("config-accessibility-help")));
    }
    let mut urls: Vec<(String, &Spanned<String>, UrlRule)> = vec![
        ("piede.segnalazione_disservizio".into(), &raw.piede.segnalazione_disservizio, UrlRule::WebOrMail),
        ("piede.privacy".into(), &raw.piede.privacy, UrlRule::Web),
        ("piede.note_legali".into(), &raw.piede.note_legali, UrlRule::Web),
        ("piede.faq".into(), &raw.piede.faq, UrlRule::Web),
    ];
    if let Some(plan) = &raw.piede.piano_miglioramento {
        urls.push(("piede.piano_miglioramento".into(), plan, UrlRule::Web));
    }
    if let Some(sito) = &raw.ente_capofila.sito {
        urls.push(("ente_capofila.sito".into(), sito, UrlRule::Web));
    }
    for (i, social) in raw.social.iter().enumerate() {
        urls.push((format!("social[{}].url", i + 1), &social.url, UrlRule::Web));
    }
    for (key, url, rule) in urls {
        if let Err(why) = policy::check_url(url.get_ref(), rule) {
            let (message, help) = why.explain(url.get_ref());
            errors.push(Diagnostic::at(source, url.span(), t!("url-in-key", key = key, message = message)).with_help(help));
        }
    }
}

/// `[cms]`: a repository written `proprietario/nome`, and what its platform needs to sign in.
fn check_cms(cms: &Spanned<CmsSettings>, source: &Source, errors: &mut Vec<Diagnostic>) {
    let settings = cms.get_ref();
    let repo = &settings.repository;
    let parts: Vec<&str> = repo.get_ref().split('/').collect();
    let named = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if parts.len() < 2 || !parts.iter().all(|p| named(p)) {
        errors.push(Diagnostic::at(source, repo.span(), t!("config-cms-repo", repo = repo.get_ref())).with_help(t!("config-cms-repo-help")));
    }
    let missing = match settings.piattaforma {
        CmsPlatform::Github if settings.server_accesso.is_none() => Some(("server_accesso", t!("config-cms-github-help"))),
        CmsPlatform::Gitlab if settings.app_id.is_none() => Some(("app_id", t!("config-cms-gitlab-help"))),
        _ => None,
    };
    if let Some((key, help)) = missing {
        errors.push(Diagnostic::at(source, cms.span(), t!("config-cms-missing", key = key)).with_help(help));
    }
    if let Some(url) = &settings.server_accesso {
        if let Err(why) = policy::check_url(url.get_ref(), UrlRule::Web) {
            let (message, help) = why.explain(url.get_ref());
            errors.push(Diagnostic::at(source, url.span(), t!("url-in-key", key = "cms.server_accesso", message = message)).with_help(help));
        }
    }
}

/// `https://example.org/cst` → `/cst/`. None for what is not a plain http(s) address of
/// a folder (a query, a fragment, spaces, a user name).
fn base_path(url: &str) -> Option<String> {
    if url.contains(['?', '#', '@', '\\']) || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
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
        assert_eq!(base_path("https://example.org/?a=1"), None);
        assert_eq!(base_path("https://example.org/#x"), None);
    }
}
