//! "Cosa cambia" as a document of its own: the comparison page's articles, with each change
//! in words («[aggiunto: …]», «[eliminato: …]») that read the same on paper, in an office
//! suite and to a screen reader, where the page uses `<ins>` and `<del>`.

use crate::compare::Piece;
use crate::input::config::Config;
use crate::model::ComparisonView;

use super::form::letterhead;
use super::model::{heading, para, small, Block, Doc, ParaStyle};

pub fn document(k: &ComparisonView, config: &Config) -> Doc {
    let mut b = vec![heading(1, &k.title)];
    b.push(Block::Para { text: format!("Il confronto tra la {} e la {}, articolo per articolo.", k.old.label, k.new.label), style: ParaStyle::Lead });
    b.push(para("Nel testo, le parole aggiunte sono tra «[aggiunto: » e «]», quelle eliminate tra «[eliminato: » e «]»; il resto è invariato."));
    let list = |what: &str, links: &[crate::model::Link]| {
        (!links.is_empty()).then(|| para(format!("{what}: {}.", links.iter().map(|l| l.label.as_str()).collect::<Vec<_>>().join("; "))))
    };
    b.extend(list("Articoli aggiunti", &k.added));
    b.extend(list("Articoli eliminati", &k.removed));
    b.extend(list("Articoli modificati", &k.changed));
    b.extend(list("Articoli con il testo invariato ma un numero o un titolo nuovo", &k.moved));
    if k.unchanged > 0 {
        b.push(para(format!("Articoli invariati: {}.", k.unchanged)));
    }
    for a in &k.articles {
        b.push(heading(2, &a.heading));
        if !a.label.is_empty() {
            b.push(small(a.label.clone()));
        }
        for block in &a.blocks {
            b.push(para(marked(block)));
        }
    }
    b.push(small(format!("Confronto pubblicato sul sito del {} ({}), aggiornato al {}.", config.name, config.base_url.trim_end_matches('/'), k.updated)));
    Doc {
        title: k.title.clone(),
        subject: format!("{}: {} e {}", k.title, k.old.label, k.new.label),
        footer: format!("{} – {}", config.name, k.title),
        letterhead: letterhead(config),
        blocks: b,
    }
}

/// A paragraph's runs as text, each change in words.
fn marked(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(t) => t.clone(),
            Piece::Added(t) => format!("[aggiunto: {t}]"),
            Piece::Removed(t) => format!("[eliminato: {t}]"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_said_in_words() {
        let p = [
            Piece::Same("Ogni Ente dispone di ".into()),
            Piece::Removed("un voto".into()),
            Piece::Added("voti secondo la popolazione".into()),
            Piece::Same(".".into()),
        ];
        assert_eq!(marked(&p), "Ogni Ente dispone di [eliminato: un voto][aggiunto: voti secondo la popolazione].");
    }
}
