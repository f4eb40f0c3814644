#!/usr/bin/env python3
"""Rebuilds the two sample nights of the `etl sync` walkthrough (deterministic).

night-1.ndjson.gz: 1,000 Amplitude profiles from `etl generate --format amplitude --seed 11`.
night-2.ndjson.gz: the same users the next night, where
  - every 4th user (index % 4 == 1) has one more session   -> `sessions` changed
  - every 25th user (index % 25 == 3) has a new plan          -> `plan` changed
  - every 20th user (index % 20 == 7) lost `referrer` and `utm_campaign` -> removed attributes
  - every 100th user (index % 100 == 99) is missing from the dump        -> left alone
  - 60 new users (user-900000000 ...) from `etl generate --seed 12`
Everything else is byte for byte what night 1 had, so only those changes are planned.

usage: samples/sync/make-nights.py [path to etl]   (default: .build/debug/etl)
"""
import gzip, os, re, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
etl = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/debug/etl")

def generate(records, seed):
    out = subprocess.run([etl, "generate", "--format", "amplitude", "--records", str(records), "--seed", str(seed)],
                         check=True, capture_output=True).stdout
    return [line for line in out.split(b"\n") if line]

def write(name, lines):
    with open(os.path.join(here, name), "wb") as raw:
        # mtime 0 and no file name: the same bytes every time.
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
            gz.write(b"\n".join(lines) + b"\n")

night1 = generate(1000, 11)
night2 = []
# Edits on the raw bytes, not through a JSON library: every other value (number texts, key
# order, escapes) stays exactly as night 1 had it.
for i, line in enumerate(night1):
    if i % 100 == 99:
        continue
    if i % 4 == 1:
        line = re.sub(rb'"sessions":(\d+)', lambda m: b'"sessions":%d' % (int(m.group(1)) + 1), line, count=1)
    if i % 25 == 3:
        line = re.sub(rb'"plan":"[^"]*"', lambda m: b'"plan":"team"' if m.group(0) == b'"plan":"enterprise"' else b'"plan":"enterprise"', line, count=1)
    if i % 20 == 7:
        line = re.sub(rb',?"(referrer|utm_campaign)":"[^"]*"', b"", line)
        line = line.replace(b'{,', b'{')
    night2.append(line)
for i, line in enumerate(generate(60, 12)):
    night2.append(re.sub(rb'"user_id":"user-\d+"', b'"user_id":"user-9%08d"' % i, line, count=1))

write("night-1.ndjson.gz", night1)
write("night-2.ndjson.gz", night2)
