#!/usr/bin/env bash
# Site checks in one command: build the example site into a temporary folder (or take an
# already built one), serve it on loopback and run every browser check of tests/browser/ in
# Debian's Chromium: axe-core and the Nu HTML Checker on every page, failed requests, CSP,
# links, headings, reflow at 320 px, keyboard walks, Lighthouse, calculators, search, forms.
# `cargo test` runs the same checks (tests/browser.rs). Prerequisites: bash tests/setup.sh.
#
#   bash tests/site-check.sh                 build the example site and check it
#   bash tests/site-check.sh output          check a site already built (at base path /)
#   bash tests/site-check.sh output tests/browser/pages.test.mjs   only some checks
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then
  site=$(realpath "$1")
  shift
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  site="$tmp/site"
  cargo run --release --quiet -- build --output "$site"
fi
[ $# -gt 0 ] || set -- tests/browser/

SITE_DIR="$site" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" \
  node --test --test-concurrency=1 --test-reporter=spec "$@"
