// The draft "determina di impegno di spesa" for the calculator's choice, as an editable
// OpenDocument text made in the browser (loaded only on "Scarica la bozza di determina"):
// the Ente, the services and amounts of the quote, VAT, the split over the years, the CST
// and the conventions the services rest on, and placeholders (<…>) for what only the Ente
// knows: number, date, CIG, budget chapter, signatory. It states only what the catalog
// says; the office adapts the wording to its own rules.

import { zipSync, strToU8 } from "../vendor/fflate/fflate.js";
import { firstYearText, formatEuro } from "./pricing.js";
import { reference } from "./preventivo.js";
import { saveFile } from "./carica.js";

const MIME = "application/vnd.oasis.opendocument.text";
const PERIOD = { "one-off": "una tantum", yearly: "annuale", monthly: "mensile" };

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'office:version="1.3"',
].join(" ");

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A fill-in placeholder, shown as <what>: LibreOffice selects it on click, to type over. */
const hole = (what) => `<text:placeholder text:placeholder-type="text" text:description="${esc(what)}">${esc(what)}</text:placeholder>`;

const p = (inner, style = "Corpo") => `<text:p text:style-name="${style}">${inner}</text:p>`;

function table(name, head, rows) {
  const cell = (text, style) => `<table:table-cell office:value-type="string">${p(text, style)}</table:table-cell>`;
  const row = (cells, style) => `<table:table-row>${cells.map((c) => cell(c, style)).join("")}</table:table-row>`;
  return (
    `<table:table table:name="${esc(name)}"><table:table-column table:number-columns-repeated="${head.length}"/>` +
    `<table:table-header-rows>${row(head.map(esc), "Intestazione")}</table:table-header-rows>` +
    rows.map((r) => row(r, "Cella")).join("") +
    "</table:table>"
  );
}

/** Net and VAT of each year of the choice: the first with the one-off items and its share of the yearly ones. */
export function yearlySplit(entries, years) {
  const counted = entries.filter((e) => !e.q.not_available).map((e) => e.q);
  const sum = (f) => counted.reduce((n, q) => n + f(q), 0);
  const out = [];
  // Each quote says what each of its years costs (a dated price list may change the price).
  for (let year = 1; year <= years; year++) {
    out.push({ year, net: sum((q) => q.by_year[year - 1]?.net ?? 0), vat: sum((q) => q.by_year[year - 1]?.vat ?? 0) });
  }
  return out;
}

function itemRows(entries) {
  const rows = [];
  for (const { service, q } of entries) {
    if (q.not_available) {
      rows.push([esc(service.title), "Servizio riservato agli Enti aderenti al CST", "", "non compreso"]);
      continue;
    }
    for (const l of q.lines.filter((l) => l.price.kind !== "not-chosen")) {
      const name = l.quantity && l.quantity !== 1 ? `${l.name} (× ${l.quantity})` : l.name;
      const amount = { amount: () => formatEuro(l.price.cents) + firstYearText(l), "on-request": () => "su richiesta: non compreso", included: () => "incluso" }[l.price.kind]?.() ?? "";
      rows.push([esc(service.title), esc(name), PERIOD[l.periodicity], amount]);
    }
  }
  return rows;
}

function premises(q, issuer, ref, date) {
  const ente = q.enteName ? esc(q.enteName) : "l'Ente";
  const out = [
    p("Premesso che:"),
    p(`– ${ente} ${q.base.member ? "aderisce al" : "intende aderire al"} ${esc(issuer.name)}, gestito da ${esc(issuer.body)};`, "Elenco"),
  ];
  const conventions = [...new Map(q.entries.filter((e) => e.service.convention).map((e) => [e.service.convention.label, e.service.convention])).values()];
  for (const c of conventions) out.push(p(`– i servizi sono regolati da: ${esc(c.label)} (${esc(new URL(c.url, window.location.href).href)});`, "Elenco"));
  out.push(
    p(`– il preventivo ${esc(ref)} del ${esc(date)}, calcolato con le tariffe pubblicate nel catalogo del CST, indica per i servizi richiesti gli importi seguenti (IVA esclusa):`, "Elenco"),
    table("Servizi", ["Servizio", "Voce", "Periodicità", "Importo"], itemRows(q.entries)),
  );
  const onRequest = q.entries.some((e) => !e.q.not_available && e.q.incomplete);
  if (onRequest) out.push(p("Le voci su richiesta non sono comprese negli importi: il CST le quota con un preventivo dedicato, da impegnare con un atto successivo."));
  return out;
}

function commitment(q, issuer, years) {
  const split = yearlySplit(q.entries, years);
  const total = split.reduce((t, y) => ({ net: t.net + y.net, vat: t.vat + y.vat }), { net: 0, vat: 0 });
  const rows = split.map((y) => [`${y.year}° anno (${hole(`esercizio ${y.year}`)})`, formatEuro(y.net), formatEuro(y.vat), formatEuro(y.net + y.vat)]);
  rows.push(["Totale", formatEuro(total.net), formatEuro(total.vat), formatEuro(total.net + total.vat)]);
  return [
    p(`Dato atto che la spesa complessiva è di ${formatEuro(total.net)} IVA esclusa, ${formatEuro(total.vat)} di IVA, ${formatEuro(total.net + total.vat)} IVA inclusa, così ripartita per anno:`),
    table("Ripartizione", ["Anno", "Imponibile", "IVA", "Totale"], rows),
    p("DETERMINA", "Titolo2"),
    p(`1. di richiedere al ${esc(issuer.name)} i servizi indicati in premessa, alle condizioni del catalogo e della convenzione;`, "Elenco"),
    p(`2. di impegnare a favore di ${esc(issuer.body)} (codice fiscale ${esc(issuer.tax_code)}) la spesa complessiva di ${formatEuro(total.net + total.vat)} IVA inclusa, ripartita per anno come in premessa;`, "Elenco"),
    p(`3. di imputare la spesa al capitolo ${hole("capitolo")} del bilancio ${hole("esercizio")} e seguenti;`, "Elenco"),
    p(`4. di dare atto che il CIG è ${hole("CIG")};`, "Elenco"),
    p(`5. di trasmettere il presente atto al CST via PEC all'indirizzo ${esc(issuer.pec)}.`, "Elenco"),
  ];
}

function content(q) {
  const issuer = q.data.issuer;
  const date = q.date.toLocaleDateString("it-IT", { day: "numeric", month: "long", year: "numeric" });
  const ref = reference(q.date, q.url);
  const services = q.entries.map((e) => e.service.title).join("; ");
  const body = [
    p(q.enteName ? esc(q.enteName) : hole("Denominazione dell'Ente"), "Titolo1"),
    p(`DETERMINAZIONE N. ${hole("numero")} DEL ${hole("data")}`, "Titolo2"),
    p(`Oggetto: impegno di spesa per i servizi del ${esc(issuer.name)}: ${esc(services)}. CIG ${hole("CIG")}.`, "Oggetto"),
    p(`IL RESPONSABILE DEL SERVIZIO ${hole("servizio")}`, "Titolo2"),
    ...premises(q, issuer, ref, date),
    ...commitment(q, issuer, q.base.years),
    p(`Il Responsabile del servizio: ${hole("nome e cognome")} (firmato digitalmente)`, "Firma"),
    p(`Bozza preparata dal calcolatore del catalogo del CST il ${esc(date)}: ${esc(q.url)}`, "Nota"),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS}><office:automatic-styles>
<style:style style:name="Corpo" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/><style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="Elenco" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.6cm" fo:margin-bottom="0.15cm" fo:text-align="justify"/><style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="Titolo1" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Titolo2" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.3cm" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Oggetto" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Intestazione" style:family="paragraph"><style:text-properties fo:font-size="10pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Cella" style:family="paragraph"><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="Firma" style:family="paragraph"><style:paragraph-properties fo:margin-top="1cm" fo:text-align="end"/></style:style>
<style:style style:name="Nota" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.6cm"/><style:text-properties fo:font-size="8pt"/></style:style>
</office:automatic-styles><office:body><office:text>${body.join("\n")}</office:text></office:body></office:document-content>`;
}

const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIME}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

/** The ODT's bytes: `mimetype` first and stored, as the format requires. */
export function determinaOdt(q) {
  return zipSync(
    {
      mimetype: [strToU8(MIME), { level: 0 }],
      "META-INF/manifest.xml": strToU8(manifest),
      "content.xml": strToU8(content(q)),
    },
    { level: 6 },
  );
}

/** Save the draft determina for the quote `q`. */
export function downloadDetermina(q) {
  saveFile(determinaOdt(q), MIME, `bozza-determina-${reference(q.date, q.url).toLowerCase()}.odt`);
}
