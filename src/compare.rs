//! What changed between two versions of a convention, article by article: the articles are
//! matched by content (an article renumbered or renamed is still the same article), then
//! each matched pair is compared paragraph by paragraph and word by word with `similar`.
//! A leaf: pure functions on plain text, no I/O, nothing of the project imported.
//!
//! ```
//! use vetrina::compare::{compare, Article, Change};
//! let art = |heading: &str, anchor: &str, text: &str| Article { heading: heading.into(), anchor: Some(anchor.into()), blocks: vec![text.into()] };
//! let old = [art("Art. 3 – Durata", "art-3", "La convenzione dura cinque anni.")];
//! let new = [art("Art. 1 – Oggetto", "art-1", "Il CST gestisce la rete."), art("Art. 4 – Durata", "art-4", "La convenzione dura sei anni.")];
//! let c = compare(&old, &new);
//! assert_eq!(c.articles[0].change, Change::Added);
//! assert_eq!(c.articles[1].change, Change::Changed);
//! assert!(c.articles[1].renumbered);
//! ```

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp, TextDiff};

/// One article (or a heading that is not one, such as "Premesse") as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The heading as written: "Art. 4 – Assemblea dei Sindaci".
    pub heading: String,
    /// "art-4"; `None` for a heading that is not an article.
    pub anchor: Option<String>,
    /// Its paragraphs, list items and lines, in order, as plain text.
    pub blocks: Vec<String>,
}

/// A run of words, kept, added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "kebab-case")]
pub enum Piece {
    Same(String),
    Added(String),
    Removed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    Added,
    Removed,
    /// Its text changed (it may also have been renumbered or renamed).
    Changed,
    /// Its text is the same (it may still have been renumbered or renamed).
    Unchanged,
}

/// One article of the comparison: its place in each version and its paragraphs as pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDiff {
    pub change: Change,
    /// Index in the old and in the new version's articles.
    pub old: Option<usize>,
    pub new: Option<usize>,
    /// A matched article under another number or anchor.
    pub renumbered: bool,
    /// A matched article whose title (the heading without its number) changed.
    pub renamed: bool,
    /// Every paragraph, each a list of pieces.
    pub blocks: Vec<Vec<Piece>>,
}

/// The articles of both versions, in the new version's order, each removed article after
/// the article that matched the one before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub articles: Vec<ArticleDiff>,
}

/// Two articles with less of their words in common than this are different articles,
/// unless they have the same title.
const SAME_ARTICLE: f32 = 0.5;
/// With the same title, this much in common is enough.
const SAME_TITLE: f32 = 0.2;
/// Two paragraphs with less in common than this are shown as one removed and one added,
/// not as a patchwork of words.
const SAME_PARAGRAPH: f32 = 0.4;

/// Compare two versions of a text given as articles.
pub fn compare(old: &[Article], new: &[Article]) -> Comparison {
    let pairs = match_articles(old, new);
    let new_of_old = |i: usize| pairs.iter().find(|(o, _)| *o == i).map(|(_, n)| *n);
    let old_of_new = |j: usize| pairs.iter().find(|(_, n)| *n == j).map(|(o, _)| *o);
    // Sort keys: a new article by its index; a removed one right after the new article that
    // matched its nearest matched predecessor (before everything when there is none).
    let mut keyed: Vec<((isize, usize, usize), ArticleDiff)> = Vec::new();
    for (j, n) in new.iter().enumerate() {
        let diff = match old_of_new(j) {
            Some(i) => matched(i, j, &old[i], n),
            None => ArticleDiff { change: Change::Added, old: None, new: Some(j), renumbered: false, renamed: false, blocks: whole(&n.blocks, Piece::Added) },
        };
        keyed.push(((j as isize, 0, 0), diff));
    }
    for (i, o) in old.iter().enumerate() {
        if new_of_old(i).is_some() {
            continue;
        }
        let after = (0..i).rev().find_map(new_of_old).map_or(-1, |j| j as isize);
        let diff =
            ArticleDiff { change: Change::Removed, old: Some(i), new: None, renumbered: false, renamed: false, blocks: whole(&o.blocks, Piece::Removed) };
        keyed.push(((after, 1, i), diff));
    }
    keyed.sort_by_key(|(k, _)| *k);
    Comparison { articles: keyed.into_iter().map(|(_, d)| d).collect() }
}

/// Pairs `(old, new)` of the same article: the most alike first, each article in one pair.
/// Diffing every old article with every new one is quadratic in word diffs (at 200 articles
/// a side, 40,000 of them took seconds), so each article is diffed only with the few on the
/// other side that share the most words with it (`SHORTLIST`, counted cheaply) and with
/// those of the same title.
fn match_articles(old: &[Article], new: &[Article]) -> Vec<(usize, usize)> {
    let old_bags: Vec<Bag> = old.iter().map(|a| Bag::of(&a.blocks)).collect();
    let new_bags: Vec<Bag> = new.iter().map(|a| Bag::of(&a.blocks)).collect();
    let shared: Vec<Vec<f32>> = old_bags.iter().map(|o| new_bags.iter().map(|n| o.likeness(n)).collect()).collect();
    let (old_titles, new_titles): (Vec<String>, Vec<String>) =
        (old.iter().map(|a| title(&a.heading)).collect(), new.iter().map(|a| title(&a.heading)).collect());
    let mut weigh: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (i, row) in shared.iter().enumerate() {
        weigh.extend(most(row.iter().copied()).map(|j| (i, j)));
    }
    for j in 0..new.len() {
        weigh.extend(most(shared.iter().map(|row| row[j])).map(|i| (i, j)));
    }
    for (i, t) in old_titles.iter().enumerate() {
        weigh.extend(new_titles.iter().enumerate().filter(|(_, u)| *u == t).map(|(j, _)| (i, j)));
    }
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for (i, j) in weigh {
        let (o, n) = (&old[i], &new[j]);
        let words = likeness(&TextDiff::from_words(o.blocks.join("\n").as_str(), n.blocks.join("\n").as_str()));
        let same_title = old_titles[i] == new_titles[j];
        if words >= SAME_ARTICLE || (same_title && words >= SAME_TITLE) || (same_title && o.blocks.is_empty() && n.blocks.is_empty()) {
            // The same title weighs as much as half the words.
            candidates.push((words + if same_title { 0.5 } else { 0.0 }, i, j));
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let (mut old_used, mut new_used) = (vec![false; old.len()], vec![false; new.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !old_used[i] && !new_used[j] {
            (old_used[i], new_used[j]) = (true, true);
            pairs.push((i, j));
        }
    }
    pairs
}

/// How many articles on the other side, those sharing the most words, each article is
/// diffed with.
const SHORTLIST: usize = 3;

/// The indexes of the `SHORTLIST` highest scores.
fn most(scores: impl Iterator<Item = f32>) -> impl Iterator<Item = usize> {
    let mut ranked: Vec<(usize, f32)> = scores.enumerate().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(SHORTLIST).map(|(k, _)| k)
}

/// The words of a text, counted: what two articles share, whatever their order.
struct Bag<'a> {
    counts: HashMap<&'a str, u32>,
    total: u32,
}

impl<'a> Bag<'a> {
    fn of(blocks: &'a [String]) -> Bag<'a> {
        let mut counts: HashMap<&str, u32> = HashMap::new();
        let mut total = 0;
        for word in blocks.iter().flat_map(|b| b.split_whitespace()) {
            *counts.entry(word).or_default() += 1;
            total += 1;
        }
        Bag { counts, total }
    }

    /// Twice the words both have (each as often as the rarer side has it) over all words.
    fn likeness(&self, other: &Bag) -> f32 {
        if self.total + other.total == 0 {
            return 1.0;
        }
        let (small, large) = if self.counts.len() <= other.counts.len() { (self, other) } else { (other, self) };
        let shared: u32 = small.counts.iter().map(|(w, n)| (*n).min(large.counts.get(w).copied().unwrap_or(0))).sum();
        (2 * shared) as f32 / (self.total + other.total) as f32
    }
}

/// How much two texts have in common, from 0 to 1: twice the words kept over all the words
/// of both. (`similar`'s own ratio counts the spaces between words too, which makes any two
/// sentences look half alike.)
fn likeness(diff: &TextDiff<'_, '_, str>) -> f32 {
    let (mut kept, mut all) = (0usize, 0usize);
    for change in diff.iter_all_changes() {
        if change.value().trim().is_empty() {
            continue;
        }
        all += 1;
        if change.tag() == ChangeTag::Equal {
            // Counted once here, once for the other side.
            kept += 2;
            all += 1;
        }
    }
    if all == 0 {
        1.0
    } else {
        kept as f32 / all as f32
    }
}

/// The title of a heading without its number: "Art. 6-bis – Nuovi servizi" → "nuovi servizi".
fn title(heading: &str) -> String {
    let rest = [" – ", " — ", " - ", ". ", ": "].iter().filter_map(|sep| heading.split_once(sep)).map(|(_, r)| r).find(|r| !r.is_empty());
    let lower = heading.trim_start().to_lowercase();
    let is_article = lower.starts_with("art");
    match rest {
        Some(r) if is_article => r.trim().to_lowercase(),
        _ => heading.trim().to_lowercase(),
    }
}

fn matched(i: usize, j: usize, o: &Article, n: &Article) -> ArticleDiff {
    let blocks = paragraphs(&o.blocks, &n.blocks);
    let changed = blocks.iter().flatten().any(|p| !matches!(p, Piece::Same(_)));
    ArticleDiff {
        change: if changed { Change::Changed } else { Change::Unchanged },
        old: Some(i),
        new: Some(j),
        renumbered: o.anchor != n.anchor,
        renamed: title(&o.heading) != title(&n.heading),
        blocks,
    }
}

fn whole(blocks: &[String], piece: fn(String) -> Piece) -> Vec<Vec<Piece>> {
    blocks.iter().map(|b| vec![piece(b.clone())]).collect()
}

/// Paragraph by paragraph; paragraphs replaced one by one are compared word by word.
fn paragraphs(old: &[String], new: &[String]) -> Vec<Vec<Piece>> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        match op {
            DiffOp::Equal { old_index, len, .. } => out.extend(whole(&old[old_index..old_index + len], Piece::Same)),
            DiffOp::Delete { old_index, old_len, .. } => out.extend(whole(&old[old_index..old_index + old_len], Piece::Removed)),
            DiffOp::Insert { new_index, new_len, .. } => out.extend(whole(&new[new_index..new_index + new_len], Piece::Added)),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                out.extend(replaced(&old[old_index..old_index + old_len], &new[new_index..new_index + new_len]));
            }
        }
    }
    out
}

/// Paragraphs replaced by others: each old one paired with the new one most like it, in
/// order (the pairing with the most in common, by dynamic programming over the likeness of
/// every pair), compared word by word; the rest removed or added whole.
fn replaced(old: &[String], new: &[String]) -> Vec<Vec<Piece>> {
    let like: Vec<Vec<f32>> = old.iter().map(|a| new.iter().map(|b| likeness(&TextDiff::from_words(a.as_str(), b.as_str()))).collect()).collect();
    // best[i][j]: the most likeness pairing old[..i] with new[..j] can keep.
    let mut best = vec![vec![0f32; new.len() + 1]; old.len() + 1];
    for i in 1..=old.len() {
        for j in 1..=new.len() {
            let pair = if like[i - 1][j - 1] >= SAME_PARAGRAPH { best[i - 1][j - 1] + like[i - 1][j - 1] } else { f32::MIN };
            best[i][j] = best[i - 1][j].max(best[i][j - 1]).max(pair);
        }
    }
    let (mut i, mut j, mut out) = (old.len(), new.len(), Vec::new());
    while i > 0 || j > 0 {
        if i > 0 && j > 0 && like[i - 1][j - 1] >= SAME_PARAGRAPH && best[i][j] == best[i - 1][j - 1] + like[i - 1][j - 1] {
            out.extend(words(&old[i - 1], &new[j - 1]).into_iter().rev());
            (i, j) = (i - 1, j - 1);
        } else if j > 0 && (i == 0 || best[i][j] == best[i][j - 1]) {
            out.push(vec![Piece::Added(new[j - 1].clone())]);
            j -= 1;
        } else {
            out.push(vec![Piece::Removed(old[i - 1].clone())]);
            i -= 1;
        }
    }
    out.reverse();
    out
}

/// One changed paragraph as runs of words; two paragraphs with little in common as two.
fn words(old: &str, new: &str) -> Vec<Vec<Piece>> {
    let diff = TextDiff::from_words(old, new);
    if likeness(&diff) < SAME_PARAGRAPH {
        return vec![vec![Piece::Removed(old.to_string())], vec![Piece::Added(new.to_string())]];
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        // A space between two changed words belongs to the change, so it reads as one run.
        let tag = if text.trim().is_empty() { None } else { Some(change.tag()) };
        match (pieces.last_mut(), tag) {
            (Some(Piece::Same(s)), Some(ChangeTag::Equal) | None) => s.push_str(text),
            (Some(Piece::Added(s)), Some(ChangeTag::Insert)) | (Some(Piece::Removed(s)), Some(ChangeTag::Delete)) => s.push_str(text),
            (Some(Piece::Added(s)), None) if change.tag() != ChangeTag::Delete => s.push_str(text),
            (Some(Piece::Removed(s)), None) if change.tag() != ChangeTag::Insert => s.push_str(text),
            (_, Some(ChangeTag::Insert)) => pieces.push(Piece::Added(text.to_string())),
            (_, Some(ChangeTag::Delete)) => pieces.push(Piece::Removed(text.to_string())),
            (_, _) => pieces.push(Piece::Same(text.to_string())),
        }
    }
    vec![tidy(pieces)]
}

/// Trailing spaces of a changed run move out of it, so that `<del>` never ends in a space;
/// changes parted by a space only become one change ("[-regole tecniche-]{+linee guida+}",
/// not "[-regole-]{+linee+} [-tecniche-]{+guida+}").
fn tidy(pieces: Vec<Piece>) -> Vec<Piece> {
    join_changes(trim_changes(pieces))
}

fn join_changes(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut k = 0;
    while k < pieces.len() {
        // A run of changes: pieces that are changes, or spaces between two changes.
        let is_change = |p: &Piece| !matches!(p, Piece::Same(_));
        let is_gap = |k: usize| {
            matches!(&pieces[k], Piece::Same(t) if t.trim().is_empty())
                && k > 0
                && k + 1 < pieces.len()
                && is_change(&pieces[k - 1])
                && is_change(&pieces[k + 1])
        };
        if !is_change(&pieces[k]) {
            push(&mut out, pieces[k].clone());
            k += 1;
            continue;
        }
        let (mut removed, mut added) = (String::new(), String::new());
        while k < pieces.len() && (is_change(&pieces[k]) || is_gap(k)) {
            match &pieces[k] {
                Piece::Removed(t) => removed.push_str(t),
                Piece::Added(t) => added.push_str(t),
                Piece::Same(t) => {
                    // The space is in both texts: it goes to both sides that go on.
                    if !removed.is_empty() {
                        removed.push_str(t);
                    }
                    if !added.is_empty() {
                        added.push_str(t);
                    }
                }
            }
            k += 1;
        }
        push(&mut out, Piece::Removed(removed.trim_end().to_string()));
        push(&mut out, Piece::Added(added.trim_end().to_string()));
    }
    out
}

fn trim_changes(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        match p {
            Piece::Same(t) => push(&mut out, Piece::Same(t)),
            Piece::Added(t) => {
                let (body, space) = t.split_at(t.trim_end().len());
                push(&mut out, Piece::Added(body.to_string()));
                push(&mut out, Piece::Same(space.to_string()));
            }
            Piece::Removed(t) => {
                let (body, space) = t.split_at(t.trim_end().len());
                push(&mut out, Piece::Removed(body.to_string()));
                push(&mut out, Piece::Same(space.to_string()));
            }
        }
    }
    out
}

/// Append a piece: empty ones are dropped, two unchanged runs in a row become one.
fn push(out: &mut Vec<Piece>, p: Piece) {
    match (out.last_mut(), p) {
        (_, Piece::Same(t) | Piece::Added(t) | Piece::Removed(t)) if t.is_empty() => {}
        (Some(Piece::Same(a)), Piece::Same(b)) => a.push_str(&b),
        (_, p) => out.push(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(heading: &str, blocks: &[&str]) -> Article {
        let anchor = heading.strip_prefix("Art. ").map(|r| format!("art-{}", r.split(' ').next().unwrap_or("").to_lowercase()));
        Article { heading: heading.into(), anchor, blocks: blocks.iter().map(|b| b.to_string()).collect() }
    }

    /// 120 articles a side, each with words of its own among words all share: the shortlist
    /// still finds every moved article, and only the removed and added ones are left over.
    #[test]
    fn many_articles_are_matched_through_the_shortlist() {
        let text = |k: usize| format!("1. L'Ente aderente e il CST convengono che la materia {k} sia regolata dal comma {k} e dall'allegato {k}-bis.");
        let old: Vec<Article> = (0..120).map(|k| art(&format!("Art. {} – Materia {k}", k + 1), &[&text(k)])).collect();
        let mut new: Vec<Article> = Vec::new();
        for k in (0..120).filter(|k| k % 10 != 3) {
            // Renamed too: only the words can match them.
            new.push(art(&format!("Art. {} – Disciplina {k}", new.len() + 1), &[&text(k)]));
            if k % 30 == 0 {
                new.push(art(&format!("Art. {} – Novità {k}", new.len() + 1), &["1. Il CST pubblica ogni anno un rapporto sulla qualità dei servizi resi."]));
            }
        }
        let c = compare(&old, &new);
        let count = |change: Change| c.articles.iter().filter(|a| a.change == change).count();
        assert_eq!((count(Change::Removed), count(Change::Added), count(Change::Changed)), (12, 4, 0));
        assert_eq!(count(Change::Unchanged), 108);
        assert!(c.articles.iter().filter(|a| a.change == Change::Unchanged).all(|a| a.old.map(|i| &old[i].blocks) == a.new.map(|j| &new[j].blocks)));
    }

    #[test]
    fn titles_without_numbers() {
        assert_eq!(title("Art. 6-bis – Attivazione di nuovi servizi"), "attivazione di nuovi servizi");
        assert_eq!(title("Art. 3 - Assemblea"), "assemblea");
        assert_eq!(title("Premesse"), "premesse");
    }

    #[test]
    fn an_article_moved_and_renamed_is_found_by_its_words() {
        let old = [
            art("Premesse", &["Gli Enti stipulano la presente convenzione."]),
            art("Art. 1 – Oggetto", &["1. La convenzione istituisce il CST."]),
            art("Art. 2 – Comitato tecnico", &["1. Il comitato tecnico si riunisce ogni tre mesi."]),
            art("Art. 3 – Trattamento dei dati", &["1. Il CST tratta i dati personali come responsabile del trattamento per conto degli Enti."]),
        ];
        let new = [
            art("Premesse", &["Gli Enti stipulano la presente convenzione."]),
            art("Art. 1 – Oggetto", &["1. La convenzione disciplina il CST."]),
            art("Art. 2 – Nuovi servizi", &["1. L'Assemblea approva i nuovi servizi."]),
            art("Art. 4 – Dati personali", &["1. Il CST tratta i dati personali come responsabile del trattamento per conto degli Enti."]),
        ];
        let c = compare(&old, &new);
        type Row = (Change, Option<usize>, Option<usize>, bool, bool);
        let summary: Vec<Row> = c.articles.iter().map(|a| (a.change, a.old, a.new, a.renumbered, a.renamed)).collect();
        assert_eq!(
            summary,
            [
                (Change::Unchanged, Some(0), Some(0), false, false),
                (Change::Changed, Some(1), Some(1), false, false),
                // The old art. 2 shares only its number with the new one: removed, after art. 1.
                (Change::Removed, Some(2), None, false, false),
                (Change::Added, None, Some(2), false, false),
                (Change::Unchanged, Some(3), Some(3), true, true),
            ]
        );
        assert_eq!(
            c.articles[1].blocks,
            [vec![
                Piece::Same("1. La convenzione ".into()),
                Piece::Removed("istituisce".into()),
                Piece::Added("disciplina".into()),
                Piece::Same(" il CST.".into())
            ]]
        );
    }

    #[test]
    fn paragraphs_added_removed_and_rewritten() {
        let old =
            [art("Art. 4 – Assemblea", &["1. L'Assemblea è composta dai Sindaci.", "2. Ogni Ente dispone di un voto.", "3. Si riunisce una volta l'anno."])];
        let new = [art(
            "Art. 4 – Assemblea",
            &["1. L'Assemblea è composta dai Sindaci.", "2. Ogni Ente dispone di un numero di voti secondo la popolazione.", "3. Le sedute sono pubbliche."],
        )];
        let c = compare(&old, &new);
        let b = &c.articles[0].blocks;
        assert_eq!(b[0], [Piece::Same("1. L'Assemblea è composta dai Sindaci.".into())]);
        assert!(b[1].contains(&Piece::Removed("voto.".into())), "{:?}", b[1]);
        assert!(b[1].contains(&Piece::Added("numero di voti secondo la popolazione.".into())), "{:?}", b[1]);
        // Too little in common: one paragraph out, one in.
        assert_eq!(b[2], [Piece::Removed("3. Si riunisce una volta l'anno.".into())]);
        assert_eq!(b[3], [Piece::Added("3. Le sedute sono pubbliche.".into())]);
    }

    #[test]
    fn changes_parted_by_a_space_are_one_change() {
        let pieces = &words("e alle regole tecniche dell'Agenzia", "e alle linee guida dell'Agenzia")[0];
        assert_eq!(
            pieces,
            &[Piece::Same("e alle ".into()), Piece::Removed("regole tecniche".into()), Piece::Added("linee guida".into()), Piece::Same(" dell'Agenzia".into())]
        );
    }

    #[test]
    fn replaced_paragraphs_pair_with_the_most_alike() {
        let old = ["4. L'Assemblea delibera con la metà degli Enti.", "5. Si riunisce due volte l'anno."].map(String::from);
        let new = ["Tabella dei voti", "5. L'Assemblea delibera con la metà dei voti.", "6. Si riunisce due volte l'anno."].map(String::from);
        let got = replaced(&old, &new);
        assert_eq!(got[0], [Piece::Added("Tabella dei voti".into())]);
        assert!(got[1].contains(&Piece::Same(" L'Assemblea delibera con la metà ".into())), "{:?}", got[1]);
        assert!(got[2].contains(&Piece::Same(" Si riunisce due volte l'anno.".into())), "{:?}", got[2]);
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn a_changed_run_never_ends_in_a_space() {
        let pieces = &words("il CST gestisce la rete", "il CST progetta e gestisce la rete")[0];
        assert_eq!(pieces, &[Piece::Same("il CST ".into()), Piece::Added("progetta e".into()), Piece::Same(" gestisce la rete".into())]);
    }
}
