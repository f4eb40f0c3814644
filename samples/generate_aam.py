#!/usr/bin/env python3
"""Prints Adobe Audience Manager user objects (the AAM user API document, `/api/v1/users`) as NDJSON.

AAM users are the operators of an Audience Manager account (people who log in to it), not end
customers, so the records look like a company's staff list. First the document's own examples
made concrete (placeholders filled in, English keys, both `isAdmin` spellings, `emailAddress`),
then generated records, a few percent of them messy the way hand-kept exports are: bad e-mails,
lower-case status, numeric strings for ids, `emailAddress` instead of `email`, missing username
(some with no e-mail either: an aam writer rejects those), unknown keys.

Python 3 standard library only; deterministic for a given --seed.
Usage: python3 samples/generate_aam.py [--records 100] [--seed 2] > aam-users.ndjson
"""
import argparse
import json
import random

# The examples of the AAM user API document in its order: create request and response, update request and
# response, update-self request and response, get by id, get self (spelled `emailAddress`, as
# the English document does), list item, and a list item with the response's "false".
DOCUMENT_EXAMPLES = [
    {"username": "jdoe", "status": "ACTIVE", "firstName": "John", "lastName": "Doe", "email": "john.doe@example.com", "title": "Campaign Manager", "phoneNumber": "+1 (555) 010-0199", "groups": [343, 12], "isAdmin": True},
    {"pid": 1234, "userId": 5678, "username": "jdoe", "status": "ACTIVE", "firstName": "John", "lastName": "Doe", "email": "john.doe@example.com", "title": "Campaign Manager", "phoneNumber": "+1 (555) 010-0199", "groups": [343, 12], "isAdmin": "true"},
    {"username": "jdoe", "status": "INACTIVE", "firstName": "John", "lastName": "Doe", "email": "jdoe@example.com", "title": None, "phoneNumber": None, "groups": [343]},
    {"pid": 1234, "userId": 5678, "username": "jdoe", "status": "INACTIVE", "firstName": "John", "lastName": "Doe", "email": "jdoe@example.com", "groups": [343]},
    {"status": "ACTIVE", "firstName": "Jane", "lastName": "Roe", "email": "jane.roe@example.com", "title": "Data Engineer", "phoneNumber": "+44 20 7183 8750"},
    {"userId": 9012, "status": "ACTIVE", "firstName": "Jane", "lastName": "Roe", "email": "jane.roe@example.com", "title": "Data Engineer", "phoneNumber": "+44 20 7183 8750"},
    {"pid": 1234, "userId": 5678, "username": "jdoe", "status": "ACTIVE", "firstName": "John", "lastName": "Doe", "email": "john.doe@example.com", "title": "Campaign Manager", "phoneNumber": "+15550100199", "groups": [343, 12]},
    {"pid": 1234, "userId": 9012, "username": "jroe", "status": "LOCKED", "firstName": "Jane", "lastName": "Roe", "emailAddress": "jane.roe@example.com", "title": None, "phoneNumber": None, "groups": [12]},
    {"pid": 1234, "userId": 5679, "username": "asmith", "status": "ACTIVE", "firstName": "Alex", "lastName": "Smith", "email": "asmith@example.com", "title": "Analyst", "phoneNumber": "+49 30 1234567", "groups": [343]},
    {"pid": 1234, "userId": 5680, "username": "bwong", "status": "ACTIVE", "firstName": "Bo", "lastName": "Wong", "email": "bwong@example.com", "title": None, "phoneNumber": None, "groups": [], "isAdmin": "false"},
]

FIRST = ["Amira", "Ben", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ines", "Jonas",
         "Kaja", "Liam", "Maya", "Nikolai", "Olu", "Priya", "Quentin", "Rosa", "Søren", "Tomás",
         "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoë"]
LAST = ["Adeyemi", "Becker", "Castillo", "Dubois", "Eriksson", "Fernández", "García", "Hoang",
        "Ivanova", "Jensen", "Kowalski", "López", "Müller", "Nakamura", "O'Brien", "Patel", "Rossi",
        "Schmidt", "Tanaka", "Usman", "Varga", "Walsh", "Yilmaz", "Zhang"]
TITLES = ["Analyst", "Data Engineer", "Campaign Manager", "Media Buyer", "Audience Strategist",
          "Ad Ops Specialist", "Marketing Director", "Partner Admin", "Data Scientist"]
DOMAINS = ["example.com", "corp.example", "agency.example.net", "media.example.org"]
GROUPS = [12, 343, 501, 502, 777, 1024]
PIDS = [1234, 2671]
# Phone spellings people type into a profile form; all valid numbers of their region.
PHONES = ["+1 (212) 555-{:04d}", "+44 20 7183 {:04d}", "+49 30 1234{:04d}", "+33 1 42 68 {:04d}",
          "+1646555{:04d}", "0044 20 7946 {:04d}", "+1.415.555.{:04d}"]
EXTRA_KEYS = [("lastLoginTime", lambda r: 1_700_000_000 + r.randrange(10_000_000)),
              ("locale", lambda r: r.choice(["en_US", "de_DE", "fr_FR"])),
              ("ssoEnabled", lambda r: r.random() < 0.5)]


def ascii_fold(s):
    table = str.maketrans("éáíóúüöøñçë", "eaiouuoonce")
    return s.lower().translate(table).replace("'", "")


def phone(r):
    return r.choice(PHONES).format(r.randrange(10000))


def user(r, user_id):
    first, last = r.choice(FIRST), r.choice(LAST)
    username = (ascii_fold(first[0]) + ascii_fold(last)).replace(" ", "")
    if r.random() < 0.2:
        username += str(r.randrange(2, 99))
    email = "%s.%s@%s" % (ascii_fold(first), ascii_fold(last).replace(" ", ""), r.choice(DOMAINS))
    rec = {
        "pid": r.choice(PIDS),
        "userId": user_id,
        "username": username,
        "status": r.choices(["ACTIVE", "INACTIVE", "LOCKED"], [80, 12, 8])[0],
        "firstName": first,
        "lastName": last,
        "email": email,
        "title": r.choice(TITLES) if r.random() < 0.7 else None,
        "phoneNumber": phone(r) if r.random() < 0.5 else None,
        "groups": sorted(r.sample(GROUPS, r.randrange(0, 3))),
    }
    # Create/get responses carry isAdmin as a string; some exports were made from requests.
    roll = r.random()
    if roll < 0.45:
        rec["isAdmin"] = r.choice(["true", "false", "false", "false"])
    elif roll < 0.75:
        rec["isAdmin"] = r.random() < 0.15
    if r.random() < 0.05:
        key, make = r.choice(EXTRA_KEYS)
        rec[key] = make(r)
    return rec


def mess(r, rec):
    """One of the faults real exports have."""
    kind = r.randrange(7)
    if kind == 0:
        rec["email"] = r.choice(["%s@" % rec["username"], "%s %s@example.com" % (rec["firstName"], rec["lastName"]),
                                 "%s@[10.0.0.7]" % rec["username"], "%s@@example.com" % rec["username"]])
    elif kind == 1:
        rec["status"] = rec["status"].lower()
    elif kind == 2:
        rec["userId"] = str(rec["userId"])
    elif kind == 3:
        # The English document's spelling, in place of `email`.
        rec = {("emailAddress" if k == "email" else k): v for k, v in rec.items()}
    elif kind == 4:
        del rec["username"]
    elif kind == 5:
        del rec["username"]
        del rec["email"]
    else:
        rec["email"] = rec["email"].upper()
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100)
    ap.add_argument("--seed", type=int, default=2)
    args = ap.parse_args()
    r = random.Random(args.seed)
    out = [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in DOCUMENT_EXAMPLES]
    user_id = 6000
    for _ in range(args.records):
        user_id += r.randrange(1, 4)  # ids of deleted operators leave gaps
        rec = user(r, user_id)
        if r.random() < 0.06:
            rec = mess(r, rec)
        out.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
    print("\n".join(out))


if __name__ == "__main__":
    main()
