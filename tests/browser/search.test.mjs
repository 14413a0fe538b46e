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
  await p.waitForFunction(() => /risultat|Nessun/.test(document.querySelector(".vetrina-cerca-stato").textContent));
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
