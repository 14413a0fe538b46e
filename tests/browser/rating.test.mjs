// The page clarity rating in Chromium: the validator's steps and exact questions, and an
// honest end (the site records nothing; the thanks offer an e-mail with the answers in it).

import { test } from "node:test";
import assert from "node:assert/strict";
import { page, siteInChromium } from "./harness.mjs";

const site = siteInChromium();

test("rating: the validator's steps, then an e-mail with the answers, in the voi form", async () => {
  const p = await page(site.chrome);
  await p.goto(`${site.url}/servizi/rao-pubblico/`);
  await p.click('[data-element="feedback-rate-2"]');
  const negative = p.locator('[data-element="feedback-rating-negative"]');
  assert.equal(await negative.isVisible(), true);
  assert.equal(await p.locator('[data-element="feedback-rating-positive"]').isVisible(), false);
  assert.equal((await negative.locator('[data-element="feedback-rating-question"]').textContent()).trim(), "Dove hai incontrato le maggiori difficoltà?");
  await negative.locator("label").first().click();
  await p.click("[data-rating-next]");
  await p.fill('[data-element="feedback-input-text"]', "Manca il prezzo per Ștefănești");
  await p.click("[data-rating-next]");
  const thanks = p.locator("[data-rating-thanks]");
  assert.equal(await thanks.isVisible(), true);
  assert.match(await thanks.textContent(), /Grazie per il vostro parere!/);
  assert.match(await thanks.textContent(), /non registra le risposte/);
  const href = await thanks.locator("[data-rating-send]").getAttribute("href");
  const mail = new URL(href);
  assert.equal(mail.protocol, "mailto:");
  assert.equal(mail.pathname, "disservizi@cst.example.it");
  const body = new URLSearchParams(mail.search).get("body");
  for (const want of ["/servizi/rao-pubblico/", "Chiarezza: 2 su 5", "Difficoltà: A volte le indicazioni non erano chiare", "Dettaglio: Manca il prezzo per Ștefănești"]) {
    assert.ok(body.includes(want), `${want} not in ${body}`);
  }
  assert.match(new URLSearchParams(mail.search).get("subject"), /^Parere sulla pagina «RAO Pubblico/);
  assert.deepEqual(p.problems, []);
});
