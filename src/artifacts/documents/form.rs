//! A form of the catalog as a document: the CST's letterhead, the form's sections with
//! their fields, the service's activities and price table (when made for one service),
//! the declarations, date and signature. Field names are those of the web form.

use crate::domain::{MEMBERSHIP_DETAILS, MEMBERSHIP_STATES};
use crate::input::config::Config;
use crate::model::{FieldView, FormView, ServiceView, TariffView};
use crate::pricing::describe::OptionSpec;

use super::model::{heading, para, small, Block, Doc, Field, FieldKind, Letterhead, List, ListItem, Numbering, ParaStyle, Table};

/// The name of the place-and-date field and of the signature field.
pub const PLACE_DATE: &str = "luogo-data";
pub const SIGNATURE: &str = "firma";

pub fn letterhead(config: &Config) -> Letterhead {
    Letterhead { name: config.name.clone(), lines: config.lead_body.letterhead_lines() }
}

/// The document of `form`, for `service` or generic. `intro` is the form's own text.
pub fn document(form: &FormView, service: Option<&ServiceView>, intro: Vec<Block>, config: &Config) -> Doc {
    let mut b = Vec::new();
    b.push(heading(1, &form.title));
    let lead = match service {
        Some(s) => format!("{} – Servizio: {}", form.kind, s.title),
        None => form.kind.to_string(),
    };
    b.push(Block::Para { text: lead, style: ParaStyle::Lead });
    b.push(para(&form.description));
    b.push(para(format!("Compilate il modulo, fatelo firmare digitalmente al legale rappresentante dell'Ente e inviatelo via PEC a {}.", form.send_to_pec)));
    b.extend(intro);
    if let Some(s) = service {
        service_blocks(&mut b, s);
    }
    for section in &form.sections {
        b.push(heading(2, &section.title));
        if let Some(d) = &section.description {
            b.push(para(d));
        }
        let options = service.and_then(|s| s.tariff.as_ref()).map_or(&[][..], |t| &t.options[..]);
        for f in &section.fields {
            b.extend(fields(f, options));
        }
    }
    if !form.declarations.is_empty() {
        b.push(heading(2, "Dichiarazioni"));
        b.push(para("Il legale rappresentante dell'Ente, con la firma di questo modulo, dichiara:"));
        let items = form.declarations.iter().enumerate().map(|(i, d)| ListItem { label: format!("{})", letter(i)), text: d.clone(), depth: 0 });
        b.push(Block::List(List { items: items.collect(), numbering: Numbering::LowerAlpha }));
    }
    if form.signature {
        b.push(heading(2, "Data e firma"));
        b.push(text_field(PLACE_DATE, "Luogo e data", false, None, None));
        b.push(Block::Field(Field {
            label: "Firma del legale rappresentante (firma digitale)".into(),
            required: true,
            help: Some("Firmate il file con la firma digitale (PAdES) senza stamparlo.".into()),
            kind: FieldKind::Signature { name: SIGNATURE.into() },
        }));
    }
    b.push(small(format!(
        "Modulo aggiornato al {}. La versione più recente è su {}{}.",
        form.updated,
        config.base_url.trim_end_matches('/'),
        form.url.strip_prefix(config.base_path.trim_end_matches('/')).unwrap_or(&form.url)
    )));
    let subject = match service {
        Some(s) => format!("{} per il servizio «{}» del {}", form.kind, s.title, config.name),
        None => format!("{} del {}", form.kind, config.name),
    };
    let title = match service {
        Some(s) => format!("{} – {}", form.title, s.title),
        None => form.title.clone(),
    };
    Doc { footer: format!("{} – {}", config.name, title), title, subject, letterhead: letterhead(config), blocks: b }
}

/// a, b, c… as the web form's `<ol type="a">`.
fn letter(i: usize) -> char {
    (b'a' + (i % 26) as u8) as char
}

/// "Il servizio": summary, activities and the price table.
fn service_blocks(b: &mut Vec<Block>, s: &ServiceView) {
    b.push(heading(2, format!("Il servizio: {}", s.title)));
    b.push(para(&s.summary));
    if !s.activities.is_empty() {
        b.push(heading(3, "Attività comprese"));
        let items = s.activities.iter().enumerate().map(|(i, a)| ListItem { label: format!("{}.", i + 1), text: a.clone(), depth: 0 });
        b.push(Block::List(List { items: items.collect(), numbering: Numbering::Decimal }));
    }
    if let Some(t) = &s.tariff {
        b.push(heading(3, "Quanto costa"));
        b.extend(tariff_blocks(t));
    }
}

/// The tariff as a table (one row per item, band rows below it) and its notes.
pub fn tariff_blocks(t: &TariffView) -> Vec<Block> {
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for item in &t.summary.items {
        let name = if item.optional { format!("{} (facoltativa)", item.name) } else { item.name.clone() };
        rows.push(vec![name, item.periodicity.to_string(), item.price.clone()]);
        for band in &item.bands {
            rows.push(vec![format!("– {}", band.range), String::new(), band.price.clone()]);
        }
        for n in &item.notes {
            notes.push(format!("{}: {}", item.name, n));
        }
    }
    let mut b = vec![Block::Table(Table {
        caption: format!("Tariffa: {}", t.title),
        header: vec!["Voce".into(), "Periodicità".into(), "Importo (IVA esclusa)".into()],
        rows,
        widths: vec![0.45, 0.17, 0.38],
    })];
    let mut vat = format!("Importi IVA esclusa; IVA al {}.", t.summary.vat);
    if let Some(d) = &t.summary.member_discount {
        vat.push_str(&format!(" Sconto per gli Enti aderenti: {d}."));
    }
    if t.summary.members_only {
        vat.push_str(" Servizio riservato agli Enti aderenti al CST.");
    }
    b.push(small(vat));
    b.extend(by_ente_type(t));
    b.extend(notes.into_iter().map(small));
    if let Some(v) = &t.validity {
        b.push(small(format!("Validità: {v}")));
    }
    if let Some(p) = &t.payment_terms {
        b.push(small(format!("Pagamento: {p}")));
    }
    b
}

/// One table of the prices some kinds of Ente pay instead (one row per item), rather
/// than a line per item and kind.
fn by_ente_type(t: &TariffView) -> Option<Block> {
    let mut kinds: Vec<&'static str> = Vec::new();
    for p in t.summary.items.iter().flat_map(|i| &i.by_ente_type) {
        if !kinds.contains(&p.label) {
            kinds.push(p.label);
        }
    }
    if kinds.is_empty() {
        return None;
    }
    let rows = t.summary.items.iter().filter(|i| !i.by_ente_type.is_empty()).map(|item| {
        let price = |kind: &&str| item.by_ente_type.iter().find(|p| p.label == *kind).map_or_else(|| "come in tabella".to_string(), |p| p.price.clone());
        std::iter::once(item.name.clone()).chain(kinds.iter().map(price)).collect()
    });
    let share = 0.6 / kinds.len() as f32;
    Some(Block::Table(Table {
        caption: "Prezzi per tipo di Ente, al posto di quelli della tabella".into(),
        header: std::iter::once("Voce".to_string()).chain(kinds.iter().map(|k| k.to_string())).collect(),
        rows: rows.collect(),
        widths: std::iter::once(0.4).chain(std::iter::repeat_n(share, kinds.len())).collect(),
    }))
}

/// The three membership answers, then the act's number and date and the meeting's date.
fn membership(f: &FieldView) -> Vec<Block> {
    let options = MEMBERSHIP_STATES.iter().map(|m| (m.value.to_string(), m.label.to_string())).collect();
    let mut b = vec![Block::Field(Field {
        label: f.label.clone(),
        required: f.required,
        help: f.help.clone(),
        kind: FieldKind::Radio { name: f.name.clone(), options },
    })];
    for d in MEMBERSHIP_DETAILS {
        let (help, chars) = if d.control == "date" { (Some("Nel formato gg/mm/aaaa.".to_string()), Some(10)) } else { (None, Some(12)) };
        b.push(text_field(&format!("{}-{}", f.name, d.suffix), d.label, false, help, chars));
    }
    b
}

/// The service's optional items as boxes to tick, and the quantities to write, named
/// `<field>-<item>` and `<field>-<item>-quantita` (the online form fills them too).
fn option_fields(name: &str, options: &[OptionSpec]) -> Vec<Block> {
    let mut b = Vec::new();
    for o in options {
        if o.optional {
            b.push(Block::Field(Field { label: o.name.clone(), required: false, help: None, kind: FieldKind::Check { name: format!("{name}-{}", o.id) } }));
        }
        if let Some(unit) = &o.unit_plural {
            let label = format!("{}: numero di {unit}", o.name);
            let help = Some(match o.max {
                Some(max) => format!("Da {} a {max}.", o.min),
                None => format!("Almeno {}.", o.min),
            });
            b.push(text_field(&format!("{name}-{}-quantita", o.id), &label, false, help, Some(6)));
        }
    }
    b
}

fn text_field(name: &str, label: &str, required: bool, help: Option<String>, chars: Option<u32>) -> Block {
    Block::Field(Field { label: label.into(), required, help, kind: FieldKind::Text { name: name.into(), lines: 1, chars, max_len: None } })
}

/// The blocks of one web-form field: usually one PDF field, four for `adesione`, and for
/// `opzione-tariffa` in a service's copy a box per optional item and its quantity.
pub fn fields(f: &FieldView, options: &[OptionSpec]) -> Vec<Block> {
    let field = |kind| Block::Field(Field { label: f.label.clone(), required: f.required, help: f.help.clone(), kind });
    let text = |lines: u32, chars: Option<u32>| FieldKind::Text { name: f.name.clone(), lines, chars, max_len: f.maxlength };
    match f.control {
        "textarea" => vec![field(text(f.rows.len().max(2) as u32, None))],
        "date" => {
            let help = Some(f.help.as_ref().map_or("Nel formato gg/mm/aaaa.".to_string(), |h| format!("{h} Nel formato gg/mm/aaaa.")));
            vec![Block::Field(Field { label: f.label.clone(), required: f.required, help, kind: text(1, Some(10)) })]
        }
        "number" => vec![field(text(1, Some(10)))],
        "checkbox" => vec![field(FieldKind::Check { name: f.name.clone() })],
        "radio" => {
            let options = f.options.iter().map(|o| (crate::markdown::slugify(o), o.clone())).collect();
            vec![field(FieldKind::Radio { name: f.name.clone(), options })]
        }
        "table" => vec![field(FieldKind::Grid { name: f.name.clone(), columns: f.columns.clone(), rows: f.rows.len() as u32 })],
        "membership" => membership(f),
        "tariff-option" => {
            let hint = "Indicare la fascia o l'opzione scelta e le quantità, come da tabella del servizio.";
            let help = Some(f.help.as_ref().map_or(hint.to_string(), |h| format!("{hint} {h}")));
            let mut b = vec![Block::Field(Field { label: f.label.clone(), required: f.required, help, kind: text(3, None) })];
            b.extend(option_fields(&f.name, options));
            b
        }
        _ => vec![field(text(1, f.maxlength))],
    }
}
