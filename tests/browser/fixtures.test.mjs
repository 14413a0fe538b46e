// The checks must catch what they are for. tests/browser/fixtures/ holds one small page per
// class of problem (with the theme's real CSS and scripts from $SITE_DIR/assets), and one
// page with none: each check must name exactly the pages made to fail it, with the rule.
// A check that silently stopped working (axe not injected, a listener not attached, a
// pattern that no longer matches vnu's output) fails here.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, browser, page, sitePages, vnu } from "./harness.mjs";
import { crawl, failures } from "./checks.mjs";
import { tabWalk, skipLink } from "./keyboard.mjs";

const FIXTURES = join(import.meta.dirname, "fixtures");

let dir;
let server;
let chrome;
let found;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "vetrina-fixtures-"));
  cpSync(FIXTURES, dir, { recursive: true });
  symlinkSync(join(process.env.SITE_DIR, "assets"), join(dir, "assets"));
  server = await serve(dir);
  chrome = await browser();
  const results = await crawl(chrome, server.url, sitePages(dir).map((p) => p.path));
  found = await failures(results, server.url);
});

after(async () => {
  await chrome?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The pages named in `list`, and each expected pattern found in it. */
function expect(list, pages, patterns) {
  const named = [...new Set(list.map((f) => f.split(/[: ]/)[0]))].sort();
  assert.deepEqual(named, pages.sort(), `pages named:\n${list.join("\n")}`);
  for (const re of patterns) assert.ok(list.some((f) => re.test(f)), `nothing matches ${re} in:\n${list.join("\n")}`);
}

test("fixtures: every fixture page loads", () => {
  assert.deepEqual(found.errors, []);
});

test("fixtures: axe-core names the missing alt, the missing label and the low contrast", () => {
  expect(found.axe, ["/axe.html", "/markup.html"], [
    /^\/axe\.html \(1280 px\): image-alt \[critical\].*\n\s+img/,
    /^\/axe\.html \(320 px\): label /,
    /^\/axe\.html \(1280 px\): color-contrast .*\n\s+p/,
    /^\/markup\.html \(1280 px\): list /,
  ]);
});

test("fixtures: a missing image is a failed request", () => {
  expect(found.requests, ["/requests.html"], [/^\/requests\.html: HTTP 404: http:\/\/127\.0\.0\.1:\d+\/assets\/img\/mancante\.png$/]);
});

test("fixtures: an inline script and a style attribute are CSP violations; a 404 is a console error too", () => {
  expect(found.console, ["/csp.html", "/requests.html"], [
    /^\/csp\.html: CSP violation: script-src-elem blocked inline/,
    /^\/csp\.html: CSP violation: style-src-attr blocked inline/,
    /^\/requests\.html: console error: Failed to load resource: .* 404/,
  ]);
});

test("fixtures: a link to a missing page and to a missing anchor are broken links", () => {
  expect(found.links, ["/links.html", "/requests.html"], [
    /^\/links\.html: link to \/pagina-che-non-esiste\/ answers 404/,
    /^\/links\.html: link to \/good\.html#ancora-che-non-esiste: no element/,
  ]);
});

test("fixtures: h1 then h3 skips a heading level", () => {
  expect(found.headings, ["/headings.html"], [/^\/headings\.html: h3 "Un livello saltato" follows h1, skipping a level$/]);
});

test("fixtures: a 1000 px block does not reflow at 320 px", () => {
  expect(found.reflow, ["/reflow.html"], [/^\/reflow\.html: \d+ px wide in a 320 px window; sticking out: div\.fixture-wide/]);
});

test("fixtures: vnu names the duplicate id, the bad nesting and the skipped heading level", () => {
  const errors = vnu(sitePages(dir).map((p) => p.file), dir);
  expect(errors, ["axe.html", "headings.html", "markup.html"], [
    /^axe\.html:\d+\.\d+: error: An “img” element must have an “alt” attribute/,
    /^markup\.html:\d+\.\d+: error: Duplicate ID “doppio”/,
    /^markup\.html:\d+\.\d+: error: Element “p” not allowed as child of element “ul”/,
    /^headings\.html:\d+\.\d+: error: The heading “h3” .* skipping 1 heading level/,
  ]);
});

async function open(path) {
  const p = await page(chrome, { viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  await p.goto(server.url + path, { waitUntil: "load" });
  return p;
}

test("fixtures: the Tab walk passes a good page and names a missing focus ring, a hidden link, a positive tabindex", async () => {
  const good = await tabWalk(await open("/good.html"));
  assert.deepEqual(good.failures, []);
  assert.equal(good.stops.length, 6, good.stops.map((s) => s.name).join("\n")); // skip link, link, text, checkbox, radio, button
  const bad = (await tabWalk(await open("/keyboard.html"))).failures;
  for (const re of [
    /^positive tabindex on <button .*"Un pulsante con tabindex positivo"/,
    /^Tab reaches .* after <button/,
    /^no visible focus indicator on <a \/good\.html> "Un collegamento senza indicatore del focus"/,
    /^<a \/good\.html> "Un collegamento nascosto" is focused off screen or with no size/,
  ]) {
    assert.ok(bad.some((f) => re.test(f)), `nothing matches ${re} in:\n${bad.join("\n")}`);
  }
});

test("fixtures: the skip link check passes a good page and fails a main that cannot take focus", async () => {
  assert.deepEqual(await skipLink(await open("/good.html")), []);
  const bad = await skipLink(await open("/skiplink.html"));
  assert.deepEqual(bad, ['after Enter on the skip link focus is on <body>, not in #main-container (does <main> have tabindex="-1"?)']);
  const first = await skipLink(await open("/keyboard.html"));
  assert.match(first[0], /^the first Tab stop is "Un pulsante con tabindex positivo"/);
});

test("fixtures: every fixture page is used", () => {
  const used = ["axe", "csp", "good", "headings", "keyboard", "links", "markup", "reflow", "requests", "skiplink"];
  assert.deepEqual(readdirSync(FIXTURES).filter((f) => f.endsWith(".html")).map((f) => f.replace(/\.html$/, "")).sort(), used);
});
