# The delivery case of scripts/bench (sourced by it: `scripts/bench delivery [REQUESTS]`).
# Sends batches of 75 Braze attribute objects through the sender of `etl sync`
# (`fake-vendor send`) to the project's fake vendor (`fake-vendor serve`) on 127.0.0.1, which
# answers at once: requests/s and the sender's peak RSS; then 1,000 requests with
# requests_per_second = 100 and the rate the server measured.
delivery_bench() {
    local requests="${1:-20000}" out="bench/data/out" fv port pid
    mkdir -p "$out"
    echo "bench: building fake-vendor (release)"
    swift build -c release --product fake-vendor >/dev/null
    fv=".build/release/fake-vendor"
    start_vendor() {
        rm -f "$out/fv.port" "$out/fv.stats"
        "$fv" serve --kind braze --key bench-key --port-file "$out/fv.port" --stats "$out/fv.stats" >/dev/null &
        pid=$!
        for _ in $(seq 100); do [ -s "$out/fv.port" ] && break; sleep 0.1; done
        port=$(cat "$out/fv.port")
    }
    stop_vendor() {
        kill -TERM "$pid"; wait "$pid" || true
        echo "   server: $(cat "$out/fv.stats")"
    }
    echo
    echo "== delivery: $requests requests of 75 objects, no rate limit, 8 connections"
    start_vendor
    local command="FAKE_VENDOR_KEY=bench-key $fv send --kind braze --endpoint http://127.0.0.1:$port --requests $requests --items 75 --concurrency 8"
    echo "   \$ $command"
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" bash -c "$command"
    awk '{ printf "   sender: wall %.2f s  cpu %.2f s  peak RSS %.1f MB (target <= 128)\n", $1, $2 + $3, $4 / 1024 }' "$out/time"
    stop_vendor
    echo "   target: >= 2000 requests/s"
    echo
    echo "== delivery: 1000 requests with requests_per_second = 100"
    start_vendor
    command="FAKE_VENDOR_KEY=bench-key $fv send --kind braze --endpoint http://127.0.0.1:$port --requests 1000 --items 75 --concurrency 8 --rps 100"
    echo "   \$ $command"
    bash -c "$command"
    stop_vendor
    echo "   target: server rate within 5% of 100/s, never more than 101 in one second"
}
