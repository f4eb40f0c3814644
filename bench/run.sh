#!/usr/bin/env bash
# etl's benchmark: generates a gzipped Amplitude dump (once; kept in bench/data), builds etl in
# release mode, converts the dump as a nightly job would, and prints MB/s of uncompressed input
# and peak RSS for each case.
#
# usage: bench/run.sh [SIZE]      SIZE of uncompressed input, default 1G (e.g. 200M)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1G}"
data="bench/data"
input="$data/amplitude-$size.ndjson.gz"
mkdir -p "$data"

if [ ! -f "$input" ]; then
    echo "bench: generating $input"
    python3 bench/generate.py --bytes "$size" --messy --seed 42 | gzip -1 > "$input.tmp"
    mv "$input.tmp" "$input"
fi
bytes=$(gzip -dc "$input" | wc -c)

swift build -c release --product etl >/dev/null
etl=".build/release/etl"
out="$data/out"
mkdir -p "$out"

run() { # name, then etl arguments
    local name="$1"; shift
    /usr/bin/time -f "%e %M" -o "$out/time" "$etl" convert "$input" --from amplitude "$@" \
        --rejects "$out/rejects.ndjson" --report "$out/report.json" -q || [ $? -eq 3 ]
    read -r seconds rss_kb < <(tail -n 1 "$out/time")
    counts=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["records"]; print("%d in, %d out, %d rejected" % (r["read"], r["written"], r["rejected"]))' "$out/report.json")
    awk -v n="$name" -v b="$bytes" -v s="$seconds" -v r="$rss_kb" -v c="$counts" \
        'BEGIN { printf "%-40s %6.1f MB/s %6.1f s  peak RSS %5.1f MB  (%s)\n", n, b / s / 1e6, s, r / 1024, c }'
}

awk -v b="$bytes" -v c="$(nproc)" 'BEGIN { printf "bench: %.0f MB uncompressed input, %d cores\n", b / 1e6, c }'
run "gz -> braze-track ndjson.gz (level 6)" --to braze-track -o "$out/braze.ndjson.gz"
run "gz -> braze-track ndjson.gz (level 1)" --to braze-track -o "$out/braze.ndjson.gz" --gzip-level 1
run "gz -> braze-attributes ndjson (plain)" --to braze-attributes -o "$out/braze.ndjson"
run "gz -> profile ndjson (plain)" --to profile -o "$out/profile.ndjson"
rm -f "$out"/braze.* "$out"/profile.*
