// Differential test: the browser engine must give exactly the Rust engine's quote.
// Usage: node tests/js/differential.mjs <cases.json>  ({tariffs, periods, today, cases: [{tariff, profile, quote}]}):
// a tariff with dated price lists (in `periods`) is priced year by year from `today`.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { quote, quotePeriods } from "../../themes/agid/static/js/pricing.js";

const { tariffs, periods, today, cases } = JSON.parse(readFileSync(process.argv[2], "utf8"));
let passed = 0;
let failed = 0;
for (const c of cases) {
  const got = periods[c.tariff] ? quotePeriods(periods[c.tariff], c.profile, today) : quote(tariffs[c.tariff], c.profile);
  if (isDeepStrictEqual(got, c.quote)) {
    passed++;
  } else {
    failed++;
    if (failed <= 5) {
      console.log(`FAIL ${c.tariff} ${JSON.stringify(c.profile)}\n  rust: ${JSON.stringify(c.quote)}\n  js:   ${JSON.stringify(got)}`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
