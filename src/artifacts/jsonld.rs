//! Structured data (schema.org JSON-LD): a `GovernmentService` with its offers on every
//! service page (the block the AgID validator reads, `data-element="metatag"`), the
//! organisation on the home page, `NewsArticle` on news and `BreadcrumbList` everywhere.

use serde_json::{json, Value};

use crate::model::{Link, NewsView, ServiceView, Site};
use crate::pricing::describe::{basis_label, periodicity_label};
use crate::pricing::money::{Cents, UnitRate};
use crate::pricing::{BandValue, Item, Rule, Tariff};

/// JSON safe inside `<script>`: no `<`, `>` or `&` that could end the element.
pub fn to_script(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

fn euros(c: Cents) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

fn rate(r: UnitRate) -> String {
    let s = format!("{}.{:04}", r.0 / 10_000, r.0 % 10_000);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Flat amounts and unit rates a rule can give, and whether part of it is on request.
fn points(rule: &Rule, flats: &mut Vec<Cents>, rates: &mut Vec<(UnitRate, &'static str)>, on_request: &mut bool) {
    match rule {
        Rule::Fixed { amount } => flats.push(*amount),
        Rule::Included => flats.push(0),
        Rule::OnRequest => *on_request = true,
        Rule::PerUnit { basis, rate } => rates.push((*rate, basis_label(*basis, false))),
        Rule::Bands { basis, bands } | Rule::Tiers { basis, bands } => {
            for b in bands {
                match &b.value {
                    BandValue::Flat(c) => flats.push(*c),
                    BandValue::PerUnit(r) => rates.push((*r, basis_label(*basis, false))),
                    BandValue::OnRequest => *on_request = true,
                    BandValue::Sum(parts) => parts.iter().for_each(|p| points(p, flats, rates, on_request)),
                }
            }
        }
        Rule::Sum { parts } => parts.iter().for_each(|p| points(p, flats, rates, on_request)),
    }
}

fn offer(item: &Item, tariff: &Tariff) -> Value {
    let (mut flats, mut rates, mut on_request) = (Vec::new(), Vec::new(), false);
    points(&item.rule, &mut flats, &mut rates, &mut on_request);
    let period = periodicity_label(item.periodicity);
    let mut spec = json!({
        "@type": "UnitPriceSpecification",
        "priceCurrency": "EUR",
        "valueAddedTaxIncluded": false,
    });
    if let (Some(lo), Some(hi)) = (flats.iter().min(), flats.iter().max()) {
        if lo == hi {
            spec["price"] = json!(euros(*lo));
        } else {
            spec["minPrice"] = json!(euros(*lo));
            spec["maxPrice"] = json!(euros(*hi));
        }
        spec["unitText"] = json!(period);
    } else if let Some((r, unit)) = rates.first() {
        let lo = rates.iter().map(|x| x.0).min().unwrap_or(*r);
        let hi = rates.iter().map(|x| x.0).max().unwrap_or(*r);
        if lo == hi {
            spec["price"] = json!(rate(lo));
        } else {
            spec["minPrice"] = json!(rate(lo));
            spec["maxPrice"] = json!(rate(hi));
        }
        spec["unitText"] = json!(format!("per {unit}, {period}"));
    }
    let mut o = json!({
        "@type": "Offer",
        "name": item.name,
        "priceCurrency": "EUR",
        "priceSpecification": spec,
    });
    let mut notes = Vec::new();
    if let Some(d) = &item.description {
        notes.push(d.clone());
    }
    if on_request {
        notes.push("Per alcuni Enti il prezzo è su richiesta.".to_string());
    }
    if tariff.members_only {
        notes.push("Riservato agli Enti aderenti.".to_string());
    }
    if !notes.is_empty() {
        o["description"] = json!(notes.join(" "));
    }
    o
}

pub fn service(site: &Site, s: &ServiceView) -> Value {
    let lead = &site.config.lead_body;
    let url = site.absolute(&s.url);
    let channel_url =
        s.online_access.as_ref().map(|a| if a.url.starts_with('/') { site.absolute(&a.url) } else { a.url.clone() }).unwrap_or_else(|| url.clone());
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": s.title,
        "description": s.summary,
        "url": url,
        "serviceType": format!("{} – {}", s.macro_area, s.level.label),
        "serviceOperator": { "@type": "GovernmentOrganization", "name": site.config.name, "url": site.config.base_url },
        "provider": { "@type": "GovernmentOrganization", "name": lead.nome },
        "areaServed": { "@type": "AdministrativeArea", "name": lead.nome },
        "audience": { "@type": "Audience", "audienceType": s.audiences.iter().map(|a| a.label).collect::<Vec<_>>().join(", ") },
        "availableChannel": {
            "@type": "ServiceChannel",
            "name": s.online_access.as_ref().map_or("Richiesta via PEC con il modulo del servizio", |a| a.label.as_str()),
            "serviceUrl": channel_url,
            "availableLanguage": { "@type": "Language", "name": "Italiano", "alternateName": "it" },
            "serviceLocation": {
                "@type": "Place",
                "name": s.contacts.office,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": lead.indirizzo,
                    "postalCode": lead.cap,
                    "addressLocality": lead.citta,
                    "addressCountry": "IT",
                },
            },
        },
        "keywords": s.topics.iter().map(|t| t.label.as_str()).collect::<Vec<_>>().join(", "),
    });
    if let Some(c) = &s.convention {
        v["termsOfService"] = json!(site.absolute(&c.url));
    }
    if let Some(t) = s.tariff.as_ref().and_then(|t| site.calculator.tariffs.get(&t.slug)) {
        v["offers"] = Value::Array(t.items.iter().map(|i| offer(i, t)).collect());
    }
    v
}

pub fn organization(site: &Site) -> Value {
    let lead = &site.config.lead_body;
    json!({
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": site.config.name,
        "description": site.config.description,
        "url": site.config.base_url,
        "email": lead.email,
        "telephone": lead.telefono,
        "parentOrganization": { "@type": "GovernmentOrganization", "name": lead.nome, "taxID": lead.codice_fiscale },
        "address": {
            "@type": "PostalAddress",
            "streetAddress": lead.indirizzo,
            "postalCode": lead.cap,
            "addressLocality": lead.citta,
            "addressCountry": "IT",
        },
    })
}

pub fn news(site: &Site, n: &NewsView) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": n.title,
        "description": n.summary,
        "datePublished": n.date_iso,
        "inLanguage": "it",
        "url": site.absolute(&n.url),
        "author": { "@type": "GovernmentOrganization", "name": site.config.name },
        "publisher": { "@type": "GovernmentOrganization", "name": site.config.name },
    })
}

pub fn breadcrumbs(site: &Site, crumbs: &[Link]) -> Value {
    let items: Vec<Value> =
        crumbs.iter().enumerate().map(|(i, l)| json!({ "@type": "ListItem", "position": i + 1, "name": l.label, "item": site.absolute(&l.url) })).collect();
    json!({ "@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json() {
        let v = json!({ "a": "</script><!-- & -->" });
        let s = to_script(&v);
        assert!(!s.contains('<') && !s.contains('>'));
        assert_eq!(serde_json::from_str::<Value>(&s).unwrap(), v);
    }

    #[test]
    fn rates_keep_their_decimals() {
        assert_eq!(rate(UnitRate(4_400)), "0.44");
        assert_eq!(rate(UnitRate(1_235)), "0.1235");
        assert_eq!(rate(UnitRate(330_000)), "33");
        assert_eq!(euros(65_000), "650.00");
    }
}
