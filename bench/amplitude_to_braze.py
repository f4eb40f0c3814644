#!/usr/bin/env python3
"""Amplitude profiles -> Braze attribute objects, gz -> gz, the way a team writes it today:
orjson to parse and serialise, Python's gzip (zlib) to read and write at level 6.

A baseline for scripts/bench, not part of etl. It does the mapping etl does for the common
case, without validation: users with no user_id and no device_id are dropped; user_id becomes
external_id, else the device id an alias; the standard fields are renamed, e-mail trimmed and
lower-cased; computed properties become numbers when they look like one; recommendations
become rec_<id> arrays; every other property is kept unless its key starts with '$'.

usage: amplitude_to_braze.py INPUT.ndjson.gz OUTPUT.ndjson.gz
"""
import gzip
import sys

import orjson

STANDARD = {
    "first_name": "first_name", "last_name": "last_name", "email": "email", "phone": "phone",
    "country": "country", "language": "language", "city": "home_city", "timezone": "time_zone",
    "dob": "dob", "gender": "gender", "first_used": "date_of_first_session",
    "last_used": "date_of_last_session",
}


def number_if_numeric(value):
    if isinstance(value, str):
        text = value.strip().rstrip(".")
        try:
            return orjson.loads(text) if text and text[0] in "-0123456789" else value
        except orjson.JSONDecodeError:
            return value
    return value


def convert(user):
    if user.get("user_id") is not None:
        out = {"external_id": user["user_id"]}
    elif user.get("device_id") is not None:
        out = {"user_alias": {"alias_name": user["device_id"], "alias_label": "amplitude_device_id"},
               "_update_existing_only": False}
    else:
        return None
    props = user.get("amp_props") or user.get("user_properties") or {}
    custom = {}
    for key, value in props.items():
        if key in STANDARD:
            if key == "email" and isinstance(value, str):
                value = value.strip().lower()
            if value is not None:
                out[STANDARD[key]] = value
        elif not key.startswith("$"):
            custom[key] = value
    if user.get("amplitude_id") is not None:
        out["amplitude_id"] = user["amplitude_id"]
    if user.get("user_id") is not None and user.get("device_id") is not None:
        out["amplitude_device_id"] = user["device_id"]
    for rec in user.get("recommendations") or []:
        if isinstance(rec, dict) and rec.get("rec_id"):
            out["rec_" + str(rec["rec_id"])] = rec.get("items", rec.get("child_ids", []))
    for key, value in (user.get("computed_properties") or {}).items():
        out[key] = number_if_numeric(value)
    out.update(custom)
    return out


def main():
    source, target = sys.argv[1], sys.argv[2]
    read = written = 0
    with gzip.open(source, "rb") as lines, gzip.open(target, "wb", compresslevel=6) as output:
        for line in lines:
            read += 1
            record = orjson.loads(line)
            user = record.get("userData") if isinstance(record, dict) else None
            braze = convert(user) if isinstance(user, dict) else None
            if braze is not None:
                output.write(orjson.dumps(braze) + b"\n")
                written += 1
    print(f"read {read} written {written}", file=sys.stderr)


if __name__ == "__main__":
    main()
