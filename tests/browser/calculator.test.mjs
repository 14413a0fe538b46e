// End-to-end tests of the calculators in Chromium, against the example site built into
// $SITE_DIR (the Rust test tests/browser.rs builds it and runs this file).
// Expected amounts are the hand-computed ones of tests/vectors/pricing.json.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { page, siteInChromium } from "./harness.mjs";

const site = siteInChromium();

const total = (p, label) => p.locator(`[data-total="${label}"]`).first().textContent();

test("service calculator: typed figures give the engine's amounts, announced", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  const calc = p.locator("[data-calculator]");
  await assert.doesNotReject(calc.locator("form").waitFor({ state: "visible" }));
  assert.equal(await calc.locator(".vetrina-calc-nojs").isVisible(), false);
  await p.fill("#calc-abitanti", "1001");
  assert.equal(await total(p, "Costi una tantum (IVA esclusa)"), "650,00 €");
  assert.equal(await total(p, "Costi annuali (IVA esclusa)"), "1.050,00 €");
  assert.equal(await total(p, "Totale del primo anno, IVA inclusa"), "2.074,00 €");
  const status = calc.locator("[role=status]");
  assert.equal(await status.getAttribute("aria-live"), "polite");
  assert.match(await status.textContent(), /Primo anno: 2\.074,00 € IVA inclusa/);
  // Three SPID Days: 750 × 3 on top of the activation.
  await p.click(`label[for="calc-opt-rao-pubblico-spid-day"]`);
  await p.fill("#calc-qty-rao-pubblico-spid-day", "3");
  assert.equal(await total(p, "Costi una tantum (IVA esclusa)"), "2.900,00 €");
  assert.equal(await total(p, "IVA sui costi una tantum"), "638,00 €");
  assert.deepEqual(p.problems, []);
});

test("service calculator: bad figures get an inline error and no total", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  for (const [typed, message] of [
    ["abc", /numero intero/],
    ["-5", /negativo/],
    ["", /Scrivete un numero/],
  ]) {
    await p.fill("#calc-abitanti", typed);
    const error = p.locator("#calc-abitanti-errore");
    assert.equal(await error.isVisible(), true, `no error for ${JSON.stringify(typed)}`);
    assert.match(await error.textContent(), message);
    assert.equal(await p.getAttribute("#calc-abitanti", "aria-invalid"), "true");
    assert.equal(await p.locator("[data-total]").count(), 0);
    assert.match(await p.locator("[role=status]").textContent(), /Correggete i campi/);
  }
  await p.fill("#calc-abitanti", "5000");
  assert.equal(await p.locator("#calc-abitanti-errore").isVisible(), false);
  assert.equal(await total(p, "Costi annuali (IVA esclusa)"), "1.250,00 €");
});

test("service calculator: a member Ente fills the figures, and the URL keeps the choice", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/servizi/gestione-documentale/`);
  const data = await (await fetch(`${site.url}/assets/data/calcolatore.json`)).json();
  const ente = data.enti.find((e) => e.ente_type === "comune" && e.population > 600);
  // Keyboard: focus the list and pick the Ente by typing, as a keyboard user would.
  await p.focus("#calc-ente");
  await p.selectOption("#calc-ente", ente.name);
  assert.equal(await p.inputValue("#calc-abitanti"), String(ente.population));
  const cents = Math.max(Math.round(ente.population * 44), 25000);
  const euros = `${Math.trunc(cents / 100).toLocaleString("it-IT")},${String(cents % 100).padStart(2, "0")} €`;
  assert.equal(await total(p, "Costi annuali (IVA esclusa)"), euros);
  await p.waitForFunction(() => location.search.includes("ente="));
  const shared = p.url();
  const q = await page(site.chrome);
  await q.goto(shared);
  await q.locator("[data-total]").first().waitFor();
  assert.equal(await q.inputValue("#calc-ente"), ente.name);
  assert.equal(await total(q, "Costi annuali (IVA esclusa)"), euros);
});

test("entry year pro rata: a joining date charges the first year by months, the URL keeps it", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/servizi/adesione-cst/`);
  await p.fill("#calc-abitanti", "7000");
  await p.fill("#calc-imprese", "598");
  await p.fill("#calc-anni", "3");
  assert.equal(await total(p, "Totale del primo anno, IVA inclusa"), "1.588,00 €");
  // 20 May: 8 months of 12, May counted whole: 1,588 × 8 / 12 = 1,058.666… → 1,058.67 (tests/vectors/pricing.json).
  await p.fill("#calc-dal", "20/05/2027");
  assert.equal(await total(p, "Costi annuali del primo anno, in proporzione dal 20/05/2027 (IVA esclusa)"), "1.058,67 €");
  assert.equal(await total(p, "Totale del primo anno, IVA inclusa"), "1.058,67 €");
  assert.equal(await total(p, "Totale su 3 anni, IVA esclusa"), "4.234,67 €");
  assert.match(await p.locator("[role=status]").textContent(), /Primo anno: 1\.058,67 € IVA inclusa .*1\.588,00 € negli anni interi/);
  assert.match(await p.locator(".vetrina-calc-tabella").first().textContent(), /primo anno: 1\.058,67 €/);
  await p.waitForFunction(() => location.search.includes("dal="));
  const q = await page(site.chrome);
  await q.goto(p.url());
  await q.locator("[data-total]").first().waitFor();
  assert.equal(await q.inputValue("#calc-dal"), "20/05/2027");
  assert.equal(await total(q, "Totale su 3 anni, IVA esclusa"), "4.234,67 €");
  // A day that is not in the calendar, or half a date: said in the field, no total.
  for (const [typed, message] of [["29/02/2027", /non esiste nel calendario/], ["20/05", /giorno\/mese\/anno/]]) {
    await p.fill("#calc-dal", typed);
    assert.match(await p.locator("#calc-dal-errore").textContent(), message);
    assert.equal(await p.locator("[data-total]").count(), 0);
  }
  // Empty again: the whole first year.
  await p.fill("#calc-dal", "");
  assert.equal(await total(p, "Totale del primo anno, IVA inclusa"), "1.588,00 €");
  assert.deepEqual(p.problems, []);
});

test("entry year pro rata: by days over a leap year, with VAT, in the site-wide calculator", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/calcola/`);
  await p.click(`label[for="calc-srv-gestione-documentale"]`);
  await p.fill("#calc-abitanti", "12345");
  // 1 March 2028: 306 days of 366: 5,431.80 × 306 / 366 = 4,541.34, VAT 999.09.
  await p.fill("#calc-dal", "01/03/2028");
  assert.equal(await total(p, "Costi annuali del primo anno, in proporzione dal 01/03/2028 (IVA esclusa)"), "4.541,34 €");
  assert.equal(await total(p, "IVA sui costi annuali del primo anno"), "999,09 €");
  assert.equal(await total(p, "Totale del primo anno, IVA inclusa"), "5.540,43 €");
  // A service with no pro rata item is not affected by the date.
  await p.click(`label[for="calc-srv-rao-pubblico"]`);
  assert.match(await p.locator("[role=status]").textContent(), /Primo anno/);
  assert.deepEqual(p.problems, []);
});

test("dated price lists: each year of the choice is priced with the list in force that year", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/servizi/posta-elettronica-e-collaborazione/`);
  await p.fill("#calc-postazioni", "10");
  await p.fill("#calc-anni", "3");
  // From 1 December 2026: 2026 at 142 € per workstation, 2027 and 2028 at 148 € (tests/vectors/pricing.json).
  await p.fill("#calc-dal", "01/12/2026");
  assert.equal(await total(p, "Totale del primo anno, IVA inclusa"), "1.732,40 €");
  assert.equal(await total(p, "Totale su 3 anni, IVA esclusa"), "4.380,00 €");
  assert.equal(await total(p, "Totale su 3 anni, IVA inclusa"), "5.343,60 €");
  // Starting in 2027, the 2027 list only.
  await p.fill("#calc-dal", "01/02/2027");
  assert.equal(await total(p, "Costi annuali (IVA esclusa)"), "1.480,00 €");
  assert.equal(await total(p, "Totale su 3 anni, IVA esclusa"), "4.440,00 €");
  assert.deepEqual(p.problems, []);
});

test("site-wide calculator: several services, VAT and a multi-year total", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/calcola/`);
  await p.locator("form").waitFor({ state: "visible" });
  assert.match(await p.locator("[role=status]").textContent(), /almeno un servizio/);
  await p.fill("#calc-abitanti", "12345");
  await p.fill("#calc-postazioni", "24");
  await p.click(`label[for="calc-srv-gestione-documentale"]`);
  await p.click(`label[for="calc-srv-connettivita-e-sicurezza"]`);
  // 5,431.80 + 792.00 yearly; VAT 1,195.00 + 174.24.
  assert.equal(await total(p, "Costi annuali (IVA esclusa)"), "6.223,80 €");
  assert.equal(await total(p, "IVA sui costi annuali"), "1.369,24 €");
  assert.equal(await total(p, "Totale del primo anno, IVA inclusa"), "7.593,04 €");
  await p.fill("#calc-anni", "3");
  assert.equal(await total(p, "Totale su 3 anni, IVA inclusa"), "22.779,12 €");
  // The choice survives a reload through the URL.
  await p.waitForFunction(() => location.search.includes("servizi=") && location.search.includes("anni=3"));
  await p.reload();
  await p.locator("[data-total]").first().waitFor();
  assert.equal(await total(p, "Totale su 3 anni, IVA inclusa"), "22.779,12 €");
  assert.equal(await p.locator("[data-vetrina-print-quote]").isVisible(), true);
  assert.deepEqual(p.problems, [], "console errors or CSP violations");
});

test("honest headlines: a price on request names who to ask, never 0,00 €", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  const status = p.locator(".vetrina-calc-sintesi");
  await p.fill("#calc-abitanti", "12000");
  await assert.doesNotReject(p.waitForFunction(() => document.querySelector(".vetrina-calc-sintesi").textContent.startsWith("Prezzo su richiesta")));
  const text = await status.textContent();
  assert.equal(text, "Prezzo su richiesta: scrivete a servizidigitali@cst.example.it.");
  assert.equal(await status.locator("a").getAttribute("href"), "mailto:servizidigitali@cst.example.it");
  assert.equal(await p.locator("[data-total]").count(), 0, "no totals of zero for a price on request");
  // Back under the threshold, the figure returns.
  await p.fill("#calc-abitanti", "1001");
  assert.match(await status.textContent(), /^Primo anno: 2\.074,00 € IVA inclusa/);
  assert.deepEqual(p.problems, []);
});

test("honest headlines: members only says so to a non-member and links the membership service", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  await p.fill("#calc-abitanti", "1001");
  await p.click(`label[for="calc-aderente"]`);
  const status = p.locator(".vetrina-calc-sintesi");
  await p.waitForFunction(() => document.querySelector(".vetrina-calc-sintesi").textContent.startsWith("Servizio riservato"));
  assert.equal(await status.textContent(), "Servizio riservato agli Enti aderenti al CST: RAO Pubblico: rilascio dell'identità digitale SPID allo sportello. Per aderire: Adesione al CST.");
  assert.match(await status.locator("a").getAttribute("href"), /\/servizi\/adesione-cst\/$/);
  assert.doesNotMatch(await status.textContent(), /0,00/);
  // The membership fee itself is priced for a non-member.
  await p.goto(`${site.url}/servizi/adesione-cst/?abitanti=7000&imprese=598&aderente=0`);
  await p.waitForFunction(() => document.querySelector(".vetrina-calc-sintesi").textContent !== "");
  assert.match(await status.textContent(), /^Primo anno: 1\.588,00 € IVA inclusa/);
});

test("honest headlines: a partial basket says which items the total leaves out", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/calcola/`);
  await p.locator("form").waitFor({ state: "visible" });
  await p.fill("#calc-abitanti", "12345");
  await p.click(`label[for="calc-srv-gestione-documentale"]`);
  await p.click(`label[for="calc-srv-rao-pubblico"]`);
  await p.click(`label[for="calc-srv-app-io"]`);
  const status = p.locator(".vetrina-calc-sintesi");
  await p.waitForFunction(() => document.querySelector(".vetrina-calc-sintesi").textContent.includes("Esclusi"));
  const text = await status.textContent();
  // Gestione documentale 5,431.80 + App IO 1,900.00, VAT 1,195.00 + 418.00: 8,944.80.
  assert.match(text, /^Primo anno: 8\.944,80 € IVA inclusa/);
  assert.match(text, /Esclusi dal totale perché su richiesta: «Attivazione» \(RAO Pubblico[^)]*\); «Canone annuale di assistenza e manutenzione» \(RAO Pubblico[^)]*\)\. Per il prezzo scrivete a servizidigitali@cst\.example\.it\./);
  await p.click(`label[for="calc-aderente"]`);
  await p.waitForFunction(() => document.querySelector(".vetrina-calc-sintesi").textContent.includes("aderenti"));
  assert.match(await status.textContent(), /^Riservati agli Enti aderenti al CST: .*Gestione documentale.*Per aderire: Adesione al CST\.$/);
  assert.deepEqual(p.problems, []);
});

/** Click "Stampa il preventivo" (the print dialog stubbed) and print the page as Chromium would. */
async function printedQuote(p) {
  await p.evaluate(() => {
    window.print = () => {
      window.__printed = (window.__printed ?? 0) + 1;
    };
  });
  await p.click("[data-vetrina-print-quote]");
  assert.equal(await p.evaluate(() => window.__printed), 1);
  const file = join(mkdtempSync(join(tmpdir(), "preventivo-")), "preventivo.pdf");
  writeFileSync(file, await p.pdf({ format: "A4", preferCSSPageSize: true }));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))[1]);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  return { pages, text };
}

test("printed quote: one A4 page with the CST, the Ente, date, reference, items, totals and the link", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  await p.locator("form").waitFor({ state: "visible" });
  await p.selectOption("#calc-ente", "Acquaviva Orsina");
  await p.click(`label[for="calc-opt-rao-pubblico-spid-day"]`);
  await p.fill("#calc-qty-rao-pubblico-spid-day", "2");
  await p.fill("#calc-anni", "3");
  const { pages, text } = await printedQuote(p);
  assert.equal(pages, 1, text);
  const flat = text.replace(/\s+/g, " ");
  for (const want of [
    "CST Valdorsa",
    "Ente capofila: Provincia di Valdorsa",
    "Preventivo",
    "Ente: Acquaviva Orsina",
    "Tipo: Comune",
    "Abitanti: 500",
    "Aderente al CST",
    "Durata: 3 anni",
    // 500 inhabitants: activation 650, fee 900, two SPID Days at 500.
    "Attivazione una tantum 650,00 €",
    "SPID Day (× 2) una tantum 1.000,00 €",
    "Canone annuale di assistenza e manutenzione annuale 900,00 €",
    // First year 1,650 + 900 = 2,550 + VAT 561 = 3,111; three years 1,650 + 2,700 = 4,350 + 957 = 5,307.
    "Totale del primo anno 2.550,00 € 561,00 € 3.111,00 €",
    "Totale su 3 anni 4.350,00 € 957,00 € 5.307,00 €",
    "Validità: Gli importi valgono per 12 mesi",
    "Pagamento: L'attivazione si fattura",
  ]) {
    assert.ok(flat.includes(want), `${JSON.stringify(want)} is not in the printed quote:\n${text}`);
  }
  assert.match(flat, /Riferimento: PRV-\d{8}-[0-9A-Z]{7}/);
  assert.match(flat, /Data: \d{1,2} [a-z]+ 20\d\d/);
  assert.match(text.replace(/\s+/g, ""), /Perriaprirequestocalcolo:http:\/\/127\.0\.0\.1:\d+\/servizi\/rao-pubblico\/\?ente=Acquaviva/);
  // Nothing of the page around it: no checkboxes, no menu, no footer.
  assert.doesNotMatch(flat, /Inserisco i dati a mano|Voci facoltative e quantità|Dichiarazione di accessibilità/);
  // After printing the page is as it was.
  await p.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  assert.equal(await p.locator("body > .vetrina-preventivo-stampa").count(), 0);
  assert.deepEqual(p.problems, []);
});

test("printed quote: a typed Ente and a long basket fit two pages at most, on request said", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/calcola/`);
  await p.locator("form").waitFor({ state: "visible" });
  await p.fill("#calc-nome", "Comune di Ștefănești");
  await p.fill("#calc-abitanti", "12345");
  await p.fill("#calc-postazioni", "24");
  const boxes = p.locator("[data-service]");
  for (let i = 0; i < (await boxes.count()); i++) await p.click(`label[for="${await boxes.nth(i).getAttribute("id")}"]`);
  const { pages, text } = await printedQuote(p);
  assert.ok(pages >= 1 && pages <= 2, `${pages} pages:\n${text}`);
  const flat = text.replace(/\s+/g, " ");
  assert.ok(flat.includes("Ente: Comune di Ștefănești"), text);
  assert.match(flat, /Su richiesta, escluse dai totali: Attivazione, Canone annuale di assistenza e manutenzione\. Per il prezzo scrivete a servizidigitali@cst\.example\.it/);
  assert.match(text.replace(/\s+/g, ""), /nome=Comune\+di\+%C8%98tef%C4%83ne%C8%99ti/);
});

test("quote as a PDF made in the browser: one A4 page, the same facts, any Latin letter", async () => {
  const p = await page(site.chrome, { acceptDownloads: true });
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  await p.locator("form").waitFor({ state: "visible" });
  await p.selectOption("#calc-ente", "Acquaviva Orsina");
  await p.fill("#calc-nome", "Comune di Ștefănești Łąka");
  await p.click(`label[for="calc-opt-rao-pubblico-spid-day"]`);
  await p.fill("#calc-qty-rao-pubblico-spid-day", "2");
  await p.fill("#calc-anni", "3");
  const [download] = await Promise.all([p.waitForEvent("download"), p.click("[data-vetrina-quote-pdf]")]);
  assert.match(download.suggestedFilename(), /^preventivo-prv-\d{8}-[0-9a-z]{7}\.pdf$/);
  const file = await download.path();
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  assert.match(info, /Pages:\s+1\n/);
  assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  assert.match(info, /Title:\s+Preventivo PRV-\d{8}-[0-9A-Z]{7} – Comune di Ștefănești Łąka/);
  execFileSync("qpdf", ["--check", file]);
  const flat = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  for (const want of [
    "CST Valdorsa",
    "Ente capofila: Provincia di Valdorsa",
    "Ente: Comune di Ștefănești Łąka",
    "Abitanti: 500",
    "SPID Day (× 2) una tantum 1.000,00 €",
    "Totale del primo anno 2.550,00 € 561,00 € 3.111,00 €",
    "Totale su 3 anni 4.350,00 € 957,00 € 5.307,00 €",
    "Validità: Gli importi valgono per 12 mesi",
    "Per riaprire questo calcolo:",
  ]) {
    assert.ok(flat.includes(want), `${JSON.stringify(want)} is not in the PDF:\n${flat}`);
  }
  assert.deepEqual(p.problems, []);
});

test("quote as a PDF: when its font cannot be loaded, the result says so", async () => {
  const p = await page(site.chrome, { acceptDownloads: true });
  await p.route("**/titillium-web-semibold.ttf", (route) => route.abort());
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  await p.locator("form").waitFor({ state: "visible" });
  await p.fill("#calc-abitanti", "1001");
  await p.click("[data-vetrina-quote-pdf]");
  await p.waitForFunction(() => document.querySelector(".vetrina-calc-sintesi").textContent.startsWith("Non è stato possibile"));
  assert.match(await p.locator(".vetrina-calc-sintesi").textContent(), /usate «Stampa il preventivo»/);
  assert.equal(await p.locator("[data-vetrina-quote-pdf]").isDisabled(), false, "the button can be pressed again");
});

test("draft determina: an ODT LibreOffice opens, with the Ente, the amounts, the years and the blanks", async () => {
  const p = await page(site.chrome, { acceptDownloads: true });
  await p.goto(`${site.url}/calcola/`);
  await p.locator("form").waitFor({ state: "visible" });
  assert.equal(await p.locator("[data-vetrina-determina]").isVisible(), false, "nothing to commit yet");
  await p.fill("#calc-nome", "Comune di Valbruna");
  await p.fill("#calc-abitanti", "3500");
  await p.fill("#calc-postazioni", "24");
  await p.fill("#calc-anni", "3");
  for (const s of ["gestione-documentale", "connettivita-e-sicurezza", "rao-pubblico"]) await p.click(`label[for="calc-srv-${s}"]`);
  const shown = {};
  for (const label of ["Costi annuali (IVA esclusa)", "IVA sui costi annuali", "Totale del primo anno, IVA inclusa", "Totale su 3 anni, IVA inclusa"]) shown[label] = await total(p, label);
  const [download] = await Promise.all([p.waitForEvent("download"), p.click("[data-vetrina-determina]")]);
  assert.match(download.suggestedFilename(), /^bozza-determina-prv-\d{8}-[0-9a-z]{7}\.odt$/);
  const dir = mkdtempSync(join(tmpdir(), "determina-"));
  const odt = join(dir, "determina.odt");
  await download.saveAs(odt);
  const profile = `-env:UserInstallation=file://${join(dir, "profilo")}`;
  execFileSync("libreoffice", [profile, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir, odt], { stdio: "pipe" });
  const text = readFileSync(join(dir, "determina.txt"), "utf8").replace(/\s+/g, " ");
  const cents = (euro) => Number(euro.replace(/[^\d]/g, ""));
  const euro = (c) => `${String(Math.trunc(c / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${String(c % 100).padStart(2, "0")} €`;
  const later = cents(shown["Costi annuali (IVA esclusa)"]) + cents(shown["IVA sui costi annuali"]);
  for (const want of [
    "Comune di Valbruna",
    "DETERMINAZIONE N.",
    "Oggetto: impegno di spesa per i servizi del CST Valdorsa",
    "Gestione documentale e conservazione a norma",
    "gestito da Provincia di Valdorsa",
    "Convenzione",
    "Attivazione",
    "900,00 €",
    // The split: the first year with the one-off items, the others the yearly ones.
    `1° anno`,
    shown["Totale del primo anno, IVA inclusa"],
    `2° anno`,
    euro(later),
    `3° anno`,
    `la spesa complessiva di ${shown["Totale su 3 anni, IVA inclusa"]} IVA inclusa`,
    "codice fiscale 80001230459",
    "cst.valdorsa@pec.example.it",
    // The blanks only the Ente can fill, as LibreOffice placeholders.
    "DETERMINAZIONE N. <numero> DEL <data>",
    "al capitolo <capitolo> del bilancio <esercizio>",
    "il CIG è <CIG>",
    "Il Responsabile del servizio: <nome e cognome>",
  ]) {
    assert.ok(text.includes(want), `${JSON.stringify(want)} is not in the determina:\n${text}`);
  }
  assert.deepEqual(p.problems, []);
});

test("at 375 px a tariff scrolls sideways in a named region instead of a word per line", async () => {
  const p = await page(site.chrome, { viewport: { width: 375, height: 800 } });
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  const table = p.locator("table.vetrina-tariffa").first();
  const box = table.locator("xpath=..");
  await p.waitForFunction(() => document.querySelector("table.vetrina-tariffa").parentElement.getAttribute("role") === "region");
  assert.equal(await box.getAttribute("tabindex"), "0", "the region can be scrolled with the keyboard");
  const caption = await table.locator("caption").getAttribute("id");
  assert.equal(await box.getAttribute("aria-labelledby"), caption);
  const sizes = await table.evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement.clientWidth, price: t.querySelector("tbody td:last-child").getBoundingClientRect().width }));
  assert.ok(sizes.table > sizes.box, `the table fits (${JSON.stringify(sizes)}): nothing to scroll`);
  assert.ok(sizes.price >= 150, `the price column is squeezed: ${JSON.stringify(sizes)}`);
  assert.equal(await p.locator(".vetrina-scorri").first().isVisible(), true, "the hint says to scroll");
  // Scrolled with the keyboard, the last column comes into view.
  await box.focus();
  await p.keyboard.press("End");
  await p.keyboard.press("ArrowRight");
  await p.waitForFunction(() => document.querySelector("table.vetrina-tariffa").parentElement.scrollLeft > 0);
  const wide = await page(site.chrome, { viewport: { width: 1280, height: 800 } });
  await wide.goto(`${site.url}/servizi/rao-pubblico/`);
  assert.equal(await wide.locator(".vetrina-scorri").first().isVisible(), false, "no hint on a wide screen");
});

test("without JavaScript the price tables stay and the calculator says it needs JavaScript", async () => {
  const p = await page(site.chrome, { javaScriptEnabled: false });
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  assert.equal(await p.locator(".vetrina-calc-nojs").isVisible(), true);
  assert.match(await p.locator(".vetrina-calc-nojs").textContent(), /JavaScript/);
  assert.equal(await p.locator(".vetrina-calc-form").isVisible(), false);
  assert.ok((await p.locator("table.vetrina-tariffa").count()) >= 1);
  await p.goto(`${site.url}/calcola/`);
  assert.equal(await p.locator(".vetrina-calc-nojs").isVisible(), true);
});
