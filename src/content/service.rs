//! `content/servizi/*.md`: a service card. Structured facts in the front matter; the card's
//! text sections in the body, each under a `## ` heading named as on the page.

use serde::Deserialize;

use super::frontmatter::{ContentFile, Spanned, TomlDate};
use super::{meta, non_empty, reference};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::domain::{ArticleRef, Audience, Contacts, Level, MacroArea, Section, SectionKind, Service, ServiceStatus, Step};
use crate::t;

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum RawStatus {
    Attivo,
    Sospeso,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawContacts {
    ufficio: Spanned<String>,
    email: Option<String>,
    pec: Option<String>,
    telefono: Option<String>,
    indirizzo: Option<String>,
    orari: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawStep {
    quando: String,
    cosa: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawAccess {
    url: Spanned<String>,
    etichetta: Spanned<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
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
    argomenti: Vec<Spanned<String>>,
    #[serde(default)]
    in_evidenza: bool,
    #[serde(default)]
    ordine: i64,
    #[serde(default)]
    attivita: Vec<String>,
    #[schemars(extend("x-vetrina-riferimento" = "tariffe"))]
    tariffa: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(extend("x-vetrina-riferimento" = "moduli"))]
    moduli: Vec<Spanned<String>>,
    /// `"convenzione-slug#art-6-bis"`.
    #[schemars(extend("x-vetrina-riferimento" = "convenzioni#articolo"))]
    convenzione: Option<Spanned<String>>,
    contatti: RawContacts,
    #[serde(default)]
    tempi: Vec<RawStep>,
    accesso_online: Option<RawAccess>,
    slug: Option<Spanned<String>>,
    bozza: Option<bool>,
    pubblicazione: Option<Spanned<TomlDate>>,
    scadenza: Option<Spanned<TomlDate>>,
    aggiornato: Option<Spanned<TomlDate>>,
}

/// The JSON Schema of this kind's front matter, from the type `parse` reads.
pub fn schema() -> schemars::Schema {
    super::schema_of::<RawService>()
}

pub fn parse(file: &ContentFile, errors: &mut Vec<Diagnostic>) -> Option<Service> {
    let raw: RawService = super::front(file, &crate::t!("kind-service"), errors)?;
    let before = errors.len();
    let meta = meta(file, &common!(raw), errors);
    let title = non_empty(file, &raw.titolo, "titolo", errors);
    let summary = non_empty(file, &raw.sommario, "sommario", errors);
    let status = match (raw.stato.get_ref(), raw.motivo_stato) {
        (RawStatus::Attivo, None) => ServiceStatus::Active,
        (RawStatus::Attivo, Some(_)) => {
            errors.push(file.error_in_front(raw.stato.span(), t!("service-reason-not-suspended")).with_help(t!("service-reason-not-suspended-help")));
            ServiceStatus::Active
        }
        (RawStatus::Sospeso, Some(reason)) if !reason.trim().is_empty() => ServiceStatus::Suspended(reason),
        (RawStatus::Sospeso, _) => {
            errors.push(file.error_in_front(raw.stato.span(), t!("service-suspended-no-reason")).with_help(t!("service-suspended-no-reason-help")));
            ServiceStatus::Suspended(String::new())
        }
    };
    if raw.destinatari.get_ref().is_empty() {
        errors.push(file.error_in_front(raw.destinatari.span(), t!("service-no-audience")).with_help(t!("service-no-audience-help")));
    }
    let tariff = raw.tariffa.as_ref().map(|t| reference(file, t, errors));
    let forms = raw.moduli.iter().map(|m| reference(file, m, errors)).collect();
    let convention = raw.convenzione.as_ref().and_then(|c| article_ref(file, c, errors));
    if raw.contatti.email.is_none() && raw.contatti.telefono.is_none() && raw.contatti.pec.is_none() {
        errors.push(file.error_at_start(t!("service-no-contact")).with_help(t!("service-no-contact-help")));
    }
    let office = non_empty(file, &raw.contatti.ufficio, "ufficio", errors);
    let online_access = raw.accesso_online.map(|a| {
        let url = a.url.get_ref();
        if let Err(why) = crate::policy::check_url(url, crate::policy::UrlRule::Web) {
            let (message, help) = why.explain(url);
            errors.push(file.error_in_front(a.url.span(), t!("url-in-key", key = "accesso_online.url", message = message)).with_help(help));
        } else if url.starts_with("http://") {
            // A public administration's online service is served over https.
            errors.push(file.error_in_front(a.url.span(), t!("service-online-url")).with_help(t!("service-online-url-help")));
        }
        (a.url.get_ref().clone(), non_empty(file, &a.etichetta, "etichetta", errors))
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
        topics: super::topics(file, raw.argomenti),
        featured: raw.in_evidenza,
        activities: raw.attivita,
        tariff,
        forms,
        convention,
        contacts: Contacts { office, email: c.email, pec: c.pec, phone: c.telefono, address: c.indirizzo, hours: c.orari },
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
            errors.push(file.error_in_front(c.span(), t!("service-bad-article-ref", text = c.get_ref())).with_help(t!("service-bad-article-ref-help")));
            None
        }
    }
}

/// Split the body into `## ` sections, checking their names, order and presence.
fn sections(file: &ContentFile, errors: &mut Vec<Diagnostic>) -> Vec<Section> {
    let body = file.body_text();
    let mut heads: Vec<(usize, usize, SectionKind)> = Vec::new(); // (heading start, content start, kind)
                                                                  // Sections a misspelt heading probably meant: not reported again as missing.
    let mut meant: Vec<SectionKind> = Vec::new();
    let mut in_fence = false;
    let mut pos = 0;
    let mut first_text: Option<usize> = None;
    for line in body.split_inclusive('\n') {
        let t = line.trim_end();
        if t.trim_start().starts_with("```") || t.trim_start().starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && t.starts_with("## ") {
            match heading(file, pos, t, errors) {
                Ok(kind) => {
                    if heads.iter().any(|h| h.2 == kind) {
                        errors.push(
                            file.error_in_body(pos..pos + t.len(), t!("service-section-twice", title = kind.title()))
                                .with_help(t!("service-section-twice-help")),
                        );
                    }
                    heads.push((pos, pos + line.len(), kind));
                }
                Err(guess) => meant.extend(guess),
            }
        } else if !in_fence && t.starts_with("# ") {
            errors.push(file.error_in_body(pos..pos + t.len(), t!("service-h1")).with_help(t!("service-h1-help")));
        } else if heads.is_empty() && !t.trim().is_empty() && first_text.is_none() {
            first_text = Some(pos);
        }
        pos += line.len();
    }
    if let Some(p) = first_text {
        errors.push(file.error_in_body(p..p + 1, t!("service-text-before")).with_help(t!("service-text-before-help")));
    }
    check_order_and_presence(file, &heads, &meant, errors);
    let mut out = Vec::new();
    for (i, (_, start, kind)) in heads.iter().enumerate() {
        let end = heads.get(i + 1).map_or(body.len(), |h| h.0);
        let markdown = body[*start..end].to_string();
        if markdown.trim().chars().count() < 3 && kind.required_in_body() {
            errors.push(file.error_in_body(heads[i].0..*start, t!("service-empty-section", title = kind.title())).with_help(t!("service-empty-section-help")));
        }
        out.push(Section { kind: *kind, offset: file.body.start + start, markdown });
    }
    out
}

/// The section a `## ` heading opens; otherwise the error is reported, with the section it
/// probably meant (`Err(Some(kind))`).
fn heading(file: &ContentFile, pos: usize, line: &str, errors: &mut Vec<Diagnostic>) -> Result<SectionKind, Option<SectionKind>> {
    let name = line[3..].trim();
    let contacts = || file.error_in_body(pos..pos + line.len(), t!("service-contacts-section")).with_help(t!("service-contacts-section-help"));
    match SectionKind::ALL.iter().find(|k| k.title().eq_ignore_ascii_case(name)) {
        Some(SectionKind::Contacts) => {
            errors.push(contacts());
            Err(None)
        }
        Some(kind) => Ok(*kind),
        None if synonym(name).is_none() && means_contacts(name) => {
            errors.push(contacts());
            Err(None)
        }
        None => {
            let guess = synonym(name).or_else(|| closest_section(name));
            let help = match guess {
                Some(k) => t!("service-section-did-you-mean", title = k.title()),
                None => {
                    let titles = writable().map(|k| format!("\"{}\"", k.title())).collect::<Vec<_>>().join(", ");
                    t!("service-section-list", titles = titles)
                }
            };
            errors.push(file.error_in_body(pos + 3..pos + line.len(), t!("service-unknown-section", name = name)).with_help(help));
            Err(guess)
        }
    }
}

/// The sections an editor may write in the body: every one but Contatti, which the page
/// makes from `[contatti]`.
/// A new card's body: the headings of the sections it must have, in order (the CMS's
/// starting text).
pub fn body_skeleton() -> String {
    writable().filter(|k| k.required_in_body()).map(|k| format!("## {}\n\n\n", k.title())).collect()
}

fn writable() -> impl Iterator<Item = SectionKind> {
    SectionKind::ALL.into_iter().filter(|k| *k != SectionKind::Contacts)
}

/// Headings editors write for a section under another name.
const SYNONYMS: &[(&str, SectionKind)] = &[
    ("costi", SectionKind::Cost),
    ("costo", SectionKind::Cost),
    ("prezzi", SectionKind::Cost),
    ("prezzo", SectionKind::Cost),
    ("tariffe", SectionKind::Cost),
    ("tariffa", SectionKind::Cost),
    ("costi e tariffe", SectionKind::Cost),
    ("destinatari", SectionKind::Audience),
    ("a chi si rivolge", SectionKind::Audience),
    ("che cos'è", SectionKind::Description),
    ("cos'è", SectionKind::Description),
    ("il servizio", SectionKind::Description),
    ("come richiederlo", SectionKind::HowTo),
    ("come si richiede", SectionKind::HowTo),
    ("procedura", SectionKind::HowTo),
    ("modalità", SectionKind::HowTo),
    ("requisiti", SectionKind::Needed),
    ("documenti", SectionKind::Needed),
    ("documenti necessari", SectionKind::Needed),
    ("cosa occorre", SectionKind::Needed),
    ("risultato", SectionKind::Achieved),
    ("risultati", SectionKind::Achieved),
    ("tempi", SectionKind::Calendar),
    ("scadenze", SectionKind::Calendar),
    ("tempistiche", SectionKind::Calendar),
    ("accesso", SectionKind::Access),
    ("come accedere", SectionKind::Access),
    ("altre informazioni", SectionKind::MoreInfo),
    ("informazioni", SectionKind::MoreInfo),
    ("note", SectionKind::MoreInfo),
    ("condizioni", SectionKind::Conditions),
    ("condizioni d'uso", SectionKind::Conditions),
    ("livelli di servizio", SectionKind::Conditions),
];

fn lowercase(name: &str) -> String {
    name.trim().trim_end_matches([':', '?']).to_lowercase()
}

/// The section a known synonym names ("Costi" → "Quanto costa").
fn synonym(name: &str) -> Option<SectionKind> {
    let lower = lowercase(name);
    SYNONYMS.iter().find(|(w, _)| *w == lower).map(|(_, kind)| *kind)
}

/// Headings that mean the contacts, which the page makes from `[contatti]`: a synonym, or
/// "Contatti" itself misspelt (a stricter match than `did_you_mean`'s, which takes "Costi"
/// for "Contatti").
fn means_contacts(name: &str) -> bool {
    let lower = lowercase(name);
    ["contatto", "recapiti", "riferimenti", "assistenza"].contains(&lower.as_str()) || strsim::jaro_winkler(&lower, "contatti") > 0.9
}

/// The closest title of a section the editor may write, if one is close enough.
fn closest_section(name: &str) -> Option<SectionKind> {
    let lower = lowercase(name);
    let titles: Vec<(String, SectionKind)> = writable().map(|k| (k.title().to_lowercase(), k)).collect();
    let close = did_you_mean(&lower, titles.iter().map(|(t, _)| t.as_str()))?;
    titles.iter().find(|(t, _)| t == close).map(|(_, k)| *k)
}

/// Sections follow the service card's order; the required ones must be there.
fn check_order_and_presence(file: &ContentFile, heads: &[(usize, usize, SectionKind)], meant: &[SectionKind], errors: &mut Vec<Diagnostic>) {
    for w in heads.windows(2) {
        if w[1].2 < w[0].2 {
            errors.push(
                file.error_in_body(w[1].0..w[1].0 + 3 + w[1].2.title().len(), t!("service-section-order", later = w[1].2.title(), earlier = w[0].2.title()))
                    .with_help(t!("service-section-order-help")),
            );
        }
    }
    let body = file.body_text();
    for kind in SectionKind::ALL.iter().filter(|k| k.required_in_body()) {
        if !heads.iter().any(|h| h.2 == *kind) && !meant.contains(kind) {
            // Point at the end of the last line of text, where the section would go.
            let at = body.trim_end().len();
            errors.push(
                file.error_in_body(at..at, t!("service-missing-section", title = kind.title()))
                    .with_help(t!("service-missing-section-help", title = kind.title())),
            );
        }
    }
}
