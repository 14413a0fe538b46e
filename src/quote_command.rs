//! `vetrina preventivo`: the price of one or more services for an Ente described on the
//! command line, from the one engine the site uses (`pricing::engine`).
//!
//! [`price`] turns the words of the command line into a [`Profile`] per service and
//! quotes each, with a message in the user's language for every bad word (an unknown
//! service or Ente, a quantity out of range), all of them at once; [`text`] writes the
//! quote as an office reads it; [`json`] gives each service's engine [`Quote`], the very
//! object the browser calculator computes (`themes/agid/static/js/pricing.js`).
//!
//! ```text
//! vetrina preventivo --servizio rao-pubblico --abitanti 3500 --voce spid-day=2 --anni 3
//! vetrina preventivo --servizio adesione-cst --abitanti 7000 --imprese 598 --dal 15/04/2027
//! vetrina preventivo --servizio pagopa --servizio app-io --ente "Comune di Borgo Alto" --json
//! ```

use serde::Serialize;

use crate::content::Catalog;
use crate::diagnostics::did_you_mean;
use crate::domain::{Ente, Service, TariffDoc};
use crate::input::config::Config;
use crate::pricing::describe::{ente_type_singular, summarize_quote};
use crate::pricing::engine::{quote, quote_periods, Price, Profile, Quote};
use crate::pricing::limits::{MAX_COUNT, MAX_YEARS};
use crate::pricing::money::{format_euro, group_thousands, Cents};
use crate::pricing::EnteType;
use crate::t;

/// What the command line asks, as typed.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Slugs of the services (`--servizio`, at least one).
    pub services: Vec<String>,
    /// An Ente of `enti.toml` by name (`--ente`): its type and figures, a member.
    pub ente: Option<String>,
    /// `--tipo`: comune, unione, comunita-montana or altro.
    pub ente_type: Option<String>,
    pub population: Option<u64>,
    pub workstations: Option<u64>,
    pub businesses: Option<u64>,
    pub users: Option<u64>,
    pub persons: Option<u64>,
    pub years: u32,
    /// `--dal`: the day the Ente joins or the service starts, `2027-04-15` or `15/04/2027`.
    pub start: Option<String>,
    /// `--voce ID[=N]` or `--voce SERVIZIO:ID[=N]`: an optional item chosen, or a quantity.
    pub items: Vec<String>,
    pub non_member: bool,
}

/// One service priced.
#[derive(Debug, Clone, Serialize)]
pub struct PricedService<'c> {
    #[serde(rename = "service")]
    pub slug: &'c str,
    pub title: &'c str,
    pub tariff: &'c str,
    /// Who to write to for a price on request.
    pub contact: String,
    pub quote: Quote,
    #[serde(skip)]
    pub doc: &'c TariffDoc,
}

/// The whole answer: the Ente's profile and a quote per service.
#[derive(Debug, Clone, Serialize)]
pub struct Priced<'c> {
    pub ente: Option<&'c str>,
    pub profile: Profile,
    pub services: Vec<PricedService<'c>>,
}

/// Price the services of `request`; every problem of the request, in the user's language.
/// `today` starts the years of a tariff with dated price lists when `--dal` does not.
pub fn price<'c>(catalog: &'c Catalog, config: &Config, request: &Request, today: jiff::civil::Date) -> Result<Priced<'c>, Vec<String>> {
    let mut errors = Vec::new();
    let ente = request.ente.as_deref().and_then(|name| find_ente(catalog, name, &mut errors));
    let base = profile(ente, request, &mut errors);
    let mut services: Vec<(&Service, &TariffDoc)> = Vec::new();
    for slug in &request.services {
        if let Some(found) = find_service(catalog, slug, &mut errors) {
            services.push(found);
        }
    }
    if request.services.is_empty() {
        errors.push(t!("quote-no-service"));
    }
    let mut profiles: Vec<Profile> = services.iter().map(|_| base.clone()).collect();
    for spec in &request.items {
        choose_item(spec, &services, &mut profiles, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut priced = Vec::new();
    for ((service, doc), p) in services.into_iter().zip(profiles) {
        let q = if doc.periods.len() > 1 { quote_periods(&doc.periods, &p, today) } else { quote(&doc.tariff, &p) };
        match q {
            Ok(q) => priced.push(PricedService {
                slug: &service.meta.slug,
                title: &service.title,
                tariff: &doc.meta.slug,
                contact: service.contacts.ask_at(&config.lead_body.email),
                quote: q,
                doc,
            }),
            Err(_) => errors.push(t!("quote-too-large", service = service.meta.slug.as_str())),
        }
    }
    if errors.is_empty() {
        Ok(Priced { ente: ente.map(|e| e.name.as_str()), profile: base, services: priced })
    } else {
        Err(errors)
    }
}

fn find_ente<'c>(catalog: &'c Catalog, name: &str, errors: &mut Vec<String>) -> Option<&'c Ente> {
    let folded = name.trim().to_lowercase();
    let found = catalog.enti.iter().find(|e| e.name.to_lowercase() == folded);
    if found.is_none() {
        let names: Vec<&str> = catalog.enti.iter().map(|e| e.name.as_str()).collect();
        errors.push(match did_you_mean(name, names.iter().copied()) {
            Some(close) => t!("quote-unknown-ente-close", name = name, close = close),
            None => t!("quote-unknown-ente", name = name),
        });
    }
    found
}

fn find_service<'c>(catalog: &'c Catalog, slug: &str, errors: &mut Vec<String>) -> Option<(&'c Service, &'c TariffDoc)> {
    let Some(service) = catalog.services.iter().find(|s| s.meta.slug == slug) else {
        let slugs: Vec<&str> = catalog.services.iter().map(|s| s.meta.slug.as_str()).collect();
        errors.push(match did_you_mean(slug, slugs.iter().copied()) {
            Some(close) => t!("quote-unknown-service-close", slug = slug, close = close),
            None => t!("quote-unknown-service", slug = slug, list = slugs.join(", ")),
        });
        return None;
    };
    let doc = service.tariff.as_ref().and_then(|t| catalog.tariffs.iter().find(|d| d.meta.slug == t.slug));
    if doc.is_none() {
        errors.push(t!("quote-no-tariff", slug = slug));
    }
    Some((service, doc?))
}

/// The Ente's figures: those of `enti.toml` for `--ente`, each overridden by its option.
fn profile(ente: Option<&Ente>, r: &Request, errors: &mut Vec<String>) -> Profile {
    let mut p = Profile::comune(0);
    if let Some(e) = ente {
        p.ente_type = e.ente_type;
        p.population = e.population.unwrap_or(0);
        p.workstations = e.workstations.unwrap_or(0);
        p.businesses = e.businesses.unwrap_or(0);
    }
    if let Some(t) = &r.ente_type {
        match parse_ente_type(t) {
            Some(t) => p.ente_type = t,
            None => errors.push(t!("quote-bad-type", value = t.as_str())),
        }
    }
    let figures = [
        (r.population, &mut p.population, "--abitanti"),
        (r.workstations, &mut p.workstations, "--postazioni"),
        (r.businesses, &mut p.businesses, "--imprese"),
        (r.users, &mut p.users, "--utenti"),
        (r.persons, &mut p.persons, "--persone"),
    ];
    for (value, slot, option) in figures {
        match value {
            Some(v) if v > MAX_COUNT => errors.push(t!("quote-too-many", option = option, max = group_thousands(MAX_COUNT))),
            Some(v) => *slot = v,
            None => {}
        }
    }
    if !(1..=MAX_YEARS).contains(&r.years) {
        errors.push(t!("quote-bad-years", max = MAX_YEARS));
    }
    p.years = r.years.clamp(1, MAX_YEARS);
    p.member = !r.non_member;
    if let Some(text) = &r.start {
        match parse_day(text) {
            Some(d) => p.start = Some(d),
            None => errors.push(t!("quote-bad-start", value = text.as_str())),
        }
    }
    p
}

/// A day as an office writes it, `15/04/2027`, or as a computer does, `2027-04-15`.
fn parse_day(text: &str) -> Option<jiff::civil::Date> {
    let text = text.trim();
    if let Ok(d) = text.parse() {
        return Some(d);
    }
    let mut parts = text.split('/').map(|p| p.trim().parse::<i16>().ok());
    let (day, month, year) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

fn parse_ente_type(text: &str) -> Option<EnteType> {
    match text.trim().to_lowercase().replace(['_', ' '], "-").as_str() {
        "comune" => Some(EnteType::Comune),
        "unione" | "unione-di-comuni" => Some(EnteType::Unione),
        "comunita-montana" | "comunità-montana" => Some(EnteType::ComunitaMontana),
        "altro" | "altro-ente" => Some(EnteType::Altro),
        _ => None,
    }
}

/// Apply one `--voce [SERVIZIO:]ID[=N]` to the services that have that item.
fn choose_item(spec: &str, services: &[(&Service, &TariffDoc)], profiles: &mut [Profile], errors: &mut Vec<String>) {
    let (target, rest) = match spec.split_once(':') {
        Some((s, rest)) => (Some(s), rest),
        None => (None, spec),
    };
    let (id, count) = match rest.split_once('=') {
        Some((id, n)) => match n.trim().parse::<u32>() {
            Ok(n) => (id.trim(), Some(n)),
            Err(_) => return errors.push(t!("quote-bad-quantity", spec = spec)),
        },
        None => (rest.trim(), None),
    };
    let mut applied = false;
    for ((service, doc), p) in services.iter().zip(profiles.iter_mut()) {
        if target.is_some_and(|t| t != service.meta.slug) {
            continue;
        }
        let Some(item) = doc.tariff.items.iter().find(|i| i.id == id) else { continue };
        applied = true;
        let n = count.unwrap_or_else(|| item.quantity.as_ref().map_or(1, |q| q.default));
        match &item.quantity {
            Some(q) if n < q.min || q.max.is_some_and(|m| n > m) => {
                let max = q.max.map_or_else(|| t!("quote-no-max"), |m| m.to_string());
                errors.push(t!("quote-quantity-range", spec = spec, min = q.min, max = max));
            }
            None if n != 1 => errors.push(t!("quote-no-quantity", id = id)),
            _ => {
                p.quantities.insert(item.id.clone(), n);
            }
        }
    }
    // With no known service there is no item to name: the service's own error says it.
    if !applied && !services.is_empty() {
        let known: Vec<&str> =
            services.iter().filter(|(s, _)| target.is_none_or(|t| t == s.meta.slug)).flat_map(|(_, d)| d.tariff.items.iter().map(|i| i.id.as_str())).collect();
        errors.push(match did_you_mean(id, known.iter().copied()) {
            Some(close) => t!("quote-unknown-item-close", id = id, close = close),
            None => t!("quote-unknown-item", id = id, list = known.join(", ")),
        });
    }
}

/// The quote as JSON: the profile and, per service, the engine's `Quote`.
pub fn json(priced: &Priced) -> String {
    serde_json::to_string_pretty(priced).unwrap_or_default()
}

/// The quote as an office reads it, in the user's language.
pub fn text(priced: &Priced, config: &Config) -> String {
    let p = &priced.profile;
    let mut out = vec![t!("quote-heading", site = config.name.as_str()), ente_line(priced)];
    let member = if p.member { t!("quote-member") } else { t!("quote-non-member") };
    out.push(t!("quote-years", years = p.years, member = member));
    for s in &priced.services {
        out.push(String::new());
        out.extend(service_lines(s));
    }
    out.push(String::new());
    out.extend(totals(priced));
    out.join("\n") + "\n"
}

fn ente_line(priced: &Priced) -> String {
    let p = &priced.profile;
    let kind = ente_type_singular(p.ente_type);
    let figures: Vec<String> =
        [(p.population, "abitanti"), (p.workstations, "postazioni"), (p.businesses, "imprese"), (p.users, "utenti"), (p.persons, "persone")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{} {what}", group_thousands(n)))
            .collect();
    let figures = if figures.is_empty() { String::new() } else { format!(", {}", figures.join(", ")) };
    match priced.ente {
        Some(name) => t!("quote-ente-named", name = name, kind = kind, figures = figures),
        None => t!("quote-ente", kind = kind, figures = figures),
    }
}

fn service_lines(s: &PricedService) -> Vec<String> {
    let mut out = vec![s.title.to_string()];
    if s.quote.not_available {
        out.push(format!("  {}", t!("quote-members-only")));
        return out;
    }
    let summary = summarize_quote(&s.quote, s.doc.tariff.vat);
    for line in &summary.lines {
        out.push(format!("  {} — {} — {}", line.name, line.periodicity, line.amount));
    }
    out.push(format!("  {}", t!("quote-vat", rate = summary.vat)));
    for (label, value) in [(t!("quote-validity"), &s.doc.validity), (t!("quote-payment"), &s.doc.payment_terms)] {
        if let Some(v) = value {
            out.push(format!("  {label}: {v}"));
        }
    }
    out
}

/// The sums over the services that have a price; what is left out, said.
fn totals(priced: &Priced) -> Vec<String> {
    let counted: Vec<&Quote> = priced.services.iter().map(|s| &s.quote).filter(|q| !q.not_available).collect();
    let sum = |f: fn(&Quote) -> Cents| counted.iter().map(|q| f(q)).sum::<Cents>();
    let (one_off, yearly, vat_one_off, vat_yearly) = (sum(|q| q.one_off), sum(|q| q.yearly), sum(|q| q.vat_one_off), sum(|q| q.vat_yearly));
    let (first_year, vat_first_year) = (sum(|q| q.first_year), sum(|q| q.vat_first_year));
    let priced_any = counted.iter().any(|q| q.lines.iter().any(|l| matches!(l.price, Price::Amount(_) | Price::Included)));
    let mut out = Vec::new();
    if priced_any {
        out.push(t!("quote-total-net", one_off = format_euro(one_off), yearly = format_euro(yearly)));
        out.push(t!("quote-total-vat", one_off = format_euro(vat_one_off), yearly = format_euro(vat_yearly)));
        if first_year != yearly {
            let start = priced.profile.start.map(|d| d.strftime("%d/%m/%Y").to_string()).unwrap_or_default();
            out.push(t!("quote-first-year-share", start = start, net = format_euro(first_year), vat = format_euro(vat_first_year)));
        }
        out.push(t!("quote-first-year", amount = format_euro(one_off + first_year + vat_one_off + vat_first_year)));
        let years = priced.profile.years;
        if years > 1 {
            out.push(t!("quote-all-years", years = years, amount = format_euro(sum(|q| q.total) + sum(|q| q.total_vat))));
        }
    }
    for s in &priced.services {
        if s.quote.not_available {
            out.push(t!("quote-excluded-members", service = s.title));
        } else if s.quote.incomplete {
            out.push(t!("quote-excluded-on-request", service = s.title, contact = s.contact.as_str()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_as_offices_and_computers_write_them() {
        assert_eq!(parse_day("15/04/2027"), Some(jiff::civil::date(2027, 4, 15)));
        assert_eq!(parse_day(" 2027-04-15 "), Some(jiff::civil::date(2027, 4, 15)));
        assert_eq!(parse_day("29/02/2028"), Some(jiff::civil::date(2028, 2, 29)));
        assert_eq!(parse_day("29/02/2027"), None);
        assert_eq!(parse_day("15/04"), None);
        assert_eq!(parse_day("1/2/3/4"), None);
        assert_eq!(parse_day("aprile"), None);
    }

    #[test]
    fn ente_types_as_people_write_them() {
        assert_eq!(parse_ente_type("Comune"), Some(EnteType::Comune));
        assert_eq!(parse_ente_type("comunità montana"), Some(EnteType::ComunitaMontana));
        assert_eq!(parse_ente_type("unione_di_comuni"), Some(EnteType::Unione));
        assert_eq!(parse_ente_type("provincia"), None);
    }
}
