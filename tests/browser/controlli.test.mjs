// The checks of typed codes used by the online forms (themes/agid/static/js/controlli.js),
// without a browser: check digits of real-looking codes, messages while typing and at the end.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { check, validPartitaIva, validCodiceFiscale, unsupported, italianDate, PDF_CHARACTERS } from "../../themes/agid/static/js/controlli.js";

test("partita IVA and an Ente's codice fiscale: 11 digits with the check digit", () => {
  for (const ok of ["06363391001", "12345678903", "00000000000"]) assert.equal(validPartitaIva(ok), true, ok);
  for (const bad of ["12345678901", "06363391002", "0636339100", "0636339100a"]) assert.equal(validPartitaIva(bad), false, bad);
  assert.equal(check("partita-iva", "063 6339 1001"), null, "spaces are forgiven");
  assert.match(check("partita-iva", "12345678901"), /cifra di controllo/);
  assert.equal(check("partita-iva", "0636", false), null, "incomplete while typing");
  assert.match(check("partita-iva", "0636"), /11 cifre/);
});

test("personal codice fiscale: 16 characters with the check letter, homocody too", () => {
  for (const ok of ["RSSMRA80A01H501U", "MRTMTT25D09F205Z", "rssmra80a01h501u"]) assert.equal(validCodiceFiscale(ok), true, ok);
  for (const bad of ["RSSMRA80A01H501X", "RSSMRA80Z01H501U", "RSSMRA80A01H50"]) assert.equal(validCodiceFiscale(bad), false, bad);
  assert.equal(check("codice-fiscale", "06363391001"), null, "an Ente's numeric code");
  assert.equal(check("codice-fiscale", "RSSMRA80A01H501U"), null);
  assert.match(check("codice-fiscale", "RSSMRA80A01H501X"), /lettera di controllo/);
  assert.match(check("codice-fiscale", "RSS-MRA"), /16 caratteri/);
});

test("CAP, codice univoco, CIG, e-mail, PEC, telephone", () => {
  assert.equal(check("cap", "27990"), null);
  assert.match(check("cap", "2799a", false), /5 cifre/);
  assert.equal(check("codice-univoco", "UFXYZ1"), null);
  assert.match(check("codice-univoco", "UFXYZ12"), /6 caratteri/);
  assert.equal(check("cig", "Z1A2B3C4D5"), null);
  assert.match(check("cig", "Z1A2B3"), /10 caratteri/);
  assert.equal(check("email", "nome@comune.example.it"), null);
  assert.equal(check("email", "nome@", false), null, "not judged while typing");
  assert.match(check("pec", "protocollo@pec"), /PEC completo/);
  assert.equal(check("telefono", "+39 0385 410200"), null);
  assert.match(check("telefono", "tel. 12"), /telefono/);
  assert.equal(check("cap", "   "), null, "empty is for the required check");
});

test("what the PDF's fields can hold, and dates as written in Italy", () => {
  assert.equal(unsupported("Niccolò Àlvarez – «€ 12» ’"), null);
  // The letters of Romanian, Polish, Czech, Hungarian, Croatian, Slovenian, German, French, Spanish.
  assert.equal(unsupported("Ștefănescu Țară Łukasz Żółć Øre Ñandú Dvořák Ůžas Őrség Űr Đurđević Čakovec Šibenik Ljubljana Straße Œuvre Ÿ ¿Qué? ¡Sí!"), null);
  assert.equal(unsupported("Ελλάδα"), "Ε", "Greek is not in the font");
  assert.equal(unsupported("Москва"), "М");
  assert.equal(unsupported("ok 😀"), "😀");
});

test("the font the filled PDF embeds has every character the form accepts", () => {
  const require = createRequire(import.meta.url);
  const fontkit = require("../../themes/agid/node_modules/@pdf-lib/fontkit/dist/fontkit.umd.min.js");
  const dir = new URL("../../themes/agid/node_modules/bootstrap-italia/dist/fonts/Titillium_Web/", import.meta.url);
  const font = fontkit.create(readFileSync(new URL("titillium-web-v10-latin-ext_latin-regular.ttf", dir)));
  const missing = [];
  for (const [from, to] of PDF_CHARACTERS) {
    for (let c = Math.max(from, 0x20); c <= to; c++) if (!font.hasGlyphForCodePoint(c)) missing.push(c.toString(16));
  }
  assert.deepEqual(missing, []);
  assert.equal(italianDate("2026-11-23"), "23/11/2026");
  assert.equal(italianDate(""), "");
});
