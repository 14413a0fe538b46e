// Vetrina dev server: reload the page when the site is rebuilt; show build errors in an
// overlay (file:line:col and message) until they are fixed. Added only by `vetrina serve`.
(() => {
  const base = document.currentScript.src.replace(/__vetrina\/livereload\.js$/, "");
  const events = new EventSource(`${base}__vetrina/events`);
  let overlay = null;
  function show({ title: heading, errors }) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "vetrina-errori";
      overlay.setAttribute("role", "alertdialog");
      overlay.setAttribute("aria-label", "Errori di compilazione");
      overlay.className = "vetrina-overlay";
      document.body.append(overlay);
    }
    overlay.replaceChildren();
    const title = document.createElement("h2");
    title.textContent = heading;
    overlay.append(title);
    for (const e of errors) {
      const pre = document.createElement("pre");
      pre.textContent = e;
      overlay.append(pre);
    }
  }
  events.addEventListener("reload", () => window.location.reload());
  events.addEventListener("errors", (event) => show(JSON.parse(event.data)));
})();
