//! The plain, pre-formatted values templates receive. Built by `site::build`; nothing
//! here computes anything.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::pricing::describe::{self, TariffSummary};

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub id: &'static str,
    pub title: &'static str,
    pub html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TariffView {
    pub slug: String,
    pub title: String,
    /// The price table's caption: the title, and the period of the list in force if dated.
    pub caption: String,
    pub summary: TariffSummary,
    pub validity: Option<String>,
    pub payment_terms: Option<String>,
    pub notes_html: String,
    /// For the calculator: the figures the tariff depends on and the items to choose.
    pub inputs: Vec<describe::InputSpec>,
    pub options: Vec<describe::OptionSpec>,
    /// With dated price lists: the period of the one in force ("dal 01/01/2026 al
    /// 31/12/2026"), the next one if approved, and the earlier ones (the price history).
    pub in_force: Option<String>,
    pub next: Option<PriceListView>,
    pub history: Vec<PriceListView>,
    /// The calculator asks the start date: an item is charged in proportion in its first
    /// year, or the price lists are dated.
    pub with_start: bool,
}

/// A price list other than the one in force, as the service page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PriceListView {
    /// "dal 01/01/2027", "dal 01/01/2025 al 31/12/2025".
    pub period: String,
    /// "Tariffa …, dal 01/01/2027".
    pub caption: String,
    pub act: Option<String>,
    pub summary: TariffSummary,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExampleView {
    /// "Comune di Borgo (3.250 abitanti, 24 postazioni, 310 imprese)".
    pub ente: String,
    pub quote: crate::pricing::describe::QuoteSummary,
}

/// What the browser calculators need, written as one JSON file.
#[derive(Debug, Clone, Serialize)]
pub struct CalculatorData {
    pub services: Vec<CalculatorService>,
    pub tariffs: BTreeMap<String, crate::pricing::Tariff>,
    /// The dated price lists of the tariffs that have more than one: the calculators price
    /// each year with the list in force that year.
    pub periods: BTreeMap<String, Vec<crate::pricing::PricePeriod>>,
    pub enti: Vec<CalculatorEnte>,
    /// The service to join the CST, linked when a service is reserved to members.
    pub membership: Option<CalculatorLink>,
    /// The heading of a printed quote: the CST's name and the lead body's lines.
    pub issuer: CalculatorIssuer,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalculatorIssuer {
    pub name: String,
    pub lines: Vec<String>,
    /// The lead body that invoices, for the draft determina: name, tax code, PEC.
    pub body: String,
    pub tax_code: String,
    pub pec: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalculatorLink {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalculatorService {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub tariff: String,
    /// Where to ask for a price "su richiesta": the service's e-mail, else its PEC, else
    /// the CST's e-mail.
    pub contact: String,
    /// The tariff's `validita` and `pagamento`, for the printed quote.
    pub validity: Option<String>,
    pub payment_terms: Option<String>,
    /// The convention (and article) the service rests on, for the draft determina.
    pub convention: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalculatorEnte {
    pub name: String,
    pub ente_type: crate::pricing::EnteType,
    pub population: u64,
    pub workstations: u64,
    pub businesses: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub active: bool,
    pub label: &'static str,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LabelSlug {
    pub slug: &'static str,
    pub label: &'static str,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub status: StatusView,
    pub level: LabelSlug,
    pub macro_area: &'static str,
    pub audiences: Vec<LabelSlug>,
    /// Each topic links to its page `/argomenti/<topic>/`.
    pub topics: Vec<Link>,
    pub featured: bool,
    pub activities: Vec<String>,
    /// Sections written by the editor, keyed by kind (`audience`, `how-to`, ...).
    pub sections: BTreeMap<String, SectionView>,
    /// The page index: every section shown, in page order.
    pub index: Vec<Link>,
    pub tariff: Option<TariffView>,
    /// The tariff computed for one member Ente, as a worked example.
    pub example: Option<ExampleView>,
    pub forms: Vec<Link>,
    pub convention: Option<Link>,
    pub contacts: crate::domain::Contacts,
    pub timeline: Vec<crate::domain::Step>,
    pub online_access: Option<Link>,
    pub updated: String,
    /// The PDF and ODT of each of its forms, made for this service, in `forms` order
    /// (`documents`); `url` is the form page, to fill it online.
    pub documents: Vec<FormDocuments>,
    /// The conditions document: the PDF of the convention the service rests on, linked in
    /// "Condizioni di servizio" (`documents::attach`).
    pub conditions_file: Option<Download>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConventionView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub lead_body: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub approving_act: String,
    pub status: &'static str,
    pub current: bool,
    pub replaced_by: Option<Link>,
    /// Every version of this convention (the chain of `sostituita_da`), newest first.
    pub versions: Vec<Link>,
    /// What changed from the convention it replaces, and in the one that replaces it.
    pub comparisons: Vec<Link>,
    pub toc: Vec<Link>,
    pub html: String,
    pub updated: String,
    /// Its text as PDF and ODT, and the deliberation template (`documents`).
    pub downloads: Vec<Download>,
}

/// "Cosa cambia": a convention compared with the one it replaces (`compare`).
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonView {
    /// The slug of the newer convention, whose folder holds the comparison.
    pub slug: String,
    pub url: String,
    /// "Cosa cambia rispetto alla convenzione 2018–2023".
    pub title: String,
    pub old: Link,
    pub new: Link,
    /// The articles added, removed, changed and only renumbered or renamed, each linked to
    /// its place on this page.
    pub added: Vec<Link>,
    pub removed: Vec<Link>,
    pub changed: Vec<Link>,
    pub moved: Vec<Link>,
    pub unchanged: usize,
    /// The articles with a change, in the new text's order.
    pub articles: Vec<ArticleChangeView>,
    pub updated: String,
    /// The comparison as PDF and ODT (`documents`).
    pub downloads: Vec<Download>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleChangeView {
    /// `added`, `removed`, `changed` or `unchanged`.
    pub change: crate::compare::Change,
    /// "Articolo aggiunto", "Articolo eliminato", "Articolo modificato", ...
    pub label: String,
    pub heading: String,
    /// Its anchor on the comparison page.
    pub id: String,
    /// The article in each text.
    pub old: Option<Link>,
    pub new: Option<Link>,
    /// Its paragraphs as runs of words kept, added and removed.
    pub blocks: Vec<Vec<crate::compare::Piece>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    pub name: String,
    pub id: String,
    pub label: String,
    /// `text`, `textarea`, `email`, `tel`, `date`, `number`, `radio`, `checkbox`, `table`,
    /// `membership`, `tariff-option`.
    pub control: &'static str,
    /// For `text` controls: a pattern, an inputmode and an autocomplete hint.
    pub pattern: Option<&'static str>,
    pub inputmode: Option<&'static str>,
    pub autocomplete: Option<&'static str>,
    pub maxlength: Option<u32>,
    pub required: bool,
    /// The field's type as editors write it (`codice-fiscale`, `cap`, `cig`...): the web
    /// form checks the value as it is typed.
    pub kind: crate::domain::FieldType,
    pub help: Option<String>,
    pub options: Vec<String>,
    pub columns: Vec<String>,
    pub rows: Vec<u32>,
    /// `servizio`, `valore`, `se_scelto`: how a calculator's choice fills the field.
    pub service: Option<String>,
    pub value_from: Option<String>,
    pub when_chosen: Option<String>,
    /// For `membership`: the answers and the fields that go with them.
    pub states: &'static [crate::domain::MembershipState],
    pub details: &'static [crate::domain::MembershipDetail],
}

#[derive(Debug, Clone, Serialize)]
pub struct FormSectionView {
    pub title: String,
    pub description: Option<String>,
    pub fields: Vec<FieldView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub kind: &'static str,
    pub description: String,
    pub send_to_pec: String,
    /// Some field says which service of a calculator's choice fills it (`servizio`): the
    /// site-wide calculator links this form.
    pub filled_from_choice: bool,
    pub sections: Vec<FormSectionView>,
    pub declarations: Vec<String>,
    pub signature: bool,
    pub html: String,
    /// Services that use this form.
    pub services: Vec<Link>,
    pub updated: String,
    /// Its PDF and ODT for each service that uses it, then the generic ones (`documents`).
    pub documents: Vec<FormDocuments>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub description: String,
    pub template: &'static str,
    pub html: String,
    pub updated: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewsView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: String,
    pub date_iso: String,
    pub summary: String,
    pub topics: Vec<Link>,
    pub html: String,
    pub updated: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnteView {
    pub name: String,
    pub kind: &'static str,
    pub province: String,
    pub population: String,
    pub workstations: String,
    pub businesses: String,
    pub member_since: String,
    pub member_since_iso: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelGroup {
    pub slug: &'static str,
    pub label: &'static str,
    /// The level's own page, `/livelli/<level>/`.
    pub url: String,
    /// How many services the level has in the whole list (a page may show fewer).
    pub count: usize,
    pub services: Vec<ServiceCard>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AudienceFilter {
    pub slug: &'static str,
    pub label: &'static str,
    pub url: String,
    pub count: usize,
}

/// A topic (`argomento`) and what belongs to it.
#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    pub slug: String,
    pub label: String,
    pub url: String,
    pub services: Vec<ServiceCard>,
    pub news: Vec<NewsCard>,
}

/// One change of the catalog for the "novità" feed: a new service, a changed tariff, a new
/// convention.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub title: String,
    pub summary: String,
    pub url: String,
    pub date: jiff::civil::Date,
}

/// A service in a list: what a card shows, without the page's sections and tariff (lists
/// of thousands of services stay light).
#[derive(Debug, Clone, Serialize)]
pub struct ServiceCard {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub status: StatusView,
    pub level: LabelSlug,
    pub macro_area: &'static str,
    pub audiences: Vec<LabelSlug>,
    pub featured: bool,
}

impl From<&ServiceView> for ServiceCard {
    fn from(s: &ServiceView) -> Self {
        ServiceCard {
            slug: s.slug.clone(),
            url: s.url.clone(),
            title: s.title.clone(),
            summary: s.summary.clone(),
            status: s.status.clone(),
            level: s.level.clone(),
            macro_area: s.macro_area,
            audiences: s.audiences.clone(),
            featured: s.featured,
        }
    }
}

/// A news item in a list, without its text.
#[derive(Debug, Clone, Serialize)]
pub struct NewsCard {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: String,
    pub date_iso: String,
    pub summary: String,
}

impl From<&NewsView> for NewsCard {
    fn from(n: &NewsView) -> Self {
        NewsCard {
            slug: n.slug.clone(),
            url: n.url.clone(),
            title: n.title.clone(),
            date: n.date.clone(),
            date_iso: n.date_iso.clone(),
            summary: n.summary.clone(),
        }
    }
}

/// A file offered for download, as a page lists it: "PDF, 84 KB".
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    pub label: String,
    pub url: String,
    /// `PDF` or `ODT`.
    pub format: &'static str,
    pub size: String,
}

/// The files of a form made for one service (or generic, `service` null).
#[derive(Debug, Clone, Serialize)]
pub struct FormDocuments {
    /// On a form page the service's title (or a sentence for the generic form); on a
    /// service page the form's title.
    pub label: String,
    /// The service's slug.
    pub service: Option<String>,
    /// On a service page: the form page, to fill the form online for this service.
    pub url: Option<String>,
    pub downloads: Vec<Download>,
}
