// The quote as a PDF made in the browser with pdf-lib (loaded only on "Scarica il
// preventivo (PDF)"): the same facts as the printed quote (`quoteFacts` of preventivo.js),
// on A4 in Titillium Web, embedded as a subset so any Latin letter of the Ente's name prints.

import { classicScript, fetchBytes, saveFile } from "./carica.js";
import { quoteFacts } from "./preventivo.js";

const A4 = [595.28, 841.89];
const MARGIN = 48;
const WIDTH = A4[0] - 2 * MARGIN;

/** A cursor over pages: text that wraps, table rows that keep together, new pages. */
class Sheet {
  constructor(pdf, fonts, rgb) {
    Object.assign(this, { pdf, fonts, rgb });
    this.newPage();
  }
  newPage() {
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  ensure(height) {
    if (this.y - height < MARGIN) this.newPage();
  }
  lines(text, size, font, width) {
    const out = [];
    let line = "";
    for (const word of String(text).split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) {
        line = next;
        continue;
      }
      if (line) out.push(line);
      line = "";
      // A word wider than the column (an address) is broken by characters.
      for (const ch of word) {
        if (line && font.widthOfTextAtSize(line + ch, size) > width) {
          out.push(line);
          line = "";
        }
        line += ch;
      }
    }
    out.push(line);
    return out;
  }
  text(text, { size = 9.5, bold = false, gap = 3, x = MARGIN, width = WIDTH } = {}) {
    const font = bold ? this.fonts.bold : this.fonts.regular;
    for (const line of this.lines(text, size, font, width)) {
      this.ensure(size * 1.35);
      this.y -= size * 1.35;
      this.page.drawText(line, { x, y: this.y, size, font, color: this.rgb(0, 0, 0) });
    }
    this.y -= gap;
  }
  /** One table row: cells wrapped in their column, money columns aligned right. */
  row(cells, widths, { bold = false, shade = false, right = [] } = {}) {
    const size = 8.5;
    const font = bold ? this.fonts.bold : this.fonts.regular;
    const wrapped = cells.map((c, i) => this.lines(c, size, font, widths[i] - 6));
    const height = Math.max(...wrapped.map((l) => l.length)) * size * 1.3 + 4;
    this.ensure(height);
    let x = MARGIN;
    const top = this.y;
    if (shade) this.page.drawRectangle({ x, y: top - height, width: WIDTH, height, color: this.rgb(0.93, 0.93, 0.93) });
    wrapped.forEach((lines, i) => {
      lines.forEach((line, n) => {
        const w = font.widthOfTextAtSize(line, size);
        const at = right.includes(i) ? x + widths[i] - 3 - w : x + 3;
        this.page.drawText(line, { x: at, y: top - 2 - (n + 1) * size * 1.3 + 2, size, font });
      });
      this.page.drawRectangle({ x, y: top - height, width: widths[i], height, borderColor: this.rgb(0, 0, 0), borderWidth: 0.5 });
      x += widths[i];
    });
    this.y = top - height;
  }
}

function draw(sheet, f) {
  sheet.text(f.issuer.name, { size: 12, bold: true, gap: 1 });
  for (const line of f.issuer.lines) sheet.text(line, { size: 8, gap: 0 });
  sheet.text(`Riferimento: ${f.reference} · Data: ${f.date}`, { size: 8.5, gap: 8 });
  sheet.text("Preventivo", { size: 15, bold: true, gap: 4 });
  sheet.text(`Ente: ${f.ente}`, { size: 10, bold: true, gap: 1 });
  sheet.text(f.facts, { gap: 8 });
  const items = [WIDTH * 0.6, WIDTH * 0.15, WIDTH * 0.25];
  sheet.row(["Voce", "Periodicità", "Importo (IVA esclusa)"], items, { bold: true });
  for (const group of f.groups) {
    sheet.row([group.title, "", ""], items, { bold: true, shade: true });
    for (const r of group.rows) sheet.row(r, items, { right: [2] });
  }
  if (f.totals.length) {
    sheet.y -= 8;
    sheet.text("Totali", { size: 11, bold: true });
    const cols = [WIDTH * 0.34, WIDTH * 0.22, WIDTH * 0.22, WIDTH * 0.22];
    sheet.row(["", "IVA esclusa", "IVA", "IVA inclusa"], cols, { bold: true });
    for (const r of f.totals) sheet.row(r, cols, { right: [1, 2, 3] });
  }
  if (f.conditions.length) {
    sheet.y -= 8;
    sheet.text("Condizioni", { size: 11, bold: true });
    for (const c of f.conditions) sheet.text(`${c.title}. ${c.text}`, { size: 8 });
  }
  for (const note of f.notes) sheet.text(note, { size: 8 });
}

/** The quote's PDF bytes. `assets` holds the URLs of pdf-lib, fontkit and the two faces. */
export async function quotePdf(q, assets) {
  const [{ PDFDocument, rgb }, fontkit, regular, bold] = await Promise.all([
    import(assets.pdfLib),
    classicScript(assets.fontkit, "fontkit"),
    fetchBytes(assets.font),
    fetchBytes(assets.fontBold),
  ]);
  const f = quoteFacts(q);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const fonts = { regular: await pdf.embedFont(regular, { subset: true }), bold: await pdf.embedFont(bold, { subset: true }) };
  pdf.setTitle(`Preventivo ${f.reference} – ${f.ente}`, { showInWindowTitleBar: true });
  pdf.setSubject(`Preventivo di ${f.issuer.name}`);
  pdf.setLanguage("it-IT");
  pdf.setCreator(f.issuer.name);
  draw(new Sheet(pdf, fonts, rgb), f);
  return pdf.save();
}

/** Save the quote as a PDF. */
export async function downloadQuotePdf(q, assets) {
  const bytes = await quotePdf(q, assets);
  saveFile(bytes, "application/pdf", `preventivo-${quoteFacts(q).reference.toLowerCase()}.pdf`);
}
