// Online filling of a form in Chromium, against the example site built into $SITE_DIR:
// the calculator's choice travels from the service page to the form, codes are checked as
// they are typed with accessible inline errors, and "Scarica il PDF compilato" downloads
// the service's PDF with the typed values in its AcroForm fields (read back with qpdf, a
// reader independent of the pdf-lib that wrote them).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { page, siteInChromium } from "./harness.mjs";

const site = siteInChromium();

/** A valid value for each field type, to fill the required fields. */
const SAMPLE = {
  cap: "27990",
  "partita-iva": "06363391001",
  "codice-fiscale": "06363391001",
  cig: "Z1A2B3C4D5",
  "codice-univoco": "UFXYZ1",
  email: "protocollo@comune.example.it",
  pec: "protocollo@pec.comune.example.it",
  telefono: "0385 410200",
  data: "2026-11-23",
  numero: "3",
};

async function errorOf(p, id) {
  const input = p.locator(`#${id}`);
  const slot = p.locator(`#${id}-errore`);
  const visible = (await slot.count()) > 0 && (await slot.isVisible());
  return {
    visible,
    text: visible ? await slot.textContent() : "",
    invalid: await input.getAttribute("aria-invalid"),
    describedby: (await input.getAttribute("aria-describedby")) ?? "",
  };
}

test("the calculator's choice on a service page travels to the form link", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  await p.fill("#calc-abitanti", "1001");
  await p.click(`label[for="calc-opt-rao-pubblico-spid-day"]`);
  await p.fill("#calc-qty-rao-pubblico-spid-day", "3");
  const link = p.locator("a[data-vetrina-form-link]").first();
  await p.waitForFunction(() => document.querySelector("a[data-vetrina-form-link]").href.includes("qty-rao-pubblico-spid-day=3"));
  const href = await link.getAttribute("href");
  assert.match(href, /servizio=rao-pubblico/);
  assert.match(href, /abitanti=1001/);
  assert.match(href, /voce=rao-pubblico-spid-day/);
  // The download links say format and size.
  const downloads = await p.locator("#accedi-al-servizio a[download]").allTextContents();
  assert.ok(downloads.some((t) => /\(PDF, \d+ KB\)/.test(t)), downloads.join(" | "));
  assert.ok(downloads.some((t) => /\(ODT, \d+ KB\)/.test(t)), downloads.join(" | "));
  assert.deepEqual(p.problems, []);
});

test("the calculator's start date prices the first year in the form and fills its activation date", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/moduli/richiesta-servizio/?servizio=gestione-documentale&tipo=comune&abitanti=12345&anni=1&dal=01/07/2027`);
  await p.waitForFunction(() => document.querySelector('[name="opzione_scelta"]').value !== "");
  const option = await p.inputValue('[name="opzione_scelta"]');
  // 5,431.80 × 184 / 365 = 2,738.22 for 2027, VAT 602.41 (tests/vectors/pricing.json).
  assert.match(option, /Quota annuale per abitante \(annuale\): 5\.431,80 €, il primo anno 2\.738,22 €/);
  assert.match(option, /Primo anno, dal 01\/07\/2027: 3\.340,63 € IVA inclusa/);
  assert.equal(await p.inputValue('[name="data_attivazione"]'), "2027-07-01");
  assert.deepEqual(p.problems, []);
});

test("a form filled online is checked as typed and downloads as a filled PDF", async () => {
  const p = await page(site.chrome, { acceptDownloads: true });
  await p.goto(`${site.url}/moduli/richiesta-servizio/?servizio=rao-pubblico&tipo=comune&abitanti=1001&anni=1&voce=rao-pubblico-spid-day&qty-rao-pubblico-spid-day=3`);
  const panel = p.locator("[data-vetrina-compila]");
  await panel.waitFor({ state: "visible" });

  // Pre-filled from the calculator: the band (1.001 abitanti → 750,00 € a giornata) and 3 days.
  await p.waitForFunction(() => document.querySelector('[name="opzione_scelta"]').value !== "");
  const option = await p.inputValue('[name="opzione_scelta"]');
  assert.match(option, /1\.001 abitanti/);
  assert.match(option, /SPID Day × 3 \(una tantum\): 2\.250,00 €/);
  assert.match(option, /Attivazione \(una tantum\): 650,00 €/);
  assert.equal(await p.inputValue("#compila-servizio"), "rao-pubblico");

  // Checked as typed: a wrong check digit, a letter in a CAP, a CIG too short on leaving it.
  const cf = "campo-ente-codice-fiscale";
  await p.fill(`#${cf}`, "12345678901");
  let e = await errorOf(p, cf);
  assert.ok(e.visible, "no error for a wrong check digit");
  assert.match(e.text, /cifra di controllo/);
  assert.equal(e.invalid, "true");
  assert.ok(e.describedby.split(" ").includes(`${cf}-errore`), e.describedby);
  await p.fill(`#${cf}`, "12345678903");
  e = await errorOf(p, cf);
  assert.equal(e.visible, false);
  assert.equal(e.invalid, null);

  await p.fill("#campo-ente-cap", "27a");
  assert.match((await errorOf(p, "campo-ente-cap")).text, /5 cifre/);
  await p.fill("#campo-ente-cap", "279");
  assert.equal((await errorOf(p, "campo-ente-cap")).visible, false, "an incomplete CAP is not an error while typing");
  await p.press("#campo-ente-cap", "Tab");
  assert.match((await errorOf(p, "campo-ente-cap")).text, /5 cifre/);

  await p.fill("#campo-cig", "12345");
  await p.press("#campo-cig", "Tab");
  assert.match((await errorOf(p, "campo-cig")).text, /10 caratteri/);
  await p.fill("#campo-codice-univoco", "UF-12");
  assert.match((await errorOf(p, "campo-codice-univoco")).text, /6 caratteri/);
  await p.fill("#campo-referente-email", "nome@");
  await p.press("#campo-referente-email", "Tab");
  assert.match((await errorOf(p, "campo-referente-email")).text, /e-mail completo/);

  // Downloading with errors and empty required fields creates nothing and says why.
  await p.click("[data-vetrina-scarica]");
  assert.match(await p.locator("[data-vetrina-esito]").textContent(), /Correggete i \d+ campi segnalati/);
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute("aria-invalid")), "true");

  // Fill every required field with a valid value, then the ones we check.
  for (const input of await p.locator("form.vetrina-modulo [required][data-tipo]").all()) {
    const kind = await input.getAttribute("data-tipo");
    if (kind === "opzione-tariffa") continue;
    await input.fill(SAMPLE[kind] ?? "Prova");
  }
  await p.fill("#campo-ente-denominazione", "Comune di Roccafonda – Società «Ùnica» €");
  await p.fill("#campo-elenco-persone-1-1", "Ștefănescu Łukasz Øre Ñandú Niccolò");
  await p.click('label[for="campo-stato-adesione-aderito"]');
  await p.fill("#campo-ente-codice-fiscale", "rssmra80a01h501u");
  assert.equal((await errorOf(p, "campo-ente-codice-fiscale")).visible, false, "a personal codice fiscale is accepted");

  const [download] = await Promise.all([p.waitForEvent("download"), p.click("[data-vetrina-scarica]")]);
  assert.equal(download.suggestedFilename(), "richiesta-servizio-rao-pubblico-compilato.pdf");
  const file = await download.path();
  assert.match(await p.locator("[data-vetrina-esito]").textContent(), /è stato scaricato/);

  const json = JSON.parse(execFileSync("qpdf", ["--json", "--json-key=acroform", file], { encoding: "utf8" }));
  const values = {};
  for (const f of json.acroform.fields) values[f.fullname] ??= f.value;
  const text = (v) => (v ?? "").replace(/^u:/, "");
  assert.equal(text(values.ente_denominazione), "Comune di Roccafonda – Società «Ùnica» €");
  assert.equal(text(values.ente_codice_fiscale), "RSSMRA80A01H501U");
  assert.equal(text(values.ente_cap), "27990");
  assert.equal(text(values.determina_data), "23/11/2026");
  assert.equal(text(values["elenco_persone-1-1"]), "Ștefănescu Łukasz Øre Ñandú Niccolò");
  assert.equal(values.stato_adesione, "/aderito");
  assert.match(text(values.opzione_scelta), /SPID Day × 3/);
  // The service's copy has the tariff's optional item as a box, ticked, and its quantity.
  assert.equal(values["opzione_scelta-spid-day"], "/Yes");
  assert.equal(text(values["opzione_scelta-spid-day-quantita"]), "3");
  // The embedded face is a subset: the filled file stays close to the blank one.
  const blank = (await (await fetch(`${site.url}/moduli/richiesta-servizio/richiesta-servizio-rao-pubblico.pdf`)).arrayBuffer()).byteLength;
  const filled = statSync(file).size;
  assert.ok(filled < blank + 40_000, `filled ${filled} bytes, blank ${blank}`);
  // What a reader shows: the fields' appearances, merged into the page, read back as text.
  const flat = `${file}-piatto.pdf`;
  execFileSync("qpdf", ["--flatten-annotations=all", file, flat]);
  const shown = execFileSync("pdftotext", [flat, "-"], { encoding: "utf8" });
  for (const want of ["Ștefănescu Łukasz Øre Ñandú Niccolò", "Comune di Roccafonda – Società «Ùnica» €"]) assert.ok(shown.includes(want), `${want} is not drawn:\n${shown}`);
  // Still a valid, tagged PDF.
  execFileSync("qpdf", ["--check", file]);
  assert.match(execFileSync("pdfinfo", [file], { encoding: "utf8" }), /Tagged:\s+yes/);
  assert.deepEqual(p.problems, []);
});

test("the needs form is pre-filled from a /calcola/ basket and downloads with it", async () => {
  const p = await page(site.chrome, { acceptDownloads: true });
  await p.goto(`${site.url}/calcola/`);
  await p.locator("form").waitFor({ state: "visible" });
  await p.fill("#calc-nome", "Comune di Valbruna");
  await p.fill("#calc-abitanti", "3000");
  await p.fill("#calc-postazioni", "24");
  await p.fill("#calc-utenti", "12");
  for (const s of ["connettivita-e-sicurezza", "portale-comunale", "spazio-collaborativo", "pagopa"]) await p.click(`label[for="calc-srv-${s}"]`);
  await p.click('label[for="calc-opt-portale-comunale-pacchetto-supporto"]');
  await p.fill("#calc-qty-portale-comunale-pacchetto-supporto", "3");
  const link = p.locator("a[data-vetrina-basket-link]");
  await p.waitForFunction(() => document.querySelector("a[data-vetrina-basket-link]").href.includes("qty-portale-comunale-pacchetto-supporto=3"));
  await link.click();
  await p.waitForURL(/\/moduli\/scheda-fabbisogni\/\?/);
  await p.waitForFunction(() => document.querySelector("#campo-n02-connettivita-postazioni").value !== "");

  assert.equal(await p.inputValue("#campo-n02-connettivita-postazioni"), "24");
  assert.equal(await p.inputValue("#campo-n03-posta-postazioni"), "", "a service not chosen stays empty");
  assert.equal(await p.isChecked("#campo-n01-pacchetto-base"), false);
  assert.equal(await p.isChecked("#campo-n05-pagopa"), true);
  assert.equal(await p.isChecked("#campo-n06-portale-2"), true, "the portal is «Da attivare»");
  assert.equal(await p.inputValue("#campo-n07-pacchetti-supporto"), "3");
  assert.equal(await p.inputValue("#campo-n08-spazio-utenti"), "12");
  assert.equal(await p.inputValue("#campo-ente-denominazione"), "Comune di Valbruna");

  for (const input of await p.locator("form.vetrina-modulo [required][data-tipo]").all()) {
    if (await input.inputValue()) continue;
    await input.fill(SAMPLE[await input.getAttribute("data-tipo")] ?? "Prova");
  }
  const [download] = await Promise.all([p.waitForEvent("download"), p.click("[data-vetrina-scarica]")]);
  const json = JSON.parse(execFileSync("qpdf", ["--json", "--json-key=acroform", await download.path()], { encoding: "utf8" }));
  const values = {};
  for (const f of json.acroform.fields) values[f.fullname] ??= f.value;
  const text = (v) => (v ?? "").replace(/^u:/, "");
  assert.equal(text(values.n02_connettivita_postazioni), "24");
  assert.equal(values.n05_pagopa, "/Yes");
  assert.equal(values.n01_pacchetto_base, "/Off");
  assert.equal(text(values.n07_pacchetti_supporto), "3");
  assert.equal(text(values.ente_denominazione), "Comune di Valbruna");
  assert.deepEqual(p.problems, []);
});
