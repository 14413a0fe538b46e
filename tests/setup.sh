#!/usr/bin/env bash
# Installs what the tests need beyond Rust: the npm packages (exact versions from the
# lockfiles) and Debian's Chromium for the browser tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --prefix themes/agid --no-audit --no-fund
npm ci --prefix tests/browser --no-audit --no-fund

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's package with 'sudo apt-get install chromium'" >&2
    exit 1
  fi
fi
echo "Test prerequisites are installed."
