# Sourced by scripts/bench. A speed-up must not change what etl writes: identity_check runs the
# release binary over the samples (every --from to every --to) and over 50 MB of generated
# Amplitude records (to every format, through XML and back), and compares SHA-256 sums of each
# output, rejects file, warnings file and report (the report without its run id, times and
# paths) with bench/identity.sha256. A difference stops the bench and lists the files that
# differ. `scripts/bench identity --record` writes the sums anew after an intended change.
identity_check() {
    local mode="${1:-check}" work="$data/identity" sums="bench/identity.sha256"
    local medium="$data/amplitude-50M.ndjson"
    rm -rf "$work"
    mkdir -p "$work"
    [ -f "$medium" ] || "$etl" generate --format amplitude --records 41250 --seed 42 -o "$medium"

    one() { # name input from to [extra convert options]
        local name="$1" input="$2" from="$3" to="$4" status=0
        shift 4
        "$etl" convert "$input" --from "$from" --to "$to" -q -o "$work/$name.out" \
            --rejects "$work/$name.rejects" --warnings "$work/$name.warnings" \
            --report "$work/$name.report.raw" "$@" 2>/dev/null || status=$?
        # 0, or 3 when some records were rejected (the samples and the dump are messy on purpose).
        [ "$status" -eq 0 ] || [ "$status" -eq 3 ] || { echo "bench: identity: $name exited $status" >&2; return 1; }
        grep -v -E '^ *"(run_id|started_at|finished_at|seconds|path)":' "$work/$name.report.raw" > "$work/$name.report"
        rm "$work/$name.report.raw"
    }
    local from to
    for from in amplitude braze-export braze-attributes aam profile; do
        for to in amplitude braze-export braze-attributes braze-track aam profile; do
            one "sample-$from-to-$to" "samples/$from-users.ndjson.gz" "$from" "$to"
        done
    done
    for to in amplitude braze-export braze-attributes braze-track aam profile; do
        one "50M-amplitude-to-$to" "$medium" amplitude "$to"
    done
    one "50M-amplitude-to-amplitude-xml" "$medium" amplitude amplitude --container xml
    one "50M-xml-to-braze-attributes" "$work/50M-amplitude-to-amplitude-xml.out" amplitude braze-attributes
    one "50M-amplitude-to-braze-attributes-xml" "$medium" amplitude braze-attributes --container xml

    (cd "$work" && sha256sum -- *) > "$work/sums"
    if [ "$mode" = --record ]; then
        cp "$work/sums" "$sums"
        echo "bench: identity: recorded $(wc -l < "$sums") sums in $sums"
    elif diff -q "$sums" "$work/sums" >/dev/null; then
        echo "bench: identity: outputs, rejects, warnings and reports identical to $sums ($(wc -l < "$sums") files)"
    else
        echo "bench: identity: these files differ from $sums (in $work):" >&2
        diff "$sums" "$work/sums" | grep '^>' | awk '{ print "  " $3 }' >&2
        return 1
    fi
}
