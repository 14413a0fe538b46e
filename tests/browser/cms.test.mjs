// The browser editing interface (Decap CMS under /admin/) as an editor uses it, on a copy of
// the example site served by `vetrina serve`: every example file opens with its values and
// is saved back without losing a key; a banded tariff, a form and a service that uses both
// are created from the forms; an existing service's activities are edited; `vetrina check`
// passes on what was written.
//
// Needs VETRINA (the binary) and REPO (the repository), set by tests/browser.rs. By hand:
// ONLY=<part of a route> opens only those files; KEEP=1 keeps the site copy to look at.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "smol-toml";
import { browser } from "./harness.mjs";

const VETRINA = process.env.VETRINA;
const REPO = process.env.REPO;
assert.ok(VETRINA && REPO, "VETRINA and REPO must be set (tests/browser.rs does)");

/** The kinds as the interface names its collections, with their folders. */
const FOLDERS = { servizio: "servizi", tariffa: "tariffe", modulo: "moduli", convenzione: "convenzioni", notizia: "notizie", pagina: "pagine" };

let site, server, url, b, p;

/** A copy of the example site; the theme's npm install is linked, not copied. */
function copySite() {
  const dir = mkdtempSync(join(tmpdir(), "vetrina-cms-"));
  for (const part of ["vetrina.toml", "content", "static"]) {
    if (existsSync(join(REPO, part))) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  }
  cpSync(join(REPO, "themes"), join(dir, "themes"), { recursive: true, filter: (src) => !src.includes("node_modules") });
  symlinkSync(join(REPO, "themes/agid/node_modules"), join(dir, "themes/agid/node_modules"));
  return dir;
}

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

before(async () => {
  site = copySite();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(VETRINA, ["serve", "--root", site, "--port", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  server.log = "";
  server.stderr.on("data", (d) => (server.log += d));
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${url}/admin/config.yml`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  b = await browser();
  p = await (await b.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  p.problems = [];
  p.on("pageerror", (e) => p.problems.push(String(e)));
  await p.goto(`${url}/admin/`);
  await p.getByRole("button", { name: "Accedi" }).click();
  await p.getByText("Servizi").first().waitFor();
});

after(async () => {
  await b?.close();
  server?.kill("SIGTERM");
  await new Promise((r) => server?.on("exit", r));
  if (site && !process.env.KEEP) rmSync(site, { recursive: true, force: true });
});

/** Open an entry's form (`servizio/entries/rao-pubblico`, `enti/entries/enti`). */
async function open(route) {
  // A fresh load each time: the interface slows down entry after entry within one load.
  await p.goto("about:blank");
  await p.goto(`${url}/admin/#/collections/${route}`);
  await p.locator("[id$='-field-1'], [id*='-field-']").first().waitFor();
  await p.waitForTimeout(300);
}

/** Save the open entry ("Pubblica" → "Pubblica ora") and wait until the file is written. */
async function save() {
  const written = p.waitForResponse((r) => r.url().endsWith("/api/v1") && (r.request().postData() ?? "").includes('"persistEntry"'));
  await p.getByRole("button", { name: "Pubblica", exact: true }).click();
  await p.getByText("Pubblica ora", { exact: true }).click();
  const response = await written.catch(async (e) => {
    await p.screenshot({ path: join(tmpdir(), "vetrina-cms-failed.png"), fullPage: true });
    const errors = await p.locator("ul li").allInnerTexts();
    throw new Error(`${e.message}; the form says: ${errors.filter((t) => t.length < 200).join(" | ")}`);
  });
  assert.equal(response.status(), 200, await response.text());
  await p.getByText("Voce salvata").first().waitFor();
}

/** A text field of the open form by its key (the n-th of that key, from 0). */
const input = (key, n = 0) => p.locator(`[id^="${key}-field-"]`).nth(n);

/** Pick `option` in the select of `key` (a react-select). */
async function pick(key, option, n = 0) {
  const select = p.locator(`[id^="${key}-field-"]`).nth(n);
  await select.click();
  // Typing filters the list, as an editor does (a relation lists other entries as it finds them).
  await select.fill(option);
  await p.getByRole("option", { name: option, exact: true }).click();
}

/** The front matter of a Markdown file, dates as `AAAA-MM-GG` text, and its body. */
function read(file) {
  const text = readFileSync(file, "utf8");
  const [, front, body] = text.match(/^\+\+\+\n([\s\S]*?)\n?\+\+\+\n?([\s\S]*)$/) ?? [null, text, ""];
  return { front: plain(parse(front)), body: body.trim() };
}

function plain(v) {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function check() {
  const run = spawnSync(VETRINA, ["check", "--root", site], { encoding: "utf8" });
  assert.equal(run.status, 0, `vetrina check fails on what the interface wrote:\n${run.stderr}`);
}

test("every example file opens in the interface and is saved back with every key", async () => {
  const entries = Object.entries(FOLDERS).flatMap(([kind, folder]) =>
    readdirSync(join(site, "content", folder))
      .filter((f) => f.endsWith(".md"))
      .map((f) => ({ route: `${kind}/entries/${f.slice(0, -3)}`, file: join(site, "content", folder, f), key: "titolo" })),
  );
  entries.push({ route: "enti/entries/enti", file: join(site, "content/dati/enti.toml"), key: "nome" });
  for (const e of process.env.ONLY ? entries.filter((x) => x.route.includes(process.env.ONLY)) : entries) {
    const started = Date.now();
    const before = read(e.file);
    await open(e.route);
    const field = input(e.key);
    // The Enti are a list, shown folded: it opens with its arrow, the first Ente with its name.
    if (e.key === "nome") {
      if (!(await field.isVisible())) await p.getByTestId("expand-button").first().click();
      if (!(await field.isVisible())) await p.getByText(before.front.ente[0].nome, { exact: true }).first().click();
    }
    const value = await field.inputValue();
    assert.notEqual(value, "", `${e.route}: the ${e.key} field shows the file's value`);
    await field.fill(value + " ");
    await save();
    const saved = read(e.file);
    const trimmed = (fm) => (e.key === "nome" ? { ...fm, ente: fm.ente.map((x, i) => (i === 0 ? { ...x, nome: x.nome.trim() } : x)) } : { ...fm, titolo: fm.titolo.trim() });
    assert.deepEqual(trimmed(saved.front), before.front, `${e.route}: a key or value was lost or changed`);
    assert.equal(saved.body, before.body, `${e.route}: the text changed`);
    console.log(`${e.route}: ${Date.now() - started} ms`);
  }
  check();
  assert.deepEqual(p.problems, []);
});

/** Pick the first allowed value of a select. */
async function pickFirst(key, n = 0) {
  await input(key, n).focus();
  await p.keyboard.press("ArrowDown");
  await p.keyboard.press("Enter");
}

/** The Markdown body's editor, switched to the Markdown as written (not the formatted view). */
async function rawBody() {
  const toggle = p.locator('[class*="ToolbarToggle"]').getByRole("switch");
  if ((await toggle.getAttribute("aria-checked")) !== "true") await toggle.click();
  return p.locator('[data-slate-editor="true"]').last();
}

/** Write a sentence under each heading of the body, as an editor fills in a new card. */
async function fillSections(headings) {
  const body = await rawBody();
  // The first click only gives the editor the focus (the cursor lands at its start).
  await body.click();
  await p.waitForTimeout(200);
  for (const h of headings) {
    await body.getByText(h, { exact: true }).click();
    // The editor moves its cursor a moment after the click (longer on a busy machine).
    await p.waitForTimeout(200);
    await p.keyboard.press("End");
    await p.keyboard.press("Enter");
    await p.keyboard.insertText(`Testo della sezione «${h.slice(3)}».`);
  }
  // Each sentence under its own heading, before the next one: what `check` will read.
  const inOrder = (parts) => {
    const editors = document.querySelectorAll('[data-slate-editor="true"]');
    const text = editors[editors.length - 1].innerText;
    let at = 0;
    for (const part of parts) {
      at = text.indexOf(part, at);
      if (at < 0) return false;
    }
    return true;
  };
  const parts = headings.flatMap((h) => [h, `Testo della sezione «${h.slice(3)}».`]);
  await p.waitForFunction(inOrder, parts, { timeout: 5000 });
}

test("a banded tariff, a form and a service using both are created; activities are edited", async () => {
  await open("tariffa/new");
  await input("titolo").fill("Tariffa di prova");
  await p.getByRole("button", { name: "Aggiungi voci" }).first().click();
  await input("nome").fill("Canone annuale");
  await pick("periodicita", "Annuale");
  await pick("modello", "Fasce");
  await pick("base", "Abitanti");
  await p.getByRole("button", { name: "Aggiungi fasce" }).first().click();
  await input("a").fill("5000");
  await input("importo", 1).fill("400.00");
  await p.getByRole("button", { name: "Aggiungi fasce" }).first().click();
  await input("da", 1).fill("5001");
  await input("su_richiesta", 1).click();
  await save();
  const tariff = read(join(site, "content/tariffe/tariffa-di-prova.md")).front;
  assert.deepEqual(tariff.voci[0].fasce, [{ a: 5000, importo: "400.00" }, { da: 5001, su_richiesta: true }], JSON.stringify(tariff));

  await open("modulo/new");
  await input("titolo").fill("Modulo di prova");
  await pick("tipo", "Richiesta");
  await input("descrizione").fill("Il modulo con cui un Ente chiede il servizio di prova.");
  await input("invio_pec").fill("cst@pec.example.it");
  await p.getByRole("button", { name: "Aggiungi sezioni" }).first().click();
  await input("titolo", 1).fill("Ente");
  await p.getByRole("button", { name: "Aggiungi campi" }).first().click();
  await input("nome").fill("ente_denominazione");
  await input("etichetta").fill("Denominazione dell'Ente");
  await pick("tipo", "Testo", 1);
  await save();
  const form = read(join(site, "content/moduli/modulo-di-prova.md")).front;
  assert.equal(form.sezioni[0].campi[0].tipo, "testo", JSON.stringify(form));

  await open("servizio/new");
  await input("titolo").fill("Servizio di prova");
  await input("sommario").fill("Un servizio scritto dal browser, con la sua tariffa a fasce e il suo modulo.");
  await pick("stato", "Attivo");
  await pickFirst("livello");
  await pickFirst("macroarea");
  await pick("destinatari", "Comuni");
  await pick("tariffa", "Tariffa di prova");
  await pick("moduli", "Modulo di prova");
  await input("ufficio").fill("Area servizi digitali");
  await input("email").fill("servizidigitali@cst.example.it");
  const skeleton = await (await rawBody()).innerText();
  assert.match(skeleton, /## Descrizione/, "a new card starts with its sections");
  const headings = skeleton.split("\n").filter((l) => l.startsWith("## "));
  await fillSections(headings);
  // The editor hands its text to the form a moment after the last key: leave it first.
  await input("titolo").click();
  await p.waitForTimeout(500);
  await save();
  const service = read(join(site, "content/servizi/servizio-di-prova.md"));
  assert.equal(service.front.tariffa, "tariffa-di-prova");
  assert.deepEqual(service.front.moduli, ["modulo-di-prova"]);

  await open("servizio/entries/rao-pubblico");
  const before = read(join(site, "content/servizi/rao-pubblico.md")).front.attivita;
  await p.getByRole("button", { name: "Aggiungi attività" }).click();
  // A new item goes at the end of the list.
  await p.locator('textarea[id^="attivita-field-"]').last().fill("Una nuova attività scritta dal browser.");
  await save();
  const after = read(join(site, "content/servizi/rao-pubblico.md")).front.attivita;
  assert.deepEqual(after, [...before, "Una nuova attività scritta dal browser."]);

  check();
  assert.deepEqual(p.problems, []);
});
