//! Writes the same N synthetic service cards as three sites, for `bench/compare.sh`:
//! `cargo run --release --example cards -- 10000 /tmp/cards` writes
//!
//! - `DIR/vetrina`: a Vetrina site with N services (`content/servizi/sNNNNN.md`), each with
//!   the keys a card must have and one simple tariff of its own (`content/tariffe/tNNNNN.md`,
//!   one fixed yearly fee); no forms, conventions, pages or news;
//! - `DIR/zola`: a Zola site with the same N pages in the section `servizi` (24 a page, as
//!   Vetrina's lists), the search index on (`build_search_index = true`) and a minimal
//!   template each for the home page, the section and a page;
//! - `DIR/hugo`: a Hugo site with the same N pages and the same minimal templates.
//!
//! Every card has the title (numbered) and summary of `content/servizi/rao-pubblico.md` and
//! its Markdown body, word for word except the internal links: they point to the next card
//! (`/servizi/sNNNNN/`, the one to an article of the convention to its
//! `#condizioni-di-servizio` heading), so they exist in the three sites and Vetrina's link
//! check passes. The theme's templates and static files are copied into the Vetrina site
//! (Vetrina reads no theme through a link); its `node_modules` is linked.

use std::fs;
use std::path::{Path, PathBuf};

const CARD: &str = "content/servizi/rao-pubblico.md";

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next().and_then(|n| n.parse::<usize>().ok()), args.next()) else {
        eprintln!("usage: cards N DIR   (N cards, written into DIR/vetrina, DIR/zola and DIR/hugo; DIR must not exist)");
        std::process::exit(2);
    };
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = PathBuf::from(dir);
    if dir.exists() || n == 0 {
        eprintln!("{}: choose a new folder and N > 0", dir.display());
        std::process::exit(2);
    }
    if let Err(e) = write(&repo, &dir, n) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    eprintln!("Wrote {n} cards for Vetrina, Zola and Hugo into {}", dir.display());
}

struct Card {
    title: String,
    summary: String,
    contacts: String,
    body: String,
}

fn write(repo: &Path, dir: &Path, n: usize) -> std::io::Result<()> {
    let card = read_card(&repo.join(CARD))?;
    let (v, z, h) = (dir.join("vetrina"), dir.join("zola"), dir.join("hugo"));
    for d in [
        v.join("content/servizi"),
        v.join("content/tariffe"),
        z.join("content/servizi"),
        z.join("templates"),
        h.join("content/servizi"),
        h.join("layouts/_default"),
    ] {
        fs::create_dir_all(d)?;
    }
    site_files(repo, &v, &z, &h)?;
    for i in 0..n {
        let slug = format!("s{i:05}");
        let title = format!("N. {i} – {}", card.title);
        let body = relink(&card.body, &format!("/servizi/s{:05}/", (i + 1) % n));
        let vetrina = format!(
            "+++\ntitolo = {}\nsommario = {}\nstato = \"attivo\"\nlivello = \"intermedio\"\nmacroarea = \"produzione-egov\"\ndestinatari = [\"comuni\"]\ntariffa = \"t{i:05}\"\n\n{}+++\n{body}",
            quote(&title),
            quote(&card.summary),
            card.contacts
        );
        fs::write(v.join("content/servizi").join(format!("{slug}.md")), vetrina)?;
        let tariff = format!(
            "+++\ntitolo = {}\n\n[[voci]]\nid = \"canone\"\nnome = \"Canone annuale\"\nperiodicita = \"annuale\"\nmodello = \"fisso\"\nimporto = \"500.00\"\n+++\n",
            quote(&format!("Tariffa N. {i}"))
        );
        fs::write(v.join("content/tariffe").join(format!("t{i:05}.md")), tariff)?;
        let plain = format!("+++\ntitle = {}\ndescription = {}\n+++\n{body}", quote(&title), quote(&card.summary));
        fs::write(z.join("content/servizi").join(format!("{slug}.md")), &plain)?;
        fs::write(h.join("content/servizi").join(format!("{slug}.md")), &plain)?;
    }
    Ok(())
}

/// Title, summary, the `[contatti]` table and the body of the example card.
fn read_card(path: &Path) -> std::io::Result<Card> {
    let text = fs::read_to_string(path)?;
    let bad = |what: &str| std::io::Error::other(format!("{}: no {what}", path.display()));
    let rest = text.strip_prefix("+++\n").ok_or_else(|| bad("front matter"))?;
    let (front, body) = rest.split_once("\n+++\n").ok_or_else(|| bad("end of the front matter"))?;
    let field = |key: &str| -> Option<String> {
        let line = front.lines().find(|l| l.starts_with(&format!("{key} = \"")))?;
        let value = line.split_once(" = ")?.1;
        Some(value.strip_prefix('"')?.strip_suffix('"')?.replace("\\\"", "\""))
    };
    let title = field("titolo").ok_or_else(|| bad("titolo"))?;
    let summary = field("sommario").ok_or_else(|| bad("sommario"))?;
    let start = front.find("[contatti]").ok_or_else(|| bad("[contatti]"))?;
    let contacts = format!("{}\n", front[start..].trim_end());
    Ok(Card { title, summary, contacts, body: body.to_string() })
}

/// The body with every internal link (`](/…)`) pointing to `target`, and the one with an
/// anchor to its last section.
fn relink(body: &str, target: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("](/") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let end = rest.find(')').unwrap_or(rest.len());
        out.push_str(target);
        if rest[..end].contains('#') {
            out.push_str("#condizioni-di-servizio");
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn site_files(repo: &Path, v: &Path, z: &Path, h: &Path) -> std::io::Result<()> {
    // Vetrina: the keys it requires; the footer links are https addresses (no pages).
    fs::write(
        v.join("vetrina.toml"),
        r#"nome = "CST Valdorsa"
descrizione = "Catalogo sintetico per il confronto dei tempi di build."
base_url = "https://cst.example.it/"
lingua = "it"

[ente_capofila]
nome = "Provincia di Valdorsa"
indirizzo = "Corso della Repubblica 12"
cap = "27990"
citta = "Castelmora"
codice_fiscale = "80001230459"
pec = "cst.valdorsa@pec.example.it"
email = "cst@cst.example.it"
telefono = "+39 0385 410200"

[piede]
privacy = "https://cst.example.it/privacy/"
note_legali = "https://cst.example.it/note-legali/"
faq = "https://cst.example.it/faq/"
dichiarazione_accessibilita = "https://form.agid.gov.it/view/3f6c2a9e-7b41-4d58-9c0e-5a1d2b7e8f34"
segnalazione_disservizio = "mailto:disservizi@cst.example.it"
"#,
    )?;
    let theme = repo.join("themes/agid");
    let own = v.join("themes/agid");
    for sub in ["templates", "static"] {
        copy_tree(&theme.join(sub), &own.join(sub))?;
    }
    std::os::unix::fs::symlink(theme.join("node_modules"), own.join("node_modules"))?;

    // Zola.
    fs::write(
        z.join("config.toml"),
        "base_url = \"https://cst.example.it\"\ntitle = \"CST Valdorsa\"\ndefault_language = \"it\"\ncompile_sass = false\nbuild_search_index = true\n",
    )?;
    fs::write(z.join("content/servizi/_index.md"), "+++\ntitle = \"Servizi\"\nsort_by = \"title\"\npaginate_by = 24\n+++\n")?;
    let zola_templates = [
        ("base.html", "<!DOCTYPE html>\n<html lang=\"it\">\n<head><meta charset=\"utf-8\"><title>{% block title %}{{ config.title }}{% endblock %}</title></head>\n<body>\n{% block content %}{% endblock %}\n</body>\n</html>\n"),
        ("index.html", "{% extends \"base.html\" %}\n{% block content %}<h1>{{ config.title }}</h1><p><a href=\"{{ get_url(path='@/servizi/_index.md') }}\">Servizi</a></p>{% endblock %}\n"),
        ("section.html", "{% extends \"base.html\" %}\n{% block title %}{{ section.title }}{% endblock %}\n{% block content %}<h1>{{ section.title }}</h1>\n<ul>{% for page in paginator.pages %}<li><a href=\"{{ page.permalink }}\">{{ page.title }}</a> {{ page.description }}</li>{% endfor %}</ul>\n{% if paginator.previous %}<a href=\"{{ paginator.previous }}\">Precedente</a>{% endif %} {% if paginator.next %}<a href=\"{{ paginator.next }}\">Successiva</a>{% endif %}\n{% endblock %}\n"),
        ("page.html", "{% extends \"base.html\" %}\n{% block title %}{{ page.title }}{% endblock %}\n{% block content %}<h1>{{ page.title }}</h1>\n{{ page.content | safe }}\n{% endblock %}\n"),
    ];
    for (name, text) in zola_templates {
        fs::write(z.join("templates").join(name), text)?;
    }

    // Hugo.
    fs::write(
        h.join("hugo.toml"),
        "baseURL = \"https://cst.example.it/\"\ntitle = \"CST Valdorsa\"\nlanguageCode = \"it\"\ndefaultContentLanguage = \"it\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\npaginate = 24\n",
    )?;
    fs::write(h.join("content/servizi/_index.md"), "+++\ntitle = \"Servizi\"\n+++\n")?;
    let hugo_layouts = [
        ("_default/baseof.html", "<!DOCTYPE html>\n<html lang=\"it\">\n<head><meta charset=\"utf-8\"><title>{{ block \"title\" . }}{{ .Site.Title }}{{ end }}</title></head>\n<body>\n{{ block \"main\" . }}{{ end }}\n</body>\n</html>\n"),
        ("index.html", "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1><p><a href=\"{{ \"servizi/\" | relURL }}\">Servizi</a></p>{{ end }}\n"),
        ("_default/list.html", "{{ define \"title\" }}{{ .Title }}{{ end }}\n{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<ul>{{ range (.Paginate .Pages.ByTitle).Pages }}<li><a href=\"{{ .Permalink }}\">{{ .Title }}</a> {{ .Description }}</li>{{ end }}</ul>\n{{ with .Paginator.Prev }}<a href=\"{{ .URL }}\">Precedente</a>{{ end }} {{ with .Paginator.Next }}<a href=\"{{ .URL }}\">Successiva</a>{{ end }}\n{{ end }}\n"),
        ("_default/single.html", "{{ define \"title\" }}{{ .Title }}{{ end }}\n{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n{{ end }}\n"),
    ];
    for (name, text) in hugo_layouts {
        fs::write(h.join("layouts").join(name), text)?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        } else if kind.is_file() {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}
