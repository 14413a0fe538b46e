// Every HTML page of the site built into $SITE_DIR, in Chromium, served under the strict
// CSP, at 1280 and 320 CSS px (checks.mjs): axe-core (WCAG 2.1 A and AA) finds no violation;
// no request for any resource fails; no CSP violation and no console error; every same-origin
// link and anchor resolves; one h1 and no skipped heading level; no horizontal scrolling at
// 320 px (WCAG 1.4.10 Reflow). Every failure names the page and the rule.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, browser, sitePages, CSP } from "./harness.mjs";
import { crawl, failures } from "./checks.mjs";

// The search page runs Pagefind's WebAssembly: that page alone also needs 'wasm-unsafe-eval'.
const cspFor = (path) => (/^\/cerca\//.test(path) ? `${CSP}; script-src 'self' 'wasm-unsafe-eval'` : CSP);

const pages = sitePages(process.env.SITE_DIR);

let server;
let chrome;
let found;

before(async () => {
  server = await serve(process.env.SITE_DIR, { csp: cspFor });
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

// The pages are visited once (two tabs in parallel); each test reads its part.
async function check(kind) {
  found ??= (async () => {
    const started = Date.now();
    const results = await crawl(chrome, server.url, pages.map((p) => p.path));
    console.log(`visited ${results.length} pages at 1280 and 320 px in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return failures(results, server.url);
  })();
  const list = (await found)[kind];
  assert.equal(list.length, 0, `${list.length} ${kind} failure(s):\n${list.join("\n")}`);
}

test(`the site's ${pages.length} HTML pages are all checked`, async () => {
  assert.ok(pages.length > 20, `only ${pages.length} HTML files in ${process.env.SITE_DIR}`);
  for (const path of ["/", "/servizi/", "/servizi/rao-pubblico/", "/calcola/", "/convenzioni/convenzione-cst-2024/cosa-cambia/", "/404.html"]) {
    assert.ok(pages.some((p) => p.path === path), `${path} is missing from the built site`);
  }
  await check("errors");
});

test("axe-core: no WCAG 2.1 A/AA violation on any page, at 1280 and 320 px", () => check("axe"));

test("every resource of every page loads: no failed request, no 4xx/5xx answer", () => check("requests"));

test(`CSP (${CSP}): no violation and no console error on any page`, () => check("console"));

test("links: every same-origin link, anchor and resource in the pages resolves", () => check("links"));

test("headings: one h1 and no skipped level on every page, as shown after scripts ran", () => check("headings"));

test("reflow: no page scrolls horizontally at 320 CSS px", () => check("reflow"));
