// Lighthouse (npm, run in Debian's Chromium through chrome-launcher: nothing is downloaded)
// on the home, the catalog, one service page and the calculator of the site built into
// $SITE_DIR, served on loopback under the strict CSP with the build's compressed copies (as
// a static host serves them). Prints the accessibility, best-practices, SEO and performance
// scores (Lighthouse's default mobile run: a mid-range phone on a slow 4G, simulated) and
// requires accessibility 100 and performance at least 90 on each page (AgID criterion
// C.SI.4.1), and no layout shift on the calculator. The audits that lose points are listed
// under the scores.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import lighthouse from "lighthouse";
import { launch } from "chrome-launcher";
import { serve } from "./harness.mjs";

const PAGES = ["/", "/servizi/", "/servizi/rao-pubblico/", "/calcola/"];
const MIN_PERFORMANCE = 0.9;
const CATEGORIES = ["accessibility", "best-practices", "seo", "performance"];

let server;
let chrome;

before(async () => {
  server = await serve(process.env.SITE_DIR);
  chrome = await launch({
    chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

after(async () => {
  chrome?.kill();
  await server?.close();
});

/** The audits of `category` that lose points, with the elements they name. */
function losses(lhr, category) {
  const out = [];
  for (const ref of lhr.categories[category].auditRefs) {
    const audit = lhr.audits[ref.id];
    if (ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
    if (category === "performance" && ref.group !== "metrics" && audit.details?.type !== "opportunity") continue;
    const items = (audit.details?.items ?? [])
      .map((i) => i.node?.selector ?? i.url ?? i.source?.url ?? "")
      .filter(Boolean)
      .slice(0, 5);
    out.push(`  ${category}: ${audit.id} (${Math.round(audit.score * 100)}) ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ""}${items.length ? `\n      ${items.join("\n      ")}` : ""}`);
  }
  return out;
}

for (const path of PAGES) {
  test(`Lighthouse ${path}: accessibility 100, performance at least 90 on a phone`, async () => {
    const started = Date.now();
    const result = await lighthouse(`${server.url}${path}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    const lhr = result.lhr;
    assert.equal(lhr.runtimeError, undefined, `${path}: ${lhr.runtimeError?.message}`);
    const scores = CATEGORIES.map((c) => `${c} ${Math.round(lhr.categories[c].score * 100)}`).join(", ");
    const details = CATEGORIES.flatMap((c) => losses(lhr, c));
    console.log(`Lighthouse ${path}: ${scores} (${((Date.now() - started) / 1000).toFixed(1)} s)${details.length ? "\n" + details.join("\n") : ""}`);
    assert.equal(lhr.categories.accessibility.score, 1, `${path}: accessibility ${Math.round(lhr.categories.accessibility.score * 100)}:\n${losses(lhr, "accessibility").join("\n")}`);
    const performance = lhr.categories.performance.score;
    assert.ok(performance >= MIN_PERFORMANCE, `${path}: performance ${Math.round(performance * 100)} on the mobile profile:\n${losses(lhr, "performance").join("\n")}`);
    // The calculator's form is in the page from the first paint: nothing moves when its script
    // starts (CLS as Lighthouse shows it, to three decimals).
    const cls = lhr.audits["cumulative-layout-shift"].numericValue;
    if (path === "/calcola/") assert.equal(Math.round(cls * 1000), 0, `${path}: layout shift ${cls}`);
    // Compressed copies are what the phone receives: the whole first load stays small.
    const weight = lhr.audits["total-byte-weight"].numericValue;
    assert.ok(weight < 400_000, `${path}: ${Math.round(weight / 1024)} KB on first load`);
  });
}
