#!/usr/bin/env bash
# Benchmark: build the synthetic catalog of N services (default 1,000 and 10,000) cold, again
# with nothing changed, after editing one service (both reuse the last output), and cold
# without PDFs (no service lists a form), and time a one-service rebuild in a serve session.
# Reports wall time, pages per second and peak memory. Usage: bash bench/run.sh [N ...]
# At the end it runs bench/compare.sh with the largest N (Vetrina, Zola with its search index
# and Hugo on the same N service cards, 5 cold builds each); COMPARE=0 skips that.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin vetrina --example corpus --example rebuild
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-8s %-22s %9s %9s %10s %9s\n' services run seconds pages pages/s "peak MB"
sizes=("$@")
[ $# -gt 0 ] || sizes=(1000 10000)
for n in "${sizes[@]}"; do
  target/release/examples/corpus "$n" "$work/c$n" 2>/dev/null
  for run in cold unchanged "one service edited" "cold, no forms"; do
    flags=()
    [ "$run" = cold ] && flags=(--fresh)
    if [ "$run" = "one service edited" ]; then
      printf '\nUna frase aggiunta.\n' >> "$(find "$work/c$n/content/servizi" -name '*.md' | sort | head -1)"
    fi
    if [ "$run" = "cold, no forms" ]; then
      # The same catalog without PDFs: no service lists a form (the generic copies remain).
      mkdir "$work/nodocs$n"
      for f in "$work/c$n/"*; do [ "$(basename "$f")" = output ] || cp -a "$f" "$work/nodocs$n/"; done
      sed -i '/^moduli = /d' "$work/nodocs$n/content/servizi/"*.md
      /usr/bin/time -f '%e %M' -o "$work/time" target/release/vetrina --lingua en build --root "$work/nodocs$n" --fresh 2> "$work/log" >/dev/null
      rm -rf "$work/nodocs$n"
    else
      /usr/bin/time -f '%e %M' -o "$work/time" target/release/vetrina --lingua en build --root "$work/c$n" "${flags[@]}" 2> "$work/log" >/dev/null
    fi
    read -r secs kb < "$work/time"
    pages=$(grep -o 'Built [0-9]* pages' "$work/log" | grep -o '[0-9]*')
    printf '%-8s %-22s %9s %9s %10.0f %9d\n' "$n" "$run" "$secs" "$pages" "$(echo "$pages / $secs" | bc -l)" $((kb / 1024))
  done
  target/release/examples/rebuild "$work/c$n" | sed "s/^/$n services, serve: /"
  rm -rf "$work/c$n"
done
largest=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
if [ "${COMPARE:-1}" != 0 ]; then
  echo
  bash bench/compare.sh "$largest"
fi
