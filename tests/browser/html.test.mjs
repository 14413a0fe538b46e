// The W3C Nu HTML Checker (npm vnu-jar, Java) over every HTML page of the site built into
// $SITE_DIR, in one JVM: zero errors and zero warnings ("Section lacks heading" was one). The pages are minified (one long line each), so every
// error is printed with the piece of markup it points at.

import { test } from "node:test";
import assert from "node:assert/strict";
import { sitePages, vnu } from "./harness.mjs";

test("Nu HTML Checker: no error and no warning on any page", () => {
  const pages = sitePages(process.env.SITE_DIR);
  assert.ok(pages.length > 0, `no HTML file in ${process.env.SITE_DIR}`);
  const started = Date.now();
  const errors = vnu(pages.map((p) => p.file), process.env.SITE_DIR, { warnings: true });
  console.log(`vnu checked ${pages.length} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.equal(errors.length, 0, `HTML errors and warnings:\n${errors.join("\n")}`);
});
