//! The controlled vocabularies a topic (`argomenti`) is checked against: the 64 topics of the
//! Designers Italia site model for Comuni and the Italian labels of EuroVoc, the EU's
//! thesaurus. The AgID site validator (criterion C.SI.1.5) compares the topics page's labels
//! with these two lists, exactly as written; a CST that uses them is found under the same words
//! as every other public site.
//!
//! Both lists are embedded in the binary (copies of `../shared/vocabolari/`, kept in step by a
//! test); this module is pure: it reads no file.
//!
//! ```
//! use vetrina::vocabulary::{Source, Vocabularies};
//! let v = Vocabularies::embedded();
//! assert_eq!(v.find("anagrafe").map(|t| (t.label, t.source)), Some(("Anagrafe", Source::Model)));
//! assert_eq!(v.find("Sicurezza informatica").map(|t| t.label), Some("sicurezza informatica"));
//! assert!(v.find("pagoPA").is_none());
//! assert!(v.closest("protezione dati", 3).contains(&"protezione dei dati"));
//! ```

use std::collections::HashMap;

const MODEL: &str = include_str!("argomenti-modello-comuni.txt");
const EUROVOC: &str = include_str!("eurovoc-it.txt");

/// Words a CST writes that no list has, with the terms that say the same: suggested before
/// the terms that are only spelt alike ("pagoPA" is not near "pagamento elettronico" by
/// letters). Lower case; every term is in one of the lists (a test checks).
const HINTS: &[(&str, &[&str])] = &[
    ("pagopa", &["pagamento elettronico", "Tassa sui servizi"]),
    ("pagamenti", &["pagamento elettronico"]),
    ("spid", &["amministrazione elettronica", "firma elettronica"]),
    ("cie", &["amministrazione elettronica"]),
    ("identità digitale", &["amministrazione elettronica", "firma elettronica"]),
    ("app io", &["amministrazione elettronica", "Comunicazione istituzionale"]),
    ("servizi online", &["amministrazione elettronica"]),
    ("privacy", &["protezione dei dati"]),
    ("gdpr", &["protezione dei dati"]),
    ("connettività", &["rete informatica", "banda larga"]),
    ("rete", &["rete informatica"]),
    ("cloud", &["cloud computing"]),
    ("data center", &["cloud computing", "server"]),
    ("assistenza", &["assistenza tecnica"]),
    ("help desk", &["assistenza tecnica"]),
    ("tributi", &["Imposte", "Tassa sui servizi"]),
    ("rtd", &["trasformazione digitale", "amministrazione elettronica"]),
    ("convenzione", &["cooperazione amministrativa", "cooperazione intercomunale"]),
    ("adesione", &["cooperazione amministrativa", "cooperazione intercomunale"]),
    ("lavoro agile", &["lavoro a distanza", "telelavoro"]),
    ("smart working", &["lavoro a distanza", "telelavoro"]),
    ("protocollo informatico", &["protocollo", "documento elettronico"]),
    ("conservazione", &["conservazione digitale", "documento elettronico"]),
    ("documenti digitali", &["documento elettronico"]),
];

/// Which list a topic comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The site model's topics (full marks in the validator).
    Model,
    /// EuroVoc (half marks, with at least half of the site's topics from either list).
    EuroVoc,
}

/// A term of a vocabulary, as the vocabulary writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub label: &'static str,
    pub source: Source,
}

/// Both vocabularies, indexed for lookup. Made once per build.
pub struct Vocabularies {
    terms: Vec<Term>,
    /// Exact label → index in `terms`, and lower-case label → index (first wins: the model).
    exact: HashMap<&'static str, usize>,
    folded: HashMap<String, usize>,
}

impl Vocabularies {
    /// The lists shipped with Vetrina.
    pub fn embedded() -> Self {
        Self::from_lists(MODEL, EUROVOC)
    }

    fn from_lists(model: &'static str, eurovoc: &'static str) -> Self {
        let lines = |text: &'static str, source| text.lines().map(str::trim).filter(|l| !l.is_empty()).map(move |label| Term { label, source });
        let terms: Vec<Term> = lines(model, Source::Model).chain(lines(eurovoc, Source::EuroVoc)).collect();
        let mut exact = HashMap::with_capacity(terms.len());
        let mut folded = HashMap::with_capacity(terms.len());
        for (i, t) in terms.iter().enumerate() {
            exact.entry(t.label).or_insert(i);
            folded.entry(fold(t.label)).or_insert(i);
        }
        Vocabularies { terms, exact, folded }
    }

    /// The term a topic names: the model's in any letter case ("anagrafe" is "Anagrafe"; the
    /// model earns full marks where EuroVoc's "trasparenza amministrativa" earns half), else
    /// EuroVoc's with the same label, else in other letter case.
    pub fn find(&self, topic: &str) -> Option<Term> {
        let topic = topic.trim();
        let folded = self.folded.get(&fold(topic)).map(|&i| self.terms[i]);
        match folded {
            Some(t) if t.source == Source::Model => Some(t),
            _ => self.exact.get(topic).map(|&i| self.terms[i]).or(folded),
        }
    }

    /// The label to show for a topic: the vocabulary's, when it has the topic, else the
    /// topic as written.
    pub fn label(&self, topic: &str) -> String {
        self.find(topic).map_or_else(|| topic.trim().to_string(), |t| t.label.to_string())
    }

    /// Up to `n` terms closest to a topic that is in neither list: the [`HINTS`] for it, then
    /// the nearest by spelling, the model's first on a tie: letters in common (Jaro-Winkler on lower case) and words in common, a plural or
    /// another ending counting as the same word.
    pub fn closest(&self, topic: &str, n: usize) -> Vec<&'static str> {
        let wanted = fold(topic);
        let words: Vec<&str> = wanted.split_whitespace().filter(|w| w.chars().count() > 2).collect();
        let mut scored: Vec<(f64, usize)> = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let label = fold(t.label);
                let shared = words.iter().filter(|w| label.split_whitespace().any(|l| same_word(l, w))).count();
                let share = if words.is_empty() { 0.0 } else { shared as f64 / words.len() as f64 };
                (strsim::jaro_winkler(&wanted, &label) + 0.35 * share, i)
            })
            .filter(|(score, _)| *score > 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let hinted = HINTS.iter().filter(|(word, _)| *word == wanted).flat_map(|(_, terms)| terms.iter().copied());
        let mut out: Vec<&'static str> = Vec::new();
        for label in hinted.chain(scored.into_iter().map(|(_, i)| self.terms[i].label)) {
            if !out.iter().any(|o| fold(o) == fold(label)) {
                out.push(label);
            }
            if out.len() == n {
                break;
            }
        }
        out
    }
}

/// Two words with the same stem, as far as Italian endings go: "pagamenti" and "pagamento",
/// "elettronici" and "elettronico".
fn same_word(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    a == b || common >= 4 && common + 2 >= a.chars().count().min(b.chars().count())
}

fn fold(label: &str) -> String {
    label.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_whole() {
        let v = Vocabularies::embedded();
        assert_eq!(v.terms.iter().filter(|t| t.source == Source::Model).count(), 64);
        assert_eq!(v.terms.iter().filter(|t| t.source == Source::EuroVoc).count(), 19_157);
    }

    #[test]
    fn exact_label_first_then_letter_case() {
        let v = Vocabularies::embedded();
        assert_eq!(v.find("PNRR"), Some(Term { label: "PNRR", source: Source::Model }));
        assert_eq!(v.find("pnrr").map(|t| t.label), Some("PNRR"));
        assert_eq!(v.find("  posta elettronica ").map(|t| t.source), Some(Source::EuroVoc));
        assert_eq!(v.label("trasparenza amministrativa"), "Trasparenza amministrativa");
        assert_eq!(v.label("pagoPA"), "pagoPA");
        assert_eq!(v.find("lavoro agile"), None);
    }

    #[test]
    fn suggestions_are_near_and_distinct() {
        let v = Vocabularies::embedded();
        let near = v.closest("privacy", 3);
        assert!(!near.is_empty() && near.len() <= 3, "{near:?}");
        assert!(v.closest("firma digitale avanzata", 3).contains(&"firma digitale"), "{:?}", v.closest("firma digitale avanzata", 3));
        assert!(v.closest("anagrafi", 3).contains(&"Anagrafe"), "{:?}", v.closest("anagrafi", 3));
        assert_eq!(v.closest("pagamenti elettronici", 3)[0], "pagamento elettronico");
        assert_eq!(v.closest("pagoPA", 3)[..2], ["pagamento elettronico", "Tassa sui servizi"]);
        assert!(v.closest("zzzzqqqq", 3).is_empty());
    }

    #[test]
    fn every_hint_is_a_term() {
        let v = Vocabularies::embedded();
        for (word, terms) in HINTS {
            assert!(v.find(word).is_none(), "{word} is a term: no hint needed");
            assert!(terms.iter().all(|t| v.find(t).map(|f| f.label) == Some(*t)), "{word}: {terms:?}");
        }
    }
}
