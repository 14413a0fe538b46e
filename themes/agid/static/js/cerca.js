// Site search on /cerca/ with Pagefind's JS API (Italian stemming), written as plain list
// markup so that it stays accessible: labelled fields, results as you type (after a pause)
// announced in a live region, twenty at a time with "Mostra altri risultati".
// Without JavaScript the form keeps its action and opens the catalog instead.

const PAGE = 20;
const root = document.querySelector("[data-search]");
if (root) start(root);

function start(root) {
  const form = root.querySelector("form");
  const input = form.elements.q;
  const status = root.querySelector("[role=status]");
  const list = root.querySelector(".vetrina-cerca-risultati");
  root.querySelector(".vetrina-cerca-nojs").hidden = true;
  root.querySelector(".vetrina-cerca-filtri").hidden = false;
  form.action = window.location.pathname;
  let pagefind = null;
  let found = [];
  let shown = 0;
  let latest = 0;
  let typing = 0;
  const moreButton = root.querySelector("[data-search-more]");
  let loading = false;
  moreButton.addEventListener("click", async () => {
    // One page at a time, however fast the clicks.
    if (loading) return;
    loading = true;
    const first = list.children.length;
    const added = await more().finally(() => {
      loading = false;
    });
    status.textContent = `Altri ${added} risultati: ${shown} di ${found.length}.`;
    // Keyboard users land on the first new result.
    list.children[first]?.querySelector("a")?.focus();
  });

  async function engine() {
    if (!pagefind) {
      pagefind = await import(`${root.dataset.bundle}pagefind.js`);
      await pagefind.options({ baseUrl: root.dataset.base });
    }
    return pagefind;
  }

  async function run() {
    const query = input.value.trim();
    const filters = {};
    if (form.elements.livello.value) filters.livello = form.elements.livello.value;
    if (form.elements.destinatari.value) filters.destinatari = form.elements.destinatari.value;
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const [k, v] of Object.entries(filters)) params.set(k, v);
    window.history.replaceState(null, "", `${window.location.pathname}${params.size ? `?${params}` : ""}`);
    list.replaceChildren();
    moreButton.hidden = true;
    if (!query) {
      status.textContent = "Scrivete che cosa cercate.";
      return;
    }
    status.textContent = "Ricerca in corso…";
    const asked = ++latest;
    try {
      const search = await (await engine()).search(query, { filters });
      // A newer query was typed meanwhile: its results replace these.
      if (asked !== latest) return;
      found = search.results;
      shown = 0;
      await more();
      const n = found.length;
      status.textContent = n === 0 ? `Nessun risultato per «${query}».` : `${n} ${n === 1 ? "risultato" : "risultati"} per «${query}».`;
    } catch (error) {
      status.textContent = "La ricerca non è disponibile in questo momento.";
      console.error(error);
    }
  }

  /** The next page of results, below those shown; the button says how many are left. */
  async function more() {
    const next = found.slice(shown, shown + PAGE);
    const results = await Promise.all(next.map((r) => r.data()));
    for (const r of results) list.append(item(r));
    shown += next.length;
    const left = found.length - shown;
    moreButton.hidden = left <= 0;
    moreButton.textContent = `Mostra altri risultati (${Math.min(left, PAGE)} di ${left})`;
    return results.length;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    run();
  });
  // Results as you type, once the typing pauses (the status is announced politely).
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(run, 350);
  });
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT" && input.value.trim()) run();
  });

  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") ?? "";
  for (const key of ["livello", "destinatari"]) if (params.get(key)) form.elements[key].value = params.get(key);
  if (input.value) run();
}

/** One result: title link, type and the excerpt with the matched words marked. */
function item(result) {
  const li = document.createElement("li");
  li.className = "mb-4";
  const h = document.createElement("h2");
  h.className = "h5 mb-1";
  const a = document.createElement("a");
  a.href = result.url;
  a.textContent = result.meta.title ?? result.url;
  h.append(a);
  li.append(h);
  if (result.filters?.tipo?.length) {
    const kind = document.createElement("p");
    kind.className = "small text-secondary mb-1";
    kind.textContent = result.filters.tipo.join(", ");
    li.append(kind);
  }
  const p = document.createElement("p");
  p.className = "mb-0";
  // The excerpt is our own text with <mark> around the matches: keep only those marks.
  for (const part of result.excerpt.split(/(<mark>.*?<\/mark>)/)) {
    const m = part.match(/^<mark>(.*?)<\/mark>$/);
    if (m) {
      const mark = document.createElement("mark");
      mark.textContent = decode(m[1]);
      p.append(mark);
    } else {
      p.append(decode(part.replace(/<[^>]*>/g, "")));
    }
  }
  li.append(p);
  return li;
}

function decode(text) {
  const t = document.createElement("textarea");
  t.innerHTML = text;
  return t.value;
}
