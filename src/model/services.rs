//! The service cards: their Markdown (rendered in parallel, problems and links recorded in
//! catalog order), tariff, worked example, page index, forms and convention.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::*;
use crate::domain::Service;

/// Every service's view, in the catalog's order (`ordine`, then title).
pub(super) fn views(b: &mut Builder, catalog: &Catalog, by_slug: &BySlug) -> Vec<ServiceView> {
    let example_ente = example_ente(&catalog.enti);
    // Markdown is most of the model's work: the services' texts are rendered in parallel,
    // then their problems and links recorded in catalog order.
    let base = b.urls.base.clone();
    let rendered: Vec<(Vec<markdown::Rendered>, Option<markdown::Rendered>)> = catalog
        .services
        .par_iter()
        .map(|s| {
            let sections = s.sections.iter().map(|sec| markdown::render(&sec.markdown, &base, 2)).collect();
            let notes = s.tariff.as_ref().and_then(|t| by_slug.tariffs.get(t.slug.as_str())).map(|t| markdown::render(&t.notes_markdown, &base, 2));
            (sections, notes)
        })
        .collect();
    let mut services: Vec<ServiceView> = Vec::new();
    for (s, (section_texts, notes)) in catalog.services.iter().zip(rendered) {
        services.push(view(b, s, section_texts, notes, by_slug, &example_ente));
    }
    let order: HashMap<&str, i64> = catalog.services.iter().map(|s| (s.meta.slug.as_str(), s.order)).collect();
    services.sort_by(|a, b| (order[a.slug.as_str()], &a.title).cmp(&(order[b.slug.as_str()], &b.title)));
    services
}

/// The worked example of the service page, or the located error of an amount too large.
fn example(b: &mut Builder, t: &TariffDoc, (label, profile): &(String, crate::pricing::engine::Profile)) -> Option<ExampleView> {
    match crate::pricing::engine::quote(&t.tariff, profile) {
        Ok(q) => Some(ExampleView { ente: label.clone(), quote: describe::summarize_quote(&q, t.tariff.vat) }),
        Err(e) => {
            let error = too_large(b, t, &e, label);
            b.errors.push(error);
            None
        }
    }
}

/// The page's index: the sections it shows, "Quanto costa" when there is a tariff or a
/// cost section, "Contatti" always.
fn page_index(sections: &BTreeMap<String, SectionView>, has_tariff: bool) -> Vec<Link> {
    let has_cost = has_tariff || sections.contains_key(&kebab(SectionKind::Cost));
    SectionKind::ALL
        .iter()
        .filter(|k| match k {
            SectionKind::Cost => has_cost,
            SectionKind::Contacts => true,
            _ => sections.contains_key(&kebab(**k)),
        })
        .map(|k| Link { label: k.title().into(), url: format!("#{}", k.anchor()) })
        .collect()
}

struct TariffLists {
    in_force: Option<String>,
    next: Option<PriceListView>,
    history: Vec<PriceListView>,
}

/// The price lists around the one in force on `today`: its period, the next one, the earlier
/// ones newest first. The rest of the view is filled by the caller.
fn price_lists(title: &str, periods: &[crate::pricing::PricePeriod], today: Date) -> TariffLists {
    let period = |p: &crate::pricing::PricePeriod| match p.to {
        Some(to) => format!("dal {} al {}", date_short(p.from), date_short(to)),
        None => format!("dal {}", date_short(p.from)),
    };
    let view = |p: &crate::pricing::PricePeriod| PriceListView {
        period: period(p),
        caption: format!("{title}, {}", period(p)),
        act: p.act.clone(),
        summary: describe::summarize(&p.tariff),
    };
    let current = crate::pricing::period_at(periods, today).and_then(|c| periods.iter().position(|p| std::ptr::eq(p, c)));
    match (periods.len() > 1, current) {
        (true, Some(k)) => {
            TariffLists { in_force: Some(period(&periods[k])), next: periods.get(k + 1).map(view), history: periods[..k].iter().rev().map(view).collect() }
        }
        _ => TariffLists { in_force: None, next: None, history: Vec::new() },
    }
}

fn view(
    b: &mut Builder,
    s: &Service,
    section_texts: Vec<markdown::Rendered>,
    notes: Option<markdown::Rendered>,
    by_slug: &BySlug,
    example_ente: &Option<(String, crate::pricing::engine::Profile)>,
) -> ServiceView {
    let urls = b.urls.clone();
    let tariffs = &by_slug.tariffs;
    let page = urls.output(&urls.service(&s.meta.slug));
    let mut sections = BTreeMap::new();
    for (sec, r) in s.sections.iter().zip(section_texts) {
        let r = b.record(&s.meta.source_path, sec.offset, r, &page);
        sections.insert(kebab(sec.kind), SectionView { id: sec.kind.anchor(), title: sec.kind.title(), html: r.html });
    }
    let tariff = s.tariff.as_ref().and_then(|t| tariffs.get(t.slug.as_str())).zip(notes).map(|(t, r)| {
        let r = b.record(&t.meta.source_path, t.notes_offset, r, &page);
        let lists = price_lists(&t.title, &t.periods, b.today);
        let summary = describe::summarize(&t.tariff);
        TariffView {
            slug: t.meta.slug.clone(),
            title: t.title.clone(),
            caption: lists.in_force.as_ref().map_or_else(|| t.title.clone(), |p| format!("{}, in vigore {p}", t.title)),
            with_start: t.periods.len() > 1 || summary.pro_rata,
            summary,
            validity: t.validity.clone(),
            payment_terms: t.payment_terms.clone(),
            notes_html: r.html,
            inputs: describe::inputs(&t.tariff),
            options: describe::options(&t.tariff),
            in_force: lists.in_force,
            next: lists.next,
            history: lists.history,
        }
    });
    let example = s.tariff.as_ref().and_then(|t| tariffs.get(t.slug.as_str())).and_then(|t| example(b, t, example_ente.as_ref()?));
    let index = page_index(&sections, tariff.is_some());
    let forms =
        s.forms.iter().filter_map(|f| by_slug.forms.get(f.slug.as_str())).map(|f| Link { label: f.title.clone(), url: urls.form(&f.meta.slug) }).collect();
    let convention = s.convention.as_ref().and_then(|a| {
        let c = by_slug.conventions.get(a.convention.as_str())?;
        Some(Link { label: c.title.clone(), url: format!("{}#{}", urls.convention(&c.meta.slug), a.article) })
    });
    ServiceView {
        slug: s.meta.slug.clone(),
        url: urls.service(&s.meta.slug),
        title: s.title.clone(),
        summary: s.summary.clone(),
        status: match &s.status {
            ServiceStatus::Active => StatusView { active: true, label: "Servizio attivo", reason: None },
            ServiceStatus::Suspended(r) => StatusView { active: false, label: "Servizio sospeso", reason: Some(r.clone()) },
        },
        level: LabelSlug { slug: s.level.slug(), label: s.level.label(), url: urls.level(s.level.slug()) },
        macro_area: s.macro_area.label(),
        audiences: s.audiences.iter().map(|a| LabelSlug { slug: a.slug(), label: a.label(), url: urls.audience(a.slug()) }).collect(),
        topics: s.topics.iter().map(|t| topic_link(t, &urls)).collect(),
        featured: s.featured,
        activities: s.activities.clone(),
        sections,
        index,
        tariff,
        example,
        forms,
        convention,
        contacts: s.contacts.clone(),
        timeline: s.timeline.clone(),
        online_access: s.online_access.as_ref().map(|(url, label)| Link { label: label.clone(), url: markdown::rewrite(url, &urls.base) }),
        updated: b.updated(&s.meta),
        documents: Vec::new(),
        conditions_file: None,
    }
}
