# The `etl sync` case of scripts/bench (sourced by it: `scripts/bench sync [USERS]`).
# Night 1: USERS Amplitude users (default 1,000,000) planned and published into a fresh state.
# Night 2: the same users, 5% with one attribute changed (index % 20 == 1: sessions + 1).
# Times, once each (each changes the state): planning night 2 against the state of night 1,
# `etl convert` of the same night-2 file to braze-attributes gz, and the unchanged re-run
# (night 2's records again in a file of other bytes: every user compared, nothing planned).
# Reports MB/s of uncompressed input, peak RSS, and the state database's size.
sync_case() {
    local users="${1:-1000000}"
    local dir="$data/sync-$users" run="$out/sync"
    local n1="$dir/night-1.ndjson.gz" n2="$dir/night-2.ndjson.gz"
    mkdir -p "$dir"
    if [ ! -f "$n1" ]; then
        echo "bench: $etl generate --format amplitude --records $users --seed 42 --gzip-level 1 -o $n1"
        "$etl" generate --format amplitude --records "$users" --seed 42 --gzip-level 1 -o "$n1"
    fi
    if [ ! -f "$n2" ]; then
        echo "bench: night 2 = night 1 with sessions + 1 for 5% of the users"
        gzip -dc "$n1" | python3 -c '
import re, sys
for i, line in enumerate(sys.stdin.buffer):
    if i % 20 == 1:
        line = re.sub(rb"\"sessions\":(\d+)", lambda m: b"\"sessions\":%d" % (int(m.group(1)) + 1), line, count=1)
    sys.stdout.buffer.write(line)' | gzip -1 > "$n2"
    fi
    local bytes; bytes=$(gzip -dc "$n2" | wc -c)
    rm -rf "$run" && mkdir -p "$run/drop"
    cat > "$run/job.toml" <<TOML
name = "bench"
state = "state"
[source]
paths = ["drop/*.ndjson.gz"]
from = "amplitude"
[target]
kind = "file"
format = "braze-attributes"
output = "out"
TOML
    timed() { # name, command
        echo
        echo "== $1"
        echo "   \$ $2"
        /usr/bin/time -f "%e %U %S %M" -o "$out/time" bash -c "$2" || {
            local status=$?; [ "$status" -eq 3 ] || { echo "bench: '$2' failed ($status)" >&2; exit 1; }
        }
        read -r wall user sys rss < <(tail -n 1 "$out/time")
        awk -v b="$bytes" -v w="$wall" -v c="$user" -v s="$sys" -v r="$rss" \
            'BEGIN { printf "   wall %.2f s  cpu %.2f s  %.1f MB/s  peak RSS %.1f MB\n", w, c + s, b / w / 1e6, r / 1024 }'
        sync_mbps[$1]=$(awk -v b="$bytes" -v w="$wall" 'BEGIN { printf "%.1f", b / w / 1e6 }')
        sync_rss[$1]=$(awk -v r="$rss" 'BEGIN { printf "%.1f", r / 1024 }')
    }
    declare -gA sync_mbps sync_rss
    echo
    echo "bench: sync, $users users, night 2 $bytes bytes uncompressed"
    ln "$n1" "$run/drop/night-1.ndjson.gz"
    timed "sync night 1: plan + publish everyone" "$etl sync run $run/job.toml -q"
    echo "   state database after night 1: $(du -b "$run/state/state.db" | cut -f1) bytes"
    ln "$n2" "$run/drop/night-2.ndjson.gz"
    timed "sync plan night 2 (5% changed)" "$etl sync plan $run/job.toml -q"
    timed "sync run night 2 (publish the plan)" "$etl sync run $run/job.toml -q"
    echo "   published: $(gzip -dc "$run"/out/bench-*-000003.ndjson.gz | wc -l) users"
    timed "convert night 2 -> braze-attributes gz" "$etl convert $n2 --from amplitude --to braze-attributes -o $out/sync-convert.ndjson.gz -q --rejects $out/sync-rejects.ndjson"
    # The same records in a file of other bytes: taken, every user compared, nothing changed.
    { gzip -dc "$n2"; echo; } | gzip -1 > "$run/drop/night-2-again.ndjson.gz"
    timed "sync plan night 2 again (unchanged re-run)" "$etl sync plan $run/job.toml -q"
    echo "   state database: $(du -b "$run/state/state.db" | cut -f1) bytes (+ $(du -b "$run/state/state.db-wal" 2>/dev/null | cut -f1 || echo 0) WAL)"
    echo
    echo "== sync ratios"
    awk -v p="${sync_mbps["sync plan night 2 (5% changed)"]}" -v c="${sync_mbps["convert night 2 -> braze-attributes gz"]}" \
        -v u="${sync_mbps["sync plan night 2 again (unchanged re-run)"]}" -v r="${sync_rss["sync plan night 2 (5% changed)"]}" 'BEGIN {
        printf "   plan night 2 / convert: %.2f x (target >= 0.5); peak RSS %s MB (target <= 128)\n", p / c, r
        printf "   unchanged re-run / plan night 2: %.2f x (target >= 1)\n", u / p }'
    rm -f "$out/sync-convert.ndjson.gz" "$out/sync-rejects.ndjson"
}
