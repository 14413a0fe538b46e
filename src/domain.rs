//! The catalog's domain types: plain data, already validated, with English names.
//! The Italian keys editors write live in `content::*` and are converted into these.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::pricing::{EnteType, Tariff};

/// Fields every content kind shares: its URL slug and publication dates.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub slug: String,
    /// Path of the source file, relative to the site root (for errors and git dates).
    pub source_path: String,
    pub draft: bool,
    pub publish_from: Option<Date>,
    pub expires_on: Option<Date>,
    /// "Pagina aggiornata il": an editor's override of the git/mtime date.
    pub updated: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Base,
    Intermedio,
    Avanzato,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Base, Level::Intermedio, Level::Avanzato];
    pub fn slug(self) -> &'static str {
        match self {
            Level::Base => "base",
            Level::Intermedio => "intermedio",
            Level::Avanzato => "avanzato",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Level::Base => "Servizi di base",
            Level::Intermedio => "Servizi intermedi",
            Level::Avanzato => "Servizi avanzati",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MacroArea {
    ManagementESupporto,
    BackOfficeEInfrastruttura,
    ProduzioneEgov,
}

impl MacroArea {
    pub fn label(self) -> &'static str {
        match self {
            MacroArea::ManagementESupporto => "Management e supporto",
            MacroArea::BackOfficeEInfrastruttura => "Back office e infrastruttura",
            MacroArea::ProduzioneEgov => "Produzione di eGov",
        }
    }
}

/// Who a service is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    Comuni,
    UnioniDiComuni,
    ComunitaMontane,
    AltriEnti,
    Cittadini,
    Imprese,
}

impl Audience {
    pub const ALL: [Audience; 6] =
        [Audience::Comuni, Audience::UnioniDiComuni, Audience::ComunitaMontane, Audience::AltriEnti, Audience::Cittadini, Audience::Imprese];
    pub fn slug(self) -> &'static str {
        match self {
            Audience::Comuni => "comuni",
            Audience::UnioniDiComuni => "unioni-di-comuni",
            Audience::ComunitaMontane => "comunita-montane",
            Audience::AltriEnti => "altri-enti",
            Audience::Cittadini => "cittadini",
            Audience::Imprese => "imprese",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Audience::Comuni => "Comuni",
            Audience::UnioniDiComuni => "Unioni di Comuni",
            Audience::ComunitaMontane => "Comunità montane",
            Audience::AltriEnti => "Altri Enti pubblici",
            Audience::Cittadini => "Cittadini",
            Audience::Imprese => "Imprese",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "reason", rename_all = "kebab-case")]
pub enum ServiceStatus {
    Active,
    Suspended(String),
}

/// The sections of a Designers Italia service card, in page order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Audience,
    Description,
    HowTo,
    Needed,
    Achieved,
    Calendar,
    Cost,
    Access,
    MoreInfo,
    Conditions,
    Contacts,
}

impl SectionKind {
    pub const ALL: [SectionKind; 11] = [
        SectionKind::Audience,
        SectionKind::Description,
        SectionKind::HowTo,
        SectionKind::Needed,
        SectionKind::Achieved,
        SectionKind::Calendar,
        SectionKind::Cost,
        SectionKind::Access,
        SectionKind::MoreInfo,
        SectionKind::Conditions,
        SectionKind::Contacts,
    ];
    /// The `## ` heading an editor writes in the body, and the page shows.
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Audience => "A chi è rivolto",
            SectionKind::Description => "Descrizione",
            SectionKind::HowTo => "Come fare",
            SectionKind::Needed => "Cosa serve",
            SectionKind::Achieved => "Cosa si ottiene",
            SectionKind::Calendar => "Tempi e scadenze",
            SectionKind::Cost => "Quanto costa",
            SectionKind::Access => "Accedi al servizio",
            SectionKind::MoreInfo => "Ulteriori informazioni",
            SectionKind::Conditions => "Condizioni di servizio",
            SectionKind::Contacts => "Contatti",
        }
    }
    /// The page anchor of the section.
    pub fn anchor(self) -> &'static str {
        match self {
            SectionKind::Audience => "a-chi-e-rivolto",
            SectionKind::Description => "descrizione",
            SectionKind::HowTo => "come-fare",
            SectionKind::Needed => "cosa-serve",
            SectionKind::Achieved => "cosa-si-ottiene",
            SectionKind::Calendar => "tempi-e-scadenze",
            SectionKind::Cost => "quanto-costa",
            SectionKind::Access => "accedi-al-servizio",
            SectionKind::MoreInfo => "ulteriori-informazioni",
            SectionKind::Conditions => "condizioni-di-servizio",
            SectionKind::Contacts => "contatti",
        }
    }
    /// Sections the editor must write in the body (Contatti comes from the front matter;
    /// Quanto costa from the tariff).
    pub fn required_in_body(self) -> bool {
        !matches!(self, SectionKind::Cost | SectionKind::MoreInfo | SectionKind::Contacts)
    }
}

/// A Markdown section of a service card, as written.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    /// Byte offset of the section's Markdown inside the source file (for link errors).
    pub offset: usize,
    pub markdown: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Contacts {
    pub office: String,
    pub email: Option<String>,
    pub pec: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
}

impl Contacts {
    /// Where to ask for a price on request: the office's e-mail, else its PEC, else
    /// `fallback` (the CST's e-mail).
    pub fn ask_at(&self, fallback: &str) -> String {
        self.email.clone().or_else(|| self.pec.clone()).unwrap_or_else(|| fallback.to_string())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub when: String,
    pub what: String,
}

/// A reference to an article of a convention: `convenzione#art-6-bis`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRef {
    pub convention: String,
    pub article: String,
    /// Byte range in the source file, for errors.
    pub span: std::ops::Range<usize>,
}

/// A reference by slug to another content file, with where it was written.
#[derive(Debug, Clone, Serialize)]
pub struct Ref {
    pub slug: String,
    pub span: std::ops::Range<usize>,
}

/// A topic (`argomenti`) as the editor wrote it, with where (checked against the
/// vocabularies by `validate`).
#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub label: String,
    pub span: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Service {
    pub meta: Meta,
    pub title: String,
    pub summary: String,
    pub status: ServiceStatus,
    pub level: Level,
    pub macro_area: MacroArea,
    pub audiences: Vec<Audience>,
    pub topics: Vec<Topic>,
    pub featured: bool,
    pub activities: Vec<String>,
    pub tariff: Option<Ref>,
    pub forms: Vec<Ref>,
    pub convention: Option<ArticleRef>,
    pub contacts: Contacts,
    pub timeline: Vec<Step>,
    /// A link to an online channel, if the service has one.
    pub online_access: Option<(String, String)>,
    pub sections: Vec<Section>,
    pub order: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TariffDoc {
    pub meta: Meta,
    pub title: String,
    /// The price list in force on the build's day (`model::select` picks it), or the only one.
    pub tariff: Tariff,
    /// The dated price lists (`[[listini]]`), oldest first; empty for a tariff of one list.
    pub periods: Vec<crate::pricing::PricePeriod>,
    pub validity: Option<String>,
    pub payment_terms: Option<String>,
    pub notes_markdown: String,
    pub notes_offset: usize,
}

impl TariffDoc {
    /// Make `tariff` the price list in force on `day` (for a tariff with dated lists).
    pub fn use_list_in_force(&mut self, day: jiff::civil::Date) {
        if let Some(list) = crate::pricing::period_at(&self.periods, day) {
            self.tariff = list.tariff.clone();
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ConventionStatus {
    Vigente,
    Scaduta,
    Bozza,
}

#[derive(Debug, Clone, Serialize)]
pub struct Convention {
    pub meta: Meta,
    pub title: String,
    pub lead_body: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub approving_act: String,
    pub status: ConventionStatus,
    pub replaced_by: Option<Ref>,
    pub markdown: String,
    pub body_offset: usize,
    /// The anchors of its articles, which services refer to (`convenzione-cst-2024#art-6-bis`).
    pub articles: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FormKind {
    Richiesta,
    Disdetta,
    Fabbisogni,
}

/// The type of one form field, which decides its input and its validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldType {
    Testo,
    TestoLungo,
    Email,
    Pec,
    Telefono,
    Cap,
    CodiceFiscale,
    PartitaIva,
    Data,
    Numero,
    Scelta,
    Casella,
    Cig,
    CodiceUnivoco,
    /// A table of persons (name, surname, Ente of work...).
    Elenco,
    /// The membership status radio group.
    Adesione,
    /// The band or option of the service's tariff chosen, with quantities.
    OpzioneTariffa,
}

/// One answer of the membership field (`adesione`), on the web form and in the PDF.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct MembershipState {
    /// The radio's value, also the PDF button's export name.
    pub value: &'static str,
    pub label: &'static str,
}

/// The three answers of `adesione`, as the guide describes them.
pub const MEMBERSHIP_STATES: [MembershipState; 3] = [
    MembershipState { value: "aderito", label: "l'Ente ha aderito al CST sottoscrivendo la convenzione" },
    MembershipState { value: "approvato", label: "l'Ente ha approvato l'adesione con l'atto indicato qui sotto" },
    MembershipState { value: "approvera", label: "l'Ente approverà l'adesione nella seduta indicata qui sotto" },
];

/// The text fields that go with `adesione`: the name suffix, the label and the format.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct MembershipDetail {
    pub suffix: &'static str,
    pub label: &'static str,
    /// `text` or `date`.
    pub control: &'static str,
}

pub const MEMBERSHIP_DETAILS: [MembershipDetail; 3] = [
    MembershipDetail { suffix: "atto-numero", label: "Atto di adesione: numero", control: "text" },
    MembershipDetail { suffix: "atto-data", label: "Atto di adesione: data", control: "date" },
    MembershipDetail { suffix: "seduta-data", label: "Seduta prevista per l'approvazione: data", control: "date" },
];

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub field_type: FieldType,
    pub required: bool,
    pub help: Option<String>,
    pub options: Vec<String>,
    pub columns: Vec<String>,
    pub rows: u32,
    /// The service the field is about (`servizio`): opened from a calculator's choice, the
    /// online form ticks it, fills it or picks `when_chosen` when the service is chosen.
    pub service: Option<Ref>,
    /// What fills a `numero` (`valore`): a figure of the Ente (`postazioni`, ...) or the
    /// quantity of an item of the service's tariff (its `id`).
    pub value_from: Option<Ref>,
    /// For a `scelta`: the option picked when the service is chosen (`se_scelto`).
    pub when_chosen: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormSection {
    pub title: String,
    pub description: Option<String>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Form {
    pub meta: Meta,
    pub title: String,
    pub kind: FormKind,
    pub description: String,
    pub send_to_pec: String,
    pub sections: Vec<FormSection>,
    pub declarations: Vec<String>,
    pub signature: bool,
    pub markdown: String,
    pub body_offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PageTemplate {
    Pagina,
    EntiAderenti,
    NoteLegali,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub meta: Meta,
    pub title: String,
    pub description: String,
    pub template: PageTemplate,
    pub order: i64,
    pub markdown: String,
    pub body_offset: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct News {
    pub meta: Meta,
    pub title: String,
    pub date: Date,
    pub summary: String,
    pub topics: Vec<Topic>,
    pub markdown: String,
    pub body_offset: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ente {
    pub name: String,
    pub ente_type: EnteType,
    pub province: String,
    /// Figures that do not apply (e.g. the population of a consortium) are left out.
    pub population: Option<u64>,
    pub workstations: Option<u64>,
    pub businesses: Option<u64>,
    pub member_since: Date,
}
