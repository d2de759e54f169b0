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
echo "output/ regenerated"
# The explorer screenshot in the README (layouts are randomized, so it is not regenerated here):
#   chromium --headless --no-sandbox --disable-gpu --user-data-dir="$(mktemp -d)" \
#     --virtual-time-budget=5000 --window-size=1400,900 --hide-scrollbars \
#     --screenshot="$PWD/output/envoy-moscow-talks.png" \
#     "file://$PWD/output/envoy-moscow-talks.html#actor=person%2Fvladimir-putin"
