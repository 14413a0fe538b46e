// Vetrina pricing engine for the browser: the same steps as src/pricing/engine.rs, on the
// tariff JSON the build writes (assets/data/tariffe.json). All money is exact: BigInt
// ten-thousandths of a euro while computing, then cents rounded half away from zero.
// A differential test (tests/js/differential.mjs) checks it against the Rust engine.

const B = (n) => BigInt(n);

/** Divide and round half away from zero (the only rounding rule). */
export function divRound(num, den) {
  const q = num / den;
  const r = num % den;
  const abs = (x) => (x < 0n ? -x : x);
  if (2n * abs(r) >= abs(den)) {
    const sign = (num < 0n) !== (den < 0n) ? -1n : 1n;
    return q + sign;
  }
  return q;
}

/** amount × basis points, rounded to the cent. */
export function percentOf(cents, bp) {
  return divRound(B(cents) * B(bp), 10000n);
}

function figure(profile, basis) {
  const key = {
    population: "population",
    workstations: "workstations",
    businesses: "businesses",
    users: "users",
    persons: "persons",
  }[basis];
  return B(profile[key] ?? 0);
}

const inBand = (band, x) => x >= B(band.from) && (band.to === null || x <= B(band.to));

// Returns {exact: BigInt} | {onRequest: true} | {included: true}
function evalRule(rule, p) {
  switch (rule.model) {
    case "fixed":
      return { exact: B(rule.amount) * 100n };
    case "included":
      return { included: true };
    case "on-request":
      return { onRequest: true };
    case "per-unit":
      return { exact: figure(p, rule.basis) * B(rule.rate) };
    case "bands": {
      const x = figure(p, rule.basis);
      const band = rule.bands.find((b) => inBand(b, x));
      if (!band || band.value.kind === "on-request") return { onRequest: true };
      if (band.value.kind === "flat") return { exact: B(band.value.value) * 100n };
      if (band.value.kind === "sum") return evalRule({ model: "sum", parts: band.value.value }, p);
      return { exact: x * B(band.value.value) };
    }
    case "tiers": {
      const x = figure(p, rule.basis);
      let total = 0n;
      for (const b of rule.bands) {
        const lo = B(b.from) > 1n ? B(b.from) : 1n;
        const hi = b.to === null ? x : (B(b.to) < x ? B(b.to) : x);
        if (hi >= lo) {
          if (b.value.kind === "per-unit") total += (hi - lo + 1n) * B(b.value.value);
          else if (b.value.kind === "flat") total += B(b.value.value) * 100n;
          else return { onRequest: true };
        }
      }
      return { exact: total };
    }
    case "sum": {
      let total = 0n;
      let any = false;
      for (const part of rule.parts) {
        const v = evalRule(part, p);
        if (v.onRequest) return v;
        if (v.exact !== undefined) {
          total += v.exact;
          any = true;
        }
      }
      return any ? { exact: total } : { included: true };
    }
    default:
      throw new Error(`unknown price model ${rule.model}`);
  }
}

function quantityOf(item, p) {
  if (!item.quantity) return null;
  const q = item.quantity;
  let chosen = p.quantities && item.id in p.quantities ? p.quantities[item.id] : q.default;
  chosen = Math.max(chosen, q.min);
  if (q.max !== null && q.max !== undefined) chosen = Math.min(chosen, q.max);
  return chosen;
}

/** Price of one item per period, before the member discount: {kind, cents?}. */
export function itemPrice(item, p) {
  const override = item.by_ente_type.find(([t]) => t === p.ente_type);
  const qty = B(quantityOf(item, p) ?? 1);
  if (override) {
    const f = override[1];
    if (f.kind === "amount") return { kind: "amount", cents: B(f.cents) * qty };
    return { kind: f.kind };
  }
  const v = evalRule(item.rule, p);
  if (v.onRequest) return { kind: "on-request" };
  if (v.included) return { kind: "included" };
  let cents = divRound(v.exact, 100n);
  if (item.min !== null && item.min !== undefined && cents < B(item.min)) cents = B(item.min);
  if (item.max !== null && item.max !== undefined && cents > B(item.max)) cents = B(item.max);
  return { kind: "amount", cents: cents * qty };
}

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The share of its first year an item is charged, [numerator, denominator]: by months,
 * 13 − month twelfths (the month of the start counts whole); by days, the days from the start
 * to 31 December, both counted, over 365 or 366. `start` is "YYYY-MM-DD" or null.
 */
export function firstYearShare(rule, start) {
  if (!start || rule === "whole" || rule === undefined) return [1n, 1n];
  const [y, m, d] = start.split("-").map(Number);
  if (rule === "months") return [B(13 - m), 12n];
  const daysInYear = isLeap(y) ? 366 : 365;
  const dayOfYear = (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86400000 + 1;
  return [B(daysInYear - dayOfYear + 1), B(daysInYear)];
}

/** Evaluate a tariff for a profile: the same shape as the Rust `Quote`, amounts as Numbers. */
export function quote(tariff, p) {
  const notAvailable = tariff.members_only && !p.member;
  const lines = [];
  let oneOff = 0n;
  let yearly = 0n;
  let firstYear = 0n;
  let incomplete = false;
  for (const item of tariff.items) {
    const chosen = !item.optional || (p.quantities && item.id in p.quantities);
    let price;
    if (notAvailable) price = { kind: "not-available" };
    else if (!chosen) price = { kind: "not-chosen" };
    else price = itemPrice(item, p);
    if (price.kind === "amount" && p.member && tariff.member_discount > 0) {
      price = { kind: "amount", cents: price.cents - percentOf(price.cents, tariff.member_discount) };
    }
    let perYear = null;
    let lineFirstYear = null;
    if (price.kind === "amount") {
      if (item.periodicity === "yearly") perYear = price.cents;
      if (item.periodicity === "monthly") perYear = price.cents * 12n;
      if (item.periodicity === "one-off") oneOff += price.cents;
      else {
        const [num, den] = firstYearShare(item.first_year, p.start ?? null);
        lineFirstYear = divRound(perYear * num, den);
        yearly += perYear;
        firstYear += lineFirstYear;
      }
    } else if (price.kind === "on-request") {
      incomplete = true;
    }
    lines.push({
      item: item.id,
      name: item.name,
      periodicity: item.periodicity,
      quantity: chosen ? quantityOf(item, p) : null,
      price: price.kind === "amount" ? { kind: "amount", cents: Number(price.cents) } : { kind: price.kind },
      per_year: perYear === null ? null : Number(perYear),
      first_year: lineFirstYear === null ? null : Number(lineFirstYear),
    });
  }
  const years = B(Math.max(p.years ?? 1, 1));
  const vatOneOff = percentOf(oneOff, tariff.vat);
  const vatYearly = percentOf(yearly, tariff.vat);
  const vatFirstYear = percentOf(firstYear, tariff.vat);
  // Year 1 has the one-off costs and the first year's share; the other years the full yearly costs.
  return {
    lines,
    one_off: Number(oneOff),
    yearly: Number(yearly),
    vat_one_off: Number(vatOneOff),
    vat_yearly: Number(vatYearly),
    first_year: Number(firstYear),
    vat_first_year: Number(vatFirstYear),
    years: Number(years),
    total: Number(oneOff + firstYear + yearly * (years - 1n)),
    total_vat: Number(vatOneOff + vatFirstYear + vatYearly * (years - 1n)),
    by_year: [
      { net: Number(oneOff + firstYear), vat: Number(vatOneOff + vatFirstYear) },
      ...Array.from({ length: Number(years) - 1 }, () => ({ net: Number(yearly), vat: Number(vatYearly) })),
    ],
    incomplete,
    not_available: notAvailable,
  };
}

/** The price list that prices `day` ("YYYY-MM-DD"): the last starting on or before it, else the first. */
export function periodAt(periods, day) {
  return [...periods].reverse().find((p) => p.from <= day) ?? periods[0];
}

/**
 * A tariff with dated price lists, as `quote_periods` in Rust: year 1 (from the profile's
 * start, else `today`) with the list in force that day, each later year with the list in
 * force on its 1 January. ISO dates compare as strings.
 */
export function quotePeriods(periods, p, today) {
  const start = p.start ?? today;
  const years = Math.max(p.years ?? 1, 1);
  const q = quote(periodAt(periods, start).tariff, { ...p, years: 1 });
  const startYear = Number(start.slice(0, 4));
  for (let k = 1; k < years; k++) {
    const later = quote(periodAt(periods, `${String(startYear + k).padStart(4, "0")}-01-01`).tariff, { ...p, years: 1, start: null });
    q.by_year.push({ net: later.yearly, vat: later.vat_yearly });
    q.incomplete ||= later.incomplete;
  }
  q.total = q.by_year.reduce((n, y) => n + y.net, 0);
  q.total_vat = q.by_year.reduce((n, y) => n + y.vat, 0);
  q.years = years;
  return q;
}

/** Italian formatting of cents: 123456 → "1.234,56 €". */
export function formatEuro(cents) {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.trunc(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const rest = String(abs % 100).padStart(2, "0");
  return `${neg ? "-" : ""}${euros},${rest} €`;
}

/** A day on this computer's calendar (today by default) as "YYYY-MM-DD". */
export function localDay(d = new Date()) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** "2027-04-15" → "15/04/2027", as an Italian office writes a day. */
export function formatDay(iso) {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** What a quote line adds to its price when its first year is charged in proportion: "" or " (primo anno: 1.058,67 €)". */
export function firstYearText(line) {
  return line.first_year !== null && line.first_year !== undefined && line.first_year !== line.per_year ? ` (primo anno: ${formatEuro(line.first_year)})` : "";
}
