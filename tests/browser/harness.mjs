// Shared pieces of the browser tests: a static server on loopback for the built site
// (optionally under a strict Content-Security-Policy) and Debian's Chromium, headless.

import { createServer } from "node:http";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

// The policy of issue 5 (`default-src 'self'; img-src 'self' data:`) plus `font-src 'self'
// data:`: Bootstrap Italia's CSS embeds the Video.js icon font as a data: URL, and Chromium
// decodes data: fonts as soon as the stylesheet is parsed, used or not, so without it every
// page logs one font-src violation. `img-src data:` is needed by the form-select arrow.
export const CSP = "default-src 'self'; img-src 'self' data:; font-src 'self' data:";

/**
 * Serve `dir` on 127.0.0.1 with a free port. Never serves outside `dir`. `csp` is the
 * Content-Security-Policy header, or a function from the URL path to it (null: none).
 */
export async function serve(dir, { csp = CSP } = {}) {
  const root = normalize(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(404).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", vary: "accept-encoding" };
      // As a static host does with the build's copies (`comprimi`): the .br or .gz beside
      // the file, to a browser that accepts it.
      const accepted = String(req.headers["accept-encoding"] ?? "");
      let body;
      for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
        if (body || !accepted.includes(encoding)) continue;
        body = await readFile(file + suffix).catch(() => undefined);
        if (body) headers["content-encoding"] = encoding;
      }
      body ??= await readFile(file);
      const policy = typeof csp === "function" ? csp(path) : csp;
      if (policy) headers["content-security-policy"] = policy;
      res.writeHead(200, headers).end(body);
    } catch {
      const body = await readFile(join(root, "404.html")).catch(() => "not found");
      res.writeHead(404, { "content-type": TYPES[".html"] }).end(body);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/**
 * A page that records in `p.problems` console errors, uncaught exceptions, CSP violations
 * (`securitypolicyviolation` events, from a listener added before any page script) and
 * same-origin requests that fail or answer 4xx/5xx.
 */
export async function page(b, options = {}) {
  const context = await b.newContext(options);
  const p = await context.newPage();
  p.problems = [];
  p.on("console", (m) => {
    if (m.type() === "error") p.problems.push(`console error: ${m.text().slice(0, 300)}`);
  });
  p.on("pageerror", (e) => p.problems.push(`uncaught: ${e}`));
  await context.exposeBinding("__vetrinaViolation", (_source, v) => {
    p.problems.push(`CSP violation: ${v.directive} blocked ${v.blocked || "(inline)"} in ${v.source}:${v.line}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__vetrinaViolation({
        directive: e.effectiveDirective,
        blocked: String(e.blockedURI).slice(0, 80),
        source: e.sourceFile || location.pathname,
        line: e.lineNumber,
      }),
    );
  });
  const sameOrigin = (url) => url.startsWith("http://127.0.0.1:");
  p.on("requestfailed", (r) => {
    // A navigation (reload, a link) aborts the requests still in flight: that is no failure.
    const reason = r.failure()?.errorText ?? "";
    if (sameOrigin(r.url()) && reason !== "net::ERR_ABORTED") p.problems.push(`request failed: ${r.url()} (${reason})`);
  });
  p.on("response", (r) => {
    if (sameOrigin(r.url()) && r.status() >= 400) p.problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return p;
}

/** Every HTML page of the built site in `dir`, sorted: `{ file, path }`, path as served. */
export function sitePages(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => f.split(sep).join("/"))
    // admin/ is the editing interface (Decap CMS), not a page of the site: cms.test.mjs.
    .filter((f) => f.endsWith(".html") && !f.startsWith("admin/"))
    .sort()
    .map((file) => ({ file: join(dir, file), path: "/" + file.replace(/(^|\/)index\.html$/, "$1") }));
}

// axe-core, evaluated through the DevTools protocol (a <script> tag would break the CSP).
const AXE = readFileSync(fileURLToPath(import.meta.resolve("axe-core/axe.min.js")), "utf8");
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Run axe-core on the page as it is: WCAG 2.1 A and AA rules, violations only. */
export async function axe(p) {
  if (!(await p.evaluate(() => "axe" in window))) await p.evaluate(AXE);
  const result = await p.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    AXE_TAGS,
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}

const VNU = fileURLToPath(import.meta.resolve("vnu-jar/build/dist/vnu.jar"));

/**
 * Run the Nu HTML Checker once over `files`: a list of errors (and warnings, with
 * `warnings`), each naming the page (relative to `root`), the position, the message and the
 * markup it points at.
 */
export function vnu(files, root, { warnings = false } = {}) {
  const level = warnings ? [] : ["--errors-only"];
  const run = spawnSync(process.env.JAVA ?? "java", ["-jar", VNU, ...level, "--format", "gnu", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`cannot run Java (${run.error.message}): run \`bash tests/setup.sh\``);
  const errors = [];
  for (const line of `${run.stdout}\n${run.stderr}`.split("\n")) {
    if (!line.trim()) continue;
    const m = /^"file:(.+?)":(?:(\d+)\.(\d+)(?:-(\d+)\.(\d+))?:)? ?(.*)$/.exec(line);
    if (!m) {
      errors.push(line);
      continue;
    }
    const [, file, l1, c1, l2, c2, message] = m;
    const name = root ? relative(root, decodeURIComponent(file)) : file;
    let markup = "";
    if (l1) {
      const text = readFileSync(decodeURIComponent(file), "utf8").split("\n");
      const from = Number(c1) - 1;
      const to = l2 === l1 ? Number(c2) : from + 80;
      markup = `\n    ${text[Number(l1) - 1].slice(Math.max(0, from - 40), Math.min(to, from + 160))}`;
    }
    errors.push(`${name}:${l1 ?? 0}.${c1 ?? 0}: ${message}${markup}`);
  }
  if (run.status !== 0 && errors.length === 0) errors.push(`vnu exited with ${run.status}`);
  return errors;
}

/**
 * For a test file: serve the site built into $SITE_DIR and start Chromium before its tests,
 * close both after them. The returned object gets `url` and `chrome` once they are up.
 */
export function siteInChromium(serveOptions) {
  const site = { url: "", chrome: null, server: null };
  before(async () => {
    site.server = await serve(process.env.SITE_DIR, serveOptions);
    site.url = site.server.url;
    site.chrome = await browser();
  });
  after(async () => {
    await site.chrome?.close();
    await site.server?.close();
  });
  return site;
}
