#!/usr/bin/env python3
"""Prints Braze /users/track attributes objects (format `braze-attributes`) as NDJSON.

First the example objects of the Braze attributes object document (English
keys, the request example's missing brace restored), then generated users: about 100, a few
percent messy (bad e-mails, country names, Braze date formats, missing identifiers, nulls).
Python 3 standard library only; the same seed prints the same bytes.

    python3 samples/generate_braze-attributes.py | gzip -n -9 > samples/braze-attributes-users.ndjson.gz
"""
import json
import random
import sys

SEED = 4004
COUNT = 100

DOC_EXAMPLES = [
    {"external_id": "user1", "first_name": "Jon", "email": "bob@example.com",
     "my_custom_attribute": "value", "my_custom_attribute_2": {"inc": 1},
     "my_array_custom_attribute": ["Value1", "Value2"]},
    {"external_id": "user1", "my_array_custom_attribute": {"add": ["Value3"]}},
    {"external_id": "user1", "my_array_custom_attribute": {"remove": ["Value1"]}},
    {"external_id": "user1", "first_name": "Jon", "has_profile_picture": True, "dob": "1988-02-14",
     "music_videos_favorited": {"add": ["calvinharris-summer"], "remove": ["nickiminaj-anaconda"]}},
    {"external_id": "user2", "first_name": "Jill", "has_profile_picture": False,
     "push_tokens": [{"app_id": "Your App Identifier", "token": "abcd", "device_id": "optional_field_value"}]},
    {"user_alias": {"alias_name": "device123", "alias_label": "my_device_identifier"},
     "first_name": "Alice", "has_profile_picture": False},
    {"external_id": "user3", "subscription_groups": [
        {"subscription_group_id": "subscription_group_identifier", "subscription_state": "subscribed"}]},
    {"push_token_import": True, "push_tokens": [{"app_id": "Your App Identifier", "token": "abcd"}]},
]

FIRST = ["Jon", "Jill", "Alice", "Ana", "Ben", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro",
         "Ines", "Jae", "Kofi", "Lena", "Mateo", "Noor", "Olga", "Priya", "Quinn", "Rosa", "Sven"]
LAST = ["Doe", "Smith", "García", "Müller", "Rossi", "Kim", "Nguyen", "Okafor", "Dubois", "Silva",
        "Kowalski", "Andersen", "Tanaka", "O'Brien"]
PLACES = [("US", "en", "New York", "America/New_York", "+1212555"),
          ("GB", "en", "London", "Europe/London", "+4420718"),
          ("FR", "fr", "Paris", "Europe/Paris", "+3314455"),
          ("DE", "de", "Berlin", "Europe/Berlin", "+4930901"),
          ("BR", "pt", "São Paulo", "America/Sao_Paulo", "+5511987"),
          ("JP", "ja", "Tokyo", "Asia/Tokyo", "+8132345"),
          ("AU", "en", "Sydney", "Australia/Sydney", "+6129876")]
PLANS = ["free", "pro", "team", "enterprise"]
TAGS = ["beta", "newsletter", "vip", "churn-risk", "mobile", "web", "referral"]
SUBS = ["opted_in", "subscribed", "unsubscribed"]


def stamp(rng, year_from, year_to):
    return "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
        rng.randint(year_from, year_to), rng.randint(1, 12), rng.randint(1, 28),
        rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999))


def user(rng, i):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    country, language, city, zone, phone_prefix = rng.choice(PLACES)
    o = {}
    kind = rng.random()
    if kind < 0.75:
        o["external_id"] = "user-%05d" % i
    elif kind < 0.85:
        o["user_alias"] = {"alias_name": "crm-%05d" % i, "alias_label": "crm_id"}
        o["_update_existing_only"] = False
    elif kind < 0.90:
        o["braze_id"] = "%024x" % rng.getrandbits(96)
    elif kind < 0.95:
        o["user_alias"] = {"alias_name": "dev-%08x" % rng.getrandbits(32), "alias_label": "amplitude_device_id"}
        o["_update_existing_only"] = False
    # else: identified by e-mail alone (or, messy, by nothing)
    o["first_name"] = first
    o["last_name"] = last
    if rng.random() < 0.9 or "external_id" not in o and "user_alias" not in o and "braze_id" not in o:
        o["email"] = "%s.%s%d@example.com" % (first.lower().replace("é", "e"), last.lower().replace("'", ""), i)
    if rng.random() < 0.6:
        o["phone"] = phone_prefix + "%04d" % rng.randint(0, 9999)
    o["gender"] = rng.choice("MFONP")
    o["dob"] = "%04d-%02d-%02d" % (rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
    o["country"] = country
    o["language"] = language
    o["home_city"] = city
    o["time_zone"] = zone
    o["date_of_first_session"] = stamp(rng, 2018, 2021)
    o["date_of_last_session"] = stamp(rng, 2022, 2024)
    o["email_subscribe"] = rng.choice(SUBS)
    o["push_subscribe"] = rng.choice(SUBS)
    if rng.random() < 0.3:
        o["push_tokens"] = [{"app_id": "app-ios", "token": "%064x" % rng.getrandbits(256)}]
    if rng.random() < 0.2:
        o["subscription_groups"] = [{"subscription_group_id": "sg-news", "subscription_state": rng.choice(["subscribed", "unsubscribed"])}]
    if rng.random() < 0.1:
        o["current_location"] = {"longitude": round(rng.uniform(-180, 180), 6), "latitude": round(rng.uniform(-90, 90), 6)}
    if rng.random() < 0.05:
        o["email_open_tracking_disabled"] = True
    o["plan"] = rng.choice(PLANS)
    o["lifetime_value"] = round(rng.uniform(0, 5000), 2)
    o["tags"] = rng.sample(TAGS, rng.randint(1, 3))
    if rng.random() < 0.3:
        o["visits"] = {"inc": rng.randint(1, 5)}
    if rng.random() < 0.2:
        o["interests"] = {"add": rng.sample(TAGS, 1), "remove": rng.sample(TAGS, 1)}
    if rng.random() < 0.15:
        o["address"] = {"street": "%d Main St" % rng.randint(1, 999), "zip": "%05d" % rng.randint(0, 99999)}
    if rng.random() < 0.15:  # written by etl's own writer from an Amplitude source
        o["amplitude_id"] = rng.randint(10**9, 10**12)
        o["amplitude_cohorts"] = ["cohort-%d" % rng.randint(1, 9)]
    return mess(rng, o)


def mess(rng, o):
    """A few percent of realistic faults."""
    r = rng.random()
    if r < 0.03:
        o["email"] = "not-an-email"
    elif r < 0.06:
        o["country"] = rng.choice(["United States", "germany", "UK", "Narnia"])
    elif r < 0.08:
        o["date_of_first_session"] = rng.choice(["07/16/2019", "2019-07-16 10:20:30", "1563272430"])
    elif r < 0.10:
        o["gender"] = rng.choice(["female", "Male", "x"])
    elif r < 0.12:
        for key in ("external_id", "user_alias", "_update_existing_only", "braze_id", "email", "phone"):
            o.pop(key, None)
    elif r < 0.14:
        o["phone"] = "+1 (212) 555-01%02d" % rng.randint(0, 99)
    elif r < 0.15:
        o["nickname"] = None
    return o


def main():
    rng = random.Random(SEED)
    out = sys.stdout
    for o in DOC_EXAMPLES:
        out.write(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n")
    for i in range(1, COUNT + 1):
        out.write(json.dumps(user(rng, i), ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
