#!/usr/bin/env python3
"""Prints Braze /users/export/ids user objects (Braze export document) as NDJSON: the document's own
example object first (English keys, its "..." elisions removed), then generated users
(deterministic with --seed), a few percent of them messy: bad e-mails, country names instead
of codes, Rails time-zone names, missing ids, wrong types, empty apps, alias-only users.

    python3 samples/generate_braze-export.py [--records 100] [--seed 3] | gzip -n -9 > samples/braze-export-users.ndjson.gz
"""
import argparse
import json
import random
import unicodedata
from datetime import datetime, timedelta, timezone

DOC_EXAMPLE = {
    "created_at": "2020-07-10 15:00:00.000 UTC",
    "external_id": "A8i3mkd99",
    "user_aliases": [{"alias_name": "user_123", "alias_label": "amplitude_id"}],
    "braze_id": "5fbd99bac125ca40511f2cb1",
    "random_bucket": 2365,
    "first_name": "Jane",
    "last_name": "Doe",
    "email": "example@braze.com",
    "dob": "1980-12-21",
    "home_city": "Chicago",
    "country": "US",
    "phone": "+442071838750",
    "language": "en",
    "time_zone": "Eastern Time (US & Canada)",
    "last_coordinates": [41.84157636433568, -87.83520818508256],
    "gender": "F",
    "total_revenue": 65,
    "attributed_campaign": "braze_test_campaign_072219",
    "attributed_source": "braze_test_source_072219",
    "attributed_adgroup": "braze_test_adgroup_072219",
    "attributed_ad": "braze_test_ad_072219",
    "push_subscribe": "opted_in",
    "push_opted_in_at": "2020-01-26T22:45:53.953Z",
    "email_subscribe": "subscribed",
    "custom_attributes": {
        "loyaltyId": "37c98b9d-9a7f-4b2f-a125-d873c5152856",
        "loyaltyPoints": "321",
        "loyaltyPointsNumber": 107,
    },
    "custom_events": [
        {"name": "Loyalty Acknowledgement", "first": "2021-06-28T17:02:43.032Z",
         "last": "2021-06-28T17:02:43.032Z", "count": 1},
    ],
    "purchases": [
        {"name": "item_40834", "first": "2021-09-05T03:45:50.540Z", "last": "2022-06-03T17:30:41.201Z", "count": 10},
    ],
    "devices": [
        {"model": "Pixel XL", "os": "Android (Q)", "carrier": None,
         "device_id": "312ef2c1-83db-4789-967-554545a1bf7a", "ad_tracking_enabled": True},
    ],
    "push_tokens": [
        {"app": "MovieCanon", "platform": "Android", "token": "12345abcd",
         "device_id": "312ef2c1-83db-4789-967-554545a1bf7a", "notifications_enabled": True},
    ],
    "apps": [
        {"name": "MovieCannon", "platform": "Android", "version": "3.29.0", "sessions": 1129,
         "first_used": "2020-02-02T19:56:19.142Z", "last_used": "2021-11-11T00:25:19.201Z"},
    ],
    "campaigns_received": [
        {"name": "Email Unsubscribe", "api_campaign_id": "d72fdc84-ddda-44f1-a0d5-0e79f47ef942",
         "last_received": "2022-06-02T03:07:38.105Z", "engaged": {"opened_email": True}, "converted": True,
         "multiple_converted": {"Primary Conversion Event - A": True}, "in_control": False,
         "variation_name": "Variant 1", "variation_api_id": "1bddc73a-a134-4784-9134-5b5574a9e0b8"},
    ],
    "canvases_received": [
        {"name": "Non Global  Holdout Group 4/21/21", "api_canvas_id": "46972a9d-dc81-473f-aa03-e3473b4ed781",
         "last_received_message": "2021-07-07T20:46:24.136Z", "last_entered": "2021-07-07T20:45:24.000+00:00",
         "variation_name": "Variant 1", "in_control": False, "last_entered_control_at": None,
         "last_exited": "2021-07-07T20:46:24.136Z",
         "steps_received": [
             {"name": "Step", "api_canvas_step_id": "43d1a349-c3c8-4be1-9fbe-ce708e4d1c39",
              "last_received": "2021-07-07T20:46:24.136Z"},
         ]},
    ],
    "cards_clicked": [{"name": "Loyalty Promo"}],
}

FIRST = ["Jane", "John", "Amélie", "Lukas", "Sofia", "Mateo", "Yuki", "Olivia", "Noah", "Zoë", "Chloé", "Ali"]
LAST = ["Doe", "Smith", "Müller", "García", "Rossi", "Tanaka", "Dubois", "Nowak", "O'Brien", "Kim"]
PLACES = [  # (country, city, time zone, language, phone prefix and national digits)
    ("US", "Chicago", "America/Chicago", "en", "+1312555", 4),
    ("US", "New York", "America/New_York", "en", "+1212555", 4),
    ("GB", "London", "Europe/London", "en", "+44207946", 4),
    ("FR", "Paris", "Europe/Paris", "fr", "+3314", 7),
    ("DE", "Berlin", "Europe/Berlin", "de", "+4930", 8),
    ("JP", "Tokyo", "Asia/Tokyo", "ja", "+813", 8),
    ("BR", "São Paulo", "America/Sao_Paulo", "pt", "+55119", 8),
]
APPS = [("MovieCannon", "Android"), ("MovieCannon", "iOS"), ("MovieCannon Web", "Web")]
EVENTS = ["Loyalty Acknowledgement", "Added To Cart", "Watched Trailer", "Shared Title"]
SUBSCRIPTIONS = ["opted_in", "subscribed", "unsubscribed"]
EPOCH = datetime(2019, 1, 1, tzinfo=timezone.utc)


def iso(rng, start=EPOCH, days=1200):
    t = start + timedelta(seconds=rng.randrange(days * 86400), milliseconds=rng.randrange(1000))
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000), t


def hexid(rng, n=24):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def user(rng, i):
    country, city, tz, lang, prefix, digits = rng.choice(PLACES)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    created, created_t = iso(rng)
    u = {"created_at": created, "external_id": "user-%05d" % i}
    if rng.random() < 0.3:
        u["user_aliases"] = [{"alias_name": "amp-%d" % rng.randrange(10**9), "alias_label": "amplitude_id"}]
    u["braze_id"] = hexid(rng)
    u["random_bucket"] = rng.randrange(10000)
    u["first_name"], u["last_name"] = first, last
    local = "%s.%s%d" % (first.lower(), last.lower().replace("'", ""), i)
    u["email"] = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode() + "@example.com"
    if rng.random() < 0.8:
        u["dob"] = "%04d-%02d-%02d" % (rng.randrange(1950, 2006), rng.randrange(1, 13), rng.randrange(1, 29))
    u["home_city"], u["country"] = city, country
    if rng.random() < 0.7:
        u["phone"] = prefix + "".join(rng.choice("0123456789") for _ in range(digits))
    u["language"], u["time_zone"] = lang, tz
    if rng.random() < 0.5:
        u["last_coordinates"] = [round(rng.uniform(-180, 180), 6), round(rng.uniform(-80, 80), 6)]
    u["gender"] = rng.choice("MFONP")
    u["total_revenue"] = round(rng.uniform(0, 500), 2) if rng.random() < 0.5 else 0
    u["push_subscribe"] = rng.choice(SUBSCRIPTIONS)
    u["email_subscribe"] = rng.choice(SUBSCRIPTIONS)
    u["custom_attributes"] = {
        "loyaltyId": "%s-%s" % (hexid(rng, 8), hexid(rng, 4)),
        "loyaltyPoints": rng.randrange(5000),
        "favorite_genres": rng.sample(["drama", "comedy", "horror", "documentary", "anime"], rng.randrange(1, 4)),
        "vip": rng.random() < 0.1,
    }
    u["custom_events"] = []
    for name in rng.sample(EVENTS, rng.randrange(0, 3)):
        a, at = iso(rng, created_t, 300)
        b, _ = iso(rng, at, 300)
        u["custom_events"].append({"name": name, "first": a, "last": b, "count": rng.randrange(1, 50)})
    if rng.random() < 0.3:
        a, at = iso(rng, created_t, 300)
        b, _ = iso(rng, at, 300)
        u["purchases"] = [{"name": "item_%d" % rng.randrange(99999), "first": a, "last": b, "count": rng.randrange(1, 12)}]
    u["apps"] = []
    for name, platform in rng.sample(APPS, rng.randrange(1, 3)):
        a, at = iso(rng, created_t, 400)
        b, _ = iso(rng, at, 400)
        u["apps"].append({"name": name, "platform": platform, "version": "3.%d.0" % rng.randrange(40),
                          "sessions": rng.randrange(1, 2000), "first_used": a, "last_used": b})
    if rng.random() < 0.4:
        r, _ = iso(rng, created_t, 400)
        u["campaigns_received"] = [{"name": "Welcome", "api_campaign_id": "%s-%s" % (hexid(rng, 8), hexid(rng, 4)),
                                    "last_received": r, "engaged": {"opened_email": rng.random() < 0.5},
                                    "converted": rng.random() < 0.2}]
    if rng.random() < 0.2:
        u["cards_clicked"] = [{"name": "Loyalty Promo"}]
    return u


def mess(rng, u):
    """One kind of damage real exports have."""
    kind = rng.randrange(8)
    if kind == 0:
        u["email"] = u["email"].replace("@", " at ")               # bad e-mail
    elif kind == 1:
        u["country"] = rng.choice(["United States", "Germany", "france", "UK"])  # a name, not a code
    elif kind == 2:
        u["time_zone"] = "Eastern Time (US & Canada)"              # Rails-style name
    elif kind == 3:
        del u["external_id"]                                         # braze_id only
    elif kind == 4:
        for k in ("external_id", "braze_id"):                        # alias-only user
            u.pop(k, None)
        alias = [{"alias_name": "lead-%d" % rng.randrange(10**6), "alias_label": "crm"}]
        items = [kv for kv in u.items() if kv[0] != "user_aliases"]
        u = dict(items[:1] + [("user_aliases", alias)] + items[1:])  # the export's key order
    elif kind == 5:
        u["apps"] = []                                               # no sessions
    elif kind == 6:
        u["phone"] = "(312) 555-01%02d" % rng.randrange(100)         # national format
    else:
        u["created_at"] = u["created_at"].replace("T", " ").replace("Z", " UTC")  # Braze's own form
    return u


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = [DOC_EXAMPLE]
    for i in range(1, args.records + 1):
        u = user(rng, i)
        if rng.random() < 0.08:
            u = mess(rng, u)
        out.append(u)
    for u in out:
        print(json.dumps(u, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main()
