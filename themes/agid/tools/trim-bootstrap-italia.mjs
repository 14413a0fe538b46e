#!/usr/bin/env node
// Runs after `npm ci` in the theme (the package's postinstall): makes the Bootstrap Italia
// files the site ships, trimmed to what the theme uses, into node_modules/.vetrina/:
//   bootstrap-italia.min.js   esbuild bundle of bootstrap-italia-entry.js (≈18 KB, not 1 MB)
//   bootstrap-italia.min.css  PurgeCSS of BI's CSS against the templates and scripts (≈70 KB, not 612 KB)
//   sources.sha256            the digest of what they were made from (see `sourcesDigest`)
// `vetrina build` publishes the first two, and warns when the templates no longer match the
// digest. Run it again (`npm run trim` in themes/agid) after editing the templates, so that
// a class used for the first time keeps its style.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync, mkdirSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { PurgeCSS } from "purgecss";

const theme = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(theme, "node_modules");
const bi = join(modules, "bootstrap-italia");
const out = join(modules, ".vetrina");
const version = JSON.parse(readFileSync(join(bi, "package.json"), "utf8")).version;

// Classes no template writes: added by the bundled scripts at run time (the bundle's own
// text is given to PurgeCSS too, this is belt and braces), made by Vetrina's Markdown
// renderer (src/markdown.rs), or plain elements Markdown can produce.
const SAFELIST = [
  "show", "fade", "expanded", "navbar-open", "navbar-backdrop", "active",
  "showing", "hiding", "collapsing", "is-invalid", "is-valid", "was-validated", "disabled",
  // PurgeCSS drops a selector made only of pseudo-classes: BI's keyboard focus ring
  // `:focus:not([data-focus-mouse=true])` (WCAG 2.4.7) would go.
  ":focus",
  "table", "table-responsive", "lettered",
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code",
  "kbd", "hr", "img", "em", "strong", "b", "i", "small", "sub", "sup", "del", "ins", "s", "mark", "abbr",
  "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "input", "label", "button", "select", "option",
  "textarea", "fieldset", "legend", "details", "summary", "nav", "main", "header", "footer", "section",
  "article", "aside", "address", "time", "svg", "use", "html", "body", "output",
];

// SHA-256 over each source, in byte order of its path relative to the theme: the path, a
// NUL, the content, a NUL. src/input/assets.rs computes the same to tell a stale trim.
function sourcesDigest() {
  const files = [];
  const walk = (rel, keep) => {
    for (const entry of readdirSync(join(theme, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path, keep);
      else if (keep(entry.name)) files.push(path);
    }
  };
  walk("templates", (name) => name.endsWith(".html"));
  files.push(...readdirSync(join(theme, "static", "js")).filter((n) => n.endsWith(".js")).map((n) => `static/js/${n}`));
  files.push("tools/bootstrap-italia-entry.js");
  files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const hash = createHash("sha256");
  for (const rel of files) hash.update(rel).update("\0").update(readFileSync(join(theme, rel))).update("\0");
  return hash.digest("hex");
}

async function bundle(minify) {
  const result = await esbuild.build({
    entryPoints: [join(theme, "tools", "bootstrap-italia-entry.js")],
    bundle: true,
    format: "iife",
    target: "es2019",
    minify,
    legalComments: "none",
    nodePaths: [modules],
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

// Write next to the target and rename: a killed install leaves no half file behind.
function put(name, text) {
  const path = join(out, name);
  writeFileSync(`${path}.part`, text);
  renameSync(`${path}.part`, path);
  return Buffer.byteLength(text);
}

mkdirSync(out, { recursive: true });
const licence = `/*! Bootstrap Italia ${version}, trimmed for the Vetrina agid theme | BSD-3-Clause | https://github.com/italia/bootstrap-italia */\n`;
const js = put("bootstrap-italia.min.js", licence + (await bundle(true)));
const [purged] = await new PurgeCSS().purge({
  content: [join(theme, "templates", "**", "*.html"), join(theme, "static", "js", "*.js"), { raw: await bundle(false), extension: "js" }],
  css: [join(bi, "dist", "css", "bootstrap-italia.min.css")],
  safelist: { standard: SAFELIST },
  // Drops the unused Video.js icon font; the theme's fonts are in static/css/fonts.css.
  fontFace: true,
  keyframes: true,
});
const css = put("bootstrap-italia.min.css", licence + purged.css);
put("sources.sha256", `${sourcesDigest()}\n`);
const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`Bootstrap Italia ${version} ridotto per il tema: CSS ${kb(css)}, JavaScript ${kb(js)} (in node_modules/.vetrina/)`);
