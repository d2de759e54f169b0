#!/usr/bin/env bash
# Whole-corpus throughput and memory of `newsgraph extract` on a folder of articles:
# words/s with --jobs 1 and with all cores, peak resident memory (from /usr/bin/time -v),
# and the time on 1/4, 1/2 and all of the corpus (every 4th / 2nd file) to show scaling.
# Each figure is the best of RUNS runs (default 3), since other work on the machine adds noise;
# words/cpu_s (user + system time) is the figure least disturbed by other processes.
#
#   tools/bench-corpus.sh [CORPUS_DIR]     (default ../shared/corpus/bbc)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/bbc}
runs=${RUNS:-3}
[ -d "$corpus" ] || { echo "no corpus folder $corpus" >&2; exit 2; }
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
cargo build --release --quiet
bin=$PWD/target/release/newsgraph
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$corpus" && find . -type f \( -name '*.txt' -o -name '*.md' -o -name '*.htm*' \) | sort) > "$tmp/all"
subset() { # $1 = take every $1-th file; copies them to $tmp/sub$1
  mkdir -p "$tmp/sub$1"
  awk -v k="$1" 'NR % k == 1 || k == 1' "$tmp/all" | while read -r f; do
    mkdir -p "$tmp/sub$1/$(dirname "$f")"
    cp "$corpus/$f" "$tmp/sub$1/$f"
  done
}
words() { find "$1" -type f -print0 | xargs -0 cat | wc -w; }

# best wall time and highest peak RSS over $runs runs; prints "wall_s rss_kb cpu_s"
measure() { # $1 = folder, $2.. = extra args
  local dir=$1; shift
  local best="" rss=0 cpu=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -v "$bin" extract "$dir" --quiet -o "$tmp/out.json" "$@" 2> "$tmp/time" >/dev/null
    local w m u s
    w=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); t=0; for(i=1;i<=n;i++) t=t*60+a[i]; print t}' "$tmp/time")
    m=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
    u=$(awk -F': ' '/User time/ {print $2}' "$tmp/time")
    s=$(awk -F': ' '/System time/ {print $2}' "$tmp/time")
    if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best=$w; cpu=$(awk -v a="$u" -v b="$s" 'BEGIN{print a+b}')
    fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best $rss $cpu"
}

row() { # $1 label, $2 words, $3 "wall rss cpu"
  set -- "$1" "$2" $3
  awk -v l="$1" -v n="$2" -v w="$3" -v r="$4" -v c="$5" 'BEGIN{
    printf "%-22s %9d %8.2f %8.2f %12.0f %12.0f %9.1f\n", l, n, w, c, n/w, n/c, r/1024 }'
}

for k in 4 2 1; do subset "$k"; done
full_words=$(words "$tmp/sub1")
echo "corpus: $corpus ($(wc -l < "$tmp/all") files, $full_words words), $(nproc) cores, best of $runs runs"
printf "%-22s %9s %8s %8s %12s %12s %9s\n" run words wall_s cpu_s words/s words/cpu_s rss_MB
row "full, --jobs 1" "$full_words" "$(measure "$tmp/sub1" --jobs 1)"
row "full, all cores" "$full_words" "$(measure "$tmp/sub1")"
for k in 4 2; do
  row "1/$k, all cores" "$(words "$tmp/sub$k")" "$(measure "$tmp/sub$k")"
done
row "full, all cores" "$full_words" "$(measure "$tmp/sub1")"
echo "output: $(wc -c < "$tmp/out.json") bytes of graph JSON"
