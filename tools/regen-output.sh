#!/usr/bin/env bash
# Regenerates output/ from examples/*.txt with the release binary: every format, one file
# per format, named output/<stem>.<ext>. tests/output_fresh.rs fails when output/ is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
mkdir -p output
while IFS=$'\t' read -r stem published; do
  case "$stem" in ''|'#'*) continue ;; esac
  args=()
  [ "$published" != "-" ] && args=(--published "$published")
  ./target/release/newsgraph extract "examples/$stem.txt" --out-dir output "${args[@]}"
done < examples/published.tsv
# the sample's picture (needs Graphviz; not compared by tests/output_fresh.rs, since
# Graphviz versions lay out differently)
if command -v dot >/dev/null 2>&1; then
  for ext in svg png; do
    ./target/release/newsgraph render examples/envoy-moscow-talks.txt --published 2025-12-02 \
      -o "output/envoy-moscow-talks.$ext"
  done
else
  echo "Graphviz is not installed: output/envoy-moscow-talks.svg and .png not redrawn" >&2
fi
echo "output/ regenerated"
# The explorer screenshot in the README (layouts are randomized, so it is not regenerated here):
#   chromium --headless --no-sandbox --disable-gpu --user-data-dir="$(mktemp -d)" \
#     --virtual-time-budget=5000 --window-size=1400,900 --hide-scrollbars \
#     --screenshot="$PWD/output/envoy-moscow-talks-explorer.png" \
#     "file://$PWD/output/envoy-moscow-talks.html#actor=person%2Fvladimir-putin"
