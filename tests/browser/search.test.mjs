// Site search in Chromium: Italian stemming, a service by name, a filter, the no-JS
// fallback. Runs against the example site built into $SITE_DIR.

import { test } from "node:test";
import assert from "node:assert/strict";
import { page, siteInChromium, CSP } from "./harness.mjs";

// Pagefind runs WebAssembly, which a CSP allows only with 'wasm-unsafe-eval' (it does not
// allow inline or eval'd JavaScript). The search page needs that one keyword; see README.
const SEARCH_CSP = `${CSP}; script-src 'self' 'wasm-unsafe-eval'`;

const site = siteInChromium({ csp: SEARCH_CSP });

async function search(p, query) {
  await p.fill("#cerca-testo", query);
  await p.press("#cerca-testo", "Enter");
  await p.waitForFunction((q) => document.querySelector(".vetrina-cerca-stato").textContent.includes(`«${q}»`), query);

  return p.locator(".vetrina-cerca-risultati li");
}

test("a stemmed word finds the other form of it: 'tariffa' finds 'tariffe'", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/cerca/`);
  const results = await search(p, "tariffa");
  assert.ok((await results.count()) > 0, await p.locator(".vetrina-cerca-stato").textContent());
  const marked = await p.locator(".vetrina-cerca-risultati mark").allTextContents();
  assert.ok(marked.some((m) => /^tariffe$/i.test(m)), `marked words: ${marked.join(", ")}`);
  assert.match(await p.locator("[role=status]").textContent(), /risultat[io] per «tariffa»/);
  assert.deepEqual(p.problems, [], "console errors or CSP violations");
});

test("a service is found by its name, and a filter narrows the results", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/cerca/?q=RAO%20Pubblico`);
  await p.waitForFunction(() => /risultat/.test(document.querySelector(".vetrina-cerca-stato").textContent));
  const first = p.locator(".vetrina-cerca-risultati li a").first();
  assert.equal(await first.getAttribute("href"), "/servizi/rao-pubblico/");
  await p.selectOption("#cerca-livello", "Servizi di base");
  await p.waitForFunction(() => location.search.includes("livello="));
  await p.waitForFunction(() => !/in corso/.test(document.querySelector(".vetrina-cerca-stato").textContent));
  const hrefs = await p.locator(".vetrina-cerca-risultati li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(!hrefs.includes("/servizi/rao-pubblico/"), `an intermediate service in a base-level search: ${hrefs}`);
});

test("without JavaScript the search form opens the catalog", async () => {
  const p = await page(site.chrome, { javaScriptEnabled: false });
  await p.goto(`${site.url}/cerca/`);
  assert.equal(await p.locator(".vetrina-cerca-nojs").isVisible(), true);
  await p.fill("#cerca-testo", "SPID");
  await p.click(".vetrina-cerca-form button");
  await p.waitForURL(/\/servizi\/\?q=SPID/);
  assert.equal(await p.locator("h1").textContent(), "Servizi");
});

test("the header's search button leads to the search page", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/`);
  await p.click("a.search-link");
  await p.waitForURL(/\/cerca\/$/);
  assert.equal(await p.locator("label[for=cerca-testo]").textContent(), "Che cosa cercate?");
});

/** Press «Mostra altri risultati» until every result is listed. */
async function showAll(p) {
  const more = p.locator("[data-search-more]");
  while (await more.isVisible()) {
    const before = await p.locator(".vetrina-cerca-risultati li").count();
    await more.click();
    await p.waitForFunction((n) => document.querySelectorAll(".vetrina-cerca-risultati li").length > n, before);
  }
}

test("every result is reachable: twenty at a time, then «Mostra altri risultati»", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/cerca/`);
  await search(p, "tariffa");
  const total = Number(/^(\d+) risultati/.exec(await p.locator(".vetrina-cerca-stato").textContent())[1]);
  assert.ok(total > 20, `only ${total} results: the test needs more than a page`);
  assert.equal(await p.locator(".vetrina-cerca-risultati li").count(), 20);
  const more = p.locator("[data-search-more]");
  assert.equal(await more.isVisible(), true);
  assert.equal(await more.textContent(), `Mostra altri risultati (${Math.min(total - 20, 20)} di ${total - 20})`);
  await showAll(p);
  assert.equal(await more.isVisible(), false);
  assert.equal(await p.locator(".vetrina-cerca-risultati li").count(), total);
  assert.match(await p.locator(".vetrina-cerca-stato").textContent(), new RegExp(`${total} di ${total}`));
  // The keyboard lands on the first of the new results.
  assert.equal(await p.evaluate(() => document.activeElement.closest("li") === document.querySelectorAll(".vetrina-cerca-risultati li")[20]), true);
  assert.deepEqual(p.problems, []);
});

test("results come as you type, announced politely", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/cerca/`);
  await p.locator("#cerca-testo").pressSequentially("posta elettronica", { delay: 20 });
  await p.waitForFunction(() => /risultat/.test(document.querySelector(".vetrina-cerca-stato").textContent));
  assert.equal(await p.locator(".vetrina-cerca-stato").getAttribute("aria-live"), "polite");
  assert.equal(await p.locator(".vetrina-cerca-risultati li a").first().getAttribute("href"), "/servizi/posta-elettronica-e-collaborazione/");
  await p.waitForFunction(() => location.search.includes("q=posta"));
});

test("excerpts keep table cells apart, and download lists are not searched", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/cerca/`);
  await search(p, "tariffa");
  await showAll(p);
  const excerpts = await p.locator(".vetrina-cerca-risultati li p.mb-0").allTextContents();
  const glued = excerpts.filter((e) => /VocePeriodicità|PeriodicitàImporto|esclusa\)[A-Z]|scorrete la tabella/.test(e));
  assert.deepEqual(glued, []);
  // A service's name finds the service, not every form page that lists it for download.
  await search(p, "RAO Pubblico");
  const hrefs = await p.locator(".vetrina-cerca-risultati li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.equal(hrefs[0], "/servizi/rao-pubblico/");
  assert.deepEqual(hrefs.filter((h) => h.startsWith("/moduli/")), [], hrefs.join(" "));
});

test("a service ranks above the general pages for its own words", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/cerca/`);
  for (const [query, service] of [["pagopa", "/servizi/pagopa/"], ["adesione", "/servizi/adesione-cst/"]]) {
    await search(p, query);
    await showAll(p);
    const hrefs = await p.locator(".vetrina-cerca-risultati li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    const at = hrefs.indexOf(service);
    assert.ok(at >= 0, `${query}: ${service} not found in ${hrefs.join(" ")}`);
    for (const general of ["/faq/", "/note-legali/", "/governance/", "/privacy/"]) {
      if (hrefs.includes(general)) assert.ok(at < hrefs.indexOf(general), `${query}: ${general} above ${service}: ${hrefs.join(" ")}`);
    }
  }
});
