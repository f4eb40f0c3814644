#!/usr/bin/env python3
"""Writes the country and language tables of the Schemas module from Debian's iso-codes.

    python3 scripts/tables/iso_tables.py [--fixtures]

Reads /usr/share/iso-codes/json/iso_3166-1.json and iso_639-2.json (package iso-codes), the
alias lists next to this script, and each country's name in its own official languages from
the Unicode CLDR through the `babel` Python package (pip install babel==2.18.0), and writes
Sources/Schemas/Validation/Tables/{Country,Language,Fold}Table.swift.
With --fixtures it also writes the test expectations under Tests/GoldenFiles/validation/, which
list the ISO data only (no aliases, no derived names) so the tests check the tables independently.

Each table is one multi-line string literal parsed once at run time: large array or dictionary
literals make the Swift type checker take minutes. Python 3 standard library and babel.
"""
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

ISO = Path("/usr/share/iso-codes/json")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TABLES = ROOT / "Sources/Schemas/Validation/Tables"
FIXTURES = ROOT / "Tests/GoldenFiles/validation"

# Withdrawn ISO 639-1 codes with a one-to-one successor. Java and Android still write the first
# three (Locale keeps the old codes), so they are accepted and rewritten. `sh` (Serbo-Croatian)
# has no single successor and stays invalid.
DEPRECATED_639_1 = {"iw": "he", "in": "id", "ji": "yi", "mo": "ro"}

# Letters that canonical decomposition leaves alone but people write without the mark.
EXTRA_FOLDS = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ĸ": "k",
}
FOLD_RANGES = [(0x00C0, 0x024F), (0x1E00, 0x1EFF)]


def fold_table():
    """Latin letters with marks -> ASCII letters, the same table the Swift key uses."""
    folds = {}
    for lo, hi in FOLD_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
            if base != ch and base.isascii() and base.isalpha():
                folds[ch] = base
    folds.update(EXTRA_FOLDS)
    return folds


FOLDS = fold_table()
SEPARATORS = set(" \t-,;()/_")
DROPPED = set("'.\u2019")


def key(s):
    """Mirror of NameKey.make in Swift: None when the text holds a character no name has."""
    words, word = [], []

    def brk():
        if word:
            words.append("".join(word))
            word.clear()

    def take(ch):
        if ch.isascii():
            if ch.isalnum():
                word.append(ch.lower())
            elif ch in DROPPED:
                pass
            elif ch == "&":
                brk()
                words.append("and")
            elif ch in SEPARATORS:
                brk()
            else:
                return False
            return True
        if unicodedata.category(ch) == "Mn" or ch in DROPPED:
            return True
        if ch in FOLDS:
            return all(take(c) for c in FOLDS[ch])
        if ch.isspace():
            brk()
            return True
        if ch.isalpha():
            word.append(ch.lower())
            return True
        return False

    for ch in s:
        if not take(ch):
            return None
    brk()
    if words and words[0] == "the":
        words.pop(0)
    if words and words[-1] == "the":
        words.pop()
    return "".join(words) or None


def variants(name):
    """Names derived from an ISO or alias name: without a parenthesis, `B A` (when B reads as a
    prefix) and `A` from `A, B`, and `St` for `Saint`. They lose to any listed name and are dropped when two codes
    derive the same one."""
    out = []
    if "(" in name:
        bare = " ".join(name[: name.index("(")].split() + name[name.index(")") + 1 :].split())
        out.append(bare)
        name = bare
    if name.count(",") == 1:
        a, b = (p.strip() for p in name.split(","))
        # `Korea, Republic of` reads back as `Republic of Korea`; `Taiwan, Province of China`
        # or `Bonaire, Sint Eustatius and Saba` are lists, not inversions.
        if b.endswith(" of") or b.endswith(" of the") or " " not in b:
            out.append(f"{b} {a}")
        out.append(a)
    for n in [name] + out:
        if n.split()[0:1] == ["Saint"]:
            out.append("St " + n[len("Saint ") :])
    return [n for n in out if n]


def read_aliases(path):
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, alias = line.split("\t")
            rows.append((code, alias))
    return rows


def resolve(listed, derived, foreign=()):
    """listed/derived: (code, name) pairs. Returns code -> names with unambiguous keys.
    `foreign` are (code, name) claims of entries that are not emitted (639-2 languages without
    a 639-1 code): a derived name they share is ambiguous too."""
    owner = {}
    for code, name in listed:
        k = key(name)
        if k is None:
            sys.exit(f"unkeyable listed name {name!r}")
        if owner.get(k, code) != code:
            sys.exit(f"{name!r} names both {owner[k]} and {code}")
        owner[k] = code
    weak = {}
    for code, name in list(derived) + list(foreign):
        k = key(name)
        if k is not None and k not in owner:
            weak.setdefault(k, set()).add(code)
    names, seen = {}, set()
    for code, name in list(listed) + list(derived):
        k = key(name)
        if k is None or k in seen:
            continue
        if owner.get(k) == code or (k not in owner and weak.get(k) == {code}):
            seen.add(k)
            names.setdefault(code, []).append(name)
    return names


def iso_version():
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"], capture_output=True, text=True)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def swift_literal(lines):
    body = "\n".join("    " + l.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") for l in lines)
    return f'"""\n{body}\n    """'


def header(sources):
    return (
        "// Generated by `python3 scripts/tables/iso_tables.py` from " + sources + ".\n"
        "// Do not edit: change the alias list or the script and run it again.\n"
    )


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def self_names(rows):
    """(code, name) for each country's name in each of its official languages (CLDR's territory
    names in that language, `Deutschland`, `Suisse`, `日本`), with the CLDR version. Names a key
    cannot be made of (scripts whose vowel signs are not letters, such as Devanagari) are left
    out; so are English names, which the ISO names already cover."""
    try:
        import babel
        from babel import Locale
        from babel.languages import get_official_languages
    except ImportError:
        sys.exit("needs the babel package for the countries' own names: pip install babel==2.18.0")
    names = []
    for r in rows:
        code = r["alpha_2"]
        for lang in get_official_languages(code, de_facto=True):
            if lang == "en":
                continue
            try:
                name = Locale.parse(lang).territories.get(code)
            except (ValueError, babel.UnknownLocaleError):
                continue
            if name and key(name) is not None and (code, name) not in names:
                names.append((code, name))
    return names, f"CLDR {babel.core.get_cldr_version()} through babel {babel.__version__}"


def countries():
    rows = sorted(json.loads((ISO / "iso_3166-1.json").read_text())["3166-1"], key=lambda r: r["alpha_2"])
    assert len(rows) == 249, len(rows)
    aliases = read_aliases(HERE / "country-aliases.tsv")
    codes = {r["alpha_2"].lower(): r["alpha_2"] for r in rows}
    codes3 = {r["alpha_3"].lower(): r["alpha_2"] for r in rows}
    listed = [(r["alpha_2"], r[f]) for r in rows for f in ("name", "official_name", "common_name") if f in r]
    listed += [(c, a) for c, a in aliases]
    for c, a in aliases:
        if c not in codes.values():
            sys.exit(f"alias {a!r} for unknown country {c}")
    derived = [(c, v) for c, n in listed for v in variants(n)]
    # Own-language names are weak like derived ones: one that another country lists, or that two
    # countries share (`Guinea` is also Spanish for Guinea-Bissau's neighbour), or that is another
    # country's code, is left out: only unambiguous self-names are accepted.
    native, cldr = self_names(rows)
    native = [(c, n) for c, n in native if codes.get(key(n), c) == c and codes3.get(key(n), c) == c]
    names = resolve(listed, derived + native)
    for c, ns in names.items():
        for n in ns:
            k = key(n)
            if codes.get(k, c) != c or codes3.get(k, c) != c:
                sys.exit(f"{n!r} ({c}) is the code of another country")
    lines = ["\t".join([r["alpha_2"], r["alpha_3"]] + names[r["alpha_2"]]) for r in rows]
    text = header(f"Debian iso-codes {iso_version()}\n// (/usr/share/iso-codes/json/iso_3166-1.json), scripts/tables/country-aliases.tsv\n// and the countries' names in their official languages from the Unicode CLDR, {cldr}")
    text += (
        "\n/// ISO 3166-1: one country a line, tab-separated: alpha-2, alpha-3, then every accepted\n"
        "/// name (ISO short, official and common names, aliases, forms derived from them, and the\n"
        "/// country's own names in its official languages).\n"
        f"enum CountryTable {{\n    static let rows = {swift_literal(lines)}\n}}\n"
    )
    write(TABLES / "CountryTable.swift", text)
    return rows


def languages():
    rows = json.loads((ISO / "iso_639-2.json").read_text())["639-2"]
    with1 = sorted((r for r in rows if "alpha_2" in r), key=lambda r: r["alpha_2"])
    assert len(with1) == 184, len(with1)
    aliases = read_aliases(HERE / "language-aliases.tsv")
    by2 = {r["alpha_2"] for r in with1}
    for c, a in aliases:
        if c not in by2:
            sys.exit(f"alias {a!r} for unknown language {c}")

    def parts(r):
        # The whole `Spanish; Castilian` as well as each part.
        ns = [p.strip() for p in r["name"].split(";")]
        return ns + ([r["name"]] if len(ns) > 1 else []) + ([r["common_name"]] if "common_name" in r else [])

    listed = [(r["alpha_2"], p) for r in with1 for p in parts(r)] + aliases
    derived = [(c, v) for c, n in listed for v in variants(n)]
    without = [r for r in rows if "alpha_2" not in r]
    foreign = [(r["alpha_3"], v) for r in without for p in parts(r) for v in [p] + variants(p)]
    foreign_listed = {key(p) for r in without for p in parts(r)}
    names = resolve(listed, derived, foreign)
    all3 = {r["alpha_3"]: r.get("alpha_2") for r in rows} | {r["bibliographic"]: r.get("alpha_2") for r in rows if "bibliographic" in r}
    for c, ns in names.items():
        for n in ns:
            k = key(n)
            if k in foreign_listed:
                sys.exit(f"{n!r} ({c}) is also the name of a language without an ISO 639-1 code")
            if (len(k) == 3 and k in all3 and all3[k] != c) or (len(k) == 2 and k in by2 | set(DEPRECATED_639_1) and k != c):
                sys.exit(f"{n!r} ({c}) collides with a code")
    old = {}
    for d, c in DEPRECATED_639_1.items():
        old.setdefault(c, []).append(d)
    lines = []
    for r in with1:
        codes = [r["alpha_3"]] + ([r["bibliographic"]] if "bibliographic" in r else []) + old.get(r["alpha_2"], [])
        lines.append("\t".join([r["alpha_2"], " ".join(codes)] + names[r["alpha_2"]]))
    text = header(f"Debian iso-codes {iso_version()}\n// (/usr/share/iso-codes/json/iso_639-2.json) and scripts/tables/language-aliases.tsv")
    text += (
        "\n/// ISO 639-1: one language a line, tab-separated: the 639-1 code, its other codes (ISO 639-2/T,\n"
        "/// 639-2/B, withdrawn 639-1 codes) space-separated, then every accepted English name.\n"
        f"enum LanguageTable {{\n    static let rows = {swift_literal(lines)}\n}}\n"
    )
    write(TABLES / "LanguageTable.swift", text)
    return with1


def folds():
    groups = {}
    for ch, base in sorted(FOLDS.items()):
        groups.setdefault(base, []).append(ch)
    lines = [base + "\t" + "".join(chs) for base, chs in sorted(groups.items())]
    text = header(f"the Unicode {unicodedata.unidata_version} decompositions\n// in Python's unicodedata (Latin letters only) and the script's EXTRA_FOLDS")
    text += (
        "\n/// Latin letters with marks and their plain ASCII spelling, for matching names: one line per\n"
        "/// spelling, tab, then every letter written that way.\n"
        f"enum FoldTable {{\n    static let rows = {swift_literal(lines)}\n}}\n"
    )
    write(TABLES / "FoldTable.swift", text)


def fixtures(crows, lrows):
    c = ["# alpha-2\talpha-3\tISO 3166-1 name (iso-codes " + iso_version() + "), one line per country"]
    c += [f"{r['alpha_2']}\t{r['alpha_3']}\t{r['name']}" for r in crows]
    write(FIXTURES / "countries.tsv", "\n".join(c) + "\n")
    l = ["# 639-1\t639-2/T\t639-2/B or -\tISO 639-2 English name, parts separated by '; ' (iso-codes " + iso_version() + ")"]
    l += [f"{r['alpha_2']}\t{r['alpha_3']}\t{r.get('bibliographic', '-')}\t{r['name']}" for r in lrows]
    write(FIXTURES / "languages.tsv", "\n".join(l) + "\n")


if __name__ == "__main__":
    crows = countries()
    lrows = languages()
    folds()
    if "--fixtures" in sys.argv[1:]:
        fixtures(crows, lrows)
