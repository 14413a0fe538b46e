// Runs the hand-computed pricing vectors against the browser engine.
// Usage: node tests/js/vectors.mjs <tariffs.json> <vectors.json>, the first {tariffs, periods, today}:
// a tariff with dated price lists (in `periods`) is priced year by year from `today`.
import { readFileSync } from "node:fs";
import { quote, quotePeriods } from "../../themes/agid/static/js/pricing.js";

const [tariffsFile, vectorsFile] = process.argv.slice(2);
const { tariffs, periods, today } = JSON.parse(readFileSync(tariffsFile, "utf8"));
const { cases } = JSON.parse(readFileSync(vectorsFile, "utf8"));

const euros = (c) => `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, "0")}`;
const priceText = (p) => (p.kind === "amount" ? euros(p.cents) : p.kind);
const defaults = { ente_type: "comune", population: 0, workstations: 0, businesses: 0, users: 0, persons: 0, member: true, quantities: {}, years: 1, start: null };

let passed = 0;
let failed = 0;
for (const c of cases) {
  const profile = { ...defaults, ...c.profile };
  const q = periods[c.tariff] ? quotePeriods(periods[c.tariff], profile, today) : quote(tariffs[c.tariff], profile);
  const problems = [];
  for (const [key, want] of Object.entries(c.expect)) {
    let got;
    if (key === "lines") {
      got = {};
      for (const id of Object.keys(want)) {
        const line = q.lines.find((l) => l.item === id);
        got[id] = line ? priceText(line.price) : "no such item";
      }
    } else if (typeof want === "boolean") {
      got = q[key];
    } else {
      got = euros(q[key]);
    }
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  if (problems.length) {
    failed++;
    console.log(`FAIL ${c.name}: ${problems.join("; ")}`);
  } else {
    passed++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
