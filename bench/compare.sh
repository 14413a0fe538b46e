#!/usr/bin/env bash
# Compare Vetrina with Zola and Hugo on the same synthetic service cards.
# Usage: bash bench/compare.sh [N] [RUNS]   (N cards, default 10000; RUNS builds each, default 5)
# `bash bench/run.sh` calls it at the end with its largest size (COMPARE=0 skips it).
#
# `cargo run --release --example cards -- N DIR` writes N cards three times (on tmpfs when
# /dev/shm exists): a Vetrina site (each card with its own simple tariff, no forms), a Zola
# site with its search index on (`build_search_index = true`) and a Hugo site, both with the
# same titles, summaries and Markdown body as plain pages in a minimal template each (a base
# with the title and the content, a section list 24 a page, as Vetrina's). Each tool builds
# its site cold RUNS times (output removed first; Vetrina with --fresh); the table gives the
# median wall time, CPU seconds (user+sys) and peak memory (`/usr/bin/time -f '%e %U %S %M'`),
# the HTML pages written, and the ratios Vetrina/Zola and Vetrina/Hugo.
# A generator that is not on PATH (or whose build fails) is reported and skipped: the script
# never fails because a tool is missing. ZOLA=/path/zola or HUGO=/path/hugo choose a binary.
# Vetrina writes more than the others for each card (tariff table and calculator, filter
# pages, open data, a Pagefind index); Hugo writes no search index.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-5}

timer=/usr/bin/time
if [ ! -x "$timer" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 || true
fi
if [ ! -x "$timer" ]; then
  echo "compare: /usr/bin/time not found (Debian package 'time'): skipped"
  exit 0
fi

cargo build --release --quiet --bin vetrina --example cards
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/cards "$n" "$work/sites" 2>/dev/null

zola=${ZOLA:-$(command -v zola || true)}
hugo=${HUGO:-$(command -v hugo || true)}
vetrina=$PWD/target/release/vetrina

# median of the numbers on standard input
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A wall cpu mem pages
measure() { # measure NAME OUTPUT_DIR COMMAND...: RUNS cold builds, medians into wall/cpu/mem
  local name=$1 out=$2 i
  shift 2
  : > "$work/$name.runs"
  for ((i = 0; i < runs; i++)); do
    rm -rf "$out"
    if ! (cd "$work/sites/$name" && "$timer" -f '%e %U %S %M' -o "$work/$name.time" "$@") > "$work/$name.log" 2>&1; then
      echo "$name: build failed, skipped (last lines of its output:)"
      tail -5 "$work/$name.log" | sed 's/^/  /'
      return 0
    fi
    # the last line: a tool's own output may come first when it writes to the same file
    tail -1 "$work/$name.time" >> "$work/$name.runs"
  done
  wall[$name]=$(awk '{ print $1 }' "$work/$name.runs" | median)
  cpu[$name]=$(awk '{ print $2 + $3 }' "$work/$name.runs" | median)
  mem[$name]=$(awk '{ print $4 / 1024 }' "$work/$name.runs" | median)
  pages[$name]=$(find "$out" -name '*.html' | wc -l)
}

measure vetrina "$work/sites/vetrina/output" "$vetrina" build --root . --fresh
if [ -n "$zola" ]; then
  measure zola "$work/sites/zola/public" "$zola" build --output-dir public
else
  echo "zola: not on PATH, skipped"
fi
if [ -n "$hugo" ]; then
  measure hugo "$work/sites/hugo/public" "$hugo" --destination public
else
  echo "hugo: not on PATH, skipped"
fi

echo "$n cards, median of $runs cold builds each, output on $(df --output=fstype "$work" | tail -1), $(nproc) cores"
printf '%-8s %8s %8s %8s %7s %12s %12s %12s\n' tool "wall s" "CPU s" "peak MB" pages "wall ratio" "CPU ratio" "mem ratio"
for tool in vetrina zola hugo; do
  [ -n "${wall[$tool]:-}" ] || continue
  ratios=("" "" "")
  if [ "$tool" != vetrina ] && [ -n "${wall[vetrina]:-}" ]; then
    # Vetrina's figure divided by this tool's: below 1 is Vetrina faster or smaller
    read -r -a ratios <<< "$(awk -v a="${wall[vetrina]}" -v b="${wall[$tool]}" -v c="${cpu[vetrina]}" -v d="${cpu[$tool]}" -v e="${mem[vetrina]}" -v f="${mem[$tool]}" \
      'function r(x, y) { return y > 0 ? sprintf("%.2f", x / y) : "-" } BEGIN { print r(a, b), r(c, d), r(e, f) }')"
  fi
  printf '%-8s %8.2f %8.2f %8.0f %7d %12s %12s %12s\n' "$tool" "${wall[$tool]}" "${cpu[$tool]}" "${mem[$tool]}" "${pages[$tool]}" "${ratios[@]}"
done
echo "(ratios: Vetrina / that tool, below 1 means Vetrina is faster or smaller)"
for tool in vetrina zola hugo; do
  [ -z "${wall[$tool]:-}" ] || echo "$tool runs, wall s: $(awk '{ printf "%s ", $1 }' "$work/$tool.runs")"
done
[ -n "${wall[vetrina]:-}" ] || exit 1 # Vetrina's own build failed: that is no missing tool
[ -z "${wall[zola]:-}" ] || echo "zola: $("$zola" --version 2>&1 | head -1)"
[ -z "${wall[hugo]:-}" ] || echo "hugo: $("$hugo" version 2>&1 | head -1)"
