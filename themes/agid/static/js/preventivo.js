// The quote (preventivo) a financial office attaches to its act: one A4 page made from the
// calculator's last result. calcolatore.js hands over what it computed; this module only
// lays it out (`quoteDocument`) and prints it alone (`printQuote`). The same facts feed the
// PDF of the quote, so both say the same thing.

import { firstYearText, formatDay, formatEuro } from "./pricing.js";

const PERIOD = { "one-off": "una tantum", yearly: "annuale", monthly: "mensile" };
const ENTE_TYPE = { comune: "Comune", unione: "Unione di Comuni", "comunita-montana": "Comunità montana", altro: "Altro Ente pubblico" };

/** FNV-1a of the choice, in base 36: the same choice gives the same reference. */
function digest(text) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).toUpperCase().padStart(7, "0");
}

/**
 * "PRV-20261202-0K3F9Q2": the date and the choice. `url` is the calculator's address; only
 * its page and parameters count, so the same choice has the same reference on any host.
 */
export function reference(date, url) {
  const ymd = `${date.getFullYear()}${String(date.getMonth() + 1).padStart(2, "0")}${String(date.getDate()).padStart(2, "0")}`;
  const choice = new URL(url, "http://x/");
  return `PRV-${ymd}-${digest(`${choice.pathname}${choice.search}`)}`;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function linePrice(line) {
  switch (line.price.kind) {
    case "amount":
      return (
        (line.periodicity === "monthly" ? `${formatEuro(line.price.cents)} al mese (${formatEuro(line.per_year)} l'anno)` : formatEuro(line.price.cents)) +
        firstYearText(line)
      );
    case "on-request":
      return "su richiesta";
    case "included":
      return "incluso";
    default:
      return "non disponibile";
  }
}

function table(head, rows) {
  const t = el("table", undefined, "vetrina-prev-tabella");
  const thead = el("thead");
  const tr = el("tr");
  for (const h of head) {
    const th = el("th", h);
    th.scope = "col";
    tr.append(th);
  }
  thead.append(tr);
  const body = el("tbody");
  for (const cells of rows) body.append(rowOf(cells));
  t.append(thead, body);
  return t;
}

function itemName(l) {
  return l.quantity && l.quantity !== 1 ? `${l.name} (× ${l.quantity})` : l.name;
}

/** The Ente's kind, the figures the prices used, membership and years, in one line. */
function enteFacts(q) {
  const facts = [`Tipo: ${ENTE_TYPE[q.base.ente_type] ?? q.base.ente_type}`];
  // The figures the prices used: a zero is a figure the choice did not need.
  for (const f of q.figures.filter((f) => Number(f.value) > 0)) facts.push(`${f.label}: ${Number(f.value).toLocaleString("it-IT")}`);
  facts.push(q.base.member ? "Aderente al CST" : "Non aderente al CST");
  facts.push(`Durata: ${q.base.years} ${q.base.years === 1 ? "anno" : "anni"}`);
  if (q.base.start) facts.push(`Dal ${formatDay(q.base.start)}`);
  return facts.join(" · ");
}

/** Per service: its title and the rows of its items. */
function groups(entries) {
  return entries.map(({ service, q }) => ({
    title: service.title,
    rows: q.not_available
      ? [["Servizio riservato agli Enti aderenti al CST", "", "escluso dai totali"]]
      : q.lines.filter((l) => l.price.kind !== "not-chosen").map((l) => [itemName(l), PERIOD[l.periodicity], linePrice(l)]),
  }));
}

function totalRows(t, years) {
  const rows = [
    ["Costi una tantum", formatEuro(t.oneOff), formatEuro(t.vatOneOff), formatEuro(t.oneOff + t.vatOneOff)],
    ["Costi annuali", formatEuro(t.yearly), formatEuro(t.vatYearly), formatEuro(t.yearly + t.vatYearly)],
  ];
  if (t.firstYear !== t.yearly) {
    rows.push(["Costi annuali del primo anno, in proporzione", formatEuro(t.firstYear), formatEuro(t.vatFirstYear), formatEuro(t.firstYear + t.vatFirstYear)]);
  }
  const firstNet = t.oneOff + t.firstYear;
  const firstVat = t.vatOneOff + t.vatFirstYear;
  rows.push(["Totale del primo anno", formatEuro(firstNet), formatEuro(firstVat), formatEuro(firstNet + firstVat)]);
  if (years > 1) rows.push([`Totale su ${years} anni`, formatEuro(t.total), formatEuro(t.totalVat), formatEuro(t.total + t.totalVat)]);
  return rows;
}

/** What is on request and whom to ask; each tariff's validity and payment terms. */
function conditions(entries) {
  const out = [];
  for (const { service, q } of entries) {
    const parts = [];
    const onRequest = q.not_available ? [] : q.lines.filter((l) => l.price.kind === "on-request");
    if (onRequest.length) parts.push(`Su richiesta, escluse dai totali: ${onRequest.map((l) => l.name).join(", ")}. Per il prezzo scrivete a ${service.contact}.`);
    if (service.validity) parts.push(`Validità: ${service.validity}`);
    if (service.payment_terms) parts.push(`Pagamento: ${service.payment_terms}`);
    if (parts.length) out.push({ title: service.title, text: parts.join(" ") });
  }
  return out;
}

/**
 * Everything the quote says, as text, for the printed page and the PDF alike. `q` =
 * {data, entries: [{service, q}], totals, priced, base, figures: [{label, value}],
 * enteName, url, date}.
 */
export function quoteFacts(q) {
  return {
    issuer: q.data.issuer,
    reference: reference(q.date, q.url),
    date: q.date.toLocaleDateString("it-IT", { day: "numeric", month: "long", year: "numeric" }),
    ente: q.enteName || "(nome dell'Ente da indicare)",
    facts: enteFacts(q),
    groups: groups(q.entries),
    totals: q.priced ? totalRows(q.totals, q.base.years) : [],
    conditions: conditions(q.entries),
    notes: [
      "Importi in euro. L'IVA è calcolata su ogni servizio con l'aliquota della sua tariffa. Calcolato con le tariffe pubblicate nel catalogo del CST alla data indicata.",
      `Per riaprire questo calcolo: ${q.url}`,
    ],
  };
}

/** One table for the whole choice: a heading row per service, then its items. */
function itemsTable(groupList) {
  const t = table(["Voce", "Periodicità", "Importo (IVA esclusa)"], []);
  const body = t.querySelector("tbody");
  for (const g of groupList) {
    const head = el("tr", undefined, "vetrina-prev-gruppo");
    const th = el("th", g.title);
    th.colSpan = 3;
    th.scope = "rowgroup";
    head.append(th);
    body.append(head);
    for (const r of g.rows) body.append(rowOf(r));
  }
  return t;
}

function rowOf(cells) {
  const r = el("tr");
  cells.forEach((c, i) => {
    const cell = el(i === 0 ? "th" : "td", c);
    if (i === 0) cell.scope = "row";
    r.append(cell);
  });
  return r;
}

/** The quote as a document for printing. */
export function quoteDocument(q) {
  const f = quoteFacts(q);
  const doc = el("article", undefined, "vetrina-preventivo-stampa");
  doc.lang = "it";
  const head = el("header", undefined, "vetrina-prev-testata");
  const issuer = el("div");
  issuer.append(el("p", f.issuer.name, "vetrina-prev-cst"));
  for (const line of f.issuer.lines) issuer.append(el("p", line));
  const meta = el("div", undefined, "vetrina-prev-meta");
  meta.append(el("p", `Riferimento: ${f.reference}`), el("p", `Data: ${f.date}`));
  head.append(issuer, meta);
  const ente = el("div", undefined, "vetrina-prev-ente");
  ente.append(el("p", `Ente: ${f.ente}`, "vetrina-prev-ente-nome"), el("p", f.facts));
  doc.append(head, el("h1", "Preventivo"), ente, itemsTable(f.groups));
  if (f.totals.length) {
    const box = el("section", undefined, "vetrina-prev-totali");
    box.append(el("h2", "Totali"), table(["", "IVA esclusa", "IVA", "IVA inclusa"], f.totals));
    doc.append(box);
  }
  if (f.conditions.length) {
    const box = el("section", undefined, "vetrina-prev-condizioni");
    box.append(el("h2", "Condizioni"));
    for (const c of f.conditions) {
      const p = el("p", undefined, "vetrina-prev-nota");
      p.append(el("strong", `${c.title}. `), c.text);
      box.append(p);
    }
    doc.append(box);
  }
  doc.append(el("p", f.notes[0], "vetrina-prev-nota"), el("p", f.notes[1], "vetrina-prev-nota vetrina-prev-link"));
  return doc;
}

/** Print the quote alone; the page comes back as it was after printing. */
export function printQuote(q) {
  for (const old of document.querySelectorAll("body > .vetrina-preventivo-stampa")) old.remove();
  document.body.append(quoteDocument(q));
  document.body.classList.add("vetrina-stampa-preventivo");
  window.addEventListener(
    "afterprint",
    () => {
      document.body.classList.remove("vetrina-stampa-preventivo");
      for (const old of document.querySelectorAll("body > .vetrina-preventivo-stampa")) old.remove();
    },
    { once: true },
  );
  window.print();
}
