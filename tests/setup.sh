#!/usr/bin/env bash
# Installs what the tests need beyond Rust: the npm packages (exact versions from the
# lockfiles; no browser is downloaded) and Debian's Chromium and a Java runtime for the
# browser tests and the Nu HTML Checker, qpdf, poppler-utils and LibreOffice for the
# document tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --prefix themes/agid --no-audit --no-fund
npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts  # see tests/browser/.npmrc

# Debian packages: Chromium for the browser tests, a Java runtime for the Nu HTML Checker.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
# qpdf, poppler-utils and LibreOffice check the generated PDF and ODT documents.
command -v qpdf >/dev/null || missing+=(qpdf)
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || missing+=(poppler-utils)
command -v libreoffice >/dev/null || missing+=(libreoffice-writer-nogui)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: install them with 'sudo apt-get install ${missing[*]}'" >&2
    exit 1
  fi
fi
echo "Test prerequisites are installed."
