// Keyboard use of the main pages of the site built into $SITE_DIR, in Chromium: from the top
// of the page, Tab reaches every visible interactive control in DOM order, each with a
// visible focus indicator, and the first stop is the skip link "Vai ai contenuti", which
// moves focus into the main content.

import { test } from "node:test";
import assert from "node:assert/strict";
import { page, siteInChromium } from "./harness.mjs";
import { tabWalk, skipLink } from "./keyboard.mjs";

const PAGES = ["/", "/servizi/", "/servizi/rao-pubblico/", "/calcola/"];

const site = siteInChromium();

// Reduced motion: Bootstrap animates the focus ring (a 0.15 s box-shadow transition) and
// scrolls smoothly, so right after a Tab the styles and positions would be mid-animation.
async function open(path) {
  const p = await page(site.chrome, { viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  await p.goto(site.url + path, { waitUntil: "load" });
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  // The calculators build their form once their data has arrived.
  if (await p.locator("[data-calculator]").count()) await p.locator("[data-calculator] form").first().waitFor({ state: "visible" });
  return p;
}

for (const path of PAGES) {
  test(`keyboard ${path}: Tab reaches every control in order, focus always visible`, async () => {
    const p = await open(path);
    const walk = await tabWalk(p);
    assert.ok(walk.expected.length > 5, `${path}: only ${walk.expected.length} controls found`);
    console.log(`${path}: ${walk.expected.length} controls, ${walk.stops.length} Tab stops`);
    assert.deepEqual(walk.failures, [], `${path}:\n${walk.failures.join("\n")}`);
    assert.deepEqual(p.problems, []);
    await p.context().close();
  });

  test(`keyboard ${path}: the first Tab stop is the skip link, and Enter moves focus into main`, async () => {
    const p = await open(path);
    const failures = await skipLink(p);
    assert.deepEqual(failures, [], `${path}:\n${failures.join("\n")}`);
    await p.context().close();
  });
}
