#!/usr/bin/env python3
"""Breaks a few records of an `etl generate` NDJSON stream on purpose, the ways real exports
break, so the samples show rejects of several kinds. Always at the same places: the same input
gives the same bytes.

    etl generate --format amplitude --records 300 --seed 7 | python3 break-records.py amplitude

Every format: two users lose every identifier (rejected `no_identifier`, or `no_username` for
aam). Amplitude, the quick start's sample, also gets a record cut off, a Latin-1 byte, an API
error body, a blank line and one CRLF line end. Python 3 standard library only.
"""
import json
import sys

# The keys that identify a user in each format (Amplitude's sit inside "userData" and its
# property object); a record without any of them cannot be converted.
IDENTIFIERS = {
    "amplitude": ["user_id", "device_id", "amplitude_id"],
    "braze-export": ["external_id", "braze_id", "user_aliases", "email", "phone"],
    "braze-attributes": ["external_id", "user_alias", "braze_id", "email", "phone", "push_token_import"],
    "aam": ["username", "email", "emailAddress"],
}
NO_IDENTIFIER_AT = [29, 69]  # 0-based record numbers


def without_identifiers(line, format):
    record = json.loads(line)
    if format == "amplitude":
        user = record["userData"]
        for key in IDENTIFIERS[format]:
            user.pop(key, None)
        for props in ("amp_props", "user_properties"):
            for key in ("email", "phone"):
                user.get(props, {}).pop(key, None)
    else:
        for key in IDENTIFIERS[format]:
            record.pop(key, None)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()


def main():
    format = sys.argv[1] if len(sys.argv) == 2 else ""
    if format not in IDENTIFIERS:
        sys.exit("usage: break-records.py " + "|".join(IDENTIFIERS) + " < records.ndjson")
    lines = sys.stdin.buffer.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for i in NO_IDENTIFIER_AT:
        if i < len(lines):
            lines[i] = without_identifiers(lines[i], format)
    if format == "amplitude" and len(lines) >= 250:
        # From the end backwards, so each position is the one in the generated stream.
        lines.insert(250, b'{"error":"rate limited","status":429}')        # an API error body
        lines[200] = lines[200] + b"\r"                                       # one CRLF line end
        lines.insert(150, b"")                                                # a blank line
        lines.insert(90, '{"userData":{"user_id":"user-latin1","amp_props":{"city":"Malmö"}}}'
                     .encode("latin-1"))                                      # not UTF-8
        lines.insert(40, lines[39][:170])                                     # cut off mid-record
    sys.stdout.buffer.write(b"\n".join(lines) + b"\n")


if __name__ == "__main__":
    main()
