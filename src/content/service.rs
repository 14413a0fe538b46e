//! `content/servizi/*.md`: a service card. Structured facts in the front matter; the card's
//! text sections in the body, each under a `## ` heading named as on the page.

use serde::Deserialize;

use super::frontmatter::{self, ContentFile, Spanned};
use super::{meta, non_empty, reference};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::domain::{ArticleRef, Audience, Contacts, Level, MacroArea, Section, SectionKind, Service, ServiceStatus, Step};

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum RawStatus {
    Attivo,
    Sospeso,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContacts {
    ufficio: String,
    email: Option<String>,
    pec: Option<String>,
    telefono: Option<String>,
    indirizzo: Option<String>,
    orari: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    quando: String,
    cosa: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccess {
    url: Spanned<String>,
    etichetta: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    titolo: Spanned<String>,
    sommario: Spanned<String>,
    stato: Spanned<RawStatus>,
    motivo_stato: Option<String>,
    livello: Level,
    macroarea: MacroArea,
    destinatari: Spanned<Vec<Audience>>,
    #[serde(default)]
    argomenti: Vec<String>,
    #[serde(default)]
    in_evidenza: bool,
    #[serde(default)]
    ordine: i64,
    #[serde(default)]
    attivita: Vec<String>,
    tariffa: Option<Spanned<String>>,
    #[serde(default)]
    moduli: Vec<Spanned<String>>,
    /// `"convenzione-slug#art-6-bis"`.
    convenzione: Option<Spanned<String>>,
    contatti: RawContacts,
    #[serde(default)]
    tempi: Vec<RawStep>,
    accesso_online: Option<RawAccess>,
    slug: Option<Spanned<String>>,
    bozza: Option<bool>,
    pubblicazione: Option<Spanned<toml::value::Datetime>>,
    scadenza: Option<Spanned<toml::value::Datetime>>,
    aggiornato: Option<Spanned<toml::value::Datetime>>,
}

pub fn parse(file: &ContentFile, errors: &mut Vec<Diagnostic>) -> Option<Service> {
    let raw: RawService = match frontmatter::parse(file, "a service") {
        Ok(r) => r,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    let before = errors.len();
    let meta = meta(file, &common!(raw), errors);
    let title = non_empty(file, &raw.titolo, "titolo", errors);
    let summary = non_empty(file, &raw.sommario, "sommario", errors);
    let status = match (raw.stato.get_ref(), raw.motivo_stato) {
        (RawStatus::Attivo, None) => ServiceStatus::Active,
        (RawStatus::Attivo, Some(_)) => {
            errors.push(
                file.error_in_front(raw.stato.span(), "`motivo_stato` is only for a suspended service")
                    .with_help("remove `motivo_stato`, or set `stato = \"sospeso\"`"),
            );
            ServiceStatus::Active
        }
        (RawStatus::Sospeso, Some(reason)) if !reason.trim().is_empty() => ServiceStatus::Suspended(reason),
        (RawStatus::Sospeso, _) => {
            errors.push(
                file.error_in_front(raw.stato.span(), "a suspended service needs the reason")
                    .with_help("add `motivo_stato = \"...\"`: the page must say why the service is suspended"),
            );
            ServiceStatus::Suspended(String::new())
        }
    };
    if raw.destinatari.get_ref().is_empty() {
        errors.push(
            file.error_in_front(raw.destinatari.span(), "`destinatari` is empty")
                .with_help("name at least one audience, e.g. `destinatari = [\"comuni\"]`"),
        );
    }
    let tariff = raw.tariffa.as_ref().map(|t| reference(file, t, errors));
    let forms = raw.moduli.iter().map(|m| reference(file, m, errors)).collect();
    let convention = raw.convenzione.as_ref().and_then(|c| article_ref(file, c, errors));
    if raw.contatti.email.is_none() && raw.contatti.telefono.is_none() && raw.contatti.pec.is_none() {
        errors.push(
            file.error_at_start("`contatti` needs a way to reach the office")
                .with_help("add `email`, `pec` or `telefono` under `[contatti]`"),
        );
    }
    let online_access = raw.accesso_online.map(|a| {
        if !a.url.get_ref().starts_with("https://") && !a.url.get_ref().starts_with('/') {
            errors.push(
                file.error_in_front(a.url.span(), "`accesso_online.url` must be an https:// address or a site path")
                    .with_help("e.g. `url = \"https://servizi.example.it/rao\"`"),
            );
        }
        (a.url.get_ref().clone(), a.etichetta)
    });
    let sections = sections(file, errors);
    let c = raw.contatti;
    let service = Service {
        meta,
        title,
        summary,
        status,
        level: raw.livello,
        macro_area: raw.macroarea,
        audiences: raw.destinatari.into_inner(),
        topics: raw.argomenti,
        featured: raw.in_evidenza,
        activities: raw.attivita,
        tariff,
        forms,
        convention,
        contacts: Contacts { office: c.ufficio, email: c.email, pec: c.pec, phone: c.telefono, address: c.indirizzo, hours: c.orari },
        timeline: raw.tempi.into_iter().map(|s| Step { when: s.quando, what: s.cosa }).collect(),
        online_access,
        sections,
        order: raw.ordine,
    };
    (errors.len() == before).then_some(service)
}

fn article_ref(file: &ContentFile, c: &Spanned<String>, errors: &mut Vec<Diagnostic>) -> Option<ArticleRef> {
    let span = c.span().start + file.front.start..c.span().end + file.front.start;
    match c.get_ref().split_once('#') {
        Some((conv, art)) if super::is_safe_slug(conv) && art.starts_with("art-") => {
            Some(ArticleRef { convention: conv.to_string(), article: art.to_string(), span })
        }
        _ => {
            errors.push(
                file.error_in_front(c.span(), format!("\"{}\" is not a reference to an article", c.get_ref()))
                    .with_help("write the convention's slug, `#` and the article anchor, e.g. `convenzione = \"convenzione-cst-2024#art-6-bis\"`"),
            );
            None
        }
    }
}

/// Split the body into `## ` sections, checking their names, order and presence.
fn sections(file: &ContentFile, errors: &mut Vec<Diagnostic>) -> Vec<Section> {
    let body = file.body_text();
    let mut heads: Vec<(usize, usize, SectionKind)> = Vec::new(); // (heading start, content start, kind)
    // Sections a misspelt heading probably meant: not reported again as missing.
    let mut meant: Vec<&str> = Vec::new();
    let mut in_fence = false;
    let mut pos = 0;
    let mut first_text: Option<usize> = None;
    for line in body.split_inclusive('\n') {
        let t = line.trim_end();
        if t.trim_start().starts_with("```") || t.trim_start().starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && t.starts_with("## ") {
            let name = t[3..].trim();
            match SectionKind::ALL.iter().find(|k| k.title().eq_ignore_ascii_case(name)) {
                Some(SectionKind::Contacts) => errors.push(
                    file.error_in_body(pos..pos + t.len(), "the Contatti section comes from `[contatti]`")
                        .with_help("remove this section and put the office, e-mail and phone under `[contatti]` in the front matter"),
                ),
                Some(kind) => {
                    if heads.iter().any(|h| h.2 == *kind) {
                        errors.push(
                            file.error_in_body(pos..pos + t.len(), format!("the section \"{}\" appears twice", kind.title()))
                                .with_help("merge the two sections into one"),
                        );
                    }
                    heads.push((pos, pos + line.len(), *kind));
                }
                None => {
                    let titles = SectionKind::ALL.iter().map(|k| k.title());
                    let help = match did_you_mean(name, titles) {
                        Some(s) => {
                            meant.push(s);
                            format!("did you mean \"## {s}\"?")
                        }
                        None => format!(
                            "service sections are: {}; use `###` for a sub-heading inside a section",
                            SectionKind::ALL.iter().map(|k| format!("\"{}\"", k.title())).collect::<Vec<_>>().join(", ")
                        ),
                    };
                    errors.push(file.error_in_body(pos + 3..pos + t.len(), format!("unknown section \"{name}\"")).with_help(help));
                }
            }
        } else if !in_fence && t.starts_with("# ") {
            errors.push(
                file.error_in_body(pos..pos + t.len(), "a service body cannot have a level-1 heading")
                    .with_help("the page title comes from `titolo`; start sections with `## `"),
            );
        } else if heads.is_empty() && !t.trim().is_empty() && first_text.is_none() {
            first_text = Some(pos);
        }
        pos += line.len();
    }
    if let Some(p) = first_text {
        errors.push(
            file.error_in_body(p..p + 1, "text before the first section")
                .with_help("put it under a section heading such as \"## Descrizione\""),
        );
    }
    for w in heads.windows(2) {
        if w[1].2 < w[0].2 {
            errors.push(
                file.error_in_body(w[1].0..w[1].0 + 3 + w[1].2.title().len(), format!("\"{}\" must come before \"{}\"", w[1].2.title(), w[0].2.title()))
                    .with_help("sections follow the order of the Designers Italia service card (see docs/contenuti.md)"),
            );
        }
    }
    for kind in SectionKind::ALL.iter().filter(|k| k.required_in_body()) {
        if !heads.iter().any(|h| h.2 == *kind) && !meant.contains(&kind.title()) {
            // Point at the end of the last line of text, where the section would go.
            let at = body.trim_end().len();
            errors.push(
                file.error_in_body(at..at, format!("missing section \"## {}\"", kind.title()))
                    .with_help(format!("add a \"## {}\" section: it is required on every service card", kind.title())),
            );
        }
    }
    let mut out = Vec::new();
    for (i, (_, start, kind)) in heads.iter().enumerate() {
        let end = heads.get(i + 1).map_or(body.len(), |h| h.0);
        let markdown = body[*start..end].to_string();
        if markdown.trim().chars().count() < 3 && kind.required_in_body() {
            errors.push(
                file.error_in_body(heads[i].0..*start, format!("the section \"{}\" is empty", kind.title()))
                    .with_help("write at least a sentence in it"),
            );
        }
        out.push(Section { kind: *kind, offset: file.body.start + start, markdown });
    }
    out
}
