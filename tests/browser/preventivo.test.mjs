// The quote's reference without a browser (themes/agid/static/js/preventivo.js): made from
// the date and the choice, the same on any host.

import { test } from "node:test";
import assert from "node:assert/strict";
import { reference } from "../../themes/agid/static/js/preventivo.js";

test("a quote's reference is the date and the choice, whatever the host", () => {
  const day = new Date(2026, 11, 2);
  const local = reference(day, "http://127.0.0.1:1111/calcola/?abitanti=3500&servizi=pagopa");
  assert.match(local, /^PRV-20261202-[0-9A-Z]{7}$/);
  assert.equal(reference(day, "https://cst.example.it/calcola/?abitanti=3500&servizi=pagopa"), local);
  assert.notEqual(reference(day, "https://cst.example.it/calcola/?abitanti=3501&servizi=pagopa"), local);
  assert.notEqual(reference(new Date(2026, 11, 3), "https://cst.example.it/calcola/?abitanti=3500&servizi=pagopa"), local);
});
