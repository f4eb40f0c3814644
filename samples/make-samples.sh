#!/usr/bin/env bash
# Rebuilds samples/<format>-users.ndjson.gz: records from `etl generate` (deterministic, a few
# percent messy), then break-records.py breaks a few on purpose, the same ones every time; the
# profile sample is the other four converted by etl.
# gzip -n -9 (no name, no time) gives the same bytes on every machine. Run from anywhere.
# samples/sync/ has its own maker (make-nights.py).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
(cd "$here/.." && swift build --product etl >/dev/null)
etl="$here/../.build/debug/etl"

sample() {  # format records seed
    "$etl" generate --format "$1" --records "$2" --seed "$3" \
        | python3 "$here/break-records.py" "$1" \
        | gzip -n -9 > "$here/$1-users.ndjson.gz"
}
# amplitude: the quick start's sample, both response shapes; also cut off, Latin-1, API error
# body, blank and CRLF lines (see break-records.py).
sample amplitude 300 7
sample braze-export 100 3
sample braze-attributes 100 4
sample aam 100 2

# profile-users.ndjson.gz: the four vendor samples converted to the canonical profile by etl
# itself, so the profile sample mixes all three vendors and reaches more profile fields than
# `etl generate --format profile` does. Status 3 (some records rejected) is expected.
to_profile() {
    "$etl" convert "$here/$1-users.ndjson.gz" --from "$1" --to profile -q 2>/dev/null || [ $? -eq 3 ]
}
for format in amplitude braze-export braze-attributes aam; do to_profile "$format"; done \
    | gzip -n -9 > "$here/profile-users.ndjson.gz"

# The aam reader golden (and AAMRoundTripTests) read the aam sample as plain NDJSON.
gzip -dc "$here/aam-users.ndjson.gz" > "$here/../Tests/GoldenFiles/readers/aam/sample.ndjson"
