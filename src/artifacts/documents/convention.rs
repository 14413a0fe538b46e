//! A convention as a document (its data, a table of contents, the articles), and the
//! template of the council deliberation that approves it, with placeholders `⟦…⟧` the
//! ODT writer turns into fill-in fields.

use crate::input::config::Config;
use crate::model::ConventionView;

use super::form::letterhead;
use super::model::{heading, para, small, Block, Doc, List, ListItem, Numbering, ParaStyle};

pub fn document(c: &ConventionView, markdown: &str, config: &Config) -> Doc {
    let ids: Vec<String> = c.toc.iter().map(|l| l.url.trim_start_matches('#').to_string()).collect();
    let mut b = vec![heading(1, &c.title)];
    b.push(Block::Para { text: format!("Ente capofila: {}", c.lead_body), style: ParaStyle::Lead });
    let validity = match &c.valid_to {
        Some(to) => format!("Valida dal {} al {}.", c.valid_from, to),
        None => format!("Valida dal {}.", c.valid_from),
    };
    b.push(para(format!("{validity} Approvata con {}. Stato: {}.", c.approving_act, c.status.to_lowercase())));
    if let Some(next) = &c.replaced_by {
        b.push(para(format!("Questa convenzione è sostituita da: {}.", next.label)));
    }
    if !ids.is_empty() {
        b.push(Block::Heading { level: 2, text: "Indice".into(), id: None });
        b.push(Block::Toc);
    }
    b.extend(super::text::blocks(markdown, &ids));
    b.push(small(format!("Testo pubblicato sul sito del {} ({}), aggiornato al {}.", config.name, config.base_url.trim_end_matches('/'), c.updated)));
    Doc {
        title: c.title.clone(),
        subject: format!("{} – {}", c.title, c.approving_act),
        footer: format!("{} – {}", config.name, c.title),
        letterhead: letterhead(config),
        blocks: b,
    }
}

/// The deliberation with which a member's council approves the convention's scheme
/// (art. 30 and 42 of D.Lgs. 267/2000), to adapt in an office suite.
pub fn deliberation(c: &ConventionView, config: &Config) -> Doc {
    let years = match &c.valid_to {
        Some(to) => format!("dal {} al {}", c.valid_from, to),
        None => format!("a decorrere dal {}", c.valid_from),
    };
    let cst = &config.name;
    let lead = &config.lead_body.nome;
    let mut b = vec![
        Block::Para { text: "⟦Denominazione dell'Ente⟧".into(), style: ParaStyle::Centred },
        Block::Para { text: "Provincia di ⟦Provincia⟧".into(), style: ParaStyle::Centred },
        heading(1, "Deliberazione del Consiglio ⟦comunale⟧ n. ⟦numero⟧ del ⟦data⟧"),
        para(format!(
            "Oggetto: approvazione dello schema di convenzione per la gestione associata del {cst} ({}), ai sensi dell'art. 30 del D.Lgs. 18 agosto 2000, n. 267.",
            c.title
        )),
        para("L'anno ⟦anno⟧, il giorno ⟦giorno⟧ del mese di ⟦mese⟧, alle ore ⟦ora⟧, nella sala delle adunanze, si è riunito il Consiglio ⟦comunale⟧, convocato nei modi di legge, in seduta ⟦ordinaria/straordinaria⟧ di ⟦prima/seconda⟧ convocazione."),
        para("Presiede ⟦nome e carica⟧. Partecipa il Segretario ⟦nome⟧, che cura la verbalizzazione. Presenti n. ⟦presenti⟧, assenti n. ⟦assenti⟧."),
        heading(2, "Il Consiglio"),
        para("Premesso che:"),
        list(
            Numbering::Bullet,
            &[
                &format!("la {lead}, in qualità di Ente capofila, gestisce il {cst}, che eroga in forma associata servizi informatici e telematici agli Enti del territorio;"),
                "l'art. 30 del D.Lgs. 267/2000 consente agli enti locali di stipulare convenzioni per svolgere in modo coordinato funzioni e servizi determinati;",
                "la gestione associata permette all'Ente di disporre di servizi digitali sicuri e aggiornati, di personale specializzato e di economie di scala che da solo non potrebbe ottenere;",
                &format!("lo schema di convenzione, allegato alla presente deliberazione quale parte integrante, regola la gestione associata {years} ed è stato approvato dall'Ente capofila con {};", c.approving_act),
            ],
        ),
        para("Visti:"),
        list(
            Numbering::Bullet,
            &[
                "il D.Lgs. 18 agosto 2000, n. 267, in particolare gli articoli 30 e 42;",
                "il D.Lgs. 7 marzo 2005, n. 82 (Codice dell'amministrazione digitale);",
                "lo Statuto dell'Ente;",
                "i pareri favorevoli di regolarità tecnica e contabile espressi ai sensi dell'art. 49 del D.Lgs. 267/2000 dai responsabili dei servizi competenti, allegati alla presente;",
            ],
        ),
        para("Con voti favorevoli n. ⟦favorevoli⟧, contrari n. ⟦contrari⟧, astenuti n. ⟦astenuti⟧, espressi nelle forme di legge,"),
        Block::Para { text: "DELIBERA".into(), style: ParaStyle::Centred },
        list(
            Numbering::Decimal,
            &[
                &format!("di approvare lo schema di convenzione per la gestione associata del {cst} ({}), allegato alla presente deliberazione quale parte integrante e sostanziale;", c.title),
                "di autorizzare ⟦il Sindaco / il legale rappresentante⟧ ⟦nome e cognome⟧ a sottoscrivere la convenzione con firma digitale, apportando le modifiche non sostanziali che si rendessero necessarie;",
                "di dare atto che la spesa per la quota di adesione, stimata in euro ⟦importo⟧ annui, trova copertura al capitolo ⟦capitolo⟧ del bilancio ⟦anno⟧ e seguenti;",
                &format!("di trasmettere copia della presente deliberazione e della convenzione sottoscritta all'Ente capofila via PEC all'indirizzo {};", config.lead_body.pec),
                "di dichiarare, con separata votazione ⟦esito⟧, la presente deliberazione immediatamente eseguibile ai sensi dell'art. 134, comma 4, del D.Lgs. 267/2000.",
            ],
        ),
        heading(2, "Allegati"),
        list(Numbering::Bullet, &[&format!("schema di convenzione: {}", c.title), "pareri di regolarità tecnica e contabile"]),
        para("Letto, approvato e sottoscritto."),
        para("Il Presidente ⟦nome⟧ – Il Segretario ⟦nome⟧"),
    ];
    b.push(small(format!("Schema predisposto dal {cst} per gli Enti che aderiscono: adattatelo allo Statuto e al regolamento del vostro Consiglio.")));
    Doc {
        title: format!("Schema di deliberazione di approvazione – {}", c.title),
        subject: format!("Deliberazione del Consiglio di approvazione dello schema di convenzione {}", c.title),
        footer: format!("Schema di deliberazione – {}", c.title),
        // The Ente's own heading is the first lines of the text.
        letterhead: super::model::Letterhead { name: String::new(), lines: Vec::new() },
        blocks: b,
    }
}

fn list(numbering: Numbering, items: &[&str]) -> Block {
    let items = items
        .iter()
        .enumerate()
        .map(|(i, t)| ListItem { label: if numbering == Numbering::Decimal { format!("{}.", i + 1) } else { "•".into() }, text: (*t).to_string(), depth: 0 })
        .collect();
    Block::List(List { items, numbering })
}
