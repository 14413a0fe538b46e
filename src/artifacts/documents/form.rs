//! A form of the catalog as a document: the CST's letterhead, the form's sections with
//! their fields, the service's activities and price table (when made for one service),
//! the declarations, date and signature. Field names are those of the web form.

use crate::input::config::Config;
use crate::model::{FieldView, FormView, ServiceView, TariffView};

use super::model::{heading, para, small, Block, Doc, Field, FieldKind, Letterhead, List, ListItem, Numbering, ParaStyle, Table};

/// The options of the membership field (`adesione`), as on the web form.
pub const MEMBERSHIP: [(&str, &str); 2] =
    [("aderito", "l'Ente ha aderito al CST sottoscrivendo la convenzione"), ("aderira", "l'Ente aderirà al CST con l'atto indicato qui sotto")];

/// The name of the place-and-date field and of the signature field.
pub const PLACE_DATE: &str = "luogo-data";
pub const SIGNATURE: &str = "firma";

pub fn letterhead(config: &Config) -> Letterhead {
    let lb = &config.lead_body;
    let mut lines = vec![
        format!("Ente capofila: {}", lb.nome),
        format!("{}, {} {}", lb.indirizzo, lb.cap, lb.citta),
        format!("PEC: {} · E-mail: {} · Telefono: {}", lb.pec, lb.email, lb.telefono),
    ];
    lines.push(match &lb.partita_iva {
        Some(p) => format!("Codice fiscale {} · Partita IVA {}", lb.codice_fiscale, p),
        None => format!("Codice fiscale {}", lb.codice_fiscale),
    });
    Letterhead { name: config.name.clone(), lines }
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
        for f in &section.fields {
            b.extend(fields(f));
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
    b.extend(notes.into_iter().map(small));
    if let Some(v) = &t.validity {
        b.push(small(format!("Validità: {v}")));
    }
    if let Some(p) = &t.payment_terms {
        b.push(small(format!("Pagamento: {p}")));
    }
    b
}

fn text_field(name: &str, label: &str, required: bool, help: Option<String>, chars: Option<u32>) -> Block {
    Block::Field(Field { label: label.into(), required, help, kind: FieldKind::Text { name: name.into(), lines: 1, chars, max_len: None } })
}

/// The blocks of one web-form field: usually one PDF field, three for `adesione`.
pub fn fields(f: &FieldView) -> Vec<Block> {
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
        "membership" => vec![
            field(FieldKind::Radio { name: f.name.clone(), options: MEMBERSHIP.iter().map(|(v, t)| (v.to_string(), t.to_string())).collect() }),
            text_field(&format!("{}-atto-numero", f.name), "Atto di adesione: numero", false, None, Some(12)),
            text_field(
                &format!("{}-atto-data", f.name),
                "Atto di adesione: data",
                false,
                Some("Da compilare solo se l'Ente aderirà al CST. Nel formato gg/mm/aaaa.".into()),
                Some(10),
            ),
        ],
        "tariff-option" => {
            let hint = "Indicare la fascia o l'opzione scelta e le quantità, come da tabella del servizio.";
            let help = Some(f.help.as_ref().map_or(hint.to_string(), |h| format!("{hint} {h}")));
            vec![Block::Field(Field { label: f.label.clone(), required: f.required, help, kind: text(3, None) })]
        }
        _ => vec![field(text(1, f.maxlength))],
    }
}
