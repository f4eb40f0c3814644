#!/usr/bin/env python3
"""Generates Amplitude User Profile API records (NDJSON) for samples/amplitude-users.ndjson.gz
(the benchmark uses `etl generate`).

Deterministic for a given seed. Records average about 1 KB, in both response shapes of the
Amplitude documents (main: amp_props; OpenAPI: user_properties + computed_properties).
--messy adds the faults real dumps have: device-only users, users with no id at all, values
with stray whitespace and odd case, country names instead of codes, wrong JSON types, long
strings and arrays, null values, keys Braze cannot take, and duplicate keys.

usage: generate_amplitude.py --records 300 --messy --seed 7 | gzip > amplitude-users.ndjson.gz
"""
import argparse
import json
import random
import sys

FIRST = ["Zoë", "Liam", "Amélie", "Noah", "Sofía", "Mateo", "Hannah", "Yuki", "Olusegun", "Priya",
         "Chloé", "Lukas", "Emma", "Jonas", "Ana", "Wei", "Fatima", "Oscar", "Ingrid", "Kwame"]
LAST = ["Martin", "Smith", "García", "Müller", "Rossi", "Tanaka", "Okafor", "Patel", "Dubois",
        "Nowak", "Johansson", "Silva", "Kim", "O'Brien", "Van der Berg", "Haddad", "Ivanova"]
PLACES = [  # country as code or name, language as code or tag, city, time zone, phone prefix
    ("US", "en", "Chicago", "America/Chicago", "+1 312 555 "),
    ("United States", "en-US", "New York", "Eastern Time (US & Canada)", "+1 (212) 555-"),
    ("GB", "en_GB", "London", "Europe/London", "+44 20 7946 "),
    ("FR", "fr", "Lyon", "Europe/Paris", "+33 6 12 34 "),
    ("DE", "de", "Berlin", "Europe/Berlin", "0049 30 1234"),
    ("es", "Spanish", "Madrid", "Europe/Madrid", "+34 612 34 "),
    ("JP", "ja", "Tokyo", "Asia/Tokyo", "+81 3-1234-"),
    ("BRA", "pt-BR", "São Paulo", "America/Sao_Paulo", "+55 11 91234-"),
    ("IN", "hi", "Mumbai", "Asia/Kolkata", "+91 98765 4"),
    ("NG", "en", "Lagos", "Africa/Lagos", "+234 803 123 "),
]
LIBS = ["amplitude-ios/8.3.0", "amplitude-android/2.39.2", "http/1.0", "amplitude-js/8.21.4"]
PLATFORMS = [("iOS", "ios 16.1", "iPhone 13"), ("Android", "android 13", "Pixel 7"), ("Web", "Chrome 118", "Mac")]
GENRES = ["jazz", "rock", "pop", "classical", "hip-hop", "folk", "electronic", "blues", "metal", "soul"]
ITEMS = ["cookie", "croissant", "donut", "bagel", "muffin", "scone", "brioche", "pretzel", "waffle", "eclair",
         "bulgogi", "bibimbap", "kimchi", "samgyeopsal", "tteokbokki"]


def hexid(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def device(rng):
    return f"{hexid(rng, 8)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 12)}"


def record(rng, i, messy):
    country, language, city, tz, phone = rng.choice(PLACES)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    platform, os_name, device_type = rng.choice(PLATFORMS)
    email = f"{first.lower()}.{last.lower().replace(' ', '').replace(chr(39), '')}{i}@example.com"
    props = {
        "first_name": first,
        "last_name": last,
        "email": email,
        "phone": phone + f"{rng.randrange(1000, 9999)}",
        "country": country,
        "language": language,
        "city": city,
        "gender": rng.choice(["M", "F", "female", "male", "O", "P"]),
        "timezone": tz,
        "dob": f"{rng.randrange(1950, 2006)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        "first_used": f"20{rng.randrange(15, 21)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        "last_used": f"2023-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z",
        "library": rng.choice(LIBS),
        "platform": platform,
        "os": os_name,
        "device_type": device_type,
        "version": f"3.{rng.randrange(40)}.{rng.randrange(10)}",
        "paying": rng.random() < 0.2,
        "sessions": rng.randrange(1, 3000),
        "lifetime_value": round(rng.random() * 500, 2),
        "favorite_genres": rng.sample(GENRES, rng.randrange(0, 5)),
        "referrer": rng.choice(["google", "facebook", "newsletter", "organic", "tiktok"]),
        "plan": rng.choice(["free", "plus", "family", "student"]),
    }
    openapi = rng.random() < 0.3
    computed = {"computed-ltv-90d": f"{rng.random() * 200:.2f}", "computed-sessions-30d": str(rng.randrange(60))}
    user = {"user_id": f"user-{i:09d}", "device_id": device(rng)}
    if rng.random() < 0.5 or openapi:
        user["amplitude_id"] = rng.randrange(10**11, 10**12)
    recs = []
    for rec_id in rng.sample(["home_feed", "similar_items", "next_purchase"], rng.randrange(0, 3)):
        items = rng.sample(ITEMS, 5)
        if openapi:
            recs.append({"rec_id": rec_id, "child_ids": items, "is_control": rng.random() < 0.1,
                         "recommendation_type": "model", "title": "Picked for you"})
        else:
            recs.append({"rec_id": rec_id, "child_rec_id": rec_id, "items": items,
                         "is_control": rng.random() < 0.1, "recommendation_source": "model",
                         "last_updated": 1608670720 + rng.randrange(10**7)})
    cohorts = [f"cohort{c}" for c in rng.sample(range(1, 40), rng.randrange(0, 6))]

    dup = None
    if messy:
        r = rng.random()
        if r < 0.06:
            del user["user_id"]  # an anonymous device: becomes a Braze alias
        elif r < 0.08:
            del user["user_id"], user["device_id"]  # nothing to identify: rejected
            user.pop("amplitude_id", None)
            props.pop("email"), props.pop("phone")
        if rng.random() < 0.1 and "email" in props:
            props["email"] = "  " + props["email"].replace("example.com", "Example.COM") + " "
        if rng.random() < 0.05 and "email" in props:
            props["email"] = rng.choice(["not-an-email", "two@@example.com", 12345])
        if rng.random() < 0.05:
            props["gender"] = rng.choice(["FEMALE", "Male", "unknown", "prefer not to say"])
        if rng.random() < 0.03:
            props["favorite_genres"] = [rng.choice(GENRES) for _ in range(40)]  # over 25, repeats
        if rng.random() < 0.03:
            props["bio"] = "lorem ipsum " * 30  # over 255 characters
        if rng.random() < 0.03:
            props["$referrer"] = "google"  # Braze keys may not start with $
        if rng.random() < 0.03:
            props["email_subscribe"] = "opted_in"  # custom property with a Braze standard name
        if rng.random() < 0.03:
            props["nickname"] = None
        if rng.random() < 0.02:
            props["matrix"] = [[1, 2], [3, 4]]  # arrays of arrays are invalid in Braze
        if rng.random() < 0.02:
            dup = ("plan", "enterprise")  # a duplicate key: the later value wins
        if rng.random() < 0.02:
            computed["computed-score"] = "5000000. "
        if rng.random() < 0.03:  # field values the validator rewrites or leaves out
            props["country"] = rng.choice(["USA", "U.K.", "Deutschland", "Côte d'Ivoire", "Narnia"])
        if rng.random() < 0.02:
            props["language"] = rng.choice(["English", "FRE", "pt_BR.UTF-8", "Klingon"])
        if rng.random() < 0.03:
            props["phone"] = rng.choice(["020 7946 0958", "+1 555", "+999 1234 5678", "(415) 555-0123 x12"])
        if rng.random() < 0.02:
            props["timezone"] = rng.choice(["america/new_york", "Pacific Time (US & Canada)", "GMT+2"])
        if rng.random() < 0.03:
            props["dob"] = rng.choice(["05/17/1990", "1990-02-30", "17.05.1990", "19900517"])
        if rng.random() < 0.03:
            props["first_used"] = rng.choice([1609459200, 1609459200123, "Fri Jan 01 00:00:00 +0000 2021"])

    if openapi:
        user["user_properties"] = props
        user["computed_properties"] = {k[len("computed-"):]: v for k, v in computed.items()}
    else:
        props.update(computed)
        user["amp_props"] = props
    user["cohort_ids"] = cohorts or None
    user["recommendations"] = recs or None
    line = json.dumps({"userData": user}, ensure_ascii=False, separators=(",", ":"))
    if dup:
        line = line.replace('"plan":', f'"{dup[0]}":"{dup[1]}","plan":', 1)
    return line


def size(text):
    units = {"K": 10**3, "M": 10**6, "G": 10**9}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int)
    ap.add_argument("--bytes", type=size, help="stop after about this many bytes (1G, 500M)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--messy", action="store_true")
    args = ap.parse_args()
    if not args.records and not args.bytes:
        ap.error("give --records or --bytes")
    rng = random.Random(args.seed)
    out = sys.stdout.buffer
    written, i = 0, 0
    chunk = []
    while (args.records is None or i < args.records) and (args.bytes is None or written < args.bytes):
        data = (record(rng, i, args.messy) + "\n").encode()
        chunk.append(data)
        written += len(data)
        i += 1
        if len(chunk) == 1000:
            out.write(b"".join(chunk))
            chunk = []
    out.write(b"".join(chunk))


if __name__ == "__main__":
    main()
