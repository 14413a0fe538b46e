// Tab through a page as a keyboard user does and check the order and the focus indicator.
// Used by keyboard.test.mjs (the site's pages) and fixtures.test.mjs (pages made to fail).

/**
 * From the top of the loaded page `p`, press Tab until focus leaves the page or comes back
 * to the first control. Returns the visible controls in DOM order (`expected`), the stops
 * Tab made, and a list of failures, each naming the control:
 * - a visible control that Tab never reaches, or reaches out of DOM order;
 * - a Tab stop on something that is not a visible control (a hidden link, say);
 * - a positive tabindex (it reorders the page);
 * - a focused control with no visible focus indicator: no outline and no box-shadow that
 *   differs from its unfocused state, on it or, for the inputs Bootstrap Italia draws
 *   through their label (checkboxes, radios, rating stars), on the label.
 */
export async function tabWalk(p) {
  await p.evaluate(() => document.activeElement?.blur());
  const expected = await p.evaluate(() => {
    const SELECTOR = "a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]";
    const focusable = [...document.querySelectorAll(SELECTOR)].filter(
      (el) =>
        !el.disabled &&
        el.type !== "hidden" &&
        el.tabIndex >= 0 &&
        !el.closest("[inert]") &&
        !(el.tagName === "SUMMARY" && el.parentElement.tagName !== "DETAILS") &&
        el.checkVisibility({ visibilityProperty: true }),
    );
    // A group of radio buttons is one Tab stop: the checked one, or the first.
    const controls = focusable.filter((el) => {
      if (el.type !== "radio" || !el.name) return true;
      const group = focusable.filter((r) => r.type === "radio" && r.name === el.name && r.form === el.form);
      return el === (group.find((r) => r.checked) ?? group[0]);
    });

    const describe = (el) => {
      const tag = el.tagName.toLowerCase();
      const id = el.id ? `#${el.id}` : "";
      const what = el.getAttribute("href") ?? el.getAttribute("type") ?? el.getAttribute("name") ?? "";
      const label = (el.labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 50);
      return `<${tag}${id}${what ? " " + what : ""}> "${label}"`;
    };
    // Where the focus indicator may be drawn: the control, or its label when the control
    // itself is not painted (Bootstrap Italia's checkboxes and radios).
    const painted = (el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return s.opacity !== "0" && r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0;
    };
    const candidates = (el) => {
      const list = painted(el) ? [el] : [];
      for (const label of el.labels ?? []) list.push(label, ...label.querySelectorAll("svg"));
      return list;
    };
    const signature = (el) => {
      const s = getComputedStyle(el);
      return { outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor, boxShadow: s.boxShadow };
    };
    window.__kb = { controls, candidates, signature, describe, before: controls.map((el) => candidates(el).map(signature)) };
    return controls.map(describe);
  });

  const failures = [];
  const tabindex = await p.evaluate(() =>
    [...document.querySelectorAll("[tabindex]")].filter((el) => el.tabIndex > 0).map((el) => window.__kb.describe(el)),
  );
  for (const el of tabindex) failures.push(`positive tabindex on ${el}: it changes the Tab order`);

  const stops = [];
  for (let i = 0; i < expected.length + 10; i++) {
    await p.keyboard.press("Tab");
    const stop = await p.evaluate(() => {
      const { controls, candidates, signature, describe, before } = window.__kb;
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return null;
      const index = controls.indexOf(el);
      const transparent = (c) => /rgba\(.*,\s*0\)$|transparent/.test(c);
      const visible = (now, was) =>
        (now.outlineStyle !== "none" && parseFloat(now.outlineWidth) > 0 && !transparent(now.outlineColor) &&
          (now.outlineStyle !== was?.outlineStyle || now.outlineColor !== was?.outlineColor || now.outlineWidth !== was?.outlineWidth)) ||
        (now.boxShadow !== "none" && now.boxShadow !== was?.boxShadow && !transparent(now.boxShadow.replace(/\)\s.*$/, ")")));
      const now = candidates(el).map(signature);
      const was = index >= 0 ? before[index] : [];
      const r = el.getBoundingClientRect();
      return {
        index,
        name: describe(el),
        indicator: now.some((s, k) => visible(s, was[k])),
        onScreen: candidates(el).some((c) => {
          const b = c.getBoundingClientRect();
          return b.width > 1 && b.height > 1 && b.bottom > 0 && b.top < innerHeight && b.right > 0 && b.left < innerWidth;
        }) || (r.width > 1 && r.bottom > 0 && r.top < innerHeight),
      };
    });
    if (stop === null || (stops.length > 0 && stop.index === stops[0].index && stop.name === stops[0].name)) break;
    stops.push(stop);
  }

  let last = -1;
  for (const stop of stops) {
    if (stop.index < 0) {
      failures.push(`Tab stops on ${stop.name}, which is not a visible control`);
      continue;
    }
    if (stop.index < last) failures.push(`Tab reaches ${stop.name} after ${expected[last]}, though it comes first in the page`);
    last = Math.max(last, stop.index);
    if (!stop.indicator) failures.push(`no visible focus indicator on ${stop.name} (no outline or box-shadow when focused)`);
    if (!stop.onScreen) failures.push(`${stop.name} is focused off screen or with no size`);
  }
  const reached = new Set(stops.map((s) => s.index));
  expected.forEach((name, i) => {
    if (!reached.has(i)) failures.push(`Tab never reaches ${name}`);
  });
  return { expected, stops, failures };
}

/**
 * From the top of the loaded page `p`: the first Tab stop must be the skip link "Vai ai
 * contenuti" to #main-container, visible once focused; Enter on it must move focus into
 * #main-container, and the next Tab must stay inside it. Returns the failures.
 */
export async function skipLink(p) {
  const failures = [];
  await p.evaluate(() => document.activeElement?.blur());
  await p.keyboard.press("Tab");
  const first = await p.evaluate(() => ({
    text: document.activeElement.textContent.trim(),
    href: document.activeElement.getAttribute("href"),
    width: document.activeElement.getBoundingClientRect().width,
  }));
  if (first.text !== "Vai ai contenuti" || first.href !== "#main-container") {
    return [`the first Tab stop is "${first.text}" (${first.href}), not the skip link "Vai ai contenuti" (#main-container)`];
  }
  if (first.width <= 10) failures.push("the skip link stays invisible when focused");
  await p.keyboard.press("Enter");
  const active = await p.evaluate(() => {
    const main = document.getElementById("main-container");
    return main?.contains(document.activeElement) ? null : `<${document.activeElement.tagName.toLowerCase()}>`;
  });
  if (active) failures.push(`after Enter on the skip link focus is on ${active}, not in #main-container (does <main> have tabindex="-1"?)`);
  await p.keyboard.press("Tab");
  const inside = await p.evaluate(() => document.getElementById("main-container").contains(document.activeElement));
  if (!inside) failures.push("the Tab after the skip link does not go to the first control in #main-container");
  return failures;
}
