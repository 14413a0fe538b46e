// Vetrina calculators: "Quanto costa per il mio Ente" on a service page and the site-wide
// /calcola/ page. Progressive enhancement: the price tables are always in the page; this
// module reveals the form, reads the Ente's figures, computes with pricing.js (the same
// cents as the build) and keeps the choice in the URL so it can be bookmarked and shared.

import { quote, quotePeriods, formatEuro, formatDay, firstYearText, localDay } from "./pricing.js";
import { printQuote } from "./preventivo.js";

const PERIOD = { "one-off": "una tantum", yearly: "annuale", monthly: "mensile" };
const MAX_YEARS = 30;

for (const root of document.querySelectorAll("[data-calculator]")) {
  start(root).catch((error) => {
    const nojs = root.querySelector(".vetrina-calc-nojs");
    nojs.textContent = "Il calcolatore non è disponibile in questo momento: i prezzi sono nelle tabelle della pagina.";
    nojs.hidden = false;
    root.querySelector("form").hidden = true;
    root.querySelector(".vetrina-calc-risultato").hidden = true;
    console.error(error);
  });
}

async function start(root) {
  const response = await fetch(root.dataset.src);
  if (!response.ok) throw new Error(`${root.dataset.src}: ${response.status}`);
  const data = await response.json();
  const form = root.querySelector("form");
  const result = root.querySelector(".vetrina-calc-risultato");
  fillEnti(form, data.enti);
  restore(form, new URLSearchParams(window.location.search), data);
  root.querySelector(".vetrina-calc-nojs").hidden = true;
  form.hidden = false;
  result.hidden = false;
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", (event) => {
    if (event.target.name === "ente") applyEnte(form, data.enti);
    update(root, data);
  });
  form.addEventListener("input", () => update(root, data));
  root.querySelector("[data-vetrina-print-quote]").addEventListener("click", () => {
    const last = results.get(root);
    if (!last) return;
    clearTimeout(pending);
    saveState(root, last.services, last.base);
    printQuote({ ...last.quote, url: window.location.href, date: new Date() });
  });
  const pdfButton = root.querySelector("[data-vetrina-quote-pdf]");
  pdfButton.addEventListener("click", async () => {
    const last = results.get(root);
    if (!last) return;
    clearTimeout(pending);
    saveState(root, last.services, last.base);
    pdfButton.disabled = true;
    try {
      const { downloadQuotePdf } = await import("./preventivo-pdf.js");
      await downloadQuotePdf({ ...last.quote, url: window.location.href, date: new Date() }, pdfButton.dataset);
    } catch (error) {
      failed(root, "Non è stato possibile creare il PDF del preventivo: usate «Stampa il preventivo».", error);
    } finally {
      pdfButton.disabled = false;
    }
  });
  // The determina's module and its zip library load only when asked for.
  root.querySelector("[data-vetrina-determina]").addEventListener("click", async () => {
    const last = results.get(root);
    if (!last) return;
    clearTimeout(pending);
    saveState(root, last.services, last.base);
    try {
      const { downloadDetermina } = await import("./determina.js");
      downloadDetermina({ ...last.quote, url: window.location.href, date: new Date() });
    } catch (error) {
      failed(root, "Non è stato possibile creare la bozza di determina: riprovate più tardi.", error);
    }
  });
  update(root, data);
}

/** A document could not be made: say so where the result is announced. */
function failed(root, message, error) {
  root.querySelector(".vetrina-calc-sintesi").textContent = message;
  console.error(error);
}

/** The last result of each calculator, for the printed quote. */
const results = new WeakMap();

/** The figures the prices used, with the form's labels, for the quote. */
function figuresUsed(form) {
  return [...form.querySelectorAll("[data-basis]")].map((input) => ({ label: form.querySelector(`label[for="${input.id}"]`).textContent.trim(), value: input.value.trim().replace(/[\s.]/g, "") }));
}

function fillEnti(form, enti) {
  const select = form.elements.ente;
  for (const ente of enti) {
    const option = document.createElement("option");
    option.value = ente.name;
    option.textContent = ente.name;
    select.append(option);
  }
}

/** Copy the chosen member Ente's figures into the form. */
function applyEnte(form, enti) {
  const ente = enti.find((e) => e.name === form.elements.ente.value);
  if (!ente) return;
  form.elements.tipo.value = ente.ente_type;
  for (const input of form.querySelectorAll("[data-basis]")) {
    if (ente[input.dataset.basis] !== undefined) input.value = String(ente[input.dataset.basis]);
  }
  form.elements.aderente.checked = true;
  form.elements.nome.value = ente.name;
}

/** Which services this calculator prices. */
function selectedServices(root) {
  if (root.dataset.services) return [root.dataset.services];
  return [...root.querySelectorAll("[data-service]")].filter((c) => c.checked).map((c) => c.value);
}

/** A whole number typed by a person: digits only (spaces and thousands dots forgiven). */
function parseCount(text) {
  const t = text.trim().replace(/[\s.]/g, "");
  if (t === "") return { error: "Scrivete un numero (0 se non pertinente)." };
  if (/^-\d+$/.test(t)) return { error: "Il numero non può essere negativo." };
  if (!/^\d+$/.test(t)) return { error: "Scrivete un numero intero, senza virgole né lettere (ad esempio 1250)." };
  const n = Number(t);
  if (!Number.isSafeInteger(n)) return { error: "Il numero è troppo grande." };
  return { value: n };
}

function setError(input, message) {
  const slot = document.getElementById(`${input.id}-errore`);
  if (message) {
    input.setAttribute("aria-invalid", "true");
    slot.textContent = message;
    slot.hidden = false;
  } else {
    input.removeAttribute("aria-invalid");
    slot.textContent = "";
    slot.hidden = true;
  }
}

/**
 * A day as an Italian office writes it, "15/04/2027" (or "15-4-2027", "15.04.2027"), as
 * {value: "2027-04-15"}; empty is {value: null}; anything else {error}.
 */
function parseDay(text) {
  const t = text.trim();
  if (!t) return { value: null };
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const error = "Scrivete la data come giorno/mese/anno, per esempio 15/04/2027, oppure lasciatela vuota.";
  if (!m) return { error };
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { error: `Il ${t} non esiste nel calendario: controllate giorno e mese.` };
  return { value: `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

/** Read the form into a profile per service; every bad field gets its own message. */
function read(root, services) {
  const form = root.querySelector("form");
  let ok = true;
  const base = {
    ente_type: form.elements.tipo.value,
    population: 0,
    workstations: 0,
    businesses: 0,
    users: 0,
    persons: 0,
    member: form.elements.aderente.checked,
    quantities: {},
    years: 1,
    start: null,
  };
  for (const input of form.querySelectorAll("[data-basis]")) {
    const r = parseCount(input.value);
    setError(input, r.error);
    if (r.error) ok = false;
    else base[input.dataset.basis] = r.value;
  }
  const years = form.querySelector("[data-years]");
  const y = parseCount(years.value);
  const yearsError = y.error ?? (y.value < 1 || y.value > MAX_YEARS ? `Scrivete un numero di anni da 1 a ${MAX_YEARS}.` : null);
  setError(years, yearsError);
  if (yearsError) ok = false;
  else base.years = y.value;
  const start = form.querySelector("[data-start]");
  if (start) {
    const d = parseDay(start.value);
    setError(start, d.error);
    if (d.error) ok = false;
    else base.start = d.value;
  }

  const profiles = {};
  for (const slug of services) {
    const quantities = {};
    const scope = form.querySelector(`[data-options-for="${slug}"]`);
    const options = scope ? [...scope.querySelectorAll("[data-option]")] : [];
    for (const input of scope ? scope.querySelectorAll("[data-quantity]") : []) {
      const id = input.dataset.quantity;
      const option = options.find((o) => o.dataset.option === id);
      const active = !option || option.checked;
      input.disabled = !active;
      if (!active) {
        setError(input, null);
        continue;
      }
      const r = parseCount(input.value);
      const min = Number(input.dataset.min);
      const max = input.dataset.max ? Number(input.dataset.max) : Infinity;
      const error = r.error ?? (r.value < min || r.value > max ? `Scrivete un numero da ${min}${max === Infinity ? " in su" : ` a ${max}`}.` : null);
      setError(input, error);
      if (error) ok = false;
      else quantities[id] = r.value;
    }
    for (const option of options) {
      const id = option.dataset.option;
      const sized = scope.querySelector(`[data-quantity="${id}"]`);
      if (option.checked && !sized) quantities[id] = 1;
    }
    profiles[slug] = { ...base, quantities };
  }
  return { ok, profiles, base };
}

function cell(tag, text, attrs = {}) {
  const el = document.createElement(tag);
  el.textContent = text;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function row(cells) {
  const tr = document.createElement("tr");
  tr.append(...cells);
  return tr;
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
    case "not-available":
      return "non disponibile";
    default:
      return "";
  }
}

/** The itemised table of one service's quote. */
function quoteTable(title, q) {
  const table = document.createElement("table");
  table.className = "table table-sm caption-top vetrina-calc-tabella";
  table.append(cell("caption", title, { class: "text-body fw-semibold" }));
  const head = document.createElement("thead");
  head.append(row([cell("th", "Voce", { scope: "col" }), cell("th", "Periodicità", { scope: "col" }), cell("th", "Importo (IVA esclusa)", { scope: "col" })]));
  const body = document.createElement("tbody");
  for (const line of q.lines) {
    if (line.price.kind === "not-chosen") continue;
    const name = line.quantity && line.quantity !== 1 ? `${line.name} (× ${line.quantity})` : line.name;
    body.append(row([cell("th", name, { scope: "row", class: "fw-normal" }), cell("td", PERIOD[line.periodicity]), cell("td", linePrice(line))]));
  }
  table.append(head, body);
  const wrap = document.createElement("div");
  wrap.className = "table-responsive";
  wrap.append(table);
  return wrap;
}

function totalsTable(t, years, start) {
  const table = document.createElement("table");
  table.className = "table table-sm caption-top vetrina-calc-totali";
  table.append(cell("caption", "Totali", { class: "text-body fw-semibold" }));
  const body = document.createElement("tbody");
  const rows = [
    ["Costi una tantum (IVA esclusa)", formatEuro(t.oneOff)],
    ["Costi annuali (IVA esclusa)", formatEuro(t.yearly)],
    ...(t.firstYear !== t.yearly ? [[`Costi annuali del primo anno, in proporzione dal ${formatDay(start)} (IVA esclusa)`, formatEuro(t.firstYear)]] : []),
    ["IVA sui costi una tantum", formatEuro(t.vatOneOff)],
    ["IVA sui costi annuali", formatEuro(t.vatYearly)],
    ...(t.firstYear !== t.yearly ? [["IVA sui costi annuali del primo anno", formatEuro(t.vatFirstYear)]] : []),
    ["Totale del primo anno, IVA inclusa", formatEuro(t.oneOff + t.firstYear + t.vatOneOff + t.vatFirstYear)],
    [`Totale su ${years} ${years === 1 ? "anno" : "anni"}, IVA esclusa`, formatEuro(t.total)],
    [`Totale su ${years} ${years === 1 ? "anno" : "anni"}, IVA inclusa`, formatEuro(t.total + t.totalVat)],
  ];
  for (const [label, value] of rows) body.append(row([cell("th", label, { scope: "row", class: "fw-normal" }), cell("td", value, { "data-total": label })]));
  table.append(body);
  return table;
}

let pending = 0;

/** A mailto link, or a link to a page of the site. */
function link(text, href) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

/** Words and nodes joined as they read: "a, b e c". */
function joined(parts) {
  const out = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(i === parts.length - 1 ? " e " : ", ");
    out.push(part);
  });
  return out;
}

/** Who to write to for the on-request items of these services. */
function askWhom(entries) {
  const contacts = [...new Set(entries.map((e) => e.service.contact))];
  return joined(contacts.map((c) => link(c, `mailto:${c}`)));
}

/** What the headline says of services left out of the total: on request, or members only. */
function exclusions(excluded, data) {
  const out = [];
  if (excluded.onRequest.length) {
    const what = excluded.onRequest.flatMap((e) => e.items.map((name) => `«${name}» (${e.service.title})`));
    out.push(`Esclusi dal totale perché su richiesta: ${what.join("; ")}. Per il prezzo scrivete a `, ...askWhom(excluded.onRequest), ".");
  }
  if (excluded.reserved.length) out.push(" ", ...reservedSentence(excluded.reserved, data, "Esclusi dal totale perché riservati agli Enti aderenti al CST: "));
  return out;
}

function reservedSentence(reserved, data, lead) {
  const out = [lead, reserved.map((s) => s.title).join(", "), "."];
  if (data.membership) out.push(" Per aderire: ", link(data.membership.title, data.membership.url), ".");
  return out;
}

/**
 * The headline: the first-year figure only when something was priced; otherwise what
 * stands in the way (a price on request, a service for members only), never "0,00 €".
 */
function headline(totals, years, excluded, priced, data) {
  if (!priced) {
    const out = [];
    if (excluded.onRequest.length) out.push("Prezzo su richiesta: scrivete a ", ...askWhom(excluded.onRequest), ".");
    if (excluded.reserved.length) {
      const lead = excluded.reserved.length === 1 && !excluded.onRequest.length ? "Servizio riservato agli Enti aderenti al CST: " : "Riservati agli Enti aderenti al CST: ";
      out.push(out.length ? " " : "", ...reservedSentence(excluded.reserved, data, lead));
    }
    return out;
  }
  const firstYear = totals.oneOff + totals.firstYear + totals.vatOneOff + totals.vatFirstYear;
  const share = totals.firstYear !== totals.yearly ? ` in proporzione, ${formatEuro(totals.yearly)} negli anni interi` : "";
  const out = [
    `Primo anno: ${formatEuro(firstYear)} IVA inclusa ` +
      `(${formatEuro(totals.oneOff)} una tantum e ${formatEuro(totals.firstYear)} annuali${share}, IVA esclusa).`,
  ];
  if (years > 1) out.push(` Su ${years} anni: ${formatEuro(totals.total + totals.totalVat)} IVA inclusa.`);
  const rest = exclusions(excluded, data);
  if (rest.length) out.push(" ", ...rest);
  return out;
}

function update(root, data) {
  const services = selectedServices(root);
  const { ok, profiles, base } = read(root, services);
  const summary = root.querySelector(".vetrina-calc-sintesi");
  const detail = root.querySelector(".vetrina-calc-dettaglio");
  const print = root.querySelector("[data-vetrina-print-quote]");
  const determina = root.querySelector("[data-vetrina-determina]");
  const pdf = root.querySelector("[data-vetrina-quote-pdf]");
  detail.replaceChildren();
  if (!ok) {
    summary.textContent = "Correggete i campi segnalati: il totale non è calcolato.";
    print.hidden = determina.hidden = pdf.hidden = true;
    return;
  }
  if (services.length === 0) {
    summary.textContent = "Scegliete almeno un servizio.";
    print.hidden = determina.hidden = pdf.hidden = true;
    saveState(root, services, base);
    return;
  }
  const totals = { oneOff: 0, yearly: 0, vatOneOff: 0, vatYearly: 0, firstYear: 0, vatFirstYear: 0, total: 0, totalVat: 0 };
  const excluded = { onRequest: [], reserved: [] };
  const entries = [];
  let priced = false;
  for (const slug of services) {
    const service = data.services.find((s) => s.slug === slug);
    if (!service) continue;
    // A tariff with dated price lists prices each year with the list in force that year.
    const periods = data.periods?.[service.tariff];
    const q = periods ? quotePeriods(periods, profiles[slug], localDay(new Date())) : quote(data.tariffs[service.tariff], profiles[slug]);
    detail.append(quoteTable(service.title, q));
    entries.push({ service, q });
    if (q.not_available) {
      excluded.reserved.push(service);
      continue;
    }
    const onRequest = q.lines.filter((l) => l.price.kind === "on-request").map((l) => l.name);
    if (onRequest.length) excluded.onRequest.push({ service, items: onRequest });
    priced ||= q.lines.some((l) => l.price.kind === "amount" || l.price.kind === "included");
    totals.oneOff += q.one_off;
    totals.yearly += q.yearly;
    totals.vatOneOff += q.vat_one_off;
    totals.vatYearly += q.vat_yearly;
    totals.firstYear += q.first_year;
    totals.vatFirstYear += q.vat_first_year;
    totals.total += q.total;
    totals.totalVat += q.total_vat;
  }
  if (priced) detail.append(totalsTable(totals, base.years, base.start));
  summary.replaceChildren(...headline(totals, base.years, excluded, priced, data));
  print.hidden = pdf.hidden = false;
  determina.hidden = !priced;
  const form = root.querySelector("form");
  const enteName = form.elements.nome.value.trim();
  results.set(root, { services, base, quote: { data, entries, totals, priced, base, figures: figuresUsed(form), enteName } });
  // Keep the URL in step, without flooding the history while someone types.
  clearTimeout(pending);
  pending = setTimeout(() => saveState(root, services, base), 300);
}

/** The choice as URL parameters, in Italian like the form fields. */
function saveState(root, services, base) {
  const form = root.querySelector("form");
  const params = new URLSearchParams();
  if (form.elements.ente.value) params.set("ente", form.elements.ente.value);
  const name = form.elements.nome.value.trim();
  if (name && name !== form.elements.ente.value) params.set("nome", name);
  params.set("tipo", base.ente_type);
  for (const input of form.querySelectorAll("[data-basis]")) params.set(input.name, input.value.trim());
  params.set("anni", String(base.years));
  if (base.start) params.set("dal", formatDay(base.start));
  if (!base.member) params.set("aderente", "0");
  if (!root.dataset.services) params.set("servizi", services.join(","));
  for (const option of form.querySelectorAll("[data-option]")) if (option.checked) params.append("voce", option.name.replace(/^opt-/, ""));
  for (const input of form.querySelectorAll("[data-quantity]")) if (!input.disabled && input.value.trim() !== input.defaultValue) params.set(input.name, input.value.trim());
  const url = `${window.location.pathname}?${params}${window.location.hash}`;
  window.history.replaceState(null, "", url);
  // The links to fill a form online carry the choice, which pre-fills the form.
  if (!root.dataset.services) {
    for (const link of document.querySelectorAll("a[data-vetrina-basket-link]")) link.href = `${new URL(link.href).pathname}?${params}`;
    return;
  }
  for (const link of document.querySelectorAll("a[data-vetrina-form-link]")) {
    const target = new URL(link.href);
    link.href = `${target.pathname}?servizio=${encodeURIComponent(target.searchParams.get("servizio") ?? root.dataset.services)}&${params}`;
  }
}

function restore(form, params, data) {
  if (params.has("ente") && data.enti.some((e) => e.name === params.get("ente"))) {
    form.elements.ente.value = params.get("ente");
    applyEnte(form, data.enti);
  }
  if (params.has("tipo")) form.elements.tipo.value = params.get("tipo");
  if (params.has("nome")) form.elements.nome.value = params.get("nome");
  for (const input of form.querySelectorAll("[data-basis], [data-years], [data-start], [data-quantity]")) {
    if (params.has(input.name)) input.value = params.get(input.name);
  }
  if (params.get("aderente") === "0") form.elements.aderente.checked = false;
  const services = (params.get("servizi") ?? "").split(",").filter(Boolean);
  for (const box of form.querySelectorAll("[data-service]")) box.checked = services.includes(box.value);
  const chosen = params.getAll("voce");
  for (const option of form.querySelectorAll("[data-option]")) option.checked = chosen.includes(option.name.replace(/^opt-/, ""));
}
