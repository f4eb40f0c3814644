#!/usr/bin/env bash
# Rebuilds the sample dumps from the benchmark generator (deterministic), with a few broken
# lines of the kinds real exports have put in by hand. Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
gen="$here/../bench/generate.py"

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
