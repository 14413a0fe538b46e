// Shared pieces of the browser tests: a static server on loopback for the built site
// (optionally under a strict Content-Security-Policy) and Debian's Chromium, headless.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
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

export const CSP = "default-src 'self'; img-src 'self' data:; font-src 'self' data:";

/** Serve `dir` on 127.0.0.1 with a free port. Never serves outside `dir`. */
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
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      if (csp) headers["content-security-policy"] = csp;
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

/** A page that records console errors and CSP violations. */
export async function page(b, options = {}) {
  const context = await b.newContext(options);
  const p = await context.newPage();
  p.problems = [];
  p.on("console", (m) => {
    if (m.type() === "error") p.problems.push(m.text());
  });
  p.on("pageerror", (e) => p.problems.push(String(e)));
  return p;
}
