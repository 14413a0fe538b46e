// Checks of what a person types into a form, each with the message to show next to the
// field (Italian). Pure functions: modulo.js wires them to the page, the tests call them.
//
// `check(kind, value, final)` returns null when the value is fine, or a message. With
// `final` false (while typing) a value that is only incomplete is not an error yet.

/** Position values of the odd characters of a personal codice fiscale. */
const ODD = {
  0: 1, 1: 0, 2: 5, 3: 7, 4: 9, 5: 13, 6: 15, 7: 17, 8: 19, 9: 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

/** The check digit of an 11-digit partita IVA or numeric codice fiscale is right. */
export function validPartitaIva(digits) {
  if (!/^\d{11}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(digits[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(digits[10]);
}

/** A personal codice fiscale (16 characters, homocody letters allowed) with its check letter. */
export function validCodiceFiscale(code) {
  const c = code.toUpperCase();
  const digit = "[0-9LMNPQRSTUV]";
  const shape = new RegExp(`^[A-Z]{6}${digit}{2}[A-EHLMPRST]${digit}{2}[A-Z]${digit}{3}[A-Z]$`);
  if (!shape.test(c)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = c[i];
    if (i % 2 === 0) sum += ODD[ch];
    else sum += /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26)) === c[15];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** The message for a value of the given field type, or null. */
export function check(kind, raw, final = true) {
  const value = raw.trim();
  if (value === "") return null;
  const compact = value.replace(/\s+/g, "");
  switch (kind) {
    case "cap":
      if (!/^\d*$/.test(compact) || compact.length > 5 || (final && compact.length !== 5)) return "Il CAP ha 5 cifre, ad esempio 27990.";
      return null;
    case "partita-iva":
      if (!/^\d*$/.test(compact) || compact.length > 11 || (final && compact.length !== 11)) return "La partita IVA ha 11 cifre.";
      if (compact.length === 11 && !validPartitaIva(compact)) return "La partita IVA non è valida: controllate le cifre (l'ultima è una cifra di controllo).";
      return null;
    case "codice-fiscale":
      if (/^\d+$/.test(compact)) {
        if (compact.length > 11 || (final && compact.length !== 11)) return "Il codice fiscale di un Ente ha 11 cifre; quello di una persona 16 caratteri.";
        if (compact.length === 11 && !validPartitaIva(compact)) return "Il codice fiscale non è valido: controllate le cifre (l'ultima è una cifra di controllo).";
        return null;
      }
      if (!/^[A-Za-z0-9]*$/.test(compact) || compact.length > 16 || (final && compact.length !== 16)) {
        return "Il codice fiscale di un Ente ha 11 cifre; quello di una persona 16 caratteri, lettere e cifre.";
      }
      if (compact.length === 16 && !validCodiceFiscale(compact)) return "Il codice fiscale non è valido: controllate i caratteri (l'ultimo è una lettera di controllo).";
      return null;
    case "codice-univoco":
      if (!/^[A-Za-z0-9]*$/.test(compact) || compact.length > 6 || (final && compact.length !== 6)) {
        return "Il codice univoco ufficio ha 6 caratteri, lettere e cifre (lo trovate su IndicePA).";
      }
      return null;
    case "cig":
      if (!/^[A-Za-z0-9]*$/.test(compact) || compact.length > 10 || (final && compact.length !== 10)) return "Il CIG ha 10 caratteri, lettere e cifre.";
      return null;
    case "email":
      return final && !EMAIL.test(value) ? "Scrivete un indirizzo e-mail completo, ad esempio nome@comune.example.it." : null;
    case "pec":
      return final && !EMAIL.test(value) ? "Scrivete l'indirizzo PEC completo, ad esempio protocollo@pec.comune.example.it." : null;
    case "telefono":
      if (!/^\+?[\d\s./()-]*$/.test(value) || (final && value.replace(/\D/g, "").length < 6)) return "Scrivete un numero di telefono, ad esempio 0385 410200.";
      return null;
    case "numero":
      return /^\d+$/.test(compact) ? null : "Scrivete un numero intero, senza punti né virgole.";
    default:
      return null;
  }
}

/**
 * What the filled PDF can write: the characters of Titillium Web, the font modulo.js embeds
 * for the fields (tests/browser/controlli.test.mjs checks the font has every one). That is
 * Latin-1, Latin Extended-A (Polish, Czech, Hungarian, Croatian, Slovenian, ...) and the
 * Romanian comma letters, besides the usual punctuation and €.
 */
export const PDF_CHARACTERS = [
  [0x0a, 0x0a], [0x0d, 0x0d], [0x20, 0x7e], [0xa0, 0xac], [0xae, 0x131], [0x134, 0x137], [0x139, 0x13e], [0x141, 0x148],
  [0x14a, 0x17e], [0x192, 0x192], [0x1fa, 0x1ff], [0x218, 0x21b], [0x2c6, 0x2c6], [0x2da, 0x2da], [0x2dc, 0x2dc],
  [0x1e80, 0x1e85], [0x1ef2, 0x1ef3], [0x1ef8, 0x1ef9], [0x2013, 0x2014], [0x2018, 0x201a], [0x201c, 0x201e], [0x2020, 0x2020],
  [0x2022, 0x2022], [0x2026, 0x2026], [0x2039, 0x203a], [0x2044, 0x2044], [0x20ac, 0x20ac], [0x2122, 0x2122], [0x2212, 0x2212],
];

/** The first character the filled PDF cannot write, or null. */
export function unsupported(text) {
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (!PDF_CHARACTERS.some(([from, to]) => c >= from && c <= to)) return ch;
  }
  return null;
}

/** `2026-11-23` → `23/11/2026`; other text as it is. */
export function italianDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}
