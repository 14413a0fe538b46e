// The per-page checks of pages.test.mjs (the whole site) and fixtures.test.mjs (pages made
// to fail, so that each check is shown to catch its class of problem).
//
// Each page is loaded once at 1280 px and once at 320 px, in Chromium under the server's
// CSP; at each width axe-core runs (WCAG 2.1 A and AA; the header and the tables change
// with the width) and the page's requests, console and `securitypolicyviolation` events are
// recorded. At 1280 px the links, ids and headings are read; at 320 px the page width.

import { page, axe } from "./harness.mjs";

export const WIDTHS = { desktop: { width: 1280, height: 800 }, narrow: { width: 320, height: 640 } };

async function newPage(chrome, viewport) {
  const p = await page(chrome, { viewport });
  p.pending = new Set();
  p.on("request", (r) => p.pending.add(r));
  p.on("requestfinished", (r) => p.pending.delete(r));
  p.on("requestfailed", (r) => p.pending.delete(r));
  return p;
}

/** Wait (5 s at most) until no request of the page is in flight. */
async function settle(p) {
  for (let i = 0; i < 100 && p.pending.size > 0; i++) await p.waitForTimeout(50);
}

/** Load `url`, wait for the fonts (colour contrast and widths depend on them) and requests. */
async function load(p, url) {
  p.problems.length = 0;
  await p.goto(url, { waitUntil: "load" });
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  await settle(p);
}

async function visit(desktop, narrow, base, path) {
  const result = { path };
  await load(desktop, base + path);
  result.axe = (await axe(desktop)).map((v) => ({ ...v, width: 1280 }));
  Object.assign(
    result,
    await desktop.evaluate(() => ({
      links: [...document.querySelectorAll("a[href], area[href], link[href], [src]")]
        .map((e) => e.href || e.src)
        .filter((u) => u.startsWith(location.origin)),
      ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
      headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
        .filter((h) => h.checkVisibility())
        .map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.replace(/\s+/g, " ").trim().slice(0, 60) })),
    })),
  );
  await settle(desktop);
  result.problems = [...desktop.problems];

  await load(narrow, base + path);
  result.overflow = await narrow.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    // Name the elements that stick out on the right, innermost first.
    const out = [...document.body.querySelectorAll("*")]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5 && e.checkVisibility())
      .filter((e, _, all) => !all.some((o) => o !== e && e.contains(o)))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${[...e.classList].map((c) => "." + c).join("")}`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, out };
  });
  result.axe.push(...(await axe(narrow)).map((v) => ({ ...v, width: 320 })));
  await settle(narrow);
  result.problems.push(...narrow.problems.map((m) => `at 320 px: ${m}`));
  return result;
}

/** Visit every path of `paths` on the server at `base`, with `workers` tabs in parallel. */
export async function crawl(chrome, base, paths, { workers = 2 } = {}) {
  const queue = [...paths];
  const results = new Map();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const desktop = await newPage(chrome, WIDTHS.desktop);
      const narrow = await newPage(chrome, WIDTHS.narrow);
      for (let path = queue.shift(); path; path = queue.shift()) {
        try {
          results.set(path, await visit(desktop, narrow, base, path));
        } catch (e) {
          results.set(path, { path, error: String(e) });
        }
      }
      await desktop.context().close();
      await narrow.context().close();
    }),
  );
  return [...results.values()].sort((a, b) => a.path.localeCompare(b.path));
}

const isRequest = (m) => /^(at 320 px: )?(request failed|HTTP \d)/.test(m);

/**
 * The failures found by `crawl`, by check; each names the page and the rule. `links` fetches
 * from the server at `base` every same-origin target that is not one of the crawled pages.
 */
export async function failures(results, base) {
  const f = { errors: [], axe: [], requests: [], console: [], links: [], headings: [], reflow: [] };
  const ids = new Map(results.map((r) => [r.path, new Set(r.ids ?? [])]));
  const targets = new Map(); // path -> pages that link it
  for (const r of results) {
    if (r.error) f.errors.push(`${r.path}: ${r.error}`);
    for (const v of r.axe ?? []) {
      f.axe.push(`${r.path} (${v.width} px): ${v.id} [${v.impact}] ${v.help}\n    ${v.targets.slice(0, 8).join("\n    ")}`);
    }
    for (const m of r.problems ?? []) (isRequest(m) ? f.requests : f.console).push(`${r.path}: ${m}`);
    for (const link of new Set(r.links ?? [])) {
      const url = new URL(link);
      const fragment = decodeURIComponent(url.hash.slice(1));
      const path = decodeURIComponent(url.pathname);
      if (!targets.has(path)) targets.set(path, new Set());
      targets.get(path).add(r.path);
      if (fragment && fragment !== "top" && ids.has(path) && !ids.get(path).has(fragment)) {
        f.links.push(`${r.path}: link to ${path}#${fragment}: no element there has id="${fragment}"`);
      }
    }
    const h = r.headings ?? [];
    const h1 = h.filter((x) => x.level === 1).length;
    if (r.headings && h1 !== 1) f.headings.push(`${r.path}: ${h1} h1 headings, not one`);
    h.forEach((x, i) => {
      const prev = i === 0 ? 0 : h[i - 1].level;
      if (x.level > prev + 1) f.headings.push(`${r.path}: h${x.level} "${x.text}" follows ${prev ? "h" + prev : "no heading"}, skipping a level`);
    });
    if (r.overflow) {
      f.reflow.push(`${r.path}: ${r.overflow.scrollWidth} px wide in a ${r.overflow.clientWidth} px window; sticking out: ${r.overflow.out.join(", ")}`);
    }
  }
  for (const [path, from] of targets) {
    if (ids.has(path)) continue; // one of the crawled pages
    const res = await fetch(base + path);
    await res.arrayBuffer();
    if (res.status !== 200) f.links.push(`${[...from][0]}: link to ${path} answers ${res.status} (linked from ${from.size} page(s))`);
  }
  return f;
}
