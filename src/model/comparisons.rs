//! "Cosa cambia": every convention that replaces another (`sostituita_da` on the older one)
//! compared with it article by article (`compare`), as a view whose articles link to their
//! place in both texts; each convention's page links to the comparisons it is part of.

use super::*;
use crate::compare::{self, Change as ArticleChange};

/// The comparisons of the catalog's conventions, newest first, and a link to each from the
/// pages of both conventions.
pub(super) fn views(catalog: &Catalog, urls: &Urls, conventions: &mut [ConventionView], updated: impl Fn(&Meta) -> Option<Date>) -> Vec<ComparisonView> {
    let mut out = Vec::new();
    for old in &catalog.conventions {
        let Some(new) = old.replaced_by.as_ref().and_then(|r| catalog.conventions.iter().find(|c| c.meta.slug == r.slug)) else {
            continue;
        };
        let last = updated(&new.meta).max(updated(&old.meta));
        let view = view(old, new, urls, last.map(date_short).unwrap_or_default());
        for c in conventions.iter_mut() {
            if c.slug == new.meta.slug {
                c.comparisons.push(Link { label: view.title.clone(), url: view.url.clone() });
            } else if c.slug == old.meta.slug {
                c.comparisons.push(Link { label: format!("Cosa cambia nella convenzione {}", years(new)), url: view.url.clone() });
            }
        }
        out.push(view);
    }
    out.sort_by(|a, b| b.url.cmp(&a.url));
    out
}

/// "2018–2023", or "dal 2024" without an end.
fn years(c: &Convention) -> String {
    match c.valid_to {
        Some(to) if to.year() != c.valid_from.year() => format!("{}–{}", c.valid_from.year(), to.year()),
        Some(_) => c.valid_from.year().to_string(),
        None => format!("dal {}", c.valid_from.year()),
    }
}

fn view(old: &Convention, new: &Convention, urls: &Urls, updated: String) -> ComparisonView {
    let (old_articles, new_articles) = (markdown::article_texts(&old.markdown), markdown::article_texts(&new.markdown));
    let diff = compare::compare(&old_articles, &new_articles);
    let url = urls.convention_changes(&new.meta.slug);
    let link_to = |c: &Convention, a: &compare::Article| Link {
        label: if a.heading.is_empty() { c.title.clone() } else { a.heading.clone() },
        url: format!("{}{}", urls.convention(&c.meta.slug), a.anchor.as_ref().map(|x| format!("#{x}")).unwrap_or_default()),
    };
    let mut v = ComparisonView {
        title: format!("Cosa cambia rispetto alla convenzione {}", years(old)),
        old: Link { label: old.title.clone(), url: urls.convention(&old.meta.slug) },
        new: Link { label: new.title.clone(), url: urls.convention(&new.meta.slug) },
        slug: new.meta.slug.clone(),
        url: url.clone(),
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        moved: Vec::new(),
        unchanged: 0,
        articles: Vec::new(),
        updated,
        downloads: Vec::new(),
    };
    for (k, a) in diff.articles.into_iter().enumerate() {
        let (o, n) = (a.old.map(|i| &old_articles[i]), a.new.map(|j| &new_articles[j]));
        let heading = n.or(o).map(|x| x.heading.clone()).unwrap_or_default();
        let id = format!("voce-{}", k + 1);
        let here = Link { label: heading.clone(), url: format!("#{id}") };
        let was = o.filter(|_| a.renumbered || a.renamed).map(|o| o.heading.clone());
        let label = match (a.change, was) {
            (ArticleChange::Added, _) => "Articolo aggiunto".to_string(),
            (ArticleChange::Removed, _) => "Articolo eliminato".to_string(),
            (ArticleChange::Changed, Some(was)) => format!("Articolo modificato; nella convenzione {} era «{was}»", years(old)),
            (ArticleChange::Changed, None) => "Articolo modificato".to_string(),
            (ArticleChange::Unchanged, Some(was)) => format!("Testo invariato; nella convenzione {} era «{was}»", years(old)),
            (ArticleChange::Unchanged, None) => String::new(),
        };
        match a.change {
            ArticleChange::Added => v.added.push(here),
            ArticleChange::Removed => v.removed.push(Link { label: o.map(|o| o.heading.clone()).unwrap_or_default(), url: here.url }),
            ArticleChange::Changed => v.changed.push(here),
            ArticleChange::Unchanged if a.renumbered || a.renamed => v.moved.push(here),
            ArticleChange::Unchanged => {
                v.unchanged += 1;
                continue;
            }
        }
        v.articles.push(ArticleChangeView {
            change: a.change,
            label,
            heading,
            id,
            old: o.map(|x| link_to(old, x)),
            new: n.map(|x| link_to(new, x)),
            blocks: a.blocks,
        });
    }
    v
}
