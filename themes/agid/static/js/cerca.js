// Site search on /cerca/ with Pagefind's JS API (Italian stemming), written as plain list
// markup so that it stays accessible: labelled fields, results announced in a live region.
// Without JavaScript the form keeps its action and opens the catalog instead.

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
    if (!query) {
      status.textContent = "Scrivete che cosa cercate.";
      return;
    }
    status.textContent = "Ricerca in corso…";
    try {
      const search = await (await engine()).search(query, { filters });
      const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
      for (const r of results) list.append(item(r));
      const n = search.results.length;
      status.textContent = n === 0 ? `Nessun risultato per «${query}».` : `${n} ${n === 1 ? "risultato" : "risultati"} per «${query}»${n > 20 ? ": i primi 20" : ""}.`;
    } catch (error) {
      status.textContent = "La ricerca non è disponibile in questo momento.";
      console.error(error);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
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
