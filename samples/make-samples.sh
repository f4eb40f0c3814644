#!/usr/bin/env bash
# Rebuilds the sample dumps from the benchmark generator (deterministic), with a few broken
# lines of the kinds real exports have put in by hand. Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
gen="$here/generate_amplitude.py"

# amplitude-users.ndjson.gz: 300 Amplitude profiles, both response shapes, messy fields,
# plus a cut-off line, a line with a Latin-1 byte, a blank line, a CRLF line and a
# response that is not a profile.
python3 "$gen" --records 300 --messy --seed 7 | python3 -c '
import sys
lines = sys.stdin.buffer.read().split(b"\n")
lines.insert(40, lines[39][:170])                                   # export cut off mid-record
lines.insert(90, b"{\"userData\":{\"user_id\":\"user-latin1\",\"amp_props\":{\"city\":\"Malm\xf6\"}}}")
lines.insert(150, b"")                                                # blank line
lines[200] = lines[200] + b"\r"                                       # one CRLF line
lines.insert(250, b"{\"error\":\"rate limited\",\"status\":429}")  # an API error body
sys.stdout.buffer.write(b"\n".join(lines))
' | gzip -n -9 > "$here/amplitude-users.ndjson.gz"

# The other vendors' formats, from their generators (document examples first, then generated
# records, a few percent messy).
for format in braze-export braze-attributes aam; do
    python3 "$here/generate_$format.py" | gzip -n -9 > "$here/$format-users.ndjson.gz"
done

# profile-users.ndjson.gz: every vendor sample converted to the canonical profile by etl itself,
# so the profile sample mixes all three vendors. Status 3 (some records rejected) is expected.
to_profile() {
    "$here/../.build/debug/etl" convert "$here/$1-users.ndjson.gz" --from "$1" --to profile -q 2>/dev/null || [ $? -eq 3 ]
}
(cd "$here/.." && swift build --product etl >/dev/null)
{
    to_profile amplitude
    for format in braze-export braze-attributes aam; do to_profile "$format"; done
} | gzip -n -9 > "$here/profile-users.ndjson.gz"
